// Tested by tests/lexicon_image_test.cc and tests/e2e/cache.sh.
//
// The coder's compiled image: the word-form tables Coder's constructor
// derives from the patterns and the irregular forms (every inflection of
// every pattern word, numbered, with its lemmas and closed classes), which
// cost more to derive than the lexicon costs to read. The image is keyed by
// the lexicon's image key (the build and the bytes of every dictionary
// file: see lexicon_image.cc) and is checked like every image
// (lexicon/image_file.h). The pattern tables (verbs_, nouns_, support_)
// point into the lexicon and are always made afresh; they are cheap, and so
// are the matcher's screens made from them and the tables (BuildScreens,
// about a million instructions).
//
// Read in place: the mapped file is the tables. A form's record (FormInfo)
// holds its lemmas and pattern word ids as offsets from itself into the
// string pool and the id table; the forms are found through a KeyTable
// (image_file.h) whose keys are in byte order, as the records are, so a
// key's position is its record's. The text load lays out the same bytes in
// memory (Layout) and attaches to them, so there is one lookup path.
// Loading is map, check the header, point the spans and check, in one pass
// over each table, that every offset stays inside its table and every word
// id below the number of pattern words (a few hundred thousand
// instructions, where copying the tables into heap containers cost 31
// million).
//
// Payload, in order: the number of pattern words (i32); the forms'
// KeyTable; the string pool of lemmas; tables of pattern word ids (i32),
// form records, each pattern's first element (u32, one more than the
// patterns), the elements ({offset, length} into the next table), their
// word ids (i32), each pattern's first mask (u32, one more than the
// patterns) and the masks (u64); then the pipeline's Vocabulary (its
// slots, entries and pool: text/vocabulary.h), which starts with this
// build's closed-class words (checked) and goes on with the lexicon's
// words and the forms, and the form of each word id (u32, the form's
// index + 1, or 0). The vocabulary is built from the lexicon and the
// forms, so the lexicon key that names the image names it too.
#include "code/coder.h"

#include <algorithm>
#include <bit>
#include <unordered_map>

#include "code/words.h"
#include "lexicon/image_file.h"

namespace parley {
namespace {

constexpr char kMagic[8] = {'P', 'R', 'L', 'Y', 'C', 'O', 'D', '\0'};
// Images of this kind kept in the cache folder (image::Prune).
constexpr size_t kImagesKept = 4;
constexpr uint32_t kFormat = 3;  // 2: read in place; 3: with the vocabulary

// True when the n bytes at p lie inside `within`.
bool Inside(const char* p, size_t n, std::string_view within) {
  const uintptr_t a = reinterpret_cast<uintptr_t>(p), b = reinterpret_cast<uintptr_t>(within.data());
  return a >= b && a - b <= within.size() && n <= within.size() - (a - b);
}

}  // namespace

static_assert(sizeof(Coder::FormInfo) == 32 && std::is_trivially_copyable_v<Coder::FormInfo>);

std::string Coder::Layout(const Draft& d) {
  image::Out o;
  o.Put<int32_t>(d.vocabulary);
  std::vector<std::string_view> keys;
  keys.reserve(d.forms.size());
  for (const auto& [f, info] : d.forms) keys.push_back(f);
  std::sort(keys.begin(), keys.end());
  image::KeyTable::Write(keys, o);
  // Each distinct lemma once in the pool; each form's ids one after another.
  std::string pool;
  std::unordered_map<std::string_view, uint32_t> at;
  auto lemma = [&](const std::string& l) -> uint32_t {
    if (l.empty()) return 0;
    auto [it, added] = at.emplace(l, static_cast<uint32_t>(pool.size()));
    if (added) pool.append(l);
    return it->second;
  };
  std::vector<int32_t> ids;
  struct Where {
    uint32_t verb, noun, ids;
  };
  std::vector<Where> where;
  where.reserve(keys.size());
  for (std::string_view k : keys) {
    const Draft::Form& f = d.forms.find(k)->second;
    where.push_back(Where{lemma(f.verb), lemma(f.noun), static_cast<uint32_t>(ids.size())});
    ids.insert(ids.end(), f.ids.begin(), f.ids.end());
  }
  // Positions in the buffer (the header included: only differences count).
  const size_t pool_at = o.buf().size() + 8;
  o.Bytes(pool);
  o.Align();
  const size_t ids_at = o.buf().size() + 8;
  o.Table<int32_t>(ids);
  o.Align();
  const size_t forms_at = o.buf().size() + 8;
  std::vector<FormInfo> forms(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const Draft::Form& f = d.forms.find(keys[i])->second;
    const int64_t self = static_cast<int64_t>(forms_at + i * sizeof(FormInfo));
    FormInfo& r = forms[i];
    r.verb_at = static_cast<int32_t>(static_cast<int64_t>(pool_at + where[i].verb) - self);
    r.noun_at = static_cast<int32_t>(static_cast<int64_t>(pool_at + where[i].noun) - self);
    r.ids_at = static_cast<int32_t>(static_cast<int64_t>(ids_at + where[i].ids * sizeof(int32_t)) - self);
    r.verb_len = static_cast<uint32_t>(f.verb.size());
    r.noun_len = static_cast<uint32_t>(f.noun.size());
    r.ids_len = static_cast<uint32_t>(f.ids.size());
    r.cls = f.cls;
  }
  o.Table<FormInfo>(forms);
  std::vector<uint32_t> element_begin{0};
  std::vector<ElementRef> elements;
  std::vector<int32_t> element_words;
  for (const auto& pattern : d.element_ids) {
    for (const auto& words : pattern) {
      elements.push_back(ElementRef{static_cast<uint32_t>(element_words.size()), static_cast<uint32_t>(words.size())});
      element_words.insert(element_words.end(), words.begin(), words.end());
    }
    element_begin.push_back(static_cast<uint32_t>(elements.size()));
  }
  o.Table<uint32_t>(element_begin);
  o.Table<ElementRef>(elements);
  o.Table<int32_t>(element_words);
  o.Table<uint32_t>(d.mask_begin);
  o.Table<uint64_t>(d.masks);
  return std::move(o.buf());
}

bool Coder::Attach(std::string_view payload, std::shared_ptr<const void> owner, bool words) {
  image::In in(payload);
  int32_t vocabulary;
  image::KeyTable keys;
  std::string_view pool;
  std::span<const int32_t> ids, element_words;
  std::span<const FormInfo> forms;
  std::span<const uint32_t> element_begin, mask_begin;
  std::span<const ElementRef> elements;
  std::span<const uint64_t> masks;
  if (!in.Get(&vocabulary) || vocabulary < 0 || !keys.Read(in) || !in.Bytes(&pool) || !in.Table(&ids) ||
      !in.Table(&forms) || !in.Table(&element_begin) || !in.Table(&elements) || !in.Table(&element_words) ||
      !in.Table(&mask_begin) || !in.Table(&masks))
    return false;
  const size_t coder_bytes = in.pos();
  Vocabulary::Tables vt;
  std::span<const uint32_t> form_of_word;
  if (words && (!in.Table(&vt.slots) || !in.Table(&vt.entries) || !in.Bytes(&vt.pool) || !in.Table(&form_of_word)))
    return false;
  if (!in.done()) return false;
  // What the lookups rely on: every offset inside its table, every word id
  // below `vocabulary` (the matcher's stamps are indexed by it), one
  // element per pattern element and masks in order.
  if (forms.size() != keys.size()) return false;
  const std::string_view id_bytes(reinterpret_cast<const char*>(ids.data()), ids.size_bytes());
  for (const FormInfo& f : forms) {
    const std::span<const int32_t> fi = f.ids();
    if (!Inside(f.verb().data(), f.verb_len, pool) || !Inside(f.noun().data(), f.noun_len, pool) ||
        !Inside(reinterpret_cast<const char*>(fi.data()), fi.size_bytes(), id_bytes) ||
        (reinterpret_cast<uintptr_t>(fi.data()) - reinterpret_cast<uintptr_t>(ids.data())) % sizeof(int32_t) != 0)
      return false;
  }
  auto valid = [&](int32_t id) { return id >= 0 && id < vocabulary; };
  if (!std::all_of(ids.begin(), ids.end(), valid) || !std::all_of(element_words.begin(), element_words.end(), valid))
    return false;
  const auto& patterns = lex_.patterns();
  if (element_begin.size() != patterns.size() + 1 || element_begin[0] != 0 ||
      element_begin.back() != elements.size() || mask_begin.size() != patterns.size() + 1)
    return false;
  for (size_t pi = 0; pi < patterns.size(); ++pi) {
    if (element_begin[pi + 1] < element_begin[pi] || element_begin[pi + 1] - element_begin[pi] != patterns[pi].rest.size())
      return false;
    if (mask_begin[pi + 1] < mask_begin[pi]) return false;
  }
  if (mask_begin.back() > masks.size()) return false;
  for (const ElementRef& e : elements)
    if (e.off > element_words.size() || e.len > element_words.size() - e.off) return false;
  std::unique_ptr<Vocabulary> word_ids;
  if (words) {
    word_ids = Vocabulary::Attach(vt, owner);
    if (!word_ids || form_of_word.size() != word_ids->size()) return false;
    for (uint32_t f : form_of_word)
      if (f > forms.size()) return false;
  }
  words_ = std::move(word_ids);
  own_form_of_word_.clear();
  form_of_word_ = form_of_word;
  coder_bytes_ = coder_bytes;
  owner_ = std::move(owner);
  payload_ = payload;
  pool_ = pool;
  form_keys_ = keys;
  forms_ = forms;
  element_begin_ = element_begin;
  elements_ = elements;
  element_words_ = element_words;
  mask_begin_ = mask_begin;
  masks_ = masks;
  vocabulary_ = vocabulary;
  return BuildScreens();
}

bool Coder::BuildScreens() {
  const auto& patterns = lex_.patterns();
  // Each word element's ids, by the index of its mask.
  word_refs_.assign(masks_.size(), ElementRef{});
  for (size_t pi = 0; pi < patterns.size(); ++pi) {
    uint32_t m = mask_begin_[pi];
    for (size_t e = 0; e < patterns[pi].rest.size(); ++e) {
      if (patterns[pi].rest[e].kind != PatternElement::kWord) continue;
      if (m >= mask_begin_[pi + 1]) return false;
      word_refs_[m++] = elements_[element_begin_[pi] + e];
    }
    if (m != mask_begin_[pi + 1]) return false;
  }
  // VerbOf's index: each distinct verb lemma of the forms looked up once,
  // by the offset of its bytes in the pool.
  verb_at_.assign(pool_.size(), VerbEntry{});
  std::vector<char> seen(pool_.size(), 0);
  for (const FormInfo& f : forms_) {
    if (f.verb_len == 0) continue;
    const size_t at = static_cast<size_t>(f.verb().data() - pool_.data());
    if (seen[at]) continue;
    seen[at] = 1;
    verb_at_[at] = MakeVerbEntry(f.verb());
  }
  screens_.clear();
  screens_.reserve(patterns.size());
  screen_lists_.clear();
  screen_lists_.reserve(verbs_.size() + nouns_.size());
  list_of_.assign(patterns.size(), 0);
  first_keys_.clear();
  first_groups_.clear();
  first_sets_.clear();
  late_patterns_.clear();
  // Per word id: its key in the list being indexed, or UINT32_MAX (reset
  // after each list, so that the index is made in one pass over the ids).
  std::vector<uint32_t> key_of(static_cast<size_t>(vocabulary_), UINT32_MAX);
  std::vector<int32_t> ids;
  // (Room for the index at once: grown per list, the copies cost more
  // than the index.)
  first_keys_.reserve(element_words_.size());
  first_groups_.reserve(element_words_.size() + screen_lists_.capacity());
  first_sets_.reserve(4 * element_words_.size());
  for (const auto* table : {&verbs_, &nouns_})
    for (const auto& [head, list] : *table) {
      if (list.empty()) continue;
      list_of_[static_cast<size_t>(list.front() - patterns.data())] = static_cast<uint32_t>(screen_lists_.size());
      ScreenList& l = screen_lists_.emplace_back();
      l.begin = static_cast<uint32_t>(screens_.size());
      for (const Pattern* p : list) {
        const size_t pi = static_cast<size_t>(p - patterns.data());
        Screen s;
        s.mask_begin = mask_begin_[pi];
        s.mask_end = mask_begin_[pi + 1];
        if (s.mask_begin != s.mask_end) {
          // As MatchPattern looks for the first word element: within 5
          // tokens when it opens the pattern, within 14 after an opening
          // "...", else anywhere after the actor before it.
          const PatternElement::Kind k0 = p->rest.front().kind;
          s.first = masks_[s.mask_begin];
          s.reach = k0 == PatternElement::kWord                                                                    ? 0
                    : k0 == PatternElement::kGap && p->rest.size() > 1 && p->rest[1].kind == PatternElement::kWord ? 1
                                                                                                                     : 2;
          l.any[s.reach] |= s.first;
          l.any[3] |= s.first;
        } else {
          if (!l.open) l.open = static_cast<uint32_t>(screens_.size() - l.begin) + 1;
        }
        screens_.push_back(s);
      }
      IndexFirstWords(&l, list.size(), &key_of, &ids);
    }
  return true;
}

void Coder::IndexFirstWords(ScreenList* l, size_t n, std::vector<uint32_t>* key_of, std::vector<int32_t>* ids) {
  const std::span<const Screen> screens = ScreensOf(*l, n);
  // The distinct first words, grouped by id % 64 (a counting sort).
  ids->clear();
  l->first_any = 0;
  l->late_begin = static_cast<uint32_t>(late_patterns_.size());
  for (uint32_t i = 0; i < n; ++i) {
    const Screen& s = screens[i];
    if (s.reach >= 2) {
      late_patterns_.push_back(i);
      if (i < 64) l->late |= uint64_t{1} << i;
      continue;
    }
    for (const int32_t id : WordsOfMask(s.mask_begin)) {
      uint32_t& k = (*key_of)[static_cast<size_t>(id)];
      if (k != UINT32_MAX) continue;
      k = 0;
      ids->push_back(id);
      l->first_any |= uint64_t{1} << (id & 63);
    }
  }
  l->late_end = static_cast<uint32_t>(late_patterns_.size());
  uint32_t count[65] = {};
  for (const int32_t id : *ids) ++count[(id & 63) + 1];
  for (int r = 0; r < 64; ++r) count[r + 1] += count[r];
  l->key0 = static_cast<uint32_t>(first_keys_.size());
  l->keys = static_cast<uint32_t>(ids->size());
  first_keys_.resize(first_keys_.size() + ids->size());
  l->groups = static_cast<uint32_t>(first_groups_.size());
  for (uint64_t any = l->first_any; any != 0; any &= any - 1)
    first_groups_.push_back(l->key0 + count[std::countr_zero(any)]);
  first_groups_.push_back(l->key0 + l->keys);
  for (const int32_t id : *ids) {
    const uint32_t j = count[id & 63]++;
    first_keys_[l->key0 + j] = id;
    (*key_of)[static_cast<size_t>(id)] = j;
  }
  // Each key's two sets of patterns.
  const size_t words = (n + 63) / 64;
  l->sets = static_cast<uint32_t>(first_sets_.size());
  first_sets_.resize(first_sets_.size() + ids->size() * 2 * words, 0);
  for (uint32_t i = 0; i < n; ++i) {
    const Screen& s = screens[i];
    if (s.reach >= 2) continue;
    for (const int32_t id : WordsOfMask(s.mask_begin)) {
      uint64_t* sets = &first_sets_[l->sets + (*key_of)[static_cast<size_t>(id)] * 2 * words];
      sets[i / 64] |= uint64_t{1} << (i % 64);
      if (s.reach == 1) sets[words + i / 64] |= uint64_t{1} << (i % 64);
    }
  }
  for (const int32_t id : *ids) (*key_of)[static_cast<size_t>(id)] = UINT32_MAX;
}

Coder::VerbEntry Coder::MakeVerbEntry(std::string_view lemma) const {
  VerbEntry e;
  auto it = verbs_.find(lemma);
  if (it != verbs_.end()) e.patterns = &it->second;
  e.classes = LemmaClasses(lemma);
  return e;
}

std::string Coder::Image(uint64_t key) const {
  image::Out o;  // the header's bytes, then the tables as attached
  o.buf().append(payload_.substr(0, coder_bytes_));
  const Vocabulary::Tables vt = words_->tables();
  o.Table<Vocabulary::Slot>(vt.slots);
  o.Table<Vocabulary::Entry>(vt.entries);
  o.Bytes(vt.pool);
  o.Table<uint32_t>(form_of_word_);
  image::Seal(kMagic, kFormat, key, &o.buf());
  return std::move(o.buf());
}

std::unique_ptr<Coder> Coder::Cached(const Lexicon& lex, const std::filesystem::path& cache_dir, uint64_t lexicon_key,
                                     CacheInfo* info) {
  CacheInfo local;
  if (!info) info = &local;
  *info = CacheInfo{};
  if (cache_dir.empty() || lexicon_key == 0) {
    auto coder = std::make_unique<Coder>(lex);
    coder->BuildWords();
    return coder;
  }
  const uint64_t key = image::HashBytes("coder", lexicon_key ^ kFormat);
  info->image = cache_dir / ("coder-" + image::Hex(key) + ".img");
  std::unique_ptr<Coder> coder(new Coder(lex, Tables::kPatterns));
  // Populated: the load reads every table once (Attach's checks).
  auto mapped = std::make_shared<image::Mapped>(info->image);
  if (mapped->ok()) {
    std::string_view payload;
    if (image::OpenMapped(*mapped, cache_dir, "coder", kMagic, kFormat, key, &payload) &&
        coder->Attach(payload, mapped, /*words=*/true)) {
      info->from_image = true;
      return coder;
    }
    info->note = info->image.string() + " is not a valid image; rebuilt";
  }
  coder = std::make_unique<Coder>(lex);
  coder->BuildWords();
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
