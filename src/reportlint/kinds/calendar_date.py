"""Dates that do not exist: 2024年2月30日, 4月31日, 13月 (Arabic or Chinese numerals).

    date: "(?P<y>…)年(?P<m>…)月(?P<d>…)日"     # groups y (optional), m, d (optional)
A date without a year may be 2月29日 (a leap year is assumed).
"""
from __future__ import annotations

import calendar

from ..document import cn_to_int
from ..finding import Hit
from ..patterns import finditer
from ..schema import Option

KIND = "calendar_date"
OPTIONS = {"date": Option("regex", required=True, doc="a date; groups y (optional), m, d (optional)")}
FIELDS = {"found", "reason"}
SCOPES = ()


def _problem(y: int | None, m: int | None, d: int | None) -> str | None:
    if m is None or not 1 <= m <= 12:
        return f"没有{m}月"
    if d is None:
        return None
    last = calendar.monthrange(y if y else 2024, m)[1]
    if not 1 <= d <= last:
        return f"{y}年{m}月只有{last}天" if y else f"{m}月只有{last}天"
    return None


def check(rule, state, doc):
    for mt in finditer(rule["date"], doc.text):
        g = mt.groupdict()
        y = cn_to_int(g["y"]) if g.get("y") else None
        m = cn_to_int(g["m"]) if g.get("m") else None
        d = cn_to_int(g["d"]) if g.get("d") else None
        reason = _problem(y, m, d)
        if reason:
            yield Hit(mt.start(), mt.end(), {"found": mt.group(), "reason": reason})
