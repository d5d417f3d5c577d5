// Compiled images of the dictionaries: the pieces every image shares (the
// gazetteer's, the lexicon's, the coder's).
//
// An image is a cache of tables built from text files. Its file holds a
// header (a marker naming the kind of image, the format number, the byte
// order, the 64-bit key it was made for, the payload's size and checksum)
// and a payload of counted arrays. A reader accepts an image only when
// every header field matches and the checksum of the payload is right
// (checked once per image file and then remembered: OpenMapped);
// anything else (missing, truncated, of another format or key, bytes
// changed) is ignored and the text is parsed instead. Images are written
// through a temporary file in the same folder and renamed into place, so a
// reader sees a whole image or none, and concurrent first runs each write
// their own temporary file (the last rename wins; both are equal).
//
// Tables read in place. An image's tables need not be copied out: a table
// of fixed records written by Out::Table is read by In::Table as a
// std::span pointing into the image (the mapped file, or the string the
// text load built), and Out::Bytes / In::Bytes give a string pool as a
// std::string_view. The gazetteer and the learned models are read this way
// (gazetteer_image.cc, code/event_model_image.cc), and so are the lexicon's
// common words (KeyTable, below); the rest of the lexicon and coder images
// is still copied into heap tables.
//
// Adding a table to an image (the gazetteer's as the example):
//   1. a record type: trivially copyable, alignment <= 8, every byte a
//      field (explicit zeroed padding members), offsets instead of
//      pointers (into a pool written with Out::Bytes, or self-relative as
//      Place's names are);
//   2. a member std::span<const R> (or std::string_view for bytes) that
//      every lookup uses;
//   3. in the writer (Gazetteer::Serialize) `o.Table<R>(vector)` at its
//      place in the order, in the reader (Gazetteer::Attach) `in.Table(&span)`
//      at the same place, with O(1) checks of what a lookup relies on
//      (sizes, powers of two);
//   4. bump the image's kFormat and say what changed beside it; add the
//      table to the test that compares image and text tables.
// The text load builds its tables, lays them out with the same writer and
// attaches to those bytes, so there is one lookup code path.
//
// Tested by tests/gazetteer_image_test.cc, tests/lexicon_image_test.cc and
// tests/e2e/cache.sh.
#ifndef PARLEY_LEXICON_IMAGE_FILE_H_
#define PARLEY_LEXICON_IMAGE_FILE_H_

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <span>
#include <type_traits>
#include <string>
#include <string_view>
#include <vector>

#include "text/string_table.h"

namespace parley {
namespace image {

// A 64-bit hash of bytes, for cache keys and checksums (not for security).
uint64_t HashBytes(std::string_view b, uint64_t seed);
// 16 hexadecimal digits.
std::string Hex(uint64_t v);

// What identifies the code that builds and reads images: `version` and the
// file holding this code (path, size, modification time, inode), so a
// rebuilt binary never reads the image an older build wrote.
uint64_t BuildKey(std::string_view version);

// Folds the bytes of the file at `path` into *key, with its name (relative
// to nothing: the caller passes what identifies it). A missing file counts
// as absent (its own mark), so that adding it changes the key. False when
// the file exists but cannot be read (the caller then bypasses the cache
// and lets the text loader report the problem).
bool HashFile(const std::filesystem::path& path, uint64_t* key);

// Content keys without reading the content when nothing changed. Hashing
// the 10 MB of text on every run costs more than reading the images, so a
// small memo file "<prefix>-<stamp>.key" in the cache folder records the
// content key made for a `stamp`: a hash of each source's path, device,
// inode, size, modification and change times (or its absence). Any edit,
// rename, replacement or `touch` of a source changes its change time, so
// the stamp differs and the content is hashed again. A memo is written only
// when every source is at least two seconds old, so a file rewritten twice
// within one tick of the file system clock is never taken for unchanged.
// A missing, damaged or unwritable memo only means hashing the content.
uint64_t Stamp(const std::vector<std::filesystem::path>& files, uint64_t seed);
// False when there is no valid memo for `stamp`.
bool RecallKey(const std::filesystem::path& dir, std::string_view prefix, uint64_t stamp, uint64_t* key);
// Writes the memo (quietly does nothing when a source is too recent or the
// folder cannot be written).
void RememberKey(const std::filesystem::path& dir, std::string_view prefix, uint64_t stamp, uint64_t key,
                 const std::vector<std::filesystem::path>& files);

// A read-only mapping of a whole regular file; !ok() when it cannot be
// mapped. With `populate` every page is read at once (for a file that is
// read whole anyway: one system call instead of a fault per few pages);
// without, pages are read as they are touched. The unmap gives them back.
class Mapped {
 public:
  explicit Mapped(const std::filesystem::path& path, bool populate = true);
  ~Mapped();
  Mapped(const Mapped&) = delete;
  Mapped& operator=(const Mapped&) = delete;
  bool ok() const { return data_ != nullptr; }
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  // A hash of the mapped file's identity as fstat gave it when mapped:
  // device, inode, size, modification and change times. Any write to the
  // file, in place or by replacing it, changes it.
  uint64_t identity() const { return identity_; }
  // True when the file was last modified or changed two seconds or more
  // before it was mapped (see RememberKey).
  bool settled() const { return settled_; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
  uint64_t identity_ = 0;
  bool settled_ = false;
};

// Writes `bytes` to `path` through a temporary file in the same folder
// (created when missing). False, with *why, when it cannot.
bool WriteAtomically(const std::filesystem::path& path, const std::string& bytes, std::string* why);

// Keeps the cache from growing with every edit and every build: removes
// all but the `keep` newest (by modification time) images named
// "<prefix>-*.img" in `dir` (and of the memos "<prefix>-*.key", the
// 4 * `keep` newest), and temporary files of such images left for
// more than an hour by a writer that died. An image removed while another
// process reads it stays readable to that process (the file lives on until
// it is unmapped); one removed before it is opened is simply built again.
void Prune(const std::filesystem::path& dir, std::string_view prefix, size_t keep);

// The header: `magic` is 8 bytes naming the kind of image.
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8 + 8;
// Fills the kHeaderBytes reserved at the start of `buf` for its payload.
void Seal(const char (&magic)[8], uint32_t format, uint64_t key, std::string* buf);
// The payload of `bytes` when its header and checksum are right, else false.
bool Open(std::string_view bytes, const char (&magic)[8], uint32_t format, uint64_t key, std::string_view* payload);
// Open() of a mapped image file without reading every byte on every run.
// The header (marker, format, byte order, key, size) is always checked;
// the checksum of the payload is checked the first time this file is
// opened, and then remembered in a memo "<prefix>-<stamp>.key" in
// `cache_dir` keyed by the file's identity (Mapped::identity) and the
// header's checksum. A later open of the same, unchanged file finds the
// memo and trusts the payload, touching only the pages its tables use.
// Any change to the file (a byte written in place, a truncation, a new
// file renamed over it) changes its identity, so the payload is checked
// again; a memo is written only for a file at least two seconds old
// (Mapped::settled), so a write within the clock's tick of the check
// cannot go unseen. A missing, damaged or unwritable memo only means
// checking the payload. *verified says whether it was (for tests).
bool OpenMapped(const Mapped& m, const std::filesystem::path& cache_dir, std::string_view prefix,
                const char (&magic)[8], uint32_t format, uint64_t key, std::string_view* payload,
                bool* verified = nullptr);

// Writes a payload: plain values, strings and counted arrays.
class Out {
 public:
  Out() { buf_.assign(kHeaderBytes, '\0'); }
  template <typename T>
  void Put(T v) {
    buf_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Bytes(std::string_view b) {
    Put<uint64_t>(b.size());
    buf_.append(b);
  }
  void Str(std::string_view s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    buf_.append(s);
  }
  // A counted array of fixed-layout records (no padding bytes left unset).
  template <typename R>
  void Records(const std::vector<R>& v) {
    Put<uint64_t>(v.size());
    buf_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(R));
  }
  // A table read in place (In::Table): a u64 count, then the records from
  // an 8-byte boundary of the image. R is trivially copyable, with every
  // byte a field (explicit padding members set to 0), so the image's bytes
  // are fully determined by the tables.
  template <typename R>
  void Table(std::span<const R> v) {
    static_assert(std::is_trivially_copyable_v<R> && alignof(R) <= 8);
    Align();
    Put<uint64_t>(v.size());
    buf_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(R));
  }
  // Pads with zero bytes to an 8-byte boundary (counted from the header).
  void Align() { buf_.append((8 - buf_.size() % 8) % 8, '\0'); }
  std::string& buf() { return buf_; }

 private:
  std::string buf_;
};

// Reads a payload; every read is checked against the bytes left, so a
// damaged payload gives false, never a read out of bounds.
class In {
 public:
  explicit In(std::string_view b) : b_(b) {}
  template <typename T>
  bool Get(T* v) {
    if (b_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, b_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  // A count of items of `item_bytes` each that the rest of the input can hold.
  bool Count(size_t item_bytes, uint64_t* n) {
    return Get(n) && *n <= (b_.size() - pos_) / (item_bytes ? item_bytes : 1);
  }
  bool Bytes(std::string_view* out) {
    uint64_t n;
    if (!Count(1, &n)) return false;
    *out = b_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool Str(std::string_view* out) {
    uint32_t n;
    if (!Get(&n) || n > b_.size() - pos_) return false;
    *out = b_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool Str(std::string* out) {
    std::string_view v;
    if (!Str(&v)) return false;
    out->assign(v);
    return true;
  }
  // A counted array of records, left in place: record i is copied out by
  // At(i) (the bytes need not be aligned).
  template <typename R>
  struct Array {
    const char* p = nullptr;
    size_t n = 0;
    size_t size() const { return n; }
    R At(size_t i) const {
      R r;
      std::memcpy(&r, p + i * sizeof(R), sizeof(R));
      return r;
    }
  };
  template <typename R>
  bool Records(Array<R>* a) {
    uint64_t n;
    if (!Count(sizeof(R), &n)) return false;
    a->p = b_.data() + pos_;
    a->n = n;
    pos_ += n * sizeof(R);
    return true;
  }
  // A table written by Out::Table, left where it lies: no copy. The bytes
  // given to In must start on an 8-byte boundary (a mapped image's payload
  // does, as does a string's), so the records are aligned.
  template <typename R>
  bool Table(std::span<const R>* t) {
    static_assert(std::is_trivially_copyable_v<R> && alignof(R) <= 8);
    pos_ += (8 - (pos_ + kHeaderBytes) % 8) % 8;  // Out::Align counts from the header
    uint64_t n;
    if (pos_ > b_.size() || !Count(sizeof(R), &n)) return false;
    const char* p = b_.data() + pos_;
    if (reinterpret_cast<uintptr_t>(p) % alignof(R) != 0) return false;
    *t = std::span<const R>(reinterpret_cast<const R*>(p), n);
    pos_ += n * sizeof(R);
    return true;
  }
  bool done() const { return pos_ == b_.size(); }
  size_t pos() const { return pos_; }  // bytes read so far

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

// A set of distinct byte strings written into an image and read in place
// (the lexicon's 79,000 common words): an open-addressing table of slots (a
// power of two, at most half used; each the string's StringTable hash and
// its entry) over entries (each a string's bytes in a pool). Reading it
// points three spans into the image and checks every slot and entry
// against the tables' sizes, so a lookup stays in bounds and ends.
class KeyTable {
 public:
  // Writes the table of `keys` (distinct) at this point of `o`, the keys
  // in byte order (so the bytes depend only on the set).
  static void Write(std::vector<std::string_view> keys, Out& o);
  // Reads a table written by Write, in place; false when its layout is
  // wrong.
  bool Read(In& in);
  // Writes this table again, byte for byte as Write wrote it.
  void Copy(Out& o) const;
  bool Contains(std::string_view key) const;
  // The position of `key` among the keys in byte order (the order Write
  // puts them in, so a table of records written in that order is indexed
  // by it), or -1. REQUIRES: hash == StringTable<int>::Hash(key)
  // (text/string_table.h).
  int64_t IndexOf(std::string_view key, uint32_t hash) const;
  size_t size() const { return entries_.size(); }
  // Calls fn(key) for every key, in byte order (the order of IndexOf).
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (const Entry& e : entries_) fn(pool_.substr(e.off, e.len));
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t entry = 0;  // index into entries_ + 1; 0 = empty
  };
  struct Entry {
    uint32_t off = 0, len = 0;  // the key's bytes in pool_
  };
  std::span<const Slot> slots_;
  std::span<const Entry> entries_;
  std::string_view pool_;
};

}  // namespace image
}  // namespace parley

#endif  // PARLEY_LEXICON_IMAGE_FILE_H_
