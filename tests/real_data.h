// Shared helpers for tests that code sentences with the shipped dictionaries
// (data/, with data/generated): mechanisms that need real countries, roles
// and verbs. Tests skip when data/ does not load.
#ifndef PARLEY_TESTS_REAL_DATA_H_
#define PARLEY_TESTS_REAL_DATA_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "parley/pipeline.h"
#include "test_util.h"

namespace parley::testing {

// The pipeline over data/, or null when it does not load.
inline const Pipeline* RealPipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    std::unique_ptr<Pipeline> out;
    if (!Pipeline::Create(PARLEY_DATA_DIR, CodeOptions{}, &out).ok()) out.reset();
    return out;
  }();
  return p.get();
}

// `text` coded as one article published on `date`.
inline Document RealDoc(const std::string& text, const std::string& date = "2024-03-01") {
  Document d(text);
  d.doc_id = "test";
  Date::Parse(date, &d.publish_date);
  EXPECT_TRUE(RealPipeline()->Code(&d).ok());
  return d;
}

// Its events as EventsOf writes them ("SRC>TGT:CODE ...").
inline std::string RealEvents(const std::string& text, const std::string& date = "2024-03-01") {
  return EventsOf(RealDoc(text, date));
}

}  // namespace parley::testing

#define REQUIRE_REAL_DATA() \
  if (!::parley::testing::RealPipeline()) GTEST_SKIP() << "data/ (with data/generated) does not load"

#endif  // PARLEY_TESTS_REAL_DATA_H_
