// Quotes and reported speech, third round (issue 11, type 8): what a quote
// says is its speaker's act even when the speaker is named in another
// sentence of the quote. Sentences written for these tests; none comes from
// an evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealEvents;

bool Has(const std::string& events, const std::string& e) { return events.find(e) != std::string::npos; }

// ---- A quote over several sentences, its speaker named in one of them.

TEST(Quotes3Spread, AnAccusationBeforeTheAttributingSentenceIsTheSpeakers) {
  REQUIRE_REAL_DATA();
  // Only the last sentence of the quote names who said it; the first
  // sentence accuses Armenia all the same.
  std::string ev = RealEvents(
      "Armenia and Azerbaijan held talks in Geneva on Monday. \"Armenia is sabotaging the negotiations. We have "
      "waited long enough,\" the Azerbaijani foreign minister said.");
  EXPECT_TRUE(Has(ev, "AZEGOV>ARM:112")) << ev;
}

TEST(Quotes3Spread, AQuoteAfterItsAttributionInAnEarlierSentence) {
  REQUIRE_REAL_DATA();
  // "X said on Tuesday:" ends one sentence; the quoted sentence is the
  // next one, on its own line.
  std::string ev = RealEvents(
      "Armenia and Azerbaijan held talks in Geneva on Monday. The Azerbaijani foreign minister said on Tuesday:\n"
      "\"Armenia is sabotaging the negotiations.\"");
  EXPECT_TRUE(Has(ev, "AZEGOV>ARM:112")) << ev;
}

TEST(Quotes3Spread, TheSecondQuotedSentenceOfASpeakerNamedBefore) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "Chile and Bolivia met at the court in The Hague. \"We respect the court,\" the Chilean president said. "
      "\"Bolivia is violating our sovereignty.\"");
  EXPECT_TRUE(Has(ev, "CHLGOV>BOL:1")) << ev;
}

TEST(Quotes3Spread, AQuotedSentenceWithNoJudgementCodesNothing) {
  REQUIRE_REAL_DATA();
  // Plain description in a quote judges no one.
  std::string ev = RealEvents(
      "Chile and Bolivia met at the court in The Hague. \"We respect the court,\" the Chilean president said. "
      "\"Bolivia is sending its foreign minister to the hearing.\"");
  EXPECT_FALSE(Has(ev, "CHLGOV>BOL:11")) << ev;
}

TEST(Quotes3Spread, TheSpeakersOwnSideIsNotJudged) {
  REQUIRE_REAL_DATA();
  // "Our army" is the speaker's own: no accusation of itself, nor of the
  // other party.
  std::string ev = RealEvents(
      "Chile and Bolivia met at the court in The Hague. \"We respect the court,\" the Chilean president said. "
      "\"The Chilean army is wrong to patrol the border.\"");
  EXPECT_FALSE(Has(ev, "CHLGOV>CHL")) << ev;
  EXPECT_FALSE(Has(ev, "CHLGOV>BOL:11")) << ev;
}

TEST(Quotes3Spread, ANegatedJudgementIsNone) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "Armenia and Azerbaijan held talks in Geneva on Monday. \"Armenia is not sabotaging the negotiations. We "
      "have waited long enough,\" the Azerbaijani foreign minister said.");
  EXPECT_FALSE(Has(ev, "AZEGOV>ARM:11")) << ev;
}


// ---- A quoted obligation of "they": the other side's.

TEST(Quotes3Demand, TheyMustIsADemandOfTheOtherSideAlone) {
  REQUIRE_REAL_DATA();
  // "they" read as both parties of the talks: the speaker demands nothing
  // of its own country.
  std::string ev = RealEvents(
      "Armenia and Azerbaijan held talks in Geneva on Monday. \"They must withdraw their troops from the border,\" "
      "the Azerbaijani foreign minister said.");
  EXPECT_TRUE(Has(ev, "AZEGOV>ARM:10")) << ev;
  EXPECT_FALSE(Has(ev, "AZEGOV>AZE:")) << ev;
}

TEST(Quotes3Demand, OnesOwnObligationStaysNoDemand) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Armenia and Azerbaijan held talks in Geneva on Monday. Azerbaijan said it must "
                              "withdraw its troops from the border.");
  EXPECT_FALSE(Has(ev, ":10")) << ev;
}


// ---- "X said it was outraged by Y": the outraged party disapproves.

TEST(Quotes3Outrage, ThePassiveOfAVerbWhoseObjectDisapprovesKeepsTheDirection) {
  REQUIRE_REAL_DATA();
  // "Y outraged X" and "X was outraged by Y" both say X disapproves of Y;
  // the passive's agent is the one disapproved of.
  std::string ev = RealEvents("Brazil said it was outraged by the Argentine decision.");
  EXPECT_TRUE(Has(ev, "BRA>ARG:110")) << ev;
  EXPECT_FALSE(Has(ev, "ARG>BRA")) << ev;
  ev = RealEvents("\"We are appalled at the Argentine decision,\" the Brazilian president said.");
  EXPECT_TRUE(Has(ev, "BRAGOV>ARG:110")) << ev;
  ev = RealEvents("The Argentine decision angered Brazil.");
  EXPECT_TRUE(Has(ev, "BRA>ARG:110")) << ev;
}

}  // namespace
}  // namespace parley
