"""The errors that reach a user: each names the file (and the YAML line) it is about.

They live at the bottom so that every floor can raise them and the CLI can print them
without importing the floor that raised them.
"""
from __future__ import annotations

from typing import Any

from reportlint.model.plain import Fields


class InputError(Fields, Exception):
    """An input that could not be linted (missing, binary, undecodable, empty …)."""
    _fields = ("path", "message")

    def __init__(self, path: str, message: str):
        super().__init__(path, message)
        self.path, self.message = path, message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class OutputError(InputError):
    """A file that could not be written (no folder, no permission, full disk, changed since read)."""


class RuleFileError(Fields, Exception):
    """A problem in a rule file or configuration file, at the line and column of the key."""
    _fields = ("path", "line", "column", "message")

    def __init__(self, path: str, line: int, column: int, message: str):
        super().__init__(path, line, column, message)
        self.path, self.line, self.column, self.message = path, line, column, message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class RuleLoadErrors(Exception):
    """Every error found while loading rule packs (loading goes on to collect them all)."""

    def __init__(self, errors: list[RuleFileError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


class ConfigError(Exception):
    """Every error of a configuration file (RuleFileErrors), or of the command line (texts)."""

    def __init__(self, errors: list):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


class BaselineError(Exception):
    """A baseline file that is missing, unreadable or not a reportlint baseline."""


class RuleFailure(Fields):
    """A rule that could not finish on a document (a pattern timed out, a bug in a kind).

    `rule` is the loaded rule (rulepacks.rule.Rule); only its id, path and marks are read here."""
    __slots__ = ("path", "reason", "rule")
    _fields = ("path", "rule", "reason")

    def __init__(self, path: str, rule: Any, reason: str):
        self.path, self.rule, self.reason = path, rule, reason

    def __str__(self) -> str:
        line, col = self.rule.marks.get(("id",), (1, 1))
        return f"{self.path}: rule {self.rule.id} ({self.rule.path}:{line}:{col}) abandoned: {self.reason}"
