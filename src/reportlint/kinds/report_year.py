"""Years that contradict the report year: a top-level heading “一、2024年…” in a 2025 report,
or the opening “现将2024年…报告如下”. (Lower headings may name other years on purpose:
“（三）2023年度巡察问题整改”.)

    heading_year: "^(?P<y>20\\d\\d)\\s*年"       # where a heading states its year
    opening: "现将.{0,40}?(?P<y>20\\d\\d)\\s*年.{0,40}?(?:报告|汇报)如下"
    except_headings: "计划|打算|安排|思路"       # plan headings: the plan kind checks those

Only years the report year can contradict are read: ranges such as 2021—2025年 are skipped.
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import finditer, search, spans_that_may_match
from reportlint.kinds.required_sections import _compiled, matching_headings
from reportlint.model.finding import Hit

KIND = "report_year"
SUMMARY = "与报告年度矛盾的年份：2025 年报告里的一级标题“一、2024年……”或开头“现将2024年……报告如下”。"
OPTIONS = {
    "heading_year": Option("str", required=True, doc="标题中写出年份的方式（正则，命名组 y）"),
    "opening": Option("str", required=True, doc="开头点明报告年度的句子（正则，命名组 y）"),
    "except_headings": Option("str", required=True, doc="留给计划规则的标题（正则）"),
}
FIELDS = {"found", "expected", "where"}
SCOPES = ()


def prepare(rule):
    return {}


def check(rule, state, doc):
    meta = doc.meta
    if meta.year is None:
        return
    year = meta.year
    expected = f"{year}年"
    skip = _compiled(state, rule["except_headings"], year)
    rx = _compiled(state, rule["heading_year"], None)
    top = min((h.level for h in doc.headings), default=1)
    # only the headings that state a year (one search over all titles) are read further
    for h in matching_headings(rx, doc):
        if h.level != top or search(skip, h.title):
            continue
        m = search(rx, h.title)
        if int(m.group("y")) != year:
            at = doc.text.find(m.group("y"), h.start, h.end + 1)
            yield Hit(at, at + len(m.group("y")) + 1,
                      {"found": f"{m.group('y')}年", "expected": expected, "where": "标题"},
                      suggestion=expected)
    # the opening paragraph: only the first few paragraphs
    opening = _compiled(state, rule["opening"], None)
    paras = doc.paragraphs[:6]
    # one search over the text picks the paragraphs worth searching (most openings: one)
    may = spans_that_may_match(opening, doc.text, paras)
    for k, para in enumerate(paras):
        if may is not None and k not in may:
            continue
        for m in finditer(opening, doc.text, para.start, para.end):
            if int(m.group("y")) != year:
                yield Hit(m.start("y"), m.end("y") + 1,
                          {"found": f"{m.group('y')}年", "expected": expected, "where": "开头段"},
                          suggestion=expected)
