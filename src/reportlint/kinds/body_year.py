"""A statement in the body framed by another year than the report's: “2023年，全镇共调解…”
in a 2024 report, usually a paragraph copied from last year's draft with its figures.

    frame: "(?P<y>20\\d\\d)\\s*年度?[，,]"   # the framing year at a sentence start; group y
    except_words: [较, 同比, 以来]          # sentences that compare or span years are fine
    skip_headings: [打算, 计划]             # plan sections are left to the plan rules

Only years before the report year, or after the year following it, are reported; headings
and the title are left to the structure rules. Nothing is reported when the report year
is unknown.
"""
from __future__ import annotations

from reportlint.kinds._lib.numbers import sentence_end
from reportlint.kinds._lib.ranges import titles_and_skipped
from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit

KIND = "body_year"
SUMMARY = "正文中以别的年份开头叙述的句子（如 2024 年报告里“2023年，全镇共调解……”），多为照搬上年材料。"
OPTIONS = {
    "frame": Option("regex", required=True, doc="句首的年份框架，命名组 y 为年份"),
    "except_words": Option("list", default=[], items=Option("str"), doc="含这些词的句子（比较、跨年）不报"),
    "skip_headings": Option("list", default=[], items=Option("str"), doc="标题含这些词的章节不查（如计划打算）"),
}
FIELDS = {"found"}
SCOPES = ()

# Where a sentence may start: the text's start, after a line end, a sentence mark or 一是…十是,
# blanks skipped. A pattern that consumes the mark lets re jump from mark to mark; the
# lookbehinds it replaces were tried at every character (0.28 -> 0.04 ms a report).
_AFTER_MARK = re_code.compile(r"(?:[。；;！!？?\n]|[一二三四五六七八九十]是)[ \t\u3000]*")
_BLANKS = re_code.compile(r"[ \t\u3000]*")


def sentence_starts(text: str):
    """Offsets where a sentence's first word may stand, in order."""
    yield _BLANKS.match(text).end()  # type: ignore[union-attr]  # it matches the empty string
    for m in _AFTER_MARK.finditer(text):
        yield m.end()


def framed(frame, text: str, starts):
    """frame.match(text, at) for each of `starts` (ascending) that it matches, from one search
    of the whole text: a search tries every position in turn, so a match starting at `at` is
    what a match at `at` gives, and no position before a match's start (after the previous
    one's end) matches. Only a start inside a match found needs a match of its own."""
    found = frame.finditer(text)
    i, n = 0, len(found)
    for at in starts:
        while i < n and found[i].start() < at and found[i].end() <= at:
            i += 1
        if i == n:
            return
        m = found[i]
        if m.start() == at:
            yield m
        elif m.start() < at:                     # inside a match: tried on its own
            own = frame.match(text, at)
            if own:
                yield own


def check(rule, state, doc):
    year = doc.meta.year
    if year is None:
        return
    text = doc.text
    titles, skipped = titles_and_skipped(doc, rule["skip_headings"])
    frame, words = rule["frame"], rule["except_words"]
    for m in framed(frame, text, sentence_starts(text)):
        y = int(m.group("y"))
        if year <= y <= year + 1:
            continue
        if m.start() in titles or m.start() in skipped:
            continue
        sentence = text[m.start():sentence_end(text, m.end())]
        if any(w in sentence for w in words):
            continue
        yield Hit(m.start("y"), text.index("年", m.end("y")) + 1, {"found": m.group().rstrip("，, ")})
