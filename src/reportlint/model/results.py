"""What a run gives back: findings, the inputs that could not be read, the rules that failed."""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlint.model.document import Document
from reportlint.model.errors import InputError, RuleFailure
from reportlint.model.excerpt import Excerpt
from reportlint.model.finding import Finding


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    failures: list[RuleFailure] = field(default_factory=list)
    files: int = 0
    documents: dict[str, Document | Excerpt] = field(default_factory=dict)   # what reporters read

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failures

    def summary(self) -> dict:
        """Counts for the summary line and the JSON/HTML reports."""
        from collections import Counter
        counts = Counter(str(f.severity) for f in self.findings)
        return {
            "files": self.files,
            "findings": len(self.findings),
            "error": counts.get("error", 0),
            "warning": counts.get("warning", 0),
            "info": counts.get("info", 0),
            "by_category": dict(sorted(Counter(f.category for f in self.findings).items())),
            "unreadable": len({e.path for e in self.errors}),
        }


class Findings(list):
    """A list of findings that also carries, in `.errors`, the inputs that could not be linted
    and the rules that could not finish."""

    def __init__(self, findings=(), errors=()):
        super().__init__(findings)
        self.errors = list(errors)
