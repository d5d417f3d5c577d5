// Counts: numbers in digits and words with what they count.
//
// Tested by tests/counts_test.cc.
// "1,000 prisoners each", "five Ukrainian regions", "two dozen", "3.5
// million", "$121 billion", "90-minute talks", "at least 84 people".
// Years, days of the month and clock times are not counts.
#ifndef PARLEY_EXTRACT_COUNTS_H_
#define PARLEY_EXTRACT_COUNTS_H_

#include "extract/token_marks.h"
#include "parley/document.h"
#include "text/wordset.h"

namespace parley {

// Adds each count to doc->counts and, when `with_mentions`, a kNumber
// mention for it to doc->mentions as well. Those mentions are read by the
// trace alone (every other stage reads actors, places or dates by type), so
// the pipeline asks for them only when it writes a trace.
void ExtractCounts(Document* doc, bool with_mentions = true);
// The same from the count starts FindTokenMarks found in doc's tokens.
void ExtractCounts(Document* doc, bool with_mentions, const TokenMarks& marks);

// The number words a count may open with ("five", "dozens"), for
// FindTokenMarks.
const WordSet& CountStartWords();

}  // namespace parley

#endif  // PARLEY_EXTRACT_COUNTS_H_
