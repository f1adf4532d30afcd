"""The results cache: each file's findings from an earlier run, served again when nothing that
could change them has changed (the way ruff and ESLint keep theirs).

An entry is keyed by the SHA-256 of everything a file's findings depend on:
  - the file's path and bytes;
  - the effective rule set, without loading it: the packs the file's configuration names (each
    pack folder's path and the bytes of every file in it, the data its kinds read included),
    the configuration file's bytes, the run's own options (--pack, --select, --ignore, --year,
    --unit, --encoding, --lang, --severity);
  - the --against references (their paths and a digest of their bytes);
  - reportlint's version and code (its modules' mtimes and sizes, so a checkout that changes a
    kind misses), the installed distributions' names and versions, and Python's version.
Change any of them and the key changes: a stale answer cannot be served. Runs in which a rule
failed on the file are not stored. Beside the findings an entry keeps what the reporters read of
the draft (model/excerpt.py: the findings' lines, Word places), so a hit neither reads the draft
into a Document nor loads a rule: a re-run over unchanged files costs reading them and the
entries.

Where: `.reportlint_cache/` at the root of the git repository holding the current folder
(ignored by git through its own .gitignore), else `results/` in the user cache folder
(files/cache.py). It is one SQLite file of JSON finding lists — data, read only when the
folder and the file are ours and nobody else may write them. `--no-cache` or
REPORTLINT_NO_CACHE=1 turn it off; `reportlint clean` removes it.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from pathlib import Path

from reportlint.files.cache import cache_dir, make_private_folder, private_folder
from reportlint.model.excerpt import Excerpt
from reportlint.model.finding import Finding, Severity

FORMAT = 2
SCHEMA = 2               # the table's layout: a file of its own, so that versions of reportlint
DB = f"results-{SCHEMA}.sqlite"   # sharing a folder do not spoil each other's entries
FOLDER = ".reportlint_cache"
KEEP = 50_000            # entries kept; the least recently used go first
TOUCH_AFTER = 86_400     # seconds: a served entry's last use is written at most once a day
BATCH = 500              # keys looked up in one query


def repository_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def location(cwd: Path | None = None) -> Path:
    root = repository_root((cwd or Path.cwd()).resolve())
    if root is not None:
        return root / FOLDER
    return cache_dir() / "results"


# ---- the parts of a key ------------------------------------------------------------------------
def code_stamp() -> str:
    """reportlint's modules (mtime, size), installed distributions, Python: whatever code ran
    (the --against references' digests include it too)."""
    h = hashlib.sha256()
    from reportlint.model.version import __version__
    h.update(f"{FORMAT}|{__version__}|{sys.version}|{sys.implementation.cache_tag}".encode())
    package = Path(__file__).resolve().parents[1]
    for folder, _dirs, files in sorted(os.walk(package)):
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                h.update(f"{folder}/{name}|{st.st_mtime_ns}|{st.st_size}\n".encode())
    for entry in sys.path:       # distributions by name and version (jieba's dictionary, pypinyin …)
        try:
            names = sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
        h.update(("\n".join(names) + "\n").encode())
    return h.hexdigest()


def _file_digest(path: str, memo: dict) -> str:
    if path not in memo:
        try:
            with open(path, "rb") as fh:
                memo[path] = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            memo[path] = "unreadable"
    return memo[path]


def _pack_digest(folder: Path) -> tuple[str, bool]:
    """(digest of every file under a pack folder by relative path and bytes — its rule files
    and whatever data its kinds read, such as table templates —, True if the folder loads
    without a word: no stray file beside the rules, nothing but regular files)."""
    from reportlint.rulepacks.loader import stray
    h = hashlib.sha256()
    plain = True
    seen: set[tuple[int, int]] = set()
    for top, dirs, files in os.walk(folder, followlinks=True):   # a kind reads through links too
        try:
            st = os.stat(top)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:       # a link back up the tree: walked once
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(top, name)
            data = _regular_bytes(path)
            if data is None:               # a named pipe, a device: never opened here
                plain, data = False, b"\0not a regular file"
            elif top == str(folder) and stray(Path(path)):
                plain = False
            h.update(f"{os.path.relpath(path, folder)}|{len(data)}|".encode("utf-8", "surrogateescape"))
            h.update(data)
    return h.hexdigest(), plain


def _regular_bytes(path: str) -> bytes | None:
    """The bytes of a regular file (symlinks followed), None for anything else or an error."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        import stat
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        return fh.read()


class ResultsCache:
    """One run's view of the cache: keys worked out once per configuration, entries read and
    written by the parent process only."""

    def __init__(self, linter, folder: Path | None = None):
        self.linter = linter
        self.folder = folder or location()
        self._db: sqlite3.Connection | None = None
        self._usable = True
        self._code: str | None = None
        self._digests: dict[str, str] = {}
        self._packs: dict = {}                       # pack folder -> (digest, loads quietly)
        self._rulesets: dict[tuple, str] = {}
        self._touched: list[str] = []                # keys served this run, last used long ago
        self._new: list[tuple] = []                  # (key, findings, draft, text) learnt this run

    # ---- keys ------------------------------------------------------------------------------
    def _ruleset(self, path: str, cfg) -> str:
        """Digest of what decides the findings of a file under `cfg`, before its bytes: the
        packs as files, so that no rule is loaded for it. A missing pack, or one with files the
        loader warns about, is loaded here (its error or warning as in a run that lints)."""
        per_file = tuple(cfg.ignores_for(path)) if cfg.per_file_ignores else ()
        memo_key = (id(cfg), per_file)
        if memo_key not in self._rulesets:
            from reportlint.rulepacks.loader import resolve_packs
            linter = self.linter
            if self._code is None:
                self._code = code_stamp()
            h = hashlib.sha256(self._code.encode())
            packs = resolve_packs(linter.packs_for(cfg), cfg.base if cfg.path else None)
            if any(folder is None for _, folder, _ in packs):
                linter.rules_for(cfg)          # raises: no such pack
            for ref, folder, name in packs:
                assert folder is not None      # rules_for raised otherwise
                if folder not in self._packs:
                    self._packs[folder] = _pack_digest(folder)
                digest, plain = self._packs[folder]
                if not plain:
                    linter.rules_for(cfg)      # its warning (or error), as in a run that lints
                h.update(f"pack|{ref}|{folder}|{name}|{digest}\n".encode("utf-8", "surrogateescape"))
            if cfg.path is not None:
                h.update(f"config|{cfg.path}|{_file_digest(str(cfg.path), self._digests)}\n".encode())
            h.update(json.dumps([linter.select, linter.ignore, linter.year, linter.unit, linter.encoding,
                                 linter.lang, sorted(linter.severity.items()), per_file],
                                ensure_ascii=False).encode())
            for ref in linter.references:     # a digest of its bytes, path and the code that reads it
                h.update(f"\nref|{ref.path}|{ref.digest}".encode("utf-8", "surrogateescape"))
            self._rulesets[memo_key] = h.hexdigest()
        return self._rulesets[memo_key]

    def key(self, path: str, data: bytes, cfg) -> str:
        h = hashlib.sha256(self._ruleset(path, cfg).encode())
        h.update(f"|{path}|{len(data)}|".encode("utf-8", "surrogateescape"))
        h.update(data)
        return h.hexdigest()

    # ---- entries ---------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection | None:
        if self._db is None and self._usable:
            try:
                if not self._prepare_folder():
                    raise sqlite3.Error("cache folder is not private")
                db = sqlite3.connect(self.folder / DB, timeout=10)
                # findings and excerpts as JSON: the draft's places apart from its lines, which
                # only the text reports read
                db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, findings BLOB NOT NULL,"
                           " draft BLOB, text BLOB, used INTEGER NOT NULL) WITHOUT ROWID")
                self._db = db
            except (sqlite3.Error, OSError):
                self._usable = False
        return self._db

    def _prepare_folder(self) -> bool:
        if not make_private_folder(self.folder):
            return False
        db = self.folder / DB
        try:
            st = os.lstat(db)
        except FileNotFoundError:
            st = None
        except OSError:
            return False
        if st is not None:
            import stat as st_mod
            if not st_mod.S_ISREG(st.st_mode) or st.st_mode & 0o022 or (
                    hasattr(os, "geteuid") and st.st_uid != os.geteuid()):
                return False
        if self.folder.name == FOLDER and not (self.folder / ".gitignore").exists():
            try:
                (self.folder / ".gitignore").write_text("# made by reportlint\n*\n", encoding="utf-8")
            except OSError:
                pass
        return private_folder(self.folder)

    def get(self, key: str, path: str = "", text: bool = True) -> tuple[list[Finding], Excerpt | None] | None:
        """(findings, what the reporters read of the draft at `path` or None) of an entry; see
        get_many."""
        return self.get_many([(key, path)], text).get(key)

    def get_many(self, wanted: list[tuple[str, str]], text: bool = True) -> dict[str, tuple]:
        """{key: (findings, excerpt)} of the (key, path) pairs the cache holds. The excerpt has
        the findings' lines and text with `text`, else the draft's places only; None when the
        entry has not kept what is asked for (the caller reads the draft)."""
        db = self._open()
        if db is None or not wanted:
            return {}
        paths = dict(wanted)
        keys = list(paths)
        column = "text" if text else "NULL"
        out: dict[str, tuple] = {}
        stale = _now() - TOUCH_AFTER
        try:
            for i in range(0, len(keys), BATCH):
                part = keys[i:i + BATCH]
                rows = db.execute(f"SELECT key, findings, draft, {column}, used FROM results WHERE key IN"
                                  f" ({','.join('?' * len(part))})", part).fetchall()
                for key, findings, draft, lines, used in rows:
                    try:
                        found = [_finding(item) for item in _unpack(findings)]
                        excerpt = (None if draft is None or (text and lines is None) else
                                   _excerpt(_unpack(draft), _unpack(lines) if text else None, paths[key]))
                    except (ValueError, TypeError, KeyError, IndexError):
                        continue            # another layout: a miss
                    out[key] = (found, excerpt)
                    if used < stale:
                        self._touched.append(key)
        except sqlite3.Error:
            return {}
        return out

    def put(self, key: str, findings: list[Finding], draft: Excerpt | None = None) -> None:
        """`draft`: the findings' excerpt with its text (Excerpt.of(doc, findings)), if at hand."""
        place, lines = _excerpt_rows(draft) if draft is not None and draft.has_text else (None, None)
        self._new.append((key, _pack([_row(f) for f in findings]), place, lines))

    def close(self) -> None:
        """Write what this run learnt, in one transaction; never fails the run."""
        db = self._open() if self._new else self._db
        if db is None:
            return
        try:
            now = _now()
            with db:
                db.executemany("UPDATE results SET used = ? WHERE key = ?",
                               [(now, k) for k in self._touched])
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
                               [(*entry, now) for entry in self._new])
                (count,) = db.execute("SELECT count(*) FROM results").fetchone()
                if count > KEEP:
                    db.execute("DELETE FROM results WHERE key IN (SELECT key FROM results ORDER BY used"
                               " LIMIT ?)", (count - KEEP,))
        except (sqlite3.Error, ValueError):
            pass
        finally:
            self._touched.clear()
            self._new.clear()
            db.close()
            self._db = None


def _now() -> int:
    import time
    return int(time.time())


_FIELDS = ("path", "line", "column", "end_line", "end_column", "rule", "category", "severity", "message",
           "suggestion", "fix", "start", "end", "pack")     # Finding's fields, in its order
_SEVERITY = {int(s): s for s in Severity}


def _row(f: Finding) -> list:
    return [int(v) if name == "severity" else v for name, v in ((n, getattr(f, n)) for n in _FIELDS)]


def _finding(row: list) -> Finding:
    if len(row) != len(_FIELDS):
        raise ValueError("another layout")
    row[7] = _SEVERITY[row[7]]
    return Finding(*row)


def _pack(value) -> bytes:
    """JSON as UTF-8; a file name's undecodable bytes (lone surrogates) pass through."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _unpack(raw):
    return json.loads(raw.decode("utf-8", "surrogatepass") if isinstance(raw, bytes) else raw)


def _excerpt_rows(e: Excerpt) -> tuple[bytes, bytes]:
    """(the draft's places, its findings' lines and text) of an excerpt, as stored."""
    (_path, encoding, bom, markdown, locations, lines, source, count, spans, length, _text) = e.parts()
    place = {"encoding": encoding, "bom": bom.hex(), "markdown": markdown, "locations": locations,
             "count": count, "length": length}
    text = {"lines": list(lines.items()), "source": None if source is lines else list(source.items()),
            "spans": [[a, b, t] for (a, b), t in spans.items()]}
    return _pack(place), _pack(text)


def _excerpt(place: dict, text: dict | None, path: str) -> Excerpt:
    """The stored excerpt of the draft at `path` (the key holds the path); without `text`, its
    places only."""
    lines: dict[int, str] = {}
    source, spans = lines, {}
    if text is not None:
        lines = {int(no): str(line) for no, line in text["lines"]}
        source = lines if text["source"] is None else {int(no): str(line) for no, line in text["source"]}
        spans = {(int(a), int(b)): str(t) for a, b, t in text["spans"]}
    return Excerpt(path, str(place["encoding"]), bytes.fromhex(place["bom"]), bool(place["markdown"]),
                   place["locations"], lines, source, int(place["count"]), spans, int(place["length"]),
                   text is not None)


def clean(cwd: Path | None = None) -> list[Path]:
    """Remove this repository's results cache and reportlint's entries in the user cache folder
    (only what reportlint writes there: the folder may be one the user named); the folders
    cleaned."""
    import shutil
    removed = []
    repo = location(cwd)
    user = cache_dir()
    for folder in {repo, user / "results", user / "against"}:     # against: the --against indexes
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    entries = 0
    if user.is_dir():
        for pattern in ("rules-*.json", "rules-*.pickle", "bundled-*.json", "jieba-*", ".rules-*", ".jieba-*",
                        ".bundled-*"):
            for entry in user.glob(pattern):
                try:
                    entry.unlink()
                    entries += 1
                except OSError:
                    pass
    if entries:
        removed.append(user)
    return removed
