// Agentless passives and elliptical clauses (issue 11, types 4 and 6): acts
// whose doer the clause does not name get one only where the text or the
// article gives it, and never an actor of a place phrase. Sentences written
// for these tests; none comes from an evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealEvents;

bool Has(const std::string& events, const std::string& e) { return events.find(e) != std::string::npos; }

// ---- Bombings with no hand named: a null source, never the place's country.

TEST(PassivesExplosive, ABombThatExplodesHasNoNamedSource) {
  REQUIRE_REAL_DATA();
  std::string ev =
      RealEvents("A car bomb exploded outside a police station in Lahore on Friday, injuring 40 people.");
  EXPECT_TRUE(Has(ev, "->PAKCVL:183")) << ev;
  EXPECT_FALSE(Has(ev, "PAK>")) << ev;
}

TEST(PassivesExplosive, VictimsOfAPassiveKilledByABomb) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "Six Somali soldiers were killed on Tuesday when a roadside bomb struck their convoy near Mogadishu, the army "
      "said.");
  EXPECT_TRUE(Has(ev, "->SOMMIL:183")) << ev;
}

TEST(PassivesExplosive, TheCountryOfThePlaceIsNoBomber) {
  REQUIRE_REAL_DATA();
  // ", killing eight soldiers" hangs on "two bombs exploded": the
  // Philippines, in a place phrase, did not kill them.
  std::string ev =
      RealEvents("Two bombs exploded in a market town in the southern Philippines on Monday, killing eight soldiers.");
  EXPECT_FALSE(Has(ev, "PHL>")) << ev;
  EXPECT_TRUE(Has(ev, "->PHLMIL:183")) << ev;
  // An explosion may be an accident: no bombing, and still no killer.
  ev = RealEvents("Two explosions shook a market town in the southern Philippines on Monday, killing eight soldiers.");
  EXPECT_FALSE(Has(ev, "PHL>")) << ev;
  EXPECT_FALSE(Has(ev, ":183")) << ev;
}

TEST(PassivesExplosive, ANamedHandKeepsItsEvent) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Somali troops shelled rebel positions near Kismayo on Monday, killing nine rebels.");
  EXPECT_TRUE(Has(ev, "SOMMIL>")) << ev;
  EXPECT_FALSE(Has(ev, "->")) << ev;
}

TEST(PassivesExplosive, NoBombingThatDidNotHappen) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("A bomb planted outside a police station in Lahore did not explode, police said.");
  EXPECT_FALSE(Has(ev, ":183")) << ev;
  ev = RealEvents("Police in Lahore defused a bomb outside a school on Friday.");
  EXPECT_FALSE(Has(ev, ":183")) << ev;
}

// ---- A release with no agent named: by whoever held the one released.

TEST(PassivesRelease, TheOneWhoArrestedReleases) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "Police in Kenya arrested opposition leader Raila Odinga on Monday at a rally in Nairobi. Odinga was released "
      "on Tuesday evening.");
  EXPECT_TRUE(Has(ev, "KENCOP>KENOPP:173")) << ev;
  EXPECT_TRUE(Has(ev, "KENCOP>KENOPP:08")) << ev;
}

TEST(PassivesRelease, NoReleaserWhenNoOneWasReportedHeld) {
  REQUIRE_REAL_DATA();
  // Nothing in the article says who held him: no source is guessed.
  std::string ev = RealEvents("Kenyan opposition leader Raila Odinga was released on Tuesday evening.");
  EXPECT_FALSE(Has(ev, ":08")) << ev;
}

// ---- Coordinated verbs: "their crew" belongs to what the first verb seized.

TEST(PassivesShared, ThePossessiveObjectBelongsToTheEarlierObject) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Iranian forces seized two Kuwaiti fishing boats and detained their crew.");
  EXPECT_TRUE(Has(ev, "IRNMIL>KWT:173")) << ev;
  ev = RealEvents(
      "Vietnamese coast guard ships fired on a Chinese trawler on Friday, seizing the boat and detaining its "
      "eight-man crew.");
  EXPECT_TRUE(Has(ev, ">CHN:173")) << ev;
}

TEST(PassivesShared, NotTheActorsOwnPeople) {
  REQUIRE_REAL_DATA();
  // "their crew" of the source's own country's boats: no target is guessed.
  std::string ev = RealEvents("Iranian forces searched two Iranian fishing boats and detained their crew.");
  EXPECT_FALSE(Has(ev, ":173")) << ev;
}

}  // namespace

// Where a meeting is held is no party to it, with or without modifiers
// between the locative and the country; a visit's destination still is.
TEST(MeetingVenue, ACountryAfterInAndItsModifiersIsNoCounterpart) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Chadian ministers were meeting on the drought in neighbouring Niger.");
  EXPECT_FALSE(Has(ev, ">NER")) << ev;
  std::string visit = RealEvents("The Chadian president flew to neighbouring Niger on Monday.");
  EXPECT_TRUE(Has(visit, ">NER")) << visit;
}

// People named by what they were doing (drivers, passengers, bystanders)
// are actors, so an act on them has a target.
TEST(PeopleNouns, DriversAndPassengersAreTargets) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Nigerian police shot and killed the driver of a minibus in Lagos.");
  EXPECT_TRUE(Has(ev, "NGACOP>NGAPPL:19")) << ev;
  ev = RealEvents("Kenyan soldiers fired on passengers at a bus station in Nairobi.");
  EXPECT_TRUE(Has(ev, "KENMIL>KENCVL:")) << ev;
}

}  // namespace parley
