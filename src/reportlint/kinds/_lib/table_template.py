"""A mandated table layout (a YAML template next to the rules) matched against Document.tables.

The table kinds (table_identity, table_text, table_continuity) name cells by template keys
("表三", "新收", "总计"); this module finds those cells in a draft's tables, whatever their
shape: labels in the first columns or in header rows, hierarchy as merged cells or as
"一、…/（三）…/1.…" paths, numbering styles (1. 1、 （一） (一)), spacing, remarks in brackets
and known variants are ignored; a label that differs by a character or two is matched and
remembered (so a rule can report it). Several physical tables may make up one template table
(a 表二 pasted as four blocks), and each document is matched once per template.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

from reportlint.model import re_code
from reportlint.model.tables import Cell, Table

_NUMBERING = re_code.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|"
                        r"[\u2460-\u2473\u2474-\u2487\u2488-\u249b])\s*")
_REMARK = re_code.compile(r"[（(][^（()）]*[)）]")
_NOISE = re_code.compile(r"[\s\u3000“”\"'‘’「」:：。，,、/]")
_DASHES = {"—", "－", "-", "–", "——", "/", "／", "无"}
FUZZY = 0.75          # similarity above which a label is taken for a misspelt template label


@cache
def norm(label: str) -> str:
    """A label as compared: no numbering, no remark in brackets, no spaces or quotes."""
    s = _NUMBERING.sub("", label.strip())
    s = _REMARK.sub("", s)
    return _NOISE.sub("", s)


def value(cell: Cell) -> float | None:
    """A cell's figure; a dash or 无 (nothing to report) counts as 0; blank or text: None."""
    if cell.text in _DASHES:
        return 0.0
    return cell.figure


@dataclass
class Entry:
    key: str
    label: str
    variants: tuple[str, ...] = ()
    under: str | None = None
    versions: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.names = frozenset({norm(self.label), *(norm(v) for v in self.variants)})


@dataclass
class Spec:
    name: str
    title: str
    identify: set[str]
    rows: list[Entry]
    columns: list[Entry]
    figures_required: bool = False
    identities: list[dict] = field(default_factory=list)

    @property
    def known(self) -> frozenset[str]:
        """Every label of its rows and columns (normalised)."""
        got = self.__dict__.get("_known")
        if got is None:
            got = self.__dict__["_known"] = frozenset().union(*(e.names for e in self.rows + self.columns))
        return got

    def members(self, dim: str, key: str) -> list[str]:
        return [e.key for e in (self.rows if dim == "row" else self.columns) if e.under == key]


@dataclass
class Template:
    path: str
    versions: dict[str, dict]
    specs: list[Spec]

    def version_of(self, year: int | None, labels: set[str]) -> str | None:
        """The template version a report follows: by labels only one version has, else by year."""
        for name, v in self.versions.items():
            if labels & {norm(x) for x in v.get("labels", ())}:
                return name
        if year is not None:
            for name, v in self.versions.items():
                if v.get("from", 0) <= year <= v.get("until", 9999):
                    return name
        return None


class TemplateError(ValueError):
    pass


def _entries(items: Any, where: str) -> list[Entry]:
    if not isinstance(items, list):
        raise TemplateError(f"{where}: a list of entries expected")
    out = []
    for i, e in enumerate(items):
        if not isinstance(e, dict) or not isinstance(e.get("key"), str) or not isinstance(e.get("label"), str):
            raise TemplateError(f"{where}[{i}]: an entry needs a key and a label")
        unknown = set(e) - {"key", "label", "variants", "under", "versions"}
        if unknown:
            raise TemplateError(f"{where}[{i}]: unknown key(s) {', '.join(sorted(unknown))}")
        out.append(Entry(e["key"], e["label"], tuple(e.get("variants") or ()), e.get("under"),
                         tuple(str(v) for v in e.get("versions") or ())))
    return out


_MAX_TEMPLATE_BYTES = 1024 * 1024


def _template_text(path: str) -> str:
    """The template's text: a regular file of modest size only. Told from its stat before it is
    opened, so a pipe or a device named as the template cannot hang the run (kinds may not use
    files/reading, which does the same for drafts and rule files)."""
    import os
    import stat
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(f"not a regular file: {path}")
    if info.st_size > _MAX_TEMPLATE_BYTES:
        raise OSError(f"larger than {_MAX_TEMPLATE_BYTES} bytes: {path}")
    with open(path, "rb") as fh:
        return fh.read(_MAX_TEMPLATE_BYTES + 1).decode("utf-8-sig")


@cache
def load_template(path: str) -> Template:
    """The template file (YAML), checked; TemplateError says what is wrong with it."""
    import yaml
    try:
        data = yaml.safe_load(_template_text(path))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TemplateError(f"{path}: cannot read the table template: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("tables"), list):
        raise TemplateError(f"{path}: a table template has a list of `tables`")
    specs = []
    for i, t in enumerate(data["tables"]):
        where = f"{path}: tables[{i}]"
        if not isinstance(t, dict) or not isinstance(t.get("name"), str):
            raise TemplateError(f"{where}: a table needs a name")
        spec = Spec(t["name"], t.get("title", ""), {norm(x) for x in t.get("identify") or ()},
                    _entries(t.get("rows"), where + ".rows"),
                    _entries(t.get("columns"), where + ".columns"),
                    bool(t.get("figures_required")), list(t.get("identities") or []))
        keys = {"row": {e.key for e in spec.rows}, "column": {e.key for e in spec.columns}}
        for j, ident in enumerate(spec.identities):
            per = ident.get("per")
            if per not in ("row", "column"):
                raise TemplateError(f"{where}.identities[{j}]: per must be row or column")
            summed = keys["row" if per == "column" else "column"]
            named = ([ident.get("total")] + list(ident.get("parts") or [])) if "total" in ident \
                else [k for side in ident.get("equal") or [] for k in side]
            bad = [k for k in named if k not in summed]
            if bad or not named:
                raise TemplateError(f"{where}.identities[{j}]: unknown key(s) {', '.join(map(str, bad))}")
        specs.append(spec)
    versions = {str(k): v for k, v in (data.get("versions") or {}).items()}
    return Template(path, versions, specs)


def template_path(rule) -> str:
    """The rule's `template:` resolved against the folder of its rule file."""
    return str((Path(rule.path).parent / rule["template"]).resolve())


def rule_template(rule) -> Template:
    """The template a rule names, for a kind's prepare(): a bad one is the rule's ValueError."""
    try:
        return load_template(template_path(rule))
    except TemplateError as exc:
        raise ValueError(str(exc)) from None


# ---- matching ------------------------------------------------------------------------------
@dataclass
class Fuzzy:
    cell: Cell
    table: Table
    expected: str
    found: str             # the misspelt label (a part of the cell's "a/b/c" path)

    @property
    def start(self) -> int:
        at = self.cell.text.find(self.found)
        return self.cell.start + max(at, 0)


@dataclass
class Placed:
    """One template table as found in the draft (from one or more physical tables)."""
    spec: Spec
    tables: list[Table] = field(default_factory=list)
    cells: dict[tuple[str, str], tuple[Cell, Table]] = field(default_factory=dict)
    row_labels: dict[str, tuple[Cell, Table]] = field(default_factory=dict)

    def figure(self, row: str, col: str) -> float | None:
        got = self.cells.get((row, col))
        return value(got[0]) if got else None

    def has(self, row: str, col: str) -> bool:
        return (row, col) in self.cells

    def where(self, row: str, col: str) -> tuple[Cell, Table] | None:
        return self.cells.get((row, col))


@dataclass
class Matching:
    placed: dict[str, Placed]            # spec name -> where it is
    unmatched: list[Table]               # tables with figures that fit no template table
    fuzzy: list[Fuzzy]                   # labels taken for misspelt template labels
    labels: set[str]                     # every matched label (normalised): the version hint


def _find(parts: list[tuple[str, Cell]], entries: list[Entry]) -> tuple[Entry, Cell, str] | None:
    """The entry the deepest matching label names: exact (after norm) or, failing that for
    that label, the one clearly closest; (entry, label cell, "" or the misspelt label)."""
    for part, cell in reversed(parts):
        n = norm(part)
        if not n:
            continue
        for e in entries:
            if n in e.names:
                return e, cell, ""
        best, score, second = None, 0.0, 0.0
        chars = Counter(n)
        for e in entries:
            # a name whose ratio cannot pass `second` changes nothing below: its exact ratio
            # (difflib's, ~30 µs) is worked out only when its upper bounds pass it
            r = max((SequenceMatcher(None, n, name).ratio() for name in e.names
                     if _may_pass(n, chars, name, second)), default=0.0)
            if r > score:
                best, score, second = e, r, score
            elif r > second:
                second = r
        if best is not None and score >= FUZZY and score - second > 0.1 and len(n) >= 4:
            return best, cell, part.strip()
    return None


@cache
def _characters(name: str) -> Counter:
    return Counter(name)


def _may_pass(n: str, chars: Counter, name: str, floor: float) -> bool:
    """Whether SequenceMatcher(None, n, name).ratio() may exceed `floor`: its upper bounds, in
    its own arithmetic (2 * matches / total length), do — difflib's real_quick_ratio (matches
    are no more than the shorter text) and quick_ratio (nor than the characters in common)."""
    total = len(n) + len(name)
    if not total:
        return floor < 1.0
    if 2.0 * min(len(n), len(name)) / total <= floor:
        return False
    other = _characters(name)
    return 2.0 * sum(min(c, other[ch]) for ch, c in chars.items() if ch in other) / total > floor


def _is_data(row: list[Cell]) -> bool:
    return any(value(c) is not None for c in row)


def _is_header(row: list[Cell]) -> bool:
    texts = {id(c): c for c in row if c.text and value(c) is None}
    return len(texts) >= 2


def _label_columns(rows: list[list[Cell]], data: list[int], width: int) -> int:
    """How many leading columns hold labels: those where no data row has a figure."""
    n = 0
    while n < width and not any(n < len(rows[i]) and rows[i][n].figure is not None for i in data):
        n += 1
    return n


def _parts(cells: list[Cell]) -> list[tuple[str, Cell]]:
    """The labels of some cells (each merged cell once), a "a/b/c" path split, top first."""
    seen: list[Cell] = []
    for c in cells:
        if c.text and all(c is not x for x in seen):
            seen.append(c)
    return [(p, c) for c in seen for p in c.text.split("/") if p.strip()]


def _place(table: Table, spec: Spec) -> tuple[dict, dict, list[Fuzzy], set[str]]:
    """Cells of `table` keyed by (row key, column key) under `spec`; the row label cells by row
    key; the labels taken for misspelt template labels; every label matched."""
    rows = table.rows
    data = [i for i, r in enumerate(rows) if _is_data(r)]
    if not data:
        return {}, {}, [], set()
    label_cols = _label_columns(rows, data, table.width)
    cells: dict[tuple[str, str], tuple[Cell, Table]] = {}
    row_labels: dict[str, tuple[Cell, Table]] = {}
    fuzzy: list[Fuzzy] = []
    labels: set[str] = set()
    memo: dict = {}

    def find(parts, entries, ids=None):      # the same labels recur in every cell of a row/column
        key = (ids or tuple((p, id(c)) for p, c in parts), id(entries))
        if key not in memo:
            memo[key] = _find(parts, entries)
            got = memo[key]
            if got and got[2] and all(f.cell is not got[1] for f in fuzzy):
                fuzzy.append(Fuzzy(got[1], table, got[0].label, got[2]))
        return memo[key]

    # a column's header labels, made once per block of header rows (not for every data row)
    heads: dict[tuple[tuple[int, ...], int], tuple[list, tuple]] = {}
    header: tuple[int, ...] = ()         # the block of header rows above the current row
    for i, row in enumerate(rows):
        if _is_header(row) and not _is_data(row):
            header = (header if header and header[-1] == i - 1 else ()) + (i,)
            continue
        row_parts = _parts(row[:label_cols])
        found_row = find(row_parts, spec.rows)
        if found_row:
            row_labels.setdefault(found_row[0].key, (found_row[1], table))
        for col in range(label_cols, len(row)):
            head = heads.get((header, col))
            if head is None:
                parts = _parts([rows[h][col] for h in header if col < len(rows[h])])
                head = heads[header, col] = (parts, tuple((p, id(c)) for p, c in parts))
            col_parts, col_ids = head
            found_col = find(col_parts, spec.columns, col_ids) or find(row_parts, spec.columns)
            r = found_row or find(col_parts, spec.rows, col_ids)
            if r is None or found_col is None or r[0].key == found_col[0].key:
                continue
            labels |= found_col[0].names | r[0].names
            cells.setdefault((r[0].key, found_col[0].key), (row[col], table))
    return cells, row_labels, fuzzy, labels


def _labels(table: Table) -> set[str]:
    names: set[str] = set()
    for c in table.cells:
        if c.text and value(c) is None:
            names.update(norm(p) for p in c.text.split("/"))
    return names


def _score(names: set[str], spec: Spec) -> int:
    """How many distinct template labels of `spec` the table's labels are (0: not this one)."""
    hits = names & spec.known
    return len(hits) if (names & spec.identify) and len(hits) >= 2 else 0


def match(doc, template: Template) -> Matching:
    """Every table of the draft placed under the template (once per document and template)."""
    return doc.shared(("table-template", template.path), lambda: _match(doc, template))


def _match(doc, template: Template) -> Matching:
    placed: dict[str, Placed] = {}
    unmatched, fuzzy, labels = [], [], set()
    for table in doc.tables:
        names = _labels(table)
        scores = [(_score(names, s), -i, s) for i, s in enumerate(template.specs)]
        best, _, spec = max(scores, key=lambda x: (x[0], x[1]))
        if not best:
            if any(c.figure is not None for c in table.cells):
                unmatched.append(table)
            continue
        cells, row_labels, fz, lb = _place(table, spec)
        p = placed.setdefault(spec.name, Placed(spec))
        p.tables.append(table)
        for k, v in cells.items():
            p.cells.setdefault(k, v)
        for k, v in row_labels.items():
            p.row_labels.setdefault(k, v)
        fuzzy.extend(fz)
        labels |= lb
    return Matching(placed, unmatched, fuzzy, labels)


# ---- sums ----------------------------------------------------------------------------------
def amount(p: Placed, dim: str, key: str, fixed: str) -> tuple[float | None, list[str]]:
    """The figure of `key` along `dim` at `fixed` (the other dimension's key): a group sums its
    members when they are in the table (all of them), else its own cell. (None, []) when a
    figure is blank or missing."""
    every = p.spec.members(dim, key)
    members = [m for m in every if p.has(*((m, fixed) if dim == "row" else (fixed, m)))]
    if members and len(members) < len(every):
        return None, []                 # some members not found: the sum would mislead
    if members:
        total = 0.0
        for m in members:
            v, _ = amount(p, dim, m, fixed)
            if v is None:
                return None, []
            total += v
        return total, members
    v = p.figure(*((key, fixed) if dim == "row" else (fixed, key)))
    return v, []


def fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


def cell_sum(m: Matching, expr: str) -> float | None:
    """The figure a rule names as "表/行/列" (terms added with +), or None when a table is not
    matched or a figure is blank."""
    total = 0.0
    for term in expr.split("+"):
        table, row, col = (x.strip() for x in term.split("/"))
        placed = m.placed.get(table)
        if placed is None:
            return None
        v, _ = amount(placed, "row", row, col)
        if v is None:
            return None
        total += v
    return total
