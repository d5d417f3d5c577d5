// merge.h: MergeItem, MergePlan, PlanMerge — which article events are the
// same real-world event. Pure functions; the store (sql_store.cc) feeds them
// rows and writes their answer back. Tested by tests/store_test.cc.
//
// THE RULE (docs/store.md, "The merge rule"). Two article events may be
// reports of one event when
//   - they share a merge key (MergeKey): the same source and target actor
//     keys (the actor's country, else its code: IGOUNO; no actor is ""),
//     the same CAMEO root, the same outcome (occurred, negated, planned,
//     hypothetical, denied: what happened never merges with what did not)
//     and the same date precision (day, month, year); an undated event has
//     a key of its own and merges with nothing;
//   - their days are at most `window` days apart (a month or year date
//     counts as its first day, among dates of that precision only);
//   - their actor roles agree (RolesFit): equal, or one side has none (USA
//     fits USAMIL), or both agents of the state (GOV, MIL, COP, JUD, LEG,
//     SPY: USAGOV fits USAMIL); USAREB does not fit USAMIL;
//   - their places agree (PlacesFit): two cities or sites at most `near_km`
//     apart; a country or region and anything in the same country; a place
//     without a country (a sea) and anything within `wide_km`. Only a place
//     found in the event's own clause or sentence counts: an event placed
//     from its story (location_basis story or dateline), or not placed,
//     fits any.
//
// THE CLUSTERING. Within a key, events are taken in a fixed order: day,
// then doc_id, then position in the article. Each joins the earliest-created
// open cluster it fits; a cluster is open while its first day (its anchor) is
// at most `window` days before the event. A cluster's roles and place are
// those of its first member that has them. An event that fits no open
// cluster opens a new one. So every pair of events in a merged event is at
// most `window` days apart, and the result depends only on the set of events,
// never on the order in which articles arrived or how they were batched.
//
// INCREMENTAL UPDATES. The pass is causal: where an event goes depends only on
// the events before it. When a key's events appear or vanish on days
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

// Where an event happened, as the merge compares it.
struct MergePlace {
  bool known = false;         // false: no place, or only the dateline's
  bool coarse = false;        // a country or a region (else a city or site)
  std::string country;        // ISO3, "" for seas and places of no country
  std::string name;           // for the explanation only
  double lat = 0, lon = 0;
};

struct MergeLimits {
  int window = 1;             // days
  double near_km = 100;       // two cities or sites
  double wide_km = 1000;      // a place of no country (a sea) and another
};

struct MergeItem {
  int64_t day = 0;
  std::string doc_id;
  int ord = 0;                // index of the event in its article
  std::string src_role, tgt_role;  // actor role blocks ("GOV"), "" = none
  MergePlace place;
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
bool PlanMerge(std::vector<MergeItem>* items, int64_t lo, int64_t hi, const MergeLimits& limits, int64_t fetch_hi,
               const std::vector<int64_t>& lost_anchor_days, MergePlan* plan);

// Whether an event fits a cluster whose roles and place are those given;
// *why (may be null) says how, for the explanation stored with each link.
bool RolesFit(std::string_view cluster, std::string_view item);
bool PlacesFit(const MergePlace& cluster, const MergePlace& item, const MergeLimits& limits, std::string* why);

// Why each member of one cluster (members in merge order, the first is the
// anchor) belongs to it: one line per member, for merged_links.reason.
std::vector<std::string> MergeReasons(const std::vector<const MergeItem*>& members, const MergeLimits& limits);

// The merge key of an event (see THE RULE); `outcome` from Outcome().
// An undated event gets "undated|" + a number unique to it.
std::string MergeKey(std::string_view src_key, std::string_view tgt_key, std::string_view root,
                     std::string_view outcome, std::string_view precision);

// Great-circle distance in km.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

// The 3-digit base of a CAMEO code: "1121" -> "112", "112" -> "112", "11" -> "110".
std::string BaseCode(std::string_view cameo);


// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t DaysFromCivil(int y, int m, int d);
void CivilFromDays(int64_t days, int* y, int* m, int* d);

}  // namespace parley::store

#endif  // PARLEY_STORE_MERGE_H_
