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
// Read in place: the mapped file is the tables. A Place is a 64-byte
// record whose names are offsets from itself into the string pool; the
// index, slots and country list are arrays of fixed records (Out::Table /
// In::Table), so loading is map, check the header and checksum, point the
// spans. Building from the text lays out the same bytes in memory
// (Gazetteer::Serialize) and reads them the same way.
//
// Format: the header of image_file.h with the marker "PRLYGAZ\0", then the
//   payload: string pool (the places' names, each distinct country and admin1 once),
//           tables of places, keys (bytes), index entries, countries
//           (place numbers, by iso3), first words (bytes), first-word
//           slots, group slots, two-word filter bits; then visible, max_words, longest_words,
//           has_generated, exact_max_len and the 256 exact-byte flags.
// The layout (counts, alignment, table sizes) is checked when read; the
// records' bytes are vouched for by the checksum.
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
// 4: read in place; 5: a key's entries share its bytes; 6: the two-word
// filter (Gazetteer::MayStartTwoWords)
constexpr uint32_t kFormat = 6;
using image::HashBytes;
using image::Hex;
using image::In;
using image::Mapped;
using image::Out;
using image::WriteAtomically;

bool PowerOfTwo(size_t n) { return n != 0 && (n & (n - 1)) == 0; }

}  // namespace

std::string Gazetteer::Serialize() const {
  const Draft& d = draft_;
  Out o;
  // The string pool: every name as it comes (few repeat), each distinct
  // country and admin1 code once (rows of one country come together, so
  // most are the previous row's).
  std::string pool;
  size_t bytes = 0;
  for (const Row& r : d.places) bytes += r.name.size();
  pool.reserve(bytes + bytes / 8);
  std::unordered_map<std::string_view, uint32_t> at;
  auto append = [&](std::string_view s) -> uint32_t {
    const auto off = static_cast<uint32_t>(pool.size());
    pool.append(s);
    return off;
  };
  struct Last {
    std::string_view s;
    uint32_t off = 0;
    bool set = false;
  } last[2];
  auto intern = [&](std::string_view s, Last& l) -> uint32_t {
    if (l.set && l.s == s) return l.off;
    auto [it, added] = at.emplace(s, static_cast<uint32_t>(pool.size()));
    if (added) pool.append(s);
    l = Last{s, it->second, true};
    return it->second;
  };
  std::vector<Place> places(d.places.size());
  for (size_t i = 0; i < d.places.size(); ++i) {
    const Row& r = d.places[i];
    Place& p = places[i];
    p.name_at = static_cast<int32_t>(append(r.name));
    p.name_len = static_cast<uint32_t>(r.name.size());
    p.country_at = static_cast<int32_t>(intern(r.country, last[0]));
    p.country_len = static_cast<uint32_t>(r.country.size());
    p.admin1_at = static_cast<int32_t>(intern(r.admin1, last[1]));
    p.admin1_len = static_cast<uint32_t>(r.admin1.size());
    p.lat = r.lat;
    p.lon = r.lon;
    p.population = r.population;
    p.line = r.line;
    p.prominence = r.prominence;
    p.feature = r.feature;
    p.source = r.source;
    p.is_capital = r.is_capital;
    p.seat = r.seat;
    p.common_word = r.common_word;
  }
  o.Bytes(pool);
  // A Place's names are offsets from the record to the pool, both in the image.
  const int64_t pool_pos = static_cast<int64_t>(o.buf().size() - pool.size());
  o.Align();
  const int64_t places_pos = static_cast<int64_t>(o.buf().size() + sizeof(uint64_t));
  for (size_t i = 0; i < places.size(); ++i) {
    const int64_t shift = pool_pos - (places_pos + static_cast<int64_t>(i * sizeof(Place)));
    places[i].name_at = static_cast<int32_t>(places[i].name_at + shift);
    places[i].country_at = static_cast<int32_t>(places[i].country_at + shift);
    places[i].admin1_at = static_cast<int32_t>(places[i].admin1_at + shift);
  }
  o.Table<Place>(places);
  o.Bytes(d.keys);
  o.Table<Entry>(d.index);
  std::vector<uint32_t> countries;
  for (const auto& c : d.countries) countries.push_back(c.second);
  o.Table<uint32_t>(countries);
  o.Bytes(d.first_words);
  o.Table<FirstWordSlot>(d.first_slots);
  o.Table<GroupSlot>(d.slots);
  o.Table<uint64_t>(d.pair_bits);
  o.Put<uint64_t>(visible_);
  o.Put<int32_t>(max_words_);
  o.Put<int32_t>(longest_words_);
  o.Put<uint8_t>(has_generated_ ? 1 : 0);
  o.Put<uint64_t>(exact_max_len_);
  for (bool b : exact_byte_) o.Put<uint8_t>(b ? 1 : 0);
  image::Seal(kMagic, kFormat, 0, &o.buf());
  return std::move(o.buf());
}

bool Gazetteer::Attach(std::string_view bytes, std::shared_ptr<const void> owner) {
  if (bytes.size() < image::kHeaderBytes) return false;
  In in(bytes.substr(image::kHeaderBytes));
  std::string_view pool;
  if (!in.Bytes(&pool) || !in.Table(&places_) || !in.Bytes(&keys_) || !in.Table(&index_) || !in.Table(&countries_) ||
      !in.Bytes(&first_words_) || !in.Table(&first_slots_) || !in.Table(&slots_) ||
      !in.Table(&pair_bits_))
    return false;
  // Open-addressing tables need a power-of-two size (and an empty slot,
  // which the writer's load of at most 1/2 leaves; the checksum vouches
  // for the rest of the bytes).
  if (!PowerOfTwo(first_slots_.size()) || !PowerOfTwo(slots_.size())) return false;
  if (!pair_bits_.empty() && !PowerOfTwo(pair_bits_.size())) return false;
  uint64_t visible, exact_max_len;
  int32_t max_words, longest_words;
  uint8_t has_generated;
  if (!in.Get(&visible) || !in.Get(&max_words) || !in.Get(&longest_words) || !in.Get(&has_generated) ||
      !in.Get(&exact_max_len))
    return false;
  for (bool& b : exact_byte_) {
    uint8_t v;
    if (!in.Get(&v)) return false;
    b = v != 0;
  }
  if (!in.done()) return false;
  visible_ = visible;
  max_words_ = max_words;
  longest_words_ = longest_words;
  has_generated_ = has_generated != 0;
  exact_max_len_ = exact_max_len;
  image_ = bytes;
  owner_ = std::move(owner);
  return true;
}

std::string Gazetteer::Image(uint64_t key) const {
  std::string b(image_);
  image::Seal(kMagic, kFormat, key, &b);
  return b;
}

bool Gazetteer::FromImage(std::string_view bytes, uint64_t key, std::unique_ptr<Gazetteer>* out) {
  std::string_view payload;
  if (!image::Open(bytes, kMagic, kFormat, key, &payload)) return false;
  auto copy = std::make_shared<std::string>(bytes);
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  const std::string_view view(*copy);
  if (!g->Attach(view, std::move(copy))) return false;
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
  // Read in place: the tables are the mapped file's bytes, read from disk
  // as lookups touch them (not populated; the checksum is checked once per
  // image file, image::OpenMapped).
  auto mapped = std::make_shared<Mapped>(info->image, /*populate=*/false);
  if (mapped->ok()) {
    std::string_view payload;
    std::unique_ptr<Gazetteer> g(new Gazetteer());
    const std::string_view bytes = mapped->bytes();
    if (image::OpenMapped(*mapped, cache_dir, "gazetteer", kMagic, kFormat, key, &payload) &&
        g->Attach(bytes, std::move(mapped))) {
      *out = std::move(g);
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
