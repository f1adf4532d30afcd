"""The document model every kind reads: lines, paragraphs, sentences, outline, meta.

`Document.text` has its line ends normalised to "\\n" (the original ones are kept in
`line_ends`, so --fix can write them back). A draft in traditional script is read through
a simplified view: `text` is the view every kind matches on (国, not 國), `source_text`
what the file holds, character for character at the same offsets (fixes, excerpts and
diffs use it). All spans are character offsets into `text`;
`pos()` maps an offset to a 1-based (line, column) by bisection. The outline and the meta are
worked out in outline.py and meta.py, the first time a kind asks.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING

from reportlint.model.lazy_pattern import LazyPattern
from reportlint.model.lines import DATE_LINE, FOOTER, INDENT, SIGNATURE, WEB_META, lazy
from reportlint.model.plain import Fields
from reportlint.model.script import to_simplified
from reportlint.model.tables import Table, text_tables, word_tables

if TYPE_CHECKING:     # the outline, meta and genre modules are imported when a kind first asks
    from reportlint.model.meta import Meta
    from reportlint.model.outline import Heading

_NEWLINE = LazyPattern(r"\r\n|\r|\n")
_CLOSED = LazyPattern(r"[。！？!?…；;）)”’」』》\]】]$")
_PARAGRAPH_END = LazyPattern(r"[。！？!?；;：:…][”’」』）)\]】]*[ \t\u3000]*$")
# a heading line that is only its ordinal: “（二）”, “三、”, “4.”
_BARE_ORDINAL = LazyPattern(r"(?:[一二三四五六七八九十]{1,3}[、．.]|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]"
                              r"|\d{1,2}[.．、])")
_SENTENCE_END = r"[。！？；!?;]+[”’」』）)]*|\n"


class Span(Fields):
    """A stretch of `Document.text`: [start, end) and what it holds."""
    __slots__ = ("end", "start", "text")
    _fields = ("start", "end", "text")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text


class Truncation(Fields):
    """Where a document stops abruptly (a web-page opening, a paste cut short)."""
    __slots__ = ("end", "line", "reason", "start")
    _fields = ("line", "start", "end", "reason")

    def __init__(self, line: int, start: int, end: int, reason: str):
        self.line, self.start, self.end = line, start, end
        self.reason = reason       # mid-sentence | bare-heading | first-part


class Document:
    """One draft as every kind reads it. Made in one place (this constructor) with everything
    it carries; a fix round makes the next one with `with_text`, which keeps the rest."""

    def __init__(self, text: str, path: str = "<text>", *, encoding: str = "utf-8",
                 bom: bytes = b"", markdown: bool | None = None, year: int | None = None,
                 unit: str | None = None, references: tuple[Document, ...] = (),
                 locations: list[str | None] | None = None, line_ends: list[str] | None = None,
                 table_grids: list | None = None):
        self.path = path
        self.encoding = encoding
        self.bom = bom
        self.line_ends: list[str] = _NEWLINE.findall(text)
        self.source_text = _NEWLINE.sub("\n", text) if "\r" in text else text
        # what the rules read: the same text in simplified script (the same object when it is)
        self.text = to_simplified(self.source_text)
        if line_ends is not None and len(line_ends) == len(self.line_ends):
            self.line_ends = line_ends     # a fix round keeps each line's own end
        self.markdown = path.lower().endswith((".md", ".markdown")) if markdown is None else markdown
        self.given_year = year             # from the user or config; meta.year is what counts
        self.given_unit = unit
        # the other reports this one is compared with (--against), read once by the engine
        self.references = references
        # Word files: the table cell of each line (None for a body paragraph); None for text
        self.locations = locations
        # Word files: each table's grid of (first line, last line) per slot (files/docx_tables)
        self.table_grids = table_grids
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", self.text))
        self.line_starts = starts

    @property
    def traditional(self) -> bool:
        """Whether the simplified view differs from the text as written."""
        return self.text is not self.source_text

    @cached_property
    def source_lines(self) -> list[str]:
        """The lines as written (what excerpts show); `lines` unless the draft is traditional."""
        return self.source_text.split("\n") if self.traditional else self.lines

    def with_text(self, text: str) -> Document:
        """The same draft after a fix round: path, encoding, year, unit, references and Word
        locations are kept; so is each line's end while the number of lines is unchanged."""
        return Document(text, self.path, encoding=self.encoding, bom=self.bom,
                        markdown=self.markdown, year=self.given_year, unit=self.given_unit,
                        references=self.references, locations=self.locations,
                        line_ends=self.line_ends, table_grids=self.table_grids)

    def where(self, line: int) -> str | None:
        """"第12段" or "第12段（表1第2行第3列）" for a line of a Word document, else None."""
        if self.locations is None or not 0 < line <= len(self.locations):
            return None
        cell = self.locations[line - 1]
        return f"第{line}段" + (f"（{cell}）" if cell else "")

    # ---- positions -------------------------------------------------------------------
    def pos(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_span(self, lineno: int) -> tuple[int, int]:
        start = self.line_starts[lineno - 1]
        end = self.line_starts[lineno] - 1 if lineno < len(self.line_starts) else len(self.text)
        return start, end

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    # ---- blocks ----------------------------------------------------------------------
    @cached_property
    def skipped_lines(self) -> frozenset[int]:
        """Line numbers that hold no draft prose (Markdown code fences and their contents)."""
        if not self.markdown:
            return frozenset()
        skip, inside = set(), False
        for no, line in enumerate(self.lines, 1):
            if line.lstrip().startswith(("```", "~~~")):
                inside = not inside
                skip.add(no)
            elif inside:
                skip.add(no)
        return frozenset(skip)

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Paragraphs: a line that ends a sentence ends its paragraph (Word exports put one
        paragraph on each line); a line that stops mid-sentence runs on into the next
        non-blank line (hard-wrapped text). Blank lines and heading lines always separate."""
        heads = {h.line for h in self.headings if not h.run_in}
        out: list[Span] = []
        cur: list[int] = []

        def flush():
            if cur:
                s, _ = self.line_span(cur[0])
                _, e = self.line_span(cur[-1])
                out.append(Span(s, e, self.text[s:e]))
                cur.clear()

        for no, line in enumerate(self.lines, 1):
            if not line.strip(INDENT) or no in self.skipped_lines:
                flush()
            elif no in heads:
                flush()
                cur.append(no)
                flush()
            else:
                cur.append(no)
                if _PARAGRAPH_END.search(line):
                    flush()
        flush()
        return out

    @cached_property
    def sentences(self) -> list[Span]:
        """Split on 。！？；(and ASCII look-alikes) and on line ends; indentation trimmed."""
        out: list[Span] = []
        text, start = self.text, 0
        for m in lazy(_SENTENCE_END).finditer(text):
            self._add_trimmed(out, start, m.end() if m.group() != "\n" else m.start())
            start = m.end()
        self._add_trimmed(out, start, len(text))
        return out

    def _add_trimmed(self, out: list[Span], s: int, e: int) -> None:
        text = self.text
        while s < e and text[s] in INDENT:
            s += 1
        while e > s and text[e - 1] in INDENT:
            e -= 1
        if e > s:
            out.append(Span(s, e, text[s:e]))

    # ---- tables ----------------------------------------------------------------------
    @cached_property
    def tables(self) -> list[Table]:
        """The tables: a Word file's own, or rows pasted into a text (model/tables.py)."""
        if self.table_grids is not None:
            return word_tables(self.table_grids, self.text, self.line_starts)
        return text_tables(self.lines, self.line_starts, self.skipped_lines)

    @cached_property
    def table_lines(self) -> frozenset[int]:
        """Lines that belong to a table (a row of a pasted table, a paragraph of a Word cell)."""
        return frozenset(no for t in self.tables for no in range(t.first_line, t.last_line + 1))

    # ---- outline ---------------------------------------------------------------------
    @cached_property
    def headings(self) -> list[Heading]:
        from reportlint.model.outline import outline
        return outline(self.text, self.lines, self.line_starts,
                       self.skipped_lines | self.table_lines, self.markdown)

    def heading_at(self, no: int, line: str) -> Heading | None:
        """The heading on line `no` (1-based), whose text is `line`, or None."""
        from reportlint.model.outline import heading_at
        return heading_at(no, line, self.line_starts[no - 1], self.markdown)

    @cached_property
    def truncated(self) -> Truncation | None:
        """Set when the text stops abruptly: mid-sentence, on a heading with no body (a bare
        ordinal such as “（二）” included), or in part 一、 (with sub-parts) when no other part is numbered.

        Trailing web footers (扫一扫在手机打开当前页), the signature and the date are not
        the end of the text. A signature or date after the last sentence shows the draft is
        complete: a last sentence that only lacks its 。 is then a punctuation slip, not a cut.
        """
        signed = False
        for no in range(len(self.lines), 0, -1):
            line = self.lines[no - 1]
            s = line.strip(INDENT)
            if not s or no in self.skipped_lines:
                continue
            if FOOTER.search(s):
                continue
            head = self.heading_at(no, line)
            if head is None and (DATE_LINE.match(s) or SIGNATURE.match(s)):
                signed = True
                continue
            if signed:
                return None
            start = self.line_starts[no - 1] + len(line) - len(line.lstrip(INDENT))
            end = start + len(s)
            if self._ends_in_closing_part(no, head):
                return None
            # a heading line that ends a sentence holds its own body (“六、其他需要报告的事项 无收费。”)
            bare = head and not head.run_in and not s.endswith(("，", ",", "、", "。", "！", "？"))
            if bare or _BARE_ORDINAL.fullmatch(s):
                return Truncation(no, start, end, "bare-heading")
            if not _CLOSED.search(s):
                return Truncation(no, start, end, "mid-sentence")
            # part 一、 with sub-parts (（一）（二）…) and no part 二、: a page cut after its first part
            parts = [h for h in self.headings if h.level == 1 and h.style == "cn-dun"]
            if len(parts) == 1 and parts[0].number == 1 and any(h.parent is parts[0] for h in self.headings):
                return Truncation(no, start, end, "first-part")
            return None
        return None

    def _ends_in_closing_part(self, no: int, head: Heading | None) -> bool:
        """Whether line `no`, the last of the text, is in the genre's last mandated part with text
        of its own (“六、其他需要报告的事项 无其他需要报告的事项”, or a line below that heading):
        the report has reached its end, and a missing closing mark there is a slip, not a cut."""
        from reportlint.model.genres import GENRES
        names = GENRES[self.genre].closing
        if not names:
            return False
        if head is not None:              # the part's heading, its body after the name
            return any(name in head.title and head.title.split(name, 1)[1].strip(" \u3000:：")
                       for name in names)
        part = next((h for h in reversed(self.headings) if h.line < no and h.level == 1), None)
        return part is not None and any(name in part.title for name in names)

    @cached_property
    def starts_midway(self) -> Heading | None:
        """The heading a text starts with when it starts in the middle of a report (a web page
        cut at the top): no title, and the first line of prose is a heading below the top level
        (“（一）…”) or a later part (“三、…”). None otherwise."""
        for no, line in enumerate(self.lines, 1):
            s = line.strip(INDENT)
            if not s or no in self.skipped_lines or WEB_META.search(s):
                continue
            head = self.heading_at(no, line)
            if head is None or head.number is None:
                return None
            if head.level > 1 or head.number > 1:
                return head
            return None
        return None

    # ---- meta ------------------------------------------------------------------------
    @cached_property
    def meta(self) -> Meta:
        from reportlint.model.meta import read_meta
        return read_meta(self)

    @cached_property
    def genre(self) -> str:
        """The kind of report its title (or text) names (model/genres.py); rules may be
        limited to genres."""
        from reportlint.model.genres import genre_of
        return genre_of(self.meta.title, self.text)

    # ---- helpers for kinds -----------------------------------------------------------
    def shared(self, key, build):
        """build() computed once per document under `key` (hashable): the analyses several rules
        read (passages, figures, the marks scan …). They are freed with the document, and
        engine.for_reports drops them from the copy the reporters keep."""
        memo = self.__dict__.setdefault("_shared", {})
        if key not in memo:
            memo[key] = build()
        return memo[key]

    def spans(self, scope: str) -> list[Span]:
        """Units a kind iterates over: document | paragraph | sentence | line."""
        if scope == "document":
            return [Span(0, len(self.text), self.text)]
        if scope == "paragraph":
            return self.paragraphs
        if scope == "sentence":
            return self.sentences
        if scope == "line":
            return self._line_spans
        raise ValueError(f"unknown scope {scope!r}")

    @cached_property
    def _line_spans(self) -> list[Span]:
        """Non-empty lines outside code fences; built once, every line-scoped rule reuses it."""
        out = []
        skipped = self.skipped_lines
        for no, line in enumerate(self.lines, 1):
            if line and no not in skipped:
                s = self.line_starts[no - 1]
                out.append(Span(s, s + len(line), line))
        return out
