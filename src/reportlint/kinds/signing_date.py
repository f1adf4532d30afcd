"""The signing date (成文日期, the date line at the end) against the report year Y.

An annual report is signed after its year is over and published before 4月1日 of Y+1
(《法治政府建设与责任落实督察工作规定》第四章). Variants: early (signed in or before Y),
late (after the deadline in Y+1, info), far (a later year).
    deadline: [4, 1]        # month, day in Y+1
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.model.finding import Hit, Severity

KIND = "signing_date"
SUMMARY = "成文日期与报告年度：应在次年、且在规定日期之前。"
OPTIONS = {
    "deadline": Option("list", default=[4, 1], items=Option("int"), doc="[月, 日]：报告年度次年的截止日期"),
}
FIELDS = {"found", "deadline"}
SCOPES = ()


def validate(options):
    d = options["deadline"]
    if len(d) != 2 or not (1 <= d[0] <= 12 and 1 <= d[1] <= 31):
        yield ("deadline",), "deadline is [month, day], e.g. [4, 1]"


def check(rule, state, doc):
    meta = doc.meta
    if not meta.signing_date or meta.year is None or meta.year_source == "signing-date":
        return
    y, m, d = meta.signing_date
    s, e = doc.line_span(meta.signing_line)
    line = doc.text[s:e]
    start = s + len(line) - len(line.lstrip(" \t\u3000\u00a0"))
    end = s + len(line.rstrip(" \t\u3000\u00a0"))
    dm, dd = rule["deadline"]
    fields = {"found": f"{y}年{m}月{d}日", "deadline": f"{meta.year + 1}年{dm}月{dd}日"}
    if y <= meta.year:
        yield Hit(start, end, fields, variant="early")
    elif y > meta.year + 1:
        yield Hit(start, end, fields, variant="far")
    elif (m, d) > (dm, dd):
        yield Hit(start, end, fields, variant="late", severity=Severity.INFO)
