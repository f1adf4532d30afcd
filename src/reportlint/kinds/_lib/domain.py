"""The domain lexicon (official-document and law words, policy and law titles: ECSpell's lists) indexed by
reading, for finding the places where a draft reads like a domain word but is not written as one
(促权判觉 for 除权判决, 全国人大肠胃会 for 全国人大常委会: an input method's slips, often of several
characters).

Built by scripts/build_domain_data.py into data/domain/ (its docstring has the format): every
reading is a string of one code character per syllable, heard as fuzzy pinyin hears it (zh/z,
ch/c, sh/s, n/l, -ng/-n alike). A draft is read the same way with one str.translate; the places
where a reading may start are those whose first three codes begin one (heads.txt: ~13% of a
report's characters; until a run has read BUILD_AFTER characters, the trie itself answers), and
only there is the readings' trie walked; each line's stretches are kept
for the run. No automaton is built (~50 ms a process): on text not seen before, near() costs
~0.45 µs a character this way against ~0.27 with a built automaton (corpus/real, gio and the seeds,
process time), so only a run over more than ~100 different reports would gain from building one;
a line seen before costs a dict look-up.
Two-character words are searched for only inside compounds, two domain words the language model
often sees in a row (侵犯公民: 亲犯公民), never alone.
"""
from __future__ import annotations

from reportlint.kinds._lib import data
from reportlint.kinds._lib.memo import LongRun, Memo
from reportlint.model import re_code

# Lone surrogates (a draft read with surrogateescape) cannot be looked up in the trie (UTF-8);
# characters beyond the BMP are in no reading either: both are read as U+FFFD, one for one.
_ODD = re_code.compile("[\ud800-\udfff\U00010000-\U0010ffff]")
HEAD = 3          # every reading has 3+ codes (words of 3+ characters, compounds)
BUILD_AFTER = 20_000   # characters read before the heads' set is read (Lexicon._heads)
_MEMO_MAX = 200_000
_LINES_MAX = 5_000    # lines kept (a long run's memo is emptied when full and fills again)


class Lexicon:
    def __init__(self):
        from reportlint.kinds._lib.mapped import Keys, Texts
        folder = data.DIR / "domain"
        # str.translate's table as a string (position = code point; past its end a character
        # stays as it is): read whole, nothing built (str.maketrans took ~2 ms)
        self.table = (folder / "codes.table").read_bytes().decode("utf-8")
        self.readings = Texts(folder / "readings")
        self._heads_file = folder / "heads.txt"
        self._words = Keys(folder / "words")
        # head -> the readings starting with it (1.35 on average), and written stretch -> whether
        # it is a domain word, and line -> its stretches: a long run soon asks only these, at dict speed
        self._by_head: Memo[str, tuple[str, ...]] = Memo(lambda h: tuple(self.readings.keys(h)), _MEMO_MAX)
        self._is_word: Memo[str, bool] = Memo(self._words.__contains__, _MEMO_MAX)
        self._lines: Memo[str, tuple[tuple[int, int, list[str]], ...]] = Memo(self._near_line, _LINES_MAX)
        # whether some reading starts with three codes: the head memo answers (the readings'
        # trie: heads.txt is exactly their first three codes) until the run has read
        # BUILD_AFTER characters, then the set of heads (~5 ms to read; one report never does)
        self._heads = LongRun(self._by_head.__getitem__, self._read_heads, BUILD_AFTER)

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
        found = []
        at, lines = 0, self._lines
        for line in text.split("\n"):            # no reading holds a line end
            if line:
                found += [(at + s, at + e, ws) for s, e, ws in lines[line]]
            at += len(line) + 1
        return found

    def _near_line(self, line: str) -> tuple[tuple[int, int, list[str]], ...]:
        """near() of one line, kept for the run (reports repeat many of their lines)."""
        found = {}
        is_word = self._is_word
        for s, e, key in self._matches(self.reading(line)):
            x = line[s:e]
            if not is_word[x]:
                ws = self.words(key)
                if x not in ws:
                    found[(s, e)] = ws
        return tuple((s, e, ws) for (s, e), ws in sorted(found.items()))

    def _matches(self, reading: str):
        """(start, end, key): every stretch of `reading` that is a key of the readings, in order."""
        if _ODD.search(reading):
            reading = _ODD.sub("\ufffd", reading)
        is_head, by_head, starts = self._heads.way(len(reading)), self._by_head, reading.startswith
        for s, head in [(s, h) for s in range(len(reading) - HEAD + 1) if is_head(h := reading[s:s + HEAD])]:
            for key in by_head[head]:
                if starts(key, s):
                    yield s, s + len(key), key

    def _read_heads(self):
        return frozenset(self._heads_file.read_text(encoding="utf-8").split()).__contains__


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon()
    return _LEXICON
