// SqlDb over PostgreSQL through libpqxx 6.x.
//
// One connection per Store. Statements run through a pqxx::nontransaction
// with explicit BEGIN/COMMIT, so the store's logic controls transactions the
// same way for both back ends. Writers serialise on a transaction-scoped
// advisory lock (kWriterLock), which makes id allocation and the merge safe
// with several ingesting processes; readers take no lock. Rows go in with
// one COPY per table per batch, which keeps round trips per batch few.
#include <pqxx/pqxx>
#include <pqxx/tablewriter>

#include <string>

#include "store/sql.h"

namespace parley::store {
namespace {

constexpr long kWriterLock = 0x7061726c;  // "parl"

// `?` -> $1, $2, ... outside quoted literals.
std::string Dollarize(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

// postgresql://user:secret@host/db -> postgresql://user:***@host/db
std::string Redact(const std::string& uri) {
  size_t scheme = uri.find("://");
  size_t at = uri.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return uri;
  size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

Status FromSqlState(const std::string& state, const std::string& msg) {
  std::string cls = state.substr(0, 2);
  if (cls == "08" || cls == "40" || cls == "53" || cls == "57") return Status::Unavailable(msg);
  if (cls == "22" || cls == "23") return Status::InvalidInput(msg);
  if (cls == "XX") return Status::Corrupt(msg);
  return Status::IOError(msg);
}

class PostgresDb : public SqlDb {
 public:
  explicit PostgresDb(std::unique_ptr<pqxx::connection> conn) : conn_(std::move(conn)) {}
  ~PostgresDb() override {
    if (in_txn_) (void)Rollback();
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Exec(const std::string& sql) override {
    return Run([&] {
      pqxx::nontransaction tx(*conn_);
      tx.exec(sql);
    });
  }

  Status Query(const std::string& sql, const std::vector<SqlValue>& params, std::vector<SqlRow>* rows) override {
    std::string text = Dollarize(sql);
    return Run([&] {
      std::vector<std::string> strs;
      std::vector<const char*> ptrs;
      MakeParams(params, &strs, &ptrs);
      pqxx::nontransaction tx(*conn_);
      pqxx::result r = tx.exec_params(text, pqxx::prepare::make_dynamic_params(ptrs));
      if (!rows) return;
      for (const auto& row : r) {
        SqlRow out(row.size());
        for (size_t c = 0; c < row.size(); ++c) {
          const pqxx::field f = row[static_cast<pqxx::row::size_type>(c)];
          if (!f.is_null()) out[c] = SqlValue::Text(std::string(f.c_str(), f.size()));
        }
        rows->push_back(std::move(out));
      }
    });
  }

  // COPY ... FROM STDIN in text format: far cheaper per value than binding
  // parameters of a multi-row INSERT.
  Status Insert(const std::string& table, const std::vector<std::string>& columns,
                const std::vector<SqlRow>& rows) override {
    if (rows.empty()) return Status::OK();
    return Run([&] {
      pqxx::nontransaction tx(*conn_);
      // tablewriter is deprecated in libpqxx 6 in favour of stream_to, which
      // takes only compile-time tuples; raw lines, escaped here, are exact.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
      pqxx::tablewriter w(tx, table, columns.begin(), columns.end());
#pragma GCC diagnostic pop
      std::string line;
      for (const SqlRow& row : rows) {
        line.clear();
        for (size_t c = 0; c < row.size(); ++c) {
          if (c) line += '\t';
          const SqlValue& v = row[c];
          if (v.is_null()) {
            line += "\\N";
            continue;
          }
          const std::string text = v.kind == SqlValue::Kind::kText ? std::string() : v.ToParam();
          for (char ch : v.kind == SqlValue::Kind::kText ? v.s : text) {
            switch (ch) {
              case '\\': line += "\\\\"; break;
              case '\t': line += "\\t"; break;
              case '\n': line += "\\n"; break;
              case '\r': line += "\\r"; break;
              default: line += ch;
            }
          }
        }
        w.write_raw_line(line);
      }
      w.complete();
    });
  }

  Status BeginWrite() override {
    Status s = Exec("BEGIN");
    if (!s.ok()) return s;
    in_txn_ = true;
    // synchronous_commit off: COMMIT returns before the WAL reaches the disk,
    // the promise SQLite's synchronous=NORMAL makes. A crash of the server
    // may lose the last commits, never part of one; a killed client loses
    // nothing committed.
    s = Exec("SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLock) + ")");
    if (!s.ok()) (void)Rollback();
    return s;
  }
  Status BeginRead() override {
    Status s = Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (s.ok()) in_txn_ = true;
    return s;
  }
  Status Commit() override {
    in_txn_ = false;
    return Exec("COMMIT");
  }
  Status Rollback() override {
    if (!in_txn_) return Status::OK();
    in_txn_ = false;
    return Exec("ROLLBACK");
  }

 private:
  static void MakeParams(const std::vector<SqlValue>& params, std::vector<std::string>* strs,
                         std::vector<const char*>* ptrs) {
    strs->resize(params.size());
    ptrs->resize(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].is_null()) {
        (*ptrs)[i] = nullptr;
      } else if (params[i].kind == SqlValue::Kind::kText) {
        (*ptrs)[i] = params[i].s.c_str();
      } else {
        (*strs)[i] = params[i].ToParam();
        (*ptrs)[i] = (*strs)[i].c_str();
      }
    }
  }

  template <typename F>
  Status Run(F&& f) {
    try {
      f();
      return Status::OK();
    } catch (const pqxx::broken_connection& e) {
      in_txn_ = false;
      return Status::Unavailable(std::string("postgresql: connection lost: ") + e.what());
    } catch (const pqxx::sql_error& e) {
      return FromSqlState(e.sqlstate(), std::string("postgresql: ") + e.what());
    } catch (const pqxx::transaction_rollback& e) {
      return Status::Unavailable(std::string("postgresql: ") + e.what());
    } catch (const std::exception& e) {
      return Status::IOError(std::string("postgresql: ") + e.what());
    }
  }

  std::unique_ptr<pqxx::connection> conn_;
  bool in_txn_ = false;
};

}  // namespace

Status OpenPostgres(const std::string& uri, const StoreOptions& opts, std::unique_ptr<SqlDb>* out) {
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(uri);
  } catch (const std::exception& e) {
    std::string msg = e.what();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Status::Unavailable("cannot connect to " + Redact(uri) + ": " + msg);
  }
  auto db = std::make_unique<PostgresDb>(std::move(conn));
  Status s = db->Exec("SET client_min_messages = warning");
  if (!s.ok()) return s;
  *out = std::move(db);
  return Status::OK();
}

}  // namespace parley::store
