#!/usr/bin/env python3
"""Moves a region's office-holder list into data/people/ (data/README.md).

usage: merge_people.py REGION.tsv DATA_DIR [--dry-run]

REGION.tsv is a list in the format of data/people.tsv whose four slot offices
use the fixed wording ("Head of state (King)", "Head of government (Prime
Minister)", "Head of state and government (President)", "Foreign Minister",
"Defence Minister"). The script
  1. copies it to DATA_DIR/people/<name of REGION.tsv>;
  2. removes from DATA_DIR/people.tsv the rows of the countries the region
     file lists whose office is one of those four under an older wording
     ("President", "Prime Minister", "Foreign Secretary" ...) when the region
     file has the same person in the same office at an overlapping time;
  3. keeps every spelling: an alias (or the old name) that lived only on a
     removed row goes to the person's first row in the region file, or to the
     person's next row kept in people.tsv;
  4. rewrites the remaining old-wording slot rows of those countries in the
     fixed wording (a "President" is head of state and government where the
     region file says so for that country at that time, else head of state),
     for `parley dict check` to judge against the region file.
It prints what it did. Run `parley dict check` afterwards.
"""
import collections
import os
import re
import sys

HOS = {"President", "Acting President", "King", "Queen", "Emir", "Sultan", "Pope", "Head of State (military)",
       "President (military junta)", "Governor-General", "Supreme Leader", "Grand Duke", "Prince", "Interim President",
       "Transitional President", "Chairman of the Presidential Council", "Co-Prince"}
HOG = {"Prime Minister", "Premier", "Chancellor", "Taoiseach", "Acting Prime Minister", "Interim Prime Minister",
       "Prime Minister of the Palestinian Authority", "Chief Executive"}
FM = {"Foreign Minister", "Foreign Secretary", "Secretary of State", "Secretary of State for External Affairs",
      "Minister of Foreign Affairs", "Minister of External Affairs", "External Affairs Minister"}
DM = {"Defence Minister", "Defence Secretary", "Secretary of Defense", "Secretary of National Defence",
      "Minister of the People's Armed Forces", "Minister of National Defence", "Defense Minister"}


def legacy_slot(office):
    for name, group in (("hos", HOS), ("hog", HOG), ("fm", FM), ("dm", DM)):
        if office in group:
            return name
    return None


def new_slot(office):
    if office.startswith("Head of state and government"):
        return "both"
    if office.startswith("Head of state"):
        return "hos"
    if office.startswith("Head of government"):
        return "hog"
    if office == "Foreign Minister":
        return "fm"
    if office == "Defence Minister":
        return "dm"
    return None


def compatible(old, new, office=""):
    if old == new:
        return True
    if office in ("President", "Acting President"):  # an executive or a head of government too
        return new in ("hos", "hog", "both")
    return new == "both" and old in ("hos", "hog")


def bounds(start, end):
    def low(d):
        if not d:
            return "0000-00-00"
        p = d.split("-")
        return "-".join([p[0], p[1] if len(p) > 1 else "01", p[2] if len(p) > 2 else "01"])

    def high(d):
        if not d:
            return "9999-99-99"
        p = d.split("-")
        return "-".join([p[0], p[1] if len(p) > 1 else "12", p[2] if len(p) > 2 else "31"])
    return low(start), high(end)


def overlap(a, b):
    (a0, a1), (b0, b1) = bounds(*a), bounds(*b)
    return a0 <= b1 and b0 <= a1


def key(s):
    return re.sub(r"\s+", " ", s.strip().lower())


def read(path):
    rows = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.strip() and not line.startswith("#"):
            c = line.split("\t")
            c += [""] * (6 - len(c))
            rows.append(c[:6])
        else:
            rows.append(line)
    return rows


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dry = "--dry-run" in sys.argv
    region_path, data = args
    region = read(region_path)
    people_path = os.path.join(data, "people.tsv")
    people = read(people_path)

    countries = set()
    new_terms = collections.defaultdict(list)  # name -> [(slot, start, end)]
    names_of = collections.defaultdict(set)   # name/alias key -> names
    first_row = {}
    region_offices = collections.defaultdict(list)  # name -> [(office, start, end)]
    both_terms = collections.defaultdict(list)  # country -> [(start, end)] of "both"
    for i, r in enumerate(region):
        if isinstance(r, str):
            continue
        name, aliases, code, office, start, end = r
        sl = new_slot(office)
        if sl:
            countries.add(code[:3])
            new_terms[name].append((sl, start, end))
            if sl == "both":
                both_terms[code[:3]].append((start, end))
        first_row.setdefault(name, i)
        region_offices[name].append((office, start, end))
        names_of[key(name)].add(name)
        for a in aliases.split("|"):
            if a.strip():
                names_of[key(a)].add(name)

    # Aliases of every person of people.tsv (on any of their rows).
    old_aliases = collections.defaultdict(list)
    for r in people:
        if not isinstance(r, str):
            for a in r[1].split("|"):
                if a.strip() and a.strip() not in old_aliases[r[0]]:
                    old_aliases[r[0]].append(a.strip())

    def match(name):
        """Names in the region file that are this people.tsv person."""
        if name in new_terms or name in first_row:
            return {name}
        found = set(names_of.get(key(name), set()))
        for a in old_aliases[name]:
            if len(a.split()) >= 2:
                found |= names_of.get(key(a), set())
        return found

    removed, converted, kept_old = [], [], []
    keep = []
    for r in people:
        if isinstance(r, str):
            keep.append(r)
            continue
        name, aliases, code, office, start, end = r
        sl = legacy_slot(office)
        # The British titles mean the ministers only in Britain (Sri Lanka's
        # defence secretary is a civil servant); "Secretary of State" only in the US.
        if office in ("Foreign Secretary", "Defence Secretary") and code[:3] != "GBR":
            sl = None
        # The same row in the region file (an office outside the four slots).
        if code[:3] in countries and any(o == office and overlap((start, end), (s0, s1))
                                         for o, s0, s1 in region_offices.get(name, [])):
            removed.append((r, name))
            continue
        if code[:3] not in countries or sl is None:
            keep.append(r)
            continue
        if sl == "fm" and office == "Secretary of State" and code[:3] != "USA":
            keep.append(r)
            continue
        covered = [n for n in match(name)
                   if any(compatible(sl, s, office) and overlap((start, end), (s0, s1))
                          for s, s0, s1 in new_terms.get(n, []))]
        if covered:
            removed.append((r, covered[0]))
            continue
        # Not in the region file. Beside a holder of both offices it is a
        # lesser office (Korea's or Kenya's prime minister): old wording.
        if sl in ("hos", "hog") and any(overlap((start, end), t) for t in both_terms[code[:3]]) and \
                not (office == "President"):
            kept_old.append(r)
            keep.append(r)
            continue
        # Otherwise keep it, in the fixed wording, for dict check to judge.
        if sl in ("hos", "hog"):
            is_both = office == "President" and any(overlap((start, end), t) for t in both_terms[code[:3]])
            title = office
            new_office = ("Head of state and government (%s)" if is_both else
                          "Head of state (%s)" if sl == "hos" else "Head of government (%s)") % title
        else:
            new_office = "Foreign Minister" if sl == "fm" else "Defence Minister"
        converted.append((list(r), new_office))
        r = [name, aliases, code, new_office, start, end]
        keep.append(r)

    # Spellings of removed rows that no kept row or region row carries.
    kept_names = {r[0] for r in keep if not isinstance(r, str)}
    moved = []
    for r, target in removed:
        name = r[0]
        spellings = ([name] if name != target else []) + old_aliases[name]
        if name in kept_names:
            # The person keeps rows in people.tsv: the aliases stay there.
            first = next(k for k in keep if not isinstance(k, str) and k[0] == name)
            have = {key(a) for a in first[1].split("|") if a.strip()}
            add = [a for a in old_aliases[name] if key(a) not in have]
            if add:
                first[1] = "|".join([a for a in first[1].split("|") if a.strip()] + add)
            continue
        fr = region[first_row[target]]
        have = {key(fr[0])} | {key(a) for a in fr[1].split("|") if a.strip()}
        add = [a for a in spellings if key(a) not in have]
        if add:
            fr[1] = "|".join([a for a in fr[1].split("|") if a.strip()] + add)
            moved.append((target, add))
        old_aliases[name] = []  # once is enough

    def dump_row(r):
        return "\t".join(r[:5]) + "\t" + r[5]

    out_path = os.path.join(data, "people", os.path.basename(region_path))
    print(f"countries: {len(countries)}; people.tsv rows removed: {len(removed)}; converted: {len(converted)}; "
          f"persons given old spellings: {len(moved)}")
    for r, t in removed:
        print(f"  removed: {r[0]} | {r[3]} {r[4]}..{r[5]}  (region file: {t})")
    for r, o in converted:
        print(f"  converted: {r[0]} | {r[3]} -> {o} {r[4]}..{r[5]}")
    for r in kept_old:
        print(f"  kept as a lesser office beside a head of state and government: {r[0]} | {r[3]} {r[4]}..{r[5]}")
    for t, add in moved:
        print(f"  aliases added to {t}: {'|'.join(add)}")
    if dry:
        return
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(r if isinstance(r, str) else dump_row(r) for r in region))
    with open(people_path, "w", encoding="utf-8") as f:
        f.write("\n".join(r if isinstance(r, str) else dump_row(r) for r in keep))


if __name__ == "__main__":
    main()
