"""Enumerations in running text — 一是……二是……三是……, ①②③, （1）（2）, 1、2、, 1.2., （一）（二）
inside a paragraph — must count up by one: “一是……三是……三是” lost its 二是 (and repeats 三是);
and no item may be the same as an earlier one of its list (“②强化培训；③强化培训”: pasted twice).

Each notation is a list of its own. A 一是 run starts at 一是 and lasts to the end of the part
(the next heading); the other notations are counted within a paragraph, and a marker at the
start of a line is the outline's (outline_numbering judges it): it starts or continues the run
but is not judged itself. The first marker that is not the next number is reported (with the
number it should be), and the rest of that run is not judged (one slip would otherwise be
reported at every later item). A marker counts only at the start of a clause (after the start
of a line, or 。；：，、！？ or an opening bracket or quote), so 统一是 or 唯一是 are not markers,
and a figure (1.5%, 第1、2项) is no marker. Items repeated are reported when short (fewer than
MAX_ITEM Chinese characters): longer ones are repeated-clause's and duplicate-sentence's.
Table rows are not running text.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import regex

from reportlint.kinds import patterns
from reportlint.model import re_code
from reportlint.model.finding import Hit
from reportlint.model.lines import cn_to_int

KIND = "enumeration_order"
SUMMARY = "行文中的列举序号（一是、二是……，①②……，（1）（2）……）跳号、重复或倒序，或同一列举中的一项重复出现。"
OPTIONS: dict = {}
FIELDS = {"found", "expected", "previous"}
SCOPES = ()

MAX_ITEM = 10
_CN = "一二三四五六七八九十"
# a marker starts a clause: at the start of a line, or after one of these or a blank (checked
# on each match, not in the patterns: a pattern that starts with its marker's first character
# is scanned for in C, one that starts with a lookbehind is tried at every position)
_CLAUSE_OPENERS = frozenset("。；;：:，,、！？!?（(“")
_ITEM_END = re_code.compile(r"[。！？!?]|$", re.M)
_TRIM = "；;，,、。：: \t\u3000"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    return ("" if n < 20 else _CN[n // 10 - 1]) + "十" + (_CN[n % 10 - 1] if n % 10 else "")


class Notation(NamedTuple):
    """One way of numbering items ((1), ①, 一是 …): how to find, read and write a number. (A named
    tuple: a frozen @dataclass costs ~0.6 ms to create, every run.)"""
    marker: regex.Pattern       # group 1: the number as written
    number: Callable[[str], int | None]
    write: Callable[[int], str]
    per_part: bool              # runs last to the next heading (else: one paragraph)


_HAN_NEXT = r"(?=[\u4e00-\u9fff“])"
# (each pattern starts with a character class, not a repeat, so it is scanned for in C). `regex`,
# not `re`: `re` compiles a class with a CJK range in a Python loop over its characters, ~14 ms of
# CPU for these six at every start; `regex` ~3 ms, and finds the same markers as fast.
NOTATIONS = (
    Notation(patterns.constant(r"([一二三四五六七八九十][一二三四五六七八九十]{0,2})是(?![的否])"),
             cn_to_int, _cn, True),
    Notation(patterns.constant(r"([\u2460-\u2473])" + _HAN_NEXT),
             lambda s: ord(s) - 0x245F, lambda n: chr(0x245F + n) if 0 < n <= 20 else str(n), False),
    Notation(patterns.constant(r"[（(](\d{1,2})[）)]" + _HAN_NEXT), int, str, False),
    Notation(patterns.constant(r"[（(]([一二三四五六七八九十]{1,3})[）)]" + _HAN_NEXT), cn_to_int, _cn, False),
    Notation(patterns.constant(r"(\d\d?)、" + _HAN_NEXT), int, str, False),
    Notation(patterns.constant(r"(\d\d?)[.．]" + _HAN_NEXT), int, str, False),
)


def _markers(notation: Notation, text: str, start: int = 0, end: int | None = None) -> list[regex.Match]:
    """The notation's markers in text[start:end] that start a clause. No marker can start inside
    another's text (a digit or numeral after a digit or numeral starts no clause), so dropping
    the matches that start no clause loses none that does."""
    return [m for m in notation.marker.finditer(text, start, len(text) if end is None else end)
            if (at := m.start()) == 0 or text[at - 1] in _CLAUSE_OPENERS or text[at - 1].isspace()]


_HAN = re_code.compile(r"[\u4e00-\u9fff]")
_BLANKS = re_code.compile(r"\s+")


def _han(s: str) -> int:
    return len(_HAN.findall(s))


def check(rule, state, doc):
    text = doc.text
    headings = sorted({0, len(text), *(h.start for h in doc.headings)})
    table = doc.table_lines
    for notation in NOTATIONS:
        if notation.per_part:
            for a, b in zip(headings, headings[1:]):
                marks = [m for m in _markers(notation, text, a, b)
                         if not (table and doc.pos(m.start())[0] in table)]
                yield from _run(notation, text, marks, b)
            continue
        # a marker never takes a line break, so one search of the whole text finds what a
        # search of each line would; the markers are then dealt out to their lines
        for no, marks in _by_line(doc, _markers(notation, text)):
            if not (table and no in table):
                yield from _run(notation, text, marks, _line_end(doc, no))


def _by_line(doc, matches):
    """(line number, its matches) for each line holding a match, in order."""
    no, marks = 0, []
    for m in matches:
        at = doc.pos(m.start())[0]
        if at != no and marks:
            yield no, marks
            marks = []
        no = at
        marks.append(m)
    if marks:
        yield no, marks


def _line_end(doc, no: int) -> int:
    """Where the run of line `no` stops: the next line's start (past the line break)."""
    return doc.line_starts[no] if no < len(doc.line_starts) else len(doc.text)


def _marker(m: regex.Match, notation: Notation, n: int) -> str:
    """The marker `m` with its number written as `n` (same brackets and stop)."""
    return m.group()[:m.start(1) - m.start()] + notation.write(n) + m.group()[m.end(1) - m.start():]


def _run(notation: Notation, text: str, marks: list[regex.Match], end: int):
    prev = None           # the last number of the run being read; None: no run
    items: dict[str, str] = {}     # item text -> its marker and text, in the current run
    for i, m in enumerate(marks):
        n = notation.number(m.group(1))
        if n is None:
            continue
        at_line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        judged = notation.per_part or not at_line_start
        if n == 1:
            prev, items = 1, {}
        elif prev is None:
            if not judged:
                prev, items = n, {}
            continue
        elif n == prev + 1 or not judged:
            prev = n
        else:
            yield Hit(m.start(), m.end(), {"found": m.group(), "previous": _marker(m, notation, prev),
                                            "expected": _marker(m, notation, prev + 1)},
                      suggestion=_marker(m, notation, prev + 1), variant="order")
            prev = None
            continue
        stop = marks[i + 1].start() if i + 1 < len(marks) else end
        close = _ITEM_END.search(text, m.end(), stop)
        item = text[m.end():close.start() if close else stop].rstrip(_TRIM)
        key = _BLANKS.sub("", item)
        if 2 <= _han(key) < MAX_ITEM:
            if key in items and judged:
                yield Hit(m.start(), m.end() + len(item), {"found": m.group() + item, "previous": items[key],
                                                            "expected": ""}, variant="item")
            items.setdefault(key, m.group() + item)
