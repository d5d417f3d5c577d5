#!/usr/bin/env python3
"""Check the label files: every sentence reference exists and is a sentence
of its batch, no record comes from (or re-runs) an article of the check set
or the examples, every CAMEO code is in the codebook, every actor code is a
country, IGO or known role block, every span lies inside its sentence on
word boundaries, and every status is one of the contract's. Exit 1 with one
line per problem.

  train/tools/check.py [train/labels/*.jsonl]
"""
import glob, json, os, re, sys

sys.path.insert(0, os.path.dirname(__file__))
import sample  # noqa: E402  (near_duplicates, excluded)

HERE = os.path.dirname(__file__)
SHARED = os.path.join(HERE, '../../../shared')
STATUSES = {'occurred', 'planned', 'hypothetical', 'denied'}

def codebook():
    codes = set()
    for line in open(os.path.join(SHARED, 'codebooks/cameo_codes.tsv'), encoding='utf-8'):
        c = line.split('\t')[0].strip()
        if c.isdigit():
            codes.add(c)
    return codes

def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, '../labels/*-batch-*.jsonl')))
    docs = {}
    for name in ('news5w1h.jsonl', 'reuters21578.jsonl'):
        for line in open(os.path.join(SHARED, 'corpus', name), encoding='utf-8'):
            r = json.loads(line)
            docs[r['id']] = r['text'].encode('utf-8')
    ids, _ = sample.excluded(SHARED)
    dups = sample.near_duplicates(SHARED, [(k, v.decode('utf-8')) for k, v in docs.items() if k not in ids])
    codes = codebook()
    problems = []
    word = re.compile(rb'[A-Za-z0-9]')
    n_sent = n_ev = 0
    for f in files:
        for no, line in enumerate(open(f, encoding='utf-8'), 1):
            where = '%s:%d' % (f, no)
            r = json.loads(line)
            n_sent += 1
            t = docs.get(r['id'])
            if t is None:
                problems.append('%s: no corpus record %s' % (where, r['id']))
                continue
            if r['id'] in ids or r['id'] in dups:
                problems.append('%s: %s comes from the check set or the examples' % (where, r['id']))
            s0, s1 = r['start'], r['end']
            for e in r['events']:
                n_ev += 1
                if e['code'] not in codes:
                    problems.append('%s: CAMEO code %s not in the codebook' % (where, e['code']))
                if e.get('status') not in STATUSES:
                    problems.append('%s: status %r' % (where, e.get('status')))
                for k in ('source_span', 'target_span', 'trigger'):
                    sp = e.get(k)
                    if not sp:
                        continue
                    a, b = sp
                    if not (s0 <= a < b <= s1):
                        problems.append('%s: %s %s outside the sentence' % (where, k, sp))
                    elif (a > 0 and word.match(t[a - 1:a]) and word.match(t[a:a + 1])) or \
                         (b < len(t) and word.match(t[b:b + 1]) and word.match(t[b - 1:b])):
                        problems.append('%s: %s %s cuts a word' % (where, k, sp))
    for p in problems:
        print(p)
    print('%d sentences, %d events, %d problems' % (n_sent, n_ev, len(problems)), file=sys.stderr)
    sys.exit(1 if problems else 0)

if __name__ == '__main__':
    main()
