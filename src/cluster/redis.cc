// RedisConn over hiredis; see redis.h.
#include "cluster/redis.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <charconv>
#include <memory>

namespace parley::cluster {

std::string RedisAddress::ToString() const {
  return "redis://" + host + ":" + std::to_string(port) + "/" + stream;
}

Status ParseRedisUri(std::string_view uri, RedisAddress* out) {
  constexpr std::string_view kScheme = "redis://";
  if (uri.substr(0, kScheme.size()) != kScheme)
    return Status::InvalidInput("queue '" + std::string(uri) + "': expected redis://HOST:PORT/STREAM");
  std::string_view rest = uri.substr(kScheme.size());
  RedisAddress a;
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash + 1 >= rest.size())
    return Status::InvalidInput("queue '" + std::string(uri) + "': no stream name (redis://HOST:PORT/STREAM)");
  a.stream = std::string(rest.substr(slash + 1));
  std::string_view hostport = rest.substr(0, slash);
  size_t at = hostport.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view cred = hostport.substr(0, at);
    hostport.remove_prefix(at + 1);
    size_t colon = cred.find(':');
    if (colon == std::string_view::npos) {
      a.password = std::string(cred);
    } else {
      a.user = std::string(cred.substr(0, colon));
      a.password = std::string(cred.substr(colon + 1));
    }
  }
  std::string_view host = hostport;
  if (!hostport.empty() && hostport.front() == '[') {  // [::1]:6379
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) return Status::InvalidInput("queue '" + std::string(uri) + "': bad host");
    host = hostport.substr(1, close - 1);
    hostport.remove_prefix(close + 1);
    if (!hostport.empty() && hostport.front() == ':') hostport.remove_prefix(1);
    else hostport = {};
  } else {
    size_t colon = hostport.rfind(':');
    if (colon != std::string_view::npos) {
      host = hostport.substr(0, colon);
      hostport.remove_prefix(colon + 1);
    } else {
      hostport = {};
    }
  }
  if (!hostport.empty()) {
    int port = 0;
    auto [p, ec] = std::from_chars(hostport.data(), hostport.data() + hostport.size(), port);
    if (ec != std::errc() || p != hostport.data() + hostport.size() || port <= 0 || port > 65535)
      return Status::InvalidInput("queue '" + std::string(uri) + "': bad port '" + std::string(hostport) + "'");
    a.port = port;
  }
  if (host.empty()) return Status::InvalidInput("queue '" + std::string(uri) + "': no host");
  a.host = std::string(host);
  *out = std::move(a);
  return Status::OK();
}

int64_t RedisValue::AsInt(int64_t dflt) const {
  if (type == Type::kInteger) return integer;
  if (type == Type::kString || type == Type::kStatus) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(str.data(), str.data() + str.size(), v);
    if (ec == std::errc() && p == str.data() + str.size()) return v;
  }
  return dflt;
}

namespace {

RedisValue Convert(const redisReply* r) {
  RedisValue v;
  switch (r->type) {
    case REDIS_REPLY_STRING: v.type = RedisValue::Type::kString; v.str.assign(r->str, r->len); break;
    case REDIS_REPLY_STATUS: v.type = RedisValue::Type::kStatus; v.str.assign(r->str, r->len); break;
    case REDIS_REPLY_ERROR: v.type = RedisValue::Type::kError; v.str.assign(r->str, r->len); break;
    case REDIS_REPLY_INTEGER: v.type = RedisValue::Type::kInteger; v.integer = r->integer; break;
    case REDIS_REPLY_ARRAY:
      v.type = RedisValue::Type::kArray;
      v.elements.reserve(r->elements);
      for (size_t i = 0; i < r->elements; ++i) v.elements.push_back(Convert(r->element[i]));
      break;
    default: v.type = RedisValue::Type::kNil; break;
  }
  return v;
}

struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};

// Error replies that mean "not now" rather than "wrong".
bool TransientError(const std::string& e) {
  for (const char* p : {"LOADING", "BUSY ", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN"})
    if (e.rfind(p, 0) == 0) return true;
  return false;
}

}  // namespace

RedisConn::~RedisConn() { Disconnect(); }

void RedisConn::Disconnect() {
  if (ctx_) redisFree(ctx_);
  ctx_ = nullptr;
}

Status RedisConn::Broken(const char* what) {
  std::string msg = std::string("redis ") + addr_.host + ":" + std::to_string(addr_.port) + ": " + what;
  if (ctx_ && ctx_->errstr[0]) msg += std::string(": ") + ctx_->errstr;
  Disconnect();
  return Status::Unavailable(msg);
}

Status RedisConn::Connect() {
  if (ctx_) return Status::OK();
  timeval tv{timeout_ms_ / 1000, (timeout_ms_ % 1000) * 1000};
  ctx_ = redisConnectWithTimeout(addr_.host.c_str(), addr_.port, tv);
  if (!ctx_) return Status::Unavailable("redis: out of memory");
  if (ctx_->err) return Broken("cannot connect");
  // Reads may block up to the longest BLOCK we use plus this timeout.
  timeval rtv{timeout_ms_ / 1000 + 10, 0};
  redisSetTimeout(ctx_, rtv);
  redisEnableKeepAlive(ctx_);
  if (!addr_.password.empty()) {
    std::vector<std::string> auth = {"AUTH"};
    if (!addr_.user.empty()) auth.push_back(addr_.user);
    auth.push_back(addr_.password);
    RedisValue v;
    Status s = Command(auth, &v);
    if (!s.ok()) return s;
    if (v.type == RedisValue::Type::kError) {
      Disconnect();
      return Status::InvalidInput("redis: AUTH refused: " + v.str);
    }
  }
  return Status::OK();
}

Status RedisConn::Command(const std::vector<std::string>& args, RedisValue* out) {
  std::vector<std::vector<std::string>> one = {args};
  std::vector<RedisValue> replies;
  Status s = Pipeline(one, &replies);
  if (s.ok() && out) *out = std::move(replies[0]);
  return s;
}

Status RedisConn::Pipeline(const std::vector<std::vector<std::string>>& commands, std::vector<RedisValue>* out) {
  Status s = Connect();
  if (!s.ok()) return s;
  for (const auto& args : commands) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    if (redisAppendCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data()) != REDIS_OK)
      return Broken("cannot send");
  }
  std::vector<RedisValue> replies;
  Status transient;
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(ctx_, &raw) != REDIS_OK || !raw) return Broken("connection lost");
    std::unique_ptr<redisReply, ReplyFree> reply(static_cast<redisReply*>(raw));
    replies.push_back(Convert(reply.get()));
    if (replies.back().type == RedisValue::Type::kError && TransientError(replies.back().str) && transient.ok())
      transient = Status::Unavailable("redis: " + replies.back().str);
  }
  if (!transient.ok()) return transient;
  if (out) *out = std::move(replies);
  return Status::OK();
}

Status RedisConn::Check(const std::vector<std::string>& args, RedisValue* out) {
  RedisValue v;
  Status s = Command(args, &v);
  if (!s.ok()) return s;
  if (v.type == RedisValue::Type::kError) return Status::IOError("redis " + args[0] + ": " + v.str);
  if (out) *out = std::move(v);
  return Status::OK();
}

const std::string* StreamEntry::Field(std::string_view name) const {
  for (const auto& [k, v] : fields)
    if (k == name) return &v;
  return nullptr;
}

std::vector<StreamEntry> ParseEntries(const RedisValue& list) {
  std::vector<StreamEntry> out;
  for (const RedisValue& e : list.elements) {
    if (e.type != RedisValue::Type::kArray || e.elements.empty()) continue;
    StreamEntry se;
    se.id = e.elements[0].str;
    if (e.elements.size() < 2 || e.elements[1].is_nil()) {
      se.deleted = true;
    } else {
      const auto& kv = e.elements[1].elements;
      for (size_t i = 0; i + 1 < kv.size(); i += 2) se.fields.emplace_back(kv[i].str, kv[i + 1].str);
    }
    out.push_back(std::move(se));
  }
  return out;
}

}  // namespace parley::cluster
