"""Message templates: the one formatter of rule messages. Named fields only (`{found}`), each
shown as text, with at most an alignment and a bounded width (`{found:>8}`): a template from a
rule pack cannot read attributes (`{found.__class__.__mro__}`), index values, call repr, or
ask for a 1.5-billion-character field. `problems` is checked when the rule file is loaded;
`render` never raises.
"""
from __future__ import annotations

import string
from functools import lru_cache

from reportlint.model import re_code

MAX_WIDTH = 200
_SPEC = re_code.compile(r"(?:.?[<>^])?(?P<width>\d{1,3})?")
_NAME = re_code.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@lru_cache(maxsize=4096)
def _parse(template: str) -> tuple:
    return tuple(string.Formatter().parse(template))


META_FIELDS = frozenset({"year", "next_year", "unit"})    # the draft's meta: any message may name them


@lru_cache(maxsize=4096)
def names_meta(template: str) -> bool:
    """Whether the template names a field of the draft's meta (year, next_year, unit)."""
    try:
        return any(name in META_FIELDS for _, name, _, _ in _parse(template))
    except ValueError:
        return False


def problems(template: str, fields: set[str]) -> list[str]:
    """What is wrong with a template (empty: fine), each as a sentence for file:line."""
    try:
        parts = _parse(template)
    except ValueError as exc:
        return [f"bad message template: {exc}"]
    out = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not _NAME.fullmatch(name):
            out.append(f"'{{{name}}}': message templates use named fields only, like {{found}} "
                       "(no positions, attributes or indexes)")
            continue
        if name not in fields:
            out.append(f"unknown field '{{{name}}}' in message")
        if conversion:
            out.append(f"'{{{name}!{conversion}}}': conversions are not allowed in message templates")
        m = _SPEC.fullmatch(spec or "")
        if m is None:
            out.append(f"'{{{name}:{spec}}}': only an alignment and a width are allowed after ':' "
                       f"(like {{{name}:>8}})")
        elif m.group("width") and int(m.group("width")) > MAX_WIDTH:
            out.append(f"'{{{name}:{spec}}}': a width of at most {MAX_WIDTH}")
    return out


@lru_cache(maxsize=4096)
def _plan(template: str) -> tuple | None:
    """The template's parts as (literal, name, spec, placeholder, refused): what render() needs
    to know about a field that does not depend on the values, worked out once per template
    (a long draft's tens of thousands of findings share a few dozen templates). None: the
    template does not parse."""
    try:
        parts = _parse(template)
    except ValueError:
        return None
    plan = []
    for literal, name, spec, conversion in parts:
        if name is None:
            plan.append((literal, None, "", "", False))
            continue
        m = _SPEC.fullmatch(spec or "")
        refused = bool(not _NAME.fullmatch(name) or conversion or m is None
                       or (m.group("width") and int(m.group("width")) > MAX_WIDTH))
        placeholder = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        plan.append((literal, name, spec or "", placeholder, refused))
    return tuple(plan)


def render(template: str, fields: dict) -> str:
    """The message: each named field as text; anything `problems` would refuse stays literal."""
    plan = _plan(template)
    if plan is None:
        return template
    out = []
    for literal, name, spec, placeholder, refused in plan:
        out.append(literal)
        if name is None:
            continue
        if refused or name not in fields:
            out.append(placeholder)
        else:
            out.append(format(str(fields[name]), spec))
    return "".join(out)
