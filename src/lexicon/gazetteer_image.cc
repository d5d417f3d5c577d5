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
// Writing and checking an image: lexicon/image_file.h.
//
// Format: the header of image_file.h with the marker "PRLYGAZ\0", then the
//   payload: u64-counted arrays, in order: string pool (the places' name,
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
#include "lexicon/image_file.h"

namespace parley {
namespace {

constexpr char kMagic[8] = {'P', 'R', 'L', 'Y', 'G', 'A', 'Z', '\0'};
// Images of this kind kept in the cache folder (image::Prune).
constexpr size_t kImagesKept = 4;
constexpr uint32_t kFormat = 3;
using image::HashBytes;
using image::Hex;
using image::In;
using image::Mapped;
using image::Out;
using image::WriteAtomically;

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

}  // namespace

std::string Gazetteer::Image(uint64_t key) const {
  Out o;
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

  image::Seal(kMagic, kFormat, key, &o.buf());
  return std::move(o.buf());
}

bool Gazetteer::FromImage(std::string_view bytes, uint64_t key, std::unique_ptr<Gazetteer>* out) {
  std::string_view payload;
  if (!image::Open(bytes, kMagic, kFormat, key, &payload)) return false;
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
  // The key from the files' bytes as mapped (no copy of the 8 MB); a file
  // that cannot be read leaves the text loader to say why.
  // Unchanged files (same stamp as a memo) are not read at all.
  uint64_t key = HashBytes(version, kFormat);
  if (cache_dir.empty()) return Load(data_dir, out);
  const std::vector<std::filesystem::path> files = {data_dir / "countries.tsv", data_dir / "places.tsv",
                                                    data_dir / "generated" / "cities.tsv"};
  const uint64_t stamp = image::Stamp(files, key);
  if (!image::RecallKey(cache_dir, "gazetteer", stamp, &key)) {
    for (const auto& f : files)
      if (!image::HashFile(f, &key)) return Load(data_dir, out);
    image::RememberKey(cache_dir, "gazetteer", stamp, key, files);
  }
  info->image = cache_dir / ("gazetteer-" + Hex(key) + ".img");
  Mapped mapped(info->image);
  if (mapped.ok()) {
    if (FromImage(mapped.bytes(), key, out)) {
      info->from_image = true;
      return Status::OK();
    }
    info->note = info->image.string() + " is not a valid image; rebuilt from the text";
  }
  Status s = Load(data_dir, out);
  if (!s.ok()) return s;
  std::string why;
  if (WriteAtomically(info->image, (*out)->Image(key), &why)) {
    info->written = true;
    image::Prune(cache_dir, "gazetteer", kImagesKept);
  } else {
    info->note = why;
  }
  return Status::OK();
}

}  // namespace parley
