// parley: Status, the one error type of the public API.
//
// A Status is either OK (cheap: no allocation) or a code plus a message.
// Functions that can fail return a Status and write results through an out
// parameter; on failure the out parameter is left as it was unless the
// function says otherwise. An article that fails to code gets
// `error: status.message()` in its output line: there is no second path.
#ifndef PARLEY_STATUS_H_
#define PARLEY_STATUS_H_

#include <memory>
#include <string>
#include <string_view>

namespace parley {

class Status {
 public:
  // Stored nowhere; the numbers may change between versions.
  enum class Code { kOk = 0, kInvalidInput, kNotFound, kIOError, kUnavailable, kUnsupported, kCorrupt };

  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status InvalidInput(std::string_view msg) { return Status(Code::kInvalidInput, msg); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status Unavailable(std::string_view msg) { return Status(Code::kUnavailable, msg); }
  static Status Unsupported(std::string_view msg) { return Status(Code::kUnsupported, msg); }
  static Status Corrupt(std::string_view msg) { return Status(Code::kCorrupt, msg); }

  bool ok() const { return rep_ == nullptr; }
  Code code() const { return rep_ ? rep_->code : Code::kOk; }
  // The message alone ("" when OK), e.g. "too large: 5.1 MiB > 1 MiB".
  const std::string& message() const;
  // "InvalidInput: <message>" or "OK".
  std::string ToString() const;

 private:
  struct Rep {
    Code code;
    std::string message;
  };
  Status(Code code, std::string_view msg)
      : rep_(std::make_shared<const Rep>(Rep{code, std::string(msg)})) {}
  std::shared_ptr<const Rep> rep_;
};

}  // namespace parley

#endif  // PARLEY_STATUS_H_
