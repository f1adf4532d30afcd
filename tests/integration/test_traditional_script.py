"""A draft in traditional script: one info finding per passage, every other rule reads the
simplified view (no typo on 國/設/黨, no doubled 習), excerpts and fixes keep the text as written."""
import pytest

from helpers.rulepacks import check_with_pack, pack_project, typo_rule
from reportlint import lint_text
from reportlint.model.document import Document

TRADITIONAL = ("某鎮2024年法治政府建設情況報告\n"
               "一、主要工作\n"
               "堅持學習習近平新時代中國特色社會主義思想，加強黨的領導，推進法治政府建設。\n"
               "全年共辦理行政複議案件3件，均依法按期辦結。\n")


def test_the_view_is_simplified_and_keeps_positions():
    doc = Document(TRADITIONAL)
    assert doc.traditional
    assert doc.source_text == TRADITIONAL
    assert len(doc.text) == len(TRADITIONAL)
    assert "学习习近平" in doc.text and "國" not in doc.text
    assert doc.source_lines[0] == "某鎮2024年法治政府建設情況報告"


def test_a_simplified_draft_is_its_own_view():
    doc = Document("推进法治政府建设。")
    assert not doc.traditional
    assert doc.text is doc.source_text and doc.source_lines is doc.lines


def test_only_the_passage_finding_on_a_traditional_draft():
    findings = lint_text(TRADITIONAL, year=2024)
    by_rule = {f.rule for f in findings}
    assert "traditional-script" in by_rule
    assert not [f for f in findings if f.category in ("typo", "formulation")
                or f.rule == "doubled-text"], [f.message for f in findings]
    passage = [f for f in findings if f.rule == "traditional-script"]
    assert len(passage) == 1 and passage[0].line == 1


@pytest.fixture
def project(tmp_path, monkeypatch):
    return pack_project(tmp_path, monkeypatch, typo_rule({"布署": "部署"}))


def test_fix_writes_into_the_text_as_written(project):
    path = project / "d.txt"
    path.write_text("堅持學習，布署到位。\n", encoding="utf-8")
    _, out, err = check_with_pack("--no-color", "--fix", "d.txt")
    assert path.read_text(encoding="utf-8") == "堅持學習，部署到位。\n", out + err


def test_excerpt_shows_the_text_as_written(project):
    (project / "d.txt").write_text("堅持學習，布署到位。\n", encoding="utf-8")
    _, out, err = check_with_pack("--no-color", "d.txt")
    assert "堅持學習，布署到位。" in out, out + err


def test_a_fix_over_traditional_characters_keeps_them(tmp_path, monkeypatch):
    pack_project(tmp_path, monkeypatch, typo_rule({"设施行政处罚": "实施行政处罚"}))
    path = tmp_path / "d.txt"
    path.write_text("依法設施行政處罰。\n", encoding="utf-8")
    _, out, err = check_with_pack("--no-color", "--fix", "d.txt")
    assert path.read_text(encoding="utf-8") == "依法實施行政處罰。\n", out + err
