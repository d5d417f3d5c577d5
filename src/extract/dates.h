// Time expressions: recognising them and resolving them against the publish
// date. Dating events from them is the resolve stage's (resolve/resolve.h).
//
// Tested by tests/dates_test.cc.
// RecogniseDates scans each sentence once, left to right, and at each token
// tries a fixed list of patterns (longest first): "16 May 2025", "May 16,
// 2025", "May 2025", "in March", "Friday", "last week", "three years ago",
// "in 2022", "New Year's Eve", "2025-05-16". O(tokens). Each match becomes a
// MentionType::kDate mention whose `date` keeps the expression's precision
// ("May 2025" -> 2025-05, "in 2022" -> 2022) and whose `rule` names the
// pattern ("date:weekday", "date:ago", ...).
//
// Resolution against Document::publish_date (no publish date: relative
// expressions get an invalid Date; absolute ones still resolve):
//   weekday            the one on or before the publish date; in a future
//                      context (will, shall, 'll, to be, expected, due,
//                      scheduled, planned, set to, upcoming near the date, in
//                      its clause) the first one after it. "last Friday" is
//                      strictly before, "next Friday" strictly after, "this
//                      Friday" on or after.
//   month-day, month   without a year: the latest on or before the publish
//                      date; the first on or after it in a future context.
//                      CAVEAT: a day at most a month after the publish date,
//                      in a clause with no past tense, is the coming one
//                      ("justice at the ballot box on 8 November", 7 Nov).
//   yesterday/today/tomorrow, last/this/next week|month|year, N days|weeks|
//                      months|years ago: counted from the publish date;
//                      weeks give month precision (the day is not known).
//   a bare year        "in 2022", "since 2022", "after 2022", "a 2011 report",
//                      "2016:" -> year precision.
// CAVEAT: "on Friday" in a Friday article is that day, and "will meet on
// Friday" in a Friday article is the next Friday.
// CAVEAT: relative expressions anchored on another event ("a day after",
// "three days later", "the previous day") are not recognised.
#ifndef PARLEY_EXTRACT_DATES_H_
#define PARLEY_EXTRACT_DATES_H_

#include <cstdint>

#include "parley/document.h"

namespace parley {

// Adds a kDate mention for each time expression in doc->text(). REQUIRES:
// doc->tokens and doc->sentences are filled (SegmentDocument). Mentions are
// appended to doc->mentions; existing mentions are left alone.
void RecogniseDates(Document* doc);

// The same mentions, but only in the sentences whose dates ResolveEventDates
// reads (resolve/dates.cc): each event's sentence and the two before it, and
// the article's opening up to its third sentence of running text. A rule
// reads only its own sentence, so each of those sentences gets the mentions
// RecogniseDates gives it. REQUIRES: doc->events are coded.
void RecogniseDatesForEvents(Document* doc);

// Calendar helpers (proleptic Gregorian). Days are counted from 1970-01-01.
int64_t DaysFromCivil(int year, int month, int day);
Date CivilFromDays(int64_t days);
// 0 = Monday ... 6 = Sunday. REQUIRES: d has day precision.
int DayOfWeek(const Date& d);
// d plus n days. REQUIRES: d has day precision.
Date AddDays(const Date& d, int n);
int DaysInMonth(int year, int month);

}  // namespace parley

#endif  // PARLEY_EXTRACT_DATES_H_
