#include "extract/counts.h"
#include "extract/quotes.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;

TEST(Quotes, SpeakerBeforeAndAfter) {
  Document d = CodeText(
      "Ukrainian President Volodymyr Zelensky warned that \u201cPutin is afraid.\u201d "
      "\"We will not yield,\" said Vladimir Putin.");
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_EQ(d.quotes[0].text, "Putin is afraid.");
  EXPECT_EQ(d.quotes[0].speaker, "Volodymyr Zelensky");
  EXPECT_EQ(d.quotes[0].speaker_code, "UKRGOV");
  EXPECT_EQ(d.text(d.quotes[0].span), "Putin is afraid.");
  EXPECT_EQ(d.quotes[1].text, "We will not yield,");
  EXPECT_EQ(d.quotes[1].speaker, "Vladimir Putin");
}

TEST(Quotes, PartialQuoteTakesTheClauseSubject) {
  Document d = CodeText("Putin criticized NATO for its \"reckless\" moves, saying it was \"afraid\" of Russia.");
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_EQ(d.quotes[0].speaker, "Vladimir Putin");
  EXPECT_EQ(d.quotes[1].speaker, "Vladimir Putin");
}

TEST(Quotes, QuoteAcrossSentences) {
  Document d = CodeText("\"We are ready. The talks must go on,\" Zelensky said.");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].text, "We are ready. The talks must go on,");
  EXPECT_EQ(d.quotes[0].speaker, "Volodymyr Zelensky");
}

TEST(Counts, DigitsWordsAndQualifiers) {
  Document d = CodeText(
      "They swapped 1,000 prisoners each after 90-minute talks. At least 84 people died and "
      "two dozen were hurt; the loan was $3.5 billion. In 2022 on May 16 five Ukrainian regions were seized.");
  std::vector<std::pair<double, std::string>> got;
  for (auto& c : d.counts) got.emplace_back(c.number, c.qualifier);
  auto has = [&](double n, const std::string& q) {
    for (auto& g : got)
      if (g.first == n && g.second == q) return true;
    return false;
  };
  EXPECT_TRUE(has(1000, "each"));
  EXPECT_TRUE(has(90, ""));
  EXPECT_TRUE(has(84, "at least"));
  EXPECT_TRUE(has(24, ""));
  EXPECT_TRUE(has(3.5e9, ""));
  EXPECT_TRUE(has(5, ""));
  for (auto& c : d.counts) {
    EXPECT_NE(c.number, 2022);  // a year is not a count
    EXPECT_NE(c.number, 16);    // nor a day of the month
  }
}

}  // namespace
}  // namespace parley
