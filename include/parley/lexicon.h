// parley: the dictionaries under data/, loaded once into lookup tables.
//
// Every file is line-oriented TSV (see data/README.md). Load() reads them
// all, collecting every malformed row as "file:line: reason" rather than
// stopping at the first, so `parley dict check` can report them together.
#ifndef PARLEY_LEXICON_H_
#define PARLEY_LEXICON_H_

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parley/document.h"
#include "parley/status.h"

namespace parley {

namespace image {
class KeyTable;
}
class Vocabulary;  // src/text/vocabulary.h

// The tables' strings and lists are views: into the Lexicon's compiled
// image (read in place, lexicon_image.cc) or, after a load from the text,
// into storage the Lexicon owns. They live as long as the Lexicon.
//
// A string of a table: a std::string_view that also reads as the
// std::string these fields were (it converts to one, and joins strings with
// +), so code that used them as strings reads the same.
class LexStr : public std::string_view {
 public:
  using std::string_view::string_view;
  constexpr LexStr(std::string_view v) : std::string_view(v) {}  // NOLINT: implicit by design
  operator std::string() const { return std::string(data(), size()); }  // NOLINT
  constexpr LexStr substr(size_type pos = 0, size_type n = npos) const { return std::string_view::substr(pos, n); }
  friend std::string operator+(const std::string& a, LexStr b) { return std::string(a).append(b); }
  friend std::string operator+(std::string&& a, LexStr b) { return std::move(a.append(b)); }
  friend std::string operator+(LexStr a, const std::string& b) { return std::string(a).append(b); }
  friend std::string operator+(const char* a, LexStr b) { return std::string(a).append(b); }
  friend std::string operator+(LexStr a, const char* b) { return std::string(a).append(b); }
  friend std::string operator+(LexStr a, LexStr b) { return std::string(a).append(b); }
  friend std::string operator+(LexStr a, char b) { return std::string(a) + b; }
  friend std::string operator+(char a, LexStr b) { return std::string(1, a).append(b); }
};

struct Country {
  LexStr iso3, cameo, iso2, fips, name, capital;
  double lat = 0, lon = 0, capital_lat = 0, capital_lon = 0;
  LexStr rule;
};

struct Organisation {
  LexStr code, name;
  EntityType type = EntityType::kOrg;  // kOrg or kGroup
  Date start, end;                     // invalid = open
  LexStr rule;
};

struct OfficeTerm {
  LexStr code, office;
  // What news calls the holder: the TITLE of "Head of state (King)",
  // "Head of government (Prime Minister)"; else the office as written.
  LexStr title;
  Date start, end;  // end invalid = still in office
  LexStr rule;  // "people.tsv:12", "people/europe.tsv:40"
};

// The four offices data/README.md asks for in every country ("slots"),
// read from the office column: "Head of state and government (President)"
// is kHeadOfBoth, "Head of state (King)" kHeadOfState, "Head of government
// (Premier)" kHeadOfGovernment, "Foreign Minister", "Defence Minister"
// (with the local title in brackets where news uses it: "Foreign Minister
// (Secretary of State)").
enum class OfficeSlot : uint8_t { kNone, kHeadOfState, kHeadOfGovernment, kHeadOfBoth, kForeignMinister, kDefenceMinister };
OfficeSlot SlotOf(std::string_view office);
// Offices held by several people at once (Bosnia's presidency, San
// Marino's captains regent, Andorra's co-princes): no overlap check.
bool IsCollectiveOffice(std::string_view office);

struct Person {
  LexStr name;
  std::span<const OfficeTerm> terms;  // in file order
};

enum class RoleKind : uint8_t { kTitle, kPerson, kGroup };

struct Role {
  LexStr phrase;  // as in the file, lower case
  LexStr code;    // role blocks, "GOV"
  RoleKind kind = RoleKind::kGroup;
  LexStr rule;
};

// One event pattern row of verbs.tsv / nouns.tsv.
struct PatternElement {
  enum Kind : uint8_t { kWord, kTarget, kSource, kGap } kind = kWord;
  std::span<const LexStr> words;  // alternatives, for kWord
};
struct Pattern {
  LexStr code;       // CAMEO code, or "support" (nouns.tsv)
  bool noun = false;
  LexStr head;       // lemma
  std::span<const PatternElement> rest;
  LexStr text;       // the pattern as written
  LexStr rule;       // "verbs.tsv:120"
};

struct CameoCode {
  LexStr code, name, plover;
  double goldstein = 0;
  int quad_class = 0;
};

// What a name in the text may refer to. Laid out with every byte a field
// (12 bytes), since the lexicon's image holds these records read in place.
struct NameRef {
  enum Kind : uint8_t { kCountry, kDemonym, kCapital, kIgo, kOrg, kPerson, kRole } kind;
  bool case_sensitive = false; // "US": only in capitals
  uint16_t reserved = 0;       // always 0
  uint32_t index;              // into the matching table
  uint32_t line = 0;           // line of the file that defined this name
};

// A list of records that lies in the lexicon's compiled image (or in the
// text load's layout of the same tables, so both loads look up alike): what
// FindName and PeopleByLastName point to. Its records lie `off` bytes from
// the list itself, so the list is read where it lies, never copied (a copy
// would point elsewhere): use it through the pointer a lookup gives.
template <typename T>
struct ImageList {
  int64_t off;  // bytes from this record to its first element
  uint64_t n;   // number of elements
  const T* begin() const { return reinterpret_cast<const T*>(reinterpret_cast<const char*>(this) + off); }
  const T* end() const { return begin() + n; }
  size_t size() const { return static_cast<size_t>(n); }
  bool empty() const { return n == 0; }
  const T& operator[](size_t i) const { return begin()[i]; }
  const T& front() const { return *begin(); }
};
using NameRefs = ImageList<NameRef>;
using PersonIds = ImageList<uint32_t>;

// Hash for std::string-keyed tables that are looked up with a
// std::string_view (heterogeneous lookup, no temporary std::string). Same
// values as std::hash<std::string>, so iteration orders do not change.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;

class Lexicon {
 public:
  // The tables point into storage of this object: not copied or moved.
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;
  // Reads every dictionary under `dir`.
  // OK: *out holds the tables.
  // InvalidInput: one or more malformed rows; the message lists each as
  // "file:line: reason", one per line. On error *out is left as it was.
  static Status Load(const std::filesystem::path& dir, std::unique_ptr<Lexicon>* out);
  // For `dict check`: the same reading, but malformed rows are only listed
  // in *row_errors ("path:line: reason") and *out holds the other rows, so
  // that Check() can look at them too. NotFound as above.
  static Status LoadForCheck(const std::filesystem::path& dir, std::unique_ptr<Lexicon>* out,
                             std::vector<std::string>* row_errors);

  // Load() through a compiled image in `cache_dir` (src/lexicon/
  // lexicon_image.cc): the tables as they were built from the same bytes
  // of every dictionary file under `dir` (and `dir` itself, and `version`,
  // which names the build). When no valid image is there the text is read
  // as by Load() and, when it has no error, an image is written for the
  // next run. An empty `cache_dir`, an image that cannot be read or
  // written, or a file that cannot be read all fall back to the text, whose
  // errors are reported exactly as Load() reports them.
  struct CacheInfo {
    bool from_image = false;      // the tables came from the image
    bool written = false;         // an image was written for the next run
    uint64_t key = 0;             // the key of the files' bytes (0 = none)
    std::filesystem::path image;  // the image's path ("" = no cache)
    std::string note;             // why an image was not used or written
  };
  static Status LoadCached(const std::filesystem::path& dir, const std::filesystem::path& cache_dir,
                           std::string_view version, std::unique_ptr<Lexicon>* out, CacheInfo* info = nullptr);

  // Names keyed by their folded tokens joined with ' ' ("south korea").
  const NameRefs* FindName(std::string_view key) const;
  // The one-token key of `t` (t.lower), with the hash the tokeniser stored.
  // (The three lookups by token are inline: a numbered token is answered
  // by its word id, once per token by the recognisers.)
  const NameRefs* FindName(const Token& t) const;
  // Longest name, in tokens, starting with this folded token (0 = none).
  int MaxNameTokens(std::string_view first_token) const;
  int MaxNameTokens(const Token& t) const;  // of t.lower, hash as stored
  // False when `t` is no word after the first of any name of several
  // words ("korea" of "south korea" is one): a name that would have it
  // there needs no lookup. True for a token not numbered by this
  // lexicon's vocabulary, or whose text holds a space (names' keys join
  // their tokens with spaces).
  bool MayContinueName(const Token& t) const;
  // The one-token name facts of a word as one byte (NameFact bits), by
  // word id: FindHits passes over most tokens by one load each (they open
  // no name). Null until UseVocabulary; entry 0 (a token not numbered)
  // says kOpensName, so that a scan stops there and asks NameFactsOf(t).
  enum NameFact : uint8_t {
    kOpensName = 1,    // MaxNameTokens > 0
    kOpensLonger = 2,  // MaxNameTokens > 1
    kNameAlone = 4,    // FindName of the word alone is not null
    kHasSpace = 8,     // the word's text holds a space (not known for ids 0 and 1)
  };
  const uint8_t* name_facts() const { return name_facts_.empty() ? nullptr : name_facts_.data(); }
  uint8_t NameFactsOf(const Token& t) const;
  // False when no name of two words or more has the words of ids a and b
  // (of the vocabulary, both >= 2 and neither holding a space) as its
  // first two: a name of several tokens starting there needs no key and
  // no lookup. True may be wrong (a filter of bits); always true before
  // UseVocabulary.
  bool MayStartPair(uint32_t a, uint32_t b) const;

  // Word ids (issue 12, item 13; src/text/vocabulary.h). AddWords puts into
  // `v` every word a one-token lookup above can find (one-word names, first
  // words of names); UseVocabulary then indexes those facts by `v`'s ids,
  // and NumberWords(doc) numbers a document's tokens with `v` unless `v`
  // already did. Without UseVocabulary, or for tokens not numbered, the
  // lookups above go by string as before; the answers are the same.
  void AddWords(Vocabulary* v) const;
  void UseVocabulary(std::shared_ptr<const Vocabulary> v);
  const Vocabulary* vocabulary() const { return vocabulary_.get(); }
  // Every stage that looks tokens up by id calls this first.
  void NumberWords(Document* doc) const;

  const std::vector<Country>& countries() const { return countries_; }
  const std::vector<Organisation>& igos() const { return igos_; }
  const std::vector<Organisation>& organisations() const { return orgs_; }
  const std::vector<Person>& people() const { return people_; }
  const std::vector<Role>& roles() const { return roles_; }
  const std::vector<Pattern>& patterns() const { return patterns_; }
  // Country by ISO3 or CAMEO code; nullptr if unknown.
  const Country* FindCountry(std::string_view code) const;

  // The term of `p` in force on `when` (nullptr if none or `when` invalid:
  // then the latest term is returned).
  static const OfficeTerm* TermOn(const Person& p, const Date& when);

  // Who held `slot` in `country` (ISO3 or CAMEO code, or a body's whole
  // code such as IGOUNO) on `when`: a kHeadOfState or kHeadOfGovernment
  // question is also answered by a kHeadOfBoth term. On a handover day
  // (one term ends the day the next starts) the incoming holder is meant;
  // collective offices give every member. Empty when nobody is listed.
  struct Holder {
    const Person* person;
    const OfficeTerm* term;
  };
  std::vector<Holder> HoldersOn(std::string_view country, OfficeSlot slot, const Date& when) const;

  // Consistency problems beyond the loader's (`parley dict check`), each
  // "path:line: reason": people's codes (unknown country or role block),
  // overlapping terms of one single-holder office in one country, an alias
  // shared by two people whose terms overlap; organisations' and
  // international bodies' codes; capitals' coordinates.
  std::vector<std::string> Check() const;
  // The data folder Load() read, and the people files in load order
  // ("people.tsv", "people/africa.tsv", ...).
  const std::filesystem::path& dir() const { return dir_; }
  const std::vector<std::string>& people_files() const { return people_files_; }

  // CAMEO code table (data/cameo.tsv); nullptr for an unknown code.
  const CameoCode* FindCameo(std::string_view code) const;
  size_t cameo_count() const { return cameo_.size(); }
  // Irregular inflections (WordNet exception lists, data/generated/): the
  // lemma of `form` ("held" -> "hold"), or nullptr.
  const std::string* IrregularVerb(std::string_view form) const;
  // The CAMEO code (111 criticise, 112 accuse) of a word or two-word phrase
  // that judges a party when said of it (data/evaluations.tsv: "illegal",
  // "a provocation", "lied"), or nullptr.
  const std::string* Evaluation(std::string_view words) const;
  size_t evaluation_count() const { return evaluations_.size(); }
  const std::string* IrregularNoun(std::string_view form) const;
  // A lower-case English word (Debian's hunspell en_US word list), used to
  // tell names from ordinary words ("Rod" vs "Ahed").
  bool IsCommonWord(std::string_view lower) const;
  // Calls fn(form, lemma, is_verb) for every irregular form.
  // In one order for every load, from the text or an image.
  template <typename Fn>
  void ForEachIrregular(Fn fn) const {
    for (auto& [f, l] : verb_order_) fn(*f, *l, true);
    for (auto& [f, l] : noun_order_) fn(*f, *l, false);
  }
  size_t word_form_count() const { return verb_forms_.size() + noun_forms_.size(); }

  // Counts for notes and `dict check`.
  size_t name_count() const;

  // The folded token key of a dictionary name, tokenised like article text.
  static std::string KeyOf(std::string_view name);
  // People whose name (canonical or alias, two words or more) ends in the
  // word `key`, given as LastNameKey(folded word): for spellings no row
  // lists ("Saad al-Abdulla al-Sabah" for Saad Al-Abdullah Al-Salim
  // Al-Sabah). nullptr when none.
  const PersonIds* PeopleByLastName(std::string_view key) const;
  // A folded last name without its Arabic article: "al-sabah" -> "sabah".
  static std::string LastNameKey(std::string_view folded);

 private:
  friend class LexiconLoader;
  Lexicon() = default;
  // Every table below is built by LexiconLoader from the text, or read
  // back from an image (lexicon_image.cc): a table added here must be
  // written by Image() and read by FromImage() too.
  std::string Image(uint64_t key) const;
  static bool FromImage(std::string_view bytes, uint64_t key, std::unique_ptr<Lexicon>* out);
  // The same from an image's payload whose header and checksum were
  // checked; tables read in place keep `owner` (the payload's bytes).
  static bool FromPayload(std::string_view payload, std::shared_ptr<const void> owner, std::unique_ptr<Lexicon>* out);
  // common_table_ from common_words_ (the text load), which is then emptied.
  void BuildCommonTable();
  void BuildIndex();     // index_, over the maps
  void RecordOrders();   // verb_order_, noun_order_ from the maps
  std::filesystem::path dir_;
  std::vector<std::string> people_files_;
  std::vector<Country> countries_;
  std::vector<Organisation> igos_, orgs_;
  std::vector<Person> people_;
  std::vector<Role> roles_;
  std::vector<Pattern> patterns_;
  // What Person::terms, Pattern::rest and PatternElement::words view.
  std::vector<OfficeTerm> terms_;
  std::vector<PatternElement> elements_;
  std::vector<LexStr> words_;
  // The strings of a load from the text (a deque: its strings never move);
  // a load from an image views the image's bytes (common_owner_) instead.
  std::deque<std::string> strings_;
  std::string_view Keep(std::string_view s) { return strings_.emplace_back(s); }
  // The names as the text load builds them (empty after an image's load):
  // laid out by LayOutNames() as name_tables_, which every lookup reads.
  StringMap<std::vector<NameRef>> names_;
  StringMap<int> first_token_max_;
  StringMap<std::vector<uint32_t>> last_names_;  // PeopleByLastName
  // The names, first-token maxima and people by last name as tables read
  // in place (lexicon_image.cc): from the image, or from name_bytes_, the
  // text load's layout of the maps above.
  struct NameTables;
  void LayOutNames();
  std::shared_ptr<const NameTables> name_tables_;
  std::string name_bytes_;
  // Open-addressing indexes over the word forms and country_by_code_ for
  // the per-token lookups (IrregularVerb ...); built once by Load().
  struct FlatIndex;
  std::shared_ptr<const FlatIndex> index_;
  // By word id of vocabulary_ (UseVocabulary): the one-token facts.
  struct WordFacts {
    const NameRefs* name = nullptr;              // FindName of the word alone
    int max_name_tokens = 0;                     // MaxNameTokens
    bool inner = false;                          // MayContinueName
    // The word holds a space (known for a word of the vocabulary, whose
    // tokens' text is the word; not for kUnknownWord, which is any text).
    bool space = false;
  };
  std::shared_ptr<const Vocabulary> vocabulary_;
  std::vector<WordFacts> by_word_;
  std::vector<uint8_t> name_facts_;  // name_facts(): by_word_'s facts as NameFact bits
  // MayStartPair's filter: bit PairBit(a, b) of every name's first two words.
  std::vector<uint64_t> pair_bits_;
  int pair_shift_ = 64;
  uint64_t PairBit(uint32_t a, uint32_t b) const {
    return ((uint64_t{a} << 32 | b) * 0x9E3779B97F4A7C15ull) >> pair_shift_;
  }
  // Token::word of a token no vocabulary numbered (kUnnumberedWord of
  // text/vocabulary.h, which this public header does not include).
  static constexpr uint32_t kNotNumbered = 0;
  static constexpr uint32_t kUnknown = 1;  // kUnknownWord: numbered, no table knows it
  // The lookups by token for a token by_word_ does not answer (by string).
  const NameRefs* FindNameByText(const Token& t) const;
  int MaxNameTokensByText(const Token& t) const;
  StringMap<uint32_t> country_by_code_;
  StringMap<CameoCode> cameo_;
  StringMap<std::string> verb_forms_, noun_forms_;
  StringMap<std::string> evaluations_;  // Evaluation(), word -> code
  // The word forms (pointers into the maps' entries) in the order the text
  // load's maps gave them, which the coder's tables depend on.
  std::vector<std::pair<const std::string*, const std::string*>> verb_order_, noun_order_;
  // The common words: read by the text load into common_words_, then laid
  // out as common_table_, which an image's load reads in place
  // (IsCommonWord uses the table; common_owner_ keeps its bytes, and after
  // an image's load the whole image, which the tables view).
  StringSet common_words_;
  std::shared_ptr<const image::KeyTable> common_table_;
  std::shared_ptr<const void> common_owner_;
};

inline const NameRefs* Lexicon::FindName(const Token& t) const {
  if (t.word != kNotNumbered && !by_word_.empty()) return by_word_[t.word].name;
  return FindNameByText(t);
}

inline bool Lexicon::MayStartPair(uint32_t a, uint32_t b) const {
  if (pair_bits_.empty()) return true;
  const uint64_t k = PairBit(a, b);
  return (pair_bits_[k >> 6] >> (k & 63)) & 1;
}

inline int Lexicon::MaxNameTokens(const Token& t) const {
  if (t.word != kNotNumbered && !by_word_.empty()) return by_word_[t.word].max_name_tokens;
  return MaxNameTokensByText(t);
}

inline bool Lexicon::MayContinueName(const Token& t) const {
  if (t.word != kNotNumbered && !by_word_.empty() && !by_word_[t.word].inner)
    return t.word == kUnknown ? t.lower.find(' ') != std::string_view::npos : by_word_[t.word].space;
  return true;
}

}  // namespace parley

#endif  // PARLEY_LEXICON_H_
