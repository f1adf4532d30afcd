"""Regular expressions compiled on first use.

A module's patterns were compiled when it was imported, on every run, although most runs use few
of them: the stdlib's `re` builds a character class over a big range (every CJK character, the
surrogates) in a Python loop, ~1-3 ms each. A dictionary-only run of one draft reads none of
the outline, meta or table patterns.
"""
from __future__ import annotations

from typing import Any

from reportlint.model import re_code

# what callers use of a compiled pattern; copied onto the object when it is compiled, so that
# later calls are the compiled pattern's own methods (no indirection)
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
            "groups", "groupindex")


class LazyPattern:
    """`re.compile(pattern, flags)`, made the first time a method is read."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags
        re_code.note(pattern, flags)           # the wheel ships it compiled (model/re_code)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        rx = re_code.compile(self.pattern, self.flags)
        for method in _METHODS:
            self.__dict__[method] = getattr(rx, method)
        return getattr(rx, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
