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


class LazyPattern:
    """A rule pattern read back from the compiled-rules cache: compiled on first use, so a run
    pays only for the patterns it runs (an `exceptions:` pattern only once a hit needs it).
    `pattern` and `flags` are there without compiling; everything else is the compiled one's."""

    __slots__ = ("_rx", "flags", "pattern")
    _rx: regex.Pattern

    def __init__(self, pattern: str, flags: int):
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_rx":
            raise AttributeError(name)
        try:
            rx = self._rx
        except AttributeError:
            rx = self._rx = regex.compile(self.pattern, self.flags)
        return getattr(rx, name)

    def __reduce__(self):
        return LazyPattern, (self.pattern, self.flags)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


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
    cache = doc.shared("exception spans", dict)
    for rx in rxs:
        spans = cache.get((rx, lo, hi))
        if spans is None:
            found = [m.span() for m in finditer(rx, doc.text, lo, hi)]
            spans = cache[(rx, lo, hi)] = ([a for a, _ in found], [b for _, b in found])
        i = bisect_right(spans[0], start) - 1   # matches do not overlap: only this one can cover
        if i >= 0 and end <= spans[1][i]:
            return True
    return False


# ---- skipping lines that cannot match ---------------------------------------------------------
# A rule scoped to lines or paragraphs searches each span with endpos at its end. Most spans
# hold no match, and one search of the whole text from a span's start finds where the next
# match can be: every successful span-bounded path is also a path over the whole text (`$`,
# `\b` and lookbehinds see the same at a line end either way; `.` never takes the line
# break), so no span before the whole-text match can hold a non-empty match. That fails when
# the pattern behaves differently once it can see past the line end: \Z, a negative lookahead
# whose body could take the line break, a lookahead whose captures feed a backreference,
# atomic groups and possessive quantifiers (they commit to more text), fuzzy matching, and
# DOTALL/VERBOSE/REVERSE. Such patterns, and sentence scope (spans end mid-line), keep the
# plain span-by-span search.
_UNSAFE_ANYWHERE = re.compile(r"\(\?>|[*+?}]\+|\{[eisd][<=]|\\[GZz]|\(\?[a-zA-Z]*[sxr]")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\\g<|\(\?\(")
_NEWLINE_CAPABLE = re.compile(r"\\[sWDPpZzxuUN0nvRhX]|\[\^|\n")


def _bodies(pattern: str, opener: str):
    """The text inside every group that starts with `opener`, e.g. "(?!"."""
    i = pattern.find(opener)
    while i >= 0:
        depth, j, esc, in_class = 1, i + len(opener), False, False
        while j < len(pattern) and depth:
            c = pattern[j]
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif in_class:
                in_class = c != "]"
            elif c == "[":
                in_class = True
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            j += 1
        yield pattern[i + len(opener):j - 1]
        i = pattern.find(opener, j)


_safety: dict = {}


def line_bounded(rx: regex.Pattern) -> bool:
    """True if a whole-text search never misses a match that a line-bounded search finds."""
    key = (rx.pattern, rx.flags)
    if key not in _safety:
        p = rx.pattern
        openers = ("(?!", "(?=") if _BACKREFERENCE.search(p) else ("(?!",)
        _safety[key] = (not rx.flags & (regex.DOTALL | regex.VERBOSE | regex.REVERSE)
                        and not _UNSAFE_ANYWHERE.search(p)
                        and not any(_NEWLINE_CAPABLE.search(body)
                                    for opener in openers for body in _bodies(p, opener)))
    return _safety[key]


def spans_that_may_match(rx: regex.Pattern, text: str, spans) -> set[int] | None:
    """Indices of the spans (sorted, each ending at a line end) that can hold a non-empty match
    of rx; None when every span must be searched (the pattern is not line_bounded, or a
    whole-text search ran too long)."""
    if not line_bounded(rx):
        return None
    out: set[int] = set()
    i, n = 0, len(spans)
    try:
        while i < n:
            m = rx.search(text, spans[i].start, timeout=TIMEOUT)
            if m is None:
                break
            p = m.start()
            while i < n and spans[i].end <= p:
                i += 1
            if i < n and spans[i].start <= p:
                out.add(i)
                i += 1
    except TimeoutError:
        return None
    return out
