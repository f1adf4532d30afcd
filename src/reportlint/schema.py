"""Rule-file schema: the common header and the option types kinds declare.

A kind declares `OPTIONS = {"swap": Option("map", required=True), ...}`; the loader checks
every rule file against the header below plus its kind's options and reports each error at
the YAML line and column of the offending key or value.
"""
from __future__ import annotations

from typing import Any, Callable

from .finding import CATEGORIES

ID_RE = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
# Rule ids name the problem, not the fix (ruff's convention), and never "no-…".
DISALLOWED_ID_PREFIXES = ("use-", "avoid-", "prefer-", "consider-", "no-")
SEVERITIES = ("error", "warning", "info")


class Option:
    """type: str | int | float | bool | list | map | regex | regexes | any.

    Immutable, compared and hashed by its fields, like the frozen dataclass it was: a plain
    class, because creating that dataclass cost ~0.75 ms of every start-up."""
    __slots__ = ("type", "required", "default", "choices", "check", "doc")

    def __init__(self, type: str, required: bool = False, default: Any = None,
                 choices: tuple | None = None,
                 check: Callable[[Any], str | None] | None = None,   # returns an error text or None
                 doc: str = ""):
        for name, value in zip(self.__slots__, (type, required, default, choices, check, doc)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    __delattr__ = __setattr__

    def _fields(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return "Option(" + ", ".join(f"{n}={v!r}" for n, v in zip(self.__slots__, self._fields())) + ")"


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
