"""Top-level headings against the wording a template fixes: “四、政府信息公开行政法复议、行政诉讼情况”
for “政府信息公开行政复议、行政诉讼情况”.

    headings:                                   # the template's headings, in order
      - 总体情况
      - {label: 存在的主要问题及改进情况, variants: [政府信息公开工作存在的主要问题及改进情况]}

A heading that starts with a template heading (or a variant) is fine, whatever follows it (a
heading run into its first sentence). One that is close to a template heading (a character
added, dropped or changed) but not equal is reported, with the template's wording; a heading
unlike all of them is the writer's own and is left alone.
"""
from __future__ import annotations

from difflib import SequenceMatcher

from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit

KIND = "heading_wording"
SUMMARY = "一级标题与模板规定的措辞只差一两个字（多字、漏字、错字）。"
OPTIONS = {
    "headings": Option("list", required=True, min_len=1, items=Option("any", one_of=(
        Option("str"),
        Option("map", fields={"label": Option("str", required=True, doc="模板中的标题"),
                              "variants": Option("list", items=Option("str"), doc="也算对的写法")}),
    ), doc="模板标题，或 {label, variants}"), doc="模板规定的一级标题（不含序号）"),
    "similarity": Option("float", default=0.85, doc="相似度达到这一值（0～1）才算写走了样的模板标题"),
}
FIELDS = {"found", "expected"}
SCOPES = ()

_SPACE = re_code.compile(r"[\s\u3000]+")


def prepare(rule):
    out = []
    for h in rule["headings"]:
        label = h if isinstance(h, str) else h["label"]
        variants = [] if isinstance(h, str) else list(h.get("variants") or [])
        out.append((label, [_SPACE.sub("", x) for x in [label, *variants]]))
    return out


def check(rule, headings, doc):
    if not doc.headings:
        return
    top = min(h.level for h in doc.headings)
    floor = rule["similarity"]
    for h in doc.headings:
        if h.level != top:
            continue
        title = _SPACE.sub("", h.title)
        if any(title.startswith(n) for _, names in headings for n in names):
            continue
        best = None
        for label, names in headings:
            for n in names:
                for cut in range(max(1, len(n) - 2), len(n) + 3):
                    r = SequenceMatcher(None, title[:cut], n).ratio()
                    if r >= floor and (best is None or r > best[0]):
                        best = (r, label, cut)
        if best is None:
            continue
        _, label, cut = best
        start = doc.text.find(h.title[:1], h.start)
        found = title[:cut]
        end = start + _span(h.title, cut)
        yield Hit(start, end, {"found": found, "expected": label}, suggestion=label)


def _span(title: str, chars: int) -> int:
    """How far `chars` non-space characters reach into the title."""
    seen = 0
    for i, ch in enumerate(title):
        if not ch.isspace() and ch != "\u3000":
            seen += 1
            if seen == chars:
                return i + 1
    return len(title)
