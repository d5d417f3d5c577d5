// RecogniseDatesForEvents: the date mentions of the sentences that
// ResolveEventDates reads are those RecogniseDates gives them, and no other
// sentence gets any.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/dates.h"
#include "text/segment.h"

namespace parley {
namespace {

// One sentence per line, each with a date.
const char* kText =
    "Talks opened on Monday in Geneva.\n"
    "Delegates met again on Tuesday.\n"
    "A deal was reached on 16 May 2025.\n"
    "Rebels attacked the town last week.\n"
    "Troops arrived on Friday.\n"
    "The army withdrew in March.\n"
    "Elections are due in 2026.\n"
    "Officials spoke yesterday.\n";

Document Segmented() {
  Document doc(kText);
  Date::Parse("2025-05-17", &doc.publish_date);
  SegmentDocument(&doc);
  return doc;
}

// The dates found, as "sentence:text=date".
std::vector<std::string> DatesOf(const Document& doc) {
  std::vector<std::string> out;
  for (const Mention& m : doc.mentions)
    if (m.type == MentionType::kDate)
      out.push_back(std::to_string(doc.tokens[m.token_begin].sentence) + ":" + std::string(doc.text(m.span)) +
                    "=" + m.date.ToString() + " " + m.rule);
  return out;
}

TEST(RecogniseDatesForEvents, TheSentencesResolveEventDatesReads) {
  Document all = Segmented();
  ASSERT_EQ(all.sentences.size(), 8u);
  RecogniseDates(&all);
  const std::vector<std::string> every = DatesOf(all);
  ASSERT_EQ(every.size(), 8u);

  // An event in sentence 6: sentences 4, 5 and 6, and the opening (the
  // first three sentences of running text: 0, 1, 2).
  Document doc = Segmented();
  Event& ev = doc.events.emplace_back();
  ev.sentence = 6;
  ev.span = doc.sentences[6].span;
  RecogniseDatesForEvents(&doc);
  std::vector<std::string> want;
  for (const std::string& d : every)
    if (d[0] != '3' && d[0] != '7') want.push_back(d);
  EXPECT_EQ(DatesOf(doc), want);
}

TEST(RecogniseDatesForEvents, EventsInTheOpeningAddNothingElse) {
  Document all = Segmented();
  RecogniseDates(&all);
  std::vector<std::string> want;
  for (const std::string& d : DatesOf(all))
    if (d[0] <= '2') want.push_back(d);

  Document doc = Segmented();
  Event& ev = doc.events.emplace_back();
  ev.sentence = 1;
  ev.span = doc.sentences[1].span;
  RecogniseDatesForEvents(&doc);
  EXPECT_EQ(DatesOf(doc), want);
}

}  // namespace
}  // namespace parley
