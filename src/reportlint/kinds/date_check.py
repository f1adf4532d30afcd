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
import re

import regex

from ..document import cn_to_int
from ..finding import Hit
from ..schema import Option

KIND = "date_check"
OPTIONS = {"check": Option("str", required=True, choices=("invalid", "reversed"))}
FIELDS = {"found", "reason"}
SCOPES = ()

_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_Y = r"(?:(?:19|20)\d\d|二[〇零○][〇零○一二三四五六七八九]{2})"
_DATE = (r"(?:(?P<{p}y>" + _Y + r")\s*年\s*)?(?:(?P<{p}m>" + _N + r")\s*月\s*)?"
         r"(?:(?P<{p}d>" + _N + r")\s*[日号])?")
_SINGLE = regex.compile(r"(?<![\d〇零一二三四五六七八九十])(?:(?P<y>" + _Y + r")\s*年\s*)?(?P<m>"
                        + _N + r")\s*月(?:份)?\s*(?:(?P<d>" + _N + r")\s*[日号])?")
_RANGE = regex.compile(
    r"(?<![\d〇零一二三四五六七八九十])" + _DATE.replace("{p}", "a") + r"\s*(?:[-—–~～－]{1,2}|至|到)\s*"
    + _DATE.replace("{p}", "b"))
_YEARS = regex.compile(r"(?<!\d)(?P<ay>(?:19|20)\d\d)\s*(?:年度?)?\s*(?:[-—–~～－]{1,2}|至|到)\s*"
                       r"(?P<by>(?:19|20)\d\d)\s*年")

_BARE = regex.compile(r"(?<![\d.．年月])(?P<a>\d{1,2})\s*(?:[-—–~～－]{1,2}|至|到)\s*(?P<b>\d{1,2})\s*(?P<u>月|日)")


# Every character a range of _YEARS, _RANGE or _BARE can hold, and the separators one must
# hold: a range lies inside one run of these characters that holds a separator. The patterns
# search only such runs, found from their (few) separators, instead of trying their
# lookbehinds and optional parts at every character (_RANGE alone 0.15 -> 0.02 ms a report).
_SEPARATOR = re.compile(r"[-—–~～－至到]")
_RUN_BEFORE = regex.compile(r"[\d\s〇零○一二三四五六七八九十年度月日号]*", regex.REVERSE)
_RUN_AFTER = regex.compile(r"[\d\s〇零○一二三四五六七八九十年度月日号\-—–~～－至到]*")


def _separator_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the runs of range characters that hold a separator, left to right."""
    runs = []
    for sep in _SEPARATOR.finditer(text):
        at = sep.start()
        if runs and at < runs[-1][1]:
            continue                    # a later separator of the same run
        runs.append((_RUN_BEFORE.match(text, 0, at).start(), _RUN_AFTER.match(text, at).end()))
    return runs


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
    for rx in (_YEARS, _RANGE):
        for mt in (mt for a, b in runs for mt in rx.finditer(text, a, b)):
            g = mt.groupdict()
            ay, by = _int(g.get("ay")), _int(g.get("by"))
            am, bm = _int(g.get("am")), _int(g.get("bm"))
            ad, bd = _int(g.get("ad")), _int(g.get("bd"))
            if rx is _RANGE:
                if am is None or (bm is None and bd is None) or (ay is None and by is not None):
                    continue
                if bm is None:            # 3月5日—2日
                    if ad is None:
                        continue
                    bm = am
                if by is None:
                    if ay is None and bm < am:
                        continue          # 11月—2月: across the year end
                    by = ay
                if (ad is None) != (bd is None):
                    ad = bd = None        # compare months only
            lo = (ay or 0, am or 0, ad or 0)
            hi = (by or 0, bm or 0, bd or 0)
            if hi < lo:
                yield Hit(mt.start(), mt.end(), {"found": mt.group().strip(),
                                                 "reason": "结束早于开始"})
    for mt in (mt for a, b in runs for mt in _BARE.finditer(text, a, b)):     # 10—8月, 15—12日
        a, b = int(mt.group("a")), int(mt.group("b"))
        if b < a and not (mt.group("u") == "月" and a >= 10 and b <= 3):
            yield Hit(mt.start(), mt.end(), {"found": mt.group(), "reason": "结束早于开始"})
