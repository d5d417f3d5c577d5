// sql.h: SqlValue, SqlRow, SqlDb — the thin layer the store's logic is
// written against, so that SQLite and PostgreSQL run the same SQL.
//
// Statements use `?` placeholders (SQLite's own; rewritten to $1, $2, ... for
// PostgreSQL) and stick to the SQL both dialects accept: CTEs with VALUES,
// row values, ON CONFLICT upserts, LOWER/LIKE ... ESCAPE, CAST(? AS BIGINT).
// Identifiers never need quoting. Every value crosses as an SqlValue.
#ifndef PARLEY_STORE_SQL_H_
#define PARLEY_STORE_SQL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/status.h"
#include "parley/store.h"

namespace parley::store {

struct SqlValue {
  enum class Kind : uint8_t { kNull, kInt, kReal, kText };
  Kind kind = Kind::kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;

  static SqlValue Null() { return SqlValue(); }
  static SqlValue Int(int64_t v) { SqlValue x; x.kind = Kind::kInt; x.i = v; return x; }
  static SqlValue Real(double v) { SqlValue x; x.kind = Kind::kReal; x.d = v; return x; }
  static SqlValue Text(std::string v) { SqlValue x; x.kind = Kind::kText; x.s = std::move(v); return x; }
  // "" -> NULL.
  static SqlValue TextOrNull(const std::string& v) { return v.empty() ? Null() : Text(v); }
  static SqlValue Opt(const std::optional<std::string>& v) { return v ? Text(*v) : Null(); }

  bool is_null() const { return kind == Kind::kNull; }
  // Conversions from whatever the back end returned (PostgreSQL: text).
  int64_t AsInt() const;
  double AsReal() const;
  std::string AsText() const;   // NULL -> ""
  // The value as PostgreSQL text input; requires !is_null().
  std::string ToParam() const;
};

using SqlRow = std::vector<SqlValue>;

class SqlDb {
 public:
  enum class Dialect { kSqlite, kPostgres };
  virtual ~SqlDb() = default;
  virtual Dialect dialect() const = 0;

  // Runs one or more statements without parameters.
  virtual Status Exec(const std::string& sql) = 0;
  // Runs one statement; rows (if non-null) receives its result rows.
  virtual Status Query(const std::string& sql, const std::vector<SqlValue>& params,
                       std::vector<SqlRow>* rows) = 0;
  // INSERT INTO table (columns) VALUES rows... (each row has columns.size() values).
  virtual Status Insert(const std::string& table, const std::vector<std::string>& columns,
                        const std::vector<SqlRow>& rows) = 0;

  // A write transaction: at most one at a time per database, whatever the
  // process (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped
  // advisory lock). Waits for other writers.
  virtual Status BeginWrite() = 0;
  // A read transaction: one consistent snapshot for several queries.
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;  // safe to call when no transaction is open
};

Status OpenSqlite(const std::string& path, const StoreOptions& opts, std::unique_ptr<SqlDb>* out);
#ifdef PARLEY_HAVE_POSTGRES
Status OpenPostgres(const std::string& uri, const StoreOptions& opts, std::unique_ptr<SqlDb>* out);
#endif

// Opens the database a store URI names: "postgresql://..." or
// "postgres://..." (an error when built without libpqxx), else a SQLite file
// given as a path, "sqlite:PATH" or "sqlite://PATH". `check_path` vets the
// SQLite path before it is opened (whether it must exist already).
Status OpenSqlDb(const std::string& uri, const StoreOptions& opts,
                 const std::function<Status(const std::string& path)>& check_path, std::unique_ptr<SqlDb>* out);

// Runs `sql_prefix` + "(?, ?, ...)" over `values` in chunks (IN lists), appending rows.
Status QueryIn(SqlDb* db, const std::string& sql_prefix, const std::string& sql_suffix,
               const std::vector<SqlValue>& values, std::vector<SqlRow>* rows);

}  // namespace parley::store

#endif  // PARLEY_STORE_SQL_H_
