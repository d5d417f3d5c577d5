// Actors and clause structure (issue 11, types 1, 3, 4, 5 and the split
// part of 10): who is the subject or object of a verb when names are
// listed, clauses are fronted or coordinated, and a role stands for a
// person. Sentences written for these tests; none comes from an evaluation
// set.
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::EventsOf;

// The shipped dictionaries (data/): these mechanisms need real countries,
// roles and verbs; null (the tests skip) when they do not load.
const Pipeline* RealPipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    std::unique_ptr<Pipeline> out;
    if (!Pipeline::Create(PARLEY_DATA_DIR, CodeOptions{}, &out).ok()) out.reset();
    return out;
  }();
  return p.get();
}

Document RealDoc(const std::string& text, const std::string& date = "2020-05-01") {
  Document d(text);
  d.doc_id = "test";
  Date::Parse(date, &d.publish_date);
  EXPECT_TRUE(RealPipeline()->Code(&d).ok());
  return d;
}

std::string RealEvents(const std::string& text, const std::string& date = "2020-05-01") {
  return EventsOf(RealDoc(text, date));
}

#define REQUIRE_REAL_DATA() \
  if (!RealPipeline()) GTEST_SKIP() << "data/ (with data/generated) does not load"

// ---- 4: lists and fronted clauses.

TEST(Actors2Lists, AFrontedClauseIsNotPartOfTheSubject) {
  REQUIRE_REAL_DATA();
  // The countries visited before the comma did not fly.
  EXPECT_EQ(RealEvents("After touring Peru and Chile, the Spanish king flew to Brazil."), "ESPGOV>BRA:042");
}

TEST(Actors2Lists, AListClosedByAndIsEverySubject) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Norway, Finland and Denmark condemned Belarus on Tuesday."),
            "NOR>BLR:111 FIN>BLR:111 DNK>BLR:111");
}

}  // namespace
}  // namespace parley
