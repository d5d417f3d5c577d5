// cluster.h: coding a stream of articles on many machines.
//
//   submit  articles -> a Redis Stream (one entry per article), waiting while
//           the stream holds `max_len` entries or more (back-pressure; the
//           stream is never trimmed)
//   worker  a member of the stream's consumer group: reads a batch, codes it,
//           writes it with Store::Ingest (atomic and idempotent), and only
//           then acknowledges and deletes the entries (XACK + XDEL in one
//           MULTI), so the stream holds exactly the work not yet done
//   status  the queue, its consumers, the dead letters and the store
//
// Delivery is at least once; the store's idempotent Ingest (a doc_id stored
// unchanged is skipped) makes it exactly once in the store. Entries pending
// on a worker that stopped answering are claimed by others (XAUTOCLAIM)
// after `claim_timeout_ms`; an entry delivered more than `max_deliveries`
// times, an article that cannot be coded and one the store refuses go to the
// dead-letter stream STREAM:dead with their error, and to the store's
// work_errors table (store/work_log.h). docs/cluster.md has the design.
#ifndef PARLEY_CLUSTER_CLUSTER_H_
#define PARLEY_CLUSTER_CLUSTER_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "io/reader.h"
#include "parley/pipeline.h"

namespace parley::cluster {

// Fields of a queue entry.
inline constexpr const char* kFieldId = "id";
inline constexpr const char* kFieldText = "text";
inline constexpr const char* kFieldDate = "date";
inline constexpr const char* kFieldTitle = "title";
inline constexpr const char* kFieldUrl = "url";
inline constexpr const char* kFieldSource = "source";
inline constexpr const char* kFieldError = "error";  // the reader could not read the article
// The dead-letter stream of STREAM.
std::string DeadLetterStream(const std::string& stream);

struct SubmitOptions {
  std::string queue;                 // redis://HOST:PORT/STREAM
  std::string group = "parley";      // created (from the start of the stream) if missing
  size_t max_len = 10000;            // wait while the stream holds this many entries
  bool quiet = false;
};
// Exit status: 0 all submitted; 1 some inputs could not be read (they are
// submitted anyway, with their error, and reach the dead letters); 2 usage
// or set-up error.
int RunSubmit(const std::vector<std::string>& inputs, const ReaderOptions& ropt, const SubmitOptions& opt);

struct WorkerOptions {
  std::string queue;                 // redis://HOST:PORT/STREAM
  std::string store;                 // postgresql://... (or a SQLite path, one machine)
  std::string group = "parley";
  std::string consumer;              // default HOSTNAME-PID
  size_t batch = 64;                 // entries per batch
  int threads = 1;                   // coding threads
  int64_t claim_timeout_ms = 30000;  // claim entries pending this long on another consumer
  int max_deliveries = 5;            // more deliveries than this: dead letter
  std::string metrics;               // ADDR:PORT for /metrics, "" = none
  int64_t exit_when_idle_ms = 0;     // > 0: exit after this long with no work (tests, batch jobs)
  std::filesystem::path data;        // dictionaries
  CodeOptions code;
};
// Runs until SIGTERM/SIGINT (finishing the batch in hand). Exit status 0; 2
// on a usage or set-up error (bad options, dictionaries). Outages of Redis or
// the store never end it: it backs off and retries.
int RunWorker(const WorkerOptions& opt);

struct StatusOptions {
  std::string queue, store, group = "parley";
  bool json = false;
};
int RunStatus(const StatusOptions& opt);

// Adds libpq settings a worker's store session needs so that a worker
// stopped inside a write transaction (SIGSTOP, a hung VM) cannot hold the
// store's writer lock for ever: idle_in_transaction_session_timeout and
// statement_timeout. Options already in the uri win. Non-PostgreSQL uris are
// returned unchanged.
std::string WorkerStoreUri(const std::string& uri, int idle_in_txn_ms, int statement_ms);

}  // namespace parley::cluster

#endif  // PARLEY_CLUSTER_CLUSTER_H_
