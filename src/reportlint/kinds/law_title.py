"""Titles in 《…》 checked against a shipped catalogue of laws, regulations and policy documents.

    catalogue: law_titles.tsv     # in reportlint/data (title, type, issued, status, until, replaced_by, edition)

For every 《title》 (and every edition reference such as 纲要（2022—2025年）, quoted or not):
- a title one edit away from a catalogue title (暂定条例 for 暂行条例, an extra 的, 督查 for
  督察) is reported with the right title as suggestion and fix      -> variant `near`
- 《中华人民共和国X》 where X is catalogued without the prefix           -> variant `prefix`
- an edition range that does not exist (（2022—2025年）)                -> variant `edition`, warning
- a document superseded, repealed or renamed before the report year   -> variant `outdated`, warning
Titles that are neither catalogued nor near a catalogued one (local documents) are left alone.
A catalogued title costs one dict lookup; an unknown one (a local document) is compared only
with catalogue titles of about the same length and the same characters.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from reportlint.kinds._lib import data
from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit, Severity

KIND = "law_title"
SUMMARY = "书名号中的法律法规和政策文件名称，与内置目录比对：名称写错、已废止或被替代、版本年份不对。"
OPTIONS = {
    "catalogue": Option("str", default="law_titles.tsv", doc="reportlint/data 中的目录文件"),
    "min_length": Option("int", default=5, doc="更短的未知名称不当作写错"),
}
FIELDS = {"found", "expected", "until"}
PRIORITY = 30     # a catalogue of real titles (rulepacks.run.one_per_span)
SCOPES = ()

PREFIX = "中华人民共和国"
TITLE_RE = re_code.compile(r"[《〈<]([^《》〈〉<>\n]{2,120})[》〉>]")
_SPACE_RE = re_code.compile(r"\s+")
_DASHES = str.maketrans({"（": "(", "）": ")", "-": "—", "–": "—", "－": "—", "~": "—", "～": "—",
                         "─": "—", "―": "—"})
_EDITION_TAIL_RE = re_code.compile(r"\((?:\d{4}[^()]*|[^()]*修[订正][^()]*)\)$")
_YEARS_RE = re_code.compile(r"(\d{4})\D{0,3}(\d{4})?")


class Entry(NamedTuple):
    title: str
    type: str
    issued: int
    status: str
    until: int | None
    replaced_by: str
    edition: str          # "2021—2025" or ""


def normalise(s: str) -> str:
    return _SPACE_RE.sub("", s).translate(_DASHES)


def load_catalogue(name: str) -> list[Entry]:
    text = data.read_text(name)
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        c = (line.split("\t") + [""] * 7)[:7]
        out.append(Entry(c[0], c[1], int(c[2] or 0), c[3], int(c[4]) if c[4] else None, c[5], c[6]))
    return out


class Catalogue:
    def __init__(self, entries: list[Entry]):
        self.by_name: dict[str, list[Entry]] = {}
        for e in entries:
            self.by_name.setdefault(e.title, []).append(e)
            if e.title.startswith(PREFIX) and len(e.title) > len(PREFIX) + 1:
                self.by_name.setdefault(e.title[len(PREFIX):], []).append(e)
        self.editions = {n: es for n, es in self.by_name.items() if any(e.edition for e in es)}
        self._edition_re = None
        self.by_length: dict[int, list[tuple[str, frozenset]]] = {}
        for n in self.by_name:
            self.by_length.setdefault(len(n), []).append((n, frozenset(n)))

    @property
    def edition_re(self):
        # a local plan of the same name (湖南省法治政府建设实施纲要（2021—2025年）) has its own years
        if self._edition_re is None:
            self._edition_re = re_code.compile(
                r"(?<![省市县区镇乡州旗盟街道])(" +
                "|".join(sorted(map(re.escape, self.editions), key=len, reverse=True)) + ")"
                r"\s*[（(]([^（）()\n]{1,24})[)）]")
        return self._edition_re

    def cites_editions(self, text: str) -> bool:
        return any(base in text for base in self.editions)

    def near(self, name: str) -> set[str]:
        """Catalogued names one insertion, deletion or substitution away from `name`."""
        chars = frozenset(name)
        found = set()
        for length in (len(name) - 1, len(name), len(name) + 1):
            for n, nchars in self.by_length.get(length, ()):
                # cheap filter first: one edit changes at most one distinct character each way
                if len(nchars - chars) <= 1 and len(chars - nchars) <= 1 and one_edit_apart(name, n):
                    found.add(n)
        return found


def one_edit_apart(a: str, b: str) -> bool:
    """True if a and b differ by exactly one insertion, deletion or substitution."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1 or a == b:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def prepare(rule):
    return Catalogue(load_catalogue(rule["catalogue"]))


def _edition_text(ed: str) -> str:
    return f"（{ed}年）"


def check(rule, cat: Catalogue, doc):
    text, year = doc.text, doc.meta.year
    for m in TITLE_RE.finditer(text):
        if any("\u4e00" <= ch <= "\u9fff" for ch in m.group(1)):
            yield from _title_hits(rule, cat, m, year)
    for m in (cat.edition_re.finditer(text) if cat.cites_editions(text) else ()):
        yield from _edition_hits(cat, m, year)


def _title_hits(rule, cat: Catalogue, m, year):
    """A 《title》: outdated, with a superfluous 中华人民共和国, or one edit from a known title."""
    raw = m.group(1)
    norm = normalise(raw)
    tail = _EDITION_TAIL_RE.search(norm)
    base = norm[:tail.start()] if tail else norm
    fixable = not tail and raw == norm
    entries = cat.by_name.get(base)
    if entries:
        if year and base not in cat.editions:
            yield from _outdated(entries, year, m.start(1), m.end(1), raw)
        return
    if base.startswith(PREFIX) and base[len(PREFIX):] in cat.by_name:
        right = base[len(PREFIX):]
        yield Hit(m.start(1), m.end(1), {"found": raw, "expected": right + (tail.group(0) if tail else "")},
                  suggestion=f"《{right}》", variant="prefix", fix=right if fixable else None)
        return
    if len(base) < rule["min_length"]:
        return
    near = cat.near(base)
    if not near and base.startswith(PREFIX):
        # 《中华人民共和国重大行政决策程序暂定条例》: a near miss of a title without the prefix
        near = {n if PREFIX + n not in cat.by_name else PREFIX + n
                for n in cat.near(base[len(PREFIX):])}
    if len(near) == 1:
        right = near.pop()
        yield Hit(m.start(1), m.end(1), {"found": raw, "expected": right},
                  suggestion=f"《{right}》", variant="near", fix=right if fixable else None)


def _edition_hits(cat: Catalogue, m, year):
    """纲要（2022—2025年）: an edition the catalogue does not know, or one that is outdated."""
    base, inner = m.group(1), m.group(2)
    ym = _YEARS_RE.search(inner)
    if not ym or not (ym.group(2) or re.fullmatch(r"\s*\d{4}\s*年?\s*", inner)):
        return              # （2021年8月印发） is a date, not an edition
    if ym.group(2) and ym.group(2) < ym.group(1):
        return              # a reversed range is a date-range defect, reported elsewhere
    given = ym.group(1) + ("—" + ym.group(2) if ym.group(2) else "")
    entries = cat.editions[base]
    match = [e for e in entries if e.edition == given]
    if not match:
        best = max((e for e in entries if e.edition), key=lambda e: (e.status == "", e.issued))
        yield Hit(m.start(2) - 1, m.end(2) + 1,
                  {"found": inner, "expected": best.edition + "年"},
                  suggestion=base + _edition_text(best.edition), variant="edition",
                  severity=Severity.WARNING)
    elif year:
        yield from _outdated(match, year, m.start(), m.end(), m.group(0))


def _outdated(entries, year, start, end, raw):
    for e in entries:
        if e.status and e.until and year >= e.until:
            yield Hit(start, end, {"found": raw, "expected": e.replaced_by, "until": str(e.until)},
                      suggestion=f"《{e.replaced_by}》", variant="outdated", severity=Severity.WARNING)
            return
