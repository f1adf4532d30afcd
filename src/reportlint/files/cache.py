"""Where reportlint keeps its caches (the loaded rule packs, the results of earlier runs), and
how they are read and written.

    $XDG_CACHE_HOME/reportlint  (~/.cache/reportlint when unset)
    REPORTLINT_NO_CACHE=1        never read or write a cache
    REPORTLINT_CACHE_DIR=DIR     keep them elsewhere

Entries are data (JSON, SQLite), never pickles: reading one cannot run code. A cache still
decides what a run reports, so an entry is only read from a folder and a file that belong to
the user running reportlint and that nobody else may write (the way ssh treats ~/.ssh): an
entry planted in a shared or world-writable folder is ignored, never trusted.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path


def enabled() -> bool:
    return os.environ.get("REPORTLINT_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    explicit = os.environ.get("REPORTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportlint"


def _private(st: os.stat_result) -> bool:
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    return (uid is None or st.st_uid == uid) and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def private_folder(folder: Path) -> bool:
    """True if `folder` is a real directory of ours that no one else may write."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _private(st)


def read_private(path: Path, limit: int = 64 << 20) -> bytes | None:
    """The bytes of a cache entry, or None when it is missing, too big, or not private (a regular
    file of ours in a private folder, opened without following a symlink)."""
    if not private_folder(path.parent):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or not _private(st) or st.st_size > limit:
            return None
        return fh.read(limit + 1)


def private_file(path: Path) -> bool:
    """True if `path` is a regular file of ours, not a symlink, that no one else may write, in
    a private folder: an entry another program opens by name (SQLite) is checked this way."""
    if not private_folder(path.parent):
        return False
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and _private(st)


def make_private_folder(folder: Path) -> bool:
    """Create `folder` (0700) if needed; True if it is private and may hold entries."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return private_folder(folder)


def write_entry(path: Path, data: bytes) -> bool:
    """Write a cache entry through a temporary file and an atomic rename (concurrent runs never
    see half an entry); False when the folder is not ours or not writable. Never raises OSError."""
    import tempfile
    folder = path.parent
    if not make_private_folder(folder):
        return False
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + path.stem[:20] + "-", dir=folder)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Drop the least recently written entries matching `pattern` beyond `keep`."""
    try:
        entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime_ns)
    except OSError:
        return
    for old in entries[:-keep] if keep else entries:
        try:
            old.unlink()
        except OSError:
            pass
