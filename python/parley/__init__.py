"""parley from Python: code news articles into CAMEO events, store and query them.

The same C++ library as the `parley` command runs underneath (the `_parley`
extension); every result is the JSON line `parley code` prints, parsed into a
dict (the output contract, ../shared/spec/output.md in the project).

    import parley
    engine = parley.Engine()
    result = engine.code("Turkey hosted talks between Russia and Ukraine.", date="2025-05-16")
    for ev in result["events"]:
        print(ev["source"]["code"], ev["cameo"], ev["target"]["code"])

    store = parley.Store("events.db")            # SQLite file, or a postgresql:// URI
    store.ingest(engine.code_many(records, threads=2))
    df = store.events_df(root="19")              # merged events, GDELT 2.0 column names

Bad articles never raise: their result has `error` set, as on the command line.
Bad arguments raise ValueError or TypeError with the command line's wording;
a store that cannot be opened or written raises RuntimeError.
"""
import io
import json
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping

from . import _parley

__version__ = _parley.__version__
__all__ = ["Engine", "Store", "GDELT_COLUMNS", "__version__"]

# GDELT 2.0 event table columns, in the order `parley export --format gdelt`
# writes them (docs/store.md lists what parley puts in each).
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
# Codes stay text (leading zeros: "042"); counts and scores are numbers.
_GDELT_TEXT = {c for c in GDELT_COLUMNS if c.endswith(("Code", "Name", "FullName", "FeatureID"))} | {
    "EventCode", "EventBaseCode", "EventRootCode", "SOURCEURL"}

def _bytes(text):
    # A str that is not valid Unicode (lone surrogates) keeps its bad bytes, so
    # the engine reports it as the CLI reports invalid UTF-8, instead of raising.
    return text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)


def _check_date(date, what):
    if date is None or _DATE.fullmatch(str(date)):
        return date
    raise ValueError(f"parley: {what}: expected YYYY-MM-DD, YYYY-MM or YYYY, got {date!r}")


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _record(item, index, default_date):
    """A _parley.Record and an error note from a str or a JSON Lines input record (a mapping).

    As on the command line, unknown keys are ignored, a record without text
    still gets its result (with `error`), and an unreadable date is dropped
    with a warning.
    """
    if isinstance(item, (str, bytes)):
        return _parley.Record(_bytes(item), date=default_date, doc_id=f"record:{index + 1}"), None
    if not isinstance(item, Mapping):
        raise TypeError(f"parley: record {index + 1}: expected a str or a mapping with 'text', "
                        f"got {type(item).__name__}")
    doc_id = item.get("id", item.get("doc_id"))
    doc_id = f"record:{index + 1}" if doc_id is None else str(doc_id)
    date = item.get("publish_date", item.get("date"))
    if date is not None and not _DATE.fullmatch(str(date)):
        warnings.warn(f"parley: {doc_id}: publish_date {date!r} is not YYYY-MM-DD; ignored")
        date = None
    meta = {k: (None if item.get(k) is None else str(item.get(k))) for k in ("title", "url", "source")}
    text = item.get("text")
    if not isinstance(text, str):
        return _parley.Record(b"", date=None, doc_id=doc_id, **meta), "no text"
    return _parley.Record(_bytes(text), date=date or default_date, doc_id=doc_id, **meta), None


class Engine:
    """Codes articles with the dictionaries under `data_dir` (default: as the CLI finds them).

    Loading takes a fraction of a second; keep one Engine and code many articles with it.
    An Engine may be shared by threads.
    """

    def __init__(self, data_dir=None):
        try:
            self._engine = _parley.Engine(None if data_dir is None else os.fspath(data_dir))
        except RuntimeError as e:
            raise ValueError(str(e)) from None

    @property
    def data_dir(self):
        return self._engine.data_dir

    def code(self, text, date=None, doc_id=None, title=None, url=None, source=None):
        """Codes one article; returns its result dict (the output contract).

        `date` is the publish date ("YYYY-MM-DD") against which "on Friday" is resolved.
        """
        if not isinstance(text, (str, bytes)):
            raise TypeError(f"parley: text must be a str, got {type(text).__name__}")
        rec = _parley.Record(_bytes(text), date=_check_date(date, "date"),
                             doc_id="text" if doc_id is None else str(doc_id),
                             title=title, url=url, source=source)
        return json.loads(self._engine.code(rec))

    def code_many(self, records: Iterable, threads=None, date=None, window=None) -> Iterator[dict]:
        """Codes an iterable of articles, yielding results in input order.

        A record is a str (the text) or a mapping like a JSON Lines input line:
        `id` (or `doc_id`), `text`, `publish_date` (or `date`), `title`, `url`, `source`.
        `threads` defaults to the cores this process may run on (as `parley code
        --threads`); `date` fills records without one.
        At most `window` records (default 64 per thread) are held at a time.
        """
        threads = _parley.available_cores() if threads is None else int(threads)
        if threads < 1:
            raise ValueError("parley: threads must be 1 or more")
        _check_date(date, "date")
        window = int(window or 64 * threads)
        batch, notes, index = [], [], 0

        def flush():
            lines = self._engine.code_batch(batch, index - len(batch), threads)
            for line, note in zip(lines, notes):
                result = json.loads(line)
                if note and not result.get("error"):
                    result["error"] = note
                    result["events"] = []
                yield result

        for item in records:
            rec, note = _record(item, index, date)
            batch.append(rec)
            notes.append(note)
            index += 1
            if len(batch) >= window:
                yield from flush()
                batch, notes = [], []
        if batch:
            yield from flush()

    def explain(self, text, date=None):
        """The `parley explain` trace for `text`: tokens, mentions, rules, and why events were (not) coded."""
        return self._engine.explain(_bytes(text), _check_date(date, "date"))


def _filters(kw):
    # `from` is a keyword in Python: accept from_ / start and to / end.
    return {k: v for k, v in kw.items() if v is not None}


class Store:
    """An event store: a SQLite file path or a postgresql:// URI (created when absent).

    The same store the `parley ingest/query/export` commands use.
    """

    def __init__(self, uri, merge_window=1, batch=1024):
        self.uri = os.fspath(uri)
        self._store = _parley.Store(self.uri, int(merge_window), int(batch))
        # GDELT's geography columns need data/countries.tsv (FIPS codes), found as the CLI finds it.
        data = _parley.find_data_dir()
        self._countries = os.path.join(data, "countries.tsv") if data else ""

    @property
    def backend(self):
        return self._store.backend

    def ingest(self, results, batch=1024):
        """Stores results of Engine.code / code_many (dicts or JSON strings).

        Returns a dict: stored (count), errors (list of (doc_id, message)).
        Articles with `error` set are counted as errors and not stored, as `parley ingest` does.
        """
        stored, errors, chunk = 0, [], []

        def flush():
            nonlocal stored
            msgs = self._store.ingest([line for _, line in chunk])
            for (doc_id, _), msg in zip(chunk, msgs):
                if msg:
                    errors.append((doc_id, msg))
                else:
                    stored += 1

        if isinstance(results, (Mapping, str)):
            results = [results]
        for r in results:
            line = r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
            doc_id = json.loads(line).get("doc_id") if isinstance(r, str) else r.get("doc_id")
            chunk.append((doc_id, line))
            if len(chunk) >= batch:
                flush()
                chunk = []
        if chunk:
            flush()
        return {"stored": stored, "errors": errors}

    def query(self, **filters):
        """Events matching the filters of `parley query`, as a list of dicts.

        Filters: raw, status (outcomes: "occurred", "negated", "planned", "hypothetical",
        "denied", "all"; a list or comma-separated), include_unrealised, from_ (or start),
        to (or end), actor, source_actor, target_actor, cameo, root, quad, place, country,
        text, doc, id, limit. Merged events unless raw=True; only what happened (occurred,
        not negated) unless status or include_unrealised asks for more.
        """
        text = self._store.export_text(_filters(filters), "jsonl", self._countries)
        return [json.loads(line) for line in text.decode("utf-8").splitlines() if line]

    def stats(self):
        """Counts of articles, events, merged events, entities, quotes and counts stored."""
        return self._store.stats()

    def export(self, path, format="gdelt", **filters):
        """Writes the matching events to `path` in `format` (gdelt, csv, json, jsonl); returns the path.

        The file is written whole or not at all (a temporary file renamed into place).
        """
        data = self._store.export_text(_filters(filters), format, self._countries)
        path = os.fspath(path)
        tmp = f"{path}.tmp-{os.getpid()}"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return path

    def events_df(self, **filters):
        """Merged events as a pandas DataFrame with GDELT 2.0's event column names.

        Takes the filters of query(); raw=True is refused (use raw_events_df).
        """
        import pandas as pd
        if filters.get("raw"):
            raise ValueError("parley: events_df is merged events; use raw_events_df() for article events")
        data = self._store.export_text(_filters(filters), "gdelt", self._countries)
        dtypes = {c: "string" for c in _GDELT_TEXT}
        df = pd.read_csv(io.BytesIO(data), sep="\t", header=None, names=GDELT_COLUMNS, dtype=dtypes,
                         quoting=3, keep_default_na=False, na_values={c: [""] for c in GDELT_COLUMNS
                                                                     if c not in _GDELT_TEXT})
        if len(df):
            df["date"] = pd.to_datetime(df["SQLDATE"].astype("Int64").astype("string"), format="%Y%m%d",
                                        errors="coerce")
        else:
            df["date"] = pd.Series(dtype="datetime64[ns]")
        return df

    def raw_events_df(self, **filters):
        """Article events (one row per event an article reported) as a DataFrame."""
        import pandas as pd
        filters["raw"] = True
        return pd.DataFrame(self.query(**filters))

    def articles_df(self, **filters):
        """Stored articles as a DataFrame: doc_id, title, url, source, publish_date and events per article.

        Takes the filters of query() (an article is listed when it reported a matching event);
        articles that reported no event are listed only without filters.
        """
        import pandas as pd
        rows = {}
        for ev in self.query(raw=True, **filters):
            d = rows.setdefault(ev.get("doc_id"), {
                "doc_id": ev.get("doc_id"), "title": ev.get("title"), "url": ev.get("url"),
                "source": ev.get("outlet", ev.get("source")), "publish_date": ev.get("publish_date"),
                "events": 0})
            d["events"] += 1
        return pd.DataFrame(list(rows.values()), columns=["doc_id", "title", "url", "source",
                                                           "publish_date", "events"])
