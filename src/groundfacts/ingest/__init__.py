"""Readers: text, HTML, JSONL and JSON files, directories, and stdin."""

from __future__ import annotations

from groundfacts.ingest.chunks import chunk_text
from groundfacts.ingest.errors import InputError, ReadStats
from groundfacts.ingest.readers import read_documents

__all__ = ["InputError", "ReadStats", "chunk_text", "read_documents"]
