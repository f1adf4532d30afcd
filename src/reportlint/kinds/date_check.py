"""Dates and date ranges that cannot be right: 2月30日, 13月, 2024年10月—8月, 2025—2021年.

    check: invalid      # a date that does not exist (month 1–12, day within the month)
    check: reversed     # a range whose end comes before its start

Dates are read in Arabic or Chinese numerals (2024年2月30日, 二〇二四年二月三十日). A date
without a year may be 2月29日. A range's end takes the start's year and month when it
omits them (3月5日—2日); a month range that wraps the year end (11月—2月) is not
reversed, nor is anything with 次年/翌年 in it.
"""
from __future__ import annotations

import calendar
from functools import cache

import regex

from reportlint.kinds import patterns
from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit
from reportlint.model.lines import cn_to_int

KIND = "date_check"
SUMMARY = "不可能成立的日期和日期范围：2月30日、13月、2024年10月—8月。"
OPTIONS = {
    "check": Option("str", required=True, choices=("invalid", "reversed"),
                    doc="invalid：不存在的日期；reversed：终点早于起点的范围"),
}
FIELDS = {"found", "reason"}
SCOPES = ()

_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_Y = r"(?:(?:19|20)\d\d|二[〇零○][〇零○一二三四五六七八九]{2})"
_DATE = (r"(?:(?P<{p}y>" + _Y + r")\s*年\s*)?(?:(?P<{p}m>" + _N + r")\s*月\s*)?"
         r"(?:(?P<{p}d>" + _N + r")\s*[日号])?")
_SINGLE = patterns.constant(r"(?<![\d〇零一二三四五六七八九十])(?:(?P<y>" + _Y + r")\s*年\s*)?(?P<m>"
                        + _N + r")\s*月(?:份)?\s*(?:(?P<d>" + _N + r")\s*[日号])?")
# The range patterns, each with a word every match of it holds whose hits are reported (a
# month for _RANGE: its start's month is required). A run of date characters lacking that
# word cannot give a hit, and most reports have none with 月 or 日, so these are compiled on
# first need (regex takes ~1.9 ms to compile the three, more than a report's search).
_RANGE_SOURCES = {
    "range": (r"(?<![\d〇零一二三四五六七八九十])" + _DATE.replace("{p}", "a")
              + r"\s*(?:[-—–~～－]{1,2}|至|到)\s*" + _DATE.replace("{p}", "b"), ("月",)),
    "years": (r"(?<!\d)(?P<ay>(?:19|20)\d\d)\s*(?:年度?)?\s*(?:[-—–~～－]{1,2}|至|到)\s*"
              r"(?P<by>(?:19|20)\d\d)\s*年", ("年",)),
    "bare": (r"(?<![\d.．年月])(?P<a>\d{1,2})\s*(?:[-—–~～－]{1,2}|至|到)\s*(?P<b>\d{1,2})\s*(?P<u>月|日)",
             ("月", "日")),
}


@cache
def range_pattern(name: str):
    return patterns.constant(_RANGE_SOURCES[name][0])


# Every character a range can hold, and the separators one must hold: a range lies inside
# one run of these characters that holds a separator. The patterns search only such runs,
# found from their (few) separators, instead of trying their lookbehinds and optional parts
# at every character (the range pattern alone 0.15 -> 0.02 ms a report).
_SEPARATOR = re_code.compile(r"[-—–~～－至到]")
_RUN_BEFORE = patterns.constant(r"[\d\s〇零○一二三四五六七八九十年度月日号]*", regex.REVERSE)
_RUN_AFTER = patterns.constant(r"[\d\s〇零○一二三四五六七八九十年度月日号\-—–~～－至到]*")


def _separator_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the runs of range characters that hold a separator, left to right."""
    runs: list[tuple[int, int]] = []
    for sep in _SEPARATOR.finditer(text):
        at = sep.start()
        if runs and at < runs[-1][1]:
            continue                    # a later separator of the same run
        runs.append((_RUN_BEFORE.match(text, 0, at).start(), _RUN_AFTER.match(text, at).end()))
    return runs


def _range_matches(name: str, text: str, runs):
    """Matches of one range pattern in the runs that hold its word, left to right."""
    words = _RANGE_SOURCES[name][1]
    for a, b in runs:
        if any(text.find(w, a, b) >= 0 for w in words):
            yield from range_pattern(name).finditer(text, a, b)


def _int(s):
    return cn_to_int(s) if s else None


def invalid_reason(y, m, d) -> str | None:
    if m is not None and not 1 <= m <= 12:
        return f"没有{m}月"
    if m is None or d is None:
        return None
    last = calendar.monthrange(y if y else 2024, m)[1]
    if not 1 <= d <= last:
        return f"{y}年{m}月只有{last}天" if y else f"{m}月最多{last}天"
    return None


def check(rule, state, doc):
    text = doc.text
    if rule["check"] == "invalid":
        for mt in _SINGLE.finditer(text):
            y, m, d = (_int(mt.group(k)) for k in ("y", "m", "d"))
            if m is None or (m > 12 and d is None and mt.group("y") is None):
                continue      # “13月” alone is rarer than a typo; need a year or a day
            reason = invalid_reason(y, m, d)
            if reason:
                yield Hit(mt.start(), mt.end(), {"found": mt.group().strip(), "reason": reason})
        return
    runs = _separator_runs(text)
    for name in ("years", "range", "bare"):
        for mt in _range_matches(name, text, runs):
            hit = reversed_hit(name, mt)
            if hit:
                yield hit


def reversed_hit(name: str, mt) -> Hit | None:
    """The hit for one match of range_pattern(name) when its end comes before its start."""
    if name == "bare":                  # 10—8月, 15—12日
        a, b = int(mt.group("a")), int(mt.group("b"))
        if b < a and not (mt.group("u") == "月" and a >= 10 and b <= 3):
            return Hit(mt.start(), mt.end(), {"found": mt.group(), "reason": "结束早于开始"})
        return None
    g = mt.groupdict()
    ay, by = _int(g.get("ay")), _int(g.get("by"))
    am, bm = _int(g.get("am")), _int(g.get("bm"))
    ad, bd = _int(g.get("ad")), _int(g.get("bd"))
    if name == "range":
        if am is None or (bm is None and bd is None) or (ay is None and by is not None):
            return None
        if bm is None:            # 3月5日—2日
            if ad is None:
                return None
            bm = am
        if by is None:
            if ay is None and bm < am:
                return None       # 11月—2月: across the year end
            by = ay
        if (ad is None) != (bd is None):
            ad = bd = None        # compare months only
    lo = (ay or 0, am or 0, ad or 0)
    hi = (by or 0, bm or 0, bd or 0)
    if hi < lo:
        return Hit(mt.start(), mt.end(), {"found": mt.group().strip(), "reason": "结束早于开始"})
    return None
