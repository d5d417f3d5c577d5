// Tested by tests/coder_test.cc.
#include "code/coder.h"

#include "text/wordset.h"
#include "text/work.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace parley {
namespace {

using Set = WordSet;
// How far past a verb (or its pattern's last word) a target may start when
// the pattern names none: a direct object or a short prepositional phrase.
constexpr uint32_t kTargetReach = 8;
const Set kBe = {"be", "is", "are", "was", "were", "been", "being", "am", "'re", "'m"};
const Set kHave = {"has", "have", "had", "having", "'ve"};
const Set kDo = {"do", "does", "did"};
const Set kWillModal = {"will", "shall", "'ll"};
const Set kHypoModal = {"would", "could", "might", "may", "should", "can", "must", "'d"};
const Set kNeg = {"not", "n't", "never"};
const Set kAdverbs = {"also", "still", "already", "reportedly", "allegedly", "again", "just", "now", "then",
                      "only", "further", "repeatedly", "once", "yet", "jointly", "formally", "officially",
                      "publicly", "strongly", "sharply", "quickly", "finally", "eventually", "recently",
                      "very", "quite", "deeply", "clearly"};
const Set kDeterminers = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its",
                          "our", "my", "your", "any", "some", "no", "every", "each", "another", "'s", "'",
                          "such", "whose", "first", "second", "new", "major", "direct", "its"};
const Set kPreps = {"of", "in", "on", "at", "for", "with", "by", "from", "over", "against", "into", "onto",
                    "about", "between", "among", "after", "before", "during", "since", "under", "toward",
                    "towards", "through", "across", "amid", "despite", "without", "within", "upon", "like",
                    "near", "including", "than", "via", "behind", "beyond"};
const Set kClauseStop = {";", ":", "which", "who", "whom", "whose", "while", "because", "although", "though",
                         "whereas", "but", "if", "when", "unless", "until", "where", "whether"};
const Set kSubjectPronouns = {"he", "she", "it", "they", "we", "i", "you"};
// Control verbs: their infinitive's event carries their status.
const Set kNegating = {"fail", "refrain"};
const Set kPlanning = {"plan", "intend", "expect", "aim", "prepare", "hope", "want", "seek", "try", "attempt",
                       "wish", "set", "schedule", "propose", "consider", "mean", "go", "due", "agree", "promise",
                       "pledge", "vow", "offer", "undertake", "decide"};
const Set kNeutral = {"continue", "begin", "start", "resume", "manage", "move", "appear", "seem",
                      "choose", "tend", "help", "need", "have", "use", "come", "get"};
// Subjects that stand for the last pair of actors.
const Set kPairNouns = {"sides", "parties", "nations", "countries", "delegations", "leaders", "governments",
                        "talks", "meeting", "negotiations", "sides'", "two", "both", "negotiators"};

// Closed classes as bits, looked up once per token (SentenceCoder::cls_).
enum WordClass : uint32_t {
  kClsBe = 1u << 0, kClsHave = 1u << 1, kClsDo = 1u << 2, kClsWill = 1u << 3, kClsHypo = 1u << 4,
  kClsNeg = 1u << 5, kClsAdverb = 1u << 6, kClsDet = 1u << 7, kClsPrep = 1u << 8, kClsStop = 1u << 9,
  kClsPronoun = 1u << 10,
  kClsAux = kClsBe | kClsHave | kClsDo | kClsWill | kClsHypo,
};

// Calls fn(word, bit) for each closed-class word and its WordClass bit.
template <typename Fn>
void ForEachClassWord(Fn fn) {
  auto add = [&](const Set& set, uint32_t bit) { set.ForEach([&](std::string_view w) { fn(w, bit); }); };
  add(kBe, kClsBe);
  add(kHave, kClsHave);
  add(kDo, kClsDo);
  add(kWillModal, kClsWill);
  add(kHypoModal, kClsHypo);
  add(kNeg, kClsNeg);
  add(kAdverbs, kClsAdverb);
  add(kDeterminers, kClsDet);
  add(kPreps, kClsPrep);
  add(kClauseStop, kClsStop);
  add(kSubjectPronouns, kClsPronoun);
}

bool EndsWith(std::string_view s, std::string_view suf) {
  if (s.size() < suf.size()) return false;
  for (size_t i = 0, o = s.size() - suf.size(); i < suf.size(); ++i)  // suffixes are short: no memcmp call
    if (s[o + i] != suf[i]) return false;
  return true;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }


uint64_t Fnv(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

// Regular inflections of a lemma: the forms RegularLemmas maps back to it.
std::vector<std::string> Inflections(const std::string& w, bool verb) {
  std::vector<std::string> out{w};
  auto consonant_y = [&] { return w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2]); };
  std::string stem_y = consonant_y() ? w.substr(0, w.size() - 1) + "i" : w;
  if (consonant_y()) out.push_back(stem_y + "es");
  else if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") || EndsWith(w, "sh"))
    out.push_back(w + "es");
  else
    out.push_back(w + "s");
  if (!verb) return out;
  bool e = !w.empty() && w.back() == 'e';
  std::string base = e ? w.substr(0, w.size() - 1) : w;
  out.push_back(consonant_y() ? stem_y + "ed" : base + "ed");
  out.push_back(base + "ing");
  if (EndsWith(w, "ie")) out.push_back(w.substr(0, w.size() - 2) + "ying");
  // Doubled final consonant: "stop" -> "stopped", "stopping".
  if (w.size() >= 3 && !IsVowel(w.back()) && IsVowel(w[w.size() - 2]) && !IsVowel(w[w.size() - 3]) &&
      w.back() != 'w' && w.back() != 'x' && w.back() != 'y') {
    out.push_back(w + w.back() + "ed");
    out.push_back(w + w.back() + "ing");
  }
  return out;
}

Coder::Coder(const Lexicon& lex) : lex_(lex) {
  for (auto& p : lex.patterns()) {
    if (p.noun) {
      if (p.code == "support") support_.insert(p.head);
      else nouns_[p.head].push_back(&p);
    } else {
      verbs_[p.head].push_back(&p);
    }
  }
  // Longest first, file order among equals: the first match is the best.
  for (auto* table : {&verbs_, &nouns_})
    for (auto& [h, v] : *table)
      std::stable_sort(v.begin(), v.end(),
                       [](const Pattern* a, const Pattern* b) { return a->rest.size() > b->rest.size(); });
  // Irregular forms, grouped by lemma.
  std::unordered_map<std::string, std::vector<std::string>> irregular_verb, irregular_noun;
  lex.ForEachIrregular([&](const std::string& form, const std::string& lemma, bool verb) {
    (verb ? irregular_verb : irregular_noun)[lemma].push_back(form);
  });
  auto add_forms = [&](const std::string& lemma, bool verb, auto* out) {
    for (auto& f : Inflections(lemma, verb)) out->emplace(f, lemma);
    auto& irr = verb ? irregular_verb : irregular_noun;
    if (auto it = irr.find(lemma); it != irr.end())
      for (auto& f : it->second) out->emplace(f, lemma);
  };
  // The lemma itself wins over a form of another lemma ("need" vs "ne").
  StringMap<std::string> verb_of_form, noun_of_form;
  StringMap<std::vector<int>> words_of_form;
  for (auto* set : {&kNegating, &kPlanning, &kNeutral})
    set->ForEach([&](std::string_view v) { verb_of_form[std::string(v)] = std::string(v); });
  for (auto& [h, _] : verbs_) verb_of_form[h] = h;
  for (auto& h : support_) verb_of_form[h] = h;
  for (auto& [h, _] : nouns_) noun_of_form[h] = h;
  for (auto* set : {&kNegating, &kPlanning, &kNeutral})
    set->ForEach([&](std::string_view v) { add_forms(std::string(v), true, &verb_of_form); });
  for (auto& [h, _] : verbs_) add_forms(h, true, &verb_of_form);
  for (auto& h : support_) add_forms(h, true, &verb_of_form);
  for (auto& [h, _] : nouns_) add_forms(h, false, &noun_of_form);
  // Every word a pattern may ask for, numbered, by each of its forms.
  StringMap<int> id_of_word;
  auto id = [&](const std::string& w) {
    auto [it, added] = id_of_word.emplace(w, vocabulary_);
    if (added) ++vocabulary_;
    return it->second;
  };
  element_ids_.resize(lex.patterns().size());
  for (size_t pi = 0; pi < lex.patterns().size(); ++pi) {
    const Pattern& p = lex.patterns()[pi];
    id(p.head);
    for (auto& el : p.rest) {
      element_ids_[pi].emplace_back();
      for (auto& w : el.words) element_ids_[pi].back().push_back(id(w));
    }
  }
  for (size_t pi = 0; pi < lex.patterns().size(); ++pi) {
    mask_begin_.push_back(static_cast<uint32_t>(masks_.size()));
    const Pattern& p = lex.patterns()[pi];
    for (size_t e = 0; e < p.rest.size(); ++e) {
      if (p.rest[e].kind != PatternElement::kWord) continue;
      uint64_t m = 0;
      for (int w : element_ids_[pi][e]) m |= uint64_t{1} << (w & 63);
      masks_.push_back(m);
    }
  }
  mask_begin_.push_back(static_cast<uint32_t>(masks_.size()));
  for (auto& [w, wid] : id_of_word) {
    std::unordered_map<std::string, std::string> forms;
    add_forms(w, true, &forms);
    add_forms(w, false, &forms);
    for (auto& [f, lemma] : forms) {
      auto& v = words_of_form[f];
      int lid = id_of_word.at(lemma);
      if (std::find(v.begin(), v.end(), lid) == v.end()) v.push_back(lid);
    }
  }
  // One table for the per-token lookups.
  for (auto& [f, v] : verb_of_form) form_info_[f].verb = v;
  for (auto& [f, n] : noun_of_form) form_info_[f].noun = n;
  for (auto& [f, ids] : words_of_form) form_info_[f].ids = ids;
  ForEachClassWord([&](std::string_view w, uint32_t bit) { form_info_[std::string(w)].cls |= bit; });
  for (auto& [f, info] : form_info_) form_index_.Add(f, &info);
}

std::string Coder::VerbLemma(const std::string& w) const {
  const FormInfo* f = Form(w);
  return f ? f->verb : "";
}

std::string Coder::NounLemma(const std::string& w) const {
  const FormInfo* f = Form(w);
  return f ? f->noun : "";
}

class SentenceCoder {
 public:
  struct Group {
    uint32_t begin = 0, verb = 0;  // aux chain start, main verb
    std::string lemma;
    bool negated = false, passive = false, infinitive = false, participle = false;
    bool intent = false;       // "will meet", "would meet", "ready to meet": a stated intention
    EventStatus status = EventStatus::kOccurred;
    std::vector<int> subject;  // mention indexes
    bool subject_done = false;
    int controller = -1;       // the verb whose infinitive this is
    std::string coded;         // CAMEO code of the pattern this verb fired
    size_t ev_begin = 0, ev_end = 0;  // events it emitted in doc->events
  };

  SentenceCoder(const Coder& c, Document* doc, uint32_t si, const std::vector<int>& actors,
                std::vector<int>* last_pair, std::ostream* trace)
      : c_(c), doc_(doc), tk_(doc->tokens), si_(si), s_(doc->sentences[si]), actors_(actors),
        last_pair_(last_pair), trace_(trace) {}

  void Run() {
    if (s_.headline && s_.token_end - s_.token_begin < 4) return;
    IndexMentions();
    FindVerbs();
    for (size_t g = 0; g < groups_.size(); ++g) {
      size_t before = doc_->events.size();
      CodeVerb(g);
      groups_[g].ev_begin = before;
      groups_[g].ev_end = doc_->events.size();
    }
    SubsumeIntentions();
    CodeNouns();
    RememberPair();
  }

  // "agreed to release prisoners", "pledged to expel": when what was agreed
  // or promised is itself an event, that event is coded and the agreement
  // or promise (03x) is not coded again beside it.
  void SubsumeIntentions() {
    std::vector<size_t> drop;
    for (auto& g : groups_) {
      if (g.controller < 0 || g.ev_end == g.ev_begin) continue;
      Group& c = groups_[g.controller];
      if (c.coded.compare(0, 2, "03") != 0) continue;
      for (size_t e = c.ev_begin; e < c.ev_end; ++e) drop.push_back(e);
      c.ev_end = c.ev_begin;
    }
    std::sort(drop.rbegin(), drop.rend());
    drop.erase(std::unique(drop.begin(), drop.end()), drop.end());
    for (size_t e : drop) doc_->events.erase(doc_->events.begin() + static_cast<long>(e));
  }

 private:
  const Token& T(uint32_t i) const { return tk_[i]; }

  void IndexMentions() {
    n_ = s_.token_end - s_.token_begin;
    mention_at_.assign(n_, -1);
    mention_end_.assign(n_, -1);
    in_mention_.assign(n_, 0);
    // Every form a pattern word may match, once per token: the word, its
    // verb and noun lemmas, its regular lemma candidates.
    forms_.assign(n_, nullptr);
    info_.assign(n_, nullptr);
    cls_.assign(n_, 0);
    for (uint32_t k = 0; k < n_; ++k) {
      const Token& t = T(s_.token_begin + k);
      const Coder::FormInfo* fi = c_.Form(t);  // pattern forms and closed-class words in one table
      if (!fi) continue;
      cls_[k] = fi->cls;
      if (t.kind != TokenKind::kWord) continue;
      info_[k] = fi;
      if (!fi->ids.empty()) forms_[k] = &fi->ids;
    }
    for (int k : actors_) {
      const Mention& m = doc_->mentions[k];
      if (m.type != MentionType::kActor || m.code.empty()) continue;
      if (m.token_begin < s_.token_begin || m.token_end > s_.token_end) continue;
      mention_at_[m.token_begin - s_.token_begin] = static_cast<int>(k);
      mention_end_[m.token_end - 1 - s_.token_begin] = static_cast<int>(k);
      for (uint32_t q = m.token_begin; q < m.token_end; ++q) in_mention_[q - s_.token_begin] = 1;
    }
  }
  bool InQuote(uint32_t i) const {
    for (auto& q : doc_->quotes)
      if (q.span.contains(T(i).span)) return true;
    return false;
  }

  int MentionAt(uint32_t i) const { return i >= s_.token_begin && i < s_.token_end ? mention_at_[i - s_.token_begin] : -1; }
  int MentionEnd(uint32_t i) const { return i >= s_.token_begin && i < s_.token_end ? mention_end_[i - s_.token_begin] : -1; }
  bool InMention(uint32_t i) const {
    return i >= s_.token_begin && i < s_.token_end && in_mention_[i - s_.token_begin];
  }

  // WordClass bits of token i (0 outside the sentence).
  uint32_t Cls(uint32_t i) const { return i >= s_.token_begin && i < s_.token_end ? cls_[i - s_.token_begin] : 0; }
  bool Is(uint32_t i, uint32_t bits) const { return (Cls(i) & bits) != 0; }

  bool LooksVerb(uint32_t i, const std::string& lemma) const {
    const Token& t = T(i);
    if (t.kind != TokenKind::kWord) return false;
    if (t.has(kCapitalised) && i != s_.token_begin && !t.has(kAllCaps)) return false;
    if (InMention(i)) return false;
    if (i == s_.token_begin) return false;
    const Token& p = T(i - 1);
    if (Is(i - 1, kClsDet)) return false;
    const std::string_view w = t.lower;
    // A plain form right before an auxiliary is a noun: "World Bank teams
    // have visited", "the talks were held".
    if (i + 1 < s_.token_end && !EndsWith(w, "ed") && !EndsWith(w, "ing") &&
        Is(i + 1, kClsBe | kClsHave | kClsWill | kClsHypo))
      return false;
    bool ed = EndsWith(w, "ed") || (c_.lex_.IrregularVerb(w) && *c_.lex_.IrregularVerb(w) == lemma && w != lemma);
    bool ing = EndsWith(w, "ing");
    if (std::string_view(p.lower) == "to" || Is(i - 1, kClsAux | kClsNeg | kClsAdverb) ||
        EndsWith(p.lower, "ly"))
      return true;
    if (ed) return !Is(i - 1, kClsPrep) || std::string_view(p.lower) == "by";
    // "the Russian building", "a Ukrainian shelling": a determiner and a
    // one-word adjective actor before it make it a noun.
    if (ing && i >= s_.token_begin + 2 && MentionEnd(i - 1) >= 0 &&
        doc_->mentions[MentionEnd(i - 1)].token_begin == i - 1 && Is(i - 2, kClsDet))
      return false;
    if (ing) return true;
    // Base or -s form: after a subject (actor, pronoun, noun) .
    if (MentionEnd(i - 1) >= 0 || Is(i - 1, kClsPronoun)) return true;
    if (std::string_view(p.lower) == "and" || std::string_view(p.lower) == "or") {
      // "asset freezes and bans on travel": plurals joined by "and" are
      // nouns unless the first was read as a verb.
      if (EndsWith(w, "s") && i >= s_.token_begin + 2 && EndsWith(T(i - 2).lower, "s") && MentionEnd(i - 2) < 0) {
        bool verb_before = !groups_.empty() && groups_.back().verb == i - 2;
        if (!verb_before) return false;
      }
      return true;
    }
    return false;
  }

  void FindVerbs() {
    groups_.clear();
    // in_condition[k]: an "if", "unless" or "whether" stands before token
    // s_.token_begin + k in its clause (no , ; : -- since). One forward pass,
    // instead of a scan back to the clause start for each verb, which made a
    // long clause of verbs ("accused accused ...") quadratic.
    in_condition_.assign(s_.token_end - s_.token_begin + 1, 0);
    WorkCounter::Add(Work::kClauseSteps, s_.token_end - s_.token_begin);
    for (uint32_t k = s_.token_begin, cond = 0; k < s_.token_end; ++k) {
      const std::string_view w = T(k).lower;
      if (w == "," || w == ";" || w == ":" || w == "--") cond = 0;
      else if (w == "if" || w == "unless" || w == "whether") cond = 1;
      in_condition_[k + 1 - s_.token_begin] = static_cast<char>(cond);
    }
    for (uint32_t i = s_.token_begin; i < s_.token_end; ++i) {
      const Token& t = T(i);
      if (t.kind != TokenKind::kWord || Is(i, kClsAux)) continue;
      static const std::string kNone;
      const Coder::FormInfo* fi = info_[i - s_.token_begin];
      const std::string& lemma = fi ? fi->verb : kNone;
      if (lemma.empty() || !LooksVerb(i, lemma)) continue;
      Group g;
      g.verb = i;
      g.lemma = lemma;
      uint32_t b = i;
      bool saw_be = false, saw_will = false, saw_hypo = false;
      while (b > s_.token_begin) {
        const std::string_view w = T(b - 1).lower;
        uint32_t c = Cls(b - 1);
        if ((c & (kClsAux | kClsNeg | kClsAdverb)) || (EndsWith(w, "ly") && w.size() > 4)) {
          if (c & kClsNeg) g.negated = true;
          if (c & kClsBe) saw_be = true;
          if (c & kClsWill) saw_will = true;
          if (c & kClsHypo) saw_hypo = true;
          --b;
          continue;
        }
        break;
      }
      if (b > s_.token_begin && std::string_view(T(b - 1).lower) == "to") {
        g.infinitive = true;
        --b;
        // "ready to", "willing to", "prepared to": an intention.
        static const Set kReady = {"ready", "willing", "prepared", "eager", "keen", "determined", "unwilling"};
        if (b > s_.token_begin + 1 && kReady.count(T(b - 1)) &&
            (kBe.count(T(b - 2)) || kNeg.count(T(b - 2)) || std::string_view(T(b - 2).lower) == "appeared")) {
          g.intent = true;
          if (std::string_view(T(b - 1).lower) == "unwilling") g.negated = true;
        }
      }
      // "would meet", "could support" state an intention (03x); "will meet"
      // is the meeting itself, planned (the status convention of
      // shared/spec/output.md).
      g.intent = g.intent || (saw_hypo && !g.infinitive && !kNeg.count(T(i - 1)));
      g.begin = b;
      const std::string_view w = t.lower;
      bool participle = EndsWith(w, "ed") || (c_.lex_.IrregularVerb(w) && w != lemma && !EndsWith(w, "ing"));
      g.passive = saw_be && participle;
      // A reduced relative clause: a participle right after a noun phrase
      // and right before a preposition ("two men sought in the slaying",
      // "weapons seized by police") is passive, with no auxiliary.
      // Only a noun phrase that follows another verb (an object, not the
      // sentence's subject: "Protesters rallied in Ankara" stays active).
      if (!saw_be && participle && b == i && i + 1 < s_.token_end && MentionEnd(i - 1) >= 0 &&
          (!groups_.empty() || AfterCopula(doc_->mentions[MentionEnd(i - 1)].token_begin))) {
        static const Set kAfterParticiple = {"in", "by", "for", "over", "after", "during", "since", "at"};
        if (kAfterParticiple.count(T(i + 1))) g.passive = true;
      }
      // "a strike called by workers": a participle before "by" and an actor.
      if (!saw_be && participle && b == i && i + 2 < s_.token_end && std::string_view(T(i + 1).lower) == "by" &&
          (MentionAt(i + 2) >= 0 || (kDeterminers.count(T(i + 2)) && i + 3 < s_.token_end && MentionAt(i + 3) >= 0)))
        g.passive = true;
      g.participle = !saw_be && b == i && EndsWith(w, "ing");
      if (saw_will) g.status = EventStatus::kPlanned;
      if (saw_hypo) g.status = EventStatus::kHypothetical;
      // "If Iran attacks Israel, ...": a condition is hypothetical.
      if (in_condition_[g.begin - s_.token_begin]) g.status = EventStatus::kHypothetical;
      groups_.push_back(std::move(g));
    }
    group_at_.assign(n_, -1);
    for (size_t k = 0; k < groups_.size(); ++k) group_at_[groups_[k].verb - s_.token_begin] = static_cast<int>(k);
    // An infinitive's controller: the nearest verb before it in its clause
    // ("urged Russia to withdraw", "failed to agree").
    for (size_t k = 0; k < groups_.size(); ++k) {
      Group& g = groups_[k];
      if (!g.infinitive) continue;
      for (uint32_t i = g.begin; i-- > s_.token_begin && i + 12 > g.begin;) {
        if (kClauseStop.count(T(i)) || std::string_view(T(i).lower) == "that") break;
        int gv = group_at_[i - s_.token_begin];
        if (gv >= 0) {
          g.controller = gv;
          break;
        }
      }
    }
  }

  int GroupOfVerb(uint32_t i) const {
    if (i < s_.token_begin || i >= s_.token_end || group_at_.empty()) return -1;
    return group_at_[i - s_.token_begin];
  }

  // "There were ten soldiers killed": the noun phrase starting at b follows
  // a form of "be" (with a number or determiner between).
  // Also a noun phrase after a copula: "he was the 31st person killed in
  // Barbados".
  bool AfterCopula(uint32_t b) const {
    for (uint32_t k = b; k > s_.token_begin && k + 4 > b; --k)
      if (kBe.count(T(k - 1))) return true;
    return false;
  }

  // Subject actors of group g.
  std::vector<int> Subject(size_t gi) {
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
      if (m >= 0 && doc_->mentions[m].token_begin > s_.token_begin &&
          std::string_view(T(doc_->mentions[m].token_begin - 1).lower) == "of") {
        g.subject = Coordinated(m);
        return g.subject;
      }
    }
    uint32_t i = g.begin;
    while (i > s_.token_begin) {
      --i;
      const Token& t = T(i);
      if (kClauseStop.count(t) && std::string_view(t.lower) != "who" && std::string_view(t.lower) != "which") break;
      if ((std::string_view(t.lower) == "who" || std::string_view(t.lower) == "which" || std::string_view(t.lower) == "that") && i == g.begin - 1) {
        // Relative clause: the antecedent before it (and an optional comma).
        uint32_t k = i;
        if (k > s_.token_begin && std::string_view(T(k - 1).norm) == ",") --k;
        if (k > s_.token_begin) {
          int m = MentionEnd(k - 1);
          if (m >= 0) out.push_back(m);
        }
        break;
      }
      if (std::string_view(t.lower) == "that") break;
      if (std::string_view(t.norm) == ",") {
        // Skip "..., speaking from Y, ..." and appositions: jump to the comma before.
        uint32_t k = i;
        while (k > s_.token_begin && std::string_view(T(k - 1).norm) != ",") --k;
        if (k > s_.token_begin) {
          const Token& first = T(k);
          bool paren = EndsWith(first.lower, "ing") || EndsWith(first.lower, "ed") || std::string_view(first.lower) == "who" ||
                       std::string_view(first.lower) == "which" || MentionAt(k) >= 0 || kPreps.count(first) ||
                       std::string_view(first.lower) == "according";
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
      if (m >= 0) {
        const Mention& mm = doc_->mentions[m];
        // "after Mugabe last week fired his deputy": a conjunction opening
        // a clause, not a preposition.
        // Only with a verb that is surely finite: "since Islamic State
        // attacks last year" is a noun phrase.
        static const Set kClauseOpeners = {"after", "before", "until"};
        bool finite = g.begin < g.verb || EndsWith(T(g.verb).lower, "ed") || c_.lex_.IrregularVerb(T(g.verb).lower);
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
        out = Coordinated(m);
        break;
      }
      // "Both sides", "they", "the talks": the last pair.
      if (kPairNouns.count(t) || std::string_view(t.lower) == "they") {
        if (!last_pair_->empty()) {
          out = *last_pair_;
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
      // An unresolved pronoun is the subject: nothing further left is.
      if (kSubjectPronouns.count(t)) break;
    }
    g.subject = out;
    return out;
  }

  // Verbs whose object does what their infinitive says: "urged Russia to
  // withdraw". After other verbs the infinitive is a purpose and its doer
  // the subject: "X met Assad to discuss ...".
  static bool ObjectControls(const Group& ctl) {
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

  void ApplyControl(const Group& ctl, Group* g) {
    static const Set kIntending = {"plan", "intend", "want", "hope", "seek", "wish", "aim", "mean"};
    if (kIntending.count(ctl.lemma) || ctl.intent) g->intent = true;
    if (kNegating.count(ctl.lemma)) g->negated = !g->negated;
    else if (kPlanning.count(ctl.lemma) && g->status == EventStatus::kOccurred) g->status = EventStatus::kPlanned;
    if (ctl.negated && !kNegating.count(ctl.lemma)) g->negated = true;
    if (ctl.status != EventStatus::kOccurred) g->status = ctl.status;
    if (ctl.passive && std::string_view(ctl.lemma) == "expect") g->status = EventStatus::kPlanned;
  }

  bool PrecededByPrep(uint32_t b) const {
    if (b <= s_.token_begin) return false;
    const std::string_view p = T(b - 1).lower;
    return kPreps.count(p) > 0;
  }

  bool HasBetween(uint32_t a, uint32_t b, const char* w) const {
    for (uint32_t k = a + 1; k < b; ++k)
      if (T(k).lower == w || T(k).norm == w) return true;
    return false;
  }

  int FirstMentionBetween(uint32_t a, uint32_t b) const {
    for (uint32_t k = a; k < b; ++k)
      if (MentionAt(k) >= 0) return MentionAt(k);
    return -1;
  }

  // Where an act with no actor as its object happens names its target
  // country, as CAMEO coders do: "demonstrated in Kirkuk" is aimed at Iraq,
  // "extended the curfew in Abidjan" at Ivory Coast. Returns a new actor
  // mention for that country, or -1.
  int PlaceTarget(uint32_t from, uint32_t end, bool force = false) {
    static const Set kWhere = {"in", "across", "throughout", "inside", "near", "outside"};
    // Force is also aimed "at", "on" or "into" a place: "fired rockets at
    // Tel Aviv".
    static const Set kAimedAt = {"at", "on", "into", "toward", "towards", "against"};
    for (uint32_t k = from; k < end; ++k) {
      if (!kWhere.count(T(k)) && !(force && kAimedAt.count(T(k)))) continue;
      uint32_t q = k + 1;
      if (q < end && std::string_view(T(q).lower) == "the") ++q;
      for (auto& m : doc_->mentions) {
        if (m.type != MentionType::kPlace || m.token_begin != q || m.country.empty()) continue;
        const Country* c = c_.lex_.FindCountry(m.country);
        return c ? CountryActorAt(m, *c, "place as target: ") : -1;
      }
    }
    return -1;
  }

  // The actor starting at k is the agent of a participle: "brokered by
  // [the] Egypt[ian government]".
  bool ParticipleAgent(uint32_t k) const {
    uint32_t by = k - 1;
    if (by > s_.token_begin && kDeterminers.count(T(by))) --by;
    if (by <= s_.token_begin || std::string_view(T(by).lower) != "by") return false;
    const std::string_view part = T(by - 1).lower;
    return EndsWith(part, "ed") || c_.lex_.IrregularVerb(part) != nullptr;
  }

  // After "to": a lower-case word that is not a determiner, an actor or a
  // noun of our patterns reads as a verb ("efforts to counter", not "to
  // the talks", "to peace").
  bool LooksInfinitive(uint32_t k) const {
    if (k >= s_.token_end) return false;
    const Token& t = T(k);
    if (t.kind != TokenKind::kWord || t.has(kCapitalised) || t.has(kHyphenated) || kDeterminers.count(t) ||
        MentionAt(k) >= 0)
      return false;
    const Coder::FormInfo* fi = info_[k - s_.token_begin];
    return !fi || !fi->verb.empty() || fi->noun.empty();
  }

  // In [from, end): "in|during|by|from [the] ACTOR [word [word]] NOUN" where
  // NOUN names an act of force in nouns.tsv (shelling, air strike, raid).
  // Returns the actor or -1.
  int AgentOfForceNoun(uint32_t from, uint32_t end) const {
    static const Set kVia = {"in", "during", "by", "from", "amid"};
    for (uint32_t k = from; k + 2 < end; ++k) {
      if (!kVia.count(T(k))) continue;
      uint32_t q = k + 1;
      if (kDeterminers.count(T(q))) ++q;
      int m = MentionAt(q);
      if (m < 0) continue;
      for (uint32_t n = doc_->mentions[m].token_end; n < end && n < doc_->mentions[m].token_end + 3; ++n) {
        const Coder::FormInfo* fi = info_[n - s_.token_begin];
        if (!fi || fi->noun.empty()) continue;
        auto it = c_.nouns_.find(fi->noun);
        if (it == c_.nouns_.end()) continue;
        for (const Pattern* p : it->second)
          if (p->code.compare(0, 2, "18") == 0 || p->code.compare(0, 2, "19") == 0 || p->code.compare(0, 2, "20") == 0)
            return m;
      }
    }
    return -1;
  }

  // After the noun at i: "[,] PARTICIPLE [particle] by [det] ACTOR". Returns
  // the actor or -1.
  int AgentAfterNoun(uint32_t i) const {
    uint32_t k = i + 1;
    if (k < s_.token_end && std::string_view(T(k).norm) == ",") ++k;
    if (k >= s_.token_end) return -1;
    const std::string_view w = T(k).lower;
    if (!(EndsWith(w, "ed") || c_.lex_.IrregularVerb(w))) return -1;
    ++k;
    if (k < s_.token_end && std::string_view(T(k).lower) != "by") ++k;  // "carried out by"
    if (k + 1 >= s_.token_end || std::string_view(T(k).lower) != "by") return -1;
    ++k;
    if (kDeterminers.count(T(k)) && k + 1 < s_.token_end) ++k;
    return MentionAt(k);
  }

  // The target of a protest (14x) by civil society that names none: the
  // protesters' own country. -1 for other codes and sources (a candidate's
  // rally or soldiers in a riot are no protest against the state).
  int ProtestTarget(const Pattern& p, int src) {
    const Mention& m = doc_->mentions[src];
    if (p.code.compare(0, 2, "14") != 0 || !Unarmed(m) || m.code.find("ELI") != std::string::npos) return -1;
    return OwnCountry(src);
  }

  // A new actor mention for the country of mention m (at m's place), or -1
  // when m has no country or is the country itself.
  int OwnCountry(int mi) {
    const Mention& m = doc_->mentions[mi];
    const Country* c = m.country.empty() ? nullptr : c_.lex_.FindCountry(m.country);
    if (!c || m.code == c->cameo) return -1;
    return CountryActorAt(m, *c, "own country of the protesters: ");
  }

  // Adds an actor mention for country c over mention m's words (a place or
  // an actor that implies the country); returns its index.
  int CountryActorAt(const Mention& m, const Country& c, const char* why) {
    Mention a;
    a.type = MentionType::kActor;
    a.token_begin = m.token_begin;
    a.token_end = m.token_end;
    a.span = m.span;
    a.name = c.name;
    a.entity_type = EntityType::kCountry;
    a.code = c.cameo;
    a.country = c.iso3;
    a.rule = why + m.rule;
    doc_->mentions.push_back(std::move(a));
    return static_cast<int>(doc_->mentions.size() - 1);
  }

  // A target and the actors coordinated after it: "talks with the World
  // Bank and the IMF" are talks with each.
  std::vector<int> WithCoordinated(int t) const {
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

  // m and actors coordinated before it: "Russia and Ukraine".
  std::vector<int> Coordinated(int m) const {
    std::vector<int> out{m};
    // "children and a man": a determiner may open each conjunct.
    auto start = [&](int mi) {
      uint32_t b = doc_->mentions[mi].token_begin;
      if (b > s_.token_begin + 1 && kDeterminers.count(T(b - 1)) && std::string_view(T(b - 2).lower) == "and")
        --b;
      return b;
    };
    uint32_t b = start(m);
    while (b >= s_.token_begin + 2 && (std::string_view(T(b - 1).lower) == "and" || std::string_view(T(b - 1).norm) == ",")) {
      int prev = MentionEnd(b - 2);
      if (prev < 0) break;
      out.insert(out.begin(), prev);
      b = start(prev);
    }
    return out;
  }

  // End of the clause that follows token i.
  uint32_t ClauseEnd(uint32_t i) const {
    uint32_t e = i + 1;
    for (; e < s_.token_end && e < i + 30; ++e) {
      const Token& t = T(e);
      if (Is(e, kClsStop) || std::string_view(t.norm) == ";") break;
      if (std::string_view(t.norm) == "," && e + 1 < s_.token_end) {
        const std::string_view nx = T(e + 1).lower;
        if (EndsWith(nx, "ing") || nx == "who" || nx == "which" || nx == "and" || nx == "but" || nx == "while")
          break;
        // ", the foreign ministry said": a reporting clause, not an object.
        bool reporting = false;
        for (uint32_t k = e + 1; k < s_.token_end && k < e + 8 && !reporting; ++k) {
          static const Set kSaid = {"said", "says", "told", "added", "reported", "announced", "stated"};
          if (kSaid.count(T(k))) reporting = true;
          if (std::string_view(T(k).norm) == "," || GroupOfVerb(k) >= 0) break;
        }
        if (reporting) break;
      }
      int gv = GroupOfVerb(e);
      if (gv >= 0 && !groups_[gv].infinitive && !EndsWith(T(e).lower, "ing") && e != i + 1) break;
    }
    return e;
  }

  bool WordMatches(uint32_t k, const std::vector<int>& words) const {
    const auto* forms = forms_[k - s_.token_begin];
    if (!forms) return false;
    for (int w : words)
      for (int f : *forms)
        if (f == w) return true;
    return false;
  }

  struct Match {
    const Pattern* p = nullptr;
    int score = -1;
    int target = -1, source = -1;
    uint32_t end = 0;
  };

  // The first (longest) pattern that matches after `from`. Patterns whose
  // words do not all occur in the clause are skipped without matching.
  Match BestMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const {
    // Mark the pattern words present in the clause with a fresh stamp.
    uint32_t stamp = ++*stamp_gen_;
    uint64_t present = 0;  // the same words as bits, for Coder::MaybeMatches
    for (uint32_t k = from; k < end; ++k)
      if (const auto* f = forms_[k - s_.token_begin])
        for (int w : *f) {
          (*stamps_)[static_cast<size_t>(w)] = stamp;
          present |= uint64_t{1} << (w & 63);
        }
    for (const Pattern* p : patterns) {
      if (!c_.MaybeMatches(*p, present)) continue;
      bool possible = true;
      for (size_t e = 0; e < p->rest.size() && possible; ++e) {
        if (p->rest[e].kind != PatternElement::kWord) continue;
        bool any = false;
        for (int w : c_.ElementIds(*p, e))
          if ((*stamps_)[static_cast<size_t>(w)] == stamp) { any = true; break; }
        possible = any;
      }
      if (!possible) continue;
      Match m = MatchPattern(*p, from, end);
      if (m.p) return m;
    }
    return Match{};
  }

  Match MatchPattern(const Pattern& p, uint32_t from, uint32_t end) const {
    Match m;
    uint32_t pos = from;
    int window = 5;
    for (auto& el : p.rest) {
      if (el.kind == PatternElement::kGap) {
        window = 14;
        continue;
      }
      bool ok = false;
      for (uint32_t k = pos; k < end && k < pos + static_cast<uint32_t>(window); ++k) {
        if (el.kind == PatternElement::kWord) {
          if (WordMatches(k, c_.ElementIds(p, static_cast<size_t>(&el - p.rest.data())))) {
            pos = k + 1;
            ok = true;
            break;
          }
        } else {
          int mi = MentionAt(k);
          if (mi >= 0) {
            (el.kind == PatternElement::kTarget ? m.target : m.source) = mi;
            pos = doc_->mentions[mi].token_end;
            ok = true;
            break;
          }
          // An actor slot is the next noun phrase: not past a preposition
          // or a verb ("withdraw from areas under Kyiv's control").
          if (k > pos && (Is(k, kClsPrep) || GroupOfVerb(k) >= 0)) break;
        }
        const Token& t = T(k);
        if (t.kind == TokenKind::kPunct && std::string_view(t.norm) != "-" && std::string_view(t.norm) != "\"" && std::string_view(t.norm) != "'") break;
      }
      if (!ok) return Match{};
      window = 5;
    }
    m.p = &p;
    m.score = static_cast<int>(p.rest.size());
    m.end = pos;
    return m;
  }

  void CodeVerb(size_t gi) {
    Group& g = groups_[gi];
    auto it = c_.verbs_.find(g.lemma);
    // Control verbs and support verbs are handled through what they govern.
    if (it == c_.verbs_.end()) return;
    uint32_t end = ClauseEnd(g.verb);
    // A "that" complement belongs to the verb's pattern: "agreed that their
    // countries should cooperate", "demanded that Russia withdraw".
    uint32_t match_end = end;
    for (uint32_t k = g.verb + 1; k < end + 2 && k < s_.token_end && k < g.verb + 5; ++k) {
      if (std::string_view(T(k).lower) != "that") continue;
      for (uint32_t v = k + 1; v < s_.token_end && v < k + 8; ++v)
        if (GroupOfVerb(v) >= 0) {
          match_end = std::max(match_end, ClauseEnd(v));
          break;
        }
      break;
    }
    Match best = BestMatch(it->second, g.verb + 1, match_end);
    if (!best.p) {
      if (trace_) Trace(fmt::format("  verb '{}' ({}): no pattern matched", T(g.verb).norm, g.lemma));
      return;
    }
    // "seeking to mend ties", "tried to reach": a verb that governs an
    // infinitive is coded through it, unless a pattern of its own says more
    // than the bare verb.
    if (best.p->rest.empty() && g.verb + 2 < s_.token_end && std::string_view(T(g.verb + 1).lower) == "to" &&
        GroupOfVerb(g.verb + 2) >= 0) {
      if (trace_) Trace(fmt::format("  verb '{}': governs an infinitive; coded through it", T(g.verb).norm));
      return;
    }
    std::vector<int> sources = Subject(gi);
    g.coded = best.p->code;
    // "would not give": a refusal (see Emit); what it governs is content.
    if (g.negated && g.status != EventStatus::kOccurred && g.coded.compare(0, 2, "10") < 0 &&
        g.coded.compare(0, 2, "03") >= 0)
      g.coded = "12";
    // "accused Israel of attacking Syria", "charged with bombing": the
    // gerund is what the accusation says, not an event.
    if (EndsWith(T(g.verb).lower, "ing") && g.begin == g.verb && g.begin > s_.token_begin &&
        (std::string_view(T(g.begin - 1).lower) == "of" || std::string_view(T(g.begin - 1).lower) == "with")) {
      for (size_t k = gi; k-- > 0;) {
        const std::string& cc = groups_[k].coded;
        if (!cc.empty() && (cc.compare(0, 2, "11") == 0 || cc.compare(0, 2, "17") == 0)) {
          if (trace_) Trace(fmt::format("  verb '{}': what {} '{}' alleges, not an event", T(g.verb).norm, cc,
                                        groups_[k].lemma));
          return;
        }
        if (!cc.empty()) break;
      }
    }
    if (IsContent(g)) {
      if (trace_) Trace(fmt::format("  verb '{}': content of {} '{}', not an event", T(g.verb).norm,
                                    groups_[g.controller].coded, groups_[g.controller].lemma));
      return;
    }
    int target = best.target;
    if (g.passive) {
      // "talks were hosted by X": X is the source, the subject the target.
      int agent = -1;
      for (uint32_t k = g.verb + 1; k < end; ++k) {
        if (std::string_view(T(k).lower) != "by" || k + 1 >= s_.token_end) continue;
        uint32_t q = k + 1;
        if (kDeterminers.count(T(q)) && q + 1 < s_.token_end) ++q;  // "by a Ukrainian protester"
        if (MentionAt(q) >= 0) {
          // Not a country inside a longer name: "killed by the Malaysia
          // Airlines flight's crash".
          uint32_t after = doc_->mentions[MentionAt(q)].token_end;
          if (after < s_.token_end && T(after).kind == TokenKind::kWord && T(after).has(kCapitalised) &&
              MentionAt(after) < 0 && doc_->mentions[MentionAt(q)].entity_type == EntityType::kCountry)
            break;
          agent = MentionAt(q);
          break;
        }
      }
      // "were killed in Israeli tank shelling": the actor that modifies an
      // act of force names who did it.
      if (agent < 0) agent = AgentOfForceNoun(g.verb + 1, end);
      std::vector<int> subj = sources;
      // A reduced relative ("a strike called by workers") is about the noun
      // right before it; when that is no actor there is no target.
      if (g.begin == g.verb && g.verb > s_.token_begin && MentionEnd(g.verb - 1) < 0) subj.clear();
      sources.clear();
      if (agent >= 0) sources.push_back(agent);
      // "was arrested in Lebanon": coercion with no named agent was done by
      // the authorities of the place.
      if (agent < 0 && best.p->code.compare(0, 2, "17") == 0) {
        int where = PlaceTarget(g.verb + 1, end);
        if (where >= 0) {
          doc_->mentions[where].rule = "authorities of the place: " + doc_->mentions[where].rule;
          sources.push_back(where);
        }
      }
      if (subj.size() > 1 && !sources.empty()) {
        // "talks were hosted by X": X toward each participant.
        uint32_t b = std::min(doc_->mentions[subj.front()].token_begin, g.begin);
        uint32_t e = std::max(best.end, doc_->mentions[sources.front()].token_end);
        for (int t : subj) Emit(sources.front(), t, *best.p, g, b, e);
        return;
      }
      target = subj.empty() ? -1 : subj.front();
    } else if (best.source >= 0) {
      int subj = sources.empty() ? -1 : sources.front();
      sources = {best.source};
      target = subj;
    }
    // Where this verb's own phrase ends: not past another verb ("discuss
    // efforts to counter X", "a resolution to annex settlements in the West
    // Bank").
    uint32_t own_end = end;
    for (uint32_t k = std::max(best.end, g.verb + 1); k < end; ++k) {
      // "promised to continue aid to Mozambique": an infinitive right after
      // the verb is its complement, whose target is the verb's.
      if (k == g.verb + 1) continue;
      bool infinitive = std::string_view(T(k).lower) == "to" && LooksInfinitive(k + 1);
      // A finite verb, not a gerund after a preposition ("a formula for
      // ending its dispute with ...").
      int gv = GroupOfVerb(k);
      bool finite = gv >= 0 && !groups_[gv].infinitive &&
                    !(EndsWith(T(k).lower, "ing") && k > s_.token_begin && kPreps.count(T(k - 1)));
      if (infinitive || finite) {
        own_end = k;
        break;
      }
    }
    if (target < 0 && !g.passive) {
      // The first actor after the verb in its clause, not one in a
      // locative phrase, and near the verb or the words of its pattern:
      // not "deploy the system, or Thaad, over objections from China as
      // well as South Korea's opposition party".
      uint32_t near = std::min(own_end, std::max(best.end, g.verb + 1) + kTargetReach);
      for (uint32_t k = g.verb + 1; k < near; ++k) {
        int mi = MentionAt(k);
        if (mi < 0) continue;
        // "China remained mum and Russia's envoy said": the subject of a
        // coordinated clause.
        static const Set kConj = {"and", "but", "while", "whereas"};
        uint32_t after = doc_->mentions[mi].token_end;
        while (after < s_.token_end && MentionAt(after) >= 0) after = doc_->mentions[MentionAt(after)].token_end;
        if (kConj.count(T(k - 1)) && after < s_.token_end && GroupOfVerb(after) >= 0) break;
        // Troops one sends or deploys are one's own, not the target (15x:
        // "sent troops to Syria", "deployed soldiers to the border").
        if (best.p->code.compare(0, 2, "15") == 0 && !sources.empty() &&
            doc_->mentions[mi].country == doc_->mentions[sources.front()].country)
          continue;
        // A state body does not act on its own country as a whole: "the
        // Canadian government announced bans on travel to Canada against
        // ..." (the place of a domestic act is PlaceTarget's business).
        if (!sources.empty() && StateOnItsOwnCountry(sources.front(), mi)) continue;
        const std::string_view p = T(k - 1).lower;
        if (p == "in" || p == "from" || p == "near" || p == "since" || p == "of" || p == "during") continue;
        if (k > g.verb + 2 && ParticipleAgent(k)) continue;  // "a ceasefire brokered by Egypt"
        target = mi;
        break;
      }
    }
    // Coordinated subjects of a joint act ("the US and Russia will meet in
    // Geneva") act toward each other, not toward the place.
    bool joint = sources.size() >= 2 && Reciprocal(*best.p, g);
    if (target < 0 && !g.passive && !joint) {
      bool force = best.p->code.compare(0, 2, "18") >= 0 && best.p->code.compare(0, 2, "20") <= 0;
      target = PlaceTarget(g.verb + 1, own_end, force);
    }
    // A protest that names no target is aimed at the protesters' own
    // country, as CAMEO coders code domestic protest ("workers went on
    // strike" is aimed at their state).
    if (target < 0 && !g.passive && !sources.empty()) target = ProtestTarget(*best.p, sources.front());
    if (trace_) Trace(fmt::format("  verb '{}' ({}{}{}): pattern {} '{}' subject={} target={}", T(g.verb).norm, g.lemma,
                      g.passive ? ", passive" : "", g.negated ? ", negated" : "", best.p->code, best.p->text,
                      Names(sources), target >= 0 ? doc_->mentions[target].code : "-"));
    if (sources.empty()) {
      Trace("    no source actor: no event");
      return;
    }
    if (ClaimedForce(gi, sources, target)) return;
    uint32_t span_b = std::min(doc_->mentions[sources.front()].token_begin, g.begin);
    if (span_b < s_.token_begin) span_b = g.begin;
    uint32_t span_e = std::max(best.end, g.verb + 1);
    if (target >= 0) span_e = std::max(span_e, doc_->mentions[target].token_end);
    EmitAll(sources, target, *best.p, g, span_b, span_e);
  }

  // Events from every source to the target and the targets coordinated with
  // it; coordinated sources with no other target act toward each other
  // ("Russia and Ukraine agreed"). A target that is one of the sources
  // ("Israel and Lebanon renewed talks on an Israeli pullback") is dropped.
  void EmitAll(const std::vector<int>& sources, int target, const Pattern& p, const Group& g, uint32_t span_b,
               uint32_t span_e) {
    if (sources.size() >= 2 && target >= 0)
      for (int src : sources)
        if (target >= 0 && doc_->mentions[src].code == doc_->mentions[target].code) target = -1;
    if (target < 0 && sources.size() >= 2 && Reciprocal(p, g)) {
      for (int a : sources)
        for (int b : sources)
          if (a != b) Emit(a, b, p, g, span_b, span_e);
      return;
    }
    for (int s : sources)
      for (int t : WithCoordinated(target)) Emit(s, t, p, g, span_b, span_e);
  }

  // Acts that two coordinated actors do with each other: agreeing, signing,
  // meeting, cooperating, and fighting ("clashed"). "Republicans and Democrats
  // warned" is not a warning to each other.
  bool Reciprocal(const Pattern& p, const Group& g) const {
    static const Set kTogether = {"03", "04", "05", "06"};
    static const Set kMutual = {"clash", "fight", "battle", "skirmish", "agree", "sign", "negotiate", "settle",
                                "exchange"};
    if (p.code.size() >= 2 && kTogether.count(p.code.substr(0, 2))) return true;
    return kMutual.count(g.lemma) > 0;
  }

  // "X claimed that Y attacked Z": a contested claim of force is coded as
  // what the claimant did: an accusation of Y (112), or, when Y is the
  // claimant's own side, a claim of responsibility (015). Reporting verbs
  // that do not contest ("said", "reported") leave the event as it is.
  bool ClaimedForce(size_t gi, const std::vector<int>& sources, int target) {
    static const Set kClaim = {"claim", "allege", "accuse", "charge", "contend", "assert"};
    const Group& g = groups_[gi];
    const std::string& root = g.coded;
    if (root.size() < 2 || !(root.compare(0, 2, "18") == 0 || root.compare(0, 2, "19") == 0 ||
                             root.compare(0, 2, "20") == 0 || root.compare(0, 2, "15") == 0))
      return false;
    for (size_t k = gi; k-- > 0;) {
      const Group& r = groups_[k];
      if (!kClaim.count(r.lemma) && !kClaim.count(T(r.verb))) continue;
      bool that = false;
      for (uint32_t q = r.verb + 1; q < g.begin; ++q) that = that || std::string_view(T(q).lower) == "that";
      if (!that) return false;
      std::vector<int> claimant = Subject(k);
      if (claimant.empty()) return false;
      const Mention& c = doc_->mentions[claimant.front()];
      const Mention& y = doc_->mentions[sources.front()];
      bool own = !c.country.empty() && c.country == y.country;
      // Synthetic rules naming what happened (immutable, shared by threads).
      static const Pattern kAccusation = [] {
        Pattern p;
        p.code = "112";
        p.text = "accusation: claims that another used force";
        p.rule = "coder:claimed-force";
        return p;
      }();
      static const Pattern kResponsibility = [] {
        Pattern p;
        p.code = "015";
        p.text = "claim of responsibility: claims its own side used force";
        p.rule = "coder:claimed-force";
        return p;
      }();
      const Pattern& claim = own ? kResponsibility : kAccusation;
      int tgt = own ? target : sources.front();
      if (trace_) Trace(fmt::format("    claimed by {}: coded as {}", c.code, claim.code));
      Emit(claimant.front(), tgt, claim, groups_[k], std::min(c.token_begin, r.begin), g.verb + 1);
      return true;
    }
    return false;
  }

  // What an appeal, accusation, demand, refusal or threat is about is its
  // content, not an event: "urged Russia to withdraw", "accused Israel of
  // attacking Syria", "refused to attend the talks".
  bool IsContent(const Group& g) const {
    if (g.controller < 0) return false;
    static const Set kVerbalRoots = {"02", "10", "11", "12", "13"};
    const std::string& cc = groups_[g.controller].coded;
    return !cc.empty() && kVerbalRoots.count(cc.substr(0, 2)) > 0;
  }

  void CodeNouns() {
    for (uint32_t i = s_.token_begin; i < s_.token_end; ++i) {
      const Token& t = T(i);
      if (t.kind != TokenKind::kWord || InMention(i)) continue;
      const Coder::FormInfo* fi = info_[i - s_.token_begin];
      if (!fi || fi->noun.empty()) continue;
      const std::string& lemma = fi->noun;
      if (lemma.empty() || GroupOfVerb(i) >= 0) continue;
      auto it = c_.nouns_.find(lemma);
      // Who does it: a possessor ("Russia's invasion") or the subject of a
      // support verb governing it ("held talks").
      std::vector<int> sources;
      Group* gov = nullptr;
      int modifier = -1;
      bool passed_det = false;
      uint32_t k = i;
      int skipped = 0;
      while (k > s_.token_begin && skipped < 3) {
        const Token& p = T(k - 1);
        if (std::string_view(p.lower) == "'s" || std::string_view(p.norm) == "'") {
          int m = MentionEnd(k - 1) >= 0 ? MentionEnd(k - 1) : MentionEnd(k - 2);
          if (m >= 0) sources = Coordinated(m);
          break;
        }
        int gv = GroupOfVerb(k - 1);
        if (gv >= 0) {
          if (c_.support_.count(groups_[gv].lemma)) {
            gov = &groups_[gv];
            Subject(static_cast<size_t>(gv));  // settles the controller first
            if (!IsContent(*gov)) sources = gov->subject;
          }
          break;
        }
        if (int m = MentionEnd(k - 1); m >= 0) {
          // An actor used as a modifier does it: "Israeli tank shelling",
          // "US sanctions", "the Russian invasion"; not one before the
          // determiner ("Police watched a general strike").
          if (doc_->mentions[m].entity_type != EntityType::kPerson && !passed_det) modifier = m;
          break;
        }
        if (p.kind != TokenKind::kWord || kPreps.count(p)) break;
        if (kDeterminers.count(p)) passed_det = true;
        --k;
        ++skipped;
      }
      if (sources.empty() && !gov && modifier >= 0) sources = {modifier};
      // "talks between X and Y".
      uint32_t end = ClauseEnd(i);
      Match best = BestMatch(it->second, i + 1, end);
      if (!best.p) continue;
      // The words a noun pattern used are not heads of their own:
      // "ceasefire agreement" is one event, not two.
      uint32_t resume = best.end > i + 1 ? best.end - 1 : i;
      struct Resume {
        uint32_t* i;
        uint32_t to;
        ~Resume() { *i = std::max(*i, to); }
      } resume_guard{&i, resume};
      if (sources.empty() && i + 1 < end && std::string_view(T(i + 1).lower) == "between") {
        int a = MentionAt(i + 2);
        if (a >= 0) {
          std::vector<int> pair = {a};
          uint32_t after = doc_->mentions[a].token_end;
          if (after + 1 < end && std::string_view(T(after).lower) == "and" && MentionAt(after + 1) >= 0) pair.push_back(MentionAt(after + 1));
          if (pair.size() == 2) {
            Group g0;
            g0.verb = i;
            Emit(pair[0], pair[1], *best.p, g0, i, doc_->mentions[pair[1]].token_end);
            Emit(pair[1], pair[0], *best.p, g0, i, doc_->mentions[pair[1]].token_end);
            *last_pair_ = pair;
          }
          continue;
        }
      }
      // "a general strike called by Ecuadorean workers", "the attack
      // carried out by Hamas": a participle with "by" names who does it.
      if (sources.empty() && !gov) {
        int agent = AgentAfterNoun(std::max(i, best.end - 1));
        if (agent >= 0) sources = Coordinated(agent);
      }
      if (sources.empty()) continue;
      Group g;
      if (gov) g = *gov;
      g.verb = i;
      bool negated_det = i > s_.token_begin && std::string_view(T(i - 1).lower) == "no";
      if (negated_det) g.negated = true;
      int target = best.target;
      if (target < 0) {
        for (uint32_t q = i + 1; q < end; ++q) {
          int mi = MentionAt(q);
          if (mi < 0) continue;
          const std::string_view p = T(q - 1).lower;
          if (p == "in" || p == "from" || p == "since" || p == "during") continue;
          if (ParticipleAgent(q)) continue;  // "a ceasefire brokered by Egypt"
          if (StateOnItsOwnCountry(sources.front(), mi)) continue;
          target = mi;
          break;
        }
      }
      if (std::find(sources.begin(), sources.end(), target) != sources.end()) target = -1;  // the "by" agent
      if (target < 0) target = ProtestTarget(*best.p, sources.front());
      if (trace_) Trace(fmt::format("  noun '{}' ({}): pattern {} '{}' source={} target={}", t.norm, lemma, best.p->code,
                        best.p->text, Names(sources), target >= 0 ? doc_->mentions[target].code : "-"));
      // A noun with only a possessor or modifier ("Israel's destruction",
      // "the Palestinian uprising") usually recalls background; it is coded
      // when it names whom it was done to.
      if (!gov && target < 0 && sources.size() == 1 && best.p->code.compare(0, 2, "10") < 0)
        target = OtherParty(sources.front());
      if (!gov && target < 0 && sources.size() == 1) {
        if (trace_) Trace("    named in passing, no target: not coded");
        continue;
      }
      uint32_t span_b = std::min(doc_->mentions[sources.front()].token_begin, gov ? gov->begin : i);
      uint32_t span_e = std::max(best.end, i + 1);
      if (target >= 0) span_e = std::max(span_e, doc_->mentions[target].token_end);
      EmitAll(sources, target, *best.p, g, span_b, span_e);
    }
  }

  std::string Names(const std::vector<int>& ms) const {
    std::string s;
    for (int m : ms) s += (s.empty() ? "" : "+") + doc_->mentions[m].code;
    return s.empty() ? "-" : s;
  }

  Actor ActorOf(int mi) const {
    const Mention& m = doc_->mentions[mi];
    Actor a;
    a.code = m.code;
    a.country = m.country;
    a.role = m.roles;
    if (!m.country.empty() && m.code.size() > 3) a.role = m.code.substr(3);
    a.entity = m.entity;
    a.text = std::string(doc_->text(m.span));
    a.span = m.span;
    return a;
  }

  // Mention src took the article's main country, and the only actor that
  // names that country is tgt, the country itself.
  bool GuessedFromOnly(int src, int tgt) const {
    const Mention& m = doc_->mentions[src];
    const Mention& t = doc_->mentions[tgt];
    // Only toward the country itself: a domestic event between two roles
    // ("Judge X opened investigations against Chilean officials") is the
    // common case and stays domestic.
    if (m.country.empty() || m.country != t.country || !t.roles.empty() ||
        m.rule.find("article's main country") == std::string::npos)
      return false;
    for (size_t k = 0; k < doc_->mentions.size(); ++k) {
      const Mention& o = doc_->mentions[k];
      if (static_cast<int>(k) == tgt || o.type != MentionType::kActor || o.country != m.country) continue;
      if (o.rule.find("article's main country") != std::string::npos) continue;
      return false;
    }
    return true;
  }

  // A copy of mention m with its role alone.
  int WithoutCountry(int mi) {
    Mention a = doc_->mentions[mi];
    a.code = a.roles;
    a.country.clear();
    a.rule += " (country unknown)";
    doc_->mentions.push_back(std::move(a));
    return static_cast<int>(doc_->mentions.size() - 1);
  }

  // A state body (a role that is not civil) and the bare name of its own
  // country: not a target found by position.
  bool StateOnItsOwnCountry(int src, int tgt) const {
    const Mention& a = doc_->mentions[src];
    const Mention& t = doc_->mentions[tgt];
    // (A body whose country was itself guessed is Emit's business: see
    // GuessedFromOnly.)
    return t.roles.empty() && t.entity_type == EntityType::kCountry && !a.roles.empty() && !Unarmed(a) &&
           !a.country.empty() && t.country == a.country && a.rule.find("article's main country") == std::string::npos;
  }

  // An actor with no armed force of its own: its role is civilian.
  static bool Unarmed(const Mention& m) {
    static const Set kUnarmed = {"CVL", "PPL", "OPP", "LAB", "EDU", "MED", "BUS", "REF", "HRI", "NGO", "REL", "AGR", "DEV", "HLH", "ELI", "SPY"};
    if (m.country.empty() || m.code.size() < 6) return false;
    std::string_view roles(m.code);
    roles.remove_prefix(3);
    // Every role must be unarmed: an "OPPREB" is armed.
    for (size_t k = 0; k + 3 <= roles.size(); k += 3)
      if (!kUnarmed.count(roles.substr(k, 3))) return false;
    return true;
  }

  // An event with no stated target between one of the two parties the
  // article is about (the last pair that met) is aimed at the other party:
  // "Umerov emphasized Kyiv's call for a ceasefire" in Russia-Ukraine talks.
  int OtherParty(int src) const {
    if (last_pair_->size() != 2) return -1;
    const std::string& c = doc_->mentions[src].country;
    const Mention& a = doc_->mentions[(*last_pair_)[0]];
    const Mention& b = doc_->mentions[(*last_pair_)[1]];
    if (c.empty() || a.country == b.country) return -1;
    if (c == a.country) return (*last_pair_)[1];
    if (c == b.country) return (*last_pair_)[0];
    return -1;
  }

  void Emit(int src, int tgt, const Pattern& p, const Group& g, uint32_t tb, uint32_t te) {
    // The other party of a negotiation is the implied target of what one
    // side asks, offers or agrees, not of its warnings or threats.
    if (tgt < 0 && p.code.compare(0, 2, "10") < 0) tgt = OtherParty(src);
    // An actor does not act on itself: same code on both sides is a misread.
    if (tgt >= 0 && doc_->mentions[src].code == doc_->mentions[tgt].code) {
      if (doc_->mentions[src].entity == doc_->mentions[tgt].entity) tgt = -1;
      else {
        if (trace_) Trace("    source and target have one code: not coded");
        return;
      }
    }
    // A role whose country was guessed from the article is not of the
    // country it acts on when that country is all the article names: "The
    // government expressed appreciation for China's assistance" is not
    // China's government. Its country stays unknown ("---GOV").
    bool stateless = false;
    if (tgt >= 0 && GuessedFromOnly(src, tgt)) {
      src = WithoutCountry(src);
      stateless = true;
      if (trace_) Trace("    the source's country was guessed from the target alone: unknown");
    }
    // The source must be someone: a role with no country ("a protestor")
    // is not coded.
    if (!stateless) {
      const std::string& sc = doc_->mentions[src].code;
      if (doc_->mentions[src].country.empty() && !(sc.size() >= 3 && (sc.compare(0, 3, "IGO") == 0 ||
                                                                        sc.compare(0, 3, "NGO") == 0 ||
                                                                        sc.compare(0, 3, "IMG") == 0 ||
                                                                        sc.compare(0, 3, "MNC") == 0))) {
        if (!c_.lex_.FindCountry(sc.substr(0, 3))) {
          Trace("    source without a country: not coded");
          return;
        }
      }
    }
    // "will not"/"would not" + a cooperative act is a refusal (CAMEO 12x),
    // not a negated event: "said he would not provide support".
    std::string code = p.code;
    bool negated = g.negated;
    if (negated && g.status != EventStatus::kOccurred) {
      static const std::unordered_map<std::string, std::string> kRefusal = {
          {"03", "120"}, {"04", "125"}, {"05", "120"}, {"06", "121"}, {"07", "121"}, {"08", "124"}, {"09", "120"}};
      auto it = kRefusal.find(code.substr(0, 2));
      if (it != kRefusal.end()) {
        if (trace_) Trace(fmt::format("    refusal: {} not done -> {}", code, it->second));
        code = it->second;
        negated = false;
      }
    }
    // Cooperation offered as an intention is CAMEO 03x: "ready to continue
    // talks" 036, "would support" 032, "would meet its obligations" 031,
    // "wants to visit" 036. ("will visit" is the visit, planned.)
    if (g.intent && !negated) {
      static const std::unordered_map<std::string, std::string> kIntent = {
          {"04", "036"}, {"05", "032"}, {"06", "031"}, {"07", "033"}, {"08", "034"}};
      if (auto it = kIntent.find(code.substr(0, 2)); it != kIntent.end()) code = it->second;
    }
    // Force announced for the future is a threat: "will attack", "wants to
    // strike" (CAMEO 13x), not an attack.
    if ((g.status == EventStatus::kPlanned || g.intent) && !negated) {
      std::string root = code.substr(0, 2);
      if (root == "18" || root == "19" || root == "20") code = "138";
    }
    // Military force (19x) used by people who have no army (civilians,
    // protesters, parties, businesses) is unconventional violence, 180:
    // "demonstrators attacked troops".
    if (code.compare(0, 2, "19") == 0 && Unarmed(doc_->mentions[src])) {
      if (trace_) Trace(fmt::format("    force by {}: {} -> 180", doc_->mentions[src].code, code));
      code = "180";
    }
    // Property seized or destroyed (171x) by protesters is a riot, 145: the
    // 17 family is what authorities do.
    if (code.compare(0, 3, "171") == 0 && Unarmed(doc_->mentions[src]) &&
        doc_->mentions[src].code.compare(3, 3, "CVL") == 0) {
      if (trace_) Trace(fmt::format("    {} by {}: a riot, 145", code, doc_->mentions[src].code));
      code = "145";
    }
    // A bare statement ("said", "told") is the frame of what was said, not
    // an event of its own; the specific 01x codes stay.
    if (p.code == "010") {
      Trace("    010 plain statement: not coded");
      return;
    }
    // Without an identifiable target an event is not coded: on the
    // development sets such events were nearly all misreadings or background
    // ("the army attacked", "protesters rallied") and cost precision without
    // adding a correct event.
    if (tgt < 0) {
      if (trace_) Trace(fmt::format("    {} with no target: not coded", code));
      return;
    }
    // Companies dealing with companies are business news, not political
    // events: "Broadcom made an offer for Qualcomm".
    auto business = [&](int m) {
      const std::string& c = doc_->mentions[m].code;
      return c.size() >= 6 ? c.compare(c.size() - 3, 3, "BUS") == 0 : c.compare(0, 3, "MNC") == 0;
    };
    if (tgt >= 0 && business(src) && business(tgt)) {
      if (trace_) Trace("    between businesses: not coded");
      return;
    }
    // Evidence stays inside this sentence even when an actor came from an
    // earlier one ("both sides", "they").
    tb = std::max(tb, s_.token_begin);
    te = std::min(std::max(te, tb + 1), s_.token_end);
    if (tb >= te) tb = g.begin >= s_.token_begin ? g.begin : s_.token_begin;
    Event ev;
    ev.sentence = si_;
    ev.span = doc_->TokenSpan(tb, std::max(te, tb + 1));
    ev.source = ActorOf(src);
    if (tgt >= 0) ev.target = ActorOf(tgt);
    ev.cameo = code;
    ev.cameo_root = code.substr(0, 2);
    if (const CameoCode* cc = c_.lex_.FindCameo(code)) {
      ev.goldstein = cc->goldstein;
      ev.quad_class = cc->quad_class;
      ev.plover = cc->plover;
    }
    ev.negated = negated;
    ev.status = code == p.code || code.compare(0, 2, "13") == 0 ? g.status : EventStatus::kOccurred;
    if (code.compare(0, 2, "13") == 0 && code != p.code) ev.status = EventStatus::kOccurred;
    ev.rule = p.rule + " " + p.text;
    // Said inside a quote?
    for (size_t q = 0; q < doc_->quotes.size(); ++q)
      if (doc_->quotes[q].span.contains(T(g.verb).span)) ev.quote = static_cast<int>(q);
    for (auto& e : doc_->events)
      if (e.sentence == ev.sentence && e.cameo == ev.cameo && e.source && ev.source && e.source->code == ev.source->code &&
          (e.target ? e.target->code : "") == (ev.target ? ev.target->code : ""))
        return;
    std::string key = doc_->doc_id + "|" + std::to_string(ev.span.begin) + "|" + std::to_string(ev.span.end) + "|" +
                      ev.cameo + "|" + ev.source->code + "|" + (ev.target ? ev.target->code : "");
    ev.id = fmt::format("ev-{:012x}", Fnv(key) & 0xffffffffffffull);
    if (trace_) Trace(fmt::format("    event {} -> {} {}{}", ev.source->code, ev.target ? ev.target->code : "-", ev.cameo,
                      ev.negated ? " (negated)" : ""));
    doc_->events.push_back(std::move(ev));
  }

  // Remember coordinated subjects of this sentence for "both sides".
  // Two actors that agreed, met, negotiated or cooperated become "the two
  // sides" for what follows ("both parties", "they", "the talks").
  void RememberPair() {
    static const Set kTogether = {"03", "04", "05", "06", "08"};
    for (auto& g : groups_) {
      if (!g.subject_done || g.subject.size() != 2 || g.coded.empty()) continue;
      if (!kTogether.count(g.coded.substr(0, 2))) continue;
      if (doc_->mentions[g.subject[0]].country == doc_->mentions[g.subject[1]].country) continue;
      *last_pair_ = g.subject;
    }
  }

  void Trace(const std::string& s) const {
    if (trace_) *trace_ << s << "\n";
  }

  const Coder& c_;
  Document* doc_;
  const std::vector<Token>& tk_;
  uint32_t si_;
  const Sentence& s_;
  const std::vector<int>& actors_;  // actor mentions of this sentence
  std::vector<int>* last_pair_;
  std::ostream* trace_;
  uint32_t n_ = 0;
  // Per-token tables of the sentence, filled by IndexMentions and
  // FindVerbs; their storage is kept from one sentence to the next (one set
  // per thread).
  struct Tables {
    std::vector<int> mention_at, mention_end;
    std::vector<char> in_mention;
    std::vector<const std::vector<int>*> forms;
    std::vector<const Coder::FormInfo*> info;
    std::vector<uint32_t> cls;
    std::vector<Group> groups;  // FindVerbs' (cleared there)
    std::vector<int> group_at;
    std::vector<char> in_condition;
  };
  static Tables& ThreadTables() {
    thread_local Tables t;
    return t;
  }
  Tables& tables_ = ThreadTables();
  std::vector<int>& mention_at_ = tables_.mention_at;
  std::vector<int>& mention_end_ = tables_.mention_end;
  std::vector<char>& in_mention_ = tables_.in_mention;
  std::vector<const std::vector<int>*>& forms_ = tables_.forms;
  std::vector<const Coder::FormInfo*>& info_ = tables_.info;
  std::vector<uint32_t>& cls_ = tables_.cls;  // WordClass bits per token of the sentence
  std::vector<Group>& groups_ = tables_.groups;
  std::vector<int>& group_at_ = tables_.group_at;
  std::vector<char>& in_condition_ = tables_.in_condition;  // FindVerbs: per token, inside an "if" clause

 public:
  std::vector<uint32_t>* stamps_ = nullptr;  // per pattern word: last BestMatch that saw it
  uint32_t* stamp_gen_ = nullptr;
};

void Coder::Code(Document* doc, std::ostream* trace) const {
  std::vector<int> last_pair;
  // Reused across articles on this thread: clearing 50 KB per article cost
  // more than the matching it serves.
  thread_local std::vector<uint32_t> stamps;
  thread_local uint32_t stamp_gen = 0;
  if (stamps.size() != static_cast<size_t>(vocabulary_)) {
    stamps.assign(static_cast<size_t>(vocabulary_), 0);
    stamp_gen = 0;
  }
  std::vector<std::vector<int>> by_sentence(doc->sentences.size());
  for (size_t k = 0; k < doc->mentions.size(); ++k) {
    const Mention& m = doc->mentions[k];
    if (m.type != MentionType::kActor || m.token_begin >= doc->tokens.size()) continue;
    by_sentence[doc->tokens[m.token_begin].sentence].push_back(static_cast<int>(k));
  }
  for (uint32_t si = 0; si < doc->sentences.size(); ++si) {
    if (trace) *trace << "sentence " << si << ":\n";
    SentenceCoder sc(*this, doc, si, by_sentence[si], &last_pair, trace);
    sc.stamps_ = &stamps;
    sc.stamp_gen_ = &stamp_gen;
    sc.Run();
  }
}

}  // namespace parley
