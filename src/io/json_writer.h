// One article as one JSON line, per ../shared/spec/output.md.
#ifndef PARLEY_IO_JSON_WRITER_H_
#define PARLEY_IO_JSON_WRITER_H_

#include <string>

#include "parley/document.h"

namespace parley {

// Appends the JSON object for `doc` (no trailing newline) to *out. Every key
// of the contract is present; absent values are null or empty lists.
void WriteDocumentJson(const Document& doc, std::string* out);

// Writes round(v * 1e4) / 1e4 (a latitude or longitude to four decimals)
// at `out` as RapidJSON's Writer writes that double, or "null" when it is
// not finite; returns the end. REQUIRES: room for 32 bytes at `out`.
char* WriteCoordinate(double v, char* out);

}  // namespace parley

#endif  // PARLEY_IO_JSON_WRITER_H_
