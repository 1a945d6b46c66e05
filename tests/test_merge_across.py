"""Cross-document merging: reports of one event from several sources become one event.

The corpus in tests/fixtures/merge/events.jsonl is made up (benchmarks/merge_corpus.py writes
it): imaginary towns and groups, each report labelled with the real event it reports.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from groundfacts.merge_across import (
    CrossDocMerger,
    MergeOptions,
    compatible,
    km_between,
    merge_events,
    merged_record,
    pair_scores,
)
from groundfacts.records import Event, Evidence
from groundfacts.store import EventStore

CORPUS = Path(__file__).parent / "fixtures" / "merge" / "events.jsonl"


def _corpus() -> tuple[list[Event], dict[str, str]]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return [Event.from_dict(r) for r in rows], {r["event_id"]: r["gold"] for r in rows}


def _ev(eid: str, doc: str, **kw: object) -> Event:
    base: dict[str, object] = {
        "event_id": eid,
        "doc_id": doc,
        "event_date": "2024-03-10",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Ostrel Liberation Front",
        "inter1": 2,
        "actor2": "Civilians (Valoria)",
        "inter2": 7,
        "iso": "XV",
        "country": "Valoria",
        "admin1": "Norda",
        "location": "Kermi",
        "latitude": 12.0,
        "longitude": 1.0,
        "geo_precision": 1,
        "source": f"Source of {doc}",
        "evidence": [Evidence(doc, 0, 0, 6, "killed")],
    }
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def test_corpus_precision_and_recall() -> None:
    events, gold = _corpus()
    clusters = merge_events(events)
    p, r, _f = pair_scores([[m.event_id for m in c.members] for c in clusters], gold)
    assert p >= 0.98
    # the misses are province-only reports with generic or unidentified actors and other
    # tolls: nothing in them says which of the province's events they report
    assert r >= 0.88
    assert len(clusters) < len(events) * 0.6  # there really are many duplicates


def test_batch_merging_does_not_depend_on_order() -> None:
    events, _gold = _corpus()
    first = {frozenset(m.event_id for m in c.members) for c in merge_events(events)}
    shuffled = events[:]
    random.Random(3).shuffle(shuffled)
    assert {frozenset(m.event_id for m in c.members) for c in merge_events(shuffled)} == first


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({}, True),
        ({"event_date": "2024-03-11"}, True),
        ({"event_date": "2024-03-14"}, False),
        ({"sub_event_type": "Abduction/forced disappearance"}, False),
        ({"latitude": 12.05, "longitude": 1.04}, True),  # about 7 km away
        ({"latitude": 12.26, "longitude": 1.01}, False),  # about 29 km away
        ({"actor1": "Unidentified Armed Group (Valoria)", "inter1": 3}, True),
        ({"actor1": "Kanu Communal Militia (Valoria)", "inter1": 4}, False),
        ({"actor2": ""}, True),
        ({"doc_id": "d1"}, False),  # one document's two events stay two events
        # only the province, and an unnamed attacker: nothing positively agrees
        (
            {
                "actor1": "",
                "location": "Norda",
                "geo_precision": 3,
                "latitude": 12.1,
                "longitude": 1.1,
            },
            False,
        ),
        # only the province, but the same named group
        ({"location": "Norda", "geo_precision": 3, "latitude": 12.1, "longitude": 1.1}, True),
        # a district whose point lies far from the town, which the gazetteer puts in no
        # district: the province is what they share
        (
            {
                "location": "Lorne",
                "admin2": "Lorne",
                "geo_precision": 3,
                "latitude": 13.5,
                "longitude": 1.0,
            },
            True,
        ),
        (
            {
                "location": "Lorne",
                "admin2": "Lorne",
                "admin1": "Sudra",
                "geo_precision": 3,
                "latitude": 13.5,
                "longitude": 1.0,
            },
            False,
        ),
    ],
)
def test_pairwise_rules(change: dict[str, object], same: bool) -> None:
    a = _ev("a", "d1")
    b = _ev("b", "d2", **change)
    assert compatible(a, b) is same
    assert compatible(b, a) is same


def test_clash_sides_may_be_named_in_either_order() -> None:
    kw = {"sub_event_type": "Armed clash", "event_type": "Battles"}
    a = _ev("a", "d1", actor2="Military Forces of Valoria (2016-)", inter2=1, **kw)
    b = _ev(
        "b",
        "d2",
        actor1="Military Forces of Valoria",
        inter1=1,
        actor2="Ostrel Liberation Front",
        inter2=2,
        **kw,
    )
    assert compatible(a, b)
    # an attack on civilians is not the civilians attacking
    c = _ev("c", "d3", actor1="Civilians (Valoria)", actor2="Ostrel Liberation Front")
    assert not compatible(_ev("x", "d4"), c)


def test_merged_record_combines_reports() -> None:
    a = _ev(
        "a",
        "d1",
        actor1="Unidentified Armed Group (Valoria)",
        inter1=3,
        fatalities=7,
        geo_precision=2,
        latitude=12.01,
        source="Norda Radio",
        confidence=0.6,
    )
    b = _ev("b", "d2", fatalities=5, event_date="2024-03-11", source="Wire Service", confidence=0.8)
    c = _ev("c", "d3", fatalities=0, source="Norda Radio; Kermi Times", mentions=2)
    merger = CrossDocMerger()
    ids = merger.extend([a, b, c])
    assert len(set(ids)) == 1 and ids[0] == "m-a"
    cluster = merger.clusters[ids[0]]
    assert cluster.reports == 3
    ev = merged_record(cluster.merged_id, cluster.members)
    assert ev.event_id == "m-a"
    assert ev.actor1 == "Ostrel Liberation Front" and ev.inter1 == 2
    assert ev.interaction == 27
    assert ev.fatalities == 5  # the lowest reported toll, as ACLED does
    assert ev.event_date == "2024-03-10"  # most reports give it
    assert ev.geo_precision == 1 and ev.latitude == 12.0
    assert ev.source == "Kermi Times; Norda Radio; Wire Service"
    assert ev.mentions == 4
    assert {e.doc_id for e in ev.evidence} == {"d1", "d2", "d3"}
    assert ev.confidence == 0.9


def test_incremental_merging_in_the_store_matches_batch(tmp_path: Path) -> None:
    from groundfacts.store.export import events_table

    events, gold = _corpus()

    batch = {frozenset(m.event_id for m in c.members) for c in merge_events(events)}
    with EventStore(tmp_path / "m.duckdb") as store:
        # ingested in three deliveries; each merges into what the store already holds
        thirds = [events[i::3] for i in range(3)]
        total_links = 0
        for part in thirds:
            store.add_events_table(events_table(part))
            linked, _written = store.merge_new()
            total_links += linked
        assert total_links == len(events)
        assert store.merge_new() == (0, 0)
        assert store.counts()["events"] == len(events)  # per-document events kept
        links = store.con.execute("SELECT event_id, merged_id FROM event_links").fetchall()
        merged = list(store.merged_events())
    clusters: dict[str, set[str]] = {}
    for eid, mid in links:
        clusters.setdefault(mid, set()).add(eid)
    p, r, _f = pair_scores(clusters.values(), gold)
    assert p >= 0.98 and r >= 0.88
    assert len(merged) == len(clusters)
    # a cluster never holds two events of one document, so reports add up to the events
    assert sum(n for _ev, n in merged) == len(events)
    # arrival order may differ from the batch order, but the result should be close to it
    same = len(batch & {frozenset(c) for c in clusters.values()})
    assert same >= 0.9 * len(batch)


def test_distance() -> None:
    assert km_between(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.2)
    assert MergeOptions().resolved().km == 10.0
    assert MergeOptions(max_km=4).resolved().km == 4.0


def test_one_report_read_two_ways_joins_the_other_reports() -> None:
    # one document whose sentence extraction read twice (the attacker once as the group,
    # once as the army): each reading matches another source's report of the same attack
    twice = [
        _ev("a1", "d1", fatalities=4),
        _ev("a2", "d1", actor1="Military Forces of Valoria (2016-)", inter1=1),
    ]
    others = [
        _ev("b1", "d2", actor1="Unidentified Armed Group (Valoria)", inter1=3, fatalities=4),
        _ev("c1", "d3", actor1="Military Forces of Valoria (2016-)", inter1=1, fatalities=4),
    ]
    (cluster,) = merge_events(twice + others)
    assert cluster.reports == 3
    assert merged_record(cluster.merged_id, cluster.members).actor1 == "Ostrel Liberation Front"


def test_two_events_of_one_document_in_two_towns_stay_apart() -> None:
    # a round-up: the same group attacked two towns 8 km apart on one day; a second source
    # tells only the first attack
    tassa = {"location": "Tassa", "latitude": 12.05, "longitude": 1.04}
    clusters = merge_events(
        [_ev("a1", "d1"), _ev("a2", "d1", **tassa), _ev("b1", "d2", fatalities=3)]
    )
    together = {frozenset(m.event_id for m in c.members) for c in clusters}
    assert together == {frozenset({"a1", "b1"}), frozenset({"a2"})}


def test_another_reading_of_the_event_must_not_give_another_toll() -> None:
    # an attack on a police post that another report calls a clash: one event when the
    # tolls agree (or one report gives none), two when they are far apart
    post = {"actor2": "Police Forces of Valoria (2016-)", "inter2": 1}
    attack = _ev("a", "d1", fatalities=4, **post)
    clash = {"sub_event_type": "Armed clash", "event_type": "Battles", **post}
    assert compatible(attack, _ev("b", "d2", fatalities=4, **clash))
    assert compatible(attack, _ev("b", "d2", fatalities=0, **clash))
    assert not compatible(attack, _ev("b", "d2", fatalities=12, **clash))
    # one reading of the event: far-apart tolls weigh against, but do not part it alone
    assert compatible(attack, _ev("b", "d2", fatalities=12, **post))
