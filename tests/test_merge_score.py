"""The pair score and the clustering: reports that disagree as real ones do, weighed as data.

Places and groups here are made up (the country of Valoria, code XV), except where a test
goes through real extraction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from groundfacts.errors import BadInputError
from groundfacts.merge_across import (
    CrossDocMerger,
    MergeOptions,
    compare,
    compatible,
    default_rules,
    load_rules,
    merge_events,
    merged_record,
)
from groundfacts.records import Document, Event
from tests.test_merge_across import _ev as report

RULES = Path(__file__).parent.parent / "src" / "groundfacts" / "merge_across" / "rules.toml"


def _ev(eid: str, doc: str, **kw: object) -> Event:
    """A report of an attack in Kermi (Norda province) that killed four."""
    return report(eid, doc, **({"fatalities": 4} | kw))


DISTRICT = {
    "location": "Tamar",
    "admin2": "Tamar",
    "geo_precision": 3,
    "latitude": 12.2,
    "longitude": 1.2,
}  # a district named only, placed at its seat about 31 km from Kermi
PROVINCE = {"location": "Norda", "geo_precision": 3, "latitude": 12.5, "longitude": 1.5}


def test_a_named_group_and_gunmen_in_the_district_a_day_later_with_another_toll() -> None:
    a = _ev("a", "d1")
    b = _ev(
        "b",
        "d2",
        actor1="Unidentified Armed Group (Valoria)",
        inter1=3,
        event_date="2024-03-11",
        fatalities=5,
        **DISTRICT,
    )
    ps = compare(a, b)
    assert not ps.veto
    assert {p.name for p in ps.parts} == {"type", "actors", "place", "date", "casualties"}
    assert ps.part("place") == default_rules().place.district
    assert compatible(a, b)


def test_the_district_must_hold_the_town() -> None:
    far = dict(DISTRICT, latitude=13.5, longitude=2.5)  # a district seat 220 km away
    ps = compare(_ev("a", "d1", admin2="Kermi"), _ev("b", "d2", **far))
    assert "is not in" in ps.veto
    # a town the gazetteer puts in no district: a district point can lie far from its
    # towns, so the two agree on their province only
    ps = compare(_ev("a", "d1"), _ev("b", "d2", **far))
    assert not ps.veto and ps.part("place") == default_rules().place.province
    # with second-level names on both sides, the names decide
    same = dict(far, admin2="Tamar")
    assert compatible(_ev("a", "d1", admin2="Tamar"), _ev("b", "d2", **same))


def test_another_province_or_country_is_a_veto() -> None:
    assert "province" in compare(_ev("a", "d1"), _ev("b", "d2", admin1="Sudra", **PROVINCE)).veto
    assert "country" in compare(_ev("a", "d1"), _ev("b", "d2", iso="XW")).veto


def test_distance_is_scaled_by_precision() -> None:
    # 12.5 km apart: too far for two reports at towns, near enough when one is only "near" one
    b = {"latitude": 12.08, "longitude": 1.08}
    assert "km apart" in compare(_ev("a", "d1"), _ev("b", "d2", **b)).veto
    assert not compare(_ev("a", "d1"), _ev("b", "d2", geo_precision=2, **b)).veto
    assert MergeOptions(max_km=20).resolved().km == 20
    assert not compare(_ev("a", "d1"), _ev("b", "d2", **b), MergeOptions(max_km=20)).veto


def test_dates_within_the_coarser_reports_precision() -> None:
    assert "days apart" in compare(_ev("a", "d1"), _ev("b", "d2", event_date="2024-03-14")).veto
    week = _ev("b", "d2", event_date="2024-03-14", time_precision=2)
    assert not compare(_ev("a", "d1"), week).veto


@pytest.mark.parametrize(
    ("a2", "b2", "joins"),
    [
        # an attack on a police post that one report calls an armed clash: the same target
        ("Police Forces of Valoria (2016-)", "Police Forces of Valoria (2016-)", True),
        # civilians killed in one report, soldiers fought in the other: two events
        ("Civilians (Valoria)", "Military Forces of Valoria (2016-)", False),
        # the target unknown on one side: nothing says it is the same target
        ("Civilians (Valoria)", "", False),
    ],
)
def test_attack_and_armed_clash_on_the_same_target(a2: str, b2: str, joins: bool) -> None:
    a = _ev("a", "d1", actor2=a2)
    b = _ev("b", "d2", sub_event_type="Armed clash", event_type="Battles", actor2=b2)
    assert compatible(a, b) is joins


def test_actor_readings() -> None:
    rules = default_rules()
    from groundfacts.merge_across.score import actor_side

    w = rules.actors
    state = "Police Forces of Valoria (2016-)"
    assert actor_side(state, state + " Gendarmerie", rules)[0] == w.unit_of_role
    assert actor_side("Military Forces of Valoria (2016-)", state, rules)[0] == w.other_branch
    assert actor_side("Ostrel Liberation Front", "Kanu Militia", rules)[0] == w.different_named
    assert actor_side("Unidentified Armed Group (Valoria)", "Kanu Militia", rules)[0] == (
        w.unidentified
    )
    assert actor_side("Protesters (Valoria)", "Rioters (Valoria)", rules)[0] == w.same_crowd
    assert actor_side("Protesters (Valoria)", "Rioters (Ostria)", rules)[0] != w.same_crowd
    assert actor_side("Civilians (Valoria)", "Military Forces of Valoria", rules)[0] == (
        w.different_kind
    )


def test_clusters_do_not_chain() -> None:
    # a and b are 8 km apart, b and c 8 km apart, a and c 16 km: no cluster holds all three
    a = _ev("a", "d1", longitude=1.0)
    b = _ev("b", "d2", longitude=1.0735)
    c = _ev("c", "d3", longitude=1.147)
    assert compatible(a, b) and compatible(b, c) and not compatible(a, c)
    clusters = merge_events([a, b, c])
    assert max(len(x.members) for x in clusters) == 2
    assert len(clusters) == 2


def _vague() -> Event:
    # unnamed attackers somewhere in the province, no toll: below the threshold with anything
    return _ev(
        "v",
        "d9",
        actor1="Unidentified Armed Group (Valoria)",
        fatalities=0,
        admin1="Norda",
        **PROVINCE,
    )


def test_a_vague_report_joins_the_one_event_it_can_be() -> None:
    rules = default_rules()
    town = _ev("a", "d1")
    ps = compare(town, _vague())
    assert not ps.joins(rules) and ps.weakly_joins(rules)
    assert len(merge_events([town, _vague()])) == 1


def test_a_vague_report_stays_alone_between_two_events() -> None:
    # two attacks the same day in two towns of the province, 30 km apart
    one = _ev("a", "d1")
    other = _ev("b", "d2", location="Brevo", latitude=12.27, longitude=1.0)
    clusters = merge_events([one, other, _vague()])
    assert len(clusters) == 3


def test_merged_record_choices() -> None:
    a = _ev("a", "d1", actor1="Unidentified Armed Group (Valoria)", fatalities=5, **DISTRICT)
    b = _ev("b", "d2", fatalities=4, confidence=0.6, language="id")
    c = _ev("c", "d3", fatalities=5, event_date="2024-03-11", geo_precision=2, latitude=12.01)
    d = _ev("d", "d4", fatalities=0, actor2="", event_date="2024-03-10")
    ev = merged_record("m-a", [a, b, c, d])
    assert ev.location == "Kermi" and ev.geo_precision == 1  # the most precise place
    assert ev.actor1 == "Ostrel Liberation Front"  # the named group, not "gunmen"
    assert ev.actor2 == "Civilians (Valoria)"
    assert ev.event_date == "2024-03-10"  # three reports of four
    assert ev.fatalities == 5  # the toll most reports give, not the sum or the highest
    assert merged_record("m", [b, _ev("e", "d5", fatalities=6)]).fatalities == 4  # a tie: lower
    assert {x.doc_id for x in ev.evidence} == {"d1", "d2", "d3", "d4"}
    assert ev.event_id == "m-a"


def test_explain_lists_every_pair() -> None:
    merger = CrossDocMerger()
    ids = merger.extend([_ev("a", "d1"), _ev("b", "d2", event_date="2024-03-11")])
    assert ids[0] == ids[1]
    (pair,) = merger.explain(ids[0])
    a, b, ps = pair
    assert (a.event_id, b.event_id) == ("a", "b")
    assert "1 day apart" in ps.describe()


def test_rules_are_data(tmp_path: Path) -> None:
    text = RULES.read_text(encoding="utf-8").replace("threshold = 2.8", "threshold = 9.0")
    text = text.replace("score = 2.2\n", "score = 9.0\n")
    strict = tmp_path / "strict.toml"
    strict.write_text(text, encoding="utf-8")
    a, b = _ev("a", "d1"), _ev("b", "d2")
    assert compatible(a, b)
    assert not compatible(a, b, MergeOptions(rules=load_rules(strict)))
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace("[limits]", "[limitz]"), encoding="utf-8")
    with pytest.raises(BadInputError, match=r"broken\.toml"):
        load_rules(broken)
    bad_type = tmp_path / "bad_type.toml"
    bad_type.write_text(text.replace('a = "Attack"', 'a = "Attak"', 1), encoding="utf-8")
    with pytest.raises(BadInputError, match="Attak"):
        load_rules(bad_type)


def test_english_and_indonesian_reports_of_one_event_merge() -> None:
    """Through real extraction: names are compared resolved, never as the words used."""
    from groundfacts.pipeline import Pipeline

    texts = [
        (
            "en",
            "Boko Haram fighters killed six farmers near Konduga in Borno state, Nigeria, "
            "on Sunday, a local official said.",
        ),
        (
            "id",
            "Sebanyak tujuh petani tewas dibunuh orang bersenjata di Kabupaten Konduga, "
            "negara bagian Borno, Nigeria, Minggu (9/5/2021).",
        ),
        (
            "en",
            "Gunmen killed six people in Nigeria's Borno state on Sunday, the police said.",
        ),
    ]
    docs = [
        Document(id=f"{lang}{i}", text=t, published=dt.date(2021, 5, 11))
        for i, (lang, t) in enumerate(texts)
    ]
    events = [e for r in Pipeline().run(docs) for e in r.events]
    assert {e.language for e in events} == {"en", "id"}
    clusters = merge_events(events)
    biggest = max(clusters, key=lambda c: c.reports)
    assert biggest.reports == 3
    record = biggest.event()
    assert record.actor1.startswith("Boko Haram")
    assert record.location == "Konduga"


def test_a_single_report_is_its_own_record() -> None:
    from groundfacts.merge_across.record import _choose

    rules = default_rules()
    for e in (
        _ev("a", "d1"),
        _ev("b", "d2", inter2=None, actor2="", source="B; A; A"),
        _ev("c", "d3", confidence=0.999, **DISTRICT),
    ):
        assert merged_record("m-x", [e]) == _choose("m-x", [e], rules)


def test_places_the_gazetteer_lacks_keep_apart_by_name() -> None:
    # two villages missing from the gazetteer, each put at the province around it
    at = {"geo_precision": 3, "latitude": 12.05, "longitude": 1.1, "fatalities": 0}
    a = _ev("a", "d1", location="Barangay Tunga", **at)
    same = compare(a, _ev("b", "d2", location="Tunga", **at))
    assert same.part("place") > 0 and same.joins(default_rules())
    other = compare(a, _ev("c", "d3", location="Barangay Daplian", **at))
    assert other.part("place") == default_rules().place.other_places
    assert not other.joins(default_rules())


def test_the_victims_read_differently_count_less_against() -> None:
    rules = default_rules()
    from groundfacts.merge_across.score import actor_side

    civilians, soldiers = "Civilians (Valoria)", "Military Forces of Valoria (2016-)"
    assert actor_side(civilians, soldiers, rules, target=True)[0] == (
        rules.actors.different_victims
    )
    assert actor_side(civilians, soldiers, rules)[0] == rules.actors.different_kind
    # the record takes the kind of victim most reports give, not the one a misreading gave
    a, b = _ev("a", "d1"), _ev("b", "d2", fatalities=5)
    c = _ev("c", "d3", actor2=soldiers, inter2=1)
    assert merged_record("m-a", [a, b, c]).actor2 == civilians


def test_a_place_the_gazetteer_lacks_and_a_town_of_another_name_keep_apart() -> None:
    # one report names a village missing from the gazetteer (put at its province), the
    # other a town the gazetteer holds: two named places, nothing says one holds the other
    at = {"geo_precision": 3, "latitude": 12.5, "longitude": 1.5}
    other = compare(_ev("a", "d1"), _ev("b", "d2", location="Sarvo", fatalities=9, **at))
    assert other.part("place") == default_rules().place.other_places
    assert not other.joins(default_rules())  # four killed in Kermi, nine in Sarvo
    # the same name on both sides is one place read at two levels
    same = compare(_ev("a", "d1"), _ev("b", "d2", location="Kermi", fatalities=9, **at))
    assert same.part("place") > 0


def test_an_uncertain_attribution_and_one_of_its_groups_agree() -> None:
    # one report says "the Front and/or the Brotherhood", the other names the Brotherhood
    either = "Ostrel Liberation Front and/or Brotherhood of Sarvo"
    one = compare(_ev("a", "d1", actor1=either), _ev("b", "d2", actor1="Brotherhood of Sarvo"))
    assert one.part("actors") > 0
    assert one.joins(default_rules())
    # a third group named in neither is still another group
    other = compare(_ev("a", "d1", actor1=either), _ev("b", "d2", actor1="Valorian Tigers"))
    assert other.part("actors") < 0
    assert not other.joins(default_rules())


def test_one_village_name_spelled_two_ways_is_one_place() -> None:
    # a village the gazetteer lacks, transliterated two ways by two sources
    at = {"geo_precision": 3, "latitude": 12.5, "longitude": 1.5, "location": "Dambalogo"}
    a = _ev("a", "d1", **at)
    b = _ev("b", "d2", **(at | {"location": "Dambalogho"}))
    assert compare(a, b).part("place") == default_rules().place.district
    # two names that only share letters stay two places
    c = _ev("c", "d3", **(at | {"location": "Dambarano"}))
    assert compare(a, c).part("place") == default_rules().place.other_places
