"""Figures in the text against the tables (kinds/_lib/table_template.py): “现行有效行政规范性文件393件”
where 表二 says 470; “予以公开42件，占51.85%” where 42 is not 51.85% of the applications.

    template: tables/gio-2021.yaml
    claims:                                       # a figure the text states about a table
      - what: 新收申请                              # how the message names it
        pattern: "受理[^。；]{0,20}?申请(?P<n>\\d+)件"
        cells: ["表三/新收/总计", "表三/新收/总计 + 表三/结转/总计"]   # any one may be meant
    percents:                                     # a share of a table's total
      - pattern: "(?P<n>\\d+)件[，,]?占(?P<p>\\d+(?:\\.\\d+)?)%"
        bases: ["表三/办理总计/总计", "表三/新收/总计"]

A cell is table/row/column by the template's keys; a group row (表三（三）不予公开) is the sum
of its numbered rows. A claim is judged only when the table and its cells are found and hold
figures, and it is reported when it equals none of its alternatives; a share when it is no
share of any base (rounded or cut to the decimals it is written with). Figures inside tables
are not claims.
"""
from __future__ import annotations

from reportlint.kinds._lib.table_template import (
    cell_sum,
    fmt,
    match,
    rule_template,
)
from reportlint.kinds.options import Option
from reportlint.kinds.patterns import compile_pattern, finditer
from reportlint.model.finding import Hit

KIND = "table_text"
SUMMARY = "正文中的数字与表格不符：正文说的件数、占比与表格（按模板定位的单元格）对不上。"
OPTIONS = {
    "template": Option("str", required=True, doc="表格模板（YAML）的路径，相对于规则文件所在文件夹"),
    "claims": Option("list", default=[], items=Option("map", fields={
        "what": Option("str", required=True, doc="消息里对这个数的称呼"),
        "pattern": Option("str", required=True, doc="正文中的说法（正则，命名组 n 是数字）"),
        "cells": Option("list", required=True, min_len=1, items=Option("str"),
                        doc="它可能指的表格数：“表/行/列”，可用 + 相加；任一相符即可"),
    }), doc="正文中陈述表格数字的说法"),
    "percents": Option("list", default=[], items=Option("map", fields={
        "pattern": Option("str", required=True, doc="正文中的占比（正则，命名组 n 件数、p 百分数）"),
        "bases": Option("list", required=True, min_len=1, items=Option("str"),
                        doc="占比的分母：“表/行/列”；任一相符即可"),
    }), doc="正文中以表格合计为分母的占比"),
}
FIELDS = {"what", "found", "expected", "share", "count"}
SCOPES = ()
READS_TABLES = True


def validate(options):
    for key in ("claims", "percents"):
        for i, item in enumerate(options.get(key) or []):
            try:
                rx = compile_pattern(item["pattern"])
            except Exception as exc:  # regex.error
                yield (key, i, "pattern"), f"bad regular expression: {exc}"
                continue
            need = {"n"} if key == "claims" else {"n", "p"}
            if not need <= set(rx.groupindex):
                yield (key, i, "pattern"), f"the pattern needs the named group(s) {', '.join(sorted(need))}"
            for j, expr in enumerate(item.get("cells") or item.get("bases") or []):
                if not all(len(term.split("/")) == 3 for term in expr.split("+")):
                    yield (key, i, "cells" if key == "claims" else "bases", j), \
                        f"'{expr}': a cell is table/row/column, cells are added with +"


def prepare(rule):
    template = rule_template(rule)
    claims = [(c["what"], compile_pattern(c["pattern"]), c["cells"]) for c in rule["claims"]]
    percents = [(compile_pattern(c["pattern"]), c["bases"]) for c in rule["percents"]]
    return template, claims, percents


def _number(s: str) -> float:
    return float(s.replace(",", "").replace("，", ""))


def check(rule, state, doc):
    template, claims, percents = state
    if not doc.tables:
        return
    m = match(doc, template)
    if not m.placed:
        return
    inside = doc.table_lines
    for what, rx, exprs in claims:
        for hit in finditer(rx, doc.text):
            if doc.pos(hit.start())[0] in inside:
                continue
            options = [(e, cell_sum(m, e)) for e in exprs]
            known = [(e, v) for e, v in options if v is not None]
            said = _number(hit.group("n"))
            if not known or any(abs(v - said) < 1e-6 for _, v in known):
                continue
            expected = "，或".join(f"{e.replace(' ', '')}＝{fmt(v)}" for e, v in known)
            yield Hit(hit.start("n"), hit.end("n"), {"what": what, "found": hit.group("n"),
                                                     "expected": expected}, variant="figure")
    for rx, bases in percents:
        for hit in finditer(rx, doc.text):
            if doc.pos(hit.start())[0] in inside:
                continue
            count, share = _number(hit.group("n")), hit.group("p")
            places = len(share.split(".")[1]) if "." in share else 0
            known = [(e, v) for e, v in ((e, cell_sum(m, e)) for e in bases) if v]
            if not known or any(abs(100 * count / v - float(share)) <= 10 ** -places + 1e-9
                                for _, v in known):
                continue
            e, v = known[0]
            right = f"{100 * count / v:.{max(places, 2)}f}%"
            yield Hit(hit.start("p"), hit.end("p") + 1, {
                "share": f"{share}%", "count": hit.group("n"),
                "expected": f"{hit.group('n')}÷{fmt(v)}（{e.replace(' ', '')}）＝{right}"},
                variant="share")
