#!/usr/bin/env python3
"""Group coding errors by kind, with a count and one example of each.

Kinds: missed event, spurious event, wrong root, wrong source, wrong target,
wrong direction, negation. Errors are judged on country keys and CAMEO roots
with the shared scorers' own key functions, so the totals are the scorers'
false negatives and false positives: a miss and a false positive that differ
only in one respect are reported once, as that kind.

    tools/error_kinds.py sentences ../shared/eval/dev.jsonl dev.pred.jsonl
    tools/error_kinds.py articles ../shared/examples examples.pred.jsonl [--exclude istanbul-talks]
    tools/error_kinds.py types ../shared/eval/articles ea.pred.jsonl [--parley build/parley]

`types` sorts the span-tier misses (required gold events not found in the
sentence that reports them) by the failure types of issue 11, from what
`parley explain` says about that sentence: which patterns fired, with what
root, and why no event came of them. It is a heuristic, first test wins:
  10 split     the evidence runs over two parley sentences, or a headline or
               photo caption was merged into its sentence
  actor        an event of the right root was emitted from the sentence but
               with other countries (types 1, 3, 5: unknown names, merges,
               local evidence; the actor side)
  2 reference  a right-root pattern found no source and the evidence has
               "it", "its", "they", "both sides", "the two ...", "the
               ministry", "the move" or similar before the verb
  4 structure  a right-root pattern found no source, with a list, a relative,
               a fronted or coordinated clause or a passive in the evidence
  8 quote      the evidence is quoted or reported speech and no right-root
               event came of it
  6 target     a right-root pattern found its source but no target
  9 framing    a right-root pattern was read as content, intention, refusal
               or threat, or the gold code is a denial, threat, refusal or
               intention (016, 13, 12, 03) that no pattern gave
  7 noun       the right root was named by an event noun that was not coded
  actor        a right-root pattern found no source and none of the above
               applies (an actor not recognised)
  10 phrasing  no pattern of the right root fired in the sentence
"""
import argparse
import collections
import glob
import importlib.util
import json
import os
import re
import subprocess
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


REFERENCE = re.compile(r"\b(it|its|they|their|both sides|both countries|both parties|the two (?:countries|sides|nations|"
                       r"leaders|governments)|the (?:ministry|move|government|country|group|military|army|agency|"
                       r"administration|council|organisation|organization|bloc|alliance|company))\b", re.I)
STRUCTURE = re.compile(r"(\w+, \w+,? and \w|\b(?:who|which|whose)\b|^(?:After|Before|While|Following|Having)\b|"
                       r"\b(?:was|were|been|being)\s+\w+ed\b|, and \w+ed\b|\band (?:urged|called|said|warned)\b)", re.I)
QUOTE = re.compile(r"[\"\u201c\u201d]|\b(?:said|says|told|according to|added|stated|tweeted|wrote)\b", re.I)
MODAL = re.compile(r"\b(?:refus\w*|reject\w*|threat\w*|deni\w*|deny|pledg\w*|promis\w*|vow\w*|offer\w*|would|could|"
                   r"will|if|plan\w*|decid\w*|intend\w*|ready)\b", re.I)
TYPE_NAMES = {
    "10 split": "10 sentence split / merged headline or caption",
    "actor": "1/3/5 actor side (unknown names, merges, local evidence)",
    "2 reference": "2 references (it, both sides, the ministry)",
    "4 structure": "4 coordination, clauses, passives",
    "8 quote": "8 quotes and reported speech",
    "6 target": "6 implicit target",
    "9 framing": "9 refusal, threat, intent, denial, content",
    "7 noun": "7 event nouns",
    "10 phrasing": "10 no right-root pattern (phrasing, word class)",
}


def explain(parley, text_path, date):
    """Sentences [(begin, end, text, trace lines)] from `parley explain`."""
    cmd = [parley, "explain", "--file", text_path] + (["--date", date] if date else [])
    out = subprocess.run(cmd, capture_output=True, text=True, errors="replace").stdout
    sents, coder, cur = [], {}, None
    in_coder = False
    for line in out.split("\n"):
        m = re.match(r"sentence (\d+) \[(\d+), (\d+)\)( \(headline\))?: (.*)", line)
        if m and not in_coder:
            sents.append([int(m.group(2)), int(m.group(3)), m.group(5), bool(m.group(4)), [], []])
            continue
        if line.startswith("  event ") and sents and not in_coder:
            sents[-1][5].append(line)
            continue
        if line == "coder:":
            in_coder = True
            continue
        m = re.match(r"sentence (\d+):$", line)
        if in_coder and m:
            cur = int(m.group(1))
            continue
        if in_coder and cur is not None and cur < len(sents):
            sents[cur][4].append(line)
    return sents


def failure_type(ev, sents, window):
    root = ev["cameo_root"]
    roots = set(ev.get("either_root") or [root]) | {c[:2] for c in ev.get("either_cameo", [])}
    evidence = ev.get("evidence") or ""
    hit = [s for s in sents if window and s[0] < window[1] and s[1] > window[0]]
    if len(hit) > 1 or any("\n" in s[2] or "Image caption" in s[2] for s in hit):
        return "10 split"
    trace = [l for s in hit for l in s[4]]
    events = [l for s in hit for l in s[5]]
    if any(re.search(r"cameo=(\d\d)", l) and re.search(r"cameo=(\d\d)", l).group(1) in roots for l in events):
        return "actor"
    fired, cur = [], None  # (pattern line, outcome lines) with a right root
    for l in trace:
        m = re.match(r"  (verb|noun) '.*?pattern (\d\d)\d* ", l)
        if m:
            cur = [m.group(1), m.group(2), l, []]
            if m.group(2) in roots:
                fired.append(cur)
        elif cur is not None:
            cur[3].append(l)
    outcomes = " ".join(" ".join(f[3]) + " " + f[2] for f in fired)
    no_source = "no source actor" in outcomes
    if fired and no_source and REFERENCE.search(evidence):
        return "2 reference"
    if fired and no_source and STRUCTURE.search(evidence):
        return "4 structure"
    if not fired and QUOTE.search(evidence) and root < "14":
        return "8 quote"
    if fired and "with no target" in outcomes:
        return "6 target"
    if fired and any(w in outcomes for w in ("content of", "alleges", "governs an infinitive", "refusal")):
        return "9 framing"
    if not fired and (ev.get("cameo", "") == "016" or root in ("12", "13", "03") or MODAL.search(evidence)):
        return "9 framing"
    if fired and all(f[0] == "noun" for f in fired):
        return "7 noun"
    if fired:
        return "actor"
    if any(re.match(r"  noun '", l) for l in trace) and not any(re.match(r"  verb '.*pattern", l) for l in trace):
        return "7 noun"
    return "10 phrasing"


def types(args):
    sa = load_module(os.path.join(args.eval_dir, "score_article.py"), "score_article")
    preds, _ = sa.load_pred(args.pred)
    gold = sa.load_gold(args.examples)
    exclude = set(filter(None, args.exclude.split(",")))
    count, example, total = collections.Counter(), {}, 0
    for doc, g in sorted(gold.items()):
        if doc in exclude:
            continue
        p = preds.get(doc, {"events": [], "sentences": []})
        text = g.get("_text")
        folder = os.path.join(args.examples, doc)
        sents = explain(args.parley, os.path.join(folder, "article.txt"), g.get("publish_date")) if text else []
        for ev in g["events"]:
            if ev.get("optional"):
                continue
            total += 1
            window = sa.evidence_window(text, ev.get("evidence"), []) if text else None
            keys = sa.gold_keys(ev)
            found = False
            for pe in p.get("events") or []:
                sp = pe.get("span")
                if any(sa.key_match(sa.pred_key(pe), k) for k in keys) and sa.overlaps(sp, window):
                    found = True
                    break
            if found:
                continue
            kind = failure_type(ev, sents, window)
            count[kind] += 1
            if args.show and kind.startswith(args.show):
                print(f"[{kind}] {doc}: {ev.get('source')}->{ev.get('target')} {ev.get('cameo')} :: "
                      f"{ev.get('evidence') or ''}")
            example.setdefault(kind, f"{doc}: {ev.get('source')}->{ev.get('target')} {ev.get('cameo')} :: "
                                     f"{(ev.get('evidence') or '')[:90]}")
    print(f"span-tier misses: {sum(count.values())} of {total} required events")
    for kind, n in count.most_common():
        print(f"- {TYPE_NAMES[kind]}: {n}; e.g. {example[kind]}")


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
    t = sub.add_parser("types")
    t.add_argument("examples")
    t.add_argument("pred")
    t.add_argument("--exclude", default="")
    t.add_argument("--show", default="", help="list every miss whose type starts with this (e.g. 6, 2, 7)")
    t.add_argument("--parley", default=os.path.join(here, "..", "build", "parley"))
    args = ap.parse_args()
    if not os.path.isdir(args.eval_dir):
        sys.exit(f"error_kinds: {args.eval_dir} not found (needs ../shared beside the repo, or --eval-dir)")
    {"sentences": sentences, "articles": articles, "types": types}[args.mode](args)


if __name__ == "__main__":
    main()
