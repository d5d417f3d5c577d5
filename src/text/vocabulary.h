// Vocabulary: one number per word form that any table of parley knows, so
// that each token is looked up by its string once and every later table is
// an array indexed by that number (issue 12, item 13).
//
// The words are those of the closed-class word lists (every WordSet made
// before the first Vocabulary, see ClosedWords below), then whatever the
// later stages add at start-up (the lexicon's name words, the coder's word
// forms). Number() gives each token of a Document its id (Token::word) and
// records which vocabulary numbered it (Document::vocabulary); a token whose
// form no table knows gets kUnknownWord, for which every table answers
// "absent" without hashing. Tables indexed by id are built by their stage
// from the vocabulary they are given (Lexicon::UseVocabulary,
// Coder::UseVocabulary) and used only for a document that vocabulary
// numbered; a token with id 0 (never numbered) is looked up by its string.
//
// Tested by tests/vocabulary_test.cc.
#ifndef PARLEY_TEXT_VOCABULARY_H_
#define PARLEY_TEXT_VOCABULARY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parley/document.h"
#include "text/string_table.h"

namespace parley {

// Token::word values below the first real id.
inline constexpr uint32_t kUnnumberedWord = 0;  // not numbered: look it up by string
inline constexpr uint32_t kUnknownWord = 1;     // numbered, and no table knows it

class Vocabulary {
 public:
  // Starts with every registered closed-class word (and closes the
  // registry: a WordSet made later does not rely on this numbering).
  Vocabulary();
  Vocabulary(const Vocabulary&) = delete;
  Vocabulary& operator=(const Vocabulary&) = delete;

  // The id of `w`, added if new. Ids are dense from 2 (kUnknownWord + 1).
  uint32_t Add(std::string_view w);
  // The id of `w`, or kUnknownWord.
  uint32_t Find(std::string_view w) const {
    const uint32_t* id = ids_.Find(w);
    return id ? *id : kUnknownWord;
  }
  uint32_t Find(const Token& t) const {
    const uint32_t* id = ids_.Find(t.lower, t.hash);
    return id ? *id : kUnknownWord;
  }
  // One past the largest id: the size of a table indexed by id.
  uint32_t size() const { return next_; }
  // Identifies this vocabulary among all made in the process (never 0).
  uint64_t tag() const { return tag_; }

  // Sets every token's word id (from its lower-case form) and
  // doc->vocabulary = tag().
  void Number(Document* doc) const;

 private:
  StringTable<uint32_t> ids_;
  uint32_t next_ = kUnknownWord + 1;
  uint64_t tag_;
};

// The registry of closed-class word lists that WordSet (text/wordset.h)
// fills while it is open. Returns the list's number (>= 0) when `words`
// were registered, so that every Vocabulary made from now on holds them
// first, with the same ids in each; -1 once the first Vocabulary was made
// (the set then always looks words up by string). Thread-safe.
int RegisterClosedWords(const std::vector<std::string_view>& words);

// Which registered lists hold each closed-class word, by word id: written
// once when the first Vocabulary closes the registry, read-only after.
// Ids from `end` on are no closed-class word.
struct ClosedWordLists {
  uint32_t end = 0;     // one past the last closed-class id
  uint32_t stride = 0;  // 64-bit words per id
  std::vector<uint64_t> bits;
};
extern const ClosedWordLists* g_closed_word_lists;

// True if the numbered word `id` (>= kUnknownWord) is in registered list
// `list`. REQUIRES: a Vocabulary was made (as for any numbered token).
inline bool ClosedListHas(uint32_t id, int list) {
  const ClosedWordLists& c = *g_closed_word_lists;
  if (id >= c.end) return false;
  const uint32_t l = static_cast<uint32_t>(list);
  return (c.bits[static_cast<size_t>(id) * c.stride + l / 64] >> (l % 64)) & 1;
}

}  // namespace parley

#endif  // PARLEY_TEXT_VOCABULARY_H_
