"""Misspelt characters without a list of the error: non-words that one similar character mends.

Two stages, so that a draft without a suspicious spot costs little:
1. a character is *suspect* when neither pair it forms with its neighbours occurs inside any
   dictionary word (a bitmap over character ranks, memory-mapped: data/spelling/bigrams.bin);
   a typo breaks the word it sits in, so both of its pairs are usually unknown. When only one
   pair is unknown (依法制国: 法制 is a word, 制国 is not) the character is a suspect only if a
   same-sounding character stands between the same two neighbours inside a frequent word of
   3-6 characters (table skips: 法?国 -> 治);
2. for a suspect, each similar-sounding or similar-looking character (ECSpell's confusion sets,
   glyph look-alikes, fuzzy readings, characters of the same parts: data/spelling/confusion)
   that forms a known pair with a neighbour is tried: the replacement must make a dictionary
   word (one-sided suspects: a word of three characters or more across both neighbours), and
   the best segmentation of the stretch around it (jieba's unigram word model: the sum of log
   word frequencies, as jieba itself segments) must improve by a clear margin, and so must its
   probability under the word-bigram language model (kinds/_lib/lm, fcitx5's model), asked
   only for the few candidates that pass the first test.

This is the detection step of the classic CSC pipelines (pycorrector's rule-based corrector,
confusion-set candidates scored by a language model), with jieba's word frequencies (plus the
公文/law/idiom word lists and the modern words of fcitx5's model) as the language model, read
from shipped memory-mapped tables (data/spelling/freq.marisa …): jieba itself is never imported.
"""
from __future__ import annotations

import math
import mmap
import re
from functools import cached_property, lru_cache
from typing import NamedTuple

from reportlint.kinds._lib import data
from reportlint.kinds._lib.memo import Memo
from reportlint.model import re_code

_FOLDER = "spelling"
_MAX_WORD = 6          # longest dictionary word the local segmentation tries
_CONTEXT = 4           # characters on each side of a suspect that take part in its scoring
# pair codes (_PairMemo) on each side of a character: neither pair known and not both missing
# (no Han neighbour: no word either), or one pair known and the other not
_TWO_SIDED = re.compile(b"(?=\\x00[\\x00\\x02]|\\x02\\x00)")
_ONE_SIDED = re.compile(b"(?=\\x00\\x01|\\x01\\x00)")
_SURROGATE = re_code.compile("[\ud800-\udfff]")
_HAN_TAIL = re_code.compile("[\u4e00-\u9fff]+$")
_HAN_HEAD = re_code.compile("[\u4e00-\u9fff]*")
_MEMO_MAX = 200_000     # windows kept per process: a long run over many reports stays bounded (~25 MB)
_COVER = 50            # a two-character word this common explains its characters (法制: no slip)
_LM_MIN_FREQ = 30       # the word the language model alone proposes is no rarity
# the trigram path tries a candidate word (unigram log10) this much likelier than the written
# span: two-sided, the written characters are no word, so a clear gain; one-sided, the written
# pair may be a word the context does not want (示范生 -> 师范生): no less likely is enough
_TWO_SIDED_WORD_GAIN = 2.0
_ONE_SIDED_WORD_GAIN = 0.0
# ... and, before the trigram model scores its window (~1 ms), a one-sided character must pass
# two cheap tests: the written pair is no common word (unigram log10 below this; 示范 is rare
# beside 师范), and a candidate word is this much likelier (log10) than the written pair between
# the words beside them (lm.swap_gain: a few look-ups). On ECSpell they keep ~85% of the slips
# the path finds and pass ~2% of the one-sided characters of real reports.
_ONE_SIDED_COMMON = -5.0
# ... nor a common word of the word-frequency model (jieba): the input method's model is older
# than some terms of today's reports (法治 -> 法制)
_ONE_SIDED_WORD = 500
_ONE_SIDED_LOCAL = 2.0
# a character the trigram model finds this likely (log10) as a word by itself (应 可 被 将) is no
# orphan beside a mended word, though not among the joiners
_COMMON_SINGLE = -3.8
_REACH = 8              # characters on each side of a suspect that its verdict may depend on
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
_TOTAL = "<total>"      # the key of the freq table holding the sum of jieba's counts


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class Policy(NamedTuple):
    """What a slip must reach to be reported. A two-character word is an easy target for
    chance (most pairs of common characters are some word), so it needs a larger gain, a common
    word and a same-sound or look-alike character; a longer word that one character completes
    (检察院, 依法治国) is strong evidence by itself."""
    min_gain: float = 5.0          # log-probability gain, two-character word
    min_freq: int = 500            # jieba frequency of the two-character word
    min_gain_long: float = 3.0     # the same for words of three characters or more
    min_freq_long: int = 20
    min_gain_across: float = 4.0   # a word completed across a known pair (依法制国 -> 依法治国)
    min_gain_one_sided: float = 5.0   # a two-character word beside a pair no common word (形政)
    min_lm_gain: float = 4.0       # log10 gain under the word-bigram model (0: not asked)
    min_lm_gain_glyph: float = 6.0   # the same for a look-alike only the glyphs give (农服 -> 衣服)
    lm_same_sound: float = 4.0     # log10 gain under the trigram model alone (kinds/_lib/lm_slips)
    lm_shape: float = 4.5          # the same for a look-alike
    lm_glyph: float = 5.0          # the same for a look-alike only the glyphs give
    lm_one_sided: float = 4.0      # the same-sound margin for a character with a known pair on one
                                   # side (示范生 -> 师范生), when that path is on:
    lm_one_sided_on: bool = False  # (off: it judges ~15x more windows)
    lm_agreed: float = 2.0         # how much lower the trigram same-sound margin is for a
    wf_agreed: float = 4.0         # candidate the word-frequency model also prefers this much
    # the confusion rows' last two fields: a character whose main reading only an input method's
    # fuzzy pinyin hears alike (陈/成, 民/明: many more candidates, so a larger margin) and one
    # built of the same parts (去/法, 侍/持), on the word paths; the trigram path tries only the
    # latter (fuzzy readings there: ~15% more windows scored for 2 ECSpell sentences in 2,055)
    min_lm_gain_fuzzy: float = 6.0
    min_lm_gain_component: float = 5.0
    lm_component: float = 4.5


_DEFAULT = Policy()
# the confusion row's fields ("": main reading; scripts/build_spelling_data.py says each)
_HOWS = ("same-sound", "sound", "shape", "", "glyph", "fuzzy-sound", "component")
_SAID = {"glyph": "shape", "component": "shape", "fuzzy-sound": "sound"}   # a Slip's how for them


class Slip(NamedTuple):
    """A misspelt word the model found in a string, and the word it expects."""
    start: int             # offset of the wrong character in the string checked
    found: str             # the wrong word as written
    expected: str          # the word with the character replaced
    word_start: int        # offset of found/expected in the string
    how: str               # same-sound | sound | shape (fuzzy-sound: sound; glyph, component: shape)
    gain: float            # log-probability gain of the best segmentation
    freq: int              # word frequency of `expected`


class Model:
    def __init__(self):
        folder = data.DIR / _FOLDER
        chars = (folder / "chars.txt").read_text(encoding="utf-8").strip()
        self.rank = dict(zip(chars, range(len(chars))))     # built in C
        self.n = len(chars)
        self.chars = chars
        self.bits = _mapped(folder / "bigrams.bin")
        self._after: dict[str, str] = {}
        self._before: dict[str, str] = {}
        # the most common single-character words (的 在 和 …) are no suspects
        self.joiners = frozenset(data.read_text(f"{_FOLDER}/joiners.txt").split())
        self._pairs = _PairMemo(self.rank, self.n, self.bits)
        self._confusion: dict[str, tuple[str, ...] | None] | None = None
        # the word tables (memory-mapped tries, opened at the first suspect): jieba's people's
        # names (never offered), skips (below), the word frequencies and the confusion sets
        self._tables: _Tables | None = None
        self._people = _Memo(lambda w: w in self._open().people)
        self._fcache: dict[str, int] = {}
        self._logtotal = 0.0
        self._skips = _Memo(lambda ac: self._open().skips.get(ac))
        self._across = _Memo(self._across_candidates)
        self._common_pairs = _Memo(lambda pair: self.freq(pair) >= _COVER)
        self._lm_common = _Memo(self._common_either)
        self._mends: dict[int, tuple[_Memo, _Memo]] = {}
        self._windows: dict[int, tuple[Policy, Memo]] = {}
        self._scan = None                               # kinds/_lib/lm_slips, on first use
        self._slips: dict[int, tuple[Policy, Memo]] = {}
        self._swaps: tuple[Memo, Memo] | None = None    # _lm_swaps, on first use
        self._lm_model = None

    # ---- stage 1: the bitmap ---------------------------------------------------------
    def known(self, a: str, b: str) -> bool:
        ra = self.rank.get(a)
        rb = self.rank.get(b)
        if ra is None or rb is None:
            return False
        i = ra * self.n + rb
        return bool(self.bits[i >> 3] >> (i & 7) & 1)

    def suspects(self, s: str, policy: Policy | None = None) -> list[int]:
        """Offsets of Han characters in `s` whose pairs with both neighbours are unknown (a
        neighbour that is not a Han character makes no pair; a character with no Han neighbour
        makes no word either, and is left alone), and of those with one unknown pair that a
        same-sounding character mends: into a frequent longer word across both neighbours, or,
        when the known pair is no common word itself, into a common two-character word."""
        if len(s) < 2:
            return []
        # each pair is looked up once per process (a long run soon asks only the memo, at C
        # speed), and a regular expression over their codes finds the characters with an
        # unknown pair on either side: most characters are in words on both sides
        t = "\0" + s + "\0"
        codes = bytes(map(self._pairs.__getitem__, [t[k:k + 2] for k in range(len(s) + 1)]))
        joiners = self.joiners
        found = [k for k in (m.start() for m in _TWO_SIDED.finditer(codes))
                 if s[k] not in joiners and s[k] not in _NUMERALS]      # 的, 在; 表二, 第三: not slips
        one_sided = [m.start() for m in _ONE_SIDED.finditer(codes)]
        if one_sided:                          # judged by their three characters, once per process
            windows = self._window_memo(policy or _DEFAULT)
            verdicts = bytes(map(windows.__getitem__, [t[k:k + 3] for k in one_sided]))
            found += [k for k, v in zip(one_sided, verdicts) if v]
            found.sort()
        return found

    def _window_memo(self, policy: Policy) -> Memo:
        """Three characters -> _triple's answer for the middle one, under `policy`."""
        got = self._windows.get(id(policy))        # a rule's policy lives as long as the run
        if got is None or got[0] is not policy:
            got = self._windows[id(policy)] = (policy, Memo(lambda abc: self._triple(abc, policy), _MEMO_MAX))
        return got[1]

    def _triple(self, abc: str, policy: Policy) -> int:
        """1 if the middle character is a suspect, 2 if only the one-sided trigram path may
        look at it (see _lm_gate), else 0. A pair is 1 (inside some word), 0 (two Han
        characters, in no word) or 2 (not two Han characters).

        With one pair unknown and the other known, b may be a slip when a same-sounding
        character completes a frequent longer word across a and c (依法制国), or when the
        known pair is no common word while a character of b's main reading makes a common
        two-character word with a neighbour (生话补助: 生话 occurs only inside longer words;
        生活); failing those, the trigram path may look at it when the known pair is no common
        word of either model either and a candidate makes a model word with a neighbour no less
        probable than the written pair (示范 -> 师范)."""
        b = abc[1]
        if b in self.joiners or b in _NUMERALS:
            return 0                           # 的, 在; 表二, 第三: not slips
        pairs = self._pairs
        lp, rp = abc[:2], abc[1:]
        left, right = pairs[lp], pairs[rp]
        if left + right != 1:
            # both unknown, or one unknown and the other side no pair (吐地); a known pair, or
            # no pair on either side, is no suspect
            return int(left != 1 and right != 1 and left + right < 4)
        # one pair unknown (0), the other known (1)
        if self._skips[abc[0] + abc[2]] and self._across[abc]:
            return 1
        known = lp if left == 1 else rp
        if not self._common_pairs[known]:
            mend_left, mend_right = self._mend_memos(policy)
            if mend_left[lp] or mend_right[rp]:
                return 1
        if not policy.lm_one_sided_on or self._lm_common[known]:
            return 0
        swaps_left, swaps_right = self._lm_swaps()
        return 2 if swaps_left[lp] or swaps_right[rp] else 0

    def _common_either(self, pair: str) -> bool:
        """Whether a pair is a common word of either model: the trigram path leaves it (the
        input method's model is older than some terms of today's reports, 法治 -> 法制)."""
        written = self._lm().unigram(pair)
        return (written is not None and written >= _ONE_SIDED_COMMON) or self.freq(pair) >= _ONE_SIDED_WORD

    def _mend_memos(self, policy: Policy) -> tuple[_Memo, _Memo]:
        """Per pair "nc" (and "cn"): the characters x read like c (same main reading) that make
        "nx" (and "xn") a two-character word as common as `policy` asks, asked once per pair."""
        memos = self._mends.get(policy.min_freq)
        if memos is None:
            if self._confusion is None:
                self._load_words()

            def mends(pair: str, left: bool) -> tuple[str, ...]:
                row = self._candidates(pair[1] if left else pair[0])
                if row is None:
                    return ()
                n = pair[0] if left else pair[1]
                near = self.after(n) if left else self.before(n)     # the bitmap's row first: cheap
                words = ((x, n + x) if left else (x, x + n) for x in row[3] if x in near)
                return tuple(x for x, w in words
                             if self.freq(w) >= policy.min_freq and not self._people[w])

            memos = self._mends[policy.min_freq] = (_Memo(lambda p: mends(p, True)),
                                                     _Memo(lambda p: mends(p, False)))
        return memos

    def _across_candidates(self, abc: str) -> tuple[tuple[str, str], ...]:
        """(how, x) for the same-sounding characters x that some frequent longer word holds
        between a and c (依法制国: 法?国 -> 治). Look-alikes are left out here: with a known
        pair on one side they mend correct text about as often as slips (污泥处理)."""
        fits = self._skips[abc[0] + abc[2]]
        if not fits:
            return ()
        if self._confusion is None:
            self._load_words()
        row = self._candidates(abc[1])
        if row is None:
            return ()
        same = row[0]
        return tuple(("same-sound", x) for x in sorted((x for x in fits if x in same), key=same.index))

    def after(self, ch: str) -> str:
        """Characters that follow `ch` inside some word (bigrams.bin's row, kept as a table), as
        a string: only a few candidates are ever tested against a row (`x in row`, C speed),
        and a set of its hundreds of characters would cost ~0.1 µs each to build."""
        got = self._after.get(ch)
        if got is None:
            got = self._after[ch] = self._open().after.get(ch)
        return got

    def before(self, ch: str) -> str:
        """Characters that precede `ch` inside some word (a string, as after())."""
        got = self._before.get(ch)
        if got is None:
            got = self._before[ch] = self._open().before.get(ch)
        return got

    # ---- stage 2: candidates and the word model --------------------------------------
    def _load_words(self) -> None:
        self._logtotal = math.log(self._open().freq.get(_TOTAL))
        if self._confusion is None:
            self._confusion = {}

    def _open(self) -> _Tables:
        if self._tables is None:
            self._tables = _Tables(data.DIR / _FOLDER)
        return self._tables

    def freq(self, w: str) -> int:
        """The word model's frequency of `w` (jieba's, or a moderate one for the domain and
        modern words it lacks); 0 for a non-word."""
        f = self._fcache.get(w)
        if f is None:
            f = self._fcache[w] = self._open().freq.get(w)
        return f

    def score(self, s: str) -> float:
        """Log-probability of the best segmentation of `s` into dictionary words (unknown
        single characters count as frequency 1, as in jieba)."""
        return _score(self, s)

    def slips(self, s: str, policy: Policy, suspects: list[int] | None = None) -> list[Slip]:
        """The slips in `s` that `policy` accepts, at most one per suspect and none overlapping
        another (two suspects in one word, 司级 -> 四级 / 司机: the larger gain is kept)."""
        if self._confusion is None:
            self._load_words()
        if _SURROGATE.search(s):
            # a byte that was not UTF-8 (kept by surrogateescape) is no word: the language
            # model, which looks words up as UTF-8, reads it as any other unknown character
            s = _SURROGATE.sub("\ufffd", s)
        found: list[Slip] = []
        memo = self._slips.get(id(policy))
        if memo is None or memo[0] is not policy:
            memo = self._slips[id(policy)] = (policy, Memo(
                lambda key: self._judged(key[0], key[1], policy), _MEMO_MAX))
        judged = memo[1]
        for i in self.suspects(s, policy) if suspects is None else suspects:
            # judged once per process by the text around it (every test looks at most
            # _REACH characters away: the context, the LM's two more, an orphan's neighbour,
            # the words beside a one-sided suspect)
            lo = i - _REACH if i > _REACH else 0
            best = judged[(s[lo:i + _REACH + 1], i - lo)]
            if best is None:
                continue
            if lo:
                best = best._replace(start=best.start + lo, word_start=best.word_start + lo)
            clash = [f for f in found if f.word_start < best.word_start + len(best.found)
                     and best.word_start < f.word_start + len(f.found)]
            if any(f.gain >= best.gain for f in clash):
                continue
            found = [f for f in found if f not in clash] + [best]
        return found

    def _judged(self, s: str, i: int, policy: Policy) -> Slip | None:
        """The slip at s[i], if any: by the word-frequency paths, else by the trigram model."""
        abc = (s[i - 1] if i else "\0") + s[i] + (s[i + 1] if i + 1 < len(s) else "\0")
        if self._window_memo(policy)[abc] == 2 and not self._lm_gate(s, i):
            return None                        # the one-sided trigram path's cheap bound fails
        return self._best(s, i, policy) or self._by_lm(s, i, policy)

    def _best(self, s: str, i: int, policy: Policy) -> Slip | None:
        ch = s[i]
        if ch in self.joiners or ch in _NUMERALS:
            return None                        # 的, 在; 表二, 第三: not slips
        row = self._candidates(ch)
        if row is None:
            return None
        pairs = self._pairs
        left = s[i - 1] if i and _is_han(s[i - 1]) else ""
        right = s[i + 1] if i + 1 < len(s) and _is_han(s[i + 1]) else ""
        if left and right and (pairs[left + ch] == 1 or pairs[ch + right] == 1):
            return self._best_one_sided(s, i, policy) or self._best_beside(s, i, policy)
        after = self.after(left) if left else ""
        before = self.before(right) if right else ""
        # the candidates that make a known pair with a neighbour, kind by kind
        # (ECSpell's similar-but-not-same readings find few slips in reports and cost a third
        # of the time: left out)
        tried = [(how, {x for x in options if x in after or x in before})
                 for how, options in zip(_HOWS, row) if how not in ("sound", "")]
        if not any(fits for _, fits in tried):
            return None
        lo, hi = _context(s, i)
        # the stretch of known pairs on each side of i, between the context limits
        run_lo = i - 1
        while run_lo > lo and pairs[s[run_lo - 1:run_lo + 1]] == 1:
            run_lo -= 1
        run_hi = i + 2
        while run_hi < hi and pairs[s[run_hi - 1:run_hi + 1]] == 1:
            run_hi += 1
        words = []
        for how, fits in tried:
            for x in sorted(fits):             # code-point order: the same answer in every run
                word = self._word_with(s, i, x, run_lo if x in after else i,
                                       run_hi if x in before else i + 1,
                                       policy, short=how != "sound")
                if word is not None:
                    words.append((how, x, word))
        return self._judge(s, i, lo, hi, words, policy.min_gain, policy.min_gain_long, policy.min_lm_gain,
                           {"glyph": policy.min_lm_gain_glyph, "fuzzy-sound": policy.min_lm_gain_fuzzy,
                            "component": policy.min_lm_gain_component})

    def _by_lm(self, s: str, i: int, policy: Policy) -> Slip | None:
        """A two-sided suspect the word-frequency paths leave (no common word, or too small a
        gain there), judged by the trigram language model alone (kinds/_lib/lm_slips)."""
        ch = s[i]
        if ch in self.joiners or ch in _NUMERALS:
            return None
        pairs = self._pairs
        left = pairs[s[i - 1] + ch] if i else 2
        right = pairs[ch + s[i + 1]] if i + 1 < len(s) else 2
        if left == 1 and right == 1:
            return None
        if self._scan is None:
            from reportlint.kinds._lib.lm_slips import Scan
            self._scan = Scan(self._kinds, self.after, self.before)
        if left == 1 or right == 1:            # one-sided (示范 in 公费示范生)
            if not policy.lm_one_sided_on or not self._lm_gate(s, i):
                return None
            extra = policy.lm_one_sided - policy.lm_same_sound
        else:
            extra = 0.0
        margins = {"same-sound": policy.lm_same_sound + extra, "shape": policy.lm_shape + extra,
                   "glyph": policy.lm_glyph + extra, "component": policy.lm_component + extra}
        got = self._scan.judge(s, i, {**margins, "same-sound": margins["same-sound"] - policy.lm_agreed},
                               _ONE_SIDED_WORD_GAIN if left == 1 or right == 1 else _TWO_SIDED_WORD_GAIN)
        if got is None:
            return None
        lo, v = got
        ws, we = lo + v.word_start, lo + v.word_end
        if v.gain < margins[v.how] and not self._agreed(s, i, v.x, s[ws:we], v.how, policy):
            return None
        expected = s[ws:i] + v.x + s[i + 1:we]
        freq = self.freq(expected)
        if freq < _LM_MIN_FREQ or self._people[expected]:
            return None                        # 整体智治 -> 智识: a rare word is no better guess
        return Slip(i, s[ws:we], expected, ws, _SAID.get(v.how, v.how), v.gain, freq)

    def _agreed(self, s: str, i: int, x: str, written: str, how: str, policy: Policy) -> bool:
        """Whether a same-sound candidate short of the trigram margin (by at most
        policy.lm_agreed) is a slip all the same: the written word is one the input method
        knows but rarely offers (工做, 建康, 条列: a pick low in its candidate list; a written
        pair it does not know at all is most often two words side by side, 驻|中华), and the
        word-frequency model prefers the candidate by policy.wf_agreed too (two models that
        err differently agree)."""
        if how != "same-sound":
            return False
        got = self._lm().unigram(written)
        if got is None or got >= _ONE_SIDED_COMMON:
            return False
        a, b = _context(s, i)
        return self.score(s[a:i] + x + s[i + 1:b]) - self.score(s[a:b]) >= policy.wf_agreed

    def _lm_gate(self, s: str, i: int) -> bool:
        """Whether a candidate of _lm_swaps for s[i] reads clearly better than the written
        pair between the words beside it (lm.swap_gain): the cheap bound before the trigram
        model scores the window."""
        gain = self._lm().swap_gain
        left, right = self._lm_swaps()
        xs = left[s[i - 1:i + 1]] if i else ()
        if xs and gain(s, i - 1, i + 1, [s[i - 1] + x for x in xs]) >= _ONE_SIDED_LOCAL:
            return True
        xs = right[s[i:i + 2]] if i + 1 < len(s) else ()
        return bool(xs) and gain(s, i, i + 2, [x + s[i + 1] for x in xs]) >= _ONE_SIDED_LOCAL

    def _lm(self):
        """The trigram language model (kinds/_lib/lm), opened on first use."""
        if self._lm_model is None:
            from reportlint.kinds._lib import lm
            self._lm_model = lm.model()
        return self._lm_model

    def _lm_swaps(self) -> tuple[Memo, Memo]:
        """Per pair "ab": the candidates x for b (same sound or look-alike) that make "ax" a
        model word no less probable (unigram) than "ab"; per pair "bc", those for b that make
        "xc" one."""
        if self._swaps is None:
            if self._confusion is None:
                self._load_words()
            model = self._lm()
            word_id, prob, split = model.trie.get, model.prob, model.unigram_split

            def swaps(pair: str, left: bool) -> tuple[str, ...]:
                n, ch = (pair[0], pair[1]) if left else (pair[1], pair[0])
                row = self._candidates(ch)
                if row is None:
                    return ()
                near = self.after(n) if left else self.before(n)
                words = [(x, n + x if left else x + n) for how, options in zip(_HOWS, row)
                         if how in ("same-sound", "shape", "glyph") for x in options if x in near]
                if not words:
                    return ()
                least = split(pair) + _ONE_SIDED_WORD_GAIN
                return tuple(x for x, w in words if (wid := word_id(w)) is not None and prob[wid] >= least)

            self._swaps = (Memo(lambda p: swaps(p, True), _MEMO_MAX), Memo(lambda p: swaps(p, False), _MEMO_MAX))
        return self._swaps

    def _kinds(self, ch: str) -> tuple[tuple[str, str], ...]:
        """(how, characters) of `ch`'s confusion sets, same sound first."""
        row = self._candidates(ch)
        return () if row is None else tuple(zip(_HOWS, row))

    def _best_one_sided(self, s: str, i: int, policy: Policy) -> Slip | None:
        """A suspect with a known pair on one side (法制 in 依法制国): only a character that
        completes a frequent word of three or more characters across both neighbours counts."""
        tried = self._across[s[i - 1:i + 2]]
        if not tried:
            return None
        lo, hi = _context(s, i)
        words = []
        for how, x in tried:
            word = self._word_with(s, i, x, max(lo, i - _MAX_WORD + 2), min(hi, i + _MAX_WORD - 1),
                                   policy, short=False, across=True)
            if word is not None:
                words.append((how, x, word))
        return self._judge(s, i, lo, hi, words, policy.min_gain_across, policy.min_gain_across,
                           policy.min_lm_gain)

    def _best_beside(self, s: str, i: int, policy: Policy) -> Slip | None:
        """A suspect beside a known pair that is no common word (生话 in 生话补助): a character of
        the same main reading that makes a common two-character word with a neighbour."""
        lp, rp = s[i - 1:i + 1], s[i:i + 2]
        if self._common_pairs[lp if self.known(lp[0], lp[1]) else rp]:
            return None
        mend_left, mend_right = self._mend_memos(policy)
        words = [("same-sound", x, (i - 1, i + 1)) for x in mend_left[lp]]
        words += [("same-sound", x, (i, i + 2)) for x in mend_right[rp]]
        lo, hi = _context(s, i)
        return self._judge(s, i, lo, hi, words, policy.min_gain_one_sided, policy.min_gain_one_sided,
                           policy.min_lm_gain)

    def _judge(self, s: str, i: int, lo: int, hi: int, words, min_gain: float,
               min_gain_long: float, min_lm_gain: float, stricter: dict[str, float] | None = None) -> Slip | None:
        """The candidate whose stretch s[lo:hi] reads best under the word-frequency model, if it
        gains enough there and, as a second opinion on the few that do, under the word-bigram
        language model (kinds/_lib/lm: log10, over the stretch and two characters more). Some
        kinds of candidate need more there (`stricter`: how -> margin): a look-alike only the
        glyphs give (pictures alone also pair 农/衣 and 村/付, which mend abbreviations, 农服,
        支村, as well as slips), a fuzzy reading, a character of the same parts."""
        if not words:
            return None
        base = self.score(s[lo:hi])
        passed = []
        for how, x, (ws, we) in words:
            gain = self.score(s[lo:i] + x + s[i + 1:hi]) - base
            if gain < (min_gain if we - ws == 2 else min_gain_long):
                continue
            if self._orphan(s, ws - 1, -1) or self._orphan(s, we, 1):
                continue
            passed.append((gain, how, x, ws, we))
        lm_base = None
        ranked = sorted(passed, key=lambda c: -c[0])
        for gain, how, x, ws, we in ranked:
            need = max(min_lm_gain, stricter.get(how, 0.0)) if stricter else min_lm_gain
            if need > 0:
                from reportlint.kinds._lib import lm
                a, b = max(0, lo - 2), min(len(s), hi + 2)
                if lm_base is None:
                    lm_base = lm.segment(s[a:b])[1]
                if lm.segment(s[a:i] + x + s[i + 1:b])[1] - lm_base < need:
                    continue
                if len(ranked) > 1:
                    # a slip it is; the suggestion is the candidate the context reads best with,
                    # of all the word model accepts (执有 before 资质证书: 持有, not the commoner 只有)
                    read = [(lm.segment(s[a:i] + c[2] + s[i + 1:b])[1], -n) for n, c in enumerate(ranked)]
                    gain, how, x, ws, we = ranked[-max(read)[1]]
            expected = s[ws:i] + x + s[i + 1:we]
            return Slip(i, s[ws:we], expected, ws, _SAID.get(how, how), gain, self.freq(expected))
        return None

    def _orphan(self, s: str, k: int, away: int) -> bool:
        """Whether s[k], next to a mended word, would stay a character in no word: a Han
        character, not a joiner, whose pair with its neighbour away from the word is unknown.
        A real slip sits among words (农村吐地承包); a word made inside a slogan or a name of
        single characters (深学细悟) leaves such an orphan behind. A character that is a
        common word by itself (应, 可) is none."""
        if not 0 <= k < len(s) or not _is_han(s[k]) or s[k] in self.joiners:
            return False
        single = self._lm().unigram(s[k])
        if single is not None and single >= _COMMON_SINGLE:
            return False                       # 应, 可, 被: a common word by itself (书记员应回避)
        j = k + away
        if not 0 <= j < len(s) or not _is_han(s[j]):
            return False
        return not (self.known(s[j], s[k]) if away < 0 else self.known(s[k], s[j]))

    def _candidates(self, ch: str) -> tuple[str, ...] | None:
        """(same reading, similar reading, similar shape, same main reading, look-alike by
        glyph, fuzzy reading, same parts): the common characters `ch` may stand for (the 4,000
        most frequent: the build script leaves rarer ones out), each kind a string in the
        confusion set's order, read on first use."""
        assert self._confusion is not None
        if ch not in self._confusion:
            row = self._open().confusion.get(ch, None)
            self._confusion[ch] = None if row is None else tuple(row.split("\t"))
        return self._confusion[ch]

    def _word_with(self, s: str, i: int, x: str, a0: int, b0: int, policy: Policy, short: bool,
                   across: bool = False):
        """(start, end) of the most frequent word through offset i once s[i] is x, inside
        [a0, b0) (where every character pair is known: no word lies across an unknown pair).
        Two-character words count only when `short` and common enough; `across`: only words
        that hold both neighbours of i."""
        best, where = 0, None
        fcache, freq, people = self._fcache, self.freq, self._people
        if short:
            need = policy.min_freq
            for a in (i - 1, i):
                if a < a0 or a + 2 > b0:
                    continue
                word = s[a] + x if a < i else x + s[i + 1]
                f = fcache.get(word)
                if f is None:
                    f = freq(word)
                if f >= need and f > best and not people[word]:
                    best, where = f, (a, a + 2)
        if b0 - a0 < 3:
            return where
        # where x may stand in a word of three or more characters: between its two neighbours,
        # first or last (some frequent longer word holds that triple: table skips) — a cheap
        # test that spares most look-ups
        skips = self._skips
        places = (i > a0 and i + 1 < b0 and x in skips[s[i - 1] + s[i + 1]],
                  i + 2 < b0 and s[i + 1] in skips[x + s[i + 2]],
                  i - 2 >= a0 and s[i - 1] in skips[s[i - 2] + x])
        if not (places[0] or places[1] or places[2]):
            return where
        need = policy.min_freq_long
        last = i if across else i + 1
        for length in range(3, min(_MAX_WORD, b0 - a0) + 1):
            first = i - length + 1
            for a in range(a0 if first < a0 else first, last):
                b = a + length
                if b > b0:
                    break
                if (across and b < i + 2) or not places[1 if a == i else 2 if b == i + 1 else 0]:
                    continue
                word = s[a:i] + x + s[i + 1:b]
                f = fcache.get(word)
                if f is None:
                    f = freq(word)
                if f >= need and f > best and not people[word]:
                    best, where = f, (a, b)
        return where


def _context(s: str, i: int) -> tuple[int, int]:
    """The Han stretch around i, at most _CONTEXT characters on each side, that is scored."""
    before = _HAN_TAIL.search(s, max(0, i - _CONTEXT), i)
    after = _HAN_HEAD.match(s, i + 1, i + 1 + _CONTEXT)
    return before.start() if before else i, after.end() if after else i + 1


def _score(model: Model, s: str) -> float:
    n = len(s)
    logtotal = model._logtotal
    best = [0.0] + [-math.inf] * n
    # a word lies inside a stretch of known pairs: only those substrings are looked up
    pairs = model._pairs
    chain = 0
    for k in range(1, n + 1):
        if k > 1:
            chain = chain + 1 if pairs[s[k - 2:k]] == 1 else 0
        for j in range(max(0, k - _MAX_WORD, k - 1 - chain), k):
            if best[j] == -math.inf:
                continue
            w = s[j:k]
            f = model.freq(w)
            if not f:
                if k - j > 1:
                    continue
                f = 1
            v = best[j] + math.log(f) - logtotal
            if v > best[k]:
                best[k] = v
    return best[n]


class _Tables:
    """The word tables of data/spelling (kinds/_lib/mapped: a MARISA trie of the keys and an
    array of values, memory-mapped; ~1 µs a look-up, nothing loaded whole), each opened when
    first asked."""

    def __init__(self, folder):
        self._folder = folder

    @cached_property
    def freq(self):                  # word -> frequency; _TOTAL -> the sum of jieba's counts
        from reportlint.kinds._lib.mapped import Numbers
        return Numbers(self._folder / "freq")

    @cached_property
    def confusion(self):             # character -> its confusion row
        from reportlint.kinds._lib.mapped import Texts
        return Texts(self._folder / "confusion")

    @cached_property
    def skips(self):                 # "ac" -> the characters b of frequent words "…abc…"
        from reportlint.kinds._lib.mapped import Texts
        return Texts(self._folder / "skips")

    @cached_property
    def people(self):                # jieba's people's names
        from reportlint.kinds._lib.mapped import Keys
        return Keys(self._folder / "people")

    @cached_property
    def after(self):                 # character -> the characters that follow it in a word
        from reportlint.kinds._lib.mapped import Texts
        return Texts(self._folder / "after")

    @cached_property
    def before(self):                # character -> the characters that precede it in a word
        from reportlint.kinds._lib.mapped import Texts
        return Texts(self._folder / "before")


def _mapped(path) -> mmap.mmap:
    with open(path, "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


class _Memo(dict):
    """key -> f(key), computed on first ask."""

    def __init__(self, f):
        super().__init__()
        self._f = f

    def __missing__(self, key):
        value = self[key] = self._f(key)
        return value


class _PairMemo(dict):
    """pair -> 1 if it occurs inside a word, 0 if not, 2 if it is not two Han characters;
    filled from the bitmap on first ask."""

    def __init__(self, rank: dict[str, int], n: int, bits):
        super().__init__()
        self._rank, self._n, self._bits = rank, n, bits

    def __missing__(self, pair: str) -> int:
        a, b = pair[0], pair[1]
        if not ("\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff"):
            value = 2
        else:                                  # Model.known, inline: the hot path
            ra, rb = self._rank.get(a), self._rank.get(b)
            i = -1 if ra is None or rb is None else ra * self._n + rb
            value = 0 if i < 0 else self._bits[i >> 3] >> (i & 7) & 1
        self[pair] = value
        return value


@lru_cache(maxsize=1)
def model() -> Model:
    return Model()
