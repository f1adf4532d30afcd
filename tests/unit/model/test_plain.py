"""model/plain: the start-up types without @dataclass, and a run that imports none."""
import json
import os
import subprocess
import sys
from pathlib import Path

from reportlint.model.document import Span
from reportlint.model.errors import InputError, RuleFileError
from reportlint.model.finding import Finding, Severity

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "bad-draft.txt"


def test_fields_give_equality_by_value_and_type_and_a_readable_repr():
    assert Span(0, 2, "法治") == Span(0, 2, "法治")
    assert Span(0, 2, "法治") != Span(0, 2, "法制")
    assert InputError("a.txt", "空文件") == InputError("a.txt", "空文件")
    assert InputError("a.txt", "空文件") != RuleFileError("a.txt", 1, 1, "空文件")
    assert repr(Span(0, 2, "法治")) == "Span(start=0, end=2, text='法治')"


def test_errors_keep_their_fields_through_pickling_and_str():
    import pickle
    err = pickle.loads(pickle.dumps(RuleFileError("p.yaml", 3, 5, "unknown key")))
    assert (err.path, err.line, err.column, err.message) == ("p.yaml", 3, 5, "unknown key")
    assert str(err) == "p.yaml:3:5: unknown key"
    assert str(pickle.loads(pickle.dumps(InputError("a.txt", "空文件")))) == "a.txt: 空文件"


def test_a_finding_is_an_immutable_value_with_a_changed_copy():
    f = Finding("a.txt", 1, 2, 1, 4, "r", "typo", Severity.ERROR, "m", fix="x", start=1, end=3)
    g = f._replace(fix=None, message="m（未修复）")
    assert (f.fix, g.fix, g.message, g.start) == ("x", None, "m（未修复）", 1)
    assert f.sort_key == ("a.txt", 1, 2, "r", 3)


RUN = """\
import sys
from reportlint.cli import main
try:
    main(["check", "--isolated", "--no-source", "-q", "--no-cache", "--select", "all", sys.argv[1]])
except SystemExit:
    pass
print(__import__("json").dumps("dataclasses" in sys.modules), file=sys.stderr)
"""


def test_a_one_report_run_creates_no_dataclass(tmp_path):
    """Every @dataclass costs 0.3-1.6 ms at import: the types a run meets are plain classes
    (CONTRIBUTING). The second run reads the rules from the cache the first one wrote."""
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path)}
    env.pop("REPORTLINT_NO_CACHE", None)
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", RUN, str(EXAMPLE)], capture_output=True, text=True, env=env)
    assert json.loads(proc.stderr.strip().splitlines()[-1]) is False, proc.stderr
