"""Enumerations in running text — 一是……二是……三是…… — must count up by one: “一是……三是……三是”
lost its 二是 (and repeats 三是).

A run starts at 一是 and lasts to the end of the part (the next heading); the first marker
that is not the next number is reported (with the number it should be), and the rest of that
run is not judged (one slip would otherwise be reported at every later item). A marker counts
only at the start of a clause (after the start of a line, or 。；：，、！？ or an opening bracket
or quote), so 统一是 or 唯一是 are not markers. Table rows are not running text.
"""
from __future__ import annotations

import re

from reportlint.model.finding import Hit
from reportlint.model.lines import cn_to_int

KIND = "enumeration_order"
SUMMARY = "行文中的列举序号（一是、二是、三是……）跳号、重复或倒序。"
OPTIONS: dict = {}
FIELDS = {"found", "expected", "previous"}
SCOPES = ()

_MARKER = re.compile(r"(?:^|(?<=[。；;：:，,、！？!?（(“\s]))([一二三四五六七八九十]{1,3})是(?![的否])", re.M)
_CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    return ("" if n < 20 else _CN[n // 10 - 1]) + "十" + (_CN[n % 10 - 1] if n % 10 else "")


def check(rule, state, doc):
    text = doc.text
    bounds = sorted({0, len(text), *(h.start for h in doc.headings)})
    table = doc.table_lines
    for a, b in zip(bounds, bounds[1:]):
        prev = None           # the last number of the run being read; None: no run
        for m in _MARKER.finditer(text, a, b):
            if table and doc.pos(m.start())[0] in table:
                continue
            n = cn_to_int(m.group(1))
            if n is None:
                continue
            if n == 1:
                prev = 1
            elif prev is None:
                continue
            elif n == prev + 1:
                prev = n
            else:
                yield Hit(m.start(1), m.end(), {"found": m.group(1) + "是", "previous": _cn(prev) + "是",
                                                "expected": _cn(prev + 1) + "是"},
                          suggestion=_cn(prev + 1) + "是")
                prev = None
