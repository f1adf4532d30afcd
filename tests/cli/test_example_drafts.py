"""CLI output on the project's own example drafts equals the expected files beside them.

Regenerate after an intended change: REPORTLINT_REGEN=1 python -m pytest tests/cli/test_example_drafts.py
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

DRAFTS = sorted((ROOT / "examples").glob("*.txt"))


def cli_output(draft: Path) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint.cli", "--isolated", "--no-color",
         str(draft.relative_to(ROOT))], cwd=ROOT, capture_output=True, text=True)
    return proc.returncode, proc.stdout


@pytest.mark.parametrize("draft", DRAFTS, ids=[p.name for p in DRAFTS])
def test_example_output(draft):
    code, out = cli_output(draft)
    expected = draft.with_name(draft.stem + ".expected")
    if os.environ.get("REPORTLINT_REGEN") or not expected.exists():
        expected.write_text(f"exit {code}\n{out}", encoding="utf-8")
    assert f"exit {code}\n{out}" == expected.read_text(encoding="utf-8")


def test_clean_example_is_clean():
    code, out = cli_output(ROOT / "examples" / "clean-draft.txt")
    assert code == 0 and "未发现问题" in out, out


def test_bad_example_has_the_planted_defects():
    code, out = cli_output(ROOT / "examples" / "bad-draft.txt")
    assert code == 1
    for rule_text in ("专武独断", "设施行政处罚"):
        assert rule_text in out
