// output_reader.h: ReadOutputLine — one line of `parley code` output (the
// contract in ../shared/spec/output.md) back into a Document, for
// `parley ingest`. Tested by tests/store_test.cc.
#ifndef PARLEY_STORE_OUTPUT_READER_H_
#define PARLEY_STORE_OUTPUT_READER_H_

#include <cstddef>
#include <string_view>

#include "parley/document.h"
#include "parley/status.h"

namespace parley {

// Parses one JSON object of the output contract into *out (replacing it).
// OK: *out holds every field of the line: metadata, error, sentences,
//   entities, events (actors, location, quote and entity links resolved to
//   indexes), quotes, counts. Tokens and mentions are not part of the
//   contract and stay empty.
// The contract carries no article text. If the line has a "text" key (an
// extension) it becomes the text, and each event's evidence must match it.
// Otherwise the text is rebuilt so that every span still reads right: as long
// as the furthest span, with each event's evidence and each quote's words at
// their offsets and NUL bytes elsewhere. The store keeps such a text as
// unknown (NULL) and its evidence per event.
// Every span must lie within the text: within "text" when the line has one,
// else below kMaxImpliedTextBytes, so that a span such as
// [1999999999, 2000000000] is an error, not a 2 GB allocation. Numbers are
// read without RapidJSON's full-precision path (undefined behaviour on
// "0e94" in RapidJSON 1.1.0).
// InvalidInput: not JSON, not an object, no doc_id, a key of the wrong type,
//   an unknown entity or quote id, or evidence that disagrees with its span;
//   the message names the key ("events[2].span: expected [start, end]").
//   *out is then left as it was.
Status ReadOutputLine(std::string_view line, Document* out);

// The largest text a line without "text" may imply through its spans:
// 64 MiB, 64 times the largest article `parley code` codes by default.
inline constexpr size_t kMaxImpliedTextBytes = size_t{64} << 20;

}  // namespace parley

#endif  // PARLEY_STORE_OUTPUT_READER_H_
