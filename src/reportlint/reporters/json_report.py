"""JSON: {"version": 1, "findings": [...], "summary": {...}, "errors": [...]}."""
from __future__ import annotations

import json

from reportlint.reporters.common import deep_unsurrogate


def _finding(doc, f) -> dict:
    d = f.to_dict()
    if doc is not None and doc.locations is not None:   # Word: which paragraph / table cell
        d["paragraph"] = doc.where(f.line)
    return d


def _errors(result) -> list:
    return ([{"path": e.path, "message": e.message} for e in result.errors]
            + [{"path": e.path, "rule": e.rule.id, "message": e.reason} for e in result.failures])


def render(result, ctx) -> str:
    data = {
        "version": 1,
        "findings": [_finding(result.documents.get(f.path), f) for f in result.findings],
        "summary": result.summary(),
        "errors": _errors(result),
    }
    return json.dumps(deep_unsurrogate(data), ensure_ascii=False, indent=1) + "\n"


def _dumps(value, depth: int) -> str:
    """json.dumps(value, indent=1) as it reads nested `depth` levels deep (no JSON string
    holds a raw line break)."""
    return json.dumps(deep_unsurrogate(value), ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)


class Stream:
    """render()'s text in pieces: each file's findings as the run gives them (part), then the
    summary and errors (end) — the same bytes, without the run keeping its findings."""

    def __init__(self, ctx):
        self.started = self.any = False

    def part(self, findings, draft) -> str:
        out = [] if self.started else ['{\n "version": 1,\n "findings": [']
        self.started = True
        for f in findings:
            out.append(("\n  " if not self.any else ",\n  ") + _dumps(_finding(draft, f), 2))
            self.any = True
        return "".join(out)

    def end(self, result) -> str:
        return (self.part([], None) + ("\n ]" if self.any else "]") + ',\n "summary": '
                + _dumps(result.summary(), 1) + ',\n "errors": ' + _dumps(_errors(result), 1) + "\n}\n")
