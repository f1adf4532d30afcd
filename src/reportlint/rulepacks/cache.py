"""Compiled-rules cache: loaded rule packs pickled in the user's cache folder.

Loading ~40 rule files costs parsing, validation and regex compiling on every run; a commit
hook runs reportlint on one small draft, so that start-up is most of its time. The cache entry
for a list of packs holds the loaded PackSet plus the (mtime, size) of everything it was built
from: each pack folder and rule file, and reportlint's own modules (loader, kinds, schema …).
Any change there, a new reportlint or Python version, or an unreadable entry is a miss and the
packs are loaded from YAML again. Only packs that loaded without errors are stored.

    $XDG_CACHE_HOME/reportlint/rules-<hash>.pickle  (~/.cache/reportlint when unset)
    REPORTLINT_NO_CACHE=1        never read or write it
    REPORTLINT_CACHE_DIR=DIR     keep it elsewhere

Writers go through a temporary file and an atomic rename, so concurrent runs (pre-commit with
several processes, -j workers) never see a half-written entry. The folder is created private
(0700): a pickle is code to whoever can write it, exactly like __pycache__.
"""
from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path

from reportlint.files.cache import cache_dir, enabled

FORMAT = 2   # bump when the pickled layout changes
KEEP = 32    # entries kept in the cache folder


def _version() -> str:
    from reportlint.model.version import __version__
    return f"{__version__}|{sys.version}|{FORMAT}"


def _code_files() -> list[str]:
    """reportlint's modules that shape a loaded rule: a kind's OPTIONS or the loader may change
    in a checkout."""
    root = Path(__file__).resolve().parents[1]
    folders = (root / "rulepacks", root / "kinds", root / "model")
    out = [str(f) for f in folders]
    for folder in folders:
        out.extend(sorted(str(p) for p in folder.glob("*.py")))
    return out


def _pack_files(folders: list[Path]) -> list[str]:
    out = []
    for folder in folders:
        out.append(str(folder))
        with os.scandir(folder) as it:
            out.extend(sorted(e.path for e in it))
    return out


def _stamp(paths: list[str]) -> tuple:
    stamps = []
    for p in paths:
        st = os.stat(p)
        stamps.append((p, st.st_mtime_ns, st.st_size))
    return tuple(stamps)


def _entry(key: tuple) -> Path:
    # a collision only costs a miss: the stamps inside name every file the entry was built from
    raw = repr((_version(), key)).encode("utf-8")
    return cache_dir() / f"rules-{zlib.crc32(raw):08x}{len(raw):04x}.pickle"


def stamps(folders: list[Path]) -> tuple:
    """(path, mtime, size) of the packs and of reportlint's code, taken before loading, so that
    a file edited while the packs load makes the stored entry stale instead of wrong."""
    return _stamp(_pack_files(folders) + _code_files())


def get(key: tuple, before: tuple):
    """The cached PackSet for these resolved packs, or None."""
    if not enabled():
        return None
    try:
        with open(_entry(key), "rb") as fh:
            stored, extra, packset = pickle.load(fh)
        if stored != before + _stamp(list(extra)):
            return None
        return packset
    except Exception:   # missing, stale, truncated, unpicklable after an upgrade: load afresh
        return None


def put(key: tuple, before: tuple, packset) -> None:
    """Store a PackSet; never fails the run (a read-only home just means no cache)."""
    if not enabled():
        return
    try:
        files: set[str] = {f for r in packset.rules if (f := getattr(r.kind, "__file__", None))}
        extra = sorted(files - set(_code_files()))       # kinds from plugins
        data = pickle.dumps((before + _stamp(extra), tuple(extra), packset),
                            protocol=pickle.HIGHEST_PROTOCOL)
        import tempfile

        folder = cache_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".rules-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, _entry(key))
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder)
    except Exception:
        pass


def _prune(folder: Path) -> None:
    """Drop the least recently written entries beyond KEEP (test runs make many packs)."""
    entries = sorted(folder.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-KEEP]:
        try:
            old.unlink()
        except OSError:
            pass
