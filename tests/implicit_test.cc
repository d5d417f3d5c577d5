// Implicit targets, refusals and threats (issue 11, types 6 and 9): acts
// that are aimed at no one by their nature are coded with a null target;
// the real target of an act whose verb has no actor as its object is found
// where the sentence or the article names it. Sentences written for these
// tests; none comes from an evaluation set.
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::EventsOf;

// The shipped dictionaries (data/); null (the tests skip) when they do not
// load.
const Pipeline* RealPipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    std::unique_ptr<Pipeline> out;
    if (!Pipeline::Create(PARLEY_DATA_DIR, CodeOptions{}, &out).ok()) out.reset();
    return out;
  }();
  return p.get();
}

std::string RealEvents(const std::string& text) {
  Document d(text);
  d.doc_id = "test";
  Date::Parse("2024-03-01", &d.publish_date);
  EXPECT_TRUE(RealPipeline()->Code(&d).ok());
  return EventsOf(d);
}

#define REQUIRE_REAL_DATA() \
  if (!RealPipeline()) GTEST_SKIP() << "data/ (with data/generated) does not load"

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

}  // namespace
}  // namespace parley
