// Precision of the coder (issue 11): what is not a new event is not coded
// as one. Sentences written for these tests; none comes from an evaluation
// set.
#include "code/coder.h"

#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;
using testing::EventsOf;
using testing::RealDoc;
using testing::RealEvents;
using testing::RealPipeline;

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

// ---- The subject is not inside an aside between dashes.

TEST(PrecisionSubjects, AListInsideDashesIsNotTheSubject) {
  REQUIRE_REAL_DATA();
  // Who committed is the unrecognised "Lusaka", not the list in the aside;
  // before, every pair of the list was coded as committing aid to another.
  EXPECT_EQ(RealEvents("Under a pact with four donors - Norway, Japan, Canada and Brazil - Lusaka committed to "
                       "curb logging in return for aid."),
            "");
}

TEST(PrecisionSubjects, TheSubjectBeforeAnAsideStillActs) {
  EXPECT_EQ(EventsOf(CodeText("France - a close ally of Germany - condemned Russia on Monday.")), "FRA>RUS:111");
}

// ---- Word class: a participle that modifies a noun is no verb.

TEST(PrecisionWordClass, AHyphenedParticipleIsAModifier) {
  REQUIRE_REAL_DATA();
  // "U.N.-backed" describes the talks; the U.N. did not back anyone here.
  EXPECT_EQ(RealEvents("The U.N.-backed talks on Chad resumed in Geneva on Tuesday."), "");
}

TEST(PrecisionWordClass, AParticipleAfterAPrepositionIsAModifier) {
  REQUIRE_REAL_DATA();
  // "by armed guards": guards with arms, not an act of arming.
  EXPECT_EQ(RealEvents("The Kenyan minister was driven to the court by armed police officers."), "");
}

// ---- Help in doing something is that act, not aid.

TEST(PrecisionHelp, HelpWithABareInfinitiveIsNotAid) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Norway said the new fund would help Kenya expand its schools."), "");
  EXPECT_EQ(RealEvents("Japanese engineers helped Peru rebuild the harbour last year."), "");
}

TEST(PrecisionHelp, HelpGivenToACountryIsStillAid) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Japan helped Peru after the earthquake."), "JPN>PER:070");
}

// ---- What a noun of striving or duty aims at did not happen.

TEST(PrecisionContent, AnInfinitiveAfterANounOfStrivingIsNotAnEvent) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Chile praised Peru's efforts to help Bolivia on Monday."), "CHL>PER:051");
  EXPECT_EQ(RealEvents("The treaty gives Kenya an obligation to defend Uganda."), "");
}

TEST(PrecisionContent, FightingToDoSomethingIsStriving) {
  REQUIRE_REAL_DATA();
  // "fight to keep": strive for; no force is used against the object.
  EXPECT_EQ(RealEvents("The Kenyan minister vowed he would fight to keep Somali troops out of the port."), "");
}

// ---- A state that protests complains officially (114).

TEST(PrecisionRoots, AStateThatProtestsComplainsOfficially) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Norway protested over Denmark's decision to close its fishing grounds."), "NOR>DNK:114");
}

TEST(PrecisionRoots, PeopleWhoProtestStillDemonstrate) {
  REQUIRE_REAL_DATA();
  // Not the state: students in the street (a demonstration, 14x).
  std::string ev = RealEvents("Kenyan students protested against Uganda's border closure on Monday.");
  EXPECT_EQ(ev.find(":114"), std::string::npos) << ev;
}

// ---- An actor named inside a quote is no subject outside it.

TEST(PrecisionSubjects, AQuotedActorIsNotTheSubjectOfTheNextVerb) {
  EXPECT_EQ(EventsOf(CodeText("The crowd shouted \"Down with Germany\" and condemned Russia.")), "");
}

// ---- Page furniture: links to other stories, photo captions.

TEST(PrecisionFurniture, ALinkToAnotherStoryIsNotCoded) {
  EXPECT_EQ(EventsOf(CodeText("France rejected the plan on Monday.\n\nRelated Story France condemns Russia over "
                              "raid\n\nThe talks in Geneva went on.")),
            "");
}

TEST(PrecisionFurniture, ACaptionRestatingTheBodyIsAMention) {
  Document d = CodeText("Image caption France condemned Russia on Monday\n\nFrance on Monday condemned Russia "
                        "for a raid on a border post.");
  ASSERT_EQ(EventsOf(d), "FRA>RUS:111");
  EXPECT_EQ(d.events[0].sentence, 1u);
  EXPECT_EQ(d.events[0].mentions.size(), 2u);
}

}  // namespace
}  // namespace parley
