"""The floors of the package (pyproject.toml [tool.importlinter]) hold, and the check catches a
forbidden import when someone adds one, lazy (inside a function) or not."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "reportlint"

pytest.importorskip("importlinter")


def lint_imports(src_parent: Path) -> subprocess.CompletedProcess:
    """`lint-imports` over the package found in src_parent, with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(src_parent)}
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", code, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def copy_package(tmp_path: Path) -> Path:
    shutil.copytree(SRC, tmp_path / "reportlint", ignore=shutil.ignore_patterns("__pycache__", "rules"))
    return tmp_path / "reportlint"


def test_the_floors_hold():
    run = lint_imports(SRC.parent)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.mark.parametrize("module, line, contract", [
    # a kind reaching up into the engine, inside a function (a lazy import counts)
    ("kinds/pattern.py", "def _sneak():\n    from reportlint.engine import linter  # noqa\n",
     "Floors"),
    # the model importing a floor above it at module level
    ("model/finding.py", "from reportlint.files import cache  # noqa\n", "Floors"),
    # a kind reading files itself instead of being handed the reports
    ("kinds/duplicate.py", "def _sneak():\n    from reportlint.files.reading import read_bytes  # noqa\n",
     "Kinds never read"),
    # a reporter reaching the Word reader
    ("reporters/text.py", "def _sneak():\n    from reportlint.files import docx  # noqa\n",
     "Reporters read only the model"),
    # two engine modules importing each other
    ("engine/discovery.py", "def _sneak():\n    from reportlint.engine import linter  # noqa\n",
     "No import circles"),
])
def test_a_forbidden_import_breaks_the_check(tmp_path, module, line, contract):
    package = copy_package(tmp_path)
    with open(package / module, "a", encoding="utf-8") as fh:
        fh.write("\n\n" + line)
    run = lint_imports(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    broken = run.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, run.stdout
