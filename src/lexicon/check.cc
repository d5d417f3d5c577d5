// Tested by tests/lexicon_test.cc and tests/e2e/cli.sh.
//
// What `parley dict check` adds to the loader's row checks: codes that name
// no known country, body or role; two holders of one single-holder office
// at once; one alias for two people in office at the same time. Dates are
// compared at the precision each side has: a term "1994" that ends when one
// starting "1994-05" begins overlaps only if some day is certainly in both.
#include <algorithm>
#include <map>
#include <set>

#include "parley/lexicon.h"
#include "text/segment.h"

namespace parley {
namespace {

// Day numbers (y*10000 + m*100 + d) of the earliest and latest day a date
// of its precision may mean; an invalid date is open (-inf / +inf).
int64_t Low(const Date& d) {
  if (!d.valid()) return INT64_MIN;
  return int64_t{d.year} * 10000 + (d.month ? d.month : 1) * 100 + (d.day ? d.day : 1);
}
int64_t High(const Date& d) {
  if (!d.valid()) return INT64_MAX;
  return int64_t{d.year} * 10000 + (d.month ? d.month : 12) * 100 + (d.day ? d.day : 31);
}

// The earliest day an end may mean; an open end (still in office) is +inf.
int64_t EndLow(const Date& d) { return d.valid() ? Low(d) : INT64_MAX; }

// Some day is certainly in both terms (a handover on one day is not an
// overlap: the end is the successor's first day).
bool CertainlyOverlap(const OfficeTerm& a, const OfficeTerm& b) {
  return std::max(High(a.start), High(b.start)) < std::min(EndLow(a.end), EndLow(b.end));
}

// Days between two day numbers of the form above (civil calendar).
int64_t DaysFromCivil(int64_t ymd) {
  int64_t y = ymd / 10000, m = ymd / 100 % 100, d = std::min<int64_t>(ymd % 100, 28 + (m == 2 ? 0 : 2));
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
}

// Days certainly in both terms (0 when none); open ends count to `today`.
int64_t OverlapDays(const OfficeTerm& a, const OfficeTerm& b) {
  if (!CertainlyOverlap(a, b)) return 0;
  int64_t from = std::max(High(a.start), High(b.start));
  int64_t to = std::min(EndLow(a.end), EndLow(b.end));
  if (to == INT64_MAX) return INT64_MAX;
  return DaysFromCivil(to) - DaysFromCivil(from);
}

// "people.tsv:12" -> "<dir>/people.tsv:12".
std::string Where(const std::filesystem::path& dir, std::string_view rule) {
  size_t colon = rule.rfind(':');
  if (colon == std::string::npos) return (dir / rule).string();
  return (dir / rule.substr(0, colon)).string() + std::string(rule.substr(colon));
}

std::string TermSpan(const OfficeTerm& t) {
  return (t.start.valid() ? t.start.ToString() : "?") + ".." + (t.end.valid() ? t.end.ToString() : "");
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Role blocks of CAMEO actor codes (the project's codebook, actor_roles.tsv).
const std::set<std::string, std::less<>>& RoleBlocks() {
  static const std::set<std::string, std::less<>> k = {
      "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
      "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "REL",
      "SET", "PKO", "PPL"};
  return k;
}

// Codes that take the country slot of an international actor.
bool InternationalBlock(std::string_view b) {
  return b == "IGO" || b == "NGO" || b == "NGM" || b == "IMG" || b == "MNC" || b == "INT" || b == "UIS";
}

// Titles of offices that one person holds at a time, in the wording of
// rows written before the slot vocabulary ("President", "Prime Minister").
bool SingleHolderTitle(std::string_view office) {
  static const char* const kTitles[] = {
      "President", "Prime Minister", "Chancellor", "King", "Queen", "Emir", "Sultan", "Premier", "Taoiseach",
      "Supreme Leader", "Foreign Secretary", "Defence Secretary", "Secretary of State", "Secretary of Defense",
      "Pope", "Foreign Minister", "Defence Minister"};
  for (const char* t : kTitles)
    if (office == t) return true;
  return false;
}

}  // namespace

OfficeSlot SlotOf(std::string_view office) {
  if (StartsWith(office, "Head of state and government")) return OfficeSlot::kHeadOfBoth;
  if (StartsWith(office, "Head of state")) return OfficeSlot::kHeadOfState;
  if (StartsWith(office, "Head of government")) return OfficeSlot::kHeadOfGovernment;
  // "Foreign Minister (Secretary of State)": the local title in brackets.
  if (office == "Foreign Minister" || StartsWith(office, "Foreign Minister (")) return OfficeSlot::kForeignMinister;
  if (office == "Defence Minister" || StartsWith(office, "Defence Minister (")) return OfficeSlot::kDefenceMinister;
  return OfficeSlot::kNone;
}

bool IsCollectiveOffice(std::string_view office) {
  std::string lower = FoldKey(office);
  for (const char* w : {"member of the presidency", "captain regent", "captains regent", "co-prince", "collective"})
    if (lower.find(w) != std::string::npos) return true;
  return false;
}

std::vector<Lexicon::Holder> Lexicon::HoldersOn(std::string_view country, OfficeSlot slot, const Date& when) const {
  std::vector<Holder> out;
  if (slot == OfficeSlot::kNone || !when.valid()) return out;
  const Country* want = FindCountry(country);
  const int64_t day = Low(when);
  for (const Person& p : people_)
    for (const OfficeTerm& t : p.terms) {
      OfficeSlot s = SlotOf(t.office);
      bool slot_ok = s == slot || (s == OfficeSlot::kHeadOfBoth &&
                                   (slot == OfficeSlot::kHeadOfState || slot == OfficeSlot::kHeadOfGovernment)) ||
                     (slot == OfficeSlot::kHeadOfBoth &&
                      (s == OfficeSlot::kHeadOfState || s == OfficeSlot::kHeadOfGovernment));
      if (!slot_ok) continue;
      const Country* c = t.code.size() >= 3 ? FindCountry(std::string_view(t.code).substr(0, 3)) : nullptr;
      if (want ? c != want : t.code != country) continue;
      if (Low(t.start) <= day && day <= High(t.end)) out.push_back(Holder{&p, &t});
    }
  // A handover day: the term that starts on it, not the one that ends on it
  // (collective offices keep every member).
  bool collective = std::any_of(out.begin(), out.end(), [](const Holder& h) { return IsCollectiveOffice(h.term->office); });
  if (out.size() > 1 && !collective) {
    int64_t latest = INT64_MIN;
    for (auto& h : out) latest = std::max(latest, Low(h.term->start));
    std::erase_if(out, [&](const Holder& h) { return Low(h.term->start) != latest; });
  }
  return out;
}

std::vector<std::string> Lexicon::Check() const {
  std::vector<std::string> problems;
  auto report = [&](std::string_view rule, const std::string& what) { problems.push_back(Where(dir_, rule) + ": " + what); };

  // Codes of bodies and groups: the set that people's codes may use, and
  // their first block is a country or an international block.
  std::set<std::string, std::less<>> body_codes;
  for (auto* table : {&igos_, &orgs_})
    for (const Organisation& o : *table) {
      body_codes.emplace(o.code);
      std::string_view first = std::string_view(o.code).substr(0, 3);
      if (!InternationalBlock(first) && !FindCountry(first))
        report(o.rule, "unknown country code " + std::string(first) + " in " + std::string(o.code));
    }
  std::set<std::string, std::less<>> roles = RoleBlocks();
  for (const Role& r : roles_)
    for (size_t i = 0; i + 3 <= r.code.size(); i += 3) roles.emplace(r.code.substr(i, 3));

  // An actor code: a body's code (or one extended by role blocks), or a
  // country followed by role blocks.
  auto code_problem = [&](const std::string& code) -> std::string {
    if (body_codes.count(code)) return "";
    size_t rest = 0;
    for (size_t n = code.size() - 3; n >= 3; n -= 3)
      if (body_codes.count(std::string_view(code).substr(0, n))) { rest = n; break; }
    std::string_view first = std::string_view(code).substr(0, 3);
    if (rest == 0) {
      if (InternationalBlock(first)) return "unknown international body code " + code;
      if (!FindCountry(first)) return "unknown country code " + std::string(first) + " in " + code;
      rest = 3;
    }
    for (size_t i = rest; i + 3 <= code.size(); i += 3)
      if (!roles.count(std::string_view(code).substr(i, 3)))
        return "unknown role code " + code.substr(i, 3) + " in " + code;
    return "";
  };

  // Terms by (country or body, office group) for the overlap check.
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<const Person*, const OfficeTerm*>>> groups;
  for (const Person& p : people_)
    for (const OfficeTerm& t : p.terms) {
      if (std::string why = code_problem(std::string(t.code)); !why.empty()) report(t.rule, why);
      const Country* c = FindCountry(std::string_view(t.code).substr(0, 3));
      std::string where(c ? c->iso3 : t.code);
      if (IsCollectiveOffice(t.office)) continue;
      switch (SlotOf(t.office)) {
        case OfficeSlot::kHeadOfBoth:
          groups[{where, "head of state"}].emplace_back(&p, &t);
          groups[{where, "head of government"}].emplace_back(&p, &t);
          break;
        case OfficeSlot::kHeadOfState: groups[{where, "head of state"}].emplace_back(&p, &t); break;
        case OfficeSlot::kHeadOfGovernment: groups[{where, "head of government"}].emplace_back(&p, &t); break;
        case OfficeSlot::kForeignMinister:
        case OfficeSlot::kDefenceMinister:
        case OfficeSlot::kNone:
          if (SlotOf(t.office) != OfficeSlot::kNone || SingleHolderTitle(t.office) || !c)
            groups[{where, std::string(t.office)}].emplace_back(&p, &t);
          break;
      }
    }
  std::set<std::pair<const OfficeTerm*, const OfficeTerm*>> seen;
  for (auto& [key, terms] : groups) {
    std::stable_sort(terms.begin(), terms.end(),
              [](auto& a, auto& b) { return Low(a.second->start) < Low(b.second->start); });
    for (size_t i = 0; i < terms.size(); ++i)
      for (size_t j = i + 1; j < terms.size(); ++j) {
        const OfficeTerm& a = *terms[i].second;
        const OfficeTerm& b = *terms[j].second;
        if (!CertainlyOverlap(a, b) || !seen.insert({&a, &b}).second) continue;
        if (terms[i].first == terms[j].first && a.office == b.office && a.start.ToString() == b.start.ToString()) {
          report(b.rule, "the term of " + std::string(terms[j].first->name) + " as " + std::string(b.office) + " from " + a.start.ToString() +
                             " is listed twice (also " + Where(dir_, a.rule) + ")");
          continue;
        }
        report(b.rule, key.first + " " + key.second + ": " + std::string(terms[j].first->name) + " (" + TermSpan(b) +
                           ") overlaps " + std::string(terms[i].first->name) + " (" + TermSpan(a) + ", " + Where(dir_, a.rule) + ")");
      }
  }

  // One alias, two people in office at the same time for more than a
  // month (a husband and wife, father and son, whose terms meet at an
  // inauguration are listed in the order data/README.md gives).
  std::vector<std::pair<std::string, const std::vector<NameRef>*>> keys;
  for (auto& [k, refs] : names_) keys.emplace_back(k, &refs);
  std::sort(keys.begin(), keys.end());
  for (auto& [k, refs] : keys) {
    std::vector<const NameRef*> ps;
    for (const NameRef& r : *refs)
      if (r.kind == NameRef::kPerson) ps.push_back(&r);
    for (size_t i = 0; i < ps.size(); ++i)
      for (size_t j = i + 1; j < ps.size(); ++j) {
        const Person& a = people_[ps[i]->index];
        const Person& b = people_[ps[j]->index];
        const OfficeTerm *ta = nullptr, *tb = nullptr;
        for (auto& x : a.terms)
          for (auto& y : b.terms)
            if (!ta && OverlapDays(x, y) > 31) { ta = &x; tb = &y; }
        if (!ta) continue;
        // Report at the row of b that gave it the alias.
        std::string_view rule = b.terms.front().rule;
        for (auto& t : b.terms)
          if (t.rule.size() > std::to_string(ps[j]->line).size() &&
              t.rule.substr(t.rule.rfind(':') + 1) == std::to_string(ps[j]->line))
            rule = t.rule;
        report(rule, "alias '" + k + "' of " + std::string(b.name) + " (" + std::string(tb->office) + " " + TermSpan(*tb) +
                         ") is also a name of " + std::string(a.name) + " (" + std::string(ta->office) + " " + TermSpan(*ta) + ", " + Where(dir_, ta->rule) + ")");
      }
  }

  for (const Country& c : countries_)
    if (c.capital_lat < -90 || c.capital_lat > 90 || c.capital_lon < -180 || c.capital_lon > 180)
      report(c.rule, "capital coordinates out of range");
  return problems;
}

}  // namespace parley
