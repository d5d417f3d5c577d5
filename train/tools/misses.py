#!/usr/bin/env python3
"""Lists the labelled events parley misses or codes with another root, for
finding which phrasings the rules lack. Prints to the terminal only (the
corpus text never goes into the repository).

  train/tools/misses.py [--parley build/parley] [--pred FILE] [--roots 04,05]
                        [--kind missed|wrong-root|spurious|all] [--by-trigger]
                        [-- PARLEY CODE ARGS]

For each labelled sentence, the labelled events are matched one to one with
the predicted events whose evidence starts in the sentence, first on the
root (as score.py's root level), then what is left: a labelled event with a
predicted event of another root whose span overlaps its trigger is a wrong
root, one with none is missed; a predicted event left over is spurious.
Each line shows the sentence with the trigger [[marked]], the labelled
code and parley's events there (root, rule). --by-trigger prints, instead,
the missed and wrong-root events counted by the trigger's first word
(lower case) and labelled root: the most common phrasings first.
--pred reads parley's output from a file written earlier (the same labels).
"""
import argparse, collections, json, os, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import labelset
sys.path.insert(0, os.path.join(labelset.SHARED, 'eval'))
import score_sentences as ss


def main():
    argv, extra = labelset.split_parley_args(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    labelset.add_parley_and_labels(ap)
    ap.add_argument('--pred', help='parley output for the labelled articles (else run parley)')
    ap.add_argument('--save-pred', help='keep the output parley wrote here')
    ap.add_argument('--roots', help='only labelled (or, for spurious, predicted) roots in this comma list')
    ap.add_argument('--kind', default='all', choices=['missed', 'wrong-root', 'spurious', 'all'])
    ap.add_argument('--by-trigger', action='store_true')
    a = ap.parse_args(argv)
    labels = labelset.load_labels(a.labels)
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, 'in.jsonl')
        texts = labelset.write_articles(labels, inp)
        out = a.pred or a.save_pred or os.path.join(tmp, 'pred.jsonl')
        if not a.pred:
            labelset.run_parley(a.parley, ['code', '-q', '--threads', '1'] + extra, inp, out)
        pred_by_doc = {}
        for line in open(out, encoding='utf-8'):
            d = json.loads(line)
            pred_by_doc[d.get('doc_id') or d.get('id')] = d.get('events') or []
    roots = set(a.roots.split(',')) if a.roots else None
    counts = collections.Counter()
    tally = collections.Counter()
    for (corpus, doc, s0, s1), lab in sorted(labels.items()):
        text = texts[doc]
        gold = [dict(e, root=str(e['code'])[:2]) for e in lab['events']]
        pred = [dict(e, root=str(e.get('cameo_root') or e['cameo'][:2]))
                for e in pred_by_doc.get(doc, []) if s0 <= e['span'][0] < s1]
        owner = ss.max_matching(gold, pred, lambda g, p: g['root'] == p['root'])
        used_g, used_p = set(owner.values()), set(owner.keys())   # owner: pred index -> gold index
        for gi, g in enumerate(gold):
            if gi in used_g:
                tally['right', g['root']] += 1
                continue
            t = g.get('trigger')
            over = [p for pi, p in enumerate(pred) if pi not in used_p and t and p['span'][0] < t[1] and t[0] < p['span'][1]]
            kind = 'wrong-root' if over else 'missed'
            tally[kind, g['root']] += 1
            if a.kind not in ('all', kind) or (roots and g['root'] not in roots):
                continue
            word = text[t[0]:t[1]].decode('utf-8', 'replace').lower() if t else '-'
            if a.by_trigger:
                counts[(word.split()[0] if word.split() else word, g['root'], kind)] += 1
                continue
            sent = text[s0:t[0]] + b'[[' + text[t[0]:t[1]] + b']]' + text[t[1]:s1] if t else text[s0:s1]
            print('%s %s:%d-%d %s %s>%s %s' % (kind.upper(), doc, s0, s1, g['code'], g.get('source'), g.get('target'),
                                             'NEG' if g.get('negated') else g.get('status', '')))
            print('   ', ' '.join(sent.decode('utf-8', 'replace').split()))
            for p in pred:
                print('    pred %s %s>%s %s' % (p['cameo'], (p.get('source') or {}).get('code'),
                                               (p.get('target') or {}).get('code'), p.get('rule')))
        for pi, p in enumerate(pred):
            if pi in used_p:
                continue
            t_over = any(g.get('trigger') and p['span'][0] < g['trigger'][1] and g['trigger'][0] < p['span'][1]
                         for gi, g in enumerate(gold) if gi not in used_g)
            if t_over:
                continue
            tally['spurious', p['root']] += 1
            if a.kind not in ('all', 'spurious') or (roots and p['root'] not in roots) or a.by_trigger:
                continue
            print('SPURIOUS %s:%d-%d pred %s %s>%s %s' % (doc, s0, s1, p['cameo'], (p.get('source') or {}).get('code'),
                                                      (p.get('target') or {}).get('code'), p.get('rule')))
            print('   ', ' '.join(text[s0:s1].decode('utf-8', 'replace').split()))
    if a.by_trigger:
        for (w, r, k), n in counts.most_common():
            print('%4d %-16s %s %s' % (n, w, r, k))
    print('\nby root: right / wrong-root / missed / spurious', file=sys.stderr)
    for r in sorted({r for _, r in tally}):
        print('  %s %4d %4d %4d %4d' % (r, tally['right', r], tally['wrong-root', r], tally['missed', r], tally['spurious', r]),
              file=sys.stderr)


if __name__ == '__main__':
    main()
