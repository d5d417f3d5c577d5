// Explain (`parley explain`, the Python module, the server): a person-readable account of how a text was coded.
#ifndef PARLEY_PIPELINE_EXPLAIN_H_
#define PARLEY_PIPELINE_EXPLAIN_H_

#include <ostream>

#include "parley/document.h"
#include "parley/pipeline.h"

namespace parley {

// Codes `doc` and prints, per sentence: its tokens (with part of speech and
// lemma), each mention with the dictionary row behind it and the entity it
// joined, the chunks and slots the coder found, which pattern fired or why
// none did, and the events. Returns the exit status (0 ok, 1 error).
int Explain(const Pipeline& pipeline, Document* doc, std::ostream& out);

}  // namespace parley

#endif  // PARLEY_PIPELINE_EXPLAIN_H_
