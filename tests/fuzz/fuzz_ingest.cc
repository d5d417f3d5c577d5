// libFuzzer target: the ingest parser (src/store/output_reader.cc), one
// output line back into a Document. A line it accepts must have every span
// inside the text it builds, and bounded by kMaxImpliedTextBytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "store/output_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  parley::Document doc;
  parley::Status s = parley::ReadOutputLine(std::string_view(reinterpret_cast<const char*>(data), size), &doc);
  if (!s.ok()) return 0;
  const size_t n = doc.text().size();
  if (n > parley::kMaxImpliedTextBytes && n > size) std::abort();
  for (auto& e : doc.events)
    if (e.span.end > n) std::abort();
  return 0;
}
