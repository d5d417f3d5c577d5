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

namespace {

// Closes the registry (once) and gives its words, which are ids 2, 3, ...
// of every vocabulary.
const std::vector<std::string>& ClosedWords() {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  if (!r.closed) {
    // Word i of the registry is id i + 2 in every vocabulary.
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
  return r.words;  // not changed once closed
}

}  // namespace

void CloseClosedWords() { (void)ClosedWords(); }

Vocabulary::Vocabulary(Bare) : tag_(next_tag.fetch_add(1)) {}

Vocabulary::Vocabulary() : Vocabulary(Bare{}) {
  for (const std::string& w : ClosedWords()) Add(w);
}

std::unique_ptr<Vocabulary> Vocabulary::Attach(const Tables& t, std::shared_ptr<const void> owner) {
  const std::vector<std::string>& closed = ClosedWords();
  if ((!t.entries.empty() || !t.slots.empty()) && !ValidHashTable(t.slots, t.entries, t.pool)) return nullptr;
  if (t.entries.size() < closed.size()) return nullptr;
  for (size_t i = 0; i < closed.size(); ++i)
    if (t.pool.substr(t.entries[i].off, t.entries[i].len) != closed[i]) return nullptr;
  std::unique_ptr<Vocabulary> v(new Vocabulary(Bare{}));
  v->slots_ = t.slots;
  v->entries_ = t.entries;
  v->pool_ = t.pool;
  v->owner_ = std::move(owner);
  return v;
}

void Vocabulary::Own() {
  if (!owner_) return;
  own_slots_.assign(slots_.begin(), slots_.end());
  own_entries_.assign(entries_.begin(), entries_.end());
  own_pool_.assign(pool_);
  owner_.reset();
  Point();
}

uint32_t Vocabulary::Add(std::string_view w) {
  const uint32_t hash = StringTable<int>::Hash(w);
  if (const uint32_t id = Find(w, hash); id != kUnknownWord) return id;
  Own();
  // At most half the slots used: double and reinsert when full.
  if ((own_entries_.size() + 1) * 2 > own_slots_.size()) {
    std::vector<Slot> old = std::move(own_slots_);
    own_slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    const uint32_t mask = static_cast<uint32_t>(own_slots_.size() - 1);
    for (const Slot& s : old) {
      if (s.entry == 0) continue;
      uint32_t h = s.hash & mask;
      while (own_slots_[h].entry != 0) h = (h + 1) & mask;
      own_slots_[h] = s;
    }
  }
  const uint32_t mask = static_cast<uint32_t>(own_slots_.size() - 1);
  uint32_t h = hash & mask;
  while (own_slots_[h].entry != 0) h = (h + 1) & mask;
  own_entries_.push_back(Entry{static_cast<uint32_t>(own_pool_.size()), static_cast<uint32_t>(w.size())});
  own_pool_.append(w);
  own_slots_[h] = Slot{hash, static_cast<uint32_t>(own_entries_.size())};
  Point();
  return static_cast<uint32_t>(own_entries_.size()) + kUnknownWord;
}

void Vocabulary::Number(Document* doc) const {
  for (Token& t : doc->tokens) t.word = Find(t);
  doc->vocabulary = tag_;
}

}  // namespace parley
