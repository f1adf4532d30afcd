"""Regular expressions with exceptions: the general-purpose kind for user packs.

    patterns: ["X{2,}", "（待补充）"]
    exceptions: ["XX路"]            # a hit inside one of these matches is dropped
    replacement: "\\1"             # optional: a fix (regex template); also the suggestion
    suggestion: "删除"             # optional: a fixed suggestion text

Named groups of the patterns can be used in the message, like {found}.
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import covered, finditer, spans_holding_literals, spans_that_may_match
from reportlint.model.finding import Hit

KIND = "pattern"
SUMMARY = "正则表达式加例外：自定义规则包的通用算法，可带自动修复。"
OPTIONS = {
    "patterns": Option("regexes", required=True, doc="要找的正则表达式，可用 {NUM} {CJK} 等宏"),
    "exceptions": Option("regexes", default=[], doc="命中处在这些匹配之内即不报"),
    "replacement": Option("str", doc="自动修复的替换模板（可引用分组，如 \\1），同时作为建议"),
    "suggestion": Option("str", doc="固定的建议文字"),
    "group": Option("any", default=0, one_of=(Option("int"), Option("str")),
                    doc="报告哪个分组的位置（序号或组名）"),
}
FIELDS = {"found", "suggestion"}
SCOPES = ("line", "paragraph", "document")


def extra_fields(options):
    names = set()
    for rx in options.get("patterns") or ():
        names.update(rx.groupindex)
    return names


def check(rule, state, doc):
    group = rule["group"]
    spans = doc.spans(rule.scope)
    rxs = rule["patterns"]
    # line and paragraph spans end at line ends: one whole-text search per pattern picks the
    # spans worth searching (patterns.spans_that_may_match), the rest are skipped
    starts = doc.shared(("span starts", rule.scope), lambda: [s.start for s in spans])   # one list for all rules
    may = [spans_that_may_match(rx, doc.text, spans, starts) if rule.scope in ("line", "paragraph") else
           spans_holding_literals(rx, doc.text, spans, starts, few=None) for rx in rxs]
    # visit only the spans some pattern may match (most reports: none), in order
    visit = range(len(spans)) if None in may else sorted(set().union(*may))
    for i in visit:
        span = spans[i]
        for rx, wanted in zip(rxs, may):
            if wanted is not None and i not in wanted:
                continue
            for m in finditer(rx, doc.text, span.start, span.end):
                try:
                    start, end = m.span(group)
                except IndexError:
                    start, end = m.span()
                if start < 0 or start == end:
                    continue
                if covered(rule["exceptions"], doc, start, end):
                    continue
                fields = {k: v for k, v in m.groupdict().items() if v is not None}
                fields["found"] = m.group(group) if start >= 0 else m.group()
                fix = None
                suggestion = rule["suggestion"]
                if rule["replacement"] is not None and group == 0:
                    fix = m.expand(rule["replacement"])
                    suggestion = suggestion or fix
                fields["suggestion"] = suggestion or ""
                yield Hit(start, end, fields, suggestion=suggestion, fix=fix)
