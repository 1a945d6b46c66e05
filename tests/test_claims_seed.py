"""The seed article's claim, checked end to end: the shared sample (read from ../shared at test
time, never copied) ingested with a few reports of our own, then "Rusia tidak menyerang ISIS"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from shared_files import shared_file

from groundfacts.analyse.claims import ClaimChecker
from groundfacts.pipeline import Pipeline
from groundfacts.records import Document
from groundfacts.store import EventStore

SAMPLE = shared_file("samples", "seed-id.txt")
pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")

# Made-up reports in the same theatre: none of them has Russia strike the Islamic State.
REPORTS = [
    (
        "wire-1",
        "en",
        "Russian warplanes bombed positions of Jaish al-Fath near Kafr Nabudah in Hama "
        "province on 14 October 2015, killing five fighters, activists said.",
        dt.date(2015, 10, 15),
    ),
    (
        "harian-1",
        "id",
        "Pesawat tempur Rusia menggempur markas Ahrar al-Sham di Jisr al-Shughur, Idlib, "
        "Kamis (15/10/2015). Tiga orang tewas dalam serangan itu.",
        dt.date(2015, 10, 16),
    ),
    (
        "wire-2",
        "en",
        "Islamic State fighters attacked a Kurdish checkpoint in Hasakah on 16 October 2015, "
        "a monitoring group said.",
        dt.date(2015, 10, 17),
    ),
]
TARGETS = ("Jabhat al-Nusra", "Ahrar al-Sham", "Jaish al-Fath")


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClaimChecker]:
    pipe = Pipeline()
    docs = [
        Document(
            id="seed", text=SAMPLE.read_text(encoding="utf-8"), published=dt.date(2015, 10, 12)
        ),
        *(Document(id=i, text=t, lang=lang, published=p) for i, lang, t, p in REPORTS),
    ]
    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    with EventStore(path) as store:
        store.add_results(pipe.run(docs))
        yield ClaimChecker(store, pipe.resources)


@pytest.mark.parametrize("claim", ["Rusia tidak menyerang ISIS", "Russia did not strike ISIS"])
def test_russia_did_not_attack_isis_is_consistent(checker: ClaimChecker, claim: str) -> None:
    r = checker.check(claim)
    assert r.verdict == "consistent", r.explanation
    assert r.matching_events == 0
    targets = [name for name, _n in r.actor1_targets]
    for group in TARGETS:
        assert group in targets, targets
        assert group in r.explanation, r.explanation
    assert r.actor1_events >= 3
    assert all("Islamic State" not in name for name in targets)
    assert "no evidence either way" not in r.explanation


def test_explanations_in_the_claims_language(checker: ClaimChecker) -> None:
    assert checker.check("Rusia tidak menyerang ISIS").explanation.startswith("Dalam catatan:")
    assert checker.check("Russia did not strike ISIS").explanation.startswith("In the record:")


def test_russia_attacked_nusra_is_supported(checker: ClaimChecker) -> None:
    r = checker.check("Rusia menyerang Jabhat al-Nusra")
    assert r.verdict == "supported", r.explanation
    assert r.matching_events >= 1
    assert all("Nusra" in e.actor2 for e in r.evidence)
    assert all(e.doc_id == "seed" for e in r.evidence)
