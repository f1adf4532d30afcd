"""The same clause twice in one paragraph: a duty or measure stated again a few lines on.

    min_chars: 10     # clauses with fewer Chinese characters are never compared

A paragraph is cut into clauses at ，；。：！？ and compared after spaces, punctuation and
ordinals are dropped; a clause equal to an earlier one of the same paragraph is reported
on the later one. Whole sentences repeated anywhere in a draft are duplicate-sentence's: a
pair of clauses that are both whole sentences of 15 or more characters is left to it.
"""
from __future__ import annotations

from collections import Counter

from reportlint.kinds._lib.fingerprint import PLAIN_MARKS, han_count, normalize
from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit

KIND = "repeated_clause"
SUMMARY = "同一段里把同一个分句（同一项职责、举措）写了两遍。"
OPTIONS = {"min_chars": Option("int", default=10, doc="少于这么多汉字的分句不比较")}
FIELDS = {"found"}
SCOPES = ()

_CUT = re_code.compile(r"[，,；;。：:！!？?]")
_SENTENCE_END = "。；;！!？?"
SENTENCE_MIN = 15   # duplicate-sentence compares sentences of this many characters


def _clauses(text: str, start: int, end: int):
    """(start, end, whole sentence?) of each clause of text[start:end]."""
    at, sentence_start = start, True
    for m in _CUT.finditer(text, start, end):
        yield at, m.start(), sentence_start and m.group() in _SENTENCE_END
        sentence_start = m.group() in _SENTENCE_END
        at = m.end()
    if at < end:
        yield at, end, sentence_start


def check(rule, state, doc):
    text = doc.text
    min_chars = rule["min_chars"]
    # normalize() keeps a clause's last few Chinese characters last, so clauses that end in
    # different ones are never equal: only those that share them with another clause of the
    # paragraph are normalized (most clauses end in their own). Clauses shorter than `tail`
    # after normalize() are too short to be compared anyway.
    tail = min(3, min_chars)
    for para in doc.paragraphs:
        if tail > 0:
            pieces = _CUT.split(text[para.start:para.end])     # the clauses, cut in C
            ends = [_ending(piece, tail) for piece in pieces]
            if not pieces[-1]:
                ends.pop()          # a paragraph ending in a mark: _clauses gives no empty last clause
            if None not in ends and len(set(ends)) == len(ends):
                continue            # no two clauses end alike: none is repeated
        else:
            ends = [None]
        clauses = list(_clauses(text, para.start, para.end))
        shared = None if None in ends else {c for c, n in Counter(ends).items() if n > 1}
        seen: dict[str, bool] = {}
        for i, (start, end, whole) in enumerate(clauses):
            if shared is not None and (ends[i] not in shared or ends[i] == _TOO_SHORT):
                continue
            norm = normalize(text[start:end])
            han = han_count(norm)
            if han < min_chars:
                continue
            if norm in seen:
                if not (whole and seen[norm] and han >= SENTENCE_MIN):
                    yield Hit(start, end, {"found": text[start:end].strip()})
            else:
                seen[norm] = whole


_DROPPED = frozenset(PLAIN_MARKS)   # marks that NFKC leaves marks (dropped by normalize)
_TOO_SHORT = ""                     # fewer letters than asked for: shorter than min_chars


def _ending(clause: str, n: int) -> str | None:
    """_last_han of a whole clause: most end in n Chinese characters, which it gives back."""
    last = clause[-n:]
    if len(last) == n and min(last) >= "\u4e00" and max(last) <= "\u9fff" and last.isalnum():
        return last
    return _last_han(clause, 0, len(clause), n)


def _last_han(text: str, start: int, end: int, n: int) -> str | None:
    """The last n letters and digits of text[start:end] as normalize() ends, when they are
    Chinese characters (U+4E00–U+9FFF) or ASCII (lower-cased), which NFKC leaves alone, with
    only ASCII or _DROPPED marks among and after them (NFKC makes no letter of those). _TOO_SHORT
    when the clause has fewer (then normalize() gives fewer); None when it cannot tell."""
    found = ""
    for i in range(end - 1, start - 1, -1):
        ch = text[i]
        if ch < "\x80":
            if ch.isalnum():
                found = ch.lower() + found
        elif "\u4e00" <= ch <= "\u9fff" and ch.isalnum():
            found = ch + found
        elif ch not in _DROPPED:
            return None
        if len(found) == n:
            return found
    return _TOO_SHORT
