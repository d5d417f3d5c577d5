// Tests of FinishForOutput (include/parley/pipeline.h): names copied from
// the text read as one line (runs of white space made one space, trimmed),
// whatever the place of the white space in the name; names already on one
// line are left as they are; country_basis from the strongest mention.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parley/document.h"
#include "parley/pipeline.h"

namespace parley {
namespace {

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The name as one line, written plainly: words joined by one space.
std::string Collapsed(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && Space(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && !Space(s[i])) ++i;
    if (i == b) continue;
    if (!out.empty()) out += ' ';
    out.append(s, b, i - b);
  }
  return out;
}

TEST(FinishForOutput, NamesReadAsOneLineWhereverTheSpaceIs) {
  const std::vector<std::string> gaps = {" ", "  ", "\n", "\t", " \r\n ", "\f", "\v", "\x01", "\x1F"};
  int checked = 0;
  for (const std::string& gap : gaps)
    for (size_t at = 0; at <= 20; ++at)
      for (size_t len : {size_t{3}, size_t{8}, size_t{21}, size_t{30}}) {
        std::string name = std::string(len, 'N');
        name.insert(std::min(at, name.size()), gap);
        Document d;
        Mention m;
        m.name = name;
        d.mentions.push_back(m);
        Quote q;
        q.speaker = name + " ";
        d.quotes.push_back(q);
        Entity e;
        e.name = "  ";  // in two steps: GCC 12 warns falsely (-Wrestrict) on "  " + name
        e.name += name;
        d.entities.push_back(e);
        FinishForOutput(&d);
        // Control bytes that are no white space stay as they are.
        ASSERT_EQ(d.mentions[0].name, Collapsed(name)) << "gap " << int(gap[0]) << " at " << at << " of " << len;
        ASSERT_EQ(d.quotes[0].speaker, Collapsed(name));
        ASSERT_EQ(d.entities[0].name, Collapsed(name));
        ++checked;
      }
  EXPECT_EQ(checked, 9 * 21 * 4);
  Document d;
  Mention m;
  m.name = "Organisation of the Petroleum Exporting Countries";
  d.mentions.push_back(m);
  FinishForOutput(&d);
  EXPECT_EQ(d.mentions[0].name, "Organisation of the Petroleum Exporting Countries");
}

TEST(FinishForOutput, CountryBasisFromTheStrongestMention) {
  Document d;
  for (const char* rule : {"article's main country", "data/people.tsv:3"}) {
    Mention m;
    m.country = "RUS";
    m.entity = 0;
    m.rule = rule;
    d.mentions.push_back(m);
  }
  Entity with, without;
  with.country = "RUS";
  d.entities = {with, without};
  FinishForOutput(&d);
  EXPECT_EQ(d.entities[0].country_basis, "dictionary");
  EXPECT_EQ(d.entities[1].country_basis, "");
}

}  // namespace
}  // namespace parley
