"""One finding for each passage written in traditional script (建設, 國家, 黨的).

The Document reads such a draft through its simplified view (model/script.py), so the other
rules no longer take 國 or 設 for typos; this kind tells the writer, once per passage, that the
text itself should be converted. A paragraph counts as traditional when enough of its Han
characters change under conversion; consecutive such paragraphs make one passage (a short
paragraph that conversion leaves alone, such as the heading 一、主要工作, which reads the same
in both scripts, does not interrupt it).
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.model.finding import Hit

# a paragraph this long that conversion leaves alone is simplified text (shorter ones may be
# words both scripts write alike)
_NEUTRAL_HAN = 20

KIND = "traditional_script"
SUMMARY = "繁体字写成的段落（连续的段落算一处）报告一次；其余规则照简体视图检查，位置不变。"
OPTIONS = {
    "min_share": Option("float", default=0.04,
                        doc="一段中转换为简体后改变的汉字占汉字总数的比例达到此值，即算繁体段落"),
}
FIELDS = {"first_line", "last_line", "sample"}
SCOPES = ()


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _passages(doc, min_share: float):
    """(start, end) of each run of traditional paragraphs."""
    src, view = doc.source_text, doc.text
    run: list[int] | None = None
    for p in doc.paragraphs:
        han = sum(1 for ch in view[p.start:p.end] if _is_han(ch))
        if not han:
            continue
        changed = sum(1 for a, b in zip(src[p.start:p.end], view[p.start:p.end]) if a != b)
        if changed and changed >= min_share * han:
            if run is None:
                run = [p.start, p.end]
            else:
                run[1] = p.end
        elif run is not None and (changed or han >= _NEUTRAL_HAN):
            yield tuple(run)
            run = None
    if run is not None:
        yield tuple(run)


def check(rule, state, doc):
    if not doc.traditional:
        return
    src, view = doc.source_text, doc.text
    for start, end in _passages(doc, rule["min_share"]):
        first, _ = doc.pos(start)
        last, _ = doc.pos(end)
        _, line_end = doc.line_span(first)
        # the finding marks the first traditional word of the passage
        at = next(i for i in range(start, end) if src[i] != view[i])
        stop = min(line_end, at + 4)
        yield Hit(at, stop, {"first_line": first, "last_line": last, "sample": src[at:stop]},
                  variant="one" if first == last else "many")
