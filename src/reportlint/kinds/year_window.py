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
from reportlint.kinds.patterns import finditer, lazy_pattern
from reportlint.model.finding import Hit

KIND = "year_window"
SUMMARY = "只适用于某些年份的提法（2020 年后的“七五”普法，2025 年前的四中全会）。"
OPTIONS = {
    "terms": Option("list", required=True, items=Option("map", fields={
                        "pattern": Option("regex", required=True, doc="提法（正则）"),
                        "since": Option("int", doc="从哪一年起适用"),
                        "until": Option("int", doc="到哪一年为止适用"),
                        "expected": Option("str", doc="过了适用年份后应有的说法"),
                    }),
                    doc="每个提法适用的年份范围，至少给出 since 或 until"),
}
FIELDS = {"found", "expected", "since", "until"}
PRIORITY = 30     # listed terms of a period (rulepacks.run.one_per_span)
SCOPES = ()


def validate(options):
    """A window needs an end (the shapes are checked by OPTIONS)."""
    for i, t in enumerate(options["terms"]):
        if "since" not in t and "until" not in t:
            yield ("terms", i), "give 'since', 'until' or both"


def prepare(rule):
    # patterns are compiled only for a report whose year falls outside their window
    return [(t["pattern"], t.get("since"), t.get("until"), t.get("expected")) for t in rule["terms"]]


@cache
def _compiled(pattern: str):
    return lazy_pattern(pattern)


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
