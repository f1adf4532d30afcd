"""The results cache: each file's findings from an earlier run, served again when nothing that
could change them has changed (the way ruff and ESLint keep theirs).

An entry is keyed by the SHA-256 of everything a file's findings depend on:
  - the file's path and bytes;
  - the effective rule set: every selected rule file's bytes and its severity after the
    configuration, the configuration file's bytes, the run's own options (--select, --ignore,
    --year, --unit, --encoding, --lang, --severity);
  - the --against references (their paths and a digest of their bytes);
  - reportlint's version and code (its modules' mtimes and sizes, so a checkout that changes a
    kind misses), the installed distributions' names and versions, and Python's version.
Change any of them and the key changes: a stale answer cannot be served. Runs in which a rule
failed on the file are not stored.

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
from reportlint.model.finding import Finding, Severity

FORMAT = 1
FOLDER = ".reportlint_cache"
KEEP = 50_000            # entries kept; the least recently used go first


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
        self._rulesets: dict[tuple, str] = {}
        self._touched: list[str] = []                # keys served this run
        self._new: list[tuple[str, str]] = []        # (key, findings as JSON) learnt this run

    # ---- keys ------------------------------------------------------------------------------
    def _ruleset(self, path: str, cfg) -> str:
        """Digest of what decides the findings of a file under `cfg`, before its bytes."""
        per_file = tuple(cfg.ignores_for(path)) if cfg.per_file_ignores else ()
        memo_key = (id(cfg), per_file)
        if memo_key not in self._rulesets:
            linter = self.linter
            if self._code is None:
                self._code = code_stamp()
            h = hashlib.sha256(self._code.encode())
            rules = linter.rules_for(cfg)
            if per_file:
                from reportlint.rulepacks.select import select
                rules = select(rules, None, list(per_file))
            severities = {**cfg.severities(), **{k: Severity.parse(v) for k, v in linter.severity.items()}}
            for rule in rules:
                sev = severities.get(rule.id, rule.severity)
                h.update(f"{rule.pack}|{rule.id}|{rule.path}|{_file_digest(rule.path, self._digests)}|"
                         f"{int(sev)}\n".encode())
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
                db = sqlite3.connect(self.folder / "results.sqlite", timeout=10)
                db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, findings TEXT NOT NULL,"
                           " used INTEGER NOT NULL) WITHOUT ROWID")
                self._db = db
            except (sqlite3.Error, OSError):
                self._usable = False
        return self._db

    def _prepare_folder(self) -> bool:
        if not make_private_folder(self.folder):
            return False
        db = self.folder / "results.sqlite"
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

    def get(self, key: str) -> list[Finding] | None:
        db = self._open()
        if db is None:
            return None
        try:
            row = db.execute("SELECT findings FROM results WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            self._touched.append(key)
            return [_finding(item) for item in json.loads(row[0])]
        except (sqlite3.Error, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, findings: list[Finding]) -> None:
        # ASCII JSON: a file name with undecodable bytes (surrogates) survives the round trip
        self._new.append((key, json.dumps([_row(f) for f in findings])))

    def close(self) -> None:
        """Write what this run learnt, in one transaction; never fails the run."""
        db = self._open() if self._new else self._db
        if db is None:
            return
        try:
            import time
            now = int(time.time())
            with db:
                db.executemany("UPDATE results SET used = ? WHERE key = ?",
                               [(now, k) for k in self._touched])
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                               [(k, v, now) for k, v in self._new])
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


_FIELDS = ("path", "line", "column", "end_line", "end_column", "rule", "category", "severity", "message",
           "suggestion", "fix", "start", "end", "pack")


def _row(f: Finding) -> list:
    return [int(v) if name == "severity" else v for name, v in ((n, getattr(f, n)) for n in _FIELDS)]


def _finding(row: list) -> Finding:
    values = dict(zip(_FIELDS, row, strict=True))
    values["severity"] = Severity(values["severity"])
    return Finding(**values)


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
        for pattern in ("rules-*.json", "rules-*.pickle", "jieba-*", ".rules-*", ".jieba-*"):
            for entry in user.glob(pattern):
                try:
                    entry.unlink()
                    entries += 1
                except OSError:
                    pass
    if entries:
        removed.append(user)
    return removed
