// Pattern matching: the patterns of a verb or noun lemma (data/verbs.tsv,
// data/nouns.tsv) against the words after it, longest first. Word elements
// compare pattern-word ids; a TGT/SRC element binds the next actor phrase.
// A clause is marked once per match (a stamp per word id, and the words as
// bits) so that a pattern whose words are absent from it, or whose first
// word is out of its reach, is skipped before matching.
// Cost: O(tokens of the clause x patterns of the lemma).
// Tested by tests/coder_test.cc.
#include "code/sentence_coder.h"

#include <algorithm>

namespace parley {

bool SentenceCoder::WordMatches(uint32_t k, std::span<const int32_t> words) const {
  const std::span<const int32_t> forms = forms_[k - s_.token_begin];
  for (int w : words)
    for (int f : forms)
      if (f == w) return true;
  return false;
}

// The words of a clause [from, end): stamped (the pattern words present,
// for the test of each element), as bits (id % 64), and as bits of its
// first 5 and 14 tokens, where MatchPattern looks for a pattern's first
// word (without and after "...").
struct SentenceCoder::ClauseWords {
  uint64_t present = 0, near = 0, gap_near = 0;
  uint32_t stamp = 0;
};

SentenceCoder::ClauseWords SentenceCoder::WordsOf(uint32_t from, uint32_t end) const {
  ClauseWords c;
  c.stamp = ++*stamp_gen_;
  std::vector<uint32_t>& stamps = *stamps_;
  for (uint32_t k = from; k < end; ++k) {
    uint64_t b = 0;
    for (int w : forms_[k - s_.token_begin]) {
      stamps[static_cast<size_t>(w)] = c.stamp;
      b |= uint64_t{1} << (w & 63);
    }
    c.present |= b;
    if (k < from + 5) c.near |= b;
    if (k < from + 14) c.gap_near |= b;
  }
  return c;
}

bool SentenceCoder::Possible(const Pattern& p, const ClauseWords& c) const {
  const size_t pi = static_cast<size_t>(&p - c_.lex_.patterns().data());
  const uint32_t mb = c_.mask_begin_[pi], me = c_.mask_begin_[pi + 1];
  if (mb == me) return true;  // no word to look for
  // Rejected when a word element has none of its words in the clause, or
  // the first one none within its reach; the masks are the word elements'
  // in order.
  const PatternElement::Kind k0 = p.rest.front().kind;
  const uint64_t first_reach =
      k0 == PatternElement::kWord                                                                  ? c.near
      : k0 == PatternElement::kGap && p.rest.size() > 1 && p.rest[1].kind == PatternElement::kWord ? c.gap_near
                                                                                                   : c.present;
  if ((c_.masks_[mb] & first_reach) == 0) return false;
  for (uint32_t m = mb + 1; m < me; ++m)
    if ((c_.masks_[m] & c.present) == 0) return false;
  // Then by the words themselves: each element has one in the clause.
  const std::vector<uint32_t>& stamps = *stamps_;
  const uint32_t eb = c_.element_begin_[pi];
  for (size_t e = 0; e < p.rest.size(); ++e) {
    if (p.rest[e].kind != PatternElement::kWord) continue;
    const Coder::ElementRef& r = c_.elements_[eb + e];
    bool any = false;
    for (int32_t id : c_.element_words_.subspan(r.off, r.len))
      if (stamps[static_cast<size_t>(id)] == c.stamp) {
        any = true;
        break;
      }
    if (!any) return false;
  }
  return true;
}

bool SentenceCoder::MayMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
  // A pattern with no word to look for may match anywhere.
  const Pattern* const base = c_.lex_.patterns().data();
  for (const Pattern* p : patterns) {
    const size_t pi = static_cast<size_t>(p - base);
    if (c_.mask_begin_[pi] == c_.mask_begin_[pi + 1]) return true;
  }
  const ClauseWords c = WordsOf(from, end);
  for (const Pattern* p : patterns)
    if (Possible(*p, c)) return true;
  return false;
}

SentenceCoder::Match SentenceCoder::BestMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
  const ClauseWords c = WordsOf(from, end);
  for (const Pattern* p : patterns) {
    if (!Possible(*p, c)) continue;
    Match m = MatchPattern(*p, from, end);
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
