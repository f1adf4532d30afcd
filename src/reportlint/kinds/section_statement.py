"""A part of the report must state something: “六、其他需要报告的事项” says how much 信息处理费
was charged (国办公开办函〔2021〕30号: “收取信息处理费情况在此处报告”).

    section: "其他需要报告"           # searched in the heading titles (the first match)
    statement: "信息(?:公开)?处理费"   # must occur in that part (its heading line included)
    from_year: 2021                    # only reports of this year on (the duty's start)

Nothing is reported when the part itself is missing (a required-sections rule says so) or the
text stops before it ends (an excerpt).
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import search
from reportlint.model.finding import Hit

KIND = "section_statement"
SUMMARY = "报告的某一部分必须写明的内容（如“其他需要报告的事项”中的收取信息处理费情况）。"
OPTIONS = {
    "section": Option("regex", required=True, doc="那一部分的标题（在各级标题中查找，取第一个）"),
    "statement": Option("regex", required=True, doc="那一部分中必须出现的说法"),
    "from_year": Option("int", default=0, doc="只检查这一年度及以后的报告（报告年度未知时也检查）"),
}
FIELDS = {"section"}
SCOPES = ()


def check(rule, state, doc):
    year = doc.meta.year
    if year is not None and year < rule["from_year"]:
        return
    head = next((h for h in doc.headings if search(rule["section"], h.title)), None)
    if head is None or (doc.truncated is not None and doc.truncated.start < head.section_end):
        return
    if search(rule["statement"], doc.text, head.start, head.section_end):
        return
    end = doc.text.find("\n", head.start)
    yield Hit(head.start, end if end > head.start else len(doc.text),
              {"section": f"{head.label}{head.title}"[:30]})
