// work_log.h: WorkLog — what the cluster's workers record beside the coded
// articles, in the same database: articles that could not be coded or
// stored (error rows) and one row per written batch (for throughput).
//
// Tables (created on first use, kept apart from the store's own schema so
// that the store can change without them):
//   work_errors  (entry_id PRIMARY KEY, doc_id, consumer, error, at_ms)
//   work_batches (at_ms, consumer, articles, errors)   pruned after a day
// Recording is idempotent: a redelivered entry's error row replaces itself.
// Tested by tests/e2e/cluster.sh.
#ifndef PARLEY_STORE_WORK_LOG_H_
#define PARLEY_STORE_WORK_LOG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "parley/status.h"

namespace parley {

namespace store {
class SqlDb;
}

struct WorkError {
  std::string entry_id;  // the queue entry (unique per submitted article)
  std::string doc_id;
  std::string consumer;
  std::string error;
};

struct WorkSummary {
  int64_t errors = 0;                 // error rows
  int64_t window_articles = 0;        // articles (coded or failed) in batches of the window
  int64_t window_batches = 0;
  // Per consumer within the window: articles, and the time of its last batch (ms).
  struct Consumer {
    std::string name;
    int64_t articles = 0, batches = 0, last_ms = 0;
  };
  std::vector<Consumer> consumers;
};

class WorkLog {
 public:
  // The same uri as Store::Open (a PostgreSQL uri or a SQLite path).
  static Status Open(const std::string& uri, std::unique_ptr<WorkLog>* out);
  ~WorkLog();

  Status RecordErrors(const std::vector<WorkError>& errors, int64_t at_ms);
  Status RecordBatch(const std::string& consumer, int64_t articles, int64_t errors, int64_t at_ms);
  // Totals, and batches with at_ms in [now_ms - window_ms, now_ms].
  Status Summarise(int64_t now_ms, int64_t window_ms, WorkSummary* out);

 private:
  explicit WorkLog(std::unique_ptr<store::SqlDb> db);
  std::unique_ptr<store::SqlDb> db_;
  int batches_since_prune_ = 0;
};

}  // namespace parley

#endif  // PARLEY_STORE_WORK_LOG_H_
