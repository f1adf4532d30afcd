"""reportlint: a quality-review linter for Chinese government reports.

    >>> from reportlint import lint_text
    >>> [f.rule for f in lint_text("杜绝个人意志专武独断。", select=["typo"])]
    ['misused-idioms']

The API never prints; the CLI (reportlint.cli) is the only place that does.
"""
from __future__ import annotations

from reportlint.model.document import Document
from reportlint.model.finding import CATEGORIES, Finding, Severity
from reportlint.model.version import __version__

__all__ = ["CATEGORIES", "Document", "Finding", "Severity", "__version__", "lint_paths", "lint_text"]


def lint_text(text: str, path: str = "<text>", **options) -> list[Finding]:
    """Lint a string. Options as for engine.Linter: packs, select, ignore, year, unit, config, lang.

    Returns a list of findings with `.errors` (the rules that could not finish on the text)."""
    from reportlint.engine.linter import Linter
    options.setdefault("isolated", "config" not in options)
    return Linter(**options).lint_text(text, path)


def lint_paths(paths, **options):
    """Lint files and folders. Returns a list of findings with `.errors` (inputs not linted)."""
    from reportlint.engine.linter import Linter
    from reportlint.model.results import Findings
    result = Linter(**options).run([str(p) for p in paths])
    return Findings(result.findings, [*result.errors, *result.failures])
