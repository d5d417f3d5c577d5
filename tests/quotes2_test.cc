// Quotes, reported speech and references (issue 11, types 2 and 8): who
// says what, and what a report of another's act is. Sentences written for
// these tests; none comes from an evaluation set.
#include "code/coder.h"

#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::EventsOf;
using testing::RealDoc;
using testing::RealEvents;
using testing::RealPipeline;

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

// ---- Quote speakers.

std::string Speakers(const Document& d) {
  std::string out;
  for (auto& q : d.quotes) out += (out.empty() ? "" : "|") + (q.speaker.empty() ? std::string("-") : q.speaker);
  return out;
}

TEST(Quotes2Speakers, AnUnclosedQuoteRunsToTheNextOpenerAndKeepsItsSpeaker) {
  REQUIRE_REAL_DATA();
  // The closing mark of the second quote is lost; the third opens after
  // its sentence ends.
  Document d = RealDoc(
      "Erik Solheim, a Norwegian diplomat, spoke in Bergen on Monday.\n"
      "\"We will not sign this,\" he said. \"The harbour must stay open to everyone.\n"
      "\"Nobody can close it without a vote.\"\n");
  ASSERT_EQ(d.quotes.size(), 3u) << Speakers(d);
  EXPECT_EQ(d.quotes[1].text, "The harbour must stay open to everyone.");
  EXPECT_EQ(Speakers(d), "Erik Solheim|Erik Solheim|Erik Solheim");
}

TEST(Quotes2Speakers, AnUnclosedQuoteWithinASentenceIsNoQuote) {
  REQUIRE_REAL_DATA();
  // A stray mark in mid-sentence opens nothing that runs on.
  Document d = RealDoc("Erik Solheim said the \"new plan would fail. \"It is late,\" he said.\n");
  for (auto& q : d.quotes) EXPECT_EQ(q.text.find("new plan"), std::string::npos) << q.text;
}

TEST(Quotes2Speakers, AQuoteAfterASentenceOfReportedSpeechIsItsReportersWords) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc(
      "Erik Solheim, the Norwegian fisheries minister, said: \"Our boats will stay.\" "
      "He said the coast guard had orders to remain. \"Given the storms, the boats will wait in port.\"\n");
  ASSERT_EQ(d.quotes.size(), 2u) << Speakers(d);
  EXPECT_EQ(Speakers(d), "Erik Solheim|Erik Solheim");
}

TEST(Quotes2Speakers, AQuoteAfterASentenceWithNoReportingVerbGetsNoSpeakerFromIt) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc(
      "Erik Solheim visited the port of Bergen on Monday.\n\n"
      "The storm closed the harbour for a week. \"Given the storms, the boats will wait in port.\"\n");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Speakers(d), "-");
}

TEST(Quotes2Speakers, APronounRightBeforeTheVerbIsTheSpeakerNotAPersonNamedEarlierInTheSentence) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc(
      "Erik Solheim, the Norwegian fisheries minister, criticised the quota plan on Monday.\n\n"
      "Citing the fishing accord, which Ingrid Dahl negotiated last year, he said: \"The quotas are far too low.\"\n");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Speakers(d), "Erik Solheim");
}

TEST(Quotes2Speakers, APronounSpeakerStillTakesTheSpeakerOfTheQuoteBefore) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc(
      "\"We will not sign,\" Ingrid Dahl, the Norwegian trade minister, said on Monday. "
      "Asked about the talks with Erik Solheim, she said: \"They will go on.\"\n");
  ASSERT_EQ(d.quotes.size(), 2u) << Speakers(d);
  EXPECT_EQ(Speakers(d), "Ingrid Dahl|Ingrid Dahl");
}

}  // namespace
}  // namespace parley
