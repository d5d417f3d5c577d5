// parley worker: a consumer-group member that codes queued articles into the
// store. The order of a batch is what makes it safe (cluster.h):
//   1. read entries (own pending first, then claims of stale entries, then new)
//   2. code them (--threads coding threads)
//   3. Store::Ingest the coded articles (retried until the store answers)
//   4. error rows for articles that failed (work_log.h)
//   5. one MULTI: dead letters, XACK, XDEL
// A crash anywhere before 5 leaves the entries pending, to be claimed and
// done again; doing again is harmless because Ingest skips an article
// already stored unchanged.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "cluster/cluster.h"
#include "cluster/metrics.h"
#include "cluster/redis.h"
#include "cluster/json.h"
#include "parley/store.h"
#include "store/work_log.h"

namespace parley::cluster {
namespace {

std::atomic<int> g_signals{0};
extern "C" void OnStopSignal(int) { g_signals.fetch_add(1); }

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string UtcNow() {
  int64_t ms = NowMs();
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}


struct Metrics {
  std::atomic<int64_t> articles{0}, stored{0}, errors{0}, dead{0}, batches{0}, claimed{0}, redelivered{0};
  std::atomic<int64_t> redis_retries{0}, store_retries{0}, code_us{0}, store_us{0}, last_batch_ms{0};
  std::atomic<int> up{1};

  std::string Render(const std::string& consumer) const {
    std::string c = "{consumer=" + JsonQuote(consumer) + "}";
    std::string out;
    auto counter = [&](const char* name, const char* help, int64_t v) {
      out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name + c + " " +
             std::to_string(v) + "\n";
    };
    auto gauge = [&](const char* name, const char* help, double v) {
      char num[64];
      std::snprintf(num, sizeof num, "%.3f", v);
      out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + c + " " + num + "\n";
    };
    counter("parley_worker_articles_total", "Queue entries finished (stored or dead-lettered).", articles);
    counter("parley_worker_stored_total", "Articles written to the store (or found there unchanged).", stored);
    counter("parley_worker_errors_total", "Articles that could not be coded or stored.", errors);
    counter("parley_worker_dead_letters_total", "Entries copied to the dead-letter stream.", dead);
    counter("parley_worker_batches_total", "Batches finished.", batches);
    counter("parley_worker_claimed_total", "Entries claimed from stalled consumers.", claimed);
    counter("parley_worker_redelivered_total", "Entries seen more than once.", redelivered);
    counter("parley_worker_redis_retries_total", "Redis commands retried after an outage.", redis_retries);
    counter("parley_worker_store_retries_total", "Store writes retried after an outage.", store_retries);
    gauge("parley_worker_code_seconds_total", "Time spent coding.", code_us / 1e6);
    gauge("parley_worker_store_seconds_total", "Time spent writing to the store.", store_us / 1e6);
    gauge("parley_worker_last_batch_timestamp_seconds", "When the last batch finished.", last_batch_ms / 1e3);
    gauge("parley_worker_up", "1 while the worker runs.", up);
    return out;
  }
};

struct Item {
  StreamEntry entry;
  int64_t deliveries = 1;
  Document doc;
  std::string error;  // "" = coded (and, after ingest, stored)
};

class Worker {
 public:
  Worker(const WorkerOptions& opt, RedisAddress addr, const Pipeline* pipeline)
      : opt_(opt), addr_(std::move(addr)), redis_(addr_), pipeline_(pipeline),
        dead_stream_(DeadLetterStream(addr_.stream)),
        store_uri_(WorkerStoreUri(opt.store, 10000, 120000)) {}

  int Run();
  std::string RenderMetrics() const { return metrics_.Render(opt_.consumer); }

 private:
  bool stopping() const { return g_signals.load() > 0; }
  bool aborting() const { return g_signals.load() > 1; }

  void Sleep(int ms) {
    for (int slept = 0; slept < ms && !aborting(); slept += 50) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  void Log(const std::string& fields) {
    std::string line = "{\"time\":" + JsonQuote(UtcNow()) + ",\"consumer\":" + JsonQuote(opt_.consumer) + "," + fields + "}\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  }

  // One Redis command, retried through outages (until a second signal).
  Status Redis(const std::vector<std::string>& args, RedisValue* out);
  Status EnsureGroup();
  Status ReadOwnPending(std::vector<Item>* items);
  Status Claim(std::vector<Item>* items);
  Status ReadNew(std::vector<Item>* items);
  Status FillDeliveries(std::vector<Item>* items);
  void Process(std::vector<Item>* items, int64_t claimed);
  void Code(std::vector<Item>* items);
  Status IngestWithRetry(const std::vector<const Document*>& docs, std::vector<Status>* per_doc);
  template <typename F>
  Status WorkLogWithRetry(F&& fn);
  Status Finish(const std::vector<Item>& items);
  Status OpenStore();

  WorkerOptions opt_;
  RedisAddress addr_;
  RedisConn redis_;
  const Pipeline* pipeline_;  // kept until the exit
  std::string dead_stream_;
  std::string store_uri_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<WorkLog> work_log_;
  std::string claim_cursor_ = "0-0";
  Metrics metrics_;
};

Status Worker::Redis(const std::vector<std::string>& args, RedisValue* out) {
  int delay = 100;
  bool said = false;
  for (;;) {
    Status s = redis_.Command(args, out);
    if (s.ok() && out && out->type == RedisValue::Type::kError && out->str.rfind("NOGROUP", 0) == 0) {
      // The stream or its group vanished (a Redis without persistence restarted): make them again.
      Log("\"event\":\"nogroup\",\"error\":" + JsonQuote(out->str));
      s = EnsureGroup();
      if (s.ok()) continue;
    }
    if (s.code() != Status::Code::kUnavailable) {
      if (said) Log("\"event\":\"redis_back\"");
      return s;
    }
    ++metrics_.redis_retries;
    if (!said) Log("\"event\":\"redis_down\",\"error\":" + JsonQuote(s.message()) + ",\"command\":" + JsonQuote(args[0]));
    said = true;
    if (aborting()) return s;
    Sleep(delay);
    delay = std::min(delay * 2, 5000);
  }
}

Status Worker::EnsureGroup() {
  RedisValue v;
  Status s = redis_.Command({"XGROUP", "CREATE", addr_.stream, opt_.group, "0", "MKSTREAM"}, &v);
  if (!s.ok()) return s;
  if (v.type == RedisValue::Type::kError && v.str.rfind("BUSYGROUP", 0) != 0)
    return Status::IOError("XGROUP CREATE: " + v.str);
  return Status::OK();
}

std::vector<Item> ToItems(std::vector<StreamEntry> entries) {
  std::vector<Item> items;
  for (auto& e : entries) {
    Item it;
    it.entry = std::move(e);
    items.push_back(std::move(it));
  }
  return items;
}

// XREADGROUP's reply: [[stream, [[id, fields], ...]]] or nil.
std::vector<StreamEntry> ReadGroupEntries(const RedisValue& v) {
  if (v.type != RedisValue::Type::kArray || v.elements.empty()) return {};
  const RedisValue& s = v.elements[0];
  if (s.elements.size() < 2) return {};
  return ParseEntries(s.elements[1]);
}

Status Worker::ReadOwnPending(std::vector<Item>* items) {
  RedisValue v;
  Status s = Redis({"XREADGROUP", "GROUP", opt_.group, opt_.consumer, "COUNT", std::to_string(opt_.batch), "STREAMS",
                    addr_.stream, "0"},
                   &v);
  if (!s.ok()) return s;
  if (v.type == RedisValue::Type::kError) return Status::IOError("XREADGROUP: " + v.str);
  *items = ToItems(ReadGroupEntries(v));
  return FillDeliveries(items);
}

Status Worker::Claim(std::vector<Item>* items) {
  RedisValue v;
  Status s = Redis({"XAUTOCLAIM", addr_.stream, opt_.group, opt_.consumer, std::to_string(opt_.claim_timeout_ms),
                    claim_cursor_, "COUNT", std::to_string(opt_.batch)},
                   &v);
  if (!s.ok()) return s;
  if (v.type == RedisValue::Type::kError) return Status::IOError("XAUTOCLAIM: " + v.str);
  if (v.elements.size() < 2) return Status::IOError("XAUTOCLAIM: unexpected reply");
  claim_cursor_ = v.elements[0].str;
  if (claim_cursor_.empty()) claim_cursor_ = "0-0";
  *items = ToItems(ParseEntries(v.elements[1]));
  return FillDeliveries(items);
}

Status Worker::ReadNew(std::vector<Item>* items) {
  RedisValue v;
  Status s = Redis({"XREADGROUP", "GROUP", opt_.group, opt_.consumer, "COUNT", std::to_string(opt_.batch), "BLOCK",
                    "1000", "STREAMS", addr_.stream, ">"},
                   &v);
  if (!s.ok()) return s;
  if (v.type == RedisValue::Type::kError) return Status::IOError("XREADGROUP: " + v.str);
  *items = ToItems(ReadGroupEntries(v));
  return Status::OK();
}

// Delivery counts of entries this consumer holds (XPENDING over their range).
Status Worker::FillDeliveries(std::vector<Item>* items) {
  if (items->empty()) return Status::OK();
  std::string lo = items->front().entry.id, hi = lo;
  for (const Item& it : *items) {
    // Stream ids compare as (ms, seq).
    auto key = [](const std::string& id) {
      size_t d = id.find('-');
      return std::make_pair(std::stoull(id.substr(0, d)), d == std::string::npos ? 0ULL : std::stoull(id.substr(d + 1)));
    };
    if (key(it.entry.id) < key(lo)) lo = it.entry.id;
    if (key(it.entry.id) > key(hi)) hi = it.entry.id;
  }
  RedisValue v;
  Status s = Redis({"XPENDING", addr_.stream, opt_.group, lo, hi, std::to_string(items->size() * 4 + 16),
                    opt_.consumer},
                   &v);
  if (!s.ok()) return s;
  std::map<std::string, int64_t> count;
  for (const RedisValue& p : v.elements)
    if (p.elements.size() >= 4) count[p.elements[0].str] = p.elements[3].AsInt(1);
  for (Item& it : *items) {
    auto f = count.find(it.entry.id);
    it.deliveries = f == count.end() ? 1 : f->second;
  }
  return Status::OK();
}

Status Worker::OpenStore() {
  if (store_) return Status::OK();
  Status s = Store::Open(store_uri_, StoreOptions{}, &store_);
  if (!s.ok()) store_.reset();
  return s;
}

Status Worker::IngestWithRetry(const std::vector<const Document*>& docs, std::vector<Status>* per_doc) {
  int delay = 200;
  bool said = false;
  for (;;) {
    Status s = OpenStore();
    if (s.ok()) s = store_->Ingest(docs, per_doc);
    if (s.ok()) {
      if (said) Log("\"event\":\"store_back\"");
      return s;
    }
    // Whatever failed (a lost connection, a server restarting, a timeout),
    // nothing of the batch is half-written: drop the connection and retry.
    store_.reset();
    ++metrics_.store_retries;
    if (!said) Log("\"event\":\"store_down\",\"error\":" + JsonQuote(s.message()));
    said = true;
    if (aborting()) return s;
    Sleep(delay);
    delay = std::min(delay * 2, 10000);
  }
}

template <typename F>
Status Worker::WorkLogWithRetry(F&& fn) {
  int delay = 200;
  for (;;) {
    Status s;
    if (!work_log_) s = WorkLog::Open(store_uri_, &work_log_);
    if (s.ok()) s = fn(*work_log_);
    if (s.ok()) return s;
    work_log_.reset();
    ++metrics_.store_retries;
    Log("\"event\":\"work_log_retry\",\"error\":" + JsonQuote(s.message()));
    if (aborting()) return s;
    Sleep(delay);
    delay = std::min(delay * 2, 10000);
  }
}

void Worker::Code(std::vector<Item>* items) {
  std::vector<Item*> todo;
  for (Item& it : *items) {
    if (!it.error.empty()) continue;
    todo.push_back(&it);
  }
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i; (i = next.fetch_add(1)) < todo.size();) {
      Item& it = *todo[i];
      Status s = pipeline_->Code(&it.doc);
      if (!s.ok()) it.error = it.doc.error.empty() ? s.message() : it.doc.error;
    }
  };
  size_t n = std::min<size_t>(static_cast<size_t>(std::max(1, opt_.threads)), todo.size());
  std::vector<std::thread> pool;
  for (size_t t = 1; t < n; ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
}

void Worker::Process(std::vector<Item>* items, int64_t claimed) {
  auto t0 = std::chrono::steady_clock::now();
  int64_t redelivered = 0;
  // Entries whose content is gone (deleted after another worker finished
  // them) only need their acknowledgement.
  for (Item& it : *items) {
    if (it.deliveries > 1) ++redelivered;
    if (it.entry.deleted) continue;
    const StreamEntry& e = it.entry;
    const std::string* id = e.Field(kFieldId);
    const std::string* text = e.Field(kFieldText);
    it.doc = Document(text ? *text : std::string());
    it.doc.doc_id = id && !id->empty() ? *id : "entry:" + e.id;
    if (const std::string* d = e.Field(kFieldDate)) Date::Parse(*d, &it.doc.publish_date);
    if (const std::string* t = e.Field(kFieldTitle)) it.doc.title = *t;
    if (const std::string* u = e.Field(kFieldUrl)) it.doc.url = *u;
    if (const std::string* s = e.Field(kFieldSource)) it.doc.source = *s;
    if (const std::string* err = e.Field(kFieldError)) it.error = "not read: " + *err;
    else if (!id || !text) it.error = "malformed queue entry: no 'id' or 'text' field";
    if (it.deliveries > opt_.max_deliveries)
      it.error = "delivered " + std::to_string(it.deliveries) + " times (more than --max-deliveries " +
                 std::to_string(opt_.max_deliveries) + ")";
  }
  Code(items);
  auto t1 = std::chrono::steady_clock::now();

  std::vector<const Document*> docs;
  std::vector<Item*> doc_items;
  for (Item& it : *items) {
    if (it.entry.deleted || !it.error.empty()) continue;
    docs.push_back(&it.doc);
    doc_items.push_back(&it);
  }
  int64_t stored = 0;
  if (!docs.empty()) {
    std::vector<Status> per_doc;
    Status s = IngestWithRetry(docs, &per_doc);
    if (!s.ok()) return;  // aborting: the entries stay pending and are claimed later
    for (size_t i = 0; i < doc_items.size(); ++i) {
      if (i < per_doc.size() && !per_doc[i].ok()) doc_items[i]->error = "not stored: " + per_doc[i].message();
      else ++stored;
    }
  }
  auto t2 = std::chrono::steady_clock::now();

  std::vector<WorkError> errors;
  for (const Item& it : *items)
    if (!it.entry.deleted && !it.error.empty())
      errors.push_back(WorkError{it.entry.id, it.doc.doc_id, opt_.consumer, it.error});
  if (!errors.empty()) {
    Status s = WorkLogWithRetry([&](WorkLog& w) { return w.RecordErrors(errors, NowMs()); });
    if (!s.ok()) return;
  }
  if (!Finish(*items).ok()) return;
  auto t3 = std::chrono::steady_clock::now();
  const int64_t n = static_cast<int64_t>(items->size());
  (void)WorkLogWithRetry([&](WorkLog& w) {
    return w.RecordBatch(opt_.consumer, stored, static_cast<int64_t>(errors.size()), NowMs());
  });

  auto us = [](auto a, auto b) { return std::chrono::duration_cast<std::chrono::microseconds>(b - a).count(); };
  metrics_.articles += n;
  metrics_.stored += stored;
  metrics_.errors += static_cast<int64_t>(errors.size());
  metrics_.dead += static_cast<int64_t>(errors.size());
  metrics_.batches += 1;
  metrics_.claimed += claimed;
  metrics_.redelivered += redelivered;
  metrics_.code_us += us(t0, t1);
  metrics_.store_us += us(t1, t2);
  metrics_.last_batch_ms = NowMs();
  std::string first_error;
  if (!errors.empty()) first_error = ",\"first_error\":" + JsonQuote(errors.front().doc_id + ": " + errors.front().error);
  Log("\"event\":\"batch\",\"entries\":" + std::to_string(n) + ",\"stored\":" + std::to_string(stored) +
      ",\"dead_lettered\":" + std::to_string(errors.size()) + ",\"claimed\":" + std::to_string(claimed) +
      ",\"redelivered\":" + std::to_string(redelivered) + ",\"code_ms\":" + std::to_string(us(t0, t1) / 1000) +
      ",\"store_ms\":" + std::to_string(us(t1, t2) / 1000) + ",\"ack_ms\":" + std::to_string(us(t2, t3) / 1000) +
      first_error);
}

// Dead letters, acknowledgements and deletions in one MULTI/EXEC: all or none.
Status Worker::Finish(const std::vector<Item>& items) {
  std::vector<std::vector<std::string>> cmds = {{"MULTI"}};
  std::vector<std::string> ack = {"XACK", addr_.stream, opt_.group};
  std::vector<std::string> del = {"XDEL", addr_.stream};
  for (const Item& it : items) {
    ack.push_back(it.entry.id);
    del.push_back(it.entry.id);
    if (it.entry.deleted || it.error.empty()) continue;
    std::vector<std::string> dl = {"XADD", dead_stream_, "*"};
    for (const auto& [k, v] : it.entry.fields) {
      if (k == kFieldError) continue;
      dl.push_back(k);
      dl.push_back(v);
    }
    dl.insert(dl.end(), {kFieldError, it.error, "entry", it.entry.id, "consumer", opt_.consumer, "deliveries",
                         std::to_string(it.deliveries)});
    cmds.push_back(std::move(dl));
  }
  cmds.push_back(std::move(ack));
  cmds.push_back(std::move(del));
  cmds.push_back({"EXEC"});
  int delay = 100;
  bool said = false;
  for (;;) {
    std::vector<RedisValue> replies;
    Status s = redis_.Pipeline(cmds, &replies);
    if (s.ok()) {
      const RedisValue& exec = replies.back();
      if (exec.type == RedisValue::Type::kArray) {
        if (said) Log("\"event\":\"redis_back\"");
        return Status::OK();
      }
      s = Status::Unavailable("EXEC: " + (exec.type == RedisValue::Type::kError ? exec.str : std::string("aborted")));
      redis_.Disconnect();  // leave no half-open MULTI behind
    }
    ++metrics_.redis_retries;
    if (!said) Log("\"event\":\"redis_down\",\"error\":" + JsonQuote(s.message()) + ",\"command\":\"EXEC\"");
    said = true;
    if (aborting()) return s;
    Sleep(delay);
    delay = std::min(delay * 2, 5000);
  }
}

int Worker::Run() {
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);

  // Set-up waits for the servers as long as it takes; a wrong schema or
  // option stops here.
  for (int delay = 200;; delay = std::min(delay * 2, 10000)) {
    Status s = OpenStore();
    if (s.ok()) break;
    if (s.code() != Status::Code::kUnavailable) {
      std::fprintf(stderr, "parley worker: store: %s\n", s.message().c_str());
      return 2;
    }
    Log("\"event\":\"store_down\",\"error\":" + JsonQuote(s.message()));
    if (stopping()) return 0;
    Sleep(delay);
  }
  Status gs = Redis({"PING"}, nullptr);
  if (gs.ok()) gs = EnsureGroup();
  if (!gs.ok()) {
    std::fprintf(stderr, "parley worker: %s: %s\n", addr_.ToString().c_str(), gs.message().c_str());
    return 2;
  }
  std::unique_ptr<MetricsServer> server;
  if (!opt_.metrics.empty()) {
    server = std::make_unique<MetricsServer>([this] { return RenderMetrics(); });
    Status s = server->Start(opt_.metrics);
    if (!s.ok()) {
      std::fprintf(stderr, "parley worker: %s\n", s.message().c_str());
      return 2;
    }
  }
  Log("\"event\":\"start\",\"queue\":" + JsonQuote(addr_.ToString()) + ",\"group\":" + JsonQuote(opt_.group) +
      ",\"batch\":" + std::to_string(opt_.batch) + ",\"threads\":" + std::to_string(opt_.threads) +
      (server ? ",\"metrics_port\":" + std::to_string(server->port()) : std::string()));

  bool own_pending = true;  // a restarted consumer of the same name resumes its entries first
  int64_t last_claim = 0, idle_since = NowMs();
  const int64_t claim_every = std::clamp<int64_t>(opt_.claim_timeout_ms / 4, 200, 5000);
  while (!stopping()) {
    std::vector<Item> items;
    int64_t claimed = 0;
    Status s;
    if (own_pending) {
      s = ReadOwnPending(&items);
      if (s.ok() && items.empty()) own_pending = false;
    } else if (NowMs() - last_claim >= claim_every) {
      s = Claim(&items);
      claimed = static_cast<int64_t>(items.size());
      // Claimed a full batch: there may be more; otherwise rest a while.
      last_claim = s.ok() && claimed >= static_cast<int64_t>(opt_.batch) ? 0 : NowMs();
    }
    if (s.ok() && items.empty() && !own_pending) s = ReadNew(&items);
    if (!s.ok()) {
      // Only a second signal gets here through an outage, or a reply we do
      // not understand: say so and go on.
      Log("\"event\":\"error\",\"error\":" + JsonQuote(s.message()));
      if (aborting()) break;
      Sleep(1000);
      continue;
    }
    if (items.empty()) {
      if (opt_.exit_when_idle_ms > 0 && NowMs() - idle_since >= opt_.exit_when_idle_ms) break;
      continue;
    }
    Process(&items, claimed);
    idle_since = NowMs();
  }
  metrics_.up = 0;
  Log("\"event\":\"stop\",\"articles\":" + std::to_string(metrics_.articles.load()) +
      ",\"stored\":" + std::to_string(metrics_.stored.load()) + ",\"dead_lettered\":" +
      std::to_string(metrics_.dead.load()) + ",\"claimed\":" + std::to_string(metrics_.claimed.load()));
  return 0;
}

std::string DefaultConsumer() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0 || !host[0]) std::snprintf(host, sizeof host, "worker");
  return std::string(host) + "-" + std::to_string(getpid());
}

std::string PercentEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

std::string WorkerStoreUri(const std::string& uri, int idle_in_txn_ms, int statement_ms) {
  if (uri.rfind("postgresql://", 0) != 0 && uri.rfind("postgres://", 0) != 0) return uri;
  if (uri.find("options=") != std::string::npos) return uri;
  std::string opts = "-c idle_in_transaction_session_timeout=" + std::to_string(idle_in_txn_ms) +
                     " -c statement_timeout=" + std::to_string(statement_ms);
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + "options=" + PercentEncode(opts);
}

int RunWorker(const WorkerOptions& in) {
  WorkerOptions opt = in;
  RedisAddress addr;
  Status s = ParseRedisUri(opt.queue, &addr);
  if (!s.ok()) {
    std::fprintf(stderr, "parley worker: %s\n", s.message().c_str());
    return 2;
  }
  if (opt.store.empty()) {
    std::fprintf(stderr, "parley worker: --store is required\n");
    return 2;
  }
  if (opt.consumer.empty()) opt.consumer = DefaultConsumer();
  if (opt.batch == 0) opt.batch = 1;
  std::unique_ptr<Pipeline> pipeline;
  s = Pipeline::Create(opt.data, opt.code, &pipeline);
  if (!s.ok()) {
    std::fprintf(stderr, "parley worker: %s\n", s.message().c_str());
    return 2;
  }
  // The worker's process ends when Run() returns: the pipeline's tables are
  // given back by the exit, not freed one by one.
  const Pipeline* kept = Pipeline::KeepUntilExit(std::move(pipeline));
  Worker w(opt, std::move(addr), kept);
  return w.Run();
}

}  // namespace parley::cluster
