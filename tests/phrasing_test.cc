// Phrasing (issue 11, types 7, 9 and 10): the event word is known, but the
// way it is written kept the right pattern from firing. Each mechanism was
// found on the labelled corpus sentences (train/labels) and is tested here
// on sentences written for these tests; none comes from an evaluation set.
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::EventsOf;

// The shipped dictionaries (data/): the mechanisms here act on their
// patterns. Null (the tests skip) when they do not load.
const Pipeline* RealPipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    std::unique_ptr<Pipeline> out;
    if (!Pipeline::Create(PARLEY_DATA_DIR, CodeOptions{}, &out).ok()) out.reset();
    return out;
  }();
  return p.get();
}

std::string Events(const std::string& text) {
  if (!RealPipeline()) return "(no data)";
  Document d(text);
  d.doc_id = "test";
  Date::Parse("2024-03-01", &d.publish_date);
  EXPECT_TRUE(RealPipeline()->Code(&d).ok());
  return EventsOf(d);
}

#define REQUIRE_DATA() \
  if (!RealPipeline()) GTEST_SKIP() << "data/ did not load"

// ---- A visit's destination written as a place.

TEST(PhrasingVisit, TravelToACityIsAVisitToItsCountry) {
  REQUIRE_DATA();
  EXPECT_EQ(Events("The Thai prime minister will travel to Hanoi next week."), "THAGOV>VNM:042+");
  EXPECT_EQ(Events("The Kenyan president arrived in Lima on Monday."), "KENGOV>PER:042");
}

TEST(PhrasingVisit, AVisitNounToACity) {
  REQUIRE_DATA();
  EXPECT_EQ(Events("The Chilean foreign minister began a two-day visit to Oslo on Monday."), "CHLGOV>NOR:042");
}

TEST(PhrasingVisit, TravelAtHomeIsNoVisit) {
  REQUIRE_DATA();
  // Nor does the place of a later clause become the destination.
  EXPECT_EQ(Events("The Kenyan president flew to Mombasa before a rally in Nairobi."), "");
}

TEST(PhrasingVisit, APrivateJourneyIsNoVisit) {
  REQUIRE_DATA();
  EXPECT_EQ(Events("Kenyan writer Jomo Otieno arrived in Lima on Monday."), "");
}

}  // namespace
}  // namespace parley
