"""The domain lexicon (official-document and law words, policy and law titles: ECSpell's lists) indexed by
reading, for finding the places where a draft reads like a domain word but is not written as one
(元神法院 for 原审法院, 趁虚神力 for 程序审理: an input method's slips, often of several characters).

Built by scripts/build_domain_data.py into data/domain/ (its docstring has the format): every
reading is a string of one code character per syllable, heard as fuzzy pinyin hears it (zh/z,
ch/c, sh/s, n/l, -ng/-n alike). A draft is read the same way with one str.translate. Two ways to
find the stretches that read like a domain word of 3+ characters and are written otherwise, with
the same answers:
- the first drafts of a run (up to _SWITCH characters): the places worth a look are where a
  reading trigram of a domain word occurs but the characters there are no trigram of any domain
  word (a memo look-up per character, in C; a trigram not seen before costs a few microseconds);
  only there are the words of that reading looked up (a memory-mapped trie);
- then an Aho-Corasick automaton over the 15k readings (ahocorasick-rs; ~20 ms to build, once),
  which finds every domain reading in the draft's reading at a few instructions per character:
  a run over many reports no longer pays per new trigram.
"""
from __future__ import annotations

from itertools import compress, count
from operator import add

from reportlint.kinds._lib import data
from reportlint.kinds._lib.memo import Memo

MAX_WORD = 16
_MEMO = 200_000      # trigrams remembered per process
_SWITCH = 20_000     # characters read by the trigram scan before the automaton is built


class Lexicon:
    def __init__(self):
        from reportlint.kinds._lib.mapped import Keys, Texts
        folder = data.DIR / "domain"
        chars, codes = (folder / "codes.txt").read_text(encoding="utf-8").split("\n")[:2]
        self.table = dict(zip(map(ord, chars), codes))
        code3, masks, char3 = (folder / "trigrams.txt").read_text(encoding="utf-8").split("\n")[:3]
        self._offsets = dict(zip(_cut(code3, 3), map(int, masks.split())))
        self._char3 = frozenset(_cut(char3, 3))
        self.readings = Texts(folder / "readings")
        self._words = Keys(folder / "words")
        # per process, by the characters (reports share most of their trigrams): the offsets in a
        # domain word at which a trigram may start
        self._trigrams = Memo(self._odd_trigram, _MEMO)
        self._read = 0                       # characters the trigram scan has read
        self._automaton = None               # (automaton, its readings, the words of 3+ characters)

    def reading(self, text: str) -> str:
        """One code character per character (a character with no reading stays as it is)."""
        return text.translate(self.table)

    def words(self, reading: str) -> list[str]:
        """The domain words of 3+ characters of this reading."""
        return self.readings.get(reading).split()

    def is_word(self, word: str) -> bool:
        """Whether `word` is in the domain lexicon (two-character words too)."""
        return word in self._words

    def _odd_trigram(self, three: str) -> int:
        """The offsets (bitmask) at which a domain word of 3+ characters reads like `three`, when
        `three` is written like no trigram of those words; else 0."""
        return 0 if three in self._char3 else self._offsets.get(self.reading(three), 0)

    def near(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, words): the spans of `text` that read like a domain word of 3+ characters
        but are written otherwise, hold a trigram no domain word is written with, and the words
        they read like (in order of start, then end)."""
        if self._automaton is None:
            self._read += len(text)
            if self._read <= _SWITCH:
                return self._near_by_trigrams(text)
            self._automaton = self._build()
        automaton, readings, known = self._automaton
        codes = self.reading(text)
        try:
            matches = automaton.find_matches_as_indexes(codes, overlapping=True)
        except UnicodeError:                 # a lone surrogate (surrogateescape): the automaton reads UTF-8
            return self._near_by_trigrams(text)
        char3 = self._char3
        found = {}
        for i, s, e in matches:
            x = text[s:e]
            if x not in known and any(x[k:k + 3] not in char3 for k in range(e - s - 2)):
                ws = self.words(readings[i])
                if x not in ws:
                    found[(s, e)] = ws
        return [(s, e, ws) for (s, e), ws in sorted(found.items())]

    def _build(self):
        import ahocorasick_rs
        readings = list(self.readings)
        automaton = ahocorasick_rs.AhoCorasick(readings, implementation=ahocorasick_rs.Implementation.NoncontiguousNFA)
        return automaton, readings, frozenset(w for w in self._words if len(w) > 2)

    def _near_by_trigrams(self, text: str) -> list[tuple[int, int, list[str]]]:
        """near() by the trigram memo: a misspelt word holds a trigram that reads like one of the
        word's and is written like no domain word's (one memo look-up per character, in C); only
        there are words looked up."""
        found: dict[tuple[int, int], list[str]] = {}
        odd = self._trigrams
        prefixes = self.readings.prefixes
        codes = ""
        for j in compress(count(), map(odd.__getitem__, map(add, map(add, text, text[1:]), text[2:]))):
            mask = odd[text[j:j + 3]]
            o = 0
            while mask:
                if mask & 1 and j >= o:
                    s = j - o
                    if not codes:
                        codes = self.reading(text)          # once, at the first place worth a look
                    try:
                        keys = prefixes(codes[s:s + MAX_WORD])
                    except UnicodeEncodeError:       # a lone surrogate (surrogateescape)
                        keys = []
                    for key in keys:
                        e = s + len(key)
                        if e >= j + 3 and (s, e) not in found:
                            ws = self.words(key)
                            if text[s:e] not in ws:
                                found[(s, e)] = ws
                mask >>= 1
                o += 1
        return [(s, e, ws) for (s, e), ws in sorted(found.items())]


def _cut(s: str, k: int) -> list[str]:
    return [s[i:i + k] for i in range(0, len(s), k)]


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon()
    return _LEXICON
