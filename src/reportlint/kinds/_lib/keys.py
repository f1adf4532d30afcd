"""Many keys found in a text in one pass: an Aho-Corasick automaton with a value for each key.

The one Aho-Corasick library of every kind is ahocorasick-rs (Rust): it reads a character in a
node's table where pyahocorasick looked it up among the node's children one by one, ~3x faster
on the kinds' keys. It knows patterns by their index, so the values are kept in a list beside it.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import accumulate
from typing import Generic, TypeVar

V = TypeVar("V")


class Matcher(Generic[V]):
    """`keys`: {key: value}; an empty key is left out (it would match everywhere).

    `find` gives (start, end, value) in character offsets. By default every match, overlapping
    ones included, ordered by end and, at one end, longest first. `longest=True`: the leftmost
    match, the longest of those starting there, then the same again after its end (no overlap).
    """

    __slots__ = ("_automaton", "_bytes", "_keys", "_kind", "_overlapping", "values")

    def __init__(self, keys: Mapping[str, V], longest: bool = False):
        import ahocorasick_rs
        pairs = [(k, v) for k, v in keys.items() if k]
        self._keys = [k for k, _v in pairs]
        self.values: list[V] = [v for _k, v in pairs]
        self._kind = ahocorasick_rs.MatchKind.LeftmostLongest if longest else ahocorasick_rs.MatchKind.Standard
        self._overlapping = not longest
        self._bytes: ahocorasick_rs.BytesAhoCorasick | None = None      # built when first needed
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        if all(_utf8(k) for k in self._keys):
            self._automaton = ahocorasick_rs.AhoCorasick(self._keys, matchkind=self._kind)

    def __len__(self) -> int:
        return len(self.values)

    def find(self, text: str) -> Iterator[tuple[int, int, V]]:
        values = self.values
        try:
            if self._automaton is None:
                raise UnicodeError
            matches = self._automaton.find_matches_as_indexes(text, overlapping=self._overlapping)
        except UnicodeError:
            matches = self._find_in_bytes(text)
        for i, start, end in matches:
            yield start, end, values[i]

    def _find_in_bytes(self, text: str) -> list[tuple[int, int, int]]:
        """For a text or key with a lone surrogate (a byte that was not UTF-8, kept by
        surrogateescape), which the str automaton cannot take: the same search over UTF-8 bytes
        with the surrogates passed through. A key's bytes match only where its characters do
        (UTF-8 is self-synchronising); the offsets are counted back in characters."""
        import ahocorasick_rs
        automaton = self._bytes
        if automaton is None:
            automaton = self._bytes = ahocorasick_rs.BytesAhoCorasick(
                [k.encode("utf-8", "surrogatepass") for k in self._keys], matchkind=self._kind)
        widths = (1 if c < "\x80" else 2 if c < "\u0800" else 3 if c < "\U00010000" else 4 for c in text)
        char_at = {b: i for i, b in enumerate(accumulate(widths, initial=0))}
        found = automaton.find_matches_as_indexes(text.encode("utf-8", "surrogatepass"),
                                                    overlapping=self._overlapping)
        return [(i, char_at[start], char_at[end]) for i, start, end in found]


def _utf8(key: str) -> bool:
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
