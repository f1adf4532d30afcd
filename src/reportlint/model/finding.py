"""Finding, Hit and Severity: what kinds produce and what reporters print."""
from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from reportlint.model.lazy_pattern import LazyPattern
from reportlint.model.plain import Fields

CATEGORIES = (
    "section", "plan", "duplicate", "numeric", "typo", "formulation",
    "punctuation", "numbering", "artifact", "placeholder", "spacing", "format",
)
SEVERITIES = ("error", "warning", "info")
_SPACE = LazyPattern(r"[\s\u3000\u00a0\u200b\ufeff]+")


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


class Hit(Fields):
    """What a kind yields: a character span of the document plus message fields.

    `fix` is the replacement text for [start, end) when the correction is unambiguous;
    `variant` picks one template when a rule's message is a mapping; `severity`
    lets a kind lower or raise one hit (e.g. a superseded title is only a warning).
    (A plain class, equal by its fields: model/plain.py.)
    """
    _fields = ("start", "end", "fields", "suggestion", "fix", "variant", "severity")

    def __init__(self, start: int, end: int, fields: dict | None = None, suggestion: str | None = None,
                 fix: str | None = None, variant: str | None = None, severity: Severity | None = None):
        self.start, self.end = start, end
        self.fields = {} if fields is None else fields
        self.suggestion, self.fix, self.variant, self.severity = suggestion, fix, variant, severity


class Finding(NamedTuple):
    """One finding as reporters print it: where (1-based line and column), which rule, what to say.
    Immutable; `finding._replace(message=…)` makes a changed copy."""
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


def content_hash(f: Finding, doc=None) -> str:
    """Content hash of a finding: rule, flagged text and its line, whitespace-insensitive
    (baselines and the fingerprints of the CI reporters; never the line number)."""
    import hashlib  # OpenSSL: ~6 ms of start-up, only for the runs that need it
    flagged = line = ""
    if doc is not None:
        flagged = doc.text[f.start:f.end]
        if 0 < f.line <= len(doc.lines):
            line = doc.lines[f.line - 1]
    else:
        line = f.message       # no text at hand: the message is the next most stable thing
    key = "\0".join((f.rule, _SPACE.sub("", flagged), _SPACE.sub("", line)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]   # any text hashes
