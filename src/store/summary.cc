// StoreSummary: aggregate views for the HTTP API (store_summary.h).
// Every query is one parameterised statement over the schema of
// docs/store.md; the filter's conditions come from store/filter_sql.h, so a
// view counts exactly the events Store::Query lists.
#include "parley/store_summary.h"

#include <rapidjson/document.h>

#include <filesystem>

#include "store/filter_sql.h"
#include "store/sql.h"

namespace parley {
namespace {

using store::SqlDb;
using store::SqlRow;
using store::SqlValue;

// "FROM ... WHERE 1=1" for merged or raw events, with the aliases
// AppendFilterSql expects.
std::string From(const EventFilter& f) {
  if (f.raw)
    return " FROM events e JOIN articles a ON a.id = e.article_id"
           " LEFT JOIN merged_links l ON l.event_id = e.id WHERE 1=1";
  return " FROM merged_events m WHERE 1=1";
}

// The aggregates ignore paging.
EventFilter Unpaged(const EventFilter& f) {
  EventFilter g = f;
  g.limit = 0;
  g.after_id = 0;
  return g;
}

Status Where(const EventFilter& f, std::string* sql, std::vector<SqlValue>* params) {
  *sql += From(f);
  return store::AppendFilterSql(f, sql, params);
}

}  // namespace

StoreSummary::StoreSummary(std::unique_ptr<store::SqlDb> db) : db_(std::move(db)) {}
StoreSummary::~StoreSummary() = default;

Status StoreSummary::Open(const std::string& uri, std::unique_ptr<StoreSummary>* out) {
  std::unique_ptr<SqlDb> db;
  Status s = store::OpenSqlDb(uri, StoreOptions(), [](const std::string& path) {
    std::error_code ec;
    if (path.empty() || !std::filesystem::is_regular_file(path, ec)) return Status::NotFound("no store at " + path);
    return Status::OK();
  }, &db);
  if (!s.ok()) return s;
  // A store is readable once its schema exists.
  std::vector<SqlRow> rows;
  s = db->Query("SELECT COUNT(*) FROM merged_events", {}, &rows);
  if (!s.ok()) return Status::NotFound("not a parley store: " + uri + ": " + s.message());
  out->reset(new StoreSummary(std::move(db)));
  return Status::OK();
}

Status StoreSummary::Count(const EventFilter& filter, int64_t* out) {
  EventFilter f = Unpaged(filter);
  std::string sql = "SELECT COUNT(*)";
  std::vector<SqlValue> params;
  Status s = Where(f, &sql, &params);
  std::vector<SqlRow> rows;
  if (s.ok()) s = db_->Query(sql, params, &rows);
  if (!s.ok()) return s;
  *out = rows.empty() ? 0 : rows[0][0].AsInt();
  return Status::OK();
}

Status StoreSummary::Timeline(const EventFilter& filter, bool week, std::vector<TimelineBucket>* out) {
  EventFilter f = Unpaged(filter);
  const std::string x = f.raw ? "e." : "m.";
  // Day 0 (1970-01-01) was a Thursday: the Monday on or before day d is
  // d - (d + 3) mod 7 (news days are positive).
  const std::string bucket = week ? "(" + x + "day - ((" + x + "day + 3) % 7))" : x + "day";
  std::string sql = "SELECT " + bucket + " AS b, " + x + "quad_class, COUNT(*), SUM(" + x + "goldstein)";
  std::vector<SqlValue> params;
  Status s = Where(f, &sql, &params);
  if (!s.ok()) return s;
  sql += " AND " + x + "day IS NOT NULL GROUP BY b, " + x + "quad_class ORDER BY b, " + x + "quad_class";
  std::vector<SqlRow> rows;
  s = db_->Query(sql, params, &rows);
  if (!s.ok()) return s;
  out->clear();
  for (auto& r : rows)
    out->push_back({r[0].AsInt(), static_cast<int>(r[1].AsInt()), r[2].AsInt(), r[3].AsReal()});
  return Status::OK();
}

Status StoreSummary::Actors(const EventFilter& filter, size_t limit, std::vector<ActorSummary>* actors,
                            std::vector<ActorEdge>* edges) {
  EventFilter f = Unpaged(filter);
  const std::string x = f.raw ? "e." : "m.";
  std::string where;
  std::vector<SqlValue> wparams;
  Status s = Where(f, &where, &wparams);
  if (!s.ok()) return s;
  // Each event counts once for its source and once for its target.
  std::string sql =
      "SELECT code, MAX(country), SUM(src), SUM(tgt), SUM(g) FROM ("
      "SELECT " + x + "source_code AS code, " + x + "source_country AS country, 1 AS src, 0 AS tgt, " + x +
      "goldstein AS g" + where + " AND " + x + "source_code <> ''"
      " UNION ALL SELECT " + x + "target_code, " + x + "target_country, 0, 1, " + x + "goldstein" + where + " AND " +
      x + "target_code <> ''"
      ") t GROUP BY code ORDER BY SUM(src) + SUM(tgt) DESC, code LIMIT ?";
  std::vector<SqlValue> params = wparams;
  params.insert(params.end(), wparams.begin(), wparams.end());
  params.push_back(SqlValue::Int(static_cast<int64_t>(limit)));
  std::vector<SqlRow> rows;
  s = db_->Query(sql, params, &rows);
  if (!s.ok()) return s;
  actors->clear();
  for (auto& r : rows) actors->push_back({r[0].AsText(), r[1].AsText(), r[2].AsInt(), r[3].AsInt(), r[4].AsReal()});

  sql = "SELECT " + x + "source_code, " + x + "target_code, COUNT(*), SUM(CASE WHEN " + x +
        "quad_class <= 2 THEN 1 ELSE 0 END), SUM(CASE WHEN " + x + "quad_class >= 3 THEN 1 ELSE 0 END), SUM(" + x +
        "goldstein)" + where + " AND " + x + "source_code <> '' AND " + x + "target_code <> '' GROUP BY " + x +
        "source_code, " + x + "target_code ORDER BY COUNT(*) DESC, " + x + "source_code, " + x +
        "target_code LIMIT ?";
  params = wparams;
  params.push_back(SqlValue::Int(static_cast<int64_t>(limit)));
  rows.clear();
  s = db_->Query(sql, params, &rows);
  if (!s.ok()) return s;
  edges->clear();
  for (auto& r : rows)
    edges->push_back({r[0].AsText(), r[1].AsText(), r[2].AsInt(), r[3].AsInt(), r[4].AsInt(), r[5].AsReal()});
  return Status::OK();
}

Status StoreSummary::Places(const EventFilter& filter, size_t limit, std::vector<PlaceSummary>* out) {
  EventFilter f = Unpaged(filter);
  const std::string x = f.raw ? "e." : "m.";
  std::string sql = "SELECT " + x + "loc_name, " + x + "loc_country, " + x + "loc_feature, " + x + "loc_lat, " + x +
                    "loc_lon, COUNT(*)";
  for (int q = 1; q <= 4; ++q)
    sql += ", SUM(CASE WHEN " + x + "quad_class = " + std::to_string(q) + " THEN 1 ELSE 0 END)";
  sql += ", SUM(" + x + "goldstein)";
  std::vector<SqlValue> params;
  Status s = Where(f, &sql, &params);
  if (!s.ok()) return s;
  sql += " AND " + x + "has_location <> 0 GROUP BY " + x + "loc_name, " + x + "loc_country, " + x + "loc_feature, " +
         x + "loc_lat, " + x + "loc_lon ORDER BY COUNT(*) DESC, " + x + "loc_name LIMIT ?";
  params.push_back(SqlValue::Int(static_cast<int64_t>(limit)));
  std::vector<SqlRow> rows;
  s = db_->Query(sql, params, &rows);
  if (!s.ok()) return s;
  out->clear();
  for (auto& r : rows) {
    PlaceSummary p;
    p.name = r[0].AsText();
    p.country = r[1].AsText();
    p.feature = r[2].AsText();
    p.lat = r[3].AsReal();
    p.lon = r[4].AsReal();
    p.events = r[5].AsInt();
    for (int q = 1; q <= 4; ++q) p.by_quad[q] = r[5 + q].AsInt();
    p.goldstein_sum = r[10].AsReal();
    out->push_back(std::move(p));
  }
  return Status::OK();
}

Status StoreSummary::Evidence(int64_t merged_id, std::vector<EvidenceContext>* out) {
  std::vector<SqlRow> rows;
  Status s = db_->Query(
      "SELECT e.id, e.sentence, e.span_begin, e.span_end, a.doc_id, a.title, a.source, a.url, a.publish_date,"
      " a.text, a.sentences FROM merged_links l JOIN events e ON e.id = l.event_id"
      " JOIN articles a ON a.id = e.article_id WHERE l.merged_id = ? ORDER BY e.day, a.doc_id, e.ord",
      {SqlValue::Int(merged_id)}, &rows);
  if (!s.ok()) return s;
  out->clear();
  for (auto& r : rows) {
    EvidenceContext c;
    c.event_row = r[0].AsInt();
    c.doc_id = r[4].AsText();
    c.title = r[5].AsText();
    c.source = r[6].AsText();
    c.url = r[7].AsText();
    c.publish_date = r[8].AsText();
    const int64_t sentence = r[1].AsInt();
    const int64_t b = r[2].AsInt(), e = r[3].AsInt();
    c.span_begin = 0;
    c.span_end = static_cast<uint32_t>(e - b);
    if (!r[9].is_null() && !r[10].is_null()) {
      const std::string text = r[9].AsText();
      rapidjson::Document sj;
      sj.Parse(r[10].AsText().c_str());
      if (!sj.HasParseError() && sj.IsArray() && sentence >= 0 && sentence < static_cast<int64_t>(sj.Size())) {
        const auto& pair = sj[static_cast<rapidjson::SizeType>(sentence)];
        if (pair.IsArray() && pair.Size() == 2 && pair[0].IsInt64() && pair[1].IsInt64()) {
          int64_t sb = pair[0].GetInt64(), se = pair[1].GetInt64();
          // Spans may run past their sentence (an event told over two);
          // the context then covers both.
          sb = std::min(sb, b);
          se = std::max(se, e);
          if (sb >= 0 && se <= static_cast<int64_t>(text.size()) && sb <= se) {
            c.has_sentence = true;
            c.sentence_text = text.substr(static_cast<size_t>(sb), static_cast<size_t>(se - sb));
            c.span_begin = static_cast<uint32_t>(b - sb);
            c.span_end = static_cast<uint32_t>(e - sb);
          }
        }
      }
    }
    out->push_back(std::move(c));
  }
  return Status::OK();
}

}  // namespace parley
