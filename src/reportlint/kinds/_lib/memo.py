"""Run-long answers: a per-process memo with a bound, and a structure only a long run builds.

Kinds keep answers for the whole run (a long run over many reports soon asks only the memo, at
dict speed); a memo that would grow past `cap` entries is emptied and fills again, so that a
run over thousands of reports stays bounded in memory. Some faster ways to answer cost more to
set up than one report repays (a set read from a file, a big class compiled): LongRun answers
the slower way until the run has read enough text.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
W = TypeVar("W")


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


class LongRun(Generic[W]):
    """Which of two equivalent ways to answer a run uses: `first` (nothing to set up) until the
    run has read `after` characters, then the one `build()` makes (made once, kept)."""

    def __init__(self, first: W, build: Callable[[], W], after: int):
        self.first, self._build, self.after = first, build, after
        self.read = 0                     # characters read so far
        self.built: W | None = None

    def way(self, n: int) -> W:
        """The way to answer for a text of n characters (counted towards `after`)."""
        if self.built is None:
            self.read += n
            if self.read <= self.after:
                return self.first
            self.built = self._build()
        return self.built
