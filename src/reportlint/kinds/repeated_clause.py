"""The same clause twice in one paragraph: a duty or measure stated again a few lines on.

    min_chars: 10     # clauses with fewer Chinese characters are never compared

A paragraph is cut into clauses at ，；。：！？ and compared after spaces, punctuation and
ordinals are dropped; a clause equal to an earlier one of the same paragraph is reported
on the later one. Whole sentences repeated anywhere in a draft are duplicate-sentence's: a
pair of clauses that are both whole sentences of 15 or more characters is left to it.
"""
from __future__ import annotations

import re

from reportlint.kinds._lib.fingerprint import han_count, normalize
from reportlint.kinds.options import Option
from reportlint.model.finding import Hit

KIND = "repeated_clause"
SUMMARY = "同一段里把同一个分句（同一项职责、举措）写了两遍。"
OPTIONS = {"min_chars": Option("int", default=10, doc="少于这么多汉字的分句不比较")}
FIELDS = {"found"}
SCOPES = ()

_CUT = re.compile(r"[，,；;。：:！!？?]")
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
    for para in doc.paragraphs:
        seen: dict[str, bool] = {}
        for start, end, whole in _clauses(text, para.start, para.end):
            norm = normalize(text[start:end])
            han = han_count(norm)
            if han < rule["min_chars"]:
                continue
            if norm in seen:
                if not (whole and seen[norm] and han >= SENTENCE_MIN):
                    yield Hit(start, end, {"found": text[start:end].strip()})
            else:
                seen[norm] = whole
