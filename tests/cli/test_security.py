"""Rule packs and configs are data, never code; drafts are text, never markup.

- YAML is loaded with the safe loader: python/* tags are refused at their line, nothing runs;
- nested aliases ("billion laughs") cannot make loading explode;
- the HTML report escapes everything taken from the draft and the rules.
"""
from __future__ import annotations

import html
import re
import time

import pytest
from click.testing import CliRunner

from reportlint import reporters
from reportlint.cli import cli
from reportlint.engine.config import load_config
from reportlint.model.errors import ConfigError, RuleLoadErrors
from reportlint.rulepacks.loader import load_packs
from reportlint.rulepacks.yamlmarks import parse_yaml

RULE = """\
id: placeholder-left
kind: pattern
category: placeholder
severity: warning
message: "未替换的占位符“{found}”"
description: 测试用规则。
why: 测试用。
patterns: ["X{2,}"]
examples:
  bad: ["XX镇"]
  good: ["某镇"]
"""


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:reportlint.rulepacks.rule.Rule {{id: x}}",
    "!!binary aGVsbG8=",
])
def test_python_tags_in_a_rule_file_are_refused_and_never_run(tmp_path, tag):
    marker = tmp_path / "pwned"
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "placeholder-left.yaml").write_text(
        RULE.replace("severity: warning", "severity: " + tag.format(marker=marker)), encoding="utf-8")
    with pytest.raises(RuleLoadErrors) as info:
        load_packs([pack])
    assert not marker.exists()
    (err,) = info.value.errors
    assert (err.path, err.line) == (str(pack / "placeholder-left.yaml"), 4)
    assert "invalid YAML value" in err.message or "expected str" in err.message
    assert "\n" not in err.message


def test_python_tag_in_a_config_file_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    cfg = tmp_path / ".reportlint.yaml"
    cfg.write_text(f"year: 2024\nunit: !!python/object/apply:os.system ['touch {marker}']\n",
                   encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert not marker.exists()
    assert any(e.line == 2 and "python/object/apply" in e.message for e in info.value.errors)


def test_billion_laughs_does_not_explode(tmp_path):
    lines = ['lol0: &a0 ["lol"]'] + [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]"
                                     for i in range(1, 10)]
    t0 = time.process_time()
    value, marks, errors = parse_yaml("\n".join(lines) + "\n", "laughs.yaml")
    assert errors == []
    assert time.process_time() - t0 < 2          # 9**9 nodes if aliases were walked as copies
    assert value["lol9"][0] is value["lol9"][1]    # shared, not copied
    assert marks[("lol9",)] == (10, 1)


def test_billion_laughs_in_a_pack_is_reported_quickly(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    extra = ['lol0: &a0 ["lol"]'] + [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]"
                                     for i in range(1, 10)]
    (pack / "placeholder-left.yaml").write_text(RULE + "\n".join(extra) + "\n", encoding="utf-8")
    with pytest.raises(RuleLoadErrors) as info:
        load_packs([pack])
    assert [e.line for e in info.value.errors] == list(range(12, 22))
    assert "unknown key 'lol0'" in info.value.errors[0].message


# ---- HTML report ------------------------------------------------------------------------------
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;\'"'


@pytest.mark.skipif("html" not in reporters.REPORTERS, reason="the html reporter is not registered yet")
def test_html_report_escapes_the_draft_and_the_path(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "placeholder-left.yaml").write_text(RULE, encoding="utf-8")
    draft = tmp_path / "<i>draft&'.txt"
    draft.write_text(f"关于XX镇2024年法治政府建设情况的报告\n{HOSTILE}XX镇{HOSTILE}\n", encoding="utf-8")
    code, out, err = run("check", "--isolated", "--pack", pack, "--format", "html", draft)
    assert code in (0, 1), err
    assert "<script" not in out.lower()               # the page itself has no scripts either
    assert "<img src=x" not in out
    assert "<i>draft" not in out and html.escape("<i>draft&'") in out
    assert html.escape("<script>alert(") in out        # the text is shown, escaped
    assert re.search(r"未替换的占位符", out)
