"""Hostile inputs, generated from a seed: the files a careless feed, a broken scraper or a
wrong export produce, kept as code rather than as committed blobs.

``write_corpus(folder, seed=..., scale="ci"|"long")`` writes one file per case (a few cases
are JSONL files of several records) and returns what it wrote. The long scale has the full
sizes (a 50 MB single line, a million one-word lines); the CI scale keeps every case but
shrinks the big ones so that the whole batch runs in seconds.

:func:`run_batch` reads a folder the way ``extract`` does (``--skip-bad``) and runs every
document through one :class:`~groundfacts.pipeline.Pipeline`, timing each, and counts what
matters: documents tried, crashes (an exception that escaped, or an internal error recorded
for a document), inputs refused or skipped with a reason that names their file (and line),
and the slowest document. ``python -m groundfacts.evaluate.hostile DIR`` prints the same as
JSON, so a parent process can measure its peak memory.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
import random
import re
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Made-up places and groups (the gazetteer does not know them: recognition falls back).
_PLACES = ("Tessa", "Korvan", "Ubela", "Marn-Oko", "Dasselt", "Yirga")
_GROUPS = ("Zarvian Liberation Front", "Korvan Defence Militia", "the Lormian army")
_VERBS = ("attacked", "raided", "shelled", "ambushed", "clashed with")
_SIZES = {
    "ci": {"line_mb": 1, "words": 50_000, "depth": 10_000, "records": 40},
    "long": {"line_mb": 50, "words": 1_000_000, "depth": 10_000, "records": 400},
}


@dataclass(slots=True)
class Case:
    name: str
    path: Path
    what: str


def report(rnd: random.Random) -> str:
    """One made-up report sentence."""
    n = rnd.randint(1, 40)
    group = rnd.choice(_GROUPS)
    return (
        f"{group[0].upper()}{group[1:]} {rnd.choice(_VERBS)} a village near "
        f"{rnd.choice(_PLACES)} on Tuesday, killing {n} people."
    )


def reports(rnd: random.Random, n: int) -> str:
    return " ".join(report(rnd) for _ in range(n))


def write_reports(path: Path, n: int, *, seed: int, prefix: str = "r", shared: int = 0) -> Path:
    """A JSONL file of ``n`` made-up reports (ids ``<prefix>0000``...), then ``shared`` more
    that every file written with any seed has alike (the same ids and texts)."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=i % 300)
            text = reports(rnd, rnd.randint(1, 4))
            rec = {"id": f"{prefix}{i:04d}", "text": text, "published": day.isoformat()}
            fh.write(json.dumps(rec) + "\n")
        same = random.Random(0)
        for i in range(shared):
            fh.write(json.dumps({"id": f"shared{i}", "text": reports(same, 2)}) + "\n")
    return path


def write_corpus(folder: Path, *, seed: int = 0, scale: str = "ci") -> list[Case]:
    """Write the hostile corpus into ``folder`` (created); returns the cases written."""
    rnd = random.Random(seed)
    size = _SIZES[scale]
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def put(name: str, data: bytes | str, what: str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Case(name, path, what))

    text = reports(rnd, 12)
    # -- not text at all
    put("random.txt", rnd.randbytes(20_000), "random bytes named .txt")
    put("program.txt", b"\x7fELF\x02\x01\x01" + rnd.randbytes(4000), "an executable")
    put("garbage.txt.gz", gzip.compress(rnd.randbytes(5000)), "gzip of garbage")
    put("gzip-named-text.txt", gzip.compress(text.encode()), "gzip named .txt")
    put("report.pdf", b"%PDF-1.4\n" + rnd.randbytes(3000), "an unsupported file type")
    # -- truncated
    put("cut-mid-char.txt", text.encode("utf-8") + "é".encode()[:1], "cut inside a character")
    put("cut.txt.gz", gzip.compress(text.encode())[:40], "truncated gzip")
    cut = json.dumps({"id": "cut", "text": text})
    put(
        "cut.jsonl",
        json.dumps({"id": "ok", "text": text}) + "\n" + cut[: len(cut) // 2],
        "JSONL whose last record is cut off",
    )
    # -- encodings
    sample = "Résumé: " + text + " Ça s'est passé à Tessa — «encore»."
    put("utf16-bom.txt", codecs.BOM_UTF16_LE + sample.encode("utf-16-le"), "UTF-16 with BOM")
    put("utf16be-bom.txt", codecs.BOM_UTF16_BE + sample.encode("utf-16-be"), "UTF-16BE, BOM")
    put("utf16-nobom.txt", sample.encode("utf-16-le"), "UTF-16 without BOM")
    put("utf16be-nobom.txt", sample.encode("utf-16-be"), "UTF-16BE without BOM")
    put("utf32-bom.txt", codecs.BOM_UTF32_LE + sample.encode("utf-32-le"), "UTF-32 with BOM")
    put("utf32-nobom.txt", sample.encode("utf-32-le"), "UTF-32 without BOM")
    put(
        "latin1.txt",
        sample.replace("—", "-").replace("«", '"').replace("»", '"').encode("latin-1"),
        "Latin-1",
    )
    put("cp1252.txt", (sample + " “quoted” €5").encode("cp1252"), "Windows-1252")
    mixed = b"\n\n".join(
        [sample.encode("utf-8"), sample.encode("cp1252", "replace"), sample.encode("utf-8")]
    )
    put("mixed.txt", mixed, "UTF-8 and Windows-1252 paragraphs in one file")
    # -- characters that are not letters
    put("nul.txt", text[:40] + "\x00" * 3 + text[40:] + "\x00", "NUL bytes in the text")
    ctl = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r\t")
    put("controls.txt", ctl + text + "\x7f\x85\x9b" + ctl, "control characters")
    bidi = "\u202e" + text + "\u202c \u2066Tessa\u2069 \u200f\u061c"
    put("bidi.txt", bidi, "bidi controls")
    zwj = text.replace("Tessa", "Te\u200dss\u200da").replace("Korvan", "Kor\u200cvan\ufeff")
    put("zwj.txt", zwj, "zero-width joiners inside names")
    marks = "".join(ch + ("\u0301\u0308\u0327" if ch.isalpha() else "") for ch in text)
    put("combining.txt", marks, "combining marks on every letter")
    put("private-use.txt", "\ue000\U000f0000" + text + "\ud7ff\ufffe\uffff", "odd code points")
    # -- sizes and shapes
    line = reports(rnd, 40)
    reps = size["line_mb"] * 1_000_000 // (len(line) + 1) + 1
    put("one-line.txt", (line + " ") * reps, f"a {size['line_mb']} MB single line")
    words = ("Tessa", "killed", "attack", "the", "Korvan", "and", "soldiers", "village")
    put(
        "one-word-lines.txt",
        "\n".join(rnd.choice(words) for _ in range(size["words"])),
        f"{size['words']:,} one-word lines",
    )
    put("crlf.txt", text.replace(". ", ".\r\n\r\n"), "CRLF line ends")
    put("lone-cr.txt", text.replace(". ", ".\r\r"), "lone CR line ends")
    put("empty.txt", "", "an empty file")
    put("spaces.txt", " \n\t\n" * 1000, "only white space")
    # -- HTML
    scripts = "".join(f"<script>var a{i} = '{report(rnd)}';</script>" for i in range(200))
    put(
        "scripts.html",
        f"<html><head>{scripts}</head><body>{scripts}</body></html>",
        "HTML of scripts only",
    )
    depth = size["depth"]
    put(
        "deep.html",
        "<html><body>" + "<div>" * depth + text + "</div>" * depth + "</body>",
        f"HTML nested {depth:,} deep",
    )
    put(
        "unclosed.html",
        "<html><body><p>" + text.replace(". ", ". <p><b><i>") + "<table><tr>",
        "unclosed tags",
    )
    put("not-html.html", rnd.randbytes(3000), "binary named .html")
    # -- JSONL
    n = size["records"]
    lines = [
        json.dumps({"id": f"r{i}", "text": report(rnd), "published": "2024-03-0" + str(1 + i % 9)})
        for i in range(n)
    ]
    hostile_lines = [
        '{"id": 1e999999, "text": "' + report(rnd) + '"}',
        '{"id": ' + "9" * 5000 + ', "text": "' + report(rnd) + '"}',
        '{"id": "big", "text": "' + report(rnd) + '", "published": ' + "1" * 400 + "}",
        json.dumps({"id": "obj", "text": {"body": report(rnd)}}),
        json.dumps({"id": "list", "text": [report(rnd)], "source": {"name": "x"}}),
        json.dumps({"id": {"nested": True}, "text": report(rnd)}),
        json.dumps({"id": "src", "text": report(rnd), "source": ["a", "b"], "lang": 3}),
        json.dumps({"id": "dup", "text": report(rnd)}),
        json.dumps({"id": "dup", "text": report(rnd)}),
        json.dumps({"id": "nul", "text": "\x00" + report(rnd) + "\x00"}),
        json.dumps({"id": "when", "text": report(rnd), "published": "32/13/2024"}),
        '{"id": "deep", "text": "x", "meta": ' + "[" * depth + "]" * depth + "}",
        "[" * depth + "]" * depth,
        "null",
        "42",
        '"just a string"',
        "{not json at all",
        json.dumps({"id": "esc", "text": "\ud800 lone surrogate " + report(rnd)}),
    ]
    mixed_lines = lines[: n // 2] + hostile_lines + lines[n // 2 :]
    put("hostile.jsonl", "\n".join(mixed_lines) + "\n", "JSONL with hostile records")
    put("bom.jsonl", "\ufeff" + "\n".join(lines[:5]) + "\n", "a BOM before the first record")
    put("crlf.jsonl", "\r\n".join(lines[:5]) + "\r\n", "JSONL with CRLF")
    put("lone-cr.jsonl", "\r".join(lines[:5]) + "\r", "JSONL with lone CR")
    put(
        "latin1.jsonl",
        ("\n".join(lines[:3]) + "\n").replace("Tuesday", "Mardi é").encode("latin-1", "replace"),
        "JSONL in Latin-1",
    )
    put(
        "utf16.jsonl",
        codecs.BOM_UTF16_LE + ("\n".join(lines[:3]) + "\n").encode("utf-16-le"),
        "JSONL in UTF-16",
    )
    put(
        "array.json",
        json.dumps([{"id": "a1", "text": report(rnd)}, {"id": 5}, 7]),
        "a JSON array with bad items",
    )
    put("deep.json", "[" * depth + "]" * depth, f"JSON nested {depth:,} deep")
    return cases


# ------------------------------------------------------------------------------------------
_ORIGIN = re.compile(r"^(?:<stdin>|/?[^:\s][^:]*?)(?::\d+)?: ")


@dataclass(slots=True)
class BatchFigures:
    """What one run over a hostile folder gave."""

    files: int = 0
    documents_tried: int = 0
    documents_done: int = 0
    crashes: int = 0
    crash_examples: list[str] = field(default_factory=list)
    reasons: int = 0  # inputs skipped or refused, and documents with a recorded reason
    unclear: list[str] = field(default_factory=list)  # warnings that name no file
    bad_lines: int = 0
    events: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    slowest_document: str = ""
    slowest_cpu_seconds: float = 0.0  # CPU time: a shared machine does not inflate it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_batch(folder: Path) -> BatchFigures:
    """Every file of ``folder`` through the reader and one pipeline, as ``extract --skip-bad``
    does; nothing is allowed to escape."""
    from groundfacts.ingest import ReadStats, read_documents
    from groundfacts.pipeline import Pipeline

    figures = BatchFigures(files=sum(1 for p in folder.rglob("*") if p.is_file()))
    warnings: list[str] = []
    stats = ReadStats()
    pipe = Pipeline()
    t0, c0 = time.perf_counter(), time.process_time()
    docs = read_documents([folder], skip_bad=True, on_warning=warnings.append, stats=stats)
    try:
        while True:
            t = time.process_time()
            try:
                doc = next(docs)
            except StopIteration:
                break
            figures.documents_tried += 1
            (res,) = list(pipe.run([doc]))
            took = time.process_time() - t
            if took > figures.slowest_cpu_seconds:
                figures.slowest_cpu_seconds = took
                figures.slowest_document = doc.origin or doc.id
            if res.error:
                if res.error.startswith("time budget"):
                    figures.reasons += 1
                else:
                    figures.crashes += 1
                    figures.crash_examples.append(f"{doc.origin}: {res.error}"[:300])
                continue
            figures.documents_done += 1
            figures.events += len(res.events)
            figures.reasons += sum(1 for d in res.drops if d.stage == "language")
    except Exception:  # the reader let something escape: that is the crash being counted
        figures.crashes += 1
        figures.crash_examples.append(traceback.format_exc(limit=3)[-600:])
    figures.seconds = round(time.perf_counter() - t0, 2)
    figures.cpu_seconds = round(time.process_time() - c0, 2)
    figures.slowest_cpu_seconds = round(figures.slowest_cpu_seconds, 2)
    figures.bad_lines = stats.bad_lines
    for w in warnings:
        if _ORIGIN.match(w):
            figures.reasons += 1
        else:
            figures.unclear.append(w[:200])
    return figures


def main(argv: list[str] | None = None) -> int:
    """``python -m groundfacts.evaluate.hostile DIR [--write SEED SCALE]``: the figures as
    JSON on stdout."""
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0])
    if len(args) >= 4 and args[1] == "--write":
        write_corpus(folder, seed=int(args[2]), scale=args[3])
    print(json.dumps(run_batch(folder).to_dict()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
