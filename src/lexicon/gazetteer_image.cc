// Tested by tests/gazetteer_image_test.cc and tests/e2e/cache.sh.
//
// The gazetteer's compiled image: the tables Gazetteer::Load builds from
// 8 MB of TSV (parse, fold every name, sort 200k keys, hide namesakes, hash)
// written once as flat arrays and read back on later runs with no parsing,
// folding or sorting: about 5% of the instructions of building them.
//
// The text files stay the source of truth. An image is named by a 64-bit
// key hashed from the bytes of countries.tsv, places.tsv and
// generated/cities.tsv, parley's version and this format's number
// (gazetteer-<key>.img in the cache folder), so editing a file, pointing
// --data elsewhere or upgrading parley looks for another image; an image
// that is missing, truncated, of another format or whose checksum does not
// match its bytes is ignored (the text is parsed) and written again.
// Images are written to a temporary file in the cache folder and renamed
// into place, so a reader sees a whole image or none, and concurrent first
// runs each write their own temporary file, the last rename winning.
//
// Format (native byte order; the header's marker rejects another):
//   header  "PRLYGAZ\0", u32 format, u32 0x01020304, u64 key,
//           u64 payload bytes, u64 payload checksum
//   payload u64-counted arrays, in order: string pool (the places' name,
//           country and admin1, each once), places, keys, index entries,
//           countries (place numbers), first words, first-word slots,
//           group slots; then visible, max_words, longest_words, has_generated,
//           exact_max_len and the 256 exact-byte flags.
// Every offset is checked against its array when read.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <random>
#include <unordered_map>

#include "lexicon/gazetteer.h"

namespace parley {
namespace {

constexpr char kMagic[8] = {'P', 'R', 'L', 'Y', 'G', 'A', 'Z', '\0'};
constexpr uint32_t kFormat = 2;
constexpr uint32_t kByteOrder = 0x01020304;
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8 + 8;

// A 64-bit hash of bytes, four independent lanes of eight bytes (fast on
// 8 MB: the lanes' multiplications overlap). For cache keys and checksums,
// not for security.
uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

uint64_t HashBytes(std::string_view b, uint64_t seed) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  uint64_t lane[4] = {seed ^ 0x243F6A8885A308D3ull, seed ^ 0x13198A2E03707344ull, seed ^ 0xA4093822299F31D0ull,
                      seed ^ 0x082EFA98EC4E6C89ull};
  const char* p = b.data();
  size_t n = b.size();
  for (; n >= 32; p += 32, n -= 32) {
    for (int i = 0; i < 4; ++i) {
      uint64_t w;
      std::memcpy(&w, p + 8 * i, 8);
      lane[i] = (lane[i] ^ w) * kMul;
      lane[i] ^= lane[i] >> 29;
    }
  }
  uint64_t h = seed ^ b.size();
  for (int i = 0; i < 4; ++i) h = Mix(h ^ lane[i]);
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = Mix(h ^ w);
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  return Mix(h ^ tail ^ (uint64_t{n} << 56));
}

class Out {
 public:
  template <typename T>
  void Put(T v) {
    buf_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Bytes(std::string_view b) {
    Put<uint64_t>(b.size());
    buf_.append(b);
  }
  // A counted array of fixed-layout records (no padding bytes left unset).
  template <typename R>
  void Records(const std::vector<R>& v) {
    Put<uint64_t>(v.size());
    buf_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(R));
  }
  std::string& buf() { return buf_; }

 private:
  std::string buf_;
};

class In {
 public:
  explicit In(std::string_view b) : b_(b) {}
  template <typename T>
  bool Get(T* v) {
    if (b_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, b_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  // A count of items of `item_bytes` each that the rest of the input can hold.
  bool Count(size_t item_bytes, uint64_t* n) {
    return Get(n) && *n <= (b_.size() - pos_) / (item_bytes ? item_bytes : 1);
  }
  bool Bytes(std::string_view* out) {
    uint64_t n;
    if (!Count(1, &n)) return false;
    *out = b_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  // A counted array of records, left in place: record i is copied out by
  // At(i) (the bytes need not be aligned).
  template <typename R>
  struct Array {
    const char* p = nullptr;
    size_t n = 0;
    size_t size() const { return n; }
    R At(size_t i) const {
      R r;
      std::memcpy(&r, p + i * sizeof(R), sizeof(R));
      return r;
    }
  };
  template <typename R>
  bool Records(Array<R>* a) {
    uint64_t n;
    if (!Count(sizeof(R), &n)) return false;
    a->p = b_.data() + pos_;
    a->n = n;
    pos_ += n * sizeof(R);
    return true;
  }
  bool done() const { return pos_ == b_.size(); }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

// Fixed-layout records of the image: every byte is a field, so the image's
// bytes are fully determined by the tables.
struct PlaceRec {
  double lat, lon;
  int64_t population;
  uint32_t name_off, name_len, country_off, country_len, admin_off, admin_len;
  uint32_t line;
  int16_t prominence;
  uint8_t feature, source, flags, pad[7];
};
static_assert(sizeof(PlaceRec) == 64);
struct EntryRec {
  uint32_t key_off, place;
  uint16_t key_len, pad;
};
static_assert(sizeof(EntryRec) == 12);
struct SlotRec {  // both slot kinds are two u32-sized halves
  uint32_t a, b;
};

bool PowerOfTwoOrZero(size_t n) { return (n & (n - 1)) == 0; }

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// A read-only mapping of a whole regular file; empty when it cannot be
// mapped. Pages are read as they are touched and given back by the unmap.
class Mapped {
 public:
  explicit Mapped(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = p;
        size_ = static_cast<size_t>(st.st_size);
      }
    }
    ::close(fd);
  }
  ~Mapped() {
    if (data_) ::munmap(data_, size_);
  }
  Mapped(const Mapped&) = delete;
  Mapped& operator=(const Mapped&) = delete;
  bool ok() const { return data_ != nullptr; }
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Writes `bytes` to `path` through a temporary file in the same folder.
bool WriteAtomically(const std::filesystem::path& path, const std::string& bytes, std::string* why) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::random_device rd;
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid()) + "." + Hex((uint64_t{rd()} << 32) | rd()).substr(8);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    *why = "cannot write " + tmp.string() + ": " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  bool ok = true;
  while (ok && done < bytes.size()) {
    ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w <= 0) ok = false;
    else done += static_cast<size_t>(w);
  }
  if (!ok) *why = "cannot write " + tmp.string() + ": " + std::strerror(errno);
  if (::close(fd) != 0 && ok) {
    ok = false;
    *why = "cannot write " + tmp.string() + ": " + std::strerror(errno);
  }
  if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    *why = "cannot rename " + tmp.string() + ": " + std::strerror(errno);
  }
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

}  // namespace

std::string Gazetteer::Image(uint64_t key) const {
  Out o;
  o.buf().assign(kHeaderBytes, '\0');  // filled in at the end
  // The string pool: each distinct name, country and admin1 once.
  std::string pool;
  std::unordered_map<std::string_view, uint32_t> at;
  auto intern = [&](std::string_view s) -> uint32_t {
    auto [it, added] = at.emplace(s, static_cast<uint32_t>(pool.size()));
    if (added) pool.append(s);
    return it->second;
  };
  std::vector<uint32_t> offs;
  offs.reserve(places_.size() * 3);
  for (const Place& p : places_) {
    offs.push_back(intern(p.name));
    offs.push_back(intern(p.country));
    offs.push_back(intern(p.admin1));
  }
  o.Bytes(pool);
  std::vector<PlaceRec> places(places_.size());
  for (size_t i = 0; i < places_.size(); ++i) {
    const Place& p = places_[i];
    PlaceRec& r = places[i];
    std::memset(&r, 0, sizeof r);
    r.lat = p.lat;
    r.lon = p.lon;
    r.population = p.population;
    r.name_off = offs[3 * i];
    r.name_len = static_cast<uint32_t>(p.name.size());
    r.country_off = offs[3 * i + 1];
    r.country_len = static_cast<uint32_t>(p.country.size());
    r.admin_off = offs[3 * i + 2];
    r.admin_len = static_cast<uint32_t>(p.admin1.size());
    r.line = p.line;
    r.prominence = p.prominence;
    r.feature = static_cast<uint8_t>(p.feature);
    r.source = static_cast<uint8_t>(p.source);
    r.flags = static_cast<uint8_t>((p.is_capital ? 1 : 0) | (p.seat ? 2 : 0) | (p.common_word ? 4 : 0));
  }
  o.Records(places);
  o.Bytes(keys_);
  std::vector<EntryRec> entries(index_.size());
  for (size_t i = 0; i < index_.size(); ++i) entries[i] = EntryRec{index_[i].key_off, index_[i].place, index_[i].key_len, 0};
  o.Records(entries);
  o.Put<uint64_t>(countries_.size());
  for (const auto& c : countries_) o.Put<uint32_t>(c.second);
  o.Bytes(first_words_);
  std::vector<SlotRec> slots(first_slots_.size());
  for (size_t i = 0; i < slots.size(); ++i) {
    const FirstWordSlot& f = first_slots_[i];
    slots[i] = SlotRec{f.off, uint32_t{f.len} | uint32_t{f.max_words} << 16 | uint32_t{f.tag} << 24};
  }
  o.Records(slots);
  slots.resize(slots_.size());
  for (size_t i = 0; i < slots.size(); ++i) slots[i] = SlotRec{slots_[i].hash, slots_[i].pos};
  o.Records(slots);
  o.Put<uint64_t>(visible_);
  o.Put<int32_t>(max_words_);
  o.Put<int32_t>(longest_words_);
  o.Put<uint8_t>(has_generated_ ? 1 : 0);
  o.Put<uint64_t>(exact_max_len_);
  for (bool b : exact_byte_) o.Put<uint8_t>(b ? 1 : 0);

  std::string& b = o.buf();
  const uint64_t size = b.size() - kHeaderBytes;
  const uint64_t sum = HashBytes(std::string_view(b).substr(kHeaderBytes), key);
  char* h = b.data();
  std::memcpy(h, kMagic, sizeof kMagic);
  std::memcpy(h + 8, &kFormat, 4);
  std::memcpy(h + 12, &kByteOrder, 4);
  std::memcpy(h + 16, &key, 8);
  std::memcpy(h + 24, &size, 8);
  std::memcpy(h + 32, &sum, 8);
  return std::move(b);
}

bool Gazetteer::FromImage(std::string_view bytes, uint64_t key, std::unique_ptr<Gazetteer>* out) {
  if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return false;
  In h(bytes.substr(sizeof kMagic, kHeaderBytes - sizeof kMagic));
  uint32_t format, order;
  uint64_t image_key, size, sum;
  if (!h.Get(&format) || !h.Get(&order) || !h.Get(&image_key) || !h.Get(&size) || !h.Get(&sum)) return false;
  if (format != kFormat || order != kByteOrder || image_key != key || size != bytes.size() - kHeaderBytes) return false;
  std::string_view payload = bytes.substr(kHeaderBytes);
  if (HashBytes(payload, key) != sum) return false;

  std::unique_ptr<Gazetteer> g(new Gazetteer());
  In in(payload);
  std::string_view pool_bytes;
  if (!in.Bytes(&pool_bytes)) return false;
  auto pool = std::make_unique<std::string>(pool_bytes);
  const std::string_view pool_view(*pool);
  auto view = [&](uint32_t off, uint32_t len, std::string_view* v) {
    if (off > pool_view.size() || len > pool_view.size() - off) return false;
    *v = pool_view.substr(off, len);
    return true;
  };
  {
    In::Array<PlaceRec> recs;
    if (!in.Records(&recs)) return false;
    g->places_.resize(recs.size());
    for (size_t i = 0; i < recs.size(); ++i) {
      const PlaceRec r = recs.At(i);
      Place& p = g->places_[i];
      if (!view(r.name_off, r.name_len, &p.name) || !view(r.country_off, r.country_len, &p.country) ||
          !view(r.admin_off, r.admin_len, &p.admin1))
        return false;
      if (r.feature > static_cast<uint8_t>(PlaceFeature::kSite) ||
          r.source > static_cast<uint8_t>(PlaceSource::kGenerated))
        return false;
      p.lat = r.lat;
      p.lon = r.lon;
      p.population = r.population;
      p.feature = static_cast<PlaceFeature>(r.feature);
      p.source = static_cast<PlaceSource>(r.source);
      p.is_capital = r.flags & 1;
      p.seat = r.flags & 2;
      p.common_word = r.flags & 4;
      p.prominence = r.prominence;
      p.line = r.line;
    }
  }
  uint64_t n;
  std::string_view keys;
  if (!in.Bytes(&keys)) return false;
  g->keys_.assign(keys);
  {
    In::Array<EntryRec> recs;
    if (!in.Records(&recs)) return false;
    g->index_.resize(recs.size());
    for (size_t i = 0; i < recs.size(); ++i) {
      const EntryRec r = recs.At(i);
      if (r.place >= g->places_.size() || r.key_off > keys.size() || r.key_len > keys.size() - r.key_off) return false;
      g->index_[i] = Entry{r.key_off, r.place, r.key_len};
    }
  }
  if (!in.Count(4, &n)) return false;
  g->countries_.resize(n);
  for (auto& c : g->countries_) {
    if (!in.Get(&c.second) || c.second >= g->places_.size()) return false;
    c.first = g->places_[c.second].country;
  }
  std::string_view first_words;
  if (!in.Bytes(&first_words)) return false;
  g->first_words_.assign(first_words);
  In::Array<SlotRec> recs;
  if (!in.Records(&recs) || !PowerOfTwoOrZero(recs.size())) return false;
  g->first_slots_.resize(recs.size());
  bool empty_slot = recs.size() == 0;
  for (size_t i = 0; i < recs.size(); ++i) {
    FirstWordSlot& s = g->first_slots_[i];
    const SlotRec r = recs.At(i);
    s.off = r.a;
    s.len = static_cast<uint16_t>(r.b & 0xFFFF);
    s.max_words = static_cast<uint8_t>(r.b >> 16);
    s.tag = static_cast<uint8_t>(r.b >> 24);
    if (s.len == 0xFFFF) empty_slot = true;
    else if (s.off > first_words.size() || s.len > first_words.size() - s.off) return false;
  }
  if (!empty_slot) return false;  // a lookup would never end
  if (!in.Records(&recs) || !PowerOfTwoOrZero(recs.size())) return false;
  g->slots_.resize(recs.size());
  empty_slot = recs.size() == 0;
  for (size_t i = 0; i < recs.size(); ++i) {
    GroupSlot& s = g->slots_[i];
    const SlotRec r = recs.At(i);
    s.hash = r.a;
    s.pos = r.b;
    if (s.pos == kNoSlot) empty_slot = true;
    else if (s.pos >= g->index_.size()) return false;
  }
  if (!empty_slot) return false;
  uint64_t visible, exact_max_len;
  int32_t max_words, longest_words;
  uint8_t has_generated;
  if (!in.Get(&visible) || !in.Get(&max_words) || !in.Get(&longest_words) || !in.Get(&has_generated) || !in.Get(&exact_max_len)) return false;
  for (bool& b : g->exact_byte_) {
    uint8_t v;
    if (!in.Get(&v)) return false;
    b = v != 0;
  }
  if (!in.done()) return false;
  g->visible_ = visible;
  g->max_words_ = max_words;
  g->longest_words_ = longest_words;
  g->has_generated_ = has_generated != 0;
  g->exact_max_len_ = exact_max_len;
  g->files_.push_back(std::move(pool));
  *out = std::move(g);
  return true;
}

Status Gazetteer::LoadCached(const std::filesystem::path& data_dir, const std::filesystem::path& cache_dir,
                             std::string_view version, std::unique_ptr<Gazetteer>* out, CacheInfo* info) {
  CacheInfo local;
  if (!info) info = &local;
  *info = CacheInfo{};
  Sources src;
  Status s = ReadSources(data_dir, &src);
  if (!s.ok()) return s;
  if (cache_dir.empty()) return Build(data_dir, std::move(src), out);

  uint64_t key = HashBytes(version, kFormat);
  for (const auto& f : src.files) key = HashBytes(*f, key);
  info->image = cache_dir / ("gazetteer-" + Hex(key) + ".img");
  std::error_code ec;
  if (std::filesystem::is_regular_file(info->image, ec)) {
    // The text is not needed when the image is good: give its 8 MB back
    // before mapping the image (read again in the rare other case).
    for (auto& f : src.files) f.reset();
    Mapped image(info->image);
    if (image.ok()) {
      if (FromImage(image.bytes(), key, out)) {
        info->from_image = true;
        return Status::OK();
      }
      info->note = info->image.string() + " is not a valid image; rebuilt from the text";
    }
    s = ReadSources(data_dir, &src);
    if (!s.ok()) return s;
  }
  s = Build(data_dir, std::move(src), out);
  if (!s.ok()) return s;
  std::string why;
  if (WriteAtomically(info->image, (*out)->Image(key), &why)) info->written = true;
  else info->note = why;
  return Status::OK();
}

}  // namespace parley
