"""Standalone headings of one level end alike: all with the same mark or all without one.

A heading on a line of its own (not run into its paragraph) ends either bare (一、主要举措) or,
by a house style, with one mark; a level where some end with 。 and others bare, or some with
：, is a slip of editing. The minority is reported; when a level is split evenly, the headings
that end with a mark are (a bare heading is the standard form).
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.model.finding import Hit
from reportlint.model.lines import INDENT

KIND = "heading_punctuation"
SUMMARY = "同一级单独成行的标题，末尾标点要一致（都不加，或都加同一个标点）。"
OPTIONS = {
    "marks": Option("str", default="。；;，,：:、", doc="算作标题末尾标点的字符"),
    "min_headings": Option("int", default=3, check=lambda v: None if v >= 2 else "must be at least 2",
                           doc="同一级至少有这么多个单独成行的标题才比较"),
}
FIELDS = {"found", "expected", "level", "count", "total"}
SCOPES = ()


def _ending(doc, h, marks: str) -> tuple[str, int]:
    """The mark a heading line ends with ("" for none) and its offset."""
    line = doc.lines[h.line - 1].rstrip(INDENT)
    end = doc.line_starts[h.line - 1] + len(line)
    return (line[-1], end - 1) if line and line[-1] in marks else ("", end)


def check(rule, state, doc):
    marks = rule["marks"]
    by_level: dict[tuple[int, str], list] = {}
    for h in doc.headings:
        if h.run_in or h.number is None:
            continue
        by_level.setdefault((h.level, h.style), []).append((h, *_ending(doc, h, marks)))
    for heads in by_level.values():
        if len(heads) < rule["min_headings"]:
            continue
        counts: dict[str, int] = {}
        for _, mark, _ in heads:
            counts[mark] = counts.get(mark, 0) + 1
        if len(counts) < 2:
            continue
        # the usual ending: the most frequent; on a tie, no mark
        usual = max(counts, key=lambda m: (counts[m], m == ""))
        for h, mark, at in heads:
            if mark == usual:
                continue
            fields = {"found": mark or "无标点", "expected": usual or "无标点", "level": h.label,
                      "count": counts[usual], "total": len(heads)}
            if mark:
                yield Hit(at, at + 1, fields, suggestion=usual or "删除", fix=usual, variant="extra")
            else:
                yield Hit(max(h.start, at - 1), at, fields, suggestion=f"句末加“{usual}”", variant="missing")
