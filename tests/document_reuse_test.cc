// Tests of Document::Reset and of the tokeniser refilling a reused
// Document's storage (issue 12, item 14): a reset Document is a new one
// with the storage kept; segmenting it again gives the tokens a new
// Document would get, in the same buffer when no copy shares it, and never
// disturbs a copy that does share it; huge storage is not kept.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parley/document.h"
#include "text/segment.h"

namespace parley {
namespace {

// Each token's text, form, lower case, kind, flags and sentence, one string.
std::vector<std::string> Describe(const Document& d) {
  std::vector<std::string> out;
  for (const Token& t : d.tokens)
    out.push_back(std::string(d.text(t.span)) + "|" + std::string(t.norm) + "|" + std::string(t.lower) + "|" +
                  std::to_string(static_cast<int>(t.kind)) + "|" + std::to_string(t.flags) + "|" +
                  std::to_string(t.sentence) + "|" + std::to_string(t.hash));
  for (const Sentence& s : d.sentences) out.push_back(std::string(d.text(s.span)));
  return out;
}

std::vector<std::string> Fresh(const std::string& text) {
  Document d(text);
  SegmentDocument(&d);
  return Describe(d);
}

const char* kFirst = "Gen. Smith met the U.S. envoy’s “team” in Dolmabahçe on Jan. 5.\n\nThey didn't agree.";
const char* kSecond = "Russia's army said 1,200 troops left. Talks resume — officials said.";

TEST(DocumentReset, IsANewDocumentKeepingStorage) {
  Document d(kFirst);
  d.doc_id = "a";
  d.title = "t";
  d.url = "u";
  d.source = "s";
  d.error = "e";
  d.publish_date = Date{2020, 1, 2};
  SegmentDocument(&d);
  d.mentions.emplace_back();
  d.events.emplace_back();
  const size_t token_capacity = d.tokens.capacity();
  ASSERT_GT(token_capacity, 0u);
  d.Reset();
  EXPECT_TRUE(d.text().empty());
  EXPECT_TRUE(d.doc_id.empty());
  EXPECT_FALSE(d.title || d.url || d.source);
  EXPECT_TRUE(d.error.empty());
  EXPECT_FALSE(d.publish_date.valid());
  EXPECT_TRUE(d.tokens.empty() && d.sentences.empty() && d.mentions.empty() && d.events.empty());
  EXPECT_EQ(d.vocabulary, 0u);
  EXPECT_EQ(d.tokens.capacity(), token_capacity);  // kept for the next article
}

TEST(DocumentReset, SegmentingAgainRefillsTheBufferInPlace) {
  Document d(kFirst);
  SegmentDocument(&d);
  const std::string* buffer = d.token_text.get();
  d.Reset();
  d.set_text(kSecond);
  SegmentDocument(&d);
  EXPECT_EQ(d.token_text.get(), buffer);  // the same buffer, refilled
  EXPECT_EQ(Describe(d), Fresh(kSecond));
  d.Reset();
  d.set_text(kFirst);
  SegmentDocument(&d);
  EXPECT_EQ(Describe(d), Fresh(kFirst));
}

TEST(DocumentReset, ACopySharingTheBufferKeepsItsTokens) {
  Document d(kFirst);
  SegmentDocument(&d);
  const Document copy = d;  // shares token_text
  d.Reset();
  d.set_text(kSecond);
  SegmentDocument(&d);
  EXPECT_NE(d.token_text.get(), copy.token_text.get());
  EXPECT_EQ(Describe(copy), Fresh(kFirst));
  EXPECT_EQ(Describe(d), Fresh(kSecond));
}

TEST(DocumentReset, HugeStorageIsNotKept) {
  std::string big;
  while (big.size() < Document::kKeepTokens * 8) big += "Troops left the town. ";
  Document d(big);
  SegmentDocument(&d);
  ASSERT_GT(d.tokens.size(), Document::kKeepTokens);
  d.Reset();
  EXPECT_LE(d.tokens.capacity(), Document::kKeepTokens);
  EXPECT_FALSE(d.token_text);
  EXPECT_LE(d.text().capacity(), Document::kKeepTokens * 14);
  d.set_text(kSecond);
  SegmentDocument(&d);
  EXPECT_EQ(Describe(d), Fresh(kSecond));
}

}  // namespace
}  // namespace parley
