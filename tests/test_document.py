"""The document model: decoding, positions, blocks, outline and meta."""
import codecs

import pytest

from reportlint.files.decoding import DecodeError, decode, encode
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


@pytest.mark.parametrize("codec,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                       ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_decode_boms_round_trip(codec, bom):
    data = bom + "法治政府建设\r\n".encode(codec)
    d = decode(data)
    assert d.text == "法治政府建设\r\n" and encode(d.text, d) == data


def test_decode_gb18030():
    data = "湾沟镇2024年度法治政府建设情况报告，全面贯彻落实习近平法治思想。".encode("gb18030") * 3
    d = decode(data)
    assert d.encoding == "gb18030" and d.text.startswith("湾沟镇") and encode(d.text, d) == data


def test_decode_binary_and_garbage():
    with pytest.raises(DecodeError):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
