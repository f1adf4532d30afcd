"""Text fingerprints for finding repeated passages in linear time.

`normalize()` reduces a sentence to the characters that carry its content (no whitespace,
punctuation or list ordinals). `Matcher` finds, for each new text, an earlier one that is the
same (one dict lookup) or nearly the same: candidates come from an inverted index of character
n-grams, then rapidfuzz's Levenshtein distance decides. Long texts index only "anchor" n-grams
(those starting with a character picked by a fixed code-point hash), which is content-defined
and so survives insertions; n-grams shared by many texts are dropped as uninformative. Work per
text is bounded by its length, so a whole run is linear in the size of the input.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_DROP = re.compile(r"[\W_]+")     # all but letters and digits (Unicode-aware, as in `regex` \p{L}\p{N})
# List ordinals at the start of a sentence: 一是 / 其二是 / 第三， / （四） / 5. / ① ...
_ORDINAL = re.compile(
    r"^[\s\u3000]*(?:其?[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、]?"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、，,．.]"
    r"|\d{1,2}[、.．](?!\d)|[①-⑳])")

GRAM = 4              # characters per n-gram
SHORT = 40            # texts up to this length index every n-gram, longer ones only anchors
POSTING_CAP = 32      # an n-gram in more texts than this says nothing and is dropped
MAX_NEAR = 20000      # longer texts (no real paragraph) are only compared for equality


@functools.cache
def _anchor() -> re.Pattern:
    """A character class of about a quarter of all CJK ideographs, letters and digits.

    Built on first use (~50 ms). The standard `re` module: it matches a class this big
    ~40 times faster than `regex`."""
    def picked(cp: int) -> bool:
        return ((cp * 2654435761) >> 7) & 3 == 0
    ranges = [(0x30, 0x39), (0x61, 0x7A), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
    chars = "".join(chr(cp) for lo, hi in ranges for cp in range(lo, hi + 1) if picked(cp))
    return re.compile("[" + re.escape(chars) + "]")


def normalize(text: str) -> str:
    """Content of a sentence: NFKC, lower case, no leading ordinal, letters and digits only."""
    text = _ORDINAL.sub("", text, count=1)
    return _DROP.sub("", unicodedata.normalize("NFKC", text).lower())


def han_count(norm: str) -> int:
    """Chinese characters of a normalized text (its non-ASCII letters, in practice Han)."""
    return len(norm) - len(norm.encode("ascii", "ignore"))


def grams(norm: str) -> set[str]:
    """The n-grams a text is indexed and looked up by (all of them for short texts)."""
    last = len(norm) - GRAM + 1
    if last <= 0:
        return {norm} if norm else set()
    if len(norm) <= SHORT:
        return {norm[i:i + GRAM] for i in range(last)}
    return {norm[m.start():m.start() + GRAM] for m in _anchor().finditer(norm, 0, last)}


def similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """1 - Levenshtein distance / length of the longer text (0 when below cutoff)."""
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.normalized_similarity(a, b, score_cutoff=cutoff)


@dataclass
class Match:
    key: int          # the earlier text's key
    exact: bool
    score: float      # 1.0 for exact


class Matcher:
    """Remembers texts under integer keys and finds an earlier equal or near-equal one."""

    def __init__(self, min_similarity: float = 0.9, candidates: int = 3):
        self.min_similarity = min_similarity
        self.candidates = candidates
        self.exact: dict[str, int] = {}
        self.texts: dict[int, str] = {}
        self.sizes: dict[int, int] = {}           # key -> number of indexed n-grams
        self.postings: dict[str, list[int]] = {}
        self.stop: set[str] = set()

    def find(self, norm: str, accept=None) -> Match | None:
        """The first earlier text equal or close to `norm` (accept(key) may veto a key)."""
        for match in self._matches(norm, accept, self.min_similarity, self.candidates):
            return match
        return None

    def find_all(self, norm: str, min_similarity: float, limit: int = 8, accept=None) -> list[Match]:
        """Earlier texts at least min_similarity alike (at most `limit` candidates are tried)."""
        return list(self._matches(norm, accept, min_similarity, limit))

    def _matches(self, norm: str, accept, min_similarity: float, limit: int):
        key = self.exact.get(norm)
        if key is not None and (accept is None or accept(key)):
            yield Match(key, True, 1.0)
        if self.min_similarity >= 1.0 or len(norm) > MAX_NEAR:
            return
        mine = grams(norm)
        counts: Counter = Counter()
        postings, stop = self.postings, self.stop
        for g in mine:
            if g in stop:
                continue
            keys = postings.get(g)
            if keys:
                counts.update(keys)
        n = len(norm)
        slack = 1.0 - min_similarity
        for other_key, shared in counts.most_common(limit):
            if other_key == key or shared * 2 < min(len(mine), self.sizes[other_key]):
                continue
            other = self.texts[other_key]
            if abs(len(other) - n) > slack * max(len(other), n) + 0.5:
                continue
            if accept is not None and not accept(other_key):
                continue
            score = similarity(norm, other, min_similarity)
            if score:
                yield Match(other_key, False, score)

    def add(self, key: int, norm: str, index: bool = True) -> None:
        """Remember `norm` under `key`; index=False records only the exact text."""
        self.exact.setdefault(norm, key)
        if not index or self.min_similarity >= 1.0 or len(norm) > MAX_NEAR:
            return
        mine = grams(norm)
        self.texts[key] = norm
        self.sizes[key] = len(mine)
        postings, stop = self.postings, self.stop
        for g in mine:
            if g in stop:
                continue
            keys = postings.setdefault(g, [])
            keys.append(key)
            if len(keys) > POSTING_CAP:
                del postings[g]
                stop.add(g)
