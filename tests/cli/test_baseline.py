"""Baselines: known findings are matched by rule and content hash, not by line number."""
import json

import pytest

from helpers.rulepacks import check_with_pack, pack_project, typo_rule

PACK = (typo_rule({'布署': '部署', '按排': '安排'}),)
OLD = "一、主要工作\n各项工作已布署到位。\n会议按排妥当。\n会议按排妥当。\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    pack_project(tmp_path, monkeypatch, *PACK)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(OLD, encoding="utf-8")
    return tmp_path


def run(*args):
    return check_with_pack("--format", "json", *args)


def lines(out):
    return [(f["line"], f["rule"]) for f in json.loads(out)["findings"]]


def test_write_then_apply_baseline(project):
    (project / "ci").mkdir()              # a missing folder is an error, not created silently
    code, _, err = run("--write-baseline", "ci/baseline.json", "drafts")
    assert code == 0 and "3 个问题" in err
    data = json.loads((project / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert sorted((e["path"], e["count"]) for e in data["findings"]) == [("../drafts/a.txt", 1),
                                                                         ("../drafts/a.txt", 2)]
    assert all("line" not in e for e in data["findings"])
    code, out, _ = run("--baseline", "ci/baseline.json", "drafts")
    assert code == 0 and lines(out) == []


def test_moved_findings_stay_known_and_new_ones_fail(project):
    run("--write-baseline", "baseline.json", "drafts")
    moved = "报告标题\n\n新加的一段。\n" + OLD + "又按排了一次。\n会议按排妥当。\n"
    (project / "drafts" / "a.txt").write_text(moved, encoding="utf-8")
    code, out, _ = run("--baseline", "baseline.json", "drafts")
    # the three old findings moved down three lines: still known. New: line 8 (new text) and
    # line 9 (a third copy of a line the baseline knows twice).
    assert code == 1
    assert lines(out) == [(8, "typo-pairs"), (9, "typo-pairs")]


def test_editing_the_flagged_line_makes_it_new(project):
    run("--write-baseline", "baseline.json", "drafts")
    (project / "drafts" / "a.txt").write_text(OLD.replace("各项工作已布署到位", "全部工作已布署到位"),
                                              encoding="utf-8")
    code, out, _ = run("--baseline", "baseline.json", "drafts")
    assert code == 1 and lines(out) == [(2, "typo-pairs")]


def test_text_summary_mentions_the_baseline(project):
    run("--write-baseline", "baseline.json", "drafts")
    code, out, _ = check_with_pack("--baseline", "baseline.json", "drafts")
    assert code == 0
    assert "基线中的 3 个已知问题未列出" in out


def test_missing_or_broken_baseline_is_an_error(project):
    code, _, err = run("--baseline", "nope.json", "drafts")
    assert code == 2 and "基线文件不存在" in err
    (project / "bad.json").write_text("[1, 2]", encoding="utf-8")
    code, _, err = run("--baseline", "bad.json", "drafts")
    assert code == 2 and "不是 reportlint 基线文件" in err
