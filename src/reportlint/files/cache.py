"""Where reportlint keeps its caches (the compiled rule packs, jieba's word table).

    $XDG_CACHE_HOME/reportlint  (~/.cache/reportlint when unset)
    REPORTLINT_NO_CACHE=1        never read or write a cache
    REPORTLINT_CACHE_DIR=DIR     keep them elsewhere
"""
from __future__ import annotations

import os
from pathlib import Path


def enabled() -> bool:
    return os.environ.get("REPORTLINT_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    explicit = os.environ.get("REPORTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportlint"
