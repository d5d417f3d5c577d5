// An output file that appears whole or not at all.
#ifndef PARLEY_IO_ATOMIC_FILE_H_
#define PARLEY_IO_ATOMIC_FILE_H_

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace parley {

// Writes to a regular file PATH through PATH.tmp.PID, renamed over PATH on
// Commit(), so a reader never sees a half-written file; without Commit() the
// temporary file is removed. An empty path or "-" means standard output.
//
// A symlink is followed to the file it names (the link stays a link, and a
// dangling link's target is created). A target that exists and is not a
// regular file (a device such as /dev/null, a FIFO, a socket) is written
// straight through: it is never replaced by a regular file.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path) : path_(std::move(path)) {
    if (path_.empty() || path_ == "-") return;
    if (!Resolve()) return;
    struct stat st;
    if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      if (S_ISDIR(st.st_mode)) {
        error_ = std::strerror(EISDIR);
        return;
      }
      direct_ = true;
      file_.open(path_, std::ios::binary | std::ios::out);
      if (!file_.is_open()) error_ = std::strerror(errno);
      return;
    }
    tmp_ = path_ + ".tmp." + std::to_string(::getpid());
    file_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!file_.is_open()) error_ = std::strerror(errno);
  }
  ~AtomicFile() {
    if (!tmp_.empty() && !committed_) std::remove(tmp_.c_str());
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return error_.empty() && (stdout_() || file_.is_open()); }
  // Why the file could not be opened ("" when ok()).
  const std::string& error() const { return error_; }
  // The file written in the end, symlinks resolved.
  const std::string& target() const { return path_; }
  std::ostream& stream() { return stdout_() ? std::cout : file_; }
  // Writes `n` bytes now, as one block: to standard output straight with
  // write(2) (stream()'s buffered bytes first), to a file through stream()
  // in one call, flushed (a FIFO or device sees them at once). False when
  // writing failed; Commit() is then false too.
  bool WriteBlock(const char* data, size_t n) {
    if (!stdout_()) return static_cast<bool>(file_.write(data, static_cast<std::streamsize>(n)).flush());
    if (!std::cout.flush()) return false;
    while (n > 0) {
      const ssize_t w = ::write(STDOUT_FILENO, data, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        write_failed_ = true;
        return false;
      }
      data += w;
      n -= static_cast<size_t>(w);
    }
    return true;
  }
  // False when writing or renaming failed; a regular target is then untouched.
  bool Commit() {
    if (stdout_()) return !write_failed_ && static_cast<bool>(std::cout.flush());
    file_.close();
    if (!file_) return false;
    if (direct_) return true;
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) return false;
    committed_ = true;
    return true;
  }

 private:
  bool stdout_() const { return path_.empty() || path_ == "-"; }
  // Follows symlinks from path_ to the file they name (existing or not).
  bool Resolve() {
    namespace fs = std::filesystem;
    fs::path p(path_);
    for (int hops = 0;; ++hops) {
      std::error_code ec;
      fs::file_status st = fs::symlink_status(p, ec);
      if (!fs::is_symlink(st)) break;
      if (hops == 40) {
        error_ = std::strerror(ELOOP);
        return false;
      }
      fs::path target = fs::read_symlink(p, ec);
      if (ec) {
        error_ = ec.message();
        return false;
      }
      p = target.is_absolute() ? target : p.parent_path() / target;
    }
    path_ = p.string();
    return true;
  }

  std::string path_, tmp_, error_;
  std::ofstream file_;
  bool direct_ = false;
  bool committed_ = false;
  bool write_failed_ = false;  // a WriteBlock to standard output failed
};

}  // namespace parley

#endif  // PARLEY_IO_ATOMIC_FILE_H_
