// SqlDb over SQLite 3 (the embedded default store).
//
// The file runs in WAL mode with synchronous=NORMAL: a killed process never
// leaves a half-written transaction behind (the next open rolls the log back
// to the last commit), readers do not block the writer, and one writer at a
// time holds the lock (BEGIN IMMEDIATE, waiting up to busy_timeout_ms).
// Prepared statements are cached by their SQL text.
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "store/sql.h"

namespace parley::store {
namespace {

Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Status::Unavailable(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Status::Corrupt(msg);
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE: return Status::InvalidInput(msg);
    default: return Status::IOError(msg);
  }
}

class SqliteDb : public SqlDb {
 public:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  ~SqliteDb() override {
    ClearCache();
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Exec(const std::string& sql) override {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return SqliteStatus(db_, rc, "sqlite");
    return Status::OK();
  }

  Status Query(const std::string& sql, const std::vector<SqlValue>& params, std::vector<SqlRow>* rows) override {
    sqlite3_stmt* st = nullptr;
    Status s = Prepare(sql, &st);
    if (!s.ok()) return s;
    s = Bind(st, params);
    if (!s.ok()) return Done(st, s);
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Done(st, SqliteStatus(db_, rc, "sqlite"));
      if (!rows) continue;
      int n = sqlite3_column_count(st);
      SqlRow row(n);
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_INTEGER: row[c] = SqlValue::Int(sqlite3_column_int64(st, c)); break;
          case SQLITE_FLOAT: row[c] = SqlValue::Real(sqlite3_column_double(st, c)); break;
          case SQLITE_NULL: break;
          default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            row[c] = SqlValue::Text(std::string(p ? p : "", sqlite3_column_bytes(st, c)));
          }
        }
      }
      rows->push_back(std::move(row));
    }
    return Done(st, Status::OK());
  }

  // Several rows per statement (the rest one by one): a step per 32 rows
  // costs much less than a step per row. 999 parameters at most, the limit
  // of SQLite before 3.32.
  Status Insert(const std::string& table, const std::vector<std::string>& columns,
                const std::vector<SqlRow>& rows) override {
    const size_t per_insert = std::max<size_t>(1, std::min<size_t>(32, 999 / std::max<size_t>(1, columns.size())));
    size_t at = 0;
    while (at < rows.size()) {
      const size_t n = rows.size() - at >= per_insert ? per_insert : 1;
      sqlite3_stmt* st = nullptr;
      Status s = Prepare(InsertSql(table, columns, n), &st);
      if (!s.ok()) return s;
      int k = 1;
      for (size_t r = at; r < at + n; ++r) {
        s = Bind(st, rows[r], k);
        if (!s.ok()) return Done(st, s);
        k += static_cast<int>(rows[r].size());
      }
      int rc = sqlite3_step(st);
      if (rc != SQLITE_DONE) return Done(st, SqliteStatus(db_, rc, "sqlite: insert into " + table));
      sqlite3_reset(st);
      at += n;
    }
    return Status::OK();
  }

  Status BeginWrite() override { return Exec("BEGIN IMMEDIATE"); }
  Status BeginRead() override { return Exec("BEGIN"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override {
    if (sqlite3_get_autocommit(db_)) return Status::OK();
    return Exec("ROLLBACK");
  }

 private:
  Status Prepare(const std::string& sql, sqlite3_stmt** out) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
      *out = it->second;
      return Status::OK();
    }
    if (cache_.size() >= 256) ClearCache();
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &st, nullptr);
    if (rc != SQLITE_OK) return SqliteStatus(db_, rc, "sqlite: prepare");
    cache_.emplace(sql, st);
    *out = st;
    return Status::OK();
  }

  // Binds params to the placeholders from number `first` on.
  Status Bind(sqlite3_stmt* st, const std::vector<SqlValue>& params, int first = 1) {
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      int k = first + static_cast<int>(i), rc = SQLITE_OK;
      switch (v.kind) {
        case SqlValue::Kind::kNull: rc = sqlite3_bind_null(st, k); break;
        case SqlValue::Kind::kInt: rc = sqlite3_bind_int64(st, k, v.i); break;
        case SqlValue::Kind::kReal: rc = sqlite3_bind_double(st, k, v.d); break;
        case SqlValue::Kind::kText:
          rc = sqlite3_bind_text(st, k, v.s.data(), static_cast<int>(v.s.size()), SQLITE_STATIC);
          break;
      }
      if (rc != SQLITE_OK) return SqliteStatus(db_, rc, "sqlite: bind");
    }
    return Status::OK();
  }

  // INSERT INTO table (columns) VALUES (?, ...), ... with `rows` rows.
  static std::string InsertSql(const std::string& table, const std::vector<std::string>& columns, size_t rows) {
    std::string sql = "INSERT INTO " + table + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? "," : "") + columns[i];
    sql += ") VALUES ";
    for (size_t r = 0; r < rows; ++r) {
      sql += r ? ",(" : "(";
      for (size_t i = 0; i < columns.size(); ++i) sql += i ? ",?" : "?";
      sql += ')';
    }
    return sql;
  }

  // Resets `st` for its next use and passes `s` through.
  Status Done(sqlite3_stmt* st, Status s) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return s;
  }

  void ClearCache() {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    cache_.clear();
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Status OpenSqlite(const std::string& path, const StoreOptions& opts, std::unique_ptr<SqlDb>* out) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Status s = Status::IOError("cannot open store " + path + ": " +
                               (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return s;
  }
  sqlite3_busy_timeout(db, opts.busy_timeout_ms);
  auto sdb = std::make_unique<SqliteDb>(db);
  // journal_mode needs the file to be a database: a stray file fails here.
  Status s = sdb->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
      " PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;"
      " PRAGMA wal_autocheckpoint=8192;");
  if (!s.ok()) {
    if (s.code() == Status::Code::kCorrupt) return Status::Corrupt("store " + path + " is not a parley store: " + s.message());
    return Status(s);
  }
  *out = std::move(sdb);
  return Status::OK();
}

}  // namespace parley::store
