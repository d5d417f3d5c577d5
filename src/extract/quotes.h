// Direct quotations and who said them.
//
// Tested by tests/quotes_test.cc and tests/quotes2_test.cc.
// Quotation marks are paired left to right (straight or curly, across a
// sentence break, up to a paragraph); a quote opened at a paragraph start and
// never closed runs to the paragraph's end (the wire convention for a quote
// that continues); one that opens a sentence (or follows its attribution)
// and is not closed before the next quote opens a later sentence runs to
// that opener (a lost paragraph break). The speaker is, in order: the actor of a reporting verb
// right after the quote ("...," said X / X said), the subject of the
// reporting verb before it ("X warned that \"...\"", but "he"/"she" right
// before that verb is its subject, someone named before the sentence, not a
// person named earlier in it; a participle after a
// comma, "..., saying \"...\"", takes the sentence's subject), the person
// after "according to", the first actor of the sentence, and the speaker of
// the previous quote when this one follows it directly, and for a quote
// that opens a sentence with no attribution, the reporting subject of the
// sentence before ('He said ... . "..."').
#ifndef PARLEY_EXTRACT_QUOTES_H_
#define PARLEY_EXTRACT_QUOTES_H_

#include "extract/token_marks.h"
#include "parley/document.h"

namespace parley {

// REQUIRES: actors recognised and entities tracked.
void ExtractQuotes(Document* doc);
// The same from the marks FindTokenMarks found in doc's tokens (the quotes
// open at marks).
void ExtractQuotes(Document* doc, const TokenMarks& marks);

}  // namespace parley

#endif  // PARLEY_EXTRACT_QUOTES_H_
