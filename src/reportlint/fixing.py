"""--fix and --diff: lint, apply unambiguous fixes, re-lint until nothing more is fixable."""
from __future__ import annotations

import difflib

from .document import Document
from .engine import InputError, Linter, RunResult
from .fixes import apply_fixes, to_bytes, write_atomic

MAX_PASSES = 10   # fixes can enable each other (a full-width mark makes the next one Chinese context)


def unified_diff(before: str, after: str, path: str) -> str:
    """`diff -u` of two texts; a last line without a line end is marked as diff marks it."""
    def lines(text):
        out = text.splitlines(keepends=True)
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n\\ No newline at end of file\n"
        return out
    return "".join(difflib.unified_diff(lines(before), lines(after),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


def fix_document(linter: Linter, doc: Document, cfg):
    """(fixed document, findings left, failures, number of fixes applied)."""
    applied_total = 0
    for _ in range(MAX_PASSES):
        findings, failures = linter.lint_document(doc, cfg)
        new_text, applied = apply_fixes(doc.text, findings)
        if not applied or new_text == doc.text:
            return doc, findings, failures, applied_total
        applied_total += applied
        fixed = Document(new_text, doc.path, encoding=doc.encoding, bom=doc.bom,
                         markdown=doc.markdown, year=doc._year_override, unit=doc._unit_override)
        if len(new_text.split("\n")) == len(doc.lines):
            fixed.line_ends = doc.line_ends
        doc = fixed
    findings, failures = linter.lint_document(doc, cfg)
    return doc, findings, failures, applied_total


def run_fix(linter: Linter, paths: list[str], write: bool) -> tuple[RunResult, list[str]]:
    result = RunResult()
    diffs: list[str] = []
    for path, cfg in linter.targets(paths, result.errors):
        result.files += 1
        try:
            original = linter.load(path, cfg)
        except InputError as exc:
            result.errors.append(exc)
            continue
        if path.lower().endswith(".docx"):
            from .docx_reader import fix_docx  # Word files are fixed run by run
            doc, findings, failures = fix_docx(linter, path, original, cfg, write=write, diffs=diffs)
        else:
            doc, findings, failures, applied = fix_document(linter, original, cfg)
            if applied and write and path != "-":
                try:
                    data = to_bytes(original, doc.text)
                except UnicodeEncodeError:
                    result.errors.append(InputError(path, f"修复后的文字无法按原编码 {original.encoding} "
                                                          "保存，文件未改动"))
                    continue
                write_atomic(path, data)
            elif applied and not write:
                diffs.append(unified_diff(original.text, doc.text, path))
        result.findings.extend(findings)
        result.failures.extend(failures)
        result.documents[doc.path] = doc
    return result, diffs
