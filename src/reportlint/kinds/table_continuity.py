"""This year's tables against last year's report (`--against LAST-YEAR`): 上年结转 equals last
year's 结转下年度继续办理; 现行有效 follows from last year's 现行有效 + 本年制发 − 本年废止; a
同比 change in the text is what the two years' figures give.

    template: tables/gio-2021.yaml
    links:                                   # a cell this year = last year's cells ± this year's
      - this: 表二/规范性文件/现行有效
        last: 表二/规范性文件/现行有效
        plus: [表二/规范性文件/制发]
        minus: [表二/规范性文件/废止]
    trends:                                  # “申请81件，同比增长12.5%”
      - pattern: "申请(?P<n>\\d+)件[，,]?同比(?P<dir>增长|下降)(?P<p>\\d+(?:\\.\\d+)?)%"
        cells: [表三/新收/总计, 表三/新收/总计 + 表三/结转/总计]
        down: 下降|减少

Last year's report is the `--against` report of the genre whose year is one less (or the only
one of the genre when the years are unknown). Nothing is checked without it.
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

KIND = "table_continuity"
SUMMARY = "与上一年度报告（--against）的表格衔接：上年结转、现行有效件数的承接，正文中的同比变化。"
OPTIONS = {
    "template": Option("str", required=True, doc="表格模板（YAML）的路径，相对于规则文件所在文件夹"),
    "links": Option("list", default=[], items=Option("map", fields={
        "this": Option("str", required=True, doc="本年报告中的单元格：“表/行/列”"),
        "last": Option("str", required=True, doc="上年报告中的单元格"),
        "plus": Option("list", items=Option("str"), doc="加上本年的这些单元格"),
        "minus": Option("list", items=Option("str"), doc="减去本年的这些单元格"),
    }), doc="本年单元格＝上年单元格＋本年某些单元格－本年另一些单元格"),
    "trends": Option("list", default=[], items=Option("map", fields={
        "pattern": Option("str", required=True, doc="正文中的同比（正则，命名组 n 本年数、p 百分数、dir 方向）"),
        "cells": Option("list", required=True, min_len=1, items=Option("str"),
                        doc="上年报告中与之比较的数（“表/行/列”，可用 + 相加）；任一相符即可"),
        "down": Option("str", default="下降|减少|降低", doc="dir 中表示减少的说法（正则）"),
    }), doc="正文中的同比变化，与上年报告的表格核对"),
}
FIELDS = {"table", "cell", "printed", "expected", "share", "found"}
SCOPES = ()
READS_TABLES = True


def prepare(rule):
    template = rule_template(rule)
    trends = [(compile_pattern(t["pattern"]), t["cells"], compile_pattern(t.get("down") or "下降|减少|降低"))
              for t in rule["trends"]]
    return template, trends


def last_year(doc):
    """The --against report that is this one's previous year (same genre), or None."""
    same = [r for r in doc.references if r.genre == doc.genre and r.path != doc.path and r.tables]
    year = doc.meta.year
    if year is not None:
        prev = [r for r in same if r.meta.year == year - 1]
        if prev:
            return prev[0]
        if any(r.meta.year is not None for r in same):
            return None
    return same[0] if len(same) == 1 else None


def check(rule, state, doc):
    template, trends = state
    if not doc.references or not doc.tables:
        return
    last = last_year(doc)
    if last is None:
        return
    this_m, last_m = match(doc, template), match(last, template)
    for link in rule["links"]:
        yield from _link(link, this_m, last_m)
    for rx, exprs, down in trends:
        yield from _trend(doc, rx, exprs, down, last_m)


def _link(link: dict, this_m, last_m):
    table, row, col = link["this"].split("/")
    placed = this_m.placed.get(table)
    at = placed.where(row, col) if placed else None
    printed = cell_sum(this_m, link["this"])
    base = cell_sum(last_m, link["last"])
    if at is None or printed is None or base is None:
        return
    _, last_row, last_col = link["last"].split("/")
    terms = [f"上年{last_row}/{last_col}{fmt(base)}"]
    total = base
    for sign, key in (("＋", "plus"), ("－", "minus")):
        for expr in link.get(key) or []:
            v = cell_sum(this_m, expr)
            if v is None:
                return
            total += v if sign == "＋" else -v
            terms.append(f"{sign}本年{expr.split('/')[-1]}{fmt(v)}")
    if abs(total - printed) < 1e-6:
        return
    cell, _ = at
    yield Hit(cell.start, cell.end, {"table": table, "cell": f"{row}/{col}", "printed": fmt(printed),
                                     "expected": f"{''.join(terms)}＝{fmt(total)}"}, variant="link")


def _trend(doc, rx, exprs, down, last_m):
    inside = doc.table_lines
    for hit in finditer(rx, doc.text):
        if doc.pos(hit.start())[0] in inside:
            continue
        now = float(hit.group("n").replace(",", ""))
        said = float(hit.group("p"))
        if down.search(hit.group("dir")):
            said = -said
        places = len(hit.group("p").split(".")[1]) if "." in hit.group("p") else 0
        bases = [v for v in (cell_sum(last_m, e) for e in exprs) if v]
        if not bases or any(abs(100 * (now - b) / b - said) <= 10 ** -places + 1e-9 for b in bases):
            continue
        b = bases[0]
        right = 100 * (now - b) / b
        yield Hit(hit.start("p"), hit.end("p") + 1, {
            "share": f"{hit.group('dir')}{hit.group('p')}%", "found": hit.group("n"),
            "expected": f"上年{fmt(b)}，本年{hit.group('n')}，"
                        f"{'增长' if right >= 0 else '下降'}{abs(right):.{max(places, 1)}f}%"},
            variant="trend")
