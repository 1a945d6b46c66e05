"""Readers: text, HTML, JSONL/JSON, directories, stdin, and bad input of every kind."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from groundfacts.ingest import InputError, ReadStats, chunk_text, read_documents
from groundfacts.ingest.readers import content_id
from groundfacts.records import Document

ARTICLE_EN = (
    "Clashes in Valoria\n\n"
    "Soldiers of the Valorian army clashed with fighters of the Ostrel Liberation Front near "
    "the town of Kermi on Monday, killing three people, officials said.\n\n"
    "The fighters withdrew after two hours, according to a police spokesman.\n"
)

ARTICLE_ID = (
    "Bentrokan di Kabupaten Sendara\n\n"
    "Polisi menangkap dua orang yang diduga terlibat pembakaran pos ronda di Desa Lumara, "
    "Kec. Sendara, pada Selasa malam.\n\n"
    "Warga mengatakan situasi kini sudah kondusif.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Rebels seize Kermi checkpoint</title>
<meta name="date" content="2024-03-05"></head>
<body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Rebels seize Kermi checkpoint</h1>
<p>Fighters of the Ostrel Liberation Front seized a military checkpoint outside Kermi on
Tuesday after a two-hour gun battle with Valorian soldiers, a regional official said.</p>
<p>Four soldiers were killed and six were wounded in the fighting, the official added,
speaking on condition of anonymity because he was not allowed to brief reporters.</p>
</article>
<section id="comments" class="comments">
<h2>Comments</h2>
<div class="comment"><p>Readercomment: this checkpoint was abandoned weeks ago, fake news.</p></div>
<div class="comment"><p>Readercomment: pray for Kermi.</p></div>
</section>
<footer>Copyright Valoria Daily</footer>
</body></html>
"""


def collect(paths: list[str | Path], **kwargs: Any) -> tuple[list[Document], list[str], ReadStats]:
    warnings: list[str] = []
    stats = ReadStats()
    docs = list(read_documents(paths, on_warning=warnings.append, stats=stats, **kwargs))
    return docs, warnings, stats


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "valoria.txt"
    path.write_text(ARTICLE_EN, encoding="utf-8")
    docs, warnings, stats = collect([path], published=dt.date(2024, 3, 4), lang="en")
    assert len(docs) == 1
    doc = docs[0]
    assert doc.id == "valoria.txt"  # the file is its own input root
    assert doc.text == ARTICLE_EN
    assert doc.origin == f"{path}:1"
    assert doc.published == dt.date(2024, 3, 4)
    assert doc.lang == "en"
    assert stats.documents == 1 and not warnings


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text(ARTICLE_EN)
    (tmp_path / "a" / "deep" / "one.md").write_text(ARTICLE_ID)
    (tmp_path / "a" / "zero.text").write_text(ARTICLE_ID)
    (tmp_path / "a" / "notes.csv").write_text("x,y\n")
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n")
    docs, warnings, stats = collect([tmp_path])
    assert [d.id for d in docs] == ["a/deep/one.md", "a/zero.text", "b/two.txt"]
    # a stray file is passed over with one warning, not counted as a failed input
    assert stats.skipped_files == 0
    assert [w for w in warnings if "notes.csv" in w and "not of a document type" in w] == warnings
    assert len(warnings) == 1


def test_html_main_text_without_comments(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    docs, _warnings, _stats = collect([path])
    assert len(docs) == 1
    text = docs[0].text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Rebels seize Kermi checkpoint"
    assert paragraphs.count("Rebels seize Kermi checkpoint") == 1
    assert "two-hour gun battle" in text and "Four soldiers were killed" in text
    assert "Readercomment" not in text
    assert "Copyright" not in text
    # No default given: the page's own date is used.
    assert docs[0].published == dt.date(2024, 3, 5)
    docs, _w, _s = collect([path], published=dt.date(2024, 1, 1))
    assert docs[0].published == dt.date(2024, 1, 1)


def jsonl_lines() -> list[str]:
    return [
        json.dumps({"id": "v-1", "text": ARTICLE_EN, "published": "2024-02-01", "lang": "en"}),
        "",
        '{"id": "v-2", "text": "broken',
        json.dumps({"text": ARTICLE_ID, "source": "Harian Sendara", "url": "http://x.test/1"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "v-5", "text": "   "}),
        json.dumps({"id": 6, "text": ARTICLE_EN, "published": "yesterday"}),
    ]


def test_jsonl_malformed_line_raises_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        collect([path])
    assert info.value.origin == f"{path}:3"
    assert f"{path}:3:" in str(info.value)


def test_jsonl_skip_bad_goes_on_and_counts(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    default = dt.date(2024, 5, 5)
    docs, warnings, stats = collect([path], skip_bad=True, published=default, lang="id")
    assert [d.id for d in docs] == ["v-1", f"{path.name}:4", "6"]
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:4", f"{path}:7"]
    assert docs[0].published == dt.date(2024, 2, 1)  # the document's date wins
    assert docs[0].lang == "en"
    assert docs[1].published == default and docs[1].lang == "id"
    assert docs[1].source == "Harian Sendara" and docs[1].url == "http://x.test/1"
    assert docs[2].published == default  # unreadable date: warned, default used
    assert stats.bad_lines == 2
    assert stats.bad_line_origins == [f"{path}:3", f"{path}:5"]
    assert stats.skipped_documents == 1  # the whitespace-only text
    assert stats.documents == 3
    assert any(f"{path}:7" in w and "published" in w for w in warnings)
    assert "2 bad lines" in stats.summary()


def test_json_array_and_single_object(tmp_path: Path) -> None:
    arr = tmp_path / "batch.json"
    arr.write_text(json.dumps([{"id": "a", "text": ARTICLE_EN}, {"id": "b", "text": ARTICLE_ID}]))
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "c", "text": ARTICLE_EN}, indent=2))
    docs, _w, _s = collect([arr, one])
    assert [d.id for d in docs] == ["a", "b", "c"]
    assert docs[1].origin == f"{arr}:2"


def test_binary_file_is_skipped_with_reason(tmp_path: Path) -> None:
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "ok.txt").write_text(ARTICLE_EN)
    (tmp_path / "photo.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    docs, warnings, stats = collect([tmp_path])
    assert [d.id for d in docs] == ["ok.txt"]
    assert stats.skipped_files == 3 and stats.bad_lines == 0
    reasons = dict(stats.skipped)
    assert reasons[str(tmp_path / "scan.txt")] == "binary file (PDF)"
    assert reasons[str(tmp_path / "blob.txt")].startswith("binary file")
    assert reasons[str(tmp_path / "photo.jsonl")] == "binary file (PNG)"
    assert len(warnings) == 3


def test_invalid_utf8_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Polisi menangkap \xff\xfe dua orang di Lumara.\n")
    docs, warnings, stats = collect([path])
    assert docs[0].text == "Polisi menangkap \u00ff\u00fe dua orang di Lumara.\n"
    assert stats.decode_errors == 1
    assert any("invalid UTF-8" in w for w in warnings)


def test_invalid_utf8_across_block_boundary(tmp_path: Path) -> None:
    # A valid two-byte character split across the 64 KiB read boundary, then a bad byte.
    head = b"a" * (65536 - 1) + "é".encode()
    path = tmp_path / "big.txt"
    path.write_bytes(head + b" ok \xc3( end")
    docs, _warnings, stats = collect([path])
    assert docs[0].text == "a" * 65535 + "é ok \u00c3( end"
    assert stats.decode_errors == 1


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(ARTICLE_ID.encode("utf-16"))
    docs, _w, _s = collect([path])
    assert docs[0].text == ARTICLE_ID


def test_empty_documents_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n\t \n")
    docs, warnings, stats = collect([tmp_path])
    assert docs == []
    assert stats.skipped_documents == 2
    assert all("empty document" in w for w in warnings)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        collect([tmp_path / "nope.txt"])
    docs, _w, stats = collect([tmp_path / "nope.txt"], skip_bad=True)
    assert docs == [] and stats.skipped_files == 1


def test_stdin_jsonl_and_text() -> None:
    feed = "\n".join(json.dumps({"id": f"s{i}", "text": ARTICLE_EN}) for i in range(3)) + "\n"
    docs, _w, _s = collect(["-"], stdin=io.BytesIO(feed.encode()))
    assert [d.id for d in docs] == ["s0", "s1", "s2"]
    assert docs[2].origin == "<stdin>:3"
    docs, _w, _s = collect(["-"], stdin=io.BytesIO(ARTICLE_ID.encode()))
    assert len(docs) == 1 and docs[0].text == ARTICLE_ID
    assert docs[0].id == content_id(ARTICLE_ID) and docs[0].id.startswith("stdin:")


def test_large_text_is_split_at_paragraph_boundaries(tmp_path: Path) -> None:
    paragraph = "Pasukan keamanan berpatroli di Desa Lumara sepanjang malam. " * 5
    paragraphs = [f"{i}. {paragraph.strip()}" for i in range(200)]
    path = tmp_path / "huge.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    docs, _w, stats = collect([path], max_chars=10_000)
    assert len(docs) > 3
    assert [d.id for d in docs] == [f"{path.name}#part{i}" for i in range(1, len(docs) + 1)]
    assert all(len(d.text) < 2 * 10_000 for d in docs)
    # Every part starts with a whole paragraph and nothing is lost or duplicated.
    rebuilt = [p for d in docs for p in d.text.split("\n\n") if p.strip()]
    assert [p.strip() for p in rebuilt] == paragraphs
    assert stats.chunked_documents == 1 and stats.documents == len(docs)
    # Origins point at the first line of each part.
    lines = path.read_text().split("\n")
    for d in docs:
        lineno = int(d.origin.rsplit(":", 1)[1])
        first = next(p for p in d.text.split("\n") if p.strip())
        assert lines[lineno - 1].strip() == first.strip() or lines[lineno - 1] == ""


def test_large_jsonl_text_is_split(tmp_path: Path) -> None:
    text = "\n\n".join(f"Paragraf nomor {i} tentang patroli di Lumara." for i in range(400))
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": text}) + "\n")
    docs, _w, _s = collect([path], max_chars=2_000)
    assert len(docs) > 5 and docs[0].id == "big#part1"
    assert "".join(d.text for d in docs) == text


def test_html_title_only_in_head_is_kept_as_first_paragraph(tmp_path: Path) -> None:
    page = HTML_PAGE.replace("<h1>Rebels seize Kermi checkpoint</h1>", "")
    path = tmp_path / "nohead.htm"
    path.write_text(page, encoding="utf-8")
    docs, _w, _s = collect([path])
    paragraphs = docs[0].text.split("\n\n")
    assert paragraphs[0] == "Rebels seize Kermi checkpoint"
    assert paragraphs[1].startswith("Fighters of the Ostrel Liberation Front")


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var x = 1;</script></body></html>")
    docs, warnings, stats = collect([path])
    assert docs == [] and stats.skipped_files == 1
    assert "no main text" in warnings[0]


def test_chunk_text_keeps_everything_in_order() -> None:
    text = "".join(f"Paragraph {i}.\nSecond line.\n\n" for i in range(50))
    chunks = list(chunk_text(text, 100))
    assert "".join(c for _line, c in chunks) == text
    assert all(c.startswith("Paragraph") for _line, c in chunks)
    assert [line for line, _c in chunks][:2] == [1, chunks[1][0]] and chunks[1][0] > 1
    first_lines = text.split("\n")
    assert all(first_lines[line - 1] == c.split("\n")[0] for line, c in chunks)


def test_ids_do_not_depend_on_how_a_path_is_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = tmp_path / "news"
    (news / "sahel").mkdir(parents=True)
    (news / "sahel" / "a.txt").write_text(ARTICLE_EN)
    feed = news / "feed.jsonl"
    feed.write_text(json.dumps({"text": ARTICLE_ID}) + "\n")
    monkeypatch.chdir(tmp_path)
    ids = set()
    for arg in ("news/sahel/a.txt", str(news / "sahel" / "a.txt"), "./news/sahel/a.txt"):
        ids.add(collect([arg])[0][0].id)
    monkeypatch.chdir(news / "sahel")
    ids.add(collect(["a.txt"])[0][0].id)
    assert ids == {"a.txt"}
    # a directory: paths relative to the folder given, however it is typed
    monkeypatch.chdir(tmp_path)
    for arg in ("news", str(news), "./news/"):
        assert [d.id for d in collect([arg])[0]] == ["feed.jsonl:1", "sahel/a.txt"]
    # standard input: the content's hash, the same for the same text
    first = collect(["-"], stdin=io.BytesIO(ARTICLE_EN.encode()))[0][0].id
    again = collect(["-"], stdin=io.BytesIO(ARTICLE_EN.encode()))[0][0].id
    other = collect(["-"], stdin=io.BytesIO(ARTICLE_ID.encode()))[0][0].id
    assert first == again == content_id(ARTICLE_EN) != other
    line = json.dumps({"text": ARTICLE_ID}).encode()
    assert collect(["-"], stdin=io.BytesIO(line))[0][0].id == content_id(ARTICLE_ID)


def test_two_files_of_one_name_get_two_ids(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text(ARTICLE_EN)
    (tmp_path / "y" / "a.txt").write_text(ARTICLE_ID)
    ids = [d.id for d in collect([tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"])[0]]
    assert ids[0] == "a.txt" and ids[1].startswith("a.txt~") and len(set(ids)) == 2


def test_latin1_windows1252_and_mixed_files_keep_their_letters(tmp_path: Path) -> None:
    text = "Résumé : à Lumara, «encore» — 5 €."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "b.txt").write_bytes(text.replace("—", "-").replace("€", "E").encode("latin-1"))
    (tmp_path / "c.txt").write_bytes(text.encode("utf-8") + b"\n\n" + text.encode("cp1252"))
    docs, warnings, stats = collect([tmp_path])
    assert docs[0].text == text
    assert docs[1].text == text.replace("—", "-").replace("€", "E")
    assert docs[2].text == text + "\n\n" + text
    assert stats.decode_errors == 3 and all("Windows-1252" in w for w in warnings)


def test_utf16_and_utf32_without_bom(tmp_path: Path) -> None:
    for enc in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        (tmp_path / f"{enc}.txt").write_bytes(ARTICLE_ID.encode(enc))
    docs, warnings, _s = collect([tmp_path])
    assert [d.text for d in docs] == [ARTICLE_ID] * 4 and not warnings


def test_a_few_nul_bytes_do_not_make_text_binary(tmp_path: Path) -> None:
    path = tmp_path / "flawed.txt"
    path.write_bytes(ARTICLE_EN.encode() + b"\x00\x00" + ARTICLE_EN.encode())
    docs, _w, stats = collect([path])
    assert len(docs) == 1 and stats.skipped_files == 0


def test_jsonl_with_lone_cr_line_ends_and_lone_surrogates(tmp_path: Path) -> None:
    recs = [{"id": f"r{i}", "text": f"Report {i} from Lumara."} for i in range(3)]
    recs.append({"id": "s", "text": "Lone \ud800 surrogate."})
    path = tmp_path / "mac.jsonl"
    path.write_bytes("\r".join(json.dumps(r) for r in recs).encode() + b"\r")
    docs, _w, stats = collect([path])
    assert [d.id for d in docs] == ["r0", "r1", "r2", "s"] and stats.bad_lines == 0
    assert [d.origin.rsplit(":", 1)[1] for d in docs] == ["1", "2", "3", "4"]
    assert docs[3].text == "Lone \ufffd surrogate."
    docs[3].text.encode("utf-8")  # storable


def test_an_unknown_country_hint_is_named_with_its_line_and_ignored(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        {"id": "a", "text": "Gunmen attacked Kermi.", "country": "Narnia"},
        {"id": "b", "text": "Gunmen attacked Kermi.", "country": "BFA"},
        {"id": "c", "text": "Gunmen attacked Kermi.", "country": "Burkina Faso"},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    docs, warnings, _stats = collect([path])
    assert [d.country for d in docs] == [None, "BFA", "Burkina Faso"]
    assert len(warnings) == 1
    assert "docs.jsonl:1" in warnings[0] and "Narnia" in warnings[0]
