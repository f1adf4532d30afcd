"""The next-year plan must name the next year: report year Y (Document.meta) -> plan for Y+1.

    heading: "下一年度|下一步|下步|明年|今后|{next_year}\\s*年|工作(?:计划|打算|安排|思路)"
    body_start: "^(?:下一步|下一年度|下步|今后|明年|{next_year}\\s*年)[，,我]"
    named: "下一年度|明年|来年|新的一年|{next_year}\\s*年"
    plan_year: "(?P<y>20\\d\\d)\\s*年度?(?:[^，。；\\n]{0,12}?)(?:计划|打算|安排|思路|重点)"

The plan part is the section under the first heading that matches `heading`, or else the
body from the last paragraph that starts like `body_start`. Variants:
  wrong-year      the plan heading (or a "20XX年…计划" in the plan) names a year other than Y+1
  next-step-only  the plan names neither Y+1 nor 下一年度/明年 (only 下一步/今后)
  no-year         the report year is unknown (one info finding)
A missing plan part is the section kind's business; a text that ends abruptly only gets
wrong-year findings (its plan may simply be cut off).
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import finditer, search
from reportlint.kinds.required_sections import _compiled, matching_headings
from reportlint.model.finding import Hit, Severity

KIND = "next_year_plan"
SUMMARY = "下一年度工作打算必须写明下一年：Y 年的报告，计划应是 Y+1 年的。"
OPTIONS = {
    "heading": Option("str", required=True, doc="计划部分的标题（正则，可用 {next_year}）"),
    "body_start": Option("str", required=True, doc="正文中开始讲计划的段落（正则）"),
    "named": Option("str", required=True, doc="怎样算写明了下一年（正则）"),
    "plan_year": Option("str", required=True, doc="写作计划年度的年份（正则，命名组 y）"),
}
FIELDS = {"found", "expected"}
SCOPES = ()

_RANGE_YEAR = r"(?<![\d—–\-~～至到])(?P<y>20\d\d)(?![\d—–\-~～])\s*年"


def prepare(rule):
    return {}


def plan_part(rule, state, doc):
    """(heading or None, start, end) of the plan part, or None."""
    year = doc.meta.year
    rx = _compiled(state, rule["heading"], year)
    matches = list(matching_headings(rx, doc))
    if matches:
        top = min(h.level for h in matches)
        h = next(h for h in matches if h.level == top)
        return h, h.start, h.section_end
    rx = _compiled(state, rule["body_start"], year)
    half = len(doc.text) // 2
    for para in reversed(doc.paragraphs):
        if para.start < half:
            break
        lead = para.text.lstrip(" \t\u3000\u00a0")
        if search(rx, lead):
            end = len(doc.text)
            for h in doc.headings:
                if h.start > para.start:
                    end = h.start
                    break
            return None, para.start, end
    return None


def check(rule, state, doc):
    meta = doc.meta
    cut = doc.truncated
    if meta.year is None:
        if not cut:
            s, e = doc.line_span(meta.title_line or 1)
            yield Hit(s, e, {"found": "", "expected": ""}, variant="no-year",
                      severity=Severity.INFO)
        return
    part = plan_part(rule, state, doc)
    if part is None:
        return
    head, start, end = part
    y1 = meta.year + 1
    expected = f"{y1}年"
    # 1. a year in the plan heading that is not Y+1
    if head is not None:
        for m in finditer(_compiled(state, _RANGE_YEAR, None), doc.text, head.start, head.end):
            if int(m.group("y")) != y1:
                yield Hit(m.start("y"), m.end(), {"found": m.group(), "expected": expected},
                          suggestion=expected, variant="wrong-year")
                return
    named = search(_compiled(state, rule["named"], meta.year), doc.text, start, end)
    if named:
        return
    # 2. "2024年工作计划" inside a plan that never names Y+1
    for m in finditer(_compiled(state, rule["plan_year"], None), doc.text, start, end):
        y = int(m.group("y"))
        clause = doc.text[max(start, m.start() - 40):m.start()]
        if clause.rfind("《") > clause.rfind("》"):     # inside a cited title
            continue
        if y != y1 and y >= meta.year - 1:
            yield Hit(m.start("y"), m.end("y") + 1, {"found": f"{y}年", "expected": expected},
                      suggestion=expected, variant="wrong-year")
            return
    if cut:
        return
    # 3. only "下一步": say which words stand in for the year
    if head is not None:
        hs, he = head.start, head.end
    else:
        hs = start
        he = doc.text.find("\n", start)
        he = end if he < 0 or he > end else he
    lead = search(_compiled(state, r"下一步|下步|今后|新的?一年|未来", None), doc.text, hs, he)
    found = lead.group() if lead else doc.text[hs:he][:12]
    yield Hit(hs, he, {"found": found, "expected": expected}, variant="next-step-only",
              severity=Severity.WARNING)
