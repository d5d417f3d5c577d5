// The pieces every compiled image shares; see image_file.h.
#include "lexicon/image_file.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>

#include "text/string_table.h"

namespace parley {
namespace image {
namespace {

constexpr uint32_t kByteOrder = 0x01020304;

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace

// Blocks of 32 bytes go through four lanes of Fletcher-style sums (a
// running sum and the sum of the running sums, which also sees the order
// of the words): two additions per eight bytes, which the compiler turns
// into vector additions, so the 30 MB of images are checked in a few
// million instructions. The sums and the tail are then mixed.
uint64_t HashBytes(std::string_view b, uint64_t seed) {
  uint64_t sum[4] = {seed ^ 0x243F6A8885A308D3ull, seed ^ 0x13198A2E03707344ull, seed ^ 0xA4093822299F31D0ull,
                     seed ^ 0x082EFA98EC4E6C89ull};
  uint64_t sum2[4] = {0, 0, 0, 0};
  const char* p = b.data();
  size_t n = b.size();
  for (; n >= 32; p += 32, n -= 32) {
    uint64_t w[4];
    std::memcpy(w, p, 32);
    for (int i = 0; i < 4; ++i) {
      sum[i] += w[i];
      sum2[i] += sum[i];
    }
  }
  uint64_t lane[4];
  for (int i = 0; i < 4; ++i) lane[i] = Mix(sum[i]) ^ sum2[i];
  uint64_t h = seed ^ b.size();
  for (int i = 0; i < 4; ++i) h = Mix(h ^ lane[i]);
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = Mix(h ^ w);
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  return Mix(h ^ tail ^ (uint64_t{n} << 56));
}

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

uint64_t BuildKey(std::string_view version) {
  uint64_t key = HashBytes(version, 0x5041524C4559ull);
  // The file that holds this code: the executable, or the shared object when parley is loaded as a
  // library (the Python module). The main program's link map has an empty name, and dladdr then
  // reports argv[0], which need not name the file (a PATH lookup, or a relative path after a
  // chdir), so the executable is named through /proc/self/exe. The key is the file's identity, not
  // its path: the same binary run by two paths shares its images.
  Dl_info info;
  struct link_map* map = nullptr;
  if (::dladdr1(reinterpret_cast<void*>(&BuildKey), &info, reinterpret_cast<void**>(&map), RTLD_DL_LINKMAP) == 0)
    return key;
  const char* file = (map && map->l_name && map->l_name[0]) ? map->l_name : "/proc/self/exe";
  // The executable's own name, read through the link rather than stat'd through it: under a tool
  // such as valgrind, stat("/proc/self/exe") sees the tool's file, and readlink the program's.
  char exe[4096];
  if (std::strcmp(file, "/proc/self/exe") == 0) {
    const ssize_t n = ::readlink(file, exe, sizeof exe - 1);
    if (n > 0) {
      exe[n] = '\0';
      file = exe;
    }
  }
  struct stat st;
  if (::stat(file, &st) == 0) {
    const uint64_t id[5] = {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
                            static_cast<uint64_t>(st.st_size), static_cast<uint64_t>(st.st_mtim.tv_sec),
                            static_cast<uint64_t>(st.st_mtim.tv_nsec)};
    key = HashBytes(std::string_view(reinterpret_cast<const char*>(id), sizeof id), key);
  }
  return key;
}

bool HashFile(const std::filesystem::path& path, uint64_t* key) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT && errno != ENOTDIR) return false;
    *key = HashBytes("\x01" "absent", *key);
    return true;
  }
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (ok && st.st_size > 0) {
    // Mapped, not read: no copy of the bytes.
    void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) {
      ok = false;
    } else {
      *key = HashBytes(std::string_view(static_cast<const char*>(p), static_cast<size_t>(st.st_size)), *key ^ 0x66696C65ull);
      ::munmap(p, static_cast<size_t>(st.st_size));
    }
  } else if (ok) {
    *key = HashBytes("", *key ^ 0x66696C65ull);
  }
  ::close(fd);
  return ok;
}

namespace {

constexpr char kMemoMagic[8] = {'P', 'R', 'L', 'Y', 'K', 'E', 'Y', '\0'};

std::filesystem::path MemoPath(const std::filesystem::path& dir, std::string_view prefix, uint64_t stamp) {
  return dir / (std::string(prefix) + "-" + Hex(stamp) + ".key");
}

}  // namespace

uint64_t Stamp(const std::vector<std::filesystem::path>& files, uint64_t seed) {
  uint64_t h = HashBytes("stamp", seed);
  for (const auto& f : files) {
    h = HashBytes(f.native(), h);
    struct stat st;
    if (::stat(f.c_str(), &st) != 0) {
      h = HashBytes(std::to_string(errno), h ^ 0x616273656E74ull);
      continue;
    }
    const uint64_t id[8] = {static_cast<uint64_t>(st.st_dev),          static_cast<uint64_t>(st.st_ino),
                            static_cast<uint64_t>(st.st_size),         static_cast<uint64_t>(st.st_mode),
                            static_cast<uint64_t>(st.st_mtim.tv_sec),  static_cast<uint64_t>(st.st_mtim.tv_nsec),
                            static_cast<uint64_t>(st.st_ctim.tv_sec),  static_cast<uint64_t>(st.st_ctim.tv_nsec)};
    h = HashBytes(std::string_view(reinterpret_cast<const char*>(id), sizeof id), h);
  }
  return h;
}

bool RecallKey(const std::filesystem::path& dir, std::string_view prefix, uint64_t stamp, uint64_t* key) {
  if (dir.empty()) return false;
  int fd = ::open(MemoPath(dir, prefix, stamp).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[33];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n != 32 || std::memcmp(buf, kMemoMagic, 8) != 0) return false;
  uint64_t s, k, check;
  std::memcpy(&s, buf + 8, 8);
  std::memcpy(&k, buf + 16, 8);
  std::memcpy(&check, buf + 24, 8);
  if (s != stamp || check != HashBytes(std::string_view(buf, 24), stamp)) return false;
  *key = k;
  return true;
}

namespace {

void WriteMemo(const std::filesystem::path& dir, std::string_view prefix, uint64_t stamp, uint64_t key) {
  std::string buf(kMemoMagic, 8);
  buf.append(reinterpret_cast<const char*>(&stamp), 8);
  buf.append(reinterpret_cast<const char*>(&key), 8);
  const uint64_t check = HashBytes(buf, stamp);
  buf.append(reinterpret_cast<const char*>(&check), 8);
  std::string why;
  (void)WriteAtomically(MemoPath(dir, prefix, stamp), buf, &why);
}

}  // namespace

void RememberKey(const std::filesystem::path& dir, std::string_view prefix, uint64_t stamp, uint64_t key,
                 const std::vector<std::filesystem::path>& files) {
  if (dir.empty()) return;
  struct timespec now;
  if (::clock_gettime(CLOCK_REALTIME, &now) != 0) return;
  for (const auto& f : files) {
    struct stat st;
    if (::stat(f.c_str(), &st) != 0) continue;
    if (st.st_mtim.tv_sec > now.tv_sec - 2 || st.st_ctim.tv_sec > now.tv_sec - 2) return;
  }
  WriteMemo(dir, prefix, stamp, key);
}

Mapped::Mapped(const std::filesystem::path& path, bool populate) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0),
                     fd, 0);
    if (p != MAP_FAILED) {
      data_ = p;
      size_ = static_cast<size_t>(st.st_size);
      const uint64_t id[7] = {static_cast<uint64_t>(st.st_dev),         static_cast<uint64_t>(st.st_ino),
                              static_cast<uint64_t>(st.st_size),        static_cast<uint64_t>(st.st_mtim.tv_sec),
                              static_cast<uint64_t>(st.st_mtim.tv_nsec), static_cast<uint64_t>(st.st_ctim.tv_sec),
                              static_cast<uint64_t>(st.st_ctim.tv_nsec)};
      identity_ = HashBytes(std::string_view(reinterpret_cast<const char*>(id), sizeof id), 0x6D6170706564ull);
      struct timespec now;
      settled_ = ::clock_gettime(CLOCK_REALTIME, &now) == 0 && st.st_mtim.tv_sec <= now.tv_sec - 2 &&
                 st.st_ctim.tv_sec <= now.tv_sec - 2;
    }
  }
  ::close(fd);
}

Mapped::~Mapped() {
  if (data_) ::munmap(data_, size_);
}

bool WriteAtomically(const std::filesystem::path& path, const std::string& bytes, std::string* why) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::random_device rd;
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid()) + "." + Hex((uint64_t{rd()} << 32) | rd()).substr(8);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    *why = "cannot write " + tmp.string() + ": " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  bool ok = true;
  while (ok && done < bytes.size()) {
    ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) ok = false;
    else done += static_cast<size_t>(w);
  }
  if (!ok) *why = "cannot write " + tmp.string() + ": " + std::strerror(errno);
  if (::close(fd) != 0 && ok) {
    ok = false;
    *why = "cannot write " + tmp.string() + ": " + std::strerror(errno);
  }
  if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    *why = "cannot rename " + tmp.string() + ": " + std::strerror(errno);
  }
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

void Prune(const std::filesystem::path& dir, std::string_view prefix, size_t keep) {
  namespace fs = std::filesystem;
  const std::string start = std::string(prefix) + "-";
  const auto now = fs::file_time_type::clock::now();
  std::vector<std::pair<fs::file_time_type, fs::path>> images, memos;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(start, 0) != 0) continue;
    std::error_code tec;
    const auto when = fs::last_write_time(it->path(), tec);
    if (tec) continue;
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".img") == 0) {
      images.emplace_back(when, it->path());
    } else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".key") == 0) {
      memos.emplace_back(when, it->path());
    } else if ((name.find(".img.tmp.") != std::string::npos || name.find(".key.tmp.") != std::string::npos) && now - when > std::chrono::hours(1)) {
      fs::remove(it->path(), tec);
    }
  }
  auto keep_newest = [&](std::vector<std::pair<fs::file_time_type, fs::path>>& files, size_t n) {
    if (files.size() <= n) return;
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = n; i < files.size(); ++i) fs::remove(files[i].second, ec);
  };
  keep_newest(images, keep);
  keep_newest(memos, 4 * keep);
}

void Seal(const char (&magic)[8], uint32_t format, uint64_t key, std::string* buf) {
  const uint64_t size = buf->size() - kHeaderBytes;
  const uint64_t sum = HashBytes(std::string_view(*buf).substr(kHeaderBytes), key);
  char* h = buf->data();
  std::memcpy(h, magic, 8);
  std::memcpy(h + 8, &format, 4);
  std::memcpy(h + 12, &kByteOrder, 4);
  std::memcpy(h + 16, &key, 8);
  std::memcpy(h + 24, &size, 8);
  std::memcpy(h + 32, &sum, 8);
}

bool Open(std::string_view bytes, const char (&magic)[8], uint32_t format, uint64_t key, std::string_view* payload) {
  if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), magic, 8) != 0) return false;
  In h(bytes.substr(8, kHeaderBytes - 8));
  uint32_t f, order;
  uint64_t image_key, size, sum;
  if (!h.Get(&f) || !h.Get(&order) || !h.Get(&image_key) || !h.Get(&size) || !h.Get(&sum)) return false;
  if (f != format || order != kByteOrder || image_key != key || size != bytes.size() - kHeaderBytes) return false;
  *payload = bytes.substr(kHeaderBytes);
  return HashBytes(*payload, key) == sum;
}

bool OpenMapped(const Mapped& m, const std::filesystem::path& cache_dir, std::string_view prefix,
                const char (&magic)[8], uint32_t format, uint64_t key, std::string_view* payload, bool* verified) {
  if (verified) *verified = false;
  if (!m.ok()) return false;
  const std::string_view bytes = m.bytes();
  if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), magic, 8) != 0) return false;
  In h(bytes.substr(8, kHeaderBytes - 8));
  uint32_t f, order;
  uint64_t image_key, size, sum;
  if (!h.Get(&f) || !h.Get(&order) || !h.Get(&image_key) || !h.Get(&size) || !h.Get(&sum)) return false;
  if (f != format || order != kByteOrder || image_key != key || size != bytes.size() - kHeaderBytes) return false;
  // The memo's stamp: this file as it is, with this header.
  const uint64_t ids[4] = {m.identity(), key, sum, format};
  const uint64_t stamp = HashBytes(std::string_view(reinterpret_cast<const char*>(ids), sizeof ids), 0x6F6B6179ull);
  uint64_t remembered = 0;
  if (!RecallKey(cache_dir, prefix, stamp, &remembered) || remembered != sum) {
    if (verified) *verified = true;
    if (HashBytes(bytes.substr(kHeaderBytes), key) != sum) return false;
    if (m.settled() && !cache_dir.empty()) WriteMemo(cache_dir, prefix, stamp, sum);
  }
  *payload = bytes.substr(kHeaderBytes);
  return true;
}

void KeyTable::Write(std::vector<std::string_view> keys, Out& o) {
  std::sort(keys.begin(), keys.end());
  size_t n_slots = 16;
  while (n_slots < keys.size() * 2) n_slots *= 2;
  std::vector<Slot> slots(n_slots);
  std::vector<Entry> entries;
  entries.reserve(keys.size());
  std::string pool;
  const uint32_t mask = static_cast<uint32_t>(n_slots - 1);
  for (std::string_view k : keys) {
    const uint32_t hash = StringTable<int>::Hash(k);
    uint32_t h = hash & mask;
    while (slots[h].entry != 0) h = (h + 1) & mask;
    entries.push_back(Entry{static_cast<uint32_t>(pool.size()), static_cast<uint32_t>(k.size())});
    slots[h] = Slot{hash, static_cast<uint32_t>(entries.size())};
    pool.append(k);
  }
  o.Table<Entry>(entries);
  o.Table<Slot>(slots);
  o.Bytes(pool);
}

bool KeyTable::Read(In& in) {
  std::span<const Entry> entries;
  std::span<const Slot> slots;
  std::string_view pool;
  if (!in.Table(&entries) || !in.Table(&slots) || !in.Bytes(&pool)) return false;
  if (!ValidHashTable(slots, entries, pool)) return false;
  slots_ = slots;
  entries_ = entries;
  pool_ = pool;
  return true;
}

void KeyTable::Copy(Out& o) const {
  o.Table<Entry>(entries_);
  o.Table<Slot>(slots_);
  o.Bytes(pool_);
}

bool KeyTable::Contains(std::string_view key) const { return IndexOf(key, StringTable<int>::Hash(key)) >= 0; }

int64_t KeyTable::IndexOf(std::string_view key, uint32_t hash) const {
  if (slots_.empty()) return -1;
  const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
  for (uint32_t h = hash & mask;; h = (h + 1) & mask) {
    const Slot& s = slots_[h];
    if (s.entry == 0) return -1;
    if (s.hash != hash) continue;
    const Entry& e = entries_[s.entry - 1];
    if (e.len == key.size() && SameBytes(pool_.data() + e.off, key.data(), key.size())) return s.entry - 1;
  }
}

}  // namespace image
}  // namespace parley
