// Tested by tests/quotes_test.cc.
#include "extract/quotes.h"

#include <unordered_set>

#include "text/wordset.h"

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
    "recalled", "suggest", "suggested", "cry", "cried", "shout", "shouted", "chant", "chanted", "agree", "agreed"};

bool IsQuoteMark(const Token& t) {
  return t.kind == TokenKind::kPunct && (std::string_view(t.norm) == "\"" || std::string_view(t.norm) == "'");
}

// Index of the actor mention that best speaks at token `verb`.
// The actor nearest before token `before` in [sent_begin, before): a person
// if there is one, else any actor.
int ActorBefore(const Document& doc, uint32_t sent_begin, uint32_t before, uint32_t qb, uint32_t qe) {
  int best = -1, person = -1;
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.type != MentionType::kActor || m.entity < 0) continue;
    if (m.token_begin < sent_begin || m.token_end > before) continue;
    if (m.token_begin >= qb && m.token_end <= qe) continue;  // inside the quote
    best = static_cast<int>(i);
    if (doc.entities[m.entity].type == EntityType::kPerson) person = best;
  }
  return person >= 0 ? person : best;
}

int FirstActor(const Document& doc, uint32_t b, uint32_t e, uint32_t qb, uint32_t qe, bool person_only) {
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.type != MentionType::kActor || m.entity < 0) continue;
    if (m.token_begin < b || m.token_end > e) continue;
    if (m.token_begin >= qb && m.token_end <= qe) continue;
    if (person_only && m.entity_type != EntityType::kPerson) continue;
    return static_cast<int>(i);
  }
  return -1;
}

int Speaker(const Document& doc, uint32_t open, uint32_t close) {
  const auto& tk = doc.tokens;
  const Sentence& s_open = doc.sentences[tk[open].sentence];
  const Sentence& s_close = doc.sentences[tk[close].sentence];
  // 1. A reporting verb right after the quote: '..." said X' / '..." X said'.
  auto in_actor = [&](uint32_t k) {
    for (auto& m : doc.mentions)
      if (m.type == MentionType::kActor && m.token_begin <= k && k < m.token_end) return true;
    return false;
  };
  for (uint32_t i = close + 1; i < s_close.token_end && i < close + 14; ++i) {
    if (!kReporting.count(tk[i])) {
      // Only a comma, the speaker and its article may stand between.
      const Token& t = tk[i];
      if (std::string_view(t.norm) == "," || std::string_view(t.lower) == "the" || std::string_view(t.lower) == "a" ||
          std::string_view(t.lower) == "an" || in_actor(i) || std::string_view(t.lower) == "he" ||
          std::string_view(t.lower) == "she" || std::string_view(t.lower) == "they" || t.has(kCapitalised))
        continue;
      break;
    }
    int after = FirstActor(doc, i + 1, std::min<uint32_t>(i + 10, s_close.token_end), open, close, false);
    int before = ActorBefore(doc, close + 1, i, open, close);
    // An unresolved "he" before the verb still rules out the object after it.
    if (before < 0 && i > close + 1 &&
        (std::string_view(tk[i - 1].lower) == "he" || std::string_view(tk[i - 1].lower) == "she" ||
         std::string_view(tk[i - 1].lower) == "they" || std::string_view(tk[i - 1].lower) == "it"))
      return -1;
    if (before >= 0) return before;
    if (after >= 0) return after;
    break;
  }
  // 2. A reporting verb before the quote in its sentence.
  static const WordSet kNounBefore = {"'s", "a", "an", "the", "his", "her", "their", "its",
                                                               "this", "that", "whose", "our"};
  for (uint32_t i = open; i-- > s_open.token_begin;) {
    if (!kReporting.count(tk[i])) continue;
    // A noun, not a verb: "Kyiv's call for".
    if (i > s_open.token_begin && kNounBefore.count(tk[i - 1])) continue;
    bool participle = tk[i].lower.size() > 3 && tk[i].lower.compare(tk[i].lower.size() - 3, 3, "ing") == 0;
    if (participle && i > s_open.token_begin && std::string_view(tk[i - 1].norm) == ",") {
      int p = FirstActor(doc, s_open.token_begin, i, open, close, true);
      return p >= 0 ? p : FirstActor(doc, s_open.token_begin, i, open, close, false);
    }
    int a = ActorBefore(doc, s_open.token_begin, i, open, close);
    if (a >= 0) return a;
  }
  // 3. "according to X".
  for (uint32_t i = s_open.token_begin; i + 2 < s_close.token_end; ++i)
    if (std::string_view(tk[i].lower) == "according" && std::string_view(tk[i + 1].lower) == "to") {
      int a = FirstActor(doc, i + 2, s_close.token_end, open, close, false);
      if (a >= 0) return a;
    }
  // 4. The sentence's first actor outside the quote, a person first.
  int a = FirstActor(doc, s_open.token_begin, s_close.token_end, open, close, true);
  if (a < 0) a = FirstActor(doc, s_open.token_begin, s_close.token_end, open, close, false);
  return a;
}

}  // namespace

void ExtractQuotes(Document* doc) {
  const auto& tk = doc->tokens;
  const uint32_t n = static_cast<uint32_t>(tk.size());
  int last_speaker = -1;
  uint32_t last_close_sentence = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (!IsQuoteMark(tk[i]) || !tk[i].has(kOpenQuote)) continue;
    bool dbl = std::string_view(tk[i].norm) == "\"";
    // Find the closing mark, within the paragraph.
    uint32_t close = n;
    for (uint32_t j = i + 1; j < n; ++j) {
      if (tk[j].has(kParagraphBefore)) break;
      if (IsQuoteMark(tk[j]) && (std::string_view(tk[j].norm) == "\"") == dbl && tk[j].has(kCloseQuote)) {
        close = j;
        break;
      }
      if (dbl && IsQuoteMark(tk[j]) && std::string_view(tk[j].norm) == "\"" && tk[j].has(kOpenQuote)) break;
    }
    uint32_t end_tok;
    if (close == n) {
      if (!dbl) continue;
      // Unclosed: runs to the end of the paragraph when it opens one.
      bool para_start = i == 0 || tk[i].has(kParagraphBefore) || tk[i].has(kNewlineBefore);
      if (!para_start) continue;
      uint32_t j = i + 1;
      while (j < n && !tk[j].has(kParagraphBefore)) ++j;
      end_tok = j;
      close = j - 1;
    } else {
      end_tok = close;
    }
    if (end_tok <= i + 1) continue;
    Quote q;
    q.span = Span{tk[i].span.end, tk[end_tok - 1].span.end};
    q.text = std::string(doc->text(q.span));
    if (!dbl && end_tok - i - 1 > 30) continue;  // single quotes: short headline quotes only
    int sp = Speaker(*doc, i, close < n ? close : n - 1);
    uint32_t qsent = tk[i].sentence;
    if (sp < 0 && last_speaker >= 0 && qsent <= last_close_sentence + 1) sp = last_speaker;
    if (sp >= 0) {
      const Mention& m = doc->mentions[sp];
      const Entity& e = doc->entities[m.entity];
      q.speaker = e.name;
      q.speaker_entity = m.entity;
      q.speaker_code = m.code.empty() ? e.code : m.code;
      last_speaker = sp;
    }
    last_close_sentence = tk[std::min(close, n - 1)].sentence;
    q.id = "q" + std::to_string(doc->quotes.size() + 1);
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
      }
    }
    doc->quotes.push_back(std::move(q));
    i = close < n ? close : n - 1;
  }
}

}  // namespace parley
