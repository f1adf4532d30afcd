"""What a draft shows to be a name, for the kinds that suggest another word (spelling,
context_slip): a suggestion inside 《titles》, short quoted names or the report's own unit is
never made, nor one for a word the draft writes the same way throughout and never as suggested.

Both tests look at the whole text, so they are made once per draft for all candidates (a scan
per candidate grew with the square of the draft)."""
from __future__ import annotations

from bisect import bisect_left

from reportlint.model import re_code

# 《titles》 and short quoted names (“湾事芜优”诉源治理, “四议两公开”)
_QUOTED = re_code.compile(r"《[^《》\n]{1,80}》|“[^“”\n]{1,10}”")


class Names:
    def __init__(self, doc, words: set[str]):
        """`words`: the written forms and suggestions that will be asked about."""
        self.spans = _protected(doc)
        self._starts = [a for a, _ in self.spans]
        self._counts = counts(doc.text, words)

    def protected(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a title, a quoted name or the unit's name."""
        return overlaps(self.spans, self._starts, start, end)

    def written_so(self, found: str, expected: str) -> bool:
        """Whether the draft writes `found` twice or more and never `expected`: meant so."""
        return self._counts[found] >= 2 and not self._counts[expected]


def overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the merged `spans` (`starts`: their starts)."""
    i = bisect_left(starts, end) - 1
    return i >= 0 and spans[i][1] > start


def _protected(doc) -> list[tuple[int, int]]:
    """The spans no suggestion is made in, merged and in order."""
    spans = [m.span() for m in _QUOTED.finditer(doc.text)]
    unit = doc.meta.unit
    if unit and len(unit) >= 2:
        start = doc.text.find(unit)
        while start >= 0:
            spans.append((start, start + len(unit)))
            start = doc.text.find(unit, start + 1)
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def counts(text: str, words: set[str]) -> dict[str, int]:
    """How often each of `words` occurs in `text` (as str.count counts: without overlap), in
    one pass however many words there are."""
    from reportlint.kinds._lib.keys import Matcher
    found = dict.fromkeys(words, 0)
    reach = dict.fromkeys(words, 0)
    for start, end, w in Matcher({w: w for w in words}).find(text):
        if start >= reach[w]:
            found[w] += 1
            reach[w] = end
    return found
