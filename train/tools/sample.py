#!/usr/bin/env python3
"""Draw batches of corpus sentences to label, as references only (no text).

Sentences come from ../shared/corpus, split by parley itself (its `sentences`
spans), so that a label's byte offsets are the ones the engine sees. Every
corpus record that an article of ../shared/eval/articles or ../shared/examples
names in its `origin` (corpus + id) is left out, and so is any record whose
title is the first line of one of those articles or whose text re-runs one
of them under another id (eight or more five-word sequences in common: wire
services re-send stories). `--list-excluded` prints the near-duplicates.

A candidate sentence names an actor with a country (an entity parley found);
half of each batch is sentences parley codes an event in, half sentences it
codes nothing in although they name two actors or more, so that labels teach both what is an event and
what is not. The draw is seeded and reproducible.

  train/tools/sample.py --parley build/parley --batches 10 --size 100 \
      --out train/batches        # writes batch-001.jsonl ... batch-010.jsonl
"""
import argparse, glob, json, os, random, re, subprocess, sys

def shingles(text, n=5):
    w = re.findall(r"[a-z0-9]+", text.lower())
    return {' '.join(w[i:i + n]) for i in range(len(w) - n + 1)}

def near_duplicates(shared, records, min_shared=8):
    """Ids of corpus records that re-run the text of a check-set article or
    an example under another id (wire services re-send stories): records
    sharing `min_shared` or more five-word sequences with one of them."""
    check = set()
    for pat in ('eval/articles/*/article.txt', 'examples/*/article.txt'):
        for f in glob.glob(os.path.join(shared, pat)):
            check |= shingles(open(f, encoding='utf-8').read())
    out = set()
    for rid, text in records:
        if len(shingles(text) & check) >= min_shared:
            out.add(rid)
    return out

def excluded(shared):
    ids, titles = set(), set()
    pats = [os.path.join(shared, 'eval/articles/*/expected.json'),
            os.path.join(shared, 'examples/*/expected.json')]
    for pat in pats:
        for f in glob.glob(pat):
            d = json.load(open(f, encoding='utf-8'))
            o = d.get('origin') or {}
            if o.get('id'):
                ids.add(o['id'])
            art = os.path.join(os.path.dirname(f), 'article.txt')
            if os.path.exists(art):
                first = open(art, encoding='utf-8').readline().strip()
                if first:
                    titles.add(first.lower())
    return ids, titles

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(__file__), '../../../shared'))
    ap.add_argument('--parley', default='build/parley')
    ap.add_argument('--batches', type=int, default=10)
    ap.add_argument('--size', type=int, default=100)
    ap.add_argument('--seed', type=int, default=11)
    ap.add_argument('--first', type=int, default=1, help='number of the first batch file')
    ap.add_argument('--skip', default='', help='glob of existing batch files whose sentences are not drawn again')
    ap.add_argument('--out')
    ap.add_argument('--list-excluded', action='store_true',
                    help='print the ids of corpus records left out as near-duplicates, then stop')
    a = ap.parse_args()
    ids, titles = excluded(a.shared)
    if a.list_excluded:
        for name in ('news5w1h.jsonl', 'reuters21578.jsonl'):
            recs = [(r['id'], r.get('text') or '') for r in
                    map(json.loads, open(os.path.join(a.shared, 'corpus', name), encoding='utf-8'))
                    if r['id'] not in ids]
            for rid in sorted(near_duplicates(a.shared, recs)):
                print(rid)
        return
    seen = set()
    for f in glob.glob(a.skip) if a.skip else []:
        for line in open(f, encoding='utf-8'):
            r = json.loads(line)
            seen.add((r['id'], r['start']))
    coded, plain = [], []
    for name in ('news5w1h.jsonl', 'reuters21578.jsonl'):
        path = os.path.join(a.shared, 'corpus', name)
        keep, recs = [], []
        for line in open(path, encoding='utf-8'):
            r = json.loads(line)
            if r['id'] in ids or (r.get('title') or '').strip().lower() in titles:
                continue
            keep.append(line)
            recs.append((r['id'], r.get('text') or ''))
        dups = near_duplicates(a.shared, recs)
        keep = [l for l, (rid, _) in zip(keep, recs) if rid not in dups]
        p = subprocess.run([a.parley, 'code', '-q', '--input', 'jsonl', '-'],
                           input=''.join(keep).encode(), capture_output=True, check=True)
        for line in p.stdout.decode().splitlines():
            d = json.loads(line)
            if d.get('error'):
                continue
            sents = d.get('sentences') or []
            actors = {}
            for e in d.get('entities') or []:
                if not e.get('country'):
                    continue
                for s, _ in e.get('mentions') or []:
                    for i, (a0, a1) in enumerate(sents):
                        if a0 <= s < a1:
                            actors.setdefault(i, set()).add(e['id'])
            ev_sents = {ev.get('sentence') for ev in d.get('events') or []}
            for i in sorted(actors):
                s0, s1 = sents[i]
                if not 40 <= s1 - s0 <= 400 or (d['doc_id'], s0) in seen:
                    continue
                ref = {'corpus': name, 'id': d['doc_id'], 'start': s0, 'end': s1}
                if i in ev_sents:
                    coded.append(ref)
                elif len(actors[i]) >= 2:
                    plain.append(ref)
    rng = random.Random(a.seed)
    rng.shuffle(coded)
    rng.shuffle(plain)
    os.makedirs(a.out, exist_ok=True)
    half = a.size // 2
    for b in range(a.batches):
        batch = coded[b * half:(b + 1) * half] + plain[b * (a.size - half):(b + 1) * (a.size - half)]
        rng.shuffle(batch)
        with open(os.path.join(a.out, 'batch-%03d.jsonl' % (a.first + b)), 'w', encoding='utf-8') as f:
            for r in batch:
                f.write(json.dumps(r) + '\n')
    print('candidates: %d coded, %d not coded; wrote %d batches of %d' %
          (len(coded), len(plain), a.batches, a.size), file=sys.stderr)

if __name__ == '__main__':
    main()
