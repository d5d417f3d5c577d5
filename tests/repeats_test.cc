// Repeated reports of one event (issue 11, span tier): a later sentence
// that says only that an event coded earlier broke out or went on ("heavy
// fighting erupted again", "clashes broke out") reports that event again
// and gets it, with the earlier actors, so that each sentence reporting it
// has its event. Sentences written for these tests; none comes from an
// evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealDoc;

// The events of sentence `si` ("SRC>TGT:CODE ..."), with the span of each
// checked to lie inside that sentence.
std::string EventsIn(const Document& d, uint32_t si) {
  std::string out;
  for (const Event& e : d.events) {
    if (e.sentence != si) continue;
    const Span s = d.sentences[si].span;
    EXPECT_TRUE(e.span.begin >= s.begin && e.span.end <= s.end) << d.text(e.span);
    if (!out.empty()) out += ' ';
    out += (e.source ? e.source->code : "-") + ">" + (e.target ? e.target->code : "-") + ":" + e.cameo;
  }
  return out;
}

const char kFight[] = "Somali troops fought al Shabaab militants near Mogadishu on Friday. ";

TEST(Repeats, AnOnsetOfTheSameFightingRestatesIt) {
  REQUIRE_REAL_DATA();
  // Before, the second sentence named no actor and had no event.
  Document d = RealDoc(std::string(kFight) + "Heavy fighting erupted again on Sunday near the port.");
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(EventsIn(d, 0), "SOMMIL>SOMREB:190");
  EXPECT_EQ(EventsIn(d, 1), "SOMMIL>SOMREB:190");
  for (const Event& e : d.events)
    if (e.sentence == 1) {
      EXPECT_NE(e.rule.find("restates the event of sentence 0"), std::string::npos) << e.rule;
      EXPECT_EQ(d.text(e.span), "fighting erupted");
    }
}

TEST(Repeats, ANounSubjectOfAnOnsetVerbRestatesIt) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc(std::string(kFight) + "Fresh clashes broke out late on Sunday.");
  EXPECT_EQ(EventsIn(d, 1), "SOMMIL>SOMREB:190");
  // Its parties may be no actors of ours: "between rival gunmen".
  d = RealDoc(std::string(kFight) + "Fresh clashes between rival groups broke out late on Sunday.");
  EXPECT_EQ(EventsIn(d, 1), "SOMMIL>SOMREB:190");
}

TEST(Repeats, BothSidesOfAMeetingAreRestated) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc("Sudan and Chad held talks in Khartoum on Monday. The talks resumed on Wednesday.");
  EXPECT_EQ(EventsIn(d, 0), "SDN>TCD:046 TCD>SDN:046");
  EXPECT_EQ(EventsIn(d, 1), "SDN>TCD:046 TCD>SDN:046");
}

TEST(Repeats, WhatDidNotOrMayHappenIsNoReport) {
  REQUIRE_REAL_DATA();
  for (const char* s : {"No fighting broke out on Monday.", "No new fighting broke out on Monday.",
                        "Fighting could break out again.", "Analysts fear fighting could erupt again."}) {
    Document d = RealDoc(std::string(kFight) + s);
    EXPECT_EQ(EventsIn(d, 1), "") << s;
  }
}

TEST(Repeats, FightingElsewhereIsAnotherEvent) {
  REQUIRE_REAL_DATA();
  // The place names a country on neither side of the earlier fight.
  Document d = RealDoc(std::string(kFight) + "Heavy fighting erupted in Kenya on Sunday.");
  EXPECT_EQ(EventsIn(d, 1), "");
  // Its own country on one side: the same conflict.
  d = RealDoc(std::string(kFight) + "Renewed fighting erupted in Somalia's capital on Sunday.");
  EXPECT_EQ(EventsIn(d, 1), "SOMMIL>SOMREB:190");
}

TEST(Repeats, NothingEarlierNothingRestated) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc("Fighting erupted on Sunday near the port of Kismayo.");
  EXPECT_TRUE(d.events.empty()) << testing::EventsOf(d);
  // An earlier event of another root is not what broke out.
  d = RealDoc("Somalia and Kenya held talks in Nairobi on Monday. Fighting erupted on Tuesday near the port.");
  EXPECT_EQ(EventsIn(d, 1), "");
}

TEST(Repeats, ASentenceWithItsOwnEventKeepsIt) {
  REQUIRE_REAL_DATA();
  // Kenya's condemnation is the news of the second sentence.
  Document d = RealDoc(std::string(kFight) + "Kenya condemned Somalia after fighting erupted again.");
  EXPECT_EQ(EventsIn(d, 1).find("SOMMIL>SOMREB"), std::string::npos) << EventsIn(d, 1);
}


// ---- A definite event noun as the subject of an act: the act is done by
// the doer of the event the noun names.

TEST(RepeatsEventNoun, WhatTheSanctionsDoTheirImposerDoes) {
  REQUIRE_REAL_DATA();
  // Before, "end" and "cut" had no source and gave nothing.
  Document d = RealDoc("Norway imposed sanctions on Belarus on Monday. The sanctions will end all military "
                       "cooperation and cut economic aid.");
  EXPECT_EQ(EventsIn(d, 1), "NOR>BLR:1622 NOR>BLR:1621");
  for (const Event& e : d.events) {
    if (e.sentence != 1) continue;
    EXPECT_EQ(e.status, EventStatus::kPlanned) << e.cameo;  // "will", shared by "cut"
  }
}

TEST(RepeatsEventNoun, WhatTheRaidDidIsTheRaidersAct) {
  REQUIRE_REAL_DATA();
  // The verb's object would be of the raider's own country (the article's
  // main one); the raid's target stays.
  Document d = RealDoc("Russian jets bombed rebel positions in Idlib on Monday. The raid killed twelve fighters.");
  EXPECT_EQ(EventsIn(d, 1), "RUS>SYR:190");
}

TEST(RepeatsEventNoun, OnlyTheMainClauseSubjectAndOnlyWhatHappened) {
  REQUIRE_REAL_DATA();
  const std::string lead = "Russian jets bombed rebel positions in Idlib on Monday. ";
  for (const char* s : {"The raid did not kill anyone.", "The raid could kill dozens.",
                        "Officials said that the raid killed twelve fighters.",
                        "The bombs dropped on Monday did not explode.",
                        "The war has killed thousands of people."}) {
    Document d = RealDoc(lead + s);
    EXPECT_EQ(EventsIn(d, 1).find("RUS>SYR"), std::string::npos) << s << ": " << EventsIn(d, 1);
  }
}

TEST(RepeatsEventNoun, ANounNamingNoEarlierActGivesNothing) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc("Norway and Belarus held talks in Oslo on Monday. The sanctions will end all military "
                       "cooperation.");
  EXPECT_EQ(EventsIn(d, 1), "");
}

}  // namespace
}  // namespace parley
