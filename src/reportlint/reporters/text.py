"""Text for terminals: `path:line:col: severity [rule] message（建议：…）`, the source line
and a caret under the span. CJK characters take two columns on screen; colour only on a TTY."""
from __future__ import annotations

from reportlint.model.display import printable
from reportlint.model.lines import display_width as width
from reportlint.model.messages import t

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
BEFORE, AFTER = 24, 16    # characters of context shown around a span
MAX_SPAN = 30             # characters underlined at most


def excerpt(line: str, col: int, end_col: int | None) -> tuple[str, str]:
    """The (clipped) source line and a caret line under columns [col, end_col).

    Long spans (a summary finding, a whole paragraph) are underlined for MAX_SPAN characters."""
    start = col - 1
    end = max(start + 1, min(end_col - 1 if end_col else start + 1, len(line)))
    end = min(end, start + MAX_SPAN)
    lo = max(0, start - BEFORE)
    hi = min(len(line), end + AFTER)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    shown = prefix + printable(line[lo:hi]) + suffix      # a draft's escapes never reach the terminal
    pad = width(prefix + printable(line[lo:start]))
    marks = max(1, width(printable(line[start:end])))
    return shown, " " * pad + "^" * marks


def format_finding(f, lang: str = "zh") -> str:
    sugg = f"（{t('suggest', lang, s=f.suggestion)}）" if f.suggestion else ""
    if lang == "en" and sugg:
        sugg = f" ({t('suggest', lang, s=f.suggestion)})"
    return printable(f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}{sugg}")


def render(result, ctx) -> str:
    out = _lines(result.findings, result.documents.get, ctx)
    return "\n".join(out) + ("\n" if out else "")


class Stream:
    """render()'s text in pieces, each file's findings as the run gives them: the same bytes,
    without the run keeping its findings."""

    def __init__(self, ctx):
        self.ctx = ctx

    def part(self, findings, draft) -> str:
        docs = {draft.path: draft} if draft is not None else {}
        return "".join(line + "\n" for line in _lines(findings, docs.get, self.ctx))

    def end(self, result) -> str:
        return ""


def _lines(findings, document, ctx) -> list[str]:
    """The lines of `findings`; document(path) is what the reporters read of a draft, or None."""
    style = _styled if ctx.color else _plain
    out: list[str] = []
    for f in findings:
        head = format_finding(f, ctx.lang)
        loc, _, rest = head.partition(f": {f.severity} ")
        doc = document(f.path)
        where = doc.where(f.line) if doc is not None else None     # a Word draft's paragraph
        if where:
            rest += printable(f" ［{where}］")
        out.append(f"{style(loc, bold=True)}: {style(str(f.severity), fg=COLORS[str(f.severity)])} {rest}")
        if ctx.show_source and doc is not None and f.line <= len(doc.source_lines):
            line = doc.source_lines[f.line - 1]
            end_col = f.end_column if f.end_line == f.line else len(line) + 1
            shown, caret = excerpt(line, f.column, end_col)
            gutter = f"{f.line:>5} | "
            out.append(style(gutter, dim=True) + shown)
            out.append(style(" " * (len(gutter) - 2) + "| ", dim=True) + style(caret, fg=COLORS[str(f.severity)]))
    return out


def _styled(s: str, **kw) -> str:
    import click
    return click.style(s, **kw)


def _plain(s: str, **kw) -> str:
    return s
