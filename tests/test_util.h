// Shared helpers for tests that run the pipeline on the fixture dictionaries
// in tests/data/lexicon/ (small, stable, written for the tests).
#ifndef PARLEY_TESTS_TEST_UTIL_H_
#define PARLEY_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "parley/pipeline.h"

namespace parley::testing {

// The pipeline over the fixture lexicon, or null when the fixture does not
// load (the failure is reported once).
inline const Pipeline* FixturePipelineOrNull() {
  static std::unique_ptr<Pipeline> p = [] {
    std::unique_ptr<Pipeline> out;
    Status s = Pipeline::Create(std::string(PARLEY_TEST_DATA_DIR) + "/lexicon", CodeOptions{}, &out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }();
  return p.get();
}

inline const Pipeline& FixturePipeline() { return *FixturePipelineOrNull(); }

inline Document CodeText(const std::string& text, const std::string& date = "2025-05-17") {
  Document d(text);
  d.doc_id = "test";
  Date::Parse(date, &d.publish_date);
  const Pipeline* p = FixturePipelineOrNull();
  if (p == nullptr) {
    ADD_FAILURE() << "the fixture lexicon did not load";
    return d;
  }
  Status s = p->Code(&d);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return d;
}

// "SRC>TGT:CODE" for each event, with "!" for negated and "?"/"+" for
// hypothetical/planned, in order.
inline std::string EventsOf(const Document& d) {
  std::string out;
  for (auto& e : d.events) {
    if (!out.empty()) out += ' ';
    out += (e.source ? e.source->code : "-") + ">" + (e.target ? e.target->code : "-") + ":" + e.cameo;
    if (e.negated) out += "!";
    if (e.status == EventStatus::kHypothetical) out += "?";
    if (e.status == EventStatus::kPlanned) out += "+";
    if (e.status == EventStatus::kDenied) out += "~";
  }
  return out;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_TEST_UTIL_H_
