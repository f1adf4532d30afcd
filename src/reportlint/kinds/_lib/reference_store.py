"""The `--against` index kept in the cache folder: SQLite (data that cannot run code when read),
one file per set of references, named by a hash of their content and the options, so an entry
can never be stale; a later run with the same references opens it and reads only the rows a
draft's texts look up, instead of building the index again (seconds for thousands of reports).

    against/index-<key>.sqlite   sources, texts (+ where each is found), n-gram postings, meta
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from array import array
from pathlib import Path

from reportlint.kinds._lib.fingerprint import Matcher
from reportlint.kinds._lib.references import Neutral, References, Source
from reportlint.model.document import Document
from reportlint.model.version import __version__

INDEX_VERSION = 1
KEEP = 4            # index files kept; the least recently written go first
_BATCH = 500        # n-grams looked up per query (SQLite allows 999 parameters)

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE sources (id INTEGER PRIMARY KEY, path TEXT, unit TEXT, real TEXT, title TEXT);
CREATE TABLE texts (key INTEGER PRIMARY KEY, hash INTEGER, norm TEXT, size INTEGER, places BLOB);
CREATE TABLE grams (gram TEXT PRIMARY KEY, keys BLOB) WITHOUT ROWID;
"""


def _hash(norm: str) -> int:
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "big", signed=True)


def content_key(docs, texts, options) -> str:
    """A hash of everything the index is made from: the references' paths and text (fixed texts
    of the rule and --against reports; a digest of the bytes, path and reading code of a report the
    engine read, model/reference.py), the options, the index format and reportlint's version.
    A source's realpath (which leaves a draft out of its own comparison) is the one it had when
    the index was built."""
    h = hashlib.blake2b(digest_size=16)
    h.update(json.dumps([INDEX_VERSION, __version__, list(options)]).encode())
    for label, text in texts:
        for part in (b"\x00T", label.encode("utf-8", "surrogatepass"), b"\x00",
                     text.encode("utf-8", "surrogatepass")):
            h.update(part)
    for doc in docs:      # (no realpath: ~0.2 ms of file-system calls per report; see Source.real)
        # a report read by the engine: the digest of its bytes, so that it is not decoded again
        digest = getattr(doc, "digest", None)
        content = b"\x00B" + digest.encode() if isinstance(digest, str) else \
            b"\x00" + doc.text.encode("utf-8", "surrogatepass")
        for part in (b"\x00D", doc.path.encode("utf-8", "surrogatepass"), content):
            h.update(part)
    return h.hexdigest()


def open_or_build(docs, texts, options, exceptions, build) -> References:
    """The stored index for these references, else build() — saved for the next run."""
    from reportlint.files import cache
    if not cache.enabled():
        return build()
    path = cache.cache_dir() / "against" / f"index-{content_key(docs, texts, options)}.sqlite"
    stored = StoredReferences.open(path, options, exceptions)
    if stored is not None:
        return stored
    refs = build()
    if save(refs, path, options):
        stored = StoredReferences.open(path, options, exceptions)
        if stored is not None:     # the first run reads what later runs read: the same results
            return stored
    return refs


def save(refs: References, path: Path, options) -> bool:
    """Write the index through a temporary file and an atomic rename; False if it cannot be."""
    import tempfile

    from reportlint.files import cache
    folder = path.parent
    if not cache.make_private_folder(folder):
        return False
    try:
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".sqlite", dir=folder)
        os.close(fd)
    except OSError:
        return False
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.executescript(_SCHEMA)
            conn.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                             ((i, s.path, s.unit, s.real, s.title) for i, s in enumerate(refs.sources)))
            matcher = refs.matcher
            conn.executemany("INSERT INTO texts VALUES (?, ?, ?, ?, ?)", (
                (key, _hash(norm), norm, matcher.sizes.get(key, 0),
                 array("i", [v for place in refs.places[key] for v in place]).tobytes())
                for norm, key in matcher.exact.items()))
            conn.executemany("INSERT INTO grams VALUES (?, ?)", (
                (gram, array("i", keys).tobytes()) for gram, keys in matcher.postings.items()))
            meta = {"version": str(INDEX_VERSION), "options": json.dumps(list(options)),
                    "names": json.dumps(refs.neutral.names, ensure_ascii=False),
                    "min_size": str(matcher.min_size)}
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            conn.execute("CREATE INDEX texts_hash ON texts (hash)")
            conn.commit()
        finally:
            conn.close()
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except (sqlite3.Error, OSError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    cache.prune(folder, "index-*.sqlite", KEEP)
    return True


class StoredMatcher(Matcher):
    """A Matcher whose texts and postings are rows of the stored index, read as looked up."""

    def __init__(self, conn: sqlite3.Connection, min_similarity: float, min_size: int):
        super().__init__(min_similarity)
        self.conn, self.min_size = conn, min_size

    def _exact_key(self, norm: str) -> int | None:
        row = self.conn.execute("SELECT key FROM texts WHERE hash = ? AND norm = ?",
                                (_hash(norm), norm)).fetchone()
        return row[0] if row else None

    def _postings(self, mine: set[str]) -> list[tuple[int, ...]]:
        grams, out = list(mine), []  # type: list[str], list[tuple[int, ...]]
        for i in range(0, len(grams), _BATCH):
            chunk = grams[i:i + _BATCH]
            rows = self.conn.execute(
                f"SELECT keys FROM grams WHERE gram IN ({','.join('?' * len(chunk))})", chunk)
            out.extend(tuple(array("i", blob)) for (blob,) in rows)
        return out

    def _texts(self, keys: list[int]) -> dict[int, tuple[str, int]]:
        if not keys:
            return {}
        rows = self.conn.execute(f"SELECT key, norm, size FROM texts WHERE key IN ({','.join('?' * len(keys))})",
                                 keys)
        return {key: (norm, size) for key, norm, size in rows}

    def add(self, key: int, norm: str, index: bool = True) -> None:
        raise TypeError("a stored index is read-only")


class StoredReferences(References):
    """References read from an index file: sources and names up front, the rest on demand."""
    conn: sqlite3.Connection
    place_cache: dict[int, list[tuple[int, int]]]

    @classmethod
    def open(cls, path: Path, options, exceptions) -> StoredReferences | None:
        from reportlint.files import cache
        if not cache.private_file(path):
            return None
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(conn.execute("SELECT k, v FROM meta"))
            if meta.get("version") != str(INDEX_VERSION) or json.loads(meta["options"]) != json.loads(
                    json.dumps(list(options))):
                conn.close()
                return None
            min_chars, min_similarity, common_in, _ = options
            refs = cls(min_chars, min_similarity, common_in, exceptions)
            refs.sources = [Source(p, u, r, t) for p, u, r, t in
                            conn.execute("SELECT path, unit, real, title FROM sources ORDER BY id")]
            refs.neutral = Neutral(json.loads(meta["names"]))
            refs.matcher = StoredMatcher(conn, min_similarity, int(meta["min_size"]))
            refs.conn = conn
            refs.place_cache = {}
            return refs
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            return None

    def _places(self, key: int) -> list[tuple[int, int]]:
        got = self.place_cache.get(key)
        if got is None:
            row = self.conn.execute("SELECT places FROM texts WHERE key = ?", (key,)).fetchone()
            flat = array("i", row[0]) if row else array("i")
            got = self.place_cache[key] = list(zip(flat[::2], flat[1::2]))
        return got


_CACHE: dict[tuple, References] = {}


def references(docs: tuple[Document, ...], texts: tuple[tuple[str, str], ...], min_chars: int,
               min_similarity: float, common_in: int, exceptions=()) -> References:
    """The index of the reference reports (fixed texts first, then `docs`): built once per run
    and set of options (the engine hands the same tuple of Documents to every draft), and kept
    in the cache folder under the references' content, so a later run with
    the same references opens it instead of building it."""
    key = (docs, texts, min_chars, min_similarity, common_in, tuple(rx.pattern for rx in exceptions))
    refs = _CACHE.get(key)
    if refs is None:
        options = (min_chars, min_similarity, common_in, tuple(rx.pattern for rx in exceptions))
        def build() -> References:
            reports = [(label, Document(text, label)) for label, text in texts] + [(d.path, d) for d in docs]
            return References(min_chars, min_similarity, common_in, exceptions).build(reports)

        refs = open_or_build(docs, texts, options, exceptions, build)
        if len(_CACHE) >= 4:    # a run compares with one set of references; keep a few
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = refs
    return refs
