"""Sentence splitting per pack, and sentences of a cleaned document."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from groundfacts.errors import PackDataError
from groundfacts.text import SentenceSplitter, clean, sentences
from groundfacts.text.sentences import default_abbreviation_file


@pytest.fixture(scope="module")
def id_splitter() -> SentenceSplitter:
    return SentenceSplitter.for_language("id")


@pytest.fixture(scope="module")
def en_splitter() -> SentenceSplitter:
    return SentenceSplitter.for_language("en")


@pytest.fixture(scope="module")
def id_default() -> SentenceSplitter:
    """This module's own Indonesian list (used when the pack has none)."""
    return SentenceSplitter.from_file(default_abbreviation_file("id"), lang="id")


def split(splitter: SentenceSplitter, text: str) -> list[str]:
    return [text[s:e] for s, e in splitter.split(text)]


@pytest.mark.parametrize("which", ["pack", "default"])
def test_indonesian_abbreviations_do_not_end_sentences(
    which: str, id_splitter: SentenceSplitter, id_default: SentenceSplitter
) -> None:
    splitter = id_splitter if which == "pack" else id_default
    text = (
        "Danrem Kol. Hartono tiba di Prov. Maluku Utara. "
        "Budi dkk. Diperiksa di kantor polisi Jl. Merdeka No. 12 kemarin. "
        "Kerugian ditaksir Rp. 5 juta."
    )
    assert split(splitter, text) == [
        "Danrem Kol. Hartono tiba di Prov. Maluku Utara.",
        "Budi dkk. Diperiksa di kantor polisi Jl. Merdeka No. 12 kemarin.",
        "Kerugian ditaksir Rp. 5 juta.",
    ]


def test_initials_decimals_dates_and_times(id_splitter: SentenceSplitter) -> None:
    text = (
        "Laporan J. R. Sitompul menyebut gempa 3.5 SR pada 13.11.2020 pukul 10.30 pagi. "
        "Korban tewas 4 orang. Evakuasi berlanjut."
    )
    assert split(id_splitter, text) == [
        "Laporan J. R. Sitompul menyebut gempa 3.5 SR pada 13.11.2020 pukul 10.30 pagi.",
        "Korban tewas 4 orang.",
        "Evakuasi berlanjut.",
    ]


def test_default_list_corps_and_sentence_final_abbreviations(id_default: SentenceSplitter) -> None:
    text = (
        "Danrem Kol. Inf. Hartono tiba pukul 10.30 WIB. "
        "2. Polisi menyita parang, tombak, dll. Pelaku melarikan diri pada 2021. Dia kabur."
    )
    assert split(id_default, text) == [
        "Danrem Kol. Inf. Hartono tiba pukul 10.30 WIB.",
        "2. Polisi menyita parang, tombak, dll.",
        "Pelaku melarikan diri pada 2021.",
        "Dia kabur.",
    ]


def test_quotes_and_ellipses(id_splitter: SentenceSplitter) -> None:
    text = (
        '"Kami sudah menunggu... Tapi bantuan tak kunjung datang," kata Rahmat. '
        '"Siapa yang menembak?" tanya warga. Situasi tegang... Aparat lalu mundur. '
        "Apakah ini akhir? Belum!"
    )
    assert split(id_splitter, text) == [
        '"Kami sudah menunggu... Tapi bantuan tak kunjung datang," kata Rahmat.',
        '"Siapa yang menembak?" tanya warga.',
        "Situasi tegang...",
        "Aparat lalu mundur.",
        "Apakah ini akhir?",
        "Belum!",
    ]


def test_english_abbreviations_and_acronyms(en_splitter: SentenceSplitter) -> None:
    text = (
        "Lt. Gen. Arlo Venn met Dr. Mara Quist in St. Kermi on Jan. 5. "
        "The U.S. Army sent aid. Officials said 2.5 tonnes arrived. "
        "He said no. Then he left."
    )
    assert split(en_splitter, text) == [
        "Lt. Gen. Arlo Venn met Dr. Mara Quist in St. Kermi on Jan. 5.",
        "The U.S. Army sent aid.",
        "Officials said 2.5 tonnes arrived.",
        "He said no.",
        "Then he left.",
    ]


def test_spans_are_shifted_by_start_and_blank_lines_break(en_splitter: SentenceSplitter) -> None:
    text = "Title without a stop\n\nFirst one. Second one"
    spans = en_splitter.split(text, start=100)
    assert spans == [(100, 120), (122, 132), (133, 143)]


def test_run_on_sentence_is_cut(id_splitter: SentenceSplitter) -> None:
    text = "kata " * 1000
    spans = id_splitter.split(text)
    assert len(spans) > 1
    assert all(e - s <= id_splitter.max_chars for s, e in spans)


def test_custom_abbreviations_and_case_rules() -> None:
    splitter = SentenceSplitter(["kpt.", "Gub"])
    assert splitter.is_abbreviation("Kpt.") and splitter.is_abbreviation("KPT")
    assert splitter.is_abbreviation("Gub.") and not splitter.is_abbreviation("gub")


def test_unknown_language_fails_loudly() -> None:
    with pytest.raises(PackDataError, match="abbreviation"):
        SentenceSplitter.for_language("xx")


def test_sentences_never_cross_paragraphs(id_splitter: SentenceSplitter) -> None:
    para = "Polisi menangkap dua orang. Keduanya dibawa ke Polres Sendara."
    text = "\n\n".join(["Penangkapan di Lumara", para, para, "Kasus ini masih diselidiki"])
    result = clean("doc-9", text)
    found = sentences("doc-9", result, id_splitter)
    assert [s.text for s in found] == [
        "Penangkapan di Lumara",
        "Polisi menangkap dua orang.",
        "Keduanya dibawa ke Polres Sendara.",
        "Kasus ini masih diselidiki",
    ]
    assert [s.paragraph for s in found] == [0, 1, 1, 2]
    assert [s.index for s in found] == [0, 1, 2, 3]
    assert all(s.doc_id == "doc-9" for s in found)
    assert all(result.text[s.start : s.end] == s.text for s in found)
    assert result.repeats[found[1].paragraph] == 2


_PIECES = st.sampled_from(["a", "B", " ", ".", "!", "?", '"', "…", "\n", ",", "3", "Kol.", "dkk."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=80).map("".join) | st.text(max_size=200))
def test_sentence_spans_are_ordered_disjoint_and_inside(text: str) -> None:
    splitter = SentenceSplitter(["Kol", "dkk"])
    prev_end = 0
    for start, end in splitter.split(text):
        assert prev_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        prev_end = end
    result = clean("h", text)
    for s in sentences("h", result, splitter):
        p_start, p_end = result.paragraphs[s.paragraph]
        assert p_start <= s.start < s.end <= p_end
        assert result.text[s.start : s.end] == s.text
