"""engine.check: one `reportlint check` run from its options to its outcome and exit code."""
import pytest

from reportlint.engine.check import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, exit_code, run_check, summary_line
from reportlint.engine.options import CheckOptions
from reportlint.model.errors import InputError
from reportlint.model.finding import Finding, Severity
from reportlint.model.results import RunResult

TYPO = "杜绝个人意志专武独断。\n"            # misused-idioms: error, fixable
HALFWIDTH = "全年办理案件12件,均已办结。\n"    # a half-width comma: warning, fixable


@pytest.fixture
def draft(tmp_path):
    def write(text, name="draft.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


def opts(*paths, **kw):
    kw.setdefault("isolated", True)
    kw.setdefault("select", ("misused-idioms", "halfwidth-punctuation"))
    return CheckOptions(paths=tuple(map(str, paths)), **kw)


def finding(severity):
    return Finding("a.txt", 1, 1, 1, 2, "r", "typo", Severity.parse(severity), "m")


def test_clean_draft_exits_0_and_says_so(draft):
    outcome = run_check(opts(draft("全年依法办理各项事务。\n")))
    assert outcome.exit_code == EXIT_CLEAN and outcome.result.findings == []
    assert summary_line(outcome, "zh") == "未发现问题，检查文件 1 个"
    assert summary_line(outcome, "en") == "no problems in 1 files"


def test_an_error_exits_1_unless_exit_zero(draft):
    path = draft(TYPO)
    assert run_check(opts(path)).exit_code == EXIT_FINDINGS
    assert run_check(opts(path, exit_zero=True)).exit_code == EXIT_CLEAN


def test_fail_on_from_the_options_and_from_the_config(draft, tmp_path):
    path = draft(HALFWIDTH)
    assert run_check(opts(path)).exit_code == EXIT_CLEAN               # a warning, fail_on error
    assert run_check(opts(path, fail_on="warning")).exit_code == EXIT_FINDINGS
    (tmp_path / ".reportlint.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    assert run_check(opts(path, isolated=False)).exit_code == EXIT_FINDINGS
    assert run_check(opts(path, isolated=False, fail_on="error")).exit_code == EXIT_CLEAN


def test_an_unreadable_input_exits_2_and_the_others_are_linted(draft, tmp_path):
    outcome = run_check(opts(tmp_path / "gone.txt", draft(TYPO)))
    assert outcome.exit_code == EXIT_ERROR
    assert [e.path for e in outcome.result.errors] == [str(tmp_path / "gone.txt")]
    assert [f.rule for f in outcome.result.findings] == ["misused-idioms"]
    assert "另有 1 个文件无法检查" in summary_line(outcome, "zh")


def test_diff_shows_the_fix_exits_1_and_writes_nothing(draft):
    path = draft(TYPO)
    outcome = run_check(opts(path, diff=True))
    assert outcome.exit_code == EXIT_FINDINGS
    assert "+杜绝个人意志独断专行。" in "".join(outcome.diffs)
    assert path.read_text(encoding="utf-8") == TYPO


def test_fix_writes_and_what_is_left_decides(draft):
    path = draft(TYPO)
    outcome = run_check(opts(path, fix=True))
    assert path.read_text(encoding="utf-8") == "杜绝个人意志独断专行。\n"
    assert outcome.result.findings == [] and outcome.exit_code == EXIT_CLEAN


def test_baseline_records_then_hides_known_findings(draft, tmp_path):
    path, baseline = draft(TYPO), tmp_path / "baseline.json"
    written = run_check(opts(path, write_baseline=str(baseline)))
    assert written.recorded == 1 and written.exit_code == EXIT_CLEAN and baseline.exists()
    again = run_check(opts(path, baseline=str(baseline)))
    assert again.known == 1 and again.result.findings == [] and again.exit_code == EXIT_CLEAN
    assert summary_line(again, "zh").endswith("；基线中的 1 个已知问题未列出")


def test_a_garbled_baseline_is_an_error_not_a_pass(draft, tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{not json", encoding="utf-8")
    outcome = run_check(opts(draft(TYPO), baseline=str(baseline)))
    assert outcome.exit_code == EXIT_ERROR and outcome.baseline_error is not None


def test_unknown_selectors_become_warnings(draft):
    outcome = run_check(opts(draft(TYPO), select=("misused-idioms", "no-such-rule")))
    assert outcome.warnings == ["未知的规则选择“no-such-rule”（没有匹配的规则）"]


@pytest.mark.parametrize("severities,kw,config,code", [
    ([], {}, None, EXIT_CLEAN),
    (["warning"], {}, None, EXIT_CLEAN),
    (["warning"], {}, "warning", EXIT_FINDINGS),
    (["warning"], {"fail_on": "error"}, "warning", EXIT_CLEAN),        # the command line wins
    (["info"], {"fail_on": "info"}, None, EXIT_FINDINGS),
    (["error"], {"exit_zero": True}, None, EXIT_CLEAN),
])
def test_exit_code_from_severities(severities, kw, config, code):
    result = RunResult(findings=[finding(s) for s in severities])
    assert exit_code(result, [], opts("a.txt", **kw), config) == code


def test_exit_code_errors_and_diffs_come_first():
    broken = RunResult(findings=[finding("error")], errors=[InputError("b.txt", "missing")])
    assert exit_code(broken, [], opts("a.txt", exit_zero=True), None) == EXIT_ERROR
    assert exit_code(RunResult(), ["--- a\n+++ b\n"], opts("a.txt", diff=True), None) == EXIT_FINDINGS
