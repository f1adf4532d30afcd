"""The index of the other reports a draft is compared with (`--against`), built once per run.

The engine reads the reports (engine/references.py) and hands them over as `doc.references`.

Every sentence of every reference report goes into one `Matcher`; equal sentences form a group.
A draft's sentence that is (nearly) in many reports is a stock formulation (官话套话 every unit
writes), not a copy, and is not reported; nor is one that matches the rule's `exceptions`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import regex

from reportlint.kinds._lib.fingerprint import Matcher
from reportlint.kinds._lib.passages import passages
from reportlint.kinds.patterns import search
from reportlint.model.document import Document

# Administrative units, most specific last: 杂色镇, 可大乡, 金龙街道, 鲤城区, 丰都县.
_UNIT = regex.compile(r"\p{Han}+?(?:街道|镇|乡|苏木|县|区|旗|市)")
_UNIT_WORDS = regex.compile(r"中共|人民政府|委员会|党委|党工委|政府|办事处|管委会|关于|[\s\u3000]+")
STOCK_SLACK = 0.1   # near variants of a stock phrase (other year, 我乡 for 我镇) count towards common_in
_LEVEL = {"街道": 0, "镇": 0, "乡": 0, "苏木": 0, "县": 1, "区": 1, "旗": 1, "市": 2}


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


@dataclass
class Source:
    path: str
    unit: str            # unit_name() of the report's unit, "" when unknown
    real: str            # os.path.realpath, to leave a draft out of its own comparison


@dataclass
class Group:
    """Equal sentences (after normalize) of the reference reports."""
    places: list[tuple[int, int]] = field(default_factory=list)   # (source index, line), one per source

    def add(self, source: int, line: int, keep: int) -> None:
        if all(s != source for s, _ in self.places) and len(self.places) < keep:
            self.places.append((source, line))


@dataclass
class Copy:
    source: Source
    line: int
    exact: bool


class References:
    def __init__(self, min_chars: int, min_similarity: float, common_in: int, exceptions=()):
        self.min_chars = min_chars
        self.min_similarity = min_similarity
        self.common_in = common_in
        self.exceptions = list(exceptions)
        self.sources: list[Source] = []
        self.groups: list[Group] = []
        self.matcher = Matcher(min_similarity)

    def compared(self, doc: Document, s) -> bool:
        """Whether a sentence of a draft takes part: long enough and not a stock phrase."""
        return s.han >= self.min_chars and not (
            self.exceptions and any(search(rx, doc.text, s.start, s.end) for rx in self.exceptions))

    def add(self, path: str, doc: Document) -> None:
        """Index a report's sentences: equal ones share a group, near ones are found at lookup."""
        index = len(self.sources)
        self.sources.append(Source(path, unit_name(doc.meta.unit), os.path.realpath(path)))
        keep = self.common_in + 1   # a draft may be one of the references: one more than needed
        exact = self.matcher.exact
        for s in passages(doc).sentences:
            if s.han < self.min_chars:
                continue
            key = exact.get(s.norm)
            if key is not None:
                self.groups[key].add(index, s.line, keep)
                continue
            key = len(self.groups)
            self.groups.append(Group([(index, s.line)]))
            self.matcher.add(key, s.norm)

    def find(self, norm: str, own: str) -> Copy | None:
        """Where a sentence of the draft (own: its realpath) was copied from, unless stock text.

        Stock text: the sentence, or one only a little further from it (by STOCK_SLACK), is in
        common_in or more other reports, the way 现将……情况报告如下 is in nearly all of them."""
        def others(key):
            return [(i, line) for i, line in self.groups[key].places if self.sources[i].real != own]

        matches = self.matcher.find_all(norm, self.min_similarity - STOCK_SLACK,
                                        accept=lambda key: bool(others(key)))
        best = next((m for m in matches if m.score >= self.min_similarity), None)
        if best is None:
            return None
        reports = {i for m in matches for i, _ in others(m.key)}
        if len(reports) >= self.common_in:
            return None
        i, line = others(best.key)[0]
        return Copy(self.sources[i], line, best.exact)


_CACHE: dict[tuple, References] = {}


def references(docs: tuple[Document, ...], texts: tuple[tuple[str, str], ...], min_chars: int,
               min_similarity: float, common_in: int, exceptions=()) -> References:
    """The index of the reference reports (fixed texts first, then `docs`), built once per run
    and set of options. The engine hands the same tuple of Documents to every draft."""
    key = (docs, texts, min_chars, min_similarity, common_in, tuple(rx.pattern for rx in exceptions))
    refs = _CACHE.get(key)
    if refs is None:
        refs = References(min_chars, min_similarity, common_in, exceptions)
        for label, text in texts:
            refs.add(label, Document(text, label))
        for doc in docs:
            refs.add(doc.path, doc)
        if len(_CACHE) >= 4:    # a run compares with one set of references; keep a few
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = refs
    return refs
