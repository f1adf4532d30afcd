"""What a run gives back: findings, the inputs that could not be read, the rules that failed."""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlint.model.document import Document
from reportlint.model.errors import InputError, RuleFailure
from reportlint.model.finding import Finding


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    failures: list[RuleFailure] = field(default_factory=list)
    files: int = 0
    documents: dict[str, Document] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failures


class Findings(list):
    """A list of findings that also carries the inputs that could not be linted."""

    def __init__(self, findings=(), errors=()):
        super().__init__(findings)
        self.errors = list(errors)
