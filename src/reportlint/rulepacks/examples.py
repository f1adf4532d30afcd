"""Run a rule's own examples: `bad` must be found, `good` must stay clean.

Used by the parametrized pytest over every built-in rule and by `reportlint test-rules`.
An example is a string, or a mapping:
    text: "…"
    expect: [{line: 1, col: 6, found: 既往不究, suggestion: 既往不咎}]   # exact findings (bad only)
    year: 2024                                                       # report year, as in config
    path: draft.md                                                   # file name (e.g. Markdown)
    genre: gio-annual-report                          # the genre, as config would set it
    context: {reference_texts: {label: text}}    # reports to compare with, as --against gives them
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlint.model.document import Document
from reportlint.rulepacks.rule import Rule
from reportlint.rulepacks.run import run_rule


@dataclass
class ExampleFailure:
    rule: Rule
    which: str       # "bad" | "good"
    index: int
    text: str
    problem: str

    def __str__(self) -> str:
        snippet = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"{self.rule.pack}/{self.rule.id}: examples.{self.which}[{self.index}] {snippet!r}: {self.problem}"


def example_cases(rule: Rule):
    """(which, index, mapping) for every example of the rule."""
    for which in ("bad", "good"):
        for i, item in enumerate(rule.examples.get(which) or []):
            yield which, i, (item if isinstance(item, dict) else {"text": item})


def run_example(rule: Rule, which: str, index: int, case: dict) -> ExampleFailure | None:
    text = case["text"]
    references = tuple(Document(ref, label) for label, ref in sorted(
        ((case.get("context") or {}).get("reference_texts") or {}).items()))
    doc = Document(text, case.get("path", "example.txt"), year=case.get("year"),
                   unit=case.get("unit"), references=references)
    findings = run_rule(rule, doc, genre=case.get("genre"))
    fail = lambda problem: ExampleFailure(rule, which, index, text, problem)  # noqa: E731
    if which == "good":
        if findings:
            f = findings[0]
            return fail(f"expected no finding, got {len(findings)}: {f.line}:{f.column} {f.message}")
        return None
    if not findings:
        return fail("expected a finding, got none")
    expect = case.get("expect")
    if expect is None:
        return None
    if len(expect) != len(findings):
        got = "; ".join(f"{f.line}:{f.column} {f.message}" for f in findings)
        return fail(f"expected {len(expect)} finding(s), got {len(findings)}: {got}")
    for want, f in zip(expect, findings):
        actual = {"line": f.line, "col": f.column, "column": f.column,
                  "found": doc.source_text[f.start:f.end], "suggestion": f.suggestion,
                  "fix": f.fix, "message": f.message, "severity": str(f.severity)}
        for key, value in want.items():
            if actual.get(key) != value:
                return fail(f"expected {key}={value!r}, got {actual.get(key)!r} ({f.message})")
    return None


def run_examples(rules: list[Rule]) -> list[ExampleFailure]:
    failures = []
    for rule in rules:
        for which, i, case in example_cases(rule):
            failure = run_example(rule, which, i, case)
            if failure:
                failures.append(failure)
    return failures
