"""files/annotate.py: comments anchored on exactly the finding's characters, runs split with their
formatting kept, tracked fixes; read back with python-docx."""
import pytest

docx = pytest.importorskip("docx")

from helpers.word import W, clerk_draft, comments_with_anchors  # noqa: E402
from reportlint.engine.linter import Linter  # noqa: E402
from reportlint.files import annotate as ann  # noqa: E402
from reportlint.files.docx import document_of, open_docx, paragraphs  # noqa: E402


def lint(path):
    data = path.read_bytes()
    word = open_docx(str(path), data, "zh")
    doc = document_of(str(path), paragraphs(word))
    findings, _ = Linter(isolated=True).lint_document(doc)
    return word, doc, findings


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.docx"
    clerk_draft(path)
    return path


def test_one_comment_per_finding_on_the_quoted_text(draft, tmp_path):
    before = draft.read_bytes()
    word, doc, findings = lint(draft)
    quoted = {(f.line, doc.text[f.start:f.end]) for f in findings}
    assert {(3, "专武独断"), (3, "设施行政处罚"), (4, "按排"), (8, "布署"), (9, "布署"), (10, "按排")} <= quoted
    ann.annotate(word, findings)
    out = tmp_path / "draft.reviewed.docx"
    word.save(out)
    assert draft.read_bytes() == before
    got = comments_with_anchors(out)
    assert len(got) == len(findings)
    assert all(author == "reportlint" for author, _, _ in got)
    for f, (_, text, anchored) in zip(sorted(findings, key=lambda f: (f.line, f.column, f.rule)), got):
        assert f.message in text and f"［{f.rule}］" in text
        assert anchored == doc.text[f.start:f.end], f       # missing parts: on the heading
    # the text the reader sees is unchanged
    assert [p.text for p in paragraphs(docx.Document(str(out)))] == doc.lines


def test_split_runs_keep_their_formatting(draft, tmp_path):
    word, _doc, findings = lint(draft)
    ann.annotate(word, findings)
    p3 = paragraphs(word)[2]
    bold = [p.el.text for p in p3.pieces if p.run.find(f"{W}rPr/{W}b") is not None]
    italic = [p.el.text for p in p3.pieces if p.run.find(f"{W}rPr/{W}i") is not None]
    assert "".join(bold) == "专武独断"
    assert "".join(italic) == "行政处罚6次。"
    # 设施行政处罚 crosses a plain and an italic run: the comment spans both, each split part keeps its look
    assert ("设施" in [p.el.text for p in p3.pieces])


def test_numbered_item_and_tracked_insertion(draft, tmp_path):
    word, doc, findings = lint(draft)
    assert doc.lines[8].startswith("（一）")
    ann.annotate(word, findings)
    out = tmp_path / "r.docx"
    word.save(out)
    got = [(text, anchored) for _, text, anchored in comments_with_anchors(out)]
    assert sum(1 for _, a in got if a == "布署") == 2          # table cell and list item
    assert any(a == "按排" and "按排" in t for t, a in got)
    body = docx.Document(str(out)).element.body
    ins = next(el for el in body.iter(W + "ins") if el.get(W + "author") == "张三")
    assert ins.find(f".//{W}commentRangeStart") is not None      # the range is inside the insertion
    assert ins.find(f".//{W}commentReference") is None           # the mark is not part of it


def test_a_finding_on_a_word_list_number_anchors_its_paragraph(draft):
    word, _doc, _ = lint(draft)
    from reportlint.model.finding import Finding, Severity
    f = Finding("d", 9, 1, 9, 4, "x", "numbering", Severity.INFO, "序号", start=0, end=0)
    a = ann.Annotator(word)
    first, _last = a._anchor(f)
    assert first is paragraphs(word)[8].pieces[0].run


def test_track_fixes_as_revisions(draft, tmp_path):
    word, doc, findings = lint(draft)
    applied = ann.Annotator(word).track_fixes(doc, findings)
    assert applied >= 2
    out = tmp_path / "t.docx"
    word.save(out)
    body = docx.Document(str(out)).element.body
    dels = ["".join(t.text for t in d.iter(W + "delText")) for d in body.iter(W + "del")]
    inss = ["".join(t.text for t in i.iter(W + "t")) for i in body.iter(W + "ins")
            if i.get(W + "author") == "reportlint"]
    assert "专武独断" in dels and "独断专行" in inss
    assert all(d.get(W + "author") == "reportlint" for d in body.iter(W + "del"))
    # what Word shows (deletions hidden, insertions shown) is the fixed text; the bold is kept
    p3 = paragraphs(docx.Document(str(out)))[2]
    assert "独断专行" in p3.text and "专武独断" not in p3.text
    assert any(p.el.text == "独断专行" and p.run.find(f"{W}rPr/{W}b") is not None for p in p3.pieces)


def test_text_drafts_become_a_word_file_line_for_line():
    word = ann.word_of_lines(["标题", "", "正文。"])
    assert [p.text for p in paragraphs(word)] == ["标题", "", "正文。"]


def test_a_span_ending_with_a_line_end_anchors_up_to_it(draft):
    """A broken-paragraph finding quotes "X\\n" (it ends at column 1 of the next paragraph, or of
    the one after an empty paragraph): the comment is on X, not on a whole paragraph."""
    word, _doc, _ = lint(draft)
    from reportlint.model.finding import Finding, Severity
    a = ann.Annotator(word)
    f = Finding("d", 4, 7, 5, 1, "x", "format", Severity.INFO, "断行", start=0, end=0)
    first, last = a._anchor(f)
    assert first is last and "".join(t.text for t in first.iter(W + "t")) == "。"
