"""Rule-file schema: the common header and the option types kinds declare.

A kind declares `OPTIONS = {"swap": Option("map", required=True), ...}`; the loader checks
every rule file against the header below plus its kind's options and reports each error at
the YAML line and column of the offending key or value.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .finding import CATEGORIES

ID_RE = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
# Rule ids name the problem, not the fix (ruff's convention), and never "no-…".
DISALLOWED_ID_PREFIXES = ("use-", "avoid-", "prefer-", "consider-", "no-")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Option:
    """type: str | int | float | bool | list | map | regex | regexes | any."""
    type: str
    required: bool = False
    default: Any = None
    choices: tuple | None = None
    check: Callable[[Any], str | None] | None = None   # returns an error text or None
    doc: str = ""


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
    "references": Option("list", default=[]),
}

_PY_TYPES = {
    "str": str, "int": int, "float": (int, float), "bool": bool,
    "list": list, "map": dict, "regex": str, "regexes": list,
}


def type_error(opt: Option, value: Any) -> str | None:
    """Return a message if value does not fit opt.type, else None."""
    if opt.type == "any":
        return None
    want = _PY_TYPES[opt.type]
    if opt.type in ("int", "float") and isinstance(value, bool):
        return f"expected {opt.type}, got bool"
    if not isinstance(value, want):
        return f"expected {opt.type}, got {type(value).__name__}"
    if opt.type == "regexes" and not all(isinstance(v, str) for v in value):
        return "expected a list of regular expressions (strings)"
    if opt.choices is not None and value not in opt.choices:
        return f"must be one of {', '.join(map(str, opt.choices))}, got {value!r}"
    return opt.check(value) if opt.check else None
