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
#include <memory>
#include <span>
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
  uint32_t Find(std::string_view w) const { return Find(w, StringTable<int>::Hash(w)); }
  uint32_t Find(const Token& t) const { return Find(t.lower, t.hash); }
  // One past the largest id: the size of a table indexed by id.
  uint32_t size() const { return static_cast<uint32_t>(entries_.size()) + kUnknownWord + 1; }
  // Identifies this vocabulary among all made in the process (never 0).
  uint64_t tag() const { return tag_; }

  // Sets every token's word id (from its lower-case form) and
  // doc->vocabulary = tag().
  void Number(Document* doc) const;

  // The lookup tables, flat, so that a compiled image can hold them and a
  // later run read them in place (code/coder_image.cc stores the
  // pipeline's vocabulary in the coder's image): an open-addressing table
  // of slots (a power of two, at most half used; each a word's
  // StringTable hash and its entry + 1) over entries (each a word's bytes
  // in the pool); entry i is id i + 2.
  struct Slot {
    uint32_t hash = 0;
    uint32_t entry = 0;  // index into entries + 1; 0 = empty
  };
  struct Entry {
    uint32_t off = 0, len = 0;  // the word's bytes in the pool
  };
  struct Tables {
    std::span<const Slot> slots;
    std::span<const Entry> entries;
    std::string_view pool;
  };
  Tables tables() const { return {slots_, entries_, pool_}; }
  // A vocabulary whose lookups read `t` where it lies (kept alive by
  // `owner`), as another's tables() gave them; nullptr when the slots or
  // entries are out of bounds (O(slots + entries) checks) or the words do
  // not start with this build's closed-class words in their order. Add()
  // on it first copies the tables.
  static std::unique_ptr<Vocabulary> Attach(const Tables& t, std::shared_ptr<const void> owner);

 private:
  uint32_t Find(std::string_view w, uint32_t hash) const {
    if (slots_.empty()) return kUnknownWord;
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    for (uint32_t h = hash & mask;; h = (h + 1) & mask) {
      const Slot& s = slots_[h];
      if (s.entry == 0) return kUnknownWord;
      if (s.hash == hash) {
        const Entry& e = entries_[s.entry - 1];
        if (e.len == w.size() && SameBytes(pool_.data() + e.off, w.data(), w.size())) return s.entry + 1;
      }
    }
  }
  struct Bare {};
  explicit Vocabulary(Bare);
  void Own();  // copies tables read in place into the vectors below
  void Point() {
    slots_ = own_slots_;
    entries_ = own_entries_;
    pool_ = own_pool_;
  }
  // What lookups read: the vectors below, or an image (owner_).
  std::span<const Slot> slots_;
  std::span<const Entry> entries_;
  std::string_view pool_;
  std::shared_ptr<const void> owner_;
  std::vector<Slot> own_slots_;
  std::vector<Entry> own_entries_;
  std::string own_pool_;
  uint64_t tag_;
};

// The registry of closed-class word lists that WordSet (text/wordset.h)
// fills while it is open. Returns the list's number (>= 0) when `words`
// were registered, so that every Vocabulary made from now on holds them
// first, with the same ids in each; -1 once the first Vocabulary was made
// (the set then always looks words up by string). Thread-safe.
int RegisterClosedWords(const std::vector<std::string_view>& words);

// Closes the registry now, as the first Vocabulary would. The pipeline
// does so before it loads anything, so that the lists registered (and the
// vocabulary kept in the coder's image) do not depend on which loading
// code ran first: a lexicon parsed from its text makes function-local
// WordSets that a lexicon read from its image does not.
void CloseClosedWords();

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
