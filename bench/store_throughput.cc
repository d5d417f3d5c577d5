// parley_store_bench: ingest throughput of the event store.
//
//   parley_store_bench [--store URI] [--batch N] [--chunk N] [--repeat N] [--keep] FILE.jsonl...
//
// Reads `parley code` output (JSON Lines), then ingests it into a fresh store
// the way `parley ingest` does: Store::Ingest over chunks of --chunk articles,
// --batch articles per transaction. Prints articles/s, events/s and rows/s
// (every row stored: articles, events, entities, quotes, counts, merged
// events and their links), both over the time spent in Store::Ingest and over
// the wall time (line parsing included) and over this process's processor
// time in Store::Ingest (steadier on a busy machine; a PostgreSQL server's
// work is not in it), then the store size per 1,000
// articles and the speed of re-ingesting the same input unchanged.
//
// SQLite (default, /tmp/parley_store_bench.db): the file is deleted first;
// its size is measured after the store is closed (WAL checkpointed).
// PostgreSQL (postgresql://...): works in schema parley_bench, dropped and
// created first; the size is the sum of pg_total_relation_size over its
// tables. --repeat N ingests the input N times, copy r with doc_ids suffixed
// "~r", for a larger store. See bench/README.md.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "parley/store.h"
#include "store/output_reader.h"
#ifdef PARLEY_HAVE_POSTGRES
#include <pqxx/pqxx>
#endif

namespace {

using Clock = std::chrono::steady_clock;

int Usage(const char* msg) {
  if (msg) std::fprintf(stderr, "parley_store_bench: %s\n", msg);
  std::fprintf(stderr,
               "usage: parley_store_bench [--store URI] [--batch N] [--chunk N] [--repeat N] [--keep] FILE.jsonl...\n"
               "  --store URI   SQLite path or postgresql://... [/tmp/parley_store_bench.db]\n"
               "  --batch N     articles per transaction (StoreOptions::batch_size) [1024]\n"
               "  --chunk N     articles per Store::Ingest call [4 x batch, as parley ingest]\n"
               "  --repeat N    ingest the input N times with distinct doc_ids [1]\n"
               "  --keep        keep the SQLite file afterwards\n");
  return 2;
}

bool IsPostgres(const std::string& uri) {
  return uri.rfind("postgresql://", 0) == 0 || uri.rfind("postgres://", 0) == 0;
}

constexpr const char* kPgSchema = "parley_bench";

// Removes what a previous run left and returns the uri to open.
std::string FreshStore(const std::string& uri) {
  if (!IsPostgres(uri)) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(uri + suffix);
    return uri;
  }
#ifdef PARLEY_HAVE_POSTGRES
  pqxx::connection c(uri);
  pqxx::nontransaction tx(c);
  tx.exec(std::string("SET client_min_messages = warning; DROP SCHEMA IF EXISTS ") + kPgSchema +
          " CASCADE; CREATE SCHEMA " + kPgSchema);
#endif
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + kPgSchema;
}

// Bytes the store occupies: the SQLite file, or PostgreSQL's tables with
// their indexes and TOAST.
int64_t StoreBytes(const std::string& uri) {
  if (!IsPostgres(uri)) {
    int64_t n = 0;
    std::error_code ec;
    for (const char* suffix : {"", "-wal"}) {
      auto size = std::filesystem::file_size(uri + suffix, ec);
      if (!ec) n += static_cast<int64_t>(size);
    }
    return n;
  }
#ifdef PARLEY_HAVE_POSTGRES
  pqxx::connection c(uri);
  pqxx::nontransaction tx(c);
  pqxx::result r = tx.exec(std::string(
                               "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                               "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = '") +
                           kPgSchema + "'");
  return r[0][0].as<int64_t>();
#else
  return -1;
#endif
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Processor time of this process (user + system), in seconds.
double CpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

struct Pass {
  size_t articles = 0, failed = 0;
  double ingest_s = 0, ingest_cpu_s = 0, wall_s = 0;
};

// Parses and ingests `lines` `repeat` times in chunks; false on a store error.
bool IngestAll(parley::Store* store, const std::vector<std::string>& lines, int repeat, size_t chunk, Pass* p) {
  using namespace parley;
  const auto start = Clock::now();
  std::vector<Document> docs;
  auto flush = [&] {
    if (docs.empty()) return true;
    std::vector<const Document*> ptrs;
    for (auto& d : docs) ptrs.push_back(&d);
    std::vector<Status> per;
    const auto t0 = Clock::now();
    const double cpu0 = CpuSeconds();
    Status s = store->Ingest(ptrs, &per);
    p->ingest_cpu_s += CpuSeconds() - cpu0;
    p->ingest_s += Seconds(Clock::now() - t0);
    if (!s.ok()) {
      std::fprintf(stderr, "parley_store_bench: %s\n", s.message().c_str());
      return false;
    }
    for (auto& st : per) p->failed += st.ok() ? 0 : 1;
    p->articles += docs.size();
    docs.clear();
    return true;
  };
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& line : lines) {
      Document d;
      if (!ReadOutputLine(line, &d).ok()) {
        ++p->failed;
        continue;
      }
      if (r > 0) {
        d.doc_id += '~';
        d.doc_id += std::to_string(r);
      }
      docs.push_back(std::move(d));
      if (docs.size() >= chunk && !flush()) return false;
    }
  }
  bool ok = flush();
  p->wall_s = Seconds(Clock::now() - start);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace parley;
  std::string uri = "/tmp/parley_store_bench.db";
  size_t batch = 1024, chunk = 0;  // chunk 0: 4 x batch
  int repeat = 1;
  bool keep = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto number = [&](long min, long* out) {
      if (i + 1 >= argc) return false;
      *out = std::atol(argv[++i]);
      return *out >= min;
    };
    long n = 0;
    if (a == "--store") {
      if (i + 1 >= argc) return Usage("--store needs a uri");
      uri = argv[++i];
    } else if (a == "--batch") {
      if (!number(1, &n)) return Usage("--batch needs a positive number");
      batch = static_cast<size_t>(n);
    } else if (a == "--chunk") {
      if (!number(1, &n)) return Usage("--chunk needs a positive number");
      chunk = static_cast<size_t>(n);
    } else if (a == "--repeat") {
      if (!number(1, &n)) return Usage("--repeat needs a positive number");
      repeat = static_cast<int>(n);
    } else if (a == "--keep") {
      keep = true;
    } else if (a == "-h" || a == "--help") {
      Usage(nullptr);
      return 0;
    } else if (a.size() > 1 && a[0] == '-') {
      return Usage(("unknown option " + a).c_str());
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) return Usage("no input files");
  if (chunk == 0) chunk = std::max<size_t>(batch * 4, 256);  // as parley ingest

  std::vector<std::string> lines;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Usage(("cannot read " + f).c_str());
    for (std::string line; std::getline(in, line);)
      if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(std::move(line));
  }

  std::string open_uri;
  try {
    open_uri = FreshStore(uri);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parley_store_bench: %s\n", e.what());
    return 2;
  }
  StoreOptions so;
  so.batch_size = batch;
  std::unique_ptr<Store> store;
  Status s = Store::Open(open_uri, so, &store);
  if (!s.ok()) {
    std::fprintf(stderr, "parley_store_bench: %s\n", s.message().c_str());
    return 2;
  }

  Pass first, again;
  if (!IngestAll(store.get(), lines, repeat, chunk, &first)) return 1;
  StoreStats st;
  s = store->Stats(&st);
  if (!s.ok()) {
    std::fprintf(stderr, "parley_store_bench: %s\n", s.message().c_str());
    return 1;
  }
  // Unchanged input again: every article is looked up and skipped.
  if (!IngestAll(store.get(), lines, repeat, chunk, &again)) return 1;
  store.reset();  // SQLite checkpoints its WAL into the file on close

  int64_t bytes = -1;
  try {
    bytes = StoreBytes(IsPostgres(uri) ? uri : open_uri);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parley_store_bench: size: %s\n", e.what());
  }
  const int64_t rows = st.articles + st.events + st.entities + st.quotes + st.counts + st.merged_events +
                       st.events;  // merged_links: one per event
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);

  std::printf("command:     ");
  for (int i = 0; i < argc; ++i) std::printf("%s%s", i ? " " : "", argv[i]);
  std::printf("\nstore:       %s, batch %zu, chunk %zu, repeat %d\n", IsPostgres(uri) ? "postgresql" : "sqlite",
              batch, chunk, repeat);
  std::printf("input:       %zu articles (%zu not stored)\n", first.articles, first.failed);
  std::printf("stored:      %lld articles, %lld events, %lld merged events, %lld entities, %lld quotes, "
              "%lld counts; %lld rows with merged_links\n",
              static_cast<long long>(st.articles), static_cast<long long>(st.events),
              static_cast<long long>(st.merged_events), static_cast<long long>(st.entities),
              static_cast<long long>(st.quotes), static_cast<long long>(st.counts), static_cast<long long>(rows));
  auto rates = [&](const char* what, double secs) {
    std::printf("%-12s %.3f s  ->  %.0f articles/s, %.0f events/s, %.0f rows/s\n", what, secs,
                first.articles / secs, st.events / secs, rows / secs);
  };
  rates("ingest:", first.ingest_s);
  rates("ingest cpu:", first.ingest_cpu_s);
  rates("wall:", first.wall_s);
  std::printf("re-ingest:   %.3f s unchanged (%.0f articles/s in Store::Ingest, %zu not stored)\n", again.ingest_s,
              again.articles / again.ingest_s, again.failed);
  if (bytes >= 0 && st.articles > 0)
    std::printf("size:        %.2f MB, %.2f MB per 1,000 articles\n", bytes / 1e6,
                bytes / 1e6 * 1000 / static_cast<double>(st.articles));
  std::printf("peak RSS:    %.1f MiB\n", ru.ru_maxrss / 1024.0);
  if (!keep && !IsPostgres(uri))
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(uri + suffix);
  return 0;
}
