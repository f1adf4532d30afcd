"""A total against its breakdown: 共受理12件，其中行政处罚8件、行政许可6件 (8+6 > 12).

    markers: [其中, 包括]            # words that open the breakdown
    stops: [已, 化解, 办结, 同比]    # a clause holding one of these no longer lists parts

The total is the last count before the marker in the same sentence (or, when the sentence
opens with the marker, the only count of the sentence before). The parts are the counts
after the marker with the same kind of unit, up to the end of the sentence (or ；),
skipping figures in brackets (a part of a part) and stopping at a clause with a stop word.
Only parts that add up to MORE than the total are reported (a partial breakdown is
normal), and, as 其中 may break down any count of its sentence, more than each of them.
With `complete_when_last: [其他]` a rule reports the other way round: a breakdown whose last
part is the rest (其他……856条) is complete, so parts that add up to LESS than the total are
reported (and nothing else).
余/多/近/约 are honoured: 1500余份 may be up to 1599.
"""
from __future__ import annotations

import re
from decimal import Decimal

from reportlint.kinds._lib.numbers import numbers_between, sentence_end, sentence_start
from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit

KIND = "total_check"
SUMMARY = "总数与分项对不上：共受理12件，其中行政处罚8件、行政许可6件。"
OPTIONS = {
    "markers": Option("list", required=True, items=Option("str"), doc="引出分项的词（其中、包括）"),
    "stops": Option("list", default=[], items=Option("str"), doc="含这些词的分句不再是分项（已、化解、同比）"),
    "complete_when_last": Option("list", default=[], items=Option("str"),
                                 doc="设了它就改查“不足”：最后一个分项含这些词（其他）时分项是完整的，"
                                     "加起来少于合计即报"),
}
FIELDS = {"total", "sum", "parts"}
SCOPES = ()

_UNIT_CLASS = {"起": "件", "宗": "件", "名": "人", "位": "人", "场次": "场"}
_CLAUSE = re_code.compile(r"[，,；;]")
_SEMICOLON = re_code.compile(r"[；;]")


def prepare(rule):
    # plain words: re compiles them several times faster than regex (a start-up cost)
    alt = "|".join(map(re.escape, sorted(rule["markers"], key=len, reverse=True)))
    return re_code.compile(alt)


def _unit(u: str) -> str:
    return _UNIT_CLASS.get(u, u)


def _bracketed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, depth, open_at = [], 0, 0
    for i in range(start, end):
        c = text[i]
        if c in "（(":
            if depth == 0:
                open_at = i
            depth += 1
        elif c in "）)" and depth:
            depth -= 1
            if depth == 0:
                spans.append((open_at, i + 1))
    if depth:
        spans.append((open_at, end))
    return spans


def check(rule, marker_rx, doc):
    text = doc.text
    stops = tuple(rule["stops"])
    for para in doc.paragraphs:
        nums = None
        for mk in marker_rx.finditer(text, para.start, para.end):
            if nums is None:
                nums = numbers_between(doc, para.start, para.end)
            s0 = sentence_start(text, mk.start(), para.start)
            total = _total(text, nums, para.start, s0, mk.start())
            if total is None:
                continue
            end = _breakdown_end(text, marker_rx, mk, sentence_end(text, mk.end(), para.end), stops)
            complete = rule["complete_when_last"]
            hit = _shortfall(text, nums, total, mk, end, complete) if complete \
                else _overflow(text, nums, total, s0, mk, end)
            if hit:
                yield hit


def _total(text: str, nums, floor: int, s0: int, at: int):
    """The count the marker at `at` breaks down: the last one before it in its sentence."""
    total = next((n for n in reversed(nums) if s0 <= n.start and n.end <= at), None)
    if total is None and not text[s0:at].strip(" \t\u3000"):
        # “…审查1090件，覆盖率达100%。其中，…”: the total closes the previous sentence
        # (only when that sentence holds a single such count; after a list of
        # counts, “其中” may break down any of them or an earlier total)
        p0 = sentence_start(text, max(floor, s0 - 1), floor)
        prev = [n for n in nums if p0 <= n.start and n.end <= s0
                and n.unit and not n.percent and not n.is_date_part]
        total = prev[0] if len(prev) == 1 else None
    if total is None or not total.unit or total.percent or total.is_date_part or total.upper is None:
        return None
    return total


def _breakdown_end(text: str, marker_rx, mk, s1: int, stops: tuple) -> int:
    """Where the parts end: at ；, the next marker, or a clause with a stop word."""
    end = s1
    semi = _SEMICOLON.search(text, mk.end(), s1)
    if semi:
        end = semi.start()
    nxt = marker_rx.search(text, mk.end(), end)
    if nxt:
        end = nxt.start()
    pos = mk.end()
    for c in _CLAUSE.finditer(text, mk.end(), end):
        if pos > mk.end() and any(w in text[pos:c.start()] for w in stops):
            return pos
        pos = c.end()
    if pos > mk.end() and any(w in text[pos:end] for w in stops):
        return pos
    return end


def _parts(text: str, nums, total, mk, end: int) -> list:
    brackets = _bracketed(text, mk.end(), end)
    unit = _unit(total.unit)
    return [n for n in nums if mk.end() <= n.start and n.end <= end and _unit(n.unit) == unit
            and not any(a <= n.start < b for a, b in brackets)]


def _shortfall(text: str, nums, total, mk, end: int, rest: list[str]) -> Hit | None:
    """A Hit on the total when its breakdown ends with the rest (其他……) and adds up to less."""
    parts = _parts(text, nums, total, mk, end)
    if len(parts) < 3 or any(p.upper is None for p in parts) or total.lower is None:
        return None
    clause = _CLAUSE.split(text[parts[-2].end:parts[-1].start])[-1]
    if not any(w in clause for w in rest):
        return None
    high = sum((p.upper for p in parts), Decimal(0))
    if high >= total.lower:
        return None
    return Hit(total.start, total.end, {
        "total": text[total.start:total.end],
        "sum": f"{high.normalize():f}{total.unit}",
        "parts": "+".join(f"{p.value.normalize():f}" for p in parts),
    })


def _overflow(text: str, nums, total, s0: int, mk, end: int) -> Hit | None:
    """A Hit on the total when the parts after the marker add up to more than it."""
    unit = _unit(total.unit)
    parts = _parts(text, nums, total, mk, end)
    if len(parts) < 2 or any(p.lower is None for p in parts):
        return None
    low = sum((p.lower for p in parts), Decimal(0))
    # 排查22起，化解20起，其中土地纠纷12起、邻里纠纷10起: 其中 may break down any
    # count of the sentence, so the parts must exceed the largest of them
    bounds = [n.upper for n in nums if s0 <= n.start and n.end <= mk.start()
              and _unit(n.unit) == unit] or [total.upper]
    if None in bounds or low <= max(bounds):
        return None
    return Hit(total.start, total.end, {
        "total": text[total.start:total.end],
        "sum": f"{low.normalize():f}{total.unit}",
        "parts": "+".join(f"{p.value.normalize():f}" for p in parts),
    })
