"""--against: the document-level share line per reference, in text, JSON and HTML output; a
second run opens the kept index and says the same."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reportlint.cli import cli

LAST_YEAR = ("西河镇2023年度法治政府建设情况报告\n一、主要工作\n"
             "2023年，西河镇在县委、县政府的坚强领导下，深入学习贯彻习近平法治思想，全面落实法治政府建设实施纲要。"
             "全年共组织开展法治宣传活动二十三场次，覆盖辖区群众八千余人次，发放宣传资料一万二千余份。\n"
             "二、存在的不足\n普法宣传形式比较单一，基层执法人员专业素质有待进一步提高。\n")
# last year's report again: the unit's name and a few words changed
DRAFT = LAST_YEAR.replace("西河镇", "东山镇").replace("2023", "2024").replace("深入学习", "认真学习")
SHARE = "与《西河镇2023年度法治政府建设情况报告》相同或相近的内容占100%"


def run(tmp_path, *args):
    (tmp_path / "last.txt").write_text(LAST_YEAR, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-color", "--no-cache", "--select", "duplicate",
                                      "--against", str(tmp_path / "last.txt"), *args,
                                      str(tmp_path / "draft.txt")])
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)


def test_text_names_the_share_and_the_copies(tmp_path):
    code, out = run(tmp_path)
    assert code == 0 and SHARE in out and "[similar-to-other-report]" in out
    assert "[copied-from-other-report]" in out
    assert list((tmp_path / "cache" / "against").glob("index-*.sqlite"))
    assert SHARE in run(tmp_path)[1]          # the kept index says the same


def test_json_and_html_carry_the_share_line(tmp_path):
    _code, out = run(tmp_path, "--format", "json")
    shares = [f for f in json.loads(out)["findings"] if f["rule"] == "similar-to-other-report"]
    assert [f["severity"] for f in shares] == ["warning"] and SHARE in shares[0]["message"]
    _code, html = run(tmp_path, "--format", "html")
    assert SHARE in html
