// merge.h: MergeItem, MergePlan, PlanMerge — which article events are the
// same real-world event. Pure functions; the store (sql_store.cc) feeds them
// rows and writes their answer back. Tested by tests/store_test.cc.
//
// THE RULE. Two article events may merge when
//   - their source actor codes are equal and their target actor codes are
//     equal (a missing actor counts as the empty code),
//   - their CAMEO codes share the 3-digit base code ("1121", "112" -> "112";
//     a root-level "11" counts as "110"); equal codes always do,
//   - their days are at most `window` days apart (default 1); an event's day
//     is its date, a partial date counting as the first day of its month or
//     year, else the article's publish date, else the day it was stored,
//   - they happen in the same place when both have one (same location
//     country and same name, ignoring case); an event with no place fits any.
// The first two conditions make the merge *group* key (source, target, base).
//
// THE CLUSTERING. Within a group, events are taken in a fixed order: day,
// then doc_id, then position in the article. Each joins the earliest-created
// open cluster it fits; a cluster is open while its first day (its anchor) is
// at most `window` days before the event, and the event fits if the cluster
// has no place yet, the event has none, or the places agree (a cluster takes
// the place of its first member that has one). An event that fits no open
// cluster opens a new one. So every pair of events in a merged event is at
// most `window` days apart, and the result depends only on the set of events,
// never on the order in which articles arrived or how they were batched.
//
// INCREMENTAL UPDATES. The pass is causal: where an event goes depends only on
// the events before it. When a group's events appear or vanish on days
// [lo, hi], PlanMerge restores the state of the pass just before `lo` from
// the stored clustering (the clusters still open there, from the events of
// the `window` days before lo), replays the events from lo on, and stops at
// the first day boundary t > hi where the replay agrees with what is stored:
// every event of the `window` days before t has the same anchor as before,
// and no cluster that lost a member is still open. From t on nothing can
// differ. Usually t is a day or two after hi; a change that shifts anchors
// through a long unbroken run of daily events replays that whole run.
#ifndef PARLEY_STORE_MERGE_H_
#define PARLEY_STORE_MERGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::store {

struct MergeItem {
  int64_t day = 0;
  std::string doc_id;
  int ord = 0;                // index of the event in its article
  std::string place;          // PlaceKey(), "" = no place
  int64_t event_id = 0;       // unique per event
  // The stored clustering (all 0 for an event not yet merged):
  int64_t old_merged = 0;     // its merged event
  int64_t old_anchor = 0;     // event_id of that merged event's first member
  int64_t old_anchor_day = 0; // day of that first member
  size_t ref = 0;             // the caller's index, carried along
};

struct MergePlan {
  struct Cluster {
    std::vector<size_t> members;  // indexes into the sorted items, in merge order
    bool open_at_end = false;     // still open at `end`: identical to what is stored
  };
  std::vector<Cluster> clusters;  // in order of creation
  int64_t end = 0;                // events on days >= end keep their stored clusters
};

// Plans the merge of one group after changes on days [lo, hi].
// *items: the group's events on days [lo - window, fetch_hi] (sorted here
// into merge order). lost_anchor_days: anchor days of stored merged events of
// this group that lost members (their articles were replaced).
// True: *plan holds every cluster that contains an event of day >= lo
// (plus clusters open at lo, which may gain members). False: the replay did
// not settle by fetch_hi; read further and call again.
bool PlanMerge(std::vector<MergeItem>* items, int64_t lo, int64_t hi, int window, int64_t fetch_hi,
               const std::vector<int64_t>& lost_anchor_days, MergePlan* plan);

// The 3-digit base of a CAMEO code: "1121" -> "112", "112" -> "112", "11" -> "110".
std::string BaseCode(std::string_view cameo);

// "UKR|kyiv": the place an event happened, for comparison; "" if none.
std::string PlaceKey(std::string_view country, std::string_view name);

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t DaysFromCivil(int y, int m, int d);
void CivilFromDays(int64_t days, int* y, int* m, int* d);

}  // namespace parley::store

#endif  // PARLEY_STORE_MERGE_H_
