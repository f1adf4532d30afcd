"""The index of the other reports a draft is compared with (`--against`), built once and kept.

The engine reads the reports (engine/references.py) and hands them over as `doc.references`.

Every sentence of every reference report goes into one `Matcher`; equal sentences form a
group. A draft's sentence that is (nearly) in many reports is a stock formulation (官话套话
every unit writes), not a copy, and is not reported; nor is one that matches the rule's
`exceptions`. Texts are compared in simplified script with the units' own names taken out
(model/script.py; `Neutral`), so a passage copied from a traditional-script page, or from
another unit with its name changed, still matches.
A lookup also gives each report's score down to PARAGRAPH_SLACK below the threshold, so that a
paragraph whose sentences each had a few words changed is found as a whole (kinds/duplicate.py).

The index is kept in the cache folder as SQLite (data, never code), under a key made of the
references' content and the options, so it can never be stale; a later run with the same
references opens it instead of building it (reference_store.py).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from reportlint.kinds import patterns
from reportlint.kinds._lib.fingerprint import Matcher
from reportlint.kinds._lib.passages import passages
from reportlint.kinds.patterns import search
from reportlint.model.document import Document
from reportlint.model.script import has_traditional, to_simplified

# Administrative units, most specific last: 杂色镇, 可大乡, 金龙街道, 鲤城区, 丰都县.
_UNIT = patterns.constant(r"\p{Han}+?(?:街道|镇|乡|苏木|县|区|旗|市)")
_UNIT_WORDS = patterns.constant(r"中共|人民政府|委员会|党委|党工委|政府|办事处|管委会|关于|[\s\u3000]+")
STOCK_SLACK = 0.1   # near variants of a stock phrase (other year, 我乡 for 我镇) count towards common_in
PARAGRAPH_SLACK = 0.25   # sentences this much below the threshold still count towards a paragraph
_LEVEL = {"街道": 0, "镇": 0, "乡": 0, "苏木": 0, "县": 1, "区": 1, "旗": 1, "市": 2}
UNIT_MARK = "u"     # what a unit's own name becomes in the compared form (normalize() keeps it)


def unit_level(name: str) -> int:
    """0 township (镇 乡 街道 苏木), 1 county (县 区 旗), 2 city (市); 9 for no name."""
    return next((v for k, v in _LEVEL.items() if name and name.endswith(k)), 9)


def unit_name(unit: str) -> str:
    """The most specific administrative name in a unit's title: 丰都县树人镇人民政府 -> 树人镇."""
    best, rank = "", 9
    for part in _UNIT_WORDS.split(unit or ""):
        for m in _UNIT.finditer(part):
            name = m.group()
            level = unit_level(name)
            if len(name) >= 3 and level <= rank:
                best, rank = name, level
    return best


class Neutral:
    """The form texts are compared in: simplified script, and the reports' unit names (and the
    draft's own) replaced by one mark, so that a passage copied from another unit with the name
    changed is the same text. Names are found by one Aho-Corasick pass: the leftmost name, the
    longest one starting there, then on after it."""

    def __init__(self, names):
        self.names = sorted({n for n in names if n})
        self._keys = None

    def _find(self):
        if self._keys is None:
            from reportlint.kinds._lib.keys import Matcher
            self._keys = Matcher(dict.fromkeys(self.names), longest=True)
        return self._keys

    def __call__(self, norm: str, own: str = "", traditional: bool = True) -> str:
        """`traditional`: whether the text the norm comes from holds any traditional character
        (model/script.has_traditional, asked once per report)."""
        if traditional:
            norm = to_simplified(norm)
        if own and own not in self.names and own in norm:
            norm = norm.replace(own, UNIT_MARK)
        if not self.names:
            return norm
        pieces, pos = [], 0
        for start, end, _ in self._find().find(norm):
            pieces.append(norm[pos:start])
            pieces.append(UNIT_MARK)
            pos = end
        if not pieces:
            return norm
        pieces.append(norm[pos:])
        return "".join(pieces)


@dataclass
class Source:
    path: str
    unit: str            # unit_name() of the report's unit, "" when unknown
    real: str            # os.path.realpath, to leave a draft out of its own comparison
    title: str = ""      # the report's title, "" when it has none


@dataclass
class Copy:
    source: Source
    line: int
    exact: bool
    sources: frozenset[int] = field(default_factory=frozenset)   # every report it is (nearly) in


class Lookup:
    """What one lookup found: the copy (or None), whether the text is stock, and per report
    the best score and line of its texts close enough to count towards a paragraph."""
    __slots__ = ("copy", "scores", "stock")

    def __init__(self, copy: Copy | None, scores: dict[int, tuple[float, int]], stock: bool):
        self.copy, self.scores, self.stock = copy, scores, stock


class References:
    """Sentences of the reference reports in a Matcher whose keys index `places` (the reports
    and lines that hold each text)."""

    def __init__(self, min_chars: int, min_similarity: float, common_in: int, exceptions=()):
        self.min_chars = min_chars
        self.min_similarity = min_similarity
        self.common_in = common_in
        self.exceptions = list(exceptions)
        self.sources: list[Source] = []
        self.places: list[list[tuple[int, int]]] = []     # key -> (source index, line), one per source
        self.matcher = Matcher(min_similarity)
        self.neutral = Neutral(())

    def compared(self, doc: Document, s) -> bool:
        """Whether a sentence of a draft takes part: long enough and not a stock phrase."""
        return s.han >= self.min_chars and not (
            self.exceptions and any(search(rx, doc.text, s.start, s.end) for rx in self.exceptions))

    def build(self, reports: list[tuple[str, Document]]) -> References:
        """Index reports given as (path or label, Document)."""
        units = [unit_name(doc.meta.unit) for _, doc in reports]
        self.neutral = Neutral(units)
        for (path, doc), unit in zip(reports, units):
            self._add(path, doc, unit)
        return self

    def _add(self, path: str, doc: Document, unit: str) -> None:
        index = len(self.sources)
        self.sources.append(Source(path, unit, os.path.realpath(path), doc.meta.title))
        keep = self.common_in + 1   # a draft may be one of the references: one more than needed
        traditional = has_traditional(doc.text)
        for s in passages(doc).sentences:
            if s.han >= self.min_chars:
                self._put(self.neutral(s.norm, "", traditional), index, s.line, keep)

    def _put(self, norm: str, index: int, line: int, keep: int) -> None:
        matcher = self.matcher
        key = matcher.exact.get(norm)
        if key is not None:
            places = self.places[key]
            if all(s != index for s, _ in places) and len(places) < keep:
                places.append((index, line))
            return
        key = len(self.places)
        self.places.append([(index, line)])
        matcher.add(key, norm)

    def _places(self, key: int) -> list[tuple[int, int]]:
        return self.places[key]

    def find(self, norm: str, own: str, unit: str = "", traditional: bool = True) -> Copy | None:
        """Where a sentence of the draft was copied from, unless stock text (see lookup)."""
        return self.lookup(norm, own, unit, traditional).copy

    def lookup(self, norm: str, own: str, unit: str = "", traditional: bool = True) -> Lookup:
        """A sentence of the draft looked up: `own` is the draft's realpath (it is left out of
        its own comparison), `unit` the name of its unit (taken out like the references' names).

        Stock text: the sentence, or one only a little further from it (by STOCK_SLACK), is in
        common_in or more other reports, the way 现将……情况报告如下 is in nearly all of them."""
        seen: dict[int, list[tuple[int, int]]] = {}

        def others(key):
            if key not in seen:
                seen[key] = [(i, line) for i, line in self._places(key) if self.sources[i].real != own]
            return seen[key]

        floor = self.min_similarity - max(STOCK_SLACK, PARAGRAPH_SLACK)
        matches = self.matcher.find_all(self.neutral(norm, unit, traditional), floor,
                                        accept=lambda key: bool(others(key)))
        stock = {i for m in matches if m.score >= self.min_similarity - STOCK_SLACK for i, _ in others(m.key)}
        if len(stock) >= self.common_in:
            return Lookup(None, {}, True)
        scores: dict[int, tuple[float, int]] = {}
        for m in matches:
            for i, line in others(m.key):
                if m.score > scores.get(i, (0.0, 0))[0]:
                    scores[i] = (m.score, line)
        best = next((m for m in matches if m.score >= self.min_similarity), None)
        if best is None:
            return Lookup(None, scores, False)
        i, line = others(best.key)[0]
        close = frozenset(i for m in matches if m.score >= self.min_similarity for i, _ in others(m.key))
        # the same once the names are out; with the draft's own name put in for another's, it
        # was changed: “基本相同”
        source = self.sources[i]
        renamed = bool(unit) and unit != source.unit and unit in norm
        return Lookup(Copy(source, line, best.exact and not renamed, close), scores, False)
