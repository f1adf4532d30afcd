"""JSON: {"version": 1, "findings": [...], "summary": {...}, "errors": [...]}."""
from __future__ import annotations

import json

from reportlint.reporters.common import deep_unsurrogate


def _finding(result, f) -> dict:
    d = f.to_dict()
    doc = result.documents.get(f.path)
    if doc is not None and doc.locations is not None:   # Word: which paragraph / table cell
        d["paragraph"] = doc.where(f.line)
    return d


def render(result, ctx) -> str:
    data = {
        "version": 1,
        "findings": [_finding(result, f) for f in result.findings],
        "summary": result.summary(),
        "errors": [{"path": e.path, "message": e.message} for e in result.errors]
                  + [{"path": e.path, "rule": e.rule.id, "message": e.reason} for e in result.failures],
    }
    return json.dumps(deep_unsurrogate(data), ensure_ascii=False, indent=1) + "\n"
