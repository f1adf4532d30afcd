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
