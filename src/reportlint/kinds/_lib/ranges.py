"""A set of offset ranges asked "does it hold this offset?" many times: merged once, then
looked up by bisection (scanning every range for every hit is quadratic on long drafts)."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class Ranges:
    """The union of ranges [a, b) — or [a, b] with `closed=True`."""

    def __init__(self, ranges: Iterable[tuple[int, int]], closed: bool = False):
        self.closed = closed
        merged: list[list[int]] = []
        for a, b in sorted(ranges):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        if i < 0:
            return False
        return offset <= self.ends[i] if self.closed else offset < self.ends[i]


def titles_and_skipped(doc, skip_headings) -> tuple[Ranges, Ranges]:
    """The title and heading lines of a draft, and the sections under headings holding one of
    `skip_headings` (下一步工作打算 …): what the year kinds leave alone."""
    spans = [(h.start, h.end) for h in doc.headings]
    if doc.meta.title_line:
        spans.append(doc.line_span(doc.meta.title_line))
    skipped = Ranges((h.start, h.section_end) for h in doc.headings
                     if any(w in h.title for w in skip_headings))
    return Ranges(spans, closed=True), skipped
