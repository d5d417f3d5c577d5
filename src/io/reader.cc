#include "io/reader.h"

#include <fcntl.h>
#include <poll.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "document/utf8.h"
#include "io/json_bytes.h"

namespace parley {
namespace fs = std::filesystem;

std::string HumanBytes(size_t n) {
  char buf[32];
  if (n >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", n / 1048576.0);
  else if (n >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", n / 1024.0);
  else std::snprintf(buf, sizeof buf, "%zu B", n);
  return buf;
}

std::string TooLargeMessage(size_t size, size_t limit) {
  return "too large: " + std::to_string(size) + " bytes > " + std::to_string(limit) + " (" + HumanBytes(limit) + ")";
}

size_t MaxJsonLineBytes(size_t max_article_bytes) {
  constexpr size_t kSlack = 64 << 10;
  if (max_article_bytes > (SIZE_MAX - kSlack) / 6) return SIZE_MAX;
  return max_article_bytes * 6 + kSlack;
}

namespace {

bool IsJsonlPath(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".jsonl" || ext == ".ndjson";
}

std::string ErrnoText(int err) { return std::strerror(err); }

// Whether reading `fd` would return at once (data, end of file or an error).
bool Readable(int fd) {
  struct pollfd p = {fd, POLLIN, 0};
  return ::poll(&p, 1, 0) != 0;
}

// Whether reading `fd` may wait: not a regular file, and nothing ready.
bool FdMayWait(int fd) {
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) return false;
  return !Readable(fd);
}

// Reads at most limit + 1 bytes of `fd` into *out. OK, or an error message
// in *error: a read failure, or "too large" (exact when the size is known
// beforehand, as for a regular file; "more than" for a stream, whose rest is
// left unread).
bool ReadBounded(int fd, const std::string& name, size_t limit, std::string* out, std::string* error) {
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t here = ::lseek(fd, 0, SEEK_CUR);
    size_t size = static_cast<size_t>(st.st_size) - static_cast<size_t>(here > 0 ? here : 0);
    if (size > limit) {
      *error = TooLargeMessage(size, limit);
      return false;
    }
    out->reserve(size);
  }
  char buf[1 << 16];
  for (;;) {
    size_t want = sizeof buf;
    if (limit - std::min(limit, out->size()) + 1 < want) want = limit - std::min(limit, out->size()) + 1;
    ssize_t n = ::read(fd, buf, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = "cannot read " + name + ": " + ErrnoText(errno);
      out->clear();
      return false;
    }
    if (n == 0) return true;
    out->append(buf, static_cast<size_t>(n));
    if (out->size() > limit) {
      *error = "too large: more than " + std::to_string(limit) + " bytes (" + HumanBytes(limit) +
               "); the rest was not read";
      out->clear();
      out->shrink_to_fit();
      return false;
    }
  }
}

// The fields of a JSON record that the reader uses, as the SAX parser
// reports them: only the top level is kept; anything nested is walked past.
// A field's value is a view: into the line or QuickRecordParser's buffer
// when that parser drives the handler (both outlive the handler's use), into
// the handler's own copy when RapidJSON does (its strings live only for the
// call). So a record's text is copied once, into the Document.
class RecordHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RecordHandler> {
 public:
  enum class Kind : uint8_t { kAbsent, kNull, kString, kNumber, kOther };
  enum FieldName { kId, kDocId, kPublishDate, kDate, kTitle, kUrl, kSource, kText, kFieldCount };
  struct Field {
    Kind kind = Kind::kAbsent;
    std::string_view value;  // strings, and numbers as written
  };

  // `owned`: when given, kFieldCount strings the values are copied into
  // (for RapidJSON, whose strings do not last); they outlive the handler's
  // use. None for the quick parser, whose handler so has no string to make
  // or free per record.
  explicit RecordHandler(std::string* owned = nullptr) : owned_(owned) {}
  RecordHandler(const RecordHandler&) = delete;
  RecordHandler& operator=(const RecordHandler&) = delete;

  bool root_is_object() const { return root_object_; }
  const Field& field(FieldName f) const { return fields_[f]; }

  bool Null() { return Scalar(Kind::kNull, {}); }
  bool Bool(bool) { return Scalar(Kind::kOther, {}); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return Scalar(Kind::kNumber, {s, n}); }
  bool String(const char* s, rapidjson::SizeType n, bool) { return Scalar(Kind::kString, {s, n}); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1) current_ = Lookup({s, n});
    return true;
  }
  bool StartObject() { return Open(true); }
  bool StartArray() { return Open(false); }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

 private:
  // The field a key names, or -1: chosen by the key's length (at most two
  // names share one), so that each key costs a compare or two of a few
  // bytes, inlined.
  static int Lookup(std::string_view k) {
    auto is = [&k]<size_t N>(const char (&name)[N]) { return std::memcmp(k.data(), name, N - 1) == 0; };
    switch (k.size()) {
      case 2: return is("id") ? kId : -1;
      case 3: return is("url") ? kUrl : -1;
      case 4: return is("text") ? kText : is("date") ? kDate : -1;
      case 5: return is("title") ? kTitle : -1;
      case 6: return is("source") ? kSource : is("doc_id") ? kDocId : -1;
      case 12: return is("publish_date") ? kPublishDate : -1;
      default: return -1;
    }
  }
  // The value of the current key, at the top level. The first of duplicate
  // keys wins.
  bool Scalar(Kind kind, std::string_view v) {
    if (depth_ == 1 && current_ >= 0 && fields_[current_].kind == Kind::kAbsent) {
      fields_[current_].kind = kind;
      if (owned_ != nullptr) {
        owned_[current_].assign(v);
        v = owned_[current_];
      }
      fields_[current_].value = v;
    }
    return true;
  }
  bool Open(bool object) {
    if (depth_ == 0) root_object_ = object;
    else Scalar(Kind::kOther, {});
    ++depth_;
    return true;
  }
  bool Close() {
    --depth_;
    return true;
  }

  int depth_ = 0;
  int current_ = -1;
  bool root_object_ = false;
  Field fields_[kFieldCount];
  std::string* owned_;  // the values, when copied
};

// The common shape of a record line, parsed without RapidJSON: one object
// of strings, true, false, null, arrays, objects and whole numbers of up to
// 18 digits, strings with the escapes \" \\ \/ \b \f \n \r \t and \u of a
// code point that is no surrogate. It drives the handler with the same
// calls RapidJSON makes, so the record is the same. Anything else (another
// number, a surrogate escape, any syntax error) returns false having
// decided nothing, and the line goes to RapidJSON, which parses it or says
// where it is wrong. It also checks the line's encoding as it goes: a byte
// of 0x80 or above is valid only inside a string, where each run of such
// bytes is checked (IsValidUtf8); so a line it parses is valid UTF-8 and
// holds no NUL byte (a control byte, which no string holds raw), and the
// whole line need not be checked first (issue 12, item 14).
class QuickRecordParser {
 public:
  // `buf` receives the strings that have escapes; their views stay valid
  // while it is not changed. It is made at least as long as the line.
  QuickRecordParser(std::string_view line, std::string* buf) : p_(line.data()), end_(line.data() + line.size()) {
    if (buf->size() < line.size()) buf->resize(line.size());
    o_ = buf->data();
  }

  // After Parse: true when some string's escape decoded to a control byte
  // that the pipeline's text check refuses (\b, \u0000 to \u001f but
  // \t, \n, \f and \r). Raw control bytes are no JSON; every other byte
  // of every string was found valid UTF-8; so a string of a line with none
  // passes that check as it is (see Document::assign_checked_text).
  bool controls() const { return control_; }

  bool Parse(RecordHandler* h) {
    std::vector<char>& open = open_;  // '{' or '[' of each container around p_
    open.clear();
    SkipSpace();
    if (p_ == end_ || *p_ != '{') return false;
    for (;;) {
      // A value.
      if (p_ == end_) return false;
      if (*p_ == '"') {
        std::string_view value;
        if (!String(&value)) return false;
        h->String(value.data(), static_cast<rapidjson::SizeType>(value.size()), false);
      } else if (*p_ == '{' || *p_ == '[') {
        const char c = *p_++;
        open.push_back(c);
        if (c == '{') h->StartObject();
        else h->StartArray();
        SkipSpace();
        if (p_ < end_ && *p_ == (c == '{' ? '}' : ']')) {
          ++p_;
          open.pop_back();
          if (c == '{') h->EndObject(0);
          else h->EndArray(0);
        } else {
          if (c == '{' && !Key(h)) return false;
          continue;
        }
      } else if (Word("null")) {
        h->Null();
      } else if (Word("true")) {
        h->Bool(true);
      } else if (Word("false")) {
        h->Bool(false);
      } else if (!Integer(h)) {
        return false;  // another number, or not JSON
      }
      // What follows a value: a comma, or the ends of containers.
      for (;;) {
        SkipSpace();
        if (open.empty()) return p_ == end_;
        if (p_ == end_) return false;
        if (*p_ == ',') {
          ++p_;
          SkipSpace();
          if (open.back() == '{' && !Key(h)) return false;
          break;
        }
        if (*p_ != (open.back() == '{' ? '}' : ']')) return false;
        ++p_;
        if (open.back() == '{') h->EndObject(0);
        else h->EndArray(0);
        open.pop_back();
      }
    }
  }

 private:
  // White space: mostly none or one space (after a colon or comma), so
  // those are tested first, with the position in a local (a member would be
  // loaded and stored again at each step).
  [[gnu::always_inline]] void SkipSpace() {
    const char* p = p_;
    if (p < end_ && *p == ' ') ++p;
    if (p == end_ || static_cast<unsigned char>(*p) > ' ') [[likely]] {
      p_ = p;
      return;
    }
    while (p < end_ && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
    p_ = p;
  }
  // A key as String reads it, found with one load, when it is short and
  // plain (as keys are): the sixteen bytes after its quote hold its closing
  // quote before any other byte String stops at. False (p_ unmoved) when
  // not.
  bool PlainKey(std::string_view* key) {
#if defined(__SSE2__)
    if (end_ - p_ <= 16) return false;
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + 1));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(JsonSpecialOrHighBytes(v)));
    if (mask == 0) return false;
    const int k = std::countr_zero(mask);
    if (p_[1 + k] != '"') return false;
    *key = std::string_view(p_ + 1, static_cast<size_t>(k));
    p_ += k + 2;
    return true;
#else
    return false;
#endif
  }
  // A key, its colon and the space before the value.
  bool Key(RecordHandler* h) {
    std::string_view key;
    if (p_ == end_ || *p_ != '"') return false;
    if (!PlainKey(&key) && !String(&key)) return false;
    h->Key(key.data(), static_cast<rapidjson::SizeType>(key.size()), false);
    SkipSpace();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    SkipSpace();
    return true;
  }
  bool Word(std::string_view w) {
    if (static_cast<size_t>(end_ - p_) < w.size() || std::memcmp(p_, w.data(), w.size()) != 0) return false;
    p_ += w.size();
    return true;
  }
  // A whole number of at most 18 digits (never too big for RapidJSON),
  // reported as written, as RapidJSON reports numbers to the handler.
  bool Integer(RecordHandler* h) {
    const char* start = p_;
    const char* q = p_;
    if (q < end_ && *q == '-') ++q;
    const char* digits = q;
    while (q < end_ && *q >= '0' && *q <= '9') ++q;
    const size_t n = static_cast<size_t>(q - digits);
    if (n == 0 || n > 18 || (n > 1 && *digits == '0')) return false;
    if (q < end_ && (*q == '.' || *q == 'e' || *q == 'E')) return false;
    p_ = q;
    h->RawNumber(start, static_cast<rapidjson::SizeType>(q - start), false);
    return true;
  }
  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  // The position of the first '"', '\\' or control byte at or after `q`
  // (with kNonAscii, of the first byte of 0x80 or above too); end_ when
  // there is none.
  template <bool kNonAscii>
  const char* FindSpecial(const char* q) const {
#if defined(__SSE2__)
    // Sixteen bytes at a time.
    while (end_ - q >= 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
      if (const int mask = _mm_movemask_epi8(kNonAscii ? JsonSpecialOrHighBytes(v) : JsonSpecialBytes(v)))
        return q + std::countr_zero(static_cast<unsigned>(mask));
      q += 16;
    }
#endif
    // Eight bytes at a time while none is special (bytes of 0x80 and above
    // are valid UTF-8 here and pass as they are); then straight to the
    // first such byte: a borrow may flag bytes above it (false alarms),
    // never one below, so the lowest flag is exact.
    while (end_ - q >= 8) {
      uint64_t w;
      std::memcpy(&w, q, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
      const uint64_t quote8 = w ^ (kOnes * '"'), backslash8 = w ^ (kOnes * '\\');
      const uint64_t special =
          ((((quote8 - kOnes) & ~quote8) | ((backslash8 - kOnes) & ~backslash8) | (w - kOnes * 0x20)) & ~w & kHigh) |
          (kNonAscii ? w & kHigh : 0);
      if (special != 0) {
        static_assert(std::endian::native == std::endian::little, "the lowest byte is the first");
        return q + std::countr_zero(special) / 8;
      }
      q += 8;
    }
    while (q < end_ && *q != '"' && *q != '\\' && static_cast<unsigned char>(*q) >= 0x20 &&
           (!kNonAscii || static_cast<unsigned char>(*q) < 0x80))
      ++q;
    return q;
  }
  // The string at p_ (its opening quote); *out views the line when the
  // string has no escape, else the bytes decoded into the buffer at o_ (which
  // has room: a string decodes to no more bytes than it is written with, and
  // each is decoded after the last, so o_ never passes the line's own
  // position). The positions are kept in locals while the string is read,
  // not in the members: a store through a char pointer may alias any member,
  // so a member would be loaded and stored again at every step. p_ and o_
  // are set when the string was read (after a failure nothing reads them).
  bool String(std::string_view* out) {
    const char* p = p_ + 1;
    const char* const run = p;
    // Up to the first escape the string is only scanned: most have none.
    for (;;) {
      p = FindSpecial<true>(p);
      if (p == end_) return false;
      const unsigned char c = static_cast<unsigned char>(*p);
      if (c == '"') {
        *out = std::string_view(run, static_cast<size_t>(p - run));
        p_ = p + 1;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20 || !NonAscii(&p)) return false;
    }
    const char* const end = end_;
    char* o = o_;
    char* const start = o;
    const size_t n = static_cast<size_t>(p - run);
    std::memcpy(o, run, n);
    o += n;
    // From there on each escape is decoded, and the bytes up to the next
    // one are copied as they are scanned.
    for (;;) {
      if (!Escape(&p, &o)) return false;
      for (;;) {
        // Copies the bytes up to the first '"', '\\', control byte or byte
        // of 0x80 and above. Sixteen bytes at a time: the store has room,
        // since o is never further into the buffer than p into the line.
#if defined(__SSE2__)
        for (;;) {
          if (end - p < 16) {
            p = CopyTail(p, &o);
            break;
          }
          const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
          _mm_storeu_si128(reinterpret_cast<__m128i*>(o), v);
          if (const int mask = _mm_movemask_epi8(JsonSpecialOrHighBytes(v))) {
            const int k = std::countr_zero(static_cast<unsigned>(mask));
            o += k;
            p += k;
            break;
          }
          p += 16;
          o += 16;
        }
#else
        p = CopyTail(p, &o);
#endif
        if (p == end) return false;
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"') {
          *out = std::string_view(start, static_cast<size_t>(o - start));
          p_ = p + 1;
          o_ = o;
          return true;
        }
        if (c == '\\') break;
        if (c < 0x20) return false;
        const char* const from = p;
        if (!NonAscii(&p)) return false;
        const size_t k = static_cast<size_t>(p - from);
        std::memcpy(o, from, k);
        o += k;
      }
    }
  }
  // Bytes of UTF-8 at *p (a byte of 0x80 or above), checked up to the next
  // byte that ends the string or is escaped (an ASCII byte, so no character
  // straddles it); *p moves there. False when they are not valid UTF-8.
  bool NonAscii(const char** p) const {
    const char* q = FindSpecial<false>(*p);
    if (!IsValidUtf8(std::string_view(*p, static_cast<size_t>(q - *p)))) return false;
    *p = q;
    return true;
  }
  // Copies the bytes from p to *o up to the first '"', '\\', control byte
  // or byte of 0x80 and above, and returns its position (end_ when there is
  // none); *o moves past the bytes copied.
  const char* CopyTail(const char* p, char** o) const {
    const char* const stop = FindSpecial<true>(p);
    const size_t k = static_cast<size_t>(stop - p);
    std::memcpy(*o, p, k);
    *o += k;
    return stop;
  }
  // The escape at *p (its backslash), decoded to *o; both move past it.
  [[gnu::always_inline]] bool Escape(const char** pp, char** op) {
    const char* p = *pp;
    char* o = *op;
    if (end_ - p < 2) return false;
    const char e = p[1];
    p += 2;
    switch (e) {
      case '"': *o++ = '"'; break;
      case '\\': *o++ = '\\'; break;
      case '/': *o++ = '/'; break;
      case 'b':
        *o++ = '\b';
        control_ = true;
        break;
      case 'f': *o++ = '\f'; break;
      case 'n': *o++ = '\n'; break;
      case 'r': *o++ = '\r'; break;
      case 't': *o++ = '\t'; break;
      case 'u': {
        if (end_ - p < 4) return false;
        unsigned cp = 0;
        for (int i = 0; i < 4; ++i) {
          const int d = Hex(p[i]);
          if (d < 0) return false;
          cp = cp * 16 + static_cast<unsigned>(d);
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // pairs and lone halves: RapidJSON's way
        p += 4;
        if (cp < 0x80) {
          // A control byte the text check refuses (tab, line feed, form
          // feed and carriage return pass it).
          if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f' && cp != '\r') control_ = true;
          *o++ = static_cast<char>(cp);
        } else if (cp < 0x800) {
          *o++ = static_cast<char>(0xC0 | (cp >> 6));
          *o++ = static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          *o++ = static_cast<char>(0xE0 | (cp >> 12));
          *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          *o++ = static_cast<char>(0x80 | (cp & 0x3F));
        }
        break;
      }
      default:
        return false;
    }
    *pp = p;
    *op = o;
    return true;
  }

  const char* p_;
  const char* end_;
  char* o_;                 // where the next escaped string is decoded
  std::vector<char> open_;
  bool control_ = false;    // an escape decoded to a control byte (see controls())
};

}  // namespace

// A buffered line reader over a file descriptor. Lines end at LF, CRLF or a
// lone CR; a line longer than the limit is skipped to its end, holding no
// more than the buffer.
class ArticleReader::LineSource {
 public:
  enum Result { kEnd, kLine, kTooLong, kError };

  LineSource(int fd, bool owned) : fd_(fd), owned_(owned), buf_(1 << 16) {
    struct stat st;
    may_wait_ = !(::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode));
  }
  ~LineSource() {
    if (owned_) ::close(fd_);
  }
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // kLine: *line holds the next line without its end. kTooLong: the line had
  // *length bytes, more than `limit`; *line is empty. kError: errno_text().
  Result Next(size_t limit, std::string* line, size_t* length) {
    line->clear();
    size_t n = 0;
    bool any = false, too_long = false;
    for (;;) {
      if (pos_ == end_) {
        if (eof_) break;
        if (!Fill()) return kError;
        if (pos_ == end_) break;
      }
      if (skip_lf_) {
        skip_lf_ = false;
        if (buf_[pos_] == '\n') {
          ++pos_;
          continue;
        }
      }
      any = true;
      const char* b = buf_.data() + pos_;
      const char* e = buf_.data() + end_;
      // The first LF or CR: two memchr scans (vectorised in the C library)
      // instead of a loop over the bytes; CR is rare.
      const char* stop = static_cast<const char*>(std::memchr(b, '\n', static_cast<size_t>(e - b)));
      if (stop == nullptr) stop = e;
      if (const void* cr = std::memchr(b, '\r', static_cast<size_t>(stop - b))) stop = static_cast<const char*>(cr);
      size_t chunk = static_cast<size_t>(stop - b);
      n += chunk;
      if (!too_long && n > limit) {
        too_long = true;
        line->clear();
        line->shrink_to_fit();
      }
      if (!too_long) line->append(b, chunk);
      pos_ += chunk;
      if (stop < e) {
        skip_lf_ = *stop == '\r';
        ++pos_;
        *length = n;
        return too_long ? kTooLong : kLine;
      }
    }
    if (!any) return kEnd;
    *length = n;
    return too_long ? kTooLong : kLine;
  }
  const std::string& errno_text() const { return error_; }

  // True when the stream is known to have ended and nothing is buffered.
  bool AtEnd() const { return eof_ && pos_ == end_; }

  // True when Next may have to wait for its line: a pipe, FIFO or terminal
  // with no whole line buffered and nothing ready to read. A regular file
  // never waits. (A line that has only partly arrived reads as ready.)
  bool MayWait() const {
    if (!may_wait_ || eof_) return false;
    if (pos_ < end_ && (std::memchr(buf_.data() + pos_, '\n', end_ - pos_) ||
                        std::memchr(buf_.data() + pos_, '\r', end_ - pos_)))
      return false;
    return !Readable(fd_);
  }

 private:
  bool Fill() {
    pos_ = end_ = 0;
    for (;;) {
      ssize_t n = ::read(fd_, buf_.data(), buf_.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error_ = ErrnoText(errno);
        eof_ = true;
        return false;
      }
      if (n == 0) eof_ = true;
      end_ = static_cast<size_t>(n);
      return true;
    }
  }

  int fd_;
  bool owned_;
  bool may_wait_;  // not a regular file (see MayWait)
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false, skip_lf_ = false;
  std::string error_;
};

ArticleReader::ArticleReader(std::vector<std::string> inputs, ReaderOptions options)
    : inputs_(std::move(inputs)), opt_(std::move(options)) {}
ArticleReader::~ArticleReader() = default;

// Lists the *.txt files under `root`, recursively, in sorted order. What
// cannot be listed or opened (an unreadable folder, a dangling or looping
// symlink named *.txt, a *.txt that is no file) becomes an item with its
// error, in its sorted place, so that it gets its own output line.
// Symlinked folders are not followed (so no loop through them).
void ArticleReader::ListDirectory(const fs::path& given) {
  fs::path root = given.lexically_normal();
  if (root.has_relative_path() && !root.has_filename()) root = root.parent_path();  // "corpus/" -> "corpus"
  struct Found {
    fs::path path;
    fs::path rel;
    std::string error;
  };
  std::vector<Found> found;
  std::vector<fs::path> dirs{root};
  while (!dirs.empty()) {
    fs::path dir = std::move(dirs.back());
    dirs.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    auto rel_of = [&](const fs::path& p) {
      fs::path r = p.lexically_relative(root);
      if (r.empty() || r == ".") r = p.filename().empty() ? p.parent_path().filename() : p.filename();
      return r;
    };
    if (ec) {
      found.push_back({dir, rel_of(dir), "cannot read directory " + dir.string() + ": " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      const fs::directory_entry& e = *it;
      std::error_code sec;
      fs::file_status own = e.symlink_status(sec);
      if (sec) {
        found.push_back({e.path(), rel_of(e.path()), "cannot read " + e.path().string() + ": " + sec.message()});
        continue;
      }
      if (fs::is_directory(own)) {
        dirs.push_back(e.path());
        continue;
      }
      if (e.path().extension() != ".txt") continue;
      fs::file_status st = e.status(sec);
      if (sec) {
        found.push_back({e.path(), rel_of(e.path()), "cannot open " + e.path().string() + ": " + sec.message()});
        continue;
      }
      if (!fs::is_regular_file(st)) {
        found.push_back({e.path(), rel_of(e.path()), "cannot read " + e.path().string() + ": not a regular file"});
        continue;
      }
      found.push_back({e.path(), rel_of(e.path()), ""});
    }
    if (ec) found.push_back({dir, rel_of(dir), "cannot read directory " + dir.string() + ": " + ec.message()});
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.path < b.path; });
  for (auto& f : found) {
    fs::path id = f.rel;
    if (f.error.empty()) id.replace_extension();
    pending_.push_back(Item{f.path, id.generic_string(), std::move(f.error)});
  }
}

bool ArticleReader::OpenNext() {
  pending_.clear();
  next_item_ = 0;
  while (next_input_ < inputs_.size()) {
    const std::string& in = inputs_[next_input_++];
    if (in == "-") {
      if (opt_.force_jsonl) {
        jsonl_ = std::make_unique<LineSource>(0, false);
        jsonl_name_ = "stdin";
        line_no_ = 0;
        return true;
      }
      pending_.push_back(Item{"-", opt_.id.value_or("stdin"), ""});
      return true;
    }
    fs::path p(in);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      ListDirectory(p);
      if (!pending_.empty()) return true;
      warnings_.push_back(in + ": directory holds no .txt files");
      continue;
    }
    if (opt_.force_jsonl || IsJsonlPath(p)) {
      int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        // Still one output line for the input that could not be opened.
        pending_.push_back(Item{p, p.filename().string(), "cannot open " + in + ": " + ErrnoText(errno)});
        return true;
      }
      jsonl_ = std::make_unique<LineSource>(fd, true);
      jsonl_name_ = in;
      line_no_ = 0;
      return true;
    }
    std::string id = (opt_.id && inputs_.size() == 1) ? *opt_.id : p.stem().string();
    pending_.push_back(Item{p, id, ""});
    return true;
  }
  return false;
}

void ArticleReader::ReadTextItem(const Item& item, Document* doc) {
  doc->doc_id = item.doc_id;
  doc->publish_date = opt_.date;
  if (!item.error.empty()) {
    doc->error = item.error;
    return;
  }
  std::string text, error;
  if (item.path == "-") {
    if (!ReadBounded(0, "standard input", opt_.max_article_bytes, &text, &error)) {
      doc->error = error;
      return;
    }
  } else {
    int fd = ::open(item.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      doc->error = "cannot open " + item.path.string() + ": " + ErrnoText(errno);
      return;
    }
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd);
      doc->error = "cannot read " + item.path.string() + ": " + ErrnoText(EISDIR);
      return;
    }
    bool ok = ReadBounded(fd, item.path.string(), opt_.max_article_bytes, &text, &error);
    ::close(fd);
    if (!ok) {
      doc->error = error;
      return;
    }
  }
  doc->set_text(std::move(text));
}

void ParseJsonRecord(const UnparsedRecord& record, const ReaderOptions& options, Document* doc,
                     std::vector<std::string>* warnings) {
  ParseJsonRecordWith(record, options, doc, warnings, true);
}

void ParseJsonRecordWith(const UnparsedRecord& record, const ReaderOptions& options, Document* doc,
                         std::vector<std::string>* warnings, bool quick_parser) {
  doc->Reset();  // a new record, in the storage of the last one
  const std::string_view line = record.line;
  doc->doc_id = record.fallback_id;
  doc->publish_date = options.date;
  // RapidJSON decodes and checks every byte of every string one at a time
  // (most of the reader's time): a line of the common shape, as nearly
  // every line is, is parsed by QuickRecordParser, which checks its
  // encoding as it goes. Any other line goes to RapidJSON, with its
  // encoding check unless the line is found valid UTF-8 here; either way the
  // same handler calls, so the same record.
  // The quick parser's buffer for strings with escapes, kept from one
  // record to the next on this thread (a big one is given back below).
  thread_local std::string decoded;
  struct Release {
    ~Release() {
      if (decoded.size() > (1 << 20)) std::string().swap(decoded);
    }
  } release;
  std::optional<RecordHandler> quick;
  std::optional<RecordHandler> slow;
  std::optional<std::array<std::string, RecordHandler::kFieldCount>> owned;  // slow's values
  bool controls = true;  // whether the text may hold a control byte (unknown: yes)
  if (quick_parser) {
    quick.emplace();
    QuickRecordParser parser(line, &decoded);
    if (!parser.Parse(&*quick)) quick.reset();
    else controls = parser.controls();
  }
  if (!quick) {
    // RapidJSON takes a NUL byte for the end of its input: a raw NUL is no
    // JSON anywhere in a line, so it is reported here rather than cut at.
    if (const void* nul = std::memchr(line.data(), '\0', line.size())) {
      doc->error = "malformed JSON at column " +
                   std::to_string(static_cast<const char*>(nul) - line.data() + 1) + ": a raw NUL byte";
      return;
    }
    const bool valid_utf8 = IsValidUtf8(line);
    slow.emplace(owned.emplace().data());
    RecordHandler& h = *slow;
    rapidjson::Reader reader;
    rapidjson::MemoryStream is(line.data(), line.size());
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
    rapidjson::ParseResult r = valid_utf8 ? reader.Parse<kFlags>(is, h)
                                          : reader.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(is, h);
    if (r.IsError()) {
      doc->error = std::string("malformed JSON at column ") + std::to_string(r.Offset() + 1) + ": " +
                   rapidjson::GetParseError_En(r.Code());
      return;
    }
  }
  const RecordHandler& h = quick ? *quick : *slow;
  if (!h.root_is_object()) {
    doc->error = "JSON line is not an object";
    return;
  }
  using K = RecordHandler::Kind;
  // Strings and numbers (as written) are values; metadata is made valid
  // UTF-8 (an escaped lone surrogate becomes U+FFFD) since it is echoed.
  // Views of the string and number fields; absent, null and other values
  // are none.
  auto value = [&](RecordHandler::FieldName f) -> std::optional<std::string_view> {
    const auto& v = h.field(f);
    if (v.kind != K::kString && v.kind != K::kNumber) return std::nullopt;
    return v.value;
  };
  // Copies `v` into *out, in the storage *out has. The quick parser's
  // strings are valid UTF-8 already (it checked them, and decodes no
  // surrogate escape).
  const bool checked = quick.has_value();
  auto echo = [checked](std::string_view v, std::string* out) {
    if (checked || IsValidUtf8(v)) out->assign(v);
    else *out = ToValidUtf8(v);
  };
  // An empty id is no id (found by fuzz_jsonl_reader: {"doc_id": ""} gave
  // an output line without a doc_id); ToValidUtf8 keeps a value non-empty.
  if (auto id = value(RecordHandler::kId); id && !id->empty()) echo(*id, &doc->doc_id);
  else if (auto id2 = value(RecordHandler::kDocId); id2 && !id2->empty()) echo(*id2, &doc->doc_id);
  auto date = value(RecordHandler::kPublishDate);
  if (!date) date = value(RecordHandler::kDate);
  if (date) {
    Date d;
    if (Date::Parse(date->substr(0, 10), &d)) doc->publish_date = d;
    else warnings->push_back(doc->doc_id + ": publish_date '" + ToValidUtf8(*date) + "' is not YYYY-MM-DD; ignored");
  }
  // Made from the value in place (Reset left the optionals empty): a
  // string built from the view, not an empty one assigned to.
  auto optional_echo = [&](RecordHandler::FieldName f, std::optional<std::string>* out) {
    if (auto v = value(f)) {
      if (checked || IsValidUtf8(*v)) out->emplace(*v);
      else out->emplace(ToValidUtf8(*v));
    } else {
      out->reset();
    }
  };
  optional_echo(RecordHandler::kTitle, &doc->title);
  optional_echo(RecordHandler::kUrl, &doc->url);
  optional_echo(RecordHandler::kSource, &doc->source);
  const auto& text = h.field(RecordHandler::kText);
  if (text.kind == K::kAbsent || text.kind == K::kNull) {
    doc->error = "record has no text field";
    return;
  }
  if (text.kind != K::kString) {
    doc->error = "text field is not a string";
    return;
  }
  if (text.value.size() > options.max_article_bytes) {
    doc->error = TooLargeMessage(text.value.size(), options.max_article_bytes);
    return;
  }
  // Into the storage kept by Document::Reset. A text the quick parser read
  // with no escaped control byte needs no second check by the pipeline.
  if (!controls) doc->assign_checked_text(text.value);
  else doc->assign_text(text.value);
}

bool ArticleReader::NextJsonLine(Document* doc, UnparsedRecord* record) {
  const size_t limit = MaxJsonLineBytes(opt_.max_article_bytes);
  std::string& line = record->line;
  for (;;) {
    size_t length = 0;
    auto r = jsonl_->Next(limit, &line, &length);
    if (r == LineSource::kEnd) break;
    ++line_no_;
    if (r == LineSource::kError) {
      *doc = Document();
      doc->doc_id = jsonl_name_ + ":" + std::to_string(line_no_);
      doc->publish_date = opt_.date;
      doc->error = "cannot read " + jsonl_name_ + ": " + jsonl_->errno_text();
      jsonl_.reset();
      return true;
    }
    if (r == LineSource::kTooLong) {
      *doc = Document();
      doc->doc_id = jsonl_name_ + ":" + std::to_string(line_no_);
      doc->publish_date = opt_.date;
      doc->error = "too large: JSON line of " + std::to_string(length) + " bytes > " + std::to_string(limit) +
                   ", the longest a record within --max-bytes " + std::to_string(opt_.max_article_bytes) +
                   " needs";
      return true;
    }
    bool blank = std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
    if (blank) continue;
    record->json = true;
    // "name:line", in the storage the record's last id had.
    std::string& id = record->fallback_id;
    id.assign(jsonl_name_);
    id += ':';
    char digits[24];
    id.append(digits, std::to_chars(digits, digits + sizeof digits, line_no_).ptr);
    return true;
  }
  jsonl_.reset();
  return false;
}

bool ArticleReader::NextUnparsed(Document* doc, UnparsedRecord* record) {
  record->json = false;
  for (;;) {
    if (jsonl_) {
      if (NextJsonLine(doc, record)) return true;
      continue;
    }
    if (next_item_ < pending_.size()) {
      *doc = Document();
      ReadTextItem(pending_[next_item_++], doc);
      return true;
    }
    if (!OpenNext()) return false;
  }
}

bool ArticleReader::InputMayWait() const {
  if (jsonl_ && !jsonl_->AtEnd()) return jsonl_->MayWait();
  if (next_item_ < pending_.size()) {
    const Item& item = pending_[next_item_];
    return item.error.empty() && item.path == "-" && FdMayWait(0);
  }
  // The next input is not open yet: standard input, or a FIFO or device
  // named on the command line, may wait.
  if (next_input_ >= inputs_.size()) return false;
  const std::string& in = inputs_[next_input_];
  if (in == "-") return FdMayWait(0);
  struct stat st;
  return ::stat(in.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

bool ArticleReader::Next(Document* doc) {
  if (!NextUnparsed(doc, &record_)) return false;
  if (record_.json) {
    ParseJsonRecord(record_, opt_, doc, &warnings_);
    if (record_.line.capacity() > (1 << 20)) std::string().swap(record_.line);  // do not keep a big buffer
  }
  return true;
}

}  // namespace parley
