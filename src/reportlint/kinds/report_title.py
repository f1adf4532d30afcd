"""The report's title (Document.meta.title) must state the year and what the document is.

    must_contain: "报告"      # e.g. 总结 for a 工作总结 pack
Variants: no-year, no-kind. A text without a recognisable title gets nothing.
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import search
from reportlint.model import re_code
from reportlint.model.finding import Hit

KIND = "report_title"
SUMMARY = "报告标题必须写明年度和文种。"
OPTIONS = {"must_contain": Option("regex", required=True, doc="标题必须写明的文种，如 报告")}
FIELDS = {"found", "expected"}
SCOPES = ()

_YEAR = re_code.compile(r"(?:19|20)\d\d\s*年?|二[〇零○0][〇零○0一二三四五六七八九]{2}\s*年")


def check(rule, state, doc):
    meta = doc.meta
    if not meta.title:
        return
    s, e = doc.line_span(meta.title_line)
    line = doc.text[s:e]
    start = s + len(line) - len(line.lstrip(" \t\u3000\u00a0#"))
    at = doc.text.find(meta.title[:4], s)
    start = at if at >= 0 else start
    end = max(start, s + len(line.rstrip(" \t\u3000\u00a0")))
    if not _YEAR.search(meta.title):
        yield Hit(start, end, {"found": meta.title, "expected": "年份"}, variant="no-year")
    if not search(rule["must_contain"], meta.title):
        yield Hit(start, end, {"found": meta.title, "expected": rule["must_contain"].pattern},
                  variant="no-kind")
