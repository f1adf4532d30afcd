"""Small rule packs that CLI and integration tests write into a temporary folder."""
from pathlib import Path


def typo_rule(swap: dict[str, str]) -> str:
    """typo-pairs.yaml: a substitution rule (error) with these wrong -> right pairs."""
    pairs = "".join(f"  {wrong}: {right}\n" for wrong, right in swap.items())
    return f"""\
id: typo-pairs
kind: substitution
category: typo
severity: error
message: "疑似错别字：“{{found}}”应为“{{expected}}”"
description: 测试用的错别字表。
why: 测试用。
swap:
{pairs}examples:
  bad: ["布署到位。"]
  good: ["部署到位。"]
"""


def placeholder_rule(replacement: str | None = None) -> str:
    """leftover-xx.yaml: a pattern rule (warning) for XX, fixable when `replacement` is given."""
    fix = f'replacement: "{replacement}"\n' if replacement else ""
    return f"""\
id: leftover-xx
kind: pattern
category: placeholder
severity: warning
message: "草稿占位符未替换：“{{found}}”"
description: 测试用的占位符规则。
why: 测试用。
patterns: ["X{{2,}}"]
{fix}examples:
  bad: ["投资XX亿元。"]
  good: ["投资12亿元。"]
"""


def write_pack(folder: Path, *rules: str) -> Path:
    """Write rule texts (from the functions above) into `folder`, named after their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    for text in rules:
        rid = text.split("\n", 1)[0].removeprefix("id: ")
        (folder / f"{rid}.yaml").write_text(text, encoding="utf-8")
    return folder


def invoke(args, input=None, env=None) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from reportlint.cli import cli
    res = CliRunner().invoke(cli, list(args), input=input, env=env)
    return res.exit_code, res.stdout, res.stderr


def pack_project(folder: Path, monkeypatch, *rules: str) -> Path:
    """A project folder holding `pack/` with these rules, made the working directory."""
    write_pack(folder / "pack", *rules)
    monkeypatch.chdir(folder)
    return folder


def check_with_pack(*args, input=None, env=None) -> tuple[int, str, str]:
    """`reportlint check --isolated --pack pack ARGS` in a pack_project: (exit code, stdout, stderr)."""
    return invoke(["check", "--isolated", "--pack", "pack", *args], input=input, env=env)
