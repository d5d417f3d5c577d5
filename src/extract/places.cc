// Tested by tests/places_test.cc. The method is in places.h.
#include "extract/places.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "text/wordset.h"
#include "text/work.h"

namespace parley {
namespace {

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

std::string_view StripDot(std::string_view w) {
  if (w.size() > 1 && w.back() == '.') w.remove_suffix(1);
  return w;
}

// Without branches: whether a word is capitalised is a coin toss to the
// branch predictor, and this is asked of every token.
[[gnu::always_inline]] inline bool CapWord(const Token& t) {
  return (t.kind == TokenKind::kWord) & ((t.flags & (kCapitalised | kAllCaps)) != 0);
}

// Words that may stand inside a place name in lower case.
const WordSet kConnectorSet = {"of", "de", "des", "du", "la", "le", "les", "al", "el", "and", "the", "da", "do", "dos", "das",
                   "di", "del", "della", "von", "der", "den", "am", "an", "im", "sur", "upon", "y", "-", "i"};
bool Connector(const Token& t) { return kConnectorSet.contains(t); }  // t.lower, hash as stored

// Capitalised words that do not make a neighbouring place part of a name.
const WordSet kFunctionWordSet = {"the", "a", "an", "in", "at", "on", "from", "to", "of", "for", "by", "with", "and", "but", "or",
                   "as", "after", "before", "since", "during", "near", "outside", "inside", "across", "into", "when",
                   "while", "if", "despite", "under", "over", "between", "among", "amid", "against", "through",
                   "throughout", "toward", "towards", "via", "both", "former", "northern", "southern", "eastern",
                   "western", "central", "north", "south", "east", "west", "greater", "northeast", "northwest",
                   "southeast", "southwest", "occupied", "annexed", "neighbouring", "neighboring", "all", "across",
                   "around", "within", "beyond", "rural", "downtown", "coastal", "nearby", "where", "then", "so",
                   "this", "that", "its", "their", "his", "her", "our", "some", "many", "most", "each", "every",
                   "also", "even", "only", "not", "no", "yes", "here", "there", "why", "how", "what", "who", "it", "he",
                   "she", "we", "they", "i", "you", "these", "those", "such"};
[[gnu::always_inline]] inline bool FunctionWord(const Token& t) { return kFunctionWordSet.contains(t); }  // t.lower, hash as stored

const WordSet kTitleSet = {"mr", "mrs", "ms", "miss", "dr", "president", "minister", "gen", "general", "king", "queen",
                   "prince", "princess", "sheikh", "senator", "sen", "rep", "representative", "governor", "gov",
                   "mayor", "judge", "justice", "pope", "lord", "lady", "sir", "secretary", "chancellor", "ayatollah",
                   "imam", "rabbi", "father", "colonel", "col", "captain", "capt", "lt", "sgt", "major", "maj",
                   "admiral", "adm", "commander", "cmdr", "ambassador", "premier", "emir", "sultan", "speaker",
                   "envoy", "spokesman", "spokeswoman", "leader", "coach", "manager", "cardinal", "bishop"};
bool Title(std::string_view w) { return kTitleSet.contains(StripDot(w)); }
// Inline: asked of every capitalised word, mostly answered by one bit.
[[gnu::always_inline]] inline bool Title(const Token& t) {  // t.lower, with the hash the tokeniser stored
  return t.lower.size() > 1 && t.lower.back() == '.' ? Title(t.lower) : kTitleSet.contains(t);
}

// GeoNames has towns called Earth, Mars and University; news does not mean them.
bool NeverAPlace(std::string_view key) {
  static const WordSet kSet = {"earth", "mars", "moon", "venus", "jupiter", "saturn", "mercury", "heaven", "hell", "university",
                     "college", "congress", "parliament", "senate", "police", "army", "navy", "state", "city",
                     "union", "republic", "independence", "liberty", "victory", "justice", "freedom", "unity",
                     "progress", "reform", "hope", "peace", "mission", "bank", "oracle", "apple", "amazon",
                     "google", "twitter", "facebook", "reuters", "star", "sun", "times", "post", "herald",
                     "tribune", "guardian", "saints", "orion", "temple", "church", "court", "white house",
                     "government", "opposition", "president", "prime", "media", "internet", "god", "allah"};
  return kSet.contains(key);
}

const WordSet kDateWordSet = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                   "february", "march", "april", "may", "june", "july", "august", "september", "october",
                   "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                   "nov", "dec", "reuters", "ap", "afp"};
bool DateWord(std::string_view w) { return kDateWordSet.contains(StripDot(w)); }
[[gnu::always_inline]] inline bool DateWord(const Token& t) {  // t.lower, with the hash the tokeniser stored
  return t.lower.size() > 1 && t.lower.back() == '.' ? DateWord(t.lower) : kDateWordSet.contains(t);
}

// Nouns after which "of" still leads to a place: "the town of Hwangju".
const WordSet kPlaceNounSet = {"city", "town", "village", "capital", "province", "region", "state", "district", "county",
                   "port", "island", "islands", "area", "suburb", "suburbs", "outskirts", "centre", "center",
                   "heart", "coast", "streets", "parts", "part", "north", "south", "east", "west", "northeast",
                   "northwest", "southeast", "southwest", "border", "municipality", "governorate", "oblast",
                   "enclave", "territory", "republic", "kingdom", "emirate", "hamlet", "neighbourhood",
                   "neighborhood", "shores", "waters", "mouth"};
bool PlaceNoun(const Token& t) { return kPlaceNounSet.contains(t); }  // t.lower, hash as stored

// At namespace scope, like the sets above: made before the vocabulary, so
// that a numbered token is answered by one bit.
const WordSet kPrepositionSet = {"in", "at", "near", "from", "outside", "inside", "across", "throughout", "into", "around",
                   "within", "off", "to", "towards", "toward", "via", "on", "of", "with", "for", "by", "against",
                   "over", "under", "between", "among", "amid", "about", "than", "like", "after", "before",
                   "since", "during", "through", "despite"};
bool Preposition(const Token& t) { return kPrepositionSet.contains(t); }  // t.lower, hash as stored

// A capitalised word after a place that does not make it part of a longer
// name ("South Africa Foreign Minister").
const WordSet kOfficeWordSet = {"foreign", "defense", "defence", "interior", "prime"};
// Words that link a place to a capitalised word after it into a longer
// name ("University of Texas", "Bank of England").
const WordSet kNameLinkSet = {"of", "de", "des", "du", "del", "della", "di", "da", "von", "der"};

// Words that end the look back from a place for its preposition.
const WordSet kLocativeStopSet = {"and", "or", "but", "that", "is", "are", "was", "were", "has", "have", "had",
                                  "said", "says", "be", "been", "will", "would", "who", "which"};

}  // namespace

// Subordinators and relatives that separate a place from an event.
const WordSet kPlaceBlockWords = {"after", "before", "following", "despite", "although", "though", "because", "which",
                                  "who", "whom", "whose", "if", "unless", "until", "since", "according"};

namespace {

class Sentences {
 public:
  explicit Sentences(const Document& doc) : doc_(doc) {}
  bool IsDateline(uint32_t s) const {
    if (s >= doc_.sentences.size()) return false;
    const Sentence& st = doc_.sentences[s];
    // A bare dateline ("CAIRO" before the lead), split off by the segmenter.
    if (st.dateline && st.token_end > st.token_begin && doc_.tokens[st.token_end - 1].kind == TokenKind::kWord)
      return true;
    if (!st.headline || st.token_end <= st.token_begin + 2) return false;
    const Token& last = doc_.tokens[st.token_end - 1];
    return doc_.tokens[st.token_begin].has(kAllCaps) && last.kind == TokenKind::kPunct &&
           (std::string_view(last.norm) == "-" || std::string_view(last.norm) == "--");
  }
  // A headline whose words are mostly capitalised ("Zimbabwe Calm As Mugabe Is Urged").
  bool TitleCase(uint32_t s) const {
    if (s >= doc_.sentences.size() || !doc_.sentences[s].headline) return false;
    const Sentence& st = doc_.sentences[s];
    int words = 0, caps = 0;
    for (uint32_t i = st.token_begin; i < st.token_end; ++i) {
      const Token& t = doc_.tokens[i];
      if (t.kind != TokenKind::kWord || std::string_view(t.lower) == "'s") continue;
      ++words;
      if (CapWord(t)) ++caps;
    }
    return words >= 3 && caps * 10 >= words * 7;
  }

 private:
  const Document& doc_;
};

// What kind of place a preposition may introduce: "from", "to", "near",
// "along" ... lead to cities, regions and sites but not to countries
// ("appealed to China", "pressure from the United States"); "on" only to
// sites ("on the Promenade des Anglais", not "peace on the Korean
// Peninsula").
enum class Kind { kCountry, kArea, kSite };

// The preposition that puts the place starting at token `b` somewhere ("in",
// "at", "from" ...), skipping articles, adjectives, possessors and "the town
// of"; "" when none.
std::string_view LocativeBefore(const Document& doc, uint32_t b, Kind kind) {
  const auto& tk = doc.tokens;
  if (b >= tk.size()) return {};
  const uint32_t sb = doc.sentences.empty() ? 0 : doc.sentences[tk[b].sentence].token_begin;
  uint32_t i = b;
  for (int skipped = 0; i > sb && skipped <= 6; ++skipped) {
    --i;
    const Token& t = tk[i];
    std::string_view w = t.lower;
    if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kSymbol) return {};
    if (w == "of") {
      if (i > sb && PlaceNoun(tk[i - 1])) continue;
      return {};
    }
    if (Preposition(t) || w == "along") {
      // A country after "from" is mostly an origin ("pressure from the
      // United States"), after "into" a target.
      if (OneOf(w, {"in", "at", "inside", "across", "throughout", "within"})) return w;
      if (kind != Kind::kCountry &&
          OneOf(w, {"near", "from", "outside", "into", "around", "off", "via"}))
        return w;
      if (kind != Kind::kCountry && OneOf(w, {"to", "towards", "toward", "along"})) return w;
      if (kind == Kind::kSite && w == "on") return w;
      return {};
    }
    if (kLocativeStopSet.contains(t)) return {};
    if (!CapWord(t) && w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0) return {};  // a verb, likely
  }
  return {};
}

Kind KindOf(const Place& p) {
  return p.feature == PlaceFeature::kCountry ? Kind::kCountry
         : p.feature == PlaceFeature::kSite  ? Kind::kSite
                                             : Kind::kArea;
}

// "in", "at", "near", "from", "outside", "inside": the prepositions that
// make an unknown GeoNames name worth believing ("to Congress" does not).
bool StrongLocative(std::string_view w) { return OneOf(w, {"in", "at", "near", "from", "outside", "inside"}); }

// A country code of up to 7 bytes as one number (its bytes and its length),
// so that codes compare at once; kLongCode for a longer one.
constexpr uint64_t kLongCode = ~uint64_t{0};
inline uint64_t CountryCode(std::string_view c) {
  if (c.size() > 7) return kLongCode;
  uint64_t x = 0;
  if (c.size() == 3)  // ISO alpha-3, nearly every code: a fixed-size copy, no call
    std::memcpy(&x, c.data(), 3);
  else if (!c.empty())
    std::memcpy(&x, c.data(), c.size());
  return x | static_cast<uint64_t>(c.size()) << 56;
}
// How often an article names a country (by a place or an actor).
struct CountryCount {
  uint64_t packed;   // CountryCode(code)
  std::string code;  // only for a kLongCode code: "" otherwise
  int count;
};

struct Candidate {
  uint32_t b = 0, e = 0;                 // tokens
  uint32_t qb = 0, qe = 0;               // qualifier tokens ("Michigan"), qe == 0 if none
  // Its places (most prominent first) and the qualifier's, as ranges of
  // the article's pool (Scratch::pool): no vector, so no allocation, per
  // candidate.
  uint32_t at = 0, count = 0;
  uint32_t q_at = 0, q_count = 0;
  std::string_view prep;                 // the locative preposition, or ""
  bool locative = false;
  bool dateline = false;
  bool weak = false;                     // looks like part of another name: only a qualifier
  bool surname_check = false;            // weak too if its word ends a longer name elsewhere
  bool dropped = false;
};

// A capitalised word that begins some gazetteer name: its token, the
// words of the longest such name (Gazetteer::MaxWordsStartingWith) and the
// group of its one-token key (Gazetteer::KeyGroup), so that the lookup of
// the word alone needs no search.
struct Start {
  uint32_t at;
  uint32_t first_max;
  uint32_t group;
};

// What RecognisePlaces asks of a capitalised word, worked out the first
// time the thread meets the word: by its word id (Token::word), one byte
// per id of the vocabulary that numbered the document (and, for a word
// that starts a name, its one-token key's group), for one gazetteer (a
// document numbered by another vocabulary, or another gazetteer, starts the
// tables again; both are told by their serial numbers, not addresses,
// which a later one may reuse). Every answer depends on the token's
// lower-case form alone (and its hash, made from it), which the id names,
// so a kept answer is the one asking again would give. A token with no id
// of its own (kUnnumberedWord, kUnknownWord: proper names the lexicon does
// not list, a third of the capitalised words) is kept by its lower-case
// form in a small table of its own (`Unnamed`), emptied when it fills, so
// that a name repeated through an article or the next ones is worked out
// once.
class WordFacts {
 public:
  // kNever: NeverAPlace of the word alone (a one-token key).
  enum : uint8_t { kKnown = 1, kDate = 2, kFunction = 4, kNever = 8 };
  // Bits 4-7: MaxWordsStartingWith, at most 8 (Gazetteer caps it there).
  static constexpr int kFirstMaxShift = 4;
  // A word's answers: its bits, and its one-token key's group
  // (Gazetteer::KeyGroup) when it starts some name (else kNoGroup, unasked).
  struct Fact {
    uint8_t bits;
    uint32_t group;
  };

  static WordFacts& For(const Gazetteer& gaz, const Document& doc) {
    thread_local WordFacts f;
    if (f.gazetteer_ != gaz.serial() || f.vocabulary_ != doc.vocabulary) {
      f.gazetteer_ = gaz.serial();
      f.vocabulary_ = doc.vocabulary;
      f.by_word_.clear();
      f.group_by_word_.clear();
      f.unnamed_.Clear();
    }
    return f;
  }
  [[gnu::always_inline]] Fact Of(const Gazetteer& gaz, const Token& t) {
    const uint32_t id = t.word;
    if (id > kUnknownWord) {
      if (id < by_word_.size() && by_word_[id] != 0) {
        const uint8_t bits = by_word_[id];
        return Fact{bits, (bits >> kFirstMaxShift) ? group_by_word_[id] : Gazetteer::kNoGroup};
      }
    } else if (const Fact* f = unnamed_.Find(t)) {  // inline: no call for a word met before
      return *f;
    }
    return Learn(gaz, t);
  }

 private:
  static Fact Compute(const Gazetteer& gaz, const Token& t) {
    uint8_t f = kKnown;
    if (DateWord(t)) f |= kDate;
    if (FunctionWord(t)) f |= kFunction;
    const int first_max = gaz.MaxWordsStartingWith(t.lower, &t.hash);
    assert(first_max >= 0 && first_max <= 8);
    if (first_max > 0 && NeverAPlace(t.lower)) f |= kNever;  // read only of a start
    f |= static_cast<uint8_t>(std::min(first_max, 15) << kFirstMaxShift);
    return Fact{f, first_max > 0 ? gaz.KeyGroup(t.lower, t.hash) : Gazetteer::kNoGroup};
  }
  [[gnu::noinline]] Fact Learn(const Gazetteer& gaz, const Token& t) {
    const uint32_t id = t.word;
    if (id > kUnknownWord) {  // a word of its own: kept by id
      const Fact f = Compute(gaz, t);
      if (id >= by_word_.size()) {
        const size_t size = std::max<size_t>(id + 1, 2 * by_word_.size());
        by_word_.resize(size, 0);
        group_by_word_.resize(size);  // zeros (a plain fill): read only once by_word_ says the word starts a name
      }
      by_word_[id] = f.bits;
      group_by_word_[id] = f.group;
      return f;
    }
    const Fact f = Compute(gaz, t);  // Of() found it in no table
    unnamed_.Add(t, f);
    return f;
  }

  // Words with no id, by their lower-case form: open addressing over
  // kSlots slots, at most kSlots / 2 words (then emptied), their bytes in
  // one buffer, so the memory stays bounded whatever the input.
  class Unnamed {
   public:
    [[gnu::always_inline]] const Fact* Find(const Token& t) const {
      if (slots_.empty()) return nullptr;
      for (uint32_t h = t.hash & (kSlots - 1);; h = (h + 1) & (kSlots - 1)) {
        const Slot& s = slots_[h];
        if (s.len == kEmpty) return nullptr;
        if (s.hash == t.hash && s.len == t.lower.size() && SameBytes(bytes_.data() + s.off, t.lower.data(), s.len))
          return &s.fact;
      }
    }
    void Add(const Token& t, Fact f) {
      if (t.lower.size() >= kEmpty) return;  // never kept: asked each time
      if (slots_.empty()) slots_.assign(kSlots, Slot{});
      if (used_ >= kSlots / 2 || bytes_.size() + t.lower.size() > kMaxBytes) Clear();
      uint32_t h = t.hash & (kSlots - 1);
      while (slots_[h].len != kEmpty) h = (h + 1) & (kSlots - 1);
      slots_[h] = Slot{t.hash, static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(t.lower.size()), f};
      bytes_.append(t.lower);
      ++used_;
    }
    void Clear() {
      if (used_ == 0) return;
      std::fill(slots_.begin(), slots_.end(), Slot{});
      bytes_.clear();
      used_ = 0;
    }

   private:
    static constexpr uint32_t kSlots = 1u << 14;
    static constexpr size_t kMaxBytes = size_t{1} << 20;
    static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
    struct Slot {
      uint32_t hash = 0;
      uint32_t off = 0;
      uint32_t len = kEmpty;  // kEmpty = an empty slot
      Fact fact{};
    };
    std::vector<Slot> slots_;
    std::string bytes_;
    uint32_t used_ = 0;
  };

  uint64_t gazetteer_ = 0;   // Gazetteer::serial()
  uint64_t vocabulary_ = 0;  // Vocabulary::tag()
  std::vector<uint8_t> by_word_;          // 0 = not yet worked out
  std::vector<uint32_t> group_by_word_;   // read only for a word that starts a name
  Unnamed unnamed_;
};

// A word asked whether it ends a longer capitalised name (RecognisePlaces'
// find_surnames), with the answer.
struct Surname {
  uint32_t hash;           // Token::hash
  std::string_view lower;  // Token::lower
  bool is;
};

bool Contains(const Place* city, const Place* q) {
  if (q->country().empty() || city->country() != q->country()) return false;
  if (q->feature == PlaceFeature::kCountry) return true;
  if (q->feature != PlaceFeature::kRegion) return false;
  return q->admin1().empty() || city->admin1().empty() || city->admin1() == q->admin1();
}

// The key of tokens [b, e) in `key` (its old contents dropped), built once
// for all the keys a scan asks of these tokens: token k's text is at
// [start[k - b], end[k - b]) in it, so the key of [k, m), b <= k < m <= e,
// is key.substr(start[k - b], end[m - 1 - b] - start[k - b]) (the space
// before token k is left out exactly when k is the first).
// The buffers only grow (a key is built for every capitalised word that
// starts a name: no clearing, no zero fill).
struct TokenKey {
  std::string key;                  // key.size() is the capacity; len_ bytes are the key
  std::vector<uint32_t> start, end;
  // Returns the number of tokens put in (for Work::kPlaceKeyTokens).
  uint32_t Make(const Document& doc, uint32_t b, uint32_t e) {
    size_t size = 0;
    for (uint32_t i = b; i < e; ++i) size += doc.tokens[i].lower.size() + 1;
    if (key.size() < size) key.resize(std::max(size, 2 * key.size()));
    if (start.size() < e - b) {
      start.resize(std::max<size_t>(e - b, 2 * start.size()));
      end.resize(start.size());
    }
    char* out = key.data();
    uint32_t len = 0;
    for (uint32_t i = b; i < e; ++i) {
      const Token& t = doc.tokens[i];
      if (i > b && t.has(kSpaceBefore)) out[len++] = ' ';
      start[i - b] = len;
      std::memcpy(out + len, t.lower.data(), t.lower.size());
      len += static_cast<uint32_t>(t.lower.size());
      end[i - b] = len;
    }
    len_ = len;
    return e - b;
  }
  // The key of tokens [b + k, e): a suffix.
  std::string_view From(uint32_t k) const { return {key.data() + start[k], len_ - start[k]}; }
  // The key of tokens [b, b + m): a prefix.
  std::string_view First(uint32_t m) const { return {key.data(), end[m - 1]}; }

 private:
  uint32_t len_ = 0;
};

}  // namespace

void RecognisePlaces(const Gazetteer& gaz, Document* doc) {
  const auto& tk = doc->tokens;
  const uint32_t n = static_cast<uint32_t>(tk.size());
  if (n == 0) return;
  Sentences sents(*doc);

  // Buffers kept from one article to the next.
  struct Scratch {
    std::vector<uint8_t> cap;          // per token: kCapName | kCapFunction | kInActor
    TokenKey key;
    std::vector<const Place*> found;   // one lookup's places
    std::vector<Surname> surnames;  // words asked of find_surnames, with the answers
    std::vector<uint8_t> title_case;   // per sentence: Sentences::TitleCase
    std::vector<std::string_view> admin1;
    std::vector<uint32_t> names;       // positions of kCapName tokens, in order
    std::vector<Start> starts;         // those that start a gazetteer name
    std::vector<CountryCount> country_count;
    std::vector<const Place*> pool;    // the candidates' places and qualifiers
    std::vector<Candidate> cands;
    std::vector<const Place*> inside, holders;  // a merge's
  };
  thread_local Scratch scratch;
  enum : uint8_t { kCapName = 1, kCapFunction = 2, kInActor = 4, kCapNever = 8 };
  scratch.cap.assign(n, 0);
  // Read through a plain pointer: the loops below then keep it (and the
  // tokens') in a register instead of reloading the thread's buffer.
  uint8_t* const cap = scratch.cap.data();

  // Tokens inside person, organisation or group actor mentions: kInActor.
  // Countries named, in the order first named, with how often: an article
  // names a few, so a list searched in order beats a map's allocations.
  // The codes are ISO alpha-3, so each is compared as one number
  // (CountryCode); a longer one (none in the data) also by its bytes.
  std::vector<CountryCount>& country_count = scratch.country_count;
  country_count.clear();
  // Inline (asked per namesake and per actor): a call costs as much as the
  // search of a list of a few.
  auto find_country = [&](std::string_view c) __attribute__((always_inline)) -> CountryCount* {
    const uint64_t packed = CountryCode(c);
    for (CountryCount& e : country_count)
      if (e.packed == packed && (packed != kLongCode || e.code == c)) return &e;
    return nullptr;
  };
  auto count_country = [&](std::string_view c) __attribute__((always_inline)) {
    if (c.empty()) return;
    CountryCount* e = find_country(c);
    if (!e) {  // the bytes are kept only for a long code (none in the data): CountryCode tells the others apart
      const uint64_t packed = CountryCode(c);
      e = &country_count.emplace_back(CountryCount{packed, packed == kLongCode ? std::string(c) : std::string(), 0});
    }
    ++e->count;
  };
  for (const Mention& m : doc->mentions) {
    if (m.type != MentionType::kActor) continue;
    if (!m.metonym && (m.entity_type == EntityType::kPerson || m.entity_type == EntityType::kOrg ||
                       m.entity_type == EntityType::kGroup))
      for (uint32_t i = m.token_begin; i < m.token_end && i < n; ++i) cap[i] = kInActor;
    count_country(m.country.size() >= 3 ? std::string_view(m.country.data(), 3) : std::string_view());
  }

  // Per token, once (both passes below ask): a capitalised word that is no
  // date word, and whether such a word is a function word. The passes
  // below start only at such words: they go from one to the next through
  // the list of their positions instead of stepping over every token.
  // Pass 1 starts only at those that begin some gazetteer name: `starts`,
  // with the words of the longest such name.
  // What is asked of a word depends on its lower-case form alone, so a
  // numbered word's answers are worked out once per thread and kept by
  // its id (WordFacts): most capitalised words cost one load.
  WordFacts& facts = WordFacts::For(gaz, *doc);
  const Token* const tok = tk.data();
  std::vector<uint32_t>& names = scratch.names;
  names.clear();
  std::vector<Start>& starts = scratch.starts;
  starts.clear();
  for (uint32_t i = 0; i < n; ++i) {
    if (!CapWord(tok[i])) continue;
    const WordFacts::Fact fact = facts.Of(gaz, tok[i]);
    const uint8_t f = fact.bits;
    if (f & WordFacts::kDate) continue;
    cap[i] |= static_cast<uint8_t>(kCapName | ((f & WordFacts::kFunction) ? kCapFunction : 0) |
                                   ((f & WordFacts::kNever) ? kCapNever : 0));
    names.push_back(i);
    if (const uint32_t first_max = f >> WordFacts::kFirstMaxShift) starts.push_back(Start{i, first_max, fact.group});
  }

  TokenKey& key_buf = scratch.key;
  // Sentences::TitleCase per sentence, worked out when first asked (only
  // sentences with a start or a surname's run are): 0 = not yet, 1 = no,
  // 2 = yes.
  std::vector<uint8_t>& title_case_of = scratch.title_case;
  title_case_of.assign(doc->sentences.size(), 0);
  auto title_case_at = [&](uint32_t s) {  // REQUIRES s < doc->sentences.size()
    if (title_case_of[s] == 0) title_case_of[s] = sents.TitleCase(s) ? 2 : 1;
    return title_case_of[s] == 2;
  };

  // Last words of longer capitalised names that are not places ("Putin" in
  // "Vladimir Putin"). First words are not taken: "Croydon Tram". Asked
  // only of the one-word candidates that pass 1 finds (a few per article),
  // after it: a run of capitalised words ends in `word` (its Token::hash
  // and lower-case form) when some token spelled so ends a run that is not
  // a place. The runs are those a scan of every sentence from its start
  // would make: maximal, within a sentence that is not a title-case
  // headline, each word after the first with a space before it.
  // The words are gathered first and their runs found in one pass.
  std::vector<Surname>& surnames = scratch.surnames;
  surnames.clear();
  auto run_is_surname = [&](uint32_t p) {  // token p ends a run not a place?
    const uint32_t s = tk[p].sentence;
    if (s >= doc->sentences.size() || title_case_at(s)) return false;
    const Sentence& st = doc->sentences[s];
    if (p < st.token_begin || p >= st.token_end) return false;
    if (p + 1 < st.token_end && (cap[p + 1] & kCapName) && tk[p + 1].has(kSpaceBefore)) return false;  // not its end
    uint32_t i = p;  // the run's first token
    while (i > st.token_begin && (cap[i - 1] & kCapName) && tk[i].has(kSpaceBefore)) --i;
    const uint32_t j = p + 1;
    uint32_t b = i;
    while (b < j && ((cap[b] & kCapFunction) || Title(tk[b]))) ++b;
    const bool titled = b > i && Title(tk[b - 1]);
    if (!((j - b >= 2 || (titled && j - b == 1)) && !tk[j - 1].has(kAllCaps))) return false;
    // Only the run's last words can be a name: a key of more words than
    // the gazetteer's longest name matches nothing, so a run of 100,000
    // capitalised words costs as much as the few words at its end.
    // The suffixes' keys are views of one key.
    const uint32_t longest = static_cast<uint32_t>(gaz.longest_name_words());
    const uint32_t k0 = j - b > longest ? j - longest : b;
    if (k0 + 1 < j) WorkCounter::Add(Work::kPlaceKeyTokens, key_buf.Make(*doc, k0, j));
    for (uint32_t k = k0; k + 1 < j; ++k)
      if (gaz.HasKey(key_buf.From(k - k0))) return false;
    return true;
  };
  // All the words asked at once: one pass over the names, each name's hash
  // tested first against a 64-bit mask of the words' hashes.
  auto find_surnames = [&]() {
    uint64_t mask = 0;
    for (const Surname& x : surnames) mask |= uint64_t{1} << (x.hash & 63);
    for (const uint32_t p : names) {
      const Token& t = tk[p];
      if (!((mask >> (t.hash & 63)) & 1)) continue;
      for (Surname& x : surnames)
        if (!x.is && x.hash == t.hash && x.lower == t.lower) x.is = run_is_surname(p);
    }
  };

  // Pass 1: longest gazetteer matches.
  std::vector<Candidate>& cands = scratch.cands;
  cands.clear();
  std::vector<const Place*>& pool = scratch.pool;
  pool.clear();
  auto places_of = [&pool](const Candidate& c) { return std::span<const Place* const>(pool.data() + c.at, c.count); };
  auto qualifiers_of = [&pool](const Candidate& c) {
    return std::span<const Place* const>(pool.data() + c.q_at, c.q_count);
  };
  // Sentence by sentence, but only the sentences that hold a start (most
  // hold none): a start's sentence is its token's (the segmenter numbers
  // each token by the one sentence whose range holds it); its dateline
  // answer is worked out when its first start comes, its title case when
  // a candidate in it first needs that.
  uint32_t cur_s = UINT32_MAX;
  const Sentence* stp = nullptr;
  bool dateline = false;
  uint32_t se = 0;
  uint32_t from = 0;  // the next name starts here or later
  for (size_t next = 0; next < starts.size(); ++next) {
    const uint32_t i = starts[next].at;
    if (const uint32_t s = tk[i].sentence; s != cur_s) {
      if (s >= doc->sentences.size()) continue;
      cur_s = s;
      stp = &doc->sentences[s];
      dateline = (stp->dateline || stp->headline) && sents.IsDateline(s);  // only those can be
      se = std::min(stp->token_end, n);
      from = stp->token_begin;
    }
    const Sentence& st = *stp;
    if (i >= se) continue;  // outside its sentence's range (no segmenter makes such)
    {
      if (i < from) continue;  // inside the name just found
      // "The Hague", "The Gambia": a function word starts only longer names.
      const uint32_t min_len = (cap[i] & kCapFunction) ? 2 : 1;
      const int first_max = static_cast<int>(starts[next].first_max);  // > 0
      const uint32_t max_len = std::min<uint32_t>(static_cast<uint32_t>(first_max) * 2 + 1, se - i);
      // A name [i, j) ends in a capitalised word and has only capitalised
      // words, connectors ("of", "de") and attached hyphens inside: tokens
      // i + 1 .. reach - 1 are such, so j - 1 <= reach, found in one scan
      // rather than one per length tried.
      uint32_t reach = i + 1;
      while (reach + 1 < i + max_len &&
             (CapWord(tk[reach]) || (tk[reach].kind == TokenKind::kWord && Connector(tk[reach])) ||
              (std::string_view(tk[reach].norm) == "-" && !tk[reach].has(kSpaceBefore))))
        ++reach;
      // The longest name first; every length's key is a prefix of one key.
      std::vector<const Place*>& found = scratch.found;
      found.clear();
      uint32_t longest_len = std::min(max_len, reach + 1 - i);
      // Keys of two or more tokens: when tokens i + 1 and i + 2 each start
      // a word (a space before), every such key begins with the words of
      // tokens i and i + 1, and the gazetteer may rule all of them out at
      // once, before any is made.
      if (longest_len >= 2 && tk[i + 1].has(kSpaceBefore) && (longest_len == 2 || tk[i + 2].has(kSpaceBefore)) &&
          !gaz.MayStartTwoWords(tk[i].hash, tk[i + 1].hash))
        longest_len = 1;
      uint32_t key_len = 0;  // tokens in key_buf, from i
      uint32_t hit_len = 0;
      // A key has at least one word more than it has tokens after a space,
      // and a name has at most first_max words (8 means "8 or more"), so
      // longer runs need no lookup. That holds when the key's first word is
      // token i's, which fails only when the next token is glued to an
      // all-word token i and starts with a letter or digit: then every
      // length is tried, as before.
      const Token& next_tok = tk[std::min(i + 1, se - 1)];
      const bool glued = i + 1 < se && !next_tok.has(kSpaceBefore) && !next_tok.lower.empty() &&
                         gazetteer_detail::kWordByte.in[static_cast<unsigned char>(next_tok.lower[0])] &&
                         Gazetteer::FirstWord(tk[i].lower).size() == tk[i].lower.size();
      const uint32_t words_cap = first_max < 8 && !glued ? static_cast<uint32_t>(first_max) : UINT32_MAX;
      uint32_t words = 1;  // words of the key of [i, i + len), counted by kSpaceBefore
      for (uint32_t k = i + 1; k < i + longest_len; ++k) words += tk[k].has(kSpaceBefore) ? 1 : 0;
      for (uint32_t len = longest_len; len >= min_len; --len) {
        uint32_t j = i + len;  // [i, j)
        const uint32_t len_words = words;
        if (len > 1 && tk[j - 1].has(kSpaceBefore)) --words;  // for len - 1
        if (len_words > words_cap || !CapWord(tk[j - 1])) continue;
        const std::string_view text = doc->text(doc->TokenSpan(i, j));
        if (len == 1) {  // the key is the token's lower-case form, hashed by the tokeniser: no copy
          // A one-token name inside an actor or after a title is dropped
          // below whatever its places, and the next start is past it
          // anyway: no lookup.
          if ((cap[i] & kInActor) || (i > st.token_begin && Title(tk[i - 1]) && CapWord(tk[i - 1]))) break;
          gaz.LookupGroup(starts[next].group, text, &found);  // = LookupKey(tk[i].lower, tk[i].hash, ...)
        } else {
          if (key_len == 0) {
            key_len = key_buf.Make(*doc, i, j);
            WorkCounter::Add(Work::kPlaceKeyTokens, key_len);
          }
          gaz.LookupKey(key_buf.First(len), text, &found);
        }
        if (!found.empty()) { hit_len = len; break; }
      }
      if (hit_len == 0) continue;
      Candidate c;
      c.b = i;
      c.e = i + hit_len;
      const std::string_view key = hit_len == 1 ? std::string_view(tk[i].lower) : key_buf.First(hit_len);
      from = c.e;
      c.dateline = dateline && c.b < st.token_end && c.b <= st.token_begin + 4;

      // Capitals only ("IT", "MAY"): hand-kept places, countries and capitals.
      bool all_caps = true;
      for (uint32_t k = c.b; k < c.e; ++k)
        if (CapWord(tk[k]) && !tk[k].has(kAllCaps)) all_caps = false;
      if (all_caps && !c.dateline) {
        std::erase_if(found, [](const Place* p) { return p->source == PlaceSource::kGenerated && !p->is_capital; });
        if (found.empty()) continue;
      }
      bool skip = false;
      for (uint32_t k = c.b; k < c.e && !skip; ++k) skip = (cap[k] & kInActor) != 0;
      const uint32_t sb = st.token_begin;
      if (!skip && c.b > sb && Title(tk[c.b - 1]) && CapWord(tk[c.b - 1])) skip = true;
      if (skip) continue;
      // The preposition before it (LocativeBefore, for the kind of its
      // first place as it stands here) is read by pass 2 and the surname
      // test only of a candidate that is not weak (a weak one is dropped
      // or serves only as a qualifier), so a weak one is asked only when
      // the common-word filter below needs it.
      const Kind kind = KindOf(*found.front());
      if (!c.dateline && !(st.headline && title_case_at(cur_s))) {  // title case: asked only here
        if (c.b > sb && CapWord(tk[c.b - 1]) && !FunctionWord(tk[c.b - 1]) && !DateWord(tk[c.b - 1]))
          c.weak = true;
        if (c.e < se && CapWord(tk[c.e]) && tk[c.e].has(kSpaceBefore) && !DateWord(tk[c.e]) &&
            !Title(tk[c.e]) && !kOfficeWordSet.contains(tk[c.e]))
          c.weak = true;  // "Cologne Police", but not "South Africa President Jacob Zuma"
        if (c.e < se && std::string_view(tk[c.e].norm) == "&") c.weak = true;  // "Latham & Watkins"
        if (c.e + 1 < se && kNameLinkSet.contains(tk[c.e]) &&
            CapWord(tk[c.e + 1]) &&
            !DateWord(tk[c.e + 1]))
          c.weak = true;  // "University of Texas", "Bank of England"
      }
      if (!c.weak) {
        c.prep = LocativeBefore(*doc, c.b, kind);
        c.locative = !c.prep.empty();
      }
      // "Putin" after "Vladimir Putin"; "in the Obama administration":
      // asked after this pass (find_surnames), of the candidates kept.
      c.surname_check = c.e - c.b == 1 && !c.dateline &&
                        (!c.locative || found.front()->source == PlaceSource::kGenerated);
      if (hit_len == 1 ? (cap[c.b] & kCapNever) != 0 : NeverAPlace(key)) {  // a word's answer kept by WordFacts
        std::erase_if(found, [](const Place* p) { return p->source == PlaceSource::kGenerated; });
        if (found.empty()) continue;
      }
      // Generated places that are English words need "in", "at" or "near".
      auto common_word = [](const Place* p) {
        return p->source == PlaceSource::kGenerated && p->common_word && !p->is_capital && !p->seat;
      };
      if (!c.dateline && std::any_of(found.begin(), found.end(), common_word)) {
        if (c.weak) c.prep = LocativeBefore(*doc, c.b, kind);  // not asked above
        if (c.prep.empty() || !OneOf(c.prep, {"in", "at", "near"})) {
          std::erase_if(found, common_word);
          if (found.empty()) continue;
        }
      }
      c.at = static_cast<uint32_t>(pool.size());
      c.count = static_cast<uint32_t>(found.size());
      pool.insert(pool.end(), found.begin(), found.end());
      cands.push_back(c);
    }
  }

  for (const Candidate& c : cands) {
    if (!c.surname_check || c.weak) continue;
    const Token& w = tk[c.b];
    if (std::none_of(surnames.begin(), surnames.end(),
                     [&](const Surname& x) { return x.hash == w.hash && x.lower == w.lower; }))
      surnames.push_back(Surname{w.hash, w.lower, false});
  }
  if (!surnames.empty()) {
    find_surnames();
    for (Candidate& c : cands) {
      if (!c.surname_check || c.weak) continue;
      const Token& w = tk[c.b];
      for (const Surname& x : surnames)
        if (x.hash == w.hash && x.lower == w.lower) c.weak = x.is;
    }
  }

  // "Sterling Heights, Michigan", "SEOUL, South Korea": a city or site and
  // the region or country that holds it become one candidate.
  for (size_t k = 0; k + 1 < cands.size(); ++k) {
    Candidate& a = cands[k];
    Candidate& q = cands[k + 1];
    if (a.dropped || a.weak || q.b != a.e + 1 || std::string_view(tk[a.e].norm) != "," ||
        tk[a.e].sentence != tk[q.b].sentence)
      continue;
    std::vector<const Place*>& inside = scratch.inside;
    std::vector<const Place*>& holders = scratch.holders;
    inside.clear();
    holders.clear();
    for (const Place* p : places_of(a)) {
      if (p->feature != PlaceFeature::kCity && p->feature != PlaceFeature::kSite) continue;
      for (const Place* h : places_of(q))
        if (Contains(p, h)) {
          if (std::find(inside.begin(), inside.end(), p) == inside.end()) inside.push_back(p);
          if (std::find(holders.begin(), holders.end(), h) == holders.end()) holders.push_back(h);
        }
    }
    if (inside.empty()) continue;
    // Appended, not in place: the pool's other ranges stay as they are.
    a.at = static_cast<uint32_t>(pool.size());
    a.count = static_cast<uint32_t>(inside.size());
    pool.insert(pool.end(), inside.begin(), inside.end());
    a.q_at = static_cast<uint32_t>(pool.size());
    a.q_count = static_cast<uint32_t>(holders.size());
    pool.insert(pool.end(), holders.begin(), holders.end());
    a.qb = q.b;
    a.qe = q.e;
    q.dropped = true;
  }
  for (Candidate& c : cands)
    if (c.weak) c.dropped = true;

  // The article's countries: actors, countries named, capitals.
  for (const Candidate& c : cands) {
    if (c.dropped) continue;
    // Only names that say their country without doubt, and not GeoNames
    // guesses, which would vouch for themselves.
    const Place* top = places_of(c).front();
    bool one_country = std::ranges::all_of(places_of(c), [&](const Place* p) {
      return p->source == PlaceSource::kGenerated || p->country() == top->country();  // GeoNames namesakes cannot win
    });
    if (one_country && (top->source != PlaceSource::kGenerated || top->is_capital || c.q_count != 0 || c.dateline))
      count_country(top->country());
  }
  // The most named country (the first of the most named): its entry, so
  // that a namesake's country found in the list is the dominant one when
  // its entry is this one (the list's codes are distinct).
  const CountryCount* dominant = nullptr;
  int best = 0;
  for (const CountryCount& e : country_count)
    if (e.count > best) { best = e.count; dominant = &e; }
  // First-level divisions named: an article names a few, so a list.
  std::vector<std::string_view>& admin1 = scratch.admin1;
  admin1.clear();
  auto note_admin1 = [&](std::string_view a) {
    if (!a.empty() && std::find(admin1.begin(), admin1.end(), a) == admin1.end()) admin1.push_back(a);
  };
  for (const Candidate& c : cands) {
    if (c.dropped) continue;
    for (const Place* p : qualifiers_of(c)) note_admin1(p->admin1());
    if (c.count == 1 && places_of(c).front()->feature == PlaceFeature::kRegion) note_admin1(places_of(c).front()->admin1());
  }

  // Pass 2: choose a namesake; drop unsupported GeoNames guesses.
  for (Candidate& c : cands) {
    if (c.dropped) continue;
    const Place* pick = nullptr;
    int pick_score = -1000;
    // The best prominence of a hand-kept or countries.tsv namesake, if any:
    // that one scores at least that much.
    bool any_kept = false;
    int kept_best = 0;
    for (const Place* o : places_of(c))
      if (o->source != PlaceSource::kGenerated) {
        kept_best = any_kept ? std::max<int>(kept_best, o->prominence) : o->prominence;
        any_kept = true;
      }
    // Context adds at most 15 + 10 + 5 to a GeoNames namesake outside the
    // named regions, which then loses 1000 (below) when a kept namesake
    // and no qualifier stand beside it: one that cannot reach the best
    // kept namesake's score is passed over before its country is sought.
    const bool hopeless_generated = any_kept && c.q_count == 0;
    for (const Place* p : places_of(c)) {
      if (hopeless_generated && p->source == PlaceSource::kGenerated && p->prominence + 30 - 1000 < kept_best &&
          (admin1.empty() || p->admin1().empty() || p->feature == PlaceFeature::kRegion))
        continue;
      int score = p->prominence;
      const std::string_view country = p->country();
      if (const CountryCount* e = country.empty() ? nullptr : find_country(country)) {
        score += 15;
        if (e == dominant) score += 10 + 5;
        if (e == dominant && p->source == PlaceSource::kPlaces) score += 10;
      }
      bool in_region = !p->admin1().empty() && p->feature != PlaceFeature::kRegion &&
                       std::find(admin1.begin(), admin1.end(), p->admin1()) != admin1.end();
      if (in_region) score += 30;
      // A GeoNames namesake beats a hand-kept or countries.tsv place only
      // with a qualifier or its region named ("London, Kentucky").
      if (p->source == PlaceSource::kGenerated && !in_region && c.q_count == 0 && any_kept) score -= 1000;
      if (score > pick_score) { pick = p; pick_score = score; }
    }
    if (!pick) continue;
    // A GeoNames place needs support: a qualifier or a dateline, or its
    // country named in the article and, for a town that is neither a
    // capital nor a division seat, "in", "at", "near", "from" ... before it.
    if (pick->source == PlaceSource::kGenerated && !c.dateline && c.q_count == 0) {
      if (!find_country(pick->country())) continue;
      if (pick->feature == PlaceFeature::kCity && !pick->is_capital && !pick->seat && !StrongLocative(c.prep)) continue;
    }
    const Place* qual = nullptr;
    for (const Place* h : qualifiers_of(c))
      if (Contains(pick, h) && (!qual || h->prominence > qual->prominence)) qual = h;

    Mention& m = doc->mentions.emplace_back();  // filled in place, not moved
    m.type = MentionType::kPlace;
    m.token_begin = c.b;
    m.token_end = c.qe ? c.qe : c.e;
    m.span = doc->TokenSpan(m.token_begin, m.token_end);
    bool caps = true;
    for (uint32_t k = c.b; k < c.e; ++k)
      if (CapWord(tk[k]) && !tk[k].has(kAllCaps)) caps = false;
    if (pick->source == PlaceSource::kGenerated && !caps)
      m.name.assign(doc->text(doc->TokenSpan(c.b, c.e)));  // "Dusseldorf" as written, not "Düsseldorf"; "Hwangju", not "Hwangju-ŭp"
    else
      m.name.assign(pick->name());
    if (qual) m.name.append(", ").append(qual->name());
    m.entity_type = pick->feature == PlaceFeature::kCountry ? EntityType::kCountry : EntityType::kLocation;
    m.country.assign(pick->country());
    m.lat = pick->lat;
    m.lon = pick->lon;
    m.feature = PlaceFeatureName(pick->feature);
    m.admin1.assign(pick->admin1());
    m.rule = pick->Rule();
  }
}

// The place words the resolve stage shares (declared in places.h).
std::string_view LocativePreposition(const Document& doc, uint32_t b, LocativeKind kind) {
  return LocativeBefore(doc, b, kind == LocativeKind::kCountry ? Kind::kCountry
                                : kind == LocativeKind::kSite  ? Kind::kSite
                                                               : Kind::kArea);
}
bool IsDatelineSentence(const Document& doc, uint32_t s) { return Sentences(doc).IsDateline(s); }

}  // namespace parley
