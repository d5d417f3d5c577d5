// A stage's closed-class word lists (namespace-scope WordSets) folded into
// one byte of class bits per word id, so that a scan over every token of an
// article tests one byte for all of the lists instead of one ClosedListHas
// (a load of the registry, a multiply and a shift) per list.
//
// Bit k of a word's byte is set when the word is in the k-th set given.
// The answer is the sets' own, token for token: the table is read only for
// a numbered token (Token::word) and only when every set is one the
// vocabulary numbers (a set made before the first Vocabulary); otherwise
// each set is asked by the token's text, as WordSet::contains does.
//
// Tested through the stages that use it (tests/dates_test.cc,
// tests/entities_counts_fast_test.cc).
#ifndef PARLEY_EXTRACT_WORD_CLASSES_H_
#define PARLEY_EXTRACT_WORD_CLASSES_H_

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <vector>

#include "parley/document.h"
#include "text/vocabulary.h"
#include "text/wordset.h"

namespace parley {

class WordClasses {
 public:
  // At most 8 sets, each living as long as this object.
  WordClasses(std::initializer_list<const WordSet*> sets) : sets_(sets) {}

  // What a scan holds for one article: the table (if usable) in registers.
  class View {
   public:
    uint8_t Of(const Token& t) const {
      // One unsigned comparison for the usual token, a numbered closed
      // word (id 0, not numbered, wraps round to the largest value).
      const uint32_t k = t.word - 1;
      if (k < span_) [[likely]] return after_unnumbered_[k];
      if (t.word == kUnnumberedWord || !after_unnumbered_) return owner_->ByText(t);
      return 0;  // an id past the closed words: in no list
    }

    // The table from id 1 on and its length (null and 0 when not usable),
    // for a scan that reads the table inline and asks Of only of the
    // tokens outside it.
    const uint8_t* table() const { return after_unnumbered_; }
    uint32_t span() const { return span_; }
    // The same table indexed by Token::word itself, for a scan that wants
    // one load and no branch per token: entry std::min(t.word, past()) is
    // t's bits for a numbered closed word, 0 for an id past the closed
    // words (the entry at past()), and every bit set for a token not
    // numbered (entry 0: ask Of, which reads its text). Null when table()
    // is.
    const uint8_t* by_id() const { return by_id_; }
    uint32_t past() const { return span_ + 1; }

   private:
    friend class WordClasses;
    const uint8_t* after_unnumbered_ = nullptr;  // the table from id 1 on; null when not usable
    const uint8_t* by_id_ = nullptr;             // the table from id 0 on; null when not usable
    uint32_t span_ = 0;                          // its length
    const WordClasses* owner_ = nullptr;
  };

  // The view for the tokens of one article (call once per article: it
  // builds the table at the first article numbered by a vocabulary).
  View Get() const {
    View v;
    v.owner_ = this;
    if (g_closed_word_lists) {
      // Built once: after that, one load per article instead of a call of
      // pthread_once (the flag is set after Build, with release order, so
      // that a thread that sees it sees the table too).
      if (!built_.load(std::memory_order_acquire))
        std::call_once(once_, [this] {
          Build();
          built_.store(true, std::memory_order_release);
        });
      if (bits_.size() > 2) {
        v.by_id_ = bits_.data();
        v.after_unnumbered_ = bits_.data() + 1;
        v.span_ = static_cast<uint32_t>(bits_.size() - 2);  // without the entry past the end
      }
    }
    return v;
  }

  // The class bits of `t` asked of each set (any token).
  uint8_t ByText(const Token& t) const {
    uint8_t b = 0;
    for (size_t k = 0; k < sets_.size(); ++k)
      if (sets_[k]->contains(t)) b |= static_cast<uint8_t>(1u << k);
    return b;
  }

 private:
  // REQUIRES: g_closed_word_lists (a Vocabulary was made). Leaves bits_
  // empty when a set is not numbered by the vocabulary: it answers a
  // numbered token by its text, which a table by id cannot follow.
  void Build() const {
    for (const WordSet* s : sets_) {
      bool numbered = true;
      s->ForEach([&](std::string_view w) {
        // A numbered set answers by id: kUnknownWord is in no list, so a
        // token of its word with that id is not found; a set that reads
        // the text finds it.
        Token probe;
        probe.lower = w;
        probe.hash = WordSet::Hash(w);
        probe.word = kUnknownWord;
        if (s->contains(probe)) numbered = false;
      });
      if (!numbered) return;
    }
    const uint32_t end = g_closed_word_lists->end;
    // Ids [0, end) and one entry past them (0: in no list); id 0 (not
    // numbered) has every bit set for View::by_id (View::Of never reads it).
    std::vector<uint8_t> bits(end + 1, 0);
    bits[kUnnumberedWord] = 0xFF;
    for (uint32_t id = kUnknownWord; id < end; ++id) {
      Token probe;  // no text: a numbered set answers by the id alone
      probe.word = id;
      for (size_t k = 0; k < sets_.size(); ++k)
        if (sets_[k]->contains(probe)) bits[id] |= static_cast<uint8_t>(1u << k);
    }
    bits_ = std::move(bits);
  }

  std::vector<const WordSet*> sets_;
  mutable std::once_flag once_;
  mutable std::atomic<bool> built_{false};
  mutable std::vector<uint8_t> bits_;
};

}  // namespace parley

#endif  // PARLEY_EXTRACT_WORD_CLASSES_H_
