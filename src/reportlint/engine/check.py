"""One `reportlint check` run from its options to its outcome: lint (or fix), the warnings to
show, the baseline, and the exit code. The CLI renders and prints what this returns.

Exit codes: 0 no finding at or above fail-on; 1 findings at or above it, or --diff with
changes; 2 an input, configuration, rule-pack or baseline error, or a rule that failed.
ConfigError and RuleLoadErrors propagate, and an unreadable baseline is returned as
`baseline_error`: nothing can be reported then.
"""
from __future__ import annotations

from reportlint.engine.linter import Linter, cpus
from reportlint.engine.options import CheckOptions
from reportlint.model.errors import BaselineError, OutputError
from reportlint.model.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from reportlint.model.finding import Severity
from reportlint.model.messages import t
from reportlint.model.plain import Fields
from reportlint.model.results import RunResult
from reportlint.rulepacks.rule import Rule


class Outcome(Fields):
    """What one `reportlint check` run produced, for the CLI to print and exit with. (A plain
    class: see model/plain.py.)"""
    _fields = ("result", "exit_code", "diffs", "warnings", "linter", "known", "recorded", "baseline_error",
               "fixed_stdin", "written")

    def __init__(self, result: RunResult, exit_code: int, diffs: list[str] | None = None,
                 warnings: list[str] | None = None, linter: Linter | None = None, known: int = 0,
                 recorded: int | None = None, baseline_error: BaselineError | None = None,
                 fixed_stdin: bytes | None = None, written: list[str] | None = None):
        self.result = result
        self.exit_code = exit_code
        self.diffs = [] if diffs is None else diffs               # --diff: unified diffs
        self.warnings = [] if warnings is None else warnings      # for stderr, before the report
        self.linter = linter
        self.known = known                  # findings the baseline knows (not reported)
        self.recorded = recorded            # --write-baseline: findings recorded (nothing else to report)
        self.baseline_error = baseline_error    # --baseline unreadable: nothing can be reported
        self.fixed_stdin = fixed_stdin      # --fix -: the fixed text, for standard output
        self.written = [] if written is None else written    # --annotate: one line per reviewed file

    @property
    def rules(self) -> dict[str, Rule]:
        """The run's rules by id (SARIF describes them), loaded on first read if the results
        cache answered for every file. ConfigError and RuleLoadErrors propagate."""
        return {r.id: r for r in self.linter.run_rules()} if self.linter is not None else {}


def run_check(opts: CheckOptions, progress=None, sink=None) -> Outcome:
    """`sink(findings, draft)`: takes each file's findings as they come (Linter.run) instead of
    the outcome's result, which then only counts them; not with --fix, --diff, --annotate or a
    baseline, which need them all."""
    linter = Linter(**opts.linter_options())
    written: list[str] = []
    fixed_stdin: bytes | None = None
    if opts.annotate or opts.annotate_dir:
        from reportlint.engine.annotating import run_annotate
        result, written = run_annotate(linter, list(opts.paths), opts.annotate_dir)
        diffs: list[str] = []
    else:
        result, diffs, fixed_stdin = _lint(linter, opts, progress, sink)
    fail_on = linter.config_for(opts.paths[0]).fail_on if opts.paths[0] != "-" else None
    outcome = Outcome(result, EXIT_CLEAN, diffs, _warnings(linter, opts), linter,
                      fixed_stdin=fixed_stdin, written=written)
    if opts.write_baseline:
        from reportlint.engine.baseline import write
        try:
            outcome.recorded = write(result, opts.write_baseline, opts.lang)
        except OutputError as exc:
            outcome.baseline_error, outcome.exit_code = BaselineError(str(exc)), EXIT_ERROR
            return outcome
        outcome.exit_code = EXIT_CLEAN if result.ok else EXIT_ERROR
        return outcome
    if opts.baseline:
        from reportlint.engine.baseline import apply  # hashlib (OpenSSL): ~6 ms of start-up
        try:
            outcome.known = apply(result, opts.baseline, opts.lang)
        except BaselineError as exc:
            outcome.baseline_error, outcome.exit_code = exc, EXIT_ERROR
            return outcome
    outcome.exit_code = exit_code(result, diffs, opts, fail_on)
    return outcome


def _lint(linter: Linter, opts: CheckOptions, progress, sink=None) -> tuple[RunResult, list[str], bytes | None]:
    if opts.fix or opts.diff:
        from reportlint.engine.fixing import run_fix
        return run_fix(linter, list(opts.paths), write=opts.fix and not opts.diff, track=opts.track_changes)
    jobs = cpus() if opts.jobs == 0 else opts.jobs
    return linter.run(list(opts.paths), keep_documents=True, progress=progress, jobs=jobs,
                      excerpts=not opts.whole_drafts,
                      finding_text=opts.finding_text or bool(opts.baseline or opts.write_baseline),
                      sink=None if opts.baseline or opts.write_baseline else sink), [], None


def _warnings(linter: Linter, opts: CheckOptions) -> list[str]:
    """Pack warnings (selectors that match no rule are errors: Linter.rules_for)."""
    return list(linter.warnings)


def exit_code(result: RunResult, diffs: list[str], opts: CheckOptions, config_fail_on: str | None) -> int:
    if not result.ok:
        return EXIT_ERROR
    if opts.diff and diffs:
        return EXIT_FINDINGS
    threshold = Severity.parse(opts.fail_on or config_fail_on or "error")
    worst = result.worst()
    if not opts.exit_zero and worst is not None and worst >= threshold:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def summary_line(outcome: Outcome, lang: str) -> str:
    """The last line of the text report."""
    result = outcome.result
    s = result.summary()
    line = (t("summary", lang, total=s["findings"], error=s["error"], warning=s["warning"],
              info=s["info"], files=s["files"]) if s["findings"]
            else t("summary_clean", lang, files=s["files"]))
    if s["unreadable"]:
        line += "；" + t("summary_errors", lang, n=s["unreadable"])
    if outcome.known:
        line += t("summary_baseline", lang, n=outcome.known)
    return line
