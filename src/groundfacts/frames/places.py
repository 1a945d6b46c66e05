"""Where an event happened: which place mentions belong to a trigger, lists of places taken,
fragments and containers that are no place of their own, places the gazetteer lacks."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from groundfacts.frames.context import (
    DocState,
    SentenceMentions,
)
from groundfacts.frames.syntax import Syntax
from groundfacts.records import (
    ActorMention,
    Place,
    PlaceMention,
    Trigger,
)

# a capitalised word, and the particles that may sit inside a name ("Ahrar al-Sham")
_CAP_WORD = re.compile(r"[^\W\d_][\w'’`‘\-]*")
_NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ar",
        "as",
        "ash",
        "ad",
        "an",
        "az",
        "ez",
        "de",
        "du",
        "des",
        "la",
        "le",
        "bin",
        "ibn",
        "abu",
        "umm",
    }
)

_NEXT_NAME = re.compile(r"[ \t]+[^\W\d_]")

BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def fragments_dropped(
    places: list[PlaceMention], text: str, syntax: Syntax, country: str | None
) -> list[PlaceMention]:
    """Place mentions that are no place of their own: the head of a unit phrase ("Negara" of
    "Negara Bagian Rakhine"), or a foreign place read from the first word of a longer local
    name ("Intan" of "Intan Jaya")."""
    out = []
    for p in places:
        head = syntax.container_head_start.search(text[p.start : p.start + 40])
        if head is not None and head.end() > p.end - p.start:
            continue
        nxt = _NEXT_NAME.match(text, p.end)
        if (
            nxt is not None
            and text[nxt.end() - 1].isupper()
            and p.place is not None
            and country is not None
            and p.place.country_iso not in ("", country)
            and p.cue == "list"
        ):
            continue
        out.append(p)
    return out


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def drop_overlaps(places: list[PlaceMention], actors: list[ActorMention]) -> list[PlaceMention]:
    """Actor names win over place names inside them ("Ahrar al-Sham", "Islamic State (Syria)")."""
    return [p for p in places if not any(overlaps(p.start, p.end, a.start, a.end) for a in actors)]


def place_names_after(
    text: str, start: int, end: int, syntax: Syntax
) -> list[tuple[int, int, str]]:
    """Capitalised names listed after a capture trigger: "captured A, B and the village of C".
    Bracketed parts ("X (commune, province)") locate a name; they are not more places."""
    seg = BRACKETS.sub(lambda m: " " * len(m.group()), text[start:end])
    out: list[tuple[int, int, str]] = []
    pos = 0
    pieces: list[tuple[int, str]] = []
    for m in syntax.list_joiner.finditer(seg):
        pieces.append((pos, seg[pos : m.start()]))
        pos = m.end()
    pieces.append((pos, seg[pos:]))
    for i, (p0, piece) in enumerate(pieces):
        if i and syntax.container_head_start.search(piece):
            break  # "X, wilayah Mopti": the unit containing X, not another place
        words = list(_CAP_WORD.finditer(piece))
        # skip lower-case head words ("sekolah", "the village of")
        k = 0
        while k < len(words) and k < 4 and not words[k].group()[0].isupper():
            k += 1
        lead = [w.group().lower() for w in words[:k]]
        if i and any(w not in syntax.place_heads for w in lead):
            break  # "..., pada Minggu": the list is over
        name_words: list[re.Match[str]] = []
        for w in words[k:]:
            g = w.group()
            if g[0].isupper() or (g.lower() in _NAME_PARTICLES and name_words):
                name_words.append(w)
                if len(name_words) >= 5:
                    break
            else:
                break
        if not name_words:
            if i == 0:
                continue
            break
        # a head noun that is itself capitalised ("Kompleks Penjara X") stays part of the name
        s0 = start + p0 + name_words[0].start()
        s1 = start + p0 + name_words[-1].end()
        out.append((s0, s1, text[s0:s1]))
        if i and words[k + len(name_words) :]:
            break  # "... and C around Bakhmut on Tuesday": the list ends with C
    return out


def contains(outer: PlaceMention, inner: PlaceMention, syntax: Syntax | None = None) -> bool:
    """ "Téra, in Niger", "Ilaga, Kabupaten Puncak": a region or country after a place locates
    it; it is no second place."""
    if outer.container:
        return True  # the hierarchy written around the place ("Pikit, Cotabato")
    if syntax is not None and outer.cue and syntax.container_head_start.search(outer.cue):
        return True
    a, b = outer.place, inner.place
    if a is None or b is None:
        return False
    return a.feature in ("country", "admin1", "admin2", "region") and b.feature != a.feature


def placed_near(name: str, larger: Place) -> Place:
    """A place the gazetteer lacks, under its own name, at the larger unit it lies in."""
    return replace(
        larger,
        name=name,
        geonameid=None,
        feature="fallback",
        population=0,
        precision=max(2, larger.precision),
    )


def named_fallback(p: PlaceMention) -> PlaceMention:
    """A place the gazetteer lacks, placed at a larger unit, keeps its own name."""
    if p.place is None or p.place.feature != "fallback" or p.place.name == p.place_name:
        return p
    named = placed_near(p.place_name, p.place)
    return replace(p, place=named)


def anchor_for(st: DocState, sm: SentenceMentions) -> PlaceMention | None:
    resolved = [p for p in sm.places if p.place is not None]
    return resolved[0] if resolved else st.anchor


def place_for(
    st: DocState, trig: Trigger, sm: SentenceMentions, c1: int, lo: int, hi: int
) -> list[PlaceMention]:
    """Places of a trigger: those after it up to the next trigger (a list of them gives one
    event each), else those before it back to the previous trigger."""
    s = sm.sentence
    places = sm.places
    country = st.ctx.country
    after = _known_first(
        [p for p in places if p.start >= trig.end and p.end <= min(hi, s.start + c1)], country
    )
    chosen: list[PlaceMention] = []
    if after:
        chosen = [after[0]]
        for nxt in after[1:]:
            between = st.ctx.text[chosen[-1].end : nxt.start]
            if (
                st.ctx.syntax.list_joiner.search(between)
                and len(between.split()) <= 3
                and not contains(nxt, chosen[-1], st.ctx.syntax)
                and not st.ctx.syntax.goods_preposition.search(between)
            ):
                chosen.append(nxt)
            else:
                break
        if len(chosen) > 1 and not any(
            any(c.isalpha() for c in m.group())
            for a, b in pairwise(chosen)
            for m in st.ctx.syntax.list_joiner.finditer(st.ctx.text[a.end : b.start])
        ):
            # "in Silik, Pikit town, Cotabato": commas alone chain a place to the units it
            # lies in; a list of places ends with "and"/"or"
            chosen = chosen[:1]
    else:
        before = _known_first([p for p in places if lo <= p.start and p.end <= trig.start], country)
        if not before:
            # "students in X abandoned clashes and took to the streets": the place the
            # sentence named for an earlier trigger, before the document's country
            before = _known_first(
                [p for p in places if p.end <= trig.start and p.start >= s.start], country
            )
        k = len(before) - 1
        # "Desa X, Kabupaten Y ... bentrok", "In Pikit, Cotabato, gunmen ...": the unit that
        # closes the chain contains the village that opens it; the village is the place
        while k > 0 and contains(before[k], before[k - 1], st.ctx.syntax):
            k -= 1
        chosen = [before[k]] if before else []
    return chosen


def _vague(p: PlaceMention) -> bool:
    """A name the gazetteer lacks, placed at no more than its country ("a Hermes store",
    "the Central Office"): often no place at all."""
    return p.place is None or (p.place.feature == "fallback" and not p.place.admin1)


def _known_first(places: list[PlaceMention], country: str | None) -> list[PlaceMention]:
    """The places of a reach without its vague names when it holds a known place in the
    document's country (a country named beside an unknown village is no better)."""
    known = [
        p
        for p in places
        if not _vague(p)
        and p.place is not None
        and p.place.feature != "country"
        and (not country or p.place.country_iso == country)
    ]
    if not known or len(known) == len(places):
        return places
    return [p for p in places if p in known or not _vague(p)]


def listed_places(st: DocState, trig: Trigger, sm: SentenceMentions, c1: int) -> list[PlaceMention]:
    """Every place listed after a capture trigger, resolved or placed near the anchor."""
    s = sm.sentence
    names = [
        n
        for n in place_names_after(st.ctx.text, trig.end, s.start + c1, st.ctx.syntax)
        # "captured a camp of the X Freedom Fighters": a named group is no place taken
        if not any(a.kind == "named" and overlaps(a.start, a.end, n[0], n[1]) for a in sm.actors)
    ]
    if len(names) < 2:
        return []
    anchor = anchor_for(st, sm)
    near = (
        (anchor.place.latitude, anchor.place.longitude)
        if anchor is not None and anchor.place is not None
        else None
    )
    out: list[PlaceMention] = []
    for n0, n1, name in names:
        if any(overlaps(d.start, d.end, n0, n1) for d in sm.dates):
            break
        known = next((p for p in sm.places if overlaps(p.start, p.end, n0, n1)), None)
        if out and known is not None and contains(known, out[-1], st.ctx.syntax):
            break  # "..., Mopti region": the unit the places lie in
        if known is not None and known.place is not None:
            out.append(known)
            continue
        place = st.ctx.resolve.place(name, st.ctx.country, near)
        if place is None and anchor is not None and anchor.place is not None:
            place = placed_near(name, anchor.place)
        out.append(PlaceMention(n0, n1, name, place=place, cue="list"))
    return out


def takes_place(st: DocState, trig: Trigger, places: list[PlaceMention]) -> bool:
    """Whether a territorial trigger has a place as its object ("seized Djibo", "took
    control of the town of X"), not goods taken somewhere ("seized livestock in X")."""
    if trig.voice == "passive":
        # "Kota Ramadi direbut kembali": the place taken is the subject
        before = [p for p in places if p.end <= trig.start]
        if before and len(st.ctx.text[before[-1].end : trig.start].split()) <= 3:
            return True

    after = [p for p in places if p.start >= trig.end]
    if not after:
        return False
    between = st.ctx.text[trig.end : after[0].start]
    if st.ctx.syntax.territory_noun.search(between):
        return True  # "overran an army base outside X": a position taken
    return len(between.split()) <= 5 and not st.ctx.syntax.goods_preposition.search(between)
