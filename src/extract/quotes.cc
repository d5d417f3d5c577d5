// Tested by tests/quotes_test.cc.
#include "extract/quotes.h"

#include <algorithm>
#include <optional>
#include <unordered_set>
#include <vector>

#include "text/wordset.h"
#include "text/work.h"

namespace parley {
namespace {

const WordSet kReporting = {
    "say", "said", "says", "saying", "tell", "told", "tells", "telling", "add", "added", "adds", "adding", "warn",
    "warned", "warns", "warning", "state", "stated", "insist", "insisted", "insists", "declare", "declared",
    "declares", "write", "wrote", "writes", "ask", "asked", "asks", "reply", "replied", "note", "noted", "notes",
    "stress", "stressed", "emphasize", "emphasized", "emphasise", "emphasised", "argue", "argued", "argues",
    "claim", "claimed", "claims", "announce", "announced", "explain", "explained", "urge", "urged", "call",
    "called", "calling", "describe", "described", "describing", "accuse", "accused", "accusing", "vow", "vowed",
    "promise", "promised", "predict", "predicted", "acknowledge", "acknowledged", "admit", "admitted", "deny",
    "denied", "confirm", "confirmed", "tweet", "tweeted", "post", "posted", "quip", "quipped", "recall",
    "recalled", "suggest", "suggested", "cry", "cried", "shout", "shouted", "chant", "chanted", "agree", "agreed",
    "speak", "spoke", "speaks", "respond", "responded", "responds", "comment", "commented", "continue",
    "continued", "reiterate", "reiterated", "observe", "observed", "concede", "conceded"};

bool IsQuoteMark(const Token& t) {
  return t.kind == TokenKind::kPunct && (std::string_view(t.norm) == "\"" || std::string_view(t.norm) == "'");
}

// Actor mentions (with an entity) by the sentence of their first token, in
// mention order, so that a speaker is looked for among the mentions of the
// quote's sentences rather than among all of the article's: the work per
// quote is bounded by its sentences, not by the article. `covered` marks the
// tokens of every actor mention (rule 1 lets them stand between a quote and
// its verb). Mentions that ExtractQuotes adds ("I" in a quote) are added
// here too, as they are added to the document.
// Its lists live in a Scratch kept per thread, cleared for each article
// that has a quote, so that an article allocates none of them again.
class ActorIndex {
 public:
  struct Scratch {
    std::vector<std::vector<uint32_t>> by_sentence;
    std::vector<char> covered;
  };
  ActorIndex(const Document& doc, Scratch* scratch)
      : doc_(doc), by_sentence_(scratch->by_sentence), covered_(scratch->covered) {
    // Each sentence's list emptied (keeping its storage), then as many as
    // the article has sentences.
    const size_t nsent = doc.sentences.size();
    for (size_t s = 0; s < std::min(nsent, by_sentence_.size()); ++s) by_sentence_[s].clear();
    by_sentence_.resize(nsent);
    covered_.assign(doc.tokens.size(), 0);
    for (size_t i = 0; i < doc.mentions.size(); ++i) Add(i);
  }
  void Add(size_t i) {
    const Mention& m = doc_.mentions[i];
    if (m.type != MentionType::kActor) return;
    const size_t n = doc_.tokens.size();
    for (uint32_t k = m.token_begin; k < m.token_end && k < n; ++k) covered_[k] = 1;
    if (m.entity < 0 || m.token_begin >= n) return;
    uint32_t s = doc_.tokens[m.token_begin].sentence;
    if (s < by_sentence_.size()) by_sentence_[s].push_back(static_cast<uint32_t>(i));
  }
  bool covered(uint32_t k) const { return k < covered_.size() && covered_[k]; }

  // The actor nearest before token `before` in [sent_begin, before): a
  // person if there is one, else any actor (the last in mention order).
  int ActorBefore(uint32_t sent_begin, uint32_t before, uint32_t qb, uint32_t qe) const {
    int best = -1, person = -1;
    ForSentences(sent_begin, before, [&](uint32_t i) {
      const Mention& m = doc_.mentions[i];
      if (m.token_begin < sent_begin || m.token_end > before) return;
      if (m.token_begin >= qb && m.token_end <= qe) return;  // inside the quote
      if (static_cast<int>(i) > best) best = static_cast<int>(i);
      if (doc_.entities[m.entity].type == EntityType::kPerson && static_cast<int>(i) > person)
        person = static_cast<int>(i);
    });
    // "Anna Brodska, a former defence minister, said": the person named
    // before the apposition, not the role that describes her.
    if (person >= 0 && !Named(person)) {
      int head = -1;
      ForSentences(sent_begin, before, [&](uint32_t i) {
        const Mention& m = doc_.mentions[i];
        if (m.token_begin < sent_begin || m.token_end >= doc_.mentions[person].token_begin) return;
        if (m.token_begin >= qb && m.token_end <= qe) return;
        if (doc_.entities[m.entity].type != EntityType::kPerson || !Named(static_cast<int>(i))) return;
        if (std::string_view(doc_.tokens[m.token_end].norm) == ",") head = static_cast<int>(i);
      });
      if (head >= 0) return head;
    }
    return person >= 0 ? person : best;
  }
  // A person written with a name ("Anna Brodska", "Mr Brodska"), not only
  // a role ("a former defence minister", "the spokesman").
  bool Named(int i) const {
    const Mention& m = doc_.mentions[i];
    if (m.entity < 0 || doc_.entities[m.entity].type != EntityType::kPerson || m.pronoun) return false;
    const std::string& name = doc_.entities[m.entity].name;
    if (name.empty() || !(name[0] >= 'A' && name[0] <= 'Z') || name == m.title) return false;
    for (size_t k = 0; k + 1 < name.size(); ++k)
      if (name[k] == ' ' && name[k + 1] >= 'a' && name[k + 1] <= 'z') {
        std::string_view rest(name.c_str() + k + 1);
        if (rest.substr(0, 3) != "al-" && rest.substr(0, 3) != "bin" && rest.substr(0, 3) != "de " &&
            rest.substr(0, 4) != "van " && rest.substr(0, 4) != "von ")
          return false;
      }
    return true;
  }
  // The first actor of the nearest sentence that has one before token
  // `before` (its sentence or the `back` sentences before it): a person
  // for "he"/"she" (`person`), else one that is no person ("it",
  // "they"). For a pronoun speaker.
  int Antecedent(uint32_t before, bool person, uint32_t back) const {
    if (before >= doc_.tokens.size()) return -1;
    uint32_t s = doc_.tokens[before].sentence;
    for (uint32_t k = 0; k <= back && k <= s && s - k < by_sentence_.size(); ++k) {
      int best = -1;
      for (uint32_t i : by_sentence_[s - k]) {
        WorkCounter::Add(Work::kQuoteSteps);
        const Mention& m = doc_.mentions[i];
        if (m.token_end > before) continue;
        if ((doc_.entities[m.entity].type == EntityType::kPerson) != person) continue;
        // The first in the sentence: its subject, more often than not.
        if (best < 0 || m.token_begin < doc_.mentions[best].token_begin) best = static_cast<int>(i);
      }
      if (best >= 0) return best;
    }
    return -1;
  }
  // The first actor (in mention order) within [b, e) outside the quote.
  int FirstActor(uint32_t b, uint32_t e, uint32_t qb, uint32_t qe, bool person_only) const {
    int first = -1;
    ForSentences(b, e, [&](uint32_t i) {
      if (first >= 0 && static_cast<int>(i) > first) return;
      const Mention& m = doc_.mentions[i];
      if (m.token_begin < b || m.token_end > e) return;
      if (m.token_begin >= qb && m.token_end <= qe) return;
      if (person_only && m.entity_type != EntityType::kPerson) return;
      first = static_cast<int>(i);
    });
    return first;
  }

 private:
  // Calls fn(mention index) for the actor mentions of the sentences that
  // tokens [b, e) touch.
  template <typename Fn>
  void ForSentences(uint32_t b, uint32_t e, Fn fn) const {
    const size_t n = doc_.tokens.size();
    if (b >= e || b >= n) return;
    uint32_t s0 = doc_.tokens[b].sentence, s1 = doc_.tokens[std::min<size_t>(e, n) - 1].sentence;
    for (uint32_t s = s0; s <= s1 && s < by_sentence_.size(); ++s)
      for (uint32_t i : by_sentence_[s]) {
        WorkCounter::Add(Work::kQuoteSteps);
        fn(i);
      }
  }
  const Document& doc_;
  std::vector<std::vector<uint32_t>>& by_sentence_;  // the Scratch's
  std::vector<char>& covered_;
};

// A pronoun that stands for the speaker: 'p' he/she, 'o' it/they, 0 none.
char PronounKind(const Token& t) {
  const std::string_view w = t.lower;
  if (w == "he" || w == "she") return 'p';
  if (w == "it" || w == "they") return 'o';
  return 0;
}

// The speaker's mention, or -1; *pronoun says when the speaker is a
// pronoun ('"...," she said') that Speaker leaves unresolved.
int Speaker(const Document& doc, const ActorIndex& actors, uint32_t open, uint32_t close, char* pronoun,
            uint32_t* from) {
  const auto& tk = doc.tokens;
  *pronoun = 0;
  *from = open;
  const Sentence& s_open = doc.sentences[tk[open].sentence];
  const Sentence& s_close = doc.sentences[tk[close].sentence];
  // 1. A reporting verb right after the quote: '..." said X' / '..." X said'.
  for (uint32_t i = close + 1; i < s_close.token_end && i < close + 14; ++i) {
    WorkCounter::Add(Work::kQuoteSteps);
    if (!kReporting.count(tk[i])) {
      // Only a comma, the speaker and its article may stand between.
      const Token& t = tk[i];
      if (std::string_view(t.norm) == "," || std::string_view(t.lower) == "the" || std::string_view(t.lower) == "a" ||
          std::string_view(t.lower) == "an" || actors.covered(i) || std::string_view(t.lower) == "he" ||
          std::string_view(t.lower) == "'s" || std::string_view(t.lower) == "\u2019s" ||
          std::string_view(t.lower) == "she" || std::string_view(t.lower) == "they" ||
          std::string_view(t.lower) == "it" || t.has(kCapitalised))
        continue;
      break;
    }
    int after = actors.FirstActor(i + 1, std::min<uint32_t>(i + 10, s_close.token_end), open, close, false);
    // '"...," said a spokesman for the ministry, Anna Brodska': the name
    // in apposition to the role.
    if (after >= 0 && !actors.Named(after)) {
      uint32_t k = doc.mentions[after].token_end;
      while (k < s_close.token_end && k < doc.mentions[after].token_end + 8 && std::string_view(tk[k].norm) != ",") ++k;
      if (k < s_close.token_end && std::string_view(tk[k].norm) == ",") {
        int named = actors.FirstActor(k + 1, std::min<uint32_t>(k + 5, s_close.token_end), open, close, true);
        if (named >= 0 && actors.Named(named) && doc.mentions[named].token_begin == k + 1) after = named;
      }
    }
    int before = actors.ActorBefore(close + 1, i, open, close);
    // An unresolved "he" before the verb still rules out the object after it.
    if (before < 0 && i > close + 1 && PronounKind(tk[i - 1])) {
      *pronoun = PronounKind(tk[i - 1]);
      return -1;
    }
    // '"...," said she'.
    if (before < 0 && after < 0 && i + 1 < s_close.token_end && PronounKind(tk[i + 1])) {
      *pronoun = PronounKind(tk[i + 1]);
      return -1;
    }
    if (before >= 0) return before;
    if (after >= 0) return after;
    break;
  }
  // 2. A reporting verb before the quote in its sentence.
  static const WordSet kNounBefore = {"'s", "a", "an", "the", "his", "her", "their", "its",
                                                               "this", "that", "whose", "our"};
  // No actor ends before token `none_before`: once one verb finds no actor
  // before it, the verbs further back find none either.
  uint32_t none_before = 0;
  for (uint32_t i = open; i-- > s_open.token_begin;) {
    WorkCounter::Add(Work::kQuoteSteps);
    if (!kReporting.count(tk[i])) continue;
    // A noun, not a verb: "Kyiv's call for".
    if (i > s_open.token_begin && kNounBefore.count(tk[i - 1])) continue;
    bool participle = tk[i].lower.size() > 3 && tk[i].lower.compare(tk[i].lower.size() - 3, 3, "ing") == 0;
    if (participle && i > s_open.token_begin && std::string_view(tk[i - 1].norm) == ",") {
      int p = actors.FirstActor(s_open.token_begin, i, open, close, true);
      return p >= 0 ? p : actors.FirstActor(s_open.token_begin, i, open, close, false);
    }
    if (i <= none_before) continue;
    // "Citing the accord, which Lars Berg opposed, he said: ...": a
    // pronoun right before the verb is its subject; an actor further left
    // is not the speaker. The pronoun stands for someone named before
    // this sentence.
    if (i > s_open.token_begin && PronounKind(tk[i - 1]) == 'p' && i - 1 > s_open.token_begin) {
      *pronoun = 'p';
      *from = s_open.token_begin;
      return -1;
    }
    int a = actors.ActorBefore(s_open.token_begin, i, open, close);
    if (a >= 0) return a;
    // 'she said: "..."': a pronoun right before the verb.
    if (i > s_open.token_begin && PronounKind(tk[i - 1]) && !*pronoun) *pronoun = PronounKind(tk[i - 1]);
    none_before = i;
  }
  // 3. "according to X".
  for (uint32_t i = s_open.token_begin; i + 2 < s_close.token_end; ++i) {
    WorkCounter::Add(Work::kQuoteSteps);
    if (std::string_view(tk[i].lower) == "according" && std::string_view(tk[i + 1].lower) == "to") {
      int a = actors.FirstActor(i + 2, s_close.token_end, open, close, false);
      if (a >= 0) return a;
    }
  }
  // 4. The sentence's first actor outside the quote, a person first.
  int a = actors.FirstActor(s_open.token_begin, s_close.token_end, open, close, true);
  if (a < 0) a = actors.FirstActor(s_open.token_begin, s_close.token_end, open, close, false);
  return a;
}

// The subject of the first reporting verb of sentence `si` that has one
// ("X said ...", "he said ...", a pronoun resolved to the person or body
// it stands for), or -1. Not a verb inside a quote of that sentence.
int PreviousReporter(const Document& doc, const ActorIndex& actors, uint32_t si) {
  const auto& tk = doc.tokens;
  const Sentence& s = doc.sentences[si];
  bool in_quote = false;
  for (uint32_t i = s.token_begin; i < s.token_end && i < s.token_begin + 40; ++i) {
    WorkCounter::Add(Work::kQuoteSteps);
    if (IsQuoteMark(tk[i]) && std::string_view(tk[i].norm) == "\"") in_quote = tk[i].has(kOpenQuote);
    if (in_quote || !kReporting.count(tk[i]) || i == s.token_begin) continue;
    if (PronounKind(tk[i - 1])) return actors.Antecedent(i - 1, PronounKind(tk[i - 1]) == 'p', 3);
    return actors.ActorBefore(s.token_begin, i, s.token_end, s.token_end);
  }
  return -1;
}

}  // namespace

void ExtractQuotes(Document* doc) {
  TokenMarks marks;
  FindTokenMarks(*doc, &marks);
  ExtractQuotes(doc, marks);
}

void ExtractQuotes(Document* doc, const TokenMarks& marks) {
  const auto& tk = doc->tokens;
  const uint32_t n = static_cast<uint32_t>(tk.size());
  if (doc->sentences.empty()) return;
  // Made at the first quote: an article without one costs a pass over
  // its tokens' flags and nothing more.
  std::optional<ActorIndex> actors;
  int last_speaker = -1;
  uint32_t last_close_sentence = 0;
  // The last search for a single quote's close, from opener `single_from`:
  // the close it found (or n), and where the search stopped. An opener
  // inside that stretch finds the same close (there is none before it), so
  // a paragraph of many unclosed openers is searched once, not once each.
  uint32_t single_from = n, single_close = n, single_stop = 0;
  // The tokens that may open a quote (a superset: FindTokenMarks' marks),
  // and the next of them to look at.
  const std::vector<uint32_t>& openers = marks.marks;
  size_t next = 0;
  for (uint32_t i = 0; i < n; ++i) {
    // On to the next token from i that opens a quote.
    while (next < openers.size() && (openers[next] < i || !tk[openers[next]].has(kOpenQuote))) ++next;
    if (next == openers.size()) break;
    i = openers[next];
    if (!IsQuoteMark(tk[i])) continue;
    bool dbl = std::string_view(tk[i].norm) == "\"";
    // Find the closing mark, within the paragraph.
    uint32_t close = n;
    if (!dbl && single_from < i && i < single_stop) {
      close = single_close;
    } else {
      // Only a paragraph or a quotation mark opening or closing a quote
      // stops the search: it walks the marks after i (every token with
      // those flags is one), not every token. j: where it stopped, n when
      // nothing stopped it.
      uint32_t j = n;
      for (size_t k = next + 1; k < openers.size(); ++k) {
        WorkCounter::Add(Work::kQuoteSteps);
        const uint32_t at = openers[k];
        const Token& t = tk[at];
        if (!(t.flags & (kParagraphBefore | kOpenQuote | kCloseQuote))) continue;
        if (t.has(kParagraphBefore)) {
          j = at;
          break;
        }
        if (IsQuoteMark(t) && (std::string_view(t.norm) == "\"") == dbl && t.has(kCloseQuote)) {
          close = j = at;
          break;
        }
        if (dbl && IsQuoteMark(t) && std::string_view(t.norm) == "\"" && t.has(kOpenQuote)) {
          j = at;
          break;
        }
      }
      if (!dbl) {
        single_from = i;
        single_close = close;
        single_stop = j;
      }
    }
    uint32_t end_tok;
    if (close == n) {
      if (!dbl) continue;
      // Unclosed: runs to the end of the paragraph when it opens one.
      bool para_start = i == 0 || tk[i].has(kParagraphBefore) || tk[i].has(kNewlineBefore);
      uint32_t j = i + 1;
      if (!para_start) {
        // 'she said: "... riots. "There is ...' : a quote the next one
        // opens right after, at a sentence end, is one whose paragraph
        // break (or closing mark) the text lost; it runs to that opener.
        while (j < n && !tk[j].has(kParagraphBefore) &&
               !(tk[j].has(kOpenQuote) && IsQuoteMark(tk[j]) && std::string_view(tk[j].norm) == "\""))
          ++j;
        // Only a quote that opens a sentence or follows its attribution
        // ('said: "', 'said, "'), not a stray mark inside a sentence.
        const bool opens = i == doc->sentences[tk[i].sentence].token_begin ||
                           (i > 0 && (std::string_view(tk[i - 1].norm) == ":" ||
                                      std::string_view(tk[i - 1].norm) == "," || kReporting.count(tk[i - 1])));
        if (!opens || j >= n || tk[j].has(kParagraphBefore) || j < i + 3 || tk[j].sentence == tk[i].sentence ||
            tk[j - 1].kind != TokenKind::kPunct)
          continue;
        const std::string_view end = tk[j - 1].norm;
        if (end != "." && end != "!" && end != "?") continue;
        end_tok = j;
        close = j - 1;
      } else {
        while (j < n && !tk[j].has(kParagraphBefore)) ++j;
        end_tok = j;
        close = j - 1;
      }
    } else {
      end_tok = close;
    }
    if (end_tok <= i + 1) continue;
    Quote q;
    q.span = Span{tk[i].span.end, tk[end_tok - 1].span.end};
    q.text = std::string(doc->text(q.span));
    if (!dbl && end_tok - i - 1 > 30) continue;  // single quotes: short headline quotes only
    char pronoun = 0;
    uint32_t pronoun_from = i;  // where a pronoun speaker's antecedent is looked for, backwards
    if (!actors) {
      thread_local ActorIndex::Scratch scratch;
      actors.emplace(*doc, &scratch);
    }
    int sp = Speaker(*doc, *actors, i, close < n ? close : n - 1, &pronoun, &pronoun_from);
    uint32_t qsent = tk[i].sentence;
    if (sp < 0 && last_speaker >= 0 && qsent <= last_close_sentence + 1) sp = last_speaker;
    // '"...," she said' with no quote just before: the first person of the
    // nearest sentence before the quote that names one ("it", "they": an
    // actor that is no person), within three sentences.
    if (sp < 0 && pronoun) sp = actors->Antecedent(pronoun_from, pronoun == 'p', 3);
    // A quote with no attribution of its own right after a sentence of
    // reported speech ('He said the navy would stay. "Given the storms,
    // ..."') goes on with what that sentence reports: its speaker is the
    // reporting verb's subject.
    if (sp < 0 && !pronoun && qsent > 0 && i == doc->sentences[qsent].token_begin) sp = PreviousReporter(*doc, *actors, qsent - 1);
    if (sp >= 0) {
      const Mention& m = doc->mentions[sp];
      const Entity& e = doc->entities[m.entity];
      q.speaker = e.name;
      q.speaker_entity = m.entity;
      q.speaker_mention = sp;
      q.speaker_code = m.code.empty() ? e.code : m.code;
      last_speaker = sp;
    }
    last_close_sentence = tk[std::min(close, n - 1)].sentence;
    // "q" + the quote's number, formatted into a buffer (GCC 12 warns,
    // -Wrestrict, a false positive, on the inlined concatenation "q" +
    // std::to_string(n)).
    {
      char id[24];
      char* p = id + sizeof id;
      for (size_t v = doc->quotes.size() + 1; v; v /= 10) *--p = static_cast<char>('0' + v % 10);
      *--p = 'q';
      q.id.assign(p, id + sizeof id);
    }
    // "I" and "we" inside a quote are its speaker: "I condemn ..." said by
    // Obama is Obama condemning.
    if (q.speaker_entity >= 0) {
      for (uint32_t k = i + 1; k < end_tok && k < n; ++k) {
        const Token& t = tk[k];
        if (!(std::string_view(t.lower) == "i" && std::string_view(t.norm) == "I") && std::string_view(t.lower) != "we")
          continue;
        Mention m;
        m.type = MentionType::kActor;
        m.token_begin = k;
        m.token_end = k + 1;
        m.span = t.span;
        m.pronoun = true;
        m.entity = q.speaker_entity;
        const Entity& e = doc->entities[q.speaker_entity];
        m.entity_type = e.type;
        m.name = e.name;
        m.code = q.speaker_code;
        m.country = e.country;
        m.roles = q.speaker_code.size() > 3 && !e.country.empty() ? q.speaker_code.substr(3) : "";
        m.rule = "first person in " + q.id + " -> " + e.id;
        doc->entities[q.speaker_entity].mentions.push_back(t.span);
        doc->mentions.push_back(std::move(m));
        actors->Add(doc->mentions.size() - 1);
      }
    }
    doc->quotes.push_back(std::move(q));
    i = close < n ? close : n - 1;
  }
}

}  // namespace parley
