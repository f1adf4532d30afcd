"""--annotate: lint each draft and write DRAFT.reviewed.docx beside it (or into --annotate-dir)
with one Word comment per finding. The draft itself is only read.

A .docx is annotated as it is; a .doc/.wps/.odt … as LibreOffice converted it; a text draft
becomes a new Word file with one paragraph per line, so positions stay the same.
"""
from __future__ import annotations

import os

from reportlint.engine.linter import for_reports
from reportlint.files.writing import write_atomic
from reportlint.model.errors import InputError
from reportlint.model.messages import t
from reportlint.model.results import RunResult

REVIEWED = ".reviewed.docx"


def reviewed_path(path: str, out_dir: str | None) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    return os.path.join(out_dir if out_dir else os.path.dirname(path), stem + REVIEWED)


def reviewed_docx(linter, doc, word, findings) -> bytes:
    """The reviewed Word file: `word` (or, for a text draft, a new one) with the comments."""
    from reportlint.files import annotate, docx
    if word is None:
        word = annotate.word_of_lines(doc.lines)
    annotate.annotate(word, findings, linter.lang)
    return docx.save(word)


def annotated_bytes(linter, path: str, cfg) -> tuple:
    """(Document, findings, failures, reviewed .docx bytes) of one draft."""
    doc, word = linter.load_word(path, cfg)
    findings, failures = linter.lint_document(doc, cfg)
    return doc, findings, failures, reviewed_docx(linter, doc, word, findings)


def run_annotate(linter, paths: list[str], out_dir: str | None) -> tuple[RunResult, list[str]]:
    """The run's result and one line per reviewed file written."""
    result = RunResult()
    written: list[str] = []
    for path, cfg in linter.targets(paths, result.errors):
        if path.lower().endswith(REVIEWED) and path not in paths:
            continue                          # our own output, found again in a walked folder
        result.files += 1
        try:
            if path == "-":
                raise InputError("<stdin>", t("annotate_stdin", linter.lang))
            doc, findings, failures, data = annotated_bytes(linter, path, cfg)
            out = reviewed_path(path, out_dir)
            if out_dir:
                os.makedirs(out_dir, exist_ok=True)
            write_atomic(out, data, lang=linter.lang)
        except InputError as exc:
            result.errors.append(exc)
            continue
        except OSError as exc:
            result.errors.append(InputError(path, t("unreadable", linter.lang, detail=str(exc))))
            continue
        written.append(t("annotated", linter.lang, path=out, n=len(findings)))
        result.findings.extend(findings)
        result.failures.extend(failures)
        result.documents[doc.path] = for_reports(doc)
    return result, written
