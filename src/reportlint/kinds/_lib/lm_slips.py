"""Slips judged by the word trigram language model alone: the n-gram detector of the CSC literature.

For a character, each similar-sounding or similar-looking character (the spelling model's
confusion sets) is a candidate when, put in its place, it makes a word of the language model's
vocabulary (2-4 characters, covering the position) that reads better than what is written there:
the written characters are no such word, or the candidate word is far more probable by itself
(unigram, log10). The few candidates left are scored by the trigram model (kinds/_lib/lm) over
the text around the character — the best segmentation of up to _SIDE characters on each side,
as written and with the candidate — and the best one is a slip when it gains at least the
margin (log10) the caller asks.

This is the detection step of pycorrector's kenlm corrector and of the SIGHAN n-gram systems
(confusion-set candidates, a local window scored by an n-gram model against the text as
written, a threshold on the difference), with word-level candidates instead of character
n-grams: a candidate must complete a word, so that the model compares words with words.

A window is judged once per process (memo keyed by the window and the position in it): a long
run over many reports soon asks only the memo.
"""
from __future__ import annotations

from typing import NamedTuple

from reportlint.kinds._lib import lm
from reportlint.kinds._lib.cjk import is_han
from reportlint.kinds._lib.memo import Memo

_SIDE = 4              # characters on each side that the trigram model scores
_MAX_WORD = 4          # longest candidate word tried
_MIN_WORD_GAIN = 2.0   # log10: a candidate word this much likelier (unigram) than the written span
                       # (the caller may ask less where the written text is a word, 示范 -> 师范)
_MEMO_MAX = 100_000


class Verdict(NamedTuple):
    """The trigram model's best candidate for one position, and by how much it wins (a named tuple:
    a frozen @dataclass costs ~0.6 ms to create, every run)."""
    x: str                 # the character expected
    how: str               # same-sound | sound | shape
    gain: float            # log10 gain of the window under the trigram model
    word_start: int        # the candidate word, relative to the window's start
    word_end: int


class Scan:
    """The language-model judge of one position; `candidates(ch)` gives (how, characters)
    pairs in order of preference (the characters as a str, in order), `after(a)` / `before(c)`
    the characters that follow a / precede c inside some word (anything `in` answers)."""

    def __init__(self, candidates, after, before):
        self._candidates = candidates
        self._after = after
        self._before = before
        # (window, offset, least, *margins) -> verdict
        self._memo: Memo[tuple, Verdict | None] = Memo(
            lambda key: self._judge(key[0], key[1], dict(key[3:]), key[2]), _MEMO_MAX)
        self._lm = lm.model()

    def judge(self, s: str, i: int, margins: dict[str, float],
              least: float = _MIN_WORD_GAIN) -> tuple[int, Verdict] | None:
        """The best candidate for s[i] if it gains at least margins[how] (a kind missing from
        `margins` is not tried), among those that make a word at least `least` likelier
        (unigram log10) than the written span; with the offset of the window it is relative to."""
        lo, hi = _window(s, i)
        if hi - lo < 2:
            return None
        got = self._memo[(s[lo:hi], i - lo, least, *sorted(margins.items()))]
        return None if got is None else (lo, got)

    def _judge(self, w: str, i: int, margins: dict[str, float], least: float) -> Verdict | None:
        tried = []
        ch = w[i]
        left = w[i - 1] if i else ""
        right = w[i + 1] if i + 1 < len(w) else ""
        after = self._after(left) if left else ""
        before = self._before(right) if right else ""
        for how, chars in self._candidates(ch):
            if how not in margins:
                continue
            for x in chars:
                if x == ch or not (x in after or x in before):    # a known pair with a neighbour
                    continue
                word = self._word(w, i, x, least)
                if word is not None:
                    tried.append((how, x, word))
        if not tried:
            return None
        # a verdict's word must have a bigram of its own with a neighbour (_attested): a
        # candidate whose every word through i has none with any word beside it in the window
        # cannot be one, and is not scored (most are not: ~1 in 10 can be, on reports)
        beside = _Beside(self._lm, w, i)
        tried = [t for t in tried if beside.may_attest(t[1])]
        if not tried:
            return None
        segment = self._lm.segment
        base = segment(w)[1]
        best = None
        for how, x, (a, b) in tried:
            mended = w[:i] + x + w[i + 1:]
            words, score = segment(mended)
            gain = score - base
            if gain >= margins[how] and (best is None or gain > best.gain) and self._attested(words, i):
                best = Verdict(x, how, gain, a, b)
        return best

    def _attested(self, words: list[str], i: int) -> bool:
        """Whether the word through i in `words` has a bigram of its own with the word before
        or after it in the model (not a backoff): the context asks for that word, rather than
        for any word in place of characters the model does not know."""
        k, end = 0, len(words[0])
        while end <= i:
            k += 1
            end += len(words[k])
        word = words[k]
        if len(word) < 2 or not lm.known(word):
            return False
        has = self._lm.has_bigram
        return ((k > 0 and has(words[k - 1], word))
                or (k + 1 < len(words) and has(word, words[k + 1])))

    def _word(self, w: str, i: int, x: str, least: float) -> tuple[int, int] | None:
        """(start, end) of the candidate word through i once w[i] is x that gains most over the
        written span (unigram log10), if one gains at least `least` (on a tie, the longer word,
        then the later one). The model words through i are read off the trie, a prefix walk
        from each start, instead of a look-up of every span."""
        mended = w[:i] + x + w[i + 1:]
        walk = self._lm.trie.iter_prefixes_with_ids
        words = sorted((len(word), a, wid) for a in range(max(0, i - _MAX_WORD + 1), i + 1)
                       for word, wid in walk(mended[a:a + _MAX_WORD]) if a + len(word) > i and len(word) > 1)
        best, where = least, None
        prob, split = self._lm.prob, self._lm.unigram_split
        for length, a, wid in words:
            b = a + length
            gain = prob[wid] - split(w[a:b])
            if gain >= best:
                best, where = gain, (a, b)
        return where


class _Beside:
    """The model words of a window w beside position i, for _attested's bound: those ending at
    each offset up to i and those starting at each offset after it (text a candidate for w[i]
    leaves as it is), looked up once per window, on first ask."""

    def __init__(self, model, w: str, i: int):
        self._model, self._w, self._i = model, w, i
        self._ending: dict[int, list[int]] = {}
        self._starting: dict[int, list[int]] = {}

    def ending(self, a: int) -> list[int]:
        got = self._ending.get(a)
        if got is None:
            get, w = self._model.trie.get, self._w
            found = (get(w[a - k:a]) for k in range(1, min(lm.MAX_WORD, a) + 1))
            got = self._ending[a] = [wid for wid in found if wid is not None]
        return got

    def starting(self, b: int) -> list[int]:
        got = self._starting.get(b)
        if got is None:
            walk = self._model.trie.iter_prefixes_with_ids
            got = self._starting[b] = [wid for _, wid in walk(self._w[b:b + lm.MAX_WORD])]
        return got

    def may_attest(self, x: str) -> bool:
        """Whether some model word of two or more characters through i, once w[i] is x, has a
        bigram of its own with a model word beside it: what _attested asks of the word through
        i of the best segmentation (whose neighbours are words of at most lm.MAX_WORD
        characters, as these)."""
        w, i = self._w, self._i
        mended = w[:i] + x + w[i + 1:]
        walk, has = self._model.trie.iter_prefixes_with_ids, self._model.has_bigram_ids
        for a in range(max(0, i - lm.MAX_WORD + 1), i + 1):
            for word, wid in walk(mended[a:a + lm.MAX_WORD]):
                b = a + len(word)
                if b <= i or b - a < 2:
                    continue
                if any(has(v, wid) for v in self.ending(a)) or any(has(wid, v) for v in self.starting(b)):
                    return True
        return False


def word_gain(written: str, mended: str) -> float:
    """How much likelier (unigram log10) the model word `mended` is than `written` split into
    model words; -inf when `mended` is no model word."""
    got = lm.unigram(mended)
    return -float("inf") if got is None else got - lm.unigram_split(written)


def _window(s: str, i: int) -> tuple[int, int]:
    """The Han characters around i, at most _SIDE on each side."""
    lo = i
    while lo > 0 and i - lo < _SIDE and is_han(s[lo - 1]):
        lo -= 1
    hi = i + 1
    while hi < len(s) and hi - i <= _SIDE and is_han(s[hi]):
        hi += 1
    return lo, hi
