// Reported speech and quotes (issue 11, types 8 and 9): who a quote's "he"
// or "she" is, whose side "its warplanes" is in a report, and force a
// speaker reports against its own in the passive. Sentences written for
// these tests; none comes from an evaluation set.
#include <string>

#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealDoc;
using testing::RealEvents;

// The speaker of the quote whose text starts with `start`, or "?".
std::string SpeakerOf(const Document& d, const std::string& start) {
  for (const Quote& q : d.quotes)
    if (q.text.compare(0, start.size(), start) == 0) return q.speaker;
  return "?";
}

// ---- The attribution's pronoun is not someone named inside the quote.

TEST(ReportedQuotes, APersonNamedInTheQuoteDoesNotSpeakIt) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc(
      "Harald Quistorp, the bank's chairman, spoke to reporters on Monday. "
      "\"I hope a woman will be the next chief executive of the bank,\" he said.");
  EXPECT_EQ(SpeakerOf(d, "I hope a woman"), "Harald Quistorp");
}

TEST(ReportedQuotes, APronounInsideTheQuoteTellsNoGenderOfTheSpeaker) {
  REQUIRE_REAL_DATA();
  // "She" in the quote is someone else (the new chief): the speaker is
  // still the man who spoke in the sentence before, not the company
  // named before him.
  Document d = RealDoc(
      "Seen as a rising star, she was once considered for the top job at Lindgren Ostberg, another big bank. "
      "The chairman of the board, Tomas Ekdahl, said the new chief would lead the firm \"to new heights\". "
      "\"She knows every part of our business,\" he said.");
  EXPECT_EQ(SpeakerOf(d, "She knows every part"), "Tomas Ekdahl");
}

TEST(ReportedQuotes, ApronounOutsideQuotesStillResolves) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc(
      "Greek Prime Minister Kyriakos Mitsotakis met his cabinet on Friday. "
      "\"We will not accept threats,\" he said.");
  EXPECT_EQ(SpeakerOf(d, "We will not accept"), "Kyriakos Mitsotakis");
}

TEST(ReportedQuotes, InvertedAttributionWithAnArticledRoleGivesTheSpeakersSide) {
  REQUIRE_REAL_DATA();
  // '..." said X, the foreign minister of Y': the role after the name is
  // hers, though an article opens it; not the article's main country.
  Document d = RealDoc(
      "Peru recalled its ambassador. "
      "\"We condemn the decision,\" said Ana Villca, the foreign minister of Bolivia.");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].speaker, "Ana Villca");
  EXPECT_EQ(d.quotes[0].speaker_code, "BOLGOV");
}

TEST(ReportedQuotes, AQuoteAfterASentenceOfSpeakingIsThatSpeakers) {
  REQUIRE_REAL_DATA();
  // The speaker spoke in the sentence before; "we" in the quote is her
  // ministry, and what it demands is its demand.
  Document d = RealDoc(
      "The Kenyan foreign minister spoke to reporters on Monday. "
      "\"We demand that Ethiopia withdraw its troops.\"");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].speaker_code, "KENGOV");
  const std::string ev = testing::EventsOf(d);
  EXPECT_NE(ev.find("KENGOV>ETH:1056"), std::string::npos) << ev;
  EXPECT_EQ(ev.find(":0874"), std::string::npos) << ev;
}

// ---- "X said its forces ...": the role is X's, not the main country's.

TEST(ReportedSides, ItsForcesBelongToTheReportingState) {
  REQUIRE_REAL_DATA();
  // An article about Syria: "its warplanes" after Turkey are Turkish.
  const std::string ev = RealEvents(
      "Syrian troops shelled Idlib. Syrian rebels fought in Aleppo. "
      "Turkey said its warplanes had struck Kurdish militants in Syria.");
  EXPECT_NE(ev.find("TURMIL>"), std::string::npos) << ev;
  EXPECT_EQ(ev.find("SYRMIL>SYRREB"), std::string::npos) << ev;
}

TEST(ReportedSides, TheirTroopsAfterADifferentCountry) {
  REQUIRE_REAL_DATA();
  const std::string ev = RealEvents(
      "Fighting went on in Ukraine on Sunday. Kyiv said Russian shelling hit Kharkiv. "
      "Ukraine's army said the Ukrainian capital was calm. "
      "Poland said their soldiers had detained three armed men at the border with Belarus.");
  EXPECT_EQ(ev.find("UKRMIL"), std::string::npos) << ev;
}

// ---- Force reported against one's own side in the passive.

TEST(ReportedForce, PassiveForceAgainstTheSpeakersOwnIsItsAccusation) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Ukraine said its border post was shelled by Russian troops."), "UKR>RUSMIL:112");
  EXPECT_EQ(RealEvents("Georgia said its villages had been bombed by Russian aircraft on Tuesday."),
            "GEO>RUS:112");
}

TEST(ReportedForce, ActiveForceAgainstTheSpeakersOwnStillAccuses) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Ukraine said Russian troops had shelled its border post."), "UKR>RUSMIL:112");
}

TEST(ReportedForce, PassiveForceOnSomeoneElseIsNoAccusation) {
  REQUIRE_REAL_DATA();
  // Nothing of the speaker's was hit: no accusation by the speaker.
  EXPECT_EQ(RealEvents("Ukraine said a village in Moldova was shelled by Russian troops.").find("UKR>RUSMIL:112"),
            std::string::npos);
}

// ---- What a demand asks for in its "that" clause did not happen.

TEST(ReportedDemands, TheThatClauseOfADemandIsItsContent) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Kenya demanded that Ethiopia withdraw its troops."), "KEN>ETH:1056");
  EXPECT_EQ(RealEvents("Kenya asked that Ethiopia release the prisoners."), "KEN>ETH:0253");
}

TEST(ReportedDemands, ADemandWithoutAKnownSpeakerStillCodesNoContent) {
  REQUIRE_REAL_DATA();
  // "We" with no speaker found: no demand, and no withdrawal either.
  EXPECT_EQ(RealEvents("\"We demand that Ethiopia withdraw its troops.\""), "");
}

TEST(ReportedDemands, AClauseCoordinatedAfterTheDemandIsTheSentencesOwn) {
  REQUIRE_REAL_DATA();
  const std::string ev = RealEvents("Kenya urged that the talks resume, and Ethiopia agreed to attend them with Somalia.");
  EXPECT_NE(ev.find("ETH>SOM"), std::string::npos) << ev;
}

}  // namespace
}  // namespace parley
