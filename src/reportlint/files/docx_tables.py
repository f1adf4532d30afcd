"""The grids of a Word file's tables, collected while its paragraphs are read (docx.paragraphs).

Each grid slot holds the (first, last) line of the cell that covers it, so a cell merged across
columns (gridSpan) or rows (vMerge) fills all its slots with the same pair; model/tables.py turns
the grids into Tables once the Document's text exists.
"""
from __future__ import annotations

Grid = list[list[tuple[int, int]]]


class TableGrids:
    def __init__(self) -> None:
        self.grids: list[Grid] = []
        # id(w:tc) -> (the element, its lines); the element is held so that its id is not reused
        self._spans: dict[int, tuple[object, tuple[int, int]]] = {}

    def table(self) -> Grid:
        """Start the next table (in reading order, nested ones after their parent's cell)."""
        grid: Grid = []
        self.grids.append(grid)
        return grid

    def seen(self, tc) -> tuple[int, int] | None:
        held = self._spans.get(id(tc))
        return held[1] if held is not None else None

    def cell(self, grid: Grid, r: int, tc, first: int, last: int) -> None:
        """Slot r (1-based) gets the cell `tc` whose paragraphs are lines first..last."""
        span = self.seen(tc)
        if span is None:
            span = (first, max(first, last))
            self._spans[id(tc)] = (tc, span)
        while len(grid) < r:
            grid.append([])
        grid[r - 1].append(span)
