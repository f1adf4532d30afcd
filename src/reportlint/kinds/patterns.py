"""Regular expressions from rule files: compiled once with the `regex` module, run with a timeout.

Rule authors may write macros such as `{NUM}` or `{CJK}` inside a pattern; they are expanded
before compiling. Only the names in MACROS are replaced, so quantifiers like `X{2,}` stay as
they are.
"""
from __future__ import annotations

import re
import time
from bisect import bisect_right
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reportlint.model.lazy_pattern import LazyPattern

if TYPE_CHECKING:
    import regex

# `regex`'s flags, so that a run whose patterns all miss their literals never imports it (~10 ms
# of a dictionary-only run); tests/oracles/test_patterns_oracle.py checks them against regex's.
IGNORECASE, MULTILINE, DOTALL, VERBOSE = re.IGNORECASE.value, re.MULTILINE.value, re.DOTALL.value, re.VERBOSE.value
REVERSE, VERSION0, FULLCASE = 0x400, 0x2000, 0x4000

# Seconds one search may take before the rule is abandoned for that file.
TIMEOUT = 2.0
# CPU seconds all rules together may spend on one file (a pattern at 0.7 s a line stays under
# TIMEOUT but would take minutes on a long draft). The biggest draft accepted (files/reading
# MAX_BYTES) takes ~5 s with every built-in rule.
FILE_BUDGET = 30.0

MACROS = {
    "CJK": r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]",
    "CNNUM": r"[零〇一二三四五六七八九十百千万亿两]+",
    "NUM": r"(?:\d[\d,，]*(?:\.\d+)?|[０-９]+|[零〇一二三四五六七八九十百千万亿两]+)",
    "YEAR": r"(?:19|20)\d\d",
}


# Compiled forms (kinds/regex_code) of the patterns the kinds make while they run (a `when` of a
# substitution rule, a required section's heading with the year filled in …), which a rule file
# does not hold: the wheel ships those its rules' examples make (rulepacks/bundled.py sets them
# from its compiled.json, package data; never from a cache folder), keyed by (source, flags).
_shipped: dict[tuple[str, int], dict] = {}
_made: list | None = None        # while recording(): (source, flags, compiled) of each compiled from its source


def ship(forms: list) -> None:
    """Use these [source, flags, form] for the patterns the kinds make (the wheel's only)."""
    _shipped.update(((source, flags), form) for source, flags, form in forms)


@contextmanager
def recording():
    """The patterns compiled from their source inside the block (the wheel's build)."""
    global _made
    saved, _made = _made, []
    try:
        yield _made
    finally:
        _made = saved


class PatternTimeout(Exception):
    """A rule's pattern took longer than TIMEOUT on one document, or the file's budget ran out."""


_deadline: float | None = None      # process time at which the current file's budget ends
# Reading the process time is a system call (~1 µs; a report makes ~300 searches). One thread
# never spends more CPU time than the wall clock shows, so until this wall-clock time
# (perf_counter, read in user space) more than TIMEOUT is surely left and none is read.
_sure_until = float("-inf")


@contextmanager
def file_budget(seconds: float | None = None):
    """Every pattern search inside runs under what is left of one file's budget."""
    global _deadline, _sure_until
    saved = _deadline, _sure_until
    budget = FILE_BUDGET if seconds is None else seconds
    _deadline = time.process_time() + budget
    _sure_until = time.perf_counter() + budget - TIMEOUT
    try:
        yield
    finally:
        _deadline, _sure_until = saved


def budget_left() -> float:
    """CPU seconds left of the file's budget: exact once TIMEOUT or less may be left, before
    that a lower bound above TIMEOUT."""
    global _sure_until
    if _deadline is None:
        return float("inf")
    now = time.perf_counter()
    if now < _sure_until:
        return TIMEOUT + (_sure_until - now)
    left = _deadline - time.process_time()
    _sure_until = now + left - TIMEOUT
    return left


def _budget_spent() -> PatternTimeout:
    return PatternTimeout(f"the time budget of {FILE_BUDGET:g} s per file is used up")


def _timeout() -> float:
    left = budget_left()
    if left <= 0:
        raise _budget_spent()
    return min(TIMEOUT, left)


def holds(text: str, lit: str) -> bool:
    """`lit in text`, told sooner when its first or last character is missing: a search for one
    character is ~20x faster than for several (~0.1 against ~2.5 µs on a report), and most
    literals of most patterns are not in a draft."""
    return (len(lit) == 1 or (lit[0] in text and lit[-1] in text)) and lit in text


class TimedPattern:
    """A rule pattern (the `regex` module) whose every search runs with the timeout and within
    the file's budget: kinds get only these, so no kind can run a user's pattern without them.
    finditer and findall collect their matches at once (see finditer below).

    Read back from the compiled-rules cache it is compiled on first use, so a run pays only
    for the patterns it runs; `pattern` and `flags` are there without compiling. A pattern that
    cannot match without one of a few literal strings (`required_literals`) is neither compiled
    nor run on a text that holds none of them: most rules on most drafts."""
    __slots__ = ("_code", "_rx", "_seen", "flags", "literals", "pattern")
    _rx: regex.Pattern

    def __init__(self, pattern: str, flags: int, rx: regex.Pattern | None = None,
                 literals: tuple[str, ...] | bool | None = False, code: dict | None = None):
        self.pattern, self.flags = pattern, flags
        # False: not worked out yet; None: no literal is required
        self.literals = literals
        self._seen: tuple = (None, False)       # (the last text checked, it holds none of them)
        self._code = code       # the compiled pattern as data (kinds/regex_code), from the wheel only
        if rx is not None:
            self._rx = rx

    @property
    def rx(self) -> regex.Pattern:
        try:
            return self._rx
        except AttributeError:
            rx = None
            code = self._code if self._code is not None else _shipped.get((self.pattern, self.flags))
            if code is not None:
                from reportlint.kinds.regex_code import rebuilt
                rx = rebuilt(code)
            if rx is None or rx.pattern != self.pattern:
                import regex
                rx = regex.compile(self.pattern, self.flags)
                if _made is not None:
                    _made.append((self.pattern, self.flags, rx))
            self._rx = rx
            return rx

    def needs(self) -> tuple[str, ...] | None:
        if self.literals is False:
            self.literals = required_literals(self.pattern, self.flags)
        return self.literals  # type: ignore[return-value]

    def cannot_match(self, text) -> bool:
        """True if `text` holds none of the required literals (checked once per text)."""
        seen, absent = self._seen
        if text is not seen:
            lits = self.needs()
            absent = lits is not None and isinstance(text, str) and not any(holds(text, lit) for lit in lits)
            self._seen = (text, absent)       # one assignment: threads see a matching pair
        return absent

    def __reduce__(self):
        return TimedPattern, (self.pattern, self.flags, None, self.literals)

    def __repr__(self) -> str:
        return f"TimedPattern({self.pattern!r})"

    def __getattr__(self, name: str):          # groups, groupindex …
        if name.startswith("__") or name == "_rx":
            raise AttributeError(name)
        return getattr(self.rx, name)

    def _run(self, method, *args, **kw):
        try:
            return method(*args, timeout=_timeout(), **kw)
        except TimeoutError:
            raise (_budget_spent() if budget_left() <= 0 else PatternTimeout(self.pattern)) from None

    def search(self, text, *args, **kw):
        if self.cannot_match(text):
            return None
        return self._run(self.rx.search, text, *args, **kw)

    def match(self, text, *args, **kw):
        if self.cannot_match(text):
            return None
        return self._run(self.rx.match, text, *args, **kw)

    def fullmatch(self, text, *args, **kw):
        if self.cannot_match(text):
            return None
        return self._run(self.rx.fullmatch, text, *args, **kw)

    def finditer(self, text, *args, **kw) -> list:
        if self.cannot_match(text):
            return []
        return self._run(lambda *a, **k: list(self.rx.finditer(*a, **k)), text, *args, **kw)

    def findall(self, text, *args, **kw) -> list:
        if self.cannot_match(text):
            return []
        return self._run(self.rx.findall, text, *args, **kw)

    def sub(self, *args, **kw):
        return self._run(self.rx.sub, *args, **kw)

    def subn(self, *args, **kw):
        return self._run(self.rx.subn, *args, **kw)

    def split(self, *args, **kw):
        return self._run(self.rx.split, *args, **kw)


# ---- literals a match cannot do without ------------------------------------------------------
# Worked out on the parse tree of the stdlib's `re` parser, which reads the syntax both modules
# share the same way. Whatever it does not know, or may read differently from `regex` (case-
# insensitive or verbose matching, POSIX classes "[:", fuzzy "{e<=1}", an escaped brace, a
# pattern `re` rejects: \p{Han}, repeated group names …), gives None: no prefilter.
_MAX_CHOICES = 16
_REGEX_ONLY = LazyPattern(r"\[:\^?[A-Za-z]+:\]|\{(?![\d,])")    # [:alpha:] inside a set


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings of which every match of `pattern` contains at least one, or None if there are
    no few such strings (or the pattern is not plain enough to tell)."""
    if flags & (IGNORECASE | VERBOSE | FULLCASE) or _REGEX_ONLY.search(pattern):
        return None
    try:
        from importlib import import_module
        sre = import_module("re._constants")        # private but stable since 3.11: any
        tree = import_module("re._parser").parse(pattern, 0)   # change lands in the except
        if tree.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        found = _sequence(list(tree), sre)
    except Exception:      # re's syntax differs (an error) or its internals changed: no prefilter
        return None
    return tuple(sorted(found)) if found else None


def _sequence(items, sre) -> set[str] | None:
    """The best literal set of a sequence: a run of literal characters, or a required part."""
    choices, run = [], ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:
            choices.append({run})
            run = ""
        got = _node(op, av, sre)
        if got:
            choices.append(got)
    if run:
        choices.append({run})
    # the longest shortest string; among equals the fewest strings
    return max(choices, key=lambda c: (min(map(len, c)), -len(c))) if choices else None


def _node(op, av, sre) -> set[str] | None:
    if op is sre.SUBPATTERN:
        _group, add, _delete, body = av
        return None if add & (re.IGNORECASE | re.VERBOSE) else _sequence(list(body), sre)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(list(body), sre) if low >= 1 else None
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av), sre)
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            got = _sequence(list(branch), sre)
            if not got:
                return None
            out |= got
        return out if len(out) <= _MAX_CHOICES else None
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < _MAX_CHOICES:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:                      # NEGATE, a category (\d), a wide range
                return None
        return chars if len(chars) <= _MAX_CHOICES else None
    return None


def expand(pattern: str, extra: dict[str, str] | None = None) -> str:
    table = {**MACROS, **(extra or {})}
    names = "|".join(re.escape(k) for k in table)
    return re.sub(r"\{(" + names + r")\}", lambda m: table[m.group(1)], pattern)


def compile_pattern(pattern: str, flags: int = 0) -> TimedPattern:
    """Compile a rule pattern, ^ and $ at line ends (raises regex.error)."""
    import regex
    source, flags = expand(pattern), flags | MULTILINE | VERSION0
    return TimedPattern(source, flags, regex.compile(source, flags))


_constants: dict[tuple[str, int], regex.Pattern] = {}     # constant(): each compiled (or rebuilt) once
_CONSTANTS_MAX = 4096


def constant(source: str, flags: int = 0) -> regex.Pattern:
    """regex.compile for a pattern a kind writes itself (a module constant, or one made from its
    options or data): rebuilt from the wheel's compiled form when the wheel ships one (every one
    made while the build imported the kinds and ran the rules' examples), compiled once otherwise."""
    key = (source, flags)
    rx = _constants.get(key)
    if rx is None:
        if len(_constants) >= _CONSTANTS_MAX:
            _constants.clear()
        rx = _constants[key] = TimedPattern(source, flags).rx
    return rx


def constants() -> list[tuple[str, int, regex.Pattern]]:
    """(source, flags, compiled) of the patterns constant() made in this process (the wheel's build)."""
    return [(source, flags, rx) for (source, flags), rx in _constants.items()]


def lazy_pattern(pattern: str, flags: int = 0) -> TimedPattern:
    """compile_pattern for a pattern known to compile (a kind's constant, an option the loader
    checked): compiled on first use, and only for a text that holds its required literals."""
    return TimedPattern(expand(pattern), flags | MULTILINE | VERSION0)


def _timed(rx) -> TimedPattern:
    return rx if isinstance(rx, TimedPattern) else TimedPattern(rx.pattern, rx.flags, rx)


def finditer(rx, text: str, pos: int = 0, endpos: int | None = None) -> list:
    """Like rx.finditer (as a list), but a catastrophic pattern raises PatternTimeout instead of hanging.

    The matches are collected at once: `regex` counts the process's CPU time from the
    iterator's creation, so a lazy iterator would also bill the caller's work per match and
    abandon a harmless pattern on a big document with many hits.
    """
    return _timed(rx).finditer(text, pos, len(text) if endpos is None else endpos)


def search(rx, text: str, pos: int = 0, endpos: int | None = None):
    return _timed(rx).search(text, pos, len(text) if endpos is None else endpos)


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
_UNSAFE_ANYWHERE = LazyPattern(r"\(\?>|[*+?}]\+|\{[eisd][<=]|\\[GZz]|\(\?[a-zA-Z]*[sxr]")
_BACKREFERENCE = LazyPattern(r"\\[1-9]|\(\?P=|\\g<|\(\?\(")
_NEWLINE_CAPABLE = LazyPattern(r"\\[pP](?:\{[^}]*\}|[A-Za-z])|\\[sWDZzxuUN0nvRhX]|\[\^|\n")


def _may_take_newline(body: str) -> bool:
    """Whether a lookaround's body may take a line break: a class or escape that can (a Unicode
    property such as \\p{Han} is asked: it cannot)."""
    for m in _NEWLINE_CAPABLE.finditer(body):
        token = m.group()
        if token[1:2] not in ("p", "P"):
            return True
        import regex
        try:
            if regex.match(token, "\n"):
                return True
        except regex.error:
            return True
    return False


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
        _safety[key] = (not rx.flags & (DOTALL | VERBOSE | REVERSE)
                        and not _UNSAFE_ANYWHERE.search(p)
                        and not any(_may_take_newline(body)
                                    for opener in openers for body in _bodies(p, opener)))
    return _safety[key]


# More occurrences of a pattern's literals than this: one search of the whole text costs less
# than a search of each span that holds one (each search pays the timeout's clock, ~3 µs)
_FEW = 6
# ... on a long text, more than one every this many characters: a search of the whole text reads
# ~3-5 ns a character, a span holding a literal costs ~5 µs (its search with the timeout's clock)
_CHARS_A_LITERAL = 2000
# When the alternative is a search of every span, the spans holding a literal are searched instead
# however many there are, unless the literals occur this many times a span (each occurrence costs
# a str.find and a bisection, ~0.5 µs; a span's search ~5 µs)
_PER_SPAN = 8


def spans_holding_literals(rx, text: str, spans, starts: list[int], few: int | None = _FEW) -> set[int] | None:
    """Indices of the spans (sorted, disjoint; `starts` their starts) that hold one of rx's
    required literals whole: no other span can hold a match. None when rx has no such
    literals or they occur more than `few` times (None: more than _PER_SPAN times a span)."""
    lits = _timed(rx).needs()
    if lits is None:
        return None
    if few is None:
        few = _PER_SPAN * len(spans)
    out: set[int] = set()
    seen = 0
    for lit in lits:
        at = text.find(lit) if holds(text, lit) else -1
        while at >= 0:
            seen += 1
            if seen > few:
                return None
            i = bisect_right(starts, at) - 1
            if i >= 0 and at + len(lit) <= spans[i].end:
                out.add(i)
            at = text.find(lit, at + 1)
    return out


def spans_that_may_match(rx: regex.Pattern, text: str, spans, starts: list[int] | None = None) -> set[int] | None:
    """Indices of the spans (sorted, each ending at a line end) that can hold a non-empty match
    of rx; None when every span must be searched (the pattern is not line_bounded, or a
    whole-text search ran too long). Spans that hold its literals when they are few, else
    the spans a search of the whole text finds."""
    if starts is not None:
        held = spans_holding_literals(rx, text, spans, starts, few=max(_FEW, len(text) // _CHARS_A_LITERAL))
        if held is not None:
            return held
    if not line_bounded(rx):
        # the spans holding its literals, however many: the alternative is searching every span
        return None if starts is None else spans_holding_literals(rx, text, spans, starts, few=None)
    out: set[int] = set()
    i, n = 0, len(spans)
    timed = _timed(rx)
    try:
        while i < n:
            m = timed.search(text, spans[i].start)
            if m is None:
                break
            p = m.start()
            while i < n and spans[i].end <= p:
                i += 1
            if i < n and spans[i].start <= p:
                out.add(i)
                i += 1
    except PatternTimeout:
        if budget_left() <= 0:
            raise
        return None
    return out
