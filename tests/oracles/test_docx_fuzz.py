"""Structure-aware fuzz of the Word reader (issue 19): generated .docx files (paragraphs, runs,
tables with spans and merges, nesting, content controls; missing parts, no body, garbage,
truncation, huge runs, long merges) through the CLI. Every outcome is findings (exit 0/1) or
a clear input error naming the file (exit 2) — never a traceback, never a hang.

Bounded: FUZZ_EXAMPLES examples (REPORTLINT_FUZZ_EXAMPLES to run more), ~20 s in CI."""
import os

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

pytest.importorskip("docx")

from helpers.rulepacks import typo_rule, write_pack
from helpers.wordfiles import word_files
from reportlint.cli import cli

FUZZ_EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "60"))


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    return write_pack(tmp_path_factory.mktemp("pack"), typo_rule({"专武独断": "独断专行", "布署": "部署"}))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=word_files())
def test_any_word_file_gives_findings_or_a_clear_exit_2(tmp_path_factory, pack, data):
    path = tmp_path_factory.mktemp("fuzz") / "draft.docx"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["check", "--isolated", "--pack", str(pack), "--format", "json",
                                      str(path)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback
        raise AssertionError("".join(traceback.format_exception(result.exception)))
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.startswith(f"reportlint: {path}: "), result.stderr
    else:
        import json
        assert json.loads(result.stdout)["summary"]["files"] == 1
