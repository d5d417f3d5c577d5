// Judgements as criticism (issue 11): a speaker who calls, describes or
// brands another party's act with a strongly negative evaluative word is
// criticising it (CAMEO 111). Sentences written for these tests; none
// comes from an evaluation set.
#include "code/coder.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::EventsOf;

// The shipped dictionaries (data/): the evaluative words live in
// data/verbs.tsv, not in the fixture lexicon. Null (the tests skip) when
// they do not load.
const Pipeline* RealPipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    std::unique_ptr<Pipeline> out;
    if (!Pipeline::Create(PARLEY_DATA_DIR, CodeOptions{}, &out).ok()) out.reset();
    return out;
  }();
  return p.get();
}

std::string RealEvents(const std::string& text) {
  Document d(text);
  d.doc_id = "test";
  Date::Parse("2024-03-01", &d.publish_date);
  EXPECT_TRUE(RealPipeline()->Code(&d).ok());
  return EventsOf(d);
}

#define REQUIRE_REAL_DATA() \
  if (!RealPipeline()) GTEST_SKIP() << "data/ (with data/generated) does not load"

TEST(JudgeEvaluative, DescribingAnActAsATravestyCriticisesItsAuthor) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Kenya's foreign minister described Uganda's new border levy as a travesty."),
            "KENGOV>UGA:111");
}

TEST(JudgeEvaluative, CallingADecisionAMockeryCriticisesItsAuthor) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Chilean president called Peru's decision to expel the envoys a mockery of diplomacy."),
            "CHLGOV>PER:111");
}

TEST(JudgeEvaluative, BrandingAProposalACharadeCriticisesItsAuthor) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Norway's prime minister branded the Swedish proposal a charade."), "NORGOV>SWE:111");
}

TEST(JudgeEvaluative, APlainOrPositiveDescriptionIsNoCriticism) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Witnesses described the scene in the Kenyan capital to reporters."), "");
  EXPECT_EQ(RealEvents("Ghana's president described the talks with Togo as constructive."), "");
}

}  // namespace
}  // namespace parley
