"""A paragraph of prose whose last sentence has no closing punctuation, followed by a new
section: the next line is a heading or starts an enumeration (一是… （一）… 1.).

    min_chars: 15     # shorter lines are titles, labels, signatures

When the next line instead carries on the sentence, the paragraph was broken in two; that is
the broken-paragraph rule's finding (structure pack), so the two never report the same line.
Only prose counts: the line must hold punctuation inside it. A number that cuts a word in two
(“使受理标” / “3、准更加明确”: a web page's chunk numbers) is no new item. No automatic fix: the missing
mark may be 。 or ；, and a cut-off sentence must be completed, not closed.
"""
from __future__ import annotations

from reportlint.kinds._lib.cjk import is_han
from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit
from reportlint.model.lines import INDENT, ITEM_START, WEB_META

KIND = "unterminated_paragraph"
SUMMARY = "段落最后一句没有句末标点，下一行就是标题或新的条目。"
OPTIONS = {
    "min_chars": Option("int", default=15, doc="更短的行（标题、标签、落款）不算正文"),
}
FIELDS = {"found", "next"}
SCOPES = ()

_NEW_ITEM = re_code.compile(rf"(?:{ITEM_START})")
_PROSE = re_code.compile(r"[，,。；;：:、]")
_CLOSERS = "”’」』）)》"


def _open_end(s: str) -> bool:
    """re.search(rf"[{HAN}A-Za-z0-9][”’」』）)》]*$", s), without compiling the HAN class (~3 ms)."""
    for t in ((s, s[:-1]) if s.endswith("\n") else (s,)):      # `$` also matches before a last \n
        u = t.rstrip(_CLOSERS)
        if u and (is_han(u[-1]) or (u[-1].isascii() and u[-1].isalnum())):
            return True
    return False


def _splits_word(before: str, after: str) -> bool:
    """True if the number between two lines cuts a word (“使受理标” / “3、准更加明确”): a
    page-chunk number, not a new item; the sentence runs on across it."""
    from reportlint.kinds._lib.segment import crosses_word

    tail, head = before[-8:], after[:8]
    return bool(head) and crosses_word(tail + head, len(tail), len(tail))


def check(rule, state, doc):
    heads = {h.line for h in doc.headings}
    standalone = {h.line for h in doc.headings if not h.run_in}
    title = doc.meta.title_line
    content = [(no, line.strip(INDENT)) for no, line in enumerate(doc.lines, 1)
               if line.strip(INDENT) and no not in doc.skipped_lines]
    for (no, s), (nxt, t) in zip(content, content[1:]):
        if no in standalone or no <= title or len(s) < rule["min_chars"]:
            continue
        # the open end first: most lines end with a mark, and WEB_META (an alternation re
        # tries at every position) then is never searched
        if not _open_end(s) or not _PROSE.search(s[:-1]) or WEB_META.search(s):
            continue
        item = _NEW_ITEM.match(t)
        if nxt not in heads and not item:
            continue
        if item and _splits_word(s, t[item.end():]):
            continue
        line = doc.lines[no - 1]
        end = doc.line_starts[no - 1] + len(line.rstrip(INDENT))
        yield Hit(end - 1, end, {"found": s[-8:], "next": t[:10]}, suggestion="在句末补上句号（。）")
