"""What the reporters read of a draft, kept for its findings only (a long run's memory).

A run over thousands of drafts hands every finding to the reporters at the end. They read a
draft only around its findings: the flagged text and its lines (source lines, content
fingerprints of baselines, SARIF and GitLab), a Word paragraph's place (`where`), the path of a
clean file (JUnit). An Excerpt keeps exactly that, so the parent holds a few lines per draft
instead of every draft's text; the HTML page, which shows whole drafts, keeps Documents. When
no reporter reads the findings' text (JSON, GitHub, JUnit, text without source lines, and no
baseline), it keeps only the path and Word places (`text=False`).
"""
from __future__ import annotations

from collections.abc import Iterable

from reportlint.model.document import Document


class _Lines:
    """doc.lines with only some lines kept: the others read as ''."""

    def __init__(self, kept: dict[int, str], count: int):
        self._kept, self._count = kept, count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError(i)
        return self._kept.get(i, "")


class _Text:
    """doc.text answering only the [start:end] slices of its findings ('' for any other)."""

    def __init__(self, spans: dict[tuple[int, int], str], length: int):
        self._spans, self._length = spans, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: slice) -> str:
        if not isinstance(key, slice):
            raise TypeError("an excerpt's text is read by slices")
        return self._spans.get((key.start, key.stop), "")


class Excerpt:
    """The path, encoding and Word places of a draft, its findings' lines and flagged text."""

    where = Document.where      # reads only `locations`

    def __init__(self, path: str, encoding: str, bom: bytes, markdown: bool, locations,
                 lines: dict[int, str], source_lines: dict[int, str], line_count: int,
                 spans: dict[tuple[int, int], str], length: int, has_text: bool = True):
        self.path, self.encoding, self.bom, self.markdown = path, encoding, bom, markdown
        self.has_text = has_text        # the findings' lines and text are kept (Excerpt.of text=True)
        self.locations = locations
        self.lines = _Lines(lines, line_count)                  # as the rules read them
        self.source_lines = _Lines(source_lines, line_count)    # as written (traditional script)
        self.text = _Text(spans, length)

    @classmethod
    def of(cls, doc, findings: Iterable, text: bool = True) -> Excerpt:
        """`text`: also the findings' lines and flagged text."""
        lines, source = doc.lines, doc.source_lines
        kept: dict[int, str] = {}
        kept_source: dict[int, str] = {}
        spans: dict[tuple[int, int], str] = {}
        for f in findings if text else ():
            for no in (f.line, f.end_line):
                if 0 < no <= len(lines):
                    kept[no - 1] = lines[no - 1]
                    kept_source[no - 1] = source[no - 1]
            spans[(f.start, f.end)] = doc.text[f.start:f.end]
        if source is lines:
            kept_source = kept
        return cls(doc.path, doc.encoding, doc.bom, doc.markdown, doc.locations, kept, kept_source, len(lines),
                   spans, len(doc.text), text)

    def without_text(self) -> Excerpt:
        """The same draft's path and places only (Excerpt.of with text=False)."""
        return Excerpt(self.path, self.encoding, self.bom, self.markdown, self.locations, {}, {},
                       len(self.lines), {}, len(self.text), False)

    def parts(self) -> tuple:
        """Picklable, for a -j worker to send back."""
        return (self.path, self.encoding, self.bom, self.markdown, self.locations, self.lines._kept,
                self.source_lines._kept, len(self.lines), self.text._spans, len(self.text), self.has_text)
