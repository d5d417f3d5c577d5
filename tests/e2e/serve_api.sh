#!/usr/bin/env bash
# parley serve's API against a real server on a loopback port: filters
# (against `parley query`), paging, the event view and its evidence, the
# aggregates, export, errors, the write token, the limits, security headers,
# readers during an ingest, and a clean stop on SIGTERM.
# The store is filled from ../shared/examples (parley code --store: texts
# kept) and ../shared/eval/articles (parley code, then ingest).
set -euo pipefail
T="$TMPROOT/serve_api"; rm -rf "$T"; mkdir -p "$T"
if [ ! -d "$SHARED/eval/articles" ] || [ ! -d "$SHARED/examples" ]; then
  echo "serve_api.sh: skipped: $SHARED/examples or $SHARED/eval/articles is missing"; exit 77
fi
python3 "$SHARED/eval/articles_to_jsonl.py" "$T/examples.jsonl" "$SHARED/examples" >/dev/null
python3 "$SHARED/eval/articles_to_jsonl.py" "$T/articles.jsonl" "$SHARED/eval/articles" >/dev/null
"$PARLEY" code -q "$T/examples.jsonl" --store "$T/s.db" >/dev/null
"$PARLEY" code -q "$T/articles.jsonl" --out "$T/articles.out.jsonl"
"$PARLEY" ingest "$T/articles.out.jsonl" --store "$T/s.db"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$T/token"

PARLEY="$PARLEY" T="$T" SRC="$SRC" python3 - <<'PY'
import csv, io, json, os, re, signal, subprocess, threading, time, urllib.parse, urllib.request, urllib.error

PARLEY, T, SRC = os.environ["PARLEY"], os.environ["T"], os.environ["SRC"]
DB = f"{T}/s.db"
TOKEN = open(f"{T}/token").read().strip()

def start(*args, env_token=None):
    env = dict(os.environ)
    env.pop("PARLEY_TOKEN", None)
    if env_token: env["PARLEY_TOKEN"] = env_token
    p = subprocess.Popen([PARLEY, "serve", "--store", DB, "--port", "0", "--web", f"{T}/no-web", *args],
                         stderr=subprocess.PIPE, text=True, env=env)
    for line in p.stderr:
        m = re.search(r"listening on (http://\S+)", line)
        if m:
            threading.Thread(target=lambda: [None for _ in p.stderr], daemon=True).start()
            return p, m.group(1)
    raise SystemExit(f"server did not start (exit {p.wait()})")

def call(base, path, method="GET", body=None, headers=None):
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()

def get_json(base, path, status=200, **kw):
    code, headers, body = call(base, path, **kw)
    assert code == status, f"{path}: HTTP {code}, expected {status}: {body[:300]!r}"
    assert headers.get("Content-Type", "").startswith("application/json"), f"{path}: {headers.get('Content-Type')}"
    return json.loads(body)

def cli_query(*args):
    out = subprocess.run([PARLEY, "query", "--store", DB, "--format", "jsonl", *args], check=True,
                         capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]

checks = 0
def ok(name):
    global checks
    checks += 1
    print(f"ok {checks} - {name}")

srv, base = start("--token-file", f"{T}/token", "--max-body", "65536", "--max-page", "500")
try:
    h = get_json(base, "/healthz")
    assert h["status"] == "ok" and h["merged_events"] > 0 and h["coding"], h
    ok(f"healthz: {h['merged_events']} merged events, {h['articles']} articles")

    # Every path of the OpenAPI document answers.
    spec = get_json(base, "/api/openapi.json")
    assert spec["openapi"].startswith("3."), spec.get("openapi")
    for path, ops in spec["paths"].items():
        if "get" in ops:
            p = path.replace("{id}", "1")
            code, _, _ = call(base, p)
            assert code == 200, f"{p} listed in the OpenAPI document answers {code}"
    ok(f"openapi.json lists {len(spec['paths'])} paths, each answers")

    # Security headers; no CORS by default.
    code, headers, _ = call(base, "/api/events?limit=1")
    csp = headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, csp
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert "Access-Control-Allow-Origin" not in headers
    code, _, body = call(base, "/api/events", method="OPTIONS")
    assert code == 405, code
    ok("security headers: CSP self only, nosniff, no CORS")

    # Paging through every merged event gives exactly `parley query`'s list.
    expect = cli_query()
    ids, cursor, pages = [], None, 0
    while True:
        q = "/api/events?limit=37&count=1" + (f"&cursor={cursor}" if cursor else "")
        page = get_json(base, q)
        assert page["total"] == len(expect), (page["total"], len(expect))
        ids += [e["id"] for e in page["events"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None: break
    assert ids == [e["id"] for e in expect], "paged ids differ from parley query"
    assert get_json(base, "/api/events?limit=3")["events"] == expect[:3], "records are the store's export"
    ok(f"paging: {len(ids)} merged events in {pages} pages, as parley query lists them")

    # Filters: the same events as `parley query` with the same filter.
    top = get_json(base, "/api/actors?limit=2")["actors"]
    country = get_json(base, "/api/places?limit=1")["places"][0]["country"]
    day = expect[len(expect) // 2]["date"]
    word = expect[0]["events"][0]["doc_id"]
    filters = [
        ({"actor": top[0]["code"]}, ["--actor", top[0]["code"]]),
        ({"source_actor": top[1]["code"]}, ["--source-actor", top[1]["code"]]),
        ({"root": "04"}, ["--root", "04"]),
        ({"cameo": "19"}, ["--cameo", "19"]),
        ({"quad": "4"}, ["--quad", "4"]),
        ({"country": country}, ["--country", country]),
        ({"from": day, "to": day}, ["--from", day, "--to", day]),
        ({"from": day[:7]}, ["--from", day[:7]]),
        ({"text": "talks"}, ["--text", "talks"]),
        ({"doc": word}, ["--doc", word]),
        ({"actor": top[0]["code"], "quad": "1"}, ["--actor", top[0]["code"], "--quad", "1"]),
    ]
    for params, args in filters:
        qs = urllib.parse.urlencode({**params, "limit": 500, "count": 1})
        got = get_json(base, f"/api/events?{qs}")
        want = cli_query(*args)
        assert [e["id"] for e in got["events"]] == [e["id"] for e in want][:500], params
        assert got["total"] == len(want), (params, got["total"], len(want))
        tl = get_json(base, "/api/timeline?" + urllib.parse.urlencode(params))
        assert sum(b["events"] for b in tl["buckets"]) == len(want), ("timeline", params)
    ok(f"{len(filters)} filters return what parley query returns (events and timeline)")

    # Raw events.
    raw = cli_query("--raw")
    page = get_json(base, "/api/events?raw=1&limit=500&count=1")
    assert page["total"] == len(raw) and page["events"][0]["row_id"] == raw[0]["row_id"]
    page2 = get_json(base, f"/api/events?raw=1&limit=10&cursor={page['events'][9]['row_id']}")
    assert [e["row_id"] for e in page2["events"]] == [e["row_id"] for e in raw[10:20]]
    ok(f"raw=1: {len(raw)} article events, paged by row id")

    # Aggregates add up.
    week = get_json(base, "/api/timeline?interval=week")["buckets"]
    assert sum(b["events"] for b in week) == len(expect)
    assert all(abs(b["mean_goldstein"] * b["events"] - b["goldstein_sum"]) < 1e-6 for b in week)
    actors = get_json(base, "/api/actors?limit=500")
    with_source = sum(1 for e in expect if e["source"] and e["source"]["code"])
    assert sum(a["as_source"] for a in actors["actors"]) == with_source, (sum(a["as_source"] for a in actors["actors"]), with_source, len(actors["actors"]))
    both = sum(1 for e in expect if e["source"] and e["source"]["code"] and e["target"] and e["target"]["code"])
    assert sum(e["events"] for e in actors["edges"]) == both
    assert all(e["cooperation"] + e["conflict"] == e["events"] for e in actors["edges"])
    places = get_json(base, "/api/places?limit=5000")["places"]
    assert sum(p["events"] for p in places) == sum(1 for e in expect if e["location"])
    ok(f"aggregates: {len(week)} week buckets, {len(actors['actors'])} actors, {len(actors['edges'])} edges, {len(places)} places add up")

    # The event view: every member, its article, its sentence with the span.
    multi = max(expect, key=lambda e: e["num_mentions"])
    texts = 0
    for e in [multi] + expect[:20]:
        d = get_json(base, f"/api/events/{e['id']}")
        assert d["event"]["id"] == e["id"] and len(d["members"]) == e["num_mentions"]
        for m in d["members"]:
            ev = m["event"]
            assert ev["merged_id"] == e["id"] and m["article"]["doc_id"] == ev["doc_id"]
            assert ev["rule"], "every event names its rule"
            if m["context"]:
                b, en = m["context"]["span"]
                # The evidence has its white space folded; the sentence is the text as written.
                assert " ".join(m["context"]["sentence"].encode()[b:en].decode().split()) == " ".join(ev["evidence"].split())
                texts += 1
    assert texts > 0, "events from parley code --store carry their sentence"
    get_json(base, "/api/events/999999999", status=404)
    ok(f"event view: members, articles, rules; {texts} evidence spans checked in their sentences")

    # Export, streamed.
    code, headers, body = call(base, "/api/export?format=csv")
    assert code == 200 and headers["Content-Type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(body.decode(), newline='')))) == len(expect) + 1
    code, headers, body = call(base, "/api/export?format=gdelt&root=04")
    rows = body.decode().splitlines()
    assert code == 200 and len(rows) == len(cli_query("--root", "04")) and all(r.count("\t") == 60 for r in rows)
    code, _, body = call(base, "/api/export?format=json")
    assert len(json.loads(body)) == len(expect)
    code, _, body = call(base, "/api/export?format=jsonl&limit=5")
    assert len(body.splitlines()) == 5
    ok("export: csv, gdelt (61 columns), json, jsonl with filters and limit")

    # Errors are JSON with a clear message.
    for path, status, words in [
        ("/api/events?actr=RUS", 400, "unknown parameter 'actr'"),
        ("/api/events?from=2025-13-40", 400, "from: expected"),
        ("/api/events?quad=7", 400, "quad"),
        ("/api/events?limit=501", 400, "at most 500"),
        ("/api/events?limit=0", 400, "limit"),
        ("/api/events?cursor=abc", 400, "cursor"),
        ("/api/events?root=1%27%3B%20DROP%20TABLE%20events", 400, "root: expected digits"),
        ("/api/timeline?interval=year", 400, "interval"),
        ("/api/export?format=xml", 400, "format"),
        ("/api/nothing", 404, "no such endpoint"),
        ("/api/events?text=" + "x" * 5000, 414, "limit is 4096"),
    ]:
        d = get_json(base, path, status=status)
        assert words in d["error"] and d["status"] == status, (path, d)
    # A Range header never cuts a JSON answer (fuzz_http: a 404 came back as
    # '{"erro' with Content-Range): errors and API answers are whole.
    for path, status in [("/nothing.html", 404), ("/api/nothing", 404), ("/api/events?limit=0", 400),
                         ("/healthz", 200), ("/api/events?limit=1", 200)]:
        code, headers, body = call(base, path, headers={"Range": "bytes=0-5"})
        assert code == status and "Content-Range" not in headers, (path, code, headers)
        json.loads(body)
    # A quote in a text filter is a value, never SQL.
    d = get_json(base, "/api/events?count=1&text=" + urllib.parse.quote("' OR 1=1 --"))
    assert d["total"] == 0
    assert get_json(base, "/healthz")["merged_events"] == h["merged_events"]
    ok("errors: unknown parameters, bad values, page size, URI length: JSON 4xx; quotes stay values")

    # Coding, and the token for writes.
    article = open(f"{SRC}/examples/istanbul-talks/article.txt", "rb").read()
    out = get_json(base, "/api/code?date=2025-05-17", method="POST", body=article)
    assert out["doc_id"] == "api" and out["events"] and out["error"] is None
    rec = json.dumps({"id": "posted-1", "text": article.decode(), "publish_date": "2025-05-17",
                      "url": "https://example.org/posted"}).encode()
    jheaders = {"Content-Type": "application/json"}
    out2 = get_json(base, "/api/code?explain=1", method="POST", body=rec, headers=jheaders)
    assert out2["output"]["doc_id"] == "posted-1"
    assert [(e["cameo"], e["span"]) for e in out2["output"]["events"]] == [(e["cameo"], e["span"]) for e in out["events"]]
    assert "sentence 0" in out2["explain"]
    get_json(base, "/api/code?store=1", method="POST", body=rec, headers=jheaders, status=401)
    get_json(base, "/api/code?store=1", method="POST", body=rec,
             headers={**jheaders, "Authorization": "Bearer " + "x" * len(TOKEN)}, status=401)
    before = get_json(base, "/healthz")["articles"]
    d = get_json(base, "/api/code?store=1", method="POST", body=rec,
                 headers={**jheaders, "Authorization": "Bearer " + TOKEN})
    assert d["stored"] is True
    assert get_json(base, "/healthz")["articles"] == before + 1
    assert get_json(base, "/api/events?doc=posted-1&count=1")["total"] > 0
    get_json(base, "/api/code", method="POST", body=b"x" * 70000, status=413)
    get_json(base, "/api/code", method="POST", body=b"{", headers=jheaders, status=400)
    ok("POST /api/code: text and JSON records, explain; store=1 needs the bearer token; body limit 413")

    # Readers keep working while an ingest writes.
    with open(f"{T}/articles.out.jsonl") as f, open(f"{T}/again.jsonl", "w") as g:
        for line in f:
            d = json.loads(line)
            d["doc_id"] = "again/" + d["doc_id"]
            g.write(json.dumps(d) + "\n")
    ing = subprocess.Popen([PARLEY, "ingest", f"{T}/again.jsonl", "--store", DB, "--batch", "4"])
    reads = 0
    while ing.poll() is None or reads < 5:
        get_json(base, "/api/events?limit=20&count=1")
        get_json(base, "/api/timeline")
        reads += 1
    assert ing.wait() == 0
    ok(f"{reads} rounds of reads answered while an ingest wrote")
finally:
    # SIGTERM: in-flight requests finish, the server exits 0.
    result = {}
    t = threading.Thread(target=lambda: result.update(r=call(base, "/api/export?format=json")))
    t.start()
    time.sleep(0.05)
    srv.send_signal(signal.SIGTERM)
    rc = srv.wait(timeout=60)
    t.join()
assert rc == 0, f"server exit status {rc} after SIGTERM"
if "r" in result and result["r"][0] == 200:
    json.loads(result["r"][2])  # the export in flight was finished whole
ok("SIGTERM: clean exit 0, the request in flight answered whole")

# No token configured: writes refused. --cors adds the CORS headers.
srv, base = start("--cors", "https://analyst.example")
try:
    d = get_json(base, "/api/code?store=1&id=x", method="POST", body=b"Russia attacked Ukraine.",
                 headers={"Authorization": "Bearer whatever-token-0123456789"}, status=403)
    assert "writes are disabled" in d["error"]
    code, headers, _ = call(base, "/healthz")
    assert headers.get("Access-Control-Allow-Origin") == "https://analyst.example"
    code, headers, _ = call(base, "/api/events", method="OPTIONS")
    assert code == 204 and "Authorization" in headers.get("Access-Control-Allow-Headers", "")
finally:
    srv.send_signal(signal.SIGTERM)
    assert srv.wait(timeout=60) == 0
ok("no token: writes refused (403); --cors ORIGIN: CORS headers and preflight")
print(f"serve_api.sh: all {checks} checks passed")
PY
