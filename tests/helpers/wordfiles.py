"""Word files built from their XML, for the hostile-input tests and the Word reader's fuzz:
a minimal package (content types, one relationship, word/document.xml) and a structure-aware
Hypothesis strategy for bodies (paragraphs, runs, tables with merged cells, nesting, content
controls) and for broken packages (missing parts, no body, garbage)."""
from __future__ import annotations

import io
import zipfile

from hypothesis import strategies as st

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def document_xml(body: str | None) -> str:
    inner = "" if body is None else f"<w:body>{body}</w:body>"
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">{inner}</w:document>'


def package(body: str | None = "", *, parts: dict[str, str | bytes] | None = None,
            leave_out: tuple[str, ...] = ()) -> bytes:
    """The bytes of a .docx whose body is `body` (None: a document without a body)."""
    files: dict[str, str | bytes] = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                                     "word/document.xml": document_xml(body), **(parts or {})}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            if name not in leave_out:
                z.writestr(name, data)
    return buf.getvalue()


def p(text: str) -> str:
    from xml.sax.saxutils import escape
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def tc(inner: str, span: int = 1, merge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        ("<w:vMerge/>" if merge == "continue" else f'<w:vMerge w:val="{merge}"/>') if merge else "")
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{inner or '<w:p/>'}</w:tc>"


def table(rows: list[list[str]]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


# ---- the fuzz's generator -----------------------------------------------------------------------
_TEXTS = st.one_of(st.sampled_from(["设施行政处罚6次。", "一、主要工作", "关于2024年法治政府建设情况的报告",
                                    "", " ", "\t", "专武独断", "（一）", "2023年，"]),
                   st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                           max_size=30))


def _xml_text(s: str) -> str:
    from xml.sax.saxutils import escape
    # XML 1.0 cannot hold most control characters: leave them out, as Word does
    return escape("".join(c for c in s if c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff")))


def _run(text: str, kind: int) -> str:
    if kind == 0:
        return f'<w:r><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r>'
    if kind == 1:
        return f'<w:r><w:rPr><w:b/></w:rPr><w:t>{_xml_text(text)}</w:t><w:tab/><w:br/></w:r>'
    if kind == 2:
        return f'<w:hyperlink><w:r><w:t>{_xml_text(text)}</w:t></w:r></w:hyperlink>'
    return f'<w:ins w:id="1" w:author="x"><w:r><w:t>{_xml_text(text)}</w:t></w:r></w:ins>'


_paragraphs = st.lists(st.tuples(_TEXTS, st.integers(0, 3)), max_size=4).map(
    lambda runs: "<w:p>" + "".join(_run(t, k) for t, k in runs) + "</w:p>")


def _cell(inner):
    merge = st.sampled_from([None, None, "restart", "continue", "bogus"])
    return st.tuples(inner, st.integers(0, 70), merge).map(lambda a: tc(a[0], max(1, a[1]) if a[1] % 5 == 0 else 1,
                                                                        a[2]))


def _tables(inner):
    return st.lists(st.lists(_cell(inner), min_size=0, max_size=5), max_size=6).map(table)


blocks = st.recursive(_paragraphs, lambda inner: st.one_of(
    _tables(inner),
    inner.map(lambda b: f"<w:sdt><w:sdtContent>{b}</w:sdtContent></w:sdt>"),
    st.lists(inner, max_size=4).map("".join)), max_leaves=25)

bodies = st.lists(blocks, max_size=6).map("".join)


@st.composite
def word_files(draw) -> bytes:
    """A .docx: mostly well-formed bodies, sometimes with parts missing, no body or garbage."""
    body = draw(bodies)
    damage = draw(st.sampled_from(["none"] * 6 + ["no body", "no document", "no rels", "no types",
                                                  "garbage xml", "truncated", "huge run", "long merge"]))
    if damage == "no body":
        return package(None)
    if damage in ("no document", "no rels", "no types"):
        missing = {"no document": "word/document.xml", "no rels": "_rels/.rels", "no types": "[Content_Types].xml"}
        return package(body, leave_out=(missing[damage],))
    if damage == "garbage xml":
        return package(body, parts={"word/document.xml": "<w:document " + body[:50]})
    if damage == "huge run":
        body += p("设施行政处罚" * draw(st.integers(1000, 20000)))
    if damage == "long merge":
        rows = draw(st.integers(50, 1500))
        body += table([[tc(p("合并"), merge="restart"), tc(p("a"))]]
                      + [[tc("", merge="continue"), tc(p(str(i)))] for i in range(rows)])
    data = package(body)
    if damage == "truncated":
        return data[: draw(st.integers(0, len(data) - 1))]
    return data
