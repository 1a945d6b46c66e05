"""Finding actor mentions in text with one Aho-Corasick automaton per language.

Atoms (a group alias, a role noun, a country name or demonym, a leader) are found first, then
joined when they sit next to each other: "Burkinabe soldiers", "tentara Rusia", "Russian forces",
"Assad regime", "JNIM militants", "anggota KKB", "Fulani militia", "warga Madura". Two named
groups joined by "or", "and/or" or "/" become one uncertain mention ("JNIM or ISGS militants").
The longest non-overlapping spans win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from groundfacts.actors.countries import CountryTable, is_acronym
from groundfacts.actors.lexicon import ARMED_PREFIXES, Lexicon
from groundfacts.records import ActorMention

# Roles that may follow or precede a named group without changing who it is.
_ATTACHABLE = frozenset({"unidentified", "rebels", "militia", "military", "police", "member"})
# Between a modifier and its head: a space, a possessive, or "pro-" before a leader.
_POSSESSIVES = ("'s ", "’s ", "' ", "’ ")
# Roles an identity joins: armed nouns make its militia, crowd and victim nouns carry it along.
_IDENTITY_ARMED = frozenset({"militia", "unidentified"})
_IDENTITY_CARRIED = frozenset({"civilians", "protesters", "rioters"})
# Between two named groups when the source is unsure which acted ("JNIM and/or ISGS").
_EITHER = re.compile(r"\s*(?:and\s*/\s*or|or|dan\s*/\s*atau|atau)\s+|\s*/\s*", re.IGNORECASE)
EITHER_PREFIX = "either:"


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "named" | "role" | "country" | "leader" | "identity"
    key: str  # group id, role key, ISO2
    surface: str
    exact: bool  # must match with the same capitalisation
    alone: bool = True
    force: bool = False
    role: str = ""


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    entry: Entry


def _merge_entries(entries: list[Entry]) -> tuple[Entry, ...]:
    """One entry per (kind, key, spelling): a noun listed both alone and as a force noun
    ("troops", "pasukan") is both."""
    merged: dict[tuple[str, str, str, bool], Entry] = {}
    for e in entries:
        k = (e.kind, e.key, e.surface, e.exact)
        prev = merged.get(k)
        if prev is not None:
            e = Entry(
                e.kind,
                e.key,
                e.surface,
                e.exact,
                prev.alone or e.alone,
                prev.force or e.force,
                e.role,
            )
        merged[k] = e
    return tuple(merged.values())


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters ("İ") lower to two; keep offsets aligned by leaving them as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _surface(form: str) -> tuple[str, bool]:
    """Strip the '=' exact-case marker; short capitals are exact too."""
    if form.startswith("="):
        return form[1:], True
    return form, is_acronym(form)


class Matcher:
    """Immutable once built; one per language."""

    def __init__(self, lexicon: Lexicon, countries: CountryTable, lang: str) -> None:
        self._auto = ahocorasick.Automaton()
        table: dict[str, list[Entry]] = {}

        def add(form: str, make: type[Entry] = Entry, **kw: object) -> None:
            surface, exact = _surface(form)
            if not surface:
                return
            entry = make(surface=surface, exact=exact, **kw)  # type: ignore[arg-type]
            table.setdefault(surface.lower(), []).append(entry)

        known = lexicon.languages
        langs = {lang} if lang in known else set(known)
        for group in lexicon.groups.values():
            for alias in group.aliases:
                add(alias, kind="named", key=group.id)
        for ph in lexicon.phrases:
            if ph.lang in langs:
                add(
                    ph.phrase,
                    kind="role",
                    key=ph.key,
                    alone=ph.alone,
                    force=ph.force,
                    role=ph.role,
                )
        for c in countries:
            # every language's press also uses the English short name (Syria, Russia)
            forms: list[str] = [c.name]
            for code in sorted(langs):
                # "orang Rusia": a person phrase (a common noun first); "Rusia" suffices
                demonyms = [d for d in c.demonyms(code) if not d.split(" ", 1)[0].islower()]
                forms += [*c.names(code), *demonyms]
            for form in dict.fromkeys(forms):
                add(form, kind="country", key=c.iso2)
        for ident in lexicon.identities.values():
            # Proper names, matched with their capitals: "fur" or "shan" in running text stay out.
            for alias in ident.aliases:
                add("=" + alias, kind="identity", key=ident.id, alone=False)
            for form in ident.standalone:
                add("=" + form, kind="identity", key=ident.id)
            for prefix in (f for p in ARMED_PREFIXES for f in (p, p.capitalize())):
                for alias in ident.aliases:
                    add("=" + prefix + alias, kind="identity", key=ident.id, role="militia")
        for leader in lexicon.leaders:
            for alias in leader.aliases:
                add(alias, kind="leader", key=leader.iso2, alone=False)
        for low, entries in table.items():
            self._auto.add_word(low, (len(low), _merge_entries(entries)))
        self._auto.make_automaton()

    def atoms(self, text: str) -> list[_Atom]:
        low = _lower_same_length(text)
        n = len(text)
        out: list[_Atom] = []
        for end_idx, (length, entries) in self._auto.iter(low):
            start = end_idx - length + 1
            end = end_idx + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if end < n and text[end].isalnum():
                continue
            original = text[start:end]
            for entry in entries:
                if entry.exact and original != entry.surface:
                    continue
                out.append(_Atom(start, end, entry))
        return out

    def find(self, text: str) -> list[ActorMention]:
        atoms = self.atoms(text)
        candidates: list[ActorMention] = []
        by_start: dict[int, list[_Atom]] = {}
        for atom in atoms:
            by_start.setdefault(atom.start, []).append(atom)
            mention = _alone(atom, text)
            if mention is not None:
                candidates.append(mention)
        for left in atoms:
            for gap in _gaps(text, left.end):
                for right in by_start.get(left.end + gap, ()):
                    joined = _join(left, right, text)
                    if joined is not None:
                        candidates.append(joined)
        candidates += _either(candidates, text)
        return _select(candidates)


def _either(candidates: list[ActorMention], text: str) -> list[ActorMention]:
    """ "A or B", "A and/or B", "A/B" for named groups A and B: one mention, key either:a|b."""
    named: dict[int, list[ActorMention]] = {}
    for m in candidates:
        if m.kind == "named" and not m.key.startswith(EITHER_PREFIX):
            named.setdefault(m.start, []).append(m)
    out = []
    for group in named.values():
        for left in group:
            gap = _EITHER.match(text, left.end)
            if gap is None:
                continue
            for right in named.get(gap.end(), ()):
                if right.key == left.key:
                    continue
                key = f"{EITHER_PREFIX}{left.key}|{right.key}"
                span = text[left.start : right.end]
                out.append(ActorMention(left.start, right.end, span, "named", key))
    return out


def _gaps(text: str, pos: int) -> list[int]:
    """Widths of the separators allowed after ``pos``: one space, a possessive, " pro-"."""
    out = []
    if text.startswith(" ", pos):
        out.append(1)
        if text.startswith(" pro-", pos):
            out.append(5)
    for p in _POSSESSIVES:
        if text.startswith(p, pos):
            out.append(len(p))
    return out


def _alone(atom: _Atom, text: str) -> ActorMention | None:
    e = atom.entry
    if e.kind == "leader" or (e.kind in ("role", "identity") and not e.alone):
        return None
    if e.kind == "identity":
        base = "militia" if e.role == "militia" else "civilians"
        key = f"{base}:ethnic:{e.key}"
        return ActorMention(atom.start, atom.end, text[atom.start : atom.end], "role", key)
    kind = "role" if e.kind == "role" else e.kind
    return ActorMention(atom.start, atom.end, text[atom.start : atom.end], kind, e.key)


def _join(left: _Atom, right: _Atom, text: str) -> ActorMention | None:
    a, b = left.entry, right.entry
    start, end = left.start, right.end
    pro = "pro-" in text[left.end : right.start]
    if a.kind in ("country", "leader") and text[max(0, start - 4) : start].lower() == "pro-":
        start -= 4  # "pro-Assad forces" is one phrase
    span = text[start:end]
    if a.kind == "identity" and b.kind == "role":
        return _identity_phrase(b, a, start, end, span)
    if a.kind == "role" and b.kind == "identity":
        return _identity_phrase(a, b, start, end, span)
    # English order: modifier then head ("Burkinabe soldiers", "Assad regime", "JNIM militants").
    # Indonesian order: head then modifier ("tentara Rusia", "rezim Assad", "militan ISIS").
    if a.kind in ("country", "leader") and b.kind == "role" and not pro:
        return _state_phrase(b, a, start, end, span)
    if a.kind == "role" and b.kind in ("country", "leader"):
        return _state_phrase(a, b, start, end, span)
    if pro:
        return None
    if a.kind == "named" and b.kind == "role" and b.role in _ATTACHABLE:
        return ActorMention(start, end, span, "named", a.key)
    if a.kind == "role" and a.role in _ATTACHABLE and b.kind == "named":
        return ActorMention(start, end, span, "named", b.key)
    return None


def _identity_phrase(
    head: Entry, ident: Entry, start: int, end: int, span: str
) -> ActorMention | None:
    """ "Fulani militia", "Peul herders", "milisi Dayak", "warga Madura": the identity rides on
    the key (militia:ethnic:fulani, civilians:pastoralists:ethnic:fulani)."""
    if head.role in _IDENTITY_ARMED or (ident.role == "militia" and head.role == "civilians"):
        return ActorMention(start, end, span, "role", f"militia:ethnic:{ident.key}")
    if head.role in _IDENTITY_CARRIED:
        return ActorMention(start, end, span, "role", f"{head.key}:ethnic:{ident.key}")
    if head.role == "member":
        # "Gerindra supporters", "Mossi members": people of the party or community, a crowd
        # that carries it, not an armed group
        return ActorMention(start, end, span, "role", f"civilians:ethnic:{ident.key}")
    return None


def _state_phrase(
    head: Entry, modifier: Entry, start: int, end: int, span: str
) -> ActorMention | None:
    iso2 = modifier.key
    if head.force:
        # "Russian forces", "pasukan Rusia", "Assad regime": the state, branch by the extractor.
        return ActorMention(start, end, span, "country", iso2, country=iso2)
    if modifier.kind == "leader":
        # A leader's name only stands for forces; "Putin's journalists" is not a phrase we want.
        if head.role == "military":
            return ActorMention(start, end, span, "country", iso2, country=iso2)
        return None
    if head.role == "member":
        return None
    return ActorMention(start, end, span, "role", head.key, country=iso2)


def _select(candidates: list[ActorMention]) -> list[ActorMention]:
    """Longest first, then leftmost; keep spans that do not overlap an accepted one."""
    candidates.sort(key=lambda m: (m.start - m.end, m.start))
    taken: list[ActorMention] = []
    for m in candidates:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    taken.sort(key=lambda m: m.start)
    return taken
