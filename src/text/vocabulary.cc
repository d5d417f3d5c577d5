// Vocabulary and the closed-class word registry; see vocabulary.h.
#include "text/vocabulary.h"

#include <atomic>
#include <mutex>

namespace parley {

namespace {

struct Registry {
  std::mutex mu;
  bool closed = false;
  std::vector<std::string> words;  // in registration order, repeats kept once
  StringTable<uint32_t> seen;      // word -> index in words
  std::vector<std::vector<uint32_t>> lists;  // each list's words, as indexes
};

Registry& TheRegistry() {
  static Registry* r = new Registry();  // never destroyed: WordSets are statics
  return *r;
}

std::atomic<uint64_t> next_tag{1};

}  // namespace

const ClosedWordLists* g_closed_word_lists = nullptr;

int RegisterClosedWords(const std::vector<std::string_view>& words) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  if (r.closed) return -1;
  std::vector<uint32_t> list;
  for (std::string_view w : words) {
    const uint32_t* at = r.seen.Find(w);
    if (!at) {
      r.seen.Add(w, static_cast<uint32_t>(r.words.size()));
      r.words.emplace_back(w);
      at = r.seen.Find(w);
    }
    list.push_back(*at);
  }
  r.lists.push_back(std::move(list));
  return static_cast<int>(r.lists.size() - 1);
}

Vocabulary::Vocabulary() : tag_(next_tag.fetch_add(1)) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  if (!r.closed) {
    // Word i of the registry is id i + 2 in every vocabulary (added first,
    // in order, below).
    auto* c = new ClosedWordLists();  // never freed: read by every WordSet
    c->end = static_cast<uint32_t>(r.words.size()) + kUnknownWord + 1;
    c->stride = static_cast<uint32_t>((r.lists.size() + 63) / 64);
    c->bits.assign(static_cast<size_t>(c->end) * c->stride, 0);
    for (size_t l = 0; l < r.lists.size(); ++l)
      for (uint32_t w : r.lists[l])
        c->bits[(static_cast<size_t>(w) + kUnknownWord + 1) * c->stride + l / 64] |= uint64_t{1} << (l % 64);
    g_closed_word_lists = c;
    r.closed = true;
  }
  for (const std::string& w : r.words) Add(w);
}

uint32_t Vocabulary::Add(std::string_view w) {
  if (const uint32_t* id = ids_.Find(w)) return *id;
  ids_.Add(w, next_);
  return next_++;
}

void Vocabulary::Number(Document* doc) const {
  for (Token& t : doc->tokens) t.word = Find(t);
  doc->vocabulary = tag_;
}

}  // namespace parley
