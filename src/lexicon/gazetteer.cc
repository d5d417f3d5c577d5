// Tested by tests/places_test.cc. The method is in gazetteer.h.
#include "lexicon/gazetteer.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "text/segment.h"

namespace parley {
namespace {

// A view, not a C string: Place::Rule, asked for every place mention,
// then needs no strlen.
std::string_view SourceFile(PlaceSource s) {
  using namespace std::string_view_literals;
  switch (s) {
    case PlaceSource::kPlaces: return "data/places.tsv"sv;
    case PlaceSource::kCountries: return "data/countries.tsv"sv;
    case PlaceSource::kGenerated: return "data/generated/cities.tsv"sv;
  }
  return {};
}

// Reads a whole file. NotFound when it does not exist.
Status ReadFile(const std::filesystem::path& path, std::string* out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return Status::NotFound("no such file: " + path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + path.string());
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  in.seekg(0, std::ios::beg);
  out->resize(static_cast<size_t>(size));
  if (size > 0 && !in.read(out->data(), size)) return Status::IOError("cannot read " + path.string());
  return Status::OK();
}

// Splits `line` at tabs into at most `max` fields (the last keeps the rest).
size_t SplitTabs(std::string_view line, std::string_view* f, size_t max) {
  size_t n = 0, pos = 0;
  while (n + 1 < max) {
    size_t t = line.find('\t', pos);
    if (t == std::string_view::npos) break;
    f[n++] = line.substr(pos, t - pos);
    pos = t + 1;
  }
  f[n++] = line.substr(pos);
  for (size_t i = n; i < max; ++i) f[i] = {};
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool ParseDouble(std::string_view s, double* out) {
  s = Trim(s);
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  {
    // Fast path, exact: at most 15 digits make an integer below 2^53 and a
    // power of ten up to 1e22 is exact, so one IEEE division rounds the
    // value correctly, as std::from_chars does ("41.01384" = 4101384 / 1e5).
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    const bool neg = s[0] == '-';
    if (neg) ++i;
    uint64_t mant = 0;
    int digits = 0, int_digits = 0, frac_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      mant = mant * 10 + static_cast<uint64_t>(s[i] - '0');
      ++digits;
      ++int_digits;
      ++i;
    }
    bool ok = int_digits > 0;
    if (ok && i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        mant = mant * 10 + static_cast<uint64_t>(s[i] - '0');
        ++digits;
        ++frac_digits;
        ++i;
      }
      ok = frac_digits > 0;
    }
    if (ok && i == s.size() && digits <= 15) {
      double v = static_cast<double>(mant) / kPow10[frac_digits];
      *out = neg ? -v : v;
      return true;
    }
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool AllCapsAlias(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
    else if (c != '.') return false;
  }
  return letters >= 2;
}

bool HasFlag(std::string_view flags, std::string_view f) {
  while (!flags.empty()) {
    size_t c = flags.find(',');
    std::string_view item = Trim(flags.substr(0, c));
    if (item == f) return true;
    if (c == std::string_view::npos) break;
    flags.remove_prefix(c + 1);
  }
  return false;
}

}  // namespace

int GazetteerProminence(const Gazetteer::Row& p) {
  if (p.feature == PlaceFeature::kCountry) return 90;
  if (p.source == PlaceSource::kCountries) return 70;  // a capital row
  int score;
  if (p.population > 0) {
    score = static_cast<int>(10.0 * std::log10(static_cast<double>(p.population)));
    if (p.feature == PlaceFeature::kRegion) score -= 15;
  } else if (p.source == PlaceSource::kGenerated) {
    score = p.feature == PlaceFeature::kRegion ? 38 : p.seat ? 45 : 30;
  } else {
    score = p.feature == PlaceFeature::kCity ? 45 : 50;
  }
  if (p.is_capital) score = std::max(score + 10, 70);
  return score;
}

namespace {

// Same place told twice: lower-priority namesakes within this many degrees
// are hidden.
double HideRadius(PlaceFeature f) {
  return (f == PlaceFeature::kCity || f == PlaceFeature::kSite) ? 0.5 : 3.0;
}

}  // namespace

const char* PlaceFeatureName(PlaceFeature f) {
  switch (f) {
    case PlaceFeature::kCountry: return "country";
    case PlaceFeature::kRegion: return "region";
    case PlaceFeature::kCity: return "city";
    case PlaceFeature::kSite: return "site";
  }
  return "";
}

std::string Place::Rule() const {
  // The file name, a colon and the line's digits, written on the stack
  // and then copied by one allocation of the right size (no appends).
  const std::string_view file = SourceFile(source);
  char buf[64];  // the longest name (25 bytes), ':' and 10 digits fit
  std::memcpy(buf, file.data(), file.size());
  buf[file.size()] = ':';
  const char* end = std::to_chars(buf + file.size() + 1, buf + sizeof(buf), line).ptr;  // a uint32_t always fits
  return std::string(buf, static_cast<size_t>(end - buf));
}

Gazetteer::~Gazetteer() = default;

uint64_t Gazetteer::NextSerial() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

std::string Gazetteer::Key(std::string_view name) {
  // Plain ASCII without quotes or dashes needs no Unicode work.
  bool plain = true;
  for (char c : name)
    if (static_cast<unsigned char>(c) >= 0x80 || c == '`') { plain = false; break; }
  std::string folded;
  if (plain) {
    folded.assign(name);
    for (char& c : folded)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  } else {
    folded = FoldKey(name);
  }
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

void Gazetteer::AddName(std::string_view name, uint32_t place, bool exact_case) {
  name = Trim(name);
  if (name.empty()) return;
  std::string key;
  if (exact_case) {
    key = "\x01";  // the raw spelling with single spaces, case kept
    bool space = false;
    for (char c : name) {
      if (c == ' ') { space = true; continue; }
      if (space && key.size() > 1) key.push_back(' ');
      space = false;
      key.push_back(c);
    }
  } else {
    key = Key(name);
  }
  if (key.empty() || key.size() > 0xFFFF) return;
  if (exact_case) {
    exact_max_len_ = std::max(exact_max_len_, key.size());
    for (size_t k = 1; k < key.size(); ++k) exact_byte_[static_cast<unsigned char>(key[k])] = true;
  }
  int words = 1 + static_cast<int>(std::count(key.begin(), key.end(), ' '));
  max_words_ = std::max(max_words_, std::min(words, 8));
  longest_words_ = std::max(longest_words_, words);
  draft_.index.push_back(Entry{static_cast<uint32_t>(draft_.keys.size()), place, static_cast<uint16_t>(key.size())});
  draft_.keys += key;
}

namespace {

// Calls fn(line_no, line) for each line of `bytes` that is not blank or a
// '#' comment; every row fn rejects is reported (one per line of the
// returned message), so `parley dict check` lists them all.
template <typename Fn>
Status ForEachRow(std::string_view all, Fn fn) {
  std::string errors;
  uint32_t line_no = 0;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    std::string_view line = all.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (Trim(line).empty() || line.front() == '#') continue;
    Status st = fn(line_no, line);
    if (!st.ok()) errors += (errors.empty() ? "" : "\n") + st.message();
  }
  return errors.empty() ? Status::OK() : Status::InvalidInput(errors);
}

// Calls fn(item) for each item of a '|'-separated list.
template <typename Fn>
void ForEachItem(std::string_view list, Fn fn) {
  while (!list.empty()) {
    size_t bar = list.find('|');
    fn(list.substr(0, bar));
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
}

}  // namespace

Status Gazetteer::ParseCountries(const std::string& bytes, const std::string& path) {
  // iso3 cameo iso2 fips name aliases demonyms capital lat lon capital_lat capital_lon
  return ForEachRow(bytes, [&](uint32_t line_no, std::string_view line) -> Status {
    std::string_view f[12];
    size_t n = SplitTabs(line, f, 12);
    if (f[0] == "iso3") return Status::OK();  // a header row
    auto where = [&](const std::string& what) {
      return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": " + what);
    };
    if (n < 10) return where("expected 12 columns, found " + std::to_string(n));
    Row c;
    c.country = Trim(f[0]);
    if (c.country.size() != 3) return where("iso3 '" + std::string(c.country) + "' is not three letters");
    c.name = Trim(f[4]);
    if (c.name.empty()) return where("empty name");
    if (!ParseDouble(f[8], &c.lat) || !ParseDouble(f[9], &c.lon))
      return where("bad lat/lon '" + std::string(f[8]) + "' '" + std::string(f[9]) + "'");
    c.feature = PlaceFeature::kCountry;
    c.source = PlaceSource::kCountries;
    c.line = line_no;
    c.prominence = static_cast<int16_t>(GazetteerProminence(c));
    uint32_t id = static_cast<uint32_t>(draft_.places.size());
    draft_.places.push_back(c);
    draft_.countries.emplace_back(c.country, id);
    AddName(c.name, id, false);
    ForEachItem(f[5], [&](std::string_view item) {
      std::string_view a = Trim(item);
      AddName(a, id, AllCapsAlias(a));
    });
    // The capital column is a list of spellings; the first is the name.
    std::string_view capitals = Trim(f[7]);
    std::string_view capital = Trim(capitals.substr(0, capitals.find('|')));
    if (!capital.empty()) {
      Row cap;
      cap.name = capital;
      cap.country = c.country;
      if (!ParseDouble(f[10], &cap.lat) || !ParseDouble(f[11], &cap.lon)) {
        cap.lat = c.lat;
        cap.lon = c.lon;
      }
      cap.feature = PlaceFeature::kCity;
      cap.source = PlaceSource::kCountries;
      cap.is_capital = true;
      cap.line = line_no;
      cap.prominence = static_cast<int16_t>(GazetteerProminence(cap));
      uint32_t cid = static_cast<uint32_t>(draft_.places.size());
      draft_.places.push_back(cap);
      ForEachItem(capitals, [&](std::string_view item) { AddName(Trim(item), cid, false); });
    }
    return Status::OK();
  });
}

Status Gazetteer::ParsePlaces(const std::string& bytes, PlaceSource source, const std::string& path) {
  // name aliases country feature lat lon population admin1 flags
  return ForEachRow(bytes, [&](uint32_t line_no, std::string_view line) -> Status {
    std::string_view f[9];
    size_t n = SplitTabs(line, f, 9);
    auto where = [&](const std::string& what) {
      return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": " + what);
    };
    if (n < 6) return where("expected at least 6 columns (name aliases country feature lat lon), found " +
                            std::to_string(n));
    Row p;
    p.name = Trim(f[0]);
    if (p.name.empty()) return where("empty name");
    p.country = Trim(f[2]);
    if (!p.country.empty() && p.country.size() != 3)
      return where("country '" + std::string(p.country) + "' is not an ISO alpha-3 code");
    std::string_view feature = Trim(f[3]);
    if (feature == "country") p.feature = PlaceFeature::kCountry;
    else if (feature == "region") p.feature = PlaceFeature::kRegion;
    else if (feature == "city") p.feature = PlaceFeature::kCity;
    else if (feature == "site") p.feature = PlaceFeature::kSite;
    else return where("feature '" + std::string(feature) + "' is not country, region, city or site");
    if (!ParseDouble(f[4], &p.lat) || p.lat < -90 || p.lat > 90) return where("bad latitude '" + std::string(f[4]) + "'");
    if (!ParseDouble(f[5], &p.lon) || p.lon < -180 || p.lon > 180)
      return where("bad longitude '" + std::string(f[5]) + "'");
    std::string_view pop = Trim(f[6]);
    if (!pop.empty()) {
      auto r = std::from_chars(pop.data(), pop.data() + pop.size(), p.population);
      if (r.ec != std::errc() || r.ptr != pop.data() + pop.size() || p.population < 0)
        return where("bad population '" + std::string(pop) + "'");
    }
    p.admin1 = Trim(f[7]);
    p.is_capital = HasFlag(f[8], "capital");
    p.seat = HasFlag(f[8], "seat");
    p.common_word = HasFlag(f[8], "common");
    p.source = source;
    p.line = line_no;
    p.prominence = static_cast<int16_t>(GazetteerProminence(p));
    uint32_t id = static_cast<uint32_t>(draft_.places.size());
    draft_.places.push_back(p);
    AddName(p.name, id, false);
    ForEachItem(f[1], [&](std::string_view item) { AddName(item, id, false); });
    return Status::OK();
  });
}

void Gazetteer::BuildFirstWords() {
  // Every name counts, hidden namesakes included.
  struct Item {
    std::string_view word;
    uint32_t hash;
    int words;
  };
  std::vector<Item> items;
  items.reserve(draft_.index.size());
  std::vector<std::string> exact;  // folded first words of capitals-only aliases
  for (const Entry& e : draft_.index) {
    std::string_view key = DraftKey(e);
    int words = std::min(1 + static_cast<int>(std::count(key.begin(), key.end(), ' ')), 8);
    std::string_view w;
    if (key[0] == '\x01') {
      exact.push_back(Key(key.substr(1)));
      continue;
    }
    w = FirstWord(key);
    items.push_back(Item{w, HashKey(w), words});
  }
  size_t k = 0;
  for (const Entry& e : draft_.index) {
    std::string_view key = DraftKey(e);
    if (key[0] != '\x01') continue;
    int words = std::min(1 + static_cast<int>(std::count(key.begin(), key.end(), ' ')), 8);
    std::string_view w = FirstWord(exact[k++]);
    items.push_back(Item{w, HashKey(w), words});
  }
  // Sized by distinct words (many names share a first word): a smaller
  // table stays in cache.
  std::unordered_set<std::string_view> distinct;
  for (const Item& it : items) distinct.insert(it.word);
  size_t cap = 16;
  while (cap < distinct.size() * 2) cap *= 2;
  draft_.first_slots.assign(cap, FirstWordSlot{});
  draft_.first_words.clear();
  const uint32_t mask = static_cast<uint32_t>(cap - 1);
  for (const Item& it : items) {
    if (it.word.size() >= 0xFFFF) continue;
    for (uint32_t h = it.hash & mask;; h = (h + 1) & mask) {
      FirstWordSlot& s = draft_.first_slots[h];
      if (s.len == 0xFFFF) {
        s.off = static_cast<uint32_t>(draft_.first_words.size());
        s.len = static_cast<uint16_t>(it.word.size());
        s.max_words = static_cast<uint8_t>(it.words);
        s.tag = static_cast<uint8_t>(it.hash >> 24);
        draft_.first_words.append(it.word);
        break;
      }
      if (s.len == it.word.size() && std::string_view(draft_.first_words).substr(s.off, s.len) == it.word) {
        s.max_words = static_cast<uint8_t>(std::max<int>(s.max_words, it.words));
        break;
      }
    }
  }
}

// A hand-kept city or site (places.tsv, a capital row of countries.tsv)
// has no first-level division of its own: it takes that of the nearest
// generated place of its country with one, within about 30 km ("Tehran"
// gets GeoNames' IR.26), so that GDELT's ADM1Code can be filled for it.
void Gazetteer::BorrowAdmin1() {
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_country;
  for (uint32_t i = 0; i < draft_.places.size(); ++i) {
    const Row& p = draft_.places[i];
    if (p.source == PlaceSource::kGenerated && !p.admin1.empty() && p.feature != PlaceFeature::kRegion)
      by_country[p.country].push_back(i);
  }
  constexpr double kMaxDeg = 0.3;
  for (Row& p : draft_.places) {
    if (p.source == PlaceSource::kGenerated || !p.admin1.empty() || p.country.empty() ||
        (p.feature != PlaceFeature::kCity && p.feature != PlaceFeature::kSite))
      continue;
    auto it = by_country.find(p.country);
    if (it == by_country.end()) continue;
    const double scale = std::cos(p.lat * 3.14159265358979323846 / 180.0);
    double best = kMaxDeg * kMaxDeg;
    const Row* near = nullptr;
    for (uint32_t i : it->second) {
      const Row& g = draft_.places[i];
      const double dy = g.lat - p.lat, dx = (g.lon - p.lon) * scale;
      const double d = dx * dx + dy * dy;
      if (d < best) {
        best = d;
        near = &g;
      }
    }
    if (near) p.admin1 = near->admin1;
  }
}

void Gazetteer::Finish() {
  BorrowAdmin1();
  BuildFirstWords();
  // Sort by key, then by source priority (to hide namesakes), then prominence.
  auto by_key_source = [this](const Entry& a, const Entry& b) {
    int c = DraftKey(a).compare(DraftKey(b));
    if (c != 0) return c < 0;
    const Row& pa = draft_.places[a.place];
    const Row& pb = draft_.places[b.place];
    if (pa.source != pb.source) return pa.source < pb.source;
    if (pa.prominence != pb.prominence) return pa.prominence > pb.prominence;
    return a.place < b.place;
  };
  {
    // The same order, faster: the first 8 bytes of each key as a big-endian
    // number decide most comparisons without touching the key bytes.
    struct Item {
      uint64_t prefix;
      Entry e;
    };
    std::vector<Item> items;
    items.reserve(draft_.index.size());
    for (const Entry& e : draft_.index) {
      std::string_view k = DraftKey(e);
      uint64_t p = 0;
      for (size_t i = 0; i < 8; ++i) p = (p << 8) | (i < k.size() ? static_cast<unsigned char>(k[i]) : 0u);
      items.push_back(Item{p, e});
    }
    std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
      if (a.prefix != b.prefix) return a.prefix < b.prefix;
      return by_key_source(a.e, b.e);
    });
    for (size_t i = 0; i < items.size(); ++i) draft_.index[i] = items[i].e;
  }
  // Hide lower-priority namesakes of the same place: the name, not the
  // place (the hand row "England" hides the alias "England" of the United
  // Kingdom, which keeps its other names).
  std::vector<char> hidden(draft_.index.size(), 0);
  for (size_t i = 0; i < draft_.index.size();) {
    size_t j = i + 1;
    while (j < draft_.index.size() && DraftKey(draft_.index[j]) == DraftKey(draft_.index[i])) ++j;
    for (size_t a = i; a < j; ++a) {
      if (hidden[a]) continue;
      const Row& pa = draft_.places[draft_.index[a].place];
      for (size_t b = a + 1; b < j; ++b) {
        const Row& pb = draft_.places[draft_.index[b].place];
        if (pb.source <= pa.source || draft_.index[a].place == draft_.index[b].place) continue;
        double r = std::max(HideRadius(pa.feature), HideRadius(pb.feature));
        if (std::fabs(pa.lat - pb.lat) <= r && std::fabs(pa.lon - pb.lon) <= r) hidden[b] = 1;
      }
    }
    i = j;
  }
  {
    size_t w = 0;
    for (size_t k = 0; k < draft_.index.size(); ++k)
      if (!hidden[k]) draft_.index[w++] = draft_.index[k];
    draft_.index.resize(w);
  }
  // Final order: key, then prominence (most prominent first); the groups
  // are small.
  for (size_t i = 0; i < draft_.index.size();) {
    size_t j = i + 1;
    while (j < draft_.index.size() && DraftKey(draft_.index[j]) == DraftKey(draft_.index[i])) ++j;
    if (j - i > 1)
      std::stable_sort(draft_.index.begin() + i, draft_.index.begin() + j, [this](const Entry& a, const Entry& b) {
        return draft_.places[a.place].prominence > draft_.places[b.place].prominence;
      });
    i = j;
  }
  // Drop exact duplicates (a name listed again as its own alias): a group
  // then lists each place once (entries of one place sort together), which
  // LookupKey relies on.
  draft_.index.erase(std::unique(draft_.index.begin(), draft_.index.end(),
                           [this](const Entry& a, const Entry& b) { return a.place == b.place && DraftKey(a) == DraftKey(b); }),
               draft_.index.end());
  draft_.index.shrink_to_fit();
  // The entries of one key point at the same bytes (the first's), so that
  // LookupKey finds the end of a group by comparing offsets, not keys.
  for (size_t i = 0; i < draft_.index.size();) {
    size_t j = i + 1;
    for (; j < draft_.index.size() && DraftKey(draft_.index[j]) == DraftKey(draft_.index[i]); ++j)
      draft_.index[j].key_off = draft_.index[i].key_off;
    i = j;
  }
  std::vector<char> found(draft_.places.size(), 0);
  for (const Entry& e : draft_.index) found[e.place] = 1;
  visible_ = static_cast<size_t>(std::count(found.begin(), found.end(), 1));
  std::sort(draft_.countries.begin(), draft_.countries.end());
  // Hash index: one slot per key group, load factor <= 1/2.
  size_t groups = 0;
  for (size_t i = 0; i < draft_.index.size(); ++i)
    if (i == 0 || DraftKey(draft_.index[i]) != DraftKey(draft_.index[i - 1])) ++groups;
  size_t cap = 16;
  while (cap < groups * 2) cap *= 2;
  draft_.slots.assign(cap, GroupSlot{});
  const uint32_t mask = static_cast<uint32_t>(cap - 1);
  for (size_t i = 0; i < draft_.index.size(); ++i) {
    if (i > 0 && DraftKey(draft_.index[i]) == DraftKey(draft_.index[i - 1])) continue;
    const uint32_t hash = HashKey(DraftKey(draft_.index[i]));
    uint32_t h = hash & mask;
    while (draft_.slots[h].pos != kNoSlot) h = (h + 1) & mask;
    draft_.slots[h] = GroupSlot{hash, static_cast<uint32_t>(i)};
  }
  BuildPairBits();
}

void Gazetteer::BuildPairBits() {
  // A capitals-only alias with a space would match text of two words by
  // its raw spelling, which the folded words do not tell: no filter then.
  draft_.pair_bits.clear();
  if (exact_byte_[static_cast<unsigned char>(' ')]) return;
  size_t pairs = 0;
  for (const Entry& e : draft_.index)
    if (DraftKey(e).find(' ') != std::string_view::npos) ++pairs;
  // About 16 bits per pair: a few percent of misses get through.
  size_t bits = 1024;
  while (bits < pairs * 16) bits *= 2;
  draft_.pair_bits.assign(bits / 64, 0);
  for (const Entry& e : draft_.index) {
    const std::string_view key = DraftKey(e);
    if (key[0] == '\x01') continue;  // capitals-only: matched by raw text, one word (above)
    const size_t sp1 = key.find(' ');
    if (sp1 == std::string_view::npos) continue;
    const size_t sp2 = key.find(' ', sp1 + 1);
    const std::string_view w1 = key.substr(0, sp1);
    const std::string_view w2 = key.substr(sp1 + 1, sp2 == std::string_view::npos ? std::string_view::npos : sp2 - sp1 - 1);
    const uint64_t bit = PairBit(HashKey(w1), HashKey(w2), bits);
    draft_.pair_bits[bit / 64] |= uint64_t{1} << (bit % 64);
  }
}

size_t Gazetteer::FindGroup(std::string_view k, uint32_t hash) const {
  assert(hash == HashKey(k));
  if (slots_.empty()) return index_.size();
  const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
  for (uint32_t h = hash & mask;; h = (h + 1) & mask) {
    const GroupSlot& s = slots_[h];
    if (s.pos == kNoSlot) return index_.size();
    if (s.hash == hash && KeyOf(index_[s.pos]) == k) return s.pos;
  }
}

Status Gazetteer::ReadSources(const std::filesystem::path& data_dir, Sources* src) {
  for (auto& f : src->files) f = std::make_unique<std::string>();
  Status s = ReadFile(data_dir / "countries.tsv", src->files[0].get());
  if (!s.ok()) return s;
  s = ReadFile(data_dir / "places.tsv", src->files[1].get());
  if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  s = ReadFile(data_dir / "generated" / "cities.tsv", src->files[2].get());
  if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  return Status::OK();
}

Status Gazetteer::Build(const std::filesystem::path& data_dir, Sources src, std::unique_ptr<Gazetteer>* out) {
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  auto& countries = src.files[0];
  auto& places = src.files[1];
  auto& generated = src.files[2];
  g->has_generated_ = !generated->empty();

  size_t approx = generated->size() / 45 + places->size() / 40 + countries->size() / 50;
  g->draft_.places.reserve(approx);
  g->draft_.index.reserve(approx + approx / 8);
  g->draft_.keys.reserve(generated->size() / 4 + places->size() / 2 + countries->size());

  // Every malformed row of every file, named by its real path.
  std::string errors;
  auto note = [&](const Status& st) {
    if (!st.ok()) errors += (errors.empty() ? "" : "\n") + st.message();
  };
  note(g->ParseCountries(*countries, (data_dir / "countries.tsv").string()));
  note(g->ParsePlaces(*places, PlaceSource::kPlaces, (data_dir / "places.tsv").string()));
  note(g->ParsePlaces(*generated, PlaceSource::kGenerated, (data_dir / "generated" / "cities.tsv").string()));
  if (!errors.empty()) return Status::InvalidInput(errors);
  g->draft_.files.push_back(std::move(countries));
  g->draft_.files.push_back(std::move(places));
  g->draft_.files.push_back(std::move(generated));
  g->Finish();
  // Laid out as an image and read from it like one; the draft goes.
  auto bytes = std::make_shared<std::string>(g->Serialize());
  g->draft_ = Draft{};
  const std::string_view view(*bytes);
  if (!g->Attach(view, std::move(bytes))) return Status::Corrupt("gazetteer: the tables built from the text do not read back");
  *out = std::move(g);
  return Status::OK();
}

Status Gazetteer::Load(const std::filesystem::path& data_dir, std::unique_ptr<Gazetteer>* out) {
  Sources src;
  Status s = ReadSources(data_dir, &src);
  if (!s.ok()) return s;
  return Build(data_dir, std::move(src), out);
}

std::vector<const Place*> Gazetteer::LookupKey(std::string_view key, std::string_view text) const {
  std::vector<const Place*> out;
  LookupKey(key, text, &out);
  return out;
}

void Gazetteer::LookupKey(std::string_view key, std::string_view text, std::vector<const Place*>* found) const {
  LookupKey(key, HashKey(key), text, found);
}

void Gazetteer::LookupKey(std::string_view key, uint32_t key_hash, std::string_view text,
                          std::vector<const Place*>* found) const {
  LookupGroup(KeyGroup(key, key_hash), text, found);
}

void Gazetteer::LookupGroup(uint32_t group, std::string_view text, std::vector<const Place*>* found) const {
  std::vector<const Place*>& out = *found;
  out.clear();
  // The key's own group lists each place once (Finish drops an entry
  // repeated within a group), so its places are taken as they come; only
  // a capitals-only alias's group, below, can repeat one of them.
  // FindGroup compared the first entry's key; the others of the group
  // share its bytes (Finish), so the group ends at the first entry that
  // does not.
  if (const size_t first = group; first < index_.size()) {
    const uint32_t off = index_[first].key_off;
    const uint16_t len = index_[first].key_len;
    for (size_t i = first; i < index_.size() && index_[i].key_off == off && index_[i].key_len == len; ++i)
      out.push_back(&places_[index_[i].place]);
  }
  // Capitals-only aliases: the raw spelling with single spaces. Most text
  // starts with a byte no such alias has ("Kyiv"): known here, so that the
  // rest (out of line) is not even called.
  if (text.empty() || exact_max_len_ < 2) return;
  // Such an alias has no lower-case letter: most text is ruled out by its
  // second byte, here, so that the rest (out of line) is seldom called.
  size_t bytes = 0;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
    if (!exact_byte_[static_cast<unsigned char>(c)] || ++bytes >= exact_max_len_) return;
  }
  AddExactAliases(text, &out);
}

void Gazetteer::AddExactAliases(std::string_view text, std::vector<const Place*>* found) const {
  std::vector<const Place*>& out = *found;
  // A place is listed once. A few places found are compared with each
  // other; past kFew, a mark per place (this lookup's number) answers at
  // once, so a name with hundreds of namesakes costs linear time.
  constexpr size_t kFew = 16;
  struct Seen {
    std::vector<uint32_t> mark;  // per place: the lookup that last listed it
    uint32_t lookup = 0;
  };
  thread_local Seen seen;
  bool marking = false;
  auto start_marking = [&] {
    if (seen.mark.size() < places_.size()) seen.mark.resize(places_.size(), 0);
    if (++seen.lookup == 0) {  // wrapped: old marks could match
      std::fill(seen.mark.begin(), seen.mark.end(), 0);
      seen.lookup = 1;
    }
    for (const Place* q : out) seen.mark[static_cast<size_t>(q - places_.data())] = seen.lookup;
    marking = true;
  };
  // The entries of a key's group, in place: the group ends at the first
  // entry whose key differs (same length and bytes is the same key).
  auto collect = [&](std::string_view k, uint32_t hash) {
    for (size_t i = FindGroup(k, hash); i < index_.size(); ++i) {
      const Entry& e = index_[i];
      if (e.key_len != k.size() || !SameBytes(keys_.data() + e.key_off, k.data(), k.size())) break;
      const Place* p = &places_[e.place];
      if (!marking && out.size() >= kFew) start_marking();
      if (marking) {
        if (seen.mark[e.place] == seen.lookup) continue;
        seen.mark[e.place] = seen.lookup;
      } else if (std::find(out.begin(), out.end(), p) != out.end()) {
        continue;
      }
      out.push_back(p);
    }
  };
  // The raw spelling with single spaces. Most text has a byte no such
  // alias has or is longer than the longest: both known before a byte is
  // copied.
  char stack[128];
  std::string heap;
  char* buf = stack;
  if (text.size() + 1 > sizeof(stack)) {
    heap.resize(text.size() + 1);
    buf = heap.data();
  }
  size_t len = 0;
  buf[len++] = '\x01';
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') { space = true; continue; }
    if (space && len > 1) {
      if (!exact_byte_[static_cast<unsigned char>(' ')]) return;
      buf[len++] = ' ';
    }
    space = false;
    if (!exact_byte_[static_cast<unsigned char>(c)] || len >= exact_max_len_) return;
    buf[len++] = c;
  }
  std::string_view exact(buf, len);
  if (exact.size() > 1 && exact.size() <= exact_max_len_) {
    size_t before = out.size();
    collect(exact, HashKey(exact));
    if (out.size() != before)
      std::stable_sort(out.begin(), out.end(), [](const Place* a, const Place* b) { return a->prominence > b->prominence; });
  }
}

std::vector<const Place*> Gazetteer::Lookup(std::string_view text) const { return LookupKey(Key(text), text); }

bool Gazetteer::HasPrefix(std::string_view key) const {
  std::string k(key);
  k.push_back(' ');
  auto lo = std::lower_bound(index_.begin(), index_.end(), std::string_view(k),
                             [this](const Entry& e, std::string_view v) { return KeyOf(e) < v; });
  return lo != index_.end() && KeyOf(*lo).substr(0, k.size()) == k;
}

const Place* Gazetteer::Country(std::string_view iso3) const {
  auto it = std::lower_bound(countries_.begin(), countries_.end(), iso3,
                             [this](uint32_t place, std::string_view v) { return places_[place].country() < v; });
  if (it == countries_.end() || places_[*it].country() != iso3) return nullptr;
  return &places_[*it];
}

size_t Gazetteer::MemoryBytes() const { return sizeof(*this) + image_.size(); }

}  // namespace parley
