"""JUnit XML: one <testsuite> per file, one failing <testcase> per finding (a clean file gets one
passing testcase), unreadable inputs and abandoned rules as <error>. Read by GitLab, Jenkins,
Azure Pipelines."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from reportlint.reporters.common import clean, location, message, posix


def render(result, ctx) -> str:
    by_file: dict[str, list] = defaultdict(list)
    order: list[str] = []

    def add(path, item):
        if path not in by_file:
            order.append(path)
        by_file[path].append(item)

    for f in result.findings:
        add(f.path, ("finding", f))
    for e in result.errors:
        add(e.path, ("error", e))
    for e in result.failures:
        add(e.path, ("failure", e))
    for path in result.documents:
        if path not in by_file:
            order.append(path)
            by_file[path] = []

    root = ET.Element("testsuites", name="reportlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path in order:
        items = by_file[path]
        name = clean(posix(path))
        suite = ET.SubElement(root, "testsuite", name=name)
        counts = {"tests": max(1, len(items)), "failures": 0, "errors": 0}
        if not items:
            ET.SubElement(suite, "testcase", name="reportlint", classname=name, time="0")
        for kind, item in items:
            if kind == "finding":
                f = item
                case = ET.SubElement(suite, "testcase", classname=name, time="0",
                                     name=clean(f"{f.rule} {f.line}:{f.column}"))
                where = location(result, f)
                body = f"{posix(f.path)}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.category}"
                if where:
                    body += f" {where}"
                el = ET.SubElement(case, "failure", type=f.rule, message=clean(message(result, f, ctx.lang)))
                el.text = clean(body)
                counts["failures"] += 1
            else:
                rule = item.rule.id if kind == "failure" else "input"
                case = ET.SubElement(suite, "testcase", classname=name, time="0", name=clean(rule))
                el = ET.SubElement(case, "error", type=rule,
                                   message=clean(item.reason if kind == "failure" else item.message))
                el.text = clean(str(item))
                counts["errors"] += 1
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
