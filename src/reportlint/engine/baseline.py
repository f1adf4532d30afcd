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

from reportlint.files.writing import write_atomic
from reportlint.model.errors import BaselineError
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


def write(result, path: str) -> int:
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
    base.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return sum(counts.values())


def load(path: str, lang: str = "zh") -> Counter:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(t("baseline_missing", lang, path=path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(t("baseline_unreadable", lang, path=path, detail=exc)) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or \
            not isinstance(data.get("findings"), list):
        raise BaselineError(t("baseline_foreign", lang, path=path, version=VERSION))
    known: Counter = Counter()
    try:
        for e in data["findings"]:
            known[(e["path"], e["rule"], e["hash"])] += int(e.get("count", 1))
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(t("baseline_entries", lang, path=path, detail=exc)) from None
    return known


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
