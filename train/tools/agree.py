#!/usr/bin/env python3
"""Agreement between two labellers on the sentences both labelled.

  train/tools/agree.py train/labels/a-batch-001.jsonl train/labels/b-batch-001.jsonl
  train/tools/agree.py --dir train/labels        # every batch present for both a and b

Reports, over the shared sentences (same corpus, id, start, end):
  presence   does the sentence report an event: raw agreement and Cohen's kappa
  root       the sentence's roots as one label (the sorted set of roots, or
             NONE): raw agreement and Cohen's kappa
  events     F1 of one labeller's events against the other's (symmetric), at
             three levels: root; source country + root + target country
             (the first three letters of each actor code, "-" when none);
             and the full code with both countries.
"""
import argparse, collections, glob, json, os, re, sys


def load(path):
    out = {}
    for line in open(path, encoding='utf-8'):
        if line.strip():
            r = json.loads(line)
            out[(r['corpus'], r['id'], r['start'], r['end'])] = r
    return out


def kappa(pairs):
    """Cohen's kappa of a list of (label_a, label_b)."""
    n = len(pairs)
    if n == 0:
        return float('nan'), float('nan')
    agree = sum(a == b for a, b in pairs) / n
    ca = collections.Counter(a for a, _ in pairs)
    cb = collections.Counter(b for _, b in pairs)
    chance = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    k = (agree - chance) / (1 - chance) if chance < 1 else 1.0
    return agree, k


def country(code):
    return (code or '-')[:3] or '-'


def keys(events, level):
    c = collections.Counter()
    for e in events:
        code = str(e['code'])
        if level == 'root':
            c[code[:2]] += 1
        elif level == 'country+root':
            c[(country(e.get('source')), code[:2], country(e.get('target')))] += 1
        else:
            c[(country(e.get('source')), code, country(e.get('target')))] += 1
    return c


def f1(a_events, b_events, level):
    tp = na = nb = 0
    for ea, eb in zip(a_events, b_events):
        ka, kb = keys(ea, level), keys(eb, level)
        tp += sum((ka & kb).values())
        na += sum(ka.values())
        nb += sum(kb.values())
    return 2 * tp / (na + nb) if na + nb else float('nan'), tp, na, nb


def report(a, b, name_a, name_b, out):
    shared = sorted(set(a) & set(b))
    out.write('%d sentences labelled by both %s and %s\n' % (len(shared), name_a, name_b))
    if not shared:
        return
    ea = [a[k]['events'] for k in shared]
    eb = [b[k]['events'] for k in shared]
    pres = [(bool(x), bool(y)) for x, y in zip(ea, eb)]
    ag, k = kappa(pres)
    out.write('presence: %d and %d sentences with events; agreement %.3f, kappa %.3f\n'
              % (sum(p for p, _ in pres), sum(q for _, q in pres), ag, k))
    roots = [(' '.join(sorted({str(e['code'])[:2] for e in x})) or 'NONE',
              ' '.join(sorted({str(e['code'])[:2] for e in y})) or 'NONE') for x, y in zip(ea, eb)]
    ag, k = kappa(roots)
    out.write('root set: agreement %.3f, kappa %.3f\n' % (ag, k))
    both = [(x, y) for x, y in roots if x != 'NONE' and y != 'NONE']
    if both:
        ag, k = kappa(both)
        out.write('root set where both saw an event (%d): agreement %.3f, kappa %.3f\n' % (len(both), ag, k))
    for level in ('root', 'country+root', 'code+countries'):
        f, tp, na, nb = f1(ea, eb, level)
        out.write('events %-15s F1 %.3f (%d matched; %d by %s, %d by %s)\n' % (level, f, tp, na, name_a, nb, name_b))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('files', nargs='*')
    ap.add_argument('--dir', help='a labels directory: compares a-batch-N with b-batch-N for every N present twice')
    args = ap.parse_args()
    if args.dir:
        a, b = {}, {}
        for path in glob.glob(os.path.join(args.dir, '*-batch-*.jsonl')):
            m = re.match(r'(\w+)-batch-(\d+)\.jsonl$', os.path.basename(path))
            if m and m.group(1) == 'a':
                a.update(load(path))
            elif m and m.group(1) == 'b':
                b.update(load(path))
        report(a, b, 'a', 'b', sys.stdout)
    elif len(args.files) == 2:
        report(load(args.files[0]), load(args.files[1]), args.files[0], args.files[1], sys.stdout)
    else:
        ap.error('give two label files or --dir')


if __name__ == '__main__':
    main()
