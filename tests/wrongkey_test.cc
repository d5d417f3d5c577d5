// Wrong keys in sentences that report an event (issue 11, types 9 and 10):
// what a sentence says an act is for, or a word read in the wrong sense or
// class, must not be coded as an act that happened. Sentences written for
// these tests; none comes from an evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealEvents;

bool Has(const std::string& events, const std::string& e) { return events.find(e) != std::string::npos; }

// ---- Purpose infinitives: "formed a unit to intervene" is no intervention.

TEST(WrongKeyPurpose, AnInfinitiveAfterAVerbAndItsObjectIsThePurpose) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Moscow has assembled a special police unit to intervene in Georgia.");
  EXPECT_FALSE(Has(ev, ">GEO:19")) << ev;
  ev = RealEvents("Japan proposed a summit of foreign ministers to improve relations with China.");
  EXPECT_FALSE(Has(ev, ">CHN:05")) << ev;
}

TEST(WrongKeyPurpose, ThePurposeNamesWhomTheActIsAimedAt) {
  REQUIRE_REAL_DATA();
  // Before, the proposal had no target and was not coded.
  std::string ev = RealEvents("Japan proposed a summit of foreign ministers to improve relations with China.");
  EXPECT_TRUE(Has(ev, "JPN>CHN:036")) << ev;
}

TEST(WrongKeyPurpose, AnInfinitiveTheVerbGovernsStays) {
  REQUIRE_REAL_DATA();
  // No object between verb and "to": the complement, coded as before.
  std::string ev = RealEvents("Japan agreed to improve relations with China.");
  EXPECT_TRUE(Has(ev, "JPN>CHN:0")) << ev;
  // An actor told to act does it: "urged Israel to withdraw".
  ev = RealEvents("France urged Israel to withdraw its troops from Lebanon.");
  EXPECT_TRUE(Has(ev, "FRA>ISR:02")) << ev;
}

// ---- Polarity: "decided not to expel" is no expulsion.

TEST(WrongKeyPolarity, NotBeforeAnInfinitiveNegatesIt) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Kenya decided not to expel the Somali ambassador.");
  EXPECT_TRUE(Has(ev, "KEN>SOMGOV:172!")) << ev;
  // No positive expulsion ("172" followed by no "!").
  for (size_t at = ev.find(":172"); at != std::string::npos; at = ev.find(":172", at + 1))
    EXPECT_EQ(ev.substr(at + 4, 1), "!") << ev;
  // A cooperative act decided against is a refusal (12x).
  ev = RealEvents("Kenya decided not to attend the talks with Somalia.");
  EXPECT_TRUE(Has(ev, "KEN>SOM:12")) << ev;
}

// ---- Reciprocals: "each other's forces" is the other side's forces.

TEST(WrongKeyReciprocal, EachOthersBodyIsTheOtherSidesBody) {
  REQUIRE_REAL_DATA();
  std::string ev =
      RealEvents("Pakistan and Afghanistan have accused each other's forces of shelling border villages.");
  EXPECT_TRUE(Has(ev, "PAK>AFGMIL:11")) << ev;
  EXPECT_TRUE(Has(ev, "AFG>PAKMIL:11")) << ev;
  EXPECT_FALSE(Has(ev, "PAK>PAKMIL")) << ev;
  ev = RealEvents("Armenia and Azerbaijan blamed one another's troops for the clashes.");
  EXPECT_FALSE(Has(ev, "ARM>ARMMIL")) << ev;
  EXPECT_FALSE(Has(ev, "AZE>AZEMIL")) << ev;
}

// ---- Word sense: speaking to the press is how a statement is made.

TEST(WrongKeySense, SpeakingToReportersIsNoConsultation) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "Washington imposed new sanctions on Iran. A State Department official, speaking to reporters on Monday, said "
      "more measures would follow.");
  EXPECT_TRUE(Has(ev, "USAGOV>IRN:163")) << ev;
  EXPECT_FALSE(Has(ev, "MED:04")) << ev;
  // Talks with a government stay talks.
  ev = RealEvents("The Kenyan foreign minister spoke to his Ugandan counterpart on Monday.");
  EXPECT_TRUE(Has(ev, ":04")) << ev;
}

}  // namespace
}  // namespace parley
