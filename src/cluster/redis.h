// redis.h: RedisAddress, RedisValue, RedisConn — the little of Redis the
// cluster needs, over hiredis's synchronous API (Debian's libhiredis-dev).
//
// A RedisConn connects lazily and again after any connection error, so a
// caller sees a failed command as Status::Unavailable and simply calls again
// (the cluster's callers back off and retry; see RetryForever in worker.cc).
// Replies are copied into RedisValue trees, so no hiredis type leaves
// redis.cc. Not thread-safe: one RedisConn per thread.
#ifndef PARLEY_CLUSTER_REDIS_H_
#define PARLEY_CLUSTER_REDIS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parley/status.h"

struct redisContext;

namespace parley::cluster {

// redis://[[USER]:PASSWORD@]HOST[:PORT]/STREAM
struct RedisAddress {
  std::string host;
  int port = 6379;
  std::string user, password;
  std::string stream;
  // "redis://HOST:PORT/STREAM" without the password.
  std::string ToString() const;
};
// InvalidInput with the reason when `uri` is not of that form.
Status ParseRedisUri(std::string_view uri, RedisAddress* out);

struct RedisValue {
  enum class Type { kNil, kString, kInteger, kArray, kStatus, kError };
  Type type = Type::kNil;
  std::string str;                  // string, status, error
  int64_t integer = 0;
  std::vector<RedisValue> elements; // array
  bool is_nil() const { return type == Type::kNil; }
  // Integer replies, and strings that hold an integer ("12"); else `dflt`.
  int64_t AsInt(int64_t dflt = 0) const;
};

class RedisConn {
 public:
  explicit RedisConn(RedisAddress addr, int timeout_ms = 5000) : addr_(std::move(addr)), timeout_ms_(timeout_ms) {}
  ~RedisConn();
  RedisConn(const RedisConn&) = delete;
  RedisConn& operator=(const RedisConn&) = delete;

  // Runs one command (binary-safe arguments). OK: *out holds the reply
  // (which may itself be an error reply: check out->type). Unavailable: no
  // connection or it broke (it is dropped and made again on the next call);
  // an error reply meaning the server is not ready yet (LOADING, BUSY,
  // MASTERDOWN, TRYAGAIN) is reported as Unavailable too.
  Status Command(const std::vector<std::string>& args, RedisValue* out);
  // Sends several commands in one round trip and reads every reply.
  Status Pipeline(const std::vector<std::vector<std::string>>& commands, std::vector<RedisValue>* out);

  // The reply must not be an error: Command, then an error reply -> IOError.
  Status Check(const std::vector<std::string>& args, RedisValue* out);

  const RedisAddress& address() const { return addr_; }
  void Disconnect();

 private:
  Status Connect();
  Status Broken(const char* what);

  RedisAddress addr_;
  int timeout_ms_;
  redisContext* ctx_ = nullptr;
};

// Stream entry: its id and its field/value pairs, as stored.
struct StreamEntry {
  std::string id;
  std::vector<std::pair<std::string, std::string>> fields;
  bool deleted = false;  // a pending id whose entry is gone (XAUTOCLAIM/XREADGROUP nil)
  const std::string* Field(std::string_view name) const;
};
// Entries of an XREADGROUP/XRANGE/XCLAIM reply: [[id, [f, v, ...]], ...].
std::vector<StreamEntry> ParseEntries(const RedisValue& list);

}  // namespace parley::cluster

#endif  // PARLEY_CLUSTER_REDIS_H_
