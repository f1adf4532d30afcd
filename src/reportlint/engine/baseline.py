"""Baselines: record today's findings so an existing document repository can adopt the hook and
fail only on new defects.

A finding is known by (file, rule, content hash). The hash covers the flagged text and its
whole line with whitespace removed, never the line number, so inserting or deleting other
paragraphs does not revive old findings, while editing the flagged line does. Identical
findings are counted: a baseline that knows two of them hides two, a third is new.

    {"version": 1, "tool": "reportlint",
     "findings": [{"path": "drafts/a.txt", "rule": "misused-idioms", "hash": "…", "count": 1,
                   "message": "…"}]}

Paths are relative to the folder of the baseline file, with "/" separators.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from reportlint.files.reading import MAX_BASELINE_BYTES, read_file
from reportlint.files.writing import write_atomic
from reportlint.model.errors import BaselineError, InputError
from reportlint.model.finding import content_hash
from reportlint.model.messages import t

VERSION = 1


def _key_path(path: str, base: Path) -> str:
    if path in ("-", "<stdin>"):
        return "<stdin>"
    try:
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(base))).as_posix()
    except ValueError:                      # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()


def _keys(result, base: Path):
    for f in result.findings:
        yield f, (_key_path(f.path, base), f.rule, content_hash(f, result.documents.get(f.path)))


def write(result, path: str, lang: str = "zh") -> int:
    """Write the baseline for all findings of `result`; returns how many it records."""
    base = Path(os.path.abspath(path)).parent
    counts: Counter = Counter()
    messages: dict = {}
    for f, key in _keys(result, base):
        counts[key] += 1
        messages.setdefault(key, f.message)
    entries = [{"path": p, "rule": r, "hash": h, "count": n, "message": messages[(p, r, h)]}
               for (p, r, h), n in sorted(counts.items())]
    data = {"version": VERSION, "tool": "reportlint", "findings": entries}
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8", "backslashreplace"),
                 lang=lang)
    return sum(counts.values())


def load(path: str, lang: str = "zh") -> Counter:
    try:
        raw, _ = read_file(path, lang, MAX_BASELINE_BYTES)
    except InputError as exc:
        if not os.path.lexists(path):
            raise BaselineError(t("baseline_missing", lang, path=path)) from None
        raise BaselineError(t("baseline_unreadable", lang, path=path, detail=exc.message)) from None
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        detail = "nested too deeply" if isinstance(exc, RecursionError) else exc
        raise BaselineError(t("baseline_unreadable", lang, path=path, detail=detail)) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or \
            not isinstance(data.get("findings"), list):
        raise BaselineError(t("baseline_foreign", lang, path=path, version=VERSION))
    known: Counter = Counter()
    for i, e in enumerate(data["findings"]):
        count = e.get("count", 1) if isinstance(e, dict) else None
        if not (isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("path", "rule", "hash"))
                and isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= 10**9):
            raise BaselineError(t("baseline_entries", lang, path=path,
                                  detail=f"entry {i + 1}: path, rule and hash must be strings, "
                                         f"count a whole number from 0"))
        known[(e["path"], e["rule"], e["hash"])] += count
    return known


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def apply(result, path: str, lang: str = "zh") -> int:
    """Drop the findings the baseline knows (in place); returns how many were dropped."""
    known = load(path, lang)
    base = Path(os.path.abspath(path)).parent
    kept, dropped = [], 0
    for f, key in _keys(result, base):
        if known[key] > 0:
            known[key] -= 1
            dropped += 1
        else:
            kept.append(f)
    result.findings[:] = kept
    return dropped
