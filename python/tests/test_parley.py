"""Tests of `import parley` (run by ctest as python.pytest: /usr/bin/python3 -m pytest python/tests)."""
import json
import os
import subprocess
import threading

import pytest

import parley

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
REFERENCE = os.path.join(REPO, "examples", "istanbul-talks", "article.txt")
PARLEY_BIN = os.environ.get("PARLEY_BIN", os.path.join(REPO, "build", "parley"))
SHARED = os.environ.get("PARLEY_SHARED", os.path.join(REPO, "..", "shared"))


@pytest.fixture(scope="module")
def engine():
    return parley.Engine()


def test_code_returns_the_contract(engine):
    r = engine.code("France condemned Iran on Friday.", date="2025-05-17", doc_id="a1", title="T")
    assert r["doc_id"] == "a1" and r["title"] == "T" and r["error"] is None
    for key in ("sentences", "entities", "events", "quotes", "counts"):
        assert isinstance(r[key], list)
    (ev,) = r["events"]
    assert (ev["source"]["code"], ev["cameo"], ev["target"]["code"]) == ("FRA", "111", "IRN")
    assert ev["date"] == "2025-05-16" and ev["rule"]


def test_same_line_as_the_command_line(engine):
    text = open(REFERENCE, encoding="utf-8").read()
    cli = subprocess.run([PARLEY_BIN, "code", "--id", "article", "--date", "2025-05-17", REFERENCE],
                         capture_output=True, check=True).stdout
    assert engine.code(text, date="2025-05-17", doc_id="article") == json.loads(cli)


def test_bad_input_gives_error_records_not_exceptions(engine):
    assert engine.code("")["error"] == "empty text"
    bad = engine.code("caf\udce9 au lait")   # a lone surrogate: not valid UTF-8
    assert bad["error"] and bad["events"] == []
    big = engine.code("x " * (1 << 20))
    assert big["error"].startswith("too large")


def test_usage_errors_raise(engine):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        engine.code("France condemned Iran.", date="17 May")
    with pytest.raises(TypeError):
        engine.code(42)
    with pytest.raises(ValueError):
        parley.Engine(data_dir="/nonexistent/parley-data")
    with pytest.raises(TypeError):
        list(engine.code_many([3.5]))
    with pytest.raises(ValueError):
        list(engine.code_many(["x"], threads=0))


def test_code_many_keeps_input_order_on_threads(engine):
    texts = [f"Country {i}: France condemned Iran." if i % 2 else "Russia attacked Ukraine." for i in range(50)]
    records = [{"id": f"d{i}", "text": t, "publish_date": "2025-01-02"} for i, t in enumerate(texts)]
    one = list(engine.code_many(records, threads=1))
    two = list(engine.code_many(records, threads=2, window=7))
    assert [r["doc_id"] for r in two] == [f"d{i}" for i in range(50)]
    assert one == two
    assert two[0] == engine.code(texts[0], date="2025-01-02", doc_id="d0")


def test_code_many_defaults_to_the_cores_like_the_cli(engine):
    # The cores this process may run on (its CPU affinity), as `parley code --threads` counts them.
    assert parley._parley.available_cores() == len(os.sched_getaffinity(0))
    records = [{"id": f"d{i}", "text": "France condemned Iran.", "publish_date": "2025-01-02"} for i in range(9)]
    assert list(engine.code_many(records)) == list(engine.code_many(records, threads=1))


def test_code_many_records_like_jsonl(engine):
    out = list(engine.code_many(["Russia attacked Ukraine.", {"text": "France condemned Iran.", "extra": 1},
                                 {"id": "no-text"}, {"id": 7, "text": "Iran hosted talks with Iraq.",
                                                     "date": "not a date"}], threads=2))
    assert [r["doc_id"] for r in out] == ["record:1", "record:2", "no-text", "7"]
    assert out[2]["error"] and out[2]["events"] == []
    assert out[3]["publish_date"] is None


def test_code_many_streams_a_generator(engine):
    def gen():
        for i in range(300):
            yield {"id": str(i), "text": "Germany praised Poland."}
    seen = 0
    for r in engine.code_many(gen(), threads=2, window=16):
        assert r["doc_id"] == str(seen)
        seen += 1
    assert seen == 300


def test_explain(engine):
    trace = engine.explain("France condemned Iran.")
    assert "France condemned Iran" in trace and "coder:" in trace and "verbs.tsv" in trace


def test_threads_share_one_engine(engine):
    results = {}

    def work(i):
        results[i] = engine.code("Japan met China.", doc_id=str(i))
    ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    events = [[{k: v for k, v in e.items() if k != "id"} for e in r["events"]] for r in results.values()]
    assert len({json.dumps(e) for e in events}) == 1 and events[0]


def test_store_round_trip(engine, tmp_path):
    db = tmp_path / "events.db"
    store = parley.Store(db)
    assert store.backend == "sqlite"
    results = list(engine.code_many([
        {"id": "a", "text": "Russia attacked Ukraine on Monday.", "publish_date": "2025-03-05",
         "url": "https://example.org/a"},
        {"id": "b", "text": "Russian forces attacked Ukraine on Monday.", "publish_date": "2025-03-05"},
        {"id": "c", "text": "France condemned Iran.", "publish_date": "2025-03-06"},
        {"id": "bad", "text": ""},
    ]))
    summary = store.ingest(results)
    assert summary["stored"] == 3 and [d for d, _ in summary["errors"]] == ["bad"]
    raw = store.query(raw=True)
    assert sorted({r["doc_id"] for r in raw}) == ["a", "b", "c"]
    assert len(store.query(root="19", raw=True)) == sum(
        1 for r in results for e in r["events"] if e["cameo_root"] == "19")
    with pytest.raises(TypeError):
        store.query(colour="red")
    with pytest.raises(ValueError):
        store.query(status="maybe")
    with pytest.raises(ValueError):
        store.query(from_="yesterday")

    df = store.events_df()
    assert list(df.columns[:61]) == parley.GDELT_COLUMNS
    assert len(df) == len(store.query())
    assert set(df["EventRootCode"]) <= {"11", "19"}
    assert len(store.events_df(root="11")) == len(store.query(root="11"))
    arts = store.articles_df()
    assert set(arts["doc_id"]) == {"a", "b", "c"}

    out = store.export(tmp_path / "e.tsv", format="gdelt")
    rows = open(out, encoding="utf-8").read().splitlines()
    assert len(rows) == len(df) and all(len(r.split("\t")) == 61 for r in rows)
    with pytest.raises(ValueError):
        store.export(tmp_path / "e.x", format="xml")
    assert store.stats()["articles"] == 3


def test_store_counts_only_what_happened_by_default(engine, tmp_path):
    store = parley.Store(tmp_path / "s.db")
    store.ingest(engine.code_many([
        {"id": "did", "text": "China imposed sanctions on Japan on Monday.", "publish_date": "2025-03-05"},
        {"id": "not", "text": "China did not impose sanctions on Japan on Monday.", "publish_date": "2025-03-05"},
        {"id": "plan", "text": "China plans to impose sanctions on Japan.", "publish_date": "2025-03-05"},
    ]))
    occurred = store.query(raw=True)
    assert {r["doc_id"] for r in occurred} == {"did"}
    everything = store.query(raw=True, include_unrealised=True)
    assert {r["doc_id"] for r in everything} == {"did", "not", "plan"}
    assert {r["doc_id"] for r in store.query(raw=True, status=["negated"])} == {"not"}
    assert len(store.events_df()) == len(store.query())


def test_store_that_cannot_open_raises(tmp_path):
    with pytest.raises(RuntimeError):
        parley.Store(tmp_path / "no" / "such" / "dir" / "x.db")


@pytest.mark.skipif(not os.path.isdir(os.path.join(SHARED, "examples")),
                    reason="needs ../shared beside the repository")
def test_examples_code_the_same_as_the_cli(engine, tmp_path):
    import glob
    arts = sorted(glob.glob(os.path.join(SHARED, "examples", "*", "article.txt")))[:5]
    recs = [{"id": os.path.basename(os.path.dirname(a)), "text": open(a, encoding="utf-8").read()} for a in arts]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    cli = subprocess.run([PARLEY_BIN, "code", "-q", str(jsonl)], capture_output=True).stdout.decode()
    assert [json.loads(l) for l in cli.splitlines()] == list(engine.code_many(recs, threads=2))
