// The merge rule and the clustering are described at the top of merge.h.
#include "store/merge.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <tuple>

namespace parley::store {

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

namespace {
// Agents of the state: the government, its forces, police, courts,
// legislature and services act for the same side in one event ("Reagan's
// strike" and "U.S. warships attacked" are one attack).
bool StateRole(std::string_view roles) {
  std::string_view first = roles.substr(0, 3);
  return first == "GOV" || first == "MIL" || first == "COP" || first == "JUD" || first == "LEG" || first == "SPY";
}
}  // namespace

bool RolesFit(std::string_view cluster, std::string_view item) {
  return cluster.empty() || item.empty() || cluster == item || (StateRole(cluster) && StateRole(item));
}

bool PlacesFit(const MergePlace& c, const MergePlace& it, const MergeLimits& limits, std::string* why) {
  auto say = [&](const std::string& s) {
    if (why) *why = s;
  };
  if (!c.known || !it.known) {
    say(!it.known ? "place: none from its own sentence (none, or the story's or dateline's), fits any"
                  : "place: the cluster has none from a sentence yet");
    return true;
  }
  char buf[160];
  if (!c.coarse && !it.coarse) {
    double km = DistanceKm(c.lat, c.lon, it.lat, it.lon);
    std::snprintf(buf, sizeof buf, "place: %s is %.0f km from %s (at most %.0f)", it.name.c_str(), km,
                  c.name.c_str(), limits.near_km);
    say(buf);
    return km <= limits.near_km;
  }
  if (!c.country.empty() && !it.country.empty()) {
    say("place: " + it.name + " and " + c.name + (c.country == it.country ? " are both in " : " are not both in ") +
        c.country);
    return c.country == it.country;
  }
  double km = DistanceKm(c.lat, c.lon, it.lat, it.lon);
  std::snprintf(buf, sizeof buf, "place: %s is %.0f km from %s (at most %.0f for a place of no country)",
                it.name.c_str(), km, c.name.c_str(), limits.wide_km);
  say(buf);
  return km <= limits.wide_km;
}

std::vector<std::string> MergeReasons(const std::vector<const MergeItem*>& members, const MergeLimits& limits) {
  std::vector<std::string> out;
  if (members.empty()) return out;
  const MergeItem& anchor = *members.front();
  std::string src, tgt;
  MergePlace place;
  for (size_t i = 0; i < members.size(); ++i) {
    const MergeItem& m = *members[i];
    std::string r;
    if (i == 0) {
      r = "first report (anchor): same actors, root and outcome as every member";
    } else {
      r = "day +" + std::to_string(m.day - anchor.day) + " from the anchor's (window " +
          std::to_string(limits.window) + "); roles " + (m.src_role.empty() ? "-" : m.src_role) + "/" +
          (m.tgt_role.empty() ? "-" : m.tgt_role) + " fit " + (src.empty() ? "-" : src) + "/" +
          (tgt.empty() ? "-" : tgt) + "; ";
      std::string why;
      PlacesFit(place, m.place, limits, &why);
      r += why;
    }
    if (src.empty()) src = m.src_role;
    if (tgt.empty()) tgt = m.tgt_role;
    if (!place.known && m.place.known) place = m.place;
    out.push_back(std::move(r));
  }
  return out;
}

std::string MergeKey(std::string_view src_key, std::string_view tgt_key, std::string_view root,
                     std::string_view outcome, std::string_view precision) {
  std::string k;
  k.reserve(src_key.size() + tgt_key.size() + root.size() + outcome.size() + 8);
  k.append(src_key).append("|").append(tgt_key).append("|").append(root).append("|").append(outcome).append("|");
  k.append(precision.substr(0, 1));
  return k;
}

bool PlanMerge(std::vector<MergeItem>* items_in, int64_t lo, int64_t hi, const MergeLimits& limits,
               int64_t fetch_hi, const std::vector<int64_t>& lost_anchor_days, MergePlan* plan) {
  const int window = limits.window;
  std::vector<MergeItem>& items = *items_in;
  std::sort(items.begin(), items.end(), [](const MergeItem& a, const MergeItem& b) {
    return std::tie(a.day, a.doc_id, a.ord) < std::tie(b.day, b.doc_id, b.ord);
  });
  struct Cl {
    int64_t anchor_day;
    size_t anchor;  // item index of the first member
    std::string src, tgt;  // roles of the first member that has them
    MergePlace place;      // place of the first member that has one
    std::vector<size_t> members;
    void Take(const MergeItem& it) {
      if (src.empty()) src = it.src_role;
      if (tgt.empty()) tgt = it.tgt_role;
      if (!place.known && it.place.known) place = it.place;
    }
  };
  std::vector<Cl> cls;
  const size_t n = items.size();
  std::vector<int> cl_of(n, -1);
  size_t first = 0;
  while (first < n && items[first].day < lo) ++first;

  // The state just before lo: stored clusters anchored within the window.
  std::vector<std::pair<int64_t, std::vector<size_t>>> pre;  // merged id -> members
  for (size_t i = 0; i < first; ++i) {
    const MergeItem& it = items[i];
    if (!it.old_merged || it.old_anchor_day < lo - window) continue;
    auto p = std::find_if(pre.begin(), pre.end(), [&](const auto& x) { return x.first == it.old_merged; });
    if (p == pre.end()) {
      pre.push_back({it.old_merged, {}});
      p = pre.end() - 1;
    }
    p->second.push_back(i);
  }
  for (auto& [merged, members] : pre) {
    Cl c{items[members.front()].old_anchor_day, members.front(), "", "", {}, members};
    for (size_t i : members) {
      if (items[i].event_id == items[i].old_anchor) c.anchor = i;
      c.Take(items[i]);
    }
    cls.push_back(std::move(c));
  }
  std::sort(cls.begin(), cls.end(), [](const Cl& a, const Cl& b) { return a.anchor < b.anchor; });
  std::vector<size_t> open;  // indexes into cls, in order of creation
  for (size_t k = 0; k < cls.size(); ++k) {
    open.push_back(k);
    for (size_t i : cls[k].members) cl_of[i] = static_cast<int>(k);
  }

  // Replays one event.
  auto place_item = [&](size_t i) {
    const MergeItem& it = items[i];
    open.erase(std::remove_if(open.begin(), open.end(),
                              [&](size_t k) { return cls[k].anchor_day < it.day - window; }),
               open.end());
    size_t home = SIZE_MAX;
    for (size_t k : open) {
      if (RolesFit(cls[k].src, it.src_role) && RolesFit(cls[k].tgt, it.tgt_role) &&
          PlacesFit(cls[k].place, it.place, limits, nullptr)) {
        home = k;
        break;
      }
    }
    if (home == SIZE_MAX) {
      home = cls.size();
      cls.push_back(Cl{it.day, i, "", "", {}, {}});
      open.push_back(home);
    }
    cls[home].Take(it);
    cls[home].members.push_back(i);
    cl_of[i] = static_cast<int>(home);
  };
  // Does the replay agree with the stored clustering at day boundary t?
  auto converged = [&](int64_t t) {
    for (int64_t d : lost_anchor_days)
      if (d >= t - window && d < t) return false;
    auto from = std::lower_bound(items.begin(), items.end(), t - window,
                                 [](const MergeItem& a, int64_t day) { return a.day < day; });
    for (size_t j = static_cast<size_t>(from - items.begin()); j < n && items[j].day < t; ++j) {
      if (cl_of[j] < 0) continue;  // in a stored cluster closed before lo: unchanged
      if (items[cls[cl_of[j]].anchor].event_id != items[j].old_anchor) return false;
    }
    return true;
  };

  size_t next = first;
  for (int64_t t = hi + 1;; ++t) {
    if (t - 1 > fetch_hi) return false;
    while (next < n && items[next].day < t) place_item(next++);
    if (converged(t)) {
      plan->end = t;
      plan->clusters.clear();
      for (auto& c : cls) {
        MergePlan::Cluster pc;
        pc.members = c.members;
        std::sort(pc.members.begin(), pc.members.end());
        pc.open_at_end = c.anchor_day >= t - window;
        plan->clusters.push_back(std::move(pc));
      }
      return true;
    }
    // Past the window of the last event, nothing changes until the next event.
    if (next < n && next > 0 && items[next - 1].day + window < t && items[next].day > t + 1) t = items[next].day - 1;
  }
}

std::string BaseCode(std::string_view cameo) {
  if (cameo.size() >= 3) return std::string(cameo.substr(0, 3));
  if (cameo.size() == 2) return std::string(cameo) + "0";
  return std::string(cameo);
}

namespace {
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
bool Leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
// Days from 0001-01-01 (proleptic Gregorian) to January 1st of year y.
int64_t YearStart(int64_t y) {
  int64_t p = y - 1;
  return p * 365 + FloorDiv(p, 4) - FloorDiv(p, 100) + FloorDiv(p, 400);
}
constexpr int kCumDays[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
const int64_t kEpoch = YearStart(1970);
}  // namespace

int64_t DaysFromCivil(int y, int m, int d) {
  int64_t days = YearStart(y) - kEpoch + kCumDays[m - 1] + (m > 2 && Leap(y) ? 1 : 0);
  return days + d - 1;
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  int64_t year = 1970 + FloorDiv(z * 400, 146097);  // close; fixed below
  while (YearStart(year) - kEpoch > z) --year;
  while (YearStart(year + 1) - kEpoch <= z) ++year;
  int64_t doy = z - (YearStart(year) - kEpoch);  // 0-based
  int month = 12;
  while (month > 1 && kCumDays[month - 1] + (month > 2 && Leap(year) ? 1 : 0) > doy) --month;
  *y = static_cast<int>(year);
  *m = month;
  *d = static_cast<int>(doy - kCumDays[month - 1] - (month > 2 && Leap(year) ? 1 : 0) + 1);
}

}  // namespace parley::store
