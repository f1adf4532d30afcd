"""The Linter moves what a process holds after its first document out of the collector's scans."""
import subprocess
import sys

SCRIPT = """
import gc
from reportlint.engine.linter import Linter
linter = Linter(isolated=True)
counts = []
for text in ("某县2023年法治政府建设情况报告\\n一、主要举措\\n开展普法。", "二、存在的问题\\n宣传不够。"):
    linter.lint_text(text)
    counts.append(gc.get_freeze_count())
print(counts[0] == 0 < counts[1])
"""


def test_frozen_before_the_second_document_only():
    # in a fresh interpreter: freezing is once per process, and this one has linted already
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
