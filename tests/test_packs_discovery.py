"""Packs are found from their own pack.toml: a new language needs data, never code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from groundfacts.errors import PackDataError, UnsupportedLanguageError
from groundfacts.packs import Pack, available_languages
from groundfacts.packs.discovery import ENV_PATH, find_packs
from groundfacts.pipeline import Pipeline
from groundfacts.records import Document

TEST_PACKS = Path(__file__).parent / "fixtures" / "packs"


def test_builtin_packs_declare_what_they_serve() -> None:
    index = find_packs()
    assert {"en", "id"} <= set(index.codes)
    assert index.pack_for("ms") == "id"
    assert index.pack_for("id-ID") == "id"
    assert index.pack_for("EN_gb") == "en"
    assert index.pack_for("tl") is None


def test_a_pack_on_the_search_path_is_served_without_code(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnsupportedLanguageError):
        Pack.load("tl")
    monkeypatch.setenv(ENV_PATH, str(TEST_PACKS))
    assert "tl" in available_languages()
    pack = Pack.load("fil")  # a second code the test pack declares
    assert pack.lang == "tl"
    pack.check()
    text = (
        "Sinalakay ng mga rebelde ang isang kampo ng militar sa Marawi noong Lunes. "
        "Dalawang sundalo ang napatay."
    )
    result = Pipeline().process(
        Document(id="tl-1", text=text, lang="tl", published=dt.date(2020, 3, 4))
    )
    assert not result.error
    assert [e.sub_event_type for e in result.events] == ["Attack"]
    event = result.events[0]
    assert event.language == "tl"
    assert event.location == "Marawi City"
    assert event.event_date == "2020-03-02"  # "noong Lunes": the Monday before publication


def test_a_pack_may_not_take_a_served_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clash = tmp_path / "malay"
    clash.mkdir()
    (clash / "pack.toml").write_text('[pack]\nlang = "mz"\nserves = ["mz", "ms"]\n')
    monkeypatch.setenv(ENV_PATH, str(tmp_path))
    with pytest.raises(PackDataError, match="'ms' is already served by pack 'id'"):
        find_packs()


def test_a_bad_search_path_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_PATH, "/no/such/packs")
    with pytest.raises(PackDataError, match="/no/such/packs"):
        find_packs()


def test_a_grammar_flag_must_be_true_or_false(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from groundfacts.frames.syntax import Syntax

    pack = tmp_path / "tl"
    shutil.copytree(TEST_PACKS / "tl", pack)
    syntax = pack / "syntax.toml"
    syntax.write_text(
        syntax.read_text().replace("[syntax]\n", '[syntax]\nbare_passive_agent = "yes"\n', 1)
    )
    monkeypatch.setenv(ENV_PATH, str(tmp_path))
    with pytest.raises(PackDataError, match="bare_passive_agent must be true or false"):
        Syntax.load("tl")


def test_grammar_comes_from_the_pack() -> None:
    from groundfacts.frames.syntax import Syntax

    # Indonesian puts a passive's agent bare after the verb and a genitive after its head;
    # English does neither: the difference is in the packs' data, not in code
    assert Syntax.load("id").bare_passive_agent and Syntax.load("id").genitive_after_head
    assert not Syntax.load("en").bare_passive_agent
    assert not Syntax.load("en").genitive_after_head
