"""A per-process memo with a bound: key -> f(key), computed on first ask.

Kinds keep answers for the whole run (a long run over many reports soon asks only the memo, at
dict speed); a memo that would grow past `cap` entries is emptied and fills again, so that a
run over thousands of reports stays bounded in memory.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict, Generic[K, V]):
    """`memo[key]`: f(key), computed once (None is an answer too); at most `cap` entries."""

    def __init__(self, f: Callable[[K], V], cap: int):
        super().__init__()
        self._f = f
        self._cap = cap

    def __missing__(self, key: K) -> V:
        if len(self) >= self._cap:
            self.clear()
        value = self[key] = self._f(key)
        return value
