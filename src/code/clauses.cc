// Clause analysis: which words of a sentence are verbs (LooksVerb), each
// verb's group of auxiliaries with its tense, negation, modality and voice
// (FindVerbs), the subject of each group (Subject: nearest actor to the
// left within the clause, skipping appositions, participle phrases and
// prepositional objects; relative pronouns take their antecedent; control
// verbs pass a subject to their infinitive), coordinated actors, and where
// a clause ends.
// Tested by tests/coder_test.cc.
#include "code/sentence_coder.h"
#include "text/vocabulary.h"
#include "text/work.h"

#include <algorithm>

namespace parley {

namespace {
// Auxiliaries of obligation before an infinitive: "has to", "ought to"
// ("had to" reports what was done).
const Set kObligingAux = {"has", "have", "ought"};
// FindVerbs' word lists, at namespace scope so that they are made before the
// first Vocabulary: a numbered token is tested by one bit (text/wordset.h).
// Before an infinitive, an intention: "ready to", "willing to".
const Set kReady = {"ready", "willing", "prepared", "eager", "keen", "determined", "unwilling"};
// Open a clause: "as Japan's prime minister called for talks".
const Set kOpensClause = {"as", "while", "when", "whereas", "because", "although", "though", "but"};
// After a reduced relative's participle: "two men sought in the slaying".
const Set kAfterParticiple = {"in", "by", "for", "over", "after", "during", "since", "at"};
// A phrasal verb's particle: "carried out by".
const Set kParticles = {"out", "up", "off", "down"};
}  // namespace

void SentenceCoder::IndexMentions() {
  n_ = s_.token_end - s_.token_begin;
  const uint32_t n = n_;
  // The mention tables are clean (-1, -1, 0) but where the last sentence
  // coded on this thread had actors: reset those entries, and grow the
  // tables clean. (Most sentences have few actor tokens or none.)
  for (const auto& [b, e] : tables_.mention_marks)
    for (uint32_t q = b; q < e; ++q) {
      mention_at_[q] = -1;
      mention_end_[q] = -1;
      in_mention_[q] = 0;
    }
  tables_.mention_marks.clear();
  // The spans of the sentence where an "if", "unless" or "whether" stands
  // before a token in its clause (no , ; : -- since), FindVerbs' status of
  // a verb group (InCondition): found in this pass over the tokens, instead
  // of a scan back to the clause start for each verb, which made a long
  // clause of verbs ("accused accused ...") quadratic. Kept as spans, not a
  // byte per token: most sentences have none, and the usual token (a word
  // of no kClauseStop) cannot start or end one, so it costs no store.
  tables_.conditions.clear();
  // The per-token tables all have room for `room` tokens, grown together,
  // rarely: the mention tables and group_at_ clean, the others to be
  // written below (every entry of the sentence's is, so the loop works
  // through local pointers: its stores could otherwise alias the members
  // it reads, which the compiler would load again per token).
  if (tables_.room < n + 1) {
    const size_t size = std::max<size_t>(n + 1, 2 * tables_.room);
    mention_at_.resize(size, -1);
    mention_end_.resize(size, -1);
    in_mention_.resize(size, 0);
    group_at_.resize(size, -1);
    forms_.resize(size);
    info_.resize(size);
    cls_.resize(size);
    verb_words_.resize(size);
    noun_words_.resize(size);
    tables_.clause_mark.resize(size);
    tables_.room = size;
  }
  char* clause_mark = tables_.clause_mark.data();
  std::span<const int32_t>* forms = forms_.data();
  const Coder::FormInfo** info = info_.data();
  uint32_t* cls = cls_.data();
  uint32_t* verb_words = verb_words_.data();
  uint32_t* noun_words = noun_words_.data();
  size_t verbs = 0, nouns = 0;
  const Token* tokens = tk_.data() + s_.token_begin;
  const Coder& coder = c_;
  // Coder::Form by word id, its tables read once here rather than per
  // token (the stores below could alias them for all the compiler knows).
  const uint32_t* form_of_word = coder.form_of_word_.empty() ? nullptr : coder.form_of_word_.data();
  const Coder::FormInfo* form_table = coder.forms_.data();
  // The condition's state after the tokens so far, and where it began (an
  // offset one past its "if"): a span of tables_.conditions once it ends.
  bool cond = false;
  uint32_t cond_from = 0;
  // One pass over the tokens, written once for the two ways of finding a
  // token's record (kById: by its word id, the usual way, which then
  // needs no test per token of whether the table is there).
  auto pass = [&]<bool kById>() {
    for (uint32_t k = 0; k < n; ++k) {
      const Token& t = tokens[k];
      const Coder::FormInfo* fi;  // pattern forms and closed-class words in one table
      if (kById && t.word != kUnnumberedWord) {
        const uint32_t f = form_of_word[t.word];
        fi = f ? form_table + (f - 1) : nullptr;
      } else {
        fi = coder.Form(t);
      }
      const uint32_t c = fi ? fi->cls : 0;
      cls[k] = c;
      const bool is_word = t.kind == TokenKind::kWord;
      clause_mark[k] = !is_word || (c & (kClsStop | kClsSubord)) != 0;  // (and each verb: FindVerbs)
      if (fi && is_word) {
        info[k] = fi;
        forms[k] = fi->ids();
        verb_words[verbs] = k;
        verbs += fi->verb_len != 0 && !(c & kClsAux);
        noun_words[nouns] = k;
        nouns += fi->noun_len != 0;
      } else {
        info[k] = nullptr;
        forms[k] = std::span<const int32_t>();
      }
      // Only a word of kClauseStop ("if", "unless", "whether" among them)
      // or a token that is no word ("," ";" ":" "--") may start or end a
      // condition: the other words are passed on their class bits, with
      // no store.
      if (is_word && !(c & kClsStop)) continue;
      const std::string_view w = t.lower;
      bool opens = false, ends = false;
      switch (w.size()) {  // by length first: most words are none of these
        case 1:
          ends = w[0] == ',' || w[0] == ';' || w[0] == ':';
          break;
        case 2:
          ends = w == "--";
          opens = w == "if";
          break;
        case 6:
          opens = w == "unless";
          break;
        case 7:
          opens = w == "whether";
          break;
      }
      if (opens && !cond) {
        cond = true;
        cond_from = k + 1;
      } else if (ends && cond) {
        cond = false;
        tables_.conditions.emplace_back(cond_from, k + 1);
      }
    }
  };
  if (form_of_word) pass.template operator()<true>();
  else pass.template operator()<false>();
  if (cond) tables_.conditions.emplace_back(cond_from, n + 1);
  verb_count_ = verbs;
  noun_count_ = nouns;
  for (int k : actors_) {
    const Mention& m = doc_->mentions[k];
    if (m.type != MentionType::kActor || m.code.empty()) continue;
    if (m.token_begin < s_.token_begin || m.token_end > s_.token_end) continue;
    mention_at_[m.token_begin - s_.token_begin] = static_cast<int>(k);
    mention_end_[m.token_end - 1 - s_.token_begin] = static_cast<int>(k);
    for (uint32_t q = m.token_begin; q < m.token_end; ++q) in_mention_[q - s_.token_begin] = 1;
    tables_.mention_marks.emplace_back(m.token_begin - s_.token_begin, m.token_end - s_.token_begin);
  }
}

namespace {
const std::string kNoIrregular;  // IrregularOf's mark of a word that is none

// IrregularOf's first look-up of a word id (and the making of the cache for
// another coder or vocabulary): out of line, so that the usual answer, from
// the cache, is a few loads.
[[gnu::noinline]] const std::string* FillIrregular(std::vector<const std::string*>* cache, uint64_t key[2],
                                                  uint64_t coder, uint64_t vocabulary, const Lexicon& lex,
                                                  const Token& t) {
  if (key[0] != coder || key[1] != vocabulary) {
    key[0] = coder;
    key[1] = vocabulary;
    cache->clear();
  }
  if (t.word >= cache->size()) cache->resize(std::max<size_t>(t.word + 1, 2 * cache->size()));
  const std::string*& slot = (*cache)[t.word];
  if (!slot) {
    const std::string* lemma = lex.IrregularVerb(t.lower);
    slot = lemma ? lemma : &kNoIrregular;
  }
  return slot == &kNoIrregular ? nullptr : slot;
}
}  // namespace

const std::string* SentenceCoder::IrregularOf(uint32_t i) const {
  const Token& t = T(i);
  if (doc_->vocabulary == 0 || t.word <= kUnknownWord) return c_.lex_.IrregularVerb(t.lower);  // no id of its own
  // (A coder keeps its lexicon: its serial stands for both.)
  const std::vector<const std::string*>& cache = tables_.irregular;
  if (tables_.irregular_key[0] == c_.serial_ && tables_.irregular_key[1] == doc_->vocabulary &&
      t.word < cache.size()) {
    if (const std::string* slot = cache[t.word]) return slot == &kNoIrregular ? nullptr : slot;
  }
  return FillIrregular(&tables_.irregular, tables_.irregular_key, c_.serial_, doc_->vocabulary, c_.lex_, t);
}

namespace {
// A word with an adjective's ending ("political", "dangerous", "military",
// "armed"): enough to tell a modifier from a noun in a coordination right
// after a determiner ("the political and armed factions", not "an argument
// and wounded five").
bool LooksAdjective(std::string_view w) {
  static constexpr std::string_view kEnds[] = {"al", "ous", "ful", "ic", "ive", "ary", "ed", "ian", "ile", "less"};
  for (std::string_view e : kEnds)
    if (w.size() > e.size() + 2 && EndsWith(w, e)) return true;
  return false;
}
}  // namespace

// VerbFactsOf's bits. kVerbFactKnown marks an answer worked out (a cache
// entry of 0 is none yet); kVerbFactEd: an "-ed" word or an irregular past
// form of the lemma (not the lemma itself: "put", "cut"), LooksVerb's
// participle; kVerbFactParticiple: FindVerbs' participle for the voice,
// an "-ed" word or any irregular form other than the lemma, not "-ing".
enum : uint8_t {
  kVerbFactKnown = 1,
  kVerbFactEndsEd = 2,
  kVerbFactEndsIng = 4,
  kVerbFactEd = 8,
  kVerbFactParticiple = 16,
};

namespace {
// VerbFactsOf's work: `irregular` is the word's lemma as an irregular verb
// form, or null (looked up only for a word not ending in "-ed").
uint8_t WorkVerbFacts(std::string_view w, std::string_view lemma, const std::string* irregular) {
  const bool ends_ed = EndsWith(w, "ed"), ends_ing = EndsWith(w, "ing");
  uint8_t f = kVerbFactKnown;
  if (ends_ed) f |= kVerbFactEndsEd | kVerbFactEd | kVerbFactParticiple;
  if (ends_ing) f |= kVerbFactEndsIng;
  if (!ends_ed && irregular && w != lemma) {
    if (*irregular == lemma) f |= kVerbFactEd;
    if (!ends_ing) f |= kVerbFactParticiple;
  }
  return f;
}
}  // namespace

// The usual answer, from the thread's cache, inline in LooksVerb: a few
// loads and tests.
[[gnu::always_inline]] inline uint8_t SentenceCoder::VerbFactsOf(uint32_t i, std::string_view lemma) const {
  const Token& t = T(i);
  const std::vector<uint8_t>& facts = tables_.verb_facts;
  if (t.word > kUnknownWord && t.word < facts.size() && doc_->vocabulary != 0 &&
      tables_.verb_facts_key[0] == c_.serial_ && tables_.verb_facts_key[1] == doc_->vocabulary) {
    if (const uint8_t f = facts[t.word]) return f;
  }
  return FillVerbFacts(i, lemma);
}

// VerbFactsOf's first answer for a word id (and the making of the cache for
// another coder or vocabulary), out of line.
[[gnu::noinline]] uint8_t SentenceCoder::FillVerbFacts(uint32_t i, std::string_view lemma) const {
  const Token& t = T(i);
  const uint8_t f = WorkVerbFacts(t.lower, lemma, EndsWith(t.lower, "ed") ? nullptr : IrregularOf(i));
  // A word with no id of its own is worked out each time (rare).
  if (doc_->vocabulary == 0 || t.word <= kUnknownWord) return f;
  // (The lemma is the word's record's: one answer per word id.)
  if (tables_.verb_facts_key[0] != c_.serial_ || tables_.verb_facts_key[1] != doc_->vocabulary) {
    tables_.verb_facts_key[0] = c_.serial_;
    tables_.verb_facts_key[1] = doc_->vocabulary;
    tables_.verb_facts.clear();
  }
  std::vector<uint8_t>& facts = tables_.verb_facts;
  if (t.word >= facts.size()) facts.resize(std::max<size_t>(t.word + 1, 2 * facts.size()), 0);
  facts[t.word] = f;
  return f;
}

// Token i is a word after the sentence's first, not capitalised (or in
// capitals), in no actor mention and after no determiner: its first tests,
// which FindVerbs, the one caller, makes before the call.
[[gnu::always_inline]] inline bool SentenceCoder::LooksVerb(uint32_t i, std::string_view lemma,
                                                             uint8_t* facts_out) const {
  // The sentence's tables by offset, loaded once (the store through
  // facts_out could alias them for all the compiler knows). Every token
  // asked about is in the sentence: i is not its first word, and the
  // tokens before i - 1 or after i are asked after a test of the bounds.
  const uint32_t tb = s_.token_begin, te = s_.token_end;
  const uint32_t* cls = cls_.data();
  const int* mention_end = mention_end_.data();
  const char* in_mention = in_mention_.data();
  auto cls_at = [&](uint32_t j) { return cls[j - tb]; };
  auto is = [&](uint32_t j, uint32_t bits) { return (cls[j - tb] & bits) != 0; };
  auto mention_end_at = [&](uint32_t j) { return mention_end[j - tb]; };
  const Token& t = T(i);
  const Token& p = T(i - 1);
  // "would not yield to pressure": no infinitive after a "to" that is a
  // preposition.
  // (ToIsPreposition asks for the "to" too: asked here first, inline.)
  if (i >= tb + 2 && std::string_view(p.lower) == "to" && ToIsPreposition(i - 2)) return false;
  const std::string_view w = t.lower;
  const uint8_t facts = VerbFactsOf(i, lemma);
  const bool ends_ed = facts & kVerbFactEndsEd, ends_ing = facts & kVerbFactEndsIng;
  // A plain form right before an auxiliary is a noun: "World Bank teams
  // have visited", "the talks were held".
  if (i + 1 < te && !ends_ed && !ends_ing &&
      is(i + 1, kClsBe | kClsHave | kClsWill | kClsHypo))
    return false;
  // (Set here, before every answer of true; FindVerbs reuses them.)
  *facts_out = facts;
  const bool ed = facts & kVerbFactEd;
  const bool ing = ends_ing;
  // "the police's newly formed unit", "a recently elected mayor": an
  // adverb and a participle between a determiner or possessive and a noun
  // modify the noun.
  if (ed && i >= tb + 2 && EndsWith(p.lower, "ly") && !is(i - 1, kClsAux | kClsNeg) &&
      (is(i - 2, kClsDet) || std::string_view(T(i - 2).lower) == "'s" || std::string_view(T(i - 2).norm) == "'") &&
      i + 1 < te && T(i + 1).kind == TokenKind::kWord && !is(i + 1, kClsPrep | kClsDet | kClsAux))
    return false;
  if (std::string_view(p.lower) == "to" || is(i - 1, kClsAux | kClsNeg | kClsAdverb) ||
      EndsWith(p.lower, "ly"))
    return true;
  // "by armed men", "in disputed waters": a participle after a
  // preposition modifies a noun. So does one joined to a word by a
  // hyphen: "the U.N.-backed talks", "a Saudi-led coalition".
  // "the political and armed factions", "its trained and equipped units":
  // a participle coordinated with a modifier right after a determiner or
  // possessive modifies the noun too.
  if (ed && i >= tb + 3 && (std::string_view(p.lower) == "and" || std::string_view(p.lower) == "or") &&
      T(i - 2).kind == TokenKind::kWord && !T(i - 2).has(kCapitalised) && !in_mention[i - 2 - tb] && cls_at(i - 2) == 0 &&
      LooksAdjective(T(i - 2).lower) && is(i - 3, kClsDet) && std::string_view(T(i - 3).lower) != "her" &&
      i + 1 < te && T(i + 1).kind == TokenKind::kWord && !T(i + 1).has(kCapitalised) &&
      cls_at(i + 1) == 0 && !in_mention[i + 1 - tb])
    return false;
  if (ed) return !is(i - 1, kClsPrep) && !(std::string_view(p.norm) == "-" && !t.has(kSpaceBefore));
  // "the Russian building", "a Ukrainian shelling": a determiner and a
  // one-word adjective actor before it make it a noun.
  if (ing && i >= tb + 2 && mention_end_at(i - 1) >= 0 &&
      doc_->mentions[mention_end_at(i - 1)].token_begin == i - 1 && is(i - 2, kClsDet))
    return false;
  // "a suicide bombing", "an arms smuggling": after "a"/"an" and one
  // lower-case noun, an -ing word heads the noun phrase.
  if (ing && i >= tb + 2 && (std::string_view(T(i - 2).lower) == "a" || std::string_view(T(i - 2).lower) == "an") &&
      p.kind == TokenKind::kWord && !p.has(kCapitalised) && mention_end_at(i - 1) < 0 && !is(i - 1, kClsPronoun))
    return false;
  // "the summit meeting of", "the heavy fighting, ...", "additional
  // reporting by", "the final ruling is": after a lower-case content word
  // (no subject: not an actor, pronoun or closed-class word), an -ing word
  // that takes no object or complement of a verb, but is followed by "of",
  // "by", an auxiliary or the end of its clause, heads a noun phrase. So
  // does one after an adjective ("-al", "-ous", "-ful", "-ic", "-est")
  // followed by a preposition: "financial backing from", "the bloodiest
  // fighting between".
  if (ing && p.kind == TokenKind::kWord && !p.has(kCapitalised) && mention_end_at(i - 1) < 0 && cls_at(i - 1) == 0 &&
      std::string_view(p.lower) != "and" && std::string_view(p.lower) != "or") {
    if (i + 1 >= te) return false;
    const Token& n = T(i + 1);
    const std::string_view nw = n.lower;
    if ((n.kind == TokenKind::kPunct && (nw == "," || nw == "." || nw == ";" || nw == ":" || nw == ")")) ||
        nw == "of" || nw == "by" || is(i + 1, kClsBe | kClsHave | kClsWill | kClsHypo))
      return false;
    const std::string_view pw = p.lower;
    if (is(i + 1, kClsPrep) && (EndsWith(pw, "al") || EndsWith(pw, "ous") || EndsWith(pw, "ful") ||
                                EndsWith(pw, "ic") || EndsWith(pw, "est")))
      return false;
  }
  if (ing) return true;
  // "Brazilian allies", "Kenyan trucks", "Russian strikes": an -s form
  // after a nationality adjective is a plural noun (the adjective is no
  // subject; "the Brazilians say" is).
  if (EndsWith(w, "s") && mention_end_at(i - 1) >= 0 && IsNationalityAdjective(mention_end_at(i - 1))) return false;
  // Base or -s form: after a subject (actor, pronoun, noun) .
  if (mention_end_at(i - 1) >= 0 || is(i - 1, kClsPronoun)) return true;
  // A base form after a plural noun under a nationality adjective: the
  // noun phrase is its subject ("Iranian rockets hit Israel", "Syrian
  // shells land in Turkey").
  if (!EndsWith(w, "s") && i >= tb + 2 && p.kind == TokenKind::kWord && !p.has(kCapitalised) &&
      cls_at(i - 1) == 0 && EndsWith(p.lower, "s") && !EndsWith(p.lower, "ss") && mention_end_at(i - 2) >= 0 &&
      IsNationalityAdjective(mention_end_at(i - 2)))
    return true;
  if (std::string_view(p.lower) == "and" || std::string_view(p.lower) == "or") {
    // "asset freezes and bans on travel": plurals joined by "and" are
    // nouns unless the first was read as a verb.
    if (EndsWith(w, "s") && i >= tb + 2 && EndsWith(T(i - 2).lower, "s") && mention_end_at(i - 2) < 0) {
      bool verb_before = !groups_.empty() && groups_.back().verb == i - 2;
      if (!verb_before) return false;
    }
    return true;
  }
  return false;
}

bool SentenceCoder::IsNationalityAdjective(int mi) const {
  const Mention& m = doc_->mentions[mi];
  if (m.entity_type != EntityType::kCountry || !m.roles.empty() || m.token_end != m.token_begin + 1) return false;
  const std::string_view w = T(m.token_begin).lower;
  if (w.size() < 4 || w.size() == m.name.size()) return false;  // the name itself ("Mali", "Iran")
  static const char* const kSuffixes[] = {"an", "ese", "ish", "ic", "ch", "i"};
  for (const char* x : kSuffixes)
    if (EndsWith(w, x)) return true;
  return false;
}

void SentenceCoder::FindVerbs() {
  groups_.clear();
  WorkCounter::Add(Work::kClauseSteps, s_.token_end - s_.token_begin);
  // The words with a verb lemma that are no auxiliary (IndexMentions).
  // LooksVerb's first tests, made here on the sentence's tables: a
  // capitalised word (not in capitals), a word of an actor mention, the
  // sentence's first word and a word after a determiner are no verb. They
  // settle about half the candidates, which then cost no call. (A candidate
  // is a word: IndexMentions.)
  const Token* tokens = tk_.data() + s_.token_begin;
  const char* in_mention = in_mention_.data();
  const uint32_t* cls = cls_.data();
  for (const uint32_t k : std::span<const uint32_t>(verb_words_.data(), verb_count_)) {
    if (k == 0 || (tokens[k].has(kCapitalised) && !tokens[k].has(kAllCaps)) || in_mention[k] ||
        (cls[k - 1] & kClsDet))
      continue;
    const uint32_t i = s_.token_begin + k;
    const Coder::FormInfo* fi = info_[i - s_.token_begin];
    const std::string_view lemma = fi->verb();
    uint8_t facts = 0;  // VerbFactsOf the word
    if (!LooksVerb(i, lemma, &facts)) continue;
    // Built in place (no Group moved per verb); the groups before it are
    // groups_[0, before).
    const size_t before = groups_.size();
    Group& g = groups_.emplace_back();
    g.verb = i;
    g.lemma = lemma;
    uint32_t b = i;
    bool saw_be = false, saw_will = false, saw_hypo = false, saw_have = false;
    while (b > s_.token_begin) {
      const std::string_view w = T(b - 1).lower;
      uint32_t c = Cls(b - 1);
      // An "-ly" word is an adverb, unless it is a name ("Italy").
      if ((c & (kClsAux | kClsNeg | kClsAdverb)) || (EndsWith(w, "ly") && w.size() > 4 && !InMention(b - 1))) {
        if (c & kClsNeg) g.negated = true;
        if (c & kClsBe) saw_be = true;
        if (c & kClsWill) saw_will = true;
        if (c & kClsHypo) saw_hypo = true;
        if (w == "must") g.obligation = 'd';
        if (w == "should") g.obligation = 'a';
        if (c & kClsHave) saw_have = true;
        --b;
        continue;
      }
      break;
    }
    if (b > s_.token_begin && std::string_view(T(b - 1).lower) == "to") {
      g.infinitive = true;
      --b;
      // "decided not to expel", "chose never to return": the infinitive
      // itself is negated.
      if (b > s_.token_begin && Is(b - 1, kClsNeg)) g.negated = true;
      // "has to leave", "ought to leave": an obligation, with no verb of
      // its own to control the infinitive.
      if (b > s_.token_begin && kObligingAux.count(T(b - 1)))
        g.obligation = std::string_view(T(b - 1).lower) == "ought" ? 'a' : 'd';
      // "ready to", "willing to", "prepared to": an intention.
      if (b > s_.token_begin + 1 && kReady.count(T(b - 1)) &&
          (kBe.count(T(b - 2)) || kNeg.count(T(b - 2)) || std::string_view(T(b - 2).lower) == "appeared")) {
        g.intent = true;
        if (std::string_view(T(b - 1).lower) == "unwilling") g.negated = true;
      }
      // "would not hesitate to strike", "will not hesitate to use force":
      // a stated intention to do it (force so stated is a threat, 138).
      if (b > s_.token_begin + 2 && std::string_view(T(b - 1).lower) == "hesitate" && kNeg.count(T(b - 2)) &&
          Is(b - 3, kClsWill | kClsHypo))
        g.intent = true;
    }
    // "would meet", "could support" state an intention (03x); "will meet"
    // is the meeting itself, planned (the status convention of
    // shared/spec/output.md).
    g.intent = g.intent || (saw_hypo && !g.infinitive && !kNeg.count(T(i - 1)));
    g.begin = b;
    const bool participle = facts & kVerbFactParticiple;
    g.passive = saw_be && participle;
    // "should have stopped", "must have known": no obligation now; "must
    // be stopped": the subject is not the one to act.
    if (saw_have || g.passive) g.obligation = 0;
    // "should have stopped", "could have attacked", "would have invaded":
    // a modal before a perfect is a counterfactual or a guess about the
    // past, no intention; it stays hypothetical (below), never a threat.
    if (saw_hypo && saw_have && participle) g.intent = false;
    // A reduced relative clause: a participle right after a noun phrase
    // and right before a preposition ("two men sought in the slaying",
    // "weapons seized by police") is passive, with no auxiliary.
    // Only a noun phrase that follows another verb (an object, not the
    // sentence's subject: "Protesters rallied in Ankara" stays active).
    // Not a verb of the quote before it: '"...," the minister said in a
    // statement' is the reporting clause.
    // Not a noun phrase that opens a clause after a conjunction: "as
    // Japan's prime minister called for talks" is active.
    auto opens_clause = [&](int mi) {
      uint32_t k = doc_->mentions[mi].token_begin;
      if (k > s_.token_begin && kDeterminers.count(T(k - 1))) --k;
      return k > s_.token_begin && kOpensClause.count(T(k - 1)) > 0;
    };
    if (!saw_be && participle && b == i && i + 1 < s_.token_end && MentionEnd(i - 1) >= 0 &&
        !opens_clause(MentionEnd(i - 1)) &&
        ((before > 0 && !(InQuote(groups_[before - 1].verb) && !InQuote(i))) ||
         AfterCopula(doc_->mentions[MentionEnd(i - 1)].token_begin))) {
      if (kAfterParticiple.count(T(i + 1))) g.passive = true;
    }
    // "a strike called by workers": a participle before "by" and an actor.
    if (!saw_be && participle && b == i && i + 2 < s_.token_end && std::string_view(T(i + 1).lower) == "by" &&
        (MentionAt(i + 2) >= 0 || (kDeterminers.count(T(i + 2)) && i + 3 < s_.token_end && MentionAt(i + 3) >= 0)))
      g.passive = true;
    // A reduced relative on a plain noun: a participle with no auxiliary
    // between a lower-case noun and "by" ("the raid carried out by X",
    // "a ban imposed by Y"), after another verb of the clause.
    if (!saw_be && participle && b == i && before > 0 && i + 2 < s_.token_end &&
        T(i - 1).kind == TokenKind::kWord && !Is(i - 1, kClsPronoun | kClsPrep | kClsDet | kClsAux) &&
        std::string_view(T(i - 1).lower) != "and" && std::string_view(T(i - 1).lower) != "or" &&
        groups_[before - 1].verb != i - 1) {
      uint32_t by = i + 1;
      if (kParticles.count(T(by))) ++by;  // "carried out by"
      if (std::string_view(T(by).lower) == "by") {
        g.reduced = true;
        g.passive = true;
      }
    }
    g.participle = !saw_be && b == i && (facts & kVerbFactEndsIng);
    if (saw_will) g.status = EventStatus::kPlanned;
    if (saw_hypo) g.status = EventStatus::kHypothetical;
    // "If Iran attacks Israel, ...": a condition is hypothetical.
    if (InCondition(g.begin)) g.status = EventStatus::kHypothetical;
  }
  // group_at_ is -1 but at the last sentence's verbs (group_marks):
  // reset those, and mark this sentence's.
  // (IndexMentions made room for the sentence's tokens.)
  for (const uint32_t k : tables_.group_marks) group_at_[k] = -1;
  tables_.group_marks.clear();
  for (size_t k = 0; k < groups_.size(); ++k) {
    group_at_[groups_[k].verb - s_.token_begin] = static_cast<int>(k);
    tables_.group_marks.push_back(groups_[k].verb - s_.token_begin);
    tables_.clause_mark[groups_[k].verb - s_.token_begin] = 1;
  }
  // An infinitive's controller: the nearest verb before it in its clause
  // ("urged Russia to withdraw", "failed to agree").
  for (size_t k = 0; k < groups_.size(); ++k) {
    Group& g = groups_[k];
    if (!g.infinitive) continue;
    if (g.obligation && kObligingAux.count(T(g.begin - 1))) continue;  // "Russia has to leave": no controller
    for (uint32_t i = g.begin; i-- > s_.token_begin && i + 12 > g.begin;) {
      // A word with no clause mark is no kClauseStop word (its class bit)
      // and no group's verb (marked above): only "that" is left to ask.
      if (!tables_.clause_mark[i - s_.token_begin]) {
        if (std::string_view(T(i).lower) == "that") break;
        continue;
      }
      if (kClauseStop.count(T(i)) || std::string_view(T(i).lower) == "that") break;
      int gv = group_at_[i - s_.token_begin];
      if (gv >= 0) {
        g.controller = gv;
        break;
      }
    }
  }
}

bool SentenceCoder::AfterCopula(uint32_t b) const {
  for (uint32_t k = b; k > s_.token_begin && k + 4 > b; --k)
    if (kBe.count(T(k - 1))) return true;
  return false;
}

std::vector<int> SentenceCoder::Subject(size_t gi) {
  Group& g = groups_[gi];
  if (g.subject_done) return g.subject;
  g.subject_done = true;
  std::vector<int> out;
  // Infinitive: the controlling verb's object ("called on X to") or subject.
  // "Sweden's decision to send them back": the possessor of the noun the
  // infinitive completes.
  if (g.infinitive && g.begin >= s_.token_begin + 3) {
    uint32_t k = g.begin - 1;  // the noun before "to"
    if (T(k).kind == TokenKind::kWord && GroupOfVerb(k) < 0 &&
        (std::string_view(T(k - 1).lower) == "'s" || std::string_view(T(k - 1).norm) == "'")) {
      int m = MentionEnd(k - 1) >= 0 ? MentionEnd(k - 1) : MentionEnd(k - 2);
      if (m >= 0) {
        if (g.controller >= 0) ApplyControl(groups_[g.controller], &g);
        g.subject = {m};
        return g.subject;
      }
    }
  }
  if (g.infinitive && g.controller >= 0) {
    Group& ctl = groups_[g.controller];
    int obj = ObjectControls(ctl) ? FirstMentionBetween(ctl.verb + 1, g.begin) : -1;
    if (obj >= 0) out.push_back(obj);
    else out = Subject(static_cast<size_t>(g.controller));
    ApplyControl(ctl, &g);
    g.subject = out;
    return out;
  }
  // ", saying ...", ", calling for ...": the main clause's subject (not
  // a verb inside a quote: '... "Putin continues to undermine," calling').
  uint32_t before = g.begin;
  while (before > s_.token_begin && T(before - 1).has(kCloseQuote)) --before;
  if (g.participle && before > s_.token_begin && std::string_view(T(before - 1).norm) == ",") {
    for (size_t k = gi; k-- > 0;) {
      if (groups_[k].infinitive || groups_[k].participle) continue;
      if (InQuote(groups_[k].verb) && !InQuote(g.verb)) continue;
      out = Subject(k);
      if (!out.empty()) break;
      // "Two blasts rocked the town of Jolo in the Philippines, killing
      // eight": a main clause whose subject is no actor (a thing, an
      // event) leaves its participle none either; the actors after that
      // verb are its objects and places, not who did the act.
      if (FirstMentionBetween(s_.token_begin, groups_[k].begin) < 0) {
        g.subject = out;
        return out;
      }
    }
    if (!out.empty()) {
      g.subject = out;
      return out;
    }
  }
  // A gerund right after an actor has that actor as its subject, even
  // inside a prepositional phrase: "photos of Mugabe meeting with the army
  // chief", "reports of troops shelling the town".
  if (g.begin == g.verb && g.begin > s_.token_begin && EndsWith(T(g.verb).lower, "ing")) {
    int m = MentionEnd(g.begin - 1);
    // "with Moscow deploying troops": the actor of an absolute phrase.
    if (m >= 0 && doc_->mentions[m].token_begin > s_.token_begin &&
        (std::string_view(T(doc_->mentions[m].token_begin - 1).lower) == "of" ||
         std::string_view(T(doc_->mentions[m].token_begin - 1).lower) == "with")) {
      g.subject = Coordinated(m);
      return g.subject;
    }
  }
  // "X criticized Y on Monday and urged Z to act": a verb right after "and"
  // has no subject of its own; it shares the previous verb's.
  if (!g.infinitive && !g.participle && g.begin > s_.token_begin && std::string_view(T(g.begin - 1).lower) == "and") {
    for (size_t k = gi; k-- > 0;) {
      const Group& p = groups_[k];
      if (p.infinitive || p.participle || p.verb >= g.begin) continue;
      bool stop = false;
      for (uint32_t q = p.verb + 1; q < g.begin && !stop; ++q)
        stop = Is(q, kClsStop) || std::string_view(T(q).lower) == "that";
      if (stop) break;
      out = Subject(k);
      if (!out.empty()) {
        g.subject = out;
        return out;
      }
      // The first verb's subject is a pronoun with no antecedent ("he",
      // "she", "they"): an actor between the two verbs is the first one's
      // object, not the subject ("he rejected Bolivia's claim and recalled
      // his envoy").
      if (!p.passive && p.begin > s_.token_begin && Is(p.begin - 1, kClsPronoun) &&
          FirstMentionBetween(p.verb + 1, g.begin) >= 0)
        return out;
      // "X said on Friday the talks had failed and urged Y to ...": the
      // previous verb, with no actor as subject, is what a reporting verb
      // before it says; an appeal, demand, warning or criticism joined by
      // "and" is the reporter's (a gunman "killed" is not: only verbal
      // acts).
      static const Set kReport = {"say", "tell", "state", "announce", "add", "insist", "argue", "note"};
      static const Set kVerbalAct = {"urge", "call", "appeal", "ask", "demand", "warn", "accuse", "condemn",
                                     "criticize", "criticise", "praise", "welcome", "reject", "deny", "promise",
                                     "pledge", "vow", "threaten", "express", "voice", "invite", "thank", "blame"};
      if (kVerbalAct.count(g.lemma) && k > 0)
        for (size_t r = k; r-- > 0;) {
          const Group& rep = groups_[r];
          if (rep.infinitive || rep.participle) continue;
          if (!kReport.count(rep.lemma)) break;
          bool that_or_stop = false;
          for (uint32_t q = rep.verb + 1; q < p.begin && !that_or_stop; ++q)
            that_or_stop = Is(q, kClsStop) || std::string_view(T(q).lower) == "that";
          if (that_or_stop) break;
          out = Subject(r);
          if (!out.empty()) g.subject = out;
          return out;
        }
      break;
    }
  }
  uint32_t i = g.begin;
  // The sentence's tables for the quick test below (local pointers: see
  // ClauseEnd).
  const uint32_t tb = s_.token_begin;
  const char* mark = tables_.clause_mark.data();
  const uint32_t* cls = cls_.data();
  const int* mention_end = mention_end_.data();
  while (i > s_.token_begin) {
    --i;
    const Token& t = T(i);
    // A word none of the tests below stops at is passed over: no clause
    // stop, subordinator or verb group (its mark, as ClauseEnd reads it),
    // no pronoun, no actor ending at it, no pair noun, not "that".
    if (t.kind == TokenKind::kWord && !mark[i - tb] && !(cls[i - tb] & kClsPronoun) && mention_end[i - tb] < 0 &&
        !kPairNouns.count(t) && std::string_view(t.lower) != "that")
      continue;
    if (kClauseStop.count(t) && std::string_view(t.lower) != "who" && std::string_view(t.lower) != "which") break;
    if ((std::string_view(t.lower) == "who" || std::string_view(t.lower) == "which" || std::string_view(t.lower) == "that") && i == g.begin - 1) {
      // Relative clause: the antecedent before it (and an optional comma).
      uint32_t k = i;
      if (k > s_.token_begin && std::string_view(T(k - 1).norm) == ",") --k;
      if (k > s_.token_begin) {
        int m = MentionEnd(k - 1);
        // "a Canadian living in Nepal who criticized the government": a
        // country or a place in a phrase of the noun is no "who"; the
        // person before the phrase is.
        if (m >= 0 && std::string_view(t.lower) == "who") m = WhoAntecedent(m);
        if (m >= 0) out.push_back(m);
      }
      break;
    }
    if (std::string_view(t.lower) == "that") break;
    // "Russia - backed by China - vetoed it": a pair of spaced dashes
    // encloses an aside; the subject is left of it. No actor inside the
    // aside is the subject ("a deal with six powers - France, China and
    // Russia - Tehran signed": the list is not who signed).
    if (t.kind == TokenKind::kPunct && IsSpacedDash(i)) {  // (a word is never one: no call)
      uint32_t k = i;
      while (k > s_.token_begin && !IsSpacedDash(k - 1)) --k;
      if (k > s_.token_begin) {
        i = k - 1;  // at the opening dash; continue left of it
        continue;
      }
    }
    if (std::string_view(t.norm) == ",") {
      // Skip "..., speaking from Y, ..." and appositions: jump to the comma before.
      uint32_t k = i;
      while (k > s_.token_begin && std::string_view(T(k - 1).norm) != ",") --k;
      if (k > s_.token_begin) {
        const Token& first = T(k);
        // An apposition that describes the one before it: "Jane Roe, a
        // farmer working for X, was detained", "Ali Doe, the son of the
        // defence minister, was kidnapped".
        // Only after an actor, through a chain of such descriptions ("Jane
        // Roe, an engineer working for Acme, a mining company, was
        // detained"): a description after no actor may be the subject
        // itself ("The Front, the main opposition party, walked out").
        static const Set kDescribes = {"a", "an", "the", "another", "one"};
        if (kDescribes.count(first))
          for (uint32_t d = k; d >= s_.token_begin + 2 && kDescribes.count(T(d));) {
            if (MentionEnd(d - 2) >= 0) {
              k = d;
              break;
            }
            uint32_t c = d - 1;  // the comma that opens this description
            while (c > s_.token_begin && std::string_view(T(c - 1).norm) != ",") --c;
            if (c == s_.token_begin) break;
            d = c;  // the first word of the segment before
          }
        bool describes = kDescribes.count(T(k)) && k >= s_.token_begin + 2 && MentionEnd(k - 2) >= 0;
        bool paren = EndsWith(first.lower, "ing") || EndsWith(first.lower, "ed") || std::string_view(first.lower) == "who" ||
                     std::string_view(first.lower) == "which" || MentionAt(k) >= 0 || kPreps.count(first) ||
                     std::string_view(first.lower) == "according" || describes;
        if (paren) {
          i = k - 1;  // at the earlier comma; continue left of it
          int m = MentionEnd(i - 1 >= s_.token_begin ? i - 1 : i);
          if (m >= 0 && i > s_.token_begin && !PrecededByPrep(doc_->mentions[m].token_begin)) {
            out = Coordinated(m);
            break;
          }
          continue;
        }
      }
      continue;
    }
    int gv = GroupOfVerb(i);
    if (gv >= 0 && static_cast<size_t>(gv) != gi) {
      // Coordinated verbs share a subject: "X confirmed A and emphasized B".
      // An infinitive's subject is the verb's object or its subject.
      if (g.infinitive) {
        int obj = ObjectControls(groups_[gv]) ? FirstMentionBetween(groups_[gv].verb + 1, g.begin) : -1;
        if (obj >= 0) out.push_back(obj);
        else out = Subject(static_cast<size_t>(gv));
        ApplyControl(groups_[gv], &g);
      } else if (HasBetween(groups_[gv].verb, g.begin, "and") || HasBetween(groups_[gv].verb, g.begin, ",")) {
        out = Subject(static_cast<size_t>(gv));
      }
      break;
    }
    int m = MentionEnd(i);
    // 'They chanted "Death to America" and burned a flag': an actor
    // quoted is no subject of a verb outside the quote.
    if (m >= 0 && InQuote(doc_->mentions[m].token_begin) && !InQuote(g.verb)) {
      i = doc_->mentions[m].token_begin;
      continue;
    }
    if (m >= 0) {
      const Mention& mm = doc_->mentions[m];
      // "after Mugabe last week fired his deputy": a conjunction opening
      // a clause, not a preposition.
      // Only with a verb that is surely finite: "since Islamic State
      // attacks last year" is a noun phrase.
      static const Set kClauseOpeners = {"after", "before", "until"};
      bool finite = g.begin < g.verb || EndsWith(T(g.verb).lower, "ed") || IrregularOf(g.verb);
      bool opener = finite && mm.token_begin > s_.token_begin && kClauseOpeners.count(T(mm.token_begin - 1));
      // "Thousands of Venezuelans protested": a quantity of the actor.
      static const Set kQuantities = {"thousands", "hundreds", "dozens", "millions", "scores", "tens", "group",
                                      "groups", "crowd", "crowds", "some", "many", "most", "all", "both", "none",
                                      "several", "one", "two", "three", "four", "five", "members", "majority"};
      if (mm.token_begin >= s_.token_begin + 2 && std::string_view(T(mm.token_begin - 1).lower) == "of" &&
          (kQuantities.count(T(mm.token_begin - 2)) || T(mm.token_begin - 2).kind == TokenKind::kNumber))
        opener = true;
      if (!opener && PrecededByPrep(mm.token_begin) &&
          !(g.passive == false && std::string_view(T(mm.token_begin - 1).lower) == "by")) {
        i = mm.token_begin;
        continue;
      }
      // "Two blasts rocked a town in the southern Philippines, killing
      // eight": a country named as where the main clause's act happened,
      // after a locative and its modifiers, did not do the participle's (a
      // name, not "the Rwandan capital", which may stand for its state).
      if (!opener && g.participle && mm.entity_type == EntityType::kCountry && mm.roles.empty() &&
          T(mm.token_end - 1).has(kCapitalised) && LocativeCountry(mm.token_begin)) {
        i = mm.token_begin;
        continue;
      }
      if (!opener && InPlacePhrase(mm.token_begin)) {
        // Left of the whole phrase: "the Chilean" in it is no subject either.
        i = mm.token_begin;
        while (i > s_.token_begin && !kPreps.count(T(i - 1))) --i;
        if (i > s_.token_begin) --i;
        continue;
      }
      out = Coordinated(m);
      break;
    }
    // "Both sides", "they", "the talks": the last pair.
    if (kPairNouns.count(t) || std::string_view(t.lower) == "they") {
      if (!last_pair_->empty()) {
        out = *last_pair_;
      } else if (kPairNouns.count(t) && i > s_.token_begin &&
                 (std::string_view(T(i - 1).lower) == "both" || std::string_view(T(i - 1).lower) == "two") &&
                 !CurrentPair().empty()) {
        out = CurrentPair();  // the article's counterparts: "both sides reported casualties"
      } else if (std::string_view(t.lower) == "they") {
        // "The Fijian rebels said they will release ...": "they" is the
        // subject of the verb that reports it.
        for (size_t k = gi; k-- > 0;)
          if (groups_[k].verb < i && !groups_[k].infinitive) {
            out = Subject(k);
            break;
          }
      }
      break;
    }
    // "Japan said it would ...": "it" is the subject of the verb that
    // reports it, when that is no person; else the state or body that
    // last acted in the article.
    // Not in a free relative: "what it calls new photos".
    if (std::string_view(t.lower) == "it" && !(i > s_.token_begin && std::string_view(T(i - 1).lower) == "what")) {
      for (size_t k = gi; k-- > 0;)
        if (groups_[k].verb < i && !groups_[k].infinitive && !groups_[k].participle) {
          // "Japan told China it should ...", "warned Iran it would
          // face ...": "it" is the one told (when that is no person) of
          // what it is to do; "Turkey told France it would not attend" is
          // Turkey speaking of itself.
          static const Set kTelling = {"tell", "inform", "remind", "notify", "advise"};
          if ((g.obligation && kTelling.count(groups_[k].lemma)) || std::string_view(groups_[k].lemma) == "warn") {
            int told = FirstMentionBetween(groups_[k].verb + 1, i);
            if (told >= 0 && doc_->mentions[told].entity_type != EntityType::kPerson) {
              out = {told};
              break;
            }
          }
          std::vector<int> r = Subject(k);
          if (!r.empty() && doc_->mentions[r.front()].entity_type != EntityType::kPerson) out = r;
          break;
        }
      if (out.empty() && last_subject_) out = *last_subject_;
      break;
    }
    // An unresolved pronoun is the subject: nothing further left is.
    if (kSubjectPronouns.count(t)) break;
  }
  g.subject = out;
  return out;
}

bool SentenceCoder::IsSpacedDash(uint32_t k) const {
  const Token& t = T(k);
  if (t.kind != TokenKind::kPunct) return false;
  const std::string_view w = t.norm;
  if (w != "-" && w != "--" && w != "\u2014" && w != "\u2013") return false;
  return t.has(kSpaceBefore) && k + 1 < s_.token_end && T(k + 1).has(kSpaceBefore);
}

bool SentenceCoder::ObjectControls(const Group& ctl) {
  static const Set kObjectControl = {
      "urge", "ask", "call", "tell", "persuade", "convince", "force", "order", "allow", "permit", "invite",
      "encourage", "press", "pressure", "want", "expect", "help", "require", "compel", "push", "advise", "warn",
      "authorize", "authorise", "instruct", "request", "appeal", "implore", "beg", "oblige", "enable", "get",
      "cause", "need", "demand", "challenge", "dare", "lead", "prompt", "inspire", "motivate", "train", "recruit",
      "hire", "pay", "send", "appoint", "elect", "choose", "select", "mandate", "empower", "drive", "prod",
      "lobby", "exhort", "entreat", "beseech", "coerce", "pressure", "induce", "tempt", "trust", "like", "prefer",
      "would", "commission", "assign", "task", "summon", "direct", "command", "forbid", "ban", "bar", "prohibit",
      "deter", "dissuade", "discourage", "prevent", "caution", "remind", "teach", "count", "rely"};
  return kObjectControl.count(ctl.lemma) > 0;
}

void SentenceCoder::ApplyControl(const Group& ctl, Group* g) {
  static const Set kIntending = {"plan", "intend", "want", "hope", "seek", "wish", "aim", "mean"};
  if (kIntending.count(ctl.lemma) || ctl.intent) g->intent = true;
  if (kNegating.count(ctl.lemma)) g->negated = !g->negated;
  else if (kPlanning.count(ctl.lemma) && g->status == EventStatus::kOccurred) g->status = EventStatus::kPlanned;
  if (ctl.negated && !kNegating.count(ctl.lemma)) g->negated = true;
  if (ctl.status != EventStatus::kOccurred) g->status = ctl.status;
  if (ctl.passive && std::string_view(ctl.lemma) == "expect") g->status = EventStatus::kPlanned;
}

bool SentenceCoder::PrecededByPrep(uint32_t b) const {
  if (b <= s_.token_begin) return false;
  const std::string_view p = T(b - 1).lower;
  return kPreps.count(p) > 0;
}

bool SentenceCoder::InPlacePhrase(uint32_t b) const {
  // "the embassy in the Chilean capital Santiago", "a rally in the port
  // city Odessa": a name set after a common noun, within a few words of a
  // preposition; not "In Lima the president said" (a determiner before
  // the name opens a new noun phrase).
  // Only after a noun that classes a place.
  static const Set kPlaceNouns = {"capital", "city", "town", "village", "port", "province", "region", "district",
                                  "county", "island", "enclave", "suburb", "neighbourhood", "neighborhood"};
  if (b <= s_.token_begin + 1 || !kPlaceNouns.count(T(b - 1)) || InMention(b - 1)) return false;
  for (uint32_t k = b - 1, n = 0; k > s_.token_begin && n < 4; --k, ++n) {
    const Token& w = T(k - 1);
    if (kPreps.count(w)) return true;
    if (w.kind != TokenKind::kWord || GroupOfVerb(k - 1) >= 0 || Is(k - 1, kClsStop | kClsPronoun)) return false;
  }
  return false;
}

bool SentenceCoder::LocativeCountry(uint32_t b) const {
  static const Set kLocative = {"in", "at", "near", "across", "throughout", "inside", "outside", "around"};
  // Up to two lower-case words between: "in the southern", "in northern".
  for (uint32_t k = b, n = 0; k > s_.token_begin && n < 3; --k, ++n) {
    const Token& w = T(k - 1);
    if (kLocative.count(w)) return n > 0;
    if (w.kind != TokenKind::kWord || w.has(kCapitalised) || GroupOfVerb(k - 1) >= 0 ||
        Is(k - 1, kClsStop | kClsPronoun | kClsPrep))
      return false;
  }
  return false;
}

bool SentenceCoder::HasBetween(uint32_t a, uint32_t b, const char* word) const {
  const std::string_view w = word;  // (its length once, not per token)
  for (uint32_t k = a + 1; k < b; ++k)
    if (T(k).lower == w || T(k).norm == w) return true;
  return false;
}

int SentenceCoder::FirstMentionBetween(uint32_t a, uint32_t b) const {
  for (uint32_t k = a; k < b; ++k)
    if (MentionAt(k) >= 0) return MentionAt(k);
  return -1;
}

bool SentenceCoder::ToIsPreposition(uint32_t k) const {
  // Verbs whose "to" takes a noun, never an infinitive: "yielded to
  // pressure", "bowed to demands", "resorted to force", "gave in to
  // threats", "objected to the plan".
  static const Set kToNoun = {"yield", "bow", "succumb", "submit", "resort", "object", "adhere", "capitulate",
                              "cave", "give", "react", "respond"};
  if (k + 1 >= s_.token_end || k < s_.token_begin || std::string_view(T(k + 1).lower) != "to") return false;
  uint32_t v = k;
  bool in = std::string_view(T(k).lower) == "in";  // "gave in to", "caved in to"
  if (in) {
    if (k == s_.token_begin) return false;
    v = k - 1;
  }
  const Coder::FormInfo* fi = info_[v - s_.token_begin];
  if (!fi || fi->verb().empty() || !kToNoun.count(fi->verb())) return false;
  // "give" and "cave" only with "in" ("gave to charity" is no yielding,
  // and its "to" is no infinitive either way).
  return in || (fi->verb() != "give" && fi->verb() != "cave");
}

bool SentenceCoder::LooksInfinitive(uint32_t k) const {
  if (k >= s_.token_end) return false;
  const Token& t = T(k);
  if (t.kind != TokenKind::kWord || t.has(kCapitalised) || t.has(kHyphenated) || kDeterminers.count(t) ||
      MentionAt(k) >= 0)
    return false;
  const Coder::FormInfo* fi = info_[k - s_.token_begin];
  return !fi || !fi->verb().empty() || fi->noun().empty();
}

std::vector<int> SentenceCoder::WithCoordinated(int t) const {
  std::vector<int> out{t};
  if (t < 0) return out;
  uint32_t e = doc_->mentions[t].token_end;
  // A list is closed by "and": "A, B and C". Items joined by commas alone
  // are no list ("75 prisoners, Palestinian sources said").
  size_t closed = 1;
  while (e + 1 < s_.token_end && (std::string_view(T(e).lower) == "and" || std::string_view(T(e).norm) == ",")) {
    bool conj = std::string_view(T(e).lower) == "and";
    uint32_t k = e + 1;
    if (!conj && std::string_view(T(k).lower) == "and" && k + 1 < s_.token_end) {  // "A, B, and C"
      conj = true;
      ++k;
    }
    bool det = conj ? kDeterminers.count(T(k)) > 0 : std::string_view(T(k).lower) == "the";
    if (det && k + 1 < s_.token_end) ++k;
    int next = MentionAt(k);
    if (next < 0) break;
    out.push_back(next);
    if (conj) closed = out.size();
    e = doc_->mentions[next].token_end;
  }
  out.resize(closed);
  return out;
}

std::vector<int> SentenceCoder::Coordinated(int m) const {
  std::vector<int> out{m};
  // "children and a man": a determiner may open each conjunct.
  auto start = [&](int mi) {
    uint32_t b = doc_->mentions[mi].token_begin;
    if (b > s_.token_begin + 1 && kDeterminers.count(T(b - 1)) && std::string_view(T(b - 2).lower) == "and")
      --b;
    return b;
  };
  uint32_t b = start(m);
  // A list closes with "and" before its last item ("A, B and C"): a comma
  // alone before m ends a fronted clause or an aside, not a list ("After
  // visiting France and Germany, Lula flew to Japan" is Lula's flight).
  bool closed = false;
  while (b >= s_.token_begin + 2 && (std::string_view(T(b - 1).lower) == "and" || std::string_view(T(b - 1).norm) == ",")) {
    if (!closed && std::string_view(T(b - 1).lower) != "and") break;
    closed = true;
    // "A, B, and C": a comma before "and".
    if (std::string_view(T(b - 1).lower) == "and" && b >= s_.token_begin + 3 && std::string_view(T(b - 2).norm) == ",")
      --b;
    int prev = MentionEnd(b - 2);
    if (prev < 0) break;
    out.insert(out.begin(), prev);
    b = start(prev);
  }
  return out;
}

// "injuring 30 people just hours after the prime minister left", "to
// defend its waters as India prepared to send ships": a conjunction that
// is also a preposition opens a clause of its own when a subject and a
// finite verb follow it; what that clause names belongs to its verb.
// Not "such as", "as well as", "as much as", nor "after talks with X"
// (no verb of its own) or "after visiting X" (no subject).
int SentenceCoder::WhoAntecedent(int m) const {
  auto place = [&](int x) {
    const Mention& a = doc_->mentions[x];
    return (a.entity_type == EntityType::kCountry || a.entity_type == EntityType::kLocation) && a.roles.empty();
  };
  if (!place(m)) return m;
  static const Set kLocative = {"in", "from", "at", "near", "to", "across", "inside", "outside"};
  uint32_t b = doc_->mentions[m].token_begin;
  if (b > s_.token_begin && kDeterminers.count(T(b - 1))) --b;
  if (b <= s_.token_begin || !kLocative.count(T(b - 1))) return m;
  // Back over the phrase: a preposition and participles ("living and
  // working in"), never past a comma or a finite verb.
  for (uint32_t k = b - 1, n = 0; k > s_.token_begin && n < 6; --k, ++n) {
    if (int a = MentionEnd(k - 1); a >= 0) {
      // "a Canadian living in Nepal": a demonym after "a" is a person.
      uint32_t ab = doc_->mentions[a].token_begin;
      bool person = ab > s_.token_begin && (std::string_view(T(ab - 1).lower) == "a" || std::string_view(T(ab - 1).lower) == "an");
      return place(a) && !person ? m : a;
    }
    const Token& w = T(k - 1);
    if (w.kind != TokenKind::kWord) return m;
    int gv = GroupOfVerb(k - 1);
    bool participle = gv >= 0 && groups_[gv].begin == groups_[gv].verb &&
                      (EndsWith(w.lower, "ing") || groups_[gv].reduced || groups_[gv].participle);
    if (gv >= 0 && !participle) return m;
    if (gv < 0 && std::string_view(w.lower) != "and" && !EndsWith(w.lower, "ing") && !kPreps.count(w)) return m;
  }
  return m;
}

namespace {
// At namespace scope, made before the first Vocabulary: a numbered token is
// tested against them by one bit (text/wordset.h).
const Set kNotClause = {"such", "well", "much", "many", "same", "so", "soon", "long", "far", "just"};
const Set kSaid = {"said", "says", "told", "added", "reported", "announced", "stated"};
}  // namespace

bool SentenceCoder::SubordinateClauseAt(uint32_t e) const {
  if (!kSubordinators.count(T(e)) || e + 2 >= s_.token_end) return false;
  if (std::string_view(T(e).lower) == "as") {
    if (e > s_.token_begin && kNotClause.count(T(e - 1))) return false;
    if (std::string_view(T(e + 1).lower) == "well" || std::string_view(T(e + 1).lower) == "part") return false;
  }
  // The subject: an actor, a pronoun or a determiner's noun phrase.
  uint32_t k = e + 1;
  if (MentionAt(k) < 0 && !Is(k, kClsPronoun | kClsDet)) return false;
  if (GroupOfVerb(k) >= 0) return false;
  for (++k; k < s_.token_end && k < e + 10; ++k) {
    const std::string_view n = T(k).norm;
    if (n == "," || n == ";" || n == "\"" || Is(k, kClsStop)) return false;
    int gv = GroupOfVerb(k);
    if (gv < 0) continue;
    const Group& g = groups_[gv];
    if (g.infinitive || g.reduced || (g.begin == g.verb && EndsWith(T(g.verb).lower, "ing"))) return false;
    return true;
  }
  return false;
}

uint32_t SentenceCoder::ClauseEnd(uint32_t i) const {
  // The sentence's tables as local pointers: Cls and GroupOfVerb check
  // their bounds and reload the tables at every token otherwise. A token
  // before the sentence (i + 1 < token_begin) has no class bits or group,
  // as those accessors say.
  const uint32_t tb = s_.token_begin, te = s_.token_end;
  const uint32_t* cls = cls_.data();
  const int* group_at = group_at_.empty() ? nullptr : group_at_.data();
  const Token* tokens = tk_.data();
  auto group_of = [&](uint32_t k) { return k >= tb && group_at ? group_at[k - tb] : -1; };
  // A word with no class bit or group the tests below ask for is passed
  // over by its mark (IndexMentions, FindVerbs).
  const char* mark = tables_.clause_mark.data();
  uint32_t e = i + 1;
  for (; e < te && e < i + 30; ++e) {
    if (e >= tb && !mark[e - tb]) continue;
    // The tests by the token's class bits first: most words are none of
    // these, and no word is ";" or ",".
    const Token& t = tokens[e];
    const uint32_t c = e >= tb ? cls[e - tb] : 0;
    if (c & kClsStop) break;
    if (t.kind == TokenKind::kWord) {
      const bool subord = e >= tb ? (c & kClsSubord) != 0 : kSubordinators.count(t) > 0;
      if (subord && SubordinateClauseAt(e)) break;
    } else if (std::string_view(t.norm) == ";") {
      break;
    } else if (std::string_view(t.norm) == "," && e + 1 < te) {
      const std::string_view nx = tokens[e + 1].lower;
      if (EndsWith(nx, "ing") || nx == "who" || nx == "which" || nx == "and" || nx == "but" || nx == "while")
        break;
      // ", the foreign ministry said": a reporting clause, not an object.
      bool reporting = false;
      for (uint32_t k = e + 1; k < te && k < e + 8 && !reporting; ++k) {
        if (kSaid.count(tokens[k])) reporting = true;
        if (std::string_view(tokens[k].norm) == "," || group_of(k) >= 0) break;
      }
      if (reporting) break;
    }
    const int gv = group_of(e);
    if (gv < 0 || e == i + 1) continue;
    // A reduced relative ("the raid carried out by X") keeps the clause
    // open up to its agent, and ends it there.
    if (groups_[gv].reduced) {
      uint32_t k = e + 1;
      while (k < te && k < e + 3 && std::string_view(tokens[k].lower) != "by") ++k;
      if (k + 1 < te && kDeterminers.count(tokens[k + 1])) ++k;
      int m = k + 1 < te ? MentionAt(k + 1) : -1;
      if (m >= 0) return doc_->mentions[m].token_end;
      break;
    }
    if (!groups_[gv].infinitive && !EndsWith(t.lower, "ing")) break;
  }
  return e;
}

}  // namespace parley
