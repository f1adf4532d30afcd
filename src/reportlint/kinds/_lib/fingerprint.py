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
import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from itertools import chain

from reportlint.kinds._lib.memo import LongRun
from reportlint.model import re_code

_DROP = re_code.compile(r"[\W_]+")     # all but letters and digits (Unicode-aware, as in `regex` \p{L}\p{N})
# List ordinals at the start of a sentence: 一是 / 其二是 / 第三， / （四） / 5. / ① ...
_ORDINAL = re_code.compile(
    r"^[\s\u3000]*(?:其?[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、]?"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、，,．.]"
    r"|\d{1,2}[、.．](?!\d)|[①-⑳])")

# Punctuation that NFKC maps to punctuation (or leaves alone), never composing with a neighbour.
PLAIN_MARKS = ("，。、；：？！“”‘’《》〈〉「」『』【】〔〕〖〗（）［］｛｝＂＇．／＼｜～－＿…—–·•"
               "％＋＝＃＆＊＠\u3000\u00a0")
# Non-word characters other than ASCII and PLAIN_MARKS (combining marks, ㎡, ℃ …): NFKC matters.
# (A class of the safe characters instead would name the CJK ranges: ~2.4 ms to compile in `re`.)
_OTHER_NONWORD = re_code.compile(r"[^\w\x00-\x7f" + re.escape(PLAIN_MARKS) + "]")

GRAM = 4              # characters per n-gram
SHORT = 40            # texts up to this length index every n-gram, longer ones only anchors
POSTING_CAP = 32      # an n-gram in more texts than this says nothing and is dropped
MAX_NEAR = 20000      # longer texts (no real paragraph) are only compared for equality


ANCHOR_RANGES = ((0x30, 0x39), (0x61, 0x7A), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def is_anchor(cp: int) -> bool:
    """The fixed code-point hash that picks about a quarter of the characters in ANCHOR_RANGES."""
    return ((cp * 2654435761) >> 7) & 3 == 0


def anchor_chars() -> str:
    """The anchor characters computed from the hash (what data/anchors.txt holds, in order)."""
    return "".join(chr(cp) for lo, hi in ANCHOR_RANGES for cp in range(lo, hi + 1) if is_anchor(cp))


@functools.cache
def _anchor_set() -> frozenset[str]:
    """The ~7,000 anchor characters, read from data/anchors.txt (computing them costs ~15 ms of
    a one-file run; tests check the file against anchor_chars())."""
    from reportlint.kinds._lib import data
    return frozenset(data.read_text("anchors.txt").rstrip("\n"))


@functools.cache
def _anchor_grams() -> re.Pattern:
    """The n-grams that start with an anchor character, found in one C-level findall.

    The standard `re` module: it matches a class this big ~40 times faster than `regex`;
    compiling it costs ~4 ms."""
    chars = "".join(sorted(_anchor_set()))
    return re_code.compile(f"(?=([{chars}].{{{GRAM - 1}}}))", re.S)


# Compiling the anchor class (~4 ms) repays itself only over many texts: a one-file run looks
# at ~3,000 characters of long sentences, which a set look-up per character reads in ~0.2 ms.
# The first COMPILE_AFTER characters are read that way, the rest by the compiled pattern.
COMPILE_AFTER = 20_000


def _by_set(norm: str) -> set[str]:
    anchors = _anchor_set()
    return {norm[i:i + GRAM] for i in range(len(norm) - GRAM + 1) if norm[i] in anchors}


def _by_class(norm: str) -> set[str]:
    return set(_anchor_grams().findall(norm))


_WAYS = LongRun(_by_set, lambda: _by_class, COMPILE_AFTER)


def _anchor_ngrams(norm: str) -> set[str]:
    return _WAYS.way(len(norm))(norm)


def normalize(text: str) -> str:
    """Content of a sentence: NFKC, lower case, no leading ordinal, letters and digits only."""
    ordinal = _ORDINAL.match(text)
    if ordinal:
        text = text[ordinal.end():]
    kept = _DROP.sub("", text)
    # NFKC costs ~4/5 of the time on a sentence with full-width punctuation, and can be left
    # out when what it would touch is only ASCII or PLAIN_MARKS (dropped anyway) and the
    # letters and digits kept are NFKC already (then they are so between the marks, too).
    # U+03A3 lower-cases by context (final sigma), which the dropped marks are part of.
    if not _OTHER_NONWORD.search(text) and "\u03a3" not in kept and unicodedata.is_normalized("NFKC", kept):
        kept = kept.lower()
        return kept if kept.isalnum() else _DROP.sub("", kept)
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
    # findall with a capturing lookahead yields the n-grams at anchors without a Python loop
    return _anchor_ngrams(norm)


def similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """1 - Levenshtein distance / length of the longer text (0 when below cutoff)."""
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.normalized_similarity(a, b, score_cutoff=cutoff)


PAIRWISE_PAIRS = 1000     # any_alike compares at most this many pairs of texts of similar length,
PAIRWISE_LONGEST = 2000   # none longer than this (a distance costs ~length² / 64 steps),
PAIRWISE_CHARS = 10_000   # and this many characters in all


PROOF_PAIRS = 300         # pairs none_alike counts characters of before it leaves them to rapidfuzz
# Texts are first told apart by their characters (none_alike; repeated_heading): no rapidfuzz,
# whose import costs ~7 ms of a one-report run. Per call rapidfuzz's C code is ~2x faster, so a
# long run imports it once it has compared this many characters, and asks it directly.
RAPIDFUZZ_AFTER = 100_000
_BY_COUNTS = LongRun(True, lambda: False, RAPIDFUZZ_AFTER)


def by_counts(n: int) -> bool:
    """Whether to try telling texts of n characters in all apart by their characters first."""
    return _BY_COUNTS.way(n)


def any_alike(texts: list[str], min_similarity: float) -> bool:
    """Whether two of `texts` may be equal or alike: False only when no two are at least
    min_similarity alike (similarity(), which is symmetric). A Matcher fed these texts finds
    a match only for such a pair, so when this is False it would find none.

    First none_alike() (below), which settles a report's sentences without importing rapidfuzz
    (~7 ms of a one-report run; see by_counts); else every pair in C (rapidfuzz's length filter and
    bit-parallel distance: ~0.1 ms for a report's 50 sentences). Texts are not compared (True)
    when more than PAIRWISE_PAIRS pairs have lengths that could be alike, one is longer than
    PAIRWISE_LONGEST or all are longer than PAIRWISE_CHARS: the cost stays bounded per draft
    (a few ms at worst; 150 sentences of 7,000 characters took 1.9 s)."""
    lengths = sorted(map(len, texts))
    if len(lengths) < 2:
        return False
    if lengths[-1] > PAIRWISE_LONGEST or sum(lengths) > PAIRWISE_CHARS:
        return True
    # pairs a <= b whose distance may be small enough: b - a <= (1 - min_similarity) * b
    pairs = 0
    for i, a in enumerate(lengths):
        pairs += bisect_right(lengths, a / min_similarity if min_similarity else lengths[-1], i + 1) - i - 1
        if pairs > PAIRWISE_PAIRS:
            return True
    if by_counts(sum(lengths)) and none_alike(texts, min_similarity):
        return False
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein
    scorer = Levenshtein.normalized_similarity
    return any(process.extractOne(texts[j], texts[:j], scorer=scorer, score_cutoff=min_similarity)
               is not None for j in range(1, len(texts)))


def none_alike(texts: list[str], min_similarity: float) -> bool:
    """True when no two texts can be min_similarity alike, shown without a distance: two texts
    within k edits (k = ⌈(1 − min_similarity) × the longer one's length⌉, the most similarity()
    allows) have one of k + 1 pieces of the shorter one whole in the longer (k edits touch k
    pieces at most), and at least (longer − k) characters in common, counted as multisets (each
    edit leaves at most one character unmatched). False: not shown, rapidfuzz decides. On the
    sentences and paragraphs of corpus, gio and examples it settles 105 calls of 108 (the other
    three hold a repeat), in ~0.05 ms a call; past PROOF_PAIRS pairs that pass the first test it
    stops."""
    order = sorted(texts, key=len)
    counts: dict[int, Counter] = {}
    passed = 0
    for x, a in enumerate(order):
        short = len(a)
        for y in range(x + 1, len(order)):
            b = order[y]
            k = math.ceil((1 - min_similarity) * len(b))   # (rounds up: never fewer edits than allowed)
            if len(b) - short > k:
                break                   # the longer ones are further apart still
            if short <= k:
                return False            # too short for k + 1 pieces
            step = short / (k + 1)
            if not any(a[round(i * step):round((i + 1) * step)] in b for i in range(k + 1)):
                continue
            passed += 1
            if passed > PROOF_PAIRS:
                return False
            if x not in counts:
                counts[x] = Counter(a)
            if y not in counts:
                counts[y] = Counter(b)
            if len(b) - sum((counts[x] & counts[y]).values()) <= k:
                return False
    return True


def apart_by_counts(a: str, b: str, threshold: float) -> bool:
    """True when a and b cannot be `threshold` alike by Indel similarity (2 × LCS / (len(a) +
    len(b)), rapidfuzz's Indel, which repeated_heading uses): a common subsequence holds no more of
    a character than both texts have. Most headings share too few characters: this settles 521 of
    the real reports' 522 pairs without importing rapidfuzz (by_counts)."""
    return 2 * sum((Counter(a) & Counter(b)).values()) < threshold * (len(a) + len(b)) - 1e-9


def _most_shared(item: tuple[int, int]) -> tuple[int, int]:
    key, shared = item
    return -shared, key


class Match:
    __slots__ = ("exact", "key", "score")   # (a plain class: a @dataclass costs ~0.5 ms at import)

    def __init__(self, key: int, exact: bool, score: float):
        self.key = key          # the earlier text's key
        self.exact = exact
        self.score = score      # 1.0 for exact

    def __repr__(self) -> str:
        return f"Match({self.key}, exact={self.exact}, score={self.score:.3f})"


class Matcher:
    """Remembers texts under integer keys and finds an earlier equal or near-equal one."""

    def __init__(self, min_similarity: float = 0.9, candidates: int = 3):
        self.min_similarity = min_similarity
        self.candidates = candidates
        self.exact: dict[str, int] = {}
        self.texts: dict[int, str] = {}
        self.sizes: dict[int, int] = {}           # key -> number of indexed n-grams
        self.min_size = 0                         # the smallest size above 0
        # n-gram -> keys of the texts holding it; tuples, so that a text's new n-grams (most of
        # them) go in with one dict.update and share one (key,)
        self.postings: dict[str, tuple[int, ...]] = {}
        self.stop: set[str] = set()               # never in postings again
        self._last: tuple[str, set[str]] = ("", set())

    def _grams(self, norm: str) -> set[str]:
        # find() then add() of the same text is the common sequence: its n-grams are made once
        if self._last[0] != norm or not norm:
            self._last = (norm, grams(norm))
        return self._last[1]

    def find(self, norm: str, accept=None) -> Match | None:
        """The first earlier text equal or close to `norm` (accept(key) may veto a key)."""
        for match in self._matches(norm, accept, self.min_similarity, self.candidates):
            return match
        return None

    def find_all(self, norm: str, min_similarity: float, limit: int = 8, accept=None) -> list[Match]:
        """Earlier texts at least min_similarity alike (at most `limit` candidates are tried)."""
        return list(self._matches(norm, accept, min_similarity, limit))

    # what a lookup reads; StoredMatcher (kinds/_lib/reference_store.py) reads the same from SQLite
    def _exact_key(self, norm: str) -> int | None:
        return self.exact.get(norm)

    def _postings(self, mine: set[str]) -> list[tuple[int, ...]]:
        return list(filter(None, map(self.postings.get, mine)))

    def _texts(self, keys: list[int]) -> dict[int, tuple[str, int]]:
        """{key: (text, number of indexed n-grams)} of candidate keys."""
        return {k: (self.texts[k], self.sizes[k]) for k in keys}

    def _matches(self, norm: str, accept, min_similarity: float, limit: int):
        key = self._exact_key(norm)
        if key is not None and (accept is None or accept(key)):
            yield Match(key, True, 1.0)
        if self.min_similarity >= 1.0 or len(norm) > MAX_NEAR:
            return
        mine = self._grams(norm)
        # shared n-grams per earlier text, counted in C (same order as a loop over `mine`)
        hits = self._postings(mine)
        # a text shares at most len(hits) n-grams (each is indexed once): when that is less than
        # half of every size, no candidate passes the test below and counting is skipped
        if not hits or len(hits) * 2 < min(len(mine), self.min_size):
            return
        counts = Counter(chain.from_iterable(hits))
        n = len(norm)
        slack = 1.0 - min_similarity
        # the texts sharing most n-grams, the earliest first among equals (the same whichever
        # order the postings came in: from memory or from a stored index)
        best = sorted(counts.items(), key=_most_shared)[:limit]
        known = self._texts([k for k, _ in best if k != key])
        for other_key, shared in best:
            if other_key == key or shared * 2 < min(len(mine), known[other_key][1]):
                continue
            other = known[other_key][0]
            if abs(len(other) - n) > slack * max(len(other), n) + 0.5:
                continue
            if accept is not None and not accept(other_key):
                continue
            score = similarity(norm, other, min_similarity)
            if score:
                yield Match(other_key, False, score)

    def add(self, key: int, norm: str, index: bool = True) -> None:
        """Remember `norm` under `key`; index=False records only the exact text.

        A key is indexed (index=True) at most once."""
        self.exact.setdefault(norm, key)
        if not index or self.min_similarity >= 1.0 or len(norm) > MAX_NEAR:
            return
        mine = self._grams(norm)
        self.texts[key] = norm
        self.sizes[key] = len(mine)
        if mine and (not self.min_size or len(mine) < self.min_size):
            self.min_size = len(mine)
        postings, stop = self.postings, self.stop
        if stop:
            mine = mine - stop
        seen = postings.keys() & mine
        for g in seen:
            keys = postings[g] + (key,)
            if len(keys) > POSTING_CAP:
                del postings[g]
                stop.add(g)
            else:
                postings[g] = keys
        postings.update(dict.fromkeys(mine - seen if seen else mine, (key,)))
