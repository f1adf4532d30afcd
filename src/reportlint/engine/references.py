"""`--against FILE|DIR`: the other reports a draft is compared with, read once per run.

The engine hands them to every Document (`doc.references`); the kinds index them
(kinds/_lib/references.py) and never read files themselves. A reference that cannot be read
(binary, empty, a pipe, a folder without reports) is an input error like an unreadable draft:
skipping it silently would let a copied draft pass.
"""
from __future__ import annotations

from reportlint.engine.discovery import discover
from reportlint.files.reading import read_bytes, read_document
from reportlint.model.document import Document
from reportlint.model.errors import InputError
from reportlint.model.messages import t


def load_references(paths: list[str], lang: str = "zh",
                    errors: list[InputError] | None = None) -> tuple[Document, ...]:
    """The readable reports under `paths`, in discovery order; the others become `errors`."""
    errors = [] if errors is None else errors
    docs = []
    for given in paths:
        found = discover([given], errors, lang)
        if not found:
            errors.append(InputError(given, t("no_references", lang)))
            continue
        for path in found:
            try:
                docs.append(read_document(path, read_bytes(path, lang), lang=lang))
            except InputError as exc:
                errors.append(exc)
    return tuple(docs)
