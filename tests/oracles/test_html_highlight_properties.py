"""Property test of the HTML highlighter: overlapping, nested, empty and multi-line findings
never lose, duplicate or reorder draft text, and every finding gets exactly one anchor."""
import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.model.document import Document
from reportlint.model.finding import Finding, Severity
from reportlint.reporters.html import _segments

TEXT = st.text(alphabet="报告<>&\"'布署 \n　𠀾", min_size=1, max_size=60)


@st.composite
def drafts(draw):
    text = draw(TEXT)
    doc = Document(text, "d.txt")
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=8))
    findings = []
    for a, b in spans:
        a, b = min(a, b), max(a, b)
        (line, col), (eline, ecol) = doc.pos(a), doc.pos(b)
        findings.append(Finding("d.txt", line, col, eline, ecol, "r", "typo",
                                draw(st.sampled_from(list(Severity))), "<b>消息</b>", start=a, end=b))
    return doc, findings


@settings(max_examples=300, deadline=None)
@given(drafts())
def test_highlighting_keeps_the_text_and_anchors_each_finding_once(case):
    doc, findings = case
    rows = _segments(doc, list(enumerate(findings)))
    shown = [re.sub(r'<mark class="point [a-z]+" id="m\d+" title="[^"]*">‸</mark>', "", h) for _, h, _ in rows]
    text = "\n".join(html.unescape(re.sub(r"<[^>]+>", "", h)) for h in shown)
    assert text == doc.text or (doc.text.endswith("\n") and text == doc.text[:-1])
    ids = re.findall(r'id="m(\d+)"', "".join(h for _, h, _ in rows))
    assert sorted(map(int, ids)) == list(range(len(findings)))
    assert "<b>" not in "".join(h for _, h, _ in rows)          # messages are escaped too
