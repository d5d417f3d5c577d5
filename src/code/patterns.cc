// Pattern matching: the patterns of a verb or noun lemma (data/verbs.tsv,
// data/nouns.tsv) against the words after it, longest first. Word elements
// compare pattern-word ids; a TGT/SRC element binds the next actor phrase.
// A lemma's candidate patterns are found from the clause's own words: its
// first 14 tokens' pattern words are looked up in the lemma's first-word
// index (Coder::ScreenList, built when the coder loads), so that a pattern
// none of whose opening words is within reach is never looked at; the
// candidates' other word elements are then tested against the sentence's
// pattern words (SentenceReady: per word id its positions, found once per
// sentence and only when such a test is needed), from records kept
// together (Coder::Screen), before a pattern is matched.
// Cost: O(14 tokens x log(first words of the lemma)) per clause asked
// about, plus O(candidates) tests; O(tokens of the sentence) once.
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

// std::popcount, which without a target's popcnt instruction is a call.
inline uint32_t BitsSet(uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555ull;
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return static_cast<uint32_t>((x * 0x0101010101010101ull) >> 56);
}

// The first index i >= first among the candidate bits `cand` (of n
// patterns), in order, for which ok(i) holds; SIZE_MAX when none does.
template <typename Ok>
inline size_t FirstCandidate(const uint64_t* cand, size_t n, size_t first, Ok&& ok) {
  for (size_t w = first / 64; w < (n + 63) / 64; ++w) {
    uint64_t bits = cand[w];
    if (w == first / 64) bits &= ~uint64_t{0} << (first % 64);
    for (; bits != 0; bits &= bits - 1) {
      const size_t i = w * 64 + static_cast<size_t>(std::countr_zero(bits));
      if (ok(i)) return i;
    }
  }
  return SIZE_MAX;
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
  // Per token of the sentence: the words (as bits, id % 64) of it and of
  // every token after it (after[n] = 0).
  std::vector<uint64_t> after;
  uint32_t from = 0;  // tokens [from, n) of the sentence are entered
};

// The words of a clause [from, end), for RestPossible's tests (all but
// the first word element of a pattern whose first word element is found
// through the list's first-word index, see Candidates): as bits (id % 64)
// and positions (as SentenceWords::Word::at).
struct SentenceCoder::ClauseWords {
  uint64_t bits;
  uint64_t at;
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
  uint64_t* after = w.after.data();
  uint64_t later = after[w.from];
  for (uint32_t k = w.from; k-- > lo;) {
    const uint64_t here = uint64_t{1} << (k & 63);
    for (const int32_t id : forms[k]) {  // most tokens have none
      SentenceWords::Word& x = words[static_cast<size_t>(id)];
      x.at = (x.stamp == stamp ? x.at : 0) | here;
      x.stamp = stamp;
      later |= uint64_t{1} << (id & 63);
    }
    after[k] = later;
  }
  w.from = lo;
  sentence_from_ = lo;
}

SentenceCoder::ClauseWords SentenceCoder::WordsOf(uint32_t from, uint32_t end) const {
  const uint32_t b = from - s_.token_begin, e = std::min(end, s_.token_end) - s_.token_begin;
  ClauseWords c;
  if (from < s_.token_begin || b >= e) {  // no word is looked at
    c.bits = c.at = 0;
    c.stamp = 0;
    c.words = nullptr;
    return c;
  }
  if (b < sentence_from_) SentenceReady(from);
  const SentenceWords& w = *sentence_words_;
  c.stamp = sentence_stamp_;
  c.words = w.words.data();
  // The words to the sentence's end stand for the clause's in the bit
  // tests (a superset): the position tests are exact.
  c.bits = w.after[b];
  c.at = Positions(b, e);
  return c;
}

// Some word of word element m is in the clause c (exact up to 64 tokens;
// beyond, the positions mod 64 may pass a word that is not).
inline bool SentenceCoder::ElementIn(uint32_t m, const ClauseWords& c) const {
  if ((c_.masks_[m] & c.bits) == 0) return false;
  for (int32_t id : c_.WordsOfMask(m)) {
    const SentenceWords::Word& x = c.words[static_cast<size_t>(id)];
    if (x.stamp == c.stamp && (x.at & c.at) != 0) return true;
  }
  return false;
}

// The bits of the patterns of list l (by index in it, words of 64) whose
// first word element has a word within its reach from token `from` on
// (and before `end`), or comes after an actor, or that have no word
// element (ScreenList::late), into cand, which holds kWords words (0:
// ceil(n / 64), more than one).
template <size_t kWords>
void SentenceCoder::CandidatesOf(const Coder::ScreenList& l, size_t n, uint32_t from, uint32_t end,
                                 uint64_t* cand) const {
  const size_t words = kWords ? kWords : (n + 63) / 64;
  if (kWords == 1) {
    cand[0] = l.late;
  } else {
    std::fill(cand, cand + words, uint64_t{0});
    for (uint32_t j = l.late_begin; j < l.late_end; ++j) {
      const uint32_t i = c_.late_patterns_[j];
      cand[i / 64] |= uint64_t{1} << (i % 64);
    }
  }
  end = std::min(end, s_.token_end);
  const uint64_t any = l.first_any;
  if (from < s_.token_begin || from >= end || any == 0) return;
  // The clause's first 14 tokens, where a first word element of reach 1
  // may be (and of reach 0 in the first 5): each of their pattern words
  // whose bit (id % 64) the list's first words have is looked up among
  // the list's keys of that bit (usually one).
  const uint32_t b = from - s_.token_begin, e = std::min(end - s_.token_begin, b + (l.any[1] ? 14 : 5));
  const std::span<const int32_t>* forms = forms_.data();
  const int32_t* keys = c_.first_keys_.data();
  const uint32_t* groups = c_.first_groups_.data() + l.groups;
  const uint64_t* sets = c_.first_sets_.data() + l.sets;
  const Token* tokens = &T(s_.token_begin);
  for (uint32_t k = b; k < e; ++k) {
    // MatchPattern's search for a word ends at a punctuation mark (after
    // testing it: a token with pattern words is a word, and only those
    // are looked up): none after it can open a pattern.
    if (forms[k].empty()) {
      if (BreaksSearch(tokens[k])) break;
      continue;
    }
    for (const int32_t id : forms[k]) {
      if (((any >> (id & 63)) & 1) == 0) continue;
      const uint32_t r = BitsSet(any & ((uint64_t{1} << (id & 63)) - 1));
      for (uint32_t j = groups[r]; j < groups[r + 1]; ++j) {
        if (keys[j] != id) continue;
        // Beyond 5 tokens, only the patterns of reach 1.
        const uint64_t* set = sets + (j - l.key0) * 2 * words + (k < b + 5 ? 0 : words);
        for (size_t w = 0; w < words; ++w) cand[w] |= set[w];
        break;
      }
    }
  }
}

const uint64_t* SentenceCoder::Candidates(const Coder::ScreenList& l, size_t n, uint32_t from, uint32_t end) const {
  if (n <= 64) {
    CandidatesOf<1>(l, n, from, end, &candidates_);
    return &candidates_;
  }
  thread_local std::vector<uint64_t> buffer;
  if (buffer.size() < (n + 63) / 64) buffer.resize((n + 63) / 64);
  CandidatesOf<0>(l, n, from, end, buffer.data());
  return buffer.data();
}

// The candidate screened by s may match in the clause [from, end): its
// word elements other than the first one found through the index (all of
// them when its first word element comes after an actor) each have a word
// in the clause. c is the clause's words, made on first use.
inline bool SentenceCoder::RestPossible(const Coder::Screen& s, ClauseWords& c, bool& have_c, uint32_t from,
                                        uint32_t end) const {
  uint32_t m = s.mask_begin;
  if (s.reach <= 1) ++m;  // (reach 3: no word element, mask_begin == mask_end)
  if (m >= s.mask_end) return true;
  if (!have_c) {
    c = WordsOf(from, end);
    have_c = true;
  }
  for (; m < s.mask_end; ++m)
    if (!ElementIn(m, c)) return false;
  return true;
}

size_t SentenceCoder::FirstScreen(const std::vector<const Pattern*>& patterns, const Coder::ScreenList& l,
                                  size_t first, uint32_t from, uint32_t end) const {
  const size_t n = patterns.size();
  const uint64_t* cand = Candidates(l, n, from, end);
  const std::span<const Coder::Screen> screens = c_.ScreensOf(l, n);
  ClauseWords c;
  bool have_c = false;
  const size_t i =
      FirstCandidate(cand, n, first, [&](size_t k) { return RestPossible(screens[k], c, have_c, from, end); });
  static_assert(kNoPattern == SIZE_MAX);
  if (i == kNoPattern) return kNoPattern;
  may_list_ = &patterns;
  may_from_ = from;
  may_end_ = end;
  may_first_ = static_cast<uint32_t>(i);
  may_candidates_ = n <= 64 ? cand[0] : 0;
  return i;
}

bool SentenceCoder::MayMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
  may_list_ = nullptr;
  if (patterns.empty()) return false;
  const Coder::ScreenList& l = c_.ListOf(patterns);
  if (l.open) return true;
  return FirstScreen(patterns, l, 0, from, end) != kNoPattern;
}

size_t SentenceCoder::FirstPossible(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
  may_list_ = nullptr;
  if (patterns.empty()) return kNoPattern;
  // Also for a list with a pattern of no word, which is always a
  // candidate: which candidate is first decides whether the clause is
  // needed at all.
  return FirstScreen(patterns, c_.ListOf(patterns), 0, from, end);
}

SentenceCoder::Match SentenceCoder::BestMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
  if (patterns.empty()) return Match{};
  const size_t n = patterns.size();
  const Coder::ScreenList& l = c_.ListOf(patterns);
  // After MayMatch over the same patterns from the same token to an end no
  // nearer: a pattern it found impossible is impossible here too (every
  // test only loses words and positions as the clause shrinks).
  // Its candidates, too, when kept (a list of at most 64 patterns): the
  // clause's first words within reach are among those of that clause.
  size_t first = 0;
  const uint64_t* cand;
  if (may_list_ == &patterns && may_from_ == from && std::min(end, s_.token_end) <= std::min(may_end_, s_.token_end)) {
    first = may_first_;
    cand = n <= 64 ? &may_candidates_ : Candidates(l, n, from, end);
  } else {
    cand = Candidates(l, n, from, end);
  }
  const std::span<const Coder::Screen> screens = c_.ScreensOf(l, n);
  ClauseWords c;
  bool have_c = false;
  Match m;
  FirstCandidate(cand, n, first, [&](size_t k) {
    if (!RestPossible(screens[k], c, have_c, from, end)) return false;
    m = MatchPattern(*patterns[k], from, end);
    return m.p != nullptr;
  });
  return m.p ? m : Match{};
}

int SentenceCoder::PlaceAt(uint32_t k) const {
  for (size_t i = 0; i < doc_->mentions.size(); ++i) {
    const Mention& m = doc_->mentions[i];
    if (m.type == MentionType::kPlace && m.token_begin == k && !m.country.empty()) return static_cast<int>(i);
  }
  return -1;
}

// A punctuation mark that ends MatchPattern's search for an element
// (hyphens and quotes do not).
inline bool SentenceCoder::BreaksSearch(const Token& t) {
  return t.kind == TokenKind::kPunct && t.norm != "-" && t.norm != "\"" && t.norm != "'";
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
      if (BreaksSearch(T(k))) break;
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
