"""A paragraph broken mid-sentence: a line ends without closing punctuation and the next
non-blank line carries on the same sentence (“严格落实“谁\\n\\n执法谁普法”…”).

    open_end: "[\\p{Han}A-Za-z0-9、，,“‘（(《]$"   # how an unfinished line ends
    min_chars: 10                               # shorter lines are titles, signatures, labels

A line under 30 characters with no punctuation inside (a two-line title, a 文号) is no sentence.

Headings, the title, web-page header lines and the last line are never candidates. Text that
is hard-wrapped throughout (most lines end open) is left alone unless a blank line splits the
sentence. The fix joins the two lines.
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import search
from reportlint.model import re_code
from reportlint.model.finding import Hit
from reportlint.model.lines import DATE_LINE, FOOTER, INDENT, ITEM_START

KIND = "broken_paragraph"
SUMMARY = "一句话被断成两段：行末没有句末标点，下一段接着同一句往下说。"
OPTIONS = {
    "open_end": Option("regex", required=True, doc="未写完的行的结尾是什么样子"),
    "min_chars": Option("int", default=10, doc="更短的行（标题、落款、标签）不算"),
}
FIELDS = {"found", "next"}
SCOPES = ()

_NOT_CONTINUATION = re_code.compile(rf"^(?:{ITEM_START}|[-•|*])")
_PROSE = re_code.compile(r"[，,。；;：:]")
_META_LINE = re_code.compile(r"[:：]\s*\S{0,30}$|索\s*引\s*号|发布|来源|日期")


def check(rule, state, doc):
    heads = {h.line for h in doc.headings if not h.run_in}
    skip = set(doc.skipped_lines) | heads
    meta = doc.meta
    if meta.title_line:
        skip.update({meta.title_line, meta.title_line + 1})
    # table cells and rows are not prose: a cell does not run on into the next one
    tables = doc.table_lines
    content = [(no, line.strip(INDENT)) for no, line in enumerate(doc.lines, 1)
               if line.strip(INDENT) and no not in doc.skipped_lines and no not in tables]
    candidates = []
    long_lines = open_lines = 0
    for (no, s), (nxt, t) in zip(content, content[1:]):
        if no in skip or len(s) < rule["min_chars"]:
            continue
        long_lines += 1
        if not search(rule["open_end"], s):
            continue
        if len(s) < 30 and not _PROSE.search(s[:-1]):   # a title, a name, a 文号
            continue
        open_lines += 1
        if nxt in heads or _NOT_CONTINUATION.match(t) or _META_LINE.search(s) \
                or FOOTER.search(s) or FOOTER.search(t) or DATE_LINE.match(s):
            continue
        candidates.append((no, s, nxt, t))
    hard_wrapped = long_lines >= 4 and open_lines / long_lines > 0.5
    for no, s, nxt, t in candidates:
        gap = nxt - no > 1
        if hard_wrapped and not gap:
            continue
        ls, _ = doc.line_span(no)
        end_of_text = ls + len(doc.lines[no - 1].rstrip(INDENT))
        ns, _ = doc.line_span(nxt)
        next_start = ns + len(doc.lines[nxt - 1]) - len(doc.lines[nxt - 1].lstrip(INDENT))
        last = doc.text[end_of_text - 1]
        yield Hit(end_of_text - 1, next_start, {"found": s[-8:], "next": t[:8]},
                  suggestion="与下一行合并为一段", fix=last)
