"""The furniture of a news page: datelines, "read also" inserts, bylines, captions, share blocks.

Pages and scraped articles carry lines that are not the report: "Baca juga: ..." links to other
stories, "Editor: ..." and "Penulis: ..." footers, photo captions, tag lists, share buttons.
Read as prose they give false events (a "read also" headline is another story) and wrong places,
so they are removed before extraction and recorded as drops with a reason.

The dateline ("JAYAPURA, KOMPAS.com -", "Jakarta (ANTARA) -") is removed from the first
paragraph too, but what it says is kept: its place anchors the document's places, and a line
that only gives the date of publication anchors its dates.

Which words mark furniture is language data: each pack may have a ``press.toml``; cleaning
runs before language identification, so the rules of every installed pack are used together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

STAGE = "press"
REASON_DATELINE = "dateline"
REASON_PUBLISHED = "published-line"
REASON_HEADLINE = "headline"
REASON_READ_ALSO = "read-also"  # the press.toml section of links to other stories
# reasons for whole paragraphs come from the sections of press.toml ("read-also", "byline"...)
_KINDS = ("labelled", "opening", "whole")

# A dateline is short: a place and a source, before a dash, at the very start of a paragraph.
_DATELINE_MAX = 60
_DASH = r"(?:\s+[-–—]{1,2}|\s*[–—]|--)\s+"
_UPPER_PLACE = re.compile(r"[A-Z][A-Z'’.\- ]{1,38}[A-Z.]")
_TITLE_PLACE = re.compile(r"(?:[A-Z][a-z'’\-]+)(?: [A-Z][a-z'’\-]+){0,3}")
_DOMAIN = re.compile(r"\w\.(?:com|co|id|net|org|news)\b", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_DIGITS = re.compile(r"\d")
_WORDS = re.compile(r"[^\W\d_]+")
# A caption ends in a photo credit: "(ANTARA/Indrayadi TH)", "(KOMPAS.com/Dhias Suwandi)".
_CREDIT = re.compile(r"\(([^()/\n]{2,40})/[^()\n]{1,60}\)\s*$")
_CAPTION_MAX = 320
# an unsigned dateline ("Jakarta -") opens a paragraph at least this long (not a title)
_BODY_MIN = 60
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PressRules:
    """The furniture words of every pack, merged (see the packs' ``press.toml``)."""

    sources: frozenset[str] = frozenset()
    # (reason, kind, lower-case phrase), longest phrase first
    phrases: tuple[tuple[str, str, str], ...] = ()
    time_zones: frozenset[str] = frozenset()

    @classmethod
    def merge(cls, tables: Iterable[dict[str, Any]]) -> PressRules:
        sources: set[str] = set()
        zones: set[str] = set()
        phrases: set[tuple[str, str, str]] = set()
        for table in tables:
            sources.update(s.casefold() for s in table.get("sources", []))
            zones.update(z.casefold() for z in table.get("time_zones", []))
            for kind in _KINDS:
                for reason, words in table.get(kind, {}).items():
                    phrases.update((reason, kind, w.casefold()) for w in words)
        ordered = tuple(sorted(phrases, key=lambda p: (-len(p[2]), p)))
        return cls(frozenset(sources), ordered, frozenset(zones))

    def __bool__(self) -> bool:
        return bool(self.sources or self.phrases)

    # -- paragraphs --------------------------------------------------------------------------

    def furniture(self, paragraph: str) -> str | None:
        """The reason ``paragraph`` is page furniture, or None when it is part of the report."""
        low = paragraph.casefold().strip()
        if not low:
            return None
        if _URL.match(low):
            return "link"
        for reason, kind, phrase in self.phrases:
            if not low.startswith(phrase):
                continue
            rest = low[len(phrase) :]
            if kind == "whole" and not rest.strip(" |·•/,"):
                return reason
            if kind == "opening" and (not rest or not rest[0].isalnum()):
                return reason
            if kind == "labelled" and rest.lstrip()[:1] in (":", "|", "/") and len(low) < 200:
                return reason
        if self._share_block(low):
            return "share"
        if len(paragraph) <= _CAPTION_MAX:
            credit = _CREDIT.search(paragraph)
            if credit and self._is_source(credit.group(1)):
                return "caption"
        return None

    def _share_block(self, low: str) -> bool:
        """A paragraph made only of share-button words ("Facebook Twitter WhatsApp")."""
        words = _WORDS.findall(low)
        share = {p for r, k, p in self.phrases if k == "whole" and r == "share" and " " not in p}
        return len(words) >= 2 and all(w in share for w in words)

    def _is_source(self, text: str) -> bool:
        t = text.strip().casefold()
        return t in self.sources or bool(_DOMAIN.search(t)) or t.startswith("foto")

    def published_line(self, paragraph: str) -> bool:
        """A short line that only gives when the page was published ("Senin, 21/8/2019 14:30
        WIB", "Kompas.com - 22/08/2019, 10:15 WIB")."""
        if len(paragraph) > 80 or not _DIGITS.search(paragraph):
            return False
        words = [w.casefold() for w in _WORDS.findall(paragraph)]
        has_zone = any(w in self.time_zones for w in words)
        return bool(_TIME.search(paragraph)) and has_zone and len(words) <= 8

    # -- the dateline ------------------------------------------------------------------------

    def dateline(self, paragraph: str) -> tuple[int, str] | None:
        """(length of the dateline, its place, "" when it names only its source) when
        ``paragraph`` opens with one."""
        m = re.match(rf"(.{{2,{_DATELINE_MAX}}}?){_DASH}(?=\S)", paragraph)
        if m is None:
            return None
        head = m.group(1).strip()
        place = self._dateline_place(head)
        if place is None:
            return None
        if not self._signed(head) and (
            len(paragraph) < _BODY_MIN or not paragraph[m.end() : m.end() + 1].isupper()
        ):
            return None  # an unsigned "X -" opens a body paragraph that starts a sentence
        return m.end(), place

    def _signed(self, head: str) -> bool:
        """The dateline head names its source ("KOMPAS.com", "(ANTARA)")."""
        paren = re.search(r"\(([^()]{2,30})\)\s*$", head)
        if paren and self._is_source(paren.group(1)):
            return True
        return any(self._is_source(p) for p in head.split(","))

    def _dateline_place(self, head: str) -> str | None:
        """The place of a dateline head ("JAYAPURA, KOMPAS.com", "Jakarta (ANTARA)",
        "TEMPO.CO, Jakarta"), or None when the head is not a dateline."""
        source_seen = False
        paren = re.search(r"\(([^()]{2,30})\)\s*$", head)
        if paren:
            if not self._is_source(paren.group(1)):
                return None
            source_seen = True
            head = head[: paren.start()].strip()
        parts = [p.strip() for p in head.split(",") if p.strip()]
        places = []
        for part in parts:
            if self._is_source(part):
                source_seen = True
            elif _DIGITS.search(part):
                continue  # an old-style date in the dateline ("Jayapura, 21/8 (ANTARA)")
            else:
                places.append(part)
        if not places and source_seen and len(parts) == 1 and not paren:
            return ""  # "Suara.com -": a source that files from no named place
        # "SORONG, Indonesia (Reuters)", "Jayapura, Papua": the first place is the most specific
        if not 1 <= len(places) <= 2:
            return None
        if not all(_UPPER_PLACE.fullmatch(p) or _TITLE_PLACE.fullmatch(p) for p in places):
            return None
        if len(places) == 2 and not (source_seen or places[0].isupper()):
            return None
        place = places[0]
        # A bare "Jakarta -" or "Gunung Sitoli -" (no source) is a dateline when the place is
        # in capitals or at most three title-case words with no lower-case word among them:
        # "Dua warga tewas -" is not.
        if not source_seen and not (place.isupper() or len(place.split()) <= 3):
            return None
        return place


@dataclass(slots=True)
class PressCut:
    """What :func:`strip_furniture` found: the kept paragraphs and what was removed."""

    paragraphs: list[tuple[int, int]]
    removed: list[tuple[str, str, int, int]] = field(default_factory=list)  # reason, text, span
    dateline: str = ""
    published_line: str = ""


# The dateline is looked for in the first few paragraphs (a title may come first).
_DATELINE_PARAGRAPHS = 3
_HEADLINE_MAX = 150
_ENDS_SENTENCE = frozenset('.!?…"”’)')


def _headline_shaped(paragraph: str) -> bool:
    """A short title-case line without a full stop ("Dua Tukang Ojek Tewas Ditembak")."""
    p = paragraph.strip()
    if not p or len(p) > _HEADLINE_MAX or p[-1] in _ENDS_SENTENCE:
        return False
    words = [w for w in p.split() if w[:1].isalpha()]
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 3 and caps * 10 >= len(words) * 6


def _label_alone(paragraph: str) -> bool:
    """A label with nothing after it ("Baca Juga :", "Baca juga"): the page puts the linked
    headline on the next line."""
    return len(_WORDS.findall(paragraph)) <= 3 and not _DIGITS.search(paragraph)


def _headline(text: str, spans: list[tuple[int, int]], rules: PressRules) -> bool:
    """The first paragraph is the page's headline: it restates the lead, so it is not read.

    Only when the next paragraphs open with a dateline or a published line (a news page),
    so a one-line report without a full stop is never taken for a title."""
    first = text[spans[0][0] : spans[0][1]] if spans else ""
    if len(spans) < 2 or not _headline_shaped(first) or rules.published_line(first):
        return False
    for start, end in spans[1 : _DATELINE_PARAGRAPHS + 1]:
        para = text[start:end]
        if rules.dateline(para) is not None or rules.published_line(para):
            return True
        if rules.furniture(para) is None:
            return False
    return False


def strip_furniture(text: str, spans: list[tuple[int, int]], rules: PressRules) -> PressCut:
    """Paragraph spans of ``text`` without furniture; a dateline is cut off its paragraph."""
    cut = PressCut([])
    if not rules:
        cut.paragraphs = list(spans)
        return cut
    headline = _headline(text, spans, rules)
    dateline_seen = False
    linked = ""  # a label standing alone ("Baca Juga :"): its links are the next paragraphs
    for i, (start, end) in enumerate(spans):
        para = text[start:end]
        if i == 0 and headline:
            cut.removed.append((REASON_HEADLINE, para, start, end))
            continue
        if linked and _headline_shaped(para):
            cut.removed.append((linked, para, start, end))
            continue
        reason = rules.furniture(para)
        linked = reason if reason == REASON_READ_ALSO and _label_alone(para) else ""
        if reason is not None:
            cut.removed.append((reason, para, start, end))
            continue
        if not cut.published_line and i < _DATELINE_PARAGRAPHS + 1 and rules.published_line(para):
            cut.published_line = para
            cut.removed.append((REASON_PUBLISHED, para, start, end))
            continue
        if not dateline_seen and i < _DATELINE_PARAGRAPHS:
            found = rules.dateline(para)
            if found is not None:
                length, place = found
                dateline_seen = True
                cut.dateline = place
                detail = place or para[:length].strip(" -–—")
                cut.removed.append((REASON_DATELINE, detail, start, start + length))
                start += length
        cut.paragraphs.append((start, end))
    return cut
