// Pattern matching (src/code/patterns.cc): the quick tests that reject a
// pattern before it is matched (its words absent from the clause, its
// first word beyond MatchPattern's reach) must never reject one that
// matches. Sentences written for the test, coded with the fixture lexicon.
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;
using testing::EventsOf;

TEST(Patterns, AWordAfterAGapIsFoundFarFromTheVerb) {
  // "release ... prisoners": the word ten tokens after the verb, within
  // the fourteen a gap allows.
  EXPECT_EQ(EventsOf(CodeText("France released forty prisoners to Germany.")), "FRA>FRACRM:0841");
  EXPECT_EQ(EventsOf(CodeText("France released on Friday after long talks in Geneva forty prisoners to Germany.")),
            "FRA>FRACRM:0841");
  // "remain ... silent", eight tokens on.
  EXPECT_EQ(EventsOf(CodeText("France remained on the matter of the German vote silent.")), "FRA>DEU:011");
}

TEST(Patterns, AFirstWordOrSlotRightAfterTheVerb) {
  EXPECT_EQ(EventsOf(CodeText("France released to Germany forty prisoners.")), "FRA>DEU:0841");
  EXPECT_EQ(EventsOf(CodeText("France urged Germany to act.")), "FRA>DEU:020");
  EXPECT_EQ(EventsOf(CodeText("France accused Germany of spying.")), "FRA>DEU:112");
  EXPECT_EQ(EventsOf(CodeText("France met with Germany.")), "FRA>DEU:040");
}

}  // namespace
}  // namespace parley
