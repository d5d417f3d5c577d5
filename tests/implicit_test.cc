// Implicit targets, refusals and threats (issue 11, types 6 and 9): acts
// that are aimed at no one by their nature are coded with a null target;
// the real target of an act whose verb has no actor as its object is found
// where the sentence or the article names it. Sentences written for these
// tests; none comes from an evaluation set.
#include "code/coder.h"

#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::EventsOf;
using testing::RealDoc;
using testing::RealEvents;
using testing::RealPipeline;

// ---- Acts aimed at no one: a null target.

TEST(ImplicitNoTarget, DecliningToCommentNamesNoOne) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Kenyan foreign ministry declined to comment on Tuesday."), "KENGOV>-:011");
  EXPECT_EQ(RealEvents("A spokesman for the Chilean navy refused to elaborate."), "CHLMIL>-:011");
}

TEST(ImplicitNoTarget, ClaimingResponsibilityNamesNoOne) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Islamic State claimed responsibility for the bombing of a market on Friday."),
            "IMGMUSISI>-:015");
}

TEST(ImplicitNoTarget, DenyingWrongdoingNamesNoOne) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Peruvian government denied any wrongdoing."), "PERGOV>-:016");
}

TEST(ImplicitNoTarget, ADenialOfSomeonesChargesKeepsThem) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Ghana rejected charges by Togo over the border incident."), "GHA>TGO:016");
}

TEST(ImplicitNoTarget, AStateOfSilenceIsNoAct) {
  REQUIRE_REAL_DATA();
  // Remaining silent reports no act of declining; only an actor that
  // declines, refuses or withholds comment is coded.
  EXPECT_EQ(RealEvents("Norway has remained silent about the proposal."), "");
}

TEST(ImplicitNoTarget, DutiesAndQuantitiesAreNoClaimOfResponsibility) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Zambian minister is thought to own up to 19 houses."), "");
  EXPECT_EQ(RealEvents("The Chilean navy owned up to the mistake."), "CHLMIL>-:015");
}

TEST(ImplicitNoTarget, CooperationAndForceStillNeedATarget) {
  REQUIRE_REAL_DATA();
  // Untargeted cooperation or force is background or a misreading; it is
  // not coded with a null target.
  EXPECT_EQ(RealEvents("The Bolivian army attacked at dawn."), "");
  EXPECT_EQ(RealEvents("Portugal agreed on Monday."), "");
}

// ---- Denials: the denial is the event, what it denies is not.

TEST(ImplicitDenial, ADeniedActIsNotCodedAsHappened) {
  REQUIRE_REAL_DATA();
  // Before, the armed rebels were coded as aid given (072) and the denial
  // was lost.
  EXPECT_EQ(RealEvents("Ghana denied that it had armed the rebels."), "GHA>-:016");
  EXPECT_EQ(RealEvents("Ghana denied reports that its troops had attacked Togo."), "GHA>-:016");
}

TEST(ImplicitDenial, AnotherPartyNamedInTheDenialIsItsTarget) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Ghana denied that the IMF had asked it to devalue the cedi."), "GHA>IGOBUSIMF:016");
}

TEST(ImplicitDenial, RumoursDeniedAreADenial) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Malaysian police denied rumours of unrest in the capital."), "MYSCOP>-:016");
}

TEST(ImplicitDenial, ACoordinatedVerbOfTheMainClauseIsNoContent) {
  REQUIRE_REAL_DATA();
  // ", and accused" is the denier's own second act, not what it denied.
  std::string ev = RealEvents("Ghana denied that its troops had crossed the border, and accused Togo of lying.");
  EXPECT_NE(ev.find(">TGO:112"), std::string::npos) << ev;
  EXPECT_EQ(ev.find(":19"), std::string::npos) << ev;
}

// ---- Threats phrased as vows.

TEST(ImplicitThreat, AVowOfForceIsAThreatNotAPledge) {
  REQUIRE_REAL_DATA();
  // Before, the vow was coded as a pledge (030) and the threat dropped.
  EXPECT_EQ(RealEvents("Russia vowed to attack Ukraine."), "RUS>UKR:138");
  EXPECT_EQ(RealEvents("Israel promised to hit back at Hamas."), "ISR>PSEREBHMS:138");
  EXPECT_EQ(RealEvents("Iraq vowed to keep up its raids on Iran."), "IRQ>IRN:138");
}

TEST(ImplicitThreat, AVowOfCooperationStaysAPledge) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Japan pledged to support Nepal."), "JPN>NPL:032");
  EXPECT_EQ(RealEvents("Japan promised to meet Nepal."), "JPN>NPL:036");
}

TEST(ImplicitThreat, NotHesitatingToUseForceIsAThreat) {
  REQUIRE_REAL_DATA();
  // Before, "would not hesitate to strike" was coded as a strike that
  // happened (190).
  EXPECT_EQ(RealEvents("Moscow said it would not hesitate to strike Kyiv."), "RUSGOV>UKRGOV:138");
  EXPECT_EQ(RealEvents("Norway did not hesitate to criticize Sweden."), "NOR>SWE:111");
}

TEST(ImplicitThreat, AWarningThatForceWillComeIsOneThreatAtWhomItNames) {
  REQUIRE_REAL_DATA();
  // Before: the warning had no target (not coded) and the retaliation was
  // coded as a coercive act (170).
  EXPECT_EQ(RealEvents("Iran warned that it would retaliate against Israel."), "IRN>ISR:138");
  EXPECT_EQ(RealEvents("Iran threatened that it would close the strait to American ships."), "IRN>USA:1381");
}

TEST(ImplicitThreat, WhatAWarningReportsAsDoneIsNoThreat) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Kenya warned that Somalia had attacked its border posts.");
  EXPECT_EQ(ev.find(":138"), std::string::npos) << ev;
}

// ---- Refusals: "would not yield to", "refused to bow to".

TEST(ImplicitRefusal, NotYieldingToPressureIsARefusalTowardThePressingParty) {
  REQUIRE_REAL_DATA();
  // Before, "to pressure" was read as an infinitive and nothing was coded.
  EXPECT_EQ(RealEvents("Peru said it would not yield to pressure from Chile."), "PER>CHL:124");
  EXPECT_EQ(RealEvents("Ghana has refused to bow to demands from Togo."), "GHA>TGO:124");
}

TEST(ImplicitRefusal, WhatOneYieldsToIsNotOnesOwnAct) {
  REQUIRE_REAL_DATA();
  // The blackmail is the kidnappers' doing, not a threat by the state.
  std::string ev = RealEvents("The United States said it would not yield to blackmail by the kidnappers.");
  EXPECT_EQ(ev.find(":13"), std::string::npos) << ev;
}

TEST(ImplicitRefusal, AnInfinitiveAfterAnotherVerbStaysAnInfinitive) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Japan agreed to meet Nepal."), "JPN>NPL:040+");
}

}  // namespace
}  // namespace parley
