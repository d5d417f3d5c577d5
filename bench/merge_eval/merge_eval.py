#!/usr/bin/env python3
"""Merge evaluation: merged events per real event.

Reads stories.tsv (beside this script): stories that several articles of
../shared/corpus report, each with the articles (doc_ids), the events of the
story to look at (source and target actor countries, CAMEO root, a day range)
and the number of distinct real-world events those are, counted by hand from
the articles. For each story it counts the merged events of a store that hold
an occurred event of those articles matching the selection, and prints merged
events per real event (1.0 is perfect; above 1 means reports of one event
were not merged; below 1, distinct events were merged together).

    python3 bench/merge_eval/merge_eval.py --parley build/parley --store reuters.db [--store news.db ...]

Works on any parley store: events are read with `parley export --raw
--format jsonl`; stores whose export has no `status` field count every event.
"""
import argparse
import json
import os
import subprocess
import sys


def load_stories(path):
    stories = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0] == "story":
                continue
            name, corpus, src, tgt, root, day_from, day_to, expected, docs = cols[:9]
            stories.append({
                "name": name, "corpus": corpus, "src": set(src.split("|")), "tgt": set(tgt.split("|")),
                "root": root, "from": day_from, "to": day_to, "expected": int(expected),
                "docs": set(d.strip() for d in docs.split(",") if d.strip()),
            })
    return stories


def actor_key(a):
    if not a:
        return ""
    return a.get("country") or (a.get("code") or "")[:3]


def occurred(e):
    if "status" not in e:
        return True
    return e.get("status") == "occurred" and not e.get("negated")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parley", default="build/parley")
    ap.add_argument("--store", action="append", required=True, help="store(s) holding the stories' corpus")
    ap.add_argument("--stories", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "stories.tsv"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    stories = load_stories(args.stories)
    wanted = set().union(*(s["docs"] for s in stories))
    events = []
    for store in args.store:
        cmd = [args.parley, "export", "--store", store, "--format", "jsonl", "--raw"]
        out = subprocess.run(cmd + ["--include-unrealised"], capture_output=True, text=True)
        if out.returncode != 0:  # an older parley without the flag
            out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"merge_eval: {' '.join(cmd)}: {out.stderr.strip()}")
        for line in out.stdout.splitlines():
            e = json.loads(line)
            if e["doc_id"] in wanted:
                events.append((store, e))
    total_merged = total_real = 0
    print(f"{'story':32} {'articles':>8} {'reports':>7} {'merged':>6} {'real':>4} {'merged/real':>11}")
    for s in stories:
        merged, reports, docs = set(), 0, set()
        for store, e in events:
            if e["doc_id"] not in s["docs"] or not occurred(e):
                continue
            if actor_key(e.get("source")) not in s["src"] or actor_key(e.get("target")) not in s["tgt"]:
                continue
            if e.get("cameo_root") != s["root"]:
                continue
            day = e.get("date") or ""
            if not day or len(day) < 10 or not (s["from"] <= day <= s["to"]):
                continue
            reports += 1
            docs.add(e["doc_id"])
            merged.add((store, e.get("merged_id")))
            if args.verbose:
                loc = (e.get("location") or {}).get("name")
                print(f"    {e['doc_id']} {day} {e['cameo']} {loc} -> merged {e.get('merged_id')}")
        total_merged += len(merged)
        total_real += s["expected"]
        print(f"{s['name']:32} {len(docs):>8} {reports:>7} {len(merged):>6} {s['expected']:>4} "
              f"{len(merged) / s['expected']:>11.2f}")
    print(f"{'all stories':32} {'':>8} {'':>7} {total_merged:>6} {total_real:>4} {total_merged / total_real:>11.2f}")


if __name__ == "__main__":
    main()
