"""The options a kind declares, and the check of a rule file's value against them.

A kind declares `OPTIONS = {"swap": Option("map", required=True), ...}`; the loader checks
every rule file against the common header plus its kind's options and reports each error at
the YAML line and column of the offending key or value.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Option:
    """type: str | int | float | bool | list | map | regex | regexes | any."""
    type: str
    required: bool = False
    default: Any = None
    choices: tuple | None = None
    check: Callable[[Any], str | None] | None = None   # returns an error text or None
    doc: str = ""


_PY_TYPES: dict[str, type | tuple[type, ...]] = {
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
    if opt.type == "regexes" and isinstance(value, list) and not all(isinstance(v, str) for v in value):
        return "expected a list of regular expressions (strings)"
    if opt.choices is not None and value not in opt.choices:
        return f"must be one of {', '.join(map(str, opt.choices))}, got {value!r}"
    return opt.check(value) if opt.check else None
