#!/usr/bin/env python3
"""Turn a labeller's working file (which quotes words of the sentence) into a
label file for the repo (byte offsets only, no text).

Working file, one JSON object per sentence:
  {"ref": "news5w1h.jsonl:5w1h-0123abcd:2701-2873", "events": [
     {"code": "042", "source": "USAGOV", "source_text": "Kerry",
      "target": "CHN", "target_text": "Beijing", "trigger": "visited",
      "negated": false, "status": "occurred"}]}
  "events": [] says the sentence reports no event under the gold conventions.
  Quoted words are found inside the sentence (the first occurrence, or the
  n-th with "trigger_n": n, "source_n", "target_n"). A target with no words in
  the sentence (implied) has "target_text": null; an empty target is "target": null.

Label file line:
  {"corpus": ..., "id": ..., "start": s, "end": e, "labeller": "a",
   "events": [{"code": "042", "source": "USAGOV", "source_span": [s, e],
               "target": "CHN", "target_span": [s, e] | null,
               "trigger": [s, e], "negated": false, "status": "occurred"}]}

  train/tools/pack.py WORKFILE --labeller a --out train/labels/a-batch-001.jsonl
"""
import argparse, json, os, re, sys

def find(sent_bytes, base, text, n, what, ref):
    """Byte span of the n-th whole-word occurrence of text in the sentence;
    any run of white space in text matches any run in the sentence (line
    breaks)."""
    if text is None:
        return None
    words = text.split()
    if not words:
        raise SystemExit('%s: empty %s' % (ref, what))
    body = rb'\s+'.join(re.escape(w.encode('utf-8')) for w in words)
    # Whole words only ("he" is not inside "The"); exact case first, then any.
    pat = rb'(?<![A-Za-z0-9])' + body + rb'(?![A-Za-z0-9])'
    hits = list(re.finditer(pat, sent_bytes)) or list(re.finditer(pat, sent_bytes, re.I))
    if len(hits) < max(1, n):
        raise SystemExit('%s: %s %r not in the sentence' % (ref, what, text))
    m = hits[max(1, n) - 1]
    return [base + m.start(), base + m.end()]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('work')
    ap.add_argument('--labeller', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(__file__), '../../../shared'))
    a = ap.parse_args()
    work = [json.loads(l) for l in open(a.work, encoding='utf-8') if l.strip()]
    need = {w['ref'].split(':')[0] for w in work}
    docs = {}
    for name in need:
        for line in open(os.path.join(a.shared, 'corpus', name), encoding='utf-8'):
            r = json.loads(line)
            docs[(name, r['id'])] = r['text'].encode('utf-8')
    out = []
    for w in work:
        corpus, doc, span = w['ref'].split(':')
        s0, s1 = map(int, span.split('-'))
        sent = docs[(corpus, doc)][s0:s1]
        evs = []
        for e in w.get('events', []):
            code = str(e['code'])
            if not (code.isdigit() and len(code) in (2, 3, 4)):
                raise SystemExit('%s: bad CAMEO code %r' % (w['ref'], code))
            evs.append({
                'code': code,
                'source': e.get('source'),
                'source_span': find(sent, s0, e.get('source_text'), e.get('source_n', 1), 'source', w['ref']),
                'target': e.get('target'),
                'target_span': find(sent, s0, e.get('target_text'), e.get('target_n', 1), 'target', w['ref']),
                'trigger': find(sent, s0, e.get('trigger'), e.get('trigger_n', 1), 'trigger', w['ref']),
                'negated': bool(e.get('negated', False)),
                'status': e.get('status', 'occurred'),
            })
        out.append({'corpus': corpus, 'id': doc, 'start': s0, 'end': s1,
                    'labeller': a.labeller, 'events': evs})
    os.makedirs(os.path.dirname(a.out) or '.', exist_ok=True)
    with open(a.out, 'w', encoding='utf-8') as f:
        for r in out:
            f.write(json.dumps(r) + '\n')
    print('%d sentences, %d events -> %s' % (len(out), sum(len(r['events']) for r in out), a.out), file=sys.stderr)

if __name__ == '__main__':
    main()
