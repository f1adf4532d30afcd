"""`--against FILE|DIR`: the other reports a draft is compared with, read once per run.

The engine hands them to every Document (`doc.references`); the kinds index them
(kinds/_lib/references.py) and never read files themselves.
"""
from __future__ import annotations

from reportlint.engine.discovery import discover
from reportlint.files.reading import read_bytes, read_document
from reportlint.model.document import Document
from reportlint.model.errors import InputError


def load_references(paths: list[str], lang: str = "zh") -> tuple[Document, ...]:
    """The readable reports under `paths`, in discovery order."""
    errors: list[InputError] = []
    docs = []
    for path in discover(list(paths), errors, lang):
        try:
            docs.append(read_document(path, read_bytes(path, lang), lang=lang))
        except InputError:
            continue    # an unreadable reference cannot have been copied from
    return tuple(docs)
