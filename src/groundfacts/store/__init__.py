"""Storage and exports: DuckDB store; JSONL, ACLED CSV, GeoJSON and Parquet writers."""

from groundfacts.store.duckdb_store import EventStore
from groundfacts.store.export import FORMATS, write_events

__all__ = ["FORMATS", "EventStore", "write_events"]
