// Phrasing (issue 11, types 7, 9 and 10): the event word is known, but the
// way it is written kept the right pattern from firing. Each mechanism was
// found on the labelled corpus sentences (train/labels) and is tested here
// on sentences written for these tests; none comes from an evaluation set.
#include "code/coder.h"

#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::EventsOf;
using testing::RealDoc;
using testing::RealEvents;
using testing::RealPipeline;

// ---- A visit's destination written as a place.

TEST(PhrasingVisit, TravelToACityIsAVisitToItsCountry) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Thai prime minister will travel to Hanoi next week."), "THAGOV>VNM:042+");
  EXPECT_EQ(RealEvents("The Kenyan president arrived in Lima on Monday."), "KENGOV>PER:042");
}

TEST(PhrasingVisit, AVisitNounToACity) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Chilean foreign minister began a two-day visit to Oslo on Monday."), "CHLGOV>NOR:042");
}

TEST(PhrasingVisit, TravelAtHomeIsNoVisit) {
  REQUIRE_REAL_DATA();
  // Nor does the place of a later clause become the destination.
  EXPECT_EQ(RealEvents("The Kenyan president flew to Mombasa before a rally in Nairobi."), "");
}

TEST(PhrasingVisit, APrivateJourneyIsNoVisit) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Kenyan writer Jomo Otieno arrived in Lima on Monday."), "");
}

// ---- Wrong roots: an invitation to talks is an offer to meet (036), not
// an appeal to others to meet (026).

TEST(PhrasingRoots, AnInvitationToTalksIsAnOfferToMeet) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Peru invited Chile for talks on the fishing dispute."), "PER>CHL:036");
}

}  // namespace
}  // namespace parley
