// Tested by tests/segment_test.cc.
//
// Tokens: a word is a run of letters, marks and digits that may hold inner
// hyphens ("full-scale", "90-minute"), inner apostrophes ("O'Brien"), digit
// groups ("1,000", "3.5") and dotted initials ("U.S."). English clitics are
// split off the word they lean on ("Russia" "'s", "did" "n't"), as are
// sentence punctuation marks, each its own token ("--" and "..." are one).
// A word followed by a full stop keeps it when it is a known abbreviation
// ("Mr.", "Gen.", "Jan."), an initial ("J.") or a dotted form ("U.N.").
//
// Sentences: a boundary follows ".", "!", "?" (and any closing quotes or
// brackets after them) when the next token could start a sentence (capital,
// digit, opening quote or bracket); a blank line always ends a sentence (so a
// headline is its own sentence); a wire dateline ("SALVADOR, Feb 26 -") is
// split from the sentence it opens. An abbreviation ends a sentence only
// before a word that typically opens one ("... in the U.S. The talks"), never
// a title ("Gen. Smith").
#include "text/segment.h"

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <array>
#include <atomic>
#include <cstring>
#include <mutex>
#include <string>

#include "text/vocabulary.h"
#include "text/wordset.h"

namespace parley {
namespace {

struct Cp {
  int32_t cp = -1;
  int len = 0;
};

Cp Decode(std::string_view s, size_t pos) {
  Cp c;
  if (pos >= s.size()) return c;
  unsigned char b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) return Cp{b, 1};
  utf8proc_int32_t cp;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
                            static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
  if (n <= 0) return Cp{-1, 1};
  return Cp{cp, static_cast<int>(n)};
}

bool IsSpace(int32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return true;
  if (cp < 0x80) return false;
  if (cp == 0x200B || cp == 0xFEFF || cp == 0x200C || cp == 0x200D || cp == 0x2060) return true;
  auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

bool IsWordChar(int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp < 0) return false;
  auto cat = utf8proc_category(cp);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) || cat == UTF8PROC_CATEGORY_ND ||
         cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO;
}

bool IsDigit(int32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsUpper(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}
bool IsLower(int32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}
bool IsLetter(int32_t cp) { return IsUpper(cp) || IsLower(cp) || (cp >= 0x80 && IsWordChar(cp) && !IsDigit(cp)); }
bool IsApostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }
bool IsHyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

// Words that keep a following full stop. Titles (which never end a sentence)
// are separate from the rest.
constexpr std::string_view kTitleAbbreviationWords[] = {
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "cpt", "gov", "sen", "rep", "prof",
    "rev", "st", "mt", "maj", "adm", "cmdr", "pres", "hon", "brig", "cpl", "pvt", "supt", "insp",
    "fr", "sr", "jr", "messrs", "mme", "mlle", "gens", "reps", "sens", "amb", "atty", "lieut",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos",
    "vs", "v", "approx", "dept", "est", "fig", "ft", "vol", "art", "para", "ch", "pp"};
constexpr std::string_view kOtherAbbreviationWords[] = {
    "inc", "corp", "co", "ltd", "plc", "bros", "etc", "al", "cf", "univ", "assn", "ave", "blvd",
    "rd", "mln", "bln", "pct", "dlrs", "yr", "yrs", "mins", "hrs", "govt", "intl", "natl", "ex"};
const WordSet& TitleAbbreviations() {
  static const WordSet k(std::begin(kTitleAbbreviationWords), std::end(kTitleAbbreviationWords));
  return k;
}
const WordSet& OtherAbbreviations() {
  static const WordSet k(std::begin(kOtherAbbreviationWords), std::end(kOtherAbbreviationWords));
  return k;
}

// A filter on the two lists above for the tokeniser's usual path, where
// most words before a full stop are none ("said.", "year."): the pairs of
// first and last letter that a word of each length (up to kAbbrevMaxLength)
// has in them, one bit per pair. Every word in them is lower-case ASCII
// letters.
constexpr size_t kAbbrevMaxLength = 8;
using AbbrevFilter = std::array<std::array<uint64_t, (26 * 26 + 63) / 64>, kAbbrevMaxLength + 1>;
constexpr AbbrevFilter kAbbrevFilter = [] {
  AbbrevFilter f{};
  auto add = [&f](std::string_view w) {
    if (w.empty() || w.size() > kAbbrevMaxLength) throw "an abbreviation too long for the filter";
    for (char c : w)
      if (c < 'a' || c > 'z') throw "an abbreviation that is not lower-case ASCII letters";
    const unsigned bit = static_cast<unsigned>(w.front() - 'a') * 26 + static_cast<unsigned>(w.back() - 'a');
    f[w.size()][bit / 64] |= uint64_t{1} << (bit % 64);
  };
  for (std::string_view w : kTitleAbbreviationWords) add(w);
  for (std::string_view w : kOtherAbbreviationWords) add(w);
  return f;
}();
// False when the lower-case ASCII `w` is in neither list; true when it
// may be (the lists then say).
inline bool MayBeAbbreviation(std::string_view w) {
  if (w.empty() || w.size() > kAbbrevMaxLength) return false;
  const unsigned a = static_cast<unsigned char>(w.front()) - 'a', z = static_cast<unsigned char>(w.back()) - 'a';
  if (a >= 26 || z >= 26) return false;
  const unsigned bit = a * 26 + z;
  return (kAbbrevFilter[w.size()][bit / 64] >> (bit % 64)) & 1;
}
// Capitalised words that usually open a sentence: an abbreviation before one
// of these ends the sentence.
const WordSet& SentenceOpeners() {
  static const WordSet k = {
      "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "on", "at",
      "this", "that", "these", "those", "his", "her", "their", "its", "our", "however", "meanwhile",
      "officials", "there", "then", "after", "before", "when", "while", "although", "though", "if",
      "as", "some", "many", "most", "both", "all", "no", "one", "two", "earlier", "later", "last",
      "mr.", "mrs.", "ms.", "dr.", "president", "yet", "still", "so", "for", "with", "under",
      "during", "since", "according", "also", "such", "other", "another", "what", "why", "how"};
  return k;
}

std::string AsciiLower(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

bool IsAscii(std::string_view s) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {  // eight bytes at a time
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (x & 0x8080808080808080ull) return false;
  }
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  return true;
}

// Eight bytes at a time (SWAR): for each byte of `w`, 0x80 where the
// byte is ASCII and in [lo, hi], else 0.
constexpr uint64_t kOnes8 = 0x0101010101010101ull, kHigh8 = 0x8080808080808080ull;
inline uint64_t BytesInRange(uint64_t w, unsigned char lo, unsigned char hi) {
  const uint64_t h = w & ~kHigh8;  // each byte's low seven bits: no carry between bytes below
  const uint64_t ge_lo = h + kOnes8 * (0x80 - lo), gt_hi = h + kOnes8 * (0x7F - hi);
  return ge_lo & ~gt_hi & ~w & kHigh8;
}
inline uint64_t BytesEqual(uint64_t w, unsigned char c) {
  const uint64_t x = (w & ~kHigh8) ^ (kOnes8 * c);
  return ~(x + ~kHigh8) & ~w & kHigh8;
}

// dst[i] = the ASCII lower case of src[i] (other bytes unchanged), for
// i < n, calling on_newline(i) for each '\n' at i, in order: sixteen bytes
// a step (SSE2), else eight (SWAR), in one pass. dst may be src (each
// step reads its bytes before writing them).
template <typename F>
void AsciiLowerInto(const char* src, size_t n, char* dst, F&& on_newline) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    // 'A'..'Z' moved to the bottom of the signed range: the upper-case
    // letters are the bytes below -128 + 26 after the shift.
    const __m128i shifted = _mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(0x80 - 'A')));
    const __m128i upper = _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(-128 + 26)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
    for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')))); m != 0;
         m &= m - 1)
      on_newline(i + static_cast<size_t>(__builtin_ctz(m)));
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, src + i, 8);
    for (uint64_t m = BytesEqual(w, '\n'); m != 0; m &= m - 1)
      on_newline(i + static_cast<size_t>(std::countr_zero(m) / 8));
    w |= BytesInRange(w, 'A', 'Z') >> 2;  // 0x80 >> 2 = 0x20, the case bit
    std::memcpy(dst + i, &w, 8);
  }
  for (; i < n; ++i) {
    const char ch = src[i];
    if (ch == '\n') on_newline(i);
    dst[i] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
}

void AppendCp(std::string* out, int32_t cp) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(cp, buf);
  out->append(reinterpret_cast<char*>(buf), static_cast<size_t>(n));
}

std::string Utf8procMap(std::string_view s, int options) {
  utf8proc_uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                        static_cast<utf8proc_ssize_t>(s.size()), &out,
                        static_cast<utf8proc_option_t>(options));
  if (n < 0) return std::string(s);
  std::string r(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return r;
}

// Classes of ASCII letters and digits for the tokeniser's usual path; 0
// for every other byte (NUL included).
enum : uint8_t { kClassUpper = 1, kClassLower = 2, kClassDigit = 4 };
constexpr auto kAsciiClass = [] {
  std::array<uint8_t, 256> c{};
  for (int b = 'A'; b <= 'Z'; ++b) c[b] = kClassUpper;
  for (int b = 'a'; b <= 'z'; ++b) c[b] = kClassLower;
  for (int b = '0'; b <= '9'; ++b) c[b] = kClassDigit;
  return c;
}();

// What the tokeniser's usual path asks of a byte after a run of ASCII
// letters and digits (kEndsRun: an ASCII byte other than ',', '-', '.' and
// the apostrophe, the NUL past the text's end included, which ends the run
// whatever follows it).
enum : uint8_t { kEndsRun = 1 };
constexpr auto kByteInfo = [] {
  std::array<uint8_t, 256> c{};
  for (int b = 0; b < 0x80; ++b)
    if (b != ',' && b != '-' && b != '.' && b != '\'') c[b] |= kEndsRun;
  return c;
}();
// A byte that may open a token on the usual path: printable ASCII, no
// space (0x21 to 0x7F). As a signed byte those are the ones above ' ' (the
// bytes with the high bit set are negative): one compare, no table load.
inline bool IsPrintableAscii(char c) { return static_cast<signed char>(c) > ' '; }

// ASCII bytes that Unicode calls symbols (Sm, Sc, Sk, So: "$", "+", "^"
// ...); other punctuation is kPunct.
const std::array<bool, 128> kAsciiSymbol = [] {
  std::array<bool, 128> k{};
  for (int b = 0; b < 128; ++b) {
    const auto cat = utf8proc_category(b);
    k[b] = cat >= UTF8PROC_CATEGORY_SM && cat <= UTF8PROC_CATEGORY_SO;
  }
  return k;
}();

// The hash and word id of the short ASCII forms (eight bytes or fewer)
// seen last, per thread: most tokens are a few thousand frequent words and
// punctuation, for which one probe here saves the hash and the vocabulary
// lookup. Direct mapped, keyed by the form's bytes (see AsciiHashAndWord), for
// one vocabulary (or none) at a time: emptied when another one is used or
// this one grew.
struct WordMemo {
  struct Entry {
    uint64_t key = 0;  // 0: empty (no key is: see AsciiHashAndWord)
    uint32_t hash = 0;
    uint32_t word = 0;
  };
  static constexpr int kBits = 15;
  Entry& At(uint64_t key) { return entries[(key * 0x9E3779B97F4A7C15ull) >> (64 - kBits)]; }
  // Forms of nine to sixteen bytes ("government", "international"): the
  // key is two words, the second filled as a short form's key is.
  struct LongEntry {
    uint64_t key0 = 0, key1 = 0;  // key1 0: empty
    uint32_t hash = 0;
    uint32_t word = 0;
  };
  static constexpr int kLongBits = 13;
  LongEntry& AtLong(uint64_t key0, uint64_t key1) {
    return long_entries[((key0 ^ (key1 * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull) >> (64 - kLongBits)];
  }
  static WordMemo& For(const Vocabulary* v) {
    thread_local std::unique_ptr<WordMemo> memo;
    if (!memo) memo = std::make_unique<WordMemo>();
    const uint64_t tag = v ? v->tag() : 0;
    const uint32_t size = v ? v->size() : 0;
    if (memo->tag != tag || memo->size != size) {
      std::fill(std::begin(memo->entries), std::end(memo->entries), Entry{});
      std::fill(std::begin(memo->long_entries), std::end(memo->long_entries), LongEntry{});
      memo->tag = tag;
      memo->size = size;
    }
    return *memo;
  }
  uint64_t tag = 0;   // the vocabulary's (0: none)
  uint32_t size = 0;  // its size then
  Entry entries[size_t{1} << kBits];
  LongEntry long_entries[size_t{1} << kLongBits];
};

// The lengths of an article's lines (those longer than one byte) as far
// as Tokenizer::Run asks: whether the median is over 120 bytes or the
// ninth decile over 100 (the elements a sort would place at size / 2 and
// size * 9 / 10). The k-th smallest exceeds t exactly when at most k
// lengths are t or less, so two counts answer, with no list or sort.
struct LineStats {
  size_t begin = 0;  // the current line's first byte
  size_t lines = 0, over100 = 0, over120 = 0;
  void Line(size_t len) {
    if (len <= 1) return;
    ++lines;
    over100 += len > 100;
    over120 += len > 120;
  }
  void Break(size_t i) {  // a '\n' at i
    Line(i - begin);
    begin = i + 1;
  }
  void End(size_t n) {
    if (n > begin) Line(n - begin);
  }
  bool Unwrapped() const {
    if (lines < 3) return false;
    return lines - over120 <= lines / 2 || lines - over100 <= lines * 9 / 10;
  }
};

class Tokenizer {
 public:
  // `candidates` gets the index of every token at which Sentences may
  // place a boundary (see NoteCandidate), `dashes` that of every token
  // that may be a dash (NoteDash).
  Tokenizer(Document* doc, const Vocabulary* vocabulary, std::vector<uint32_t>* candidates,
            std::vector<uint32_t>* dashes)
      : doc_(doc), s_(doc->text()), text_(doc->text().c_str()), vocabulary_(vocabulary),
        candidates_(candidates), dashes_(dashes) {}

  void Run() {
    size_t pos = 0;
    const size_t n = s_.size();
    // The tokens' text: the article, then its ASCII lower case at the same
    // offsets (the norm and lower of an ASCII token), then the forms of the
    // other tokens, appended as they come (Finish points the views in).
    // The buffer of the Document's previous tokens is refilled in place
    // when the Document alone holds it (a Document reused across articles,
    // Document::Reset), else a new one is made.
    if (doc_->token_text && doc_->token_text.use_count() == 1) {
      buffer_ = std::const_pointer_cast<std::string>(std::move(doc_->token_text));
      arena_.swap(*buffer_);
    } else {
      buffer_ = std::make_shared<std::string>();
    }
    doc_->token_text.reset();
    // The tokens are made in the tokeniser's own vector (one load fewer
    // per token than through doc_), the Document's taken over with its
    // room and handed back in Finish.
    tokens_.swap(doc_->tokens);
    arena_.reserve(2 * n + n / 4 + 16);
    // Two copies of the text, the second lowered in place below: a copy
    // costs fewer instructions than the zero fill of a resize.
    arena_.assign(s_);
    arena_.append(s_);
    // Wrapped text (wire copy) has lines of about 70 bytes; text whose
    // typical line is much longer puts one paragraph on a line. Web copy
    // with short paragraphs, photo captions and one-line headlines may
    // have a typical line under that, but it also has lines longer than
    // any wrap width (100 bytes and more), which wrapped text never has:
    // one in ten lines that long marks it as unwrapped too. The line
    // breaks are found in the pass that lowers the text.
    LineStats lines;
    AsciiLowerInto(arena_.data() + n, n, arena_.data() + n, [&lines](size_t i) { lines.Break(i); });
    Rebase();
    lines.End(n);
    unwrapped_ = lines.Unwrapped();
    memo_ = &WordMemo::For(vocabulary_);
    uint16_t pending = 0;
    bool first = true;
    // The end of the text needs no test of its own here: the NUL after it
    // is no printable byte, and the whitespace loop below stops there.
    for (;;) {
      // No space, or one plain space, before a printable ASCII byte: the
      // usual cases, without the loop below.
      if (const unsigned char b = static_cast<unsigned char>(text_[pos]); IsPrintableAscii(static_cast<char>(b))) {
        pending = 0;
      } else if (b == ' ' && IsPrintableAscii(text_[pos + 1])) {
        pending = kSpaceBefore;
        ++pos;
      } else {
        // Whitespace, noting line breaks. Every step that goes on passes a
        // space, so there was one when pos moved. The NUL after the text
        // is no space: it ends the loop (through Decode) with no test of
        // the position.
        int newlines = 0;
        int indent = 0;  // spaces after the last line break
        const size_t from = pos;
        for (;;) {
          const unsigned char b = static_cast<unsigned char>(text_[pos]);
          if (b == ' ') {  // the usual space, without decoding
            indent += newlines > 0;
            ++pos;
            continue;
          }
          if (b == '\n') {  // a line break, likewise
            ++newlines;
            indent = 0;
            ++pos;
            continue;
          }
          if (IsPrintableAscii(static_cast<char>(b))) break;  // no space
          Cp c = Decode(s_, pos);
          if (!IsSpace(c.cp)) break;
          if (c.cp == '\n') {
            ++newlines;
            indent = 0;
          } else if (newlines > 0) {
            indent += c.cp == '\t' ? 4 : 1;
          }
          pos += c.len;
        }
        const bool any_space = pos != from;
        if (pos >= n) break;
        pending = 0;
        if (any_space) pending |= kSpaceBefore;
        if (newlines >= 1) pending |= kNewlineBefore;
        // A paragraph starts after a blank line, after a line break followed
        // by indentation (wire copy: "\n    WARSAW, March 2 -"), and after any
        // line break in text whose lines are paragraphs rather than wrapped
        // lines (web copy).
        bool paragraph = newlines >= 2 || (newlines == 1 && (indent >= 3 || unwrapped_));
        if (paragraph && !first) pending |= kParagraphBefore;
      }
      first = false;
      // A run of ASCII letters and digits ended by a byte that cannot join
      // it to more of a word (no hyphen, digit group, full stop,
      // apostrophe or byte beyond ASCII): the usual token, which ScanToken
      // would end at the same byte, with no clitic, abbreviation or hyphen.
      if (const uint8_t first_class = kAsciiClass[static_cast<unsigned char>(text_[pos])]) {
        uint8_t cls = first_class;
        size_t e = AsciiRunFrom(pos + 1, &cls);
        if (cls == kClassDigit) e = DigitGroups(e);  // "1,000", "3.5"; 0: ScanWord's
        bool abbrev = false;
        if (const size_t end = e ? AsciiRunEnd(pos, e, cls, &abbrev) : 0) {
          uint16_t flags = abbrev ? pending | kAbbreviation : pending;
          static_assert(int{kClassUpper} == int{kCapitalised});
          flags |= first_class & kClassUpper;  // kCapitalised when the first byte is upper case
          EmitAsciiRun(pos, end, flags, cls);
          if (flags & (kParagraphBefore | kAbbreviation)) NoteCandidate();
          pos = end;
          continue;
        }
        // Runs joined by hyphens ("long-term") and a word before a clitic
        // ("Russia" of "Russia's"): the other common tokens, out of line.
        if (const size_t end = e ? EmitJoinedAscii(pos, e, cls, pending) : 0) {
          pos = end;
          continue;
        }
      } else if (const unsigned char b = static_cast<unsigned char>(text_[pos]); b < 0x7F && b != '\'') {
        // ASCII punctuation or a symbol (no apostrophe, which may open a
        // clitic): one byte, or a run of '-' or '.', as ScanToken makes it.
        size_t e = pos + 1;
        if (b == '-' || b == '.')
          while (text_[e] == static_cast<char>(b)) ++e;
        EmitAsciiPunct(pos, e, pending);
        if (b == '.' || b == '!' || b == '?' || (pending & kParagraphBefore)) NoteCandidate();
        if (b == '-') NoteDash();
        pos = e;
        continue;
      } else if (text_[pos] == '\'') {
        // A clitic after a word ("'s", "'re"), out of line; any other
        // apostrophe takes ScanToken's path.
        if (const size_t end = EmitClitic(pos, pending)) {
          pos = end;
          continue;
        }
      }
      size_t end = ScanToken(pos);
      Emit(pos, end, pending);
      if (const Token& t = tokens_.back();
          t.kind == TokenKind::kPunct || (t.flags & (kParagraphBefore | kAbbreviation))) {
        NoteCandidate();
        if (t.kind == TokenKind::kPunct) NoteDash();
      }
      pos = end;
    }
    Finish();
  }

  // Notes where the arena's text and its lower case lie (when it is made,
  // and after it grew).
  void Rebase() {
    base_ = arena_.data();
    lower_ = base_ + s_.size();
  }

  // Hands the finished buffer, which the tokens' norm and lower view, to
  // the Document.
  void Finish() {
    const char* base = arena_.data();
    buffer_->swap(arena_);
    if (buffer_->data() != base) moved_ = true;
    // Emit pointed the views into the arena as it was; only when it moved
    // (forms that did not fit the room reserved) are they pointed again.
    if (moved_) {
      base = buffer_->data();
      const size_t n = s_.size();
      size_t f = 0;
      auto& tokens = tokens_;
      for (size_t i = 0; i < tokens.size(); ++i) {
        Token& t = tokens[i];
        if (f < forms_.size() && forms_[f].token == i) {
          const Forms& x = forms_[f++];
          t.norm = std::string_view(base + x.norm, x.norm_len);
          t.lower = std::string_view(base + x.lower, x.lower_len);
        } else {
          t.norm = std::string_view(base + t.span.begin, t.span.size());
          t.lower = std::string_view(base + n + t.span.begin, t.span.size());
        }
      }
    }
    doc_->tokens.swap(tokens_);
    doc_->token_text = std::move(buffer_);
    if (vocabulary_) doc_->vocabulary = vocabulary_->tag();
  }

 private:
  // The token just made may end a sentence or open a new one: punctuation
  // (".", "!", "?" and the rest, which Sentences tells apart), an
  // abbreviation, a token after a paragraph break. Sentences looks at
  // these alone.
  void NoteCandidate() { candidates_->push_back(static_cast<uint32_t>(tokens_.size() - 1)); }
  // The token just made may be a dash ("-", "--", or a dash that
  // normalises to one): DatelineEnd looks for a dateline only where one
  // follows. Every "-" and "--" token is noted (others may be too).
  void NoteDash() { dashes_->push_back(static_cast<uint32_t>(tokens_.size() - 1)); }

  // Returns the end of the token starting at `pos`.
  size_t ScanToken(size_t pos) {
    // An ASCII letter other than 'n' (which may open "n't") or a digit
    // starts a word and no clitic: the usual case, without decoding.
    if (const unsigned char b = static_cast<unsigned char>(s_[pos]);
        ((b | 0x20) >= 'a' && (b | 0x20) <= 'z' && (b | 0x20) != 'n') || (b >= '0' && b <= '9'))
      return ScanWord(pos);
    Cp c = Decode(s_, pos);
    if (IsClitic(pos)) return pos + clitic_len_;
    if (IsWordChar(c.cp)) return ScanWord(pos);
    // Punctuation and symbols: runs of '-' and '.' stay together.
    if (c.cp == '-' || c.cp == '.') {
      size_t e = pos;
      while (e < s_.size() && s_[e] == static_cast<char>(c.cp)) ++e;
      return e;
    }
    return pos + c.len;
  }

  // "'s", "'ll", "n't" ...: sets clitic_len_.
  bool IsClitic(size_t pos) {
    Cp c = Decode(s_, pos);
    size_t p = pos;
    if (c.cp == 'n' || c.cp == 'N') {
      Cp a = Decode(s_, pos + 1);
      if (!IsApostrophe(a.cp)) return false;
      Cp t = Decode(s_, pos + 1 + a.len);
      if (t.cp != 't' && t.cp != 'T') return false;
      Cp after = Decode(s_, pos + 2 + a.len);
      if (IsWordChar(after.cp)) return false;
      // Only after a letter: "did" + "n't".
      if (pos == 0 || !IsWordChar(PrevCp(pos))) return false;
      clitic_len_ = 2 + a.len;
      return true;
    }
    if (!IsApostrophe(c.cp)) return false;
    if (pos == 0 || !IsWordChar(PrevCp(pos))) return false;
    p = pos + c.len;
    size_t q = p;
    while (q < s_.size() && IsWordChar(Decode(s_, q).cp)) q += Decode(s_, q).len;
    if (CliticTail(p, q, false)) {
      clitic_len_ = q - pos;
      return true;
    }
    return false;
  }

  int32_t PrevCp(size_t pos) const {
    size_t p = pos;
    while (p > 0) {
      --p;
      if ((static_cast<unsigned char>(s_[p]) & 0xC0) != 0x80) break;
    }
    return Decode(s_, p).cp;
  }

  // s_[i] is an ASCII letter that cannot start "n't": no 'n' or 'N', or one
  // before a byte that cannot start an apostrophe ('\'', U+2019, U+02BC).
  bool AsciiLetterNoClitic(size_t i) const {
    const unsigned char l = static_cast<unsigned char>(s_[i]) | 0x20;
    if (l < 'a' || l > 'z') return false;
    if (l != 'n' || i + 1 >= s_.size()) return true;
    const unsigned char nx = static_cast<unsigned char>(s_[i + 1]);
    return nx != '\'' && nx != 0xE2 && nx != 0xCA;
  }

  size_t ScanWord(size_t pos) {
    size_t e = pos;
    bool has_letter = false, has_dot = false, all_digits = true;
    size_t letters_in_segment = 0;
    bool dotted = true;  // every segment so far is one letter: "U.S"
    while (e < s_.size()) {
      // ASCII letters and digits, the common case, without decoding.
      const unsigned char b = static_cast<unsigned char>(s_[e]);
      // A run of ASCII letters none of which may open "n't" (an 'n' before
      // a byte that may start an apostrophe), in one tight loop.
      if (AsciiLetterNoClitic(e)) {
        size_t f = e + 1;
        while (f < s_.size() && AsciiLetterNoClitic(f)) ++f;
        has_letter = true;
        all_digits = false;
        letters_in_segment += f - e;
        e = f;
        continue;
      }
      if (b >= '0' && b <= '9') {
        if (has_letter) all_digits = false;
        dotted = false;
        ++e;
        continue;
      }
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
        has_letter = true;
        all_digits = false;
        ++letters_in_segment;
        // n't split: stop before "n't".
        if ((b | 0x20) == 'n' && e > pos) {
          Cp a = Decode(s_, e + 1);
          if (IsApostrophe(a.cp)) {
            Cp t = Decode(s_, e + 1 + a.len);
            Cp after = Decode(s_, e + 2 + a.len);
            if ((t.cp == 't' || t.cp == 'T') && !IsWordChar(after.cp)) return e;
          }
        }
        ++e;
        continue;
      }
      // Other ASCII ends the word unless it may join two parts of it
      // (hyphen, digit group, dotted initials, inner apostrophe).
      if (b < 0x80 && b != '-' && b != ',' && b != '.' && b != '\'') break;
      Cp c = Decode(s_, e);
      if (IsWordChar(c.cp)) {
        if (!IsDigit(c.cp)) { has_letter = true; all_digits = false; ++letters_in_segment; }
        else if (has_letter) all_digits = false;
        if (IsDigit(c.cp)) dotted = false;
        // n't split: stop before "n't".
        if ((c.cp == 'n' || c.cp == 'N') && e > pos) {
          Cp a = Decode(s_, e + 1);
          if (IsApostrophe(a.cp)) {
            Cp t = Decode(s_, e + 1 + a.len);
            Cp after = Decode(s_, e + 2 + a.len);
            if ((t.cp == 't' || t.cp == 'T') && !IsWordChar(after.cp)) return e;
          }
        }
        e += c.len;
        continue;
      }
      Cp next = Decode(s_, e + c.len);
      if (IsHyphen(c.cp) && IsWordChar(next.cp) && e > pos) { e += c.len + 0; hyphen_ = true; letters_in_segment = 0; dotted = false; continue; }
      if ((c.cp == ',' || c.cp == '.') && IsDigit(PrevCp(e)) && IsDigit(next.cp) && all_digits) {
        e += c.len;
        continue;
      }
      if (c.cp == '.' && IsLetter(next.cp) && letters_in_segment == 1 && dotted) {
        Cp after = Decode(s_, e + 1 + next.len);
        if (after.cp == '.') {  // "U.S", continue to "U.S."
          has_dot = true;
          letters_in_segment = 0;
          e += 1;
          continue;
        }
      }
      if (IsApostrophe(c.cp) && IsLetter(next.cp) && e > pos) {
        // Inner apostrophe ("O'Brien", "Qa'ida") unless it starts a clitic.
        size_t q = e + c.len;
        while (q < s_.size() && IsWordChar(Decode(s_, q).cp)) q += Decode(s_, q).len;
        if (CliticTail(e + c.len, q, true)) return e;
        e = q;
        continue;
      }
      break;
    }
    // A following full stop that belongs to the word.
    if (e < s_.size() && s_[e] == '.' && has_letter && (e + 1 >= s_.size() || s_[e + 1] != '.')) {
      // The arena's lower case of the word (ASCII letters lowered, other
      // bytes as they are: what AsciiLower makes), with no string built;
      // the lists are asked only when the filter lets the word through.
      const std::string_view w(lower_ + pos, e - pos);
      bool initial = (e - pos == 1) && IsUpper(Decode(s_, pos).cp);
      if (has_dot || initial ||
          (MayBeAbbreviation(w) && (TitleAbbreviations().count(w) || OtherAbbreviations().count(w)))) {
        abbrev_ = true;
        return e + 1;
      }
    }
    return e;
  }

  // Kind and case flags of an ASCII token from the counts of its upper and
  // lower case letters (only whether there are two or more upper case and
  // any lower case matters) and whether it holds only digits, ',' and '.'.
  void ClassifyAscii(Token* t, std::string_view raw, int upper, int lower, bool digits_only, size_t b,
                     size_t e) {
    const unsigned char c0 = static_cast<unsigned char>(raw[0]);
    const bool word0 = (c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || (c0 >= '0' && c0 <= '9');
    if (word0) {
      t->kind = digits_only ? TokenKind::kNumber : TokenKind::kWord;
      if (c0 >= 'A' && c0 <= 'Z') t->flags |= kCapitalised;
      if (upper >= 2 && lower == 0) t->flags |= kAllCaps;
    } else if (c0 == '\'' && raw.size() > 1) {
      t->kind = TokenKind::kWord;  // clitic "'s"
    } else {
      auto cat = utf8proc_category(c0);
      t->kind = (cat >= UTF8PROC_CATEGORY_SM && cat <= UTF8PROC_CATEGORY_SO) ? TokenKind::kSymbol
                                                                             : TokenKind::kPunct;
      MarkQuote(t, b, e, c0);
    }
  }

  // The end of the token that the ASCII run [b, e) of letters and digits
  // (`cls` the union of its bytes' classes) opens, as ScanWord would end
  // it, when that is decided by the byte after it; 0 when ScanWord must
  // see more. The run is the token when s_[e] is the end of the text or an
  // ASCII byte that joins no word, or a ',' or '-' before a byte that
  // cannot continue one (no ASCII digit after ','; no letter, digit or
  // byte beyond ASCII after '-'). Before a '.' that no letter, digit,
  // '.' or byte beyond ASCII follows, a run with a letter keeps the full
  // stop when it is an abbreviation (*abbrev) or an initial. An
  // apostrophe or a byte beyond ASCII takes ScanWord's path.
  size_t AsciiRunEnd(size_t b, size_t e, uint8_t cls, bool* abbrev) const {
    const unsigned char t = static_cast<unsigned char>(text_[e]);
    if (kByteInfo[t] & kEndsRun) return e;  // the usual case: a space, ')', ';' ...
    const unsigned char nx = static_cast<unsigned char>(text_[e + 1]);
    if (t >= 0x80 || t == '\'') return 0;
    if (t == ',') return nx >= '0' && nx <= '9' ? 0 : e;  // "1,000"
    if (t == '-') return nx < 0x80 && kAsciiClass[nx] == 0 ? e : 0;  // "full-scale"
    if (t == '.') {  // "Gen.", "said.", "J.", "5."
      if (nx >= 0x80 || kAsciiClass[nx] != 0 || nx == '.') return 0;  // "U.S.", "3.5", "etc..."
      if (!(cls & (kClassUpper | kClassLower))) return e;
      const std::string_view w(lower_ + b, e - b);
      if ((e - b == 1 && (kAsciiClass[static_cast<unsigned char>(text_[b])] & kClassUpper)) ||
          (MayBeAbbreviation(w) && (TitleAbbreviations().count(w) || OtherAbbreviations().count(w)))) {
        *abbrev = true;
        return e + 1;
      }
      return e;
    }
    return e;
  }

  // The end of the run of ASCII letters and digits that goes on at `e`;
  // ORs the classes of its bytes into *cls. Two bytes a step; the NUL
  // after the text (class 0) stops the run.
  size_t AsciiRunFrom(size_t e, uint8_t* cls) const {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(text_) + e;
    uint8_t acc = *cls;
    for (;; p += 2) {
      const uint8_t c0 = kAsciiClass[p[0]];
      if (c0 == 0) break;
      acc |= c0;
      const uint8_t c1 = kAsciiClass[p[1]];
      if (c1 == 0) {
        ++p;
        break;
      }
      acc |= c1;
    }
    *cls = acc;
    return static_cast<size_t>(p - reinterpret_cast<const unsigned char*>(text_));
  }

  // A number's digit groups: from the end `e` of a run of ASCII digits,
  // the end of the runs of digits joined to it by ',' or '.' ("1,000",
  // "1,234.5"), as ScanWord joins them; 0 when a run joined so holds a
  // letter ("1.5bn"), which ScanWord's path takes.
  size_t DigitGroups(size_t e) const {
    while ((text_[e] == ',' || text_[e] == '.') && kAsciiClass[static_cast<unsigned char>(text_[e + 1])] == kClassDigit) {
      uint8_t c = kClassDigit;
      const size_t f = AsciiRunFrom(e + 2, &c);
      if (c != kClassDigit) return 0;
      e = f;
    }
    return e;
  }

  // Whether the lower case of [b, e) (ASCII) is a clitic's tail: "s",
  // "ll", "re", "ve", "d", "m", and "t" when `with_t`.
  bool CliticTail(size_t b, size_t e, bool with_t) const {
    const char* l = lower_ + b;
    if (e - b == 1) return l[0] == 's' || l[0] == 'd' || l[0] == 'm' || (with_t && l[0] == 't');
    if (e - b == 2) return (l[0] == 'l' && l[1] == 'l') || (l[0] == 'r' && l[1] == 'e') || (l[0] == 'v' && l[1] == 'e');
    return false;
  }

  // The end of the token that the ASCII run [b, e) of letters and digits
  // opens (`cls` its classes) when ScanWord would join more to it or stop
  // at an apostrophe, in two common shapes it decides here; 0 for the rest
  // (ScanWord's path).
  // - Runs joined by hyphens ("long-term", "1-1"), when the byte after
  //   the last one ends the word whatever follows: ScanWord's token, a
  //   word with kHyphenated (added to *flags; *cls gets the later runs'
  //   classes). No abbreviation list holds a hyphen, so a full stop after
  //   it is never kept.
  // - A run before an apostrophe that opens a clitic ("Russia" of
  //   "Russia's") or none ("traders' "): the run, as ScanWord ends it. A
  //   run ending in 'n' (which may open "n't") and an inner apostrophe
  //   ("O'Brien") are ScanWord's.
  size_t JoinedAsciiEnd(size_t b, size_t e, uint8_t* cls, uint16_t* flags) const {
    const auto at = [this](size_t i) { return static_cast<unsigned char>(text_[i]); };
    if (at(e) == '-') {
      if (kAsciiClass[at(e + 1)] == 0) return 0;
      uint8_t c = *cls;
      size_t f = e;
      while (at(f) == '-' && kAsciiClass[at(f + 1)] != 0) f = AsciiRunFrom(f + 1, &c);
      // f may be the text's end (its NUL): the byte after it is not the
      // text's, and is not read.
      const unsigned char t = at(f), nx = t != 0 ? at(f + 1) : 0;
      bool ends = (kByteInfo[t] & kEndsRun) || (t == '-' && nx < 0x80);
      if (t == ',' || t == '.') {
        // With a letter a digit group never joins; without one, only a
        // digit after the mark would.
        ends = (c & (kClassUpper | kClassLower)) || kAsciiClass[nx] != kClassDigit;
        ends = ends && nx < 0x80;
      }
      if (!ends) return 0;
      *cls = c;
      *flags |= kHyphenated;
      return f;
    }
    if (at(e) == '\'') {
      if ((at(e - 1) | 0x20) == 'n') return 0;
      const unsigned char nx = at(e + 1);
      if (nx >= 0x80) return 0;
      if (!(kAsciiClass[nx] & (kClassUpper | kClassLower))) return e;  // no letter after: the run
      uint8_t c = 0;
      const size_t q = AsciiRunFrom(e + 1, &c);
      if (at(q) >= 0x80 || !CliticTail(e + 1, q, true)) return 0;
      return e;
    }
    return 0;
  }

  // Emits the token JoinedAsciiEnd finds for the run [b, e) (`cls` its
  // classes, `pending` the flags of the space before it) and returns its
  // end, or 0 (nothing emitted). Out of line: the usual path stays small.
  [[gnu::noinline]] size_t EmitJoinedAscii(size_t b, size_t e, uint8_t cls, uint16_t pending) {
    uint16_t flags = pending;
    const size_t end = JoinedAsciiEnd(b, e, &cls, &flags);
    if (end == 0) return 0;
    if (kAsciiClass[static_cast<unsigned char>(text_[b])] & kClassUpper) flags |= kCapitalised;
    flags |= AllCapsFlag(b, end, cls);
    const bool word = (cls & (kClassUpper | kClassLower)) || (flags & kHyphenated);  // "1-1" is a word
    EmitAscii(b, end, flags, word ? TokenKind::kWord : TokenKind::kNumber);
    if (flags & kParagraphBefore) NoteCandidate();
    return end;
  }

  // Emits the clitic whose apostrophe is at `b` (CliticEnd) and returns
  // its end, or 0 (nothing emitted).
  [[gnu::noinline]] size_t EmitClitic(size_t b, uint16_t pending) {
    const size_t end = CliticEnd(b);
    if (end == 0) return 0;
    EmitAscii(b, end, pending, TokenKind::kWord);
    if (pending & kParagraphBefore) NoteCandidate();
    return end;
  }

  // The end of the clitic ("'s", "'ll" ...) whose apostrophe is at `b`,
  // as IsClitic finds it, or 0 when that needs decoding or it is none.
  size_t CliticEnd(size_t b) const {
    if (b == 0 || kAsciiClass[static_cast<unsigned char>(text_[b - 1])] == 0) return 0;
    uint8_t c = 0;
    const size_t q = AsciiRunFrom(b + 1, &c);
    if (static_cast<unsigned char>(text_[q]) >= 0x80 || !CliticTail(b + 1, q, false)) return 0;
    return q;
  }

  // kAllCaps for the ASCII token [b, e) whose letters and digits have the
  // classes `cls`: two or more upper case letters and no lower case.
  uint16_t AllCapsFlag(size_t b, size_t e, uint8_t cls) const {
    if ((cls & (kClassUpper | kClassLower)) != kClassUpper) return 0;
    int upper = 0;
    for (size_t i = b; i < e && upper < 2; ++i) upper += (kAsciiClass[static_cast<unsigned char>(text_[i])] & kClassUpper) != 0;
    return upper >= 2 ? kAllCaps : 0;
  }

  // Emits the ASCII run [b, e) of letters and digits, or such a run and
  // its full stop; `cls` is the union of the run's bytes' classes, `flags`
  // has kCapitalised when its first byte is upper case. The same token as
  // Emit makes of it.
  void EmitAsciiRun(size_t b, size_t e, uint16_t flags, uint8_t cls) {
    flags |= AllCapsFlag(b, e, cls);
    EmitAscii(b, e, flags, (cls & (kClassUpper | kClassLower)) ? TokenKind::kWord : TokenKind::kNumber);
  }

  // Emits the ASCII token [b, e) with its flags and kind.
  void EmitAscii(size_t b, size_t e, uint16_t flags, TokenKind kind) {
    const HashAndWord hw = AsciiHashAndWord(b, e - b);
    // Every field given at once: the token is written in place, each
    // field once.
    tokens_.push_back(Token{.span = Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)},
                                 .norm = std::string_view(base_ + b, e - b),
                                 .lower = std::string_view(lower_ + b, e - b),
                                 .kind = kind,
                                 .pos = Pos::kUnknown,
                                 .flags = flags,
                                 .sentence = 0,
                                 .hash = hw.hash,
                                 .word = hw.word});
  }

  // Emits ASCII punctuation or a symbol [b, e) (no apostrophe): the same
  // token as Emit makes of it.
  void EmitAsciiPunct(size_t b, size_t e, uint16_t flags) {
    const unsigned char c0 = static_cast<unsigned char>(text_[b]);
    EmitAscii(b, e, flags, kAsciiSymbol[c0] ? TokenKind::kSymbol : TokenKind::kPunct);
    if (c0 == '"') MarkQuote(&tokens_.back(), b, e, c0);
  }

  // An ASCII token's norm and lower (the text and its lower case at the
  // token's offsets in the arena), hash and word id.
  // Inline up to the memo's answer; the rest (a miss, a long form) out
  // of line.
  void AsciiForms(Token* t, size_t b, size_t e) {
    const size_t len = e - b;
    t->norm = std::string_view(base_ + b, len);
    t->lower = std::string_view(lower_ + b, len);
    const HashAndWord hw = AsciiHashAndWord(b, len);
    t->hash = hw.hash;
    t->word = hw.word;
  }

  // The hash and word id of the ASCII token of `len` bytes at offset `b`
  // (its lower case at n + b in the arena).
  struct HashAndWord {
    uint32_t hash, word;
  };
  [[gnu::always_inline]] HashAndWord AsciiHashAndWord(size_t b, size_t len) {
    const char* lower = lower_ + b;
    if (len > 8) {
      if (len > 16) return HashAndNumber(std::string_view(lower, len));
      // The room after the lower case holds sixteen bytes from n + b.
      uint64_t key0, key1;
      std::memcpy(&key0, lower, 8);
      std::memcpy(&key1, lower + 8, 8);
      key1 |= kKeyFill[len - 8];
      WordMemo::LongEntry& m = memo_->AtLong(key0, key1);
      if (m.key0 == key0 && m.key1 == key1) return {m.hash, m.word};
      const HashAndWord hw = HashAndNumber(std::string_view(lower, len));
      m = WordMemo::LongEntry{key0, key1, hw.hash, hw.word};
      return hw;
    }
    // Up to eight bytes: the memo's key is the lower case with the bytes
    // past the token set to 0xFF, which no ASCII byte is: the first 0xFF
    // byte tells lengths apart, and a key of eight bytes is never 0 (the
    // text holds no NUL). The arena's room (2n + 16 bytes at least) holds
    // the eight bytes from n + b. One OR of a table word, no mask and mark.
    uint64_t key;
    std::memcpy(&key, lower, 8);
    key |= kKeyFill[len];
    WordMemo::Entry& m = memo_->At(key);
    if (m.key == key) return {m.hash, m.word};
    const HashAndWord hw = HashAndNumber(std::string_view(lower, len));
    m = WordMemo::Entry{key, hw.hash, hw.word};
    return hw;
  }
  // Every byte from byte `len` on set (len 1 to 8).
  static constexpr uint64_t kKeyFill[9] = {~uint64_t{0},
                                           ~uint64_t{0} << 8,
                                           ~uint64_t{0} << 16,
                                           ~uint64_t{0} << 24,
                                           ~uint64_t{0} << 32,
                                           ~uint64_t{0} << 40,
                                           ~uint64_t{0} << 48,
                                           ~uint64_t{0} << 56,
                                           0};

  [[gnu::noinline]] HashAndWord HashAndNumber(std::string_view lower) const {
    const uint32_t hash = WordSet::Hash(lower);
    Token t;
    t.lower = lower;
    t.hash = hash;
    return {hash, vocabulary_ ? vocabulary_->Find(t) : 0};
  }

  void Emit(size_t b, size_t e, uint16_t flags) {
    Token& t = tokens_.emplace_back();
    t.span = Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    std::string_view raw = s_.substr(b, e - b);
    t.flags = flags;
    if (abbrev_) t.flags |= kAbbreviation;
    if (hyphen_) t.flags |= kHyphenated;
    abbrev_ = hyphen_ = false;
    // ASCII (the usual case): norm is the text, lower its ASCII lower case;
    // one pass over a short token lowers it into a buffer, checks that it
    // is ASCII and counts what classifies the word.
    int upper = 0, lower = 0;
    bool digits_only = true;
    if (raw.size() <= 16) {
      // Eight bytes at a time: which are high (not ASCII), upper case,
      // lower case, digits or digit-group marks.
      uint64_t high = 0, digitish = 0, want = 0;
      for (size_t i = 0; i < raw.size(); i += 8) {
        const size_t k = std::min<size_t>(8, raw.size() - i);
        // Eight bytes from the arena's copy of the text (the lower case
        // follows it, so the bytes past a token near the end are there too).
        uint64_t w = 0;
        if (b + i + 8 <= arena_.size()) std::memcpy(&w, arena_.data() + b + i, 8);
        else std::memcpy(&w, raw.data() + i, k);
        const uint64_t valid = k == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * k)) - 1;
        high |= w & kHigh8 & valid;
        // Counted only as far as ClassifyAscii asks: none, one or two
        // upper case letters, any lower case.
        const uint64_t up = BytesInRange(w, 'A', 'Z') & valid;
        if (up) upper += (up & (up - 1)) ? 2 : 1;
        if (BytesInRange(w, 'a', 'z') & valid) lower = 1;
        digitish |= (BytesInRange(w, '0', '9') | BytesEqual(w, ',') | BytesEqual(w, '.')) & valid;
        want |= kHigh8 & valid;
        if (digitish != want) digits_only = false;
        digitish = want = 0;
      }
      if (high == 0) {  // norm and lower are the text's and its lower case at the token's offsets
        AsciiForms(&t, b, e);
        ClassifyAscii(&t, raw, upper, lower, digits_only, b, e);
        return;
      }
      upper = lower = 0;
      digits_only = true;
    } else if (IsAscii(raw)) {
      AsciiForms(&t, b, e);
      for (char ch : raw) {
        if (ch >= 'A' && ch <= 'Z') {
          ++upper;
          digits_only = false;
        } else if (ch >= 'a' && ch <= 'z') {
          ++lower;
          digits_only = false;
        } else if (!((ch >= '0' && ch <= '9') || ch == ',' || ch == '.')) {
          digits_only = false;
        }
      }
      ClassifyAscii(&t, raw, upper, lower, digits_only, b, e);
      return;
    }
    {
      Forms x;
      x.token = tokens_.size() - 1;
      const std::string norm = NormalizeText(raw), fold = FoldKey(raw);
      const char* before = arena_.data();
      x.norm = arena_.size();
      x.norm_len = norm.size();
      arena_ += norm;
      x.lower = arena_.size();
      x.lower_len = fold.size();
      arena_ += fold;
      if (arena_.data() != before) {
        moved_ = true;  // the views made so far point into the old arena
        Rebase();
      }
      forms_.push_back(x);
      t.norm = std::string_view(arena_.data() + x.norm, x.norm_len);
      t.lower = std::string_view(arena_.data() + x.lower, x.lower_len);
      t.hash = WordSet::Hash(fold);
      if (vocabulary_) t.word = vocabulary_->Find(t);
    }
    Cp c0 = Decode(raw, 0);
    if (IsWordChar(c0.cp)) {
      t.kind = TokenKind::kWord;
      bool digits_only = true;
      int upper = 0, lower = 0;
      for (size_t i = 0; i < raw.size();) {
        Cp c = Decode(raw, i);
        if (!(IsDigit(c.cp) || c.cp == ',' || c.cp == '.')) digits_only = false;
        if (IsUpper(c.cp)) ++upper;
        if (IsLower(c.cp)) ++lower;
        i += c.len;
      }
      if (digits_only) t.kind = TokenKind::kNumber;
      if (IsUpper(c0.cp)) t.flags |= kCapitalised;
      if (upper >= 2 && lower == 0) t.flags |= kAllCaps;
    } else if (IsApostrophe(c0.cp) && raw.size() > static_cast<size_t>(c0.len)) {
      t.kind = TokenKind::kWord;  // clitic "'s"
    } else if (c0.cp == 'n' || c0.cp == 'N') {
      t.kind = TokenKind::kWord;
    } else {
      auto cat = c0.cp >= 0 ? utf8proc_category(c0.cp) : UTF8PROC_CATEGORY_CN;
      t.kind = (cat >= UTF8PROC_CATEGORY_SM && cat <= UTF8PROC_CATEGORY_SO) ? TokenKind::kSymbol
                                                                            : TokenKind::kPunct;
      MarkQuote(&t, b, e, c0.cp);
    }
  }

  void MarkQuote(Token* t, size_t b, size_t e, int32_t cp) {
    bool dbl = cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB || cp == 0x00BB;
    bool sgl = cp == '\'' || cp == 0x2018 || cp == 0x2019;
    if (!dbl && !sgl) return;
    int32_t prev = b == 0 ? ' ' : PrevCp(b);
    int32_t next = Decode(s_, e).cp;
    bool space_before = b == 0 || IsSpace(prev) || prev == '(' || prev == '[' || prev == '-' || prev == 0x2014;
    bool space_after = e >= s_.size() || IsSpace(next);
    // Curly marks say their direction, unless the spacing plainly says the
    // opposite (a ” typed at the start of a quote).
    bool curly_open = cp == 0x201C || cp == 0x201E || cp == 0x00AB || cp == 0x2018;
    bool curly_close = cp == 0x201D || cp == 0x00BB || cp == 0x2019;
    if (curly_open || curly_close) {
      if (space_before && !space_after) t->flags |= kOpenQuote;
      else if (!space_before && space_after) t->flags |= kCloseQuote;
      else t->flags |= curly_open ? kOpenQuote : kCloseQuote;
      return;
    }
    if (space_before && !space_after) t->flags |= kOpenQuote;
    else if (!space_before) t->flags |= kCloseQuote;
    else t->flags |= (dbl ? kOpenQuote : kCloseQuote);
  }

  Document* doc_;
  std::string_view s_;
  const char* text_;  // s_, with the NUL after its end that std::string keeps
  const Vocabulary* vocabulary_;  // numbers the tokens in Finish; may be null
  std::vector<uint32_t>* candidates_;  // tokens where a sentence may end (NoteCandidate)
  std::vector<uint32_t>* dashes_;  // tokens that may be dashes (NoteDash)
  // The tokens' text being built, and where the forms of the tokens that
  // are not ASCII lie in it (in token order).
  std::string arena_;
  std::shared_ptr<std::string> buffer_;  // becomes doc_->token_text, holding arena_
  std::vector<Token> tokens_;  // becomes doc_->tokens (Run, Finish)
  struct Forms {
    size_t token, norm, norm_len, lower, lower_len;
  };
  std::vector<Forms> forms_;
  WordMemo* memo_ = nullptr;  // this thread's, for vocabulary_
  // arena_'s data (the text's copy) and its lower case there (Rebase).
  const char* base_ = nullptr;
  const char* lower_ = nullptr;
  bool moved_ = false;  // the arena moved after views into it were made
  bool unwrapped_ = false;
  size_t clitic_len_ = 0;
  bool abbrev_ = false;
  bool hyphen_ = false;
};

// ".", "!", "?", "..", "..." or "…", tested by length first: most tokens
// are no punctuation and leave at the first test.
inline bool IsTerminal(const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  const std::string_view w = t.norm;
  switch (w.size()) {
    case 1: return w[0] == '.' || w[0] == '!' || w[0] == '?';
    case 2: return w == "..";
    case 3: return w == "..." || w == "…";
    default: return false;
  }
}
bool IsCloser(const Token& t) {
  return t.has(kCloseQuote) || std::string_view(t.norm) == ")" || std::string_view(t.norm) == "]" ||
         (t.kind == TokenKind::kPunct && std::string_view(t.norm) == "\"" && !t.has(kOpenQuote));
}
bool CanOpenSentence(const Token& t) {
  if (t.kind == TokenKind::kNumber) return true;
  if (t.has(kCapitalised)) return true;
  if (t.has(kOpenQuote) || std::string_view(t.norm) == "(" || std::string_view(t.norm) == "[" ||
      std::string_view(t.norm) == "-")
    return true;
  return false;
}

// "SALVADOR, Feb 26 -" / "BEIJING (Reuters) -": index of the dash token
// ending a dateline that opens the sentence at `s`, or 0.
// A dateline opens in capitals ("SALVADOR, Feb 26 -") or names a month
// before its dash ("Toronto, Feb 26 -"); state abbreviations may stand in it
// ("PORTLAND, Ore., Feb 26 -"), and the dash may touch the day ("Feb 26-").
uint32_t DatelineEnd(const Document& doc, uint32_t s, uint32_t limit) {
  static const WordSet kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
      "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
      "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."};
  const auto& tk = doc.tokens;
  if (s >= limit || !tk[s].has(kCapitalised)) return 0;
  const bool caps = tk[s].has(kAllCaps);
  // A month among the tokens after the first, up to the dash at `i`
  // (looked for only when the rest of the dateline is there).
  auto month = [&](uint32_t i) {
    for (uint32_t k = s + 1; k < i; ++k)
      if (kMonths.count(tk[k])) return true;
    return false;
  };
  const uint32_t stop = std::min(limit, s + 12);
  for (uint32_t i = s + 1; i < stop; ++i) {
    const Token& t = tk[i];
    if (t.flags & (kParagraphBefore | kNewlineBefore)) return 0;
    if (t.kind != TokenKind::kPunct) continue;  // most tokens: neither terminal nor dash
    if (IsTerminal(t) && !(std::string_view(t.norm) == "." && i + 1 < limit && std::string_view(tk[i + 1].norm) == ","))
      return 0;
    if (t.kind == TokenKind::kPunct && (std::string_view(t.norm) == "-" || std::string_view(t.norm) == "--")) {
      bool spaced = t.has(kSpaceBefore) || (i > s && tk[i - 1].kind == TokenKind::kNumber);
      bool next_ok = i + 1 < limit && (tk[i + 1].has(kSpaceBefore) || tk[i + 1].has(kCapitalised));
      if (spaced && next_ok && (caps || month(i))) return i;
      return 0;
    }
  }
  return 0;
}

// "CAIRO An Egyptian court ...": the end (one past the last token) of a
// bare dateline opening the sentence at `s`, or 0. The body of a wire story reposted without its
// "(Reuters) -" opens with its dateline in capitals, then the lead. It is
// taken only near the top of the article, at the start of a line: one to
// four words in capitals (a single word of three letters or more) that
// `is_place` knows, followed on the same line by a capitalised word that
// is not itself in capitals (an abbreviation may be: "DHAKA U.S. envoy").
uint32_t BareDatelineEnd(const Document& doc, uint32_t s, uint32_t limit, const DatelinePlace& is_place) {
  const auto& tk = doc.tokens;
  if (!is_place || doc.sentences.size() > 5 || s >= limit) return 0;
  if (s > 0 && !tk[s].has(kNewlineBefore)) return 0;
  uint32_t j = s;
  while (j < limit && j < s + 4 && tk[j].kind == TokenKind::kWord && tk[j].has(kAllCaps) && tk[j].norm.size() >= 2 &&
         !tk[j].has(kAbbreviation) && (j == s || !tk[j].has(kNewlineBefore)))
    ++j;
  std::string key;
  for (uint32_t e = j; e > s; --e) {
    if (e >= limit) continue;
    const Token& next = tk[e];
    if (next.has(kNewlineBefore) || !next.has(kCapitalised) || next.kind != TokenKind::kWord) continue;
    if (next.has(kAllCaps) && !next.has(kAbbreviation) && next.norm.size() > 1) continue;
    if (e - s == 1 && tk[s].norm.size() < 3) continue;
    // A headline in capitals ("SINGAPORE M3 RISES 2.2 PCT") is no dateline.
    int words = 0, caps = 0;
    for (uint32_t i = e; i < limit && i < e + 12 && (i == e || !tk[i].has(kNewlineBefore)); ++i) {
      if (tk[i].kind != TokenKind::kWord) continue;
      ++words;
      if (tk[i].has(kAllCaps)) ++caps;
    }
    if (words >= 2 && caps * 2 >= words) continue;
    key.clear();
    for (uint32_t i = s; i < e; ++i) {
      if (i > s) key.push_back(' ');
      key += tk[i].lower;
    }
    if (is_place(key)) return e;
  }
  return 0;
}

// `candidates`: in order, every token that is punctuation, an abbreviation
// or after a paragraph break (at least those; Tokenizer::NoteCandidate):
// the only ones, besides a sentence's first, at which anything is decided.
// `dashes`: in order, every token that is "-" or "--" (at least those;
// Tokenizer::NoteDash): DatelineEnd finds a dateline only at one of them
// within its reach.
void Sentences(Document* doc, const DatelinePlace& is_place, const std::vector<uint32_t>& candidates,
               const std::vector<uint32_t>& dashes) {
  auto& tk = doc->tokens;
  const uint32_t n = static_cast<uint32_t>(tk.size());
  uint32_t start = 0;
  bool dateline = false;  // the sentence being closed is a dateline
  auto close = [&](uint32_t end, bool headline) {  // tokens [start, end)
    if (end <= start) return;
    Sentence s;
    s.token_begin = start;
    s.token_end = end;
    s.span = doc->TokenSpan(start, end);
    s.headline = headline;
    s.dateline = dateline;
    dateline = false;
    const uint32_t index = static_cast<uint32_t>(doc->sentences.size());
    // Unrolled: a store a token is all the loop does.
#pragma GCC unroll 4
    for (Token *p = tk.data() + start, *q = tk.data() + end; p != q; ++p) p->sentence = index;
    doc->sentences.push_back(s);
    start = end;
  };
  auto line_is_caps = [&](uint32_t b, uint32_t e) {
    int words = 0;
    for (uint32_t i = b; i < e; ++i) {
      if (tk[i].kind != TokenKind::kWord) continue;
      if (!tk[i].has(kAllCaps) && tk[i].norm.size() > 1) return false;
      ++words;
    }
    return words > 0;
  };
  // Token i is looked at when it opens a sentence or is a candidate; the
  // tokens between are skipped. c: the first candidate at or after i.
  size_t c = 0;
  const size_t nc = candidates.size();
  // d: the first dash after the sentence start last looked at (starts
  // only grow).
  size_t d = 0;
  const size_t nd = dashes.size();
  for (uint32_t i = 0; i < n;) {
    while (c < nc && candidates[c] < i) ++c;
    if (i != start && (c == nc || candidates[c] != i)) {  // to the next candidate
      i = c < nc ? candidates[c] : n;
      continue;
    }
    if (i == start) {
      // DatelineEnd returns a dash token within twelve tokens of the
      // start, or 0: without a dash there it is not asked.
      while (d < nd && dashes[d] <= start) ++d;
      uint32_t e = d < nd && dashes[d] < start + 12 ? DatelineEnd(*doc, start, n) : 0;
      if (e) ++e;
      else e = BareDatelineEnd(*doc, start, n, is_place);
      if (e) {
        dateline = true;
        close(e, true);
        i = e;
        continue;
      }
    }
    if (i > start && tk[i].has(kParagraphBefore)) {
      bool terminal = IsTerminal(tk[i - 1]) || IsCloser(tk[i - 1]);
      close(i, !terminal || line_is_caps(start, i));
      continue;  // i again, as a sentence start (dateline check)
    }
    const Token& t = tk[i];
    bool boundary = false;
    uint32_t j = i + 1;
    if (IsTerminal(t)) {
      while (j < n && IsCloser(tk[j]) && !tk[j].has(kSpaceBefore)) ++j;
      if (j >= n || CanOpenSentence(tk[j]) || tk[j].has(kParagraphBefore)) boundary = true;
      // "<MD.N>", "3.N": a full stop with a word right after it, no space.
      if (boundary && j == i + 1 && j < n && std::string_view(t.norm) == "." && !tk[j].has(kSpaceBefore) &&
          tk[j].kind == TokenKind::kWord)
        boundary = false;
      // '"...?" Foulkes said.': a question or exclamation in a quote, then
      // its speaker and a reporting verb, is one sentence.
      if (boundary && j > i + 1 && j < n && (std::string_view(t.norm) == "?" || std::string_view(t.norm) == "!") &&
          !tk[j].has(kParagraphBefore)) {
        static const WordSet kSaid = {"said", "asked", "says", "asks", "told",
                                                              "added", "shouted", "cried", "replied"};
        for (uint32_t k = j; k < n && k < j + 4; ++k) {
          if (kSaid.count(tk[k])) {
            boundary = false;
            break;
          }
          if (tk[k].kind != TokenKind::kWord || !tk[k].has(kCapitalised)) break;
        }
      }
      // "?" or "!" inside a quote before a lower-case reporting clause: no.
    } else if (t.has(kAbbreviation) && t.kind == TokenKind::kWord) {
      std::string_view w = t.lower.substr(0, t.lower.size() - 1);
      bool title = TitleAbbreviations().count(w) > 0 || (w.size() == 1);
      if (!title && j < n) {
        const Token& nx = tk[j];
        // After a capitalised abbreviation, a line break alone is no boundary
        // in wrapped wire copy ("the U.S.\nTrade Representative"); a paragraph
        // break, a sentence opener, or a last word on its own line (a
        // signature) is. A lower-case one ("mln dlrs.", "pct.") is a unit,
        // which ends sentences far more often than it starts a name.
        const bool lower_abbrev = t.norm[0] >= 'a' && t.norm[0] <= 'z';
        if (nx.has(kCapitalised) &&
            (SentenceOpeners().count(nx.lower) || nx.has(kParagraphBefore) ||
             (nx.has(kNewlineBefore) && (j + 1 == n || lower_abbrev))))
          boundary = true;
      }
      if (j >= n) boundary = true;
    }
    if (boundary) {
      close(j, false);
      i = j;
    } else {
      ++i;
    }
  }
  if (start < n) {
    bool terminal = IsTerminal(tk[n - 1]) || IsCloser(tk[n - 1]);
    close(n, !terminal && line_is_caps(start, n));
  }
}

}  // namespace

Status CheckText(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    // Many bytes at a time while they are printable ASCII (no high bit,
    // none below 0x20); anything else is looked at byte by byte below.
#if defined(__SSE2__)
    // Sixteen: as signed bytes, those below 0x20 and those with the high
    // bit set are the ones less than 0x20. Thirty-two a step while none
    // is (one mask test for both halves); the sixteen-byte steps below
    // find the first one.
    while (pos + 32 <= text.size()) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
      const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos + 16));
      const __m128i space = _mm_set1_epi8(0x20), newline = _mm_set1_epi8('\n');
      const __m128i odd_x = _mm_andnot_si128(_mm_cmpeq_epi8(x, newline), _mm_cmplt_epi8(x, space));
      const __m128i odd_y = _mm_andnot_si128(_mm_cmpeq_epi8(y, newline), _mm_cmplt_epi8(y, space));
      if (_mm_movemask_epi8(_mm_or_si128(odd_x, odd_y)) != 0) break;
      pos += 32;
    }
    while (pos + 16 <= text.size()) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
      // Line breaks are fine too: they do not stop the sixteen-byte steps.
      const int odd = _mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20))) &
                      ~_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
      if (odd != 0) {
        pos += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(odd)));
        break;
      }
      pos += 16;
    }
#endif
    while (pos + 8 <= text.size()) {
      uint64_t x;
      std::memcpy(&x, text.data() + pos, 8);
      constexpr uint64_t kHigh = 0x8080808080808080ull, kSpace = 0x2020202020202020ull;
      if (((x | (x - kSpace)) & kHigh) != 0) break;
      pos += 8;
    }
    if (pos >= text.size()) break;
    unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f')
        return Status::InvalidInput("binary data: control byte 0x" +
                                    std::string(1, "0123456789abcdef"[b >> 4]) +
                                    std::string(1, "0123456789abcdef"[b & 15]) + " at byte " +
                                    std::to_string(pos));
      ++pos;
      continue;
    }
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                              static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0) return Status::InvalidInput("invalid UTF-8 at byte " + std::to_string(pos));
    pos += static_cast<size_t>(n);
  }
  return Status::OK();
}

namespace {

// ’ -> ', “ -> ", dashes -> -, other spaces -> ' ': the character map
// NormalizeText applies before NFKC.
int32_t MapPunct(int32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    default:
      if (cp >= 0x80 && IsSpace(cp)) return ' ';
  }
  return cp;
}

std::string NormalizeTextSlow(std::string_view s) {
  std::string mapped;
  mapped.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    Cp c = Decode(s, pos);
    int32_t cp = MapPunct(c.cp);
    if (cp < 0) mapped.append("\xEF\xBF\xBD");
    else AppendCp(&mapped, cp);
    pos += c.len;
  }
  if (IsAscii(mapped)) return mapped;
  return Utf8procMap(mapped, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
}

std::string FoldKeySlow(std::string_view s) {
  std::string n = NormalizeTextSlow(s);
  if (IsAscii(n)) return AsciiLower(n);
  return Utf8procMap(n, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                            UTF8PROC_STRIPMARK);
}

// NFKC (and the fold) of a string is the concatenation of the NFKC (fold)
// of its characters unless characters interact: a combining mark joins the
// letter before it, Hangul jamo compose. Below U+1100 (Latin, Greek,
// Cyrillic, Arabic, Hebrew, Indic ...) and outside the marks, a character's
// result starts with a starter that composes with nothing before it, so the
// per-character results, computed once, can be joined. Anything else takes
// the whole-string path.
class CharTable {
 public:
  static constexpr int32_t kLimit = 0x1100;
  static CharTable& Get() {
    static CharTable t;
    return t;
  }
  // Appends the NFKC (fold == false) or fold (fold == true) of `cp` (0x80
  // <= cp < kLimit, not one MapPunct changes); false when cp must take the
  // slow path. Each character is worked out on first use.
  bool Append(int32_t cp, bool fold, std::string* out) {
    E& e = (fold ? fold_ : norm_)[cp];
    uint8_t st = e.state.load(std::memory_order_acquire);
    if (st == kUnknown) st = Fill(cp, fold, &e);
    if (st != kOk) return false;
    out->append(e.buf, e.len);
    return true;
  }

 private:
  enum : uint8_t { kUnknown = 0, kOk = 1, kSlow = 2 };
  struct E {
    std::atomic<uint8_t> state{kUnknown};
    uint8_t len = 0;
    char buf[14];
  };
  static bool Jamo(int32_t cp) {
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
           (cp >= 0xAC00 && cp <= 0xD7FF) || (cp >= 0xFFA0 && cp <= 0xFFDC);
  }
  static bool Mark(int32_t cp) {
    auto cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME;
  }
  // A result may be joined: it starts with a starter that is no mark and
  // holds no jamo.
  static bool Joinable(const std::string& r) {
    if (r.empty()) return true;
    bool first = true;
    for (size_t pos = 0; pos < r.size();) {
      Cp c = Decode(r, pos);
      if (c.cp < 0 || Jamo(c.cp)) return false;
      if (first && (Mark(c.cp) || utf8proc_get_property(c.cp)->combining_class != 0)) return false;
      first = false;
      pos += static_cast<size_t>(c.len);
    }
    return true;
  }
  uint8_t Fill(int32_t cp, bool fold, E* e) {
    std::lock_guard<std::mutex> lock(mu_);
    uint8_t st = e->state.load(std::memory_order_relaxed);
    if (st != kUnknown) return st;
    st = kSlow;
    if (MapPunct(cp) == cp && !Mark(cp) && utf8proc_category(cp) != UTF8PROC_CATEGORY_CN &&
        utf8proc_get_property(cp)->combining_class == 0) {
      std::string c;
      AppendCp(&c, cp);
      std::string r = fold ? FoldKeySlow(c) : NormalizeTextSlow(c);
      if (Joinable(r) && r.size() <= sizeof(e->buf)) {
        std::memcpy(e->buf, r.data(), r.size());
        e->len = static_cast<uint8_t>(r.size());
        st = kOk;
      }
    }
    e->state.store(st, std::memory_order_release);
    return st;
  }
  std::mutex mu_;
  E norm_[kLimit];
  E fold_[kLimit];
};

// The per-character path of NormalizeText (fold false) and FoldKey (fold
// true); false when some character needs the whole-string path.
bool MapFast(std::string_view s, bool fold, std::string* out) {
  CharTable& table = CharTable::Get();
  out->reserve(s.size() + 8);
  for (size_t pos = 0; pos < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      char ch = static_cast<char>(b);
      if (fold && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      out->push_back(ch);
      ++pos;
      continue;
    }
    Cp c = Decode(s, pos);
    if (c.cp < 0) return false;
    int32_t m = MapPunct(c.cp);
    if (m != c.cp) {
      out->push_back(static_cast<char>(m));
    } else if (c.cp >= CharTable::kLimit || !table.Append(c.cp, fold, out)) {
      return false;
    }
    pos += static_cast<size_t>(c.len);
  }
  return true;
}

}  // namespace

std::string NormalizeText(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  std::string out;
  if (MapFast(s, false, &out)) return out;
  return NormalizeTextSlow(s);
}

std::string FoldKey(std::string_view s) {
  if (IsAscii(s)) return AsciiLower(s);
  std::string out;
  if (MapFast(s, true, &out)) return out;
  return FoldKeySlow(s);
}

void SegmentDocument(Document* doc, const DatelinePlace& is_place, const Vocabulary* vocabulary) {
  doc->tokens.clear();
  doc->sentences.clear();
  doc->vocabulary = 0;  // until Finish numbers the new tokens (Token::word 0 without a vocabulary)
  doc->tokens.reserve(doc->text().size() / 5 + 1);
  // Where sentences may end, per thread (no allocation per article).
  thread_local std::vector<uint32_t> candidates, dashes;
  candidates.clear();
  dashes.clear();
  Tokenizer(doc, vocabulary, &candidates, &dashes).Run();
  Sentences(doc, is_place, candidates, dashes);
  // Kept small.
  if (candidates.capacity() > (size_t{1} << 16)) std::vector<uint32_t>().swap(candidates);
  if (dashes.capacity() > (size_t{1} << 16)) std::vector<uint32_t>().swap(dashes);
}

}  // namespace parley
