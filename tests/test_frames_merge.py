"""Re-typing by actors and merging frames into events, on hand-made frames."""

from __future__ import annotations

import datetime as dt

from groundfacts.frames.retype import retype
from groundfacts.merge import frames_to_events
from groundfacts.records import (
    Actor,
    Casualties,
    DateMention,
    Frame,
    Place,
    PlaceMention,
    Sentence,
    Trigger,
)

ARMY = Actor("Military Forces of Lormia", 1, "LM")
REBELS = Actor("Zarvian Liberation Front", 2, "LM")
CIVS = Actor("Civilians (Lormia)", 7, "LM")
CROWD = Actor("Protesters (Lormia)", 6, "LM")
TESSA = Place("Tessa", 10.0, 1.0, "LM", "Lormia", geonameid=1)
KOPA = Place("Kopa", 11.0, 1.5, "LM", "Lormia", geonameid=2)


def trig(cls: str, sub: str, start: int = 0) -> Trigger:
    return Trigger(start, start + 5, "word", sub, lemma=f"{cls}:word")


def test_attack_on_civilians_is_violence_against_civilians() -> None:
    assert retype(trig("attack", "Armed clash"), REBELS, CIVS) == "Attack"


def test_attack_between_armed_groups_is_a_battle() -> None:
    assert retype(trig("attack", "Attack"), REBELS, ARMY) == "Armed clash"


def test_capture_depends_on_who_captures() -> None:
    t = trig("capture", "Non-state actor overtakes territory")
    assert retype(t, ARMY, REBELS) == "Government regains territory"
    assert retype(t, REBELS, ARMY) == "Non-state actor overtakes territory"


def test_specific_types_are_kept() -> None:
    assert retype(trig("airstrike", "Air/drone strike"), ARMY, CIVS) == "Air/drone strike"
    assert retype(trig("attack", "Attack"), CROWD, None) == "Violent demonstration"


def _frame(
    sent: Sentence,
    t: Trigger,
    a1: Actor | None,
    a2: Actor | None,
    place: Place | None,
    day: int | None = 3,
    killed: int = 0,
) -> Frame:
    f = Frame(
        doc_id="d1",
        sentence=sent,
        trigger=t,
        sub_event_type=retype(t, a1, a2),
        actor1=a1,
        actor2=a2,
        place=PlaceMention(0, 1, place.name, place=place) if place else None,
        date=DateMention(0, 1, "x", dt.date(2021, 5, day), 1) if day else None,
    )
    if killed:
        f.casualties.append(Casualties(t.end + 1, t.end + 3, "n", "killed", killed))
    return f


def test_frames_of_one_event_merge_with_counts_and_evidence() -> None:
    s0 = Sentence("d1", 0, 0, 50, "Rebels attacked the army in Tessa, killing two soldiers.", 0)
    s1 = Sentence("d1", 1, 51, 90, "Three more soldiers died in the clash.", 1)
    f1 = _frame(s0, trig("attack", "Armed clash", 7), REBELS, ARMY, TESSA, killed=2)
    f2 = _frame(s1, trig("clash", "Armed clash", 80), None, None, None, day=None, killed=3)
    events, non = frames_to_events([f1, f2], repeats=[1, 2])
    assert not non
    assert len(events) == 1
    ev = events[0]
    assert ev.sub_event_type == "Armed clash" and ev.event_type == "Battles"
    assert (ev.actor1, ev.actor2, ev.interaction) == (REBELS.name, ARMY.name, 12)
    assert ev.fatalities == 5
    assert ev.mentions == 3  # one sentence, plus one said in a paragraph that occurred twice
    assert {e.sentence for e in ev.evidence} == {0, 1}
    assert ev.location == "Tessa" and ev.event_date == "2021-05-03"


def test_different_places_and_dates_stay_apart() -> None:
    s0 = Sentence("d1", 0, 0, 50, "x", 0)
    t = trig("capture", "Non-state actor overtakes territory")
    events, _ = frames_to_events(
        [_frame(s0, t, REBELS, None, TESSA), _frame(s0, t, REBELS, None, KOPA)]
    )
    assert sorted(e.location for e in events) == ["Kopa", "Tessa"]
    events, _ = frames_to_events(
        [_frame(s0, t, REBELS, None, TESSA, day=3), _frame(s0, t, REBELS, None, TESSA, day=9)]
    )
    assert len(events) == 2


def test_negated_frames_become_non_events() -> None:
    s0 = Sentence("d1", 0, 0, 50, "Lormia did not attack the Front.", 0)
    f = _frame(s0, trig("attack", "Armed clash"), ARMY, REBELS, None)
    f.negated = "negation: 'not'"
    events, non = frames_to_events([f])
    assert events == [] and len(non) == 1 and non[0].reason.startswith("negation")


def test_event_ids_are_stable() -> None:
    s0 = Sentence("d1", 0, 0, 50, "x", 0)
    t = trig("attack", "Armed clash")
    a, _ = frames_to_events([_frame(s0, t, REBELS, ARMY, TESSA)])
    b, _ = frames_to_events([_frame(s0, t, REBELS, ARMY, TESSA)])
    assert a[0].event_id == b[0].event_id
    c, _ = frames_to_events([_frame(s0, t, REBELS, ARMY, KOPA)])
    assert c[0].event_id != a[0].event_id


def test_an_event_told_a_thousand_times_keeps_a_bounded_record() -> None:
    # a page repeating one report: one event, all tellings counted, its record bounded
    import datetime as dt

    from groundfacts.merge import MAX_EVIDENCE, MAX_NOTES
    from groundfacts.pipeline import Pipeline
    from groundfacts.records import Document

    report = "Zarvian Liberation Front fighters raided Kermi on Tuesday, killing 7 people. "
    doc = Document(id="rep", text=report * 1000, published=dt.date(2024, 3, 14), country="BF")
    events = Pipeline().process(doc).events
    assert events
    told = max(events, key=lambda e: e.mentions)
    assert told.mentions >= 500
    assert all(len(e.evidence) <= MAX_EVIDENCE for e in events)
    assert all(len(e.notes) <= MAX_NOTES + len(report) for e in events)
