"""One finding when the text stops abruptly (mid-sentence, on a heading with no body, or after
part 一、 with no other part numbered).

Web-page openings and pastes cut short look like reports with missing parts; the section and
plan kinds do not report the parts after the cut (see Document.truncated) and this kind says
why, once.
"""
from __future__ import annotations

from reportlint.model.finding import Hit

KIND = "abrupt_ending"
SUMMARY = ("正文戛然而止（句子没说完、最后一个标题下没有正文、只有第一部分）时报告一次；"
           "章节、计划类规则此时不报截断处之后的缺项。")
OPTIONS: dict = {}
FIELDS = {"reason", "tail"}
SCOPES = ()

REASONS = {"mid-sentence": "最后一句没有结束", "bare-heading": "最后一个标题下没有正文",
           "first-part": "只有第一部分“一、”，后面各部分都没有"}


def check(rule, state, doc):
    cut = doc.truncated
    if cut is None:
        return
    tail = doc.text[max(cut.start, cut.end - 12):cut.end]
    yield Hit(max(cut.start, cut.end - 1), cut.end,
              {"reason": REASONS.get(cut.reason, cut.reason), "tail": tail}, variant=cut.reason)
