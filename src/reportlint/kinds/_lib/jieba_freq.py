"""jieba without its 0.6-second start: the prefix dictionary read from an on-disk table.

`jieba.Tokenizer.initialize()` builds (or unmarshals) a dict of ~500,000 words and prefixes on
every run, although a draft only ever asks about a few hundred short strings. Here the same
dictionary (jieba's plus our user dictionary, with jieba's own frequencies and total) is
written once into an SQLite table in the cache folder, and a Tokenizer gets a read-only,
memoising view of it as its FREQ. The segmentation is jieba's own code on the same numbers,
so the tokens are identical; only the start-up changes (~10 ms instead of ~600 ms).

The table is keyed by jieba's version and the (mtime, size) of both dictionaries; it is built
through a temporary file and an atomic rename. REPORTLINT_NO_CACHE=1, an unwritable cache
folder or any SQLite error fall back to the plain in-memory jieba.
"""
from __future__ import annotations

import os
from pathlib import Path

_MISSING = object()


class DiskFreq:
    """The read-only part of the dict interface jieba's Tokenizer uses on FREQ."""

    def __init__(self, path: Path, fallback):
        self.path = path
        self.fallback = fallback      # () -> the real in-memory FREQ dict, on any SQLite error
        self.memo: dict = {}
        self.full: dict | None = None
        self._db = None
        self._pid = None

    def _query(self, key):
        import sqlite3
        try:
            if self._db is None or self._pid != os.getpid():   # never share a connection across fork
                self._db = sqlite3.connect(_read_only(self.path), uri=True)
                self._pid = os.getpid()
            row = self._db.execute("SELECT n FROM freq WHERE w = ?", (key,)).fetchone()
        except sqlite3.Error:
            self.full = self.fallback()
            return self.full.get(key)
        return None if row is None else row[0]

    def get(self, key, default=None):
        if self.full is not None:
            return self.full.get(key, default)
        value = self.memo.get(key, _MISSING)
        if value is _MISSING:
            value = self.memo[key] = self._query(key)
        return default if value is None else value

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value


def _read_only(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"      # percent-encoded: spaces, # and ? are safe


def _table_path(user_dict: Path) -> Path | None:
    import jieba

    from reportlint.files.cache import cache_dir
    stamps = []
    for p in (Path(jieba.__file__).with_name("dict.txt"), user_dict):
        st = os.stat(p)
        stamps.append(f"{st.st_mtime_ns:x}-{st.st_size:x}")
    version = getattr(jieba, "__version__", "0")
    return cache_dir() / f"jieba-{version}-{'-'.join(stamps)}.sqlite"


def _build(path: Path, freq: dict, total: int) -> None:
    import sqlite3
    import tempfile

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".jieba-", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
        db.execute("CREATE TABLE meta (total INTEGER NOT NULL, entries INTEGER NOT NULL)")
        db.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
        db.execute("INSERT INTO meta VALUES (?, ?)", (total, len(freq)))
        db.commit()
        db.close()
        os.replace(tmp, path)
        for old in path.parent.glob("jieba-*.sqlite"):   # tables of older dictionaries (8 MB each)
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def tokenizer(user_dict: Path, full_init):
    """A jieba Tokenizer reading its dictionary from the on-disk table (built on first use),
    or None when the cache is off or unusable. `full_init()` returns a fully initialised
    Tokenizer (with the user dictionary loaded); it is used to build the table and as fallback."""
    from reportlint.files.cache import enabled
    if not enabled():
        return None
    import sqlite3

    import jieba
    path = None
    try:
        path = _table_path(user_dict)
        if path is None:
            return None
        if not path.exists():
            full = full_init()
            _build(path, full.FREQ, full.total)
            return full                       # already paid for: use it in this run
        db = sqlite3.connect(_read_only(path), uri=True)
        try:
            total, entries = db.execute("SELECT total, entries FROM meta").fetchone()
        finally:
            db.close()
        if not entries:
            raise sqlite3.DatabaseError("empty table")
    except (sqlite3.Error, TypeError):
        try:
            if path is not None:
                path.unlink()                 # broken: the next run builds it again
        except OSError:
            pass
        return None
    except OSError:
        return None
    tok = jieba.Tokenizer()
    holder: dict = {}

    def fallback():
        if "full" not in holder:
            holder["full"] = full_init()
            tok.total = holder["full"].total
        return holder["full"].FREQ

    tok.FREQ = DiskFreq(path, fallback)
    tok.total = total
    tok.initialized = True
    return tok
