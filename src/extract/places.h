// Place names: recognising them with the gazetteer, choosing among
// namesakes, and placing events.
//
// Tested by tests/places_test.cc.
// RecognisePlaces scans each sentence once. At a capitalised word it looks
// up the longest run of words (capitalised, or linking words like "of",
// "des", "al", "and": "Sea of Japan", "Promenade des Anglais") that the
// gazetteer knows, then skips it: O(tokens x longest name) lookups, each a
// binary search. A match is dropped when it looks like part of another name
// or a person:
//   - it overlaps a person, organisation or group actor mention;
//   - a title stands before it ("Mr Jordan", "President Georgia ...");
//   - a capitalised word touches it on either side ("Michael Jordan",
//     "Cologne Police", "Washington Post"), outside title-case headlines;
//   - one word that is elsewhere the last word of a longer name ("Putin"
//     after "Vladimir Putin") and not after a locative preposition;
//   - a generated (GeoNames) place that is also an English word ("Police",
//     "Of") without "in", "at" or "near" before it, or one of a few names
//     that news never means as towns ("Earth", "University", "Congress");
//   - a generated town that is neither a capital nor a division seat,
//     without "in", "at", "near", "from", "outside" or "inside" before it,
//     or in a country the article does not otherwise name (by a place that
//     is sure of its country, or an actor), unless a qualifier or a
//     dateline vouches for it;
//   - capitals-only words ("IT", "MAY" in a headline) unless the place is a
//     country, a capital or a hand-kept place.
// Namesakes are ranked by Place::prominence plus the article's context: +15
// when the article mentions the candidate's country (by place or actor),
// +15 more when that country is the most mentioned, +10 for a hand-kept
// place of that country, +30 when a first-level division of the candidate
// ("Texas" for Paris, Texas) is mentioned; a GeoNames namesake never beats
// a hand-kept or countries.tsv place without its division or a qualifier.
// So "Paris" is Paris, France unless Texas is in the article; "Georgia" is
// the US state in an article about the United States. "Sterling Heights,
// Michigan" and "SEOUL, South Korea" become one mention whose qualifier
// picks the namesake.
// Order: run after RecogniseActors (to skip people and organisations); the
// order against RecogniseDates does not matter.
//
// Mentions: type kPlace, name = canonical name ("Kyiv" for "Kiev"; the text's
// spelling for a GeoNames place written without its accents), country,
// lat/lon, feature, entity_type kCountry for countries else kLocation, rule
// = the gazetteer row ("data/places.tsv:140").
#ifndef PARLEY_EXTRACT_PLACES_H_
#define PARLEY_EXTRACT_PLACES_H_

#include "parley/document.h"
#include "lexicon/gazetteer.h"

namespace parley {

// Adds a kPlace mention for each place name in doc->text(). REQUIRES:
// doc->tokens and doc->sentences are filled. Uses actor mentions already in
// doc->mentions, if any, to skip people and organisations; runs without them.
void RecognisePlaces(const Gazetteer& gaz, Document* doc);

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
//     locative preposition;
//  5. else none (std::nullopt).
// Locations are overwritten. `gaz` is the one RecognisePlaces used.
void ResolveEventPlaces(const Gazetteer& gaz, Document* doc);

}  // namespace parley

#endif  // PARLEY_EXTRACT_PLACES_H_
