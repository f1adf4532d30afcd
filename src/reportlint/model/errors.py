"""The errors that reach a user: each names the file (and the YAML line) it is about.

They live at the bottom so that every floor can raise them and the CLI can print them
without importing the floor that raised them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class InputError(Exception):
    """An input that could not be linted (missing, binary, undecodable, empty …)."""
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class OutputError(InputError):
    """A file that could not be written (no folder, no permission, full disk, changed since read)."""


@dataclass
class RuleFileError(Exception):
    """A problem in a rule file or configuration file, at the line and column of the key."""
    path: str
    line: int
    column: int
    message: str

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


@dataclass
class RuleFailure:
    """A rule that could not finish on a document (a pattern timed out, a bug in a kind).

    `rule` is the loaded rule (rulepacks.rule.Rule); only its id, path and marks are read here."""
    path: str
    rule: Any
    reason: str

    def __str__(self) -> str:
        line, col = self.rule.marks.get(("id",), (1, 1))
        return f"{self.path}: rule {self.rule.id} ({self.rule.path}:{line}:{col}) abandoned: {self.reason}"
