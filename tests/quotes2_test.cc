// Quotes, reported speech and references (issue 11, types 2 and 8): who
// says what, and what a report of another's act is. Sentences written for
// these tests; none comes from an evaluation set.
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

Document RealDoc(const std::string& text) {
  Document d(text);
  d.doc_id = "test";
  Date::Parse("2024-03-01", &d.publish_date);
  EXPECT_TRUE(RealPipeline()->Code(&d).ok());
  return d;
}

std::string RealEvents(const std::string& text) { return EventsOf(RealDoc(text)); }

#define REQUIRE_REAL_DATA() \
  if (!RealPipeline()) GTEST_SKIP() << "data/ (with data/generated) does not load"

// ---- Reported speech: another's rebuff, reported with no target, is the
// reporter's accusation of it.

TEST(Quotes2Reported, AnotherSidesIgnoredProposalIsTheReportersAccusation) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Norway said on Friday that Sweden had ignored a proposal for joint patrols."), "NOR>SWE:112");
}

TEST(Quotes2Reported, AnotherSidesViolationIsTheReportersAccusation) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Peru said Chile had violated the fishing accord."), "PER>CHL:112");
}

TEST(Quotes2Reported, OnesOwnRejectionIsNoAccusation) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Peru said it had rejected the fishing accord.").find("112"), std::string::npos);
}

TEST(Quotes2Reported, ANegatedViolationAccusesNoOne) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Peru said Chile had not violated the fishing accord.").find("112"), std::string::npos);
}

TEST(Quotes2Reported, AViolationWithATargetStaysTheAct) {
  REQUIRE_REAL_DATA();
  // A third party's report of an act on someone else is that act.
  std::string ev = RealEvents("Peru said Chile had violated its accord with Bolivia.");
  EXPECT_EQ(ev.find("PER>CHL:112"), std::string::npos) << ev;
}

}  // namespace
}  // namespace parley
