"""A stated rate against the counts it is computed from: 排查22起，化解20起，化解率100%.

    rates: {化解: [化解], 办结: [办结, 结案], 合格: [合格, 通过]}   # 率 word -> numerator verbs
    bases: {纠错: [审结, 办结]}              # where the base is not simply the previous count
    qualified: [按期, 按时, 及时, 一次性]   # 按期办结率 is not 办结/受理: skip such rates

For each percentage introduced by a rate word (…率达/为/均达 N%), the numerator is the
nearest earlier count whose phrase holds one of the verbs, the denominator the nearest
count before that with the same kind of unit that is not a part of a 其中 breakdown (and,
for a rate listed in `bases`, whose phrase holds one of its words: 纠错率 is counted on
审结 cases, not on 受理 ones); both are looked for in the rate's sentence and the one
before it. The rate must equal numerator/denominator to the precision it is
written with (one unit of its last digit, so rounding and truncation both pass); with
以上/超过 it must not exceed it; with 近/约 it may be 5 points off. Figures with 余/多 are skipped.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from reportlint.kinds import patterns
from reportlint.kinds._lib.numbers import APPROX_PREFIXES, paragraphs_with, phrase_before, sentence_start
from reportlint.kinds.options import Option
from reportlint.model.finding import Hit

KIND = "rate_check"
SUMMARY = "百分比与算出它的数字对不上：排查22起，化解20起，化解率100%。"
OPTIONS = {
    "rates": Option("map", required=True, values=Option("list", min_len=1, items=Option("str", min_len=1)),
                    doc="“率”字前的词 → 分子的动词，如 化解: [化解]"),
    "bases": Option("map", default={}, values=Option("list", items=Option("str")),
                    doc="“率”字前的词 → 分母所在短语必须含的词"),
    "qualified": Option("list", default=[], items=Option("str"),
                        doc="改变统计口径的前置词（按期、及时），带这些词的率不查"),
}
FIELDS = {"name", "stated", "computed", "numerator", "denominator"}
SCOPES = ()

# Units that count the same things.
_UNIT_CLASS = {"起": "件", "宗": "件", "例": "件", "名": "人", "位": "人", "场次": "场"}


def prepare(rule):
    heads = sorted(rule["rates"], key=len, reverse=True)
    source = (r"(?P<qual>\p{Han}{0,6}?)(?P<head>" + "|".join(map(regex.escape, heads))
              + r")率(?P<lead>[均都]?(?:达到|达|为|是|保持在|保持|提升至|提升到|提高至|提高到|实现)?)\s*$")

    @lru_cache(maxsize=1)
    def pattern():
        return patterns.constant(source)    # on first need: many reports state no rate (~0.8 ms)
    return pattern


def _unit(u: str) -> str:
    return _UNIT_CLASS.get(u, u)


def _tolerance(numeral: str) -> Decimal:
    decimals = len(numeral.split(".", 1)[1]) if "." in numeral else 0
    return Decimal(1).scaleb(-decimals)


def _in_breakdown(text: str, pos: int, floor: int) -> bool:
    """A count after 其中 in its sentence is a part of a total, not a base: 共38件，其中A 14件."""
    return "其中" in text[sentence_start(text, pos, floor):pos]


def _is_rate(n) -> bool:
    return n.percent


def check(rule, pattern, doc):
    text = doc.text
    qualified = tuple(rule["qualified"])
    for para, nums in paragraphs_with(doc, _is_rate):
        for i, rate in enumerate(nums):
            if not rate.percent or rate.value is None:
                continue
            phrase = phrase_before(text, rate.start, para.start)
            m = pattern().search(phrase)
            if not m or (qualified and any(q in m.group("qual") for q in qualified)):
                continue
            # counts in this sentence and the one before, after the previous percentage
            floor = sentence_start(text, rate.start, para.start)
            floor = sentence_start(text, max(para.start, floor - 1), para.start)
            pair = _fraction(text, nums[:i], floor, rule["rates"][m.group("head")],
                             rule["bases"].get(m.group("head")))
            if pair is None:
                continue
            numer, denom = pair
            computed = numer.value / denom.value * 100
            if _contradicts(rate, computed):
                shown = f"{computed.quantize(Decimal('0.1')).normalize():f}%"
                yield Hit(rate.num_start, rate.end, {
                    "name": m.group("qual") + m.group("head") + "率",
                    "stated": text[rate.num_start:rate.end],
                    "computed": shown,
                    "numerator": text[numer.num_start:numer.end].replace(" ", ""),
                    "denominator": text[denom.num_start:denom.end].replace(" ", ""),
                }, suggestion=shown)


def _fraction(text: str, before: list, floor: int, verbs: list, bases: list | None):
    """(numerator, base) of a rate among the counts before it from `floor` on, or None."""
    window = [n for n in before if n.start >= floor]
    for j in range(len(window) - 1, -1, -1):
        if window[j].percent:
            window = window[j + 1:]
            break
    num_idx = next((j for j in range(len(window) - 1, -1, -1)
                    if window[j].is_count
                    and any(v in phrase_before(text, window[j].start, floor) for v in verbs)),
                   None)
    if num_idx is None:
        return None
    numer = window[num_idx]
    denom = next((d for d in reversed(window[:num_idx])
                  if d.is_count and _unit(d.unit) == _unit(numer.unit)
                  and not _in_breakdown(text, d.start, floor)
                  and (not bases or any(b in phrase_before(text, d.start, floor) for b in bases))),
                 None)
    if denom is None or not (numer.exact and denom.exact) or not denom.value:
        return None
    if any(v in phrase_before(text, denom.start, floor) for v in verbs):
        return None          # two figures of the same verb: not numerator and base
    return numer, denom


def _contradicts(rate, computed: Decimal) -> bool:
    """Whether the stated rate (with its 以上 / 约 / 左右 qualifiers) cannot be the computed one."""
    stated, tol = rate.value, _tolerance(rate.numeral)
    if rate.suffix == "以上" or rate.prefix in ("超过", "超", "逾"):
        return computed < stated - tol
    if rate.prefix in APPROX_PREFIXES or rate.suffix in ("左右", "上下"):
        return abs(computed - stated) > 5
    if rate.prefix or rate.suffix:
        return False
    return abs(computed - stated) > tol
