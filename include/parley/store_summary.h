// store_summary.h: StoreSummary — aggregate views of a store for the HTTP
// API and dashboard (src/server/): counts per day or week, per actor and
// actor pair, per place, and the article context behind a merged event.
//
// Every view takes the EventFilter of Store::Query and counts exactly the
// events Query would return (same SQL conditions, store/filter_sql.h);
// `limit` and `after_id` of the filter are ignored by the aggregates.
// One StoreSummary per thread, like Store. It only reads: it never creates
// or migrates a store.
#ifndef PARLEY_STORE_SUMMARY_H_
#define PARLEY_STORE_SUMMARY_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parley/status.h"
#include "parley/store.h"

namespace parley {

namespace store {
class SqlDb;
}

// Events of one day (or the week starting on that Monday) and quad class.
struct TimelineBucket {
  int64_t day = 0;             // days since 1970-01-01 (week: its Monday)
  int quad_class = 0;          // 1..4
  int64_t events = 0;
  double goldstein_sum = 0;
};

// One actor code: how often it acts and is acted on.
struct ActorSummary {
  std::string code, country;
  int64_t as_source = 0, as_target = 0;
  double goldstein_sum = 0;    // over the events it takes part in, either side
};

// Directed source -> target pair.
struct ActorEdge {
  std::string source, target;
  int64_t events = 0;
  int64_t cooperation = 0;     // quad classes 1 and 2
  int64_t conflict = 0;        // quad classes 3 and 4
  double goldstein_sum = 0;
};

// Events at one location.
struct PlaceSummary {
  std::string name, country, feature;
  double lat = 0, lon = 0;
  int64_t events = 0;
  std::array<int64_t, 5> by_quad{};  // [1..4]: events of that quad class
  double goldstein_sum = 0;
};

// One article event behind a merged event, with what the article says
// around it.
struct EvidenceContext {
  int64_t event_row = 0;       // the article event's row id (EventRecord::id with raw)
  std::string doc_id, title, source, url, publish_date;
  bool has_sentence = false;   // the article's text is stored (`parley code --store`)
  std::string sentence_text;   // the whole sentence holding the span
  uint32_t span_begin = 0, span_end = 0;  // the span, as offsets into sentence_text
};

class StoreSummary {
 public:
  // Opens the store at `uri` (the spellings of Store::Open) for reading.
  // NotFound: a SQLite file that does not exist. Otherwise as Store::Open.
  static Status Open(const std::string& uri, std::unique_ptr<StoreSummary>* out);
  ~StoreSummary();

  // Number of events matching the filter.
  Status Count(const EventFilter& f, int64_t* out);
  // Buckets in day order; week = true groups by ISO week (Monday). Undated
  // events are left out.
  Status Timeline(const EventFilter& f, bool week, std::vector<TimelineBucket>* out);
  // The `limit` actors by events (as source + as target), and the `limit`
  // directed edges by events; events without a source or target have no edge.
  Status Actors(const EventFilter& f, size_t limit, std::vector<ActorSummary>* actors,
                std::vector<ActorEdge>* edges);
  // The `limit` locations with most events; events without a place are left out.
  Status Places(const EventFilter& f, size_t limit, std::vector<PlaceSummary>* out);
  // The member article events of merged event `merged_id`, in merge order.
  Status Evidence(int64_t merged_id, std::vector<EvidenceContext>* out);

 private:
  explicit StoreSummary(std::unique_ptr<store::SqlDb> db);
  std::unique_ptr<store::SqlDb> db_;
};

}  // namespace parley

#endif  // PARLEY_STORE_SUMMARY_H_
