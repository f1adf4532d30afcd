"""均/全部 said of a single item: 共作出重大行政决策1项，均严格按照程序进行.

    adverbs: [均, 全部, 全都, 都]          # words that presuppose two or more items
    after_noun: [均]                      # those that may also follow the item's noun directly
    exceptions: ["均衡", "均等"]          # words that start with an adverb but are not one

A count of one (1项 / 一项 / 1名) is flagged when the next clause starts with one of the
adverbs (“1项，均…”), or when an adverb in `after_noun` follows the counted noun in the same
clause (“1名执法人员均取得…”). It is left alone when another count sits in the same
enumeration before it (“审查合同5份、决策1项，均…”), because then 均 covers them all.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from reportlint.kinds._lib.numbers import paragraphs_with, sentence_start
from reportlint.kinds.options import Option
from reportlint.kinds.patterns import constant
from reportlint.model.finding import Hit

KIND = "single_item_quantifier"
SUMMARY = "只有一项却说“均”“全部”：共作出重大行政决策1项，均严格按照程序进行。"
_ONE = ("1", "１", "一")
OPTIONS = {
    "adverbs": Option("list", required=True, items=Option("str"), doc="预设两项以上的副词（均、全部、都）"),
    "after_noun": Option("list", default=[], items=Option("str"), doc="也可以直接跟在名词后的副词"),
    "exceptions": Option("list", default=[], items=Option("str"), doc="以副词开头但不是副词的词（均衡、均等）"),
}
FIELDS = {"found", "adverb"}
SCOPES = ()


def prepare(rule):
    alt = lambda words: "|".join(map(regex.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    exc = rule["exceptions"]
    not_exc = f"(?!{alt(exc)})" if exc else ""
    next_clause = r"\s*[，,]\s*" + not_exc + r"(?P<adv>" + alt(rule["adverbs"]) + ")"
    same_clause = (r"\p{Han}{1,10}?" + not_exc + r"(?P<adv>" + alt(rule["after_noun"]) + ")"
                   if rule["after_noun"] else None)

    @lru_cache(maxsize=1)
    def patterns():
        # compiled on first need: only one report in four has a count of one, and regex
        # takes ~0.7 ms to compile these
        return constant(next_clause), (constant(same_clause) if same_clause else None)
    return patterns


def _count_of_one(n) -> bool:
    return n.is_count and n.exact and n.numeral in _ONE


def check(rule, patterns, doc):
    text = doc.text
    for para, nums in paragraphs_with(doc, _count_of_one):
        for i, n in enumerate(nums):
            if not _count_of_one(n):
                continue
            next_clause, same_clause = patterns()
            m = next_clause.match(text, n.end, para.end)
            if not m and same_clause:
                m = same_clause.match(text, n.end, para.end)
            if not m:
                continue
            # another count earlier in the same sentence, joined by 、/和/及 or by a plain comma
            # clause, may be covered by the same 均
            floor = sentence_start(text, n.start, para.start)
            prev = next((p for p in reversed(nums[:i]) if p.start >= floor and p.is_count), None)
            if prev is not None and _enumerated(text[prev.end:n.start]):
                continue
            yield Hit(n.start, m.end("adv"), {"found": text[n.start:n.end], "adverb": m.group("adv")})


def _enumerated(between: str) -> bool:
    """True when the text between two counts joins them into one list."""
    if any(w in between for w in ("、", "和", "及", "与", "以及")):
        return True
    if any(w in between for w in ("共", "累计", "合计", "总计")):
        return False          # 1项 is a total of its own
    return between.count("，") + between.count(",") <= 1
