#!/usr/bin/env python3
"""Print the sentences of a batch for a labeller: each with its reference,
the article's title and publish date, and the two sentences before it as
context (reference resolution needs them). Reads ../shared/corpus; prints
to the terminal only (labels in the repo never hold the text).

  train/tools/show.py train/batches/batch-001.jsonl [--from N --to M]
"""
import argparse, json, os

def load(shared, names):
    docs = {}
    for name in names:
        for line in open(os.path.join(shared, 'corpus', name), encoding='utf-8'):
            r = json.loads(line)
            docs[(name, r['id'])] = r
    return docs

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('batch')
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(__file__), '../../../shared'))
    ap.add_argument('--from', dest='lo', type=int, default=1)
    ap.add_argument('--to', dest='hi', type=int, default=10**9)
    ap.add_argument('--context', type=int, default=300, help='bytes of text before the sentence')
    a = ap.parse_args()
    refs = [json.loads(l) for l in open(a.batch, encoding='utf-8')]
    docs = load(a.shared, sorted({r['corpus'] for r in refs}))
    for n, r in enumerate(refs, 1):
        if not a.lo <= n <= a.hi:
            continue
        d = docs[(r['corpus'], r['id'])]
        b = d['text'].encode('utf-8')
        ctx = b[max(0, r['start'] - a.context):r['start']].decode('utf-8', 'ignore')
        sent = b[r['start']:r['end']].decode('utf-8')
        print('#%d ref=%s:%s:%d-%d' % (n, r['corpus'], r['id'], r['start'], r['end']))
        print('  title: %s | date: %s' % (d.get('title'), d.get('publish_date') or d.get('date')))
        print('  before: ...%s' % ' '.join(ctx.split()))
        print('  SENTENCE: %s' % ' '.join(sent.split()))
        print()

if __name__ == '__main__':
    main()
