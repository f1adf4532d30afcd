"""The kinds: one module per algorithm, in one literal registry.

A kind module defines
    KIND    = "name"                      # equals the module name
    OPTIONS = {"key": Option(...), ...}   # its rule-file keys (schema.Option)
    FIELDS  = {"found", ...}              # names a message template may use
    SCOPES  = ("paragraph", ...)          # allowed `scope:` values, default first (may be empty)
    def prepare(rule) -> state            # optional: compile once per rule
    def check(rule, state, doc) -> Iterable[Hit]
Modules are imported only when a rule of that kind is loaded, so start-up stays cheap.
Third-party kinds register under the entry-point group `reportlint.kinds`.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

KINDS: dict[str, str] = {
    "substitution": "reportlint.kinds.substitution",
    "law_title": "reportlint.kinds.law_title",
    "near_miss": "reportlint.kinds.near_miss",
    "year_window": "reportlint.kinds.year_window",
    "one_edit": "reportlint.kinds.one_edit",
    "year_pattern": "reportlint.kinds.year_pattern",
    "repeated_heading": "reportlint.kinds.repeated_heading",
    "frequency_count": "reportlint.kinds.frequency_count",
    "repeated_clause": "reportlint.kinds.repeated_clause",
    "pattern": "reportlint.kinds.pattern",
    "required_sections": "reportlint.kinds.required_sections",
    "next_year_plan": "reportlint.kinds.next_year_plan",
    "report_year": "reportlint.kinds.report_year",
    "abrupt_ending": "reportlint.kinds.abrupt_ending",
    "spelling": "reportlint.kinds.spelling",
    "context_slip": "reportlint.kinds.context_slip",
    "domain_slip": "reportlint.kinds.domain_slip",
    "structural_particle": "reportlint.kinds.structural_particle",
    "traditional_script": "reportlint.kinds.traditional_script",
    "outline_numbering": "reportlint.kinds.outline_numbering",
    "signing_date": "reportlint.kinds.signing_date",
    "report_title": "reportlint.kinds.report_title",
    "broken_paragraph": "reportlint.kinds.broken_paragraph",
    "halfwidth_punctuation": "reportlint.kinds.halfwidth_punctuation",
    "paired_marks": "reportlint.kinds.paired_marks",
    "cjk_spacing": "reportlint.kinds.cjk_spacing",
    "doubled_text": "reportlint.kinds.doubled_text",
    "unterminated_paragraph": "reportlint.kinds.unterminated_paragraph",
    "heading_punctuation": "reportlint.kinds.heading_punctuation",
    "duplicate": "reportlint.kinds.duplicate",
    "rate_check": "reportlint.kinds.rate_check",
    "table_identity": "reportlint.kinds.table_identity",
    "heading_wording": "reportlint.kinds.heading_wording",
    "table_text": "reportlint.kinds.table_text",
    "table_continuity": "reportlint.kinds.table_continuity",
    "enumeration_order": "reportlint.kinds.enumeration_order",
    "section_statement": "reportlint.kinds.section_statement",
    "single_item_quantifier": "reportlint.kinds.single_item_quantifier",
    "total_check": "reportlint.kinds.total_check",
    "repeated_metric": "reportlint.kinds.repeated_metric",
    "date_check": "reportlint.kinds.date_check",
    "body_year": "reportlint.kinds.body_year",
}

_loaded: dict[str, ModuleType] = {}
_plugins: dict[str, Any] | None = None


def _entry_points() -> dict[str, Any]:
    global _plugins
    if _plugins is None:
        from importlib.metadata import entry_points
        _plugins = {ep.name: ep for ep in entry_points(group="reportlint.kinds")}
    return _plugins


def names() -> list[str]:
    return sorted(set(KINDS) | set(_entry_points()))


def get(name: str) -> ModuleType | None:
    """The kind module called `name`, or None if there is no such kind."""
    if name in _loaded:
        return _loaded[name]
    if name in KINDS:
        mod = importlib.import_module(KINDS[name])
    elif name in _entry_points():
        mod = _entry_points()[name].load()
    else:
        return None
    _loaded[name] = mod
    return mod
