"""Candidate places for one name: exact key, loose key, then fuzzy similarity."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from groundfacts.geo.normalize import Normaliser

# Match strength by level: same name key, same loose key, fuzzy (scaled by similarity).
EXACT, LOOSE, FUZZY = 1.0, 0.85, 0.7
FUZZY_CUTOFF = 90.0
FUZZY_MIN_LEN = 5


@dataclass(slots=True)
class Candidate:
    gid: int
    name: str
    lat: float
    lon: float
    cc: str
    admin1: str
    pop: int
    kind: str
    match: float
    fcode: str = ""
    primary: bool = False  # the name matched is the place's own name, not an alternate one
    label: str = ""  # display name when GeoNames' name is a transliteration ("Hama")


# fcode of a unit of regencies.tsv taken as a candidate (placed at its seat)
REGENCY = "REGENCY"

_SELECT = (
    "SELECT n.gid, n.key, p.name, p.lat, p.lon, p.cc, p.admin1, p.pop, p.kind, p.fcode, p.label"
    " FROM names n JOIN places p ON p.gid = n.gid WHERE n.loose = ?"
)


class CandidateFinder:
    """Looks names up in the index; results are cached per finder (bounded)."""

    def __init__(self, con: sqlite3.Connection, norm: Normaliser, cache_size: int = 20_000) -> None:
        self.con = con
        self.norm = norm
        self._cache: dict[tuple[str, bool], list[Candidate]] = {}
        self._cache_size = cache_size
        # Fuzzy lookups scan every key with the same 3-letter prefix: keep the results per
        # loose key and the key lists per prefix (documents repeat names and prefixes).
        self._fuzzy_cache: dict[str, list[Candidate]] = {}
        self._prefixes: dict[str, dict[int, list[str]]] = {}
        self._known: dict[str, bool] = {}

    def known(self, name: str) -> bool:
        loose = self.norm.loose(name)
        if not loose:
            return False
        hit = self._known.get(loose)
        if hit is None:
            row = self.con.execute("SELECT 1 FROM names WHERE loose = ? LIMIT 1", (loose,))
            hit = row.fetchone() is not None
            if len(self._known) >= self._cache_size:
                self._known.clear()
            self._known[loose] = hit
        return hit

    def find(self, name: str, *, fuzzy: bool = True) -> list[Candidate]:
        ck = (name, fuzzy)
        hit = self._cache.get(ck)
        if hit is not None:
            return hit
        out = self._find(name, fuzzy)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[ck] = out
        return out

    def _find(self, name: str, fuzzy: bool) -> list[Candidate]:
        key = self.norm.key(name)
        if not key:
            return []
        loose = self.norm.loose_from_key(key)
        best: dict[int, Candidate] = {}
        for gid, nkey, pname, lat, lon, cc, a1, pop, kind, fc, lab in self.con.execute(
            _SELECT, (loose,)
        ):
            m = EXACT if nkey == key else LOOSE
            old = best.get(gid)
            if old is None or old.match < m:
                best[gid] = Candidate(gid, pname, lat, lon, cc, a1, pop, kind, m, fc, label=lab)
            if self.norm.key(pname) == key or (lab and self.norm.key(lab) == key):
                best[gid].primary = True
        if best or not fuzzy or len(loose) < FUZZY_MIN_LEN:
            return list(best.values())
        hit = self._fuzzy_cache.get(loose)
        if hit is None:
            hit = self._fuzzy(loose)
            if len(self._fuzzy_cache) >= self._cache_size:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[loose] = hit
        return hit

    def _keys_with_prefix(self, prefix: str) -> dict[int, list[str]]:
        """Name keys starting with ``prefix``, grouped by length (fuzzy candidates differ
        from the query by a few letters only)."""
        keys = self._prefixes.get(prefix)
        if keys is None:
            rows = self.con.execute(
                "SELECT DISTINCT loose FROM names WHERE loose >= ? AND loose < ?",
                (prefix, prefix + "\uffff"),
            )
            keys = {}
            for (k,) in rows:
                keys.setdefault(len(k), []).append(k)
            if len(self._prefixes) >= 8192:
                self._prefixes.clear()
            self._prefixes[prefix] = keys
        return keys

    def _fuzzy(self, loose: str) -> list[Candidate]:
        n = len(loose)
        slack = max(2, n // 4)
        by_len = self._keys_with_prefix(loose[:3])
        choices = [k for size in range(n - slack, n + slack + 1) for k in by_len.get(size, ())]
        cutoff = FUZZY_CUTOFF if n >= 8 else 92.0
        from rapidfuzz import fuzz, process  # only for names not matched exactly: not at start

        found = process.extract(loose, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        out: dict[int, Candidate] = {}
        for choice, score, _ in found:
            for gid, _k, pname, lat, lon, cc, a1, pop, kind, fc, lab in self.con.execute(
                _SELECT, (choice,)
            ):
                m = FUZZY * score / 100.0
                if gid not in out or out[gid].match < m:
                    out[gid] = Candidate(gid, pname, lat, lon, cc, a1, pop, kind, m, fc, label=lab)
        return list(out.values())
