"""--fix and --diff: lint, apply unambiguous fixes, re-lint until nothing more is fixable.

Plain text is fixed in the text and written back with its encoding and line ends; a Word file
is fixed run by run inside the file (files/docx.py). Each round lints a new Document made with
`with_text` (or from the fixed paragraphs), so it carries the same references, year and unit.
"""
from __future__ import annotations

import difflib

from reportlint.files.reading import Stamp, is_converted, read_file, read_stdin
from reportlint.files.writing import replay_fixes, write_atomic
from reportlint.model.document import Document
from reportlint.model.errors import InputError
from reportlint.model.finding import Finding
from reportlint.model.messages import t
from reportlint.model.results import RunResult

MAX_PASSES = 10        # fixes can enable each other (a full-width mark makes the next one Chinese context)
MAX_WORD_PASSES = 4


Fix = tuple[int, int, str]      # replace [start, end) of the text with this


def choose_fixes(text: str, findings: list[Finding]) -> list[Fix]:
    """The fixes one pass applies: in order; overlapping ones after the first, and fixes that
    change nothing, are left for the next pass."""
    chosen: list[Fix] = []
    last = 0
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end)):
        if f.fix is None or f.start < last or text[f.start:f.end] == f.fix:
            continue
        chosen.append((f.start, f.end, f.fix))
        last = f.end
    return chosen


def replace_spans(text: str, fixes: list[Fix]) -> str:
    parts, last = [], 0
    for start, end, fix in fixes:
        parts += [text[last:start], fix]
        last = end
    return "".join(parts) + text[last:]


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, int]:
    """Replace each fixable span; overlapping fixes after the first are left for the next pass."""
    chosen = choose_fixes(text, findings)
    return replace_spans(text, chosen), len(chosen)


def unified_diff(before: str, after: str, path: str) -> str:
    """`diff -u` of two texts; a last line without a line end is marked as diff marks it."""
    def lines(text):
        out = text.splitlines(keepends=True)
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n\\ No newline at end of file\n"
        return out
    return "".join(difflib.unified_diff(lines(before), lines(after),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


def fix_document(linter, doc: Document, cfg):
    """(fixed document, findings left, failures, the fixes applied: one list per pass)."""
    passes: list[list[Fix]] = []
    for _ in range(MAX_PASSES):
        findings, failures = linter.lint_document(doc, cfg)
        chosen = choose_fixes(doc.source_text, findings)
        if not chosen:
            return doc, findings, failures, passes
        passes.append(chosen)
        doc = doc.with_text(replace_spans(doc.source_text, chosen))
    findings, failures = linter.lint_document(doc, cfg)
    return doc, findings, failures, passes


def fix_word(linter, path: str, data: bytes, original: Document, cfg, *, write: bool,
             diffs: list[str], stamp: Stamp | None, track: bool = False):
    """Apply fixes inside a Word file's runs (`track`: as tracked changes); returns (document,
    findings left, failures). A fix whose span crosses formatting or non-text content stays a
    finding, marked so."""
    from reportlint.files import docx
    if track:
        from reportlint.files.annotate import Annotator

    word = docx.open_docx(path, data, linter.lang)
    applied_total = 0
    for round_ in range(MAX_WORD_PASSES + 1):
        grids = docx.TableGrids()
        paras = docx.paragraphs(word, grids)
        doc = docx.document_of(path, paras, year=original.given_year, unit=original.given_unit,
                               references=original.references, grids=grids)
        findings, failures = linter.lint_document(doc, cfg)
        if round_ == MAX_WORD_PASSES:
            applied = 0
        elif track:
            applied = Annotator(word, paras).track_fixes(doc, findings)
        else:
            applied = docx.apply_fixes(doc, paras, findings)
        if not applied:
            break
        applied_total += applied
    note = t("word_not_fixable", linter.lang)
    findings = [f._replace(fix=None, message=f.message + note) if f.fix is not None else f
                for f in findings]
    if applied_total:
        if write:
            write_atomic(path, docx.save(word), expect=stamp, lang=linter.lang)
        else:
            diffs.append(unified_diff(original.source_text, doc.source_text, path))
    return doc, findings, failures


def _read(linter, path: str) -> tuple[bytes, Stamp | None]:
    if path == "-":
        return read_stdin(linter.lang), None
    return read_file(path, linter.lang)


def run_fix(linter, paths: list[str], write: bool,
            track: bool = False) -> tuple[RunResult, list[str], bytes | None]:
    """(result, diffs, the fixed text of standard input or None).

    Findings are reported where the draft stands after the fixes, the positions of the text
    that is written (--fix); --diff writes nothing, so it reports where the draft stands now,
    with the diff of what --fix would change."""
    result = RunResult()
    diffs: list[str] = []
    stdin_out: bytes | None = None
    for path, cfg in linter.targets(paths, result.errors):
        try:
            data, stamp = _read(linter, path)
            original = linter.load(path, cfg, data)
            if is_converted(path):              # .doc, .wps …: linted, never rewritten
                doc = original
                findings, failures = linter.lint_document(doc, cfg)
                note = t("converted_not_fixable", linter.lang)
                findings = [f._replace(fix=None, message=f.message + note) if f.fix is not None else f
                            for f in findings]
            elif path.lower().endswith(".docx"):
                doc, findings, failures = fix_word(linter, path, data, original, cfg, write=write,
                                                   diffs=diffs, stamp=stamp, track=track)
            else:
                doc, findings, failures, applied = fix_document(linter, original, cfg)
                if path == "-" and write:        # the fixed text goes to standard output
                    stdin_out = data
                    if applied:
                        stdin_out = _fixed_bytes(linter, "<stdin>", data, original, applied)
                elif applied and write:
                    write_atomic(path, _fixed_bytes(linter, path, data, original, applied), expect=stamp,
                                 lang=linter.lang)
                elif applied:
                    diffs.append(unified_diff(original.source_text, doc.source_text, path))
                if not write:      # nothing is written: positions in the draft as it is
                    doc = original
                    findings, failures = linter.lint_document(original, cfg)
        except InputError as exc:    # OutputError too: the file is left as it was
            result.errors.append(exc)
            continue
        result.files += 1
        result.findings.extend(findings)
        result.failures.extend(failures)
        result.documents[doc.path] = doc
    return result, diffs, stdin_out


def _fixed_bytes(linter, path: str, data: bytes, original: Document, passes: list[list[Fix]]) -> bytes:
    """The file's bytes with the fixes applied to its own text, line ends and all: no byte
    outside a fix changes. Refused when the text, written back unfixed, would not give the
    very bytes that were read (an encoding that does not round-trip)."""
    body = data[len(original.bom):]
    try:
        raw = body.decode(original.encoding)
        same = raw.encode(original.encoding) == body
    except (UnicodeError, LookupError):
        same = False
    if not same:
        raise InputError(path, t("fix_not_roundtrip", linter.lang, encoding=original.encoding))
    try:
        return original.bom + replay_fixes(raw, passes).encode(original.encoding)
    except UnicodeEncodeError:
        raise InputError(path, t("fix_unencodable", linter.lang, encoding=original.encoding)) from None
