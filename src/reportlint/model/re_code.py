"""Stdlib `re` patterns kept compiled: the wheel ships each pattern's engine code as data.

`re` parses and compiles a pattern in Python (a class over every CJK character is a loop of
~20,000 steps): ~0.2-2 ms a pattern, ~20 ms of a one-report run for the ~100 patterns the
modules and kinds use. The engine itself is built from a list of integers in microseconds.
The wheel's build records the patterns compiled here (and every LazyPattern made) while the
built-in rules' examples run, and ships what `re` would hand its engine for each
(re_compiled.jsonl beside this module: package data, as trusted as the modules). A run rebuilds
the pattern from it instead of compiling — only under the exact Python that made it (the code's
layout belongs to the interpreter: sys.version and the engine's MAGIC must match); anything else
compiles from the source as before. An editable install has no table and always compiles.
"""
from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the engine re builds its patterns with (built in)
import re
import sys
from pathlib import Path
from typing import Any

FILE = Path(__file__).with_name("re_compiled.jsonl")
_MAX = 4096            # patterns kept per process (a rule's options may make patterns: bounded)

_compiled: dict[tuple[str, int], re.Pattern] = {}
_asked: dict[tuple[str, int], None] = {}       # in the order first asked (the build ships these)
_table: dict[str, str] | None = None   # [pattern, flags] -> engine arguments, both as JSON (parsed when asked)


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), rebuilt from the wheel's table when it holds the pattern."""
    key = (pattern, int(flags))
    got = _compiled.get(key)
    if got is None:
        if len(_compiled) >= _MAX:
            _compiled.clear()
        note(pattern, flags)
        got = _compiled[key] = _rebuilt(key) or re.compile(pattern, flags)
    return got


def note(pattern: str, flags: int = 0) -> None:
    """Record a pattern the build should ship (LazyPattern records its own when made)."""
    if len(_asked) < _MAX:
        _asked[(pattern, int(flags))] = None


def _rebuilt(key: tuple[str, int]) -> re.Pattern | None:
    global _table
    if _table is None:
        _table = _read()
    raw = _table.get(_key(*key)) if _table and isinstance(key[0], str) else None    # (bytes: never shipped)
    if raw is None:
        return None
    import json
    try:
        final, code, groups, groupindex, indexgroup = json.loads(raw)
        rx = _sre.compile(key[0], final, code, groups, dict(groupindex), tuple(indexgroup))
    except Exception:          # whatever it holds: the pattern is compiled from its source instead
        return None
    return rx if isinstance(rx, re.Pattern) and rx.pattern == key[0] else None


def _key(pattern: str, flags: int) -> str:
    import json
    return json.dumps([pattern, flags], separators=(",", ":"))     # ASCII: lone surrogates, no TAB


def shipped() -> int:
    """How many patterns the installed table holds for this interpreter (0: none it can use)."""
    return len(_read())


def _read() -> dict[str, str]:
    """The shipped table, if there is one made by this very interpreter."""
    try:
        return _parse(FILE.read_bytes())
    except OSError:
        return {}


def _parse(data: bytes) -> dict[str, str]:
    """A table's lines after its stamp (a line each: the pattern's key TAB its arguments), if the
    stamp is this interpreter's. Only the patterns a run asks for are parsed further (a run of
    the dictionary rules alone asks for four)."""
    import json
    try:
        lines = data.decode("ascii").split("\n")
        if json.loads(lines[0]) != stamp():
            return {}
        return dict(line.split("\t", 1) for line in lines[1:] if line)
    except ValueError:
        return {}


def stamp() -> list:
    """What the engine code's layout depends on: the interpreter and its engine's version."""
    return [sys.version, _sre.MAGIC, _sre.CODESIZE]


def form(pattern: str, flags: int) -> list | None:
    """What re.compile hands the engine for a pattern ([flags, code, groups, groupindex,
    indexgroup]), as JSON values; None for a pattern that cannot be kept (bytes, DEBUG, not a
    pattern) or whose rebuilt form does not equal the compiled one."""
    if not isinstance(pattern, str) or flags & re.DEBUG:
        return None
    from re import _compiler, _parser  # type: ignore[attr-defined]  # re._compiler.compile's steps
    try:
        parsed = _parser.parse(pattern, flags)
    except (re.error, OverflowError, RecursionError):
        return None                    # not a pattern (a LazyPattern a test made, say): nothing to keep
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    args = [flags | parsed.state.flags, list(code), parsed.state.groups - 1, sorted(groupindex.items()), indexgroup]
    rx = _sre.compile(pattern, args[0], args[1], args[2], dict(args[3]), tuple(args[4]))
    plain = re.compile(pattern, flags)
    same = (rx.pattern, rx.flags, rx.groups, rx.groupindex) == (plain.pattern, plain.flags, plain.groups,
                                                                 plain.groupindex)
    return args if same else None


def asked() -> list[tuple[str, int]]:
    """The patterns compiled or made lazily in this process so far, first asked first."""
    return list(_asked)


def ship(patterns: list[tuple[str, int]]) -> bytes:
    """The table for these patterns (the wheel's build writes it as re_compiled.jsonl, for those
    asked once every module is imported and the built-in rules' examples ran: hatch_build.py)."""
    import json
    lines = [json.dumps(stamp())]
    for pattern, flags in patterns:
        args = form(pattern, flags)
        if args is not None:
            lines.append(f"{_key(pattern, flags)}\t{json.dumps(args, separators=(',', ':'))}")
    return ("\n".join(lines) + "\n").encode("ascii")


def use(table: bytes | None) -> None:
    """Read this table instead of the shipped file (tests); None: read the file again."""
    global _table
    _compiled.clear()
    _table = None if table is None else _parse(table)
