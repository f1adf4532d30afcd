"""JSON: {"version": 1, "findings": [...], "summary": {...}, "errors": [...]}."""
from __future__ import annotations

import json
from collections import Counter


def summary(result) -> dict:
    counts = Counter(str(f.severity) for f in result.findings)
    return {
        "files": result.files,
        "findings": len(result.findings),
        "error": counts.get("error", 0),
        "warning": counts.get("warning", 0),
        "info": counts.get("info", 0),
        "by_category": dict(sorted(Counter(f.category for f in result.findings).items())),
        "unreadable": len(result.errors),
    }


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
        "summary": summary(result),
        "errors": [{"path": e.path, "message": e.message} for e in result.errors]
                  + [{"path": e.path, "rule": e.rule.id, "message": e.reason} for e in result.failures],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
