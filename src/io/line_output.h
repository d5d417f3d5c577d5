// LineOutput: `parley code`'s JSON lines, written in large blocks.
//
// Tested by tests/line_output_test.cc and tests/e2e/feed.sh.
//
// Writing each line as it comes (or through stdio's 4 KiB buffer) costs one
// write(2) per few kilobytes: on ../shared/corpus (41.9 MB out) some 9,900
// calls and 0.11-0.14 s of system time through a pipe. LineOutput gathers
// whole lines and writes them kBlockBytes at a time, so a reader of the
// output still only ever sees complete lines, in order, with these promises
// for a reader waiting on a slow feed:
//   - Flush() (the caller's, when its input would block, and at the end)
//     writes everything buffered;
//   - a line is written at the latest with the first line that comes a
//     second or more after the oldest line still buffered;
//   - on a terminal every line is written at once, as stdio did.
#ifndef PARLEY_IO_LINE_OUTPUT_H_
#define PARLEY_IO_LINE_OUTPUT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace parley {

class AtomicFile;

class LineOutput {
 public:
  // Bytes gathered before a write: 64 KiB is a pipe's whole capacity, so a
  // block is larger and the reader drains it in a few reads.
  static constexpr size_t kBlockBytes = 128 << 10;
  // The longest a buffered line waits for a later one to write it.
  static constexpr int64_t kMaxDelayNs = 1'000'000'000;

  // Writes to `file` (which must outlive this); `each_line`: write every
  // line at once (a terminal).
  LineOutput(AtomicFile* file, bool each_line);
  // Writes what is left (errors are then only in ok()).
  ~LineOutput() { Flush(); }
  LineOutput(const LineOutput&) = delete;
  LineOutput& operator=(const LineOutput&) = delete;

  // Appends `lines` (whole lines, each ending in '\n').
  void Write(std::string_view lines) {
    if (buf_.empty()) oldest_ns_ = NowNs();
    buf_.append(lines);
    if (each_line_ || buf_.size() >= kBlockBytes || NowNs() - oldest_ns_ >= kMaxDelayNs) Flush();
  }
  // Writes everything buffered; false when a write failed (now or before).
  bool Flush();
  // No write has failed.
  bool ok() const { return ok_; }
  // Bytes waiting in the buffer.
  size_t buffered() const { return buf_.size(); }

 private:
  // A coarse monotonic clock (some milliseconds of resolution are plenty
  // for a one-second bound, and it costs a few instructions, not a call).
  static int64_t NowNs();

  AtomicFile* file_;
  bool each_line_;
  bool ok_ = true;
  int64_t oldest_ns_ = 0;  // when the oldest buffered line came
  std::string buf_;
};

// When `fd` is a pipe or FIFO, asks the kernel to let it hold
// kPipeBytes (a pipe holds 64 KiB by default, half a block), so that a
// block is written while the reader is still reading the last one instead
// of waiting for it. Nothing happens where that is not allowed.
inline constexpr size_t kPipeBytes = 1 << 20;
void WidenPipe(int fd);

}  // namespace parley

#endif  // PARLEY_IO_LINE_OUTPUT_H_
