// Tested by tests/lexicon_image_test.cc and tests/e2e/cache.sh.
//
// The lexicon's compiled image: every table LexiconLoader builds from the
// dictionaries' text (parsing 2 MB of TSV, tokenising every name to fold
// it, checking every row), written once as counted strings and records and
// read back on later runs without any of that work.
//
// The text files stay the source of truth. The image is named by a 64-bit
// key hashed from the build (image::BuildKey), the data folder's absolute
// path and the bytes of every file the loader reads, each with its name
// (a missing optional file counts too, and so do the system word lists read
// in place of missing generated ones); editing, adding or removing any of
// them looks for another image. An image that does not match (see
// image_file.h) is ignored, the text is read, and a new image written.
//
// Payload, in order (strings are u32-counted, lists u64-counted):
//   people_files; countries; igos; organisations; the number of terms,
//   people with their terms; roles; the numbers of pattern elements and of
//   their words, patterns; the name tables read in place (name_tables.h:
//   names with their references, first-token maxima, people by last name);
//   country codes; CAMEO codes; verb forms and noun forms (in the text
//   load's order, see Lexicon::ForEachIrregular); the evaluations (word,
//   code; sorted by word); the common words as a
//   table read in place (image::KeyTable: entries, slots, pool).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>

#include "lexicon/image_file.h"
#include "lexicon/name_tables.h"
#include "parley/lexicon.h"

namespace parley {
namespace {

constexpr char kMagic[8] = {'P', 'R', 'L', 'Y', 'L', 'E', 'X', '\0'};
// Images of this kind kept in the cache folder (image::Prune).
constexpr size_t kImagesKept = 4;
// 2: people by last name; 3: common words read in place; 4: the numbers of
// terms, pattern elements and words ahead of their lists; 5: evaluations;
// 6: names, first-token maxima and people by last name as tables read in
// place (name_tables.h)
constexpr uint32_t kFormat = 6;

void PutDate(image::Out& o, const Date& d) {
  o.Put<int32_t>(d.year);
  o.Put<int32_t>(d.month);
  o.Put<int32_t>(d.day);
}
bool GetDate(image::In& in, Date* d) {
  int32_t y, m, day;
  if (!in.Get(&y) || !in.Get(&m) || !in.Get(&day)) return false;
  d->year = y;
  d->month = m;
  d->day = day;
  return true;
}

// A list's count, checked against the bytes left (each item at least
// `min_bytes`), so a damaged count cannot ask for a huge allocation.
bool GetCount(image::In& in, size_t min_bytes, size_t* n) {
  uint64_t v;
  if (!in.Count(min_bytes, &v)) return false;
  *n = static_cast<size_t>(v);
  return true;
}

void PutOrg(image::Out& o, const Organisation& g) {
  o.Str(g.code);
  o.Str(g.name);
  o.Put<uint8_t>(static_cast<uint8_t>(g.type));
  PutDate(o, g.start);
  PutDate(o, g.end);
  o.Str(g.rule);
}
bool GetOrg(image::In& in, Organisation* g) {
  uint8_t type;
  if (!in.Str(&g->code) || !in.Str(&g->name) || !in.Get(&type) || !GetDate(in, &g->start) ||
      !GetDate(in, &g->end) || !in.Str(&g->rule))
    return false;
  g->type = static_cast<EntityType>(type);
  return true;
}

// The files LexiconLoader reads under `dir`, in its order, with what it
// reads in place of a missing generated list.
struct SourceFile {
  std::filesystem::path path;
  std::filesystem::path fallback;  // read when `path` is missing
};
std::vector<SourceFile> SourceFiles(const std::filesystem::path& dir) {
  std::vector<SourceFile> files = {
      {dir / "cameo.tsv", {}},
      {dir / "generated" / "verb_forms.tsv", "/usr/share/wordnet/verb.exc"},
      {dir / "generated" / "noun_forms.tsv", "/usr/share/wordnet/noun.exc"},
      {dir / "generated" / "common_words.txt", "/usr/share/hunspell/en_US.dic"},
      {dir / "countries.tsv", {}},
      {dir / "igos.tsv", {}},
      {dir / "organisations.tsv", {}},
      {dir / "roles.tsv", {}},
      {dir / "people.tsv", {}},
  };
  std::vector<std::filesystem::path> more;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir / "people", ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".tsv" && it->is_regular_file(ec)) more.push_back(it->path());
  std::sort(more.begin(), more.end());
  for (auto& m : more) files.push_back({m, {}});
  files.push_back({dir / "verbs.tsv", {}});
  files.push_back({dir / "nouns.tsv", {}});
  files.push_back({dir / "evaluations.tsv", {}});
  return files;
}

// The key of the text under `dir`; false when some file cannot be read
// (the text loader then says why).
// Unchanged files (the stamp of a memo in `cache_dir`) are not read at all:
// the stamp covers every source and fallback, and the people/ folder (whose
// times change when a file is added or removed).
bool SourceKey(const std::filesystem::path& dir, const std::filesystem::path& cache_dir, std::string_view version,
               uint64_t* key) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(dir, ec);
  if (ec) abs = dir;
  uint64_t k = image::HashBytes(version, kFormat);
  k = image::HashBytes(abs.lexically_normal().string(), k);
  const std::vector<SourceFile> sources = SourceFiles(dir);
  std::vector<std::filesystem::path> stamped = {dir / "people"};
  for (const SourceFile& f : sources) {
    stamped.push_back(f.path);
    if (!f.fallback.empty()) stamped.push_back(f.fallback);
  }
  const uint64_t stamp = image::Stamp(stamped, k);
  if (image::RecallKey(cache_dir, "lexicon", stamp, key)) return true;
  for (const SourceFile& f : sources) {
    k = image::HashBytes(f.path.lexically_relative(dir).string(), k);
    if (!image::HashFile(f.path, &k)) return false;
    if (!f.fallback.empty() && !std::filesystem::exists(f.path, ec) && !image::HashFile(f.fallback, &k)) return false;
  }
  *key = k;
  image::RememberKey(cache_dir, "lexicon", stamp, k, stamped);
  return true;
}

}  // namespace

std::string Lexicon::Image(uint64_t key) const {
  image::Out o;
  o.Put<uint64_t>(people_files_.size());
  for (auto& f : people_files_) o.Str(f);

  o.Put<uint64_t>(countries_.size());
  for (const Country& c : countries_) {
    for (const std::string_view* s : {&c.iso3, &c.cameo, &c.iso2, &c.fips, &c.name, &c.capital, &c.rule}) o.Str(*s);
    for (double d : {c.lat, c.lon, c.capital_lat, c.capital_lon}) o.Put<double>(d);
  }
  o.Put<uint64_t>(igos_.size());
  for (auto& g : igos_) PutOrg(o, g);
  o.Put<uint64_t>(orgs_.size());
  for (auto& g : orgs_) PutOrg(o, g);

  o.Put<uint64_t>(terms_.size());
  o.Put<uint64_t>(people_.size());
  for (const Person& p : people_) {
    o.Str(p.name);
    o.Put<uint64_t>(p.terms.size());
    for (const OfficeTerm& t : p.terms) {
      o.Str(t.code);
      o.Str(t.office);
      o.Str(t.title);
      PutDate(o, t.start);
      PutDate(o, t.end);
      o.Str(t.rule);
    }
  }
  o.Put<uint64_t>(roles_.size());
  for (const Role& r : roles_) {
    o.Str(r.phrase);
    o.Str(r.code);
    o.Put<uint8_t>(static_cast<uint8_t>(r.kind));
    o.Str(r.rule);
  }
  o.Put<uint64_t>(elements_.size());
  o.Put<uint64_t>(words_.size());
  o.Put<uint64_t>(patterns_.size());
  for (const Pattern& p : patterns_) {
    o.Str(p.code);
    o.Put<uint8_t>(p.noun ? 1 : 0);
    o.Str(p.head);
    o.Put<uint64_t>(p.rest.size());
    for (const PatternElement& e : p.rest) {
      o.Put<uint8_t>(static_cast<uint8_t>(e.kind));
      o.Put<uint64_t>(e.words.size());
      for (auto& w : e.words) o.Str(w);
    }
    o.Str(p.text);
    o.Str(p.rule);
  }

  NameTables::Write(name_tables_->rows(), o);
  o.Put<uint64_t>(country_by_code_.size());
  for (const auto& [k, v] : country_by_code_) {
    o.Str(k);
    o.Put<uint32_t>(v);
  }
  o.Put<uint64_t>(cameo_.size());
  for (const auto& [k, c] : cameo_) {
    o.Str(c.code);
    o.Str(c.name);
    o.Str(c.plover);
    o.Put<double>(c.goldstein);
    o.Put<int32_t>(c.quad_class);
  }
  for (const auto* order : {&verb_order_, &noun_order_}) {
    o.Put<uint64_t>(order->size());
    for (auto& [f, l] : *order) {
      o.Str(*f);
      o.Str(*l);
    }
  }
  {
    // Sorted, so that the image's bytes do not depend on the map's order.
    std::vector<std::pair<std::string_view, std::string_view>> ev(evaluations_.begin(), evaluations_.end());
    std::sort(ev.begin(), ev.end());
    o.Put<uint64_t>(ev.size());
    for (auto& [w, c] : ev) {
      o.Str(w);
      o.Str(c);
    }
  }
  if (common_table_) {
    common_table_->Copy(o);
  } else {
    image::KeyTable::Write(std::vector<std::string_view>(common_words_.begin(), common_words_.end()), o);
  }
  image::Seal(kMagic, kFormat, key, &o.buf());
  return std::move(o.buf());
}

namespace {

// A table of lists of T read in place: every list's records (in the lists'
// order), then the lists, each pointing to its records by an offset from
// itself (ImageList), so that nothing is rebuilt at load.
template <typename T>
void WriteLists(const std::vector<std::span<const T>>& lists, image::Out& o) {
  std::vector<T> all;
  for (auto l : lists) all.insert(all.end(), l.begin(), l.end());
  o.Align();
  const size_t records_at = o.buf().size() + 8;  // after the count
  o.Table<T>(all);
  o.Align();
  const size_t lists_at = o.buf().size() + 8;
  std::vector<ImageList<T>> out(lists.size());
  size_t first = 0;
  for (size_t i = 0; i < lists.size(); ++i) {
    out[i].off = static_cast<int64_t>(records_at + first * sizeof(T)) -
                 static_cast<int64_t>(lists_at + i * sizeof(ImageList<T>));
    out[i].n = lists[i].size();
    first += lists[i].size();
  }
  o.Table<ImageList<T>>(out);
}

// Reads what WriteLists wrote; false unless every list lies within the
// records (the lists follow the records, so every offset is negative).
template <typename T>
bool ReadLists(image::In& in, std::span<const T>* all, std::span<const ImageList<T>>* lists, size_t n_keys) {
  if (!in.Table(all) || !in.Table(lists) || lists->size() != n_keys) return false;
  const auto base = reinterpret_cast<uintptr_t>(all->data());
  const uint64_t n_all = all->size();
  for (const ImageList<T>& l : *lists) {
    const uint64_t from_base = reinterpret_cast<uintptr_t>(&l) - base;  // lists after records
    if (l.off > 0 || static_cast<uint64_t>(-l.off) > from_base) return false;
    const uint64_t at = from_base - static_cast<uint64_t>(-l.off);
    if (at % sizeof(T) != 0 || l.n > n_all || at / sizeof(T) > n_all - l.n) return false;
  }
  return true;
}

}  // namespace

Lexicon::NameTables::Rows Lexicon::NameTables::rows() const {
  Rows r;
  size_t i = 0;
  name_keys.ForEach([&](std::string_view k) {
    r.names.emplace_back(k, std::span<const NameRef>(name_lists[i].begin(), name_lists[i].size()));
    ++i;
  });
  i = 0;
  first_keys.ForEach([&](std::string_view k) { r.first.emplace_back(k, first_max[i++]); });
  i = 0;
  last_keys.ForEach([&](std::string_view k) {
    r.last.emplace_back(k, std::span<const uint32_t>(last_lists[i].begin(), last_lists[i].size()));
    ++i;
  });
  return r;
}

void Lexicon::NameTables::Write(const Rows& rows, image::Out& o) {
  std::vector<std::string_view> keys;
  std::vector<std::span<const NameRef>> refs;
  for (auto& [k, v] : rows.names) {
    keys.push_back(k);
    refs.push_back(v);
  }
  image::KeyTable::Write(keys, o);
  WriteLists(refs, o);
  keys.clear();
  std::vector<int32_t> max;
  for (auto& [k, v] : rows.first) {
    keys.push_back(k);
    max.push_back(v);
  }
  image::KeyTable::Write(keys, o);
  o.Table<int32_t>(max);
  keys.clear();
  std::vector<std::span<const uint32_t>> ids;
  for (auto& [k, v] : rows.last) {
    keys.push_back(k);
    ids.push_back(v);
  }
  image::KeyTable::Write(keys, o);
  WriteLists(ids, o);
}

bool Lexicon::NameTables::Read(image::In& in) {
  return name_keys.Read(in) && ReadLists(in, &refs, &name_lists, name_keys.size()) && first_keys.Read(in) &&
         in.Table(&first_max) && first_max.size() == first_keys.size() && last_keys.Read(in) &&
         ReadLists(in, &ids, &last_lists, last_keys.size());
}

void Lexicon::LayOutNames() {
  NameTables::Rows rows;
  for (auto& [k, v] : names_) rows.names.emplace_back(k, v);
  for (auto& [k, v] : first_token_max_) rows.first.emplace_back(k, v);
  for (auto& [k, v] : last_names_) rows.last.emplace_back(k, v);
  std::sort(rows.names.begin(), rows.names.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::sort(rows.first.begin(), rows.first.end());
  std::sort(rows.last.begin(), rows.last.end(), [](auto& a, auto& b) { return a.first < b.first; });
  image::Out o;
  NameTables::Write(rows, o);
  name_bytes_ = std::move(o.buf());
  image::In in(std::string_view(name_bytes_).substr(image::kHeaderBytes));
  auto tables = std::make_shared<NameTables>();
  const bool ok = tables->Read(in) && in.done();
  assert(ok);  // the writer's own layout
  (void)ok;
  name_tables_ = std::move(tables);
}

bool Lexicon::FromImage(std::string_view bytes, uint64_t key, std::unique_ptr<Lexicon>* out) {
  std::string_view payload;
  if (!image::Open(bytes, kMagic, kFormat, key, &payload)) return false;
  auto copy = std::make_shared<std::string>(bytes);
  return FromPayload(std::string_view(*copy).substr(image::kHeaderBytes), copy, out);
}

void Lexicon::BuildCommonTable() {
  image::Out o;
  image::KeyTable::Write(std::vector<std::string_view>(common_words_.begin(), common_words_.end()), o);
  auto bytes = std::make_shared<std::string>(std::move(o.buf()));
  image::In in(std::string_view(*bytes).substr(image::kHeaderBytes));
  auto table = std::make_shared<image::KeyTable>();
  if (!table->Read(in)) return;  // (cannot happen: then the set stays in use)
  common_table_ = std::move(table);
  common_owner_ = std::move(bytes);
  StringSet().swap(common_words_);
}

bool Lexicon::FromPayload(std::string_view payload, std::shared_ptr<const void> owner, std::unique_ptr<Lexicon>* out) {
  image::In in(payload);
  auto lex = std::unique_ptr<Lexicon>(new Lexicon());
  size_t n;

  if (!GetCount(in, 4, &n)) return false;
  lex->people_files_.resize(n);
  for (auto& f : lex->people_files_)
    if (!in.Str(&f)) return false;

  if (!GetCount(in, 7 * 4 + 4 * 8, &n)) return false;
  lex->countries_.resize(n);
  for (Country& c : lex->countries_) {
    for (std::string_view* s : {&c.iso3, &c.cameo, &c.iso2, &c.fips, &c.name, &c.capital, &c.rule})
      if (!in.Str(s)) return false;
    for (double* d : {&c.lat, &c.lon, &c.capital_lat, &c.capital_lon})
      if (!in.Get(d)) return false;
  }
  for (auto* table : {&lex->igos_, &lex->orgs_}) {
    if (!GetCount(in, 3 * 4 + 1 + 24, &n)) return false;
    table->resize(n);
    for (auto& g : *table)
      if (!GetOrg(in, &g)) return false;
  }

  // Terms, elements and words go to the flat tables; their views are set
  // once every one is in (the tables no longer move). Their numbers come
  // first, so each table is allocated once.
  if (!GetCount(in, 4 * 4 + 24, &n)) return false;
  lex->terms_.reserve(n);
  if (!GetCount(in, 4 + 8, &n)) return false;
  lex->people_.resize(n);
  std::vector<size_t> ends(n);  // of each person's terms in terms_
  for (size_t i = 0; i < lex->people_.size(); ++i) {
    if (!in.Str(&lex->people_[i].name) || !GetCount(in, 4 * 4 + 24, &n)) return false;
    for (size_t j = 0; j < n; ++j) {
      OfficeTerm& t = lex->terms_.emplace_back();
      if (!in.Str(&t.code) || !in.Str(&t.office) || !in.Str(&t.title) || !GetDate(in, &t.start) ||
          !GetDate(in, &t.end) || !in.Str(&t.rule))
        return false;
    }
    ends[i] = lex->terms_.size();
  }
  for (size_t i = 0, b = 0; i < lex->people_.size(); b = ends[i++])
    lex->people_[i].terms = std::span<const OfficeTerm>(lex->terms_.data() + b, ends[i] - b);
  if (!GetCount(in, 3 * 4 + 1, &n)) return false;
  lex->roles_.resize(n);
  for (Role& r : lex->roles_) {
    uint8_t kind;
    if (!in.Str(&r.phrase) || !in.Str(&r.code) || !in.Get(&kind) || !in.Str(&r.rule) ||
        kind > static_cast<uint8_t>(RoleKind::kGroup))
      return false;
    r.kind = static_cast<RoleKind>(kind);
  }
  if (!GetCount(in, 1 + 8, &n)) return false;
  lex->elements_.reserve(n);
  std::vector<size_t> word_ends;  // of each element's words in words_
  word_ends.reserve(n);
  if (!GetCount(in, 4, &n)) return false;
  lex->words_.resize(n);  // filled in place below: no call per word
  size_t n_words = 0;
  if (!GetCount(in, 4 * 4 + 1 + 8, &n)) return false;
  lex->patterns_.resize(n);
  ends.resize(n);  // of each pattern's elements in elements_
  for (size_t i = 0; i < lex->patterns_.size(); ++i) {
    Pattern& p = lex->patterns_[i];
    uint8_t noun;
    if (!in.Str(&p.code) || !in.Get(&noun) || !in.Str(&p.head) || !GetCount(in, 1 + 8, &n)) return false;
    p.noun = noun != 0;
    for (size_t j = 0, m; j < n; ++j) {
      uint8_t kind;
      if (!in.Get(&kind) || kind > PatternElement::kGap || !GetCount(in, 4, &m)) return false;
      lex->elements_.push_back(PatternElement{static_cast<PatternElement::Kind>(kind), {}});
      if (m > lex->words_.size() - n_words) return false;
      for (size_t k = 0; k < m; ++k)
        if (!in.Str(&lex->words_[n_words++])) return false;
      word_ends.push_back(n_words);
    }
    ends[i] = lex->elements_.size();
    if (!in.Str(&p.text) || !in.Str(&p.rule)) return false;
  }
  if (n_words != lex->words_.size()) return false;
  for (size_t i = 0, b = 0; i < lex->elements_.size(); b = word_ends[i++])
    lex->elements_[i].words = std::span<const LexStr>(lex->words_.data() + b, word_ends[i] - b);
  for (size_t i = 0, b = 0; i < lex->patterns_.size(); b = ends[i++])
    lex->patterns_[i].rest = std::span<const PatternElement>(lex->elements_.data() + b, ends[i] - b);

  auto names = std::make_shared<NameTables>();
  if (!names->Read(in)) return false;
  // References must point into their tables.
  for (const NameRef& r : names->refs) {
    size_t size = r.kind == NameRef::kCountry || r.kind == NameRef::kDemonym || r.kind == NameRef::kCapital
                      ? lex->countries_.size()
                  : r.kind == NameRef::kIgo    ? lex->igos_.size()
                  : r.kind == NameRef::kOrg    ? lex->orgs_.size()
                  : r.kind == NameRef::kPerson ? lex->people_.size()
                  : r.kind == NameRef::kRole   ? lex->roles_.size()
                                               : 0;
    if (r.index >= size) return false;
  }
  for (uint32_t x : names->ids)
    if (x >= lex->people_.size()) return false;
  lex->name_tables_ = std::move(names);
  if (!GetCount(in, 8, &n)) return false;
  lex->country_by_code_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string_view k;
    uint32_t v;
    if (!in.Str(&k) || !in.Get(&v) || v >= lex->countries_.size()) return false;
    lex->country_by_code_.emplace(std::string(k), v);
  }
  if (!GetCount(in, 3 * 4 + 12, &n)) return false;
  lex->cameo_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    CameoCode c;
    int32_t quad;
    if (!in.Str(&c.code) || !in.Str(&c.name) || !in.Str(&c.plover) || !in.Get(&c.goldstein) || !in.Get(&quad))
      return false;
    c.quad_class = quad;
    lex->cameo_.emplace(c.code, c);
  }
  for (auto [map, order] : {std::pair{&lex->verb_forms_, &lex->verb_order_}, std::pair{&lex->noun_forms_, &lex->noun_order_}}) {
    if (!GetCount(in, 8, &n)) return false;
    map->reserve(n);
    order->reserve(n);
    for (size_t i = 0; i < n; ++i) {
      std::string_view f, l;
      if (!in.Str(&f) || !in.Str(&l)) return false;
      auto [it, added] = map->emplace(std::string(f), std::string(l));
      if (!added) return false;  // the text load's map has each form once
      order->emplace_back(&it->first, &it->second);
    }
  }
  if (!GetCount(in, 8, &n)) return false;
  lex->evaluations_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string_view w, c;
    if (!in.Str(&w) || !in.Str(&c) || !lex->evaluations_.emplace(std::string(w), std::string(c)).second) return false;
  }
  auto common = std::make_shared<image::KeyTable>();
  if (!common->Read(in) || !in.done()) return false;
  lex->common_table_ = std::move(common);
  lex->common_owner_ = std::move(owner);
  lex->BuildIndex();
  *out = std::move(lex);
  return true;
}

Status Lexicon::LoadCached(const std::filesystem::path& dir, const std::filesystem::path& cache_dir,
                           std::string_view version, std::unique_ptr<Lexicon>* out, CacheInfo* info) {
  CacheInfo local;
  if (!info) info = &local;
  *info = CacheInfo{};
  uint64_t key = 0;
  if (cache_dir.empty() || !SourceKey(dir, cache_dir, version, &key)) return Load(dir, out);
  info->key = key;
  info->image = cache_dir / ("lexicon-" + image::Hex(key) + ".img");
  // Mapped, not populated: the common words' table is read in place, as
  // lookups touch it.
  auto mapped = std::make_shared<image::Mapped>(info->image, /*populate=*/false);
  if (mapped->ok()) {
    std::unique_ptr<Lexicon> lex;
    std::string_view payload;
    if (image::OpenMapped(*mapped, cache_dir, "lexicon", kMagic, kFormat, key, &payload) &&
        FromPayload(payload, mapped, &lex)) {
      lex->dir_ = dir;
      *out = std::move(lex);
      info->from_image = true;
      return Status::OK();
    }
    info->note = info->image.string() + " is not a valid image; rebuilt from the text";
  }
  Status s = Load(dir, out);
  if (!s.ok()) return s;
  std::string why;
  if (image::WriteAtomically(info->image, (*out)->Image(key), &why)) {
    info->written = true;
    image::Prune(cache_dir, "lexicon", kImagesKept);
  } else {
    info->note = why;
  }
  return Status::OK();
}

}  // namespace parley
