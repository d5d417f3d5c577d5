// work.h: WorkCounter, a per-thread count of the steps that could grow
// faster than an article (lookups over runs of words, candidates examined
// per event or per quote). The regression tests of issue 12
// (tests/regress/linear_time_test.cc) run pathological inputs at two sizes
// and check that these counts grow linearly: work, never wall time, so the
// tests do not depend on the machine. Cost: one add to a thread-local
// counter at each counted step.
#ifndef PARLEY_TEXT_WORK_H_
#define PARLEY_TEXT_WORK_H_

#include <cstdint>

namespace parley {

enum class Work : uint8_t {
  kPlaceKeyTokens,     // tokens put into gazetteer keys (RecognisePlaces)
  kPlaceCandidates,    // place mentions examined for events (ResolveEventPlaces)
  kQuoteSteps,         // tokens and mentions examined per quote (ExtractQuotes)
  kClauseSteps,        // tokens examined for "if/unless/whether" clauses (coder)
  kCount
};

struct WorkCounter {
  static uint64_t& At(Work w) {
    thread_local uint64_t counts[static_cast<int>(Work::kCount)] = {};
    return counts[static_cast<int>(w)];
  }
  static void Add(Work w, uint64_t n = 1) { At(w) += n; }
  static uint64_t Get(Work w) { return At(w); }
  static void Reset() {
    for (int i = 0; i < static_cast<int>(Work::kCount); ++i) At(static_cast<Work>(i)) = 0;
  }
};

}  // namespace parley

#endif  // PARLEY_TEXT_WORK_H_
