// One article as one JSON line, per ../shared/spec/output.md.
#ifndef PARLEY_IO_JSON_WRITER_H_
#define PARLEY_IO_JSON_WRITER_H_

#include <string>

#include "parley/document.h"

namespace parley {

// Appends the JSON object for `doc` (no trailing newline) to *out. Every key
// of the contract is present; absent values are null or empty lists.
void WriteDocumentJson(const Document& doc, std::string* out);

}  // namespace parley

#endif  // PARLEY_IO_JSON_WRITER_H_
