// The faster paths of the entity, count and quote stages (issue 12): the
// results they must keep, on inputs that exercise each path.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "extract/counts.h"
#include "extract/dates.h"
#include "test_util.h"
#include "text/segment.h"
#include "text/vocabulary.h"

namespace parley {
namespace {

using testing::CodeText;

Document Counted(const std::string& text) {
  Document d(text);
  SegmentDocument(&d);
  ExtractCounts(&d);
  return d;
}

// A decimal is read as strtod reads it, to the last bit, whether or not it
// fits the fast path (at most 15 digits and one point).
TEST(CountsFast, DecimalsAreStrtodsValue) {
  const char* kNumbers[] = {"0.1", "2.7", "3.14159", "12.75", "0.3", "1,234.5", "999999999999.999",
                            "123456789012345", "1234567890123456", "0.000000000000001", "1.7976931348623157"};
  for (const char* n : kNumbers) {
    std::string text = "Officials counted ";  // (in steps: GCC 12's false -Wrestrict)
    text += n;
    text += " tonnes of grain.";
    Document d = Counted(text);
    ASSERT_EQ(d.counts.size(), 1u) << n;
    std::string digits;
    for (const char* p = n; *p; ++p)
      if (*p != ',') digits += *p;
    EXPECT_EQ(d.counts[0].number, std::strtod(digits.c_str(), nullptr)) << n;
    EXPECT_EQ(d.counts[0].what, "tonnes") << n;
  }
  // Scales multiply the exact value: "3.5 million".
  Document d = Counted("The loan was 3.5 million dollars.");
  ASSERT_EQ(d.counts.size(), 1u);
  EXPECT_EQ(d.counts[0].number, 3.5 * 1e6);
}

// Each count is also a number mention with the same span; number words,
// hyphenated units and qualifiers as before.
TEST(CountsFast, MentionsMatchCounts) {
  Document d = Counted("About 40 people and nearly two dozen police met; a 90-minute session; more than 12 cars.");
  ASSERT_EQ(d.counts.size(), 4u);
  EXPECT_EQ(d.counts[0].qualifier, "about");
  EXPECT_EQ(d.counts[0].what, "people");
  EXPECT_EQ(d.counts[1].number, 24);
  EXPECT_EQ(d.counts[1].qualifier, "nearly");
  EXPECT_EQ(d.counts[2].what, "minute");
  EXPECT_EQ(d.counts[3].qualifier, "more than");
  size_t numbers = 0;
  for (const Mention& m : d.mentions) {
    if (m.type != MentionType::kNumber) continue;
    ASSERT_LT(numbers, d.counts.size());
    EXPECT_EQ(m.span, d.counts[numbers].span);
    EXPECT_EQ(m.number, d.counts[numbers].number);
    ++numbers;
  }
  EXPECT_EQ(numbers, d.counts.size());
}

// Dates and counts read their word lists as class bytes by word id
// (extract/word_classes.h) for a numbered token and by text for one that
// is not: both give the same dates and counts.
TEST(CountsFast, WordIdsAndTextAgree) {
  const std::string text =
      "On Friday, 16 May 2025, about 40 people and nearly two dozen police met in March. Three days ago "
      "1,500 protesters marched, and the talks will be held next week. The 2009-13 plan cost $121 billion; "
      "it was expected on Nov. 13, and 12 percent said so on 3 June.";
  const Vocabulary vocabulary;
  Document numbered(text), plain(text);
  for (Document* d : {&numbered, &plain}) {
    Date::Parse("2025-05-17", &d->publish_date);
    SegmentDocument(d, nullptr, d == &numbered ? &vocabulary : nullptr);
    RecogniseDates(d);
    ExtractCounts(d);
  }
  ASSERT_NE(numbered.vocabulary, 0u);
  ASSERT_EQ(plain.vocabulary, 0u);
  auto dates = [](const Document& d) {
    std::string out;
    for (const Mention& m : d.mentions)
      if (m.type == MentionType::kDate) out += m.name + "=" + m.date.ToString() + " " + m.rule + "; ";
    return out;
  };
  EXPECT_EQ(dates(numbered), dates(plain));
  EXPECT_NE(dates(plain).find("16 May 2025=2025-05-16"), std::string::npos) << dates(plain);
  ASSERT_EQ(numbered.counts.size(), plain.counts.size());
  ASSERT_GE(plain.counts.size(), 4u);
  for (size_t k = 0; k < plain.counts.size(); ++k) {
    EXPECT_EQ(numbered.counts[k].number, plain.counts[k].number) << k;
    EXPECT_EQ(numbered.counts[k].what, plain.counts[k].what) << k;
    EXPECT_EQ(numbered.counts[k].qualifier, plain.counts[k].qualifier) << k;
    EXPECT_EQ(numbered.counts[k].span, plain.counts[k].span) << k;
  }
}

// Many countries: each distinct one is one entity, each repeat joins it
// (the key table holds more keys than its first size).
TEST(EntitiesFast, ManyEntitiesEachOnce) {
  const char* kCountries[] = {"France", "Germany", "Russia", "Ukraine", "China", "Japan", "India", "Iran", "Iraq",
                              "Syria", "Turkey", "Egypt", "Israel", "Poland", "Spain", "Italy", "Brazil", "Mexico"};
  std::string text;
  for (int round = 0; round < 3; ++round)
    for (const char* c : kCountries) {
      text += c;
      text += " criticised Chile. ";
    }
  Document d = CodeText(text);
  int countries = 0;
  for (const Entity& e : d.entities) {
    if (e.type != EntityType::kCountry) continue;
    ++countries;
    // Every mention of the entity is its country's.
    for (const Span& s : e.mentions) EXPECT_EQ(d.text(s), e.name);
    EXPECT_EQ(e.mentions.size(), e.name == "Chile" ? 54u : 3u) << e.name;
  }
  EXPECT_GE(countries, 9);  // those the fixture lexicon knows
  for (size_t i = 0; i < d.entities.size(); ++i) {
    std::string id = "e";  // (in steps: GCC 12's false -Wrestrict)
    id += std::to_string(i + 1);
    EXPECT_EQ(d.entities[i].id, id);
  }
}

// A pronoun stands for the person named before it, not for one named
// inside a quote.
TEST(EntitiesFast, PronounsInOrderAndNotFromQuotes) {
  Document d = CodeText(
      "Vladimir Putin met officials in Moscow on Friday. \"I spoke to Volodymyr Zelensky,\" he said.");
  const Mention* he = nullptr;
  for (const Mention& m : d.mentions)
    if (m.pronoun && d.text(m.span) == "he") he = &m;
  ASSERT_NE(he, nullptr);
  EXPECT_EQ(he->name, "Vladimir Putin");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].speaker, "Vladimir Putin");
}

// No quotation mark, no quote; a quote after one is still found.
TEST(QuotesFast, OnlyWhereMarksAre) {
  EXPECT_TRUE(CodeText("Vladimir Putin said talks would go on.").quotes.empty());
  Document d = CodeText("Talks went on. Vladimir Putin said: \"We are ready.\"");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].id, "q1");
  EXPECT_EQ(d.quotes[0].speaker, "Vladimir Putin");
}

}  // namespace
}  // namespace parley
