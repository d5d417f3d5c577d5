// Pattern matching: the patterns of a verb or noun lemma (data/verbs.tsv,
// data/nouns.tsv) against the words after it, longest first. Word elements
// compare pattern-word ids; a TGT/SRC element binds the next actor phrase.
// A clause is marked once per match (a stamp per word id) so that patterns
// whose words are absent are skipped before matching.
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

SentenceCoder::Match SentenceCoder::BestMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
  // Mark the pattern words present in the clause with a fresh stamp.
  uint32_t stamp = ++*stamp_gen_;
  uint64_t present = 0;  // the same words as bits, for Coder::MaybeMatches
  for (uint32_t k = from; k < end; ++k)
    for (int w : forms_[k - s_.token_begin]) {
      (*stamps_)[static_cast<size_t>(w)] = stamp;
      present |= uint64_t{1} << (w & 63);
    }
  for (const Pattern* p : patterns) {
    if (!c_.MaybeMatches(*p, present)) continue;
    bool possible = true;
    for (size_t e = 0; e < p->rest.size() && possible; ++e) {
      if (p->rest[e].kind != PatternElement::kWord) continue;
      bool any = false;
      for (int w : c_.ElementIds(*p, e))
        if ((*stamps_)[static_cast<size_t>(w)] == stamp) { any = true; break; }
      possible = any;
    }
    if (!possible) continue;
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
