// A small, immutable set of words for the closed-class word lists the
// recognisers test tokens against ("the", "said", "january" ...).
//
// std::unordered_set<std::string> costs a std::string (for a string_view
// argument), a full std::hash and a bucket walk per lookup; a WordSet takes a
// std::string_view, rejects most words by length alone and otherwise costs
// one short hash and, on a hit, one comparison. Construct it once (a
// static); lookups are const and thread-safe. Drop-in for the `count()` and
// `contains()` of a set: `kPreps.count(t.lower)`.
#ifndef PARLEY_TEXT_WORDSET_H_
#define PARLEY_TEXT_WORDSET_H_

#include <cassert>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "parley/document.h"
#include "text/string_table.h"
#include "text/vocabulary.h"

namespace parley {

class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) { Build(words.begin(), words.end()); }
  template <typename It>
  WordSet(It begin, It end) { Build(begin, end); }

  // Index of `w` in the list the set was built from (the first occurrence),
  // or -1.
  int Find(std::string_view w) const {
    if (w.size() >= 64 || !((lengths_ >> w.size()) & 1)) return -1;
    return FindHashed(w, Hash(w));
  }
  // A token's lower-case form, with the hash the tokeniser stored; a
  // numbered token whose word is not in this list is rejected by one bit
  // when the list is in every vocabulary (see Build).
  [[gnu::always_inline]] int Find(const Token& t) const {
    if (list_ >= 0 && t.word != kUnnumberedWord && !ClosedListHas(t.word, list_)) return -1;
    return FindByText(t);
  }
  // Always inline: at most call sites the word's bit decides, in a few
  // instructions, less than a call costs.
  [[gnu::always_inline]] bool contains(const Token& t) const {
    if (list_ >= 0 && t.word != kUnnumberedWord) return ClosedListHas(t.word, list_);
    return FindByText(t) >= 0;
  }
  size_t count(const Token& t) const { return contains(t) ? 1 : 0; }

  // The lookup by the token's text, for a list made after the vocabulary
  // or a token with no number. Kept out of line so that the one-bit test
  // of the callers above stays small enough to inline at every use.
  [[gnu::noinline]] int FindByText(const Token& t) const {
    if (t.lower.size() >= 64 || !((lengths_ >> t.lower.size()) & 1)) return -1;
    return FindHashed(t.lower, t.hash);
  }

  // REQUIRES: hash == Hash(w)
  int FindHashed(std::string_view w, uint32_t hash) const {
    assert(hash == Hash(w));
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    for (uint32_t h = hash & mask;; h = (h + 1) & mask) {
      const Slot& s = slots_[h];
      if (s.word < 0) return -1;
      if (s.hash != hash) continue;
      const Word& x = words_[static_cast<size_t>(s.word)];
      if (x.len == w.size() && SameBytes(pool_.data() + x.off, w.data(), w.size())) return x.index;
    }
  }
  bool contains(std::string_view w) const { return Find(w) >= 0; }
  size_t count(std::string_view w) const { return Find(w) >= 0 ? 1 : 0; }
  size_t size() const { return words_.size(); }
  // Calls fn(word) for each distinct word, in no particular order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (auto& w : words_) fn(std::string_view(pool_).substr(w.off, w.len));
  }

  // StringTable's word-at-a-time hash.
  static uint32_t Hash(std::string_view w) { return StringTable<int>::Hash(w); }

 private:
  struct Slot {
    uint32_t hash;
    int32_t word;  // index into words_, -1 = empty
  };
  struct Word {
    uint32_t off;
    uint32_t len;
    int index;
  };
  template <typename It>
  void Build(It begin, It end) {
    std::vector<std::string_view> list;
    for (It it = begin; it != end; ++it) list.emplace_back(*it);
    size_t cap = 8;
    while (cap < list.size() * 3) cap *= 2;
    slots_.assign(cap, Slot{0, -1});
    for (size_t i = 0; i < list.size(); ++i) {
      std::string_view w = list[i];
      if (w.size() >= 64) continue;  // never looked up (see Find); none are that long
      if (Find(w) >= 0) continue;    // a repeat keeps the first index
      uint32_t mask = static_cast<uint32_t>(cap - 1);
      const uint32_t hash = Hash(w);
      uint32_t h = hash & mask;
      while (slots_[h].word >= 0) h = (h + 1) & mask;
      slots_[h] = Slot{hash, static_cast<int32_t>(words_.size())};
      words_.push_back(Word{static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(w.size()), static_cast<int>(i)});
      pool_.append(w);
      lengths_ |= uint64_t{1} << w.size();
    }
    // A set made before the first Vocabulary (the namespace-scope ones)
    // is in every vocabulary; one made later (a function's static) is not,
    // and always looks words up by string.
    std::vector<std::string_view> kept;  // the words Find can find
    for (std::string_view w : list)
      if (w.size() < 64) kept.push_back(w);
    list_ = RegisterClosedWords(kept);
  }

  std::string pool_;
  std::vector<Word> words_;
  std::vector<Slot> slots_;
  uint64_t lengths_ = 0;
  int list_ = -1;  // its number among the registered lists, -1 = none
};

// A WordSet with a value per word: `kScales.Get("million", &v)`.
template <typename T>
class WordMap {
 public:
  WordMap(std::initializer_list<std::pair<std::string_view, T>> items)
      : keys_(Keys(items)), values_(Values(items)) {}
  const T* Find(std::string_view w) const {
    int i = keys_.Find(w);
    return i < 0 ? nullptr : &values_[static_cast<size_t>(i)];
  }
  size_t count(std::string_view w) const { return keys_.count(w); }
  const T* Find(const Token& t) const {
    int i = keys_.Find(t);
    return i < 0 ? nullptr : &values_[static_cast<size_t>(i)];
  }
  size_t count(const Token& t) const { return keys_.count(t); }

 private:
  static WordSet Keys(std::initializer_list<std::pair<std::string_view, T>> items) {
    std::vector<std::string_view> k;
    for (auto& p : items) k.push_back(p.first);
    return WordSet(k.begin(), k.end());
  }
  static std::vector<T> Values(std::initializer_list<std::pair<std::string_view, T>> items) {
    std::vector<T> v;
    for (auto& p : items) v.push_back(p.second);
    return v;
  }
  WordSet keys_;
  std::vector<T> values_;
};

}  // namespace parley

#endif  // PARLEY_TEXT_WORDSET_H_
