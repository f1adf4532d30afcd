"""One finding when the text stops abruptly (mid-sentence, or on a heading with no body).

Web-page openings and pastes cut short look like reports with missing parts; the section and
plan kinds stay silent on them (see Document.truncated) and this kind says why, once.
"""
from __future__ import annotations

from reportlint.model.finding import Hit

KIND = "abrupt_ending"
SUMMARY = "正文戛然而止（句子没说完，或最后一个标题下没有正文）时报告一次；章节、计划类规则此时不再报缺。"
OPTIONS: dict = {}
FIELDS = {"reason", "tail"}
SCOPES = ()

REASONS = {"mid-sentence": "最后一句没有结束", "bare-heading": "最后一个标题下没有正文"}


def check(rule, state, doc):
    cut = doc.truncated
    if cut is None:
        return
    tail = doc.text[max(cut.start, cut.end - 12):cut.end]
    yield Hit(max(cut.start, cut.end - 1), cut.end,
              {"reason": REASONS.get(cut.reason, cut.reason), "tail": tail}, variant=cut.reason)
