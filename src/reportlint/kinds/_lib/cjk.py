"""Character classes and hit grouping shared by the punctuation and spacing kinds (not a kind)."""
from __future__ import annotations

from bisect import bisect_right

from reportlint.model import re_code
from reportlint.model.finding import Hit
from reportlint.model.lines import WEB_META

# Han ideographs (URO, Ext. A, compatibility).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width marks of Chinese running text (GB/T 15834): they carry their own spacing.
FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—～·"
# Web addresses and e-mail: ASCII marks inside them are left alone.
URL_RX = re_code.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9./:_?&=%#~+@;!,()\-]+"
                    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
                    r"|\b[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:gov|com|org|net|edu)(?:\.cn)?\b[/A-Za-z0-9._?&=%#\-]*")


def prose_lines(doc, at=None):
    """(line number, line, offset) of the lines that hold draft text: not Markdown code, not the
    web-page header above the title, not 索引号/发布时间 metadata lines. With `at` (text offsets,
    e.g. the starts of one whole-text search's matches), only the lines holding one of them:
    most lines hold nothing a kind looks for."""
    prose = doc.shared(prose_lines, lambda: _prose_numbers(doc))     # several kinds ask
    if at is None:
        numbers = prose
    else:
        starts = doc.line_starts
        numbers = [no for no in sorted({bisect_right(starts, i) for i in at}) if no in prose]
    for no in numbers:
        yield no, doc.lines[no - 1], doc.line_starts[no - 1]


def _prose_numbers(doc) -> dict[int, None]:
    """The prose lines' numbers, in order (a dict: ordered, and a fast membership test)."""
    title_line = doc.meta.title_line
    return {no: None for no, line in enumerate(doc.lines, 1)
            if line and no not in doc.skipped_lines and no >= title_line and not WEB_META.search(line)}


def is_han(ch: str | None) -> bool:
    """The first character of `ch` is in HAN (compares code points: a `re` class of HAN costs
    ~2.5 ms to compile at import)."""
    if not ch:
        return False
    c = ch[0]
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


def is_chinese(ch: str | None) -> bool:
    """A Han character or a full-width Chinese mark."""
    return bool(ch) and (is_han(ch) or ch in FULLWIDTH_PUNCT)  # type: ignore[operator]


def is_latin(ch: str | None) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()  # type: ignore[union-attr]


def grouped(doc, items, *, summary_min: int, fullwidth_count: int):
    """Turn (start, end, replacement, detail) items into Hits.

    A handful of slips is reported one by one (each with its own fix). When a document does
    it systematically (at least `summary_min` items and more of them than correct forms), a
    demanding reader wants the pattern stated once: one hit at the first item, spanning to
    the last, whose fix rewrites every item and nothing between them.
    Returns (hits, summarised).
    """
    items = sorted(items)
    kept: list = []
    for item in items:                      # a fix must never overlap another one
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    items = kept
    if not items:
        return [], False
    # Word files are fixed run by run inside one paragraph, so there each item keeps its own fix.
    if len(items) < summary_min or len(items) < fullwidth_count or _is_word(doc):
        return [Hit(s, e, {"found": doc.text[s:e], "expected": rep, **detail},
                    suggestion=rep, fix=rep, variant="one")
                for s, e, rep, detail in items], False
    text = doc.text
    start, end = items[0][0], items[-1][1]
    parts, last = [], start
    for s, e, rep, _ in items:
        parts.append(text[last:s])
        parts.append(rep)
        last = e
    parts.append(text[last:end])
    first_line, last_line = doc.pos(start)[0], doc.pos(end)[0]
    lines = {doc.pos(s)[0] for s, _, _, _ in items}
    marks: dict[str, int] = {}
    for _, _, _, detail in items:
        if detail.get("mark"):
            marks[detail["mark"]] = marks.get(detail["mark"], 0) + 1
    fields = {"count": len(items), "found": text[items[0][0]:items[0][1]], "expected": items[0][2],
              "first_line": first_line, "last_line": last_line, "lines": len(lines),
              "marks": "".join(sorted(marks, key=lambda m: -marks[m]))}
    return [Hit(start, end, fields, fix="".join(parts), variant="summary")], True


def _is_word(doc) -> bool:
    """A Word draft (.docx, or a .doc/.wps … read through LibreOffice): its paragraphs are labelled."""
    return doc.locations is not None or doc.path.lower().endswith(".docx")
