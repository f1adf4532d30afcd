"""Word drafts through python-docx: paragraphs as lines, table cells reachable, findings say which
paragraph, fixes written into the runs only where the run structure allows."""
import json

import pytest

docx = pytest.importorskip("docx")

from helpers.rulepacks import check_with_pack, pack_project, typo_rule  # noqa: E402
from reportlint.files.docx import read_docx  # noqa: E402

PACK = (typo_rule({'专武独断': '独断专行', '布署': '部署', '按排': '安排', '设施行政处罚': '实施行政处罚'}),)


def build(path):
    """A draft as a clerk's Word file: title, numbered heading, runs with formatting, a table."""
    d = docx.Document()
    d.add_paragraph("2024年某某镇法治政府建设情况报告")                   # 1
    d.add_paragraph("一、主要工作")                                      # 2
    p = d.add_paragraph("坚持集体决策，杜绝个人意志")                     # 3
    p.add_run("专武独断").bold = True                                    # fixable: one run
    p.add_run("。依法设施")
    p.add_run("行政处罚6次。").italic = True                             # not fixable: two formats
    p = d.add_paragraph("请")                                            # 4
    p.add_run("按")
    p.add_run("排好会务。")                                              # fixable: same formatting
    d.add_paragraph("")                                                  # 5 (empty, still counted)
    t = d.add_table(rows=2, cols=3)                                      # 6..
    t.cell(0, 0).text = "项目"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "说明"                       # merged: read once
    t.cell(1, 0).text = "培训"
    t.cell(1, 1).text = "已布署"
    t.cell(1, 2).text = "完成"
    d.add_paragraph("以上情况，特此报告。")
    d.save(path)


@pytest.fixture
def project(tmp_path, monkeypatch):
    build(tmp_path / "draft.docx")
    return pack_project(tmp_path, monkeypatch, *PACK)


def run(*args):
    return check_with_pack("--no-color", *args)


def test_paragraphs_are_lines_and_cells_are_reachable(project):
    doc = read_docx("draft.docx", (project / "draft.docx").read_bytes())
    assert doc.lines == [
        "2024年某某镇法治政府建设情况报告", "一、主要工作",
        "坚持集体决策，杜绝个人意志专武独断。依法设施行政处罚6次。", "请按排好会务。", "",
        "项目", "说明", "培训", "已布署", "完成", "以上情况，特此报告。"]
    assert doc.locations[:6] == [None] * 5 + ["表1第1行第1列"]
    assert doc.locations[6:10] == ["表1第1行第2列", "表1第2行第1列", "表1第2行第2列", "表1第2行第3列"]
    assert [h.title for h in doc.headings] == ["主要工作"]
    assert doc.meta.year == 2024


def test_findings_name_the_paragraph_and_table_cell(project):
    code, out, _ = run("--format", "json", "draft.docx")
    assert code == 1
    found = [(f["line"], f["column"], f["rule"], f["paragraph"]) for f in json.loads(out)["findings"]]
    assert found == [(3, 14, "typo-pairs", "第3段"), (3, 21, "typo-pairs", "第3段"),
                     (4, 2, "typo-pairs", "第4段"), (9, 2, "typo-pairs", "第9段（表1第2行第2列）")]
    code, out, _ = run("draft.docx")
    assert "draft.docx:9:2: error [typo-pairs] 疑似错别字：“布署”应为“部署”（建议：部署） ［第9段（表1第2行第2列）］" in out


def test_directories_include_word_files_but_not_lock_files(project):
    (project / "~$draft.docx").write_bytes(b"lock")
    _, out, err = run("--format", "json", ".")
    assert json.loads(out)["summary"]["files"] == 1, err


def test_fix_writes_runs_and_reports_what_it_cannot_fix(project):
    before = (project / "draft.docx").read_bytes()
    code, out, _ = run("--diff", "draft.docx")
    assert (project / "draft.docx").read_bytes() == before        # --diff writes nothing
    assert "-坚持集体决策，杜绝个人意志专武独断。依法设施行政处罚6次。" in out
    assert "+坚持集体决策，杜绝个人意志独断专行。依法设施行政处罚6次。" in out
    assert "+已部署" in out and code == 1

    code, out, _ = run("--fix", "draft.docx")
    assert code == 1                                               # one finding is left
    assert "设施行政处罚" in out and "未自动修复" in out
    assert [p.name for p in project.iterdir() if p.name.startswith(".reportlint")] == []

    d = docx.Document(str(project / "draft.docx"))
    paras = d.paragraphs
    assert paras[2].text == "坚持集体决策，杜绝个人意志独断专行。依法设施行政处罚6次。"
    assert [(r.text, r.bold, r.italic) for r in paras[2].runs] == [
        ("坚持集体决策，杜绝个人意志", None, None), ("独断专行", True, None),
        ("。依法设施", None, None), ("行政处罚6次。", None, True)]  # formatting kept
    assert paras[3].text == "请安排好会务。"
    assert d.tables[0].cell(1, 1).text == "已部署"

    code, out, _ = run("--format", "json", "draft.docx")
    left = json.loads(out)["findings"]
    assert [(f["line"], f["fix"] is not None) for f in left] == [(3, True)]


def test_not_a_word_file(project):
    (project / "fake.docx").write_bytes(b"plain text, not a zip")
    code, _, err = run("fake.docx")
    assert code == 2 and "不是有效的 Word" in err
    (project / "empty.docx").write_bytes(b"")
    code, _, err = run("empty.docx")
    assert code == 2 and "文件为空" in err


def _xml_paragraph(d, inner):
    """Append a paragraph written as WordprocessingML (what python-docx has no API for)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    p = parse_xml(f"<w:p {nsdecls('w', 'r')}>{inner}</w:p>")
    d.element.body.insert(len(d.element.body) - 1, p)     # before the section properties


def test_hyperlinks_tracked_changes_tabs_and_breaks(tmp_path, monkeypatch):
    d = docx.Document()
    d.add_paragraph("2024年工作总结")
    _xml_paragraph(d, '<w:r><w:t xml:space="preserve">详见 </w:t></w:r>'
                      '<w:hyperlink r:id="rId99"><w:r><w:t>布署文件</w:t></w:r></w:hyperlink>'
                      '<w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删去的布署'
                      '</w:delText></w:r></w:del>'
                      '<w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>新增</w:t></w:r></w:ins>'
                      '<w:r><w:t>布</w:t><w:tab/><w:t>署</w:t><w:br/><w:t>完</w:t>'
                      '<w:br w:type="page"/><w:t>毕</w:t></w:r>')
    d.save(tmp_path / "x.docx")
    doc = read_docx("x.docx", (tmp_path / "x.docx").read_bytes())
    assert doc.lines[1] == "详见 布署文件新增布\t署 完毕"    # deleted text is not read

    pack_project(tmp_path, monkeypatch, *PACK)
    code, _, _ = run("--fix", "x.docx")
    assert code == 0                                  # "布\t署" is not the typo: nothing left
    fixed = read_docx("x.docx", (tmp_path / "x.docx").read_bytes())
    assert fixed.lines[1] == "详见 部署文件新增布\t署 完毕"  # fixed inside the hyperlink
    xml = (tmp_path / "x.docx").read_bytes()
    import io
    import zipfile
    body = zipfile.ZipFile(io.BytesIO(xml)).read("word/document.xml").decode("utf-8")
    assert "删去的布署" in body and "<w:tab/>" in body  # deletions and tabs untouched


def test_paragraphs_inside_content_controls_are_read(tmp_path):
    d = docx.Document()
    d.add_paragraph("2024年工作总结")
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent>"
                    "<w:p><w:r><w:t>模板控件里的布署</w:t></w:r></w:p>"
                    "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>格</w:t></w:r></w:p>"
                    "</w:tc></w:tr></w:tbl></w:sdtContent></w:sdt>")
    d.element.body.insert(len(d.element.body) - 1, sdt)
    d.add_paragraph("结尾")
    d.save(tmp_path / "c.docx")
    doc = read_docx("c.docx", (tmp_path / "c.docx").read_bytes())
    assert doc.lines == ["2024年工作总结", "模板控件里的布署", "格", "结尾"]
    assert doc.locations == [None, None, "表1第1行第1列", None]


def test_word_list_numbers_are_part_of_the_text_and_form_the_outline(tmp_path, monkeypatch):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    d.add_paragraph("2024年某某镇法治政府建设情况报告")
    numbered("主要工作", 0)
    numbered("依法决策", 1)
    numbered("依法行政，已布署到位。", 1)
    numbered("细项", 2)
    numbered("存在的问题", 0)
    numbered("短板", 1)
    d.add_paragraph("1", style="List Number")           # the template's own list: "1."
    d.save(tmp_path / "n.docx")

    doc = read_docx("n.docx", (tmp_path / "n.docx").read_bytes())
    assert doc.lines == ["2024年某某镇法治政府建设情况报告", "一、主要工作", "（一）依法决策",
                         "（二）依法行政，已布署到位。", "1.细项", "二、存在的问题", "（一）短板", "1.1"]
    assert [(h.level, h.label, h.title) for h in doc.headings[:6]] == [
        (1, "一、", "主要工作"), (2, "（一）", "依法决策"), (2, "（二）", "依法行政，已布署到位"),
        (3, "1.", "细项"), (1, "二、", "存在的问题"), (2, "（一）", "短板")]

    pack_project(tmp_path, monkeypatch, *PACK)
    _, out, _ = run("--format", "json", "n.docx")
    assert [(f["line"], f["column"]) for f in json.loads(out)["findings"]] == [(4, 10)]
    run("--fix", "n.docx")                             # the number is not in a run: offsets hold
    assert docx.Document(str(tmp_path / "n.docx")).paragraphs[3].text == "依法行政，已部署到位。"
