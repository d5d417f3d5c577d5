// Implied targets, references to the article's parties and event nouns with
// their arguments (issue 11, types 6, 2 and 7), on sentences written for
// these tests (none comes from an evaluation set).
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;
using testing::EventsOf;

// ---- The article's counterparts: the two states its dialogue or conflict
// is between, from the events coded so far.

TEST(TargetsCounterparts, BothSidesAreTheStatesThatFought) {
  // No "A and B" names the pair: it comes from the attack itself.
  EXPECT_EQ(EventsOf(CodeText("Russian troops attacked Ukrainian positions on Monday. "
                              "France urged both sides to show restraint.")),
            "RUSMIL>UKR:190 FRA>RUSMIL:020 FRA>UKR:020");
}

TEST(TargetsCounterparts, TheFirstPairWinsATie) {
  // A third state's call to one side does not replace the pair that fought.
  EXPECT_EQ(EventsOf(CodeText("Russian troops attacked Ukrainian positions on Monday. "
                              "Italian forces attacked Ukraine on Tuesday. "
                              "France urged the warring sides to show restraint.")),
            "RUSMIL>UKR:190 ITAMIL>UKR:190 FRA>RUSMIL:020 FRA>UKR:020");
}

TEST(TargetsCounterparts, NoPairNoTarget) {
  EXPECT_EQ(EventsOf(CodeText("France urged both sides to show restraint.")), "");
}

// ---- 2: "both sides", "the two countries" as subjects.

TEST(TargetsReferences, BothSidesAsSubjectAreTheCounterparts) {
  EXPECT_EQ(EventsOf(CodeText("Russian troops attacked Ukrainian positions on Monday. "
                              "Both sides accused each other of lying.")),
            "RUSMIL>UKR:190 RUSMIL>UKR:112 UKR>RUSMIL:112");
}

TEST(TargetsReferences, PlainPluralsAreNotThePair) {
  // "The parties" without "both" or "two" may be any parties.
  EXPECT_EQ(EventsOf(CodeText("Russian troops attacked Ukrainian positions on Monday. "
                              "The parties condemned Turkey.")),
            "RUSMIL>UKR:190");
}

// ---- 7: event nouns in a phrase of another verb.

TEST(TargetsEventNouns, TalksInAPhraseOfTheVerbAreItsSubjects) {
  EXPECT_EQ(EventsOf(CodeText("The French president said in talks with Turkey that the border must stay open.")),
            "FRAGOV>TUR:040");
}

TEST(TargetsEventNouns, DuringAMeetingToo) {
  EXPECT_EQ(EventsOf(CodeText("France criticized Russia during talks with Ukraine.")),
            "FRA>RUS:111 FRA>UKR:040");
}

TEST(TargetsEventNouns, ANounWithoutItsOtherPartyIsNotCoded) {
  // "in the talks" names no party: the talks are only where it was said.
  EXPECT_EQ(EventsOf(CodeText("France criticized Russia in the talks.")), "FRA>RUS:111");
}

}  // namespace
}  // namespace parley
