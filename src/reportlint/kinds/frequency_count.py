"""A stated frequency that the year's count contradicts: 每月召开1次……全年共召开6次.

    periods: {月: 12, 季度: 4, 半年: 2, 周: 52}     # periods in a year
    verbs: [召开, 开展, 组织, 举办, 学习, 研究]       # what must be the same in both statements
    except_words: [起, 以来, 自]                     # a practice that began during the year

In one paragraph, a frequency 每<period>…<n><unit> (unit 次/场/期/轮) promises at least
n × periods a year; a later count 全年/共/累计…<m><unit> of the same unit, naming the same verb
when the frequency names one, that is smaller contradicts it. A frequency in a sentence with an
`except_words` word (自7月起每月1次) is left alone.
"""
from __future__ import annotations

from reportlint.kinds._lib.numbers import sentence_end, sentence_start
from reportlint.kinds.options import Option
from reportlint.kinds.patterns import finditer, lazy_pattern, spans_that_may_match
from reportlint.model.finding import Hit
from reportlint.model.lines import cn_to_int

KIND = "frequency_count"
SUMMARY = "说了频次（每月1次、每季度1次）而全年总数与之矛盾（全年共6次）。"
OPTIONS = {
    "periods": Option("map", default={"月": 12, "季度": 4, "季": 4, "半年": 2, "周": 52},
                      values=Option("int"), doc="周期: 一年中的个数"),
    "verbs": Option("list", default=["召开", "开展", "组织", "举办", "学习", "研究", "听取", "检查"],
                    items=Option("str"), doc="频次和总数须是同一件事：两处都写了动词时须相同"),
    "except_words": Option("list", default=["起", "以来", "自"], items=Option("str"),
                           doc="频次所在句含这些词（年中开始）不报"),
}
FIELDS = {"found", "expected", "frequency"}
SCOPES = ()

_UNITS = "次场期轮"
_NUM = r"(?:\d{1,3}|[一二两三四五六七八九十])"


def _patterns(periods):
    names = "|".join(sorted(periods, key=len, reverse=True))
    freq = lazy_pattern(rf"每(?P<p>{names})[^，。；;\n]{{0,16}}?(?P<n>{_NUM})\s*(?P<u>[{_UNITS}])")
    count = lazy_pattern(rf"(?:全年|年内|共|累计|总计)[^，。；;\n]{{0,16}}?(?P<m>\d{{1,4}})\s*(?P<u>[{_UNITS}])")
    return freq, count


def prepare(rule):
    return _patterns(rule["periods"])


def _value(s: str) -> int | None:
    return int(s) if s.isdigit() else cn_to_int(s)


def _verb(text: str, verbs) -> str | None:
    return next((v for v in verbs if v in text), None)


def check(rule, state, doc):
    freq_rx, count_rx = state
    text, periods, verbs = doc.text, rule["periods"], rule["verbs"]
    paras = doc.paragraphs
    # the paragraphs a whole-text search says may hold a frequency (most hold none: a long draft
    # has tens of thousands of paragraphs, and a search of each costs ~4 µs)
    starts = doc.shared(("span starts", "paragraph"), lambda: [p.start for p in paras])
    may = spans_that_may_match(freq_rx, text, paras, starts)
    for i in range(len(paras)) if may is None else sorted(may):
        para = paras[i]
        for f in finditer(freq_rx, text, para.start, para.end):
            n = _value(f.group("n"))
            if not n:
                continue
            sentence = text[sentence_start(text, f.start(), para.start):sentence_end(text, f.end(), para.end)]
            if any(w in sentence for w in rule["except_words"]):
                continue
            expected = n * periods[f.group("p")]
            verb = _verb(f.group(), verbs)
            for c in finditer(count_rx, text, f.end(), para.end):
                if c.group("u") != f.group("u"):
                    continue
                if verb and _verb(c.group(), verbs) != verb:
                    continue      # 每季度开展1次排查 … 全年共调解纠纷3次: another matter
                if int(c.group("m")) < expected:
                    yield Hit(c.start("m"), c.end("u"),
                              {"found": c.group("m") + c.group("u"), "frequency": f.group(),
                               "expected": f"{expected}{f.group('u')}"})
                break   # the first count of that unit after the frequency is the one it speaks of
