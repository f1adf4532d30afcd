"""docs/rules.md and docs/kinds.md are rendered from the rule files and the kind modules and
must be kept up to date."""
import json

import pytest
from click.testing import CliRunner

from helpers import ROOT
from reportlint.cli import cli

DOCS = ROOT / "docs"


@pytest.mark.parametrize("command", ["rules", "kinds"])
def test_generated_doc_is_current(command):
    out = CliRunner().invoke(cli, [command, "--isolated", "--format", "markdown"]).output
    assert (DOCS / f"{command}.md").read_text(encoding="utf-8") == out, (
        f"docs/{command}.md is stale: reportlint {command} --isolated --format markdown > docs/{command}.md")


def test_every_rule_is_documented():
    out = CliRunner().invoke(cli, ["rules", "--format", "json", "--isolated"]).output
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for r in json.loads(out):
        assert f"### {r['id']}" in text


def test_every_kind_and_option_is_described():
    """A pack author picks a kind from its summary and sets it from its options' descriptions."""
    from reportlint import kinds
    undocumented = [f"{name}: {key}" for name in kinds.names()
                    for key, opt in kinds.get(name).OPTIONS.items() if not opt.doc]
    unsummarised = [name for name in kinds.names() if not getattr(kinds.get(name), "SUMMARY", "")]
    assert undocumented == [] and unsummarised == []
