"""The options a kind declares, the check of a rule file's values against them, and their description.

A kind declares `OPTIONS = {"swap": Option("map", required=True, ...), ...}`. An option may
describe its nested values too, so the loader checks them and reports each error at the YAML
line and column of the offending element, and `reportlint kinds` can show their shape:

    Option("list", items=Option("str", min_len=4))                 # a list of strings of 4+ characters
    Option("map", values=Option("list", items=Option("str")))      # name -> list of strings
    Option("list", items=Option("map", fields={"name": Option("str", required=True), ...}))
    Option("any", one_of=(Option("str"), Option("list", items=Option("str"))))
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

Problem = tuple[tuple, str]   # (path below the option's key, error text)


class Option:
    """type: str | int | float | bool | list | map | regex | regexes | any.

    Read-only by convention; equal only to itself. (A plain class: a @dataclass costs ~0.8 ms to
    create at import, on every run; model/plain.py.)"""
    __slots__ = ("check", "choices", "default", "doc", "fields", "items", "min_len", "one_of", "required",
                 "type", "values")

    def __init__(self, type: str, required: bool = False, default: Any = None, choices: tuple | None = None,
                 check: Callable[[Any], str | None] | None = None, doc: str = "", items: Option | None = None,
                 values: Option | None = None, fields: Mapping[str, Option] | None = None,
                 one_of: tuple[Option, ...] = (), min_len: int | None = None):
        self.type = type
        self.required = required
        self.default = default
        self.choices = choices
        self.check = check          # returns an error text or None
        self.doc = doc
        self.items = items          # list: every element
        self.values = values        # map: every value (keys are non-empty strings)
        self.fields = fields        # map: these keys only (a record)
        self.one_of = one_of        # any: one of these shapes
        self.min_len = min_len      # str, list, map: at least this long

    def __repr__(self) -> str:
        return f"Option({self.type!r}, required={self.required!r}, default={self.default!r})"


_PY_TYPES: dict[str, type | tuple[type, ...]] = {
    "str": str, "int": int, "float": (int, float), "bool": bool,
    "list": list, "map": dict, "regex": str, "regexes": list,
}


def type_error(opt: Option, value: Any) -> str | None:
    """Return a message if value (not looking inside it) does not fit opt, else None."""
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


def problems(opt: Option, value: Any, path: tuple = ()) -> Iterator[Problem]:
    """Every way value misfits opt, nested values included, each with its path below opt.

    Nested regular expressions are compiled here; a top-level one is compiled (and its error
    reported) when the rule's options are compiled.
    """
    if opt.one_of:
        yield from _one_of(opt, value, path)
        return
    problem = type_error(opt, value)
    if problem is None and path and opt.type in ("regex", "regexes"):
        problem = _regex_problem(value)
    if problem:
        yield path, problem
        return
    if opt.min_len is not None and len(value) < opt.min_len:
        yield path, _too_short(opt, value)
    if isinstance(value, list) and opt.items is not None:
        for i, item in enumerate(value):
            yield from problems(opt.items, item, path + (i,))
    if isinstance(value, dict):
        yield from _map_problems(opt, value, path)


def _map_problems(opt: Option, value: dict, path: tuple) -> Iterator[Problem]:
    if opt.fields is not None:
        allowed = ", ".join(opt.fields)
        for key in value:
            if key not in opt.fields:
                yield path + (key,), f"unknown key; use {allowed}"
        for key, sub in opt.fields.items():
            if key in value:
                yield from problems(sub, value[key], path + (key,))
            elif sub.required:
                yield path, f"missing {key!r} (keys: {allowed})"
    if opt.values is not None:
        for key, item in value.items():
            if not isinstance(key, str) or not key:
                yield path, f"keys must be non-empty strings, got {key!r}"
            else:
                yield from problems(opt.values, item, path + (key,))


def _one_of(opt: Option, value: Any, path: tuple) -> Iterator[Problem]:
    for alt in opt.one_of:
        if type_error(Option(alt.type), value) is None:   # the shape the value has chosen
            yield from problems(alt, value, path)
            return
    yield path, "expected " + " or ".join(alt.type for alt in opt.one_of) + f", got {type(value).__name__}"


def _too_short(opt: Option, value: Any) -> str:
    if opt.min_len == 1:
        return "must not be empty"
    if opt.type == "str":
        return f"expected {opt.min_len} or more characters, got {value!r}"
    return f"expected {opt.min_len} or more entries"


def _regex_problem(value: Any) -> str | None:
    from reportlint.kinds.patterns import compile_pattern
    for pattern in [value] if isinstance(value, str) else value:
        try:
            compile_pattern(pattern)
        except Exception as exc:  # regex.error
            return f"bad regular expression {pattern!r}: {exc}"
    return None


_NAMES = {"str": "字符串", "int": "整数", "float": "数值", "bool": "true/false", "list": "列表",
          "map": "映射", "regex": "正则表达式", "regexes": "正则表达式列表", "any": "任意值"}


def describe(opt: Option) -> str:
    """The shape of opt in a few words, for pack authors: 字符串的列表（每项不少于 4 个字）, {name, heading, body?}."""
    if opt.one_of:
        return " 或 ".join(describe(alt) for alt in opt.one_of)
    if opt.type == "list" and opt.items is not None:
        text = f"{describe(opt.items)}的列表"
    elif opt.type == "map" and opt.fields is not None:
        text = "{" + ", ".join(k if sub.required else k + "?" for k, sub in opt.fields.items()) + "}"
    elif opt.type == "map" and opt.values is not None:
        text = f"映射（字符串 → {describe(opt.values)}）"
    else:
        text = _NAMES.get(opt.type, opt.type)
    if opt.choices:
        text += "：" + " | ".join(map(str, opt.choices))
    if opt.min_len == 1:
        text = "非空字符串" if opt.type == "str" else text + "（至少一项）"
    elif opt.min_len is not None and opt.min_len > 1:
        text += f"（不少于 {opt.min_len} 个字）" if opt.type == "str" else f"（不少于 {opt.min_len} 项）"
    return text
