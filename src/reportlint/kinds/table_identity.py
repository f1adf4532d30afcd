"""Tables checked against a mandated template (kinds/_lib/table_template.py): its identities,
its blank cells, its labels, and tables that fit no template table.

    template: tables/gio-2021.yaml      # next to the rule file: rows, columns, identities
    check: identities                   # identities | blanks | labels | unmatched

- identities: per column (or row) a total equals the sum of its parts, or two sums are equal
  (一 + 二 = 三（七） + 四); a broken one names the cells, the sum and the printed figure, at
  the printed total. Identities with a blank or missing cell are not judged (see blanks).
- blanks: a cell at a labelled row and column of a table whose template wants figures is empty.
- labels: a row or column label that differs from the template's by a character or two; a row
  laid out as the other template version has it (a 2019 single （六）其他处理 row in a report
  that follows the 2021 format).
- unmatched: a table with figures that matches no template table (once per table).
"""
from __future__ import annotations

from reportlint.kinds._lib.table_template import (
    Matching,
    Placed,
    amount,
    fmt,
    match,
    norm,
    rule_template,
)
from reportlint.kinds.options import Option
from reportlint.model.finding import Hit, Severity

KIND = "table_identity"
SUMMARY = "按模板核对表格：勾稽关系（合计＝分项之和）、应填未填的单元格、与模板不符的行列标签、对不上模板的表格。"
OPTIONS = {
    "template": Option("str", required=True, doc="表格模板（YAML）的路径，相对于规则文件所在文件夹"),
    "check": Option("str", required=True, choices=("identities", "blanks", "labels", "unmatched"),
                    doc="identities 勾稽关系；blanks 空白单元格；labels 行列标签；unmatched 对不上模板的表格"),
}
FIELDS = {"table", "cell", "printed", "sum", "parts", "left", "right", "found", "expected", "version"}
SCOPES = ()
READS_TABLES = True


def prepare(rule):
    return rule_template(rule)


def check(rule, template, doc):
    if not doc.tables:
        return
    m = match(doc, template)
    what = rule["check"]
    if what == "identities":
        for p in m.placed.values():
            yield from _identities(p)
    elif what == "blanks":
        for p in m.placed.values():
            yield from _blanks(p)
    elif what == "labels":
        yield from _labels(m, template, doc)
    else:
        for t in m.unmatched:
            first = t.cells[0]
            yield Hit(first.start, first.end, {"table": f"表{t.number}" if t.word else "表格"},
                      variant="unmatched", severity=Severity.INFO)


def _other(p: Placed, dim: str) -> list[str]:
    """The keys of the dimension an identity runs along (its `per`)."""
    return [e.key for e in (p.spec.columns if dim == "row" else p.spec.rows)]


def _name(dim: str, key: str, fixed: str) -> str:
    return f"{key}/{fixed}" if dim == "row" else f"{fixed}/{key}"


def _identities(p: Placed):
    """Each broken identity once; a cell already blamed by one is not blamed again by the next
    (one wrong figure often breaks two identities)."""
    blamed: set[int] = set()
    for ident in p.spec.identities:
        dim = "row" if ident["per"] == "column" else "column"      # the summed dimension
        for fixed in _other(p, dim):
            hits = _total(p, dim, fixed, ident["total"], ident["parts"]) if "total" in ident \
                else _equal(p, dim, fixed, ident["equal"])
            for hit in hits:
                if hit.start not in blamed:
                    blamed.add(hit.start)
                    yield hit


def _cell_of(p: Placed, dim: str, key: str, fixed: str):
    return p.where(*((key, fixed) if dim == "row" else (fixed, key)))


def _total(p: Placed, dim: str, fixed: str, total_key: str, parts: list[str]):
    at = _cell_of(p, dim, total_key, fixed)
    printed, _ = amount(p, dim, total_key, fixed)
    if at is None or printed is None:
        return
    terms, total = [], 0.0
    for k in parts:
        v, _ = amount(p, dim, k, fixed)
        if v is None:
            return                          # blank, or not found: not judged
        terms.append(f"{k}{fmt(v)}")
        total += v
    if len(terms) < 2 or abs(total - printed) < 1e-6:
        return
    cell, _ = at
    yield Hit(cell.start, cell.end, {
        "table": p.spec.name, "cell": _name(dim, total_key, fixed), "printed": fmt(printed),
        "sum": fmt(total), "parts": "＋".join(terms)}, variant="total")


def _equal(p: Placed, dim: str, fixed: str, sides: list[list[str]]):
    sums, texts = [], []
    for side in sides:
        terms, total = [], 0.0
        for k in side:
            v, _ = amount(p, dim, k, fixed)
            if v is None:
                return
            terms.append(f"{k}{fmt(v)}")
            total += v
        sums.append(total)
        texts.append(f"{'＋'.join(terms)}＝{fmt(total)}")
    if all(abs(s - sums[0]) < 1e-6 for s in sums):
        return
    at = _cell_of(p, dim, sides[-1][0], fixed)
    if at is None:
        return
    cell, _ = at
    yield Hit(cell.start, cell.end, {"table": p.spec.name, "cell": fixed, "left": texts[0],
                                     "right": texts[-1]}, variant="equal")


def _blanks(p: Placed):
    if not p.spec.figures_required:
        return
    for (row, col), (cell, _) in p.cells.items():
        members = p.spec.members("row", row)
        if cell.blank and not any(p.has(m, col) for m in members):   # a group's own row may be empty
            yield Hit(cell.start, cell.end, {"table": p.spec.name, "cell": f"{row}/{col}"},
                      variant="blank")


def _labels(m: Matching, template, doc):
    for f in m.fuzzy:
        yield Hit(f.start, f.start + len(f.found), {"table": _spec_of(m, f.table), "found": f.found,
                                                    "expected": f.expected}, variant="label")
    version = template.version_of(doc.meta.year, m.labels)
    if version is None:
        return
    for p in m.placed.values():
        for dim, entries in (("row", p.spec.rows), ("column", p.spec.columns)):
            for group in entries:
                members = [e for e in entries if e.under == group.key]
                wanted = [e for e in members if not e.versions or version in e.versions]
                if not wanted or not all(e.versions for e in wanted):
                    continue            # members in every version: not a layout difference
                present = [e for e in members if _present(p, dim, e.key)]
                if present or not _present(p, dim, group.key):
                    continue
                label = p.row_labels.get(group.key) if dim == "row" else None
                at = label or next(iter(v for k, v in p.cells.items() if group.key in k))
                cell, _ = at
                yield Hit(cell.start, cell.end, {
                    "table": p.spec.name, "found": group.label, "version": version,
                    "expected": "、".join(norm(e.label) if len(e.label) < 12 else e.variants[0]
                                         if e.variants else e.label for e in wanted)},
                    variant="layout")


def _present(p: Placed, dim: str, key: str) -> bool:
    return any((k[0] if dim == "row" else k[1]) == key for k in p.cells)


def _spec_of(m: Matching, table) -> str:
    return next((p.spec.name for p in m.placed.values() if table in p.tables), "表格")
