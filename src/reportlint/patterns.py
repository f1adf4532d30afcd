"""Regular expressions from rule files: compiled once with the `regex` module, run with a timeout.

Rule authors may write macros such as `{NUM}` or `{CJK}` inside a pattern; they are expanded
before compiling. Only the names in MACROS are replaced, so quantifiers like `X{2,}` stay as
they are.
"""
from __future__ import annotations

import re
from bisect import bisect_right

import regex

# Seconds one search may take before the rule is abandoned for that file.
TIMEOUT = 2.0

MACROS = {
    "CJK": r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]",
    "CNNUM": r"[零〇一二三四五六七八九十百千万亿两]+",
    "NUM": r"(?:\d[\d,，]*(?:\.\d+)?|[０-９]+|[零〇一二三四五六七八九十百千万亿两]+)",
    "YEAR": r"(?:19|20)\d\d",
}


class PatternTimeout(Exception):
    """A rule's pattern took longer than TIMEOUT on one document."""


def expand(pattern: str, extra: dict[str, str] | None = None) -> str:
    table = {**MACROS, **(extra or {})}
    names = "|".join(re.escape(k) for k in table)
    return re.sub(r"\{(" + names + r")\}", lambda m: table[m.group(1)], pattern)


def compile_pattern(pattern: str, flags: int = 0) -> regex.Pattern:
    """Compile a rule pattern, ^ and $ at line ends (raises regex.error)."""
    return regex.compile(expand(pattern), flags | regex.MULTILINE | regex.VERSION0)


def finditer(rx: regex.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> list:
    """Like rx.finditer (as a list), but a catastrophic pattern raises PatternTimeout instead of hanging.

    The matches are collected at once: `regex` counts the process's CPU time from the
    iterator's creation, so a lazy iterator would also bill the caller's work per match and
    abandon a harmless pattern on a big document with many hits.
    """
    try:
        return list(rx.finditer(text, pos, len(text) if endpos is None else endpos, timeout=TIMEOUT))
    except TimeoutError:
        raise PatternTimeout(rx.pattern) from None


def search(rx: regex.Pattern, text: str, pos: int = 0, endpos: int | None = None):
    try:
        return rx.search(text, pos, len(text) if endpos is None else endpos, timeout=TIMEOUT)
    except TimeoutError:
        raise PatternTimeout(rx.pattern) from None


def covered(rxs, doc, start: int, end: int) -> bool:
    """True if [start, end) lies inside a match of one of `rxs` on the line(s) around it.

    This is how `exceptions:` work in every kind: 重大执法决定法制审核 is an exception
    that covers a 法制 hit.
    """
    if not rxs:
        return False
    # Each line is searched once per pattern and its match spans kept on the document, so a
    # long line with many hits stays linear (rescanning it for every hit was quadratic).
    starts = doc.line_starts
    first = bisect_right(starts, start) - 1
    lo = starts[first]
    last = bisect_right(starts, end) - 1
    hi = starts[last + 1] - 1 if last + 1 < len(starts) else len(doc.text)
    cache = doc.__dict__.setdefault("_exception_spans", {})
    for rx in rxs:
        spans = cache.get((rx, lo, hi))
        if spans is None:
            found = [m.span() for m in finditer(rx, doc.text, lo, hi)]
            spans = cache[(rx, lo, hi)] = ([a for a, _ in found], [b for _, b in found])
        i = bisect_right(spans[0], start) - 1   # matches do not overlap: only this one can cover
        if i >= 0 and end <= spans[1][i]:
            return True
    return False
