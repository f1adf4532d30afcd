"""Properties that hold for any input (hypothesis), with every built-in rule on.

- linting never raises on any Unicode text, and no rule gives up on it;
- every finding's span lies inside the (line-end normalised) text and agrees with its line/column;
- output is deterministic: the same text gives the same findings, in a fresh linter too;
- --fix never changes a byte outside the spans it fixes (encoding, BOM and line ends survive).

The texts mix random Unicode with the rules' own `bad` examples (so fixes really happen),
report furniture (headings, dates, numbers) and every kind of line end.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from helpers.drafts import SETTINGS, drafts
from reportlint.engine.fixing import _fixed_bytes, fix_document
from reportlint.engine.linter import Linter
from reportlint.files.reading import read_document
from reportlint.model.document import Document

LINTER = Linter(isolated=True, select=["all"])


def lint(text: str, path: str = "draft.txt"):
    doc = Document(text, path)
    findings, failures = LINTER.lint_document(doc)
    return doc, findings, failures


@SETTINGS
@given(st.one_of(drafts, st.text()), st.sampled_from(["draft.txt", "draft.md"]))
def test_never_raises_and_spans_lie_inside_the_text(text, path):
    doc, findings, failures = lint(text, path)
    assert failures == []
    n = len(doc.text)
    for f in findings:
        assert 0 <= f.start <= f.end <= n, f
        assert (f.line, f.column) == doc.pos(f.start), f
        assert (f.end_line, f.end_column) == doc.pos(f.end), f
        assert 1 <= f.line <= len(doc.lines)
        unfilled = [x for x in re.findall(r"\{[a-z_]+\}", f.message) if x not in doc.text]
        assert f.message and not unfilled, f.message


@SETTINGS
@given(drafts)
def test_output_is_deterministic(text):
    _, first, _ = lint(text)
    _, again, _ = lint(text)
    assert first == again
    fresh = Linter(isolated=True, select=["all"]).lint_text(text, "draft.txt")
    assert fresh == first


MIXED_ENDS = st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=8)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@SETTINGS
@given(text=drafts, ends=MIXED_ENDS)
@example(text="一、主要工作\n堅持學習習近平新時代中國特色社會主義思想。\n全年共辦理行政複議案件3件。", ends=["\n"])
def test_fix_changes_no_byte_outside_the_fixes(encoding, text, ends):
    """Every pass of every fixable rule, on text with mixed CRLF/LF/CR line ends: the bytes
    written are the bytes read with only the fixed spans replaced (fixes that join lines too)."""
    text = _mix_line_ends(text, ends)
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return                                  # not representable in this encoding
    if not text.strip():
        return
    try:
        doc = read_document("draft.txt", raw)
    except Exception as exc:
        assert type(exc).__name__ == "InputError", exc
        return
    fixed, _, _, passes = fix_document(LINTER, doc, None)
    out = _fixed_bytes(LINTER, "draft.txt", raw, doc, passes)
    # expected, pass by pass: the raw text with only the fixed spans replaced
    expected = raw[len(doc.bom):].decode(doc.encoding)
    current = doc
    for fixes in passes:
        expected = _replace_raw(expected, current, fixes)
        current = current.with_text(_replace(current.source_text, fixes))
    assert current.source_text == fixed.source_text
    assert out == doc.bom + expected.encode(doc.encoding)


def _mix_line_ends(text: str, ends: list[str]) -> str:
    lines = re.split(r"\r\n|\r|\n", text)
    return "".join(line + ends[i % len(ends)] for i, line in enumerate(lines[:-1])) + lines[-1]


def _replace(text, applied):
    parts, last = [], 0
    for s, e, fix in applied:
        parts += [text[last:s], fix]
        last = e
    return "".join(parts) + text[last:]


def _replace_raw(raw: str, doc: Document, applied):
    """Apply fixes given in normalised offsets to the raw text (whose \r\n count as one), by
    walking it character by character (the oracle for files/writing.replay_fixes)."""
    to_raw, i = [], 0
    for ch_index in range(len(doc.source_text) + 1):
        to_raw.append(i)
        if ch_index < len(doc.source_text):
            i += 2 if raw.startswith("\r\n", i) else 1
    from collections import Counter
    ends = Counter(re.findall(r"\r\n|\r|\n", raw))
    common = ends.most_common(1)[0][0] if ends else "\n"     # the most common, first seen on a tie
    return _replace(raw, [(to_raw[s], to_raw[e], fix.replace("\n", common)) for s, e, fix in applied])
