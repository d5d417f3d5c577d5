// Regression tests for issue 12 item 5: the cases that took time quadratic
// in one article. Each runs an input at two sizes, N and 4N, through the
// whole pipeline with the real dictionaries, and checks that the work the
// stage counts (src/text/work.h) grows about 4 times, not 16: counted
// steps, never wall time. The timings live in bench/pathological.sh.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "parley/pipeline.h"
#include "text/work.h"

namespace parley {
namespace {

const Pipeline* RealPipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    std::unique_ptr<Pipeline> out;
    // The rules' events as they are: the learned models would veto most of
    // these repeated sentences, leaving the counted steps nothing to do.
    CodeOptions opt;
    opt.event_model = opt.root_model = "off";
    Status s = Pipeline::Create(PARLEY_DATA_DIR, opt, &out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }();
  return p.get();
}

uint64_t WorkFor(const std::string& text, Work w) {
  WorkCounter::Reset();
  Document d(text);
  d.doc_id = "work";
  Date::Parse("2025-05-17", &d.publish_date);
  Status s = RealPipeline()->Code(&d);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return WorkCounter::Get(w);
}

std::string Repeat(const std::string& unit, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// Work at 4N over work at N: about 4 when linear, 16 when quadratic.
void ExpectLinear(const std::string& unit, size_t n, Work w, const std::string& tail = "") {
  if (!RealPipeline()) GTEST_SKIP() << "the dictionaries in data/ do not load";
  uint64_t small = WorkFor(Repeat(unit, n) + tail, w);
  uint64_t big = WorkFor(Repeat(unit, 4 * n) + tail, w);
  ASSERT_GT(small, 0u) << "the counted step never ran";
  double ratio = static_cast<double>(big) / static_cast<double>(small);
  EXPECT_LT(ratio, 5.0) << "work " << small << " -> " << big << " for 4x the input";
  // And per byte, a small constant.
  EXPECT_LT(static_cast<double>(big) / (unit.size() * 4 * n), 40.0);
}

TEST(LinearTime, CapitalisedRunLooksUpOnlyNameLengthSuffixes) {
  // The run's last word is asked whether it ends a longer name (it is a
  // place, named alone in the next sentence): only the run's last
  // name-length words are made into keys.
  ExpectLinear("Michael Jordan ", 3000, Work::kPlaceKeyTokens, ". Jordan attacked.");
}

// The first reproducer of item 5, a megabyte of "France": no name of two
// or more words starts "France France", so the run may build no key at
// all; whatever it builds must stay linear.
TEST(LinearTime, RunOfOnePlaceNameStaysLinear) {
  if (!RealPipeline()) GTEST_SKIP() << "the dictionaries in data/ do not load";
  const size_t n = 3000;
  const uint64_t small = WorkFor(Repeat("France ", n) + "attacked.", Work::kPlaceKeyTokens);
  const uint64_t big = WorkFor(Repeat("France ", 4 * n) + "attacked.", Work::kPlaceKeyTokens);
  EXPECT_LE(big, 5 * small + 8) << "work " << small << " -> " << big << " for 4x the input";
  EXPECT_LT(static_cast<double>(big) / (7.0 * 4 * n), 40.0);
}

TEST(LinearTime, EventsTimesPlacesInOneSentence) {
  // One sentence: events everywhere, places everywhere, some locative.
  ExpectLinear("Russia accused Ukraine in Kharkiv and France met Germany in Paris and ", 400,
               Work::kPlaceCandidates, "Turkey hosted talks.");
}

TEST(LinearTime, QuotesLookForSpeakersInTheirSentenceOnly) {
  ExpectLinear("\"We will not accept this,\" the Ukrainian president said. Russia accused Turkey of lying. "
               "The French foreign minister met Germany's chancellor in Berlin.\n\n",
               150, Work::kQuoteSteps);
}

TEST(LinearTime, UnclosedSingleQuotesInOneParagraphAreSearchedOnce) {
  ExpectLinear("the 'alpha and 'beta of Russia ", 1500, Work::kQuoteSteps, "ended.");
}

TEST(LinearTime, ConditionalClauseFoundInOnePass) {
  ExpectLinear("accused ", 3000, Work::kClauseSteps, "France.");
  ExpectLinear("if France accused Germany and Russia criticized Ukraine and ", 300, Work::kClauseSteps);
}

}  // namespace
}  // namespace parley
