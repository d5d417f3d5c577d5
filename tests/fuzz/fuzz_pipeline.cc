// libFuzzer target: the whole pipeline (segment -> recognise -> track ->
// code -> resolve) and the JSON writer on one text, with the real
// dictionaries (data/, or $PARLEY_DATA). Checks what the output contract
// promises: every span lies inside the text, the line is valid JSON.
#include <rapidjson/document.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "io/json_writer.h"
#include "parley/pipeline.h"

namespace {
const parley::Pipeline& Get() {
  static std::unique_ptr<parley::Pipeline> p = [] {
    std::filesystem::path dir;
    std::unique_ptr<parley::Pipeline> out;
    parley::Status s = parley::FindDataDir(&dir);
    if (s.ok()) s = parley::Pipeline::Create(dir, parley::CodeOptions{}, &out);
    if (!s.ok()) {
      std::fprintf(stderr, "fuzz_pipeline: %s\n", s.message().c_str());
      std::abort();
    }
    return out;
  }();
  return *p;
}
void CheckSpan(const parley::Span& s, size_t n) {
  if (s.begin > s.end || s.end > n) std::abort();
}
}  // namespace

// The dictionaries (and, for the server, the seeded store) are loaded once,
// here, before libFuzzer starts its per-input timer: a first load that
// builds the images from the text files can take longer than -timeout under
// a sanitizer on a busy machine, and must not be reported as a hang of the
// first input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const parley::Pipeline& p = Get();
  parley::Document doc(std::string(reinterpret_cast<const char*>(data), size));
  doc.doc_id = "fuzz";
  parley::Date::Parse("2025-05-17", &doc.publish_date);
  (void)p.Code(&doc);
  const size_t n = doc.text().size();
  for (auto& s : doc.sentences) CheckSpan(s.span, n);
  for (auto& e : doc.events) CheckSpan(e.span, n);
  for (auto& q : doc.quotes) CheckSpan(q.span, n);
  for (auto& c : doc.counts) CheckSpan(c.span, n);
  for (auto& e : doc.entities)
    for (auto& m : e.mentions) CheckSpan(m, n);
  std::string line;
  parley::WriteDocumentJson(doc, &line);
  rapidjson::Document j;
  j.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
  if (j.HasParseError() || !j.IsObject()) std::abort();
  return 0;
}
