"""jieba without its 0.6-second start: the prefix dictionary read from an on-disk table.

`jieba.Tokenizer.initialize()` builds (or unmarshals) a dict of ~500,000 words and prefixes on
every run, although a draft only ever asks about a few hundred short strings. Here the same
dictionary (jieba's plus our user dictionary, with jieba's own frequencies and total) is
written once into an SQLite table in the cache folder, and a Tokenizer gets a read-only,
memoising view of it as its FREQ. The segmentation is jieba's own code on the same numbers,
so the tokens are identical; only the start-up changes (~10 ms instead of ~600 ms).

Where the table comes from, first that fits (its `stamp`: jieba's version, the size of jieba's
dict.txt, a digest of our user dictionary):
  1. data/jieba_freq.sqlite inside the package, built when the wheel is built (hatch_build.py):
     the first run after `pip install` needs no cache at all;
  2. jieba-<stamp>.sqlite in the cache folder (a source checkout, an edited user dictionary),
     built on first use. Its name depends only on the dictionaries, so installations that share
     the folder share a table instead of evicting each other's; the least recently built beyond
     KEEP are removed. Built from rows in key order, the table costs ~0.5 s once on top of
     jieba's own start (~1.4 s) and saves ~1.3 s on every later run.
REPORTLINT_NO_CACHE=1 (for 2.), an unwritable or shared cache folder or any SQLite error fall
back to the plain in-memory jieba.
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


FORMAT = 2     # the table's layout
KEEP = 4       # tables of other dictionaries kept in the cache folder
SHIPPED = "jieba_freq.sqlite"


def stamp(user_dict: Path) -> str:
    """What the table depends on: jieba's version and dictionary, our user dictionary."""
    import hashlib

    import jieba
    size = os.stat(Path(jieba.__file__).with_name("dict.txt")).st_size
    user = hashlib.sha256(user_dict.read_bytes()).hexdigest()[:16]
    return f"{FORMAT}-{getattr(jieba, '__version__', '0')}-{size:x}-{user}"


def _table_path(user_dict: Path) -> Path:
    from reportlint.files.cache import cache_dir
    return cache_dir() / f"jieba-{stamp(user_dict)}.sqlite"


def build(path: Path, freq: dict, total: int, table_stamp: str) -> None:
    """Write the table to `path` through a temporary file and an atomic rename."""
    import sqlite3
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".jieba-", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
        db.execute("CREATE TABLE meta (total INTEGER NOT NULL, entries INTEGER NOT NULL, stamp TEXT NOT NULL)")
        db.executemany("INSERT INTO freq VALUES (?, ?)", sorted(freq.items()))   # in key order: ~3x faster
        db.execute("INSERT INTO meta VALUES (?, ?, ?)", (total, len(freq), table_stamp))
        db.commit()
        db.close()
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _open(path: Path, table_stamp: str) -> int | None:
    """The table's total if it is a complete table for `table_stamp`, else None."""
    import sqlite3
    db = sqlite3.connect(_read_only(path), uri=True)
    try:
        total, entries, found = db.execute("SELECT total, entries, stamp FROM meta").fetchone()
    finally:
        db.close()
    return total if entries and found == table_stamp else None


def tokenizer(user_dict: Path, full_init):
    """A jieba Tokenizer reading its dictionary from an on-disk table (the one shipped in the
    package, else one in the cache folder, built on first use), or None when there is none and
    the cache is off or unusable. `full_init()` returns a fully initialised Tokenizer (with the
    user dictionary loaded); it builds the table and is the fallback."""
    import sqlite3

    from reportlint.files.cache import enabled, make_private_folder, private_file, private_folder, prune
    path = None
    try:
        table_stamp = stamp(user_dict)
        shipped = user_dict.with_name(SHIPPED)
        total = _open(shipped, table_stamp) if shipped.exists() else None
        if total is not None:
            return _disk_tokenizer(shipped, total, full_init)
        if not enabled():
            return None
        path = _table_path(user_dict)
        if not path.exists():
            if not make_private_folder(path.parent):
                return None
            full = full_init()
            build(path, full.FREQ, full.total, table_stamp)
            prune(path.parent, "jieba-*.sqlite", KEEP)
            return full                       # already paid for: use it in this run
        if not (private_folder(path.parent) and private_file(path)):
            return None                       # a table others could have written: not trusted
        total = _open(path, table_stamp)
        if total is None:
            raise sqlite3.DatabaseError("incomplete table")
    except (sqlite3.Error, TypeError, ValueError):
        try:
            if path is not None:
                path.unlink()                 # broken: the next run builds it again
        except OSError:
            pass
        return None
    except OSError:
        return None
    return _disk_tokenizer(path, total, full_init)


def _disk_tokenizer(path: Path, total: int, full_init):
    import jieba
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
