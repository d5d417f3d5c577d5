#include "store/sql.h"

#include <charconv>
#include <cstdlib>

namespace parley::store {

int64_t SqlValue::AsInt() const {
  switch (kind) {
    case Kind::kNull: return 0;
    case Kind::kInt: return i;
    case Kind::kReal: return static_cast<int64_t>(d);
    case Kind::kText: return std::strtoll(s.c_str(), nullptr, 10);
  }
  return 0;
}

double SqlValue::AsReal() const {
  switch (kind) {
    case Kind::kNull: return 0;
    case Kind::kInt: return static_cast<double>(i);
    case Kind::kReal: return d;
    case Kind::kText: return std::strtod(s.c_str(), nullptr);
  }
  return 0;
}

std::string SqlValue::AsText() const {
  switch (kind) {
    case Kind::kNull: return "";
    case Kind::kInt: return std::to_string(i);
    case Kind::kReal: return ToParam();
    case Kind::kText: return s;
  }
  return "";
}

std::string SqlValue::ToParam() const {
  switch (kind) {
    case Kind::kNull: return "";
    case Kind::kInt: return std::to_string(i);
    case Kind::kReal: {
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest exact form
      return std::string(buf, r.ptr);
    }
    case Kind::kText: return s;
  }
  return "";
}

Status QueryIn(SqlDb* db, const std::string& sql_prefix, const std::string& sql_suffix,
               const std::vector<SqlValue>& values, std::vector<SqlRow>* rows) {
  constexpr size_t kChunk = 500;
  for (size_t at = 0; at < values.size(); at += kChunk) {
    size_t n = std::min(kChunk, values.size() - at);
    std::string sql = sql_prefix;
    sql += '(';
    for (size_t k = 0; k < n; ++k) sql += k ? ",?" : "?";
    sql += ')';
    sql += sql_suffix;
    std::vector<SqlValue> params(values.begin() + at, values.begin() + at + n);
    std::vector<SqlRow> part;
    Status s = db->Query(sql, params, rows ? &part : nullptr);
    if (!s.ok()) return s;
    if (rows) for (auto& r : part) rows->push_back(std::move(r));
  }
  return Status::OK();
}

}  // namespace parley::store
