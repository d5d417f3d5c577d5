#!/usr/bin/env python3
"""Checks `parley code` output against the output contract (../shared/spec/output.md).

Used by the tests/e2e/*.sh scripts (not a test itself: ctest runs only *.sh).

    check_output.py OUTPUT.jsonl [--inputs INPUT ...] [--expect-lines N] [--quiet]

Every line of OUTPUT must be one JSON object with every contract key, of the
right type, with half-open byte spans that are in order and in bounds.

With --inputs (the same text files and JSON Lines files, in the same order, as
given to `parley code`), the checker also rebuilds the expected doc_ids on its
own (file stem; JSON record id, doc_id, else "<input name>:<line>"), requires
exactly one output line per input article in input order, and checks the spans
against each article's bytes: every sentence span starts and ends on a
non-space character boundary, sentences do not overlap, and together they
cover every non-space character of the article; an event's evidence is the
text of its span.

Exit status 0 if all is well, 1 with one line per problem (at most 50 shown).
"""
import argparse
import json
import os
import re
import sys

CONTRACT_KEYS = ["doc_id", "publish_date", "title", "url", "source", "error",
                 "sentences", "entities", "events", "quotes", "counts"]
ENTITY_TYPES = {"PERSON", "ORG", "COUNTRY", "LOCATION", "GROUP"}
STATUSES = {"occurred", "planned", "hypothetical", "denied"}
FEATURES = {"country", "region", "city", "site"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# What the segmenter treats as space besides str.isspace(): BOM and zero-width marks.
EXTRA_SPACE = {"\ufeff", "\u200b", "\u200c", "\u200d", "\u2060"}


def is_space(ch):
    return ch.isspace() or ch in EXTRA_SPACE


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, what):
        self.items.append(f"{where}: {what}")


def is_str_or_null(v):
    return v is None or isinstance(v, str)


def check_span(p, where, s, text_len=None):
    if not (isinstance(s, list) and len(s) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in s)):
        p.add(where, f"span is not [int, int]: {s!r}")
        return False
    if s[0] < 0 or s[0] > s[1]:
        p.add(where, f"bad span {s}")
        return False
    if text_len is not None and s[1] > text_len:
        p.add(where, f"span {s} past the end of the text ({text_len} bytes)")
        return False
    return True


def span_text(text, s):
    """The characters of byte span s of text (bytes); None if not on char boundaries."""
    try:
        return text[s[0]:s[1]].decode("utf-8")
    except UnicodeDecodeError:
        return None


def check_actor(p, where, a):
    if a is None:
        return
    if not isinstance(a, dict):
        p.add(where, f"actor is not an object or null: {a!r}")
        return
    for k in ("code", "country", "role", "entity", "text"):
        if k not in a:
            p.add(where, f"actor lacks '{k}'")
    for k in ("code", "country", "role", "entity"):
        if not is_str_or_null(a.get(k)):
            p.add(where, f"actor '{k}' is not a string or null")
    if not isinstance(a.get("text"), str):
        p.add(where, "actor 'text' is not a string")


def check_record(p, where, r, text=None):
    """Checks one output object; `text` (bytes) is the article when known."""
    if not isinstance(r, dict):
        p.add(where, "not a JSON object")
        return
    for k in CONTRACT_KEYS:
        if k not in r:
            p.add(where, f"missing key '{k}'")
    if any(k not in r for k in CONTRACT_KEYS):
        return
    if not isinstance(r["doc_id"], str) or not r["doc_id"]:
        p.add(where, "doc_id is not a non-empty string")
    for k in ("title", "url", "source", "error"):
        if not is_str_or_null(r[k]):
            p.add(where, f"'{k}' is not a string or null")
    if r["publish_date"] is not None and not (isinstance(r["publish_date"], str) and DATE_RE.match(r["publish_date"])):
        p.add(where, f"publish_date {r['publish_date']!r} is not YYYY[-MM[-DD]] or null")
    lists = ("sentences", "entities", "events", "quotes", "counts")
    for k in lists:
        if not isinstance(r[k], list):
            p.add(where, f"'{k}' is not a list")
            return
    if r["error"] is not None:
        if r["error"] == "":
            p.add(where, "error is an empty string (null means no error)")
        for k in lists:
            if r[k]:
                p.add(where, f"error set but '{k}' is not empty")
        return

    n = len(text) if text is not None else None
    # Sentences: in order, not overlapping, trimmed, covering the text.
    prev_end = 0
    for i, s in enumerate(r["sentences"]):
        w = f"{where}: sentences[{i}]"
        if not check_span(p, w, s, n):
            continue
        if s[0] == s[1]:
            p.add(w, f"empty sentence {s}")
        if s[0] < prev_end:
            p.add(w, f"overlaps or precedes the previous sentence (starts {s[0]} < {prev_end})")
        if text is not None:
            between = span_text(text, [prev_end, s[0]]) if s[0] >= prev_end else ""
            st = span_text(text, s)
            if st is None:
                p.add(w, f"span {s} does not fall on UTF-8 character boundaries")
            elif st:
                if is_space(st[0]) or is_space(st[-1]):
                    p.add(w, f"span {s} starts or ends on a space: {st[:40]!r}...{st[-20:]!r}")
            if between is not None and not all(is_space(c) for c in between):
                p.add(w, f"text between sentences is not covered: {between[:60]!r}")
        prev_end = max(prev_end, s[1])
    if text is not None and r["sentences"]:
        tail = span_text(text, [prev_end, n])
        if tail is not None and not all(is_space(c) for c in tail):
            p.add(where, f"text after the last sentence is not covered: {tail[:60]!r}")
    if text is not None and not r["sentences"] and not all(is_space(c) for c in text.decode("utf-8", "replace")):
        p.add(where, "no sentences for a non-empty article without error")

    entity_ids = set()
    for i, e in enumerate(r["entities"]):
        w = f"{where}: entities[{i}]"
        if not isinstance(e, dict):
            p.add(w, "not an object")
            continue
        for k in ("id", "name", "type", "country", "role", "code", "mentions"):
            if k not in e:
                p.add(w, f"missing '{k}'")
        entity_ids.add(e.get("id"))
        if e.get("type") not in ENTITY_TYPES:
            p.add(w, f"type {e.get('type')!r} not one of {sorted(ENTITY_TYPES)}")
        for m in e.get("mentions") or []:
            check_span(p, w + ".mentions", m, n)
        if e.get("type") == "LOCATION":
            for k in ("lat", "lon", "feature"):
                if k not in e:
                    p.add(w, f"LOCATION entity lacks '{k}'")

    quote_ids = set()
    for i, q in enumerate(r["quotes"]):
        w = f"{where}: quotes[{i}]"
        if not isinstance(q, dict):
            p.add(w, "not an object")
            continue
        for k in ("id", "speaker", "speaker_entity", "speaker_code", "text", "span"):
            if k not in q:
                p.add(w, f"missing '{k}'")
        quote_ids.add(q.get("id"))
        if "span" in q:
            check_span(p, w, q["span"], n)
        if q.get("speaker_entity") is not None and q.get("speaker_entity") not in entity_ids:
            p.add(w, f"speaker_entity {q.get('speaker_entity')!r} is not an entity id")

    for i, c in enumerate(r["counts"]):
        w = f"{where}: counts[{i}]"
        if not isinstance(c, dict):
            p.add(w, "not an object")
            continue
        for k in ("number", "what", "qualifier", "span"):
            if k not in c:
                p.add(w, f"missing '{k}'")
        if not isinstance(c.get("number"), (int, float)) or isinstance(c.get("number"), bool):
            p.add(w, "number is not a number")
        if "span" in c:
            check_span(p, w, c["span"], n)

    nsent = len(r["sentences"])
    for i, ev in enumerate(r["events"]):
        w = f"{where}: events[{i}]"
        if not isinstance(ev, dict):
            p.add(w, "not an object")
            continue
        keys = ("id", "sentence", "span", "evidence", "source", "target", "cameo", "cameo_root", "quad_class",
                "goldstein", "plover", "negated", "status", "date", "date_basis", "location", "quote", "rule")
        missing = [k for k in keys if k not in ev]
        if missing:
            p.add(w, f"missing {missing}")
            continue
        if not isinstance(ev["sentence"], int) or not 0 <= ev["sentence"] < nsent:
            p.add(w, f"sentence {ev['sentence']!r} is not an index into sentences ({nsent})")
        if check_span(p, w, ev["span"], n) and text is not None:
            st = span_text(text, ev["span"])
            if st is None:
                p.add(w, "span does not fall on UTF-8 character boundaries")
            elif st != ev["evidence"]:
                p.add(w, f"evidence {ev['evidence'][:40]!r} is not the text of span {ev['span']}")
        check_actor(p, w + ".source", ev["source"])
        check_actor(p, w + ".target", ev["target"])
        cameo = ev["cameo"]
        if not (isinstance(cameo, str) and re.match(r"^\d{3,4}$", cameo)):
            p.add(w, f"cameo {cameo!r} is not a 3-4 digit code")
        elif ev["cameo_root"] != cameo[:2]:
            p.add(w, f"cameo_root {ev['cameo_root']!r} is not the first two digits of {cameo!r}")
        if ev["quad_class"] not in (1, 2, 3, 4):
            p.add(w, f"quad_class {ev['quad_class']!r} not in 1..4")
        if not isinstance(ev["goldstein"], (int, float)) or isinstance(ev["goldstein"], bool) or not -10 <= ev["goldstein"] <= 10:
            p.add(w, f"goldstein {ev['goldstein']!r} is not a number in [-10, 10]")
        if not is_str_or_null(ev["plover"]):
            p.add(w, "plover is not a string or null")
        if not isinstance(ev["negated"], bool):
            p.add(w, "negated is not a boolean")
        if ev["status"] not in STATUSES:
            p.add(w, f"status {ev['status']!r} not one of {sorted(STATUSES)}")
        if ev["date"] is None:
            if ev["date_basis"] is not None:
                p.add(w, "date_basis set while date is null")
        else:
            if not (isinstance(ev["date"], str) and DATE_RE.match(ev["date"])):
                p.add(w, f"date {ev['date']!r} is not YYYY[-MM[-DD]]")
            if ev["date_basis"] not in ("text", "publish_date"):
                p.add(w, f"date_basis {ev['date_basis']!r} not 'text' or 'publish_date'")
        loc = ev["location"]
        if loc is not None:
            if not isinstance(loc, dict) or any(k not in loc for k in ("name", "country", "lat", "lon", "feature")):
                p.add(w, f"location {loc!r} lacks name/country/lat/lon/feature")
            elif loc["feature"] not in FEATURES:
                p.add(w, f"location feature {loc['feature']!r} not one of {sorted(FEATURES)}")
        if ev["quote"] is not None and ev["quote"] not in quote_ids:
            p.add(w, f"quote {ev['quote']!r} is not a quote id")
        if not isinstance(ev["rule"], str):
            p.add(w, "rule is not a string")


def expected_articles(inputs, force_jsonl=False):
    """(doc_id, text bytes or None) per article, the way the contract says parley reads them."""
    out = []
    for path in inputs:
        low = path.lower()
        if force_jsonl or low.endswith(".jsonl") or low.endswith(".ndjson"):
            with open(path, "rb") as f:
                for lineno, raw in enumerate(f, 1):
                    line = raw.rstrip(b"\n").rstrip(b"\r")
                    if not line.strip(b" \t"):
                        continue
                    fallback = f"{path}:{lineno}"
                    try:
                        rec = json.loads(line.decode("utf-8"))
                        # Python accepts lone surrogate escapes ("\ud800"); parley
                        # (strict UTF-8) rejects the whole line as malformed.
                        json.dumps(rec, ensure_ascii=False).encode("utf-8")
                    except (UnicodeDecodeError, UnicodeEncodeError, ValueError):
                        out.append((fallback, None))
                        continue
                    if not isinstance(rec, dict):
                        out.append((fallback, None))
                        continue
                    rid = rec.get("id")
                    if rid is None:
                        rid = rec.get("doc_id")
                    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
                        rid = fallback
                    text = rec.get("text")
                    text = text.encode("utf-8") if isinstance(text, str) else None
                    out.append((str(rid), text))
        else:
            stem = os.path.splitext(os.path.basename(path))[0]
            try:
                with open(path, "rb") as f:
                    out.append((stem, f.read()))
            except OSError:
                out.append((stem, None))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output")
    ap.add_argument("--inputs", nargs="+", default=None, help="inputs as given to parley code, in order")
    ap.add_argument("--jsonl", action="store_true", help="inputs were read with --input jsonl")
    ap.add_argument("--expect-lines", type=int, default=None)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()

    p = Problems()
    records = []
    with open(a.output, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        p.add(a.output, "output does not end with a newline")
    for i, raw in enumerate(data.split(b"\n")[:-1] if data.endswith(b"\n") else data.split(b"\n"), 1):
        try:
            records.append(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, ValueError) as e:
            p.add(f"{a.output}:{i}", f"not valid JSON: {e}")
            records.append(None)

    expected = expected_articles(a.inputs, a.jsonl) if a.inputs else None
    if a.expect_lines is not None and len(records) != a.expect_lines:
        p.add(a.output, f"{len(records)} lines, expected {a.expect_lines}")
    if expected is not None and len(records) != len(expected):
        p.add(a.output, f"{len(records)} output lines for {len(expected)} input articles")

    errors = 0
    for i, r in enumerate(records):
        if r is None:
            continue
        where = f"{a.output}:{i + 1}"
        text = None
        if expected is not None and i < len(expected):
            want_id, text = expected[i]
            if isinstance(r, dict) and r.get("doc_id") != want_id:
                p.add(where, f"doc_id {r.get('doc_id')!r}, expected {want_id!r} (input order)")
            if text is None and isinstance(r, dict) and r.get("error") is None:
                p.add(where, "coded without error, but the input has no readable text")
        check_record(p, where, r, text)
        if isinstance(r, dict) and r.get("error") is not None:
            errors += 1

    if not a.quiet:
        print(f"check_output: {len(records)} lines, {errors} with error, {len(p.items)} problems")
    for item in p.items[:50]:
        print(item)
    if len(p.items) > 50:
        print(f"... and {len(p.items) - 50} more")
    return 1 if p.items else 0


if __name__ == "__main__":
    sys.exit(main())
