// parley submit: articles into a Redis Stream, with back-pressure.
#include <chrono>
#include <cstdio>
#include <thread>

#include "cluster/cluster.h"
#include "cluster/redis.h"

namespace parley::cluster {

std::string DeadLetterStream(const std::string& stream) { return stream + ":dead"; }

namespace {

// Retries `fn` while Redis is unavailable, saying so once per outage.
template <typename F>
Status WhileUnavailable(const char* what, F&& fn) {
  int delay_ms = 100;
  bool said = false;
  for (;;) {
    Status s = fn();
    if (s.code() != Status::Code::kUnavailable) {
      if (said && s.ok()) std::fprintf(stderr, "parley submit: redis is back\n");
      return s;
    }
    if (!said) std::fprintf(stderr, "parley submit: %s: %s; retrying\n", what, s.message().c_str());
    said = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    delay_ms = std::min(delay_ms * 2, 5000);
  }
}

}  // namespace

int RunSubmit(const std::vector<std::string>& inputs, const ReaderOptions& ropt, const SubmitOptions& opt) {
  RedisAddress addr;
  Status s = ParseRedisUri(opt.queue, &addr);
  if (!s.ok()) {
    std::fprintf(stderr, "parley submit: %s\n", s.message().c_str());
    return 2;
  }
  if (opt.max_len == 0) {
    std::fprintf(stderr, "parley submit: --max-len must be at least 1\n");
    return 2;
  }
  RedisConn redis(addr);
  // The group exists before the first entry, from the start of the stream,
  // so that nothing submitted before the first worker starts is skipped.
  s = WhileUnavailable("connecting", [&] {
    RedisValue v;
    Status c = redis.Command({"XGROUP", "CREATE", addr.stream, opt.group, "0", "MKSTREAM"}, &v);
    if (c.ok() && v.type == RedisValue::Type::kError && v.str.rfind("BUSYGROUP", 0) != 0)
      return Status::IOError("XGROUP CREATE: " + v.str);
    return c;
  });
  if (!s.ok()) {
    std::fprintf(stderr, "parley submit: %s: %s\n", addr.ToString().c_str(), s.message().c_str());
    return 2;
  }

  ArticleReader reader(inputs, ropt);
  Document doc;
  size_t n = 0, bad = 0, waits = 0;
  int64_t room = 0;  // entries we may add before looking at the length again
  auto start = std::chrono::steady_clock::now();
  while (reader.Next(&doc)) {
    for (auto& w : reader.TakeWarnings()) std::fprintf(stderr, "parley submit: warning: %s\n", w.c_str());
    // Back-pressure: never more than max_len entries waiting.
    while (room <= 0) {
      RedisValue len;
      s = WhileUnavailable("XLEN", [&] { return redis.Check({"XLEN", addr.stream}, &len); });
      if (!s.ok()) {
        std::fprintf(stderr, "parley submit: %s\n", s.message().c_str());
        return 2;
      }
      room = static_cast<int64_t>(opt.max_len) - len.AsInt();
      if (room <= 0) {
        ++waits;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    }
    std::vector<std::string> cmd = {"XADD", addr.stream, "*", kFieldId, doc.doc_id, kFieldText, doc.text()};
    if (doc.publish_date.valid()) cmd.insert(cmd.end(), {kFieldDate, doc.publish_date.ToString()});
    if (doc.title) cmd.insert(cmd.end(), {kFieldTitle, *doc.title});
    if (doc.url) cmd.insert(cmd.end(), {kFieldUrl, *doc.url});
    if (doc.source) cmd.insert(cmd.end(), {kFieldSource, *doc.source});
    if (!doc.error.empty()) {
      ++bad;
      cmd.insert(cmd.end(), {kFieldError, doc.error});
      if (!opt.quiet) std::fprintf(stderr, "parley submit: %s: %s (submitted as an error)\n", doc.doc_id.c_str(),
                                   doc.error.c_str());
    }
    // An XADD whose reply was lost may have been applied: the article may
    // then be queued twice, which the store's idempotent ingest absorbs.
    s = WhileUnavailable("XADD", [&] { return redis.Check(cmd, nullptr); });
    if (!s.ok()) {
      std::fprintf(stderr, "parley submit: %s: %s\n", doc.doc_id.c_str(), s.message().c_str());
      return 2;
    }
    ++n;
    --room;
  }
  for (auto& w : reader.TakeWarnings()) std::fprintf(stderr, "parley submit: warning: %s\n", w.c_str());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!opt.quiet)
    std::fprintf(stderr, "parley submit: %zu articles to %s in %.1f s (%zu with errors, waited %zu times)\n", n,
                 addr.ToString().c_str(), secs, bad, waits);
  if (n == 0) std::fprintf(stderr, "parley submit: no articles in the input\n");
  return bad ? 1 : 0;
}

}  // namespace parley::cluster
