"""docs/rules.md is rendered from the rule files and must be kept up to date."""
from click.testing import CliRunner

from helpers import ROOT
from reportlint.cli import cli

DOC = ROOT / "docs" / "rules.md"


def test_rules_md_is_current():
    out = CliRunner().invoke(cli, ["rules", "--isolated", "--format", "markdown"]).output
    assert DOC.read_text(encoding="utf-8") == out, (
        "docs/rules.md is stale: reportlint rules --isolated --format markdown > docs/rules.md")


def test_every_rule_is_documented():
    out = CliRunner().invoke(cli, ["rules", "--format", "json", "--isolated"]).output
    import json
    text = DOC.read_text(encoding="utf-8")
    for r in json.loads(out):
        assert f"### {r['id']}" in text
