// An output file that appears whole or not at all.
#ifndef PARLEY_IO_ATOMIC_FILE_H_
#define PARLEY_IO_ATOMIC_FILE_H_

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

namespace parley {

// Writes to PATH.tmp.PID and renames it over PATH on Commit(), so a reader
// never sees a half-written file; without Commit() the temporary file is
// removed. An empty path or "-" means standard output.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path) : path_(std::move(path)) {
    if (path_.empty() || path_ == "-") return;
    tmp_ = path_ + ".tmp." + std::to_string(::getpid());
    file_.open(tmp_, std::ios::binary | std::ios::trunc);
  }
  ~AtomicFile() {
    if (!tmp_.empty() && !committed_) std::remove(tmp_.c_str());
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return tmp_.empty() || file_.is_open(); }
  std::ostream& stream() { return tmp_.empty() ? std::cout : file_; }
  // False when writing or renaming failed; the target is then untouched.
  bool Commit() {
    if (tmp_.empty()) return static_cast<bool>(std::cout.flush());
    file_.close();
    if (!file_ || std::rename(tmp_.c_str(), path_.c_str()) != 0) return false;
    committed_ = true;
    return true;
  }

 private:
  std::string path_, tmp_;
  std::ofstream file_;
  bool committed_ = false;
};

}  // namespace parley

#endif  // PARLEY_IO_ATOMIC_FILE_H_
