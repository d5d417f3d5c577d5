// StringTable<V>: an immutable map from strings to values for the hot
// per-token lookups (word forms, dictionary names).
//
// std::unordered_map<std::string, V> costs, per lookup, a murmur hash and a
// walk through heap nodes, a cache miss each once the table outgrows the
// cache; most tokens looked up are absent, and still pay for it. A
// StringTable is open addressing over one array of {hash, entry} slots: a
// lookup hashes the key a word at a time and compares the stored hash
// before it touches the key bytes, so an absent word costs about one cache
// line and a present one three. Build it once with Add(); Find() is const
// and thread-safe.
#ifndef PARLEY_TEXT_STRING_TABLE_H_
#define PARLEY_TEXT_STRING_TABLE_H_

#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>
#include <span>
#include <string_view>
#include <vector>

namespace parley {

// True if the n bytes at a and b are equal: eight at a time, inline (the
// keys compared are short words, for which a call to memcmp costs more than
// the comparison).
inline bool SameBytes(const char* a, const char* b, size_t n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
  }
  if (n >= 4) {  // the last 4-7 bytes as two overlapping words
    uint32_t x0, y0, x1, y1;
    std::memcpy(&x0, a, 4);
    std::memcpy(&y0, b, 4);
    std::memcpy(&x1, a + n - 4, 4);
    std::memcpy(&y1, b + n - 4, 4);
    return x0 == y0 && x1 == y1;
  }
  for (; n > 0; ++a, ++b, --n)
    if (*a != *b) return false;
  return true;
}

template <typename V>
class StringTable {
 public:
  StringTable() = default;

  // Adds `key` -> `value`; a key already present keeps its first value.
  void Add(std::string_view key, V value) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    const uint32_t hash = Hash(key);
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    uint32_t h = hash & mask;
    for (; slots_[h].entry != 0; h = (h + 1) & mask)
      if (slots_[h].hash == hash && KeyOf(slots_[h].entry - 1) == key) return;
    entries_.push_back(Entry{static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(key.size())});
    values_.push_back(std::move(value));
    pool_.append(key);
    slots_[h] = Slot{hash, static_cast<uint32_t>(entries_.size())};
  }

  // The value of `key`, or nullptr.
  const V* Find(std::string_view key) const { return Find(key, Hash(key)); }
  // The same with the key's hash already known (Token::hash).
  // REQUIRES: hash == Hash(key)
  const V* Find(std::string_view key, uint32_t hash) const {
    assert(hash == Hash(key));
    if (slots_.empty()) return nullptr;
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    for (uint32_t h = hash & mask;; h = (h + 1) & mask) {
      const Slot& s = slots_[h];
      if (s.entry == 0) return nullptr;
      if (s.hash == hash) {
        const Entry& e = entries_[s.entry - 1];
        if (e.len == key.size() && SameBytes(pool_.data() + e.off, key.data(), key.size()))
          return &values_[s.entry - 1];
      }
    }
  }

  // The value of `key` to change in place, or nullptr (the key stays).
  V* Find(std::string_view key, uint32_t hash) {
    return const_cast<V*>(static_cast<const StringTable&>(*this).Find(key, hash));
  }

  size_t size() const { return entries_.size(); }

  // Word-at-a-time multiplicative hash; only needs to spread short words.
  static uint32_t Hash(std::string_view k) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ k.size();
    const char* p = k.data();
    size_t n = k.size();
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t x;
      std::memcpy(&x, p, 8);
      h = (h ^ x) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    // The last 0-7 bytes without a loop: two overlapping 4-byte loads, or
    // first, middle and last byte; with the length in the seed, every byte
    // counts.
    uint64_t tail = 0;
    if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      tail = a | (static_cast<uint64_t>(b) << 32);
    } else if (n > 0) {
      tail = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
             (static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) |
             (static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16);
    }
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    h *= 0xFF51AFD7ED558CCDull;
    return static_cast<uint32_t>(h >> 32);
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t entry = 0;  // index into entries_ + 1; 0 = empty
  };
  struct Entry {
    uint32_t off, len;  // key bytes in pool_
  };
  std::string_view KeyOf(uint32_t e) const { return std::string_view(pool_).substr(entries_[e].off, entries_[e].len); }

  // Doubles the slots (load factor <= 1/2) and reinserts.
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    for (const Slot& s : old) {
      if (s.entry == 0) continue;
      uint32_t h = s.hash & mask;
      while (slots_[h].entry != 0) h = (h + 1) & mask;
      slots_[h] = s;
    }
  }

  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::vector<V> values_;
  std::string pool_;
};

// What a lookup in an open-addressing table laid out flat and read from an
// image relies on (image::KeyTable's, the learned models', the
// Vocabulary's): a power of two of slots, at least 16,
// at most half of them used, each used slot naming an entry (1-based), and
// every entry's bytes inside the pool, so that a probe stays in bounds and
// ends. Slot has `entry`, Entry has `off` and `len`. O(slots + entries).
template <typename Slot, typename Entry>
bool ValidHashTable(std::span<const Slot> slots, std::span<const Entry> entries, std::string_view pool) {
  if (slots.size() < 16 || (slots.size() & (slots.size() - 1)) != 0 || entries.size() * 2 > slots.size())
    return false;
  size_t used = 0;
  for (const Slot& s : slots) {
    if (s.entry == 0) continue;
    if (s.entry > entries.size()) return false;
    ++used;
  }
  if (used != entries.size()) return false;
  for (const Entry& e : entries)
    if (e.off > pool.size() || e.len > pool.size() - e.off) return false;
  return true;
}

}  // namespace parley

#endif  // PARLEY_TEXT_STRING_TABLE_H_
