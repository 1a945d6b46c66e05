"""Deaths of one event: mentions of one toll are one toll, separate tolls add up only when the
text says so, a new total replaces the old, vague quantities follow the documented rule.
Made-up reports in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.packs import Pack
from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event

PUB = dt.date(2023, 6, 15)


def _events(pipe: Pipeline, text: str, lang: str = "en", country: str = "BF") -> list[Event]:
    return pipe.process(Document("t", text, PUB, lang, country=country)).events


def _tolls(pipe: Pipeline, text: str, lang: str) -> list[int]:
    evs = pipe.process(Document("t", text, PUB, lang)).events
    return [e.fatalities for e in evs]


@pytest.mark.parametrize(
    ("lang", "text", "tolls"),
    [
        # the same toll told twice is one toll
        (
            "en",
            "Gunmen killed three villagers in Djibo on Tuesday. Three villagers were killed by "
            "gunmen in Djibo on Tuesday.",
            [3],
        ),
        (
            "id",
            "Kelompok bersenjata menembak mati tiga warga di Ilaga pada Selasa. Tiga warga itu "
            "tewas ditembak di Ilaga.",
            [3],
        ),
        # a headline and the body
        ("en", "Gunmen kill 8 in Djibo\n\nGunmen killed eight villagers in Djibo on Tuesday.", [8]),
        (
            "id",
            "KKB Tembak Mati 8 Warga di Ilaga\n\n"
            "Kelompok bersenjata menembak mati delapan warga di Ilaga pada Selasa.",
            [8],
        ),
        # people in general restate a count of villagers
        ("en", "Gunmen killed three villagers in Djibo on Tuesday. Three people died.", [3]),
        # separate victims, said to be more
        (
            "en",
            "Gunmen killed three villagers in Djibo on Tuesday. Two traders were also killed.",
            [5],
        ),
        (
            "id",
            "Kelompok bersenjata menembak mati tiga warga di Ilaga pada Selasa. Dua pedagang "
            "juga tewas.",
            [5],
        ),
        # a new total replaces the first toll
        (
            "en",
            "Gunmen killed at least five villagers in Djibo on Tuesday. The death toll later "
            "rose to nine.",
            [9],
        ),
        (
            "id",
            "Kelompok bersenjata menembak mati tiga warga di Ilaga pada Selasa. Jumlah korban "
            "tewas bertambah menjadi lima orang.",
            [5],
        ),
        # a coder's note stating the count it coded replaces the toll claimed
        (
            "en",
            "Rebels clashed with soldiers near Kessa on Monday. The army claimed that 40 rebels "
            "were killed. Unknown fatalities coded as 10.",
            [10],
        ),
        # a toll the coder split across events: each event gets its share, rounded
        (
            "en",
            "Soldiers killed 28 rebels near Kessa on Monday, fatalities split between (3) events.",
            [9],
        ),
        (
            "en",
            "Gunmen killed five villagers in Djibo on Tuesday; fatalities split across the two "
            "events.",
            [3],
        ),
        # something else split: the toll stands
        (
            "en",
            "Gunmen killed five villagers in Djibo. Their herds were split between two families.",
            [5],
        ),
        # a count is more credible than a vague quantity
        (
            "en",
            "Gunmen killed several villagers in Djibo on Tuesday. Four villagers were killed, "
            "the mayor said.",
            [4],
        ),
        # reports that differ without saying why: the conservative count
        (
            "en",
            "Gunmen killed seven villagers in Djibo on Tuesday. Five villagers were killed, "
            "the mayor said.",
            [5],
        ),
    ],
)
def test_tolls_of_one_event(pipe: Pipeline, lang: str, text: str, tolls: list[int]) -> None:
    assert _tolls(pipe, text, lang) == tolls


def test_two_tolls_in_one_sentence_add_up(pipe: Pipeline) -> None:
    text = (
        "A roadside bomb struck a minibus near Dori on Tuesday, killing two passengers; three "
        "soldiers died in the blast."
    )
    evs = pipe.process(Document("t", text, PUB, "en")).events
    bomb = next(e for e in evs if e.sub_event_type == "Remote explosive/landmine/IED")
    assert bomb.fatalities == 5


@pytest.mark.parametrize(
    ("lang", "text", "count"),
    [
        ("en", "Gunmen killed several villagers.", 10),
        ("en", "Gunmen killed dozens of villagers.", 12),
        ("en", "Gunmen killed hundreds of villagers.", 100),
        ("en", "An unknown number of attackers were killed.", 3),
        ("id", "Puluhan warga tewas.", 12),
        ("id", "Beberapa warga tewas.", 10),
        ("id", "Ratusan warga tewas.", 100),
    ],
)
def test_vague_quantities_follow_the_documented_rule(
    en: Pack, id_: Pack, lang: str, text: str, count: int
) -> None:
    found = (en if lang == "en" else id_).casualties(text)
    assert [(c.count, c.vague) for c in found] == [(count, True)]


def test_a_toll_knows_its_victims_and_relation(en: Pack, id_: Pack) -> None:
    (c,) = en.casualties("Two more soldiers were also killed.")
    assert (c.victims, c.relation) == ("soldier", "additional")
    (c,) = en.casualties("The death toll rose to nine.")
    assert c.relation == "update"
    (c,) = en.casualties("Gunmen killed three people.")
    assert (c.victims, c.relation, c.vague) == ("", "", False)
    (c,) = id_.casualties("Dua prajurit juga tewas.")
    assert (c.victims, c.relation) == ("prajurit", "additional")


def test_an_event_told_in_two_pieces_of_a_long_document_is_one_event(
    pipe: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the size at which a document is read in pieces, made small so the test stays quick
    monkeypatch.setattr("groundfacts.pipeline.MAX_CHARS", 3000)
    filler = "\n\n".join(
        f"The council of district {i} met on a quiet morning to discuss the budget for road "
        f"number {i} and the repairs of its bridge number {i * 7}."
        for i in range(60)
    )
    text = (
        "Gunmen killed three villagers in Djibo on 3 July 2023.\n\n"
        f"{filler}\n\n"
        "Three villagers were killed by gunmen in Djibo on 3 July 2023, the mayor said."
    )
    evs = pipe.process(Document("long", text, dt.date(2023, 7, 5), "en")).events
    attacks = [e for e in evs if e.location == "Djibo"]
    assert len(attacks) == 1
    (ev,) = attacks
    assert ev.fatalities == 3
    # its evidence comes from both ends of the document, at offsets into the whole text
    starts = sorted(e.start for e in ev.evidence)
    assert starts[0] < 100 and starts[-1] > len(text) - 100
    assert text[ev.evidence[-1].start : ev.evidence[-1].end] == ev.evidence[-1].trigger


@pytest.mark.parametrize(
    ("lang", "country", "text", "actor2", "assoc", "toll"),
    [
        (
            "en",
            "BF",
            "Militants ambushed a joint gendarmerie and army patrol near Djibo on Tuesday. Two "
            "members of the security forces were killed.",
            "Gendarmerie",
            "Military Forces of Burkina Faso",
            2,
        ),
        (
            "id",
            "ID",
            "Kelompok bersenjata menembak prajurit TNI dan polisi di Ilaga pada Senin. Dua "
            "orang tewas.",
            "Military Forces of Indonesia",
            "Police Forces of Indonesia",
            2,
        ),
    ],
)
def test_one_attack_on_forces_of_one_kind_is_one_event_with_their_toll(
    pipe: Pipeline, lang: str, country: str, text: str, actor2: str, assoc: str, toll: int
) -> None:
    evs = pipe.process(Document("t", text, PUB, lang, country=country)).events
    assert len(evs) == 1, [(e.actor2, e.fatalities) for e in evs]
    (ev,) = evs
    assert ev.sub_event_type == "Armed clash"
    # the first force named is the target, the other one is associated with it
    assert actor2 in ev.actor2 and ev.assoc_actor_2.startswith(assoc)
    assert ev.fatalities == toll


def test_soldiers_and_civilians_struck_at_once_stay_two_events(pipe: Pipeline) -> None:
    text = "Gunmen attacked soldiers and civilians in Djibo on Monday, killing four."
    evs = pipe.process(Document("t", text, PUB, "en", country="BF")).events
    assert sorted(e.sub_event_type for e in evs) == ["Armed clash", "Attack"]
    assert sum(e.fatalities for e in evs) == 4


@pytest.mark.parametrize(
    ("lang", "country", "text"),
    [
        ("en", "BF", "Rebels attacked an army post in Kermi on Monday and killed two civilians."),
        (
            "en",
            "BF",
            "Rebels attacked a gendarmerie in Kermi on Monday, killing three gendarmes and a "
            "civilian.",
        ),
        ("id", "ID", "KKB menyerang pos TNI di Kermi pada Senin dan menembak mati dua warga."),
    ],
)
def test_a_killing_told_after_an_attack_is_the_attacks_toll(
    pipe: Pipeline, lang: str, country: str, text: str
) -> None:
    evs = _events(pipe, text, lang, country)
    clash = [e for e in evs if e.sub_event_type == "Armed clash"]
    assert len(clash) == 1, [(e.sub_event_type, e.fatalities) for e in evs]
    # the attack on the post is the event; the killing is its outcome, counted once
    assert clash[0].fatalities == sum(e.fatalities for e in evs) > 0


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        (
            "A soldier was killed while two others were wounded during a firefight with rebels "
            "in Kermi on Monday.",
            1,
        ),
        (
            "Two rebels were killed and three soldiers were wounded when militants raided an "
            "army camp in Kermi on Monday.",
            2,
        ),
    ],
)
def test_victims_killed_and_wounded_share_the_cause_named_after_them(
    pipe: Pipeline, text: str, toll: int
) -> None:
    evs = _events(pipe, text)
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Armed clash", toll)]


def test_a_killing_on_another_day_keeps_its_own_toll(pipe: Pipeline) -> None:
    text = (
        "Rebels attacked an army post in Kermi on 3 May, and on 5 May killed two civilians in "
        "Lorsa."
    )
    evs = _events(pipe, text)
    assert [e.fatalities for e in evs if e.sub_event_type == "Armed clash"] == [0]
    assert sum(e.fatalities for e in evs) == 2


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        (
            "Troops clashed with rebels in Kermi on Monday. Four rebels were killed in the "
            "encounter. No casualties were reported on the military side.",
            4,
        ),
        # a "none" with no toll before it stays a toll of none
        ("Troops clashed with rebels in Kermi on Monday. No casualties were reported.", 0),
        (
            "Two rebel factions had a firefight in Kermi on Monday. There was one fatality and "
            "six injuries.",
            1,
        ),
    ],
)
def test_a_later_none_or_a_count_of_injuries_leaves_the_death_toll(
    pipe: Pipeline, text: str, toll: int
) -> None:
    evs = _events(pipe, text)
    assert [e.fatalities for e in evs] == [toll]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Dua warga tewas dan lima lainnya terluka dalam baku tembak antara TNI dan KKB di "
            "Kampung Kermi pada Senin.",
            "Armed clash",
        ),
        (
            "Dua warga tewas dan lima lainnya terluka setelah roket menghantam Kampung Kermi "
            "pada Senin.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_the_dead_and_wounded_told_before_their_cause_are_its_toll(
    pipe: Pipeline, text: str, sub_event_type: str
) -> None:
    evs = _events(pipe, text, "id", "ID")
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [(sub_event_type, 2)]


def test_a_place_told_before_the_killing_is_the_strikes_place_and_toll(pipe: Pipeline) -> None:
    text = "An air strike struck Saraqib in eastern Idlib on Monday, killing at least 12 people."
    evs = _events(pipe, text, "en", "SY")
    assert [e.fatalities for e in evs if e.location == "Saraqib"] == [12]
    assert sum(e.fatalities for e in evs) == 12


@pytest.mark.parametrize(
    ("lang", "country", "text"),
    [
        (
            "en",
            "BF",
            "Police opened fire on protesters in Kermi on Monday. A student was shot dead.",
        ),
        (
            "id",
            "ID",
            "Polisi menembakkan peluru tajam ke arah mahasiswa yang berunjuk rasa di Kermi, "
            "Senin (14/3/2022). Seorang mahasiswa tewas tertembak.",
        ),
    ],
)
def test_a_victim_told_after_force_on_protesters_is_its_toll(
    pipe: Pipeline, lang: str, country: str, text: str
) -> None:
    evs = _events(pipe, text, lang, country)
    force = [e for e in evs if e.sub_event_type == "Excessive force against protesters"]
    assert [e.fatalities for e in force] == [1]
    assert sum(e.fatalities for e in evs) == 1


def test_a_victim_told_on_another_day_is_no_toll_of_the_protest(pipe: Pipeline) -> None:
    text = (
        "Police opened fire on protesters in Kermi on 3 May. On 9 May, a student was shot dead "
        "in Lorsa."
    )
    evs = _events(pipe, text)
    force = [e for e in evs if e.sub_event_type == "Excessive force against protesters"]
    assert [e.fatalities for e in force] == [0]


@pytest.mark.parametrize(
    ("killed", "sub_event_type"),
    [("two customs officers", "Armed clash"), ("two civilians", "Attack")],
)
def test_a_killing_after_an_attack_on_two_targets_is_the_toll_of_its_victims(
    pipe: Pipeline, killed: str, sub_event_type: str
) -> None:
    text = (
        f"Militants attacked customs officers and civilians in Djibo on Monday, and killed {killed}"
    )
    evs = _events(pipe, text)
    assert [e.fatalities for e in evs if e.sub_event_type == sub_event_type] == [2]
    assert sum(e.fatalities for e in evs) == 2


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        # an approximator after "and" still joins the second count to the first
        ("Gunmen killed a well-known trader and at least three of his relatives in Zorvala.", 4),
        ("Gunmen killed a teacher and about ten villagers in Zorvala on Sunday.", 11),
        # a further count with a state of its own ("arrested") is no death
        (
            "Soldiers and rebels clashed in Zorvala on Sunday, killing one rebel and another one "
            "arrested.",
            1,
        ),
    ],
)
def test_counts_joined_by_and_across_an_approximator(pipe: Pipeline, text: str, toll: int) -> None:
    assert [e.fatalities for e in _events(pipe, text)] == [toll]


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        # an aside set off by commas between a count and its passive verb
        ("Two shopkeepers, a mother and her son, were killed by gunmen in Zorvala on Sunday.", 2),
        (
            "Three herders, one of whom was a village elder, were shot dead by gunmen in Zorvala.",
            3,
        ),
        # no count opens the words before the commas: nobody is counted from the aside
        ("In Zorvala, a market town, gunmen burned a school on Sunday.", 0),
    ],
)
def test_a_count_keeps_its_passive_across_an_aside(pipe: Pipeline, text: str, toll: int) -> None:
    assert [e.fatalities for e in _events(pipe, text)] == [toll]


@pytest.mark.parametrize(
    ("lang", "text", "toll"),
    [
        ("en", "An angry crowd nearly lynched a suspected thief in Zorvala on Sunday.", 0),
        ("en", "Gunmen tried to kill a councillor at his home in Zorvala on Sunday.", 0),
        ("en", "A trader was almost killed when gunmen raided his shop in Zorvala.", 0),
        # before the count, not the verb, "nearly" is an approximator
        ("en", "Gunmen raided a bus in Zorvala on Sunday; nearly 20 passengers were killed.", 20),
        (
            "id",
            "Seorang pedagang nyaris tewas dibacok orang tak dikenal di Zorvala, Minggu (4/6).",
            0,
        ),
    ],
)
def test_a_killing_that_did_not_happen_counts_no_dead(
    pipe: Pipeline, lang: str, text: str, toll: int
) -> None:
    assert [e.fatalities for e in _events(pipe, text, lang)] == [toll]
