"""Property test of Word fixes: for any split of a paragraph into runs and any set of fixes,
the fixes that stay inside one formatting are applied exactly, the others leave the text and
the runs' formatting alone."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

docx = pytest.importorskip("docx")

from reportlint.files.docx import apply_fixes, document_of, paragraphs  # noqa: E402
from reportlint.model.finding import Finding, Severity  # noqa: E402

RUNS = st.lists(st.tuples(st.text(alphabet="布署专武独断 a", min_size=1, max_size=6), st.booleans()),
                min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(RUNS, st.lists(st.tuples(st.integers(0, 36), st.integers(0, 36),
                                st.text(alphabet="部署X", max_size=3)), max_size=5))
def test_fixes_apply_exactly_where_the_runs_allow(runs, edits):
    d = docx.Document()
    p = d.add_paragraph()
    for text, bold in runs:
        p.add_run(text).bold = bold or None
    text = "".join(t for t, _ in runs)
    bold_at = [b for t, b in runs for _ in t]            # formatting of each character
    paras = paragraphs(d)
    doc = document_of("x.docx", paras)
    assert doc.text == text

    findings = []
    for a, b, fix in edits:
        a, b = sorted((min(a, len(text)), min(b, len(text))))
        findings.append(Finding("x.docx", 1, a + 1, 1, b + 1, "r", "typo", Severity.ERROR, "m",
                                fix=fix, start=a, end=b))
    expected, last, pieces = text, -1, []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.start < last or text[f.start:f.end] == f.fix:
            continue
        if f.start < f.end and len(set(bold_at[f.start:f.end])) > 1:
            continue                                     # crosses formatting: not fixable
        pieces.append(f)
        last = f.end
    for f in reversed(pieces):
        expected = expected[:f.start] + f.fix + expected[f.end:]

    assert apply_fixes(doc, paras, findings) == len(pieces)
    assert paragraphs(d)[0].text == expected
    kept = [(r.text, bool(r.bold)) for r in p.runs if r.text]
    assert "".join(t for t, _ in kept) == expected
