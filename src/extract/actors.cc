// Tested by tests/actors_test.cc.
#include "extract/actors.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "extract/word_classes.h"
#include "text/segment.h"
#include "text/wordset.h"

namespace parley {
namespace {

bool In(const WordSet& s, std::string_view w) { return s.contains(w); }
// Always inline, as WordSet::contains of a token is: a bit test at most uses.
[[gnu::always_inline]] inline bool In(const WordSet& s, const Token& t) { return s.contains(t); }

// Honorifics: a name follows, no role.
const WordSet kHonorifics = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
                                                     "mister", "madam", "sir", "dame", "lord", "lady", "sheikh"};
// Words before a place, not an actor ("in Moscow", "from Kyiv").
const WordSet kLocative = {"in", "at", "from", "to", "near", "outside", "inside", "into",
                                                   "across", "toward", "towards", "via", "around", "through",
                                                   "between", "of", "left", "reach",
                                                   "reached", "arrived", "flew", "returned", "where"};
// Lower-case words that may stand between a country and a role:
// "Russia's top negotiator", "Ukraine's chief negotiator".
const WordSet kRoleModifiers = {
    "chief", "top", "senior", "deputy", "former", "acting", "first", "vice", "new", "interim", "state", "federal",
    "national", "local", "regional", "leading", "prominent", "then", "outgoing", "incoming", "newly", "elected",
    "two", "three", "several", "some", "many", "few", "other", "own", "powerful", "main", "lead", "special",
    "unnamed", "anonymous", "high-ranking", "ranking", "retired", "exiled", "jailed", "detained", "armed",
    "young", "ordinary", "angry", "local", "military", "security", "government", "opposition", "foreign",
    "state-run", "ruling", "permanent", "assistant", "associate", "defense", "defence", "finance", "interior",
    "trade", "economy", "economic", "labour", "labor", "justice", "health", "education", "agriculture"};
// Both lists at once, for the test that rejects most tokens in Phrase().
const WordSet kHonorificsOrModifiers = [] {
  std::vector<std::string_view> words;
  kHonorifics.ForEach([&](std::string_view w) { words.push_back(w); });
  kRoleModifiers.ForEach([&](std::string_view w) { words.push_back(w); });
  return WordSet(words.begin(), words.end());
}();
// Capitalised words that do not start a personal name.
const WordSet kNotName = {
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his", "her",
    "their", "its", "our", "my", "but", "and", "or", "in", "on", "at", "for", "with", "by", "from", "as", "if",
    "when", "while", "after", "before", "despite", "however", "yet", "still", "so", "then", "there", "here",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow",
    "image", "media", "caption", "copyright", "photo", "reuters", "afp", "ap", "who", "what", "why", "how", "where",
    "analysis", "update", "breaking", "read", "more", "see", "also", "watch", "live", "news", "according",
    "some", "many", "most", "all", "both", "one", "two", "three", "no", "not", "new", "old", "north", "south",
    "east", "west", "central", "northern", "southern", "eastern", "western", "democratic", "republican",
    "while", "although", "though", "since", "until", "during", "under", "over", "about", "against"};
// Last words of names of places and bodies, not people ("Dolmabahce Palace").
const WordSet kNotPersonHead = {
    "palace", "party", "council", "union", "street", "square", "ministry", "army", "bank", "club", "committee",
    "university", "house", "office", "court", "church", "agency", "news", "times", "post", "herald", "group",
    "company", "corp", "inc", "ltd", "co", "airport", "hospital", "city", "province", "state", "region",
    "county", "district", "island", "islands", "river", "sea", "gulf", "strait", "mountains", "valley",
    "program", "programme", "institute", "foundation", "association", "commission", "department", "service",
    "force", "forces", "navy", "guard", "police", "front", "movement", "alliance", "coalition", "republic",
    "kingdom", "federation", "assembly", "parliament", "congress", "senate", "organization", "organisation",
    "centre", "center", "hall", "stadium", "hotel", "summit", "conference", "games", "cup", "prize", "award",
    "day", "eve", "week", "year", "election", "elections", "campaign", "fund", "exchange", "market", "index",
    "times", "journal", "tribune", "television", "radio", "network", "tv", "press", "daily", "weekly"};
// Verbs of speech: a capitalised pair before one is a person.
const WordSet kSpeechVerbs = {
    "said", "says", "told", "tells", "added", "adds", "warned", "warns", "stated", "noted", "insisted", "argued",
    "claimed", "declared", "announced", "explained", "wrote", "asked", "replied", "urged", "called", "accused",
    "criticized", "criticised", "denied", "confirmed", "acknowledged", "admitted", "stressed", "emphasized"};

// Words that open a sentence as adverbs, never as the first part of a name:
// "Later Moon criticized Japan" is Moon. Any common word ending in "-ly"
// counts too ("Separately", "Eventually").
const WordSet kOpeners = {
    "later", "earlier", "meanwhile", "then", "now", "next", "last", "instead", "also", "still", "yet", "thus",
    "hence", "overall", "besides", "again", "soon", "afterwards", "afterward", "elsewhere", "further",
    "furthermore", "moreover", "nevertheless", "nonetheless", "otherwise", "likewise", "today", "tonight",
    "yesterday", "tomorrow", "already", "once", "first", "second", "finally", "previously", "recently"};
// Lower-case particles that open a hyphenated part of an Arabic or Hebrew
// name: "al-Sadr", "el-Sisi", "bin-Laden", "ben-Ami".
const WordSet kNameParticles = {"al", "el", "ad", "as", "ash", "at", "ar", "az", "an", "ed", "ud", "ul",
                                "bin", "ben", "ibn", "abu", "abd", "bint"};
// Lower-case particles between the words of a name: "Osama bin Laden",
// "Ursula von der Leyen" (NameRun).
const WordSet kInnerParticles = {"bin", "al", "de", "van", "von", "da", "del", "la", "le", "abu"};

// The last words of a body's name that UnknownOrganisation knows, with
// the role each gives ("Dockers Federation"). `generic` heads name any
// kind of body: a role noun inside the name decides ("Dockers Federation"
// is a union, "Journalists Association" the media's).
struct OrgHead {
  const char* word;
  const char* code;
  bool generic;
};
const OrgHead kOrgHeads[] = {
    {"company", "BUS", false},        {"corp", "BUS", false},          {"corporation", "BUS", false},
    {"inc", "BUS", false},            {"ltd", "BUS", false},           {"llc", "BUS", false},
    {"plc", "BUS", false},            {"group", "BUS", false},         {"holdings", "BUS", false},
    {"bank", "BUS", false},           {"airlines", "BUS", false},      {"airways", "BUS", false},
    {"airline", "BUS", false},        {"industries", "BUS", false},    {"enterprises", "BUS", false},
    {"motors", "BUS", false},         {"petroleum", "BUS", false},     {"pharmaceuticals", "BUS", false},
    {"insurance", "BUS", false},      {"telecom", "BUS", false},       {"foundation", "NGO", false},
    {"association", "NGO", true},     {"society", "NGO", true},        {"institute", "NGO", false},
    {"watch", "NGO", false},          {"forum", "NGO", true},          {"trust", "NGO", false},
    {"federation", "NGO", true},      {"confederation", "NGO", true},  {"league", "NGO", true},
    {"party", "PTY", false},          {"university", "EDU", false},    {"college", "EDU", false},
    {"hospital", "HLH", false},       {"church", "REL", false},        {"union", "LAB", true},
    {"agency", "GOV", false},         {"authority", "GOV", false},     {"bureau", "GOV", false},
    {"directorate", "GOV", false},    {"command", "MIL", false},       {"brigade", "REB", false},
    {"brigades", "REB", false}};

// The heads' words, in kOrgHeads' order (their index is the head's).
const WordSet kOrgHeadWords = [] {
  std::vector<std::string_view> words;
  for (const OrgHead& h : kOrgHeads) words.push_back(h.word);
  return WordSet(words.begin(), words.end());
}();

// The same words, each also with a full stop ("Inc.", "Ltd."): a sentence
// with none of them names no such body, tested by one bit per token.
const WordSet kOrgHeadsAnyDot = [] {
  std::vector<std::string> words;
  for (const OrgHead& h : kOrgHeads) {
    words.emplace_back(h.word);
    words.push_back(std::string(h.word) + ".");
  }
  return WordSet(words.begin(), words.end());
}();

// Three closed lists the actors test per token, as one byte per word id
// (WordClasses, bit k for the k-th list: the ActorWord bits): one load
// instead of the closed-list table's row. An entry kAskText is a word only
// its text tells: entry 0, a token not numbered.
enum ActorWord : uint8_t {
  kHonorificOrModifierWord = 1,  // kHonorificsOrModifiers
  kNotNameWord = 2,              // kNotName
  kOrgHeadWord = 4,              // kOrgHeadsAnyDot
  kAskText = 0xff,               // (every bit: a loop testing one stops there)
};
const WordClasses kActorClasses = {&kHonorificsOrModifiers, &kNotName, &kOrgHeadsAnyDot};

// The table by word id for one article's tokens, and its length (an id
// from there on is in no list). Without a table no vocabulary was made
// yet (the lists are made at start-up, before any, so the vocabularies
// number them), so no token is numbered: entry 0 alone.
struct ActorWordTable {
  const uint8_t* by_id;
  uint32_t n;
};
ActorWordTable ActorWordsById() {
  static constexpr uint8_t kAskOnly[1] = {kAskText};
  const WordClasses::View v = kActorClasses.Get();
  if (!v.by_id()) return {kAskOnly, 1};
  return {v.by_id(), v.past()};
}

struct Hit {
  uint32_t b = 0, e = 0;
  const NameRefs* refs = nullptr;
  bool after_title = false;  // right after a title ("President obama")
  // Bit k set: some reference of kind k passes NameOk (FindHits sets it;
  // all bits for a hit made elsewhere, so Ref then looks at every one).
  uint8_t ok_kinds = 0xff;
};

// "data/" + a rule's place ("countries.tsv:12"), taken as a view: a
// dictionary's LexStr is not first copied into a string of its own.
std::string FileLine(std::string_view rule) {
  std::string s;
  s.reserve(5 + rule.size());
  s += "data/";
  s += rule;
  return s;
}

// The rule of a phrase's base, kept as views until a mention takes it:
// "data/" + a dictionary's place, then " (-suffix)" for a hyphenated base
// ("Hamas-led": " (-led)"); empty when there is no base.
struct BaseRule {
  std::string_view file, suffix;
  bool set = false;
  bool empty() const { return !set; }
  void AppendTo(std::string* out) const {
    if (!set) return;
    *out += "data/";
    *out += file;
    if (!suffix.empty()) {
      *out += " (-";
      *out += suffix;
      *out += ')';
    }
  }
  std::string Text() const {
    std::string s;
    AppendTo(&s);
    return s;
  }
};

// "pro-Russia", "anti-government": a modifier naming a side, not a country.
bool Partisan(std::string_view lower) { return lower.substr(0, 4) == "pro-" || lower.substr(0, 5) == "anti-"; }

// Role blocks of a body named by a common noun: a company (BUS), a union
// or workers (LAB), farmers (AGR), a charity or NGO, a rights or
// environmental group (HRI, ENV), the media (MED), a school (EDU), a
// hospital (HLH), a church (REL), a party (PTY).
bool BodyRole(std::string_view code) {
  static const std::string_view kBody[] = {"BUS", "LAB", "AGR", "NGO", "HRI", "ENV", "MED",
                                           "EDU", "HLH", "REL", "PTY", "OPPPTY", "GOVPTY"};
  for (std::string_view c : kBody)
    if (code == c) return true;
  return false;
}

// std::hash of a string, taking a view: the same value for the same bytes.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// An organisation the article named that no dictionary lists ("Acme
// Mining Company", "Metrovias, the private firm ...") or an acronym the
// article defined for one ("... Federation of Miners (FOM)"): later
// mentions of the same words are the same body.
// Its name, code, roles, country and rule are kept in one string (one
// copy of the mention's five, mostly short, into storage it keeps when
// noted again), at the ends `end` gives.
struct ArticleOrg {
  std::string text;  // name, code, roles, country and rule, one after another
  uint32_t end[5] = {};
  EntityType type = EntityType::kOrg;
  std::string_view Part(int k) const {
    const uint32_t b = k == 0 ? 0 : end[k - 1];
    return std::string_view(text).substr(b, end[k] - b);
  }
  std::string_view name() const { return Part(0); }
  std::string_view code() const { return Part(1); }
  std::string_view roles() const { return Part(2); }
  std::string_view country() const { return Part(3); }
  std::string_view rule() const { return Part(4); }
  void Set(const Mention& m) {
    const std::string* parts[5] = {&m.name, &m.code, &m.roles, &m.country, &m.rule};
    size_t n = 0;
    for (const std::string* p : parts) n += p->size();
    text.resize(n);
    char* d = text.data();
    uint32_t at = 0;
    for (int k = 0; k < 5; ++k) {
      if (!parts[k]->empty()) std::memcpy(d + at, parts[k]->data(), parts[k]->size());
      at += static_cast<uint32_t>(parts[k]->size());
      end[k] = at;
    }
    type = m.entity_type;
  }
};
struct ArticleOrgs {
  // Keyed by the name's lower-case tokens joined with ' '.
  std::unordered_map<std::string, ArticleOrg, ViewHash, std::equal_to<>> by_name;
  int max_tokens = 0;
  // Token::hash of each name's first token: a token none of them opens
  // starts no known name, with no key to build (checked per capitalised
  // token; an article names few such bodies).
  std::vector<uint32_t> first_hashes;
  // Bit (hash & 63) of each of those hashes: most tokens are rejected by
  // their bit, before the list is searched.
  uint64_t first_bits = 0;
  bool MayOpen(uint32_t hash) const { return (first_bits >> (hash & 63)) & 1; }
};

// The words an article's surname and first-name maps hold, by the low
// bits of Token::hash (a word's hash is that of its lower-case form): a
// token whose bit is clear is in neither, with no string to hash.
struct NameKeyBits {
  uint64_t bits[16] = {};
  void Add(const Token& t) { bits[(t.hash >> 6) & 15] |= uint64_t{1} << (t.hash & 63); }
  bool MayHave(const Token& t) const { return (bits[(t.hash >> 6) & 15] >> (t.hash & 63)) & 1; }
};

class SentenceActors {
 public:
  // Keyed by a token's lower form, found by its view (no string per lookup).
  using NameMap = std::unordered_map<std::string, std::pair<std::string, std::string>, ViewHash, std::equal_to<>>;
  // `words`: ActorWordsById(), which the caller finds once an article.
  SentenceActors(const Lexicon& lex, Document* doc, const Sentence& s, NameMap* surnames, NameMap* given,
                 ArticleOrgs* orgs, ActorWordTable words)
      : lex_(lex), doc_(doc), tk_(doc->tokens.data()), s_(s), surnames_(surnames), given_(given), orgs_(orgs),
        words_(words.by_id), words_n_(words.n) {}

  // Before an article's first sentence: no token starts a hit yet (one
  // fill for the article, not one per sentence).
  static void StartArticle(const Document& doc) { ThreadBuffers().hit_at.assign(doc.tokens.size(), -1); }

  void Run() {
    FindHits();
    const Token* const tk = tk_;
    const uint32_t end = s_.token_end;
    for (uint32_t i = s_.token_begin; i < end;) {
      // Most tokens start no phrase: lower case, no dictionary name, not
      // hyphenated, no honorific or modifier (Phrase's first test, here
      // without the call). They are passed over in a loop of its own, with
      // what it reads in registers (it stores nothing).
      // (One flags test for both capitals and hyphens; a word past the
      // table's end is in no closed list. What the loop stops at for less
      // than its full test, a hyphenated token that is no word or a token
      // not numbered, is settled by the exact tests after it.)
      {
        const int* const hit_index = hit_index_;
        const uint32_t first = hit_first_;
        const uint8_t* const words = words_;
        const uint32_t words_n = words_n_;
        while (i < end && !(tk[i].flags & (kCapitalised | kHyphenated)) && hit_index[i - first] < 0 &&
               !(tk[i].word < words_n && (words[tk[i].word] & kHonorificOrModifierWord)))
          ++i;
        if (i == end) break;
      }
      if (const Token& t = tk[i]; !t.has(kCapitalised) && hit_index_[i - hit_first_] < 0) {
        // The loop's full test: no hyphenated word, no honorific or modifier.
        if (!(t.kind == TokenKind::kWord && t.has(kHyphenated)) && !HonorificOrModifier(t)) {
          ++i;
          continue;
        }
        // A lower-case honorific, modifier or hyphenated word that is no
        // name's part (no dictionary name at it) opens a phrase only as
        // BasePhrase's step 2 reads it; otherwise Phrase returns i having
        // done nothing (ModifierOpensPhrase).
        if ((!t.has(kHyphenated) || (t.kind == TokenKind::kWord && !HyphenName(t))) && !ModifierOpensPhrase(i)) {
          ++i;
          continue;
        }
      }
      // A capitalised word with no dictionary name that Phrase can prove
      // to name nothing from itself and the next token (most of them).
      if (tk[i].has(kCapitalised) && hit_index_[i - hit_first_] < 0 && NamesNothing(i)) {
        ++i;
        continue;
      }
      uint32_t next = Phrase(i);
      // "Acme Mining Company (AMC)": the acronym is noted, not a second mention.
      if (next > i && NoteAcronym(next)) next += 3;
      i = next > i ? next : i + 1;
    }
    // The passes over the sentence's mentions, each only where it can
    // change one: Appositions and SharedHeads pair a mention with the
    // next, DescribedNationality and NationalityNounBefore give a country
    // to a person with none.
    const auto& ms = doc_->mentions;
    if (ms.size() >= first_mention_ + 2) {
      Appositions();
      SharedHeads();
    }
    bool stateless_person = false;
    for (size_t a = first_mention_; a < ms.size(); ++a)
      if (ms[a].type == MentionType::kActor && ms[a].entity_type == EntityType::kPerson && ms[a].country.empty() &&
          !ms[a].pronoun)
        stateless_person = true;
    if (stateless_person) {
      DescribedNationality();
      NationalityNounBefore();
    }
  }

 private:
  // A list's bit of t's word by the word table (ActorWordsById); a word
  // the table marks kAskText is looked up in `set` by its text. A word
  // past the table's end is in none of the lists.
  [[gnu::always_inline]] bool WordIs(const Token& t, ActorWord bit, const WordSet& set) const {
    if (t.word >= words_n_) return false;
    const uint8_t b = words_[t.word];
    if (b == kAskText) [[unlikely]]
      return In(set, t);
    return b & bit;
  }
  [[gnu::always_inline]] bool HonorificOrModifier(const Token& t) const {
    return WordIs(t, kHonorificOrModifierWord, kHonorificsOrModifiers);
  }
  // Inlined: most tokens are rejected by the first two tests.
  [[gnu::always_inline]] bool IsNameToken(const Token& t) const {
    return t.kind == TokenKind::kWord && t.has(kCapitalised) && !WordIs(t, kNotNameWord, kNotName) &&
           t.norm.size() > 1 && t.norm[0] != '\'';
  }

  // For a lower-case honorific or role modifier at i with no dictionary name
  // and no hyphen, or a lower-case hyphenated word that HyphenName rejects
  // ("state-owned", not "al-Sadr"): Phrase(i) can find something only when
  // BasePhrase's step 2 takes it in, as an honorific before a name word
  // ("mr Smith") or as up to two modifiers before a role ("senior
  // officials", "pro-government militias"). Without either no base, role
  // or title starts at i (steps 0 to 3c need one; step 0 a capital), the
  // word is no surname met before (a name word) and step 4 (NameByCue)
  // finds nothing at a word that is neither capitalised nor a name's
  // hyphenated part: Phrase returns i and changes nothing. The tests are
  // step 2's own, at j = i.
  bool ModifierOpensPhrase(uint32_t i) const {
    if (In(kHonorifics, tk_[i]) && i + 1 < s_.token_end && IsNameToken(tk_[i + 1])) return true;
    const uint32_t k = ModifiersEnd(i);
    return k > i && Ref(HitAt(k), {NameRef::kRole});
  }

  // The end of up to two role modifiers from j ("senior", "pro-Russian"):
  // words with no dictionary name that are modifiers or lower-case (or
  // partisan) hyphenated words; j when there is none.
  uint32_t ModifiersEnd(uint32_t j) const {
    uint32_t k = j;
    while (k < s_.token_end && k < j + 2 && !HitAt(k) &&
           (In(kRoleModifiers, tk_[k]) ||
            (tk_[k].kind == TokenKind::kWord && tk_[k].has(kHyphenated) &&
             (!tk_[k].has(kCapitalised) || Partisan(tk_[k].lower)))))
      ++k;
    return k;
  }

  // Dictionary names, longest first, that respect capitalisation.
  void FindHits() {
    hits_.clear();
    // hit_at_ holds -1 for every token of the article (StartArticle) and
    // a sentence sets only its own tokens' entries.
    hit_first_ = s_.token_begin;
    hit_count_ = s_.token_end - s_.token_begin;
    hit_index_ = hit_at_.data() + s_.token_begin;
    const Token* const tk = tk_;
    const Lexicon& lex = lex_;
    const uint32_t end = s_.token_end;
    // The lexicon's name facts by word id (one byte a word); null without a
    // vocabulary, and a token not numbered asks by its text.
    const uint8_t* const facts = lex.name_facts();
    for (uint32_t i = s_.token_begin; i < end;) {
      // Most tokens open no name: passed over in a loop of their own, which
      // stores nothing (so what it reads stays in registers), by one byte
      // of name facts each. A token that opens only longer names, before a
      // word no name of several words has after its first ("prime" before
      // "rates"), and is no name alone, is passed over too (NoNameAt).
      // (Entry 0, a token not numbered, has kOpensName: the exact test
      // below asks by its text.)
      if (facts)
        while (i < end && !(facts[tk[i].word] & Lexicon::kOpensName)) ++i;
      if (i == end) break;
      {
        const uint8_t f = facts && tk[i].word != 0 ? facts[tk[i].word] : lex.NameFactsOf(tk[i]);
        if (!(f & Lexicon::kOpensName) || tk[i].kind == TokenKind::kPunct || NoNameAt(i, f)) {
          ++i;
          continue;
        }
      }
      const Token& t = tk_[i];
      const int maxn = lex.MaxNameTokens(t);
      bool found = false;
      int top = std::min<int>(maxn, static_cast<int>(s_.token_end - i));
      // A name of n tokens has a word of some longer name at each place
      // after its first: no key to build past a token that is none.
      for (int k = 1; k < top; ++k)
        if (!lex_.MayContinueName(tk_[i + k])) {
          top = k;
          break;
        }
      // No name of several words starts with these two words (both known,
      // neither holding a space, so that a key's first two words are
      // theirs): only the token alone is looked up.
      if (top >= 2 && facts) {
        const uint32_t a = t.word, b = tk_[i + 1].word;
        if (a > kUnknownWord && b > kUnknownWord && !((facts[a] | facts[b]) & Lexicon::kHasSpace) &&
            !lex.MayStartPair(a, b))
          top = 1;
      }
      if (top >= 2) {
        // One key for the longest candidate; shorter ones are its prefixes
        // (a name of one token is looked up by the token itself).
        // (Sized once, then copied into: no append call per token.)
        size_t len = t.lower.size();
        for (int k = 1; k < top; ++k) len += 1 + tk_[i + k].lower.size();
        key_.resize(len);
        key_end_.resize(static_cast<size_t>(top));
        char* d = key_.data();
        if (!t.lower.empty()) std::memcpy(d, t.lower.data(), t.lower.size());
        size_t at = t.lower.size();
        key_end_[0] = at;
        for (int k = 1; k < top; ++k) {
          const std::string_view w = tk_[i + k].lower;
          d[at++] = ' ';
          if (!w.empty()) std::memcpy(d + at, w.data(), w.size());
          at += w.size();
          key_end_[static_cast<size_t>(k)] = at;
        }
      }
      for (int n = top; n >= 1 && !found; --n) {
        const auto* refs = n == 1 ? lex_.FindName(t) : lex_.FindName(std::string_view(key_).substr(0, key_end_[n - 1]));
        if (!refs) continue;
        // Keep only refs whose case rules hold.
        bool name_ok = t.has(kCapitalised) || t.kind == TokenKind::kNumber || ArticleThenCapital(t);
        // The capitals test of a case-sensitive name, made only when one of
        // the refs is such a name (most are not): -1 = not made yet.
        int caps_ok = -1;
        // After a title a known person's name may be written in lower case
        // ("President obama" in careless copy).
        bool after_title = false;
        if (!hits_.empty() && hits_.back().e == i)
          for (auto& r : *hits_.back().refs)
            if (r.kind == NameRef::kRole && lex_.roles()[r.index].kind == RoleKind::kTitle) after_title = true;
        bool any = false;
        for (auto& r : *refs) {
          if (r.kind == NameRef::kRole) any = true;
          else if (r.case_sensitive ? CapsOk(i, i + static_cast<uint32_t>(n), &caps_ok) : name_ok) any = true;
          else if (after_title && r.kind == NameRef::kPerson) any = true;
        }
        if (!any) continue;
        Hit h{i, i + static_cast<uint32_t>(n), refs, after_title, 0};
        // NameOk of each ref, with the tests above made once for the hit.
        for (const NameRef& r : *refs)
          if (r.kind == NameRef::kRole ||
              (r.case_sensitive ? CapsOk(h.b, h.e, &caps_ok)
                                : name_ok || (r.kind == NameRef::kPerson && after_title)))
            h.ok_kinds |= static_cast<uint8_t>(1u << r.kind);
        hit_at_[i] = static_cast<int>(hits_.size());
        hits_.push_back(h);
        i += static_cast<uint32_t>(n);
        found = true;
      }
      if (!found) ++i;
    }
  }

  // No name starts at i, a token that opens some name (its NameFact bits
  // `f`): only a one-token name may (it opens no longer one, i is the
  // sentence's last token or the next token is no later word of any name:
  // FindHits' longest candidate would be one token) and i alone is none.
  [[gnu::always_inline]] bool NoNameAt(uint32_t i, uint8_t f) const {
    return !(f & Lexicon::kNameAlone) &&
           (!(f & Lexicon::kOpensLonger) || i + 1 >= s_.token_end || !lex_.MayContinueName(tk_[i + 1]));
  }

  // Every word of tokens [b, e) is written in capitals, is one letter or
  // holds a full stop ("U.S."): a case-sensitive name may be there.
  // *known caches the answer (-1 = not known) for the refs of one hit.
  bool CapsOk(uint32_t b, uint32_t e, int* known) const {
    if (*known < 0) {
      *known = 1;
      for (uint32_t k = b; k < e; ++k)
        if (tk_[k].kind == TokenKind::kWord && !(tk_[k].has(kAllCaps) || tk_[k].norm.size() == 1 ||
                                                 tk_[k].norm.find('.') != std::string::npos)) {
          *known = 0;
          break;
        }
    }
    return *known == 1;
  }

  // The hit starting at token i, if any (null outside the sentence: one
  // unsigned comparison tests both ends).
  const Hit* HitAt(uint32_t i) const {
    const uint32_t k = i - hit_first_;
    if (k >= hit_count_) return nullptr;
    const int h = hit_index_[k];
    return h < 0 ? nullptr : hits_.data() + h;
  }

  bool NameOk(const Hit& h, const NameRef& r) const {
    if (r.kind == NameRef::kRole) return true;
    const Token& t = tk_[h.b];
    if (r.case_sensitive) {
      int known = -1;
      return CapsOk(h.b, h.e, &known);
    }
    return t.has(kCapitalised) || t.kind == TokenKind::kNumber || (r.kind == NameRef::kPerson && h.after_title) ||
           ArticleThenCapital(t);
  }

  // "al-Maliki", "el-Sisi": an Arabic article in lower case, then a capital.
  static bool ArticleThenCapital(const Token& t) {
    const std::string_view w = t.norm;
    return w.size() > 4 && (w.compare(0, 3, "al-") == 0 || w.compare(0, 3, "el-") == 0) && w[3] >= 'A' && w[3] <= 'Z';
  }

  // The first reference of h, by the order of `kinds`, of one of those
  // kinds that passes NameOk; null when none (or no h). Most calls are
  // answered by the hit's mask of such kinds without reading the list.
  // Always inline: the mask of `kinds` is then a constant.
  [[gnu::always_inline]] const NameRef* Ref(const Hit* h, std::initializer_list<NameRef::Kind> kinds) const {
    if (!h) return nullptr;
    unsigned want = 0;
    for (auto k : kinds) want |= 1u << k;
    if (!(h->ok_kinds & want)) return nullptr;
    return RefIn(*h, kinds);
  }
  [[gnu::noinline]] const NameRef* RefIn(const Hit& hit, std::initializer_list<NameRef::Kind> kinds) const {
    const Hit* h = &hit;
    for (auto k : kinds)
      for (auto& r : *h->refs)
        if (r.kind == k && NameOk(*h, r)) return &r;
    return nullptr;
  }

  // A one-word alias followed by another name word is someone else's first
  // name: "Clinton Mandioper" is not Hillary Clinton.
  bool FirstNameOnly(const Hit& h) const {
    return h.e == h.b + 1 && h.e < s_.token_end && IsNameToken(tk_[h.e]) && !HitAt(h.e);
  }

  // A hyphenated word that can be part of a name: "Jae-in", "Kwok-hung",
  // "Jean-Michel", "Ben-Shabbat", "al-Sadr"; not "Moscow-backed",
  // "Russia-Ukraine", "Pro-Western" (a part is a dictionary name or an
  // English word of five letters or more; short ones like "hung", "chi",
  // "in" are common in transliterated names).
  bool HyphenName(const Token& t) const {
    if (t.kind != TokenKind::kWord || t.has(kAllCaps)) return false;
    std::string_view w = t.lower;
    size_t dash = w.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 >= w.size()) return false;
    bool particle_first = kNameParticles.contains(w.substr(0, dash));
    if (!t.has(kCapitalised) && !particle_first) return false;
    for (size_t b = 0; b <= w.size();) {
      size_t e = w.find('-', b);
      if (e == std::string_view::npos) e = w.size();
      std::string_view part = w.substr(b, e - b);
      if (part.empty()) return false;
      if (kNameParticles.contains(part)) {
        b = e + 1;
        continue;
      }
      if (part.size() >= 5 && lex_.IsCommonWord(part)) return false;
      if (const auto* refs = lex_.FindName(part))
        for (const NameRef& r : *refs)
          if (r.kind == NameRef::kCountry || r.kind == NameRef::kDemonym || r.kind == NameRef::kCapital) return false;
      b = e + 1;
    }
    return true;
  }

  // A word that may be part of a personal name.
  [[gnu::always_inline]] bool NameWord(uint32_t j) const {
    const Token& t = tk_[j];
    if (t.has(kHyphenated)) return HyphenName(t) && !In(kNotName, t);
    return IsNameToken(t) && !Opener(j);
  }

  // A capitalised word one to five tokens after i may end a body's name
  // (kOrgHeadsAnyDot): UnknownOrganisation reads at most six words from i.
  bool OrgHeadNear(uint32_t i) const {
    const uint32_t bound = std::min(i + 6, s_.token_end);
    return org_heads_.Next(i + 1, bound, [this](uint32_t k) {
      return tk_[k].has(kCapitalised) && WordIs(tk_[k], kOrgHeadWord, kOrgHeadsAnyDot);
    }) < bound;
  }

  // The first token in [k, bound) that passes a test, or `bound`:
  // remembered with the first place searched, so that the calls of one
  // sentence, which mostly move forward, read each token about once (no
  // token from `from` to `at` passes; the one at `at` does when
  // `at_passes`). A search reads no further than its caller's bound (the
  // callers ask for a few tokens after k, one test the same all sentence
  // long); a later call with a further bound goes on from `at`.
  struct NextToken {
    uint32_t from = 1, at = 0;  // none known yet
    bool at_passes = false;
    template <typename Test>
    uint32_t Next(uint32_t k, uint32_t bound, Test test) {
      if (from <= k && k <= at) [[likely]] {
        if (at_passes || at >= bound) return std::min(at, bound);
        return Search(at, bound, test);  // none in [from, at): go on
      }
      from = k;
      return Search(k, bound, test);
    }
    template <typename Test>
    [[gnu::noinline]] uint32_t Search(uint32_t p, uint32_t bound, Test test) {
      while (p < bound && !test(p)) ++p;
      at = p;
      at_passes = p < bound;
      return p;
    }
  };

  // "Later", "Separately" opening a sentence: an adverb, not a name part.
  // The sentence's first word is found, and tested, once.
  bool Opener(uint32_t j) const {
    if (opener_known_ && j > opener_first_) return false;  // most calls, without a call
    return OpenerAt(j);
  }
  [[gnu::noinline]] bool OpenerAt(uint32_t j) const {
    if (!opener_known_) {
      uint32_t first = s_.token_begin;
      while (first < s_.token_end && tk_[first].kind == TokenKind::kPunct) ++first;
      opener_first_ = first;
      opener_ = first < s_.token_end && OpenerWord(first);
      opener_known_ = true;
    }
    if (j > opener_first_) return false;
    if (j == opener_first_ && j < s_.token_end) return opener_;
    return OpenerWord(j);  // only punctuation before it
  }
  bool OpenerWord(uint32_t j) const {
    std::string_view w = tk_[j].lower;
    if (kOpeners.contains(tk_[j])) return true;
    // An adverb in "-ly" from an English word ("Separately", "Happily");
    // not a name like "Kelly" or "Beverly".
    if (w.size() <= 5 || w.compare(w.size() - 2, 2, "ly") != 0) return false;
    std::string_view stem = w.substr(0, w.size() - 2);
    if (lex_.IsCommonWord(w) || lex_.IsCommonWord(stem)) return true;
    return stem.back() == 'i' && lex_.IsCommonWord(std::string(stem.substr(0, stem.size() - 1)) + "y");
  }

  // A run of capitalised name tokens from i (at most 4); returns its end.
  uint32_t NameRun(uint32_t i) const {
    uint32_t j = i;
    while (j < s_.token_end && j < i + 4) {
      const Token& t = tk_[j];
      if (NameWord(j) && (!HitAt(j) || (j == i && Ref(HitAt(j), {NameRef::kPerson}) && FirstNameOnly(*HitAt(j))))) {
        ++j;
        continue;
      }
      // A compass word ending a name after a name word: "Oliver North"
      // (not "the North Atlantic": a capitalised word follows).
      if (j > i && t.has(kCapitalised) && !HitAt(j) &&
          (t.lower == "north" || t.lower == "south" || t.lower == "east" || t.lower == "west") &&
          (j + 1 >= s_.token_end || !tk_[j + 1].has(kCapitalised))) {
        ++j;
        break;
      }
      // A capitalised role word ending a name: "Jean-Michel Priest".
      if (j > i && IsNameToken(t) && Ref(HitAt(j), {NameRef::kRole}) && HitAt(j)->e == j + 1 &&
          (j + 1 >= s_.token_end || !IsNameToken(tk_[j + 1]))) {
        ++j;
        break;
      }
      // Particles inside names: "bin", "al", "de", "van", "von", "da" (kInnerParticles).
      // (The particle's bit first: most words are none.)
      if (j > i && j + 1 < s_.token_end && kInnerParticles.contains(t) && IsNameToken(tk_[j + 1])) {
        ++j;
        continue;
      }
      break;
    }
    if (j > i && In(kNotPersonHead, tk_[j - 1])) return i;
    return j;
  }

  // For a capitalised token i with no dictionary name: true when Phrase(i)
  // returns i having changed nothing, by Phrase's own steps in order:
  // - not "North"/"South" (TheNorthOrSouth) and no body the article named
  //   opens with its word (ArticleOrgAt: the bit of its hash is clear);
  // - no name word, honorific or modifier: Phrase's first exit; or
  // - an opener ("Later"): its second exit; or
  // - a plain name word (no hyphen, honorific or modifier; not a name met
  //   before, by its bit) goes to NameByCue, which finds nothing when no
  //   mention ends at i and the next token is neither capitalised,
  //   hyphenated, a particle, a dictionary name nor "&", nor a comma
  //   before "a", "an" or "the": then AppositionOrganisation's name is i
  //   alone with no description after it,
  //   UnknownOrganisation's capitalised run is i alone (shorter than two
  //   words) and NameRun's test of the next token fails.
  // Anything else (false) is left to Phrase. What is called here keeps
  // only caches (Opener's first word).
  bool NamesNothing(uint32_t i) const {
    const Token& t = tk_[i];
    if (t.lower.size() == 5 && (t.lower == "north" || t.lower == "south")) return false;
    if (!orgs_->first_hashes.empty() && orgs_->MayOpen(t.hash)) return false;
    const bool name = IsNameToken(t);
    if (!name) return !HonorificOrModifier(t);
    if (Opener(i)) return true;
    if (name_bits_->MayHave(t) || t.has(kHyphenated) || HonorificOrModifier(t)) return false;
    // (A mention ending at i first: AppositionOrganisation may take a
    // description before i even at the sentence's last token.)
    if (doc_->mentions.size() > first_mention_ && doc_->mentions.back().token_end == i) return false;
    if (i + 1 >= s_.token_end) return true;
    const Token& nx = tk_[i + 1];
    if ((nx.flags & (kCapitalised | kHyphenated)) || hit_index_[i + 1 - hit_first_] >= 0 || nx.norm == "&" ||
        kInnerParticles.contains(nx))
      return false;
    // "Acme, a dairy company": an apposition needs "a", "an" or "the"
    // right after the comma.
    if (nx.norm == "," && i + 2 < s_.token_end) {
      const std::string_view w = tk_[i + 2].lower;
      return w != "a" && w != "an" && w != "the";
    }
    return true;
  }

  // Builds one actor phrase starting at i; returns the token after it (or i).
  uint32_t Phrase(uint32_t i) {
    // "the North", "the South": the North or South X the article named
    // last ("Seoul protested. The North fired a missile": North Korea).
    // (Both tests below are called only for a capitalised word that may
    // pass them: "North"/"South", or one while the article named a body.)
    if (tk_[i].has(kCapitalised) && tk_[i].lower.size() == 5)
      if (uint32_t e = TheNorthOrSouth(i); e > i) return e;
    // A body the article named before ("Acme" after "Acme, a mining
    // company,"; "FOM" after "Federation of Miners (FOM)").
    if (!orgs_->first_hashes.empty() && tk_[i].has(kCapitalised))
      if (uint32_t e = ArticleOrgAt(i); e > i) return e;
    // "Kenya Airways", "Baghdad Operations Command": a country, demonym or
    // capital opening the capitalised name of an unknown body.
    if (Ref(HitAt(i), {NameRef::kCountry, NameRef::kDemonym, NameRef::kCapital}))
      if (uint32_t e = UnknownOrganisation(i); e > i) return e;
    // Most tokens start no phrase: no dictionary name, not a capitalised
    // name word, no honorific, no modifier before a role.
    {
      const Token& t = tk_[i];
      if (!HitAt(i) && !IsNameToken(t) && !HonorificOrModifier(t) &&
          !(t.kind == TokenKind::kWord && t.has(kHyphenated) && !t.has(kCapitalised)))
        return i;
      if (!HitAt(i) && Opener(i)) return i;
    }
    const uint32_t j = i;
    const Hit* h = HitAt(j);
    // Single capitalised token matching an unknown person met earlier (a
    // word in neither map, by its bit, is none: tested first).
    if (!h && name_bits_->MayHave(tk_[j]) && (IsNameToken(tk_[j]) || HyphenName(tk_[j])) &&
        !(j + 1 < s_.token_end && NameWord(j + 1))) {
      // (An empty map is not searched: that would hash the word.)
      auto it = surnames_->empty() ? surnames_->end() : surnames_->find(tk_[j].lower);
      const char* how = "surname of ";
      if (it == surnames_->end()) {
        it = given_->empty() ? given_->end() : given_->find(tk_[j].lower);
        how = "first name part of ";
        if (it != given_->end() && it->second.first.empty()) it = given_->end();  // shared by two people
        if (it == given_->end()) it = surnames_->end();
      }
      if (it != surnames_->end()) {
        Mention& m = AddMention(j, j + 1);
        m.name = it->second.first;
        m.entity_type = EntityType::kPerson;
        m.code = it->second.second;
        m.country = CountryOfCode(m.code);
        m.roles = m.code.size() > 3 ? m.code.substr(3) : "";
        m.rule = how + m.name;
        return j + 1;
      }
    }
    // No dictionary name, no hyphen, no honorific or modifier: no base,
    // role or title can start here (steps 0 to 3c need one), so only
    // step 4 may find something.
    if (!h && !tk_[j].has(kHyphenated) && !HonorificOrModifier(tk_[j])) return NameByCue(i);
    return BasePhrase(i, h);
  }

  // Phrase from step 0 on, for a token i with a dictionary name (h), a
  // hyphen, an honorific or a modifier. Out of line: the tests above turn
  // most tokens away without the frame this part needs.
  [[gnu::noinline]] uint32_t BasePhrase(uint32_t i, const Hit* h) {
    struct {
      bool has_base = false;  // a country or body sets its code
    } b;
    uint32_t j = i;
    // Views of the lexicon's strings and the text: a string is made only
    // for a mention kept (most calls keep none or one).
    std::string_view country, base_code, name, title_text;
    BaseRule rule;
    EntityType etype = EntityType::kCountry;
    bool metonym = false, capital = false, demonym = false;
    // 0. "Vietnamese-led forces", "US-led coalition": the leading country;
    //    "a Dubai-based group", "a Panama-flagged tanker", "Scotland-born Ms
    //    Fraser": the country of the place. Not "-backed": a backer is
    //    another party ("Iran-backed rebels").
    if (!h && tk_[j].has(kHyphenated) && tk_[j].has(kCapitalised)) {
      std::string_view w = tk_[j].lower;
      size_t dash = w.rfind('-');
      std::string_view suffix = dash == std::string_view::npos ? std::string_view() : w.substr(dash + 1);
      bool led = suffix == "led" || suffix == "run" || suffix == "controlled";
      // "Houthi-run state news agency", "Hamas-led government": the group
      // in charge is the actor.
      if (led)
        if (const auto* refs = lex_.FindName(w.substr(0, dash)))
          for (const NameRef& r : *refs)
            if (r.kind == NameRef::kOrg) {
              const Organisation& o = lex_.organisations()[r.index];
              if (o.type != EntityType::kGroup) continue;
              base_code = o.code;
              name = o.name;
              rule = {o.rule, suffix, true};
              etype = EntityType::kGroup;
              country = CountryViewOfCode(o.code);
              b.has_base = true;
              ++j;
              break;
            }
      if (!b.has_base && (led || suffix == "based" || suffix == "flagged" || suffix == "born" ||
                          suffix == "registered")) {
        if (const auto* refs = lex_.FindName(w.substr(0, dash)))
          for (const NameRef& r : *refs)
            if (r.kind == NameRef::kCountry || r.kind == NameRef::kDemonym ||
                (!led && r.kind == NameRef::kCapital)) {
              const Country& c = lex_.countries()[r.index];
              country = c.iso3;
              base_code = c.cameo;
              name = c.name;
              rule = {c.rule, suffix, true};
              b.has_base = true;
              ++j;
              break;
            }
      }
    }
    // "Latin America", "a South American bloc", "Central American leaders":
    // a region of the continent, not the United States.
    if (h && i > s_.token_begin && tk_[i - 1].has(kCapitalised))
      if (const NameRef* r = Ref(h, {NameRef::kCountry, NameRef::kDemonym})) {
        static const WordSet kRegion = {"latin", "central", "pan", "south", "north"};
        std::string_view prev = tk_[i - 1].lower;
        bool continent = lex_.countries()[r->index].iso3 == "USA" &&
                         (tk_[i].lower == "america" || tk_[i].lower == "american" || tk_[i].lower == "americans");
        if (continent && In(kRegion, prev)) return h->e;
        if (prev == "latin" || prev == "pan") return h->e;  // "Latin Europe", "pan-Arab" written apart
      }
    // 1. Base: a country, demonym, capital, body or person.
    if (const NameRef* r = Ref(h, {NameRef::kPerson}); r && !FirstNameOnly(*h)) {
      return PersonPhrase(i, *h, *r, "", "");
    }
    if (const NameRef* r = b.has_base ? nullptr : Ref(h, {NameRef::kCountry, NameRef::kDemonym, NameRef::kCapital,
                                                        NameRef::kIgo, NameRef::kOrg})) {
      b.has_base = true;
      switch (r->kind) {
        case NameRef::kCountry:
        case NameRef::kDemonym:
        case NameRef::kCapital: {
          const Country& c = lex_.countries()[r->index];
          country = c.iso3;
          base_code = c.cameo;
          name = c.name;
          rule = {c.rule, {}, true};
          capital = r->kind == NameRef::kCapital;
          demonym = r->kind == NameRef::kDemonym;
          etype = EntityType::kCountry;
          break;
        }
        case NameRef::kIgo: {
          const Organisation& o = lex_.igos()[r->index];
          base_code = o.code;
          name = o.name;
          rule = {o.rule, {}, true};
          etype = EntityType::kOrg;
          break;
        }
        default: {
          const Organisation& o = lex_.organisations()[r->index];
          base_code = o.code;
          name = o.name;
          rule = {o.rule, {}, true};
          etype = o.type;
          country = CountryViewOfCode(o.code);
          break;
        }
      }
      j = h->e;
      if (j < s_.token_end && (tk_[j].lower == "'s" || tk_[j].norm == "'")) ++j;
      // "Russia's UN ambassador", "the French EU envoy": a country's
      // delegate to a body is the country's, the body names the post.
      if (!country.empty() && etype == EntityType::kCountry && j + 1 < s_.token_end && Ref(HitAt(j), {NameRef::kIgo}) &&
          Ref(HitAt(HitAt(j)->e), {NameRef::kRole}))
        j = HitAt(j)->e;
    }
    // 2. Modifiers and roles.
    // (The thread's buffer: nothing BasePhrase calls comes back here.)
    std::vector<const Role*>& roles = buffers_.roles;
    roles.clear();
    uint32_t roles_begin = j, roles_end = j;
    bool honorific = false, started = false, partisan = false;
    for (;;) {
      if (j >= s_.token_end) break;
      const Hit* rh = HitAt(j);
      if (const NameRef* rr = Ref(rh, {NameRef::kRole})) {
        if (!started) roles_begin = j;
        started = true;
        roles.push_back(&lex_.roles()[rr->index]);
        j = rh->e;
        roles_end = j;
        continue;
      }
      if (In(kHonorifics, tk_[j]) && j + 1 < s_.token_end && IsNameToken(tk_[j + 1])) {
        honorific = true;
        if (roles.empty()) roles_begin = j;
        ++j;
        roles_end = j;
        break;
      }
      // Up to two modifiers, only when a role follows.
      uint32_t k = ModifiersEnd(j);
      if (k > j && Ref(HitAt(k), {NameRef::kRole})) {
        if (!started) roles_begin = j;
        started = true;
        for (uint32_t q = j; q < k; ++q)
          if (Partisan(tk_[q].lower)) partisan = true;
        j = k;
        continue;
      }
      break;
    }
    if (!roles.empty() || honorific) title_text = doc_->text(doc_->TokenSpan(roles_begin, roles_end));
    // "President of Russia", "the prosecutor of Nice", "dissidents from
    // military-ruled Myanmar"; "leaders of Egypt's Muslim Brotherhood" are
    // the Brotherhood's.
    //     "the opposition leader inside Belarus", "police in Baghdad": a
    //     role in a country or its capital is that country's; "officials
    //     in the ICC", "staff at the World Bank": a role in a body is the
    //     body's ("at" a country is only where they were).
    if (!b.has_base && !roles.empty() && j + 1 < s_.token_end &&
        (tk_[j].lower == "of" || tk_[j].lower == "from" || tk_[j].lower == "in" || tk_[j].lower == "inside" ||
         tk_[j].lower == "at")) {
      uint32_t k = j + 1;
      if (tk_[k].lower == "the" && k + 1 < s_.token_end) ++k;
      while (k + 1 < s_.token_end && k < j + 4 && !HitAt(k) && tk_[k].kind == TokenKind::kWord &&
             tk_[k].has(kHyphenated) && !tk_[k].has(kCapitalised))
        ++k;
      const Hit* ch = HitAt(k);
      const NameRef* r = Ref(ch, {NameRef::kCountry, NameRef::kCapital, NameRef::kDemonym});
      const NameRef* org = nullptr;
      uint32_t after = ch ? ch->e : k;
      if (r && after + 1 < s_.token_end && (tk_[after].lower == "'s" || tk_[after].norm == "'"))
        org = Ref(HitAt(after + 1), {NameRef::kOrg, NameRef::kIgo});
      else if (!r && tk_[j].lower != "from")  // "officials in the ICC", "staff at the World Bank"
        org = Ref(ch, {NameRef::kOrg, NameRef::kIgo});
      if (!org && tk_[j].lower == "at") r = nullptr;  // "at" + a country: a place, not whose
      if (org) {
        const Hit* oh = r ? HitAt(after + 1) : ch;
        const Organisation& o = org->kind == NameRef::kIgo ? lex_.igos()[org->index]
                                                            : lex_.organisations()[org->index];
        Mention m = NewMention(i, oh->e);
        m.code = o.code;
        m.country = CountryOfCode(o.code);
        m.roles = JoinRoles(roles);
        m.name = o.name;
        m.title = std::string(doc_->text(doc_->TokenSpan(roles_begin, roles_end)));
        m.entity_type = o.type == EntityType::kCountry ? EntityType::kOrg : o.type;
        m.rule = FileLine(roles.back()->rule) + " + of " + FileLine(o.rule);
        doc_->mentions.push_back(std::move(m));
        return oh->e;
      }
      bool in = tk_[j].lower == "in" || tk_[j].lower == "inside";
      if (in && r && r->kind == NameRef::kCapital && ch->e == k + 1 && ch->e < s_.token_end &&
          (tk_[ch->e].lower == "'s" || IsNameToken(tk_[ch->e])))
        r = nullptr;  // "in Moscow's ..." names something else
      if (r && (r->kind != NameRef::kDemonym)) {
        const Country& c = lex_.countries()[r->index];
        country = c.iso3;
        base_code = c.cameo;
        rule = {c.rule, {}, true};
        b.has_base = true;
        j = ch->e;
      }
    }
    // "U.S. Ambassador to Thailand William Brown", "envoy to the U.N. Jane
    // Roe": the post's complement stands between the title and the name;
    // the person is the title's country's, not the complement's.
    if (!roles.empty() && roles.back()->kind != RoleKind::kGroup && j + 2 < s_.token_end &&
        (tk_[j].lower == "to" || tk_[j].lower == "for")) {
      uint32_t k = j + 1;
      if (tk_[k].lower == "the" && k + 1 < s_.token_end) ++k;
      const Hit* ch = HitAt(k);
      if (Ref(ch, {NameRef::kCountry, NameRef::kCapital, NameRef::kIgo}) && ch->e < s_.token_end &&
          (NameRun(ch->e) >= ch->e + 2 || Ref(HitAt(ch->e), {NameRef::kPerson}))) {
        j = ch->e;
        roles_end = j;
        title_text = doc_->text(doc_->TokenSpan(roles_begin, roles_end));
      }
    }
    // 3. A name after a title: known person or capitalised run.
    bool has_title = honorific;
    for (auto* r : roles)
      if (r->kind == RoleKind::kTitle) has_title = true;
    // "the cleric Moktada al-Sadr", "lecturer Shabir Khan": a role naming
    // one person, then a name of words that are not English words.
    bool person_role = !roles.empty() && roles.back()->kind == RoleKind::kPerson;
    if (j < s_.token_end && (has_title || (!roles.empty() && b.has_base) || person_role)) {
      const Hit* nh = HitAt(j);
      if (const NameRef* pr = Ref(nh, {NameRef::kPerson}); pr && !FirstNameOnly(*nh))
        return PersonPhrase(i, *nh, *pr, country, title_text, &roles);
      uint32_t e = NameRun(j);
      // "Lord Justice May", "Judge April Smith": after a title a month's
      // name is a name, unless a day follows ("President May 5").
      if (e == j && has_title && tk_[j].has(kCapitalised) && !HitAt(j) &&
          (tk_[j].lower == "may" || tk_[j].lower == "june" || tk_[j].lower == "april" || tk_[j].lower == "august") &&
          !(j + 1 < s_.token_end && tk_[j + 1].kind == TokenKind::kNumber)) {
        e = j + 1;
        if (e < s_.token_end && NameWord(e) && !HitAt(e)) ++e;
      }
      // "Ukrainian military pilot Nadiya Savchenko": a description or two
      // between a country's role and a name.
      if (e == j && b.has_base && !roles.empty()) {
        uint32_t k = j;
        while (k < j + 2 && k + 1 < s_.token_end && !HitAt(k) && IsDescriptor(tk_[k])) ++k;
        uint32_t ke = k > j ? NameRun(k) : k;
        if (ke >= k + 2 && ke <= k + 3 && PlainName(k, ke)) {
          std::string full(doc_->text(doc_->TokenSpan(k, ke)));
          return UnknownPerson(i, k, ke, full, roles, country, base_code, title_text, rule.Text());
        }
      }
      // A first name before a known surname: "leader Viktor Yanukovich";
      // another first name is another person of that name.
      if (e > j && e < j + 3 && e < s_.token_end)
        if (const NameRef* pr = Ref(HitAt(e), {NameRef::kPerson}); pr && HitAt(e)->e == e + 1) {
          if (FirstNameFits(j, *pr)) return PersonPhrase(i, *HitAt(e), *pr, country, title_text);
          std::string full(doc_->text(doc_->TokenSpan(j, e + 1)));
          return UnknownPerson(i, j, e + 1, full, roles, country, base_code, title_text, rule.Text());
        }
      // "Mr Kalomiris", "Minister Kalomiris" after "Health Minister Petros
      // Kalomiris": a title or honorific before the surname of a person met
      // earlier is that person, with the office the first mention gave.
      if (e == j + 1 && has_title && !b.has_base)
        if (auto it = surnames_->find(tk_[j].lower); it != surnames_->end() && !it->second.first.empty()) {
          Mention m = NewMention(i, e);
          m.name = it->second.first;
          m.entity_type = EntityType::kPerson;
          m.title = title_text;
          m.code = it->second.second.empty() ? JoinRoles(roles) : it->second.second;
          m.country = CountryOfCode(m.code);
          m.roles = m.code.size() > 3 && !m.country.empty() ? m.code.substr(3) : (m.country.empty() ? m.code : "");
          m.rule = "surname of " + m.name + " after a title";
          doc_->mentions.push_back(std::move(m));
          return e;
        }
      bool plain = has_title || (!roles.empty() && b.has_base) || (e >= j + 2 && PlainName(j, e));
      if (e > j && plain && (has_title || e - j >= 2)) {
        std::string full(doc_->text(doc_->TokenSpan(j, e)));
        return UnknownPerson(i, j, e, full, roles, country, base_code, title_text, rule.Text());
      }
    }
    // 3b. "Palestinian teen Ahed Tamimi", "Chinese dissident Liu Xiaobo": a
    //     nationality, one plain noun, then a name.
    //     Up to three descriptions ("Ukrainian military pilot Nadiya
    //     Savchenko"), or none after a nationality noun ("Briton Jane
    //     Fraser").
    if (demonym && roles.empty() && !honorific && j + 1 < s_.token_end &&
        !(tk_[j - 1].lower == "'s" || tk_[j - 1].norm == "'")) {
      uint32_t k = j;
      while (k < j + 3 && k + 1 < s_.token_end && !HitAt(k) && (IsDescriptor(tk_[k]) || In(kRoleModifiers, tk_[k])))
        ++k;
      const Hit* nh = HitAt(k);
      if (k > j)
        if (const NameRef* pr = Ref(nh, {NameRef::kPerson}); pr && !FirstNameOnly(*nh))
          return PersonPhrase(i, *nh, *pr, country, "");
      uint32_t e = NameRun(k);
      if (e >= k + 2 && e <= k + 3 && PlainName(k, e)) {
        std::string full(doc_->text(doc_->TokenSpan(k, e)));
        return UnknownPerson(i, k, e, full, {}, country, base_code, "", rule.Text());
      }
    }
    // 3c. "the BBC's Anna Novak", "Poland's Jan Kowalczyk": a person named
    //     after a body's or a country's possessive is that body's or
    //     country's, not the article's main country's.
    if (b.has_base && roles.empty() && !honorific && !metonym && j > i && j + 1 < s_.token_end &&
        (tk_[j - 1].lower == "'s" || tk_[j - 1].norm == "'")) {
      // The possessive is the cue: one word that is no English word ("Maria
      // Kowalczyk") will do, not a run of common words ("Coast Guard").
      uint32_t e = NameRun(j);
      uint32_t common = 0;
      for (uint32_t k = j; k < e; ++k)
        if (tk_[k].has(kAllCaps) || (tk_[k].norm.size() > 2 && lex_.IsCommonWord(tk_[k].lower))) ++common;
      if (e >= j + 2 && e <= j + 3 && common < e - j) {
        std::string full(doc_->text(doc_->TokenSpan(j, e)));
        return UnknownPerson(i, j, e, full, {}, country, base_code, "", rule.Text());
      }
    }
    // 4. An unknown person or body (NameByCue).
    if (!b.has_base && roles.empty() && !honorific) return NameByCue(i);
    if (!b.has_base && roles.empty()) return i;
    if (!b.has_base && !honorific && !BareRoleIsActor(i, j, roles)) return j;
    // 5. A country/body with or without roles, or roles alone.
    std::string role_codes = JoinRoles(roles);
    // A dateline naming a country ("KUWAIT, June 2 -"): where the story was
    // filed, no actor.
    if (b.has_base && roles.empty() && !capital && !demonym && etype == EntityType::kCountry && s_.headline &&
        i == s_.token_begin && tk_[i].has(kAllCaps) && j < s_.token_end && tk_[j].norm == ",") {
      if (dateline_ && dateline_->empty()) *dateline_ = country;
      return j;
    }
    if (b.has_base && roles.empty() && capital) {
      // A capital is the government only when it acts, not after "in"/"from".
      bool locative = i > s_.token_begin && In(kLocative, tk_[i - 1]);
      if (locative) return j;
      // A dateline ("TOKYO, April 11 -") names where the story was filed.
      if (s_.headline && tk_[i].has(kAllCaps)) {
        if (dateline_ && dateline_->empty()) *dateline_ = country;
        return j;
      }
      // Before a name it is an attribute, the country: "the Beijing Olympics".
      bool attribute = j < s_.token_end && IsNameToken(tk_[j]) && !HitAt(j);
      metonym = !attribute;
      if (metonym) role_codes = "GOV";
    }
    Mention& m = AddMention(i, j);
    m.country = country;
    m.roles = role_codes;
    m.partisan = partisan && !b.has_base;
    m.title = title_text;
    m.metonym = metonym;
    if (!roles.empty()) {
      m.rule = FileLine(roles.back()->rule);
      if (!rule.empty()) {
        m.rule += " + ";
        rule.AppendTo(&m.rule);
      }
    } else {
      rule.AppendTo(&m.rule);
    }
    if (etype == EntityType::kOrg || etype == EntityType::kGroup) {
      m.code = base_code;
      m.name = name;
      m.entity_type = etype;
    } else if (b.has_base) {
      m.code = AddRoles(base_code, role_codes);
      m.name = roles.empty() ? name : doc_->text(m.span);
      m.entity_type = roles.empty() && !metonym ? EntityType::kCountry : EntityType::kGroup;
      if (metonym) m.name = lex_.FindCountry(country)->capital;
    } else {
      // Roles alone ("police", "the president"): country inferred later.
      m.code = role_codes;
      m.name = std::string(doc_->text(m.span));
      bool person = roles.back()->kind != RoleKind::kGroup;
      m.entity_type = person ? EntityType::kPerson : EntityType::kGroup;
    }
    return j;
  }

  // Step 4 of Phrase, for a token i that opens no base, role or title: an
  // unknown person named by a speech verb or apposition ("Knox Chitiyo,
  // associate fellow ..., warned", "Nicole Calisti said"), or a body no
  // dictionary lists. Returns its end or i.
  uint32_t NameByCue(uint32_t i) {
    if (MayBeApposition(i))
      if (uint32_t e = AppositionOrganisation(i); e > i) return e;
    if (OrgHeadNear(i))
      if (uint32_t e = UnknownOrganisation(i); e > i) return e;
    // NameRun goes past i + 1 only through a capitalised, hyphenated or
    // particle word there; without one the run ends at i + 1 at most, and
    // only a known person at i + 1 makes a name of it (the first test
    // below): no run to read otherwise. (Nor at the sentence's last token.)
    if (i + 1 >= s_.token_end) return i;
    if (const Token& nx = tk_[i + 1]; !nx.has(kCapitalised) && !nx.has(kHyphenated) && !kInnerParticles.contains(nx) &&
                                      !Ref(HitAt(i + 1), {NameRef::kPerson}))
      return i;
    uint32_t e = NameRun(i);
    // First names before a known surname: "Nuri Kamal Maliki" is Nouri
    // al-Maliki; "Ivanka Trump" is not Donald Trump but someone else.
    // (The person at e first: PlainName looks words up.)
    if (e > i && e < i + 3 && e < s_.token_end)
      if (const NameRef* pr = Ref(HitAt(e), {NameRef::kPerson}); pr && HitAt(e)->e == e + 1 && PlainName(i, e)) {
        if (FirstNameFits(i, *pr)) return PersonPhrase(i, *HitAt(e), *pr, "", "");
        std::string full(doc_->text(doc_->TokenSpan(i, e + 1)));
        return UnknownPerson(i, i, e + 1, full, {}, "", "", "", "");
      }
    if (e >= i + 2) {
      bool cue = false;
      if (e < s_.token_end && In(kSpeechVerbs, tk_[e])) cue = true;
      if (e < s_.token_end && tk_[e].norm == ",")
        for (uint32_t k = e + 1; k < s_.token_end && k < e + 6; ++k)
          if (Ref(HitAt(k), {NameRef::kRole})) { cue = true; break; }
      if (e + 1 < s_.token_end && tk_[e].norm == "," && In(kSpeechVerbs, tk_[e + 1])) cue = true;
      // "Nadiya Savchenko, 35,": an age in commas; "Shabir Khan, a lecturer
      // in the English department, said": an apposition, then speech.
      if (e + 2 < s_.token_end && tk_[e].norm == "," && tk_[e + 1].kind == TokenKind::kNumber &&
          tk_[e + 2].norm == ",")
        cue = true;
      if (e + 1 < s_.token_end && tk_[e].norm == "," && (tk_[e + 1].lower == "a" || tk_[e + 1].lower == "an"))
        for (uint32_t k = e + 2; k + 1 < s_.token_end && k < e + 14; ++k)
          if (tk_[k].norm == ",") {
            if (In(kSpeechVerbs, tk_[k + 1])) cue = true;
            break;
          }
      // Apposition after a role phrase: "Russia's top negotiator, Vladimir Medinsky".
      if (i >= s_.token_begin + 2 && tk_[i - 1].norm == "," && !doc_->mentions.empty() &&
          doc_->mentions.size() > first_mention_) {
        const Mention& prev = doc_->mentions.back();
        if (prev.token_end == i - 1 && !prev.roles.empty() && prev.entity_type != EntityType::kPerson) cue = true;
      }
      if (i >= s_.token_begin + 2 && (tk_[i - 1].lower == "by" || tk_[i - 1].lower == "to") &&
          Ref(HitAt(i - 2), {NameRef::kRole}))
        cue = true;
      if (i > s_.token_begin && In(kSpeechVerbs, tk_[i - 1])) cue = true;
      // "named Jane Roe as its chief executive", "appointed John Doe as
      // envoy": the one appointed is a person, whatever the words.
      static const WordSet kAppoint = {"named", "appointed", "elected", "nominated", "chose", "picked", "hired"};
      if (i > s_.token_begin && In(kAppoint, tk_[i - 1]) && e <= i + 3 && e < s_.token_end && tk_[e].lower == "as")
        cue = true;
      // No cue: a pair of capitalised words that are not English words
      // ("Felipe Massa", "Qadoura Fares") is taken for a name.
      if (!cue && e <= i + 3) cue = PlainName(i, e);
      if (cue) {
        std::string full(doc_->text(doc_->TokenSpan(i, e)));
        return UnknownPerson(i, i, e, full, {}, "", "", "", "");
      }
    }
    return i;
  }

  // An organisation missing from the dictionaries, known by its capitalised
  // name and the word that ends it: "Short Brothers Company", "Royal Bank
  // of Scotland", "Human Rights Watch", "National Bank of Ukraine" (the
  // country after "of" is its country), "Open Society Foundation". A
  // country, demonym or capital may open the name ("Kenya Airways",
  // "Chilean Miners Federation", "Baghdad Operations Command"): the body is
  // that country's. Its country is the one it names, else the article's;
  // returns its end or i. (Callers test OrgHeadNear(i) first, as it does.)
  uint32_t UnknownOrganisation(uint32_t i) {
    // The head word gives the role block (data/README.md, "Organisations
    // found in the text"). No capitalised head word near i: no
    // such body (the loop below finds its head among capitalised words,
    // one to five tokens after i).
    if (!OrgHeadNear(i)) return i;
    static const WordSet kOrgWords = {"democratic", "republican", "north", "south", "east", "west", "central",
                                      "northern", "southern", "eastern", "western", "new", "national", "united",
                                      "free", "human"};
    auto word_ok = [&](uint32_t k) {
      const Token& t = tk_[k];
      if (t.kind != TokenKind::kWord || !t.has(kCapitalised)) return false;
      if (In(kNotName, t) && !kOrgWords.contains(t)) return false;
      const Hit* h = HitAt(k);
      return !h || (h->e == k + 1 && Ref(h, {NameRef::kRole}) && !Ref(h, {NameRef::kCountry, NameRef::kDemonym}));
    };
    std::string country;
    uint32_t j = i;
    if (const Hit* lead = HitAt(i)) {
      const NameRef* r = Ref(lead, {NameRef::kCountry, NameRef::kDemonym, NameRef::kCapital});
      // After "in"/"from" a capital is where, and its next words another name.
      if (!r || lead->b != i || (r->kind == NameRef::kCapital && i > s_.token_begin && In(kLocative, tk_[i - 1])))
        return i;
      country = lex_.countries()[r->index].iso3;
      j = lead->e;
      if (j >= s_.token_end || !word_ok(j) || HitAt(j)) return i;  // a plain word must follow: not "Russian Army"
    } else if (Opener(i) || !word_ok(i)) {
      return i;
    }
    const OrgHead* head = nullptr;
    uint32_t end = i;
    while (j < s_.token_end && j < i + 6 && word_ok(j)) {
      std::string_view w = tk_[j].lower;
      const bool dot = w.size() > 2 && w.back() == '.';
      if (dot) w.remove_suffix(1);  // "Inc.", "Ltd."
      if (const int h = dot ? kOrgHeadWords.Find(w) : kOrgHeadWords.Find(tk_[j]); h >= 0) {  // the heads' words are distinct
        head = &kOrgHeads[h];
        end = j + 1;
      }
      ++j;
    }
    if (!head || end < i + 2 || end != j) return i;
    std::string code = head->code;
    if (head->generic)
      for (uint32_t k = i; k + 1 < end; ++k)
        if (const NameRef* r = Ref(HitAt(k), {NameRef::kRole})) {
          const Role& role = lex_.roles()[r->index];
          if (role.kind == RoleKind::kGroup && BodyRole(role.code)) code = std::string(role.code);
        }
    // "the Norwegian firm Fjordmet Company": the description's country.
    if (const Mention* d = DescriptionBefore(i); d && country.empty()) country = d->country;
    // "National Bank of Ukraine": the country it names.
    if (country.empty() && end + 1 < s_.token_end && tk_[end].lower == "of")
      if (const NameRef* r = Ref(HitAt(end + 1), {NameRef::kCountry}); r && HitAt(end + 1)->b == end + 1) {
        country = lex_.countries()[r->index].iso3;
        end = HitAt(end + 1)->e;
      }
    // "the Kenya Airways flight": the name of a thing the body owns, not an
    // actor ("Kenya Airways flights" and "Kenya Airways warns" may be either:
    // a word in -s is left as a verb).
    if (NounAfter(end) && tk_[end].lower.back() != 's') return end;
    Mention& m = AddMention(i, end);
    m.name = doc_->text(m.span);
    m.entity_type = EntityType::kOrg;
    m.roles = code;
    m.country = country;
    if (country.empty()) {
      m.code = code;
    } else {  // the country's CAMEO code, then the body's
      const std::string_view cameo = lex_.FindCountry(country)->cameo;
      m.code.reserve(cameo.size() + code.size());
      m.code = cameo;
      m.code += code;
    }
    // Made in place: no string for each part.
    static constexpr std::string_view kRule = "organisation: capitalised name ending in \"";
    const std::string_view head_word = tk_[j - 1].norm;
    m.rule.reserve(kRule.size() + head_word.size() + 1);
    m.rule = kRule;
    m.rule += head_word;
    m.rule += '"';
    NoteOrg(i, end, m);
    return end;
  }

  // The mention right before i when it describes one body by a role noun
  // ("the Norwegian firm", "the opposition party"), else null.
  const Mention* DescriptionBefore(uint32_t i) const {
    if (doc_->mentions.size() <= first_mention_) return nullptr;
    const Mention& d = doc_->mentions.back();
    if (d.token_end != i || d.type != MentionType::kActor || d.entity_type == EntityType::kPerson ||
        d.entity_type == EntityType::kCountry || !BodyRole(d.roles) || d.name != doc_->text(d.span))
      return nullptr;
    std::string_view head = tk_[i - 1].lower;
    if (head.back() == 's' && head != "airlines" && head != "airways") return nullptr;  // "companies Acme and ..."
    return &d;
  }

  // Remembers a body the article named, for later mentions of the same
  // words (tokens [b, e)) or of its acronym.
  void NoteOrg(uint32_t b, uint32_t e, const Mention& m) {
    if (e <= b || e - b > 8) return;
    thread_local std::string key;  // its storage kept from one call to the next
    key.clear();
    for (uint32_t k = b; k < e; ++k) {
      if (k > b) key += ' ';
      key += tk_[k].lower;
    }
    // A name noted before takes the new values in the strings it has.
    orgs_->by_name.try_emplace(key).first->second.Set(m);
    if (std::find(orgs_->first_hashes.begin(), orgs_->first_hashes.end(), tk_[b].hash) == orgs_->first_hashes.end())
    {
      orgs_->first_hashes.push_back(tk_[b].hash);
      orgs_->first_bits |= uint64_t{1} << (tk_[b].hash & 63);
    }
    orgs_->max_tokens = std::max<int>(orgs_->max_tokens, static_cast<int>(e - b));
  }

  // "Acme (ACM)", "the Federation of Miners (FOM)": an acronym in brackets
  // right after a body's name (tokens ending at e) names that body later.
  bool NoteAcronym(uint32_t e) {
    if (doc_->mentions.size() <= first_mention_ || e + 2 >= s_.token_end) return false;
    const Mention& m = doc_->mentions.back();
    if (m.token_end != e || m.type != MentionType::kActor || m.entity_type == EntityType::kPerson ||
        m.entity_type == EntityType::kCountry || m.pronoun)
      return false;
    const Token& a = tk_[e + 1];
    if (tk_[e].norm != "(" || tk_[e + 2].norm != ")" || a.kind != TokenKind::kWord || !a.has(kAllCaps) ||
        HitAt(e + 1))
      return false;
    NoteOrg(e + 1, e + 2, m);
    return true;
  }

  // A body the article named before, by the same words: its longest match
  // at i, unless the capitalised name goes on ("Acme Holdings" is not
  // "Acme"). Returns its end or i.
  uint32_t ArticleOrgAt(uint32_t i) {
    if (orgs_->by_name.empty() || !tk_[i].has(kCapitalised) || HitAt(i) || !orgs_->MayOpen(tk_[i].hash)) return i;
    if (std::find(orgs_->first_hashes.begin(), orgs_->first_hashes.end(), tk_[i].hash) == orgs_->first_hashes.end())
      return i;
    std::string key;
    const ArticleOrg* found = nullptr;
    uint32_t end = i;
    for (uint32_t k = i; k < s_.token_end && k < i + static_cast<uint32_t>(orgs_->max_tokens); ++k) {
      if (k > i) key += ' ';
      key += tk_[k].lower;
      if (auto it = orgs_->by_name.find(key); it != orgs_->by_name.end()) {
        found = &it->second;
        end = k + 1;
      }
    }
    if (!found || (end < s_.token_end && IsNameToken(tk_[end]) && !HitAt(end))) return i;
    if (i > s_.token_begin && IsNameToken(tk_[i - 1]) && !HitAt(i - 1)) return i;
    Mention m = NewMention(i, end);
    m.name = found->name();
    m.code = found->code();
    m.roles = found->roles();
    m.country = found->country();
    m.entity_type = found->type;
    const std::string_view rule = found->rule();
    m.rule.reserve(rule.size() + 15);
    m.rule = rule;
    m.rule += " (named before)";
    doc_->mentions.push_back(std::move(m));
    return end;
  }

  // "Metrovias, the private firm which runs the lines", "Kavuli, a dairy
  // company": a capitalised name no dictionary knows, then in apposition a
  // description ending in a role noun for a body (company, firm, union,
  // charity, party, ...): the name is that body, not a person. Its country
  // is one the description names ("a Nairobi-based company", "a Chilean
  // firm"), else the article's. Returns its end or i.
  //
  // MayBeApposition(i) is its first test, which the caller makes.
  uint32_t AppositionOrganisation(uint32_t i) {
    // Only the start of a name: not "Ltd" of "Equity (Pacific) Ltd".
    if (Opener(i) || (i > s_.token_begin && (IsNameToken(tk_[i - 1]) || tk_[i - 1].norm == ")"))) return i;
    uint32_t e = i;
    while (e < s_.token_end && e < i + 4 && !HitAt(e) && (IsNameToken(tk_[e]) || (e > i && tk_[e].norm == "&")))
      ++e;
    if (e == i) return i;
    // "the Chilean firm Andesco", "the retailer's rival, the company
    // Zentrix": a name right after a description of one body is that body.
    if (const Mention* d = DescriptionBefore(i); d && (e == s_.token_end || !IsNameToken(tk_[e]))) {
      Mention m = NewMention(i, e);
      m.name = std::string(doc_->text(m.span));
      m.entity_type = EntityType::kOrg;
      m.roles = d->roles;
      m.country = d->country;
      m.code = d->code;
      m.rule = "organisation: named after \"" + std::string(doc_->text(d->span)) + "\" (" + d->rule + ")";
      NoteOrg(i, e, m);
      doc_->mentions.push_back(std::move(m));
      return e;
    }
    if (e + 3 >= s_.token_end || tk_[e].norm != ",") return i;
    uint32_t k = e + 1;
    if (tk_[k].lower != "a" && tk_[k].lower != "an" && tk_[k].lower != "the") return i;
    std::string country;
    bool multinational = false;
    for (++k; k < s_.token_end && k < e + 9; ++k) {
      const Token& t = tk_[k];
      if (t.kind != TokenKind::kWord) return i;
      // The description's own words: "Jane Roe, an economist with Acme
      // Bankers" describes a person; the role noun is written in lower case.
      static const WordSet kStop = {"of", "with", "at", "for", "in", "from", "by", "on", "who", "which", "that",
                                    "and", "or", "to"};
      if (In(kStop, t) || (t.has(kCapitalised) && !HitAt(k))) {
        if (!t.has(kHyphenated)) return i;
      }
      if (t.lower == "multinational" || t.lower == "transnational") multinational = true;
      const Hit* h = HitAt(k);
      if (const NameRef* r = Ref(h, {NameRef::kRole}); r && h->b == k && !t.has(kCapitalised)) {
        const Role& role = lex_.roles()[r->index];
        if (role.kind != RoleKind::kGroup || !BodyRole(role.code)) return i;
        // "Smith, the company's chief": a person of the company.
        if (h->e < s_.token_end && (tk_[h->e].lower == "'s" || tk_[h->e].norm == "'" || Ref(HitAt(h->e), {NameRef::kRole})))
          return i;
        Mention m = NewMention(i, e);
        m.name = std::string(doc_->text(m.span));
        m.entity_type = EntityType::kOrg;
        m.roles = std::string(role.code);
        m.country = country;
        m.code = country.empty() ? m.roles : lex_.FindCountry(country)->cameo + m.roles;
        // "a multinational company": MNC, of no one country (codebooks/actor_roles.tsv).
        if (multinational && m.roles == "BUS") {
          m.country.clear();
          m.code = "MNC";
        }
        m.rule = "organisation: named in apposition to \"" + std::string(tk_[k].norm) + "\" " + FileLine(role.rule);
        NoteOrg(i, e, m);
        doc_->mentions.push_back(std::move(m));
        return e;
      }
      if (h) {
        const NameRef* c = Ref(h, {NameRef::kCountry, NameRef::kDemonym});
        if (!c) return i;
        country = lex_.countries()[c->index].iso3;
        k = h->e - 1;
        continue;
      }
      // "a Nairobi-based company", "a Panama-registered firm".
      if (t.has(kHyphenated)) {
        std::string_view w = t.lower;
        size_t dash = w.rfind('-');
        std::string_view suffix = w.substr(dash + 1);
        if (suffix == "based" || suffix == "registered" || suffix == "headquartered" || suffix == "owned")
          if (const auto* refs = lex_.FindName(w.substr(0, dash)))
            for (const NameRef& r : *refs)
              if (r.kind == NameRef::kCountry || r.kind == NameRef::kDemonym || r.kind == NameRef::kCapital) {
                country = lex_.countries()[r.index].iso3;
                break;
              }
      }
    }
    return i;
  }

  // Either a mention right before i (a description: DescriptionBefore)
  // or a comma one to four tokens after it, three tokens from the
  // sentence's end at least (the apposition): else AppositionOrganisation
  // finds nothing at i.
  bool MayBeApposition(uint32_t i) const {
    if (doc_->mentions.size() > first_mention_ && doc_->mentions.back().token_end == i) return true;
    // The first comma after i decides: a later one is further from both.
    // (A comma at i + 5 or later would fail the first test: not searched for.)
    const uint32_t c =
        commas_.Next(i + 1, std::min(i + 5, s_.token_end), [this](uint32_t k) { return tk_[k].norm == ","; });
    return c <= i + 4 && c + 3 < s_.token_end;
  }

  uint32_t TheNorthOrSouth(uint32_t i) {
    const Token& t = tk_[i];
    if (!t.has(kCapitalised) || (t.lower != "north" && t.lower != "south") || i == s_.token_begin ||
        tk_[i - 1].lower != "the" || HitAt(i))
      return i;
    if (i + 1 < s_.token_end && (tk_[i + 1].has(kCapitalised) || tk_[i + 1].has(kHyphenated) ||
                                 tk_[i + 1].lower == "'s"))
      return i;
    // The article names North or South X (either one: "South Korea ...
    // the North" is North Korea).
    std::string want = t.lower == "north" ? "North " : "South ";
    std::string other = t.lower == "north" ? "South " : "North ";
    for (auto it = doc_->mentions.rbegin(); it != doc_->mentions.rend(); ++it) {
      if (it->type != MentionType::kActor || it->country.empty()) continue;
      const Country* c = lex_.FindCountry(it->country);
      if (c && c->name.compare(0, other.size(), other) == 0) {
        const Country* counterpart = nullptr;
        if (const auto* refs = lex_.FindName(FoldKey(want + c->name.substr(other.size()))))
          for (const NameRef& r : *refs)
            if (r.kind == NameRef::kCountry) counterpart = &lex_.countries()[r.index];
        c = counterpart;
      }
      if (!c || c->name.compare(0, want.size(), want) != 0) continue;
      Mention m = NewMention(i, i + 1);
      m.country = c->iso3;
      m.code = c->cameo;
      m.name = c->name;
      m.entity_type = EntityType::kCountry;
      m.rule = "the " + std::string(t.norm) + ": " + FileLine(c->rule);
      doc_->mentions.push_back(std::move(m));
      return i + 1;
    }
    return i;
  }

  // Capitalised words none of which is an English word, an acronym or
  // hyphenated: "Felipe Massa", "Qadoura Fares", not "Gaza City".
  // In a run of three or more, one English word among names is a name
  // too ("Le Dinh Cong": "cong" is in the word list).
  bool PlainName(uint32_t b, uint32_t e) const {
    int words = 0;
    for (uint32_t k = b; k < e; ++k) {
      if (tk_[k].has(kAllCaps)) return false;
      if (tk_[k].has(kHyphenated)) {
        if (!HyphenName(tk_[k])) return false;
        continue;
      }
      // Two-letter syllables ("Li", "Le", "Xi", "Wu") are name parts even
      // where a dictionary lists them as words.
      if (tk_[k].norm.size() > 2 && lex_.IsCommonWord(tk_[k].lower)) ++words;
    }
    return words == 0 || (words == 1 && e - b >= 3);
  }

  // A lower-case noun that may describe a person before the name: "teen",
  // "dissident", "blogger"; not a verb ("Israeli planes bombed Gaza").
  bool IsDescriptor(const Token& t) const {
    if (t.kind != TokenKind::kWord || t.has(kCapitalised) || t.lower.size() < 3) return false;
    std::string_view w = t.lower;
    if (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0) return false;
    if (lex_.IrregularVerb(w) != nullptr || In(kNotName, w) || In(kLocative, w) || In(kSpeechVerbs, w)) return false;
    return lex_.IsCommonWord(w);
  }

  // A role word alone is an actor only where it is used as a noun: not
  // before another noun ("official dialogue", "prisoners each"), and a
  // singular one only after a determiner ("the president", not "in person").
  bool BareRoleIsActor(uint32_t i, uint32_t j, const std::vector<const Role*>& roles) const {
    static const WordSet kDet = {"the", "a", "an", "this", "that", "his", "her", "its",
                                                         "their", "our", "whose"};
    if (NounAfter(j)) return false;
    if (roles.back()->kind != RoleKind::kGroup) {
      uint32_t k = i;
      while (k > s_.token_begin && In(kRoleModifiers, tk_[k - 1])) --k;
      if (k == s_.token_begin || !kDet.count(tk_[k - 1])) return false;
    }
    return true;
  }

  // The word at j makes the phrase before it an attribute of a noun ("the
  // army unit", "the Acme Airlines flight"): a lower-case word that is no
  // function word and does not look like a verb.
  bool NounAfter(uint32_t j) const {
    static const WordSet kAfterOk = {
        "and", "or", "in", "of", "from", "on", "at", "to", "for", "with", "by", "who", "which", "that", "have",
        "has", "had", "were", "was", "are", "is", "will", "would", "could", "said", "say", "says", "also",
        "later", "then", "have", "had", "did", "do", "may", "might", "must", "should", "can", "reportedly",
        "still", "say", "against", "after", "near", "told", "on", "over", "under"};
    if (j < s_.token_end) {
      const Token& nx = tk_[j];
      // "the army's new unit": a possessive is the role's own.
      bool lower_word = nx.kind == TokenKind::kWord && !nx.has(kCapitalised) && nx.lower != "'s";
      // "demonstrators threw", "protesters gathered", "troops guarding".
      bool verbish = (nx.lower.size() > 3 && nx.lower.compare(nx.lower.size() - 2, 2, "ed") == 0) ||
                     (nx.lower.size() > 5 && nx.lower.compare(nx.lower.size() - 3, 3, "ing") == 0) ||
                     lex_.IrregularVerb(nx.lower) != nullptr;  // "demonstrators threw
      if (lower_word && !kAfterOk.count(nx) && !verbish) return true;
    }
    return false;
  }

  // `roles`: the title words written before the name ("Interior Minister
  // Horst Seehofer"), if any.
  uint32_t PersonPhrase(uint32_t begin, const Hit& h, const NameRef& r, std::string_view country,
                        std::string_view title, const std::vector<const Role*>* roles = nullptr) {
    // Two people share a name ("Bush", "Clinton"): the one in office on the
    // publish date wins, else the first listed.
    const Person* pp = &lex_.people()[r.index];
    if (!Lexicon::TermOn(*pp, doc_->publish_date))
      for (auto& other : *h.refs)
        if (other.kind == NameRef::kPerson && Lexicon::TermOn(lex_.people()[other.index], doc_->publish_date)) {
          pp = &lex_.people()[other.index];
          break;
        }
    const Person& p = *pp;
    // "Sheikh Mohammed bin Zayed al-Nahyan": a family name with its
    // article after the dictionary's shorter form is part of the name.
    uint32_t end = h.e;
    if (end < s_.token_end && h.e - h.b >= 2 && !HitAt(end) && ArticleThenCapital(tk_[end])) ++end;
    Mention& m = AddMention(begin, end);
    m.name = p.name;
    // The article's own spelling of the full name ("Aleksandr Lukashenka"
    // for a row's "Alexander Lukashenko", "Recep Tayyip Erdoğan") names the
    // entity as the article does.
    if (end - h.b >= 2) {
      std::string_view w = doc_->text(doc_->TokenSpan(h.b, end));
      if (!SameLetters(w, p.name)) m.written = std::string(w);
    }
    m.entity_type = EntityType::kPerson;
    const OfficeTerm* term = Lexicon::TermOn(p, doc_->publish_date);
    if (term) {
      m.code = term->code;
      m.rule = FileLine(term->rule);
      m.title = title.empty() ? std::string_view(term->title) : title;
    } else {
      // Outside every listed term: the country's elite (a former office
      // holder), unless the text gives a current title ("Interior Minister
      // Horst Seehofer" when only his other offices are listed): then the
      // title's role, as for a person the dictionary does not know.
      const OfficeTerm* last = Lexicon::TermOn(p, Date{});
      auto cameo_of = [&](std::string_view c) {
        return c.empty() ? std::string() : std::string(lex_.FindCountry(c) ? std::string_view(lex_.FindCountry(c)->cameo) : c);
      };
      std::string cameo = cameo_of(last ? CountryOfCode(last->code) : country);
      // Only for an office the dictionary does not list for the person
      // ("President Trump" in 2023 stays the elite the dates say he is),
      // named in two words or more: a single word ("deputy", "leader") may
      // be a rank he was just fired from ("Mugabe fired deputy Emmerson
      // Mnangagwa").
      bool listed = roles && !roles->empty() && roles->back()->phrase.find(' ') == std::string::npos;
      if (roles && !roles->empty())
        for (auto& t : p.terms) {
          std::string office = FoldKey(t.office);
          if (office.find(roles->back()->phrase) != std::string::npos) listed = true;
        }
      std::string title_roles =
          roles && !roles->empty() && !listed && CurrentTitle(title) ? JoinRoles(*roles) : "";
      std::string title_cameo = country.empty() ? cameo : cameo_of(country);
      if (!title_cameo.empty() && !title_roles.empty()) {
        m.code = title_cameo + title_roles;
        m.rule = FileLine(roles->back()->rule) + " + name of " + (last ? FileLine(last->rule) : p.name) +
                 " (no listed term on " + doc_->publish_date.ToString() + ")";
      } else {
        m.code = cameo.empty() ? (last ? last->code : "") : cameo + "ELI";
        m.rule = last ? FileLine(last->rule) + " (out of office on " + doc_->publish_date.ToString() + ")" : "";
      }
      m.title = title;
    }
    m.country = CountryOfCode(m.code);
    m.roles = m.code.size() > 3 && !m.country.empty() ? m.code.substr(3) : "";
    // Later "Palmer" alone is this person even when the dictionary lists
    // no such alias.
    if (h.e - h.b >= 2) {
      (*surnames_)[std::string(tk_[h.e - 1].lower)] = {p.name, m.code};
      name_bits_->Add(tk_[h.e - 1]);
      NoteFirstName(h.b, h.e, p.name, m.code);
    }
    return end;
  }

  // The same bytes but for ASCII case: "VLADIMIR PUTIN" is the name
  // written in capitals, not another spelling of it.
  static bool SameLetters(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k) {
      char x = a[k], y = b[k];
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
      if (x != y) return false;
    }
    return true;
  }

  // Levenshtein distance of two short words, capped at 3.
  static int EditDistance(std::string_view a, std::string_view b) {
    if (a.size() > b.size() + 3 || b.size() > a.size() + 3) return 3;
    std::vector<int> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i) {
      int diag = row[0];
      row[0] = static_cast<int>(i);
      for (size_t j = 1; j <= b.size(); ++j) {
        int up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diag = up;
      }
    }
    return std::min(row[b.size()], 3);
  }

  // The first name written at k fits the known person's: the same, a short
  // form ("Vlad"), or a spelling two letters away ("Nuri" for Nouri).
  bool FirstNameFits(uint32_t k, const NameRef& r) const {
    const std::string& pname = lex_.people()[r.index].name;
    std::string pfirst = FoldKey(std::string_view(pname).substr(0, pname.find(' ')));
    std::string first = FoldKey(tk_[k].norm);
    if (first == pfirst) return true;
    // A short form: "Vlad" of Vladimir.
    if (first.size() >= 3 && pfirst.compare(0, first.size(), first) == 0) return true;
    return first.size() >= 3 && pfirst.size() >= 3 && first[0] == pfirst[0] && EditDistance(first, pfirst) <= 2;
  }

  // A spelling variant of a known person: the surname is one of the
  // person's names and the first name differs by at most two letters
  // ("Moktada al-Sadr" for Muqtada al-Sadr, "Nuri al-Maliki").
  const NameRef* SpellingVariant(uint32_t name_begin, uint32_t end, const NameRefs** refs_out) const {
    if (end - name_begin < 2) return nullptr;
    std::string_view last = tk_[end - 1].lower;
    if (size_t dash = last.find('-'); dash != std::string_view::npos && kNameParticles.contains(last.substr(0, dash)))
      last = last.substr(dash + 1);
    std::string first = FoldKey(tk_[name_begin].norm);
    if (first.size() < 3) return nullptr;
    if (const auto* refs = lex_.FindName(last))
      for (const NameRef& r : *refs) {
        if (r.kind != NameRef::kPerson) continue;
        if (FirstNameFits(name_begin, r)) {
          *refs_out = refs;
          return &r;
        }
      }
    return LongNameVariant(name_begin, end, refs_out);
  }

  // A long name spelt otherwise than any row: the same last name and
  // first name, and every middle part written ("al-Abdulla") close to one
  // of the person's ("Al-Abdullah"); the middle may leave parts out ("Fahd
  // al-Nasser al-Rashid" is a listed Fahd Al-Nasser Al-Hamad Al-Rashid, not
  // a listed Khalid Al-Omar Al-Rashid). Without a middle part the first name must
  // be the same or a short form of it. Of several, the one in office on
  // the publish date; else none.
  const NameRef* LongNameVariant(uint32_t name_begin, uint32_t end, const NameRefs** refs_out) const {
    const auto* people = lex_.PeopleByLastName(Lexicon::LastNameKey(tk_[end - 1].lower));
    if (!people) return nullptr;
    auto parts = [](std::string_view s) {
      std::vector<std::string> out;
      for (size_t b = 0; b < s.size();) {
        size_t e = s.find_first_of(" -", b);
        if (e == std::string_view::npos) e = s.size();
        std::string w = FoldKey(s.substr(b, e - b));
        if (w.size() >= 3 && !kNameParticles.contains(w)) out.push_back(std::move(w));
        b = e + 1;
      }
      return out;
    };
    std::vector<std::string> middle;
    for (uint32_t k = name_begin + 1; k + 1 < end; ++k)
      for (auto& w : parts(tk_[k].norm)) middle.push_back(std::move(w));
    std::string first = FoldKey(tk_[name_begin].norm);
    auto close = [](const std::string& a, const std::string& b) {
      return a == b || (a.size() >= 3 && b.size() >= 3 && a[0] == b[0] && EditDistance(a, b) <= 2);
    };
    uint32_t pick = 0;
    int found = 0;
    bool pick_in_office = false;
    for (uint32_t idx : *people) {
      const Person& p = lex_.people()[idx];
      std::vector<std::string> words = parts(p.name);
      if (words.size() < 2) continue;
      const std::string& pfirst = words.front();
      bool first_ok = middle.empty() ? (first == pfirst || pfirst.compare(0, first.size(), first) == 0)
                                     : close(first, pfirst);
      if (!first_ok) continue;
      bool middle_ok = true;
      for (auto& w : middle) {
        bool any = false;
        for (size_t q = 1; q + 1 < words.size() && !any; ++q) any = close(w, words[q]);
        if (!any) middle_ok = false;
      }
      if (!middle_ok) continue;
      bool in_office = Lexicon::TermOn(p, doc_->publish_date) != nullptr && doc_->publish_date.valid();
      if (found == 0 || (in_office && !pick_in_office)) {
        pick = idx;
        pick_in_office = in_office;
        found = 1;
      } else if (in_office == pick_in_office) {
        ++found;
      }
    }
    if (found != 1) return nullptr;
    if (const auto* refs = lex_.FindName(Lexicon::KeyOf(lex_.people()[pick].name)))
      for (const NameRef& r : *refs)
        if (r.kind == NameRef::kPerson && r.index == pick) {
          *refs_out = refs;
          return &r;
        }
    return nullptr;
  }

  uint32_t UnknownPerson(uint32_t begin, uint32_t name_begin, uint32_t end, const std::string& full,
                         const std::vector<const Role*>& roles, std::string_view country,
                         std::string_view base_code, std::string_view title, const std::string& rule) {
    const NameRefs* variant_refs = nullptr;
    if (const NameRef* r = SpellingVariant(name_begin, end, &variant_refs)) {
      Hit h{name_begin, end, variant_refs, false};
      return PersonPhrase(begin, h, *r, country, title);
    }
    Mention& m = AddMention(begin, end);
    m.name = full;
    m.entity_type = EntityType::kPerson;
    m.country = country;
    m.roles = JoinRoles(roles);
    m.title = title;
    m.code = base_code.empty() ? m.roles : AddRoles(base_code, m.roles);
    m.rule = roles.empty() ? "name: capitalised words beside a cue" : FileLine(roles.back()->rule) + " + name";
    if (!rule.empty()) {
      m.rule += " + ";
      m.rule += rule;
    }
    // Later "Chitiyo" alone is the same person; a mention that tells the
    // person's country ("Palestinian teen Ahed Tamimi") outranks one that
    // does not.
    const Token& last = tk_[end - 1];
    if (end - name_begin >= 2) {
      // (Found by its view first: a key string only for a new surname.)
      auto it = surnames_->find(last.lower);
      if (it == surnames_->end()) it = surnames_->try_emplace(std::string(last.lower)).first;
      auto& slot = it->second;
      name_bits_->Add(last);
      if (slot.first != full || !m.country.empty()) slot = {full, m.code};
      NoteFirstName(name_begin, end, full, m.code);
    }
    return end;
  }

  // Keeps the first word of a person's name for a later mention of it
  // alone; one shared by two people is kept as ambiguous ("").
  void NoteFirstName(uint32_t b, uint32_t e, const std::string& name, const std::string& code) {
    const Token& t = tk_[b];
    if (e - b < 2 || t.kind != TokenKind::kWord || t.norm.size() < 2 || In(kHonorifics, t) ||
        kNameParticles.contains(t.lower) || t.lower == tk_[e - 1].lower)
      return;
    auto [it, fresh] = given_->try_emplace(std::string(t.lower), name, code);
    name_bits_->Add(t);
    if (fresh) return;
    if (it->second.first == name) {
      if (!code.empty()) it->second.second = code;
    } else {
      it->second = {"", ""};
    }
  }

  // "Russia's top negotiator, Vladimir Medinsky," and "Defense Minister
  // Rustem Umerov" after "Ukraine's chief negotiator,": a person without a
  // country takes it from the phrase beside it; the role phrase joins the
  // person.
  void Appositions() {
    auto& ms = doc_->mentions;
    size_t first = first_mention_;
    for (size_t a = first; a + 1 < ms.size(); ++a) {
      Mention& x = ms[a];
      Mention& y = ms[a + 1];
      if (x.type != MentionType::kActor || y.type != MentionType::kActor) continue;
      if (x.token_end >= s_.token_end || tk_[x.token_end].norm != ",") continue;
      // "..., said Jane Roe, a senior official of the Narnian army": an
      // article may open the role phrase after a person.
      const bool article = y.token_begin == x.token_end + 2 && x.entity_type == EntityType::kPerson &&
                           (tk_[x.token_end + 1].lower == "a" || tk_[x.token_end + 1].lower == "an" ||
                            tk_[x.token_end + 1].lower == "the");
      if (y.token_begin != x.token_end + 1 && !article) continue;
      Mention* person = nullptr;
      Mention* role = nullptr;
      if (article && (y.entity_type == EntityType::kPerson || y.roles.empty() || y.country.empty())) continue;
      if (y.entity_type == EntityType::kPerson && x.entity_type != EntityType::kPerson && !x.country.empty()) {
        person = &y;
        role = &x;
      } else if (x.entity_type == EntityType::kPerson && y.entity_type != EntityType::kPerson &&
                 !y.roles.empty()) {
        person = &x;
        role = &y;
      } else if (y.entity_type == EntityType::kPerson && !x.roles.empty() && x.code == x.roles &&
                 (x.entity_type != EntityType::kPerson || x.name == doc_->text(x.span)) &&
                 y.name != doc_->text(x.span)) {
        // "a local member of parliament, Eric Ciotti", "The foreign
        // minister, Annalena Baerbock,": a role with no country.
        person = &y;
        role = &x;
      }
      if (!person || !role || role->roles.empty()) continue;
      // A capital standing for its government is no title: "handed over by
      // Kiev, Alexander Alexandrov and ..." does not make Alexandrov Kiev's.
      if (role->metonym) continue;
      if (person->country.empty() && !role->country.empty()) {
        person->country = role->country;
        const Country* c = lex_.FindCountry(role->country);
        std::string roles = person->roles.empty() ? role->roles : person->roles;
        person->code = AddRoles(c ? c->cameo : role->country, roles);
        person->roles = roles;
        person->rule += " + apposition";
        if (auto it = surnames_->find(tk_[person->token_end - 1].lower); it != surnames_->end())
          it->second.second = person->code;
      }
      if (person->country.empty() && role->country.empty() && person->roles.empty()) {
        // Neither names a country: the person keeps the role's office and
        // both take the article's country later.
        person->roles = role->roles;
        person->code = role->roles;
      }
      if (person->title.empty()) person->title = role->title;
      // "The foreign minister, Annalena Baerbock," is the person's own
      // office: the role takes her country, not the article's main one.
      if (role->country.empty() && !person->country.empty()) role->country = person->country;
      role->name = person->name;
      role->entity_type = EntityType::kPerson;
      role->code = person->code;
      role->rule += " + apposition";
    }
  }

  // "Jane Roe, a Canadian teacher,", "John Doe, who heads the American
  // team,", "Ali Doe, the son of the Lebanese defence minister": a
  // description right after a person without a country, naming a
  // nationality before any verb, gives the person that country.
  void DescribedNationality() {
    static const WordSet kLink = {"who", "is", "was", "a", "an", "the", "heads", "leads", "led", "headed", "head",
                                  "of", "son", "daughter", "wife", "husband", "brother", "sister", "member",
                                  "citizen", "national", "native", "one", "now"};
    auto& ms = doc_->mentions;
    for (size_t a = first_mention_; a < ms.size(); ++a) {
      Mention& p = ms[a];
      if (p.type != MentionType::kActor || p.entity_type != EntityType::kPerson || !p.country.empty() ||
          p.pronoun || p.token_end >= s_.token_end || tk_[p.token_end].norm != ",")
        continue;
      const Mention* nat = nullptr;
      for (uint32_t k = p.token_end + 1; k < s_.token_end && k < p.token_end + 8; ++k) {
        const Token& t = tk_[k];
        const Mention* other = nullptr;
        for (size_t b = a + 1; b < ms.size() && !other; ++b)
          if (ms[b].type == MentionType::kActor && ms[b].token_begin == k) other = &ms[b];
        if (other) {
          // Only a nationality: "John Doe, a friend of Jane Roe" says nothing of his.
          if (!other->country.empty() && other->entity_type != EntityType::kPerson && Demonym(t)) nat = other;
          break;
        }
        if (!(In(kLink, t) || IsDescriptor(t) || t.kind == TokenKind::kNumber)) break;
      }
      if (!nat) continue;
      const Country* c = lex_.FindCountry(nat->country);
      if (!c) continue;
      p.country = c->iso3;
      p.code = AddRoles(c->cameo, p.roles);
      p.rule += " + described as " + std::string(tk_[nat->token_begin].norm);
      if (p.token_end > p.token_begin)
        if (auto it = surnames_->find(tk_[p.token_end - 1].lower); it != surnames_->end() && it->second.first == p.name)
          it->second.second = p.code;
    }
  }

  // "the two Russians handed over by Kiev, Alexander Alexandrov and
  // Yevgeny Yerofeyev": names in apposition to a plural nationality noun
  // (a short phrase may follow the noun) are of that nationality, each
  // name of the list.
  void NationalityNounBefore() {
    auto& ms = doc_->mentions;
    auto mention_at = [&](uint32_t k) -> const Mention* {
      for (size_t b = first_mention_; b < ms.size(); ++b)
        if (ms[b].type == MentionType::kActor && ms[b].token_begin == k) return &ms[b];
      return nullptr;
    };
    for (size_t a = first_mention_; a < ms.size(); ++a) {
      Mention& p = ms[a];
      if (p.type != MentionType::kActor || p.entity_type != EntityType::kPerson || !p.country.empty() || p.pronoun ||
          p.token_begin < s_.token_begin + 3 || tk_[p.token_begin - 1].norm != ",")
        continue;
      const Mention* nat = nullptr;
      for (uint32_t k = p.token_begin - 2; k >= s_.token_begin + 1 && k + 8 > p.token_begin; --k) {
        if (tk_[k].kind == TokenKind::kPunct) break;
        const Mention* q = mention_at(k);
        if (!q) continue;
        const Token& t = tk_[k];
        static const WordSet kBefore = {"the", "two", "three", "four", "both", "several"};
        if (q->token_end == k + 1 && !q->country.empty() && q->entity_type != EntityType::kPerson && Demonym(t) &&
            t.lower.size() > 3 && t.lower.back() == 's' &&
            (kBefore.contains(tk_[k - 1].lower) || tk_[k - 1].kind == TokenKind::kNumber)) {
          nat = q;
          break;
        }
      }
      if (!nat) continue;
      const Country* c = lex_.FindCountry(nat->country);
      if (!c) continue;
      // The person and the names listed with it ("A and B", "A, B and C").
      for (size_t b = a; b < ms.size(); ++b) {
        Mention& x = ms[b];
        if (b > a) {
          const Mention& prev = ms[b - 1];
          if (x.type != MentionType::kActor || x.entity_type != EntityType::kPerson || !x.country.empty() ||
              x.token_begin != prev.token_end + 1 ||
              (tk_[prev.token_end].lower != "and" && tk_[prev.token_end].norm != ","))
            break;
        }
        x.country = c->iso3;
        x.code = AddRoles(c->cameo, x.roles);
        x.rule += " + apposition to " + std::string(tk_[nat->token_begin].norm);
        if (x.token_end > x.token_begin)
          if (auto it = surnames_->find(tk_[x.token_end - 1].lower); it != surnames_->end() && it->second.first == x.name)
            it->second.second = x.code;
      }
    }
  }

  bool Demonym(const Token& t) const {
    if (const auto* refs = lex_.FindName(t))
      for (const NameRef& r : *refs)
        if (r.kind == NameRef::kDemonym) return true;
    return false;
  }

  // "the French and German governments": a nationality coordinated with a
  // nationality + role shares the role (FRAGOV and DEUGOV).
  void SharedHeads() {
    auto& ms = doc_->mentions;
    for (size_t a = first_mention_; a + 1 < ms.size(); ++a) {
      Mention& x = ms[a];
      const Mention& y = ms[a + 1];
      if (x.type != MentionType::kActor || y.type != MentionType::kActor || !x.roles.empty() || x.metonym ||
          x.entity_type != EntityType::kCountry || y.roles.empty() || y.country.empty())
        continue;
      if (y.token_begin != x.token_end + 1 || tk_[x.token_end].lower != "and") continue;
      // Only an adjective ("French"), not a country name ("France and German
      // officials" names France itself).
      if (doc_->text(x.span) == x.name || tk_[x.token_end - 1].lower == "'s") continue;
      x.code = AddRoles(x.code, y.roles);
      x.roles = y.roles;
      x.entity_type = EntityType::kGroup;
      x.rule += " + role shared with \"" + std::string(doc_->text(y.span)) + "\"";
    }
    // "the foreign ministers of Spain and Portugal", "defence chiefs from
    // Chad, Niger and Mali": a plural role before a list of countries is
    // the role of each of them.
    for (size_t a = first_mention_; a + 1 < ms.size(); ++a) {
      const Mention& x = ms[a];
      if (x.type != MentionType::kActor || x.roles.empty() || x.country.empty() || x.token_end < x.token_begin + 3 ||
          x.entity_type == EntityType::kPerson)
        continue;
      // The role phrase ends with "of"/"from" + the country's name.
      const std::string_view link = tk_[x.token_end - 2].lower;
      if (link != "of" && link != "from") continue;
      const std::string_view head = tk_[x.token_end - 3].lower;
      if (head.size() < 3 || head.back() != 's') continue;
      std::string roles = x.roles;
      uint32_t end = x.token_end;
      for (size_t b = a + 1; b < ms.size(); ++b) {
        Mention& y = ms[b];
        if (y.type != MentionType::kActor) continue;
        const bool comma = y.token_begin == end + 1 && tk_[end].norm == ",";
        const bool conj = (y.token_begin == end + 1 && tk_[end].lower == "and") ||
                          (y.token_begin == end + 2 && tk_[end].norm == "," && tk_[end + 1].lower == "and");
        if ((!comma && !conj) || !y.roles.empty() || y.entity_type != EntityType::kCountry || y.metonym ||
            y.country.empty())
          break;
        y.code = AddRoles(y.code, roles);
        y.roles = roles;
        y.entity_type = EntityType::kGroup;
        y.rule += " + role shared with \"" + std::string(doc_->text(x.span)) + "\"";
        end = y.token_end;
        if (conj) break;
      }
    }
  }

  // A new mention of tokens [b, e), made in place at the end of the
  // document's list (no Mention to move there): a reference valid until
  // the next one is added.
  Mention& AddMention(uint32_t b, uint32_t e) {
    Mention& m = doc_->mentions.emplace_back();
    m.type = MentionType::kActor;
    m.token_begin = b;
    m.token_end = e;
    m.span = doc_->TokenSpan(b, e);
    return m;
  }

  Mention NewMention(uint32_t b, uint32_t e) const {
    Mention m;
    m.type = MentionType::kActor;
    m.token_begin = b;
    m.token_end = e;
    m.span = doc_->TokenSpan(b, e);
    return m;
  }

  std::string CountryOfCode(const std::string& code) const { return std::string(CountryViewOfCode(code)); }
  // The same as a view of the lexicon's string ("" for none).
  std::string_view CountryViewOfCode(std::string_view code) const {
    if (code.size() < 3) return {};
    const Country* c = lex_.FindCountry(code.substr(0, 3));
    return c ? std::string_view(c->iso3) : std::string_view();
  }

  // A title that says the person holds the office now: not "former
  // President", "ex-minister", "the late King", "then-Prime Minister".
  static bool CurrentTitle(std::string_view title) {
    if (title.empty()) return false;
    std::string t = FoldKey(title);
    for (const char* w : {"former", "ex-", "ex ", "late", "then", "retired", "exiled", "outgoing", "deposed", "ousted"})
      if (t.rfind(w, 0) == 0 || t.find(std::string(" ") + w) != std::string::npos) return false;
    return true;
  }

  static std::string JoinRoles(const std::vector<const Role*>& roles) {
    // The last role names the actor ("opposition leader" -> OPP, not
    // GOV+OPP); one role is its own code ("---": none).
    if (roles.size() > 1 && !roles.back()->code.empty()) return std::string(roles.back()->code);
    if (roles.size() == 1) return roles[0]->code == "---" ? std::string() : std::string(roles[0]->code);
    std::string out;
    for (auto* r : roles) {
      if (r->code == "---") continue;
      bool dup = false;
      for (size_t k = 0; k + 3 <= out.size(); k += 3)
        if (out.compare(k, 3, r->code.substr(0, 3)) == 0) dup = true;
      if (!dup) out += r->code;
    }
    return out;
  }

  static std::string AddRoles(std::string_view base, std::string_view roles) {
    if (roles.empty()) return std::string(base);
    if (base.size() >= 3 && base.compare(base.size() - 3, 3, roles.substr(0, 3)) == 0) return std::string(base);
    std::string out;
    out.reserve(base.size() + roles.size());
    out += base;
    out += roles;
    return out;
  }

 public:
  size_t first_mention_ = 0;

 private:
  const Lexicon& lex_;
  Document* doc_;
  // The document's tokens (not resized while actors are found): a plain
  // pointer, so that each tk_[i] is one load, not the vector's and then its data.
  const Token* tk_;
  const Sentence& s_;
  NameMap* surnames_;
 public:
  // The country of the first dateline ("PORT-AU-PRINCE, April 17 -"): where
  // the story was filed, evidence of what it is about.
  std::string* dateline_ = nullptr;
  // The words of surnames_ and given_ (the caller's, for the article).
  NameKeyBits* name_bits_ = nullptr;

 private:
  // The first word of a person's name ("Xi" of Xi Jinping, "Moon" of Moon
  // Jae-in: family names come first in many languages), used alone only
  // when no other person of the article shares it; a shared one maps to "".
  NameMap* given_;
  ArticleOrgs* orgs_;
  // Opener's answer for the sentence's first token that is no punctuation.
  mutable bool opener_known_ = false, opener_ = false;
  mutable uint32_t opener_first_ = 0;
  // The next head of a body's name (OrgHeadNear) and the next comma
  // (MayBeApposition), for the sentence.
  mutable NextToken org_heads_, commas_;
  // HitAt's view of hit_at_ (FindHits sets it): the sentence's first
  // token, its number of tokens, hit_at_'s entry for the first token.
  uint32_t hit_first_ = 0, hit_count_ = 0;
  const int* hit_index_ = nullptr;
  // FindHits' results and buffers; their storage is kept from one sentence
  // to the next (one set per thread).
  struct Buffers {
    std::vector<Hit> hits;
    std::vector<int> hit_at;  // by the article's token index (StartArticle)
    std::string key;
    std::vector<size_t> key_end;
    std::vector<const Role*> roles;  // BasePhrase's
  };
  static Buffers& ThreadBuffers() {
    thread_local Buffers b;
    return b;
  }
  Buffers& buffers_ = ThreadBuffers();
  // ActorWordsById's table.
  const uint8_t* words_;
  uint32_t words_n_;
  std::vector<Hit>& hits_ = buffers_.hits;
  std::vector<int>& hit_at_ = buffers_.hit_at;
  std::string& key_ = buffers_.key;                // FindHits: the folded tokens joined with ' '
  std::vector<size_t>& key_end_ = buffers_.key_end;  // key_ of n tokens is key_.substr(0, key_end_[n - 1])
};

}  // namespace

static std::string AddRolesTo(const std::string& base, const std::string& roles) {
  if (roles.empty() || (base.size() >= 3 && base.compare(base.size() - 3, 3, roles.substr(0, 3)) == 0)) return base;
  return base + roles;
}

// a == b for two countries' codes, inline for ISO3 codes (three bytes,
// nearly all of them) rather than a call of memcmp per comparison.
static inline bool SameCountry(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.size() == 3) return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
  return a == b;
}

// Whether DominantCountry(doc) names a country: whether any actor but a
// private person has one. Stops at the first, where DominantCountry counts
// every mention.
static bool NamesACountry(const Document& doc) {
  for (const Mention& m : doc.mentions)
    if (m.type == MentionType::kActor && !m.country.empty() &&
        !(m.entity_type == EntityType::kPerson && m.roles.empty()))
      return true;
  return false;
}

// The country an article is about: the one its actors name most; between
// equals, the one named first. Bare roles ("the soldiers") take it.
std::string DominantCountry(const Document& doc) { return DominantCountry(doc, ""); }

std::string DominantCountry(const Document& doc, std::string_view dateline) {
  // Each country named with its count, in order of first naming: an
  // article names a few, so a short list searched from its start costs
  // less than hashing every mention's country (kept per thread).
  thread_local std::vector<std::pair<std::string_view, int>> n;
  n.clear();
  // The dateline counts as two mentions, named first.
  if (!dateline.empty()) n.emplace_back(dateline, 2);
  for (auto& m : doc.mentions) {
    if (m.type != MentionType::kActor || m.country.empty()) continue;
    // A private person ("Palestinian teen Ahed Tamimi") does not make the
    // article about their country's state.
    if (m.entity_type == EntityType::kPerson && m.roles.empty()) continue;
    const std::string_view c = m.country;
    auto it = n.begin();
    while (it != n.end() && !SameCountry(it->first, c)) ++it;
    if (it == n.end()) n.emplace_back(c, 1);
    else ++it->second;
  }
  std::string_view best;
  int top = 0;
  for (const auto& [c, count] : n)
    if (count > top) {
      top = count;
      best = c;
    }
  return std::string(best);
}

void RecogniseActors(const Lexicon& lex, Document* doc) {
  lex.NumberWords(doc);  // the lexicon's one-token lookups by word id
  SentenceActors::NameMap surnames, given;
  ArticleOrgs orgs;
  std::string dateline;
  NameKeyBits name_bits;
  const ActorWordTable words = ActorWordsById();
  SentenceActors::StartArticle(*doc);
  for (const Sentence& s : doc->sentences) {
    SentenceActors sa(lex, doc, s, &surnames, &given, &orgs, words);
    sa.first_mention_ = doc->mentions.size();
    sa.dateline_ = &dateline;
    sa.name_bits_ = &name_bits;
    sa.Run();
  }
  // "A Canadian living in Nepal was ordered to leave ... Robert Penner, a
  // programmer, ...": a nationality used as a noun for one person ("a
  // Canadian", "the Briton said") is the article's one unknown private
  // person, when it names only one such person and one nationality.
  {
    static const WordSet kDet = {"a", "an", "the"};
    static const WordSet kAfter = {"who", "was", "is", "had", "has", "would", "will", "said", "says", "told",
                                   "could", "can", "must", "should", "were"};
    std::string nationality;
    bool several = false;
    const auto& tk = doc->tokens;
    for (const Mention& m : doc->mentions) {
      if (m.type != MentionType::kActor || m.country.empty() || !m.roles.empty() ||
          m.entity_type != EntityType::kCountry || m.token_end != m.token_begin + 1 || m.token_begin == 0 ||
          m.token_end >= tk.size() || !kDet.contains(tk[m.token_begin - 1].lower))
        continue;
      const Token& t = tk[m.token_begin];
      bool demonym = false;
      if (const auto* refs = lex.FindName(t))
        for (const NameRef& r : *refs)
          if (r.kind == NameRef::kDemonym) demonym = true;
      if (!demonym || t.lower.back() == 's') continue;
      const Token& nx = tk[m.token_end];
      std::string_view w = nx.lower;
      bool verbish = kAfter.contains(w) || (w.size() > 5 && w.compare(w.size() - 3, 3, "ing") == 0) ||
                     (nx.kind == TokenKind::kPunct && nx.norm != "'s");
      if (!verbish) continue;
      if (!nationality.empty() && nationality != m.country) several = true;
      nationality = m.country;
    }
    const Mention* person = nullptr;
    if (!nationality.empty() && !several)
      for (const Mention& m : doc->mentions) {
        if (m.type != MentionType::kActor || m.entity_type != EntityType::kPerson || !m.country.empty() ||
            !m.roles.empty() || m.pronoun || m.rule.compare(0, 5, "name:") != 0)
          continue;
        if (person && person->name != m.name) {
          person = nullptr;
          break;
        }
        person = &m;
      }
    if (person) {
      const Country* c = lex.FindCountry(nationality);
      std::string name = person->name;
      for (auto& m : doc->mentions)
        if (c && m.type == MentionType::kActor && m.entity_type == EntityType::kPerson && m.country.empty() &&
            m.name == name) {
          m.country = c->iso3;
          m.code = AddRolesTo(c->cameo, m.roles);
          m.rule += " + the article's one " + c->iso3 + " national";
        }
    }
  }
  // An unknown person first met without a country takes the one a later
  // mention gave: "Israel has held Ahed Tamimi ... Palestinian teen Ahed
  // Tamimi".
  for (auto& m : doc->mentions) {
    if (m.type != MentionType::kActor || m.entity_type != EntityType::kPerson || !m.country.empty() ||
        m.token_end == 0)
      continue;
    auto it = surnames.find(doc->tokens[m.token_end - 1].lower);
    if (it == surnames.end() || it->second.first != m.name || it->second.second.size() < 3) continue;
    const Country* c = lex.FindCountry(it->second.second.substr(0, 3));
    if (!c) continue;
    m.code = it->second.second;
    m.country = c->iso3;
    m.roles = m.code.substr(3);
    m.rule += " + country from a later mention";
  }
  // "the court" after "the Supreme Court of Narnia", "the bank" after "the
  // Asian Development Bank": a definite role word that ends the name of a
  // body named before is that body (the last one so named), not a body of
  // the article's main country. Likewise "the company", "the firm", "the
  // union" ("the Chilean firm", up to three words between) after a body of
  // that role named before ("Acme Mining Company", "Kavuli, a dairy
  // firm"): the nearest one.
  {
    const auto& tk = doc->tokens;
    auto& ms = doc->mentions;
    for (size_t k = 0; k < ms.size(); ++k) {
      Mention& m = ms[k];
      if (m.type != MentionType::kActor || !m.country.empty() || m.roles.empty() || m.code != m.roles ||
          m.entity_type == EntityType::kPerson || m.token_end != m.token_begin + 1 || m.token_begin == 0)
        continue;
      bool the = tk[m.token_begin - 1].lower == "the", described = false;
      for (uint32_t d = m.token_begin - 1; !the && d > 0 && d + 3 >= m.token_begin; --d) {
        if (tk[d].kind != TokenKind::kWord) break;
        if (tk[d - 1].lower == "the") the = described = true;
      }
      if (!the) continue;
      const std::string_view head = tk[m.token_begin].lower;
      // One body of a role that names bodies ("the firm"), not many ("the firms", "the media").
      const bool body = BodyRole(m.roles) && head != "media" &&
                        (head.back() != 's' || head == "airlines" || head == "airways");
      for (size_t q = k; q-- > 0;) {
        const Mention& o = ms[q];
        if (o.type != MentionType::kActor || o.pronoun || o.code.size() < 3 ||
            (o.entity_type != EntityType::kOrg && o.entity_type != EntityType::kGroup))
          continue;
        const bool named = !o.name.empty() && o.name[0] >= 'A' && o.name[0] <= 'Z';
        const bool same_role =
            o.roles == m.roles || (o.code.size() > m.roles.size() &&
                                   o.code.compare(o.code.size() - m.roles.size(), m.roles.size(), m.roles) == 0);
        if (body && named && o.entity_type == EntityType::kOrg && same_role) {
          // a body of the same role, named by its own name
        } else {
          if (described || o.token_end <= o.token_begin + 1) continue;
          // The body's own name as written ends with the word: "... Court".
          const std::string_view last = tk[o.token_end - 1].lower;
          if (last != head) continue;
        }
        const std::string rule = m.rule;
        m.code = o.code;
        m.country = o.country;
        m.roles = o.roles;
        m.name = o.name;
        m.entity_type = o.entity_type;
        m.rule = rule + " -> the body named before: " + o.name;
        break;
      }
    }
  }
  // Roles without a country take the article's main country ("police" in an
  // article about Ecuador is ECUCOP).
  GiveRolesACountry(lex, DominantCountry(*doc, dateline), doc);
}

void GiveRolesACountry(const Lexicon& lex, const std::string& main, Document* doc) {
  const Country* mc = main.empty() ? nullptr : lex.FindCountry(main);
  if (!mc) return;  // no mention takes a country
  // What a mention's rule says of the country given: " + article's main
  // country " and its ISO3, made once for all of them, in a string kept per
  // thread (no allocation per article).
  const std::string_view iso3 = mc->iso3;
  thread_local std::string guess_text;
  guess_text.assign(" + article's main country ");
  guess_text += iso3;
  const std::string_view guess = guess_text;
  for (auto& m : doc->mentions) {
    if (m.type != MentionType::kActor || !m.country.empty() || m.partisan) continue;
    // A bare role ("civil society groups", NGO) is domestic; a body's own
    // code (IGO..., NGO...) is not.
    bool bare_role = !m.roles.empty() && m.code == m.roles;
    if (!bare_role && m.code.size() >= 3 && (m.code.compare(0, 3, "IGO") == 0 || m.code.compare(0, 3, "NGO") == 0 ||
                               m.code.compare(0, 3, "IMG") == 0 || m.code.compare(0, 3, "MNC") == 0 ||
                               lex.FindCountry(std::string_view(m.code).substr(0, 3))))
      continue;
    // m.country is empty here: appended, which copies the bytes without
    // the general replace that an assignment makes.
    m.country.append(iso3.data(), iso3.size());
    m.code.insert(0, mc->cameo);
    // " + " (after a rule) and the words, appended at once.
    m.rule += m.rule.empty() ? guess.substr(3) : guess;
  }
}

void RolesFromPlacesNamedMost(const Lexicon& lex, Document* doc);

// Roles that act where they live, besides civilians and people: police,
// students, workers, farmers, rebels, insurgents and unidentified gunmen
// ("police fired tear gas at students in Lagos" are Nigerian). Soldiers,
// officials, envoys and refugees travel. These need the place in their own
// clause (OneClause); civilians and people, the object of force more often
// than its agent, take any place the sentence names after a locative.
static bool LocalRole(std::string_view r) {
  if (r.size() != 3) return false;  // one role block; checked per actor, so by its first letter
  switch (r[0]) {
    case 'C': return r == "COP";
    case 'E': return r == "EDU";
    case 'L': return r == "LAB";
    case 'A': return r == "AGR";
    case 'R': return r == "REB";
    case 'U': return r == "UAF";
    case 'I': return r == "INS";
    default: return false;
  }
}

// The place at token `begin` follows a locative preposition, directly or
// after words that narrow the place: "in Darfur", "in northern Nigeria",
// "in the north of Syria", "near the eastern border town of ...".
static bool AfterLocative(const std::vector<Token>& tk, uint32_t begin, bool country, const WordSet& at) {
  static const WordSet kNarrow = {"northern", "southern", "eastern", "western", "central",
                                  "northeastern", "northwestern", "southeastern", "southwestern",
                                  "north-eastern", "north-western", "south-eastern", "south-western",
                                  "far", "northernmost", "southernmost", "easternmost", "westernmost"};
  static const WordSet kPart = {"north", "south", "east", "west", "centre", "center", "northeast",
                                "northwest", "southeast", "southwest", "north-east", "north-west",
                                "south-east", "south-west", "heart", "outskirts", "capital"};
  uint32_t k = begin - 1;
  // "the north of Syria": a part of the place.
  if (k >= 2 && tk[k].lower == "of" && kPart.contains(tk[k - 1]) && tk[k - 1].sentence == tk[begin].sentence)
    k -= 2;
  for (int n = 0; n < 3 && k > 0 && kNarrow.contains(tk[k]) && tk[k - 1].sentence == tk[begin].sentence; ++n) --k;
  // "the" before a country's name ("in the Philippines") or before the
  // words that narrow a place ("in the southern Philippines"), not before
  // a town's name: "in the Jhelum area" may be a region of that name
  // elsewhere.
  if ((k + 1 != begin || country) && k > 0 && tk[k].lower == "the" && tk[k - 1].sentence == tk[begin].sentence) --k;
  return at.contains(tk[k]);
}

// The place p and the actor m are in one clause: no punctuation or word
// that opens another clause lies between them ("police fired tear gas at
// students in Lagos"; not "farmers demanded that the government ... at the
// summit in Venice"), or p opens the sentence in a locative phrase before
// m ("In Vancouver, transit workers joined ...").
static bool OneClause(const Document& doc, const Mention& m, const Mention& p, const WordSet& at) {
  static const WordSet kOpens = {"that", "but", "which", "who", "whom", "whose", "because", "while", "when",
                                 "where", "although", "though", "whereas", "after", "before", "since",
                                 "until", "if", "unless", "as", "said", "says", "say", "told"};
  const auto& tk = doc.tokens;
  auto boundary = [&](uint32_t k) {
    return tk[k].kind == TokenKind::kPunct ? tk[k].lower != "-" && tk[k].lower != "'s" && tk[k].lower != "'"
                                           : kOpens.contains(tk[k]);
  };
  if (p.token_begin >= m.token_end) {
    for (uint32_t k = m.token_end; k < p.token_begin; ++k)
      if (boundary(k)) return false;
    return true;
  }
  if (p.token_end > m.token_begin) return false;
  const Sentence& s = doc.sentences[tk[m.token_begin].sentence];
  if (!at.contains(tk[s.token_begin])) return false;
  for (uint32_t k = s.token_begin; k < m.token_begin; ++k)
    if (boundary(k) && tk[k].lower != ",") return false;
  return true;
}

// The country of the place attacked before civilians or people in their
// sentence: "Russian drones struck Odesa, wounding three residents",
// "shelled the Kharkiv region, killing two children". The place follows a
// verb of attack (any form; the class as a whole), perhaps after "the" and
// words that narrow it; "" if there is none.
static std::string_view AttackedPlaceBefore(const Document& doc, const Mention& m) {
  static const WordSet kAttack = {
      "attack", "attacks", "attacked", "attacking", "strike", "strikes", "struck", "striking", "hit", "hits",
      "hitting", "shell", "shells", "shelled", "shelling", "bomb", "bombs", "bombed", "bombing", "bombard",
      "bombards", "bombarded", "bombarding", "pound", "pounds", "pounded", "pounding", "target", "targets",
      "targeted", "targeting", "targetted", "targetting", "raid", "raids", "raided", "raiding", "storm",
      "storms", "stormed", "storming", "invade", "invades", "invaded", "invading", "strafe", "strafes",
      "strafed", "strafing", "rocket", "rockets", "rocketed", "rocketing", "besiege", "besieges", "besieged",
      "besieging", "overrun", "overran", "overruns", "overrunning", "assault", "assaults", "assaulted",
      "assaulting", "hammer", "hammers", "hammered", "hammering", "batter", "batters", "battered", "battering",
      "blitz", "blitzed", "mortared", "torpedoed", "firebombed"};
  static const WordSet kNarrow = {"the", "northern", "southern", "eastern", "western", "central", "northeastern",
                                  "northwestern", "southeastern", "southwestern", "north-eastern",
                                  "north-western", "south-eastern", "south-western"};
  const auto& tk = doc.tokens;
  const uint32_t sent = tk[m.token_begin].sentence;
  const uint32_t first = doc.sentences[sent].token_begin;
  const Mention* best = nullptr;
  for (const Mention& p : doc.mentions) {
    if (p.type != MentionType::kPlace || p.country.empty() || p.token_end > m.token_begin ||
        p.token_begin <= first || tk[p.token_begin].sentence != sent || (best && p.token_begin < best->token_begin))
      continue;
    uint32_t k = p.token_begin - 1;
    for (int n = 0; n < 3 && k > first && kNarrow.contains(tk[k]); ++n) --k;
    if (kAttack.contains(tk[k])) best = &p;
  }
  return best ? std::string_view(best->country) : std::string_view();
}

// Where `key` (a phrase with an apostrophe) first occurs in `rule`, or
// npos: found by its apostrophe, which few rules have, rather than by its
// first letter, which most have many times.
static inline size_t FindAtApostrophe(std::string_view rule, std::string_view key) {
  const size_t apostrophe = key.find('\'');
  for (size_t p = rule.find('\''); p != std::string_view::npos; p = rule.find('\'', p + 1))
    if (p >= apostrophe && rule.substr(p - apostrophe).starts_with(key)) return p - apostrophe;
  return std::string_view::npos;
}

// Where "article's main country " first occurs in `rule`, or npos.
static size_t FindMainCountryGuess(std::string_view rule) {
  return FindAtApostrophe(rule, "article's main country ");
}

// Whether `rule` ends as GiveRolesACountry leaves it: "article's main
// country " and a three-letter code. A compare of known length, no search:
// most rules that name the guess end so, and one that does names it.
static inline bool EndsWithMainCountryGuess(std::string_view rule) {
  constexpr std::string_view kKey = "article's main country ";
  return rule.size() >= kKey.size() + 3 && rule.substr(rule.size() - 3 - kKey.size(), kKey.size()) == kKey;
}

// FindMainCountryGuess(rule) != npos.
static inline bool HasMainCountryGuess(std::string_view rule) {
  return EndsWithMainCountryGuess(rule) || FindMainCountryGuess(rule) != std::string_view::npos;
}

bool GuessedFromArticle(std::string_view rule) {
  return EndsWithMainCountryGuess(rule) || FindAtApostrophe(rule, "article's main country") != std::string_view::npos;
}

// Local evidence before the article's main country, for actors that took
// the main country only for want of their own:
// - a place right before the actor names its country ("Alaska Governor
//   Bill Walker", "Gaza residents");
// - civilians and people are those of the place their sentence names after
//   a locative ("killing five civilians" after "fired missiles at
//   Ukraine"; "villagers were killed in Darfur", "in northern Nigeria"),
//   else of the place attacked before them ("struck Odesa, wounding three
//   residents"). Soldiers, officials and refugees travel, so they keep the
//   main country;
// - police, students, workers, farmers, rebels and gunmen (LocalRole) are
//   those of a place after a locative in their own clause (OneClause).
// A country so given is the text's, no longer a guess: its rule stops
// naming the article's main country, which the coder reads as a guess.
// Tested by tests/localside_test.cc.
void LocalPlaceEvidence(const Lexicon& lex, Document* doc) {
  static const WordSet kAt = {"in", "at", "into", "on", "near", "inside", "across", "onto"};
  const std::string_view kMain = "article's main country ";
  auto& ms = doc->mentions;
  auto give = [&](Mention& m, std::string_view iso3, const char* why) {
    const Country* c = lex.FindCountry(std::string(iso3));
    if (!c || c->iso3 == m.country) return;
    std::string roles = m.code.size() >= 3 && m.code.compare(0, 3, lex.FindCountry(m.country) ?
                            lex.FindCountry(m.country)->cameo : m.country) == 0 ? m.code.substr(3) : m.roles;
    m.country = c->iso3;
    m.code = c->cameo + roles;
    m.rule += std::string(" -> ") + why + " " + c->iso3;
    // The country is now the text's, not a guess: the coder reads a rule
    // that names the article's main country as a guessed country.
    if (size_t at = FindMainCountryGuess(m.rule); at != std::string::npos)
      m.rule.replace(at, kMain.size(), "instead of the article's country ");
  };
  // Places by the token after their last (the last such place in mention
  // order), for the place right before an actor; made when an actor first
  // asks.
  std::vector<std::pair<uint32_t, const Mention*>> places_by_end;
  bool places_made = false;
  auto place_ending_at = [&](uint32_t tok) -> const Mention* {
    if (!places_made) {
      places_made = true;
      for (auto& p : ms)
        if (p.type == MentionType::kPlace && !p.country.empty() && std::string_view(p.feature) != "country")
          places_by_end.emplace_back(p.token_end, &p);
      std::stable_sort(places_by_end.begin(), places_by_end.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    auto it = std::upper_bound(places_by_end.begin(), places_by_end.end(), tok,
                               [](uint32_t t, const auto& e) { return t < e.first; });
    return it == places_by_end.begin() || (it - 1)->first != tok ? nullptr : (it - 1)->second;
  };
  for (auto& m : ms) {
    if (m.type != MentionType::kActor || m.country.empty() || m.partisan || !HasMainCountryGuess(m.rule))
      continue;
    if (const Mention* before = place_ending_at(m.token_begin)) {
      const Mention& p = *before;
      if (p.token_begin == 0 || !kAt.contains(doc->tokens[p.token_begin - 1])) {
        give(m, p.country, "place before it");
        continue;
      }
    }
    // "Turkey said its warplanes had struck ...": a role after "its" or
    // "their" belongs to the state or body named last before it in the
    // sentence, not to the article's main country.
    if (m.token_begin > 0 && (doc->tokens[m.token_begin - 1].lower == "its" ||
                              doc->tokens[m.token_begin - 1].lower == "their")) {
      const uint32_t sent = doc->tokens[m.token_begin].sentence;
      const Mention* owner = nullptr;
      for (const Mention& o : ms) {
        if (o.token_begin >= m.token_begin || (owner && o.token_begin < owner->token_begin)) continue;
        if (o.type != MentionType::kActor || o.country.empty() || o.pronoun || o.partisan ||
            o.entity_type == EntityType::kPerson || doc->tokens[o.token_begin].sentence != sent ||
            HasMainCountryGuess(o.rule))
          continue;
        owner = &o;
      }
      if (owner) {
        give(m, owner->country, "possessor");
        continue;
      }
    }
    const bool local = LocalRole(m.roles);
    if (m.roles != "CVL" && m.roles != "PPL" && !local) continue;
    uint32_t sent = doc->tokens[m.token_begin].sentence;
    std::string_view place;
    bool several = false;
    for (auto& p : ms) {
      if (p.type != MentionType::kPlace || p.country.empty() || p.token_begin == 0 ||
          doc->tokens[p.token_begin].sentence != sent || !AfterLocative(doc->tokens, p.token_begin, p.feature == "country", kAt) ||
          (local && !OneClause(*doc, m, p, kAt)))
        continue;
      if (!place.empty() && place != p.country) several = true;
      place = p.country;
    }
    if (several) continue;
    const char* why = "place of the sentence";
    if (place.empty() && !local) {
      place = AttackedPlaceBefore(*doc, m);
      why = "place attacked";
    }
    if (place.empty()) continue;
    give(m, place, why);
  }
}

void RolesFromPlaces(const Lexicon& lex, Document* doc) {
  if (!NamesACountry(*doc)) RolesFromPlacesNamedMost(lex, doc);  // DominantCountry(*doc) is ""
  LocalPlaceEvidence(lex, doc);
}

void RolesFromPlacesNamedMost(const Lexicon& lex, Document* doc) {
  // Counts by country in the order first met (an article's places name
  // few countries: a short list, no hash table); the first to reach the
  // top count wins.
  std::vector<std::pair<std::string_view, int>> n;
  std::string_view best;
  int top = 0;
  for (auto& m : doc->mentions) {
    if (m.type != MentionType::kPlace || m.country.empty()) continue;
    auto it = std::find_if(n.begin(), n.end(), [&m](const auto& c) { return c.first == m.country; });
    if (it == n.end()) it = n.insert(n.end(), {m.country, 0});
    if (++it->second > top) {
      top = it->second;
      best = m.country;
    }
  }
  if (!best.empty()) GiveRolesACountry(lex, std::string(best), doc);
}

namespace {

// FoldKey(s) appended to *out, without a string of its own when `s` is
// ASCII (FoldKey is then lower case, byte for byte).
void AppendFoldKey(std::string_view s, std::string* out) {
  const size_t at = out->size();
  out->resize(at + s.size());
  char* d = out->data() + at;
  unsigned char high = 0;  // the high bits of every byte: none when ASCII
  for (char c : s) {
    high |= static_cast<unsigned char>(c);
    *d++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (high >= 0x80) {
    out->resize(at);
    *out += FoldKey(s);
  }
}

// The entities' keys ("P:" + a person's folded name, "C:" + a country ...)
// to their index: open addressing over the keys' bytes in one pool, made
// for at most `n` keys by Clear (one per mention), so that it never grows
// and allocates nothing once its thread has coded an article as large.
class EntityKeys {
 public:
  void Clear(size_t n) {
    pool_.clear();
    entries_.clear();
    size_t cap = 16;
    while (cap < 2 * n + 2) cap *= 2;
    slots_.assign(cap, -1);
  }
  // The index stored for `key`, and false; or `value`, stored, and true.
  // REQUIRES: fewer keys than Clear's `n` so far.
  std::pair<int, bool> TryEmplace(std::string_view key, int value) {
    const uint32_t hash = WordSet::Hash(key);
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    for (uint32_t h = hash & mask;; h = (h + 1) & mask) {
      const int32_t s = slots_[h];
      if (s < 0) {
        slots_[h] = static_cast<int32_t>(entries_.size());
        entries_.push_back(Entry{hash, static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(key.size()), value});
        pool_.append(key);
        return {value, true};
      }
      const Entry& e = entries_[static_cast<size_t>(s)];
      if (e.hash == hash && e.len == key.size() && SameBytes(pool_.data() + e.off, key.data(), key.size()))
        return {e.value, false};
    }
  }

 private:
  struct Entry {
    uint32_t hash, off, len;
    int value;
  };
  std::string pool_;
  std::vector<Entry> entries_;
  std::vector<int32_t> slots_;
};

// An entity's key, built in place: its pieces copied into one buffer that
// keeps its storage from mention to mention and article to article, each
// piece an inline copy rather than a call of std::string's assign or append.
class KeyBuffer {
 public:
  void Clear() { len_ = 0; }
  [[gnu::always_inline]] void Append(std::string_view s) {
    char* d = Room(s.size());
    const char* p = s.data();
    const size_t n = s.size();
    // The pieces are short (a prefix, a name, a code): copied as two
    // overlapping words of a fixed size, which compile to moves, rather
    // than by a call of memcpy for a few bytes; memcpy for a long piece.
    if (n >= 8 && n <= 16) {
      std::memcpy(d, p, 8);
      std::memcpy(d + n - 8, p + n - 8, 8);
    } else if (n >= 4 && n < 8) {
      std::memcpy(d, p, 4);
      std::memcpy(d + n - 4, p + n - 4, 4);
    } else if (n > 16) {
      std::memcpy(d, p, n);
    } else {
      for (size_t k = 0; k < n; ++k) d[k] = p[k];
    }
    len_ += n;
  }
  // FoldKey(s) appended: lower case, byte for byte, when `s` is ASCII.
  void AppendFolded(std::string_view s) {
    char* d = Room(s.size());
    unsigned char high = 0;  // the high bits of every byte: none when ASCII
    for (char c : s) {
      high |= static_cast<unsigned char>(c);
      *d++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (high < 0x80) {
      len_ += s.size();
      return;
    }
    Append(FoldKey(s));
  }
  std::string_view view() const { return {buf_.data(), len_}; }

 private:
  // Room for `n` more bytes after the key so far: inline, as the buffer
  // grows only for the first long keys of a thread.
  [[gnu::always_inline]] char* Room(size_t n) {
    if (len_ + n > buf_.size()) [[unlikely]] Grow(n);
    return buf_.data() + len_;
  }
  [[gnu::noinline]] void Grow(size_t n) { buf_.resize(std::max(2 * buf_.size(), len_ + n)); }
  std::vector<char> buf_;
  size_t len_ = 0;
};

// TrackEntities' lists, kept per thread and cleared per article, so that
// they are not allocated again for each.
struct TrackScratch {
  EntityKeys keys;
  KeyBuffer key;
  std::string fold, fold_written, fold_name;
  std::vector<std::pair<uint32_t, uint32_t>> quoted;  // [begin, end) token ranges inside double quotes
  std::vector<uint32_t> pronouns;                     // tokens "he" and "she"
  std::vector<uint32_t> sorted, order;
  std::vector<std::pair<int, uint32_t>> recent;
  std::vector<char> recent_quoted;
  std::vector<char> gender;  // by entity: 'f', 'm', '?'
  std::vector<int> first_person, first_person_out;
  std::vector<char> first_is_office, first_is_office_out;
};

// `v` copied into *s, which is empty (a new entity's string): appended,
// which copies the bytes without the general replace that an assignment
// makes (string traffic is most of an entity's cost).
inline void FillEmpty(std::string* s, std::string_view v) {
  if (!v.empty()) s->append(v.data(), v.size());
}

// "e" + (i + 1): an entity's id, into *id, which is empty.
void SetEntityId(int i, std::string* id) {
  char buf[16];
  char* end = buf + sizeof buf;
  char* p = end;
  for (unsigned v = static_cast<unsigned>(i) + 1; v; v /= 10) *--p = static_cast<char>('0' + v % 10);
  *--p = 'e';
  FillEmpty(id, std::string_view(p, static_cast<size_t>(end - p)));
}

// The gender a title tells ('f', 'm'), '?' if none: by its first word
// ("Mrs", "Sir", "Queen"), or the whole of it ("first lady").
char GenderOfTitle(std::string_view title, std::string* fold) {
  if (title.empty()) return '?';  // (what the lists below give "")
  fold->clear();
  AppendFoldKey(title, fold);
  const std::string_view t = *fold;
  std::string_view first = t.substr(0, t.find(' '));
  if (!first.empty() && first.back() == '.') first.remove_suffix(1);
  static constexpr std::string_view kF[] = {"mrs", "ms", "miss", "madam", "lady", "queen", "dame", "first lady", "princess"};
  static constexpr std::string_view kM[] = {"mr", "sir", "lord", "king", "prince", "sheikh"};
  for (std::string_view f : kF)
    if (first == f || t == f) return 'f';
  for (std::string_view m : kM)
    if (first == m) return 'm';
  return '?';
}

// Puts doc->mentions in the order `order` gives (mention order[k] goes to
// place k), in place: each mention moves once, along the cycles of the
// permutation, and the list keeps its storage. `order` is consumed.
void PermuteMentions(std::vector<uint32_t>* order, std::vector<Mention>* ms) {
  auto& o = *order;
  for (uint32_t k = 0; k < o.size(); ++k) {
    if (o[k] == k) continue;
    Mention held = std::move((*ms)[k]);
    uint32_t d = k;
    while (o[d] != k) {
      const uint32_t s = o[d];
      (*ms)[d] = std::move((*ms)[s]);
      o[d] = d;
      d = s;
    }
    (*ms)[d] = std::move(held);
    o[d] = d;
  }
}

}  // namespace

// A country's office held by one person, named by its title alone ("the
// president of Chile", "Argentina's foreign minister"): the title ends in a
// role of one person (title or person kind), not of a body or of many.
// `fold` is a buffer for the folded title.
static bool OnePersonsOffice(const Lexicon& lex, const Mention& m, std::string* fold) {
  if (m.type != MentionType::kActor || m.pronoun || m.title.empty() || m.country.empty() ||
      m.entity_type != EntityType::kGroup)
    return false;
  fold->clear();
  AppendFoldKey(m.title, fold);
  const std::string_view title = *fold;
  auto person_kind = [&](std::string_view key) {
    if (const auto* refs = lex.FindName(key))
      for (const NameRef& r : *refs)
        if (r.kind == NameRef::kRole) return lex.roles()[r.index].kind != RoleKind::kGroup;
    return false;
  };
  if (person_kind(title)) return true;
  size_t sp = title.rfind(' ');
  return sp != std::string::npos && person_kind(title.substr(sp + 1));
}

void TrackEntities(const Lexicon& lex, Document* doc) {
  TokenMarks marks;
  FindTokenMarks(*doc, &marks);
  TrackEntities(lex, doc, marks);
}

void TrackEntities(const Lexicon& lex, Document* doc, const TokenMarks& marks) {
  thread_local TrackScratch scratch;
  TrackScratch& x = scratch;
  auto& ents = doc->entities;
  const auto& tk = doc->tokens;
  const uint32_t ntok = static_cast<uint32_t>(tk.size());
  // The marked tokens (FindTokenMarks: those that may be "he" or "she",
  // open a paragraph or are a quotation mark; no other token is any of
  // these): the pronouns "he" and "she" (a token whose hash is neither
  // word's is neither, without a lookup), and the tokens inside a double
  // quote. A person named in a quote, and a pronoun in
  // it, is no antecedent for the attribution's "he" or "she" ('"I met
  // Putin," he said' is not Putin speaking; '"She has deep experience,"
  // he said' tells no gender of the speaker). A paragraph ends a quote; a
  // closing mark, or another opening one, ends it at the mark.
  x.pronouns.clear();
  x.quoted.clear();
  {
    bool in = false;
    uint32_t from = 0;
    // In registers for the loop (the lists it fills could alias them).
    const Token* const tb = tk.data();
    const uint32_t he = kHeHash, she = kSheHash;
    for (const uint32_t i : marks.marks) {
      const Token& t = tb[i];
      const uint32_t h = t.hash;
      if ((h == he || h == she) && kHeShe.contains(t)) [[unlikely]]
        x.pronouns.push_back(i);
      if (!(t.flags & (kParagraphBefore | kOpenQuote | kCloseQuote))) [[likely]]
        continue;
      if (t.has(kParagraphBefore) && in) {
        if (i > from) x.quoted.emplace_back(from, i);
        in = false;
      }
      const bool mark = t.kind == TokenKind::kPunct && t.norm.size() == 1 && t.norm[0] == '"';
      if (mark && t.has(kOpenQuote)) {
        if (in && i > from) x.quoted.emplace_back(from, i);
        in = true;
        from = i + 1;
      } else if (mark && t.has(kCloseQuote)) {
        if (in && i > from) x.quoted.emplace_back(from, i);
        in = false;
      }
    }
    if (in && ntok > from) x.quoted.emplace_back(from, ntok);
  }
  auto in_quote = [&x](const Mention& m) {
    // The first range that ends after the mention's first token.
    auto it = std::upper_bound(x.quoted.begin(), x.quoted.end(), m.token_begin,
                               [](uint32_t tok, const std::pair<uint32_t, uint32_t>& r) { return tok < r.second; });
    return it != x.quoted.end() && it->first <= m.token_begin;
  };
  // Pronouns: "he"/"she" at a clause start after a sentence about a person,
  // as mentions among the others, all in order of their start (a stable
  // order: a pronoun after the mentions that start where it does).
  if (!x.pronouns.empty()) {
    auto& ms = doc->mentions;
    const uint32_t before = static_cast<uint32_t>(ms.size());
    for (uint32_t i : x.pronouns) {
      Mention& m = ms.emplace_back();
      m.type = MentionType::kActor;
      m.token_begin = i;
      m.token_end = i + 1;
      m.span = tk[i].span;
      m.pronoun = true;
      m.entity_type = EntityType::kPerson;
    }
    // The mentions there were, stably sorted by start (often in order
    // already), merged with the pronouns (in order): a pronoun goes after
    // the mentions that start where it does.
    auto& sorted = x.sorted;
    sorted.resize(before);
    for (uint32_t k = 0; k < before; ++k) sorted[k] = k;
    bool in_order = true;
    for (uint32_t k = 1; k < before && in_order; ++k) in_order = ms[k - 1].span.begin <= ms[k].span.begin;
    if (!in_order)
      std::stable_sort(sorted.begin(), sorted.end(),
                       [&ms](uint32_t a, uint32_t b) { return ms[a].span.begin < ms[b].span.begin; });
    auto& order = x.order;
    order.clear();
    uint32_t a = 0, p = before;
    const uint32_t total = static_cast<uint32_t>(ms.size());
    while (a < before || p < total) {
      if (p == total || (a < before && ms[sorted[a]].span.begin <= ms[p].span.begin)) order.push_back(sorted[a++]);
      else order.push_back(p++);
    }
    PermuteMentions(&order, &ms);
  }
  const size_t nsent = doc->sentences.size();
  // Persons in order of their latest mention, with a gender where an
  // honorific or title tells it ('f', 'm', '?'), for "he" and "she".
  auto& recent = x.recent;
  auto& recent_quoted = x.recent_quoted;
  recent.clear();
  recent_quoted.clear();
  // The lists below (recent, recent_quoted, gender, first_person, ...) are
  // read only to resolve a "he" or "she": in an article with none (most
  // of them) they are neither filled nor read, and the persons' genders
  // and offices are not worked out.
  const bool for_pronouns = !x.pronouns.empty();
  // The first person each sentence names (its subject, more often than
  // not), for "he"/"she" later in that sentence or at the start of the next.
  auto& first_person = x.first_person;
  // An office named by its title alone ("the president of Chile") is the
  // sentence's person only until a named person comes ("A former minister
  // who ..., Jane Roe, said": Jane Roe).
  auto& first_is_office = x.first_is_office;
  // The same, and the persons in order, without those named in quotes:
  // for a "he" or "she" outside quotes.
  auto& first_person_out = x.first_person_out;
  auto& first_is_office_out = x.first_is_office_out;
  if (for_pronouns) {
    // At most one entity per mention.
    x.gender.assign(ents.size() + doc->mentions.size(), '?');
    first_person.assign(nsent, -1);
    first_is_office.assign(nsent, 0);
    first_person_out.assign(nsent, -1);
    first_is_office_out.assign(nsent, 0);
  }
  auto note_first = [&](int idx, uint32_t sent, bool in_q = false) {
    recent_quoted.push_back(in_q);
    if (sent < first_person.size() && (first_person[sent] < 0 || first_is_office[sent])) {
      first_person[sent] = idx;
      first_is_office[sent] = 0;
    }
    if (!in_q && sent < first_person_out.size() && (first_person_out[sent] < 0 || first_is_office_out[sent])) {
      first_person_out[sent] = idx;
      first_is_office_out[sent] = 0;
    }
  };
  auto note_person = [&](int idx, uint32_t sent, const Mention& m) {
    if (!for_pronouns) return;
    recent.emplace_back(idx, sent);
    note_first(idx, sent, in_quote(m));
    char g = GenderOfTitle(m.title, &x.fold);
    if (g != '?') x.gender[idx] = g;
  };
  auto add = [&](std::string_view key, Mention& m, EntityType type, std::string_view name) {
    auto [idx, fresh] = x.keys.TryEmplace(key, static_cast<int>(ents.size()));
    if (fresh) {
      Entity& e = ents.emplace_back();  // room was reserved: no entity moves
      // Room for a few mentions at once: an entity named again (one in
      // three) does not grow its list one allocation at a time.
      e.mentions.reserve(4);
      // A new entity's strings are empty: each filled by FillEmpty, and an
      // empty one (no title, most often) not copied.
      SetEntityId(idx, &e.id);
      FillEmpty(&e.name, name);
      e.type = type;
      FillEmpty(&e.country, m.country);
      FillEmpty(&e.role, m.title);
      if (type == EntityType::kLocation) {
        e.lat = m.lat;
        e.lon = m.lon;
        FillEmpty(&e.feature, m.feature);
      } else {
        FillEmpty(&e.code, m.code);
      }
    } else {
      Entity& e = ents[idx];
      // A title written with the name itself ("Defense Minister Rustem
      // Umerov") outranks one from an apposition ("Ukraine's chief
      // negotiator, ...").
      std::string_view written = doc->text(m.span);
      if (!m.title.empty() && (e.role.empty() || (type == EntityType::kPerson &&
                                                  written.find(e.name) != std::string_view::npos &&
                                                  written.find(m.title) != std::string_view::npos)))
        e.role = m.title;
      if (e.country.empty() && !m.country.empty()) e.country = m.country;
      if (e.code.size() < m.code.size() && type != EntityType::kLocation) e.code = m.code;
    }
    ents[idx].mentions.push_back(m.span);
    m.entity = idx;
    return idx;
  };
  // Each entity's key, built in one buffer: "P:" + the folded name ...
  KeyBuffer& key = x.key;
  auto key_of = [&key](std::string_view a, std::string_view b, std::string_view c = {},
                       std::string_view d = {}) __attribute__((always_inline)) -> std::string_view {
    key.Clear();
    key.Append(a);
    key.Append(b);
    key.Append(c);
    key.Append(d);
    return key.view();
  };
  auto folded_key_of = [&key](std::string_view a, std::string_view b) -> std::string_view {
    key.Clear();
    key.Append(a);
    key.AppendFolded(b);
    return key.view();
  };
  // Room for an entity per mention up front, so the entities are never
  // moved as the list grows.
  ents.reserve(ents.size() + doc->mentions.size());
  x.keys.Clear(doc->mentions.size());
  for (auto& m : doc->mentions) {
    if (m.type == MentionType::kPlace) {
      if (std::string_view(m.feature) == "country") continue;
      add(key_of("L:", m.name, "/", m.country), m, EntityType::kLocation, m.name);
      continue;
    }
    if (m.type != MentionType::kActor) continue;
    uint32_t sent = tk[m.token_begin].sentence;
    if (m.pronoun) {
      char want = std::string_view(tk[m.token_begin].lower) == "she" ? 'f' : 'm';
      auto fits = [&](int idx) { return x.gender[idx] == '?' || x.gender[idx] == want; };
      int pick = -1;
      const bool q = in_quote(m);
      // The last person named, outside quotes for a pronoun outside them.
      int last = static_cast<int>(recent.size()) - 1;
      while (!q && last >= 0 && recent_quoted[last]) --last;
      const std::vector<int>& firsts = q ? first_person : first_person_out;
      // "he" opening the sentence after "X said Y and Z would be punished"
      // is the subject X, not the last person named. (Preferring as well
      // the subject of the pronoun's own sentence was measured: eval key
      // 0.544 -> 0.545, quotes 150 -> 151, span 0.275 -> 0.274; left out.)
      if (sent > 0 && sent - 1 < firsts.size() && firsts[sent - 1] >= 0 &&
          fits(firsts[sent - 1]) && last >= 0 && recent[last].second == sent - 1)
        pick = firsts[sent - 1];
      for (int k = last; pick < 0 && k >= 0; --k) {
        if (recent[k].second + 2 < sent) break;
        if ((!q && recent_quoted[k]) || !fits(recent[k].first)) continue;
        pick = recent[k].first;
        break;
      }
      if (pick >= 0) {
        const Entity& e = ents[pick];
        m.name = e.name;
        m.code = e.code;
        m.country = e.country;
        if (e.code.size() > 3) m.roles.assign(e.code, 3);
        else m.roles.clear();
        m.rule = "pronoun -> ";
        m.rule += e.id;
        ents[pick].mentions.push_back(m.span);
        m.entity = pick;
        // A pronoun in a quote may be someone other than the speaker:
        // it tells no gender.
        if (!q) x.gender[pick] = want;
        recent.emplace_back(pick, sent);
        note_first(pick, sent, q);
      }
      continue;
    }
    if (m.entity_type == EntityType::kPerson) {
      const std::string_view written = doc->text(m.span);
      bool named = !m.name.empty() && std::string_view(m.name) != written;
      // A title alone ("the president") is the last person with that title;
      // a name written out ("Recep Tayyip Erdogan", whose office is also
      // President) is never merged into another person.
      bool title_only = false;
      if (!m.title.empty() && written.find(m.name) != std::string_view::npos) {
        // Folded into the scratch strings (no string allocated per mention).
        std::string& folded_written = x.fold_written;
        std::string& folded_name = x.fold_name;
        folded_written.clear();
        folded_name.clear();
        AppendFoldKey(written, &folded_written);
        AppendFoldKey(m.name, &folded_name);
        if (folded_name == folded_written) {
          x.fold.clear();
          AppendFoldKey(m.title, &x.fold);
          title_only = std::string_view(folded_written).ends_with(x.fold);
        }
      }
      // "its president", "the country's foreign minister": the office of
      // the country named last, not the last person with that title.
      if (title_only && !named && m.token_begin > 0) {
        std::string_view before = tk[m.token_begin - 1].lower;
        if (before == "its" || before == "their") {
          const Entity* country = nullptr;
          for (int k = static_cast<int>(ents.size()) - 1; k >= 0 && !country; --k)
            if (ents[k].type == EntityType::kCountry && !ents[k].country.empty()) country = &ents[k];
          if (country) {
            const Country* c = lex.FindCountry(country->country);
            if (c) {
              m.country = c->iso3;
              m.code = c->cameo + (m.roles.empty() ? std::string("GOV") : m.roles);
              m.rule += " + office of " + country->id;
              key.Clear();
              key.Append("P:");
              key.AppendFolded(m.title);
              key.Append("/");
              key.Append(c->iso3);
              add(key.view(), m, EntityType::kPerson, doc->text(m.span));
              continue;
            }
          }
        }
      }
      if (title_only && !named) {
        int found = -1;
        // Folded into the scratch strings (no string allocated per entity asked).
        std::string& want = x.fold_written;
        want.clear();
        AppendFoldKey(m.title, &want);
        // The same office: "the president" is not the last vice president
        // or deputy president ("Vice President Mike Pence").
        auto same_office = [&](const std::string& role) {
          std::string& r = x.fold_name;
          r.clear();
          AppendFoldKey(role, &r);
          size_t at = r.find(want);
          if (at == std::string::npos) return false;
          static const char* kLesser[] = {"vice", "deputy", "former", "assistant", "under", "ex-", "vice-"};
          for (const char* l : kLesser)
            if (r.find(l) != std::string::npos && want.find(l) == std::string::npos) return false;
          return true;
        };
        for (int k = static_cast<int>(ents.size()) - 1; k >= 0; --k)
          if (ents[k].type == EntityType::kPerson && same_office(ents[k].role)) {
            found = k;
            break;
          }
        if (found >= 0) {
          m.name = ents[found].name;
          m.code = ents[found].code;
          m.country = ents[found].country;
          m.rule += " -> " + ents[found].id;
          ents[found].mentions.push_back(m.span);
          m.entity = found;
          note_person(found, sent, m);
          continue;
        }
      }
      int idx = add(folded_key_of("P:", m.name), m, EntityType::kPerson, m.written.empty() ? m.name : m.written);
      // A known person is named as the article first spells the full name
      // ("Aleksandr Lukashenka"), when that is not the dictionary's spelling.
      if (!m.written.empty() && ents[idx].name == m.name) ents[idx].name = m.written;
      note_person(idx, sent, m);
      continue;
    }
    if (m.entity_type == EntityType::kCountry && m.roles.empty()) {
      add(key_of("C:", m.country), m, EntityType::kCountry, m.name);
      continue;
    }
    // Organisations known only by their name are told apart by it: two
    // companies are two entities though both are BUS.
    if (m.entity_type == EntityType::kOrg && std::string_view(m.rule).starts_with("organisation:")) {
      add(folded_key_of("O:", m.name), m, EntityType::kOrg, m.name);
      continue;
    }
    int idx = add(key_of("G:", m.code), m, m.entity_type == EntityType::kCountry ? EntityType::kGroup : m.entity_type, m.name);
    // "The president of Chile ... he said": a country's office for one
    // person, though unnamed, is someone "he" or "she" may be.
    if (for_pronouns && OnePersonsOffice(lex, m, &x.fold)) {
      recent.emplace_back(idx, sent);
      recent_quoted.push_back(in_quote(m));
      if (!in_quote(m) && sent < first_person_out.size() && first_person_out[sent] < 0) {
        first_person_out[sent] = idx;
        first_is_office_out[sent] = 1;
      }
      if (sent < first_person.size() && first_person[sent] < 0) {
        first_person[sent] = idx;
        first_is_office[sent] = 1;
      }
    }
  }
}

}  // namespace parley
