"""The domain lexicon (official-document and law words, policy and law titles: ECSpell's lists) indexed by
reading, for finding the places where a draft reads like a domain word but is not written as one
(促权判觉 for 除权判决, 全国人大肠胃会 for 全国人大常委会: an input method's slips, often of several
characters).

Built by scripts/build_domain_data.py into data/domain/ (its docstring has the format): every
reading is a string of one code character per syllable, heard as fuzzy pinyin hears it (zh/z,
ch/c, sh/s, n/l, -ng/-n alike). A draft is read the same way with one str.translate, and an
Aho-Corasick automaton over the readings of the words of 3+ characters and the compounds
(ahocorasick-rs over UTF-16 bytes: ~394 M instructions to build with opening the files, callgrind)
finds every stretch that reads like one of them at a few instructions per character; only the
stretches not written as a domain word are returned. A process that reads little (one draft) does
not build it: the readings' trie, walked from each character (~2 µs a character), finds the same stretches.
Two-character words are searched for only inside compounds, two domain words the language model
often sees in a row (侵犯公民: 亲犯公民), never alone.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reportlint.kinds._lib import data

if TYPE_CHECKING:
    from ahocorasick_rs import BytesAhoCorasick

_WIDE = "utf-16-le"
_NL = "\n"
_ODD = re.compile("[\ud800-\udfff\U00010000-\U0010ffff]")
# Characters of drafts a process reads before it builds the automaton. Measured over corpus+gio
# (86k characters, CPU): building ~160 ms; a search ~0.9 µs a character with it, ~2.0 µs by the trie.
BUILD_AFTER = 100_000
# No reading is longer (a test checks the shipped ones): the trie is walked over this many codes.
LONGEST = 32


class Lexicon:
    def __init__(self):
        from reportlint.kinds._lib.mapped import Keys, Texts
        folder = data.DIR / "domain"
        chars, codes = (folder / "codes.txt").read_text(encoding="utf-8").split("\n")[:2]
        self.table = dict(zip(map(ord, chars), codes))
        self.readings = Texts(folder / "readings")
        self._words = Keys(folder / "words")
        self._read = 0                   # characters of drafts read so far
        self._automaton: BytesAhoCorasick | None = None

    def _build(self) -> None:
        import ahocorasick_rs
        self._patterns = list(self.readings)
        # over UTF-16 (2 bytes a code, not UTF-8's 3): the automaton builds in ~2/3 of the time
        blob = _NL.join(self._patterns).encode(_WIDE)
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            blob.split(_NL.encode(_WIDE)), implementation=ahocorasick_rs.Implementation.NoncontiguousNFA)

    def reading(self, text: str) -> str:
        """One code character per character (a character with no reading stays as it is)."""
        return text.translate(self.table)

    def words(self, reading: str) -> list[str]:
        """The domain words of 3+ characters and the compounds of this reading."""
        return self.readings.get(reading).split()

    def is_word(self, word: str) -> bool:
        """Whether `word` is in the domain lexicon (two-character words too)."""
        return word in self._words

    def near(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, words): the spans of `text` that read like a domain word of 3+ characters
        or a compound but are written otherwise, and the words they read like (in order of start, then end)."""
        reading = self.reading(text)
        self._read += len(text)
        if self._automaton is None and self._read > BUILD_AFTER:
            self._build()
        found = {}
        words = self._words
        for s, e, key in self._matches(reading):
            x = text[s:e]
            if x not in words and (s, e) not in found:
                ws = self.words(key)
                if x not in ws:
                    found[(s, e)] = ws
        return [(s, e, ws) for (s, e), ws in sorted(found.items())]

    def _matches(self, reading: str):
        """(start, end, key): every stretch of `reading` that is a key of the readings."""
        try:
            raw = reading.encode(_WIDE)
        except UnicodeError:                 # a lone surrogate (surrogateescape)
            raw = b""
        if len(raw) != 2 * len(reading):     # and a character beyond the BMP: 4 bytes; read as none
            reading = _ODD.sub("\ufffd", reading)
            raw = reading.encode(_WIDE)
        if self._automaton is None:
            prefixes = self.readings.prefixes
            for s in range(len(reading)):
                for key in prefixes(reading[s:s + LONGEST]):
                    yield s, s + len(key), key
            return
        patterns = self._patterns
        for i, s, e in self._automaton.find_matches_as_indexes(raw, overlapping=True):
            if not s & 1:                     # not a match across two characters' bytes
                yield s >> 1, e >> 1, patterns[i]


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon()
    return _LEXICON
