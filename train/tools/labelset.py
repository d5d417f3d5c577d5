"""Shared by score.py and train.py: the label files, and the corpus articles
they label as parley input.

A sentence labelled by more than one labeller (the agreement batch) counts
once, with the labels of the labeller first in alphabetical order.
"""
import glob, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get('PARLEY_SHARED', os.path.join(REPO, '..', 'shared'))


def split_parley_args(argv):
    """argv split at '--': the tool's own arguments, then extra arguments for parley."""
    if '--' in argv:
        i = argv.index('--')
        return argv[:i], argv[i + 1:]
    return argv, []


def add_parley_and_labels(ap):
    """The --parley binary and --labels files every tool that runs parley on the labels takes."""
    ap.add_argument('--parley', default=os.path.join(REPO, 'build', 'parley'))
    ap.add_argument('--labels', nargs='+', default=[os.path.join(REPO, 'train', 'labels')])


def label_files(paths):
    """Label files named by `paths` (files or directories)."""
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(glob.glob(os.path.join(p, '*-batch-*.jsonl')))
        else:
            out.append(p)
    return out


def load_labels(paths):
    """{(corpus, id, start, end): label line}, one per sentence."""
    seen = {}
    for path in label_files(paths):
        for n, line in enumerate(open(path, encoding='utf-8'), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            k = (r['corpus'], r['id'], r['start'], r['end'])
            if k not in seen or r.get('labeller', '') < seen[k].get('labeller', ''):
                seen[k] = r
    return seen


def write_articles(labels, out_path):
    """Writes the corpus records that hold a labelled sentence to out_path
    (parley's JSONL input); returns {doc_id: text as bytes}."""
    need = {}
    for (corpus, doc, _, _) in labels:
        need.setdefault(corpus, set()).add(doc)
    texts = {}
    with open(out_path, 'w', encoding='utf-8') as out:
        for corpus, ids in sorted(need.items()):
            for line in open(os.path.join(SHARED, 'corpus', corpus), encoding='utf-8'):
                r = json.loads(line)
                if r['id'] in ids:
                    texts[r['id']] = r['text'].encode('utf-8')
                    out.write(json.dumps({k: r.get(k) for k in ('id', 'title', 'text', 'publish_date', 'url', 'source')}) + '\n')
    return texts


def run_parley(parley, args, inp, out_path):
    with open(out_path, 'w') as out:
        r = subprocess.run([parley] + args + [inp], stdout=out, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        sys.exit('%s failed: %s' % (parley, r.stderr))
