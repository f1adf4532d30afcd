"""The document model: positions, blocks, outline, meta and truncation."""
from reportlint.model.document import Document
from reportlint.model.lines import cn_to_int

REPORT = """青石镇2024年度法治政府建设情况报告

一、主要举措和成效
（一）强化学习。全年学法6次。
1. 领导带头学：中心组学法。
（二）规范执法
二、存在的不足
部分干部法治意识不强。
三、2025年工作计划
继续推进。

青石镇人民政府
2025年2月20日
"""


def test_positions_count_characters_and_bisect():
    doc = Document("第一行\n第二行文字\r\n三")
    assert doc.text == "第一行\n第二行文字\n三"
    assert doc.pos(0) == (1, 1)
    assert doc.pos(4) == (2, 1)
    assert doc.pos(6) == (2, 3)
    assert doc.pos(len(doc.text)) == (3, 2)
    assert doc.line_ends == ["\n", "\r\n"]


def test_cr_only_line_ends():
    doc = Document("甲\r乙\r丙")
    assert doc.lines == ["甲", "乙", "丙"] and doc.pos(4) == (3, 1)


def test_outline_levels_numbers_and_sections():
    doc = Document(REPORT)
    hs = [(h.level, h.number, h.title, h.run_in) for h in doc.headings]
    assert hs == [
        (1, 1, "主要举措和成效", False), (2, 1, "强化学习", True), (3, 1, "领导带头学", True),
        (2, 2, "规范执法", False), (1, 2, "存在的不足", False), (1, 3, "2025年工作计划", False),
    ]
    first = doc.headings[0]
    assert "规范执法" in first.section_text and "存在的不足" not in first.section_text
    assert doc.headings[2].parent is doc.headings[1]


def test_list_items_are_not_headings():
    doc = Document("一是加强学习。\n1.5万元用于培训。\n（一）。\n")
    assert doc.headings == []


def test_meta_from_title_and_signing_date():
    meta = Document(REPORT).meta
    assert meta.year == 2024 and meta.next_year == 2025 and meta.year_source == "title"
    assert meta.unit == "青石镇" and meta.title_line == 1
    assert meta.signing_date == (2025, 2, 20) and meta.signing_line == 13


def test_meta_year_first_and_spaced_titles():
    assert Document("2025年翻江镇法治政府建设工作报告\n正文。").meta.unit == "翻江镇"
    m = Document("\n\n东峡乡人民政府 2023 年法治政府建设 工作报告\n正文").meta
    assert (m.year, m.unit) == (2023, "东峡乡人民政府")


def test_meta_year_from_signing_date_or_config():
    doc = Document("法治政府建设情况报告\n正文。\n二〇二五年一月五日")
    assert doc.meta.year == 2024 and doc.meta.year_source == "signing-date"
    assert Document("法治政府建设情况报告\n正文", year=2023).meta.year == 2023


def test_paragraphs_and_sentences():
    doc = Document("一、标题\n第一句。第二句！\n续行\n\n另一段；结尾")
    assert [p.text for p in doc.paragraphs] == ["一、标题", "第一句。第二句！", "续行", "另一段；结尾"]
    assert [s.text for s in doc.sentences] == ["一、标题", "第一句。", "第二句！", "续行", "另一段；", "结尾"]
    # one paragraph a line (Word exports), and hard-wrapped lines that run on
    doc = Document("甲段完。\n乙段完。\n丙段在句中\n断开了。")
    assert [p.text for p in doc.paragraphs] == ["甲段完。", "乙段完。", "丙段在句中\n断开了。"]


def test_markdown_headings_and_code_blocks():
    doc = Document("# 报告\n\n## 一、举措\n\n```\n代码 XX\n```\n正文\n", "x.md")
    assert [(h.level, h.style) for h in doc.headings] == [(1, "markdown"), (2, "markdown")]
    assert doc.skipped_lines == {5, 6, 7}


def test_cn_to_int():
    assert [cn_to_int(s) for s in ("十二", "二十", "九", "二〇二四", "12")] == [12, 20, 9, 2024, 12]


def test_meta_two_line_title_and_web_header():
    doc = Document("天津市静海区人民政府\n关于2024年法治政府建设报告\n静海区坚持依法行政。")
    assert (doc.meta.title, doc.meta.year, doc.meta.unit, doc.meta.title_line) == (
        "天津市静海区人民政府关于2024年法治政府建设报告", 2024, "天津市静海区人民政府", 1)
    web = Document("- 索 引 号:370481/2026-00251\n- 发布机构:鲍沟镇\n鲍沟镇2025年度法治政府建设情况报告\n正文。")
    assert (web.meta.title_line, web.meta.year, web.meta.unit) == (3, 2025, "鲍沟镇")


def test_meta_year_from_opening_and_not_from_headings_as_title():
    doc = Document("2023年,在区委领导下,新湖街道推进法治建设。\n一、2023年主要工作情况\n正文。")
    assert doc.meta.title == "" and doc.meta.year == 2023 and doc.meta.year_source == "opening"
    # a title glued to the first paragraph (PDF copy) is cut at 报告
    glued = Document("某县 2025 年度法治政府建设情况报告2025 年,全县坚持依法行政,取得成效。" * 2)
    assert glued.meta.title == "某县 2025 年度法治政府建设情况报告" and glued.meta.year == 2025


def test_heading_after_word_bookmark():
    doc = Document("一、举措\n（三）甲。内容。\n[bookmark: _GoBack]（四）乙。内容。")
    assert [h.label for h in doc.headings] == ["一、", "（三）", "（四）"]
    assert doc.headings[-1].start == doc.text.index("（四）")


def test_truncation():
    assert Document("报告\n一、举措\n正文完。\n\n某镇人民政府\n2025年2月1日").truncated is None
    assert Document("报告\n正文完。\n扫一扫在手机打开当前页\n相关解读").truncated is None
    cut = Document("报告\n一、举措\n群众满意度")
    assert (cut.truncated.line, cut.truncated.reason) == (3, "mid-sentence")
    assert Document("报告\n一、举措\n正文。\n（二）加强").truncated.reason == "bare-heading"


def test_truncation_bare_ordinal_first_part_and_signed_drafts():
    assert Document("报告\n一、举措\n正文。\n（二）").truncated.reason == "bare-heading"
    first = Document("报告\n一、举措\n（一）学法\n正文。\n（二）普法\n正文。")
    assert (first.truncated.line, first.truncated.reason) == (6, "first-part")
    assert Document("报告\n一、举措\n正文。\n二、计划\n正文。").truncated is None
    # signed and dated: a last sentence without its 。 is a slip, not a cut
    assert Document("报告\n一、举措\n继续推进法治建设\n\n某镇人民政府\n2025年2月1日").truncated is None


def test_a_report_that_ends_in_its_genres_last_part_is_not_cut():
    gio = "某区2019年政府信息公开工作年度报告\n五、存在的主要问题及改进情况\n一是公开不够及时。\n"
    # the last part's heading with its body on the same line, or a line below it, without a 。
    assert Document(gio + "六、其他需要报告的事项 无其他需要报告的事项").truncated is None
    assert Document(gio + "六、其他需要报告的事项\n本年度无其他需要报告的事项").truncated is None
    # that heading alone, or a text that stops in an earlier part, is still a cut
    assert Document(gio + "六、其他需要报告的事项").truncated.reason == "bare-heading"
    assert Document(gio + "六、其他需要报告的事项：").truncated.reason == "bare-heading"
    assert Document(gio.rstrip("。\n") + "\n二是").truncated.reason == "mid-sentence"
    # a genre without a named last part: unchanged
    plan = Document("某镇2023年法治政府建设情况报告\n三、2024年工作安排\n一是加强学习")
    assert plan.truncated.reason == "mid-sentence"


def test_starts_midway():
    assert Document("（三）强化监督\n正文。\n三、不足\n正文。").starts_midway.label == "（三）"
    assert Document("三、存在的不足\n正文。").starts_midway.number == 3
    assert Document("某镇2024年报告\n（一）学法\n正文。").starts_midway is None
    assert Document("一、举措\n正文。").starts_midway is None


def test_title_skips_file_names_and_metadata_fields():
    doc = Document("海滨街2020年法治政府建设情况.docx\n海滨街2020年法治政府建设情况报告\n正文。")
    assert (doc.meta.title, doc.meta.title_line) == ("海滨街2020年法治政府建设情况报告", 2)
    doc = Document("标 题：青石镇法治政府建设情况\n来源：青石镇\n青石镇2024年法治政府建设情况报告\n正文。")
    assert doc.meta.title_line == 3


def test_the_outline_and_meta_modules_load_when_a_kind_first_asks():
    # a dictionary-only run never reads them: their imports (and classes) are not paid for
    import subprocess
    import sys
    code = ("import sys; from reportlint.model.document import Document;"
            "d = Document('关于2024年XX镇法治政府建设情况的报告\\n一、主要工作\\n正文。\\n'); d.lines, d.tables;"
            "before = [m in sys.modules for m in ('reportlint.model.outline', 'reportlint.model.meta')];"
            "print(before, d.headings[0].title, d.meta.year)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[False,", "False]", "主要工作", "2024"]
