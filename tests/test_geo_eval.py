"""evaluate_geo and evaluate_ner on small made-up gold files."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_geo_support import gaz, geo_index  # noqa: F401  (session fixtures)

from groundfacts.errors import BadInputError
from groundfacts.evaluate.geo import evaluate_geo, read_gold
from groundfacts.evaluate.ner import evaluate_ner, read_bio
from groundfacts.geo import Gazetteer

TEXT1 = "Storms hit Austin and Paris overnight. Texas officials counted damage."
TEXT2 = "Shelling near Latakia and Qwxzvplk continued."


def _top(name: str, start: int, lat: float, lon: float, gid: str = "") -> str:
    end = start + len(name)
    return (
        f"<toponym><extractedName>{name}</extractedName><start>{start}</start><end>{end}</end>"
        f"<geonamesID>{gid}</geonamesID><latitude>{lat}</latitude><longitude>{lon}</longitude>"
        "</toponym>"
    )


def _gold(tmp_path: Path) -> Path:
    t1 = (
        _top("Austin", TEXT1.index("Austin"), 30.26715, -97.74306, "4671654")
        + _top("Paris", TEXT1.index("Paris"), 33.66094, -95.55551, "4717560")
        + _top("Texas", TEXT1.index("Texas"), 31.25, -99.25)
        + "<toponym><extractedName>officials</extractedName><start>45</start><end>54</end>"
        "</toponym>"
    )
    t2 = _top("Latakia", TEXT2.index("Latakia"), 35.6, 35.8) + _top(
        "Qwxzvplk", TEXT2.index("Qwxzvplk"), 10.0, 10.0
    )
    xml = (
        "<articles>"
        f"<article><text>{TEXT1}</text><toponyms>{t1}</toponyms></article>"
        f"<article><text>{TEXT2}</text><toponyms>{t2}</toponyms></article>"
        "</articles>"
    )
    p = tmp_path / "gold.xml"
    p.write_text(xml, encoding="utf-8")
    return p


def test_read_gold_skips_toponyms_without_coordinates(tmp_path: Path) -> None:
    arts = read_gold(_gold(tmp_path))
    assert [len(a.toponyms) for a in arts] == [3, 2]


def test_evaluate_geo(tmp_path: Path, gaz: Gazetteer) -> None:  # noqa: F811
    r = evaluate_geo(_gold(tmp_path), gaz)
    assert r["toponyms"] == 5
    # Austin and Paris (Texas, from context) exact; Latakia within 25 km; Texas resolves to
    # the state, but centred on this fixture's two Texan towns, so too far east; Qwxzvplk
    # unknown (placed at the country by the document fallback, so "resolved" is 1.0).
    assert r["exact"] == 0.4
    assert r["within_25km"] == 0.6 and r["within_161km"] == 0.6
    assert r["resolved"] == 1.0  # Qwxzvplk falls back to the country (Syria)


def test_evaluate_geo_bad_file(tmp_path: Path, gaz: Gazetteer) -> None:  # noqa: F811
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"bad\.xml"):
        evaluate_geo(bad, gaz)


BIO = "\n".join(
    [
        "Warga\tO",
        "Desa\tO",
        "Sukamakmur\tB-PLACE",
        "di\tO",
        "Jawa\tB-PLACE",
        "Barat\tI-PLACE",
        "bertemu\tO",
        "Bank\tB-ORGANISATION",
        "Sentosa\tI-ORGANISATION",
        ".\tO",
        "",
        "Budi\tB-PERSON",
        "pergi\tO",
        "ke\tO",
        "Jakarta\tB-PLACE",
        "",
        "",
    ]
)


def test_read_bio_rebuilds_text_and_spans(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text(BIO, encoding="utf-8")
    sents = list(read_bio(p))
    assert sents[0].text.startswith("Warga Desa Sukamakmur di Jawa Barat")
    spans = sorted(sents[0].spans["PLACE"])
    assert [sents[0].text[s:e] for s, e in spans] == ["Sukamakmur", "Jawa Barat"]
    assert [sents[1].text[s:e] for s, e in sents[1].spans["PLACE"]] == ["Jakarta"]


def test_evaluate_ner_scores(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text(BIO, encoding="utf-8")

    def places(text: str) -> list[tuple[int, int]]:
        out = []
        for word in ("Sukamakmur", "Jakarta", "Budi"):
            i = text.find(word)
            if i >= 0:
                out.append((i, i + len(word)))
        return out

    def orgs(text: str) -> list[tuple[int, int]]:
        i = text.find("Bank Sentosa")
        return [(i, i + 12)] if i >= 0 else []

    r = evaluate_ner(p, places, orgs)
    assert r["sentences"] == 2
    assert r["PLACE"]["gold"] == 3 and r["PLACE"]["correct"] == 2
    assert r["PLACE"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert r["PLACE"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert r["ORGANISATION"]["f1"] == 1.0


def test_evaluate_ner_malformed(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text("Jakarta\tB-PLACE\nlonelytoken\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"t\.txt:2"):
        evaluate_ner(p, lambda _t: [])
