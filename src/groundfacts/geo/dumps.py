"""Importing GeoNames dump files into the index, reporting on it, and downloading dumps.

Imports run in one SQLite transaction: an error, Ctrl-C or a killed process leaves the
previous index as it was (SQLite rolls a half-written transaction back on the next open).
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from groundfacts.errors import GazetteerError, GazetteerInputError
from groundfacts.geo.build import (
    RECOGNISE_ALTNAMES_POP,
    NameRow,
    _is_code,
    _latin,
    build_index,
    insert_names,
    name_rows,
)
from groundfacts.geo.normalize import Normaliser
from groundfacts.geo.store import cache_dir, connect, default_index_path, read_meta

GEONAME_COLUMNS = 19
ALTNAME_MIN_COLUMNS = 4
FIRST_BAD_LINES = 5
DOWNLOAD_URL = "https://download.geonames.org/export/dump/{name}.zip"
# Alternate-name "languages" that are really codes or links, not names.
_NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "unlc", "tcid"})
# Country-level features are already in the index from pycountry.
_SKIP_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "ZN"})


@dataclass(slots=True)
class ImportReport:
    path: str
    kind: str
    places: int = 0
    names: int = 0
    skipped: int = 0
    first_bad: list[int] = field(default_factory=list)

    def bad(self, line_no: int) -> None:
        self.skipped += 1
        if len(self.first_bad) < FIRST_BAD_LINES:
            self.first_bad.append(line_no)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "places": self.places,
            "names": self.names,
            "skipped": self.skipped,
            "first_bad_lines": list(self.first_bad),
        }


@contextmanager
def _lines(path: Path) -> Iterator[Iterable[str]]:
    """Text lines of a dump, or of the dump inside a GeoNames .zip."""
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise GazetteerInputError(f"{path}: not a readable zip file ({exc})") from exc
        with zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise GazetteerInputError(f"{path}: no .txt dump inside the zip")
            with zf.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
    else:
        try:
            fh = path.open(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise GazetteerInputError(f"cannot read {path}: {exc}") from exc
        with fh:
            yield fh


def _kind_of(fclass: str, fcode: str) -> str | None:
    if fclass == "P":
        return "city"
    if fclass == "A":
        if fcode in _SKIP_CODES:
            return None
        return {"ADM1": "admin1", "ADM2": "admin2"}.get(fcode, "admin3")
    return "feature"


def _import_geonames(
    con: sqlite3.Connection, path: Path, norm: Normaliser, source_id: int
) -> ImportReport:
    rep = ImportReport(str(path), "geonames")
    place_sql = (
        "INSERT OR REPLACE INTO places(gid, name, lat, lon, cc, admin1, admin2, pop, kind, fcode,"
        " source) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    )
    places: list[tuple[Any, ...]] = []
    names: list[NameRow] = []
    with _lines(path) as lines:
        for no, line in enumerate(lines, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != GEONAME_COLUMNS:
                rep.bad(no)
                continue
            try:
                gid = int(cols[0])
                lat, lon = float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError:
                rep.bad(no)
                continue
            name, cc = cols[1].strip(), cols[8].strip().upper()
            if not name or len(cc) != 2 or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                rep.bad(no)
                continue
            if lat == 0 and lon == 0:
                rep.bad(no)  # never place anything at (0, 0)
                continue
            kind = _kind_of(cols[6], cols[7])
            if kind is None:
                continue
            a1 = cols[10].strip()
            places.append(
                (gid, name, lat, lon, cc, a1, cols[11].strip(), pop, kind, cols[7], source_id)
            )
            if kind == "admin1":
                _replace_admin1(con, cc, a1, name, gid)
            alts = [a for a in cols[3].split(",") if a and not _is_code(a)]
            big = pop >= RECOGNISE_ALTNAMES_POP or kind in ("admin1", "admin2")
            main_rec = kind in ("city", "admin1", "admin2")

            def rec(n: str, i: int, big: bool = big, main_rec: bool = main_rec) -> bool:
                if i == 0:
                    return main_rec
                return big and n[:1].isupper() and _latin(n)

            names.extend(name_rows(norm, gid, cc, [name, cols[2], *alts], recognise=rec))
            if len(places) >= 20_000:
                con.executemany(place_sql, places)
                rep.places += len(places)
                rep.names += insert_names(con, names)
                places.clear()
                names.clear()
    con.executemany(place_sql, places)
    rep.places += len(places)
    rep.names += insert_names(con, names)
    return rep


def _replace_admin1(con: sqlite3.Connection, cc: str, code: str, name: str, gid: int) -> None:
    """A real ADM1 feature replaces the name we guessed for (cc, code) from pycountry."""
    old = con.execute("SELECT gid FROM admin1 WHERE cc = ? AND code = ?", (cc, code)).fetchone()
    if old and old[0] < 0:
        con.execute("DELETE FROM places WHERE gid = ?", (old[0],))
        con.execute("DELETE FROM names WHERE gid = ?", (old[0],))
    con.execute(
        "INSERT OR REPLACE INTO admin1(cc, code, name, iso, gid, how) VALUES (?,?,?,"
        " COALESCE((SELECT iso FROM admin1 WHERE cc = ? AND code = ?), ''), ?, 'geonames')",
        (cc, code, name, cc, code, gid),
    )


def _import_altnames(con: sqlite3.Connection, path: Path, norm: Normaliser) -> ImportReport:
    """alternateNamesV2.txt: names for places already in the index (others are ignored)."""
    rep = ImportReport(str(path), "alternatenames")
    rows: list[NameRow] = []
    with _lines(path) as lines:
        for no, line in enumerate(lines, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < ALTNAME_MIN_COLUMNS:
                rep.bad(no)
                continue
            try:
                gid = int(cols[1])
            except ValueError:
                rep.bad(no)
                continue
            lang, name = cols[2], cols[3].strip()
            if lang in _NOT_NAMES or not name or _is_code(name):
                continue
            row = con.execute("SELECT cc, pop, kind FROM places WHERE gid = ?", (gid,)).fetchone()
            if row is None:
                continue
            cc, pop, kind = row
            rec_ok = (pop >= RECOGNISE_ALTNAMES_POP or kind != "city") and name[:1].isupper()
            flag = rec_ok and _latin(name)

            def rec(_n: str, _i: int, flag: bool = flag) -> bool:
                return flag

            rows.extend(name_rows(norm, gid, cc, [name], recognise=rec))
            if len(rows) >= 50_000:
                rep.names += insert_names(con, rows)
                rows.clear()
    rep.names += insert_names(con, rows)
    return rep


def _is_altnames(path: Path) -> bool:
    return path.name.lower().startswith("alternatenames")


def import_files(
    paths: Sequence[str | Path],
    *,
    index_path: Path | None = None,
    log: TextIO | None = None,
) -> list[dict[str, Any]]:
    """Import GeoNames dumps (allCountries.txt, CC.txt, their .zip, alternateNamesV2.txt)
    into the index, all in one transaction. Returns one report per file: places and names
    added, malformed lines skipped and the first few of their line numbers."""
    out = log if log is not None else sys.stderr
    path = Path(index_path) if index_path is not None else default_index_path()
    files = [Path(p) for p in paths]
    for f in files:
        if not f.exists():
            raise GazetteerInputError(f"no such file: {f}")
    if not read_meta(path):
        build_index(path, log=out)
    # Geoname tables first, so alternate names find their places.
    files.sort(key=_is_altnames)
    norm = Normaliser()
    con = connect(path)
    reports: list[ImportReport] = []
    try:
        con.execute("BEGIN IMMEDIATE")
        for f in files:
            print(f"groundfacts: importing {f}", file=out)
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            kind = "alternatenames" if _is_altnames(f) else "geonames"
            cur = con.execute(
                "INSERT INTO sources(path, kind, places, names, skipped, first_bad, imported)"
                " VALUES (?,?,0,0,0,'',?)",
                (str(f.resolve()), kind, now),
            )
            sid = int(cur.lastrowid or 0)
            rep = (
                _import_altnames(con, f, norm)
                if kind == "alternatenames"
                else (_import_geonames(con, f, norm, sid))
            )
            con.execute(
                "UPDATE sources SET places = ?, names = ?, skipped = ?, first_bad = ? WHERE id = ?",
                (rep.places, rep.names, rep.skipped, ",".join(map(str, rep.first_bad)), sid),
            )
            reports.append(rep)
            msg = f"groundfacts: {f.name}: {rep.places:,} places, {rep.names:,} names"
            if rep.skipped:
                msg += f", {rep.skipped:,} malformed lines skipped (first: {rep.first_bad})"
            print(msg, file=out)
        gen = int(dict(con.execute("SELECT k, v FROM meta").fetchall()).get("generation", "1"))
        con.execute("UPDATE meta SET v = ? WHERE k = 'generation'", (str(gen + 1),))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.close()
    return [r.as_dict() for r in reports]


def rebuild_with_imports(path: Path, *, log: TextIO | None = None) -> None:
    """Rebuild the bundled index, then re-import the dumps it held, where still on disk."""
    out = log if log is not None else sys.stderr
    previous: list[str] = []
    if read_meta(path):
        try:
            con = connect(path, readonly=True)
            try:
                previous = [
                    r[0] for r in con.execute("SELECT path FROM sources WHERE kind != 'bundled'")
                ]
            finally:
                con.close()
        except sqlite3.Error:
            previous = []
    build_index(path, log=out)
    again = [p for p in dict.fromkeys(previous) if Path(p).exists()]
    for p in dict.fromkeys(previous):
        if not Path(p).exists():
            print(f"groundfacts: warning: earlier import {p} is gone; not re-imported", file=out)
    if again:
        import_files(again, index_path=path, log=out)


def index_info(index_path: Path | None = None) -> dict[str, Any]:
    """What the index holds: counts by kind, sources, path, size on disk, versions."""
    path = Path(index_path) if index_path is not None else default_index_path()
    meta = read_meta(path)
    info: dict[str, Any] = {"path": str(path), "exists": bool(meta)}
    if not meta:
        return info
    con = connect(path, readonly=True)
    try:
        kinds = dict(con.execute("SELECT kind, count(*) FROM places GROUP BY kind").fetchall())
        info.update(
            size_bytes=path.stat().st_size,
            source_version=meta.get("source_version", ""),
            built=meta.get("built", ""),
            generation=int(meta.get("generation", "1")),
            places=sum(kinds.values()),
            places_by_kind=kinds,
            names=con.execute("SELECT count(*) FROM names").fetchone()[0],
            admin1_named=con.execute("SELECT count(*) FROM admin1").fetchone()[0],
            countries=con.execute("SELECT count(*) FROM countries").fetchone()[0],
            sources=[
                {
                    "path": r[0],
                    "kind": r[1],
                    "places": r[2],
                    "names": r[3],
                    "skipped": r[4],
                    "first_bad_lines": [int(x) for x in r[5].split(",") if x],
                    "imported": r[6],
                }
                for r in con.execute(
                    "SELECT path, kind, places, names, skipped, first_bad, imported FROM sources"
                    " ORDER BY id"
                )
            ],
        )
    finally:
        con.close()
    return info


def download(
    cc: str,
    *,
    dest_dir: Path | None = None,
    index_path: Path | None = None,
    import_now: bool = True,
    log: TextIO | None = None,
    timeout: float = 60.0,
) -> Path:
    """Fetch GeoNames' dump for one country (``CC.zip``; or "allCountries") and import it."""
    import urllib.error
    import urllib.request

    name = cc.strip()
    if not (len(name) == 2 and name.isalpha()) and name != "allCountries":
        raise GazetteerError(f"not an ISO 3166-1 alpha-2 code: {cc!r}")
    name = name.upper() if len(name) == 2 else name
    url = DOWNLOAD_URL.format(name=name)
    folder = dest_dir if dest_dir is not None else cache_dir() / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.zip"
    part = target.with_name(target.name + ".part")
    out = log if log is not None else sys.stderr
    print(f"groundfacts: downloading {url}", file=out)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp, part.open("wb") as fh:
            while chunk := resp.read(1 << 20):
                fh.write(chunk)
    except (urllib.error.URLError, OSError) as exc:
        part.unlink(missing_ok=True)
        raise GazetteerError(f"download of {url} failed: {exc}") from exc
    part.replace(target)
    if import_now:
        import_files([target], index_path=index_path, log=out)
    return target
