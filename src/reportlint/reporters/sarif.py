"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Columns are Unicode code points (`columnKind: unicodeCodePoints`), 1-based, and `endColumn`
is the column after the span, as the spec defines a region. Each result carries a
`partialFingerprints` content hash (the baseline's), so moving a paragraph does not turn an
old finding into a new alert. Unambiguous fixes are given as `fixes`.
"""
from __future__ import annotations

import json
from typing import Any

from reportlint.reporters.common import deep_unsurrogate, fingerprint, location, message, root, uri

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(path: str) -> dict:
    u = uri(path)
    return {"uri": u} if ":" in u.split("/", 1)[0] else {"uri": u, "uriBaseId": "%SRCROOT%"}


def _region(f) -> dict:
    return {"startLine": f.line, "startColumn": f.column,
            "endLine": f.end_line, "endColumn": f.end_column}


def _descriptor(rule_id: str, rule, category: str) -> dict:
    d: dict[str, Any] = {"id": rule_id, "properties": {"category": category, "tags": [category]}}
    if rule is not None:
        d["shortDescription"] = {"text": rule.summary or rule_id}
        if rule.description:
            d["fullDescription"] = {"text": rule.description.strip()}
        if rule.why:
            d["help"] = {"text": rule.why.strip()}
        d["defaultConfiguration"] = {"level": LEVELS[str(rule.severity)]}
        d["properties"]["pack"] = rule.pack
    return d


def render(result, ctx) -> str:
    from reportlint.model.version import __version__

    known = getattr(ctx, "rules", None) or {}
    index: dict[str, int] = {}
    descriptors: list[dict] = []
    results = []
    for f in result.findings:
        if f.rule not in index:
            index[f.rule] = len(descriptors)
            descriptors.append(_descriptor(f.rule, known.get(f.rule), f.category))
        docx = location(result, f)
        res = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS[str(f.severity)],
            "message": {"text": message(result, f, ctx.lang)},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(f.path),
                                                "region": _region(f)}}],
            "partialFingerprints": {"reportlintContentHash/v1": fingerprint(result, f)},
            "properties": {"category": f.category},
        }
        if docx:
            res["properties"]["paragraph"] = docx
        elif f.fix is not None:
            res["fixes"] = [{
                "description": {"text": f"改为“{f.fix}”" if f.fix else "删除"},
                "artifactChanges": [{"artifactLocation": _artifact(f.path), "replacements": [
                    {"deletedRegion": _region(f), "insertedContent": {"text": f.fix}}]}],
            }]
        results.append(res)
    notifications = [{"level": "error", "message": {"text": e.message},
                      "locations": [{"physicalLocation": {"artifactLocation": _artifact(e.path)}}]}
                     for e in result.errors]
    notifications += [{"level": "error", "message": {"text": e.reason},
                       "associatedRule": {"id": e.rule.id},
                       "locations": [{"physicalLocation": {"artifactLocation": _artifact(e.path)}}]}
                      for e in result.failures]
    run = {
        "tool": {"driver": {"name": "reportlint", "version": __version__,
                            "semanticVersion": __version__, "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root().as_uri().rstrip("/") + "/"}},
        "invocations": [{"executionSuccessful": not result.errors and not result.failures,
                         "toolExecutionNotifications": notifications}],
        "results": results,
    }
    return json.dumps(deep_unsurrogate({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}),
                      ensure_ascii=False, indent=1) + "\n"
