"""Terms that only fit reports of certain years (七五普法 after 2020, 四中全会 before 2025).

    terms:
      - {pattern: "“?七五”?普法", until: 2020, expected: "“八五”普法"}
      - {pattern: "二十届四中全会", since: 2025}

A match is reported when the report year (doc.meta.year: title, config or --year) lies
outside [since, until]. Without a known report year the rule says nothing.
"""
from __future__ import annotations

from functools import cache

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import compile_pattern, finditer
from reportlint.model.finding import Hit

KIND = "year_window"
OPTIONS = {
    "terms": Option("list", required=True,
                    doc="[{pattern, since?, until?, expected?}]: years in which the term fits"),
}
FIELDS = {"found", "expected", "since", "until"}
SCOPES = ()


def validate(options):
    import regex

    for i, t in enumerate(options["terms"]):
        if not isinstance(t, dict) or not isinstance(t.get("pattern"), str):
            yield ("terms", i), "each term needs a 'pattern' string"
            continue
        if set(t) - {"pattern", "since", "until", "expected"}:
            yield ("terms", i), f"unknown keys {sorted(set(t) - {'pattern', 'since', 'until', 'expected'})}"
        if not isinstance(t.get("since", 0), int) or not isinstance(t.get("until", 0), int):
            yield ("terms", i), "'since' and 'until' must be years (integers)"
        if "since" not in t and "until" not in t:
            yield ("terms", i), "give 'since', 'until' or both"
        try:
            compile_pattern(t["pattern"])
        except regex.error as e:
            yield ("terms", i, "pattern"), f"bad regular expression: {e}"


def prepare(rule):
    # patterns are compiled only for a report whose year falls outside their window
    return [(t["pattern"], t.get("since"), t.get("until"), t.get("expected")) for t in rule["terms"]]


@cache
def _compiled(pattern: str):
    return compile_pattern(pattern)


def check(rule, terms, doc):
    year = doc.meta.year
    if not year:
        return
    for pattern, since, until, expected in terms:
        if (since is None or year >= since) and (until is None or year <= until):
            continue
        variant = "early" if since is not None and year < since else "late"
        for m in finditer(_compiled(pattern), doc.text):
            yield Hit(m.start(), m.end(),
                      {"found": m.group(), "expected": expected or "",
                       "since": since or "", "until": until or ""},
                      variant=variant)      # a question to verify, not a replacement
