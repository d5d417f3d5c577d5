#include "extract/dates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "resolve/resolve.h"
#include "text/segment.h"

namespace parley {
namespace {

Date D(const char* s) {
  Date d;
  EXPECT_TRUE(Date::Parse(s, &d)) << s;
  return d;
}

Document Doc(const std::string& text, const char* publish) {
  Document doc(text);
  if (publish && *publish) doc.publish_date = D(publish);
  SegmentDocument(&doc);
  RecogniseDates(&doc);
  return doc;
}

struct Found {
  std::string text;
  std::string date;
};

std::vector<Found> Dates(const std::string& text, const char* publish) {
  Document doc = Doc(text, publish);
  std::vector<Found> out;
  for (const Mention& m : doc.mentions)
    if (m.type == MentionType::kDate) out.push_back({std::string(doc.text(m.span)), m.date.ToString()});
  return out;
}

// The one date expression in `text`, resolved: "" when there is none.
std::string One(const std::string& text, const char* publish) {
  auto v = Dates(text, publish);
  EXPECT_EQ(v.size(), 1u) << text;
  return v.empty() ? "" : v[0].date;
}

// Adds an event whose evidence is `evidence` (it must occur in the text).
void AddEvent(Document* doc, const std::string& evidence) {
  size_t pos = doc->text().find(evidence);
  ASSERT_NE(pos, std::string::npos) << evidence;
  Event ev;
  ev.span = Span{static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + evidence.size())};
  for (const Token& t : doc->tokens)
    if (t.span.begin >= pos) { ev.sentence = t.sentence; break; }
  doc->events.push_back(ev);
}

TEST(Calendar, DaysAndWeekdays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(CivilFromDays(DaysFromCivil(2024, 2, 29)).ToString(), "2024-02-29");
  EXPECT_EQ(DayOfWeek(D("2025-05-17")), 5);  // Saturday
  EXPECT_EQ(DayOfWeek(D("2016-07-14")), 3);  // Thursday
  EXPECT_EQ(AddDays(D("2025-01-01"), -1).ToString(), "2024-12-31");
  EXPECT_EQ(AddDays(D("2024-02-28"), 1).ToString(), "2024-02-29");
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
}

TEST(RecogniseDates, PastWeekdayIsOnOrBeforeThePublishDate) {
  // 2025-05-17 is a Saturday.
  EXPECT_EQ(One("The talks were held in Istanbul on Friday.", "2025-05-17"), "2025-05-16");
  EXPECT_EQ(One("Rebels attacked the town on Sunday.", "2025-05-17"), "2025-05-11");
  EXPECT_EQ(One("Friday's attack killed three people.", "2025-05-17"), "2025-05-16");
  // CAVEAT: "on Friday" in a Friday article is that day.
  EXPECT_EQ(One("The talks ended on Friday.", "2025-05-16"), "2025-05-16");
}

TEST(RecogniseDates, FutureWeekdayIsAfterThePublishDate) {
  EXPECT_EQ(One("Leaders will meet on Tuesday.", "2025-05-17"), "2025-05-20");
  EXPECT_EQ(One("A second round of talks is expected on Monday.", "2025-05-17"), "2025-05-19");
  EXPECT_EQ(One("The vote is due on Wednesday.", "2025-05-17"), "2025-05-21");
  EXPECT_EQ(One("On Monday, the president will travel to Kyiv.", "2025-05-17"), "2025-05-19");
  // In a Friday article, "will ... on Friday" is the next Friday.
  EXPECT_EQ(One("The envoys will meet again on Friday.", "2025-05-16"), "2025-05-23");
  // The future belongs to another clause: still past.
  EXPECT_EQ(One("He said on Friday that the army will withdraw.", "2025-05-17"), "2025-05-16");
  // "was expected" is past.
  EXPECT_EQ(One("The vote was expected on Tuesday but was delayed.", "2025-05-17"), "2025-05-13");
}

TEST(RecogniseDates, LastNextThisWeekday) {
  EXPECT_EQ(One("Talks collapsed last Friday.", "2025-05-16"), "2025-05-09");
  EXPECT_EQ(One("Talks collapsed last Friday.", "2025-05-17"), "2025-05-16");
  EXPECT_EQ(One("They meet next Tuesday.", "2025-05-17"), "2025-05-20");
  EXPECT_EQ(One("They meet next Tuesday.", "2025-05-20"), "2025-05-27");
}

TEST(RecogniseDates, RelativeDays) {
  EXPECT_EQ(One("Two soldiers were killed yesterday.", "2025-03-01"), "2025-02-28");
  EXPECT_EQ(One("Two soldiers were killed yesterday.", "2024-03-01"), "2024-02-29");
  EXPECT_EQ(One("Mugabe met the delegation today.", "2017-11-16"), "2017-11-16");
  EXPECT_EQ(One("Parliament votes tomorrow.", "2024-12-31"), "2025-01-01");
  EXPECT_EQ(One("Shelling resumed last night.", "2025-01-01"), "2024-12-31");
  EXPECT_EQ(One("The rebels left five days ago.", "2025-05-03"), "2025-04-28");
}

TEST(RecogniseDates, RelativeWeeksMonthsYears) {
  EXPECT_EQ(One("Mugabe fired his deputy last week.", "2017-11-16"), "2017-11");
  EXPECT_EQ(One("The deputy was fired last week.", "2025-05-03"), "2025-04");
  EXPECT_EQ(One("Talks resume next week.", "2025-05-28"), "2025-06");
  EXPECT_EQ(One("Protests grew this week.", "2025-05-17"), "2025-05");
  EXPECT_EQ(One("The army was deployed earlier this month.", "2025-05-17"), "2025-05");
  EXPECT_EQ(One("North Korea fired a missile last month.", "2016-09-05"), "2016-08");
  // Year boundaries.
  EXPECT_EQ(One("The ceasefire collapsed last month.", "2025-01-10"), "2024-12");
  EXPECT_EQ(One("Elections are due next month.", "2024-12-10"), "2025-01");
  EXPECT_EQ(One("Protests began last year.", "2025-01-10"), "2024");
  EXPECT_EQ(One("The war began three years ago.", "2025-05-17"), "2022");
  EXPECT_EQ(One("She punched a soldier two weeks ago.", "2018-01-01"), "2017-12");
  EXPECT_EQ(One("The attack came four months ago.", "2016-07-15"), "2016-03");
}

TEST(RecogniseDates, AbsoluteAndPartialDates) {
  EXPECT_EQ(One("The treaty was signed on 16 May 2025.", "2025-06-01"), "2025-05-16");
  EXPECT_EQ(One("The treaty was signed on May 16, 2025.", ""), "2025-05-16");
  EXPECT_EQ(One("The treaty was signed in May 2025.", ""), "2025-05");
  EXPECT_EQ(One("Parliament passed the law in December 2016.", "2018-01-01"), "2016-12");
  EXPECT_EQ(One("The deal was struck on 2025-05-16.", ""), "2025-05-16");
  EXPECT_EQ(One("Rabuka staged his second coup on September 25.", "1987-10-19"), "1987-09-25");
  EXPECT_EQ(One("Islamic State militants killed 130 people in Paris on Nov. 13.", "2016-07-15"), "2015-11-13");
  // Year boundary: a day of last December.
  EXPECT_EQ(One("The convoy was attacked on Dec. 30.", "2025-01-02"), "2024-12-30");
  // A day just after the publish date, in a clause with no past tense, is to come.
  EXPECT_EQ(One("It is up to the voters to deliver justice on 8 November.", "2016-11-07"), "2016-11-08");
  EXPECT_EQ(One("Japan may retaliate if the sanctions are imposed on April 17.", "1987-04-11"), "1987-04-17");
}

TEST(RecogniseDates, MonthsWithoutAYear) {
  EXPECT_EQ(One("In July, the FBI said she had been careless.", "2016-11-07"), "2016-07");
  EXPECT_EQ(One("The US recognised Jerusalem as the capital in December.", "2018-01-01"), "2017-12");
  EXPECT_EQ(One("Poland rejoined the IMF last June.", "1987-03-02"), "1986-06");
  EXPECT_EQ(One("Elections will be held in March.", "2025-05-17"), "2026-03");
  EXPECT_EQ(One("It emerged in May of last year that the plan existed.", "2018-01-01"), "2017-05");
  EXPECT_EQ(One("Fighting eased in mid-March.", "2025-05-17"), "2025-03");
}

TEST(RecogniseDates, Years) {
  EXPECT_EQ(One("Russia invaded Ukraine in 2022.", "2025-05-17"), "2022");
  EXPECT_EQ(One("Russia seized four regions after 2022.", "2025-05-17"), "2022");
  EXPECT_EQ(One("He has ruled since 1980.", "2017-11-16"), "1980");
  EXPECT_EQ(One("According to a 2011 report, officials moved money abroad.", "2016-04-05"), "2011");
  EXPECT_EQ(One("Israel occupied the West Bank following the 1967 Six-Day War.", "2018-01-01"), "1967");
}

TEST(RecogniseDates, Holidays) {
  EXPECT_EQ(One("A mob went on the rampage on New Year's Eve.", "2016-01-22"), "2015-12-31");
  EXPECT_EQ(One("The hostages were freed on Christmas Day.", "2025-01-03"), "2024-12-25");
}

TEST(RecogniseDates, NotDates) {
  EXPECT_TRUE(Dates("Japan warned it may take retaliatory measures.", "1987-04-11").empty());
  EXPECT_TRUE(Dates("Theresa May said the talks would go on.", "2018-01-01").empty());
  EXPECT_TRUE(Dates("Their first direct talks in over three years.", "2025-05-17").empty());
  EXPECT_TRUE(Dates("Police detained 2000 protesters.", "2025-05-17").empty());
  EXPECT_TRUE(Dates("The Good Friday agreement holds.", "2025-05-17").empty());
  EXPECT_TRUE(Dates("Trump won 1,000 votes.", "2025-05-17").empty());
}

TEST(RecogniseDates, WithoutAPublishDateOnlyAbsoluteDatesResolve) {
  auto v = Dates("The talks on Friday followed the 16 May 2025 summit.", "");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].text, "Friday");
  EXPECT_EQ(v[0].date, "");  // recognised, not resolved
  EXPECT_EQ(v[1].date, "2025-05-16");
}

TEST(RecogniseDates, WireDateline) {
  Document doc = Doc("SALVADOR, Feb 26 - Police arrested three men on Monday.", "2025-02-26");
  ASSERT_GE(doc.mentions.size(), 2u);
  EXPECT_EQ(doc.text(doc.mentions[0].span), "Feb 26");
  EXPECT_EQ(doc.mentions[0].date.ToString(), "2025-02-26");
  EXPECT_EQ(doc.mentions[0].rule, "date:dateline");
  EXPECT_EQ(doc.mentions[1].date.ToString(), "2025-02-24");
}

TEST(RecogniseDates, ReferenceArticle) {
  const char* text =
      "Russia and Ukraine agreed on a major prisoner exchange during their first direct talks in over three "
      "years. The meeting, held in Istanbul on Friday, resulted in a deal to swap 1,000 prisoners each.\n"
      "The 90-minute talks marked the first official dialogue since Russia's full-scale invasion of Ukraine "
      "in 2022.\nMoscow continues to claim five Ukrainian regions, including Crimea and four others it seized "
      "after 2022.";
  auto v = Dates(text, "2025-05-17");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].text, "Friday");
  EXPECT_EQ(v[0].date, "2025-05-16");
  EXPECT_EQ(v[1].date, "2022");
  EXPECT_EQ(v[2].date, "2022");
}

TEST(ResolveEventDates, DateInTheEventsClause) {
  Document doc = Doc("Chiwenga on Monday threatened to step in after Mugabe last week fired his deputy.", "2017-11-16");
  AddEvent(&doc, "Chiwenga on Monday threatened to step in");
  AddEvent(&doc, "after Mugabe last week fired his deputy");
  ResolveEventDates(&doc);
  EXPECT_EQ(doc.events[0].date.ToString(), "2017-11-13");
  EXPECT_EQ(doc.events[0].date_basis, "text");
  EXPECT_EQ(doc.events[1].date.ToString(), "2017-11");
}

TEST(ResolveEventDates, SceneSetBeforeAndTheNewsDay) {
  Document doc = Doc(
      "Russia and Ukraine agreed on a prisoner exchange during their first direct talks in over three years. "
      "The meeting, held in Istanbul on Friday, resulted in a deal to swap 1,000 prisoners each, yet failed to "
      "produce a ceasefire.\n"
      "The talks were hosted by Turkey and marked the first dialogue since Russia's invasion of Ukraine in 2022.\n"
      "Moscow continues to claim sovereignty over Crimea.",
      "2025-05-17");
  AddEvent(&doc, "Russia and Ukraine agreed on a prisoner exchange");  // news day of the lead
  AddEvent(&doc, "resulted in a deal to swap 1,000 prisoners each");    // its sentence
  AddEvent(&doc, "yet failed to produce a ceasefire");                  // its sentence, before it
  AddEvent(&doc, "The talks were hosted by Turkey and marked the first dialogue since Russia's invasion of "
                 "Ukraine in 2022");                                     // 2022 is the invasion's
  AddEvent(&doc, "Russia's invasion of Ukraine in 2022");
  ResolveEventDates(&doc);
  EXPECT_EQ(doc.events[0].date.ToString(), "2025-05-16");
  EXPECT_EQ(doc.events[0].date_basis, "text");
  EXPECT_EQ(doc.events[1].date.ToString(), "2025-05-16");
  EXPECT_EQ(doc.events[2].date.ToString(), "2025-05-16");
  EXPECT_EQ(doc.events[3].date.ToString(), "2025-05-16");
  EXPECT_EQ(doc.events[4].date.ToString(), "2022");
}

// Three sentences without a date, so that the lead names no news day.
const char* kLead = "Officials said little. The mood was calm. Nobody spoke.\n";

TEST(ResolveEventDates, PreviousSentenceOfTheParagraph) {
  Document doc = Doc(std::string(kLead) +
                         "On Sunday, the committee voted for the resolution. The vote angered the opposition.\n"
                         "The army stayed in its barracks.",
                     "2018-01-03");
  AddEvent(&doc, "The vote angered the opposition");
  AddEvent(&doc, "The army stayed in its barracks");
  ResolveEventDates(&doc);
  EXPECT_EQ(doc.events[0].date.ToString(), "2017-12-31");
  EXPECT_EQ(doc.events[0].date_basis, "text");
  // A new paragraph and no news day in the lead: the publish date.
  EXPECT_EQ(doc.events[1].date.ToString(), "2018-01-03");
  EXPECT_EQ(doc.events[1].date_basis, "publish_date");
}

TEST(ResolveEventDates, NewsDayOfTheLead) {
  Document doc = Doc("Police arrested three men on Thursday. The city was calm.\nThe mayor praised the police.",
                     "2016-07-15");
  AddEvent(&doc, "The mayor praised the police");
  ResolveEventDates(&doc);
  EXPECT_EQ(doc.events[0].date.ToString(), "2016-07-14");
  EXPECT_EQ(doc.events[0].date_basis, "text");
}

TEST(ResolveEventDates, FramesAndSubordinateClauses) {
  Document doc = Doc(std::string(kLead) +
                         "In July, the FBI said she had used a private server from 2009-13, but it found no crime.\n"
                         "Japan said it would continue talks despite talks which ended in Washington yesterday.",
                     "2016-11-07");
  AddEvent(&doc, "but it found no crime");
  AddEvent(&doc, "Japan said it would continue talks");
  ResolveEventDates(&doc);
  EXPECT_EQ(doc.events[0].date.ToString(), "2016-07");
  EXPECT_EQ(doc.events[1].date.ToString(), "2016-11-07");  // "despite ..." is another event's
  EXPECT_EQ(doc.events[1].date_basis, "publish_date");
}

TEST(ResolveEventDates, NoPublishDateNoTextDateMeansNoDate) {
  Document doc = Doc("The rebels seized the town. Officials condemned the attack on Friday.", "");
  AddEvent(&doc, "The rebels seized the town");
  AddEvent(&doc, "Officials condemned the attack");
  ResolveEventDates(&doc);
  EXPECT_FALSE(doc.events[0].date.valid());
  EXPECT_EQ(doc.events[0].date_basis, "");
  EXPECT_FALSE(doc.events[1].date.valid());  // "Friday" cannot be resolved
  EXPECT_EQ(doc.events[1].date_basis, "");

  Document abs = Doc("The rebels seized the town on 3 March 2024.", "");
  AddEvent(&abs, "The rebels seized the town");
  ResolveEventDates(&abs);
  EXPECT_EQ(abs.events[0].date.ToString(), "2024-03-03");
  EXPECT_EQ(abs.events[0].date_basis, "text");
}

}  // namespace
}  // namespace parley
