// filter_sql.h: the SQL conditions of an EventFilter, for code in src/store/
// that reads the schema directly (summary.cc) and must select exactly the
// events Store::Query would.
#ifndef PARLEY_STORE_FILTER_SQL_H_
#define PARLEY_STORE_FILTER_SQL_H_

#include <string>
#include <vector>

#include "parley/store.h"
#include "store/sql.h"

namespace parley::store {

// Appends " AND (...)" conditions for `f` to *sql and their values to
// *params. The table aliases are those of Store::Query: merged events `m`
// (merged_events); raw events `e` (events) joined with `a` (articles) and
// `l` (merged_links). InvalidInput: a filter value the store refuses.
Status AppendFilterSql(const EventFilter& f, std::string* sql, std::vector<SqlValue>* params);

}  // namespace parley::store

#endif  // PARLEY_STORE_FILTER_SQL_H_
