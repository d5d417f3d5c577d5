#include "io/json_writer.h"

#include <rapidjson/internal/dtoa.h>

#include <algorithm>
#include <array>
#include <bit>
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
// formatted: no nesting or count is kept. It writes the same bytes as
// RapidJSON's Writer for every value: a string with no byte to escape ('"',
// '\\' or a control byte; other bytes, UTF-8 included, are written as they
// are), which is nearly every one, is copied whole; one that needs escaping
// is escaped as RapidJSON's Writer escapes it (Escaped), and every double
// goes through RapidJSON's own dtoa but coordinates, which are written from
// their ten-thousandths with the same digits (WriteCoordinate).
//
// Each item (a metadata field, the sentences, an entity, an event, a quote,
// a count) first asks the Buffer for room for the most it can take
// (RoomFor: a string at six bytes a byte, as an escape takes at most, and
// its quotes or a null; numbers at their longest; kItemRoom for the keys),
// then is written through a plain pointer, each writer below taking it and
// returning where it ends, with no check per field. That pointer stays in
// a register: a position kept in an object would be loaded and stored
// again around every store of a byte (a char store may alias it).

// Most bytes a string of n bytes takes, escaped, with its quotes (or null),
// and sixteen more: a short string is stored as one sixteen-byte block
// (Str), whose bytes past its end are overwritten by what follows.
constexpr size_t RoomFor(size_t n) { return 6 * n + 4 + 16; }
// Room for the keys, brackets, nulls, booleans and numbers of an item,
// beyond its strings and spans: far more than the longest (an event's keys
// and numbers take under 600 bytes).
constexpr size_t kItemRoom = 1024;
// Room for a span and its comma: "[4294967295,4294967295],".
constexpr size_t kSpanRoom = 24;

// A buffer kept from one article to the next (so that it is neither
// allocated nor cleared per article) and how much of it is written; Finish
// appends that to the output.
class Buffer {
 public:
  explicit Buffer(std::string* buf) : buf_(buf), pos_(0) {}
  // Room for `n` more bytes; where they go.
  [[gnu::always_inline]] char* Reserve(size_t n) {
    if (pos_ + n > buf_->size()) [[unlikely]] Grow(n);
    return buf_->data() + pos_;
  }
  // The bytes before `end` (a pointer from Reserve, moved on) are written.
  [[gnu::always_inline]] void Commit(const char* end) { pos_ = static_cast<size_t>(end - buf_->data()); }
  void Finish(std::string* out) { out->append(buf_->data(), pos_); }

 private:
  [[gnu::noinline]] void Grow(size_t n) { buf_->resize(std::max(buf_->size() * 2, pos_ + n + 4096)); }

  std::string* buf_;
  size_t pos_;
};

// Bytes to escape in a word of 4 or 8 bytes: '"', '\\' or below 0x20.
// Each test is exact for "is there any such byte" (a borrow only runs on
// above a byte that matched).
template <typename Word>
Word Special(Word w) {
  constexpr Word kOnes = static_cast<Word>(0x0101010101010101ull), kHigh = static_cast<Word>(0x8080808080808080ull);
  const Word quote = w ^ static_cast<Word>(kOnes * '"'), backslash = w ^ static_cast<Word>(kOnes * '\\');
  return (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | (w - static_cast<Word>(kOnes * 0x20))) &
         ~w & kHigh;
}
template <typename Word>
Word Load(const char* s) {
  Word w;
  std::memcpy(&w, s, sizeof w);
  return w;
}
template <typename Word>
void Store(char* d, Word w) {
  std::memcpy(d, &w, sizeof w);
}

// Copies s[0, n) to d (which has room for n bytes); false when a byte
// needs escaping (d then holds the bytes copied, to be overwritten). Whole
// words only, the last one overlapping the one before, so that a short
// string costs a few loads and stores and nothing is read or written
// beyond the n bytes.
inline bool CopyClean(const char* s, size_t n, char* d) {
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
inline size_t CleanRun(const char* s, size_t n) {
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

// The decimal digits of a byte offset, at o; returns the end. Most
// offsets have four digits or fewer (articles of a few kilobytes): those
// are written two digits at a time with no loop; longer ones by to_chars.
inline char* Offset(char* o, uint32_t v) {
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
    // Three or four digits: all four are made (a leading zero for three)
    // and shifted down by the one they do not use, then stored as one word
    // (the byte past three digits is overwritten by what follows; the span
    // room has it): no branch on the count, which varies from one offset
    // to the next.
    const uint32_t high = v / 100, low = v % 100;
    uint16_t h, l;
    std::memcpy(&h, kPairs + 2 * high, 2);
    std::memcpy(&l, kPairs + 2 * low, 2);
    static_assert(std::endian::native == std::endian::little, "the first digit is the lowest byte");
    const uint32_t four = static_cast<uint32_t>(h) | static_cast<uint32_t>(l) << 16;
    const unsigned skip = v < 1000;
    const uint32_t digits = four >> (8 * skip);
    std::memcpy(o, &digits, 4);
    return o + 4 - skip;
  }
  return std::to_chars(o, o + 10, v).ptr;
}

// A string with bytes to escape, at o, escaped as RapidJSON's Writer does:
// '"' and '\\' after a backslash, \b \t \n \f \r, any other byte below
// 0x20 as \u00XX (capital hex digits); every other byte as it is. The runs
// between those bytes (most of a quote or evidence broken over lines) are
// copied whole. Returns the end.
[[gnu::noinline]] char* Escaped(char* o, const char* s, size_t n) {
  static constexpr char kHex[] = "0123456789ABCDEF";
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
  return o;
}

// The writers. Each writes at o, which has room (see Buffer), and returns
// the end of what it wrote.

// Bytes written as they are: keys with their punctuation, brackets.
template <size_t N>
[[gnu::always_inline]] inline char* Lit(char* o, const char (&s)[N]) {
  std::memcpy(o, s, N - 1);
  return o + N - 1;
}
[[gnu::always_inline]] inline char* Null(char* o) { return Lit(o, "null"); }
inline char* Bool(char* o, bool b) { return b ? Lit(o, "true") : Lit(o, "false"); }
// ',' before each item of a list but the first.
[[gnu::always_inline]] inline char* Comma(char* o, bool first) {
  *o = ',';
  return o + !first;
}
template <typename T>
char* Integer(char* o, T v) {
  return std::to_chars(o, o + 24, v).ptr;
}
// JSON has no infinity or NaN: such a value is written as null (RapidJSON
// would write nothing at all, leaving `"key":,`).
char* Double(char* o, double v) {
  if (std::isfinite(v)) return rapidjson::internal::dtoa(v, o, 324);
  return Null(o);
}
// A string is copied while it is checked, in whole words (CopyClean); only
// when a byte needs escaping is it written again, escaped.
[[gnu::always_inline]] inline char* Str(char* o, const char* s, size_t n) {
  o[0] = '"';
  if (!CopyClean(s, n, o + 1)) [[unlikely]]
    return Escaped(o, s, n);
  o[n + 1] = '"';
  return o + n + 2;
}
[[gnu::always_inline]] inline char* Str(char* o, std::string_view s) { return Str(o, s.data(), s.size()); }
// A std::string of fewer than sixteen bytes (codes, countries, names, ids:
// most of the output's strings) is read and stored as one sixteen-byte
// block and tested with one mask, with no branch on its length: its
// storage holds sixteen bytes from data() on when its capacity is fifteen
// or more (libstdc++'s own buffer of sixteen, or an allocation made only
// for more than fifteen; tested, for a library that keeps less), and the
// bytes past its end that are stored are overwritten by what follows
// (RoomFor has room for them). Longer ones as any string.
[[gnu::always_inline]] inline char* Str(char* o, const std::string& s) {
#if defined(__SSE2__)
  const size_t n = s.size();
  if (n < 16 && s.capacity() >= 15) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data()));
    o[0] = '"';
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o + 1), v);
    const unsigned within = (1u << n) - 1;
    if ((static_cast<unsigned>(_mm_movemask_epi8(JsonSpecialBytes(v))) & within) != 0) [[unlikely]]
      return Escaped(o, s.data(), n);
    o[n + 1] = '"';
    return o + n + 2;
  }
#endif
  return Str(o, s.data(), s.size());
}
[[gnu::always_inline]] inline char* StrOrNull(char* o, const std::string& s) {
  return s.empty() ? Null(o) : Str(o, s);
}
// The array [a, b] (a span). Inlined: a call per span (some sixteen per
// article) cost more than the digits.
[[gnu::always_inline]] inline char* UintPair(char* o, uint32_t a, uint32_t b) {
  *o++ = '[';
  o = Offset(o, a);
  *o++ = ',';
  o = Offset(o, b);
  *o++ = ']';
  return o;
}
[[gnu::always_inline]] inline char* SpanJson(char* o, const Span& s) { return UintPair(o, s.begin, s.end); }
// [[a,b],[c,d],...] of a list of spans. REQUIRES: room for 2 + kSpanRoom
// bytes a span.
template <typename List, typename SpanOf>
char* SpanList(char* o, const List& list, SpanOf span_of) {
  *o++ = '[';
  bool first = true;
  for (const auto& item : list) {
    o = Comma(o, first);
    first = false;
    o = SpanJson(o, span_of(item));
  }
  *o++ = ']';
  return o;
}
// A valid date as Date::ToString writes it ("2025-05-16", "2025-05",
// "2022"), formatted here for the years, months and days a date has
// (snprintf through ToString for any other). Room: 32 bytes.
char* DateJson(char* o, const Date& d) {
  if (d.year < 0 || d.year > 9999 || d.month < 0 || d.month > 99 || d.day < 0 || d.day > 99) {
    const std::string s = d.ToString();  // at most 15 bytes (its buffer), digits and '-'
    return Str(o, s);
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
  return Str(o, buf, n);
}
char* Num(char* o, double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return Integer(o, static_cast<int64_t>(v));
  return Double(o, v);
}

// Metadata echoed from the input (ids, titles, file names in messages) may
// hold bytes that are not UTF-8; the output is always valid UTF-8. Written
// with room of its own (once per article).
// Whether a std::string's bytes are all below 0x80 (so valid UTF-8), by
// sixteen-byte blocks; one of fewer than sixteen bytes is one block, as in
// Str (when its storage holds sixteen bytes).
inline bool AllAscii(const std::string& s) {
#if defined(__SSE2__)
  const char* p = s.data();
  const size_t n = s.size();
  if (n < 16)  // (false, not known, for a library whose storage may hold less: the caller checks)
    return s.capacity() >= 15 &&
           (static_cast<unsigned>(_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)))) &
            ((1u << n) - 1)) == 0;
  __m128i any = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
  for (size_t i = 0; i + 16 <= n; i += 16) any = _mm_or_si128(any, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
  return _mm_movemask_epi8(any) == 0;
#else
  (void)s;
  return false;
#endif
}
void Echo(Buffer& b, const std::string& s) {
  if (AllAscii(s) || IsValidUtf8(s)) {
    b.Commit(Str(b.Reserve(RoomFor(s.size())), s));
    return;
  }
  const std::string valid = ToValidUtf8(s);
  b.Commit(Str(b.Reserve(RoomFor(valid.size())), valid));
}
void OptEcho(Buffer& b, const std::optional<std::string>& s) {
  if (s) Echo(b, *s);
  else b.Commit(Null(b.Reserve(4)));
}
template <size_t N>
void LitTo(Buffer& b, const char (&s)[N]) {
  b.Commit(Lit(b.Reserve(N), s));
}

// A key with the value of a small enum, `,"key":"NAME"`, written as one
// fixed block of 32 bytes (its bytes past the end are overwritten by what
// follows; kItemRoom has room for them): the blocks are made once from the
// names document.cc gives, so that no name is looked up and measured per
// item.
struct KeyedName {
  char bytes[32];
  size_t size;
};
template <size_t N, typename Enum>
std::array<KeyedName, N> KeyedNames(std::string_view key, const char* (*name)(Enum)) {
  std::array<KeyedName, N> out{};
  for (size_t i = 0; i < N; ++i) {
    char* o = out[i].bytes;
    o = Lit(o, ",\"");
    std::memcpy(o, key.data(), key.size());
    o += key.size();
    o = Lit(o, "\":");
    const std::string_view v = name(static_cast<Enum>(i));
    o = Str(o, v.data(), v.size());  // names of capitals or lower case letters: nothing to escape
    out[i].size = static_cast<size_t>(o - out[i].bytes);
  }
  return out;
}
template <size_t N>
[[gnu::always_inline]] inline char* Keyed(char* o, const std::array<KeyedName, N>& names, size_t i) {
  const KeyedName& k = names[i];
  std::memcpy(o, k.bytes, sizeof k.bytes);
  return o + k.size;
}
// Every EntityType and EventStatus value (kGroup and kDenied are the last).
constexpr size_t kEntityTypes = static_cast<size_t>(EntityType::kGroup) + 1;
constexpr size_t kEventStatuses = static_cast<size_t>(EventStatus::kDenied) + 1;
const std::array<KeyedName, kEntityTypes> kTypeKeyed = KeyedNames<kEntityTypes>("type", &EntityTypeName);
const std::array<KeyedName, kEventStatuses> kStatusKeyed = KeyedNames<kEventStatuses>("status", &EventStatusName);

// The id of entity `i` when there is one (else ""), for the room an item
// takes and for its entity fields.
const std::string& EntityId(const Document& doc, int i) {
  static const std::string kNone;
  return i >= 0 && i < static_cast<int>(doc.entities.size()) ? doc.entities[i].id : kNone;
}
size_t ActorRoom(const std::optional<Actor>& a, const Document& doc) {
  if (!a) return 0;
  return RoomFor(a->code.size()) + RoomFor(a->country.size()) + RoomFor(a->role.size()) +
         RoomFor(EntityId(doc, a->entity).size()) + RoomFor(a->text.size());
}
char* ActorJson(char* o, const std::optional<Actor>& a, const Document& doc) {
  if (!a) return Null(o);
  o = Lit(o, "{\"code\":"); o = StrOrNull(o, a->code);
  o = Lit(o, ",\"country\":"); o = StrOrNull(o, a->country);
  o = Lit(o, ",\"role\":"); o = StrOrNull(o, a->role);
  o = Lit(o, ",\"entity\":");
  if (a->entity >= 0 && a->entity < static_cast<int>(doc.entities.size())) o = Str(o, doc.entities[a->entity].id);
  else o = Null(o);
  o = Lit(o, ",\"text\":"); o = Str(o, a->text);
  *o++ = '}';
  return o;
}

char* EntityJson(char* o, const Entity& e) {
  o = Lit(o, "{\"id\":"); o = Str(o, e.id);
  o = Lit(o, ",\"name\":"); o = Str(o, e.name);
  o = static_cast<size_t>(e.type) < kEntityTypes ? Keyed(o, kTypeKeyed, static_cast<size_t>(e.type))
                                                 : Str(Lit(o, ",\"type\":"), std::string_view(EntityTypeName(e.type)));
  o = Lit(o, ",\"country\":"); o = StrOrNull(o, e.country);
  o = Lit(o, ",\"role\":"); o = StrOrNull(o, e.role);
  o = Lit(o, ",\"code\":"); o = StrOrNull(o, e.code);
  o = Lit(o, ",\"country_basis\":"); o = StrOrNull(o, e.country_basis);
  if (e.type == EntityType::kLocation) {
    o = Lit(o, ",\"lat\":"); o = e.lat ? WriteCoordinate(*e.lat, o) : Null(o);
    o = Lit(o, ",\"lon\":"); o = e.lon ? WriteCoordinate(*e.lon, o) : Null(o);
    o = Lit(o, ",\"feature\":"); o = StrOrNull(o, e.feature);
  }
  o = Lit(o, ",\"mentions\":");
  o = SpanList(o, e.mentions, [](const Span& m) { return m; });
  *o++ = '}';
  return o;
}
size_t EntityRoom(const Entity& e) {
  return kItemRoom + RoomFor(e.id.size()) + RoomFor(e.name.size()) + RoomFor(e.country.size()) +
         RoomFor(e.role.size()) + RoomFor(e.code.size()) + RoomFor(e.country_basis.size()) +
         RoomFor(e.feature.size()) + kSpanRoom * e.mentions.size();
}

char* EventJson(char* o, const Event& ev, const Document& doc) {
  o = Lit(o, "{\"id\":"); o = Str(o, ev.id);
  o = Lit(o, ",\"sentence\":"); o = Integer(o, ev.sentence);
  o = Lit(o, ",\"span\":"); o = SpanJson(o, ev.span);
  o = Lit(o, ",\"evidence\":"); o = Str(o, doc.text(ev.span));
  o = Lit(o, ",\"source\":"); o = ActorJson(o, ev.source, doc);
  o = Lit(o, ",\"target\":"); o = ActorJson(o, ev.target, doc);
  o = Lit(o, ",\"cameo\":"); o = Str(o, ev.cameo);
  o = Lit(o, ",\"cameo_root\":"); o = Str(o, ev.cameo_root);
  o = Lit(o, ",\"quad_class\":"); o = Integer(o, ev.quad_class);
  o = Lit(o, ",\"goldstein\":"); o = Double(o, ev.goldstein);
  o = Lit(o, ",\"plover\":"); o = StrOrNull(o, ev.plover);
  o = Lit(o, ",\"negated\":"); o = Bool(o, ev.negated);
  o = static_cast<size_t>(ev.status) < kEventStatuses
          ? Keyed(o, kStatusKeyed, static_cast<size_t>(ev.status))
          : Str(Lit(o, ",\"status\":"), std::string_view(EventStatusName(ev.status)));
  o = Lit(o, ",\"date\":");
  o = ev.date.valid() ? DateJson(o, ev.date) : Null(o);
  o = Lit(o, ",\"date_basis\":");
  o = ev.date.valid() && !ev.date_basis.empty() ? Str(o, ev.date_basis) : Null(o);
  o = Lit(o, ",\"date_precision\":");
  o = ev.date.valid() ? Str(o, std::string_view(ev.date.Precision())) : Null(o);
  o = Lit(o, ",\"location\":");
  if (ev.location) {
    o = Lit(o, "{\"name\":"); o = Str(o, ev.location->name);
    o = Lit(o, ",\"country\":"); o = StrOrNull(o, ev.location->country);
    o = Lit(o, ",\"lat\":"); o = WriteCoordinate(ev.location->lat, o);
    o = Lit(o, ",\"lon\":"); o = WriteCoordinate(ev.location->lon, o);
    o = Lit(o, ",\"feature\":"); o = StrOrNull(o, ev.location->feature);
    o = Lit(o, ",\"admin1\":"); o = StrOrNull(o, ev.location->admin1);
    *o++ = '}';
  } else {
    o = Null(o);
  }
  o = Lit(o, ",\"location_basis\":");
  o = ev.location && !ev.location_basis.empty() ? Str(o, ev.location_basis) : Null(o);
  o = Lit(o, ",\"quote\":");
  if (ev.quote >= 0 && ev.quote < static_cast<int>(doc.quotes.size())) o = Str(o, doc.quotes[ev.quote].id);
  else o = Null(o);
  o = Lit(o, ",\"rule\":"); o = Str(o, ev.rule);
  if (!ev.mentions.empty()) {
    o = Lit(o, ",\"mentions\":");
    o = SpanList(o, ev.mentions, [](const Span& m) { return m; });
  }
  *o++ = '}';
  return o;
}
size_t EventRoom(const Event& ev, const Document& doc) {
  size_t n = kItemRoom + RoomFor(ev.id.size()) + RoomFor(ev.span.size()) + ActorRoom(ev.source, doc) +
             ActorRoom(ev.target, doc) + RoomFor(ev.cameo.size()) + RoomFor(ev.cameo_root.size()) +
             RoomFor(ev.plover.size()) + RoomFor(ev.date_basis.size()) + RoomFor(ev.location_basis.size()) +
             RoomFor(ev.rule.size()) + kSpanRoom * ev.mentions.size();
  if (ev.location)
    n += RoomFor(ev.location->name.size()) + RoomFor(ev.location->country.size()) +
         RoomFor(ev.location->feature.size()) + RoomFor(ev.location->admin1.size());
  if (ev.quote >= 0 && ev.quote < static_cast<int>(doc.quotes.size())) n += RoomFor(doc.quotes[ev.quote].id.size());
  return n;
}

char* QuoteJson(char* o, const Quote& q, const Document& doc) {
  o = Lit(o, "{\"id\":"); o = Str(o, q.id);
  o = Lit(o, ",\"speaker\":"); o = StrOrNull(o, q.speaker);
  o = Lit(o, ",\"speaker_entity\":");
  if (q.speaker_entity >= 0 && q.speaker_entity < static_cast<int>(doc.entities.size()))
    o = Str(o, doc.entities[q.speaker_entity].id);
  else o = Null(o);
  o = Lit(o, ",\"speaker_code\":"); o = StrOrNull(o, q.speaker_code);
  o = Lit(o, ",\"text\":"); o = Str(o, q.text);
  o = Lit(o, ",\"span\":"); o = SpanJson(o, q.span);
  *o++ = '}';
  return o;
}
size_t QuoteRoom(const Quote& q, const Document& doc) {
  return kItemRoom + RoomFor(q.id.size()) + RoomFor(q.speaker.size()) +
         RoomFor(EntityId(doc, q.speaker_entity).size()) + RoomFor(q.speaker_code.size()) + RoomFor(q.text.size());
}

char* CountJson(char* o, const Count& c) {
  o = Lit(o, "{\"number\":"); o = Num(o, c.number);
  o = Lit(o, ",\"what\":"); o = StrOrNull(o, c.what);
  o = Lit(o, ",\"qualifier\":"); o = StrOrNull(o, c.qualifier);
  o = Lit(o, ",\"span\":"); o = SpanJson(o, c.span);
  *o++ = '}';
  return o;
}
size_t CountRoom(const Count& c) { return kItemRoom + RoomFor(c.what.size()) + RoomFor(c.qualifier.size()); }

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
  Buffer b(&buf);
  LitTo(b, "{\"doc_id\":"); Echo(b, doc.doc_id);
  {
    char* o = b.Reserve(kItemRoom);
    o = Lit(o, ",\"publish_date\":");
    o = doc.publish_date.valid() ? DateJson(o, doc.publish_date) : Null(o);
    o = Lit(o, ",\"title\":");
    b.Commit(o);
  }
  OptEcho(b, doc.title);
  LitTo(b, ",\"url\":"); OptEcho(b, doc.url);
  LitTo(b, ",\"source\":"); OptEcho(b, doc.source);
  LitTo(b, ",\"error\":");
  if (doc.error.empty()) LitTo(b, "null");
  else Echo(b, doc.error);

  {
    char* o = b.Reserve(kItemRoom + kSpanRoom * doc.sentences.size());
    o = Lit(o, ",\"sentences\":");
    o = SpanList(o, doc.sentences, [](const Sentence& s) { return s.span; });
    o = Lit(o, ",\"entities\":[");
    b.Commit(o);
  }
  bool first = true;
  for (const Entity& e : doc.entities) {
    char* o = Comma(b.Reserve(EntityRoom(e)), first);
    first = false;
    b.Commit(EntityJson(o, e));
  }
  LitTo(b, "],\"events\":[");
  first = true;
  for (const Event& ev : doc.events) {
    char* o = Comma(b.Reserve(EventRoom(ev, doc)), first);
    first = false;
    b.Commit(EventJson(o, ev, doc));
  }
  LitTo(b, "],\"quotes\":[");
  first = true;
  for (const Quote& q : doc.quotes) {
    char* o = Comma(b.Reserve(QuoteRoom(q, doc)), first);
    first = false;
    b.Commit(QuoteJson(o, q, doc));
  }
  LitTo(b, "],\"counts\":[");
  first = true;
  for (const Count& c : doc.counts) {
    char* o = Comma(b.Reserve(CountRoom(c)), first);
    first = false;
    b.Commit(CountJson(o, c));
  }
  LitTo(b, "]}");
  b.Finish(out);
}

}  // namespace parley
