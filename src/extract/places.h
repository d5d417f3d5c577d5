// Place names: recognising them with the gazetteer and choosing among
// namesakes. Placing events is the resolve stage's (resolve/resolve.h).
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
#include "text/wordset.h"

namespace parley {

// Adds a kPlace mention for each place name in doc->text(). REQUIRES:
// doc->tokens and doc->sentences are filled. Uses actor mentions already in
// doc->mentions, if any, to skip people and organisations; runs without them.
void RecognisePlaces(const Gazetteer& gaz, Document* doc);

// What the resolve stage (resolve/resolve.h) asks of place mentions:
// The kind of place a preposition may introduce ("from" and "to" lead to
// cities, regions and sites but not countries; "on" only to sites).
enum class LocativeKind { kCountry, kArea, kSite };
// The preposition that puts the place starting at token `b` somewhere ("in",
// "at", "from" ...), skipping articles, adjectives, possessors and "the town
// of"; "" when none.
std::string_view LocativePreposition(const Document& doc, uint32_t b, LocativeKind kind);
// A subordinator or relative that separates a place from an event ("after",
// "which", "according", ...). Inline: the resolve stage asks it of every
// token, and for a numbered token it is one bit.
extern const WordSet kPlaceBlockWords;
inline bool IsPlaceBlockWord(const Token& t) { return kPlaceBlockWords.contains(t); }
// Sentence `s` is a dateline ("TOKYO, April 11 -").
bool IsDatelineSentence(const Document& doc, uint32_t s);

}  // namespace parley

#endif  // PARLEY_EXTRACT_PLACES_H_
