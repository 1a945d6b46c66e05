"""The store with many events: bulk loading through Arrow and filtered queries that agree
with a direct count over the loaded table (timings are measured by benchmarks/bench_store.py,
not asserted here)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from groundfacts.records import DocResult, Document, Event
from groundfacts.scale.synthetic import synthetic_events
from groundfacts.store import EventStore
from groundfacts.store.duckdb_store import EventFilter
from groundfacts.store.export import arrow_schema

N = 60_000


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pa.Table]:
    db = tmp_path_factory.mktemp("volume") / "v.duckdb"
    parts = [synthetic_events(20_000, seed=s, first=s * 20_000) for s in range(3)]
    with EventStore(db) as store:
        for p in parts:
            assert store.add_events_table(p) == 20_000
        # loading the same rows again adds nothing: event ids are keys
        store.add_events_table(parts[0])
    return db, pa.concat_tables(parts)


def test_synthetic_table_has_the_export_schema() -> None:
    t = synthetic_events(100, seed=5)
    assert t.schema == arrow_schema()
    assert t.num_rows == 100
    assert t.column("event_id").to_pylist()[:2] == ["s0", "s1"]
    assert synthetic_events(100, seed=5).equals(t)  # seeded: the same every time


def test_bulk_load_keeps_every_event_once(loaded: tuple[Path, pa.Table]) -> None:
    db, _table = loaded
    with EventStore(db, read_only=True) as store:
        assert store.count() == N
        assert store.counts()["events"] == N


@pytest.mark.parametrize(
    "flt",
    [
        EventFilter(since=dt.date(2020, 3, 1), until=dt.date(2020, 3, 31)),
        EventFilter(country="Country 07"),
        EventFilter(country="ah"),
        EventFilter(actor="Group 042"),
        EventFilter(event_type="riots"),
        EventFilter(
            since=dt.date(2018, 1, 1),
            until=dt.date(2019, 12, 31),
            country="Country 07",
            event_type="Battles",
        ),
    ],
)
def test_filtered_queries_match_a_direct_count(
    loaded: tuple[Path, pa.Table], flt: EventFilter
) -> None:
    db, table = loaded
    mask = pa.array([True] * table.num_rows)
    if flt.since:
        mask = pc.and_(mask, pc.greater_equal(table["event_date"], pa.scalar(flt.since)))
    if flt.until:
        mask = pc.and_(mask, pc.less_equal(table["event_date"], pa.scalar(flt.until)))
    if flt.country:
        mask = pc.and_(
            mask,
            pc.or_(
                pc.equal(pc.utf8_lower(table["country"]), flt.country.lower()),
                pc.equal(table["iso"], flt.country.upper()),
            ),
        )
    if flt.actor:
        mask = pc.and_(
            mask,
            pc.or_(
                pc.match_substring(table["actor1"], flt.actor),
                pc.match_substring(table["actor2"], flt.actor),
            ),
        )
    if flt.event_type:
        mask = pc.and_(mask, pc.equal(pc.utf8_lower(table["event_type"]), flt.event_type.lower()))
    expected = pc.sum(pc.cast(mask, pa.int64())).as_py()
    assert expected > 0
    with EventStore(db, read_only=True) as store:
        assert store.count(flt) == expected
        got = list(store.events(EventFilter(**{**_fields(flt), "limit": 50})))
    assert len(got) == min(50, expected)
    assert [e.event_date for e in got] == sorted(e.event_date for e in got)
    assert all(isinstance(e, Event) for e in got)


def _fields(flt: EventFilter) -> dict[str, object]:
    return {
        f: getattr(flt, f)
        for f in ("since", "until", "country", "actor", "event_type", "sub_event_type", "limit")
    }


def test_add_results_goes_through_arrow_for_documents_and_non_events(tmp_path: Path) -> None:
    from groundfacts.records import NonEvent

    results = [
        DocResult(
            Document(id=f"d{i}", text=f"Text number {i}.", published=dt.date(2024, 1, 2)),
            "en",
            non_events=[NonEvent(f"d{i}", 0, 0, 4, "hit", "Attack", "negated", "did not hit")],
        )
        for i in range(2_000)
    ]
    with EventStore(tmp_path / "r.duckdb") as store:
        assert store.add_results(results) == (2_000, 0)
        assert store.add_results(results) == (0, 0)
        assert store.counts() == {"documents": 2_000, "events": 0, "non_events": 2_000}
        row = store.con.execute(
            "SELECT published, reason FROM documents JOIN non_events USING (doc_hash) LIMIT 1"
        ).fetchone()
    assert row == (dt.date(2024, 1, 2), "negated")


def test_ingest_batches_hold_a_bounded_amount_of_text() -> None:
    # many large documents (a huge one-line file read in pieces) are cut into batches by
    # their text, so a batch's events never grow with the file; small ones go 500 at a time
    from groundfacts.store.ingest import BATCH_CHARS, _batches

    big = [Document(id=f"b{i}", text="x" * 1_000_000) for i in range(10)]
    sizes = [len(b) for b in _batches(big, 500)]
    assert sum(sizes) == 10
    assert max(sizes) * 1_000_000 <= BATCH_CHARS
    small = [Document(id=f"s{i}", text="short") for i in range(1200)]
    assert [len(b) for b in _batches(small, 500)] == [500, 500, 200]
