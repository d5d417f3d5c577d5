// Tested by tests/lexicon_image_test.cc and tests/e2e/cache.sh.
//
// The coder's compiled image: the word-form tables Coder's constructor
// derives from the patterns and the irregular forms (every inflection of
// every pattern word, numbered, with its lemmas and closed classes), which
// cost more to derive than the lexicon costs to read. The image is keyed by
// the lexicon's image key (the build and the bytes of every dictionary
// file: see lexicon_image.cc) and is checked like every image
// (lexicon/image_file.h). The pattern tables (verbs_, nouns_, support_)
// point into the lexicon and are always made afresh; they are cheap.
//
// Payload, in order: vocabulary; the form table (form, verb lemma, noun
// lemma, closed-class bits, pattern word ids); element ids per pattern;
// the mask offsets and masks.
#include "code/coder.h"
#include "lexicon/image_file.h"

namespace parley {
namespace {

constexpr char kMagic[8] = {'P', 'R', 'L', 'Y', 'C', 'O', 'D', '\0'};
// Images of this kind kept in the cache folder (image::Prune).
constexpr size_t kImagesKept = 4;
constexpr uint32_t kFormat = 1;

}  // namespace

std::string Coder::Image(uint64_t key) const {
  image::Out o;
  o.Put<int32_t>(vocabulary_);
  o.Put<uint64_t>(form_info_.size());
  for (const auto& [f, info] : form_info_) {
    o.Str(f);
    o.Str(info.verb);
    o.Str(info.noun);
    o.Put<uint32_t>(info.cls);
    o.Put<uint64_t>(info.ids.size());
    for (int id : info.ids) o.Put<int32_t>(id);
  }
  o.Put<uint64_t>(element_ids_.size());
  for (const auto& elements : element_ids_) {
    o.Put<uint64_t>(elements.size());
    for (const auto& ids : elements) {
      o.Put<uint64_t>(ids.size());
      for (int id : ids) o.Put<int32_t>(id);
    }
  }
  o.Records(mask_begin_);
  o.Records(masks_);
  image::Seal(kMagic, kFormat, key, &o.buf());
  return std::move(o.buf());
}

bool Coder::FromImage(std::string_view bytes, uint64_t key) {
  std::string_view payload;
  return image::Open(bytes, kMagic, kFormat, key, &payload) && FromPayload(payload);
}

bool Coder::FromPayload(std::string_view payload) {
  image::In in(payload);
  int32_t vocabulary;
  uint64_t n;
  if (!in.Get(&vocabulary) || vocabulary < 0 || !in.Count(3 * 4 + 4 + 8, &n)) return false;
  auto valid = [&](int32_t id) { return id >= 0 && id < vocabulary; };
  StringMap<FormInfo> forms;
  forms.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view f;
    FormInfo info;
    uint64_t m;
    if (!in.Str(&f) || !in.Str(&info.verb) || !in.Str(&info.noun) || !in.Get(&info.cls) || !in.Count(4, &m))
      return false;
    info.ids.resize(m);
    for (int& id : info.ids)
      if (!in.Get(&id) || !valid(id)) return false;
    if (!forms.emplace(std::string(f), std::move(info)).second) return false;
  }
  const size_t patterns = lex_.patterns().size();
  if (!in.Get(&n) || n != patterns) return false;
  std::vector<std::vector<std::vector<int>>> element_ids(patterns);
  for (size_t pi = 0; pi < patterns; ++pi) {
    uint64_t elements;
    if (!in.Count(8, &elements) || elements != lex_.patterns()[pi].rest.size()) return false;
    element_ids[pi].resize(elements);
    for (auto& ids : element_ids[pi]) {
      uint64_t m;
      if (!in.Count(4, &m)) return false;
      ids.resize(m);
      for (int& id : ids)
        if (!in.Get(&id) || !valid(id)) return false;
    }
  }
  image::In::Array<uint32_t> begins;
  image::In::Array<uint64_t> masks;
  if (!in.Records(&begins) || !in.Records(&masks) || !in.done() || begins.size() != patterns + 1) return false;
  std::vector<uint32_t> mask_begin(begins.size());
  for (size_t i = 0; i < begins.size(); ++i) {
    mask_begin[i] = begins.At(i);
    if (mask_begin[i] > masks.size() || (i > 0 && mask_begin[i] < mask_begin[i - 1])) return false;
  }
  masks_.resize(masks.size());
  for (size_t i = 0; i < masks.size(); ++i) masks_[i] = masks.At(i);
  mask_begin_ = std::move(mask_begin);
  element_ids_ = std::move(element_ids);
  vocabulary_ = vocabulary;
  form_info_ = std::move(forms);
  for (auto& [f, info] : form_info_) form_index_.Add(f, &info);
  return true;
}

std::unique_ptr<Coder> Coder::Cached(const Lexicon& lex, const std::filesystem::path& cache_dir, uint64_t lexicon_key,
                                     CacheInfo* info) {
  CacheInfo local;
  if (!info) info = &local;
  *info = CacheInfo{};
  if (cache_dir.empty() || lexicon_key == 0) return std::make_unique<Coder>(lex);
  const uint64_t key = image::HashBytes("coder", lexicon_key ^ kFormat);
  info->image = cache_dir / ("coder-" + image::Hex(key) + ".img");
  std::unique_ptr<Coder> coder(new Coder(lex, Tables::kPatterns));
  image::Mapped mapped(info->image);
  if (mapped.ok()) {
    std::string_view payload;
    if (image::OpenMapped(mapped, cache_dir, "coder", kMagic, kFormat, key, &payload) && coder->FromPayload(payload)) {
      info->from_image = true;
      return coder;
    }
    info->note = info->image.string() + " is not a valid image; rebuilt";
  }
  coder = std::make_unique<Coder>(lex);
  std::string why;
  if (image::WriteAtomically(info->image, coder->Image(key), &why)) {
    info->written = true;
    image::Prune(cache_dir, "coder", kImagesKept);
  } else {
    info->note = why;
  }
  return coder;
}

}  // namespace parley
