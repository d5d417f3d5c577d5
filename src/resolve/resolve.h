// The resolve stage: after coding, each event gets its date and its place
// from the date and place mentions the extract stage found.
//
// Tested by tests/dates_test.cc (ResolveEventDates) and tests/places_test.cc
// (ResolveEventPlaces). Both run once per article, after the coder: the
// pipeline calls ResolveEventDates first (ResolveEventPlaces reads the
// dates it set, to leave background events without the story's place).
#ifndef PARLEY_RESOLVE_RESOLVE_H_
#define PARLEY_RESOLVE_RESOLVE_H_

#include "lexicon/gazetteer.h"
#include "parley/document.h"

namespace parley {

// Sets `date` and `date_basis` of every event in doc->events. Only resolved
// expressions count (an unresolvable "Friday" without a publish date is
// skipped):
//  1. the date expression attached to the event: the first inside its
//     evidence span that no subordinator inside the span precedes ("talks
//     ... since the invasion in 2022" is not dated 2022; "which" does not
//     count: "talks which ended yesterday"); else the nearest in its
//     sentence: before the span a day or month, or the sentence's opening
//     frame ("In 2012, ..."; other bare years are background), after the
//     span one that no subordinator (after, before, since, which, despite,
//     if, ...) separates from it. A more precise expression of the same date
//     in the span wins ("eight months ago ... on Nov. 13");
//  2. else the latest day or month (not a bare year, which is mostly
//     background) in the previous two sentences of its paragraph
//     (the scene set just before: "The meeting, held in Istanbul on Friday,
//     ..." dates the talks that follow);
//  3. else the article's news day: the first recent day (at most a week
//     before the publish date) named in its dateline or first three
//     sentences ("Russia and Ukraine agreed ... The meeting, held in
//     Istanbul on Friday, ..."): news tells the day of the story once, in
//     the lead, and what follows is mostly about that day;
//  4. else the publish date.
// date_basis is "text" for 1-3, "publish_date" for 4; both are cleared
// (invalid Date, "") when nothing dates the event. REQUIRES: RecogniseDates
// ran on `doc`.
void ResolveEventDates(Document* doc);

// Sets `location` of every event in doc->events from the place mentions
// (skipping places that overlap a metonym actor mention: "Moscow continues
// to claim" is not where anything happened):
//  1. a place after a locative preposition (in, at, near, from, outside,
//     ...; "in the western town of Hwangju"; for a country only in, at,
//     inside, across, throughout, within: "pressure from the United States"
//     is not a place) inside the event's span and not behind a subordinator
//     in it, else the nearest such place in its sentence that no
//     subordinator (since, after, which, despite, according, ...) separates
//     from the span. Places in "according to ..." phrases never count (the
//     consulate in Marseille that reported a Nice attack);
//  2. else a place named inside the span without a preposition ("visited
//     Warsaw"), not a country and not a possessive ("Kyiv's call");
//  3. else the last locative place of the previous two sentences of the
//     paragraph, then the first of the next sentence of the paragraph (the
//     scene: "The meeting, held in Istanbul on Friday, ...");
//  4. else the article's place: its dateline ("SALVADOR, Feb 26 -", kept
//     even when an actor recogniser took the city for its government), else
//     the city, region or site it names most (a locative mention counts
//     twice; ties go to the first), else the country it names most after a
//     locative preposition, unless the dateline city lies in that country
//     (the dateline then, as more precise);
//  5. else none (std::nullopt).
// Locations are overwritten. `gaz` is the one RecognisePlaces used.
void ResolveEventPlaces(const Gazetteer& gaz, Document* doc);

}  // namespace parley

#endif  // PARLEY_RESOLVE_RESOLVE_H_
