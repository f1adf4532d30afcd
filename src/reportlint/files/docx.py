"""Word (.docx) drafts through python-docx: one paragraph per line, table cells included.

Line N of the Document is paragraph N of the file (body paragraphs and table-cell paragraphs
in reading order, empty ones counted), so `draft.docx:12:5` means paragraph 12, character 5.
`Document.locations[N-1]` names table cells ("表1第2行第3列"); `Document.where(N)` words it.

Fixes are written into the `w:t` text elements of the runs. A fix is applied only when the
span it replaces lies in text of runs with identical formatting and nothing else (a tab, a
picture, a field mark) in between; otherwise the finding stays, marked as not fixable.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlint.files.docx_tables import TableGrids
from reportlint.model.document import Document
from reportlint.model.errors import InputError
from reportlint.model.lines import INDENT
from reportlint.model.messages import t

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Inline containers whose runs are part of the paragraph's visible text.
_CONTAINERS = {W + n for n in ("hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent",
                               "customXml", "moveTo", "dir", "bdo")}
# Block-level wrappers whose paragraphs are part of the body (content controls, custom XML).
_BLOCK_CONTAINERS = {W + n for n in ("sdt", "sdtContent", "customXml", "ins", "moveTo")}


@dataclass
class _Piece:
    """The text of one `w:t` element: [start, end) in its paragraph's text."""
    start: int
    end: int
    el: object
    run: object


@dataclass
class _Para:
    text: str
    label: str | None                     # None for a body paragraph, else the table cell
    pieces: list[_Piece] = field(default_factory=list)
    el: object = None                     # the w:p element (files/annotate.py anchors on it)


# What a .docx may unpack to. The file itself is capped (files/reading.MAX_BYTES), but XML
# compresses ~100:1: a 300 KB zip can hold 180 MB of document.xml, and python-docx holds every
# part in memory with its parsed tree (~30 bytes per byte of XML). A long report's parts add
# up to a few MB. The sizes a zip declares bound what zipfile unpacks (more fails its CRC).
MAX_UNPACKED = 48 * 1024 * 1024
MAX_PARTS = 2000
MAX_GRID_SPAN = 64          # Word tables have at most 63 columns


def _invalid(path: str, lang: str, detail: object) -> InputError:
    return InputError(path, t("unsupported", lang, detail=f"不是有效的 Word（.docx）文件（{detail}）"
                              if lang == "zh" else f"not a valid .docx file ({detail})"))


def _check_zip(path: str, data: bytes, lang: str) -> None:
    """Refuse a zip bomb from the sizes its directory declares, before anything is unpacked."""
    import zipfile
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _invalid(path, lang, exc) from None
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_PARTS or total > MAX_UNPACKED:
        raise InputError(path, t("docx_too_big", lang, size=f"{total / 2**20:.0f}", parts=len(infos),
                                 limit=MAX_UNPACKED // 2**20))


def open_docx(path: str, data: bytes, lang: str):
    if not data:
        raise InputError(path, t("empty", lang))
    _check_zip(path, data, lang)
    import docx  # python-docx, only for Word drafts
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile.BadZipFile, KeyError, PackageNotFoundError, lxml errors
        raise _invalid(path, lang, exc) from None
    if document.element.body is None:
        raise _invalid(path, lang, "document.xml has no body" if lang != "zh" else "document.xml 中没有正文")
    return document


def _para(p_el, label: str | None, number: str = "") -> _Para:
    para = _Para("", label, el=p_el)
    parts: list[str] = [number]       # a Word list number is shown, but it is not in any run
    pos = len(number)

    def emit(text: str, el=None, run=None):
        nonlocal pos
        if el is not None:
            para.pieces.append(_Piece(pos, pos + len(text), el, run))
        parts.append(text)
        pos += len(text)

    def run(r):
        for ch in r:
            tag = ch.tag
            if tag == W + "t":
                emit((ch.text or "").replace("\n", " ").replace("\r", " "), ch, r)
            elif tag == W + "tab":
                emit("\t")
            elif tag in (W + "br", W + "cr"):
                if ch.get(W + "type") not in ("page", "column"):
                    emit(" ")              # a soft line break stays inside its paragraph
            elif tag == W + "noBreakHyphen":
                emit("-")

    def walk(el):
        for ch in el:
            if ch.tag == W + "r":
                run(ch)
            elif ch.tag in _CONTAINERS:
                walk(ch)

    walk(p_el)
    para.text = "".join(parts)
    return para


def paragraphs(document, grids: TableGrids | None = None) -> list[_Para]:
    """Body paragraphs and table-cell paragraphs (merged cells once), in reading order,
    including those inside block-level content controls (w:sdt). `grids` collects each
    table's grid of cells (Document.tables)."""
    out: list[_Para] = []
    tables = 0
    numbering = _Numbering(document)
    grids = grids if grids is not None else TableGrids()

    def walk(el, label):
        nonlocal tables
        for ch in el:
            if ch.tag == W + "p":
                out.append(_para(ch, label, numbering.label(ch)))
            elif ch.tag == W + "tbl":
                tables += 1
                n, grid = tables, grids.table()
                for r, c, tc in _grid_slots(ch):
                    if grids.seen(tc) is None:
                        first = len(out) + 1
                        walk(tc, f"表{n}第{r}行第{c}列")
                        grids.cell(grid, r, tc, first, len(out))
                    else:
                        grids.cell(grid, r, tc, 0, 0)
            elif ch.tag in _BLOCK_CONTAINERS:
                walk(ch, label)

    walk(document.element.body, None)
    return out


def _grid_slots(tbl):
    """(row, column, w:tc covering it) for every slot of a table's grid, row by row (1-based).

    A cell merged across columns (w:gridSpan) covers each of its columns; a cell merged down
    (w:vMerge="continue") is the cell above it in the same column, looked up in the previous
    row, so a merge over thousands of rows costs one step per row (python-docx follows such a
    merge recursively from every slot: a RecursionError past ~1,000 rows, minutes before)."""
    above: dict[int, object] = {}
    for r, tr in enumerate(tbl.iterchildren(W + "tr"), 1):
        c = 0
        for tc in tr.iterchildren(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span, merge = 1, None
            if tcpr is not None:
                gs, vm = tcpr.find(W + "gridSpan"), tcpr.find(W + "vMerge")
                val = gs.get(W + "val") if gs is not None else None
                span = min(MAX_GRID_SPAN, max(1, int(val))) if val and val.isdigit() else 1
                merge = (vm.get(W + "val") or "continue") if vm is not None else None
            owner = above.get(c, tc) if merge == "continue" else tc
            for k in range(span):
                above[c + k] = owner
                yield r, c + k + 1, owner
            c += span


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULLWIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULLWIDTH),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 0 < n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 0 < n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 0 < n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 0 < n <= 20 else f"{n}.",
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "lowerLetter": lambda n: _letters(n),
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}
_CHINESE = {"chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
            "taiwaneseCountingThousand",
            "ideographDigital", "chineseLegalSimplified", "koreanCounting"}


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in _CHINESE:
        import cn2an  # Chinese counting: 十一, 二十; legal: 壹拾壹
        if fmt == "ideographDigital":
            return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
        return cn2an.an2cn(n, "up" if fmt == "chineseLegalSimplified" else "low")
    return _FORMATS.get(fmt, str)(n)


class _Numbering:
    """Word list numbers ("一、" "（二）" "1.") kept in numbering.xml rather than in the text.

    A clerk's outline is often numbered this way; without the numbers the headings would not
    be recognised. Counters run per abstract list in document order, deeper levels restart
    when a higher one advances, `startOverride` restarts a list instance.
    """

    def __init__(self, document):
        self.levels: dict[str, tuple[str, dict, dict]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        val = W + "val"
        abstract = {}
        for a in root.findall(W + "abstractNum"):
            lvls = {}
            for lvl in a.findall(W + "lvl"):
                start = lvl.find(W + "start")
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                lvls[int(lvl.get(W + "ilvl", "0"))] = (
                    int(start.get(val)) if start is not None else 1,
                    fmt.get(val) if fmt is not None else "decimal",
                    text.get(val) if text is not None else "")
            abstract[a.get(W + "abstractNumId")] = lvls
        for num in root.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is None or ref.get(val) not in abstract:
                continue
            overrides = {}
            for o in num.findall(W + "lvlOverride"):
                so = o.find(W + "startOverride")
                if so is not None:
                    overrides[int(o.get(W + "ilvl", "0"))] = int(so.get(val))
            self.levels[num.get(W + "numId")] = (ref.get(val), abstract[ref.get(val)], overrides)
        for st in document.styles.element.findall(W + "style"):
            num = st.find(f"{W}pPr/{W}numPr")
            based = st.find(W + "basedOn")
            self.styles[st.get(W + "styleId")] = (
                _child_val(num, "numId"), _child_val(num, "ilvl"),
                based.get(val) if based is not None else None)

    def _from_style(self, style_id):
        num_id = ilvl = None
        for _ in range(10):                        # basedOn chains are short; never loop forever
            if style_id not in self.styles:
                break
            s_num, s_lvl, based = self.styles[style_id]
            num_id = num_id or s_num
            ilvl = ilvl or s_lvl
            if num_id:
                break
            style_id = based
        return num_id, ilvl

    def label(self, p_el) -> str:
        if not self.levels:
            return ""
        ppr = p_el.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = _child_val(num_pr, "numId"), _child_val(num_pr, "ilvl")
        if num_id is None and ppr is not None:
            style = ppr.find(W + "pStyle")
            if style is not None:
                s_num, s_lvl = self._from_style(style.get(W + "val"))
                num_id, ilvl = s_num, ilvl or s_lvl
        if num_id is None or num_id not in self.levels:
            return ""
        level = int(ilvl or 0)
        abstract_id, lvls, overrides = self.levels[num_id]
        if level not in lvls:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():
                counters[lv] = start - 1
                for deeper in [k for k in counters if k > lv]:
                    del counters[deeper]
        counters[level] = counters.get(level, lvls[level][0] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        start, fmt, text = lvls[level]
        if fmt in ("bullet", "none") or not text:
            return ""

        def sub(m):
            lv = int(m.group(1)) - 1
            n = counters.get(lv, lvls.get(lv, (1,))[0])
            return _format(n, lvls.get(lv, (1, "decimal", ""))[1])
        import re
        return re.sub(r"%([1-9])", sub, text)


def _child_val(el, name: str) -> str | None:
    if el is None:
        return None
    child = el.find(W + name)
    return child.get(W + "val") if child is not None else None


def document_of(path: str, paras: list[_Para], *, year=None, unit=None,
                references: tuple = (), grids: TableGrids | None = None) -> Document:
    """The Document of a Word file's paragraphs: line N is paragraph N, table cells labelled."""
    return Document("\n".join(p.text for p in paras), path, markdown=False, year=year, unit=unit,
                    references=references, locations=[p.label for p in paras],
                    table_grids=grids.grids if grids is not None else [])


def read_word(path: str, data: bytes, lang: str = "zh"):
    """(the open Word file, its paragraphs, its table grids); InputError when it is broken or blank."""
    grids = TableGrids()
    document = open_docx(path, data, lang)
    try:
        paras = paragraphs(document, grids)
    except (RecursionError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        raise _invalid(path, lang, f"{type(exc).__name__}: {exc}") from None    # malformed parts
    if not any(p.text.strip(INDENT) for p in paras):
        raise InputError(path, t("blank", lang))
    return document, paras, grids


def read_docx(path: str, data: bytes, *, year: int | None = None, unit: str | None = None,
              lang: str = "zh", references: tuple[Document, ...] = ()) -> Document:
    _, paras, grids = read_word(path, data, lang)
    return document_of(path, paras, year=year, unit=unit, references=references, grids=grids)


# ---- fixing ------------------------------------------------------------------------------
def _rpr(run) -> bytes:
    from lxml import etree
    rpr = run.find(W + "rPr")
    return b"" if rpr is None else etree.tostring(rpr)


def _covering(para: _Para, a: int, b: int) -> list[_Piece] | None:
    """The w:t pieces that hold [a, b) with nothing between them and one formatting, or None."""
    if a == b:
        return next(([p] for p in para.pieces if p.start <= a <= p.end), None)
    pieces = [p for p in para.pieces if p.start < b and p.end > a]
    if not pieces or pieces[0].start > a or pieces[-1].end < b:
        return None
    for prev, nxt in zip(pieces, pieces[1:]):
        if prev.end != nxt.start:
            return None
    if len({_rpr(p.run) for p in pieces}) > 1:
        return None
    return pieces


def _set(el, text: str) -> None:
    el.text = text
    if text != text.strip():
        el.set(XML_SPACE, "preserve")


def fixes_in_runs(doc: Document, paras: list[_Para], findings):
    """(paragraph index, start, end, fix, pieces) of the fixable findings that Word runs can take,
    left to right: no overlap, a change to the text as written, inside one paragraph, over pieces
    of one formatting (what a fix or a tracked change may rewrite)."""
    text = doc.source_text
    chosen, last = [], -1
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end)):
        if f.start < last or text[f.start:f.end] == f.fix:
            continue
        line, _ = doc.pos(f.start)
        base = doc.line_starts[line - 1]
        a, b = f.start - base, f.end - base
        if b > len(paras[line - 1].text):
            continue                      # spans two paragraphs
        pieces = _covering(paras[line - 1], a, b)
        if pieces is None:
            continue
        chosen.append((line - 1, a, b, f.fix, pieces))
        last = f.end
    return chosen


def apply_fixes(doc: Document, paras: list[_Para], findings) -> int:
    """Write the fixable findings into the runs, right to left; returns how many were applied."""
    chosen = fixes_in_runs(doc, paras, findings)
    for _, a, b, fix, pieces in reversed(chosen):
        first, final = pieces[0], pieces[-1]
        cur_first = first.el.text or ""
        if first is final:
            _set(first.el, cur_first[:a - first.start] + fix + cur_first[b - first.start:])
            continue
        cur_final = final.el.text or ""
        _set(first.el, cur_first[:a - first.start] + fix)
        for p in pieces[1:-1]:
            p.el.text = ""
        _set(final.el, cur_final[b - final.start:])
    return len(chosen)


def save(document) -> bytes:
    """The Word file's bytes after fixes were written into its runs."""
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
