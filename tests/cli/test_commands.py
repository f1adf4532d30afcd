"""The command line: exit codes, formats, stdin, selection, config, rule docs."""
import json
import os

import pytest
from click.testing import CliRunner

from reportlint.cli import cli

TYPO = "石门镇2024年度法治政府建设情况报告\n\n杜绝个人意志专武独断。\n"
CLEAN = "青石镇2024年度工作报告\n\n全年依法办理各项事务。\n"


def run(args, input=None, cwd=None):
    runner = CliRunner()
    if cwd:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        return runner.invoke(cli, args, input=input, catch_exceptions=False)
    finally:
        if cwd:
            os.chdir(old)


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "bad.txt").write_text(TYPO, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_text_output_with_caret_and_exit_1(drafts):
    r = run([str(drafts / "bad.txt"), "--select", "misused-idioms", "--isolated"])
    assert r.exit_code == 1
    head = f"{drafts / 'bad.txt'}:3:7: error [misused-idioms] 疑似错别字：“专武独断”应为“独断专行”（建议：独断专行）"
    assert head in r.output
    src, caret = r.output.splitlines()[1:3]
    assert src.endswith("杜绝个人意志专武独断。")
    # CJK is two columns wide: the caret sits under 专武独断 (4 chars = 8 columns)
    assert caret.rstrip().endswith("^" * 8)
    assert caret.index("^") == src.index("专") + len("杜绝个人意志")


def test_clean_file_exit_0(drafts):
    r = run([str(drafts / "ok.txt"), "--select", "typo", "--isolated"])
    assert r.exit_code == 0, r.output


def test_json_format(drafts):
    r = run([str(drafts), "--format", "json", "--select", "misused-idioms", "--isolated"])
    data = json.loads(r.output)
    assert data["version"] == 1 and data["summary"]["error"] == 1 and data["summary"]["files"] == 2
    f = data["findings"][0]
    assert set(f) == {"path", "line", "column", "end_line", "end_column", "rule", "category",
                      "severity", "message", "suggestion", "fix"}
    assert (f["line"], f["column"], f["end_column"]) == (3, 7, 11)
    assert f["fix"]["replacement"] == "独断专行"


def test_stdin(drafts):
    r = run(["-", "--select", "misused-idioms", "--isolated"], input=TYPO)
    assert r.exit_code == 1 and "<stdin>:3:7:" in r.output


def test_exit_zero_and_fail_on(drafts):
    assert run([str(drafts / "bad.txt"), "--select", "misused-idioms", "--exit-zero", "--isolated"]).exit_code == 0
    # a warning-level override stays under the default fail-on=error
    cfg = drafts / ".reportlint.yaml"
    cfg.write_text("severity: {misused-idioms: warning}\nselect: [misused-idioms]\n", encoding="utf-8")
    assert run([str(drafts / "bad.txt")]).exit_code == 0
    assert run([str(drafts / "bad.txt"), "--fail-on", "warning"]).exit_code == 1


def test_ignore_by_category_and_pack(drafts):
    for ref in ("typo", "terms", "misused-*"):
        r = run([str(drafts / "bad.txt"), "--isolated", "--select", "misused-idioms", "--ignore", ref])
        assert r.exit_code == 0, (ref, r.output)


def test_unreadable_inputs_exit_2_others_still_linted(drafts):
    (drafts / "empty.txt").write_bytes(b"")
    (drafts / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    r = run([str(drafts), "--select", "misused-idioms", "--isolated"])
    assert r.exit_code == 2
    assert "专武独断" in r.output                      # the good file was still linted
    assert "empty.txt: 文件为空" in r.output and "bin.txt: 不是文本文件" in r.output
    assert "Traceback" not in r.output


def test_missing_file_exit_2(drafts):
    r = run([str(drafts / "nope.txt"), "--isolated"])
    assert r.exit_code == 2 and "nope.txt: 文件不存在" in r.output


def test_broken_config_exit_2_with_line(drafts):
    (drafts / ".reportlint.yaml").write_text("selct: [x]\n", encoding="utf-8")
    r = run([str(drafts / "bad.txt")])
    assert r.exit_code == 2
    assert ".reportlint.yaml:1:1: unknown configuration key 'selct' (did you mean 'select'?)" in r.output


def test_user_pack_from_config(drafts):
    pack = drafts / "my-rules"
    pack.mkdir()
    (pack / "local-term.yaml").write_text("""\
id: local-term
kind: substitution
category: typo
severity: error
message: "“{found}”应为“{expected}”"
description: 本单位的名称写法。
why: 单位名称必须统一。
swap: {石门乡: 石门镇}
examples: {bad: ["石门乡人民政府"], good: ["石门镇人民政府"]}
""", encoding="utf-8")
    (drafts / ".reportlint.yaml").write_text("extra_packs: [my-rules]\nselect: [local-term]\n", encoding="utf-8")
    (drafts / "x.txt").write_text("石门乡人民政府工作报告\n", encoding="utf-8")
    r = run([str(drafts / "x.txt")])
    assert r.exit_code == 1 and "[local-term]" in r.output
    r = run(["test-rules", str(pack)])
    assert r.exit_code == 0 and "2 passed, 0 failed" in r.output


def test_broken_user_pack_exit_2(drafts):
    pack = drafts / "bad-pack"
    pack.mkdir()
    (pack / "x.yaml").write_text("id: x\nkind: pattern\npatterns: ['(']\n", encoding="utf-8")
    r = run([str(drafts / "bad.txt"), "--pack", str(pack)])
    assert r.exit_code == 2 and "x.yaml:3:" in r.output and "Traceback" not in r.output


def test_rules_and_rule_commands():
    r = run(["rules"])
    assert r.exit_code == 0 and "misused-idioms" in r.output and "typo" in r.output
    r = run(["rule", "misused-idioms"])
    assert r.exit_code == 0 and "专武独断" in r.output and "原因" in r.output
    r = run(["rule", "misused-idiom"])
    assert r.exit_code == 2 and "misused-idioms" in r.output


def test_kinds_command_lists_every_kind_and_shows_one_in_detail():
    r = run(["kinds", "--isolated"])
    assert r.exit_code == 0
    from reportlint import kinds
    assert [line.split()[0] for line in r.output.splitlines()] == kinds.names()
    r = run(["kinds", "required_sections", "--isolated"])
    assert r.exit_code == 0
    assert "sections: {name, heading, body?}的列表（至少一项）（必填）" in r.output
    assert "sections.heading: 字符串（必填）" in r.output
    assert "structure/missing-required-section" in r.output


def test_kinds_json_names_the_rules_that_use_a_kind():
    r = run(["kinds", "substitution", "--isolated", "--format", "json"])
    (info,) = json.loads(r.output)
    assert info["name"] == "substitution" and "terms/misused-idioms" in info["rules"]
    swap = next(o for o in info["options"] if o["key"] == "swap")
    assert swap["required"] and {f["key"] for f in swap["fields"]} == {"to", "unless", "when", "segment"}


def test_unknown_kind_exit_2_with_a_guess():
    r = CliRunner().invoke(cli, ["kinds", "substitutoin", "--isolated"])
    assert r.exit_code == 2
    assert "没有算法“substitutoin”（是否是：substitution？）" in r.output


def test_builtin_test_rules_command():
    r = run(["test-rules"])
    assert r.exit_code == 0, r.output
    assert ", 0 failed" in r.output


def test_no_paths_is_usage_error():
    assert run([]).exit_code == 2


def test_statistics(drafts):
    r = run([str(drafts), "--select", "misused-idioms", "--statistics", "--isolated", "--no-source"])
    assert "     1  misused-idioms" in r.output


def test_fix_writes_atomically_keeping_encoding_and_line_ends(drafts):
    p = drafts / "gb.txt"
    raw = ("石门镇2024年度报告\r\n杜绝个人意志专武独断。\r\n设施行政处罚5次。\r\n").encode("gb18030")
    p.write_bytes(raw)
    r = run([str(p), "--fix", "--select", "misused-idioms,misused-shishi", "--isolated"])
    assert r.exit_code == 0, r.output
    out = p.read_bytes()
    assert out == raw.replace("专武独断".encode("gb18030"), "独断专行".encode("gb18030")).replace(
        "设施行政处罚".encode("gb18030"), "实施行政处罚".encode("gb18030"))
    assert not [f for f in drafts.iterdir() if f.name.startswith(".reportlint-")]


def test_diff_previews_without_writing(drafts):
    before = (drafts / "bad.txt").read_bytes()
    r = run([str(drafts / "bad.txt"), "--diff", "--select", "misused-idioms", "--isolated"])
    assert r.exit_code == 1 and "-杜绝个人意志专武独断。" in r.output and "+杜绝个人意志独断专行。" in r.output
    assert (drafts / "bad.txt").read_bytes() == before


def test_lang_en_summary(drafts):
    r = run([str(drafts / "ok.txt"), "--isolated", "--select", "typo", "--lang", "en"])
    assert "no problems in 1 files" in r.output


def test_python_dash_m_is_the_command(tmp_path):
    import subprocess
    import sys
    (tmp_path / "bad.txt").write_text(TYPO, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "--no-color", "bad.txt"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "[misused-idioms]" in proc.stdout
