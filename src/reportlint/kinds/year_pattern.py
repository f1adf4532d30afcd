"""Patterns that name a year, reported only when that year stands as asked to the report's year.

    patterns: ["《[^《》\\n]{0,30}?(?P<y>{YEAR})\\s*年度?[^《》\\n]{0,30}?报告》"]
    year: same                   # same | earlier | later: how the year of group y stands to the report year
    skip_headings: [计划, 打算]   # sections left alone (a plan may name next year's work)

A 2024 report that cites 《2024年度…情况报告》 cites itself; one that reports “制定2024年…工作计划”
as news names work of the year's first weeks. Such a pattern is harmless in a report of another
year, so it is checked against the report year (title, opening, signing date or config);
nothing is reported when that year is unknown. The title and headings are left to the
structure rules.
"""
from __future__ import annotations

from reportlint.kinds._lib.ranges import titles_and_skipped
from reportlint.kinds.options import Option
from reportlint.kinds.patterns import covered, finditer
from reportlint.model.finding import Hit

KIND = "year_pattern"
SUMMARY = "含年份的正则：年份（命名组 y）与报告年度相同、更早或更晚时才报告（如 2024 年报告引用《2024年度…报告》）。"
RELATIONS = ("same", "earlier", "later")
OPTIONS = {
    "patterns": Option("regexes", required=True, doc="要找的正则表达式，命名组 y 为年份（可用 {YEAR} 宏）"),
    "year": Option("str", required=True, choices=RELATIONS,
                   doc="组 y 的年份与报告年度的关系：same 相同、earlier 更早、later 更晚"),
    "skip_headings": Option("list", default=[], items=Option("str"), doc="标题含这些词的章节不查（如计划打算）"),
    "exceptions": Option("regexes", default=[], doc="命中处在这些匹配之内即不报"),
    "suggestion": Option("str", doc="固定的建议文字"),
}
FIELDS = {"found", "y", "suggestion"}
SCOPES = ()


def validate(options):
    for i, rx in enumerate(options["patterns"]):
        if "y" not in rx.groupindex:
            yield ("patterns", i), "a pattern needs a named group y (the year), e.g. (?P<y>{YEAR})"


def _stands(y: int, year: int, relation: str) -> bool:
    return {"same": y == year, "earlier": y < year, "later": y > year}[relation]


def check(rule, state, doc):
    year = doc.meta.year
    if year is None:
        return
    text = doc.text
    titles, skipped = titles_and_skipped(doc, rule["skip_headings"])
    suggestion = rule["suggestion"]
    for rx in rule["patterns"]:
        for m in finditer(rx, text, 0, len(text)):
            y = m.group("y")
            if y is None or not _stands(int(y), year, rule["year"]):
                continue
            start, end = m.span()
            if start in titles or start in skipped or covered(rule["exceptions"], doc, start, end):
                continue
            yield Hit(start, end, {"found": m.group(), "y": y, "suggestion": suggestion or ""},
                      suggestion=suggestion)
