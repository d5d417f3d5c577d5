// parley: the Document, the one object every pipeline stage annotates.
//
// A Document owns an article's bytes exactly as read (UTF-8) and the
// annotations that stages add to it: tokens and sentences (segment), mentions
// of actors, places, dates and numbers (recognise), entities (track), quotes
// and counts, events (code), resolved dates and places (resolve). Every
// annotation points into the text with a byte Span, half-open [begin, end),
// so that `doc.text(span)` is always the exact text an annotation claims.
// Normalised forms (curly quotes straightened, dashes unified, Unicode NFKC,
// lower case) live on tokens; the text itself is never rewritten.
#ifndef PARLEY_DOCUMENT_H_
#define PARLEY_DOCUMENT_H_

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// Equality of two string views, always inlined, for all code in namespace
// parley (every file includes this header). The standard library's
// operator== tests the sizes and then calls string_view::compare, which GCC
// stops inlining into large functions once a file's inlining budget is
// spent (-fopt-info-inline-missed: "--param inline-unit-growth limit
// reached", CodeVerb, CodeNouns, NameByCue, RecognisePlaces, ...): each
// `word == "said"` there became an out-of-line call of about 41
// instructions, where an inlined compare of a known length is a load and a
// compare or two. Ordinary lookup finds this function from namespace parley
// and the namespaces inside it, and overload resolution prefers it to the
// standard library's templates (same conversions: the function that is no
// template wins), for string views, strings (converted to views) and
// literals alike; string == string and string == "literal" keep the
// standard operators, which match exactly. The result is the same.
[[gnu::always_inline]] constexpr bool operator==(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && (a.empty() || __builtin_memcmp(a.data(), b.data(), a.size()) == 0);
}

// Half-open byte range into Document::text().
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  bool contains(const Span& o) const { return begin <= o.begin && o.end <= end; }
  bool overlaps(const Span& o) const { return begin < o.end && o.begin < end; }
  friend bool operator==(const Span& a, const Span& b) { return a.begin == b.begin && a.end == b.end; }
};

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kSymbol };

// Parts of speech, coarse; filled by the tagger (src/code/tagger).
enum class Pos : uint8_t {
  kUnknown, kNoun, kProperNoun, kVerb, kAdj, kAdv, kDet, kPrep, kConj, kPron,
  kPossPron, kAux, kModal, kNeg, kNum, kTo, kWh, kParticle, kPossessive, kPunct,
};

// Token flags (bit set).
enum TokenFlag : uint16_t {
  kCapitalised = 1 << 0,     // first letter upper case ("Russia", "NATO")
  kAllCaps = 1 << 1,         // every letter upper case, at least two letters
  kSpaceBefore = 1 << 2,     // whitespace between this token and the previous one
  kNewlineBefore = 1 << 3,   // a line break in that whitespace
  kParagraphBefore = 1 << 4, // a blank line (or more) in that whitespace
  kAbbreviation = 1 << 5,    // a word with its own full stop ("Mr.", "U.S.")
  kOpenQuote = 1 << 6,       // a quotation mark that opens a quote
  kCloseQuote = 1 << 7,      // a quotation mark that closes a quote
  kHyphenated = 1 << 8,      // a word with an inner hyphen ("full-scale")
};

struct Token {
  Span span;              // bytes in Document::text()
  // Views of the Document's token_text (no string per token), valid while
  // the Document or a copy of it lives:
  std::string_view norm;  // NFKC text with ’ -> ', “” -> ", dashes -> -
  std::string_view lower; // norm, lower case
  TokenKind kind = TokenKind::kWord;
  Pos pos = Pos::kUnknown;
  uint16_t flags = 0;
  uint32_t sentence = 0;  // index into Document::sentences
  uint32_t hash = 0;      // hash of `lower` (StringTable's), for the per-token lookups
  // Id of `lower` in the vocabulary that numbered the Document
  // (Document::vocabulary; src/text/vocabulary.h): 0 = not numbered (look
  // it up by string), 1 = a word no table knows.
  uint32_t word = 0;
  bool has(TokenFlag f) const { return (flags & f) != 0; }
};

struct Sentence {
  Span span;
  uint32_t token_begin = 0;  // [token_begin, token_end) into Document::tokens
  uint32_t token_end = 0;
  bool headline = false;     // a title or dateline line, not running prose
  // A dateline: "TOKYO, April 11 -", or a bare place in capitals opening
  // the body ("CAIRO An Egyptian court ..."), split off by the segmenter.
  bool dateline = false;
};

enum class EntityType : uint8_t { kPerson, kOrg, kCountry, kLocation, kGroup };
const char* EntityTypeName(EntityType t);  // "PERSON", "ORG", ...

enum class MentionType : uint8_t { kActor, kPlace, kDate, kNumber };

// A date with its precision: day == 0 means month precision, month == 0 year.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  bool valid() const { return year != 0; }
  std::string ToString() const;  // "2025-05-16", "2025-05", "2022", "" if invalid
  // Parses "YYYY-MM-DD", "YYYY-MM" or "YYYY"; false (and *out untouched) otherwise.
  static bool Parse(std::string_view s, Date* out);
  // "day", "month", "year"; "" if invalid.
  const char* Precision() const { return !valid() ? "" : month == 0 ? "year" : day == 0 ? "month" : "day"; }
};

// Something a recogniser found in the text. Fields that do not apply to a
// mention's type stay empty.
struct Mention {
  MentionType type = MentionType::kActor;
  Span span;
  uint32_t token_begin = 0;  // [token_begin, token_end)
  uint32_t token_end = 0;
  // Actors and places.
  std::string name;          // canonical name ("Vladimir Putin", "Ukraine")
  // A known person's full name as the text spells it, where that is not
  // `name` ("Viktor Yanukovich" for Viktor Yanukovych); "" otherwise.
  std::string written;
  EntityType entity_type = EntityType::kCountry;
  std::string code;          // CAMEO actor code: "UKRGOV", "IGOUNO"
  std::string country;       // ISO 3166-1 alpha-3 or ""
  std::string roles;         // role blocks: "GOV", "MIL", "" for a country
  std::string title;         // the title as written: "Foreign Minister"
  bool metonym = false;      // a capital standing for its government
  bool pronoun = false;      // "he", "she": resolved to a person
  bool partisan = false;     // "pro-Russia rebels": a side, so not the article's country
  int entity = -1;           // index into Document::entities once tracked
  std::string rule;          // where it came from: "data/people.tsv:12"
  // Places.
  double lat = 0, lon = 0;
  std::string feature;       // "country", "region", "city", "site"
  std::string admin1;        // GeoNames first-level division ("US.TX"), "" if unknown
  // Dates.
  Date date;
  // Numbers.
  double number = 0;
};

struct Entity {
  std::string id;            // "e1"
  std::string name;
  EntityType type = EntityType::kCountry;
  std::string country;
  std::string role;          // the title as written ("Foreign Minister")
  std::string code;
  std::vector<Span> mentions;
  // How `country` is known: "text" (written in the article: "Russian
  // Foreign Minister"), "dictionary" (the person's or body's entry),
  // "article" (only guessed from the article's main country); "" when
  // `country` is empty.
  std::string country_basis;
  // LOCATION entities.
  std::optional<double> lat, lon;
  std::string feature;
};

struct Quote {
  std::string id;            // "q1"
  std::string speaker;       // as named ("Volodymyr Zelensky"), "" if unknown
  int speaker_entity = -1;
  int speaker_mention = -1;  // the mention the speaker was found at (doc.mentions), -1 if unknown
  std::string speaker_code;
  std::string text;          // the quoted words, without quotation marks
  Span span;                 // span of those words
};

struct Count {
  double number = 0;
  std::string what;
  std::string qualifier;     // "each", "at least", "about", ""
  Span span;
};

struct Actor {
  std::string code;
  std::string country;
  std::string role;          // role blocks ("GOV")
  int entity = -1;
  std::string text;          // as written
  Span span;
};

struct Location {
  std::string name;
  std::string country;
  double lat = 0, lon = 0;
  std::string feature;       // "country", "region", "city", "site"
  std::string admin1;        // GeoNames first-level division ("US.TX", "FR.11"), "" if unknown
};

// How an event's place was chosen (Event::location_basis), most direct first.
//   clause    a place in the event's own words or clause ("attacked ... in Aden")
//   sentence  a place named in the event's sentence without a preposition
//   story     the scene of the paragraph, or the story's place of action
//   dateline  only the city the story was filed from
// "" when the event has no place.

// Event status. Stored in the SQLite/PostgreSQL store as text.
enum class EventStatus : uint8_t { kOccurred, kPlanned, kHypothetical, kDenied };
const char* EventStatusName(EventStatus s);

struct Event {
  std::string id;            // "ev-" + hash(doc_id, span, cameo)
  uint32_t sentence = 0;
  Span span;                 // evidence span
  std::optional<Actor> source, target;
  std::string cameo;         // "111"
  std::string cameo_root;    // "11"
  int quad_class = 0;
  double goldstein = 0;
  std::string plover;        // "" = none
  bool negated = false;
  EventStatus status = EventStatus::kOccurred;
  Date date;
  std::string date_basis;    // "text", "publish_date", "" when no date
  std::optional<Location> location;
  std::string location_basis;  // "clause", "sentence", "story", "dateline"; "" without a location
  int quote = -1;            // index into Document::quotes
  std::string rule;          // "data/verbs.tsv:120 criticize+for"
  double confidence = 1.0;
  // Every place the article reports this same event, `span` first; empty
  // when it is reported once. A headline that restates the lead is one.
  std::vector<Span> mentions;
};

class Document {
 public:
  Document() = default;
  explicit Document(std::string text) : text_(std::move(text)) {}

  const std::string& text() const { return text_; }
  // Bytes of `s`; valid while this Document lives.
  // REQUIRES: s.begin <= s.end && s.end <= text().size()
  std::string_view text(Span s) const {
    assert(s.begin <= s.end && s.end <= text_.size());
    return std::string_view(text_).substr(s.begin, s.size());
  }
  void set_text(std::string t) {
    text_ = std::move(t);
    text_checked_ = false;
  }
  // Copies `t` into the storage the text has (kept by Reset), so that a
  // reused Document does not allocate its text per article.
  void assign_text(std::string_view t) {
    text_.assign(t.data(), t.size());
    text_checked_ = false;
  }
  // assign_text for a reader that has checked `t` as it decoded it: `t`
  // passes the pipeline's text check (CheckText, src/text/segment.h: valid
  // UTF-8, no control byte but tab, line feed, carriage return and form
  // feed), so that the pipeline need not read every byte again (issue 12,
  // item 14: UTF-8 validated once). A false claim would let binary data
  // through, so only a reader that checked every byte calls this.
  void assign_checked_text(std::string_view t) {
    text_.assign(t.data(), t.size());
    text_checked_ = true;
  }
  // True when the text came through assign_checked_text (and nothing has
  // set it since).
  bool text_checked() const { return text_checked_; }

  // Metadata echoed to the output.
  std::string doc_id;
  Date publish_date;
  std::optional<std::string> title, url, source;
  std::string error;  // "" = none

  // Annotations, in the order the stages add them.
  std::vector<Token> tokens;
  // The bytes the tokens' norm and lower views point into: one buffer per
  // article, written once by SegmentDocument; copies of the Document share
  // it, so their tokens stay valid.
  std::shared_ptr<const std::string> token_text;
  // Which vocabulary gave the tokens their `word` ids (its tag; 0 = none).
  uint64_t vocabulary = 0;
  std::vector<Sentence> sentences;
  std::vector<Mention> mentions;
  std::vector<Entity> entities;
  std::vector<Quote> quotes;
  std::vector<Count> counts;
  std::vector<Event> events;

  // Back to the state of a new Document (no text, metadata or
  // annotations) for the next article, keeping the storage of the token and
  // annotation lists and of token_text (when no copy shares it), so that a
  // Document reused across articles does not allocate them again (issue 12,
  // item 14). Storage beyond what an ordinary article needs (kKeepTokens
  // tokens) is freed: a Document that once held a huge article does not
  // keep its memory.
  void Reset();
  static constexpr size_t kKeepTokens = size_t{1} << 14;

  // Span covering tokens [b, e). REQUIRES: b < e <= tokens.size()
  Span TokenSpan(uint32_t b, uint32_t e) const { return Span{tokens[b].span.begin, tokens[e - 1].span.end}; }

 private:
  std::string text_;
  bool text_checked_ = false;  // see assign_checked_text
};

}  // namespace parley

#endif  // PARLEY_DOCUMENT_H_
