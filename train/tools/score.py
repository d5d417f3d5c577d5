#!/usr/bin/env python3
"""Scores parley on the labelled corpus sentences: a fresh evaluation set,
text no rule was tuned on.

  train/tools/score.py [--parley build/parley] [--labels train/labels ...] [-- PARLEY CODE ARGS]

Runs `parley code` on every corpus article holding a labelled sentence; the
events parley predicts in a sentence are those whose evidence span starts
inside it. Each sentence's predicted events are matched one to one with its
labelled events (a maximum matching), and F1 is reported at four levels:
  presence      does the sentence report an event at all (per sentence)
  root          the CAMEO root
  country+root  source country, target country and root, with the country
                keys and aliases of ../shared/eval/score_sentences.py
  span          country+root, and the predicted span overlaps the labelled
                trigger
Arguments after `--` go to `parley code` (e.g. `-- --event-model off`).
"""
import argparse, json, os, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import labelset

sys.path.insert(0, os.path.join(labelset.SHARED, 'eval'))
try:
    import score_sentences as ss
except ImportError:
    sys.exit('score.py: needs ../shared/eval/score_sentences.py (the country keys): not found')


def key(source, target, code):
    return (ss.country_key(ss.norm_code(source)), ss.country_key(ss.norm_code(target)), str(code)[:2])


def compatible(level):
    def ok(g, p):
        if g['root'] != p['root']:
            return False
        if level == 'root':
            return True
        if not (ss.same_country(g['key'][0], p['key'][0]) and ss.same_country(g['key'][1], p['key'][1])):
            return False
        if level == 'country+root':
            return True
        t = g['trigger']
        return t is None or (p['span'][0] < t[1] and t[0] < p['span'][1])
    return ok


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(labels, pred_by_doc):
    """{level: (tp, n_pred, n_gold)} over the labelled sentences."""
    tally = {lv: [0, 0, 0] for lv in ('presence', 'root', 'country+root', 'span')}
    for (corpus, doc, s0, s1), lab in sorted(labels.items()):
        gold = [{'root': str(e['code'])[:2], 'key': key(e.get('source'), e.get('target'), e['code']),
                 'trigger': e.get('trigger')} for e in lab['events']]
        pred = [{'root': str(e.get('cameo_root') or e['cameo'][:2]),
                 'key': key((e.get('source') or {}).get('code'), (e.get('target') or {}).get('code'), e['cameo']),
                 'span': e['span']}
                for e in pred_by_doc.get(doc, []) if s0 <= e['span'][0] < s1]
        t = tally['presence']
        t[0] += bool(gold) and bool(pred)
        t[1] += bool(pred)
        t[2] += bool(gold)
        for lv in ('root', 'country+root', 'span'):
            owner = ss.max_matching(gold, pred, compatible(lv))
            tally[lv][0] += len(owner)
            tally[lv][1] += len(pred)
            tally[lv][2] += len(gold)
    return tally


def load_pred(path):
    out = {}
    for line in open(path, encoding='utf-8'):
        d = json.loads(line)
        out[d.get('doc_id') or d.get('id')] = d.get('events') or []
    return out


def main():
    argv, extra = labelset.split_parley_args(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    labelset.add_parley_and_labels(ap)
    ap.add_argument('--json', action='store_true', help='one JSON line of the figures')
    a = ap.parse_args(argv)
    labels = labelset.load_labels(a.labels)
    if not labels:
        sys.exit('score.py: no labelled sentences in %s' % ' '.join(a.labels))
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = os.path.join(tmp, 'in.jsonl'), os.path.join(tmp, 'pred.jsonl')
        labelset.write_articles(labels, inp)
        labelset.run_parley(a.parley, ['code', '-q', '--threads', '1'] + extra, inp, out)
        tally = evaluate(labels, load_pred(out))
    n_ev = sum(len(l['events']) for l in labels.values())
    if a.json:
        print(json.dumps({lv: dict(zip(('p', 'r', 'f1'), prf(*t))) | {'tp': t[0], 'pred': t[1], 'gold': t[2]}
                          for lv, t in tally.items()} | {'sentences': len(labels), 'events': n_ev}))
        return
    print('%d labelled sentences, %d labelled events' % (len(labels), n_ev))
    for lv, t in tally.items():
        p, r, f = prf(*t)
        print('%-13s P %.3f R %.3f F1 %.3f  (%d matched, %d predicted, %d labelled)' % (lv, p, r, f, *t))


if __name__ == '__main__':
    main()
