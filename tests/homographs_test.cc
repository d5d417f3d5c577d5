// Word classes and precision (issue 11, type 10): noun/verb homographs read
// by their context, so that a noun does not open a verb pattern and may
// still be an event noun. Sentences written for these tests; none comes from
// an evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealEvents;

bool Has(const std::string& events, const std::string& e) { return events.find(e) != std::string::npos; }

// ---- -ing words that head a noun phrase.

TEST(HomographIng, AfterAnAdjectiveAndBeforeAPrepositionIsANoun) {
  REQUIRE_REAL_DATA();
  // "the bloodiest fighting between A and B": the fighting is a noun, an
  // event noun between the two parties, not a verb with no subject.
  std::string ev = RealEvents("Germany's ministers discussed the bloodiest fighting between Armenia and Azerbaijan "
                              "in years.");
  EXPECT_TRUE(Has(ev, "ARM>AZE:190") || Has(ev, "AZE>ARM:190")) << ev;
}

TEST(HomographIng, BeforeOfIsANoun) {
  REQUIRE_REAL_DATA();
  // "the annual meeting of X": a noun, so the meeting noun codes it.
  std::string ev = RealEvents("Brazilian officials attended the annual meeting of Argentina's central bank on Monday.");
  EXPECT_TRUE(Has(ev, ":040")) << ev;
}

TEST(HomographIng, AParticipleWithAnObjectStaysAVerb) {
  REQUIRE_REAL_DATA();
  // A reduced clause on a noun subject: "-ing" followed by its object.
  std::string ev = RealEvents("Kenya said rebel fighters attacking Somalia had crossed the border.");
  EXPECT_TRUE(Has(ev, ">SOM:19") || Has(ev, ">SOM:18")) << ev;
}

// ---- The words a pattern skips between its elements.

TEST(HomographGap, APatternDoesNotReachPastAnotherVerb) {
  REQUIRE_REAL_DATA();
  // "took ... to decide in favour of": the "in" belongs to another verb, so
  // "take in" (give refuge) does not match; nor does "call for" across the
  // verb "buying".
  std::string ev = RealEvents("Venezuela took two weeks to decide in favour of selling oil to Cuba.");
  EXPECT_FALSE(Has(ev, ":075")) << ev;
  ev = RealEvents("Ecuador calls the rice buying tenders for Peru.");
  EXPECT_FALSE(Has(ev, ":020")) << ev;
}

TEST(HomographGap, AdjectivesAndCompoundNounsAreStillSkipped) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Canada agreed on a major prisoner exchange with Iran.");
  EXPECT_TRUE(Has(ev, "CAN>IRN:046")) << ev;
  ev = RealEvents("Peru called on Chile to release the fishermen.");
  EXPECT_TRUE(Has(ev, "PER>CHL:0253")) << ev;
}

// ---- Counterfactual frames.

TEST(HomographCounterfactual, AModalPerfectIsNoThreatAndDidNotHappen) {
  REQUIRE_REAL_DATA();
  // "could have attacked", "should have shot down": the act did not
  // happen, and no one announced it either: not an attack that occurred,
  // not a threat (138).
  for (const char* text : {"Peru could have attacked Chile.", "Brazil would have invaded Bolivia on Monday.",
                           "Japan should have shot down the Chinese drones."}) {
    std::string ev = RealEvents(text);
    EXPECT_FALSE(Has(ev, ":138")) << text << " " << ev;
    Document d = testing::RealDoc(text);
    for (const Event& e : d.events) {
      if (e.cameo.compare(0, 2, "19") == 0) {
        EXPECT_EQ(e.status, EventStatus::kHypothetical) << text;
      }
    }
  }
  // "would meet" is still a stated intention (03x).
  EXPECT_TRUE(Has(RealEvents("Canada would meet Mexico."), "CAN>MEX:036"));
}

// ---- Participles that modify a noun.

TEST(HomographParticiple, CoordinatedWithAnAdjectiveAfterADeterminerItIsAModifier) {
  REQUIRE_REAL_DATA();
  // "the political and armed factions": no one armed anyone.
  std::string ev = RealEvents("Nigeria wants to bring together the political and armed factions against Boko Haram.");
  EXPECT_FALSE(Has(ev, ":072")) << ev;
  // A verb coordinated with another verb stays a verb.
  ev = RealEvents("Sudan trained and armed the Chadian rebels.");
  EXPECT_TRUE(Has(ev, "SDN>TCDREB:072") || Has(ev, "SDN>TCD:072")) << ev;
}

// ---- Weapons as the subject of an attack.

TEST(HomographWeapons, APluralNounUnderANationalityIsTheSubjectOfABaseFormVerb) {
  REQUIRE_REAL_DATA();
  // "Iranian rockets hit Israel": "hit" is the verb, the rockets' country
  // the attacker.
  EXPECT_TRUE(Has(RealEvents("Iranian rockets hit Israel on Sunday."), "IRN>ISR:19"));
  EXPECT_TRUE(Has(RealEvents("Syrian shells hit Turkey."), "SYR>TUR:19"));
  // A plural noun with no nationality before it is no such subject.
  EXPECT_FALSE(Has(RealEvents("The talks hit Israel hard, Egypt said."), ":19"));
}

// ---- Verbs whose object feels the act, in the passive.

TEST(HomographPassive, TheSubjectOfAnAngeredPassiveIsTheOneWhoDisapproves) {
  REQUIRE_REAL_DATA();
  // "Chile angered Peru" and "Peru was angered by Chile" are the same
  // disapproval, Peru's of Chile.
  EXPECT_TRUE(Has(RealEvents("Chile angered Peru."), "PER>CHL:11"));
  std::string ev = RealEvents("Peru was angered by Chile.");
  EXPECT_TRUE(Has(ev, "PER>CHL:11")) << ev;
  EXPECT_FALSE(Has(ev, "CHL>PER")) << ev;
  ev = RealEvents("Egyptians were dismayed by Israel's decision.");
  EXPECT_FALSE(Has(ev, "ISR>EGY")) << ev;
}

}  // namespace
}  // namespace parley
