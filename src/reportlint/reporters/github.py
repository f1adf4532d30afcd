"""GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.

GitHub turns each line into an annotation on the pull request. info becomes `notice`.
Escaping follows the runner: data escapes % CR LF; properties also : and ,.
"""
from __future__ import annotations

from reportlint.model.display import printable
from reportlint.reporters.common import marked_lines, message, posix

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    """Escaped for the runner; control characters shown, never sent raw into the CI log."""
    return printable(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def command(level: str, msg: str, **props) -> str:
    inner = ",".join(f"{k}={_prop(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level} {inner}::{_data(msg)}" if inner else f"::{level}::{_data(msg)}"


def render(result, ctx) -> str:
    out = []
    for f in result.findings:
        first, last = marked_lines(f)
        same_line = f.end_line == f.line
        out.append(command(LEVELS[str(f.severity)], message(result, f, ctx.lang),
                           file=posix(f.path), line=first,
                           endLine=last if last != first else None,
                           col=f.column, endColumn=f.end_column if same_line else None,
                           title=f"reportlint [{f.rule}] {f.category}"))
    for e in result.errors:
        out.append(command("error", e.message, file=posix(e.path), title="reportlint"))
    for e in result.failures:
        out.append(command("error", str(e), file=posix(e.path), title=f"reportlint [{e.rule.id}]"))
    return "\n".join(out) + ("\n" if out else "")
