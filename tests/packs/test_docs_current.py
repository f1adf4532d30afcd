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


KINDS_DOC = ROOT / "docs" / "kinds.md"


def test_kinds_md_is_current():
    out = CliRunner().invoke(cli, ["kinds", "--isolated", "--format", "markdown"]).output
    assert KINDS_DOC.read_text(encoding="utf-8") == out, (
        "docs/kinds.md is stale: reportlint kinds --isolated --format markdown > docs/kinds.md")


def test_every_kind_and_option_is_described():
    """A pack author picks a kind from its summary and sets it from its options' descriptions."""
    from reportlint import kinds
    undocumented = [f"{name}: {key}" for name in kinds.names()
                    for key, opt in kinds.get(name).OPTIONS.items() if not opt.doc]
    unsummarised = [name for name in kinds.names() if not getattr(kinds.get(name), "SUMMARY", "")]
    assert undocumented == [] and unsummarised == []
