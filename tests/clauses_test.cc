// Clause structure and event framing (issue 11, types 4, 6, 7, 9 and 10) on
// sentences written for these tests (none comes from an evaluation set).
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;
using testing::EventsOf;

// ---- reduced relatives: a participle after a noun does not end the
// clause of the verb before it.

TEST(ClausesReducedRelative, ReactionToAnActIsAimedAtWhoPerformedIt) {
  EXPECT_EQ(EventsOf(CodeText("Germany condemned the blockade imposed by Turkey.")), "DEU>TUR:111");
  EXPECT_EQ(EventsOf(CodeText("Italy criticized the sanctions imposed by Russia.")), "ITA>RUS:111");
}

TEST(ClausesReducedRelative, AMediatorIsNoPerformer) {
  // Egypt brokered the ceasefire; welcoming it is not praise of Egypt.
  EXPECT_EQ(EventsOf(CodeText("France condemned the ceasefire brokered by Egypt.")), "");
}

TEST(ClausesReducedRelative, TheRelativesAgentIsNoAgentOfTheMainPassive) {
  // The agent of "kept by" belongs to the records, not to the arrest.
  EXPECT_EQ(EventsOf(CodeText("Two Iraqi officials were arrested on Monday, according to a report signed by Turkish "
                              "officials.")),
            "");
}

TEST(ClausesReducedRelative, TheAgentOfTheRelativeActsInTheMainClause) {
  EXPECT_EQ(EventsOf(CodeText("The blockade imposed by Russia killed five Ukrainian children.")), "RUS>UKRCVL:190");
}

// ---- implicit targets: people named by common words.

TEST(ClausesPeopleAsTarget, PeopleActedOnAreCiviliansOfTheActorsCountry) {
  EXPECT_EQ(EventsOf(CodeText("Turkish police arrested two students on Monday.")), "TURCOP>TURCVL:173");
  EXPECT_EQ(EventsOf(CodeText("Egyptian police arrested a baker.")), "EGYCOP>EGYCVL:173");
  EXPECT_EQ(EventsOf(CodeText("Ecuador police arrested dozens.")), "ECUCOP>ECUCVL:173");
}

TEST(ClausesPeopleAsTarget, PeopleNamedBeforeAreNotGuessed) {
  // "them" and "their crew" may be of another country: no guess.
  EXPECT_EQ(EventsOf(CodeText("Turkish police arrested them on Monday.")), "");
  EXPECT_EQ(EventsOf(CodeText("Turkish police arrested their crew.")), "");
}

TEST(ClausesPeopleAsTarget, OnlyActsDoneToPeople) {
  // An attack (190) may be on places or things: no people are implied.
  EXPECT_EQ(EventsOf(CodeText("Turkish forces attacked two villages.")), "");
}

// ---- references: "it" after a verb of telling or warning.

TEST(ClausesReferences, ItIsTheOneWarned) {
  EXPECT_EQ(EventsOf(CodeText("France warned Russia it must release the prisoners.")), "FRA>RUS:130 FRA>RUS:1053");
}

// ---- framing: what is feared, warned of or only possible did not happen.

TEST(ClausesFraming, AFearedActIsNoEvent) {
  EXPECT_EQ(EventsOf(CodeText("France warned of a possible Russian invasion of Turkey.")), "FRA>RUS:130");
  EXPECT_EQ(EventsOf(CodeText("France criticized Russia over the threat of a Russian invasion of Turkey.")), "FRA>RUS:111");
}

TEST(ClausesFraming, AnActNamedAsDoneIsAnEvent) {
  EXPECT_EQ(EventsOf(CodeText("France condemned the Russian invasion of Turkey.")), "FRA>RUS:111 RUS>TUR:190");
}

// ---- word classes: a name ending in "-ly" is no adverb of the verb after
// it.

TEST(ClausesWordClass, ANameEndingInLyIsTheSubject) {
  EXPECT_EQ(EventsOf(CodeText("Italy criticized Russia.")), "ITA>RUS:111");
}

TEST(ClausesWordClass, APluralAfterANationalityAdjectiveIsANoun) {
  // "attacks" is the noun of "Russian attacks", not a verb whose subject
  // is "Russian"; the verb after it has the nationality as its subject.
  EXPECT_EQ(EventsOf(CodeText("Russian attacks killed five Ukrainian children.")), "RUS>UKRCVL:190");
  // A plural nationality is a subject.
  EXPECT_EQ(EventsOf(CodeText("Russians attack Ukraine.")), "RUS>UKR:190");
}

// ---- "both countries": the last two states named together by "and"
// (SentenceCoder::NamedPairIn, from the sentence's actors).

TEST(ClausesNamedPair, BothCountriesAreTheLastPairJoinedByAnd) {
  EXPECT_EQ(EventsOf(CodeText("Crowds gathered in Egypt and Israel. France later urged both countries to hold talks.")),
            "FRA>EGY:020 FRA>ISR:020");
  // Of two pairs in a sentence, the later one.
  EXPECT_EQ(EventsOf(CodeText("Crowds gathered in Egypt and Israel, and in Italy and Turkey. France later urged both "
                              "countries to hold talks.")),
            "FRA>ITA:020 FRA>TUR:020");
}

TEST(ClausesNamedPair, NoPairWithoutAnd) {
  // No pair: only the country the article is about.
  EXPECT_EQ(EventsOf(CodeText("Crowds gathered in Egypt and in Israel. France later urged both countries to hold talks.")),
            "FRA>EGY:020");
}

// ---- a conjunction that is also a preposition ("as", "after", "since")
// ends the clause of the verb before it when a subject and a verb follow
// (a word class bit, kClsSubord); "after talks with X" does not.

TEST(ClausesSubordinate, ASubordinateClauseIsNoObjectOfTheVerbBefore) {
  EXPECT_EQ(EventsOf(CodeText("Turkey criticized Germany as Russia attacked Ukraine.")), "TUR>DEU:111 RUS>UKR:190");
  // The appeal names no one: Russia and Ukraine are the later clause's.
  EXPECT_EQ(EventsOf(CodeText("France urged calm after Russia attacked Ukraine.")), "RUS>UKR:190");
}

}  // namespace
}  // namespace parley
