// WorkLog over an SqlDb; see work_log.h.
#include "store/work_log.h"

#include "store/sql.h"

namespace parley {

using store::SqlDb;
using store::SqlRow;
using store::SqlValue;

namespace {

const char* const kWorkSchema = R"SQL(
CREATE TABLE IF NOT EXISTS work_errors (
  entry_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, consumer TEXT NOT NULL, error TEXT NOT NULL,
  at_ms BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS work_batches (
  at_ms BIGINT NOT NULL, consumer TEXT NOT NULL, articles BIGINT NOT NULL, errors BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS work_batches_at ON work_batches (at_ms);
)SQL";

constexpr int64_t kKeepBatchesMs = 24LL * 3600 * 1000;

// Database text must be valid UTF-8 without NUL: an error message may quote
// the bad bytes of a bad article.
std::string CleanText(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size() && c != 0 && !(len == 2 && c < 0xC2);
    for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

}  // namespace

WorkLog::WorkLog(std::unique_ptr<SqlDb> db) : db_(std::move(db)) {}
WorkLog::~WorkLog() = default;

Status WorkLog::Open(const std::string& uri, std::unique_ptr<WorkLog>* out) {
  std::unique_ptr<SqlDb> db;
  Status s;
  auto starts = [&](const char* p) { return uri.rfind(p, 0) == 0; };
  if (starts("postgresql://") || starts("postgres://")) {
#ifdef PARLEY_HAVE_POSTGRES
    s = store::OpenPostgres(uri, StoreOptions{}, &db);
#else
    return Status::Unsupported("this parley was built without PostgreSQL support (libpqxx)");
#endif
  } else {
    std::string path = uri;
    if (starts("sqlite://")) path = uri.substr(9);
    else if (starts("sqlite:")) path = uri.substr(7);
    s = store::OpenSqlite(path, StoreOptions{}, &db);
  }
  if (!s.ok()) return s;
  // Under the store's writer lock: two workers starting at once must not
  // both create the tables.
  s = db->BeginWrite();
  if (s.ok()) s = db->Exec(kWorkSchema);
  if (s.ok()) s = db->Commit();
  if (!s.ok()) {
    (void)db->Rollback();
    return s;
  }
  out->reset(new WorkLog(std::move(db)));
  return Status::OK();
}

Status WorkLog::RecordErrors(const std::vector<WorkError>& errors, int64_t at_ms) {
  for (const WorkError& e : errors) {
    Status s = db_->Query(
        "INSERT INTO work_errors (entry_id, doc_id, consumer, error, at_ms) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (entry_id) DO UPDATE SET doc_id = excluded.doc_id, consumer = excluded.consumer, "
        "error = excluded.error, at_ms = excluded.at_ms",
        {SqlValue::Text(CleanText(e.entry_id)), SqlValue::Text(CleanText(e.doc_id)),
         SqlValue::Text(CleanText(e.consumer)), SqlValue::Text(CleanText(e.error)), SqlValue::Int(at_ms)},
        nullptr);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

Status WorkLog::RecordBatch(const std::string& consumer, int64_t articles, int64_t errors, int64_t at_ms) {
  Status s = db_->Query("INSERT INTO work_batches (at_ms, consumer, articles, errors) VALUES (?, ?, ?, ?)",
                        {SqlValue::Int(at_ms), SqlValue::Text(CleanText(consumer)), SqlValue::Int(articles),
                         SqlValue::Int(errors)},
                        nullptr);
  if (s.ok() && ++batches_since_prune_ >= 200) {
    batches_since_prune_ = 0;
    s = db_->Query("DELETE FROM work_batches WHERE at_ms < ?", {SqlValue::Int(at_ms - kKeepBatchesMs)}, nullptr);
  }
  return s;
}

Status WorkLog::Summarise(int64_t now_ms, int64_t window_ms, WorkSummary* out) {
  WorkSummary sum;
  std::vector<SqlRow> rows;
  Status s = db_->Query("SELECT COUNT(*) FROM work_errors", {}, &rows);
  if (!s.ok()) return s;
  sum.errors = rows.empty() ? 0 : rows[0][0].AsInt();
  rows.clear();
  s = db_->Query(
      "SELECT consumer, SUM(articles + errors), COUNT(*), MAX(at_ms) FROM work_batches "
      "WHERE at_ms >= ? AND at_ms <= ? GROUP BY consumer ORDER BY consumer",
      {SqlValue::Int(now_ms - window_ms), SqlValue::Int(now_ms)}, &rows);
  if (!s.ok()) return s;
  for (const SqlRow& r : rows) {
    WorkSummary::Consumer c{r[0].AsText(), r[1].AsInt(), r[2].AsInt(), r[3].AsInt()};
    sum.window_articles += c.articles;
    sum.window_batches += c.batches;
    sum.consumers.push_back(std::move(c));
  }
  *out = std::move(sum);
  return Status::OK();
}

}  // namespace parley
