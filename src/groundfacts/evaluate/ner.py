"""Place (and organisation) mention finding scored against CoNLL-style BIO files.

Each line holds a token and its tag separated by a tab; a blank line ends a sentence
(NERGrit: PLACE, ORGANISATION, PERSON). Sentences are rebuilt with single spaces between
tokens, so gold spans are character offsets into that text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from groundfacts.errors import BadInputError

Finder = Callable[[str], Sequence[tuple[int, int]]]


@dataclass(slots=True)
class GoldSentence:
    text: str
    spans: dict[str, set[tuple[int, int]]] = field(default_factory=dict)


def read_bio(path: str | Path) -> Iterator[GoldSentence]:
    """Sentences with gold spans by label; raises naming the file and line when malformed."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BadInputError(f"cannot read {p}: {exc}") from exc
    toks: list[tuple[str, str]] = []
    for no, line in enumerate([*lines, ""], 1):
        if not line.strip():
            if toks:
                yield _sentence(toks)
                toks = []
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            parts = line.split()
        if len(parts) < 2:
            raise BadInputError(f"{p}:{no}: expected 'token<TAB>tag', got {line!r}")
        toks.append((parts[0], parts[-1].strip()))


def _sentence(toks: list[tuple[str, str]]) -> GoldSentence:
    text_parts: list[str] = []
    pos = 0
    sent = GoldSentence("")
    cur: tuple[str, int, int] | None = None
    for tok, tag in toks:
        start = pos
        end = start + len(tok)
        text_parts.append(tok)
        pos = end + 1
        label = tag[2:] if tag[:2] in ("B-", "I-") else ""
        if tag.startswith("I-") and cur is not None and cur[0] == label:
            cur = (label, cur[1], end)
            continue
        if cur is not None:
            sent.spans.setdefault(cur[0], set()).add((cur[1], cur[2]))
            cur = None
        if label:
            cur = (label, start, end)
    if cur is not None:
        sent.spans.setdefault(cur[0], set()).add((cur[1], cur[2]))
    sent.text = " ".join(text_parts)
    return sent


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "gold": n_gold,
        "predicted": n_pred,
        "correct": tp,
    }


def evaluate_ner(
    path: str | Path, find_places: Finder, find_orgs: Finder | None = None
) -> dict[str, Any]:
    """Exact-span precision/recall/F1 for PLACE (and ORGANISATION when a finder is given),
    plus a lenient recall (any overlap) for places."""
    t0 = time.perf_counter()
    finders: dict[str, Finder] = {"PLACE": find_places}
    if find_orgs is not None:
        finders["ORGANISATION"] = find_orgs
    counts = {k: [0, 0, 0] for k in finders}
    overlap = 0
    sentences = 0
    for sent in read_bio(path):
        sentences += 1
        for label, finder in finders.items():
            gold = sent.spans.get(label, set())
            pred = {(int(s), int(e)) for s, e in finder(sent.text)}
            c = counts[label]
            c[0] += len(gold & pred)
            c[1] += len(pred)
            c[2] += len(gold)
            if label == "PLACE":
                overlap += sum(any(ps < ge and gs < pe for ps, pe in pred) for gs, ge in gold)
    out: dict[str, Any] = {"sentences": sentences}
    for label, (tp, n_pred, n_gold) in counts.items():
        out[label] = _prf(tp, n_pred, n_gold)
    g = counts["PLACE"][2]
    out["PLACE"]["recall_overlap"] = round(overlap / g, 4) if g else 0.0
    out["seconds"] = round(time.perf_counter() - t0, 2)
    return out
