// Closed word classes of the code stage: auxiliaries, negation, adverbs,
// determiners, prepositions, clause boundaries, pronouns and the control
// verbs, as word sets and as bits that SentenceCoder looks up once per token.
// Shared by the files of src/code/; no other stage includes it.
#ifndef PARLEY_CODE_WORDS_H_
#define PARLEY_CODE_WORDS_H_

#include <cstdint>
#include <string_view>

#include "text/wordset.h"

namespace parley {

using Set = WordSet;
inline const Set kBe = {"be", "is", "are", "was", "were", "been", "being", "am", "'re", "'m"};
inline const Set kHave = {"has", "have", "had", "having", "'ve"};
inline const Set kDo = {"do", "does", "did"};
inline const Set kWillModal = {"will", "shall", "'ll"};
inline const Set kHypoModal = {"would", "could", "might", "may", "should", "can", "must", "'d"};
inline const Set kNeg = {"not", "n't", "never"};
inline const Set kAdverbs = {"also", "still", "already", "reportedly", "allegedly", "again", "just", "now", "then",
                             "only", "further", "repeatedly", "once", "yet", "jointly", "formally", "officially",
                             "publicly", "strongly", "sharply", "quickly", "finally", "eventually", "recently",
                             "very", "quite", "deeply", "clearly"};
inline const Set kDeterminers = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its",
                                 "our", "my", "your", "any", "some", "no", "every", "each", "another", "'s", "'",
                                 "such", "whose", "first", "second", "new", "major", "direct", "its"};
inline const Set kPreps = {"of", "in", "on", "at", "for", "with", "by", "from", "over", "against", "into", "onto",
                           "about", "between", "among", "after", "before", "during", "since", "under", "toward",
                           "towards", "through", "across", "amid", "despite", "without", "within", "upon", "like",
                           "near", "including", "than", "via", "behind", "beyond"};
inline const Set kClauseStop = {";", ":", "which", "who", "whom", "whose", "while", "because", "although", "though",
                                "whereas", "but", "if", "when", "unless", "until", "where", "whether"};
inline const Set kSubjectPronouns = {"he", "she", "it", "they", "we", "i", "you"};
// Control verbs: their infinitive's event carries their status.
inline const Set kNegating = {"fail", "refrain"};
inline const Set kPlanning = {"plan", "intend", "expect", "aim", "prepare", "hope", "want", "seek", "try", "attempt",
                              "wish", "set", "schedule", "propose", "consider", "mean", "go", "due", "agree", "promise",
                              "pledge", "vow", "offer", "undertake", "decide"};
inline const Set kNeutral = {"continue", "begin", "start", "resume", "manage", "move", "appear", "seem",
                             "choose", "tend", "help", "need", "have", "use", "come", "get"};
// Conjunctions that are also prepositions: they may open a clause of their
// own ("as India prepared", "after the minister left"; clauses.cc).
inline const Set kSubordinators = {"as", "after", "before", "since", "once"};
// Subjects that stand for the last pair of actors.
inline const Set kPairNouns = {"sides", "parties", "nations", "countries", "delegations", "leaders", "governments",
                               "talks", "meeting", "negotiations", "sides'", "two", "both", "negotiators"};

// Closed classes as bits, looked up once per token (SentenceCoder::cls_).
enum WordClass : uint32_t {
  kClsBe = 1u << 0, kClsHave = 1u << 1, kClsDo = 1u << 2, kClsWill = 1u << 3, kClsHypo = 1u << 4,
  kClsNeg = 1u << 5, kClsAdverb = 1u << 6, kClsDet = 1u << 7, kClsPrep = 1u << 8, kClsStop = 1u << 9,
  kClsPronoun = 1u << 10, kClsSubord = 1u << 11,
  kClsAux = kClsBe | kClsHave | kClsDo | kClsWill | kClsHypo,
};

// Verb lemmas the code stage reads specially (events.cc), as bits of
// Coder::VerbEntry::classes: found once per lemma when the coder is
// loaded, rather than by the lemma's text per verb group.
enum LemmaClass : uint32_t {
  kLemmaDeny = 1u << 0,      // "deny", "reject": a denial of an act (016)
  kLemmaThreaten = 1u << 1,  // "threaten", "warn", "vow": a threat's clause is its content
  kLemmaAskThat = 1u << 2,   // "demand", "urge": what is asked in a "that" clause
  kLemmaPledge = 1u << 3,    // "pledge", "promise": the expression of intent itself
  kLemmaHelp = 1u << 4,      // "help", "assist": help in doing is that act
  kLemmaNaming = 1u << 5,    // "call", "brand": names what its object is
};
// The LemmaClass bits of a verb lemma (events.cc).
uint32_t LemmaClasses(std::string_view lemma);

inline bool EndsWith(std::string_view s, std::string_view suf) {
  if (s.size() < suf.size()) return false;
  for (size_t i = 0, o = s.size() - suf.size(); i < suf.size(); ++i)  // suffixes are short: no memcmp call
    if (s[o + i] != suf[i]) return false;
  return true;
}

}  // namespace parley

#endif  // PARLEY_CODE_WORDS_H_
