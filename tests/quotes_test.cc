// Issue 11, failure types 8 (quotes and reported speech) and 9 (threats),
// on sentences written for these tests (none comes from an evaluation
// set): an obligation said by someone else is that speaker's demand
// ("must") or appeal ("should"), an inverted attribution after a quote is
// the reporting clause, and a strike that an armed actor threatens against
// a state is a threat of force.
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;
using testing::EventsOf;

// ---- a quoted or reported "must" is the speaker's demand

TEST(QuotedObligation, MustInAQuoteIsTheSpeakersDemand) {
  EXPECT_EQ(EventsOf(CodeText("\"Turkey must release the sailors,\" Emmanuel Macron said.")), "FRAGOV>TUR:1053");
}

TEST(QuotedObligation, ShouldInAQuoteIsTheSpeakersDemand) {
  EXPECT_EQ(EventsOf(CodeText("\"Russia should meet Ukraine without conditions,\" said Recep Tayyip Erdogan.")),
            "TURGOV>RUS:020");
}

TEST(QuotedObligation, HasToInReportedSpeechIsTheReportersDemand) {
  EXPECT_EQ(EventsOf(CodeText("Albania said Russia has to release the prisoners.")), "ALB>RUS:1053");
}

TEST(QuotedObligation, ReportingClauseAfterTheObligation) {
  EXPECT_EQ(EventsOf(CodeText("Egypt should meet Israel soon, Albania said on Monday.")), "ALB>EGY:020");
}

TEST(QuotedObligation, OnesOwnObligationIsNoDemand) {
  std::string ev = EventsOf(CodeText("\"We must meet Ukraine soon,\" Emmanuel Macron said."));
  EXPECT_EQ(ev.find(":100"), std::string::npos) << ev;
  ev = EventsOf(CodeText("Albania said it has to meet Ukraine."));
  EXPECT_EQ(ev.find(":100"), std::string::npos) << ev;
}

TEST(QuotedObligation, UnreportedMustIsNoDemand) {
  // Nobody says it: no demand is made up.
  std::string ev = EventsOf(CodeText("Turkey must release the sailors by Friday."));
  EXPECT_EQ(ev.find(":10"), std::string::npos) << ev;
}

TEST(QuotedObligation, TheSubjectIsNextToTheModal) {
  // "the new team" is no actor: the obligation is nobody's we know, not
  // Ukraine's further left.
  std::string ev = EventsOf(CodeText("\"Russia met Ukraine and the new team should meet Egypt,\" Emmanuel Macron said."));
  EXPECT_EQ(ev.find(":02"), std::string::npos) << ev;
}

TEST(QuotedObligation, APassiveOrPastObligationIsNoDemand) {
  std::string ev = EventsOf(CodeText("\"Turkey should have released the sailors,\" Emmanuel Macron said."));
  EXPECT_EQ(ev.find(":02"), std::string::npos) << ev;
  ev = EventsOf(CodeText("\"The sailors must be released by Turkey,\" Emmanuel Macron said."));
  EXPECT_EQ(ev.find(":10"), std::string::npos) << ev;
}

// ---- force with no named agent, launched from a state

TEST(ReportedForce, ForceFromAStateHasThatStateAsItsSource) {
  EXPECT_EQ(EventsOf(CodeText("Albania was attacked from Turkey on Monday.")), "TUR>ALB:190");
}

TEST(ReportedForce, ForceFromAStateReportedByItsTargetIsAnAccusation) {
  EXPECT_EQ(EventsOf(CodeText("Albania said it was attacked from Turkey on Monday.")), "ALB>TUR:112");
}

// ---- inverted attribution: '"...," X said in a statement'

TEST(InvertedAttribution, SaidInAStatementIsNoPassive) {
  Document d = CodeText("\"We condemn the attack,\" the Egyptian government said in a statement. It also "
                        "criticized Israel.");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].speaker_code, "EGYGOV");
  // The reporting clause has the government as its subject, so "it" in the
  // next sentence is the government.
  EXPECT_EQ(EventsOf(d), "EGYGOV>ISR:111");
}

// ---- a pronoun speaker after a quote

TEST(PronounSpeaker, ItSaidIsTheLastActorThatIsNoPerson) {
  Document d = CodeText("Albania criticized Russia on Monday. \"Turkey must release the sailors,\" it said.");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].speaker_code, "ALB");
  EXPECT_EQ(EventsOf(d), "ALB>RUS:111 ALB>TUR:1053");
}

TEST(PronounSpeaker, SheSaidIsTheLastPerson) {
  Document d = CodeText("Annalena Baerbock met officials from Albania on Monday. \"The talks went well,\" she said.");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].speaker, "Annalena Baerbock");
}

// ---- threats

TEST(StrikeThreat, AnArmedGroupThreateningToStrikeAStateThreatensForce) {
  EXPECT_EQ(EventsOf(CodeText("Hamas threatened to strike Israel.")), "PSEREBHMS>ISR:138");
}

TEST(StrikeThreat, WorkersThreateningAStrikeThreatenProtest) {
  EXPECT_EQ(EventsOf(CodeText("Ukrainian workers threatened to strike against the Ukrainian government.")),
            "UKRLAB>UKRGOV:133");
}

}  // namespace
}  // namespace parley
