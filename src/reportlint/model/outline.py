"""The outline of a draft: numbered headings (一、 （一） 1. （1）, Markdown #) and their sections."""
from __future__ import annotations

import re

from reportlint.model.lazy_pattern import LazyPattern
from reportlint.model.lines import INDENT, cn_to_int, lazy
from reportlint.model.plain import Fields

HEADING_PATTERNS = (
    # (level, style, regex on the line after its indentation); group "num" is the number
    (1, "cn-dun", LazyPattern(r"(?P<num>[一二三四五六七八九十]{1,3})\s*[、，,．.]")),
    (2, "cn-paren", LazyPattern(r"(?P<open>[（(])\s*(?P<num>[一二三四五六七八九十]{1,3})\s*(?P<close>[）)])")),
    (3, "arabic-dot", LazyPattern(r"(?P<num>\d{1,2})\s*(?P<sep>[.．、])(?!\d)")),
    (4, "arabic-paren", LazyPattern(r"(?P<open>[（(])\s*(?P<num>\d{1,2})\s*(?P<close>[）)])")),
)
_MD_HEADING = r"(?P<hashes>#{1,6})\s+"                  # compiled on first use (lines.lazy)
_LEADING_RESIDUE = LazyPattern(r"(?:\[bookmark:[^\]\n]*\]\s*)+")
# the first characters of a heading after its indentation: an ordinal, a bookmark, a Markdown #
# (and any decimal digit, \d); a line starting with anything else is none (most lines)
_OPENERS = frozenset("一二三四五六七八九十（([#")


class Heading(Fields):
    """One numbered or Markdown heading line and the section it opens (a plain class: see
    model/plain.py)."""
    __slots__ = ("_text", "end", "label", "level", "line", "number", "parent", "run_in", "section_end",
                 "start", "style", "title")
    _fields = ("level", "style", "number", "label", "title", "line", "start", "end", "run_in", "section_end",
               "parent")
    _hidden = ("parent",)

    def __init__(self, level: int, style: str, number: int | None, label: str, title: str, line: int,
                 start: int, end: int, run_in: bool, section_end: int = 0, parent: Heading | None = None):
        self.level = level          # 1 一、  2 （一）  3 1.  4 （1）; Markdown: number of '#'
        self.style = style          # cn-dun | cn-paren | arabic-dot | arabic-paren | markdown
        self.number = number        # value of the ordinal, None for Markdown
        self.label = label          # the ordinal as written: "一、", "(四)", "1."
        self.title = title          # heading text without the ordinal (up to the first 。 when run-in)
        self.line = line            # 1-based line number
        self.start = start          # offset of the ordinal
        self.end = end              # end of the title
        self.run_in = run_in        # body text follows on the same line
        self.section_end = section_end   # end offset of the section (up to the next heading at this level or above)
        self.parent = parent
        self._text = ""             # the document's, set by outline()

    @property
    def section_text(self) -> str:  # filled in by Document.headings
        return self._text[self.start:self.section_end]



def heading_at(no: int, line: str, line_start: int, markdown: bool) -> Heading | None:
    """The heading on line `no` (1-based) starting at offset `line_start`, or None."""
    body = line.lstrip(INDENT)
    if not body or (body[0] not in _OPENERS and not body[0].isdecimal()):
        return None      # no pattern below matches there (\d: any decimal digit, isdecimal)
    residue = _LEADING_RESIDUE.match(body)
    if residue:        # "[bookmark: _GoBack]（四）…": the heading is still there
        body = body[residue.end():].lstrip(INDENT)
    if not body:
        return None
    base = line_start + (len(line) - len(body))
    if markdown:
        m = lazy(_MD_HEADING).match(body)
        if m:
            title = body[m.end():].strip()
            return Heading(len(m.group("hashes")), "markdown", None, m.group("hashes"), title,
                           no, base, base + len(body.rstrip()), False)
        if body.startswith("#"):
            return None
        # "## 一、…" is handled above; numbered lines in Markdown fall through
    for level, style, rx in HEADING_PATTERNS:
        m = rx.match(body)
        if not m:
            continue
        rest = body[m.end():]
        if not rest.strip() or rest[0] in "是要则，,。%％":   # "一是", "1.5", "（一）。"
            return None
        if style == "arabic-dot" and re.match(r"\d", rest):
            return None
        num = cn_to_int(m.group("num"))
        stop = re.search(r"[。！？：:]", rest)
        run_in = bool(stop and rest[stop.end():].strip())
        title = (rest[:stop.start()] if stop else rest).strip(INDENT + "　")
        if not run_in and len(title) > 60:
            run_in = True  # a long numbered line is a list item of prose, not a heading
        end = base + m.end() + (stop.start() if stop else len(rest.rstrip(INDENT)))
        return Heading(level, style, num, m.group(0), title, no, base, end, run_in)
    return None


def outline(text: str, lines: list[str], line_starts: list[int], skipped: frozenset[int],
            markdown: bool) -> list[Heading]:
    """Every heading of a text, each with its parent and the end of its section."""
    found: list[Heading] = []
    for no, line in enumerate(lines, 1):
        if no in skipped:
            continue
        h = heading_at(no, line, line_starts[no - 1], markdown)
        if h:
            found.append(h)
    # parents and section ends in one pass: a heading closes the open sections at its level
    # or deeper (a scan of the later headings per heading was quadratic on long drafts)
    stack: list[Heading] = []
    for h in found:
        h._text = text
        while stack and stack[-1].level >= h.level:
            stack.pop().section_end = line_starts[h.line - 1]
        h.parent = stack[-1] if stack else None
        stack.append(h)
    for h in stack:
        h.section_end = len(text)
    return found
