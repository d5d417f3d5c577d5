// Judgements as criticism (issue 11): a speaker who calls, describes or
// brands another party's act with a strongly negative evaluative word is
// criticising it (CAMEO 111). Sentences written for these tests; none
// comes from an evaluation set.
#include "code/coder.h"

#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::EventsOf;
using testing::RealDoc;
using testing::RealEvents;
using testing::RealPipeline;

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
