"""A character or word typed twice: 的的, 进一步进一步, 工作作。

    allowed: [层层, 常常, …]   # reduplications that are words; skipped before any segmentation
    exceptions: [学习习近平]   # frequent two-word contexts, also skipped before segmenting

Candidates come from one regex pass (a Han character or a 2–4 character string repeated at
once). Only a candidate is segmented, in a small window, with jieba (via reportlint.segment):
  - 的|的 (both copies stand alone)                -> doubled character, fixed by dropping one
  - 目的|的确, 工作|作风 (each copy inside a word)   -> fine
  - 工作|作 right before punctuation (工作作。)     -> stray character, reported without a fix
  - 进一步|进一步, 依法|依法行政                   -> doubled word, fixed by dropping one
  - 党组织|组织生活 (the copies don't align)        -> fine
"""
from __future__ import annotations

from bisect import bisect_left

from reportlint.kinds import patterns
from reportlint.kinds._lib.cjk import HAN, is_han, prose_lines
from reportlint.kinds.options import Option
from reportlint.kinds.patterns import covered
from reportlint.model import re_code
from reportlint.model.finding import Hit

KIND = "doubled_text"
SUMMARY = "字或词重复打了两遍：的的、进一步进一步；只在候选处用分词确认。"
OPTIONS = {
    "allowed": Option("list", default=[], items=Option("str"), doc="本身就是词的叠字（层层、常常），不分词即放过"),
    "exceptions": Option("regexes", default=[],
                         doc="两个词恰好相接的常见语境（学习习近平）；命中即放过，也省去加载分词"),
}
FIELDS = {"found", "expected", "context"}
SCOPES = ()

# any doubled character, kept when it is Han: the same matches as `([{HAN}])\1` (runs of one
# character never overlap), without compiling the HAN class (~2 ms in `re`) at import
_CHAR = re_code.compile(r"(.)\1")
# `regex`: `re` compiles the HAN class in a Python loop (~2.5 ms at every start, ~0.5 in `regex`)
_WORD = patterns.constant(rf"([{HAN}]{{2,4}})\1")
# Where _WORD can start: the first two characters come back 2-4 characters later. A lookahead in
# `re` without a class tests every position ~4x faster than _WORD itself (0.12 against 0.46 s on
# the 7.4 MB file), and _WORD is then only tried where this holds (a few places a report).
_WORD_START = re_code.compile(r"(?=(.)(.).{0,2}\1\2)")
_STOP_MARKS = frozenset("，。、；：？！,.;:?!“”‘’（）()《》【】…—")
WINDOW = 12


def _stops(ch: str) -> bool:
    """A blank or a mark ends the clause: what re's [\\s，。、…—] tests, without compiling that
    class (~0.2 ms at import)."""
    return ch in _STOP_MARKS or ch.isspace()


def _window(line: str, s: int, e: int) -> tuple[int, int]:
    """The clause around [s, e): up to WINDOW characters each side, not across punctuation."""
    lo = s
    while lo > 0 and s - lo < WINDOW and not _stops(line[lo - 1]):
        lo -= 1
    hi = e
    while hi < len(line) and hi - e < WINDOW and not _stops(line[hi]):
        hi += 1
    return lo, hi


def _tokens(line: str, lo: int, hi: int):
    from reportlint.kinds._lib.segment import tokenize

    return [(w, lo + a, lo + b) for w, a, b in tokenize(line[lo:hi])]


def _token_at(tokens, i):
    for tok in tokens:
        if tok[1] <= i < tok[2]:
            return tok
    return None


def _char_hit(line, i, allowed):
    """Hit parameters for the doubled character line[i]line[i+1], or None when it is fine."""
    if line[i:i + 2] in allowed:
        return None
    lo, hi = _window(line, i, i + 2)
    tokens = _tokens(line, lo, hi)
    first, second = _token_at(tokens, i), _token_at(tokens, i + 1)
    if first is None or second is None or first is second:
        return None                                  # one word: 层层, 一个个
    one, two = first[2] - first[1] == 1, second[2] - second[1] == 1
    if one and two:
        return i + 1, i + 2, "", "char"              # 的|的
    if not one and two and (second[2] >= len(line) or _stops(line[second[2]])):
        return i + 1, i + 2, None, "stray"           # 工作|作。
    return None


def _word_hit(line, i, n):
    if line[i] == "一" and n == 2:
        return None                                  # 一步一步, 一点一点, 一对一对接
    lo, hi = _window(line, i, i + 2 * n)
    tokens = _tokens(line, lo, hi)
    first, second = _token_at(tokens, i), _token_at(tokens, i + n)
    if first is None or second is None:
        return None
    if first[1] != i or first[2] != i + n or second[1] != i + n:
        return None                                  # 党组织|组织生活
    return i + n, i + 2 * n, "", "word"


def _doubled_words(text: str) -> list:
    """list(_WORD.finditer(text)): _WORD tried only where it can start, from the end of the last
    match on, as finditer does (it fails everywhere else)."""
    found: list = []
    end = 0
    for c in _WORD_START.finditer(text):
        at = c.start()
        if at >= end and (m := _WORD.match(text, at)):
            found.append(m)
            end = m.end()
    return found


def _in_line(matches, starts, base, end):
    """The matches that start in [base, end), by bisection over their starts."""
    return matches[bisect_left(starts, base):bisect_left(starts, end)]


def check(rule, state, doc):
    allowed = set(rule["allowed"])
    # both patterns search the whole text once (neither matches across a line end) and only the
    # prose lines holding a doubled Han character or word are visited: most lines hold none,
    # and scanning and testing every line for web-page residue cost twice as much
    text = doc.text
    words = _doubled_words(text)
    chars = [m for m in _CHAR.finditer(text) if is_han(m.group(1))]
    if not words and not chars:
        return
    word_starts, char_starts = [m.start() for m in words], [m.start() for m in chars]
    for _no, line, base in prose_lines(doc, at=word_starts + char_starts):
        end = base + len(line)
        taken = -1
        for m in _in_line(words, word_starts, base, end):
            got = _word_hit(line, m.start() - base, len(m.group(1)))
            if got:
                s, e, fix, variant = got
                taken = e
                yield _hit(line, base, s, e, fix, variant, m.group(1))
        for m in _in_line(chars, char_starts, base, end):
            if m.start() - base < taken or m.group() in allowed:
                continue
            if covered(rule["exceptions"], doc, m.start(), m.end()):
                continue
            got = _char_hit(line, m.start() - base, allowed)
            if got:
                s, e, fix, variant = got
                yield _hit(line, base, s, e, fix, variant, m.group(1))


def _hit(line, base, s, e, fix, variant, unit):
    lo, hi = max(0, s - len(unit) - 3), min(len(line), e + 3)
    context = line[lo:hi]
    expected = line[lo:s] + line[e:hi]
    return Hit(base + s, base + e, {"found": line[s:e], "expected": expected, "context": context},
               suggestion=expected if fix is not None else None, fix=fix, variant=variant)
