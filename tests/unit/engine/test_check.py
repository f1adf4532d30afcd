"""engine.check and engine.options: what one `reportlint check` run returns (Outcome), the exit
code it decides, the summary line, and the options it is built from.

Drafts are real files in tmp_path; the runs are isolated (no configuration file is looked up)
unless a test writes one on purpose. "布署" is reported by misspelled-words as an error with a fix.
"""
import json

import pytest

from reportlint.engine.check import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Outcome,
    exit_code,
    run_check,
    summary_line,
)
from reportlint.engine.options import CheckOptions
from reportlint.model.errors import BaselineError, InputError, RuleFailure
from reportlint.model.finding import Finding, Severity
from reportlint.model.results import RunResult

RULE = "misspelled-words"
TYPO = "各项工作已布署到位。\n"
FIXED = "各项工作已部署到位。\n"
CLEAN = "全年依法办理各项事务。\n"


@pytest.fixture
def draft(tmp_path):
    def write(text, name="draft.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
    return write


def opts(*paths, **kw):
    kw.setdefault("isolated", True)
    kw.setdefault("select", (RULE,))
    return CheckOptions(paths=tuple(map(str, paths)), **kw)


def finding(severity, rule="r"):
    return Finding("a.txt", 1, 1, 1, 2, rule, "typo", Severity.parse(severity), "m")


# --- clean drafts and the summary line ----------------------------------------------------------

def test_clean_draft_exits_0_and_the_summary_says_so_in_both_languages(draft):
    outcome = run_check(opts(draft(CLEAN)))
    assert outcome.result.findings == [] and outcome.result.errors == []
    assert outcome.exit_code == EXIT_CLEAN
    assert outcome.diffs == [] and outcome.known == 0 and outcome.recorded is None
    assert outcome.baseline_error is None
    assert summary_line(outcome, "zh") == "未发现问题，检查文件 1 个"
    assert summary_line(outcome, "en") == "no problems in 1 files"


def test_the_typo_is_an_error_with_a_fix_and_fails_by_default(draft):
    path = draft(TYPO)
    outcome = run_check(opts(path))
    [f] = outcome.result.findings
    assert (f.rule, f.severity, f.line, f.suggestion) == (RULE, Severity.parse("error"), 1, "部署")
    assert outcome.exit_code == EXIT_FINDINGS
    assert RULE in outcome.rules                       # the loaded rules, by id, for the reporters
    assert summary_line(outcome, "zh") == "共 1 个问题（错误 1，警告 0，提示 0），检查文件 1 个"
    assert summary_line(outcome, "en") == "1 problems (1 errors, 0 warnings, 0 info) in 1 files"
    assert path.read_text(encoding="utf-8") == TYPO    # a plain check never writes


def test_exit_zero_passes_an_error_but_keeps_reporting_it(draft):
    outcome = run_check(opts(draft(TYPO), exit_zero=True))
    assert outcome.exit_code == EXIT_CLEAN
    assert [f.rule for f in outcome.result.findings] == [RULE]


# --- fail_on: options and configuration ------------------------------------------------------------

def config_dir(tmp_path, name, text):
    """A folder with its own .reportlint.yaml (and a .git so the upward search stops there)."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / ".git").mkdir()
    (folder / ".reportlint.yaml").write_text(text, encoding="utf-8")
    (folder / "draft.txt").write_text(TYPO, encoding="utf-8")
    return folder / "draft.txt"


def test_a_config_that_lowers_the_severity_lets_the_draft_pass(tmp_path):
    path = config_dir(tmp_path, "p", f"severity: {{{RULE}: warning}}\n")
    outcome = run_check(opts(path, isolated=False))
    assert [str(f.severity) for f in outcome.result.findings] == ["warning"]
    assert outcome.exit_code == EXIT_CLEAN                                  # default fail_on: error
    assert run_check(opts(path, isolated=False, fail_on="warning")).exit_code == EXIT_FINDINGS


def test_fail_on_from_the_config_is_honoured_and_the_options_win(tmp_path):
    path = config_dir(tmp_path, "p", f"severity: {{{RULE}: warning}}\nfail_on: warning\n")
    assert run_check(opts(path, isolated=False)).exit_code == EXIT_FINDINGS
    assert run_check(opts(path, isolated=False, fail_on="error")).exit_code == EXIT_CLEAN
    assert run_check(opts(path, isolated=False, fail_on="error", exit_zero=True)).exit_code == EXIT_CLEAN


def test_isolated_ignores_the_config_file(tmp_path):
    path = config_dir(tmp_path, "p", f"severity: {{{RULE}: warning}}\n")
    outcome = run_check(opts(path))                                         # isolated=True
    assert [str(f.severity) for f in outcome.result.findings] == ["error"]
    assert outcome.exit_code == EXIT_FINDINGS
    assert run_check(opts(path, isolated=False)).exit_code == EXIT_CLEAN    # the config, read


# --- inputs that cannot be read -----------------------------------------------------------------

def test_a_missing_input_exits_2_even_with_exit_zero(tmp_path):
    gone = tmp_path / "gone.txt"
    outcome = run_check(opts(gone, exit_zero=True))
    assert outcome.exit_code == EXIT_ERROR
    assert [(e.path, e.message) for e in outcome.result.errors] == [(str(gone), "文件不存在（可能已被删除或移动）")]
    assert not outcome.result.ok


def test_an_empty_input_is_an_error_and_the_readable_one_is_still_linted(draft):
    outcome = run_check(opts(draft("", "empty.txt"), draft(TYPO)))
    assert outcome.exit_code == EXIT_ERROR
    assert [e.message for e in outcome.result.errors] == ["文件为空，没有可检查的内容"]
    assert [f.rule for f in outcome.result.findings] == [RULE]
    assert summary_line(outcome, "zh").endswith("；另有 1 个文件无法检查")


def test_input_errors_are_reported_in_english_with_lang_en(tmp_path):
    outcome = run_check(opts(tmp_path / "gone.txt", lang="en"))
    assert [e.message for e in outcome.result.errors] == ["no such file (deleted or moved?)"]
    assert summary_line(outcome, "en").endswith("1 files could not be checked")


# --- diff and fix -------------------------------------------------------------------------------

def test_diff_shows_the_fix_exits_1_and_leaves_the_file_alone(draft):
    path = draft(TYPO)
    outcome = run_check(opts(path, diff=True))
    assert outcome.exit_code == EXIT_FINDINGS
    assert len(outcome.diffs) == 1
    assert "-各项工作已布署到位。" in outcome.diffs[0] and "+各项工作已部署到位。" in outcome.diffs[0]
    assert path.read_text(encoding="utf-8") == TYPO


def test_diff_wins_over_fix(draft):
    path = draft(TYPO)
    outcome = run_check(opts(path, diff=True, fix=True))
    assert outcome.diffs and outcome.exit_code == EXIT_FINDINGS
    assert path.read_text(encoding="utf-8") == TYPO


def test_diff_with_nothing_to_fix_is_clean(draft):
    path = draft(CLEAN)
    outcome = run_check(opts(path, diff=True))
    assert outcome.diffs == [] and outcome.exit_code == EXIT_CLEAN
    assert path.read_text(encoding="utf-8") == CLEAN


def test_fix_rewrites_the_file_and_nothing_is_left_to_fail_on(draft):
    path = draft(TYPO)
    outcome = run_check(opts(path, fix=True))
    assert path.read_text(encoding="utf-8") == FIXED
    assert outcome.result.findings == [] and outcome.exit_code == EXIT_CLEAN
    again = run_check(opts(path))
    assert again.result.findings == [] and again.exit_code == EXIT_CLEAN


# --- baselines ----------------------------------------------------------------------------------

def test_write_baseline_records_then_baseline_hides_the_known_finding(draft, tmp_path):
    path, baseline = draft(TYPO), tmp_path / "ci" / "baseline.json"
    baseline.parent.mkdir()
    written = run_check(opts(path, write_baseline=str(baseline)))
    assert written.recorded == 1
    assert written.exit_code == EXIT_CLEAN                    # an error finding, but it is recorded
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(e["path"], e["rule"], e["count"]) for e in data["findings"]] == [("../draft.txt", RULE, 1)]

    again = run_check(opts(path, baseline=str(baseline)))
    assert again.known == 1 and again.result.findings == []
    assert again.exit_code == EXIT_CLEAN and again.baseline_error is None
    assert summary_line(again, "zh") == "未发现问题，检查文件 1 个；基线中的 1 个已知问题未列出"
    assert summary_line(again, "en") == "no problems in 1 files; 1 known findings of the baseline not listed"


def test_a_new_finding_next_to_a_known_one_still_fails(draft, tmp_path):
    path, baseline = draft(TYPO), tmp_path / "baseline.json"
    run_check(opts(path, write_baseline=str(baseline)))
    path.write_text(TYPO + "会议精神已布署落实。\n", encoding="utf-8")
    outcome = run_check(opts(path, baseline=str(baseline)))
    assert outcome.known == 1
    assert [(f.line, f.rule) for f in outcome.result.findings] == [(2, RULE)]
    assert outcome.exit_code == EXIT_FINDINGS


def test_write_baseline_with_an_unreadable_input_exits_2(draft, tmp_path):
    baseline = tmp_path / "baseline.json"
    outcome = run_check(opts(draft(TYPO), tmp_path / "gone.txt", write_baseline=str(baseline)))
    assert outcome.recorded == 1 and baseline.exists()
    assert outcome.exit_code == EXIT_ERROR


@pytest.mark.parametrize("content", ["{not json", "[1, 2, 3]", '{"version": 99, "findings": []}'])
def test_a_garbage_baseline_is_an_error_not_a_pass(draft, tmp_path, content):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    outcome = run_check(opts(draft(TYPO), baseline=str(baseline), exit_zero=True))
    assert isinstance(outcome.baseline_error, BaselineError)
    assert str(baseline) in str(outcome.baseline_error)
    assert outcome.exit_code == EXIT_ERROR and outcome.known == 0


def test_a_missing_baseline_says_how_to_make_one(draft, tmp_path):
    outcome = run_check(opts(draft(CLEAN), baseline=str(tmp_path / "nope.json")))
    assert outcome.exit_code == EXIT_ERROR
    assert "--write-baseline" in str(outcome.baseline_error)


# --- warnings -----------------------------------------------------------------------------------

def test_an_unknown_selector_is_an_error_in_the_asked_language(draft):
    from reportlint.model.errors import ConfigError
    with pytest.raises(ConfigError) as exc:            # a typo must not select nothing and pass
        run_check(opts(draft(TYPO), select=(RULE, "no-such-rule"), lang="en"))
    assert [str(e) for e in exc.value.errors] == ["--select: unknown rule selector 'no-such-rule' (no rule matches)"]


# --- exit_code as a pure function ---------------------------------------------------------------

@pytest.mark.parametrize("severities,kw,config_fail_on,expected", [
    ([], {}, None, EXIT_CLEAN),
    (["info", "warning"], {}, None, EXIT_CLEAN),                       # default threshold: error
    (["error"], {}, None, EXIT_FINDINGS),
    (["warning"], {}, "warning", EXIT_FINDINGS),
    (["info"], {}, "warning", EXIT_CLEAN),
    (["info"], {"fail_on": "info"}, None, EXIT_FINDINGS),
    (["warning"], {"fail_on": "error"}, "info", EXIT_CLEAN),           # the options beat the config
    (["error"], {"exit_zero": True}, "info", EXIT_CLEAN),
])
def test_exit_code_from_severities_and_thresholds(severities, kw, config_fail_on, expected):
    result = RunResult(findings=[finding(s) for s in severities], files=1)
    assert exit_code(result, [], opts("a.txt", **kw), config_fail_on) == expected


def test_exit_code_input_errors_and_rule_failures_come_before_everything():
    rule = type("R", (), {"id": "r", "path": "p.yaml", "marks": {}})()
    for result in (RunResult(errors=[InputError("b.txt", "missing")]),
                   RunResult(failures=[RuleFailure("a.txt", rule, "timeout")])):
        assert not result.ok
        assert exit_code(result, [], opts("a.txt", exit_zero=True), None) == EXIT_ERROR
        assert exit_code(result, ["--- a\n+++ b\n"], opts("a.txt", diff=True), None) == EXIT_ERROR


def test_exit_code_counts_diffs_only_in_diff_mode():
    diffs = ["--- a\n+++ b\n"]
    assert exit_code(RunResult(), diffs, opts("a.txt", diff=True), None) == EXIT_FINDINGS
    assert exit_code(RunResult(), diffs, opts("a.txt", diff=True, exit_zero=True), None) == EXIT_FINDINGS
    assert exit_code(RunResult(), diffs, opts("a.txt"), None) == EXIT_CLEAN
    assert exit_code(RunResult(), [], opts("a.txt", diff=True), None) == EXIT_CLEAN


def test_summary_line_of_a_hand_made_outcome():
    result = RunResult(findings=[finding("error"), finding("warning"), finding("info")], files=3,
                       errors=[InputError("c.txt", "missing")])
    outcome = Outcome(result, EXIT_ERROR, known=2)
    assert summary_line(outcome, "zh") == ("共 3 个问题（错误 1，警告 1，提示 1），检查文件 3 个"
                                           "；另有 1 个文件无法检查；基线中的 2 个已知问题未列出")


# --- CheckOptions and Outcome ---------------------------------------------------------------------

def test_check_options_defaults_and_linter_options():
    o = CheckOptions(paths=("a.txt",))
    assert (o.isolated, o.fix, o.diff, o.exit_zero, o.lang) == (False, False, False, False, "zh")
    assert o.fail_on is None and o.baseline is None and o.write_baseline is None and o.jobs is None
    assert o.linter_options() == dict(config=None, isolated=False, packs=None, select=[], ignore=[],
                                      year=None, unit=None, encoding=None, lang="zh", against=[], cache=True)


def test_linter_options_turn_tuples_into_lists_and_leave_out_the_run_only_fields():
    o = CheckOptions(paths=("a.txt",), config="c.yaml", isolated=True, packs=("core",), select=("typo",),
                     ignore=("x",), year=2024, unit="某某镇", encoding="gb18030", lang="en",
                     against=("old.txt",), fix=True, fail_on="info", baseline="b.json")
    kw = o.linter_options()
    assert kw == dict(config="c.yaml", isolated=True, packs=["core"], select=["typo"], ignore=["x"],
                      year=2024, unit="某某镇", encoding="gb18030", lang="en", against=["old.txt"],
                      cache=False)   # --fix never reads the results cache
    assert not {"fix", "diff", "fail_on", "baseline", "exit_zero", "jobs", "paths"} & kw.keys()


def test_check_options_are_frozen_and_hashable():
    o = CheckOptions(paths=("a.txt",))
    with pytest.raises(AttributeError):
        o.fix = True  # type: ignore[misc]
    assert hash(o) == hash(CheckOptions(paths=("a.txt",)))
    assert o._replace(fix=True).fix and not o.fix


def test_outcome_defaults_are_not_shared():
    a, b = Outcome(RunResult(), EXIT_CLEAN), Outcome(RunResult(), EXIT_CLEAN)
    a.diffs.append("d")
    a.warnings.append("w")
    assert b.diffs == [] and b.warnings == [] and b.rules == {}
    assert (b.known, b.recorded, b.baseline_error) == (0, None, None)
