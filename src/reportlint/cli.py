"""Command line: `reportlint PATH...` (check), `rules`, `rule ID`, `test-rules DIR...`.

The only module that prints or exits. Exit codes: 0 clean, 1 findings at or above
--fail-on, 2 usage, configuration, rule-pack or unreadable-input errors.
"""
from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import NoReturn

import click

from reportlint.model.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from reportlint.model.messages import t

GC_GEN0 = 50_000   # allocations between young-generation collections (see main)
FORMATS = ["text", "json", "sarif", "github", "gitlab", "junit", "html", "auto"]


def _split(values) -> list[str]:
    return [v.strip() for item in values or () for v in item.split(",") if v.strip()]


class DefaultGroup(click.Group):
    """`reportlint draft.txt` means `reportlint check draft.txt`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportlint", prog_name="reportlint")
def cli():
    """reportlint：法治政府建设情况报告等公文草稿的质量检查工具。

    \b
    reportlint 草稿.txt            检查文件或目录（目录下的 .txt/.md/.docx/.doc/.wps 等）
    reportlint rules               列出全部规则
    reportlint rule ID             查看一条规则的说明和示例
    reportlint test-rules 目录     运行自定义规则包里的示例
    """


def _say(message) -> None:
    """One line on stderr; what came from a file name or a draft is shown escaped."""
    from reportlint.model.display import printable
    click.echo(f"reportlint: {printable(str(message))}", err=True)


def _fail(errors, code=EXIT_ERROR) -> NoReturn:
    for e in errors:
        _say(e)
    sys.exit(code)


@cli.command("check")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", default="text", type=click.Choice(FORMATS),
              help="输出格式（auto：在 GitHub Actions 中为 github，否则为 text）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件而不是标准输出")
@click.option("--select", multiple=True, help="只用这些规则（id、通配符、规则包或类别，可逗号分隔）")
@click.option("--ignore", multiple=True, help="不用这些规则（同上）")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="配置文件（默认自动向上查找）")
@click.option("--isolated", is_flag=True, help="不读取任何配置文件")
@click.option("--pack", "packs", multiple=True, help="使用的规则包（内置包名或目录），可多次给出")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="达到此级别的问题使退出码为 1（默认 error）")
@click.option("--exit-zero", is_flag=True, help="有问题也以 0 退出（输入或配置错误仍为 2）")
@click.option("--statistics", is_flag=True, help="按规则统计问题数")
@click.option("--year", type=int, help="报告年度（标题中没有年份时使用）")
@click.option("--unit", help="报告单位名称")
@click.option("--against", multiple=True, type=click.Path(exists=True),
              help="与这些报告（文件或目录，如上年度报告、其他单位的报告）比对，找出照搬的内容；可多次给出")
@click.option("--encoding", help="指定输入编码，如 gb18030")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="界面语言")
@click.option("--color/--no-color", default=None, help="是否彩色输出（默认仅终端）")
@click.option("--no-source", is_flag=True, help="不显示原文和位置标记")
@click.option("-q", "--quiet", is_flag=True, help="不输出汇总行")
@click.option("--no-cache", is_flag=True, help="不读也不写结果缓存（.reportlint_cache）")
@click.option("--fix", is_flag=True, help="自动修复可确定的问题（原子写入，保留编码和换行）")
@click.option("--diff", is_flag=True, help="只显示修复会带来的改动，不写文件")
@click.option("--track-changes", is_flag=True,
              help="与 --fix 同用：Word 文件中的修复写成修订（作者 reportlint），可在 Word/WPS 中逐条接受或拒绝")
@click.option("--annotate", is_flag=True,
              help="在原文件旁写出“原名.reviewed.docx”，每个问题一条 Word 批注（原文件不改动）")
@click.option("--annotate-dir", type=click.Path(file_okay=False),
              help="把带批注的 .reviewed.docx 写到此目录（隐含 --annotate）")
@click.option("--baseline", type=click.Path(dir_okay=False), help="基线文件：其中记录的已知问题不再报告")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="把当前全部问题记入基线文件（按规则和内容哈希，不按行号）后退出")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="并行检查的进程数（0 表示 CPU 核数；默认：文件不少于 16 个时用全部 CPU 核，否则 1）")
def check(paths, fmt, output, color, no_source, quiet, statistics, **options):
    """检查报告草稿（文件、目录，或 - 表示标准输入）。"""
    from reportlint.model.errors import ConfigError, RuleLoadErrors

    lang = options["lang"]
    if not paths:
        raise click.UsageError(t("no_paths", lang))
    if options["track_changes"] and not (options["fix"] or options["diff"]):
        raise click.UsageError(t("track_needs_fix", lang))
    if (options["annotate"] or options["annotate_dir"]) and (options["fix"] or options["diff"]):
        raise click.UsageError(t("annotate_not_fix", lang))
    # JSON, GitHub and JUnit read only the findings and Word places; text reads source lines
    fmt_name = _resolved(fmt)
    opts = _check_options(paths, options, whole_drafts=fmt_name == "html",
                          finding_text=not (fmt_name in ("json", "github", "junit")
                                            or (fmt_name == "text" and no_source)))
    stream = None
    if not (statistics and fmt_name == "text") and not output and not sys.stdout.isatty() and not any(
            options[k] for k in ("fix", "diff", "annotate", "annotate_dir", "baseline", "write_baseline")):
        stream = _stream(fmt_name, color, not no_source, lang)
    try:
        from reportlint.engine.check import run_check
        from reportlint.engine.parallel import Progress
        outcome = run_check(opts, progress=Progress(), sink=_writer(stream) if stream else None)
    except (ConfigError, RuleLoadErrors) as exc:
        _fail(exc.errors)
    for w in outcome.warnings:
        _say(w)
    if outcome.baseline_error is not None:
        _fail([outcome.baseline_error])
    if outcome.recorded is not None:          # --write-baseline: nothing else to report
        _say(t("baseline_written", lang, n=outcome.recorded, path=opts.write_baseline))
        _echo_errors(outcome.result)
        sys.exit(outcome.exit_code)
    if outcome.fixed_stdin is not None:       # --fix -: the fixed text on stdout, the report on stderr
        _write_stdout(outcome.fixed_stdin)
    try:
        text = stream.end(outcome.result) if stream else _report(
            outcome, fmt, color, not no_source, lang, statistics, to_stderr=outcome.fixed_stdin is not None)
    except (ConfigError, RuleLoadErrors) as exc:     # the rules SARIF describes, loaded late
        _fail(exc.errors)
    tail = ""
    if _resolved(fmt) == "text" and not quiet and not statistics:
        from reportlint.engine.check import summary_line
        tail = summary_line(outcome, lang) + "\n"
    _output(text, output, to_stderr=outcome.fixed_stdin is not None, lang=lang, tail=tail)
    for line in outcome.written:
        _say(line)
    _echo_errors(outcome.result)
    sys.exit(outcome.exit_code)


_PIECE = 1 << 20     # characters encoded at a time: a long run's report is never copied whole


def _output(text: str, output: str | None, *, to_stderr: bool, lang: str, tail: str = "") -> None:
    """The report (then `tail`) to -o FILE (atomically: never half a report) or to stdout/stderr."""
    if output:
        from reportlint.files.writing import write_atomic
        from reportlint.model.errors import OutputError
        try:
            write_atomic(output, (text + tail).encode("utf-8", "backslashreplace"), lang=lang)
        except OutputError as exc:
            _fail([exc])
        return
    stream = sys.stderr if to_stderr else sys.stdout
    stream.flush()
    for piece in (text, tail):
        for i in range(0, len(piece), _PIECE):
            stream.buffer.write(piece[i:i + _PIECE].encode("utf-8", "backslashreplace"))
    stream.flush()


def _stream(fmt: str, color, show_source: bool, lang: str):
    """The reporter's Stream, if it has one: a report to a pipe or a file is then written as the
    run goes, file by file, and the run keeps no finding (a terminal gets the whole report at
    the end, after the progress bar)."""
    from reportlint.reporters import get as get_reporter
    kind = getattr(get_reporter(fmt), "Stream", None)
    return kind(SimpleNamespace(color=bool(color), show_source=show_source, lang=lang)) if kind else None


def _writer(stream):
    def sink(findings, draft) -> None:
        text = stream.part(findings, draft)
        if text:
            sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace"))
    return sink


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _check_options(paths, options, **extra):
    """CheckOptions from click's values: the option names are its field names."""
    from reportlint.engine.options import CheckOptions
    options = dict(options)
    lists = {k: tuple(options.pop(k)) for k in ("packs", "against")}
    selectors = {k: tuple(_split(options.pop(k))) for k in ("select", "ignore")}
    return CheckOptions(paths=tuple(paths), **lists, **selectors, **options, **extra)


def _resolved(fmt):
    from reportlint.reporters import resolve
    return resolve(fmt)


class _Context(SimpleNamespace):
    """What a reporter reads besides the result. `rules` is read only by SARIF: a run the results
    cache answered whole has loaded no rule, and other formats need none."""

    def __init__(self, outcome, **options):
        super().__init__(**options)
        self._outcome = outcome

    @property
    def rules(self):
        return self._outcome.rules


def _report(outcome, fmt, color, show_source, lang, statistics, to_stderr=False) -> str:
    """The findings in the chosen format; --diff's diffs come first in text format only (they
    would break a machine-readable one); --statistics gives only the table in text format."""
    from reportlint.reporters import get as get_reporter
    fmt = _resolved(fmt)
    stream = sys.stderr if to_stderr else sys.stdout
    is_tty = stream.isatty()
    ctx = _Context(outcome, color=is_tty if color is None else color, show_source=show_source,
                   lang=lang, statistics=statistics)
    if statistics and fmt == "text":
        return _statistics(outcome.result)
    text = get_reporter(fmt).render(outcome.result, ctx)
    if fmt == "text":
        from reportlint.model.display import unsurrogate
        text = "".join(unsurrogate(d) for d in outcome.diffs) + text
    return text


def _echo_errors(result) -> None:
    for e in [*result.errors, *result.failures]:
        _say(e)


def _statistics(result) -> str:
    from collections import Counter
    counts = Counter((f.rule, f.category, str(f.severity)) for f in result.findings)
    lines = [f"{n:6d}  {rule:36s} {cat:12s} {sev}" for (rule, cat, sev), n in
             sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    lines.append(f"{sum(counts.values()):6d}")
    return "\n".join(lines) + "\n"


def _load_rules(config, packs, isolated):
    from reportlint.engine.linter import Linter
    from reportlint.model.errors import ConfigError, RuleLoadErrors
    try:
        return Linter(config=config, packs=list(packs) or None, isolated=isolated).all_rules()
    except (ConfigError, RuleLoadErrors) as exc:
        _fail(exc.errors)


def _did_you_mean(name: str, names: list[str]) -> str:
    import difflib
    close = difflib.get_close_matches(name, names, n=3)
    return t("did_you_mean", "zh", names="、".join(close)) if close else ""


@cli.command("rules")
@click.option("--pack", "packs", multiple=True, help="只列出这些规则包")
@click.option("--config", type=click.Path(dir_okay=False))
@click.option("--isolated", is_flag=True)
@click.option("--format", "fmt", default="text", type=click.Choice(["text", "json", "markdown"]))
def rules_cmd(packs, config, isolated, fmt):
    """列出规则：id、类别、级别、规则包、说明（markdown：完整的规则文档）。"""
    rules = _load_rules(config, packs, isolated)
    if fmt == "markdown":
        from reportlint.rulepacks.docs import render_markdown
        click.echo(render_markdown(rules), nl=False)
        return
    if fmt == "json":
        import json
        click.echo(json.dumps([{"id": r.id, "kind": r.kind_name, "category": r.category,
                                "severity": str(r.severity), "pack": r.pack,
                                "description": r.summary} for r in rules],
                              ensure_ascii=False, indent=1))
        return
    from reportlint.rulepacks.docs import render_rules_table
    click.echo(render_rules_table(rules), nl=False)


@cli.command("kinds")
@click.argument("names", nargs=-1)
@click.option("--pack", "packs", multiple=True, help="统计这些规则包里使用各算法的规则")
@click.option("--config", type=click.Path(dir_okay=False))
@click.option("--isolated", is_flag=True)
@click.option("--format", "fmt", default="text", type=click.Choice(["text", "json", "markdown"]))
def kinds_cmd(names, packs, config, isolated, fmt):
    """列出算法（kind）：用途、可配置的键及其类型、使用它的规则；给出名称则显示详情。"""
    from reportlint import kinds as registry
    from reportlint.rulepacks.docs import kind_info, render_kinds_markdown, render_kinds_text
    rules = _load_rules(config, packs, isolated)
    unknown = [n for n in names if registry.get(n) is None]
    if unknown:
        _fail([t("unknown_kind", "zh", name=n) + _did_you_mean(n, registry.names()) for n in unknown])
    infos = [kind_info(n, registry.get(n), rules) for n in (names or registry.names())]
    if fmt == "json":
        import json
        click.echo(json.dumps(infos, ensure_ascii=False, indent=1))
    elif fmt == "markdown":
        click.echo(render_kinds_markdown(infos), nl=False)
    else:
        click.echo(render_kinds_text(infos, detail=bool(names)), nl=False)


@cli.command("rule")
@click.argument("rule_id")
@click.option("--config", type=click.Path(dir_okay=False))
@click.option("--pack", "packs", multiple=True)
def rule_cmd(rule_id, config, packs):
    """查看一条规则：说明、原因和示例。"""
    rules = _load_rules(config, packs, False)
    found = [r for r in rules if r.id == rule_id or f"{r.pack}/{r.id}" == rule_id]
    if not found:
        _fail([t("unknown_rule", "zh", name=rule_id) + _did_you_mean(rule_id, [r.id for r in rules])])
    from reportlint.rulepacks.docs import render_rule
    click.echo(render_rule(found[0]), nl=False)


@cli.command("test-rules")
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False))
@click.option("-v", "--verbose", is_flag=True)
def test_rules(dirs, verbose):
    """运行规则包里每条规则的 bad/good 示例（默认：内置规则包）。"""
    from reportlint.model.errors import RuleLoadErrors
    from reportlint.rulepacks.examples import example_cases, run_examples
    from reportlint.rulepacks.loader import builtin_packs, load_packs
    try:
        rules = load_packs(list(dirs) or list(builtin_packs())).rules
    except RuleLoadErrors as exc:
        _fail(exc.errors)
    failures = run_examples(rules)
    total = sum(1 for r in rules for _ in example_cases(r))
    for f in failures:
        click.echo(f"FAIL {f}")
    if verbose:
        for r in rules:
            click.echo(f"ok   {r.pack}/{r.id}")
    click.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)

cli.add_command(rule_cmd, "explain")   # ruff-style alias


@cli.command("lsp")
def lsp_cmd():
    """语言服务器（LSP，经标准输入输出），供编辑器实时显示问题；需安装 reportlint[lsp]。"""
    try:
        from reportlint.lsp import main as serve
    except ImportError as exc:
        _fail([f"the language server needs pygls and lsprotocol: pip install 'reportlint[lsp]' ({exc})"])
    serve()


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（默认只对本机开放）")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="端口")
@click.option("--max-upload-mb", default=20, show_default=True, type=click.IntRange(min=1),
              help="上传文件大小上限（MB）")
@click.option("--config", type=click.Path(dir_okay=False), help="配置文件（默认：当前目录向上查找）")
@click.option("--isolated", is_flag=True, help="不读取任何配置文件")
@click.option("--pack", "packs", multiple=True, help="使用的规则包（内置包名或目录）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="界面语言")
def serve_cmd(host, port, max_upload_mb, config, isolated, packs, lang):
    """在浏览器中审阅草稿：上传 .docx/.doc/.wps/.txt/.md 或粘贴文字，查看问题，下载带批注的 Word 文件；
    需安装 reportlint[serve]。"""
    from reportlint.engine.linter import Linter
    from reportlint.model.errors import ConfigError, RuleLoadErrors
    try:
        from reportlint.server import serve
    except ImportError as exc:
        _fail([t("serve_missing", lang, detail=exc)])
    linter = Linter(config=config, isolated=isolated, packs=list(packs) or None, lang=lang)
    try:
        linter.rules_for(linter.config_for("-"))      # a broken config or pack fails here, not per upload
    except (ConfigError, RuleLoadErrors) as exc:
        _fail(exc.errors)
    _say(t("serving", lang, host=host, port=port))
    serve(linter, host, port, max_upload_mb * 2**20)


@cli.command("clean")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="界面语言")
def clean_cmd(lang):
    """删除结果缓存（本仓库的 .reportlint_cache）和用户缓存目录中 reportlint 的缓存。"""
    from reportlint.engine.results_cache import clean
    removed = clean()
    for path in removed:
        click.echo(t("cleaned", lang, path=path))
    if not removed:
        click.echo(t("clean_nothing", lang))


def main(argv=None):
    # Start-up (kind modules, compiled rules and patterns, the first lint) allocates tens of
    # thousands of objects that live for the whole run; at the default threshold (700) the
    # collector walks them ~70 times, ~5 ms of a one-file run. A larger first generation
    # leaves that to a few collections (cyclic garbage waits a little longer: a few MB at most).
    import atexit
    import gc
    gen0, gen1, gen2 = gc.get_threshold()
    if 0 < gen0 < GC_GEN0:
        gc.set_threshold(GC_GEN0, gen1, gen2)
    # At exit the interpreter walks every object left (modules, rules, patterns …) in a last
    # collection, ~8 ms of a one-file run; frozen objects are left to the operating system.
    # (Output is written and flushed by then; Python never promised __del__ at exit.)
    atexit.register(gc.freeze)
    sys.exit(_run(argv))


def _run(argv) -> int:
    """Click without its standalone mode, so that Ctrl-C is 130 (not "Aborted!" and 1), a
    full or closed stdout a message and 2, and no exception ever a traceback."""
    from reportlint.model.display import printable
    try:
        try:
            rv = cli.main(args=argv, prog_name="reportlint", standalone_mode=False)
            code = rv if isinstance(rv, int) else EXIT_CLEAN     # --help, --version: click's exit code
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (EXIT_CLEAN if exc.code is None else EXIT_ERROR)
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        sys.stdout.flush()
        return code
    except (KeyboardInterrupt, click.exceptions.Abort):
        _quiet_stdout()
        click.echo(f"reportlint: {t('interrupted', 'zh')}", err=True)
        return 130
    except BrokenPipeError:          # `reportlint … | head`: the reader has gone; nothing to say
        _quiet_stdout()
        return EXIT_ERROR
    except OSError as exc:           # stdout on a full device, a closed terminal
        _quiet_stdout()
        try:
            click.echo(f"reportlint: {printable(t('stdout_failed', 'zh', detail=exc.strerror or exc))}", err=True)
        except OSError:
            pass
        return EXIT_ERROR


def _quiet_stdout() -> None:
    """stdout whose last flush failed: point it at /dev/null, so that the interpreter's own
    flush at exit does not print an error or a traceback."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main()
