"""Text in, resolved toponyms out (the ``groundfacts geoparse`` verb).

Each document is read and resolved as the extraction pipeline does it (the same
:meth:`Gazetteer.geoparse`), one record per toponym, with offsets into the document's text as
it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from groundfacts.geo.geocode import place_fields

if TYPE_CHECKING:
    from groundfacts.geo.gazetteer import Gazetteer
    from groundfacts.records import Document

GEOPARSE_FIELDS = (
    "doc_id",
    "name",
    "start",
    "end",
    "geonameid",
    "latitude",
    "longitude",
    "country",
    "iso",
    "admin1",
    "feature",
    "precision",
    "score",
)


def _language(doc: Document) -> str:
    """The pack serving the document's language (as extraction picks it); English when no
    pack serves it, since place names are read whatever the language."""
    from groundfacts.packs.discovery import find_packs
    from groundfacts.text import detect_language

    packs = find_packs()
    lang = doc.lang
    if not lang:
        lang, _reason, _conf = detect_language(doc.text[:2000], allowed=packs.languages)
    return packs.pack_for(lang) or "en"


def geoparse_document(
    doc: Document, gaz: Gazetteer, *, demonyms: bool = True
) -> list[dict[str, Any]]:
    """The toponyms of one document as output records (see GEOPARSE_FIELDS); demonyms
    ("Syrian") are toponyms of their country here, with feature "demonym"."""
    # long documents in the pieces extraction reads them in (offsets stay the document's)
    from groundfacts.pipeline import MAX_CHARS, _chunks

    lang = _language(doc)
    out: list[dict[str, Any]] = []
    for off, piece in _chunks(doc.text, MAX_CHARS):
        for m in gaz.geoparse(piece, lang, country=doc.country, demonyms=demonyms):
            fields = place_fields(m.place)
            rec = {k: fields.get(k) for k in GEOPARSE_FIELDS}
            rec.update(
                doc_id=doc.id,
                name=m.text,
                start=m.start + off,
                end=m.end + off,
                score=round(m.score, 3) if m.place is not None else None,
            )
            out.append(rec)
    return out


def geoparse_documents(
    docs: Iterable[Document],
    gaz: Gazetteer,
    *,
    on_error: Callable[[Document, Exception], None] | None = None,
    demonyms: bool = True,
) -> Iterator[dict[str, Any]]:
    """Records for every toponym of every document; a document that fails is reported to
    ``on_error`` and skipped (one bad document never stops the batch)."""
    for doc in docs:
        try:
            if not doc.text or not doc.text.strip():
                continue
            recs = geoparse_document(doc, gaz, demonyms=demonyms)
        except Exception as exc:  # reported, the batch goes on
            if on_error is None:
                raise
            on_error(doc, exc)
            continue
        yield from recs
