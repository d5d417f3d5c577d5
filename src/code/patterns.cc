// Pattern matching: the patterns of a verb or noun lemma (data/verbs.tsv,
// data/nouns.tsv) against the words after it, longest first. Word elements
// compare pattern-word ids; a TGT/SRC element binds the next actor phrase.
// The sentence's pattern words are found once (SentenceReady: per word id
// its positions, per token its words as bits), and each lemma's patterns
// are screened from records kept together (Coder::Screen), so that a
// pattern whose words are absent from the clause, or whose first word is
// out of its reach, is skipped without reading the Pattern; a lemma none
// of whose first words is in reach is skipped whole (Coder::ScreenList).
// Cost: O(tokens of the sentence) once, then O(patterns of the lemma) per
// clause asked about (O(window) for the clause's bits).
// Tested by tests/coder_test.cc.
#include "code/sentence_coder.h"

#include <algorithm>
#include <bit>

namespace parley {

bool SentenceCoder::WordMatches(uint32_t k, std::span<const int32_t> words) const {
  const std::span<const int32_t> forms = forms_[k - s_.token_begin];
  for (int w : words)
    for (int f : forms)
      if (f == w) return true;
  return false;
}

namespace {

// The positions [b, e) of a sentence as SentenceWords::at bits.
uint64_t Positions(uint32_t b, uint32_t e) {
  if (e <= b) return 0;
  if (e - b >= 64) return ~uint64_t{0};
  return std::rotl((uint64_t{1} << (e - b)) - 1, static_cast<int>(b & 63));
}

}  // namespace

// The pattern words of the sentence being coded, found once per sentence
// (SentenceCoder::SentenceReady) rather than once per clause asked about,
// and only from the first token asked about to the sentence's end: the
// matcher looks at the words after a verb or noun, never before the first.
struct SentenceCoder::SentenceWords {
  // Per word id: the stamp of the last sentence that had it and its
  // positions there (token index - sentence start) as bits mod 64 (exact
  // up to 64 tokens; beyond, a test may pass that should not, never the
  // other way). Side by side, so that a word costs one cache line.
  struct Word {
    uint64_t at = 0;
    uint32_t stamp = 0;
  };
  std::vector<Word> words;
  uint32_t stamp = 0;  // the sentence's: one more per sentence on this thread
  // Per token of the sentence: its words as bits (id % 64); and the same
  // for it and every token after it (after[n] = 0).
  std::vector<uint64_t> bits, after;
  uint32_t from = 0;  // tokens [from, n) of the sentence are entered
};

// The words of a clause [from, end), for the tests of Possible, indexed by
// Coder::Screen::reach: [0] its first 5 tokens and [1] its first 14, where
// MatchPattern looks for a pattern's first word (without and after "..."),
// [2] all of it, [3] everything (a pattern with no word).
struct SentenceCoder::ClauseWords {
  uint64_t bits[4];  // the words as bits (id % 64)
  uint64_t at[4];    // the positions, as SentenceWords::Word::at
  uint32_t stamp;
  const SentenceWords::Word* words;
};

void SentenceCoder::SentenceReady(uint32_t from) const {
  thread_local SentenceWords w;
  const uint32_t n = s_.token_end - s_.token_begin;
  if (!sentence_words_) {
    sentence_words_ = &w;
    const size_t vocabulary = static_cast<size_t>(c_.vocabulary_);
    if (w.words.size() != vocabulary) w.words.assign(vocabulary, SentenceWords::Word{});
    if (++w.stamp == 0) {  // the counter wrapped: no stamp may be taken for this sentence's
      for (SentenceWords::Word& x : w.words) x.stamp = 0;
      w.stamp = 1;
    }
    sentence_stamp_ = w.stamp;
    // Grown only: entries [w.from, n) are written below, after[n] here.
    if (w.bits.size() < n) w.bits.resize(n);
    if (w.after.size() < n + 1) w.after.resize(n + 1);
    w.after[n] = 0;
    w.from = n;
  }
  const uint32_t lo = from < s_.token_begin ? 0 : std::min(from - s_.token_begin, n);
  sentence_from_ = w.from;
  if (lo >= w.from) return;
  // Through local pointers: the stores could otherwise alias the tables
  // read, which the compiler would then load again per token.
  const uint32_t stamp = w.stamp;
  SentenceWords::Word* words = w.words.data();
  const std::span<const int32_t>* forms = forms_.data();
  uint64_t* bits = w.bits.data();
  uint64_t* after = w.after.data();
  uint64_t later = after[w.from];
  for (uint32_t k = w.from; k-- > lo;) {
    uint64_t b = 0;
    const uint64_t here = uint64_t{1} << (k & 63);
    for (const int32_t id : forms[k]) {  // most tokens have none
      SentenceWords::Word& x = words[static_cast<size_t>(id)];
      x.at = (x.stamp == stamp ? x.at : 0) | here;
      x.stamp = stamp;
      b |= uint64_t{1} << (id & 63);
    }
    bits[k] = b;
    later |= b;
    after[k] = later;
  }
  w.from = lo;
  sentence_from_ = lo;
}

// Inlined into its three callers: a call and the copy of its result cost
// as much as its work.
[[gnu::always_inline]] inline SentenceCoder::ClauseWords SentenceCoder::WordsOf(uint32_t from, uint32_t end) const {
  const uint32_t b = from - s_.token_begin, e = std::min(end, s_.token_end) - s_.token_begin;
  ClauseWords c;
  c.bits[3] = c.at[3] = ~uint64_t{0};
  if (from < s_.token_begin || b >= e) {  // only a pattern with no word may match: no word is looked at
    c.bits[0] = c.bits[1] = c.bits[2] = c.at[0] = c.at[1] = c.at[2] = 0;
    c.stamp = 0;
    c.words = nullptr;
    return c;
  }
  if (from - s_.token_begin < sentence_from_) SentenceReady(from);  // (from >= s_.token_begin here)
  const SentenceWords& w = *sentence_words_;
  c.stamp = sentence_stamp_;
  c.words = w.words.data();
  // The words to the sentence's end stand for the clause's in the bit
  // tests (a superset): the position tests of Possible are exact.
  const uint32_t e5 = std::min(e, b + 5), e14 = std::min(e, b + 14);
  if (from == near_from_ && e14 == b + 14) {  // as the last clause from this token (MayMatch's, for BestMatch)
    c.bits[0] = near_bits_[0];
    c.bits[1] = near_bits_[1];
  } else {
    uint64_t bits = 0;
    uint32_t k = b;
    for (; k < e5; ++k) bits |= w.bits[k];
    c.bits[0] = bits;
    for (; k < e14; ++k) bits |= w.bits[k];
    c.bits[1] = bits;
    if (e14 == b + 14) {
      near_from_ = from;
      near_bits_[0] = c.bits[0];
      near_bits_[1] = c.bits[1];
    }
  }
  c.bits[2] = w.after[b];
  c.at[0] = Positions(b, e5);
  c.at[1] = Positions(b, e14);
  c.at[2] = Positions(b, e);
  return c;
}

inline bool SentenceCoder::Possible(const Coder::Screen& s, const ClauseWords& c) const {
  // Rejected when a word element has none of its words in the clause, or
  // the first one none within its reach: first by the words' bits, then
  // by the words themselves.
  if ((s.first & c.bits[s.reach]) == 0) return false;
  for (uint32_t m = s.mask_begin + 1; m < s.mask_end; ++m)
    if ((c_.masks_[m] & c.bits[2]) == 0) return false;
  for (uint32_t m = s.mask_begin; m < s.mask_end; ++m) {
    const uint64_t reach = m == s.mask_begin ? c.at[s.reach] : c.at[2];
    bool any = false;
    for (int32_t id : c_.WordsOfMask(m)) {
      const SentenceWords::Word& x = c.words[static_cast<size_t>(id)];
      if (x.stamp == c.stamp && (x.at & reach) != 0) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

bool SentenceCoder::AnyFirstWord(const Coder::ScreenList& l, const ClauseWords& c) {
  return ((l.any[0] & c.bits[0]) | (l.any[1] & c.bits[1]) | (l.any[2] & c.bits[2])) != 0;
}

size_t SentenceCoder::FirstScreen(const std::vector<const Pattern*>& patterns, const Coder::ScreenList& l,
                                  size_t first, const ClauseWords& c, uint32_t from, uint32_t end) const {
  const std::span<const Coder::Screen> screens = c_.ScreensOf(l, patterns.size());
  for (size_t i = first; i < screens.size(); ++i)
    if (Possible(screens[i], c)) {
      may_list_ = &patterns;
      may_from_ = from;
      may_end_ = end;
      may_first_ = static_cast<uint32_t>(i);
      return i;
    }
  return kNoPattern;
}

bool SentenceCoder::MayMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
  may_list_ = nullptr;
  if (patterns.empty()) return false;
  const Coder::ScreenList& l = c_.ListOf(patterns);
  if (l.open) return true;
  // No pattern's first word anywhere after `from`: none can match.
  if (from < s_.token_begin || from >= end) return false;
  if (from - s_.token_begin < sentence_from_) SentenceReady(from);
  if ((l.any[3] & sentence_words_->after[from - s_.token_begin]) == 0) return false;
  const ClauseWords c = WordsOf(from, end);
  if (!AnyFirstWord(l, c)) return false;
  return FirstScreen(patterns, l, 0, c, from, end) != kNoPattern;
}

size_t SentenceCoder::FirstPossible(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
  if (patterns.empty()) {
    may_list_ = nullptr;
    return kNoPattern;
  }
  const Coder::ScreenList& l = c_.ListOf(patterns);
  if (!l.open) return MayMatch(patterns, from, end) ? may_first_ : kNoPattern;
  // A list with a pattern of no word: some screen is always possible (that
  // one at the latest), as MayMatch says at once; which is first decides
  // whether the clause is needed at all.
  may_list_ = nullptr;
  const ClauseWords c = WordsOf(from, end);
  // When no pattern's first word element can start in the clause, every
  // screen before the first with no word element fails Possible's first
  // test: the scan starts at that one.
  return FirstScreen(patterns, l, AnyFirstWord(l, c) ? 0 : l.open - 1, c, from, end);
}

SentenceCoder::Match SentenceCoder::BestMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
  if (patterns.empty()) return Match{};
  const Coder::ScreenList& l = c_.ListOf(patterns);
  const ClauseWords c = WordsOf(from, end);
  // No first word element can start in the clause: only a pattern with
  // none may match, and the first of those is where the scan starts.
  const bool none_starts = !AnyFirstWord(l, c);
  if (!l.open && none_starts) return Match{};
  const std::span<const Coder::Screen> screens = c_.ScreensOf(l, patterns.size());
  // After MayMatch over the same patterns from the same token to an end no
  // nearer: a pattern it found impossible is impossible here too (every
  // test of Possible only loses words and positions as the clause shrinks).
  size_t i = 0;
  if (may_list_ == &patterns && may_from_ == from && std::min(end, s_.token_end) <= std::min(may_end_, s_.token_end))
    i = may_first_;
  if (none_starts) i = std::max<size_t>(i, l.open - 1);
  for (; i < screens.size(); ++i) {
    if (!Possible(screens[i], c)) continue;
    Match m = MatchPattern(*patterns[i], from, end);
    if (m.p) return m;
  }
  return Match{};
}

int SentenceCoder::PlaceAt(uint32_t k) const {
  for (size_t i = 0; i < doc_->mentions.size(); ++i) {
    const Mention& m = doc_->mentions[i];
    if (m.type == MentionType::kPlace && m.token_begin == k && !m.country.empty()) return static_cast<int>(i);
  }
  return -1;
}

SentenceCoder::Match SentenceCoder::MatchPattern(const Pattern& p, uint32_t from, uint32_t end) const {
  Match m;
  uint32_t pos = from;
  int window = 5;
  for (auto& el : p.rest) {
    if (el.kind == PatternElement::kGap) {
      window = 14;
      continue;
    }
    bool ok = false;
    for (uint32_t k = pos; k < end && k < pos + static_cast<uint32_t>(window); ++k) {
      if (el.kind == PatternElement::kWord) {
        if (WordMatches(k, c_.ElementIds(p, static_cast<size_t>(&el - p.rest.data())))) {
          pos = k + 1;
          ok = true;
          break;
        }
      } else {
        int mi = MentionAt(k);
        if (mi >= 0) {
          (el.kind == PatternElement::kTarget ? m.target : m.source) = mi;
          pos = doc_->mentions[mi].token_end;
          ok = true;
          break;
        }
        // A visit's destination may be a place: "flew to Hanoi".
        if (el.kind == PatternElement::kTarget && p.code.compare(0, 3, "042") == 0) {
          int pl = PlaceAt(k);
          if (pl >= 0) {
            m.place = pl;
            pos = doc_->mentions[pl].token_end;
            ok = true;
            break;
          }
        }
        // An actor slot is the next noun phrase: not past a preposition
        // or a verb ("withdraw from areas under Kyiv's control").
        if ((k > pos && Is(k, kClsPrep)) || GroupOfVerb(k) >= 0) break;
      }
      // Without "...", only the words of a phrase lie between two
      // elements: another verb of the clause ends the search.
      if (window == 5 && k > pos && GroupOfVerb(k) >= 0) break;
      const Token& t = T(k);
      if (t.kind == TokenKind::kPunct && std::string_view(t.norm) != "-" && std::string_view(t.norm) != "\"" && std::string_view(t.norm) != "'") break;
    }
    if (!ok) return Match{};
    window = 5;
  }
  m.p = &p;
  m.score = static_cast<int>(p.rest.size());
  m.end = pos;
  return m;
}

}  // namespace parley
