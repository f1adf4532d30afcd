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

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

VERSION = 1
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


class BaselineError(Exception):
    pass


def fingerprint(f, doc=None) -> str:
    """Content hash of a finding: rule, flagged text and its line, whitespace-insensitive."""
    flagged = line = ""
    if doc is not None:
        flagged = doc.text[f.start:f.end]
        if 0 < f.line <= len(doc.lines):
            line = doc.lines[f.line - 1]
    else:
        line = f.message       # no text at hand: the message is the next most stable thing
    key = "\0".join((f.rule, _SPACE.sub("", flagged), _SPACE.sub("", line)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _key_path(path: str, base: Path) -> str:
    if path in ("-", "<stdin>"):
        return "<stdin>"
    try:
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(base))).as_posix()
    except ValueError:                      # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()


def _keys(result, base: Path):
    for f in result.findings:
        yield f, (_key_path(f.path, base), f.rule, fingerprint(f, result.documents.get(f.path)))


def write(result, path: str) -> int:
    """Write the baseline for all findings of `result`; returns how many it records."""
    from .fixes import write_atomic
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


def load(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"基线文件不存在：{path}（先用 --write-baseline 生成）") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"无法读取基线文件 {path}：{exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or \
            not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path} 不是 reportlint 基线文件（version {VERSION}）")
    known: Counter = Counter()
    try:
        for e in data["findings"]:
            known[(e["path"], e["rule"], e["hash"])] += int(e.get("count", 1))
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"基线文件 {path} 的条目格式不对：{exc}") from None
    return known


def apply(result, path: str) -> int:
    """Drop the findings the baseline knows (in place); returns how many were dropped."""
    known = load(path)
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
