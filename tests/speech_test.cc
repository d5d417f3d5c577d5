// Reported speech that judges another party (issue 11, type 8): a speaker,
// a saying verb and what was said, whose subject or its possessor is
// another actor and whose predicate holds a word of data/evaluations.tsv,
// is the speaker's criticism (111) or accusation (112) of that actor.
// Sentences written for these tests; none comes from an evaluation set.
#include <filesystem>
#include <fstream>

#include "parley/lexicon.h"
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealEvents;

bool Has(const std::string& events, const std::string& e) { return events.find(e) != std::string::npos; }

TEST(SpeechEvaluation, AnAdjectiveOfDisapprovalAfterSaid) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("The German foreign minister said the Polish decision was irresponsible and dangerous.");
  EXPECT_TRUE(Has(ev, "DEUGOV>POL:111")) << ev;
  ev = RealEvents("Chile said on Tuesday that the Peruvian vote was illegal.");
  EXPECT_TRUE(Has(ev, "CHL>PER:111")) << ev;
}

TEST(SpeechEvaluation, ANounOrPhraseOfDisapproval) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Norway said Sweden's new border rule was a clear violation of the treaty.");
  EXPECT_TRUE(Has(ev, "NOR>SWE:11")) << ev;
  ev = RealEvents("The Kenyan government said Uganda's fishing ban was contrary to the interests of the region.");
  EXPECT_TRUE(Has(ev, "KENGOV>UGA:111")) << ev;
  ev = RealEvents("Ghana told reporters that Togo had no right to close the market.");
  EXPECT_TRUE(Has(ev, "GHA>TGO:111")) << ev;
}

TEST(SpeechEvaluation, AVerbOfWrongdoingIsAnAccusation) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Argentina said Uruguay had lied about the pulp mill.");
  EXPECT_TRUE(Has(ev, "ARG>URY:112")) << ev;
  ev = RealEvents("The Serbian president said Kosovo was sabotaging the dialogue.");
  EXPECT_TRUE(Has(ev, "SRBGOV>KSV:112")) << ev;
  // A wrong done to a third party is reported as that act, not as the
  // speaker's accusation (tests/quotes2_test.cc).
  ev = RealEvents("Peru said Chile had violated its accord with Bolivia.");
  EXPECT_FALSE(Has(ev, "PER>CHL:112")) << ev;
}

TEST(SpeechEvaluation, WhatWasSaidBeforeTheAttribution) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Pakistan's plan is reckless and provocative, an Indian government spokesman said.");
  EXPECT_TRUE(Has(ev, "IND") && Has(ev, ">PAK:111")) << ev;
  ev = RealEvents("\"Venezuela is undermining the whole process,\" said the Colombian foreign minister.");
  EXPECT_TRUE(Has(ev, "COLGOV>VEN:112")) << ev;
}

TEST(SpeechEvaluation, NegatedOrUnjudgedSpeechJudgesNoOne) {
  REQUIRE_REAL_DATA();
  // A negated predicate, a neutral one, and one's own conduct.
  std::string ev = RealEvents("Chile said the Peruvian vote was not illegal.");
  EXPECT_FALSE(Has(ev, ":11")) << ev;
  ev = RealEvents("Chile said the Peruvian vote was held on Sunday.");
  EXPECT_FALSE(Has(ev, ":11")) << ev;
  ev = RealEvents("Chile said there was no violation of the border.");
  EXPECT_FALSE(Has(ev, ":11")) << ev;
  ev = RealEvents("The Chilean government said Chile's own decision was a mistake.");
  EXPECT_FALSE(Has(ev, ":11")) << ev;
  ev = RealEvents("Chile did not say the Peruvian vote was illegal.");
  EXPECT_FALSE(Has(ev, ":11")) << ev;
}

TEST(SpeechEvaluation, APlaceInAPhraseIsNotTheJudgedParty) {
  REQUIRE_REAL_DATA();
  // "the fighting in Peru": Peru is where, not whom the speaker judges.
  std::string ev = RealEvents("Chile said the fighting in Peru was a disgrace.");
  EXPECT_FALSE(Has(ev, "CHL>PER:11")) << ev;
}

TEST(SpeechNamedAs, AVerbOfNamingWithAnEvaluationOfItsObject) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Brazil branded the Argentine move illegal.");
  EXPECT_TRUE(Has(ev, "BRA>ARG:111")) << ev;
  ev = RealEvents("Egypt labelled Ethiopia's dam plan a provocation.");
  EXPECT_TRUE(Has(ev, "EGY>ETH:111")) << ev;
  // A neutral name, a negation, a preposition: no criticism.
  ev = RealEvents("Japan called China a partner.");
  EXPECT_FALSE(Has(ev, ":11")) << ev;
  ev = RealEvents("Brazil did not brand the Argentine move illegal.");
  EXPECT_FALSE(Has(ev, ":11")) << ev;
}

// The word list is a checked dictionary: bad rows are errors.
TEST(SpeechEvaluation, TheWordListIsChecked) {
  REQUIRE_REAL_DATA();
  ASSERT_NE(testing::RealPipeline(), nullptr);
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("parley-speech-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(PARLEY_TEST_DATA_DIR "/lexicon", dir, fs::copy_options::recursive);
  {
    std::ofstream f(dir / "evaluations.tsv");
    f << "# test\n111\tillegal\n052\tpraise\n111\tIllegal Word\n111\tillegal\n";
  }
  std::unique_ptr<Lexicon> lex;
  Status s = Lexicon::Load(dir, &lex);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(Has(s.message(), "evaluations.tsv:3")) << s.message();
  EXPECT_TRUE(Has(s.message(), "evaluations.tsv:4")) << s.message();
  EXPECT_TRUE(Has(s.message(), "listed twice")) << s.message();
  {
    std::ofstream f(dir / "evaluations.tsv");
    f << "111\tillegal\tadjective\n112\tcontrary to\n";
  }
  s = Lexicon::Load(dir, &lex);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_NE(lex->Evaluation("illegal"), nullptr);
  EXPECT_EQ(*lex->Evaluation("illegal"), "111");
  ASSERT_NE(lex->Evaluation("contrary to"), nullptr);
  EXPECT_EQ(lex->Evaluation("legal"), nullptr);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace parley
