// Events named by nouns (issue 11, types 6 and 7): meetings, talks,
// negotiations and visits whose parties are not the noun's own possessor or
// a support verb's subject: the subject of the clause whose phrase holds the
// noun, before it ("During his visit to X, Y ...") or after it ("Y stressed
// in talks with X ...", "Y arrived in Lima for talks with X"). Sentences
// written for these tests; none comes from an evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealEvents;

bool Has(const std::string& events, const std::string& e) { return events.find(e) != std::string::npos; }

TEST(TalksFrontedPhrase, AVisitBeforeTheClauseIsItsSubjects) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("During his visit to Kenya, the Chinese foreign minister signed a trade agreement.");
  EXPECT_TRUE(Has(ev, "CHNGOV>KEN:042")) << ev;
  ev = RealEvents("On a three-day visit to Brazil, the Spanish prime minister praised the reforms.");
  EXPECT_TRUE(Has(ev, "ESPGOV>BRA:042")) << ev;
}

TEST(TalksFrontedPhrase, TalksAndCallsBeforeTheClause) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "After talks with the Sudanese delegation, the Egyptian foreign minister said progress had been made.");
  EXPECT_TRUE(Has(ev, "EGYGOV>SDNGOV:046")) << ev;
  ev = RealEvents(
      "In a telephone conversation with the Japanese prime minister on Monday, the Australian leader said trade "
      "would grow.");
  EXPECT_TRUE(Has(ev, "AUSGOV>JPNGOV:041")) << ev;
}

TEST(TalksFrontedPhrase, APhraseBetweenCommasAfterTheSubject) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Kenya's president, on a state visit to Uganda, opened a new border post.");
  EXPECT_TRUE(Has(ev, "KENGOV>UGA:042")) << ev;
}

TEST(TalksVerbPhrase, ThePhraseOfTheVerbAfterItsObjectAndAdverbials) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Peru's foreign minister arrived in Santiago on Tuesday for talks with Chilean officials.");
  EXPECT_TRUE(Has(ev, "PERGOV>CHLGOV:046")) << ev;
  ev = RealEvents("Spain signed the accord after talks with Morocco in Rabat.");
  EXPECT_TRUE(Has(ev, "ESP>MAR:046")) << ev;
}

TEST(TalksVerbPhrase, ForIsAJourneysPurposeOnly) {
  REQUIRE_REAL_DATA();
  // "for talks" after a verb that is no journey is not who held them.
  std::string ev = RealEvents("Ghana praised Nigeria for talks with the rebels.");
  EXPECT_FALSE(Has(ev, "GHA>") && Has(ev, ":046")) << ev;
}

TEST(TalksByAgent, ByInTheNounsPhraseNamesTheVisitor) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("A visit by the Iranian president to Iraq ended on Sunday.");
  EXPECT_TRUE(Has(ev, "IRNGOV>IRQ:042")) << ev;
  ev = RealEvents("The first visit to Cuba by a Spanish king took place on Tuesday.");
  EXPECT_TRUE(Has(ev, "ESPGOV>CUB:042")) << ev;
}

TEST(TalksNotHeld, TheClausesSubjectIsTheOtherParty) {
  REQUIRE_REAL_DATA();
  // The subject is the talks' own counterpart: no talks with itself.
  std::string ev = RealEvents("During talks with Russia, Russian officials said progress was made.");
  EXPECT_FALSE(Has(ev, ":04")) << ev;
}

TEST(TalksNotHeld, PlannedOrPossibleTalksAreNotHeld) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Talks between the two countries may resume next month.");
  EXPECT_FALSE(Has(ev, ":046")) << ev;
  // "Before" a visit: the visit had not happened.
  ev = RealEvents("Before his visit to Kenya, the Chinese foreign minister praised the reforms.");
  EXPECT_FALSE(Has(ev, ":042")) << ev;
}

}  // namespace
}  // namespace parley
