"""Merged events a user reaches: ingest merges, events --merged, merge --rebuild/--explain,
the exports, and EventStore.merged_rows for other readers of the store. Real subprocesses,
real DuckDB files; the reports are made up (real places, invented events)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from groundfacts.store import EventStore
from tests.test_cli import run

REPORTS = [
    {
        "id": "wire-1",
        "text": "Suspected JNIM militants killed four civilians in Djibo, in Burkina Faso's Soum "
        "province, on Tuesday, local sources said.",
        "published": "2021-05-13",
        "source": "Wire One",
    },
    {
        "id": "kabar-2",
        "text": "Orang bersenjata tak dikenal menembak mati lima warga di Djibo, Burkina Faso, "
        "pada Selasa (11/5/2021).",
        "published": "2021-05-13",
        "source": "Kabar Dunia",
    },
    {
        "id": "desk-3",
        "text": "Soldiers clashed with Boko Haram fighters in Bama, Borno state, Nigeria, on "
        "Sunday; three insurgents were killed.",
        "published": "2021-05-11",
        "source": "Global Desk",
    },
]


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", encoding="utf-8")
    return path


def _merged(db: Path, *extra: str) -> list[dict[str, object]]:
    r = run("events", "--db", str(db), "--merged", *extra)
    assert r.returncode == 0, r.stderr
    return [json.loads(x) for x in r.stdout.splitlines()]


def test_ingest_merges_and_events_merged_lists_one_row_per_event(
    docs: Path, tmp_path: Path
) -> None:
    db = tmp_path / "m.duckdb"
    r = run("ingest", str(docs), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "merged events" in r.stderr
    rows = _merged(db)
    djibo = [x for x in rows if x["location"] == "Djibo" and x["sub_event_type"] == "Attack"]
    assert len(djibo) == 1
    ev = djibo[0]
    assert ev["reports"] == 2
    assert set(ev["doc_ids"]) == {"wire-1", "kabar-2"}  # type: ignore[call-overload]
    assert ev["sources"] == ["Kabar Dunia", "Wire One"]
    assert str(ev["actor1"]).startswith("JNIM")  # the named group, not "gunmen"
    assert ev["event_date"] == "2021-05-11"
    assert {e["doc_id"] for e in ev["evidence"]} == {"wire-1", "kabar-2"}  # type: ignore[attr-defined]
    # the per-document events are all still there
    per_doc = run("events", "--db", str(db)).stdout.splitlines()
    assert len(per_doc) > len(rows)
    # only events told by two documents or more
    assert {x["location"] for x in _merged(db, "--min-reports", "2")} == {"Djibo"}


def test_merged_exports(docs: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    run("ingest", str(docs), "--db", str(db))
    out = run("events", "--db", str(db), "--merged", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and list(rows[0])[-3:] == ["reports", "doc_ids", "sources"]
    djibo = max((r for r in rows if r["location"] == "Djibo"), key=lambda r: r["reports"])
    assert djibo["reports"] == "2" and "wire-1" in djibo["doc_ids"]
    geo = json.loads(run("events", "--db", str(db), "--merged", "--format", "geojson").stdout)
    props = [f["properties"] for f in geo["features"]]
    assert max(p["reports"] for p in props) == 2
    pq = tmp_path / "m.parquet"
    r = run("events", "--db", str(db), "--merged", "--format", "parquet", "--out", str(pq))
    assert r.returncode == 0, r.stderr
    import pyarrow.parquet as parquet

    table = parquet.read_table(pq)
    assert {"reports", "doc_ids", "sources"} <= set(table.column_names)


def test_no_merge_then_merge_then_rebuild_and_explain(docs: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    r = run("ingest", str(docs), "--db", str(db), "--no-merge")
    assert r.returncode == 0, r.stderr
    q = run("events", "--db", str(db), "--merged")
    assert q.stdout == "" and "not merged yet" in q.stderr
    r = run("merge", "--db", str(db))
    assert r.returncode == 0, r.stderr
    rows = _merged(db)
    djibo = max((x for x in rows if x["location"] == "Djibo"), key=lambda x: str(x["reports"]))
    assert djibo["reports"] == 2
    # re-merged with a day limit of 0 and a tiny distance: the two reports still agree
    r = run("merge", "--db", str(db), "--rebuild", "--km", "1", "--days", "0")
    assert r.returncode == 0, r.stderr
    assert len(_merged(db)) == len(rows)
    ex = run("merge", "--db", str(db), "--explain", str(djibo["event_id"]))
    assert ex.returncode == 0, ex.stderr
    assert "2 reports" in ex.stdout and "the same day" in ex.stdout
    js = json.loads(
        run("merge", "--db", str(db), "--explain", str(djibo["event_id"]), "--json").stdout
    )
    assert "not_joined" in js  # the nearest reports of other merged events, if any
    (pair,) = js["pairs"]
    assert {p["part"] for p in pair["parts"]} == {"type", "actors", "place", "date", "casualties"}
    assert pair["score"] >= js["threshold"]
    assert run("merge", "--db", str(db), "--explain", "nope").returncode == 1
    assert run("merge", "--db", str(db), "--km", "-3").returncode == 2


def test_merged_rows_for_other_readers(docs: Path, tmp_path: Path) -> None:
    from groundfacts.store.duckdb_store import EventFilter

    db = tmp_path / "m.duckdb"
    run("ingest", str(docs), "--db", str(db))
    with EventStore(db, read_only=True) as store:
        rows = list(store.merged_rows(EventFilter(country="BF")))
        assert rows and all(r.event.iso == "BF" for r in rows)
        two = list(store.merged_rows(min_reports=2))
        assert [r.reports for r in two] == [2]
        assert two[0].sources == ["Kabar Dunia", "Wire One"]
        assert store.unmerged_count() == 0
        # the old accessor still gives (event, reports)
        every = sorted(r.reports for r in store.merged_rows())
        assert sorted(n for _ev, n in store.merged_events()) == every


def test_ingest_country_hint_reaches_the_documents(tmp_path: Path) -> None:
    # no country in the text, and a town name many countries have: the hint decides
    doc = {
        "id": "n1",
        "text": "Gunmen killed three civilians in San Isidro on Monday.",
        "published": "2021-05-13",
    }
    path = tmp_path / "n.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    r = run("ingest", str(path), "--db", str(db), "--country", "PH")
    assert r.returncode == 0, r.stderr
    (ev,) = _merged(db)
    assert ev["iso"] == "PH" and ev["actor2"] == "Civilians (Philippines)"
