"""Record: equality and repr by named fields, what @dataclass generates for the model classes.

Creating a @dataclass costs ~0.3-0.6 ms (it writes and compiles __init__, __eq__ and __repr__),
and every run of the CLI pays it for each class on the way to the first finding. The classes
that need nothing else write their __init__ by hand and take the rest from here.
"""
from __future__ import annotations


class Record:
    FIELDS: tuple[str, ...] = ()     # compared, in this order (the dataclass fields)
    REPR: tuple[str, ...] | None = None   # shown by repr (default: FIELDS)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None   # compared by value and mutable, as a @dataclass

    def __repr__(self) -> str:
        shown = self.FIELDS if self.REPR is None else self.REPR
        return f"{type(self).__qualname__}(" + ", ".join(
            f"{name}={getattr(self, name)!r}" for name in shown) + ")"
