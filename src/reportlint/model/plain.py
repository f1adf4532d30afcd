"""Plain classes for the types every run creates at start-up, instead of @dataclass.

@dataclass writes each class's methods as source text and compiles it when the module is
imported: ~0.3-1.6 ms a class, ~8 ms of a one-report run for the fourteen a run always imports.
A class here lists its fields in `_fields` and writes its own __init__ (a few lines, compiled
with the module); equality and repr come from the fields. Immutable value types with many
fields use typing.NamedTuple instead (Finding).
"""
from __future__ import annotations


class Fields:
    """Equality and repr by the attributes named in `_fields`, as @dataclass gave them (unhashable:
    equal by value and mutable)."""
    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _hidden: tuple[str, ...] = ()      # left out of repr (large or internal)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other):
        return type(other) is type(self) and other._values() == self._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields if n not in self._hidden)
        return f"{type(self).__name__}({shown})"
