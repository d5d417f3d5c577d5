// Precision of the coder (issue 11): what is not a new event is not coded
// as one. Sentences written for these tests; none comes from an evaluation
// set.
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;
using testing::EventsOf;

// ---- A headline restates the lead: one event, two mentions.

TEST(PrecisionRepeats, AHeadlineRestatingTheLeadIsAMentionOfItsEvent) {
  const std::string text =
      "France condemns Russia over border raid\n\n"
      "France on Monday condemned Russia for a raid on a border post.";
  Document d = CodeText(text);
  ASSERT_EQ(EventsOf(d), "FRA>RUS:111");
  const Event& e = d.events[0];
  // The span is the body's report, the headline a later-listed mention.
  EXPECT_EQ(e.sentence, 1u);
  ASSERT_EQ(e.mentions.size(), 2u);
  EXPECT_EQ(e.mentions[0].begin, e.span.begin);
  EXPECT_EQ(e.mentions[0].end, e.span.end);
  EXPECT_LT(e.mentions[1].begin, d.sentences[0].span.end);
}

TEST(PrecisionRepeats, AHeadlineEventTheBodyDoesNotReportStays) {
  Document d = CodeText("France condemns Russia over border raid\n\nThe talks in Geneva went on for a week.");
  EXPECT_EQ(EventsOf(d), "FRA>RUS:111");
  EXPECT_TRUE(d.events[0].mentions.empty());
}

TEST(PrecisionRepeats, TwoBodyReportsWithOneKeyStayTwoEvents) {
  // Two condemnations on two days are two events, not mentions of one.
  Document d = CodeText("France condemned Russia on Monday. France condemned Russia again on Friday.");
  EXPECT_EQ(EventsOf(d), "FRA>RUS:111 FRA>RUS:111");
}

}  // namespace
}  // namespace parley
