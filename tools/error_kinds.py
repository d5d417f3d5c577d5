#!/usr/bin/env python3
"""Group coding errors by kind, with a count and one example of each.

Kinds: missed event, spurious event, wrong root, wrong source, wrong target,
wrong direction, negation. Errors are judged on country keys and CAMEO roots
with the shared scorers' own key functions, so the totals are the scorers'
false negatives and false positives: a miss and a false positive that differ
only in one respect are reported once, as that kind.

    tools/error_kinds.py sentences ../shared/eval/dev.jsonl dev.pred.jsonl
    tools/error_kinds.py articles ../shared/examples examples.pred.jsonl [--exclude istanbul-talks]
"""
import argparse
import collections
import glob
import importlib.util
import json
import os
import sys


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# Tests in order: the first that relates a miss g to a false positive p names
# the kind. Keys are (source, target, root, negated); `same` compares keys.
def kinds_of(same):
    def any_target(g, p):
        return g[1] is None or same(g[1], p[1])
    return [
        ("negation", lambda g, p: same(g[0], p[0]) and any_target(g, p) and g[2] == p[2]),
        ("wrong direction", lambda g, p: g[1] is not None and same(g[0], p[1]) and same(g[1], p[0]) and g[2] == p[2]),
        ("wrong root", lambda g, p: same(g[0], p[0]) and any_target(g, p)),
        ("wrong source", lambda g, p: any_target(g, p) and g[2] == p[2]),
        ("wrong target", lambda g, p: same(g[0], p[0]) and g[2] == p[2]),
    ]


class Report:
    def __init__(self):
        self.count = collections.Counter()
        self.example = {}

    def add(self, kind, text):
        self.count[kind] += 1
        self.example.setdefault(kind, text)

    def pair(self, misses, false_pos, tests, show):
        """misses: [(gold key alternatives, text)]; false_pos: [(key, text)]."""
        false_pos = list(false_pos)
        for alternatives, text in misses:
            found = None
            for kind, test in tests:
                for i, (p, ptext) in enumerate(false_pos):
                    if any(test(g, p) for g in alternatives):
                        found = (kind, i, p)
                        break
                if found:
                    break
            if found:
                kind, i, p = found
                self.add(kind, f"{text}; got {show(p)}")
                del false_pos[i]
            else:
                self.add("missed event", text)
        for p, ptext in false_pos:
            self.add("spurious event", f"{show(p)} :: {ptext}")

    def print(self):
        for kind, n in self.count.most_common():
            print(f"- {kind}: {n}; e.g. {self.example[kind]}")


def sentences(args):
    ss = load_module(os.path.join(args.eval_dir, "score_sentences.py"), "score_sentences")
    gold = ss.load_gold(args.gold)
    pred, _, _ = ss.load_pred(args.pred)

    def key(code):
        return ss.country_key(code)

    def same(a, b):
        return a == b or ss.same_country(a, b)

    def show(k):
        return f"{k[0]} -> {k[1]} root {k[2]}"

    report = Report()
    for rec in gold:
        g = {(key(s), key(t), c[:2], False) for s, t, c in ss.triples(rec["events"], True)}
        p = {(key(s), key(t), c[:2], False) for s, t, c in ss.triples(pred.get(rec["id"], []), True)}
        misses = [([k], f"{rec['id']}: {show(k)} :: {rec['text'][:80]}") for k in g if k not in p]
        false_pos = [(k, rec["text"][:80]) for k in p if k not in g]
        report.pair(misses, false_pos, kinds_of(same), lambda k, r=rec["id"]: f"{r}: {show(k)}")
    report.print()


def articles(args):
    sa = load_module(os.path.join(args.eval_dir, "score_article.py"), "score_article")
    preds = {}
    with open(args.pred, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                preds[rec["doc_id"]] = rec
    exclude = set(filter(None, args.exclude.split(",")))

    def show(k):
        return f"{k[0]} -> {k[1]} root {k[2]}{' negated' if k[3] else ''}"

    report = Report()
    for path in sorted(glob.glob(os.path.join(args.examples, "*", "expected.json"))):
        doc = os.path.basename(os.path.dirname(path))
        if doc in exclude:
            continue
        with open(path, encoding="utf-8") as f:
            gold = json.load(f)
        required = [e for e in gold["events"] if not e.get("optional")]
        optional = set().union(*[sa.gold_keys(e) for e in gold["events"] if e.get("optional")] or [set()])
        pred = {}
        for e in preds.get(doc, {}).get("events") or []:
            pred.setdefault(sa.pred_key(e), e)
        misses = [(list(sa.gold_keys(e)), f"{doc}: {e.get('source')}->{e.get('target')} {e.get('cameo')} :: "
                   f"{e.get('evidence', '')[:80]}")
                  for e in required if not any(sa.key_match(p, g) for p in pred for g in sa.gold_keys(e))]
        false_pos = [(p, (pred[p].get('evidence') or '')[:80]) for p in pred
                     if not any(sa.key_match(p, g) for e in required for g in sa.gold_keys(e))
                     and not any(sa.key_match(p, g) for g in optional)]
        report.pair(misses, false_pos, kinds_of(sa.same), lambda k: f"{doc}: {show(k)}")
    report.print()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", default=os.path.join(here, "..", "..", "shared", "eval"),
                    help="where score_sentences.py and score_article.py are (default ../shared/eval)")
    sub = ap.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("sentences")
    s.add_argument("gold")
    s.add_argument("pred")
    a = sub.add_parser("articles")
    a.add_argument("examples")
    a.add_argument("pred")
    a.add_argument("--exclude", default="")
    args = ap.parse_args()
    if not os.path.isdir(args.eval_dir):
        sys.exit(f"error_kinds: {args.eval_dir} not found (needs ../shared beside the repo, or --eval-dir)")
    (sentences if args.mode == "sentences" else articles)(args)


if __name__ == "__main__":
    main()
