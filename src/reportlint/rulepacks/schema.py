"""Rule-file schema: the header every rule file has, whatever its kind.

A kind adds its own keys (kinds.options.Option); the loader checks a rule file against both.
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.model.finding import CATEGORIES, SEVERITIES
from reportlint.model.genres import GENRES

ID_RE = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
# Rule ids name the problem, not the fix (ruff's convention), and never "no-…".
DISALLOWED_ID_PREFIXES = ("use-", "avoid-", "prefer-", "consider-", "no-")

HEADER = {
    "id": Option("str", required=True),
    "kind": Option("str", required=True),
    "category": Option("str", required=True, choices=CATEGORIES),
    "severity": Option("str", default="warning", choices=SEVERITIES),
    "message": Option("any", required=True),     # str, or {variant: str}
    "message_en": Option("any"),
    "description": Option("str", required=True),
    "why": Option("str", required=True),
    "scope": Option("str"),
    "enabled": Option("bool", default=True),
    "examples": Option("map", required=True),
    "references": Option("list", default=[], items=Option("str")),
    "genre": Option("list", default=[], items=Option("str", choices=tuple(GENRES))),
    "priority": Option("int"),     # who keeps a span two rules flag (run.one_per_span)
}
