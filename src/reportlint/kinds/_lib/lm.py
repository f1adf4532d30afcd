"""A word bigram language model: log10-probabilities of Mandarin words and word pairs.

The table (data/lm/, built by scripts/build_lm_data.py) is the unigram and bigram part of
fcitx5's input-method model zh_CN.lm (libime, LGPL-2.1+): 164,887 words, 1.98 M bigrams with
Katz-style backoff. An input method's model is a model of exactly the words a typing slip
replaces, so it tells 有限责任 from 有线责任 and 切实加强 from 确实加强.

    from reportlint.kinds._lib import lm
    lm.logprob("有限", "责任")        # log10 P(责任 | 有限)
    lm.score(["切实", "加强", "管理"])  # log10 P of the words in a row (the first one unigram)
    lm.segment("依法切实加强")         # best words under the model, and their score

Nothing is read until the first call; both files are memory-mapped (shared between -j workers,
never loaded whole): the words as a MARISA trie (marisa-trie: a word's id in ~1 µs, and all the
words a text starts with in one call, which segment() uses), the probabilities as flat arrays.
"""
from __future__ import annotations

import mmap
import struct
import sys
from array import array
from bisect import bisect_left
from collections.abc import Sequence

from reportlint.kinds._lib import data

_FOLDER = "lm"
_MAGIC = b"RLLM0001"
MAX_WORD = 6        # longest word segment() tries (longer IME entries are rare in reports)


class Model:
    def __init__(self):
        folder = data.DIR / _FOLDER
        import marisa_trie
        self.trie = marisa_trie.Trie()
        self.trie.mmap(str(folder / "vocab.marisa"))
        with open(folder / "lm.bin", "rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if self._map[:8] != _MAGIC:
            raise ValueError(f"{folder / 'lm.bin'}: not a reportlint language model table")
        n, nb, self.unk, _ = struct.unpack_from("<4I", self._map, 8)
        view = memoryview(self._map)
        at = 24

        def take(code: str, count: int):
            nonlocal at
            part = view[at:at + 4 * count]
            at += 4 * count
            if sys.byteorder == "little":
                return part.cast(code)
            got = array(code, part)           # the file is little-endian
            got.byteswap()
            return got

        self.bins = take("f", 256)
        self.prob = take("f", n)
        self.backoff = take("f", n)
        self.offsets = take("I", n + 1)
        self.entries = take("I", nb)

    def id(self, word: str) -> int:
        """The word's id; <unk>'s for a word the model does not know."""
        return self.trie.get(word, self.unk)

    def logprob_ids(self, prev: int, word: int) -> float:
        """log10 P(word | prev) by id; prev < 0: no context (the unigram)."""
        if prev >= 0:
            lo, hi = self.offsets[prev], self.offsets[prev + 1]
            if lo < hi:
                key = word << 8
                entries = self.entries
                i = bisect_left(entries, key, lo, hi)
                if i < hi and entries[i] >> 8 == word:
                    return self.bins[entries[i] & 255]
            return self.backoff[prev] + self.prob[word]
        return self.prob[word]

    def logprob(self, prev: str | None, word: str) -> float:
        return self.logprob_ids(-1 if prev is None else self.id(prev), self.id(word))

    def score(self, words: Sequence[str], prev: str | None = None) -> float:
        last = -1 if prev is None else self.id(prev)
        total = 0.0
        for w in words:
            cur = self.id(w)
            total += self.logprob_ids(last, cur)
            last = cur
        return total

    def segment(self, text: str, prev: str | None = None) -> tuple[list[str], float]:
        """The most probable split of `text` into the model's words (a character it does not
        know stands alone as <unk>) and its log10-probability, after the word `prev` if given:
        Viterbi over (end, last word)."""
        n = len(text)
        unk = self.unk
        # best[k]: {last word id (or -2-k for an unknown character): (score, (j, key at j), word)}
        best: list[dict] = [{} for _ in range(n + 1)]
        best[0][-1 if prev is None else self.id(prev)] = (0.0, None, "")
        prefixes, get = self.trie.prefixes, self.trie.get
        for j in range(n):
            if not best[j]:
                continue
            words = [(w, get(w)) for w in prefixes(text[j:j + MAX_WORD])]
            if all(len(w) > 1 for w, _ in words):
                words.append((text[j], unk))
            for w, wid in words:
                k = j + len(w)
                key = wid if wid != unk else -2 - k       # unknown characters never merge states
                here = best[k]
                for p, (s, _, _) in best[j].items():
                    v = s + self.logprob_ids(p if p >= -1 else unk, wid)
                    if key not in here or v > here[key][0]:
                        here[key] = (v, (j, p), w)
        key = max(best[n], key=lambda q: best[n][q][0])
        score = best[n][key][0]
        out = []
        k = n
        while k > 0:
            _, back, w = best[k][key]
            out.append(w)
            k, key = back
        return out[::-1], score


_MODEL: Model | None = None


def model() -> Model:
    """The shared model, opened on first use."""
    global _MODEL
    if _MODEL is None:
        _MODEL = Model()
    return _MODEL


def known(word: str) -> bool:
    return word in model().trie


def logprob(prev: str | None, word: str) -> float:
    """log10 P(word | prev) (prev None: the unigram probability). An unknown word gets <unk>'s
    probability; an unknown prev gives no context beyond the unigram."""
    return model().logprob(prev, word)


def score(words: Sequence[str], prev: str | None = None) -> float:
    """log10-probability of `words` in a row under the bigram model (after `prev` if given)."""
    return model().score(words, prev)


def segment(text: str, prev: str | None = None) -> tuple[list[str], float]:
    """The best split of `text` into the model's words, and its log10-probability."""
    return model().segment(text, prev)
