"""Finding, Hit and Severity: what kinds produce and what reporters print."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

CATEGORIES = (
    "section", "plan", "duplicate", "numeric", "typo", "formulation",
    "punctuation", "numbering", "artifact", "placeholder", "spacing", "format",
)


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass
class Hit:
    """What a kind yields: a character span of the document plus message fields.

    `fix` is the replacement text for [start, end) when the correction is unambiguous;
    `variant` picks one template when a rule's message is a mapping; `severity`
    lets a kind lower or raise one hit (e.g. a superseded title is only a warning).
    """
    start: int
    end: int
    fields: dict = field(default_factory=dict)
    suggestion: str | None = None
    fix: str | None = None
    variant: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None = None
    fix: str | None = None
    start: int = 0          # character offsets into the decoded text (not printed)
    end: int = 0
    pack: str = ""

    @property
    def sort_key(self):
        return (self.path, self.line, self.column, self.rule, self.end)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "suggestion": self.suggestion,
            "fix": None if self.fix is None else
                   {"start": self.start, "end": self.end, "replacement": self.fix},
        }
