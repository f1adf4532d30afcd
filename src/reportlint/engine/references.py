"""`--against FILE|DIR`: the other reports a draft is compared with, read once per run.

The engine hands them to every Document (`doc.references`); the kinds index them
(kinds/_lib/references.py) and never read files themselves. A reference that cannot be read
(binary, empty, a pipe, a folder without reports) is an input error like an unreadable draft:
skipping it silently would let a copied draft pass.

Each reference carries a digest of its bytes (model/reference.py), which keys the kept index.
A report read before, found by a stamp of its file (device, inode, size, mtime, ctime) in a
list kept in the cache folder (`against/stamps.json`), is not read again: its digest is
taken from the list and its Document is made only if a kind asks for it. Any change to a file
changes its ctime, so a changed report is always read again; a file changed in the two
seconds before it was read is not listed (a write may still land within the clock's tick).
"""
from __future__ import annotations

import hashlib
import json
import os
import time

from reportlint.engine.discovery import discover
from reportlint.files.reading import read_bytes, read_document
from reportlint.model.document import Document
from reportlint.model.errors import InputError
from reportlint.model.messages import t
from reportlint.model.reference import Reference

SETTLED_NS = 2_000_000_000      # a file unchanged this long is listed
KEEP = 50_000                   # reports listed at most (the most recently listed)


def load_references(paths: list[str], lang: str = "zh",
                    errors: list[InputError] | None = None) -> tuple[Document, ...]:
    """The readable reports under `paths`, in discovery order; the others become `errors`."""
    from reportlint.engine.results_cache import code_stamp
    errors = [] if errors is None else errors
    stamps = Stamps.open()
    code = code_stamp()
    docs: list[Document] = []
    for given in paths:
        found = discover([given], errors, lang)
        if not found:
            errors.append(InputError(given, t("no_references", lang)))
            continue
        for path in found:
            try:
                docs.append(_reference(path, lang, stamps, code))
            except InputError as exc:
                errors.append(exc)
    stamps.save()
    return tuple(docs)


def _reference(path: str, lang: str, stamps: Stamps, code: str) -> Reference:
    """A report listed in `stamps` unread; any other read, decoded (errors now) and listed."""
    key = os.path.abspath(path)
    stamp = Stamps.stamp(key)
    raw = stamps.known(key, stamp)
    if raw is not None:
        def load() -> Document:
            data = read_bytes(path, lang)
            if _raw_digest(data) != raw:        # changed during this run: its digest is wrong
                raise InputError(path, t("changed_since_read", lang))
            return read_document(path, data, lang=lang)
        return Reference(path, _digest(code, path, raw), load)
    data = read_bytes(path, lang)
    doc = read_document(path, data, lang=lang)
    read = _raw_digest(data)
    stamps.put(key, stamp, read)
    return Reference.loaded(doc, _digest(code, path, read))


def _raw_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _digest(code: str, path: str, raw: str) -> str:
    """What a reference's Document depends on: its bytes, its path, the code that reads it."""
    return hashlib.blake2b(f"{code}\x00{path}\x00{raw}".encode("utf-8", "surrogateescape"),
                           digest_size=16).hexdigest()


class Stamps:
    """The list of reports read before: absolute path -> [file stamp, digest of its bytes]."""

    def __init__(self, entries: dict, path=None):
        self.entries, self.path, self.changed = entries, path, False

    @classmethod
    def open(cls) -> Stamps:
        from reportlint.files import cache
        if not cache.enabled():
            return cls({})
        path = cache.cache_dir() / "against" / "stamps.json"
        data = cache.read_private(path)
        try:
            entries = json.loads(data) if data else {}
        except ValueError:
            entries = {}
        return cls(entries if isinstance(entries, dict) else {}, path)

    @staticmethod
    def stamp(key: str) -> list[int] | None:
        try:
            st = os.stat(key)
        except OSError:
            return None
        return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]

    def known(self, key: str, stamp: list[int] | None) -> str | None:
        """The digest listed for `key` if its file still has the listed stamp."""
        entry = self.entries.get(key)
        if stamp is not None and isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp \
                and isinstance(entry[1], str):
            return entry[1]
        return None

    def put(self, key: str, stamp: list[int] | None, raw: str) -> None:
        self.entries.pop(key, None)
        if stamp is not None and stamp[4] < time.time_ns() - SETTLED_NS:
            self.entries[key] = [stamp, raw]
        self.changed = True

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        from reportlint.files import cache
        keep = dict(list(self.entries.items())[-KEEP:])     # the most recently listed
        cache.write_entry(self.path, json.dumps(keep, separators=(",", ":")).encode())
