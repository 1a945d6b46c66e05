"""Loading packs: languages, lazy tables, loud failures."""

from __future__ import annotations

import pytest

from groundfacts.errors import PackDataError, UnsupportedLanguageError
from groundfacts.packs import Pack, available_languages, tables
from groundfacts.packs.discovery import find_packs


def test_available_languages() -> None:
    assert available_languages() == ["en", "id"]


def test_malay_is_served_by_the_indonesian_pack() -> None:
    assert Pack.load("ms").lang == "id"
    assert Pack.load("id-ID").lang == "id"


def test_unknown_language_fails_loudly() -> None:
    with pytest.raises(UnsupportedLanguageError, match="xx"):
        Pack.load("xx")


@pytest.mark.parametrize("lang", find_packs().codes)
def test_every_table_parses(lang: str) -> None:
    pack = Pack.load(lang)
    pack.check()
    assert len(pack.trigger_forms) > 300
    assert "No." in pack.abbreviations


def test_abbreviations() -> None:
    assert {"Kol.", "Brigjen.", "dkk.", "Jl.", "Kab.", "a.n."} <= Pack.load("id").abbreviations
    assert {"Lt.", "Gen.", "U.S.", "Sept.", "vs."} <= Pack.load("en").abbreviations


def test_missing_table_names_the_file() -> None:
    with pytest.raises(PackDataError, match=r"packs/en/nope\.tsv"):
        tables.read_text("en", "nope.tsv")


def test_bad_row_names_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = "# comment\nattack\tattack\tNo such type\tactive\t0.5\tattack\n"
    monkeypatch.setattr(tables, "read_text", lambda lang, name: bad)
    pack = Pack("en", {})
    with pytest.raises(PackDataError, match=r"packs/en/triggers.tsv:2: unknown sub-event type"):
        pack.triggers("attack")


def test_wrong_column_count_names_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "read_text", lambda lang, name: "one\ttwo\n")
    with pytest.raises(PackDataError, match=r"packs/id/numbers.tsv:1: expected 3"):
        list(tables.read_tsv("id", "numbers.tsv", 3))
