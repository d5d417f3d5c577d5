#include "io/json_writer.h"

#include <rapidjson/internal/dtoa.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "document/utf8.h"
#include "io/json_bytes.h"

namespace parley {
namespace {

// The output's own JSON writer. The output's shape is fixed (every key of
// the contract, in one order), so the keys, with the commas, colons and
// brackets around them, are written as literals of known length ("\"url\":"
// after a value is the seven bytes ,"url":), and only the values are
// formatted: no nesting or count is kept. It appends to a buffer kept from
// one article to the next and writes the same bytes as RapidJSON's Writer
// for every value: a string with no byte to escape ('"', '\\' or a control
// byte; other bytes, UTF-8 included, are written as they are), which is
// nearly every one, is copied whole; one that needs escaping is escaped as
// RapidJSON's Writer escapes it (Escaped), and every double goes through
// RapidJSON's own dtoa but coordinates, which are written from their
// ten-thousandths with the same digits (WriteCoordinate).
class Writer {
 public:
  // Writes into `buf` (a buffer kept from one article to the next, so that
  // it is neither allocated nor cleared per article); Finish appends what
  // was written to *out.
  explicit Writer(std::string* buf) : out_(buf), pos_(0) {}
  void Finish(std::string* out) { out->append(out_->data(), pos_); }

  // Bytes written as they are: keys with their punctuation, brackets.
  template <size_t N>
  [[gnu::always_inline]] void Lit(const char (&s)[N]) {
    std::memcpy(Room(N - 1), s, N - 1);
    pos_ += N - 1;
  }
  [[gnu::always_inline]] void Char(char c) {
    *Room(1) = c;
    ++pos_;
  }
  // ',' before each item of a list but the first.
  [[gnu::always_inline]] void Comma(bool first) {
    if (!first) Char(',');
  }
  void Null() { Lit("null"); }
  void Bool(bool b) {
    if (b) Lit("true");
    else Lit("false");
  }
  template <typename T>
  void Integer(T v) {
    char* o = Room(24);
    pos_ = static_cast<size_t>(std::to_chars(o, o + 24, v).ptr - out_->data());
  }
  // REQUIRES: v is finite (the callers write null for the others).
  void Double(double v) {
    char* o = Room(32);
    pos_ = static_cast<size_t>(rapidjson::internal::dtoa(v, o, 324) - out_->data());
  }
  // A string is copied while it is checked, in whole words (CopyClean);
  // only when a byte needs escaping is it written again, escaped.
  [[gnu::always_inline]] void String(const char* s, size_t n) {
    char* o = Room(n + 2);
    o[0] = '"';
    if (!CopyClean(s, n, o + 1)) [[unlikely]] {
      Escaped(s, n);
      return;
    }
    o[n + 1] = '"';
    pos_ += n + 2;
  }
  void String(const char* s) { String(s, std::strlen(s)); }
  void Coordinate(double v) {
    char* o = Room(32);
    pos_ = static_cast<size_t>(WriteCoordinate(v, o) - out_->data());
  }
  // The array [a, b] (a span). Inlined, as SpanJson is: a call per span
  // (some sixteen per article) cost more than the digits.
  [[gnu::always_inline]] void UintPair(uint32_t a, uint32_t b) {
    char* o = Room(24);
    char* const start = o;
    *o++ = '[';
    o = Offset(o, a);
    *o++ = ',';
    o = Offset(o, b);
    *o++ = ']';
    pos_ += static_cast<size_t>(o - start);
  }

 private:
  // The decimal digits of a byte offset, at o; returns the end. Most
  // offsets have four digits or fewer (articles of a few kilobytes): those
  // are written two digits at a time with no loop; longer ones by to_chars.
  static char* Offset(char* o, uint32_t v) {
    static constexpr char kPairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    if (v < 100) {
      if (v < 10) {
        *o = static_cast<char>('0' + v);
        return o + 1;
      }
      std::memcpy(o, kPairs + 2 * v, 2);
      return o + 2;
    }
    if (v < 10000) {
      const uint32_t high = v / 100, low = v % 100;
      if (high < 10) {
        *o = static_cast<char>('0' + high);
        std::memcpy(o + 1, kPairs + 2 * low, 2);
        return o + 3;
      }
      std::memcpy(o, kPairs + 2 * high, 2);
      std::memcpy(o + 2, kPairs + 2 * low, 2);
      return o + 4;
    }
    return std::to_chars(o, o + 10, v).ptr;
  }

  // Room for `n` more bytes; where they go.
  [[gnu::always_inline]] char* Room(size_t n) {
    if (pos_ + n > out_->size()) [[unlikely]] Grow(n);
    return out_->data() + pos_;
  }
  [[gnu::noinline]] void Grow(size_t n) { out_->resize(std::max(out_->size() * 2, pos_ + n + 4096)); }
  // A string with bytes to escape, escaped as RapidJSON's Writer does:
  // '"' and '\\' after a backslash, \b \t \n \f \r, any other byte below
  // 0x20 as \u00XX (capital hex digits); every other byte as it is. The
  // runs between those bytes (most of a quote or evidence broken over
  // lines) are copied whole.
  [[gnu::noinline]] void Escaped(const char* s, size_t n) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    char* o = Room(6 * n + 2);
    char* const start = o;
    *o++ = '"';
    size_t i = 0;
    while (i < n) {
      const size_t run = CleanRun(s + i, n - i);
      std::memcpy(o, s + i, run);
      o += run;
      i += run;
      if (i == n) break;
      const unsigned char c = static_cast<unsigned char>(s[i++]);
      *o++ = '\\';
      switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\t': *o++ = 't'; break;
        case '\n': *o++ = 'n'; break;
        case '\f': *o++ = 'f'; break;
        case '\r': *o++ = 'r'; break;
        default:
          *o++ = 'u';
          *o++ = '0';
          *o++ = '0';
          *o++ = kHex[c >> 4];
          *o++ = kHex[c & 0xF];
      }
    }
    *o++ = '"';
    pos_ += static_cast<size_t>(o - start);
  }

  // Bytes to escape in a word of 4 or 8 bytes: '"', '\\' or below 0x20.
  // Each test is exact for "is there any such byte" (a borrow only runs on
  // above a byte that matched).
  template <typename Word>
  static Word Special(Word w) {
    constexpr Word kOnes = static_cast<Word>(0x0101010101010101ull), kHigh = static_cast<Word>(0x8080808080808080ull);
    const Word quote = w ^ static_cast<Word>(kOnes * '"'), backslash = w ^ static_cast<Word>(kOnes * '\\');
    return (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | (w - static_cast<Word>(kOnes * 0x20))) &
           ~w & kHigh;
  }
  template <typename Word>
  static Word Load(const char* s) {
    Word w;
    std::memcpy(&w, s, sizeof w);
    return w;
  }
  template <typename Word>
  static void Store(char* d, Word w) {
    std::memcpy(d, &w, sizeof w);
  }

  // Copies s[0, n) to d (which has room for n bytes); false when a byte
  // needs escaping (d then holds the bytes copied, to be overwritten). Whole
  // words only, the last one overlapping the one before, so that a short
  // string costs a few loads and stores and nothing is read or written
  // beyond the n bytes.
  static bool CopyClean(const char* s, size_t n, char* d) {
#if defined(__SSE2__)
    if (n >= 16) {
      __m128i hit = _mm_setzero_si128();
      size_t i = 0;
      for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(d + i), v);
        hit = _mm_or_si128(hit, JsonSpecialBytes(v));
      }
      if (i < n) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + n - 16));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(d + n - 16), v);
        hit = _mm_or_si128(hit, JsonSpecialBytes(v));
      }
      return _mm_movemask_epi8(hit) == 0;
    }
#else
    if (n >= 16) {
      uint64_t hit = 0;
      size_t i = 0;
      for (; i + 8 <= n; i += 8) {
        const uint64_t w = Load<uint64_t>(s + i);
        Store(d + i, w);
        hit |= Special(w);
      }
      if (i < n) {
        const uint64_t w = Load<uint64_t>(s + n - 8);
        Store(d + n - 8, w);
        hit |= Special(w);
      }
      return hit == 0;
    }
#endif
    // Shorter strings: their bytes gathered into one word (or register),
    // tested once.
    if (n >= 8) {
      const uint64_t a = Load<uint64_t>(s), b = Load<uint64_t>(s + n - 8);
      Store(d, a);
      Store(d + n - 8, b);
#if defined(__SSE2__)
      const __m128i v = _mm_set_epi64x(static_cast<long long>(b), static_cast<long long>(a));
      return _mm_movemask_epi8(JsonSpecialBytes(v)) == 0;
#else
      return (Special(a) | Special(b)) == 0;
#endif
    }
    if (n >= 4) {
      const uint32_t a = Load<uint32_t>(s), b = Load<uint32_t>(s + n - 4);
      Store(d, a);
      Store(d + n - 4, b);
      return Special(static_cast<uint64_t>(a) | static_cast<uint64_t>(b) << 32) == 0;
    }
    if (n == 0) return true;
    // One to three bytes: the first, the middle and the last cover them all.
    const unsigned char first = static_cast<unsigned char>(s[0]), middle = static_cast<unsigned char>(s[n / 2]),
                        last = static_cast<unsigned char>(s[n - 1]);
    d[0] = static_cast<char>(first);
    d[n / 2] = static_cast<char>(middle);
    d[n - 1] = static_cast<char>(last);
    return Special(static_cast<uint32_t>(first) | static_cast<uint32_t>(middle) << 8 |
                   static_cast<uint32_t>(last) << 16 | uint32_t{'a'} << 24) == 0;
  }

  // How many bytes from s need no escaping (n when none does).
  static size_t CleanRun(const char* s, size_t n) {
    size_t i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const int hit = _mm_movemask_epi8(JsonSpecialBytes(v));
      if (hit != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(hit)));
    }
#endif
    for (; i + 8 <= n; i += 8) {
      const uint64_t hit = Special(Load<uint64_t>(s + i));
      // The lowest flagged byte is always a real one.
      if (hit != 0) return i + static_cast<size_t>(__builtin_ctzll(hit)) / 8;
    }
    for (; i < n; ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c == '"' || c == '\\') return i;
    }
    return n;
  }

  std::string* out_;
  size_t pos_;
};

// Inlined: a call would cost about as much as copying a short string.
[[gnu::always_inline]] inline void Str(Writer& w, std::string_view s) { w.String(s.data(), s.size()); }
// Metadata echoed from the input (ids, titles, file names in messages) may
// hold bytes that are not UTF-8; the output is always valid UTF-8.
void Echo(Writer& w, std::string_view s) {
  if (IsValidUtf8(s)) {
    Str(w, s);
    return;
  }
  std::string valid = ToValidUtf8(s);
  Str(w, valid);
}
void OptEcho(Writer& w, const std::optional<std::string>& s) {
  if (s) Echo(w, *s);
  else w.Null();
}
[[gnu::always_inline]] inline void StrOrNull(Writer& w, const std::string& s) {
  if (s.empty()) w.Null();
  else Str(w, s);
}
// JSON has no infinity or NaN: such a value is written as null (RapidJSON
// would write nothing at all, leaving `"key":,`).
void Double(Writer& w, double v) {
  if (std::isfinite(v)) w.Double(v);
  else w.Null();
}
[[gnu::always_inline]] inline void SpanJson(Writer& w, const Span& s) { w.UintPair(s.begin, s.end); }
// [[a,b],[c,d],...] of a list of spans.
template <typename List, typename SpanOf>
void SpanList(Writer& w, const List& list, SpanOf span_of) {
  w.Char('[');
  bool first = true;
  for (const auto& item : list) {
    w.Comma(first);
    first = false;
    SpanJson(w, span_of(item));
  }
  w.Char(']');
}
// A valid date as Date::ToString writes it ("2025-05-16", "2025-05",
// "2022"), formatted here for the years, months and days a date has
// (snprintf through ToString for any other).
void DateJson(Writer& w, const Date& d) {
  if (d.year < 0 || d.year > 9999 || d.month < 0 || d.month > 99 || d.day < 0 || d.day > 99) {
    Str(w, d.ToString());
    return;
  }
  char buf[10];
  size_t n = 4;
  buf[0] = static_cast<char>('0' + d.year / 1000);
  buf[1] = static_cast<char>('0' + d.year / 100 % 10);
  buf[2] = static_cast<char>('0' + d.year / 10 % 10);
  buf[3] = static_cast<char>('0' + d.year % 10);
  if (d.month != 0) {
    buf[n++] = '-';
    buf[n++] = static_cast<char>('0' + d.month / 10);
    buf[n++] = static_cast<char>('0' + d.month % 10);
    if (d.day != 0) {
      buf[n++] = '-';
      buf[n++] = static_cast<char>('0' + d.day / 10);
      buf[n++] = static_cast<char>('0' + d.day % 10);
    }
  }
  w.String(buf, n);
}
void Num(Writer& w, double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) w.Integer(static_cast<int64_t>(v));
  else Double(w, v);
}
void Coord(Writer& w, double v) { w.Coordinate(v); }

void ActorJson(Writer& w, const std::optional<Actor>& a, const Document& doc) {
  if (!a) {
    w.Null();
    return;
  }
  w.Lit("{\"code\":"); StrOrNull(w, a->code);
  w.Lit(",\"country\":"); StrOrNull(w, a->country);
  w.Lit(",\"role\":"); StrOrNull(w, a->role);
  w.Lit(",\"entity\":");
  if (a->entity >= 0 && a->entity < static_cast<int>(doc.entities.size())) Str(w, doc.entities[a->entity].id);
  else w.Null();
  w.Lit(",\"text\":"); Str(w, a->text);
  w.Char('}');
}

}  // namespace

// RapidJSON's dtoa writes the double nearest a number of ten-thousandths k
// (|k| up to kMaxTenThousandths) with the shortest digits that read back as
// it, which are k's own (no shorter decimal lies that close, at seven
// significant digits or fewer), in fixed notation: the whole part, '.',
// and the decimals without trailing zeros, or ".0". So those are written
// from k, as integers; tests/json_writer_test.cc compares every such k
// with dtoa. Any other value goes through dtoa itself.
char* WriteCoordinate(double v, char* out) {
  constexpr double kMaxTenThousandths = 2000000;  // 200 degrees
  const double k = std::round(v * 1e4);
  if (!(std::fabs(k) <= kMaxTenThousandths)) {  // NaN too
    const double r = k / 1e4;
    if (!std::isfinite(r)) {
      std::memcpy(out, "null", 4);
      return out + 4;
    }
    return rapidjson::internal::dtoa(r, out, 324);
  }
  if (std::signbit(k)) *out++ = '-';  // -0.0 as well
  const uint32_t u = static_cast<uint32_t>(std::fabs(k));
  out = std::to_chars(out, out + 8, u / 10000).ptr;
  *out++ = '.';
  uint32_t frac = u % 10000;
  if (frac == 0) {
    *out++ = '0';
    return out;
  }
  int digits = 4;
  while (frac % 10 == 0) {
    frac /= 10;
    --digits;
  }
  for (int i = digits - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  return out + digits;
}

void WriteDocumentJson(const Document& doc, std::string* out) {
  thread_local std::string buf;
  Writer w(&buf);
  w.Lit("{\"doc_id\":"); Echo(w, doc.doc_id);
  w.Lit(",\"publish_date\":");
  if (doc.publish_date.valid()) DateJson(w, doc.publish_date);
  else w.Null();
  w.Lit(",\"title\":"); OptEcho(w, doc.title);
  w.Lit(",\"url\":"); OptEcho(w, doc.url);
  w.Lit(",\"source\":"); OptEcho(w, doc.source);
  w.Lit(",\"error\":");
  if (doc.error.empty()) w.Null();
  else Echo(w, doc.error);

  w.Lit(",\"sentences\":");
  SpanList(w, doc.sentences, [](const Sentence& s) { return s.span; });

  w.Lit(",\"entities\":[");
  bool first = true;
  for (auto& e : doc.entities) {
    w.Comma(first);
    first = false;
    w.Lit("{\"id\":"); Str(w, e.id);
    w.Lit(",\"name\":"); Str(w, e.name);
    w.Lit(",\"type\":"); w.String(EntityTypeName(e.type));
    w.Lit(",\"country\":"); StrOrNull(w, e.country);
    w.Lit(",\"role\":"); StrOrNull(w, e.role);
    w.Lit(",\"code\":"); StrOrNull(w, e.code);
    w.Lit(",\"country_basis\":"); StrOrNull(w, e.country_basis);
    if (e.type == EntityType::kLocation) {
      w.Lit(",\"lat\":"); if (e.lat) Coord(w, *e.lat); else w.Null();
      w.Lit(",\"lon\":"); if (e.lon) Coord(w, *e.lon); else w.Null();
      w.Lit(",\"feature\":"); StrOrNull(w, e.feature);
    }
    w.Lit(",\"mentions\":");
    SpanList(w, e.mentions, [](const Span& m) { return m; });
    w.Char('}');
  }

  w.Lit("],\"events\":[");
  first = true;
  for (auto& ev : doc.events) {
    w.Comma(first);
    first = false;
    w.Lit("{\"id\":"); Str(w, ev.id);
    w.Lit(",\"sentence\":"); w.Integer(ev.sentence);
    w.Lit(",\"span\":"); SpanJson(w, ev.span);
    w.Lit(",\"evidence\":"); Str(w, doc.text(ev.span));
    w.Lit(",\"source\":"); ActorJson(w, ev.source, doc);
    w.Lit(",\"target\":"); ActorJson(w, ev.target, doc);
    w.Lit(",\"cameo\":"); Str(w, ev.cameo);
    w.Lit(",\"cameo_root\":"); Str(w, ev.cameo_root);
    w.Lit(",\"quad_class\":"); w.Integer(ev.quad_class);
    w.Lit(",\"goldstein\":"); Double(w, ev.goldstein);
    w.Lit(",\"plover\":"); StrOrNull(w, ev.plover);
    w.Lit(",\"negated\":"); w.Bool(ev.negated);
    w.Lit(",\"status\":"); w.String(EventStatusName(ev.status));
    w.Lit(",\"date\":");
    if (ev.date.valid()) DateJson(w, ev.date);
    else w.Null();
    w.Lit(",\"date_basis\":");
    if (ev.date.valid() && !ev.date_basis.empty()) Str(w, ev.date_basis);
    else w.Null();
    w.Lit(",\"date_precision\":");
    if (ev.date.valid()) w.String(ev.date.Precision());
    else w.Null();
    w.Lit(",\"location\":");
    if (ev.location) {
      w.Lit("{\"name\":"); Str(w, ev.location->name);
      w.Lit(",\"country\":"); StrOrNull(w, ev.location->country);
      w.Lit(",\"lat\":"); Coord(w, ev.location->lat);
      w.Lit(",\"lon\":"); Coord(w, ev.location->lon);
      w.Lit(",\"feature\":"); StrOrNull(w, ev.location->feature);
      w.Lit(",\"admin1\":"); StrOrNull(w, ev.location->admin1);
      w.Char('}');
    } else {
      w.Null();
    }
    w.Lit(",\"location_basis\":");
    if (ev.location && !ev.location_basis.empty()) Str(w, ev.location_basis);
    else w.Null();
    w.Lit(",\"quote\":");
    if (ev.quote >= 0 && ev.quote < static_cast<int>(doc.quotes.size())) Str(w, doc.quotes[ev.quote].id);
    else w.Null();
    w.Lit(",\"rule\":"); Str(w, ev.rule);
    if (!ev.mentions.empty()) {
      w.Lit(",\"mentions\":");
      SpanList(w, ev.mentions, [](const Span& m) { return m; });
    }
    w.Char('}');
  }

  w.Lit("],\"quotes\":[");
  first = true;
  for (auto& q : doc.quotes) {
    w.Comma(first);
    first = false;
    w.Lit("{\"id\":"); Str(w, q.id);
    w.Lit(",\"speaker\":"); StrOrNull(w, q.speaker);
    w.Lit(",\"speaker_entity\":");
    if (q.speaker_entity >= 0 && q.speaker_entity < static_cast<int>(doc.entities.size()))
      Str(w, doc.entities[q.speaker_entity].id);
    else w.Null();
    w.Lit(",\"speaker_code\":"); StrOrNull(w, q.speaker_code);
    w.Lit(",\"text\":"); Str(w, q.text);
    w.Lit(",\"span\":"); SpanJson(w, q.span);
    w.Char('}');
  }

  w.Lit("],\"counts\":[");
  first = true;
  for (auto& c : doc.counts) {
    w.Comma(first);
    first = false;
    w.Lit("{\"number\":"); Num(w, c.number);
    w.Lit(",\"what\":"); StrOrNull(w, c.what);
    w.Lit(",\"qualifier\":"); StrOrNull(w, c.qualifier);
    w.Lit(",\"span\":"); SpanJson(w, c.span);
    w.Char('}');
  }
  w.Lit("]}");
  w.Finish(out);
}

}  // namespace parley
