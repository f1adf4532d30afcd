"""A compiled `regex` pattern as data, and the pattern rebuilt from it.

`regex` pickles a compiled pattern as the arguments of its engine's constructor: the source, the
flags, the code the parser and compiler made, the group tables. Rebuilding from them takes ~6 µs;
compiling takes 0.2-2 ms a pattern (the parser and compiler are Python), ~30 ms of a one-report
run with every built-in rule. `form` keeps them as JSON values, `rebuilt` makes the pattern again.

Only the wheel's built-in rules carry a form (rulepacks/bundled.py): package data, built with the
package and as trusted as its modules. The engine runs the code as given, so a form from a cache
folder is never used; nor one made by another version of `regex` (its code's layout may change).
"""
from __future__ import annotations

import base64
import copyreg
from typing import Any

_build: Any = None      # the engine's constructor, as regex's pickling names it


def _reduce(rx) -> Any:
    """(constructor, arguments): how regex pickles a compiled pattern."""
    return copyreg.dispatch_table[type(rx)](rx)


def form(rx) -> dict | None:
    """{"regex": version, "args": JSON values} for a compiled pattern, or None if its pickled
    form holds something else than plain values or does not rebuild the same pattern."""
    import regex
    try:
        build, args = _reduce(rx)
        data = _to_json(args)
        if _reduce(build(*_from_json(data)))[1] != args:
            return None
    except (KeyError, TypeError, ValueError):
        return None
    return {"regex": regex.__version__, "args": data}


def rebuilt(data: Any):
    """The pattern a form describes, or None (another regex version, or not a form)."""
    global _build
    import regex
    if not isinstance(data, dict) or data.get("regex") != regex.__version__:
        return None
    try:
        if _build is None:
            _build = _reduce(regex.compile(""))[0]
        return _build(*_from_json(data["args"]))
    except Exception:          # whatever it holds: the pattern is compiled from its source instead
        return None


def _to_json(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, bytes):
        return {"b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, tuple):
        return {"t": [_to_json(v) for v in value]}
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {"d": [[_to_json(k), _to_json(v)] for k, v in value.items()]}
    raise TypeError(type(value).__name__)


def _from_json(value: Any) -> Any:
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    if isinstance(value, dict):
        if "b" in value:
            return base64.b64decode(value["b"])
        if "t" in value:
            return tuple(_from_json(v) for v in value["t"])
        return {_from_json(k): _from_json(v) for k, v in value["d"]}
    return value
