"""Bytes of one input -> Document: the size limit, decoding, Word files, empty drafts.

Every problem becomes an InputError with a message for the user, so one bad file never stops
the others from being linted.
"""
from __future__ import annotations

import os
import sys

from reportlint.files.decoding import DecodeError, decode
from reportlint.model.document import Document
from reportlint.model.errors import InputError
from reportlint.model.lines import INDENT
from reportlint.model.messages import t

# A draft is ~10 KB; anything this big is a dump or a data file: refuse it quickly.
MAX_BYTES = 32 * 1024 * 1024


def read_bytes(path: str, lang: str = "zh") -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise InputError(path, t("too_big", lang, size=size // 2**20, limit=MAX_BYTES // 2**20))
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(path, t("missing", lang)) from None
    except IsADirectoryError:
        raise InputError(path, t("unreadable", lang, detail="is a directory")) from None
    except OSError as exc:
        raise InputError(path, t("unreadable", lang, detail=exc.strerror or str(exc))) from None


def read_document(path: str, data: bytes, *, encoding: str | None = None,
                  year: int | None = None, unit: str | None = None, lang: str = "zh",
                  references: tuple[Document, ...] = ()) -> Document:
    """Bytes of one input -> Document; raises InputError with a message for the user."""
    if path.lower().endswith(".docx"):
        from reportlint.files.docx import read_docx  # python-docx only for Word drafts
        return read_docx(path, data, year=year, unit=unit, lang=lang, references=references)
    if not data:
        raise InputError(path, t("empty", lang))
    try:
        decoded = decode(data, encoding)
    except DecodeError as exc:
        if encoding:
            raise InputError(path, t("decode_as", lang, encoding=encoding, detail=exc.reason)) from None
        raise InputError(path, t("binary" if exc.reason == "binary" else "undecodable", lang)) from None
    if not decoded.text.strip(INDENT + "\r\n\ufeff\u200b"):
        raise InputError(path, t("blank", lang))
    return Document(decoded.text, path, encoding=decoded.encoding, bom=decoded.bom,
                    year=year, unit=unit, references=references)
