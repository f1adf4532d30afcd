"""Tables of a draft (Document.tables): a grid of cells, each with its place in the text.

Two sources give the same shape:
- a Word table (files/docx_tables.py): every cell paragraph is a line of the Document; merged
  cells are resolved, so a cell spanning two columns fills both grid slots (the same Cell);
  a cell is named "表N第r行第c列".
- a table pasted into plain text: one row a line, cells separated by TAB (blank cells kept) or
  by runs of two or more spaces (then at least two such lines in a row, one cell a figure, and
  no sentence punctuation, so that spaced-out prose is not taken for a table).

A cell's [start, end) is its stripped text in `Document.text`; a blank cell is an empty span
where it would be. Kinds that read tables point their findings at cells through these spans.
"""
from __future__ import annotations

from functools import cached_property

from reportlint.model.lazy_pattern import LazyPattern
from reportlint.model.lines import INDENT

_SPACE_RUN = LazyPattern(r"[ \u3000]{2,}")
_PROSE = LazyPattern(r"[。；！？]")
# a figure, optionally with its unit and a remark in brackets: "22（其中修订16件）", "21件"
_FIGURE = LazyPattern(r"^([-−－+]?\d[\d,，]*(?:\.\d+)?)(%?)\s*(?:件|条|项|个|次|元|万元)?\s*(?:[（(][^）)]*[）)])?$")
_WIDE = str.maketrans("０１２３４５６７８９．", "0123456789.")


class Cell:
    """One cell of a table: its text and place in `Document.text` and in the grid (equal only
    to itself: a merged cell is the same Cell in every slot it covers). A plain class: see
    model/plain.py."""

    def __init__(self, text: str, start: int, end: int, row: int, col: int, lines: tuple[int, int] = (0, 0)):
        self.text, self.start, self.end = text, start, end
        self.row, self.col = row, col      # 1-based grid position of the cell's top-left slot
        self.lines = lines                 # first and last line of the cell (1-based)

    def __repr__(self) -> str:
        return f"Cell({self.text!r}, {self.start}, {self.end}, {self.row}, {self.col}, {self.lines!r})"

    @property
    def blank(self) -> bool:
        return not self.text

    @cached_property
    def figure(self) -> float | None:
        """The cell's number when it holds one (thousands commas and a bracketed remark
        allowed), else None; a percentage is not a figure."""
        m = _FIGURE.match(self.text.translate(_WIDE))
        if not m or m.group(2):
            return None
        s = m.group(1).replace(",", "").replace("，", "").replace("−", "-").replace("－", "-")
        try:
            return float(s)
        except ValueError:
            return None


class Table:
    """A table of the draft (a Word table, or rows pasted as text) as a grid of Cells (equal
    only to itself)."""

    def __init__(self, number: int, rows: list[list[Cell]], word: bool = False, first_line: int = 0,
                 last_line: int = 0, cells: list[Cell] | None = None):
        self.number = number            # 1-based among the document's tables, in reading order
        self.rows = rows                # the grid; a merged cell sits in every slot it covers
        self.word = word                # cells are named 表N第r行第c列 (Word); else line:column
        self.first_line, self.last_line = first_line, last_line
        self.cells = [] if cells is None else cells    # each cell once, in reading order

    def __repr__(self) -> str:
        return f"Table({self.number}, lines {self.first_line}-{self.last_line}, {len(self.cells)} cells)"

    def where(self, cell: Cell) -> str:
        return f"表{self.number}第{cell.row}行第{cell.col}列"

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def _split_tabs(line: str, base: int, row: int, lineno: int) -> list[Cell]:
    cells, pos = [], 0
    for c, part in enumerate(line.split("\t"), 1):
        a, b = 0, len(part)
        while a < b and part[a] in INDENT:
            a += 1
        while b > a and part[b - 1] in INDENT:
            b -= 1
        cells.append(Cell(part[a:b], base + pos + a, base + pos + b, row, c, (lineno, lineno)))
        pos += len(part) + 1
    return cells


def _split_spaces(line: str, base: int, row: int, lineno: int) -> list[Cell]:
    stripped = line.strip(INDENT)
    lead = len(line) - len(line.lstrip(INDENT))
    cells, pos = [], lead
    for c, part in enumerate(_SPACE_RUN.split(stripped), 1):
        at = line.index(part, pos)
        cells.append(Cell(part, base + at, base + at + len(part), row, c, (lineno, lineno)))
        pos = at + len(part)
    return cells


def _row_kind(line: str) -> str | None:
    """'tab' or 'space' when the line can be a table row, else None."""
    if "\t" in line:
        body = line.lstrip(INDENT)           # leading tabs are indentation
        if "\t" in body.rstrip(INDENT):
            return "tab"
        # only trailing tabs: a row whose figures are all blank, when next to real rows
        return "tab-blank" if "\t" in body and not _PROSE.search(body) else None
    s = line.strip(INDENT)
    if s and _SPACE_RUN.search(s) and not _PROSE.search(s):
        return "space"
    return None


def text_tables(lines: list[str], line_starts: list[int], skipped: frozenset[int]) -> list[Table]:
    """The tables pasted into a plain text: runs of consecutive row lines."""
    kinds = [None if no in skipped else _row_kind(line) for no, line in enumerate(lines, 1)]
    tables: list[Table] = []
    no = 0
    while no < len(lines):
        kind = kinds[no]
        if kind is None:
            no += 1
            continue
        kind = "tab" if kind == "tab-blank" else kind
        end = no
        while end + 1 < len(lines) and (kinds[end + 1] == kind or
                                        (kind == "tab" and kinds[end + 1] == "tab-blank")):
            end += 1
        if kind == "tab" and all(kinds[i] == "tab-blank" for i in range(no, end + 1)):
            no = end + 1                     # trailing tabs alone make no table
            continue
        split = _split_tabs if kind == "tab" else _split_spaces
        rows = [split(lines[i], line_starts[i], r, i + 1)
                for r, i in enumerate(range(no, end + 1), 1)]
        figures = any(c.figure is not None for r in rows for c in r)
        if (end > no or len(rows[0]) > 2) if kind == "tab" else (end > no and figures):
            t = Table(len(tables) + 1, rows, word=False, first_line=no + 1, last_line=end + 1)
            t.cells = [c for r in rows for c in r]
            tables.append(t)
        no = end + 1
    return tables


def word_tables(grids: list[list[list[tuple[int, int]]]], text: str,
                line_starts: list[int]) -> list[Table]:
    """Tables of a Word file from their grids of (first line, last line) per slot; slots of
    one merged cell hold the same pair."""
    out = []
    for n, grid in enumerate(grids, 1):
        made: dict[tuple[int, int], Cell] = {}
        rows: list[list[Cell]] = []
        for r, slots in enumerate(grid, 1):
            row = []
            for c, span in enumerate(slots, 1):
                cell = made.get(span)
                if cell is None:
                    first, last = (min(x, len(line_starts)) for x in span)
                    a = line_starts[first - 1]
                    b = line_starts[last] - 1 if last < len(line_starts) else len(text)
                    while a < b and text[a] in INDENT:
                        a += 1
                    while b > a and text[b - 1] in INDENT:
                        b -= 1
                    cell = made[span] = Cell(text[a:b].replace("\n", " "), a, b, r, c, span)
                row.append(cell)
            rows.append(row)
        lines = [s for s in made]
        t = Table(n, rows, word=True, first_line=min((a for a, _ in lines), default=0),
                  last_line=max((b for _, b in lines), default=0))
        t.cells = list(made.values())
        out.append(t)
    return out
