"""What a run gives back: findings, the inputs that could not be read, the rules that failed."""
from __future__ import annotations

from collections import Counter

from reportlint.model.document import Document
from reportlint.model.errors import InputError, RuleFailure
from reportlint.model.excerpt import Excerpt
from reportlint.model.finding import Finding, Severity
from reportlint.model.plain import Fields


class RunResult(Fields):
    """A run's findings and what the reporters read of each draft — or, when a reporter took
    each file's findings as they came (`sink`), only their counts, so a long run's memory does
    not grow with its findings. (A plain class: see model/plain.py.)"""
    _fields = ("findings", "errors", "failures", "files", "documents", "streamed")

    def __init__(self, findings: list[Finding] | None = None, errors: list[InputError] | None = None,
                 failures: list[RuleFailure] | None = None, files: int = 0,
                 documents: dict[str, Document | Excerpt] | None = None, streamed: Counter | None = None):
        self.findings = [] if findings is None else findings
        self.errors = [] if errors is None else errors
        self.failures = [] if failures is None else failures
        self.files = files
        self.documents = {} if documents is None else documents    # what reporters read
        self.streamed = Counter() if streamed is None else streamed  # (severity, category) of findings not kept

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failures

    def take(self, findings: list[Finding], draft: Document | Excerpt | None, sink=None) -> None:
        """One linted file's findings and draft, in file order: kept, or handed to `sink(findings,
        draft)` and counted."""
        if sink is None:
            self.findings.extend(findings)
            if draft is not None:
                self.documents[draft.path] = draft
            return
        sink(findings, draft)
        self.streamed.update((f.severity, f.category) for f in findings)

    def worst(self) -> Severity | None:
        """The highest severity found, None without findings."""
        return max([*(f.severity for f in self.findings), *(sev for sev, _ in self.streamed)], default=None)

    def summary(self) -> dict:
        """Counts for the summary line and the JSON/HTML reports."""
        counts = Counter(str(f.severity) for f in self.findings)
        categories = Counter(f.category for f in self.findings)
        for (severity, category), n in self.streamed.items():
            counts[str(severity)] += n
            categories[category] += n
        return {
            "files": self.files,
            "findings": len(self.findings) + sum(self.streamed.values()),
            "error": counts.get("error", 0),
            "warning": counts.get("warning", 0),
            "info": counts.get("info", 0),
            "by_category": dict(sorted(categories.items())),
            "unreadable": len({e.path for e in self.errors}),
        }


class Findings(list):
    """A list of findings that also carries, in `.errors`, the inputs that could not be linted
    and the rules that could not finish."""

    def __init__(self, findings=(), errors=()):
        super().__init__(findings)
        self.errors = list(errors)
