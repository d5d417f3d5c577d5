// `parley dict suggest`: what a corpus names that the dictionaries cannot
// code, by frequency, with example sentences and a proposed row.
#ifndef PARLEY_CLI_SUGGEST_H_
#define PARLEY_CLI_SUGGEST_H_

#include <ostream>
#include <string>
#include <vector>

#include "parley/pipeline.h"

namespace parley {

struct SuggestOptions {
  std::vector<std::string> inputs;  // as for `parley code`
  // Folders whose */expected.json name corpus records in origin.id: those
  // records are left out (the project's check sets stay unseen).
  std::vector<std::string> exclude_origins;
  size_t top = 100;  // candidates printed
};

// Runs the pipeline over the inputs and prints, most frequent first, three
// kinds of candidates, each with two example sentences and a proposed row:
//   person        a name the recogniser took as a person from a title or a
//                 country beside it ("Afghan commander Ahmad Shah Massoud")
//                 but the people dictionary does not know;
//   subject       capitalised words that are the subject of an event verb
//                 ("Kim Dae-jung criticized ...") and no actor at all;
//   organisation  capitalised words ending in a body's head noun ("Party",
//                 "Front", "Ministry", "Brigades" ...) that no dictionary
//                 knows, with an acronym given in brackets after it.
// Returns the exit status: 0, or 2 when the inputs or the data fail.
int SuggestRows(const Pipeline& pipeline, const SuggestOptions& options, std::ostream& out);

}  // namespace parley

#endif  // PARLEY_CLI_SUGGEST_H_
