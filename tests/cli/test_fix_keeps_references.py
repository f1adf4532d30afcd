"""--fix and --diff lint every round with the same --against reports (regression: the text fix
loop built each new round's Document without them, so a draft that still copies last year's
paragraphs passed the reportlint-fix hook clean)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from reportlint.cli import cli

LAST_YEAR = ("西河镇2023年度法治政府建设情况报告\n\n一、主要工作\n"
             "全年共组织开展法治宣传活动二十三场次，覆盖辖区群众八千余人次，发放宣传资料一万二千余份。\n")
DRAFT = ("东山镇2024年度法治政府建设情况报告\n\n一、主要工作\n"
         "全年共组织开展法治宣传活动二十三场次，覆盖辖区群众八千余人次，发放宣传资料一万二千余份。\n"
         "我镇坚持依法行政,不断提升治理水平。\n")
RULES = "copied-from-other-report,halfwidth-punctuation"


def run(tmp_path, *args):
    (tmp_path / "last.txt").write_text(LAST_YEAR, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-color", "--select", RULES,
                                      "--against", str(tmp_path / "last.txt"), *args,
                                      str(tmp_path / "draft.txt")])
    return result.exit_code, result.output


def test_without_fix_both_are_reported(tmp_path):
    _code, out = run(tmp_path)
    assert "[copied-from-other-report]" in out and "[halfwidth-punctuation]" in out


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_fix_and_diff_still_report_the_copy(tmp_path, mode):
    _code, out = run(tmp_path, mode)
    assert "draft.txt:4:1: warning [copied-from-other-report] 与" in out
    assert "未发现问题" not in out
    fixed = (tmp_path / "draft.txt").read_text(encoding="utf-8")
    if mode == "--fix":
        assert fixed == DRAFT.replace("依法行政,", "依法行政，")
    else:
        assert fixed == DRAFT and "+我镇坚持依法行政，不断提升治理水平。" in out
