// Tested by tests/model_image_test.cc and tests/e2e/cache.sh.
//
// The learned models' compiled images. data/root_model.tsv is a 3.7 MB
// text of 134,000 weights; parsing it costs some 75 million instructions on
// every run. Its image holds the tables EventModel looks features up in,
// laid out as flat arrays (image_file.h, Out::Table) and read in place
// from the mapped file: loading is map, check the header, point the spans
// and check the slots and entries against the tables' sizes (a few
// hundred thousand instructions; the weights' pages are read from disk as
// lookups touch them).
//
// The text file stays the source of truth. An image is named by a 64-bit
// key hashed from the build (parley's version and binary), this format's
// number and the bytes of the model file (model-<key>.img in the cache
// folder; the bytes are hashed again only when the file's stamp changes,
// image::Stamp), so editing the file, naming another with --root-model or
// --event-model, or rebuilding parley looks for another image; an image
// that is missing, truncated, of another format or whose bytes do not match
// its checksum (checked once per image file, image::OpenMapped) is ignored,
// the text is parsed and the image written again. `dict check` reads the
// text (EventModel::Load).
//
// The text load lays out the same bytes in memory (EventModel::Build) and
// attaches to them, so there is one lookup path.
//
// Payload, in order: bias, threshold (doubles); trained_on; the classes
// (u64 count, counted strings); tables of the class biases, the weights,
// the entries and the slots; the pool of feature bytes.
#include <algorithm>
#include <climits>

#include "code/event_model.h"
#include "lexicon/image_file.h"
#include "text/string_table.h"

namespace parley {
namespace {

constexpr char kMagic[8] = {'P', 'R', 'L', 'Y', 'M', 'O', 'D', '\0'};
// Images of this kind kept in the cache folder (image::Prune): the root
// model's and the veto model's, each in a few versions.
constexpr size_t kImagesKept = 4;
constexpr uint32_t kFormat = 1;

}  // namespace

bool EventModel::Build(Rows rows) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const size_t w = width();
  size_t pool_bytes = 0;
  for (const auto& [k, v] : rows) {
    if (v.size() != w) return false;
    pool_bytes += k.size();
  }
  if (rows.size() >= UINT32_MAX / 4 || pool_bytes >= UINT32_MAX) return false;
  std::vector<std::string_view> features;
  std::vector<double> weights;
  features.reserve(rows.size());
  weights.reserve(rows.size() * w);
  for (const auto& [k, v] : rows) {
    features.push_back(k);
    weights.insert(weights.end(), v.begin(), v.end());
  }
  image::Out o;
  o.Put<double>(bias_);
  o.Put<double>(threshold_);
  o.Str(trained_on_);
  o.Put<uint64_t>(classes_.size());
  for (const std::string& c : classes_) o.Str(c);
  o.Table<double>(class_bias_);
  o.Table<double>(weights);
  image::KeyTable::Write(std::move(features), o);  // in byte order, as the rows
  auto bytes = std::make_shared<std::string>(std::move(o.buf()));
  const std::string_view payload = std::string_view(*bytes).substr(image::kHeaderBytes);
  return Attach(payload, std::move(bytes));
}

bool EventModel::Attach(std::string_view payload, std::shared_ptr<const void> owner) {
  image::In in(payload);
  double bias, threshold;
  std::string_view trained_on;
  uint64_t n_classes;
  if (!in.Get(&bias) || !in.Get(&threshold) || !in.Str(&trained_on) || !in.Count(4, &n_classes)) return false;
  if (!(threshold > 0 && threshold <= 1) || n_classes == 1) return false;
  std::vector<std::string> classes(n_classes);
  for (std::string& c : classes)
    if (!in.Str(&c)) return false;
  std::span<const double> class_bias, weights;
  image::KeyTable features;
  // KeyTable::Read checks the hash table's slots and entries; a lookup
  // also relies on a row of weights for every feature.
  if (!in.Table(&class_bias) || !in.Table(&weights) || !features.Read(in) || !in.done()) return false;
  const size_t w = n_classes == 0 ? 1 : n_classes;
  if (class_bias.size() != n_classes || weights.size() != features.size() * w) return false;
  bias_ = bias;
  threshold_ = threshold;
  trained_on_.assign(trained_on);
  classes_ = std::move(classes);
  class_bias_.assign(class_bias.begin(), class_bias.end());
  weights_ = weights;
  features_ = features;
  payload_ = payload;
  owner_ = std::move(owner);
  IndexWords();
  return true;
}

std::string EventModel::Image(uint64_t key) const {
  std::string b(image::kHeaderBytes, '\0');
  b.append(payload_);
  image::Seal(kMagic, kFormat, key, &b);
  return b;
}

bool EventModel::FromImage(std::string_view bytes, uint64_t key, std::unique_ptr<EventModel>* out) {
  std::string_view payload;
  if (!image::Open(bytes, kMagic, kFormat, key, &payload)) return false;
  auto copy = std::make_shared<std::string>(bytes);
  auto m = std::make_unique<EventModel>();
  if (!m->Attach(std::string_view(*copy).substr(image::kHeaderBytes), copy)) return false;
  *out = std::move(m);
  return true;
}

Status EventModel::LoadCached(const std::filesystem::path& path, const std::filesystem::path& cache_dir,
                              std::string_view version, std::unique_ptr<EventModel>* out, CacheInfo* info) {
  CacheInfo local;
  if (!info) info = &local;
  *info = CacheInfo{};
  if (cache_dir.empty()) return Load(path, out);
  // The key of the file's bytes; the bytes are read only when its stamp
  // has no memo. A file that cannot be read leaves Load() to say why.
  uint64_t key = image::HashBytes(version, kFormat);
  const std::vector<std::filesystem::path> files = {path};
  const uint64_t stamp = image::Stamp(files, key);
  if (!image::RecallKey(cache_dir, "model", stamp, &key)) {
    if (!image::HashFile(path, &key)) return Load(path, out);
    image::RememberKey(cache_dir, "model", stamp, key, files);
  }
  info->image = cache_dir / ("model-" + image::Hex(key) + ".img");
  auto mapped = std::make_shared<image::Mapped>(info->image, /*populate=*/false);
  if (mapped->ok()) {
    std::string_view payload;
    auto m = std::make_unique<EventModel>();
    if (image::OpenMapped(*mapped, cache_dir, "model", kMagic, kFormat, key, &payload) &&
        m->Attach(payload, mapped)) {
      *out = std::move(m);
      info->from_image = true;
      return Status::OK();
    }
    info->note = info->image.string() + " is not a valid image; rebuilt from the text";
  }
  Status s = Load(path, out);
  if (!s.ok()) return s;
  std::string why;
  if (image::WriteAtomically(info->image, (*out)->Image(key), &why)) {
    info->written = true;
    image::Prune(cache_dir, "model", kImagesKept);
  } else {
    info->note = why;
  }
  return Status::OK();
}

}  // namespace parley
