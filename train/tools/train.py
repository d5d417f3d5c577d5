#!/usr/bin/env python3
"""Trains parley's event model (data/event_model.tsv) on the labelled
corpus sentences.

  train/tools/train.py [--labels train/labels ...] [--out data/event_model.tsv]

1. Runs `parley features` (the event model off) on every corpus article
   holding a labelled sentence: one line per event the rules emit, with the
   features the model sees at run time (src/code/event_model.cc).
2. An event whose evidence starts in a labelled sentence is an example:
   NONE (1) when no labelled event of that sentence has its CAMEO root,
   else KEEP (0). Events outside labelled sentences are not used.
3. L2-regularised logistic regression (liblinear-train -s 0, with a bias
   feature). The cost C and the veto threshold are chosen by 5-fold
   cross-validation, folds by article: the threshold that gives the best
   root-level F1 of the kept events against all labelled events, over the
   out-of-fold scores, among those whose vetoes are right (the event was
   NONE) at least --veto-precision of the time (0.95). The labelled text
   (mostly 1987 Reuters business news) is not the text parley is meant for,
   so the veto is kept to what the model is nearly sure of; a threshold of
   1.0 vetoes nothing.
4. Trains on all examples with the chosen C and writes the model as text:
   one "feature<TAB>weight" row per feature with a non-zero weight, and the
   rows `bias`, `threshold`, `trained_on`.
With --roots, trains data/root_model.tsv instead: the examples are the
rule events in labelled sentences that have a labelled root (their own root
when the sentence has an event of it, else the root of the labelled event
whose trigger lies in the event's evidence; the others are left out), the
classes the roots seen, one logistic regression per root (liblinear's one
against the rest). The threshold is chosen by cross-validation likewise:
best net gain of right roots, among thresholds whose changes are right at
least --veto-precision of the time.
Deterministic: same labels and same parley, same model.
"""
import argparse, collections, json, math, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import labelset

CS = [0.03, 0.1, 0.3, 1.0, 3.0]
THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0]


def examples(parley, labels, data=None, roots_mode=False):
    """[(doc_id, features, y)], and the number of labelled events."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, 'in.jsonl')
        labelset.write_articles(labels, inp)
        cmd = [parley] + (['--data', data] if data else []) + ['features', inp]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode not in (0, 1):
            sys.exit('train.py: %s failed: %s' % (' '.join(cmd), r.stderr))
    by_doc = collections.defaultdict(list)
    for (corpus, doc, s0, s1), lab in labels.items():
        by_doc[doc].append((s0, s1, lab['events']))
    out = []
    for line in r.stdout.splitlines():
        ev = json.loads(line)
        b, e = ev['span']
        for s0, s1, events in by_doc.get(ev['doc_id'], []):
            if s0 <= b < s1:
                roots = {str(x['code'])[:2] for x in events}
                own = ev['cameo'][:2]
                if roots_mode:
                    at = [str(x['code'])[:2] for x in events if x.get('trigger') and x['trigger'][0] < e and b < x['trigger'][1]]
                    y = own if own in roots else (at[0] if at else None)
                    if y:
                        out.append((ev['doc_id'], ev['features'], y, own))
                else:
                    out.append((ev['doc_id'], ev['features'], 0 if own in roots else 1))
                break
    return out, sum(len(l['events']) for l in labels.values())


def run_liblinear(labelled, index, c, tmp):
    """Writes rows [(label string, features)] in liblinear's format, trains
    an L2 logistic regression with a bias feature, and returns the model
    file's header (key -> value) and its weight lines."""
    data, model = os.path.join(tmp, 'train.txt'), os.path.join(tmp, 'model.txt')
    with open(data, 'w') as f:
        for label, feats in labelled:
            ids = sorted({index[x] for x in feats if x in index})
            f.write(label + ''.join(' %d:1' % i for i in ids) + '\n')
    subprocess.run(['liblinear-train', '-q', '-s', '0', '-c', str(c), '-B', '1', data, model], check=True)
    lines = open(model).read().split('\n')
    head = {}
    i = 0
    while lines[i] != 'w':
        k, _, v = lines[i].partition(' ')
        head[k] = v
        i += 1
    return head, [l for l in lines[i + 1:] if l.strip()]


def liblinear(rows, index, c, tmp):
    """Trains on rows [(features, y)]; returns (weights by feature, bias)."""
    # The first row's label is liblinear's first class; put a NONE first so
    # the weights are those of P(NONE).
    rows = sorted(rows, key=lambda r: -r[1])
    head, wl = run_liblinear([('+1' if y else '-1', feats) for feats, y in rows], index, c, tmp)
    w = [float(x) for x in wl]
    sign = 1.0 if head['label'].split()[0] == '1' else -1.0
    names = sorted(index, key=index.get)
    weights = {n: sign * w[index[n] - 1] for n in names if w[index[n] - 1] != 0.0}
    bias = sign * w[len(names)] if len(w) > len(names) else 0.0
    return weights, bias


def liblinear_classes(rows, index, c, tmp):
    """Trains on rows [(features, class)]: one model per class against the
    rest. Returns (classes, {feature: [weight per class]}, [bias per class])."""
    classes = sorted({y for _, y in rows})
    cid = {y: i + 1 for i, y in enumerate(classes)}
    head, wl = run_liblinear([(str(cid[y]), feats) for feats, y in rows], index, c, tmp)
    order = [classes[int(x) - 1] for x in head['label'].split()]
    w = [[float(x) for x in l.split()] for l in wl]
    names = sorted(index, key=index.get)
    if len(order) == 2:  # liblinear keeps one column for two classes: the first's
        w = [[r[0], -r[0]] for r in w]
    col = [order.index(c_) for c_ in classes]
    weights = {n: [w[index[n] - 1][k] for k in col] for n in names if any(w[index[n] - 1])}
    bias = [w[len(names)][k] for k in col] if len(w) > len(names) else [0.0] * len(classes)
    return classes, weights, bias


def class_probs(classes, weights, bias, feats):
    z = list(bias)
    for x in set(feats):
        if x in weights:
            for k, v in enumerate(weights[x]):
                z[k] += v
    p = [1.0 / (1.0 + math.exp(-v)) for v in z]
    t = sum(p)
    return [v / t for v in p]


def train_roots(a, labels, files):
    ex, n_gold = examples(a.parley, labels, a.data, roots_mode=True)
    log = []
    say = lambda s: (log.append(s), print(s, file=sys.stderr))
    right = sum(1 for _, _, y, own in ex if y == own)
    say('%d labelled sentences (%d events) in %d files; %d rule events with a labelled root, %d of them right'
        % (len(labels), n_gold, len(files), len(ex), right))
    fold_of = folds([d for d, *_ in ex], a.folds)

    def index_of(rows):
        count = collections.Counter(x for feats, _ in rows for x in set(feats))
        names = sorted(x for x, c in count.items() if c >= a.min_count)
        return {n: i + 1 for i, n in enumerate(names)}
    best = (0, CS[0], 1.0)
    with tempfile.TemporaryDirectory() as tmp:
        for c in CS:
            scored = []  # (top class, its p, gold, own)
            for k in range(a.folds):
                train_ = [(f, y) for d, f, y, _ in ex if fold_of[d] != k]
                test = [(f, y, own) for d, f, y, own in ex if fold_of[d] == k]
                if not test or len({y for _, y in train_}) < 2:
                    continue
                cl, w, b = liblinear_classes(train_, index_of(train_), c, tmp)
                for f, y, own in test:
                    p = class_probs(cl, w, b, f)
                    top = max(range(len(p)), key=p.__getitem__)
                    scored.append((cl[top], p[top], y, own))
            row = []
            for t in THRESHOLDS:
                ch = [s_ for s_ in scored if s_[0] != s_[3] and s_[1] >= t]
                good = sum(1 for s_ in ch if s_[0] == s_[2])
                lost = sum(1 for s_ in ch if s_[3] == s_[2])
                row.append('%.2f:%+d(%d/%d)' % (t, good - lost, len(ch), good))
                if ch and good / len(ch) < a.veto_precision:
                    continue
                if good - lost > best[0]:
                    best = (good - lost, c, t)
            say('C=%-5g ' % c + ' '.join(row))
        gain, c, t = best
        say('chosen by %d-fold cross-validation: C=%g threshold=%.2f, changes right >= %.2f: %+d right roots of %d'
            ' (per C, threshold:net gain(changed/of them right))' % (a.folds, c, t, a.veto_precision, gain, len(ex)))
        rows = [(f, y) for _, f, y, _ in ex]
        cl, w, b = liblinear_classes(rows, index_of(rows), c, tmp)
    out_path = a.out if a.out_given else os.path.join(labelset.REPO, 'data', 'root_model.tsv')
    with open(out_path, 'w', encoding='utf-8') as out:
        out.write('# parley root model: P(CAMEO root) of an event the rules emitted, from its features\n')
        out.write('# (src/code/event_model.h). Trained by train/tools/train.py --roots, liblinear -s 0 (L2\n')
        out.write('# logistic regression, one root against the rest) -c %g -B 1, on the label files below;\n' % c)
        out.write('# an event whose most probable root is another with P >= `threshold` takes that root.\n')
        out.write('# Rows: feature<TAB>class<TAB>weight; `classes`, `threshold` and `trained_on` rows.\n')
        for s_ in log:
            out.write('# ' + s_ + '\n')
        out.write('trained_on\t%s\n' % ' '.join(os.path.basename(p) for p in files))
        out.write('threshold\t%.2f\n' % t)
        out.write('classes\t%s\n' % ' '.join(cl))
        for k, name in enumerate(cl):
            out.write('bias\t%s\t%.6g\n' % (name, b[k]))
        for n in sorted(w):
            if '\t' in n or '\n' in n:
                continue
            for k, name in enumerate(cl):
                if abs(w[n][k]) >= 1e-6:
                    out.write('%s\t%s\t%.6g\n' % (n, name, w[n][k]))
    print('wrote %s (%d features)' % (out_path, len(w)), file=sys.stderr)


def p_none(weights, bias, feats):
    z = bias + sum(weights.get(x, 0.0) for x in set(feats))
    return 1.0 / (1.0 + math.exp(-z))


def f1_after(scored, n_gold, threshold):
    """Root-level F1 of the kept events: scored = [(p_none, y)]."""
    kept = [(p, y) for p, y in scored if p < threshold]
    tp = sum(1 for _, y in kept if y == 0)
    return 2 * tp / (len(kept) + n_gold) if kept or n_gold else 0.0


def folds(docs, k):
    order = sorted(set(docs), key=lambda d: (hash_str(d), d))
    return {d: i % k for i, d in enumerate(order)}


def hash_str(s):
    h = 2166136261
    for ch in s.encode():
        h = ((h ^ ch) * 16777619) & 0xffffffff
    return h


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    labelset.add_parley_and_labels(ap)
    ap.add_argument('--data', help='parley --data (default: its own)')
    ap.add_argument('--out', help='the model file [data/event_model.tsv, with --roots data/root_model.tsv]')
    ap.add_argument('--roots', action='store_true', help='train the model of roots instead of the veto')
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--min-count', type=int, default=2, help='features seen in fewer examples are dropped')
    ap.add_argument('--veto-precision', type=float, default=0.95,
                    help='least share of vetoed events that must be NONE in cross-validation')
    ap.add_argument('--report', help='also write the cross-validation figures here')
    a = ap.parse_args()
    labels = labelset.load_labels(a.labels)
    files = labelset.label_files(a.labels)
    a.out_given = a.out is not None
    if a.roots:
        return train_roots(a, labels, files)
    a.out = a.out or os.path.join(labelset.REPO, 'data', 'event_model.tsv')
    ex, n_gold = examples(a.parley, labels, a.data)
    if len(ex) < 20:
        sys.exit('train.py: only %d examples: label more sentences' % len(ex))
    n_none = sum(y for _, _, y in ex)
    log = []
    say = lambda s: (log.append(s), print(s, file=sys.stderr))
    say('%d labelled sentences (%d events) in %d files; %d rule events in them: %d NONE, %d KEEP'
        % (len(labels), n_gold, len(files), len(ex), n_none, len(ex) - n_none))

    def index_of(rows):
        count = collections.Counter(x for feats, _ in rows for x in set(feats))
        names = sorted(x for x, c in count.items() if c >= a.min_count)
        return {n: i + 1 for i, n in enumerate(names)}

    fold_of = folds([d for d, _, _ in ex], a.folds)
    # Gold events per fold, for the F1 of each fold's sentences.
    gold_by_fold = collections.Counter()
    for (corpus, doc, s0, s1), lab in labels.items():
        gold_by_fold[fold_of.get(doc, -1)] += len(lab['events'])
    base = f1_after([(0.0, y) for _, _, y in ex], n_gold, 1.0)
    say('rule events alone: root F1 over these sentences %.3f' % base)
    best = (base, CS[0], 1.0)
    with tempfile.TemporaryDirectory() as tmp:
        for c in CS:
            scored = []
            for k in range(a.folds):
                train = [(f, y) for d, f, y in ex if fold_of[d] != k]
                test = [(f, y) for d, f, y in ex if fold_of[d] == k]
                if not test or len({y for _, y in train}) < 2:
                    continue
                w, b = liblinear(train, index_of(train), c, tmp)
                scored += [(p_none(w, b, f), y) for f, y in test]
            row = []
            for t in THRESHOLDS:
                f = f1_after(scored, n_gold, t)
                vetoed = sum(1 for p, _ in scored if p >= t)
                wrong = sum(1 for p, y in scored if p >= t and y == 0)
                row.append('%.2f:%.3f(%d/%d)' % (t, f, vetoed, wrong))
                if vetoed and (vetoed - wrong) / vetoed < a.veto_precision:
                    continue
                if best is None or f > best[0] + 1e-9:
                    best = (f, c, t)
            say('C=%-5g ' % c + ' '.join(row))
        f, c, t = best
        say('chosen by %d-fold cross-validation: C=%g threshold=%.2f, vetoes right >= %.2f: root F1 %.3f -> %.3f'
            ' (per C, threshold:F1(vetoed/of them KEEP))' % (a.folds, c, t, a.veto_precision, base, f))
        index = index_of([(f_, y) for _, f_, y in ex])
        w, b = liblinear([(f_, y) for _, f_, y in ex], index, c, tmp)
    with open(a.out, 'w', encoding='utf-8') as out:
        out.write('# parley event model: P(an event the rules emitted reports nothing) from its features\n')
        out.write('# (src/code/event_model.h). Trained by train/tools/train.py, liblinear -s 0 (L2 logistic\n')
        out.write('# regression) -c %g -B 1, on the label files below; events at or above `threshold` are\n' % c)
        out.write('# vetoed. Rows: feature<TAB>weight; `bias`, `threshold` and `trained_on` rows.\n')
        for s in log:
            out.write('# ' + s + '\n')
        out.write('trained_on\t%s\n' % ' '.join(os.path.basename(p) for p in files))
        out.write('threshold\t%.2f\n' % t)
        out.write('bias\t%.6g\n' % b)
        for n in sorted(w):
            if abs(w[n]) >= 1e-6 and '\t' not in n and '\n' not in n:
                out.write('%s\t%.6g\n' % (n, w[n]))
    if a.report:
        open(a.report, 'w').write('\n'.join(log) + '\n')
    print('wrote %s (%d weights)' % (a.out, len(w)), file=sys.stderr)


if __name__ == '__main__':
    main()
