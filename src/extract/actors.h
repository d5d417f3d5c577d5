// Actor recognition and entity tracking: who is who in an article.
//
// Tested by tests/actors_test.cc.
// RecogniseActors scans each sentence once for dictionary names (countries,
// demonyms, capitals, bodies, people, role words; longest match first), then
// joins neighbouring pieces into actor phrases: [country|demonym|body]['s]
// [modifiers] [roles] [name] ("Turkish Foreign Minister Hakan Fidan",
// "Russia's top negotiator", "Ukrainian forces"), and appositions give a
// name the code of the phrase beside it ("Russia's top negotiator, Vladimir
// Medinsky"). A person not in the dictionary is found from a title or an
// apposition beside a capitalised name. People in the dictionary are coded
// by the office they held on the publish date. A body no dictionary lists
// is found from its capitalised name and head word ("Acme Mining Company"),
// an apposition naming what it is ("Kavuli, a dairy firm,") or an acronym
// in brackets; later the same name, the acronym and "the company/firm/
// union" are that body (data/README.md; tests/orgs_test.cc).
//
// TrackEntities groups mentions into entities (full name, surname alone,
// "the president" for the last president named, "he"/"she" opening a sentence
// after one about a person) and fills Document::entities.
#ifndef PARLEY_EXTRACT_ACTORS_H_
#define PARLEY_EXTRACT_ACTORS_H_

#include "extract/token_marks.h"
#include "parley/document.h"
#include "parley/lexicon.h"

namespace parley {

void RecogniseActors(const Lexicon& lex, Document* doc);
// Roles left without a country ("police" in "Police dispersed protesters in
// Paris", where no actor names a country) take the country of the places
// named most. Run after RecognisePlaces.
void RolesFromPlaces(const Lexicon& lex, Document* doc);
// Roles without a country take `main` (an ISO3 code); used by both of the above.
void GiveRolesACountry(const Lexicon& lex, const std::string& main, Document* doc);
void TrackEntities(const Lexicon& lex, Document* doc);
// The same from the marks FindTokenMarks found in doc's tokens.
void TrackEntities(const Lexicon& lex, Document* doc, const TokenMarks& marks);

// Whether a mention's rule says its country was only guessed from the
// article ("article's main country", as GiveRolesACountry writes it).
bool GuessedFromArticle(std::string_view rule);

// The country (ISO3) an article is mostly about: most actor mentions; ""
// when it names none.
std::string DominantCountry(const Document& doc);
// The same with the dateline's country (ISO3 or "") counted as two mentions
// named first.
std::string DominantCountry(const Document& doc, std::string_view dateline);

}  // namespace parley

#endif  // PARLEY_EXTRACT_ACTORS_H_
