"""GitLab Code Quality report: a JSON array of CodeClimate issues.

Each issue has description, check_name, fingerprint (unique in the report), severity
(info | minor | major | critical | blocker) and location.path + location.lines.begin.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter

from reportlint.reporters.common import deep_unsurrogate, fingerprint, marked_lines, message, posix

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(result, ctx) -> str:
    issues: list[dict] = []
    seen: Counter[str] = Counter()
    for f in result.findings:
        path = posix(f.path)
        base = f"{path}\0{f.rule}\0{fingerprint(result, f)}"
        seen[base] += 1            # identical findings in one file stay distinct
        digest = hashlib.md5(f"{base}\0{seen[base]}".encode("utf-8", "backslashreplace")).hexdigest()
        issues.append({
            "type": "issue",
            "check_name": f.rule,
            "description": message(result, f, ctx.lang),
            "categories": ["Style"],
            "fingerprint": digest,
            "severity": SEVERITIES[str(f.severity)],
            "location": {"path": path, "lines": dict(zip(("begin", "end"), marked_lines(f)))},
        })
    for e in result.errors:
        issues.append({
            "type": "issue", "check_name": "reportlint-input", "description": e.message,
            "categories": ["Bug Risk"], "severity": "critical",
            "fingerprint": hashlib.md5(f"{posix(e.path)}\0input".encode("utf-8", "backslashreplace")).hexdigest(),
            "location": {"path": posix(e.path), "lines": {"begin": 1}},
        })
    return json.dumps(deep_unsurrogate(issues), ensure_ascii=False, indent=1) + "\n"
