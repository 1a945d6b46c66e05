"""Normalisation and repeated paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from groundfacts.text import clean, normalise, split_paragraphs
from groundfacts.text.paragraphs import REASON_REPEATED, STAGE

SEED = Path("/work/shared/samples/seed-id.txt")

P1 = (
    "Kelompok bersenjata menyerang pos polisi di Desa Lumara, Kabupaten Sendara, pada Senin "
    "dini hari, menewaskan dua petugas."
)
P2 = "Kapolres Sendara mengatakan pelaku melarikan diri ke arah hutan setelah baku tembak."
P3 = "Warga setempat diminta tetap tenang dan tidak menyebarkan kabar bohong."


def test_normalise_repairs_mojibake_and_whitespace() -> None:
    raw = "The mayorâ€™s office\u00a0 said  \t it was\r\n\r\n\r\n\r\nclosed.\u200b  "
    assert normalise(raw) == "The mayor's office said it was\n\nclosed."


def test_normalise_composes_nfc() -> None:
    decomposed = "Jose\u0301 Marti\u0301 said"
    assert normalise(decomposed) == "Jos\u00e9 Mart\u00ed said"
    assert normalise("") == "" and normalise(" \n\t ") == ""


def test_exact_and_near_exact_repeats_are_dropped_and_counted() -> None:
    near = P1.upper().replace(",", "").replace(" ", "  ") + ","  # case, commas, spacing
    text = "\n\n".join([P1, P2, P1, near, P3, P2])
    result = clean("doc-1", text)
    kept = [result.text[s:e] for s, e in result.paragraphs]
    assert kept == [P1, P2, P3]
    assert result.repeats == [3, 2, 1]
    assert result.text == "\n\n".join([P1, P2, P3])
    assert [d.detail for d in result.drops] == ["0", "0", "1"]
    assert all(d.stage == STAGE and d.reason == REASON_REPEATED for d in result.drops)
    assert all(d.doc_id == "doc-1" for d in result.drops)
    # Drop offsets point at the copies in the normalised input.
    normal = normalise(text)
    drop = result.drops[0]
    assert drop.start is not None and drop.end is not None
    assert normal[drop.start : drop.end] == P1
    assert drop.start > len(P1)


def test_similar_paragraph_with_a_different_number_is_kept() -> None:
    other = P1.replace("dua petugas", "tiga petugas")
    changed_count = P1.replace("Senin", "Senin 12")
    result = clean("d", "\n\n".join([P1, other, changed_count]))
    assert len(result.paragraphs) == 3  # "tiga" differs by more than a typo; 12 is new
    assert result.repeats == [1, 1, 1] and result.drops == []


def test_near_copy_with_a_typo_is_dropped() -> None:
    typo = P1.replace("menyerang", "menyrang")
    result = clean("d", "\n\n".join([P1, P2, typo]))
    assert result.repeats == [2, 1]


def test_truncated_teaser_contained_in_an_earlier_paragraph_is_dropped() -> None:
    long_para = P1 + " " + P2
    teaser = P1[:100]
    result = clean("d", "\n\n".join([long_para, P3, teaser]))
    assert result.repeats == [2, 1]


def test_short_boilerplate_only_drops_exact_repeats() -> None:
    result = clean("d", "Baca juga\n\nBaca juga\n\nBaca lagi\n\n" + P3)
    assert [result.text[s:e] for s, e in result.paragraphs] == ["Baca juga", "Baca lagi", P3]
    assert result.repeats == [2, 1, 1]


def test_line_per_paragraph_and_hard_wrapped_text() -> None:
    scraped = "Judul Berita\n" + P1 + "\n" + P2
    text, spans = split_paragraphs(scraped)
    assert [text[s:e] for s, e in spans] == ["Judul Berita", P1, P2]
    wrapped = (
        "Soldiers clashed with fighters of the Ostrel Liberation\n"
        "Front near the town of Kermi on Monday, killing three\n"
        "people, officials said, in the worst fighting this year.\n"
        "The army did not comment."
    )
    text, spans = split_paragraphs(wrapped)
    assert len(spans) == 1 and len(text) == len(wrapped)
    assert "Liberation Front" in text
    # A line continuing in lower case joins the previous one even outside a wrapped block.
    text, spans = split_paragraphs("Polisi menangkap dua\norang tersangka.\nKasus ini masih")
    assert [text[s:e] for s, e in spans] == [
        "Polisi menangkap dua orang tersangka.",
        "Kasus ini masih",
    ]


def test_empty_and_whitespace_documents() -> None:
    for text in ("", "   ", "\n\n\t\n"):
        result = clean("empty", text)
        assert result.text == "" and result.paragraphs == [] and result.drops == []


@pytest.mark.skipif(not SEED.exists(), reason="shared sample not present")
def test_seed_sample_repeats_are_dropped_and_counted() -> None:
    raw = SEED.read_text(encoding="utf-8")
    result = clean("seed-id", raw)
    assert len(result.drops) == 4
    assert sum(result.repeats) == len(result.paragraphs) + 4
    assert sorted(result.repeats, reverse=True)[:4] == [2, 2, 2, 2]
    normal = normalise(raw)
    for drop in result.drops:
        assert drop.start is not None and drop.end is not None
        kept = result.paragraph_text(int(drop.detail))
        assert normal[drop.start : drop.end] == kept


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_never_crashes_and_spans_are_consistent(text: str) -> None:
    result = clean("h", text)
    assert len(result.repeats) == len(result.paragraphs)
    assert all(r >= 1 for r in result.repeats)
    assert sum(result.repeats) == len(result.paragraphs) + len(result.drops)
    prev = -1
    for start, end in result.paragraphs:
        assert prev < start < end <= len(result.text) or (prev < start == 0 < end)
        assert result.text[start:end].strip() == result.text[start:end]
        prev = end


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([P1, P2, P3, "Baca juga", P1.lower() + "."]), max_size=12))
def test_repeats_count_every_copy(paragraphs: list[str]) -> None:
    result = clean("h", "\n\n".join(paragraphs))
    assert sum(result.repeats) == len(paragraphs)
    assert len(result.paragraphs) == len({p.lower().rstrip(".") for p in paragraphs})
