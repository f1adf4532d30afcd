"""The same figure stated twice with different values: 开展普法活动30场次 … 开展普法活动26场次.

    strip: ["全年", "累计", "共"]           # leading words that do not change what is counted
    strip_inside: ["各类"]                  # such words anywhere in the phrase
    min_chars: 4                            # shorter phrases are too vague to compare
    skip_headings: ["打算", "计划"]         # sections (by heading title) not compared
    skip_sentences: ["计划", "同比", "去年"] # sentences with other years' or planned figures
    same_units: [[场, 场次, 次]]           # units that count the same thing (6场 … 12场次)

The metric of a count is the phrase that introduces it (back to the previous mark or
figure) with the `strip` words removed from its start and `strip_inside` from anywhere, plus its
unit (units of one `same_units` group are one unit). Two exact counts with the same metric and
different values are reported at the second one; figures in sentences that name another year
than the report year, and in plan sections, are not compared.
"""
from __future__ import annotations

import re

from reportlint.kinds import patterns
from reportlint.kinds._lib.numbers import numbers_in, phrase_before, sentence_end, sentence_start
from reportlint.kinds._lib.ranges import Ranges
from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit

KIND = "repeated_metric"
SUMMARY = "同一指标前后两处数字不同：开展普法活动30场次……开展普法活动26场次。"
OPTIONS = {
    "strip": Option("list", default=[], items=Option("str"), doc="指标短语开头可去掉的词（全年、累计、共）"),
    "strip_inside": Option("list", default=[], items=Option("str"), doc="指标短语中任何位置可去掉的词"),
    "min_chars": Option("int", default=4, doc="更短的短语太笼统，不比较"),
    "skip_headings": Option("list", default=[], items=Option("str"), doc="标题含这些词的章节不查"),
    "skip_sentences": Option("list", default=[], items=Option("str"), doc="含这些词的句子不查"),
    "same_units": Option("list", default=[], items=Option("list", min_len=2, items=Option("str")),
                         doc="计数相同事物的单位，每组一个列表（如 [场, 场次, 次]：6场与12场次相比较）"),
}
FIELDS = {"metric", "found", "other", "other_line"}
SCOPES = ()

_YEAR = patterns.constant(r"((?:19|20)\d\d)\s*年")


def prepare(rule):
    # plain words only: re compiles them in half the time regex takes (a start-up cost), and
    # "a sentence holds one of the skip words" needs no pattern at all
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    parts = []
    if rule["strip"]:
        parts.append(f"^(?:{alt(rule['strip'])})+")
    if rule["strip_inside"]:
        parts.append(alt(rule["strip_inside"]))
    strip_rx = re_code.compile("|".join(parts)) if parts else None
    unit_of = {u: group[0] for group in rule["same_units"] for u in group}
    return strip_rx, tuple(rule["skip_sentences"]), unit_of


def _skipped_ranges(rule, doc) -> list[tuple[int, int]]:
    words = rule["skip_headings"]
    return [(h.start, h.section_end) for h in doc.headings
            if any(w in h.title for w in words)]


def check(rule, state, doc):
    strip_rx, skip_words, unit_of = state
    text = doc.text
    year = doc.meta.year
    skipped = Ranges(_skipped_ranges(rule, doc))   # looked up by bisection
    seen: dict[tuple[str, str], object] = {}
    skip_sentence: dict[tuple[int, int], bool] = {}
    for n in numbers_in(doc):
        if not n.is_count or not n.exact or n.value is None:
            continue
        if n.start in skipped:
            continue
        phrase = phrase_before(text, n.start)
        metric = strip_rx.sub("", phrase) if strip_rx else phrase
        if len(metric) < rule["min_chars"]:
            continue
        span = (sentence_start(text, n.start), sentence_end(text, n.end))
        skip = skip_sentence.get(span)
        if skip is None:      # judged once per sentence: figures of one long sentence share it
            sentence = text[span[0]:span[1]]
            skip = skip_sentence[span] = any(w in sentence for w in skip_words) or bool(
                any(int(y) != year for y in _YEAR.findall(sentence)) if year else _YEAR.search(sentence))
        if skip:
            continue
        key = (metric, unit_of.get(n.unit, n.unit))
        first = seen.get(key)
        if first is None:
            seen[key] = n
        elif first.value != n.value:
            yield Hit(n.num_start, n.end, {
                "metric": metric, "found": text[n.num_start:n.end],
                "other": text[first.num_start:first.end], "other_line": doc.pos(first.start)[0],
            })
