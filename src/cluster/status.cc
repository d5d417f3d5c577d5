// parley cluster status: the queue, its consumers, the dead letters, the
// store and the throughput of the last minute, as text or one JSON object.
#include <chrono>
#include <cstdio>
#include <map>

#include "cluster/cluster.h"
#include "cluster/json.h"
#include "cluster/redis.h"
#include "parley/store.h"
#include "store/work_log.h"

namespace parley::cluster {
namespace {

// XINFO replies are flat [name, value, name, value, ...] arrays.
std::map<std::string, RedisValue> Pairs(const RedisValue& v) {
  std::map<std::string, RedisValue> m;
  for (size_t i = 0; i + 1 < v.elements.size(); i += 2) m[v.elements[i].str] = v.elements[i + 1];
  return m;
}

struct ConsumerInfo {
  std::string name;
  int64_t pending = 0, idle_ms = 0;
};

}  // namespace

int RunStatus(const StatusOptions& opt) {
  RedisAddress addr;
  Status s = ParseRedisUri(opt.queue, &addr);
  if (!s.ok()) {
    std::fprintf(stderr, "parley cluster status: %s\n", s.message().c_str());
    return 2;
  }
  RedisConn redis(addr);
  RedisValue len, dead, groups, consumers;
  s = redis.Check({"XLEN", addr.stream}, &len);
  if (s.ok()) s = redis.Check({"XLEN", DeadLetterStream(addr.stream)}, &dead);
  if (s.ok()) {
    RedisValue g;
    s = redis.Command({"XINFO", "GROUPS", addr.stream}, &g);
    if (s.ok() && g.type == RedisValue::Type::kArray) groups = g;
  }
  if (!s.ok()) {
    std::fprintf(stderr, "parley cluster status: %s: %s\n", addr.ToString().c_str(), s.message().c_str());
    return 2;
  }
  bool have_group = false;
  int64_t group_pending = 0, lag = -1;
  for (const RedisValue& g : groups.elements) {
    auto m = Pairs(g);
    if (m["name"].str != opt.group) continue;
    have_group = true;
    group_pending = m["pending"].AsInt();
    if (m.count("lag") && !m["lag"].is_nil()) lag = m["lag"].AsInt();
  }
  std::vector<ConsumerInfo> cons;
  if (have_group) {
    s = redis.Check({"XINFO", "CONSUMERS", addr.stream, opt.group}, &consumers);
    if (!s.ok()) {
      std::fprintf(stderr, "parley cluster status: %s\n", s.message().c_str());
      return 2;
    }
    for (const RedisValue& c : consumers.elements) {
      auto m = Pairs(c);
      cons.push_back(ConsumerInfo{m["name"].str, m["pending"].AsInt(), m["idle"].AsInt()});
    }
  }

  StoreStats stats;
  WorkSummary work;
  constexpr int64_t kWindowMs = 60000;
  std::string store_error;
  if (!opt.store.empty()) {
    std::unique_ptr<Store> store;
    s = Store::Open(opt.store, StoreOptions{}, &store);
    if (s.ok()) s = store->Stats(&stats);
    std::unique_ptr<WorkLog> log;
    if (s.ok()) s = WorkLog::Open(opt.store, &log);
    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    if (s.ok()) s = log->Summarise(now, kWindowMs, &work);
    if (!s.ok()) store_error = s.message();
  }
  const double rate = work.window_articles / (kWindowMs / 1000.0);

  if (opt.json) {
    std::string o = "{\"queue\":" + JsonQuote(addr.ToString()) + ",\"group\":" + JsonQuote(opt.group) +
                    ",\"stream_length\":" + std::to_string(len.AsInt()) +
                    ",\"undelivered\":" + (lag >= 0 ? std::to_string(lag) : std::string("null")) +
                    ",\"pending\":" + std::to_string(group_pending) + ",\"consumers\":[";
    for (size_t i = 0; i < cons.size(); ++i)
      o += std::string(i ? "," : "") + "{\"name\":" + JsonQuote(cons[i].name) + ",\"pending\":" +
           std::to_string(cons[i].pending) + ",\"idle_ms\":" + std::to_string(cons[i].idle_ms) + "}";
    o += "],\"dead_letters\":" + std::to_string(dead.AsInt());
    if (!opt.store.empty()) {
      if (!store_error.empty()) {
        o += ",\"store_error\":" + JsonQuote(store_error);
      } else {
        o += ",\"articles\":" + std::to_string(stats.articles) + ",\"events\":" + std::to_string(stats.events) +
             ",\"merged_events\":" + std::to_string(stats.merged_events) +
             ",\"error_rows\":" + std::to_string(work.errors) +
             ",\"last_minute\":{\"articles\":" + std::to_string(work.window_articles) +
             ",\"batches\":" + std::to_string(work.window_batches);
        char r[32];
        std::snprintf(r, sizeof r, "%.1f", rate);
        o += std::string(",\"articles_per_s\":") + r + ",\"consumers\":[";
        for (size_t i = 0; i < work.consumers.size(); ++i)
          o += std::string(i ? "," : "") + "{\"name\":" + JsonQuote(work.consumers[i].name) +
               ",\"articles\":" + std::to_string(work.consumers[i].articles) + "}";
        o += "]}";
      }
    }
    o += "}\n";
    std::fputs(o.c_str(), stdout);
    return store_error.empty() ? 0 : 2;
  }

  std::printf("queue         %s  group %s%s\n", addr.ToString().c_str(), opt.group.c_str(),
              have_group ? "" : " (no such group yet)");
  std::printf("stream        %lld entries waiting", static_cast<long long>(len.AsInt()));
  if (have_group) {
    std::printf(" (%lld pending on consumers", static_cast<long long>(group_pending));
    if (lag >= 0) std::printf(", %lld not yet delivered", static_cast<long long>(lag));
    std::printf(")");
  }
  std::printf("\n");
  for (const auto& c : cons)
    std::printf("  consumer    %-28s %6lld pending, idle %.1f s\n", c.name.c_str(), static_cast<long long>(c.pending),
                c.idle_ms / 1000.0);
  std::printf("dead letters  %lld in %s\n", static_cast<long long>(dead.AsInt()),
              DeadLetterStream(addr.stream).c_str());
  if (!opt.store.empty()) {
    if (!store_error.empty()) {
      std::printf("store         unavailable: %s\n", store_error.c_str());
      return 2;
    }
    std::printf("store         %lld articles, %lld events, %lld merged events, %lld error rows\n",
                static_cast<long long>(stats.articles), static_cast<long long>(stats.events),
                static_cast<long long>(stats.merged_events), static_cast<long long>(work.errors));
    std::printf("last minute   %lld articles in %lld batches, %.1f articles/s\n",
                static_cast<long long>(work.window_articles), static_cast<long long>(work.window_batches), rate);
    for (const auto& c : work.consumers)
      std::printf("  consumer    %-28s %6lld articles\n", c.name.c_str(), static_cast<long long>(c.articles));
  }
  return 0;
}

}  // namespace parley::cluster
