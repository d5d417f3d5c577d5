// The Store over an SqlDb: schema, ingest, merge upkeep, queries.
// Tested by tests/store_test.cc (SQLite always, PostgreSQL with PARLEY_TEST_PG).
//
// Ingest writes a batch of articles in one write transaction: look up the
// stored versions of their doc_ids; skip those unchanged (same text hash and
// annotation hash); delete the rows of those that changed, remembering which
// merge groups and days their events touched; insert the new rows with ids
// from the `counters` table; then recompute the merged events of every touched
// group (merge.h) and commit. A failure rolls the whole batch back, and the
// batch is retried one article per transaction so that only the bad article
// is lost. Ids are allocated under the writer lock, never by the database, so
// both back ends write identical rows.
#include <algorithm>
#include <climits>
#include <cstring>
#include <ctime>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "store/merge.h"
#include "store/sql.h"

namespace parley {
namespace store {
namespace {

constexpr int64_t kSchemaVersion = 2;

// {ID} is the primary key spelling of each back end.
const char* const kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id {ID}, doc_id TEXT NOT NULL UNIQUE, text_hash TEXT NOT NULL, doc_hash TEXT NOT NULL,
  publish_date TEXT, title TEXT, url TEXT, source TEXT, outlet TEXT NOT NULL,
  text TEXT, sentences TEXT, num_events BIGINT NOT NULL, added_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  id {ID}, article_id BIGINT NOT NULL, ord INTEGER NOT NULL, event_id TEXT NOT NULL,
  sentence INTEGER NOT NULL, span_begin INTEGER NOT NULL, span_end INTEGER NOT NULL, evidence TEXT NOT NULL,
  source_present INTEGER NOT NULL, source_code TEXT NOT NULL, source_country TEXT, source_role TEXT,
  source_entity TEXT, source_text TEXT, source_name TEXT,
  target_present INTEGER NOT NULL, target_code TEXT NOT NULL, target_country TEXT, target_role TEXT,
  target_entity TEXT, target_text TEXT, target_name TEXT,
  cameo TEXT NOT NULL, cameo_root TEXT NOT NULL, base_code TEXT NOT NULL, quad_class INTEGER NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL, plover TEXT, negated INTEGER NOT NULL, status TEXT NOT NULL,
  event_date TEXT, date_basis TEXT, date_precision TEXT, day BIGINT,
  has_location INTEGER NOT NULL, loc_name TEXT, loc_country TEXT, loc_lat DOUBLE PRECISION,
  loc_lon DOUBLE PRECISION, loc_feature TEXT, loc_admin1 TEXT, location_basis TEXT,
  merge_key TEXT NOT NULL, merge_day BIGINT NOT NULL, quote_id TEXT, rule TEXT);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
CREATE INDEX IF NOT EXISTS events_merge ON events (merge_key, merge_day);
CREATE INDEX IF NOT EXISTS events_target ON events (target_code);
CREATE INDEX IF NOT EXISTS events_day ON events (day);
CREATE INDEX IF NOT EXISTS events_cameo ON events (cameo);
CREATE INDEX IF NOT EXISTS events_loc_country ON events (loc_country);
CREATE TABLE IF NOT EXISTS entities (
  article_id BIGINT NOT NULL, ord INTEGER NOT NULL, entity_id TEXT NOT NULL, name TEXT NOT NULL,
  ent_type TEXT NOT NULL, country TEXT, role TEXT, code TEXT, mentions TEXT NOT NULL,
  lat DOUBLE PRECISION, lon DOUBLE PRECISION, feature TEXT, country_basis TEXT,
  PRIMARY KEY (article_id, ord)){NOROWID};
CREATE INDEX IF NOT EXISTS entities_code ON entities (code);
CREATE TABLE IF NOT EXISTS quotes (
  article_id BIGINT NOT NULL, ord INTEGER NOT NULL, quote_id TEXT NOT NULL, speaker TEXT,
  speaker_entity TEXT, speaker_code TEXT, quote_text TEXT NOT NULL, span_begin INTEGER NOT NULL,
  span_end INTEGER NOT NULL, PRIMARY KEY (article_id, ord)){NOROWID};
CREATE TABLE IF NOT EXISTS counts (
  article_id BIGINT NOT NULL, ord INTEGER NOT NULL, number DOUBLE PRECISION NOT NULL, what TEXT,
  qualifier TEXT, span_begin INTEGER NOT NULL, span_end INTEGER NOT NULL, PRIMARY KEY (article_id, ord)){NOROWID};
CREATE TABLE IF NOT EXISTS merged_events (
  id {ID}, merge_key TEXT NOT NULL, merge_day BIGINT NOT NULL,
  source_code TEXT NOT NULL, source_country TEXT, source_role TEXT, source_name TEXT,
  target_code TEXT NOT NULL, target_country TEXT, target_role TEXT, target_name TEXT,
  cameo TEXT NOT NULL, cameo_root TEXT NOT NULL, base_code TEXT NOT NULL, quad_class INTEGER NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL, plover TEXT, status TEXT NOT NULL, negated INTEGER NOT NULL,
  date_precision TEXT, day BIGINT, day_last BIGINT,
  is_root INTEGER NOT NULL, has_location INTEGER NOT NULL, loc_name TEXT, loc_country TEXT,
  loc_lat DOUBLE PRECISION, loc_lon DOUBLE PRECISION, loc_feature TEXT, loc_admin1 TEXT, location_basis TEXT,
  num_mentions BIGINT NOT NULL, num_articles BIGINT NOT NULL, num_sources BIGINT NOT NULL,
  first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, source_url TEXT, anchor_event BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS merged_day ON merged_events (day);
CREATE INDEX IF NOT EXISTS merged_source ON merged_events (source_code);
CREATE INDEX IF NOT EXISTS merged_target ON merged_events (target_code);
CREATE INDEX IF NOT EXISTS merged_cameo ON merged_events (cameo);
CREATE INDEX IF NOT EXISTS merged_loc_country ON merged_events (loc_country);
CREATE TABLE IF NOT EXISTS merged_links (
  event_id BIGINT PRIMARY KEY, merged_id BIGINT NOT NULL, reason TEXT NOT NULL){NOROWID};
CREATE INDEX IF NOT EXISTS merged_links_merged ON merged_links (merged_id);
)SQL";

const std::vector<std::string> kArticleCols = {
    "id", "doc_id", "text_hash", "doc_hash", "publish_date", "title", "url", "source", "outlet",
    "text", "sentences", "num_events", "added_at"};

// Order matters: EventRow() builds and RawRecord() reads rows in this order.
const std::vector<std::string> kEventCols = {
    "id", "article_id", "ord", "event_id", "sentence", "span_begin", "span_end", "evidence",
    "source_present", "source_code", "source_country", "source_role", "source_entity", "source_text", "source_name",
    "target_present", "target_code", "target_country", "target_role", "target_entity", "target_text", "target_name",
    "cameo", "cameo_root", "base_code", "quad_class", "goldstein", "plover", "negated", "status",
    "event_date", "date_basis", "date_precision", "day",
    "has_location", "loc_name", "loc_country", "loc_lat", "loc_lon", "loc_feature", "loc_admin1",
    "location_basis", "merge_key", "merge_day", "quote_id", "rule"};
enum EventCol {
  kEId, kEArticle, kEOrd, kEEventId, kESentence, kESpanBegin, kESpanEnd, kEEvidence,
  kESrcPresent, kESrcCode, kESrcCountry, kESrcRole, kESrcEntity, kESrcText, kESrcName,
  kETgtPresent, kETgtCode, kETgtCountry, kETgtRole, kETgtEntity, kETgtText, kETgtName,
  kECameo, kERoot, kEBase, kEQuad, kEGoldstein, kEPlover, kENegated, kEStatus,
  kEDate, kEDateBasis, kEDatePrecision, kEDay,
  kEHasLoc, kELocName, kELocCountry, kELocLat, kELocLon, kELocFeature, kELocAdmin1,
  kELocBasis, kEMergeKey, kEMergeDay, kEQuote, kERule, kEventColCount
};

const std::vector<std::string> kEntityCols = {"article_id", "ord", "entity_id", "name", "ent_type", "country",
                                              "role", "code", "mentions", "lat", "lon", "feature",
                                              "country_basis"};
const std::vector<std::string> kQuoteCols = {"article_id", "ord", "quote_id", "speaker", "speaker_entity",
                                             "speaker_code", "quote_text", "span_begin", "span_end"};
const std::vector<std::string> kCountCols = {"article_id", "ord", "number", "what", "qualifier", "span_begin",
                                             "span_end"};

const std::vector<std::string> kMergedCols = {
    "id", "merge_key", "merge_day", "source_code", "source_country", "source_role", "source_name",
    "target_code", "target_country", "target_role", "target_name",
    "cameo", "cameo_root", "base_code", "quad_class", "goldstein", "plover", "status", "negated",
    "date_precision", "day", "day_last", "is_root",
    "has_location", "loc_name", "loc_country", "loc_lat", "loc_lon", "loc_feature", "loc_admin1", "location_basis",
    "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen", "source_url", "anchor_event"};
enum MergedCol {
  kMId, kMKey, kMMergeDay, kMSrcCode, kMSrcCountry, kMSrcRole, kMSrcName, kMTgtCode, kMTgtCountry, kMTgtRole,
  kMTgtName, kMCameo, kMRoot, kMBase, kMQuad, kMGoldstein, kMPlover, kMStatus, kMNegated,
  kMPrecision, kMDay, kMDayLast, kMIsRoot,
  kMHasLoc, kMLocName, kMLocCountry, kMLocLat, kMLocLon, kMLocFeature, kMLocAdmin1, kMLocBasis,
  kMMentions, kMArticles, kMSources, kMFirstSeen, kMLastSeen, kMSourceUrl, kMAnchor, kMergedColCount
};

// Columns the merge reads for each event of a touched merge key.
const char* const kMergeSelect =
    "e.id, e.merge_day, a.doc_id, e.ord, e.merge_key, l.merged_id, m.num_mentions, "
    "e.source_code, e.target_code, e.base_code, "
    "e.source_country, e.source_role, e.source_name, e.target_country, e.target_role, e.target_name, "
    "e.cameo, e.cameo_root, e.quad_class, e.goldstein, e.plover, e.sentence, "
    "e.has_location, e.loc_name, e.loc_country, e.loc_lat, e.loc_lon, e.loc_feature, "
    "e.article_id, a.outlet, a.added_at, a.url, m.anchor_event, m.merge_day, "
    "e.day, e.status, e.negated, e.date_precision, e.loc_admin1, e.location_basis, l.reason";
enum MergeCol {
  kGId, kGMergeDay, kGDocId, kGOrd, kGKey, kGMerged, kGOldMentions, kGSrc, kGTgt, kGBase,
  kGSrcCountry, kGSrcRole, kGSrcName, kGTgtCountry, kGTgtRole, kGTgtName,
  kGCameo, kGRoot, kGQuad, kGGoldstein, kGPlover, kGSentence,
  kGHasLoc, kGLocName, kGLocCountry, kGLocLat, kGLocLon, kGLocFeature,
  kGArticle, kGOutlet, kGAddedAt, kGUrl, kGOldAnchor, kGOldAnchorDay,
  kGDay, kGStatus, kGNegated, kGPrecision, kGLocAdmin1, kGLocBasis, kGOldReason
};

// An event counts as a "root event" (GDELT's IsRootEvent) when it is told in
// the first sentences of the article: headline and lead.
constexpr uint32_t kRootSentences = 3;

std::string Join(const std::vector<std::string>& cols, const char* prefix) {
  std::string s;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i) s += ", ";
    s += prefix;
    s += cols[i];
  }
  return s;
}

SqlValue T(const std::string& s) { return SqlValue::Text(s); }
SqlValue TN(const std::string& s) { return SqlValue::TextOrNull(s); }
SqlValue I(int64_t v) { return SqlValue::Int(v); }
SqlValue R(double v) { return SqlValue::Real(v); }

std::string SpansJson(const std::vector<Span>& spans) {
  std::string s = "[";
  for (size_t i = 0; i < spans.size(); ++i) {
    if (i) s += ',';
    s += '[' + std::to_string(spans[i].begin) + ',' + std::to_string(spans[i].end) + ']';
  }
  return s + "]";
}

// --- validation -----------------------------------------------------------

bool ValidUtf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    // Skip ASCII eight bytes at a time: most text is ASCII.
    for (uint64_t w; i + 8 <= n; i += 8) {
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
    }
    if (i == n) break;
    unsigned char c = s[i];
    if (c < 0x80) { ++i; continue; }
    int len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

// A field the database must take as text: valid UTF-8, no NUL byte.
bool FieldOk(std::string_view s) { return s.find('\0') == std::string_view::npos && ValidUtf8(s); }

Status FieldError(std::string_view s, const std::string& what) {
  if (s.find('\0') != std::string_view::npos) return Status::InvalidInput(what + ": contains a NUL byte");
  return Status::InvalidInput(what + ": not valid UTF-8");
}

bool SpanOk(const Span& s, size_t size) { return s.begin <= s.end && s.end <= size; }

Status SpanError(const Span& s, size_t size, const std::string& what) {
  return Status::InvalidInput(what + ": span [" + std::to_string(s.begin) + ", " + std::to_string(s.end) +
                              ") is outside the text (" + std::to_string(size) + " bytes)");
}

Status Validate(const Document& d) {
  if (!d.error.empty()) return Status::InvalidInput("not stored: the article has an error: " + d.error);
  if (d.doc_id.empty()) return Status::InvalidInput("not stored: empty doc_id");
  const size_t size = d.text().size();
  Status s;
  // The item being checked, named ("doc: events[2].id") only in a message:
  // nearly every article passes, and most of ingest's time used to go into
  // building names nobody read.
  const char* list = nullptr;
  size_t index = 0;
  auto where = [&](std::string_view field) {
    std::string w = d.doc_id + ": ";
    if (list) w += std::string(list) + "[" + std::to_string(index) + "]";
    w += field;
    return w;
  };
  auto check = [&](std::string_view v, const char* field) {
    if (s.ok() && !FieldOk(v)) s = FieldError(v, where(field));
  };
  auto check_span = [&](const Span& sp, const char* field) {
    if (s.ok() && !SpanOk(sp, size)) s = SpanError(sp, size, where(field));
  };
  check(d.doc_id, "doc_id");
  if (d.title) check(*d.title, "title");
  if (d.url) check(*d.url, "url");
  if (d.source) check(*d.source, "source");
  // The text may hold NUL bytes only as the filler of a rebuilt text (output_reader.h).
  if (s.ok() && !ValidUtf8(d.text())) s = Status::InvalidInput(d.doc_id + ": text: not valid UTF-8");
  const int nent = static_cast<int>(d.entities.size()), nq = static_cast<int>(d.quotes.size());
  list = "sentences";
  for (index = 0; s.ok() && index < d.sentences.size(); ++index) check_span(d.sentences[index].span, "");
  list = "entities";
  for (index = 0; s.ok() && index < d.entities.size(); ++index) {
    const Entity& e = d.entities[index];
    check(e.id, ".id");
    check(e.name, ".name");
    check(e.country, ".country");
    check(e.role, ".role");
    check(e.code, ".code");
    check(e.feature, ".feature");
    check(e.country_basis, ".country_basis");
    for (const Span& m : e.mentions) check_span(m, ".mentions");
  }
  list = "events";
  for (index = 0; s.ok() && index < d.events.size(); ++index) {
    const Event& e = d.events[index];
    check_span(e.span, "");
    if (s.ok()) check(d.text(e.span), ".evidence");
    check(e.id, ".id");
    check(e.cameo, ".cameo");
    check(e.cameo_root, ".cameo_root");
    check(e.plover, ".plover");
    check(e.date_basis, ".date_basis");
    check(e.rule, ".rule");
    for (const auto* a : {&e.source, &e.target}) {
      if (!*a) continue;
      const Actor& ac = **a;
      check(ac.code, ".actor.code");
      check(ac.country, ".actor.country");
      check(ac.role, ".actor.role");
      check(ac.text, ".actor.text");
      if (s.ok() && (ac.entity < -1 || ac.entity >= nent))
        s = Status::InvalidInput(where(": actor entity index " + std::to_string(ac.entity) + " out of range"));
    }
    if (e.location) {
      check(e.location->name, ".location.name");
      check(e.location->country, ".location.country");
      check(e.location->feature, ".location.feature");
      check(e.location->admin1, ".location.admin1");
      check(e.location_basis, ".location_basis");
    }
    if (s.ok() && (e.quote < -1 || e.quote >= nq))
      s = Status::InvalidInput(where(": quote index " + std::to_string(e.quote) + " out of range"));
    if (s.ok() && e.cameo.empty()) s = Status::InvalidInput(where(": empty CAMEO code"));
  }
  list = "quotes";
  for (index = 0; s.ok() && index < d.quotes.size(); ++index) {
    const Quote& q = d.quotes[index];
    check_span(q.span, "");
    check(q.id, ".id");
    check(q.speaker, ".speaker");
    check(q.speaker_code, ".speaker_code");
    check(q.text, ".text");
    if (s.ok() && (q.speaker_entity < -1 || q.speaker_entity >= nent))
      s = Status::InvalidInput(where(": speaker entity index out of range"));
  }
  list = "counts";
  for (index = 0; s.ok() && index < d.counts.size(); ++index) {
    const Count& c = d.counts[index];
    check_span(c.span, "");
    check(c.what, ".what");
    check(c.qualifier, ".qualifier");
  }
  return s;
}

// --- hashing ---------------------------------------------------------------

// FNV-1a, 64 bits. Fields are length-prefixed so that ("ab","c") != ("a","bc").
class Hasher {
 public:
  void Bytes(const void* p, size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) h_ = (h_ ^ b[i]) * 1099511628211ULL;
  }
  void Int(int64_t v) { Bytes(&v, sizeof v); }
  void Real(double v) { Bytes(&v, sizeof v); }
  void Str(std::string_view s) {
    Int(static_cast<int64_t>(s.size()));
    Bytes(s.data(), s.size());
  }
  void Opt(const std::optional<std::string>& s) {
    Int(s ? 1 : 0);
    if (s) Str(*s);
  }
  void Spn(const Span& s) {
    Int(s.begin);
    Int(s.end);
  }
  std::string Hex() const {
    static const char* const kDigits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[i] = kDigits[(h_ >> (60 - 4 * i)) & 0xF];
    return out;
  }

 private:
  uint64_t h_ = 14695981039346656037ULL;
};

std::string TextHash(const std::string& text) {
  Hasher h;
  h.Str(text);
  return h.Hex();
}

std::string DocHash(const Document& d, const std::string& text_hash) {
  Hasher h;
  h.Str(text_hash);
  h.Str(d.publish_date.ToString());
  h.Opt(d.title);
  h.Opt(d.url);
  h.Opt(d.source);
  h.Int(static_cast<int64_t>(d.sentences.size()));
  for (auto& s : d.sentences) h.Spn(s.span);
  h.Int(static_cast<int64_t>(d.entities.size()));
  for (auto& e : d.entities) {
    for (auto* f : {&e.id, &e.name, &e.country, &e.role, &e.code, &e.feature, &e.country_basis}) h.Str(*f);
    h.Int(static_cast<int>(e.type));
    h.Int(e.lat ? 1 : 0);
    h.Real(e.lat.value_or(0));
    h.Int(e.lon ? 1 : 0);
    h.Real(e.lon.value_or(0));
    h.Int(static_cast<int64_t>(e.mentions.size()));
    for (auto& m : e.mentions) h.Spn(m);
  }
  h.Int(static_cast<int64_t>(d.events.size()));
  for (auto& e : d.events) {
    h.Str(e.id);
    h.Int(e.sentence);
    h.Spn(e.span);
    for (auto* a : {&e.source, &e.target}) {
      h.Int(a->has_value());
      if (!*a) continue;
      for (auto* f : {&(*a)->code, &(*a)->country, &(*a)->role, &(*a)->text}) h.Str(*f);
      h.Int((*a)->entity);
    }
    for (auto* f : {&e.cameo, &e.cameo_root, &e.plover, &e.date_basis, &e.rule}) h.Str(*f);
    h.Int(e.quad_class);
    h.Real(e.goldstein);
    h.Int(e.negated);
    h.Int(static_cast<int>(e.status));
    h.Str(e.date.ToString());
    h.Int(e.location.has_value());
    if (e.location) {
      for (auto* f : {&e.location->name, &e.location->country, &e.location->feature, &e.location->admin1}) h.Str(*f);
      h.Real(e.location->lat);
      h.Real(e.location->lon);
      h.Str(e.location_basis);
    }
    h.Int(e.quote);
  }
  h.Int(static_cast<int64_t>(d.quotes.size()));
  for (auto& q : d.quotes) {
    for (auto* f : {&q.id, &q.speaker, &q.speaker_code, &q.text}) h.Str(*f);
    h.Int(q.speaker_entity);
    h.Spn(q.span);
  }
  h.Int(static_cast<int64_t>(d.counts.size()));
  for (auto& c : d.counts) {
    h.Real(c.number);
    h.Str(c.what);
    h.Str(c.qualifier);
    h.Spn(c.span);
  }
  return h.Hex();
}

// --- rows ------------------------------------------------------------------

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return r;
}

std::string Upper(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return r;
}

int64_t DayOf(const Date& d) { return DaysFromCivil(d.year, d.month ? d.month : 1, d.day ? d.day : 1); }

// The event's date: its own (partial: counted as its first day), else the
// article's publish date; else none. Never the day it was stored.
struct EventWhen {
  bool dated = false;
  int64_t day = 0;
  Date date;
  std::string basis;
};
EventWhen WhenOf(const Document& doc, const Event& e) {
  EventWhen w;
  if (e.date.valid()) {
    w.date = e.date;
    w.basis = e.date_basis;
  } else if (doc.publish_date.valid()) {
    w.date = doc.publish_date;
    w.basis = "publish_date";
  } else {
    return w;
  }
  w.dated = true;
  w.day = DayOf(w.date);
  return w;
}

// What the merge key calls an actor: its country, else its code (IGOUNO).
std::string ActorKey(const std::optional<Actor>& a) {
  if (!a) return "";
  return a->country.empty() ? a->code : a->country;
}

std::string ActorName(const Document& doc, const Actor& a) {
  if (a.entity >= 0 && a.entity < static_cast<int>(doc.entities.size()) && !doc.entities[a.entity].name.empty())
    return doc.entities[a.entity].name;
  return a.text;
}

std::string EntityId(const Document& doc, int index) {
  if (index >= 0 && index < static_cast<int>(doc.entities.size())) return doc.entities[index].id;
  return "";
}

void ActorCols(const Document& doc, const std::optional<Actor>& a, SqlRow* row) {
  if (!a) {
    row->insert(row->end(), {I(0), T(""), SqlValue(), SqlValue(), SqlValue(), SqlValue(), SqlValue()});
    return;
  }
  row->insert(row->end(), {I(1), T(a->code), TN(a->country), TN(a->role), TN(EntityId(doc, a->entity)),
                           T(a->text), T(ActorName(doc, *a))});
}

SqlRow EventRow(const Document& doc, const Event& e, int64_t id, int64_t article_id, int ord, const EventWhen& when,
               const std::string& merge_key) {
  SqlRow r;
  r.reserve(kEventColCount);
  r.insert(r.end(), {I(id), I(article_id), I(ord), T(e.id), I(e.sentence), I(e.span.begin), I(e.span.end),
                     T(std::string(doc.text(e.span)))});
  ActorCols(doc, e.source, &r);
  ActorCols(doc, e.target, &r);
  std::string root = e.cameo_root.empty() ? e.cameo.substr(0, 2) : e.cameo_root;
  r.insert(r.end(), {T(e.cameo), T(root), T(BaseCode(e.cameo)), I(e.quad_class), R(e.goldstein), TN(e.plover),
                     I(e.negated ? 1 : 0), T(EventStatusName(e.status)), TN(when.date.ToString()),
                     when.dated ? TN(when.basis) : SqlValue(), TN(when.date.Precision()),
                     when.dated ? I(when.day) : SqlValue()});
  if (e.location) {
    const Location& l = *e.location;
    r.insert(r.end(), {I(1), T(l.name), TN(l.country), R(l.lat), R(l.lon), TN(l.feature), TN(l.admin1),
                       TN(e.location_basis)});
  } else {
    r.insert(r.end(), {I(0), SqlValue(), SqlValue(), SqlValue(), SqlValue(), SqlValue(), SqlValue(), SqlValue()});
  }
  r.insert(r.end(), {T(merge_key), I(when.dated ? when.day : 0)});
  std::string quote = (e.quote >= 0 && e.quote < static_cast<int>(doc.quotes.size())) ? doc.quotes[e.quote].id : "";
  r.insert(r.end(), {TN(quote), TN(e.rule)});
  return r;
}

// The outlet counted by NumSources: `source`, else the host of `url`, else "".
std::string OutletOf(const Document& d) {
  if (d.source && !d.source->empty()) return *d.source;
  if (!d.url) return "";
  std::string_view u = *d.url;
  size_t p = u.find("://");
  if (p == std::string_view::npos) return "";
  u.remove_prefix(p + 3);
  size_t end = u.find_first_of("/?#");
  if (end != std::string_view::npos) u = u.substr(0, end);
  size_t at = u.rfind('@');
  if (at != std::string_view::npos) u.remove_prefix(at + 1);
  size_t colon = u.find(':');
  if (colon != std::string_view::npos) u = u.substr(0, colon);
  std::string host = Lower(u);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

using GroupKey = std::string;  // a merge key
struct DayRange {
  int64_t lo, hi;
};
using Touched = std::map<GroupKey, DayRange>;

void Touch(Touched* t, GroupKey k, int64_t day) {
  auto [it, fresh] = t->emplace(std::move(k), DayRange{day, day});
  if (!fresh) {
    it->second.lo = std::min(it->second.lo, day);
    it->second.hi = std::max(it->second.hi, day);
  }
}

std::string LikePattern(std::string_view text) {
  std::string p = "%";
  for (char c : Lower(text)) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

// Sorts after every real day (year 275,000).
constexpr int64_t kNoDay = 99999999;

Date DateOfDay(int64_t day) {
  Date d;
  CivilFromDays(day, &d.year, &d.month, &d.day);
  return d;
}

// One merged_events row from its members (kMergeSelect rows, in merge order:
// day, doc_id, position).
SqlRow MergedRow(int64_t id, const std::string& key, const std::vector<const SqlRow*>& mem) {
  const SqlRow& first = *mem.front();
  auto first_nonempty = [&](int col) {
    for (const SqlRow* r : mem)
      if (!(*r)[col].is_null() && !(*r)[col].AsText().empty()) return (*r)[col];
    return SqlValue();
  };
  // The value most members have; ties go to the earliest.
  auto vote = [&](int col) {
    std::map<std::string, int> votes;
    for (const SqlRow* r : mem) ++votes[(*r)[col].AsText()];
    const SqlRow* rep = mem.front();
    int best = 0;
    for (const SqlRow* r : mem) {
      int v = votes[(*r)[col].AsText()];
      if (v > best) best = v, rep = r;
    }
    return rep;
  };
  const SqlRow* rep = vote(kGCameo);
  const SqlRow* src = vote(kGSrc);
  const SqlRow* tgt = vote(kGTgt);
  // The place: the most direct basis first (clause, sentence, story, dateline), then merge order.
  const SqlRow* loc = nullptr;
  auto rank = [](const std::string& basis) {
    return basis == "clause" ? 0 : basis == "sentence" ? 1 : basis == "story" ? 2 : basis == "dateline" ? 4 : 3;
  };
  for (const SqlRow* r : mem)
    if ((*r)[kGHasLoc].AsInt() && (!loc || rank((*r)[kGLocBasis].AsText()) < rank((*loc)[kGLocBasis].AsText())))
      loc = r;
  std::set<int64_t> articles;
  std::set<std::string> outlets;
  int64_t first_seen = INT64_MAX, last_seen = INT64_MIN, day_last = INT64_MIN;
  bool is_root = false, dated = false;
  for (const SqlRow* r : mem) {
    articles.insert((*r)[kGArticle].AsInt());
    std::string o = (*r)[kGOutlet].AsText();
    if (!o.empty()) outlets.insert(o);
    first_seen = std::min(first_seen, (*r)[kGAddedAt].AsInt());
    last_seen = std::max(last_seen, (*r)[kGAddedAt].AsInt());
    if (!(*r)[kGDay].is_null()) {
      dated = true;
      day_last = std::max(day_last, (*r)[kGDay].AsInt());
    }
    if ((*r)[kGSentence].AsInt() < kRootSentences) is_root = true;
  }
  SqlValue url = first_nonempty(kGUrl);
  if (url.is_null()) url = first[kGDocId];
  auto same_side = [&](const SqlRow* side, int code, int col) {
    // Country, role and name of the first member with the voted code.
    for (const SqlRow* r : mem)
      if ((*r)[code].AsText() == (*side)[code].AsText() && !(*r)[col].is_null() && !(*r)[col].AsText().empty())
        return (*r)[col];
    return SqlValue();
  };
  SqlRow m = {I(id), T(key), I(first[kGMergeDay].AsInt()),
              (*src)[kGSrc], same_side(src, kGSrc, kGSrcCountry), same_side(src, kGSrc, kGSrcRole),
              same_side(src, kGSrc, kGSrcName),
              (*tgt)[kGTgt], same_side(tgt, kGTgt, kGTgtCountry), same_side(tgt, kGTgt, kGTgtRole),
              same_side(tgt, kGTgt, kGTgtName),
              (*rep)[kGCameo], (*rep)[kGRoot], (*rep)[kGBase], I((*rep)[kGQuad].AsInt()),
              R((*rep)[kGGoldstein].AsReal()), (*rep)[kGPlover], first[kGStatus], I(first[kGNegated].AsInt()),
              first[kGPrecision], dated ? first[kGDay] : SqlValue(), dated ? I(day_last) : SqlValue(),
              I(is_root ? 1 : 0)};
  if (loc) {
    m.insert(m.end(), {I(1), (*loc)[kGLocName], (*loc)[kGLocCountry], R((*loc)[kGLocLat].AsReal()),
                       R((*loc)[kGLocLon].AsReal()), (*loc)[kGLocFeature], (*loc)[kGLocAdmin1], (*loc)[kGLocBasis]});
  } else {
    m.insert(m.end(), {I(0), SqlValue(), SqlValue(), SqlValue(), SqlValue(), SqlValue(), SqlValue(), SqlValue()});
  }
  m.insert(m.end(), {I(static_cast<int64_t>(mem.size())), I(static_cast<int64_t>(articles.size())),
                     I(static_cast<int64_t>(outlets.size())), I(first_seen), I(last_seen), url,
                     I(first[kGId].AsInt())});
  return m;
}

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<SqlDb> db, const StoreOptions& opts) : db_(std::move(db)), opts_(opts) {
    if (opts_.batch_size == 0) opts_.batch_size = 1;
    if (opts_.merge_window_days < 0) opts_.merge_window_days = 0;
  }

  const char* backend() const override { return db_->dialect() == SqlDb::Dialect::kSqlite ? "sqlite" : "postgresql"; }

  Status Init() {
    Status s = db_->BeginWrite();
    if (!s.ok()) return s;
    s = InitInTxn();
    if (s.ok()) return db_->Commit();
    (void)db_->Rollback();
    return s;
  }

  Status Ingest(const std::vector<const Document*>& docs, std::vector<Status>* per_doc) override;
  Status Query(const EventFilter& f, const std::function<bool(const EventRecord&)>& fn) override;
  Status Stats(StoreStats* out) override;

 private:
  Status InitInTxn();
  Status WriteBatch(const std::vector<const Document*>& docs, const std::vector<size_t>& batch);
  Status WriteBatchInTxn(const std::vector<const Document*>& docs, const std::vector<size_t>& batch);
  Status Remerge(Touched touched, const std::set<int64_t>& orphans, int64_t* next_merged);
  Status QueryPages(const EventFilter& f, const std::function<bool(const EventRecord&)>& fn);

  std::unique_ptr<SqlDb> db_;
  StoreOptions opts_;
};

Status SqlStore::InitInTxn() {
  Status s;
  std::vector<SqlRow> rows;
  if (!opts_.create_if_missing) {
    // Never create anything: a store that is not there is an error.
    s = db_->Query(db_->dialect() == SqlDb::Dialect::kSqlite
                       ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
                       : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
                         " AND table_schema = current_schema()",
                   {}, &rows);
    if (!s.ok()) return s;
    if (rows.empty() || rows[0][0].AsInt() == 0) return Status::NotFound("no parley store there");
    rows.clear();
  } else {
    s = db_->Exec("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)");
    if (!s.ok()) return s;
  }
  s = db_->Query("SELECT version FROM schema_version", {}, &rows);
  if (!s.ok()) return s;
  if (!rows.empty()) {
    int64_t v = rows[0][0].AsInt();
    if (v > kSchemaVersion)
      return Status::Unsupported("store schema " + std::to_string(v) + ", this parley reads " +
                                 std::to_string(kSchemaVersion) + "; upgrade parley");
    // Migrations from older versions go here, one step per version.
    if (v == kSchemaVersion) return Status::OK();
    if (v == 1)
      return Status::Unsupported(
          "store schema 1 was written by an older parley (no outcome, date precision or place basis in its "
          "events, and another merge rule): ingest its articles into a new store");
    return Status::Unsupported("store schema " + std::to_string(v) + " cannot be migrated");
  }
  if (!opts_.create_if_missing) return Status::NotFound("no parley store there");
  std::string ddl = kSchema;
  const std::string id = db_->dialect() == SqlDb::Dialect::kSqlite ? "INTEGER PRIMARY KEY" : "BIGINT PRIMARY KEY";
  for (size_t p; (p = ddl.find("{ID}")) != std::string::npos;) ddl.replace(p, 4, id);
  const std::string norowid = db_->dialect() == SqlDb::Dialect::kSqlite ? " WITHOUT ROWID" : "";
  for (size_t p; (p = ddl.find("{NOROWID}")) != std::string::npos;) ddl.replace(p, 9, norowid);
  s = db_->Exec(ddl);
  if (s.ok())
    s = db_->Query(
        "INSERT INTO counters (name, value) VALUES ('article', 1), ('event', 1), ('merged', 1) "
        "ON CONFLICT (name) DO NOTHING",
        {}, nullptr);
  if (s.ok()) s = db_->Query("INSERT INTO schema_version (version) VALUES (?)", {I(kSchemaVersion)}, nullptr);
  return s;
}

Status SqlStore::Ingest(const std::vector<const Document*>& docs, std::vector<Status>* per_doc) {
  std::vector<Status> st(docs.size());
  std::vector<size_t> todo;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!docs[i]) {
      st[i] = Status::InvalidInput("null document");
      continue;
    }
    st[i] = Validate(*docs[i]);
    if (st[i].ok()) todo.push_back(i);
  }
  Status overall;
  size_t at = 0;
  while (at < todo.size()) {
    // A batch never holds one doc_id twice: a later copy supersedes an earlier one.
    std::vector<size_t> batch;
    std::unordered_set<std::string_view> ids;
    while (at < todo.size() && batch.size() < opts_.batch_size && ids.insert(docs[todo[at]]->doc_id).second)
      batch.push_back(todo[at++]);
    Status s = WriteBatch(docs, batch);
    if (s.ok()) continue;
    size_t failed_from = 0;  // batch[failed_from...] were not written because the store failed
    if (s.code() == Status::Code::kInvalidInput) {
      if (batch.size() == 1) {
        st[batch[0]] = s;
        continue;
      }
      // Something in the batch was refused: find it, one article at a time.
      failed_from = batch.size();
      for (size_t j = 0; j < batch.size(); ++j) {
        Status one = WriteBatch(docs, {batch[j]});
        if (one.ok() || one.code() == Status::Code::kInvalidInput) {
          st[batch[j]] = one;
          continue;
        }
        s = one;
        failed_from = j;
        break;
      }
      if (failed_from == batch.size()) continue;
    }
    overall = s;
    for (size_t j = failed_from; j < batch.size(); ++j) st[batch[j]] = s;
    for (size_t k = at; k < todo.size(); ++k) st[todo[k]] = s;
    break;
  }
  if (per_doc) *per_doc = std::move(st);
  return overall;
}

Status SqlStore::WriteBatch(const std::vector<const Document*>& docs, const std::vector<size_t>& batch) {
  Status s = db_->BeginWrite();
  if (!s.ok()) return s;
  s = WriteBatchInTxn(docs, batch);
  if (s.ok()) s = db_->Commit();
  if (!s.ok()) (void)db_->Rollback();
  return s;
}

Status SqlStore::WriteBatchInTxn(const std::vector<const Document*>& docs, const std::vector<size_t>& batch) {
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  struct Pending {
    const Document* doc;
    std::string text_hash, doc_hash;
  };
  std::vector<Pending> pend;
  std::vector<SqlValue> doc_ids;
  for (size_t i : batch) {
    const Document* d = docs[i];
    Pending p{d, TextHash(d->text()), ""};
    p.doc_hash = DocHash(*d, p.text_hash);
    pend.push_back(std::move(p));
    doc_ids.push_back(T(d->doc_id));
  }
  std::vector<SqlRow> rows;
  Status s = QueryIn(db_.get(), "SELECT id, doc_id, text_hash, doc_hash FROM articles WHERE doc_id IN ", "",
                     doc_ids, &rows);
  if (!s.ok()) return s;
  std::unordered_map<std::string, const SqlRow*> stored;
  for (auto& r : rows) stored[r[1].AsText()] = &r;
  std::vector<const Pending*> writes;
  std::vector<SqlValue> old_ids;
  for (auto& p : pend) {
    auto it = stored.find(p.doc->doc_id);
    if (it != stored.end()) {
      const SqlRow& r = *it->second;
      if (r[2].AsText() == p.text_hash && r[3].AsText() == p.doc_hash) continue;  // unchanged
      old_ids.push_back(I(r[0].AsInt()));
    }
    writes.push_back(&p);
  }
  if (writes.empty()) return Status::OK();

  std::map<std::string, int64_t> next;
  rows.clear();
  s = db_->Query("SELECT name, value FROM counters", {}, &rows);
  if (!s.ok()) return s;
  for (auto& r : rows) next[r[0].AsText()] = r[1].AsInt();
  for (const char* name : {"article", "event", "merged"})
    if (next[name] < 1) return Status::Corrupt(std::string("store counter '") + name + "' is missing");

  // Old versions: note what they touched, then remove them.
  Touched touched;
  std::set<int64_t> orphans;
  if (!old_ids.empty()) {
    rows.clear();
    s = QueryIn(db_.get(),
                "SELECT e.merge_key, e.merge_day, l.merged_id FROM events e "
                "LEFT JOIN merged_links l ON l.event_id = e.id WHERE e.article_id IN ",
                "", old_ids, &rows);
    if (!s.ok()) return s;
    for (auto& r : rows) {
      Touch(&touched, r[0].AsText(), r[1].AsInt());
      if (!r[2].is_null()) orphans.insert(r[2].AsInt());
    }
    const std::pair<const char*, const char*> deletes[] = {
        {"DELETE FROM merged_links WHERE event_id IN (SELECT id FROM events WHERE article_id IN ", ")"},
        {"DELETE FROM events WHERE article_id IN ", ""},
        {"DELETE FROM entities WHERE article_id IN ", ""},
        {"DELETE FROM quotes WHERE article_id IN ", ""},
        {"DELETE FROM counts WHERE article_id IN ", ""},
        {"DELETE FROM articles WHERE id IN ", ""},
    };
    for (auto& [pre, post] : deletes) {
      s = QueryIn(db_.get(), pre, post, old_ids, nullptr);
      if (!s.ok()) return s;
    }
  }

  std::vector<SqlRow> arts, evs, ents, quos, cnts;
  for (const Pending* p : writes) {
    const Document& d = *p->doc;
    const int64_t aid = next["article"]++;
    std::vector<Span> sent;
    for (auto& x : d.sentences) sent.push_back(x.span);
    const bool sparse = d.text().find('\0') != std::string::npos;
    arts.push_back({I(aid), T(d.doc_id), T(p->text_hash), T(p->doc_hash), TN(d.publish_date.ToString()),
                    SqlValue::Opt(d.title), SqlValue::Opt(d.url), SqlValue::Opt(d.source), T(OutletOf(d)),
                    sparse ? SqlValue() : T(d.text()), T(SpansJson(sent)),
                    I(static_cast<int64_t>(d.events.size())), I(now)});
    for (size_t k = 0; k < d.events.size(); ++k) {
      const Event& e = d.events[k];
      const EventWhen when = WhenOf(d, e);
      const int64_t id = next["event"]++;
      std::string root = e.cameo_root.empty() ? e.cameo.substr(0, 2) : e.cameo_root;
      // An undated event merges with nothing: a key of its own.
      std::string key = when.dated ? MergeKey(ActorKey(e.source), ActorKey(e.target), root,
                                              EventOutcome(EventStatusName(e.status), e.negated),
                                              when.date.Precision())
                                   : "undated|" + std::to_string(id);
      evs.push_back(EventRow(d, e, id, aid, static_cast<int>(k), when, key));
      Touch(&touched, key, when.dated ? when.day : 0);
    }
    for (size_t k = 0; k < d.entities.size(); ++k) {
      const Entity& e = d.entities[k];
      ents.push_back({I(aid), I(static_cast<int64_t>(k)), T(e.id), T(e.name), T(EntityTypeName(e.type)),
                      TN(e.country), TN(e.role), TN(e.code), T(SpansJson(e.mentions)),
                      e.lat ? R(*e.lat) : SqlValue(), e.lon ? R(*e.lon) : SqlValue(), TN(e.feature),
                      TN(e.country_basis)});
    }
    for (size_t k = 0; k < d.quotes.size(); ++k) {
      const Quote& q = d.quotes[k];
      quos.push_back({I(aid), I(static_cast<int64_t>(k)), T(q.id), TN(q.speaker), TN(EntityId(d, q.speaker_entity)),
                      TN(q.speaker_code), T(q.text), I(q.span.begin), I(q.span.end)});
    }
    for (size_t k = 0; k < d.counts.size(); ++k) {
      const Count& c = d.counts[k];
      cnts.push_back({I(aid), I(static_cast<int64_t>(k)), R(c.number), TN(c.what), TN(c.qualifier),
                      I(c.span.begin), I(c.span.end)});
    }
  }
  if ((s = db_->Insert("articles", kArticleCols, arts)).ok() && (s = db_->Insert("events", kEventCols, evs)).ok() &&
      (s = db_->Insert("entities", kEntityCols, ents)).ok() && (s = db_->Insert("quotes", kQuoteCols, quos)).ok())
    s = db_->Insert("counts", kCountCols, cnts);
  if (!s.ok()) return s;

  s = Remerge(std::move(touched), orphans, &next["merged"]);
  if (!s.ok()) return s;
  for (auto& [name, value] : next) {
    s = db_->Query("UPDATE counters SET value = ? WHERE name = ?", {I(value), T(name)}, nullptr);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

// Brings the merged events of every touched merge key up to date (merge.h).
// orphans: merged events that lost members when their articles were replaced.
Status SqlStore::Remerge(Touched touched, const std::set<int64_t>& orphans, int64_t* next_merged) {
  MergeLimits limits;
  limits.window = opts_.merge_window_days;
  limits.near_km = opts_.merge_near_km;
  limits.wide_km = opts_.merge_wide_km;
  const int window = limits.window;
  std::map<GroupKey, std::vector<int64_t>> lost;  // anchor days of orphans, by merge key
  if (!orphans.empty()) {
    std::vector<SqlValue> ids;
    for (int64_t id : orphans) ids.push_back(I(id));
    std::vector<SqlRow> rows;
    Status s = QueryIn(db_.get(), "SELECT merge_key, merge_day FROM merged_events WHERE id IN ", "", ids, &rows);
    if (!s.ok()) return s;
    for (auto& r : rows) lost[r[0].AsText()].push_back(r[1].AsInt());
  }
  std::set<int64_t> claimed, seen(orphans.begin(), orphans.end());
  std::vector<SqlValue> relinked, drop;
  std::vector<SqlRow> new_merged, new_links;
  int64_t margin = 2 * static_cast<int64_t>(window) + 2;  // read-ahead past the last touched day
  while (!touched.empty()) {
    // Read every touched key from the window before its first touched day
    // to `margin` days after its last, 200 keys per query.
    std::map<GroupKey, std::vector<SqlRow>> fetched;
    std::vector<std::pair<GroupKey, DayRange>> list(touched.begin(), touched.end());
    for (size_t at = 0; at < list.size(); at += 200) {
      size_t n = std::min<size_t>(200, list.size() - at);
      std::string sql = "WITH g (k, lo, hi) AS (VALUES ";
      std::vector<SqlValue> params;
      for (size_t k = 0; k < n; ++k) {
        const auto& [key, range] = list[at + k];
        sql += k ? ", " : "";
        sql += "(?, CAST(? AS BIGINT), CAST(? AS BIGINT))";
        params.insert(params.end(), {T(key), I(range.lo - window), I(range.hi + margin)});
      }
      sql += std::string(") SELECT ") + kMergeSelect +
             " FROM g JOIN events e ON e.merge_key = g.k AND e.merge_day >= g.lo AND e.merge_day <= g.hi"
             " JOIN articles a ON a.id = e.article_id"
             " LEFT JOIN merged_links l ON l.event_id = e.id"
             " LEFT JOIN merged_events m ON m.id = l.merged_id";
      std::vector<SqlRow> rows;
      Status s = db_->Query(sql, params, &rows);
      if (!s.ok()) return s;
      for (auto& r : rows) fetched[r[kGKey].AsText()].push_back(std::move(r));
    }
    Touched again;
    for (auto& [key, range] : touched) {
      std::vector<SqlRow>& rows = fetched[key];
      std::vector<MergeItem> items;
      items.reserve(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) {
        const SqlRow& r = rows[i];
        MergeItem it;
        it.day = r[kGMergeDay].AsInt();
        it.doc_id = r[kGDocId].AsText();
        it.ord = static_cast<int>(r[kGOrd].AsInt());
        it.src_role = r[kGSrcRole].AsText();
        it.tgt_role = r[kGTgtRole].AsText();
        // Only a place in the event's own clause or sentence is evidence of
        // where it happened; the story's place and the dateline are guesses.
        const std::string basis = r[kGLocBasis].AsText();
        if (r[kGHasLoc].AsInt() && (basis == "clause" || basis == "sentence")) {
          it.place.known = true;
          const std::string feature = r[kGLocFeature].AsText();
          it.place.coarse = feature == "country" || feature == "region";
          it.place.country = r[kGLocCountry].AsText();
          it.place.name = r[kGLocName].AsText();
          it.place.lat = r[kGLocLat].AsReal();
          it.place.lon = r[kGLocLon].AsReal();
        }
        it.event_id = r[kGId].AsInt();
        it.old_merged = r[kGMerged].AsInt();
        it.old_anchor = r[kGOldAnchor].AsInt();
        it.old_anchor_day = r[kGOldAnchorDay].AsInt();
        it.ref = i;
        items.push_back(std::move(it));
      }
      MergePlan plan;
      if (!PlanMerge(&items, range.lo, range.hi, limits, range.hi + margin, lost[key], &plan)) {
        again.emplace(key, range);
        continue;
      }
      for (const auto& cluster : plan.clusters) {
        std::vector<const SqlRow*> mem;
        std::vector<const MergeItem*> mem_items;
        for (size_t k : cluster.members) {
          mem.push_back(&rows[items[k].ref]);
          mem_items.push_back(&items[k]);
          if (items[k].old_merged) seen.insert(items[k].old_merged);
        }
        auto old_id = [](const SqlRow* r) { return (*r)[kGMerged].AsInt(); };
        if (cluster.open_at_end) {
          // Identical to the stored merged event, which goes on past the replay.
          claimed.insert(old_id(mem.front()));
          continue;
        }
        // Keep the id of the first member's stored merged event when it is free.
        int64_t id = 0;
        for (const SqlRow* r : mem) {
          if (old_id(r) && !claimed.count(old_id(r))) {
            id = old_id(r);
            break;
          }
        }
        if (id) {
          claimed.insert(id);
          bool same = true;
          for (const SqlRow* r : mem)
            if (old_id(r) != id || (*r)[kGOldMentions].AsInt() != static_cast<int64_t>(mem.size())) same = false;
          if (same) continue;  // membership unchanged, so is every aggregate
          drop.push_back(I(id));
        } else {
          id = (*next_merged)++;
        }
        new_merged.push_back(MergedRow(id, key, mem));
        std::vector<std::string> reasons = MergeReasons(mem_items, limits);
        for (size_t k = 0; k < mem.size(); ++k) {
          relinked.push_back(I((*mem[k])[kGId].AsInt()));
          new_links.push_back({I((*mem[k])[kGId].AsInt()), I(id), T(reasons[k])});
        }
      }
    }
    touched.swap(again);
    margin *= 8;
  }
  // Stored merged events that lost every member.
  for (int64_t id : seen)
    if (!claimed.count(id)) drop.push_back(I(id));
  Status s = QueryIn(db_.get(), "DELETE FROM merged_links WHERE event_id IN ", "", relinked, nullptr);
  if (s.ok()) s = QueryIn(db_.get(), "DELETE FROM merged_links WHERE merged_id IN ", "", drop, nullptr);
  if (s.ok()) s = QueryIn(db_.get(), "DELETE FROM merged_events WHERE id IN ", "", drop, nullptr);
  if (s.ok()) s = db_->Insert("merged_events", kMergedCols, new_merged);
  if (s.ok()) s = db_->Insert("merged_links", {"event_id", "merged_id", "reason"}, new_links);
  return s;
}

// --- queries ---------------------------------------------------------------

// Appends " AND (...)" conditions for `f` on alias x ("e" raw, "m" merged).
Status BuildWhere(const EventFilter& f, std::string* sql, std::vector<SqlValue>* params) {
  const std::string x = f.raw ? "e." : "m.";
  // Outcomes: only what happened unless asked.
  {
    std::vector<std::string> want = f.status.empty() ? std::vector<std::string>{"occurred"} : f.status;
    std::string any;
    std::vector<SqlValue> status_params;
    for (const std::string& o : want) {
      const auto& all = EventOutcomes();
      if (std::find(all.begin(), all.end(), o) == all.end())
        return Status::InvalidInput("unknown status '" + o + "' (occurred, negated, planned, hypothetical, denied)");
      any += any.empty() ? "" : " OR ";
      if (o == "occurred") any += "(" + x + "status = 'occurred' AND " + x + "negated = 0)";
      else if (o == "negated") any += "(" + x + "status = 'occurred' AND " + x + "negated <> 0)";
      else {
        any += "(" + x + "status = ?)";
        status_params.push_back(T(o));
      }
    }
    std::set<std::string> distinct(want.begin(), want.end());
    if (distinct.size() < EventOutcomes().size()) {
      *sql += " AND (" + any + ")";
      params->insert(params->end(), status_params.begin(), status_params.end());
    }
  }
  if (f.id) {
    *sql += " AND " + x + "id = ?";
    params->push_back(I(f.id));
  }
  if (f.merged_id && f.raw) {
    *sql += " AND l.merged_id = ?";
    params->push_back(I(f.merged_id));
  }
  if (f.after_id) {
    *sql += " AND " + x + "id > ?";
    params->push_back(I(f.after_id));
  }
  if (f.from.valid()) {
    // A merged event meets the range when its last day is not before it.
    *sql += " AND " + x + (f.raw ? "day" : "day_last") + " >= ?";
    params->push_back(I(DayOf(f.from)));
  }
  if (f.to.valid()) {
    // Last day of a partial date: the day before the next month/year starts.
    Date next = f.to;
    int64_t last;
    if (next.month == 0) last = DaysFromCivil(next.year + 1, 1, 1) - 1;
    else if (next.day == 0) last = (next.month == 12 ? DaysFromCivil(next.year + 1, 1, 1) : DaysFromCivil(next.year, next.month + 1, 1)) - 1;
    else last = DayOf(next);
    *sql += " AND " + x + "day <= ?";
    params->push_back(I(last));
  }
  auto actor_side = [&](const std::string& side, const std::string& v) {
    std::string u = Upper(v);
    *sql += "(SUBSTR(" + x + side + "_code, 1, " + std::to_string(u.size()) + ") = ? OR " + x + side + "_country = ?)";
    params->push_back(T(u));
    params->push_back(T(u));
  };
  if (!f.actor.empty()) {
    *sql += " AND (";
    actor_side("source", f.actor);
    *sql += " OR ";
    actor_side("target", f.actor);
    *sql += ")";
  }
  if (!f.source_actor.empty()) {
    *sql += " AND ";
    actor_side("source", f.source_actor);
  }
  if (!f.target_actor.empty()) {
    *sql += " AND ";
    actor_side("target", f.target_actor);
  }
  if (!f.cameo.empty()) {
    *sql += " AND SUBSTR(" + x + "cameo, 1, " + std::to_string(f.cameo.size()) + ") = ?";
    params->push_back(T(f.cameo));
  }
  if (!f.root.empty()) {
    *sql += " AND " + x + "cameo_root = ?";
    params->push_back(T(f.root));
  }
  if (f.quad_class) {
    *sql += " AND " + x + "quad_class = ?";
    params->push_back(I(f.quad_class));
  }
  if (!f.place.empty()) {
    *sql += " AND LOWER(" + x + "loc_name) = ?";
    params->push_back(T(Lower(f.place)));
  }
  if (!f.country.empty()) {
    *sql += " AND " + x + "loc_country = ?";
    params->push_back(T(Upper(f.country)));
  }
  if (!f.text.empty()) {
    if (f.raw) {
      *sql += " AND LOWER(e.evidence) LIKE ? ESCAPE '\\'";
    } else {
      *sql += " AND EXISTS (SELECT 1 FROM merged_links fl JOIN events fe ON fe.id = fl.event_id"
              " WHERE fl.merged_id = m.id AND LOWER(fe.evidence) LIKE ? ESCAPE '\\')";
    }
    params->push_back(T(LikePattern(f.text)));
  }
  if (!f.doc_id.empty()) {
    if (f.raw) {
      *sql += " AND a.doc_id = ?";
    } else {
      *sql += " AND EXISTS (SELECT 1 FROM merged_links dl JOIN events de ON de.id = dl.event_id"
              " JOIN articles da ON da.id = de.article_id WHERE dl.merged_id = m.id AND da.doc_id = ?)";
    }
    params->push_back(T(f.doc_id));
  }
  return Status::OK();
}

std::optional<Location> LocationFrom(const SqlRow& r, int has, int name, int country, int lat, int lon, int feature) {
  if (!r[has].AsInt()) return std::nullopt;
  Location l;
  l.name = r[name].AsText();
  l.country = r[country].AsText();
  l.lat = r[lat].AsReal();
  l.lon = r[lon].AsReal();
  l.feature = r[feature].AsText();
  return l;
}

void MergedRecord(const SqlRow& r, EventRecord* e) {
  e->merged = true;
  e->id = r[kMId].AsInt();
  e->dated = !r[kMDay].is_null();
  e->day = e->dated ? r[kMDay].AsInt() : 0;
  e->day_last = e->dated ? r[kMDayLast].AsInt() : 0;
  e->date_precision = r[kMPrecision].AsText();
  e->merge_key = r[kMKey].AsText();
  e->status = r[kMStatus].AsText();
  e->negated = r[kMNegated].AsInt() != 0;
  e->location_basis = r[kMLocBasis].AsText();
  e->source = ActorRecord{true, r[kMSrcCode].AsText(), r[kMSrcCountry].AsText(), r[kMSrcRole].AsText(), r[kMSrcName].AsText(), "", ""};
  e->target = ActorRecord{true, r[kMTgtCode].AsText(), r[kMTgtCountry].AsText(), r[kMTgtRole].AsText(), r[kMTgtName].AsText(), "", ""};
  e->source.present = !e->source.code.empty();
  e->target.present = !e->target.code.empty();
  e->cameo = r[kMCameo].AsText();
  e->cameo_root = r[kMRoot].AsText();
  e->base_code = r[kMBase].AsText();
  e->quad_class = static_cast<int>(r[kMQuad].AsInt());
  e->goldstein = r[kMGoldstein].AsReal();
  e->plover = r[kMPlover].AsText();
  e->is_root = r[kMIsRoot].AsInt() != 0;
  e->location = LocationFrom(r, kMHasLoc, kMLocName, kMLocCountry, kMLocLat, kMLocLon, kMLocFeature);
  if (e->location) e->location->admin1 = r[kMLocAdmin1].AsText();
  e->num_mentions = static_cast<int>(r[kMMentions].AsInt());
  e->num_articles = static_cast<int>(r[kMArticles].AsInt());
  e->num_sources = static_cast<int>(r[kMSources].AsInt());
  e->first_seen = r[kMFirstSeen].AsInt();
  e->last_seen = r[kMLastSeen].AsInt();
  e->source_url = r[kMSourceUrl].AsText();
  e->date = Date();
  if (e->dated) {
    // The date at its precision: a month-only merged event is "1987-10".
    e->date = DateOfDay(e->day);
    if (e->date_precision == "month") e->date.day = 0;
    else if (e->date_precision == "year") e->date.day = e->date.month = 0;
  }
}

// Raw rows: kEventCols, then doc_id, publish_date, source, url, outlet, added_at, merged_id, reason.
void RawRecord(const SqlRow& r, EventRecord* e) {
  const int a = kEventColCount;
  e->merged = false;
  e->id = r[kEId].AsInt();
  e->event_id = r[kEEventId].AsText();
  e->sentence = static_cast<uint32_t>(r[kESentence].AsInt());
  e->span = Span{static_cast<uint32_t>(r[kESpanBegin].AsInt()), static_cast<uint32_t>(r[kESpanEnd].AsInt())};
  e->evidence = r[kEEvidence].AsText();
  e->source = ActorRecord{r[kESrcPresent].AsInt() != 0, r[kESrcCode].AsText(), r[kESrcCountry].AsText(),
                          r[kESrcRole].AsText(), r[kESrcName].AsText(), r[kESrcText].AsText(), r[kESrcEntity].AsText()};
  e->target = ActorRecord{r[kETgtPresent].AsInt() != 0, r[kETgtCode].AsText(), r[kETgtCountry].AsText(),
                          r[kETgtRole].AsText(), r[kETgtName].AsText(), r[kETgtText].AsText(), r[kETgtEntity].AsText()};
  e->cameo = r[kECameo].AsText();
  e->cameo_root = r[kERoot].AsText();
  e->base_code = r[kEBase].AsText();
  e->quad_class = static_cast<int>(r[kEQuad].AsInt());
  e->goldstein = r[kEGoldstein].AsReal();
  e->plover = r[kEPlover].AsText();
  e->negated = r[kENegated].AsInt() != 0;
  e->status = r[kEStatus].AsText();
  e->date = Date();
  Date::Parse(r[kEDate].AsText(), &e->date);
  e->date_basis = r[kEDateBasis].AsText();
  e->date_precision = r[kEDatePrecision].AsText();
  e->dated = !r[kEDay].is_null();
  e->day = e->day_last = e->dated ? r[kEDay].AsInt() : 0;
  e->location = LocationFrom(r, kEHasLoc, kELocName, kELocCountry, kELocLat, kELocLon, kELocFeature);
  if (e->location) e->location->admin1 = r[kELocAdmin1].AsText();
  e->location_basis = r[kELocBasis].AsText();
  e->merge_key = r[kEMergeKey].AsText();
  e->quote_id = r[kEQuote].AsText();
  e->rule = r[kERule].AsText();
  e->doc_id = r[a].AsText();
  e->publish_date = Date();
  Date::Parse(r[a + 1].AsText(), &e->publish_date);
  e->outlet = r[a + 2].AsText();
  e->url = r[a + 3].AsText();
  std::string outlet_key = r[a + 4].AsText();
  e->first_seen = e->last_seen = r[a + 5].AsInt();
  e->merged_id = r[a + 6].AsInt();
  e->merge_reason = r[a + 7].AsText();
  e->num_mentions = e->num_articles = 1;
  e->num_sources = outlet_key.empty() ? 0 : 1;
  e->is_root = e->sentence < kRootSentences;
  e->source_url = !e->url.empty() ? e->url : e->doc_id;
}

Status SqlStore::Query(const EventFilter& f, const std::function<bool(const EventRecord&)>& fn) {
  // One snapshot for every page.
  Status s = db_->BeginRead();
  if (!s.ok()) return s;
  s = QueryPages(f, fn);
  Status end = s.ok() ? db_->Commit() : db_->Rollback();
  if (!end.ok() && s.ok()) s = end;
  return s;
}

Status SqlStore::QueryPages(const EventFilter& f, const std::function<bool(const EventRecord&)>& fn) {
  std::string select;
  if (f.raw) {
    select = "SELECT " + Join(kEventCols, "e.") +
             ", a.doc_id, a.publish_date, a.source, a.url, a.outlet, a.added_at, l.merged_id, l.reason"
             " FROM events e JOIN articles a ON a.id = e.article_id"
             " LEFT JOIN merged_links l ON l.event_id = e.id WHERE ";
  } else {
    select = "SELECT " + Join(kMergedCols, "m.") + " FROM merged_events m WHERE ";
  }
  // Keyset pages: after the last (id) or (day, id) seen; undated events sort last.
  const std::string x = f.raw ? "e." : "m.";
  const std::string sort_day = "COALESCE(" + x + "day, " + std::to_string(kNoDay) + ")";
  select += f.by_date ? "(" + sort_day + " > ? OR (" + sort_day + " = ? AND " + x + "id > ?))" : x + "id > ?";
  std::vector<SqlValue> filter_params;
  std::string where;
  Status ws = BuildWhere(f, &where, &filter_params);
  if (!ws.ok()) return ws;
  const std::string sql =
      select + where + (f.by_date ? " ORDER BY " + sort_day + ", " + x + "id LIMIT ?" : " ORDER BY " + x + "id LIMIT ?");
  constexpr int64_t kPage = 2000;
  int64_t after = 0, after_day = INT64_MIN;
  size_t emitted = 0;
  for (;;) {
    int64_t want = kPage;
    // In size_t, so that a limit past INT64_MAX cannot turn negative (LIMIT -1
    // is "no limit" to SQLite, and the loop would never end).
    if (f.limit) want = static_cast<int64_t>(std::min<size_t>(kPage, f.limit - emitted));
    std::vector<SqlValue> params;
    if (f.by_date) params = {I(after_day), I(after_day), I(after)};
    else params = {I(after)};
    params.insert(params.end(), filter_params.begin(), filter_params.end());
    params.push_back(I(want));
    std::vector<SqlRow> rows;
    Status s = db_->Query(sql, params, &rows);
    if (!s.ok()) return s;
    std::map<int64_t, std::vector<std::pair<std::string, std::string>>> members;
    if (!f.raw && f.with_members && !rows.empty()) {
      std::vector<SqlValue> ids;
      for (auto& r : rows) ids.push_back(I(r[kMId].AsInt()));
      std::vector<SqlRow> links;
      s = QueryIn(db_.get(),
                  "SELECT l.merged_id, a.doc_id, e.event_id, e.day, e.ord FROM merged_links l"
                  " JOIN events e ON e.id = l.event_id JOIN articles a ON a.id = e.article_id WHERE l.merged_id IN ",
                  "", ids, &links);
      if (!s.ok()) return s;
      std::sort(links.begin(), links.end(), [](const SqlRow& a, const SqlRow& b) {
        return std::make_tuple(a[0].AsInt(), a[3].AsInt(), a[1].AsText(), a[4].AsInt()) <
               std::make_tuple(b[0].AsInt(), b[3].AsInt(), b[1].AsText(), b[4].AsInt());
      });
      for (auto& l : links) members[l[0].AsInt()].emplace_back(l[1].AsText(), l[2].AsText());
    }
    for (auto& r : rows) {
      EventRecord rec;
      if (f.raw) RawRecord(r, &rec);
      else MergedRecord(r, &rec);
      if (!f.raw && f.with_members) rec.members = std::move(members[rec.id]);
      after = rec.id;
      after_day = rec.dated ? rec.day : kNoDay;
      ++emitted;
      if (!fn(rec)) return Status::OK();
    }
    if (static_cast<int64_t>(rows.size()) < want || (f.limit && emitted >= f.limit)) return Status::OK();
  }
}

Status SqlStore::Stats(StoreStats* out) {
  StoreStats st;
  const std::pair<const char*, int64_t*> tables[] = {
      {"articles", &st.articles}, {"events", &st.events},  {"merged_events", &st.merged_events},
      {"entities", &st.entities}, {"quotes", &st.quotes},  {"counts", &st.counts}};
  for (auto& [table, field] : tables) {
    std::vector<SqlRow> rows;
    Status s = db_->Query(std::string("SELECT COUNT(*) FROM ") + table, {}, &rows);
    if (!s.ok()) return s;
    *field = rows.empty() ? 0 : rows[0][0].AsInt();
  }
  *out = st;
  return Status::OK();
}

}  // namespace

// Declared in store/filter_sql.h: the filter conditions for other readers of
// the schema (store/summary.cc).
Status AppendFilterSql(const EventFilter& f, std::string* sql, std::vector<SqlValue>* params) {
  return BuildWhere(f, sql, params);
}

}  // namespace store

std::string EventOutcome(std::string_view status, bool negated) {
  if (status == "occurred" || status.empty()) return negated ? "negated" : "occurred";
  return std::string(status);
}

const std::vector<std::string>& EventOutcomes() {
  static const std::vector<std::string> kAll = {"occurred", "negated", "planned", "hypothetical", "denied"};
  return kAll;
}

namespace store {

Status OpenSqlDb(const std::string& uri, const StoreOptions& opts,
                 const std::function<Status(const std::string& path)>& check_path, std::unique_ptr<SqlDb>* out) {
  auto starts = [&](const char* p) { return uri.rfind(p, 0) == 0; };
  if (starts("postgresql://") || starts("postgres://")) {
#ifdef PARLEY_HAVE_POSTGRES
    return OpenPostgres(uri, opts, out);
#else
    (void)opts;
    (void)out;
    return Status::Unsupported("this parley was built without PostgreSQL support (libpqxx); use a SQLite path");
#endif
  }
  std::string path = uri;
  if (starts("sqlite://")) path = uri.substr(9);
  else if (starts("sqlite:")) path = uri.substr(7);
  Status s = check_path(path);
  if (!s.ok()) return s;
  return OpenSqlite(path, opts, out);
}

}  // namespace store

Status Store::Open(const std::string& uri, const StoreOptions& opts, std::unique_ptr<Store>* out) {
  std::unique_ptr<store::SqlDb> db;
  Status s = store::OpenSqlDb(uri, opts, [&](const std::string& path) {
    if (path.empty()) return Status::InvalidInput("empty store path");
    std::error_code ec;
    if (!opts.create_if_missing && !std::filesystem::exists(path, ec))
      return Status::NotFound("no store at " + path + " (only `parley ingest` and `parley code --store` create one)");
    return Status::OK();
  }, &db);
  if (!s.ok()) return s;
  auto st = std::make_unique<store::SqlStore>(std::move(db), opts);
  s = st->Init();
  if (!s.ok()) return s;
  *out = std::move(st);
  return Status::OK();
}

}  // namespace parley
