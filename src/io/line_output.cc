// Tested by tests/line_output_test.cc. The method is in line_output.h.
#include "io/line_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include "io/atomic_file.h"

namespace parley {

LineOutput::LineOutput(AtomicFile* file, bool each_line) : file_(file), each_line_(each_line) {
  buf_.reserve(kBlockBytes + (kBlockBytes >> 2));
}

bool LineOutput::Flush() {
  if (!buf_.empty()) {
    if (ok_ && !file_->WriteBlock(buf_.data(), buf_.size())) ok_ = false;
    buf_.clear();
    // One huge line grew the buffer: do not keep it.
    if (buf_.capacity() > 8 * kBlockBytes) {
      std::string().swap(buf_);
      buf_.reserve(kBlockBytes + (kBlockBytes >> 2));
    }
  }
  return ok_;
}

int64_t LineOutput::NowNs() {
  struct timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void WidenPipe(int fd) {
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) return;
#ifdef F_SETPIPE_SZ
  // Beyond /proc/sys/fs/pipe-max-size (1 MiB by default) an unprivileged
  // caller is refused; the pipe then keeps its size.
  if (::fcntl(fd, F_GETPIPE_SZ) < static_cast<int>(kPipeBytes)) ::fcntl(fd, F_SETPIPE_SZ, static_cast<int>(kPipeBytes));
#endif
}

}  // namespace parley
