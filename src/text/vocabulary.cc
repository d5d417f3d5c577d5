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
  StringTable<char> seen;
};

Registry& TheRegistry() {
  static Registry* r = new Registry();  // never destroyed: WordSets are statics
  return *r;
}

std::atomic<uint64_t> next_tag{1};

}  // namespace

bool RegisterClosedWords(const std::vector<std::string_view>& words) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  if (r.closed) return false;
  for (std::string_view w : words) {
    if (r.seen.Find(w)) continue;
    r.seen.Add(w, 1);
    r.words.emplace_back(w);
  }
  return true;
}

Vocabulary::Vocabulary() : tag_(next_tag.fetch_add(1)) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  r.closed = true;
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
