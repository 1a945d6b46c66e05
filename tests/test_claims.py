"""Claims checked against a record: a made-up ACLED-format file imported into a real DuckDB
store, claims in English and Indonesian covering every verdict and scope rule."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from groundfacts.analyse.claims import VERDICTS, ClaimChecker, ClaimReader, check_claim
from groundfacts.resources import Resources
from groundfacts.store import EventStore
from groundfacts.store.acled_import import import_acled

FIXTURES = Path(__file__).parent / "fixtures" / "acled"
RECORD = FIXTURES / "claims-record.csv"
CLAIMS = [json.loads(line) for line in (FIXTURES / "claims.jsonl").read_text().splitlines()]
RESULT_KEYS = {
    "claim",
    "language",
    "parsed",
    "verdict",
    "matching_events",
    "evidence",
    "actor1_events",
    "actor1_targets",
    "explanation",
}
PARSED_KEYS = {
    "actor1",
    "actor2",
    "sub_event_types",
    "negated",
    "country",
    "admin1",
    "location",
    "since",
    "until",
}


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EventStore]:
    path = tmp_path_factory.mktemp("claims") / "record.duckdb"
    with EventStore(path) as s:
        import_acled(s, RECORD)
    with EventStore(path, read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def checker(store: EventStore, resources: Resources) -> ClaimChecker:
    return ClaimChecker(store, resources)


def _check(checker: ClaimChecker, item: dict[str, str]) -> dict[str, object]:
    since = dt.date.fromisoformat(item["since"]) if item.get("since") else None
    return checker.check(item["claim"], since=since, country=item.get("country")).to_dict()


@pytest.mark.parametrize("item", CLAIMS, ids=[c["id"] for c in CLAIMS])
def test_claim_fixture_verdicts(checker: ClaimChecker, item: dict[str, str]) -> None:
    out = _check(checker, item)
    assert out["verdict"] == item["expected"], (item["rule"], out["explanation"], out["parsed"])
    assert set(out) == RESULT_KEYS
    assert set(out["parsed"]) == PARSED_KEYS  # type: ignore[arg-type]


def test_fixtures_cover_every_verdict_in_both_languages() -> None:
    for lang in ("en", "id"):
        seen = {c["expected"] for c in CLAIMS if c["id"].startswith(lang)}
        assert seen == set(VERDICTS), (lang, seen)


def test_explanations_speak_the_claims_language(checker: ClaimChecker) -> None:
    en = checker.check("Russia did not strike ISIS in Aleppo")
    assert en.verdict == "consistent"
    assert en.explanation.startswith("In the record: 1 attack by Russia in Aleppo")
    assert "Jabhat al-Nusra" in en.explanation and "none against ISIS" in en.explanation
    ind = checker.check("Rusia tidak menyerang ISIS di Aleppo")
    assert ind.explanation.startswith("Dalam catatan: 1 serangan Rusia di Aleppo")
    assert "tidak ada terhadap ISIS" in ind.explanation
    assert ind.actor1_targets == [("Jabhat al-Nusra", 1)]


def test_actor_names_match_without_year_ranges(checker: ClaimChecker) -> None:
    r = checker.check("Russia struck Jabhat al-Nusra")
    assert r.parsed.actor1 is not None and r.parsed.actor1.name == "Military Forces of Russia"
    assert [e.actor1 for e in r.evidence] == ["Military Forces of Russia (2000-)"]
    assert r.evidence[0].event_id == "SYR9001" and r.evidence[0].source == "ACLED"


def test_associated_actors_count(checker: ClaimChecker) -> None:
    r = checker.check("Russia attacked civilians in Hama")
    assert r.verdict == "supported"
    assert [e.event_id for e in r.evidence] == ["SYR9005"]  # Russia is an associated actor


def test_either_attribution_counts_for_both_with_a_note(checker: ClaimChecker) -> None:
    for claim in ("Jabhat al-Nusra attacked the Syrian army", "ISIS attacked the Syrian army"):
        r = checker.check(claim)
        assert r.verdict == "supported", claim
        assert [e.event_id for e in r.evidence] == ["SYR9006"]
        assert "and/or" in r.explanation


def test_place_scope_by_name_and_by_distance(checker: ClaimChecker) -> None:
    r = checker.check("There were protests in Jakarta in October 2020")
    # Menteng is a different name 2 km away; Bandung (120 km) is out
    assert sorted(e.event_id for e in r.evidence) == ["IDN9003", "IDN9004"]
    assert r.parsed.since == dt.date(2020, 10, 1) and r.parsed.until == dt.date(2020, 10, 31)
    east_java = checker.check("Police arrested JAD members in East Java in 2019")
    # the record spells the region "Jawa Timur"
    assert east_java.matching_events == 2
    assert east_java.to_dict()["parsed"]["admin1"] == "East Java"  # type: ignore[index]


def test_options_win_over_the_claim(checker: ClaimChecker) -> None:
    claim = "Police arrested JAD members in East Java in 2019"
    assert checker.check(claim).verdict == "supported"
    later = checker.check(claim, since=dt.date(2019, 6, 1), until=dt.date(2019, 12, 31))
    assert later.matching_events == 1  # only the August arrest
    assert later.parsed.since == dt.date(2019, 6, 1)


def test_empty_store_gives_not_found_and_consistent_with_the_warning(
    tmp_path: Path, resources: Resources
) -> None:
    with EventStore(tmp_path / "empty.duckdb") as empty:
        pos = check_claim(empty, "Russia attacked Jabhat al-Nusra", resources=resources)
        neg = check_claim(empty, "Rusia tidak menyerang ISIS", resources=resources)
    assert pos.verdict == "not-found" and "no evidence either way" in pos.explanation
    assert neg.verdict == "consistent" and "tidak ada bukti" in neg.explanation
    assert pos.actor1_events == neg.actor1_events == 0


def test_unparsed_claims_never_raise(resources: Resources) -> None:
    reader = ClaimReader(resources)
    for claim in ("", "   ", "?!", "12345", "Россия не бомбила ИГИЛ", "x" * 5000):
        parsed = reader.read(claim)
        assert parsed.reason, claim
    assert reader.read("Russia attacked ISIS", lang="fr").reason == "language"


def test_reading_a_claim(resources: Resources) -> None:
    reader = ClaimReader(resources)
    p = reader.read("ISIS was attacked by Russia near Aleppo in 2015")
    assert p.actor1 is not None and p.actor1.name == "Military Forces of Russia"  # passive
    assert p.actor2 is not None and "Islamic State" in p.actor2.name
    assert p.place.location == "Aleppo" and not p.negated
    assert (p.since, p.until) == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    arrest = reader.read("Polisi menangkap anggota JAD di Jawa Timur pada 2019")
    assert arrest.sub_event_types == ("Arrests", "Protest with intervention")
    assert arrest.reversed_types == {"Protest with intervention"}  # protesters are ACLED's actor1
    assert arrest.actor1 is not None and arrest.actor1.name == "Police Forces of Indonesia"
    shelled = reader.read("The army shelled Kafr Zita")
    assert shelled.sub_event_types == ("Shelling/artillery/missile attack",)
    protest = reader.read("Protesters rallied")
    assert protest.actor1 is not None and protest.actor1.prefixes  # any country's protesters


def test_a_claim_of_names_is_read_by_the_pack_that_reads_it(resources: Resources) -> None:
    from groundfacts.text import detect_language

    reader = ClaimReader(resources)
    for claim in ("Abu Sayyaf took Patikul", "Al Shabaab shelled Mogadishu in March 2021"):
        # the names make the detector guess another language; the English pack reads an act
        # and an actor in the claim
        assert detect_language(claim, allowed=resources.packs.languages)[0] is None, claim
        parsed = reader.read(claim)
        assert (parsed.reason, parsed.language) == ("", "en"), claim
        assert parsed.actor1 is not None and parsed.sub_event_types, claim
    # an act and an actor are both needed: a claim in another language stays unread
    for claim in ("La Russie n'a pas attaqué l'État islamique en Syrie", "Die Armee griff an"):
        assert reader.read(claim).reason, claim


def test_cli_check_one_claim_and_a_claims_file(tmp_path: Path, cli: Callable[..., Any]) -> None:
    db = tmp_path / "record.duckdb"
    assert cli("import", "acled", str(RECORD), "--db", str(db)).returncode == 0
    one = cli("check", "Rusia tidak menyerang ISIS di Aleppo", "--db", str(db))
    assert one.returncode == 0, one.stderr
    out = json.loads(one.stdout)
    assert set(out) == RESULT_KEYS and out["verdict"] == "consistent"
    assert out["actor1_targets"] == [["Jabhat al-Nusra", 1]]
    text = cli("check", "Russia struck Jabhat al-Nusra", "--db", str(db), "--format", "text")
    assert text.stdout.startswith("supported: In the record: 1 attack by Russia")
    lines = [
        json.dumps({"id": "a", "claim": "Police arrested JAD members in East Java in 2019"}),
        "{not json",
        json.dumps({"id": "b", "claim": "Police arrested JAD members", "since": "2019-06-01"}),
        json.dumps({"id": "c", "claim": "Il pleut"}),
    ]
    many = cli("check", "--claims", "-", "--db", str(db), stdin="\n".join(lines) + "\n")
    assert many.returncode == 4 and "-:2" in many.stderr  # the bad line is named, the rest done
    results = [json.loads(x) for x in many.stdout.splitlines()]
    assert [(r["id"], r["verdict"], r["matching_events"]) for r in results] == [
        ("a", "supported", 2),
        ("b", "supported", 1),
        ("c", "unparsed", 0),
    ]
    missing = cli("check", "Russia struck ISIS", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 3
    assert cli("check", "--db", str(db)).returncode == 2


def test_time_words_open_one_end_of_the_period(resources: Resources) -> None:
    reader = ClaimReader(resources)
    cases = {
        "Police arrested JAD members since 2019": (dt.date(2019, 1, 1), None),
        "Polisi menangkap anggota JAD sejak 2019 hingga Maret 2021": (
            dt.date(2019, 1, 1),
            dt.date(2021, 3, 31),
        ),
        "ISIS attacked Aleppo before October 2015": (None, dt.date(2015, 9, 30)),
        "ISIS menyerang Aleppo setelah 2014": (dt.date(2015, 1, 1), None),
        "There were protests in Jakarta from 5 October 2020 to 9 October 2020": (
            dt.date(2020, 10, 5),
            dt.date(2020, 10, 9),
        ),
    }
    for claim, period in cases.items():
        p = reader.read(claim)
        assert (p.since, p.until) == period, claim


_CLAIM_WORDS = [
    "Russia", "Rusia", "did", "not", "tidak", "attacked", "menyerang", "struck", "ISIS",
    "police", "polisi", "arrested", "menangkap", "protesters", "in", "di", "Aleppo", "Jakarta",
    "since", "sejak", "before", "2019", "October", "Oktober", "2020", "by", "oleh", "was",
    "diserang", "and/or", "?", "(", ")", "",
]  # fmt: skip


def test_any_claim_gets_a_verdict_and_never_raises(checker: ClaimChecker) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    words = st.sampled_from(_CLAIM_WORDS) | st.text(max_size=12)

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(st.lists(words, max_size=14).map(" ".join))
    def run(claim: str) -> None:
        out = checker.check(claim).to_dict()
        assert out["verdict"] in VERDICTS and set(out) == RESULT_KEYS
        assert isinstance(out["explanation"], str) and out["explanation"]
        if out["verdict"] in ("supported", "contradicted"):
            assert out["matching_events"] > 0

    run()


def test_claims_against_one_source(store: EventStore, resources: Resources) -> None:
    acled = ClaimChecker(store, resources, source="ACLED")
    assert acled.check("Russia struck Jabhat al-Nusra").verdict == "supported"
    ours = ClaimChecker(store, resources, source="groundfacts")
    r = ours.check("Russia struck Jabhat al-Nusra")
    assert r.verdict == "not-found" and "no evidence either way" in r.explanation
