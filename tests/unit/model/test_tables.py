"""Document.tables: tables pasted into a text (TAB or space runs) and Word tables, cells with
their positions, merged cells resolved; genres told apart by the title."""
import pytest

from reportlint.model.document import Document
from reportlint.model.genres import DEFAULT, genre_of


def test_tab_rows_keep_blank_cells_and_point_at_each_cell():
    text = "四、行政复议\n\t结果维持\t结果纠正\t总计\n行政复议\t10\t\t0\n五、存在的问题\n"
    doc = Document(text)
    [t] = doc.tables
    assert (t.first_line, t.last_line, t.width) == (2, 3, 4)
    corner, *_ = t.rows[0]
    assert corner.blank and doc.pos(corner.start) == (2, 1)
    label, ten, blank, zero = t.rows[1]
    assert (label.text, ten.figure, zero.figure) == ("行政复议", 10.0, 0.0)
    assert blank.blank and blank.start == blank.end and doc.pos(blank.start) == (3, 9)
    assert doc.pos(ten.start) == (3, 6) and doc.text[ten.start:ten.end] == "10"
    assert doc.table_lines == frozenset({2, 3})


def test_space_separated_rows_need_two_lines_and_a_figure():
    table = "信息内容    本年制发件数    现行有效件数\n规章  0  3\n行政规范性文件  77  470\n"
    doc = Document("二、主动公开\n" + table)
    [t] = doc.tables
    assert [c.text for c in t.rows[2]] == ["行政规范性文件", "77", "470"]
    assert doc.pos(t.rows[2][2].start) == (4, 14)
    # spaced-out prose and a single spaced line are not tables
    assert Document("今年  我们开展了  普法活动。\n全年  完成  任务。\n").tables == []
    assert Document("名称  数量\n").tables == []
    # an indenting tab is not a cell separator
    assert Document("\t一、总体情况\n\t全年公开信息100条。\n").tables == []


def test_a_row_left_blank_stays_in_its_table():
    doc = Document("项目\t自然人\t总计\n一、本年新收\t3\t3\n二、上年结转\t\t\n四、结转下年度\t\t\n正文。\t\n")
    [t] = doc.tables
    assert len(t.rows) == 4 and [c.blank for c in t.rows[2]] == [False, True, True]
    assert Document("正文一。\t\n正文二。\t\n").tables == []


def test_figures_with_a_unit_a_remark_or_wide_digits():
    doc = Document("规章\t22（其中修订16件）\t21件\t２１\t17.46%\t无\n行政复议\t1\t2\t3\t4\t5\n")
    assert [c.figure for c in doc.tables[0].rows[0]] == [None, 22.0, 21.0, 21.0, None, None]


def test_table_rows_are_not_headings():
    doc = Document("一、总体情况\n正文。\n项目\t自然人\t总计\n一、本年新收申请\t3\t3\n二、上年结转\t0\t0\n"
                   "二、主动公开情况\n正文。\n")
    assert [h.title for h in doc.headings] == ["总体情况", "主动公开情况"]


@pytest.mark.parametrize(("title", "genre"), [
    ("洪泽区2023年政府信息公开工作年度报告", "gio-annual-report"),
    ("平潭综合实验区2023年度政府信息公开工作年度报告", "gio-annual-report"),
    ("某镇2024年法治政府建设情况报告", DEFAULT),
    ("", DEFAULT),
])
def test_genre_follows_the_title(title, genre):
    assert genre_of(title, "") == genre


def test_genre_from_the_text_when_the_title_says_nothing():
    table_row = "一、本年新收政府信息公开申请数量\t3\t3"
    assert genre_of("", "一、总体情况\n" + table_row) == "gio-annual-report"
    # a rule-of-law report that mentions the other genre stays what its title says
    assert genre_of("某镇2024年法治政府建设情况报告", table_row) == DEFAULT
    assert genre_of("", "按时发布政府信息公开工作年度报告。") == DEFAULT


def test_word_tables_resolve_merged_cells(tmp_path):
    docx = pytest.importorskip("docx")
    from reportlint.files.docx import read_docx
    d = docx.Document()
    d.add_paragraph("表四")
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(1, 0))                      # vertical merge (label column)
    t.cell(0, 1).merge(t.cell(0, 3)).text = "行政诉讼"     # horizontal merge over three columns
    for c, label in enumerate(("结果维持", "结果纠正", "总计"), 1):
        t.cell(1, c).text = label
    for c, figure in enumerate(("行政复议", "5", "", "5"), 0):
        t.cell(2, c).text = figure
    d.save(tmp_path / "t.docx")
    doc = read_docx("t.docx", (tmp_path / "t.docx").read_bytes())
    [table] = doc.tables
    assert table.word and table.width == 4
    head = table.rows[0]
    assert head[1] is head[2] is head[3] and head[1].text == "行政诉讼"
    assert table.rows[0][0] is table.rows[1][0]
    blank = table.rows[2][2]
    assert blank.blank and table.where(blank) == "表1第3行第3列"
    assert doc.where(doc.pos(table.rows[2][3].start)[0]).endswith("（表1第3行第4列）")
    assert table.rows[2][3].figure == 5.0
