"""Word (.docx) drafts through python-docx: one paragraph per line, table cells included.

Line N of the Document is paragraph N of the file (body paragraphs and table-cell paragraphs
in reading order, empty ones counted), so `draft.docx:12:5` means paragraph 12, character 5.
`Document.locations[N-1]` names table cells ("表1第2行第3列") for the reporters.

Fixes are written into the `w:t` text elements of the runs. A fix is applied only when the
span it replaces lies in text of runs with identical formatting and nothing else (a tab, a
picture, a field mark) in between; otherwise the finding stays, marked as not fixable.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

from .document import INDENT, Document
from .messages import t

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Inline containers whose runs are part of the paragraph's visible text.
_CONTAINERS = {W + n for n in ("hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent",
                               "customXml", "moveTo", "dir", "bdo")}
# Block-level wrappers whose paragraphs are part of the body (content controls, custom XML).
_BLOCK_CONTAINERS = {W + n for n in ("sdt", "sdtContent", "customXml", "ins", "moveTo")}
MAX_PASSES = 4
NOT_FIXABLE = {"zh": "（Word 文件中此处跨越不同格式或非文字内容，未自动修复）",
               "en": " (not fixed: the span crosses formatting or non-text content in the Word file)"}


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


def _open(path: str, data: bytes, lang: str):
    from .engine import InputError
    if not data:
        raise InputError(path, t("empty", lang))
    import docx  # python-docx, only for Word drafts
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile.BadZipFile, KeyError, PackageNotFoundError, lxml errors
        raise InputError(path, t("unsupported", lang, detail=f"不是有效的 Word（.docx）文件（{exc}）"
                                 if lang == "zh" else f"not a valid .docx file ({exc})")) from None


def _para(p_el, label: str | None) -> _Para:
    para = _Para("", label)
    parts: list[str] = []
    pos = 0

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


def _paragraphs(document) -> list[_Para]:
    """Body paragraphs and table-cell paragraphs (merged cells once), in reading order,
    including those inside block-level content controls (w:sdt)."""
    from docx.table import Table
    out: list[_Para] = []
    tables = 0

    def walk(el, label, parent):
        nonlocal tables
        for ch in el:
            if ch.tag == W + "p":
                out.append(_para(ch, label))
            elif ch.tag == W + "tbl":
                tables += 1
                n, seen = tables, []
                for r, row in enumerate(Table(ch, parent).rows, 1):
                    for c, cell in enumerate(row.cells, 1):
                        if any(cell._tc is tc for tc in seen):
                            continue
                        seen.append(cell._tc)
                        walk(cell._tc, f"表{n}第{r}行第{c}列", cell)
            elif ch.tag in _BLOCK_CONTAINERS:
                walk(ch, label, parent)

    walk(document.element.body, None, document)
    return out


def _document(path: str, paras: list[_Para], year, unit) -> Document:
    doc = Document("\n".join(p.text for p in paras), path, markdown=False, year=year, unit=unit)
    doc.locations = [p.label for p in paras]
    return doc


def read_docx(path: str, data: bytes, *, year: int | None = None, unit: str | None = None,
              lang: str = "zh") -> Document:
    from .engine import InputError
    paras = _paragraphs(_open(path, data, lang))
    if not any(p.text.strip(INDENT) for p in paras):
        raise InputError(path, t("blank", lang))
    return _document(path, paras, year, unit)


def location(doc: Document, line: int) -> str | None:
    """"第12段" or "第12段（表1第2行第3列）" for a line of a Word document, else None."""
    locations = getattr(doc, "locations", None)
    if locations is None or not 0 < line <= len(locations):
        return None
    cell = locations[line - 1]
    return f"第{line}段" + (f"（{cell}）" if cell else "")


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


def _apply(doc: Document, paras: list[_Para], findings) -> int:
    """Write the fixable findings into the runs, right to left; returns how many were applied."""
    chosen, last = [], -1
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end)):
        if f.start < last or doc.text[f.start:f.end] == f.fix:
            continue
        line, _ = doc.pos(f.start)
        base = doc.line_starts[line - 1]
        a, b = f.start - base, f.end - base
        if b > len(paras[line - 1].text):
            continue                      # spans two paragraphs
        pieces = _covering(paras[line - 1], a, b)
        if pieces is None:
            continue
        chosen.append((a, b, f.fix, pieces))
        last = f.end
    for a, b, fix, pieces in reversed(chosen):
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


def fix_docx(linter, path: str, original: Document, cfg, *, write: bool, diffs: list[str]):
    """Apply fixes to a Word file; returns (document, findings left, failures)."""
    from .engine import read_bytes
    from .fixes import write_atomic

    document = _open(path, read_bytes(path, linter.lang), linter.lang)
    year, unit = original._year_override, original._unit_override
    applied_total = 0
    for _ in range(MAX_PASSES + 1):
        paras = _paragraphs(document)
        doc = _document(path, paras, year, unit)
        doc.context = original.context
        findings, failures = linter.lint_document(doc, cfg)
        applied = _apply(doc, paras, findings) if _ < MAX_PASSES else 0
        if not applied:
            break
        applied_total += applied
    note = NOT_FIXABLE["en" if linter.lang == "en" else "zh"]
    findings = [replace(f, fix=None, message=f.message + note) if f.fix is not None else f
                for f in findings]
    if applied_total:
        if write:
            buf = io.BytesIO()
            document.save(buf)
            write_atomic(path, buf.getvalue())
        else:
            from .fixing import unified_diff
            diffs.append(unified_diff(original.text, doc.text, path))
    return doc, findings, failures
