"""What a one-report run imports: rapidfuzz only for a draft that repeats itself."""
import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

RUN = """\
import sys
from reportlint.cli import main
try:
    main(["check", "--isolated", "--no-source", "-q", "--no-cache", "--select", "all", sys.argv[1]])
except SystemExit:
    pass
print(__import__("json").dumps("rapidfuzz" in sys.modules), file=sys.stderr)
"""


def _imports_rapidfuzz(path: Path, cache: Path) -> bool:
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(cache)}
    proc = subprocess.run([sys.executable, "-c", RUN, str(path)], capture_output=True, text=True, env=env)
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_rapidfuzz_is_imported_only_for_a_draft_with_a_repeat(tmp_path):
    """Its import and libraries cost ~7 ms of a one-report run: the duplicate and repeated-
    heading rules first settle by character counts that no two passages or headings are alike
    (kinds/_lib/fingerprint.none_alike, repeated_heading._alike), rapidfuzz decides the rest."""
    assert not _imports_rapidfuzz(EXAMPLES / "clean-draft.txt", tmp_path)
    assert not _imports_rapidfuzz(EXAMPLES / "gio-good-draft.txt", tmp_path)
    assert _imports_rapidfuzz(EXAMPLES / "bad-draft.txt", tmp_path)     # it repeats a paragraph
