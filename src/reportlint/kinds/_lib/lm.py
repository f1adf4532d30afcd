"""A word trigram language model: log10-probabilities of Mandarin words in context.

The table (data/lm/, built by scripts/build_lm_data.py) is fcitx5's input-method model zh_CN.lm
(libime, LGPL-2.1+): 164,887 words, 1.98 M bigrams, 0.63 M trigrams, with Katz-style backoff.
An input method's model is a model of exactly the words a typing slip replaces, so it tells
有限责任 from 有线责任, 切实加强 from 确实加强 and 适用的法律 from 使用的法律.

    from reportlint.kinds._lib import lm
    lm.logprob("有限", "责任")              # log10 P(责任 | 有限)
    lm.logprob("的", "法律", prev2="适用")  # log10 P(法律 | 适用 的)
    lm.score(["切实", "加强", "管理"])        # log10 P of the words in a row
    lm.segment("依法切实加强")               # best words under the model, and their score
    lm.unigram("师范")                       # log10 P of a model word alone (None: no such word)
    lm.has_bigram("师范", "学生")            # the model holds that pair itself (no backoff)
    lm.unigram_split("示范生")               # the best split into model words, unigrams only

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
from collections.abc import Iterable, Iterator, Sequence

from reportlint.kinds._lib import data
from reportlint.kinds._lib.memo import Memo

_FOLDER = "lm"
_MAGIC = b"RLLM0002"
MAX_WORD = 6        # longest word segment() tries (longer IME entries are rare in reports)
_MEMO_MAX = 100_000  # unigram answers kept per process


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
        n, nb, self.unk, nc, nt, _ = struct.unpack_from("<6I", self._map, 8)
        view = memoryview(self._map)
        at = 32

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
        self.tri_bins = take("f", 256)
        self.prob = take("f", n)
        self.backoff = take("f", n)
        self.offsets = take("I", n + 1)
        self.entries = take("I", nb)
        self.contexts = take("I", nc)
        self.context_backoff = take("f", nc)
        self.tri_offsets = take("I", nc + 1)
        self.trigrams = take("I", nt)
        self._unigrams: Memo[str, float | None] = Memo(self._unigram, _MEMO_MAX)
        self._splits: Memo[str, float] = Memo(self._unigram_split, _MEMO_MAX)

    def id(self, word: str) -> int:
        """The word's id; <unk>'s for a word the model does not know."""
        return self.trie.get(word, self.unk)

    def unigram(self, word: str) -> float | None:
        """log10 P(word) of a model word alone; None for a word the model does not know."""
        return self._unigrams[word]

    def _unigram(self, word: str) -> float | None:
        wid = self.trie.get(word)
        return None if wid is None else self.prob[wid]

    def has_bigram(self, prev: str, word: str) -> bool:
        """Whether the model holds the pair (prev, word) itself, not by backoff: the context
        asks for that word."""
        a, b = self.trie.get(prev), self.trie.get(word)
        return a is not None and b is not None and self.has_bigram_ids(a, b)

    def unigram_split(self, text: str) -> float:
        """The best unigram log10-probability of `text` split into model words (a character
        the model does not know: <unk>'s probability)."""
        return self._splits[text]

    def _unigram_split(self, text: str) -> float:
        unk = self.prob[self.unk]
        unigram = self._unigrams
        best = [0.0] + [-1e9] * len(text)
        for k in range(1, len(text) + 1):
            for j in range(k):
                got = unigram[text[j:k]]
                if got is None:
                    if k - j > 1:
                        continue
                    got = unk
                if best[j] + got > best[k]:
                    best[k] = best[j] + got
        return best[-1]

    def swap_gain(self, text: str, a: int, b: int, words: Iterable[str]) -> float:
        """How much likelier (log10) the likeliest of `words` is than text[a:b] between the words
        beside them (the longest model word of up to 4 characters ending at a and starting at b,
        or the single character); -inf for no words. An estimate in a few look-ups (~25 µs),
        where segment() of the stretch around them costs ~40x more."""
        get, unk = self.trie.get, self.unk
        left = -1
        for k in range(min(a, 4), 0, -1):
            got = get(text[a - k:a])
            if got is not None or k == 1:
                left = unk if got is None else got
                break
        right = -1
        if b < len(text):
            beside = self.trie.prefixes(text[b:b + 4])
            right = get(max(beside, key=len)) if beside else unk
        logprob = self.logprob_ids
        best = -float("inf")
        for w in words:
            wid = get(w, unk)
            got = logprob(left, wid) + (logprob(wid, right) if right >= 0 else 0.0)
            if got > best:
                best = got
        wid = get(text[a:b], unk)
        return best - logprob(left, wid) - (logprob(wid, right) if right >= 0 else 0.0)

    def neighbours(self, text: str, i: int, j: int, lo: int, hi: int, size: int) -> tuple[int, int, int, int]:
        """(L2, L, R, R2): ids of the two words on each side of text[i:j] within text[lo:hi], split
        greedily into words of at most `size` characters (-1 where the window ends, <unk> for an
        unknown character)."""
        get, prefixes, unk = self.trie.get, self.trie.prefixes, self.unk
        left: list[int] = []
        k = i
        while len(left) < 2 and k > lo:
            for n in range(min(size, k - lo), 0, -1):
                wid = get(text[k - n:k], -1)
                if wid >= 0 or n == 1:
                    left.append(wid if wid >= 0 else unk)
                    k -= n
                    break
        right: list[int] = []
        k = j
        while len(right) < 2 and k < hi:
            words = prefixes(text[k:min(hi, k + size)])
            w = max(words, key=len) if words else text[k]
            right.append(get(w, unk))
            k += len(w)
        left += [-1] * (2 - len(left))
        right += [-1] * (2 - len(right))
        return left[1], left[0], right[0], right[1]

    def _bigram(self, prev: int, word: int) -> int:
        """The index of the bigram (prev, word) among the entries, or -1."""
        lo, hi = self.offsets[prev], self.offsets[prev + 1]
        if lo < hi:
            entries = self.entries
            i = bisect_left(entries, word << 8, lo, hi)
            if i < hi and entries[i] >> 8 == word:
                return i
        return -1

    def followers(self, word: str) -> Iterator[tuple[str, float]]:
        """The words the model holds as bigrams after `word`, each with log10 P(next | word)."""
        prev = self.trie.get(word)
        if prev is None:
            return
        bins, restore = self.bins, self.trie.restore_key
        for entry in self.entries[self.offsets[prev]:self.offsets[prev + 1]]:
            yield restore(entry >> 8), bins[entry & 255]

    def has_bigram_ids(self, prev: int, word: int) -> bool:
        """has_bigram by ids: whether the model holds the pair (prev, word) itself."""
        return self._bigram(prev, word) >= 0

    def logprob_ids(self, prev: int, word: int) -> float:
        """log10 P(word | prev) by id; prev < 0: no context (the unigram)."""
        if prev < 0:
            return self.prob[word]
        lo, hi = self.offsets[prev], self.offsets[prev + 1]     # _bigram, inline: the hot path
        if lo < hi:
            entries = self.entries
            i = bisect_left(entries, word << 8, lo, hi)
            if i < hi and entries[i] >> 8 == word:
                return self.bins[entries[i] & 255]
        return self.backoff[prev] + self.prob[word]

    def _context(self, prev2: int, prev: int) -> int:
        """The index of the trigram context (prev2, prev) among the contexts, or -1."""
        if prev2 >= 0 and prev >= 0:
            e = self._bigram(prev2, prev)
            if e >= 0:
                contexts = self.contexts
                c = bisect_left(contexts, e)
                if c < len(contexts) and contexts[c] == e:
                    return c
        return -1

    def _in_context(self, c: int, prev: int, word: int) -> float:
        """log10 P(word | context c), the context's last word being prev (c < 0: no trigram
        context, the bigram)."""
        if c >= 0:
            lo, hi = self.tri_offsets[c], self.tri_offsets[c + 1]
            trigrams = self.trigrams
            i = bisect_left(trigrams, word << 8, lo, hi)
            if i < hi and trigrams[i] >> 8 == word:
                return self.tri_bins[trigrams[i] & 255]
            return self.context_backoff[c] + self.logprob_ids(prev, word)
        return self.logprob_ids(prev, word)

    def logprob3_ids(self, prev2: int, prev: int, word: int) -> float:
        """log10 P(word | prev2 prev) by id; prev2 < 0: the bigram."""
        return self._in_context(self._context(prev2, prev), prev, word)

    def sides(self, l2: int, l1: int, w: int, r1: int, r2: int) -> tuple[float, float]:
        """log10 P of w after its two left words, and of its two right words after w (trigrams;
        -1: no word there, the window ended)."""
        p = self.logprob3_ids
        right = 0.0
        if r1 >= 0:
            right += p(l1, w, r1)
            if r2 >= 0:
                right += p(w, r1, r2)
        return p(l2, l1, w), right

    def _ids(self, word: str | None) -> int:
        return -1 if word is None else self.id(word)

    def logprob(self, prev: str | None, word: str, prev2: str | None = None) -> float:
        return self.logprob3_ids(self._ids(prev2), self._ids(prev), self.id(word))

    def score(self, words: Sequence[str], prev: str | None = None, prev2: str | None = None) -> float:
        p2, p1 = self._ids(prev2), self._ids(prev)
        total = 0.0
        for w in words:
            cur = self.id(w)
            total += self.logprob3_ids(p2, p1, cur)
            p2, p1 = p1, cur
        return total

    def segment(self, text: str, prev: str | None = None) -> tuple[list[str], float]:
        """The most probable split of `text` into the model's words (a character it does not
        know stands alone as <unk>) and its log10-probability under the trigram model, after
        the word `prev` if given: Viterbi over (end, last two words)."""
        n = len(text)
        unk = self.unk
        # best[k]: {(word before, last word): (score, back key at j, j, word)}; an unknown
        # character is keyed by -2 - its end, so that it never merges with another state
        best: list[dict] = [{} for _ in range(n + 1)]
        best[0][(-1, self._ids(prev))] = (0.0, None, 0, "")
        prefixes, context, in_context = self.trie.iter_prefixes_with_ids, self._context, self._in_context
        for j in range(n):
            states = best[j]
            if not states:
                continue
            words = list(prefixes(text[j:j + MAX_WORD]))
            if all(len(w) > 1 for w, _ in words):
                words.append((text[j], unk))
            # each state's trigram context looked up once, not once per word
            froms = []
            for key, (s, _, _, _) in states.items():
                p2, p1 = key
                p1 = p1 if p1 >= -1 else unk
                froms.append((key, s, p1, context(p2 if p2 >= -1 else unk, p1)))
            for w, wid in words:
                k = j + len(w)
                last = wid if wid != unk else -2 - k
                here = best[k]
                for key, s, p1, c in froms:
                    v = s + in_context(c, p1, wid)
                    state = (key[1], last)
                    if state not in here or v > here[state][0]:
                        here[state] = (v, key, j, w)
        key = max(best[n], key=lambda q: best[n][q][0])
        score = best[n][key][0]
        out = []
        k = n
        while k > 0:
            _, back, j, w = best[k][key]
            out.append(w)
            k, key = j, back
        return out[::-1], score


_MODEL: Model | None = None


def line_window(text: str, i: int, j: int, window: int) -> tuple[int, int]:
    """(lo, hi): up to `window` characters on each side of text[i:j], within its line."""
    lo = max(text.rfind("\n", 0, i) + 1, i - window)
    end = text.find("\n", j)
    return lo, min(len(text) if end < 0 else end, j + window)


def readable(text: str) -> bool:
    """Whether the model can read `text`: its words are looked up as UTF-8, which a lone
    surrogate (a byte that was not UTF-8, kept by surrogateescape) is not."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def model() -> Model:
    """The shared model, opened on first use."""
    global _MODEL
    if _MODEL is None:
        _MODEL = Model()
    return _MODEL


def known(word: str) -> bool:
    return word in model().trie


def logprob(prev: str | None, word: str, prev2: str | None = None) -> float:
    """log10 P(word | prev2 prev) (prev2 None: the bigram; prev None too: the unigram). An
    unknown word gets <unk>'s probability; an unseen context backs off (Katz)."""
    return model().logprob(prev, word, prev2)


def score(words: Sequence[str], prev: str | None = None, prev2: str | None = None) -> float:
    """log10-probability of `words` in a row under the trigram model (after prev2 prev)."""
    return model().score(words, prev, prev2)


def segment(text: str, prev: str | None = None) -> tuple[list[str], float]:
    """The best split of `text` into the model's words, and its log10-probability."""
    return model().segment(text, prev)


def unigram(word: str) -> float | None:
    """log10 P(word) alone; None for a word the model does not know."""
    return model().unigram(word)


def has_bigram(prev: str, word: str) -> bool:
    """Whether the model holds the word pair (prev, word) itself (not by backoff)."""
    return model().has_bigram(prev, word)


def unigram_split(text: str) -> float:
    """The best unigram log10-probability of `text` split into model words."""
    return model().unigram_split(text)
