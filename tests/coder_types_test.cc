// The failure types of issue 11 on the coder's side, one section each, on
// sentences written for these tests (none comes from an evaluation set).
// Types 1, 3 and 5 (actors) are tested in actors_test.cc.
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;
using testing::EventsOf;

// ---- 2: references ("it", "its", "both sides", "the ministry").

TEST(CoderReferences, ItIsTheReportingSubject) {
  EXPECT_EQ(EventsOf(CodeText("Turkey said it will impose sanctions on Russia.")), "TUR>RUS:163+");
}

TEST(CoderReferences, ItIsTheLastStateThatActed) {
  EXPECT_EQ(EventsOf(CodeText("France criticized Russia on Monday. It also condemned Turkey.")),
            "FRA>RUS:111 FRA>TUR:111");
}

TEST(CoderReferences, ItIsTheLastStateThatSpoke) {
  // A bare statement codes no event, but its subject is what "it" is.
  EXPECT_EQ(EventsOf(CodeText("Turkey said nothing on Monday. It later condemned Russia.")), "TUR>RUS:111");
}

TEST(CoderReferences, BothSidesAsTargetAreTheLastPair) {
  EXPECT_EQ(EventsOf(CodeText("Russia and Ukraine clashed near the border. France urged both sides to stop.")),
            "RUS>UKR:190 UKR>RUS:190 FRA>RUS:020 FRA>UKR:020");
}

TEST(CoderReferences, BothCountriesAreTheLastTwoNamedTogether) {
  EXPECT_EQ(EventsOf(CodeText("Tension rose between Russia and Ukraine. France urged both countries to stop.")),
            "FRA>RUS:020 FRA>UKR:020");
}

TEST(CoderReferences, EachOtherIsTheOtherSubject) {
  EXPECT_EQ(EventsOf(CodeText("Russia and Ukraine accused each other of lying.")), "RUS>UKR:112 UKR>RUS:112");
}

// ---- 4: lists, coordination and shared subjects.

TEST(CoderStructure, AListOfThreeSubjects) {
  EXPECT_EQ(EventsOf(CodeText("France, Germany and Albania condemned Russia.")),
            "FRA>RUS:111 DEU>RUS:111 ALB>RUS:111");
}

TEST(CoderStructure, AListWithASerialComma) {
  EXPECT_EQ(EventsOf(CodeText("France, Germany, and Albania condemned Russia.")),
            "FRA>RUS:111 DEU>RUS:111 ALB>RUS:111");
}

TEST(CoderStructure, AVerbAfterAndSharesTheFirstVerbsSubject) {
  EXPECT_EQ(EventsOf(CodeText("France criticized Russia on Monday and urged Turkey to act.")),
            "FRA>RUS:111 FRA>TUR:020");
}

// ---- 8: quotes and reported speech.

TEST(CoderSpeech, ForceReportedAgainstTheSpeakerIsItsAccusation) {
  EXPECT_EQ(EventsOf(CodeText("Albania said Russia had attacked its border posts.")), "ALB>RUS:112");
  EXPECT_EQ(EventsOf(CodeText("Albania said Russian troops attacked Albania.")), "ALB>RUSMIL:112");
  // Force between others is reported as it is.
  EXPECT_EQ(EventsOf(CodeText("Albania said Russia attacked Ukraine.")), "RUS>UKR:190");
}

// ---- 9: refusal, threat, pledge.

TEST(CoderFraming, RefusingToAllowIsARefusal) {
  EXPECT_EQ(EventsOf(CodeText("Egypt refused to allow Turkish ships to dock.")), "EGY>TUR:120");
}

TEST(CoderFraming, AThreatToUseForceIsAThreat) {
  EXPECT_EQ(EventsOf(CodeText("Russia threatened to attack Ukraine.")), "RUS>UKR:130");
}

TEST(CoderFraming, APledgeIsAnIntentionNotTheAct) {
  EXPECT_EQ(EventsOf(CodeText("Russia pledged to release the Ukrainian sailors.")), "RUS>UKR:030");
}

TEST(CoderFraming, ADenialIsItsOwnEvent) {
  EXPECT_EQ(EventsOf(CodeText("Russia denied attacking Ukrainian troops.")), "RUS>UKRMIL:016");
}

}  // namespace
}  // namespace parley
