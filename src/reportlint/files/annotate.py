"""Findings written back into a Word file: review comments (批注) and fixes as tracked changes (修订).

A comment is anchored on exactly the characters a finding is about: the runs around them are
split where the span begins and ends (each part keeps the run's formatting), and
`w:commentRangeStart` / `w:commentRangeEnd` go around the runs in between. A finding whose span
is empty or lies outside any text (a list number Word draws itself, an empty paragraph) is
anchored on its whole paragraph. Everything is done on a copy opened from the file's bytes:
the original file is never written.

A tracked fix wraps the runs of the replaced text in `w:del` (their `w:t` become `w:delText`)
and puts the replacement, with the first run's formatting, in a `w:ins` after them; both carry
author "reportlint", so the clerk accepts or rejects each one in Word or WPS.
"""
from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from reportlint.files.docx import W, _Para, _Piece, _set, fixes_in_runs, paragraphs

AUTHOR = "reportlint"
INITIALS = "RL"


def _new(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    return OxmlElement(tag, attrs={W + k: v for k, v in attrs.items()})


def _move_tail(para: _Para, run, first) -> None:
    """Move `first` and everything after it in `run` into a new run (same formatting) after it."""
    new = _new("w:r")
    for k, v in run.attrib.items():
        new.set(k, v)
    rpr = run.find(W + "rPr")
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    for el in [first, *first.itersiblings()]:
        new.append(el)
    run.addnext(new)
    for p in para.pieces:
        if p.el.getparent() is new:  # type: ignore[attr-defined]
            p.run = new


def _has_content_before(el) -> bool:
    return any(sib.tag != W + "rPr" for sib in el.itersiblings(preceding=True))


def cut(para: _Para, k: int) -> None:
    """Make offset k of the paragraph's text a run boundary (no-op where it already is one)."""
    for i, p in enumerate(para.pieces):
        el: Any = p.el
        if p.start < k < p.end:
            text = el.text or ""
            tail = _new("w:t")
            _set(tail, text[k - p.start:])
            _set(el, text[:k - p.start])
            el.addnext(tail)
            para.pieces.insert(i + 1, _Piece(k, p.end, tail, p.run))
            p.end = k
            _move_tail(para, p.run, tail)
            return
    for p in para.pieces:
        el = p.el
        if p.end == k and p.start < p.end and el.getnext() is not None:
            _move_tail(para, p.run, el.getnext())
        if p.start == k and p.start < p.end and _has_content_before(el):
            _move_tail(para, p.run, el)


def _runs(para: _Para, a: int, b: int) -> list:
    """The runs holding [a, b) of the paragraph, after cutting there; [] if no text is there."""
    cut(para, a)
    cut(para, b)
    out: list = []
    for p in para.pieces:
        if p.start >= a and p.end <= b and p.start < p.end and (not out or out[-1] is not p.run):
            out.append(p.run)
    return out


def _whole(para: _Para) -> list:
    """Every text run of the paragraph, or a new empty run when it has none."""
    runs = [p.run for p in para.pieces if p.start < p.end]
    if runs:
        return [runs[0], runs[-1]]
    run = _new("w:r")
    p_el: Any = para.el
    p_el.append(run)
    return [run]


class Annotator:
    """One Word file opened from bytes, its paragraphs = the lines of the linted Document."""

    def __init__(self, word, paras: list[_Para] | None = None):
        self.word = word
        self.paras = paragraphs(word) if paras is None else paras
        self.next_id = _max_id(word.element.body) + 1
        self.now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _anchor(self, f) -> tuple:
        """(first run, last run) of the characters finding `f` is about."""
        l1, l2 = f.line - 1, max(f.end_line, f.line) - 1
        a, b = f.column - 1, f.end_column - 1
        if l1 >= len(self.paras):
            l1 = l2 = len(self.paras) - 1
            a, b = 0, len(self.paras[l1].text)
        l2 = min(l2, len(self.paras) - 1)
        while l2 > l1 and b <= 0:                # a span that ends with a line end: up to it
            l2 -= 1
            b = len(self.paras[l2].text)
        if l1 == l2 and a >= b:                   # a point: the character after it, or before it
            a, b = (a, a + 1) if a < len(self.paras[l1].text) else (max(a - 1, 0), a)
        if l1 == l2:
            runs = _runs(self.paras[l1], a, b)
        else:
            head = _runs(self.paras[l1], a, len(self.paras[l1].text))
            tail = _runs(self.paras[l2], 0, b)
            runs = [head[0], tail[-1]] if head and tail else []
        if not runs:
            runs = _whole(self.paras[l1])
        return runs[0], runs[-1]

    def comment(self, f, text: str) -> None:
        from docx.text.run import Run
        first, last = self._anchor(f)
        comment = self.word.add_comment([Run(first, None), Run(last, None)], text=text,  # type: ignore[arg-type]
                                        author=AUTHOR, initials=INITIALS)
        # the reference mark belongs to the paragraph itself, not to an insertion or a link
        end = next(el for el in self.word.element.body.iter(W + "commentRangeEnd")
                   if el.get(W + "id") == str(comment.comment_id))
        ref = end.getnext()
        host = ref.getparent()
        while host is not None and host.tag != W + "p":
            host.addnext(ref)
            host = ref.getparent()

    def track_fixes(self, doc, findings) -> int:
        """Apply the fixable findings as tracked changes, right to left; returns how many."""
        chosen = fixes_in_runs(doc, self.paras, findings)
        for i, a, b, fix, _ in reversed(chosen):
            self._track(self.paras[i], a, b, fix)
        return len(chosen)

    def _revision(self, tag: str):
        el = _new(tag, id=str(self.next_id), author=AUTHOR, date=self.now)
        self.next_id += 1
        return el

    def _track(self, para: _Para, a: int, b: int, fix: str) -> None:
        runs = _runs(para, a, b) if a < b else []
        if runs:
            model, after = runs[0], runs[-1]
            for run in runs:
                wrapper = self._revision("w:del")
                run.addprevious(wrapper)
                wrapper.append(run)
                for t_el in run.iter(W + "t"):
                    t_el.tag = W + "delText"
            after = after.getparent()
        else:                                     # a pure insertion at offset a
            cut(para, a)
            before = [p for p in para.pieces if p.end == a and p.start < p.end]
            at = [p for p in para.pieces if p.start == a and p.start < p.end]
            model = (before or at)[0].run
            after = model if before else None
        if fix:
            ins = self._revision("w:ins")
            run = _new("w:r")
            rpr = model.find(W + "rPr")
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            t_el = _new("w:t")
            _set(t_el, fix)
            run.append(t_el)
            ins.append(run)
            if after is not None:
                after.addnext(ins)
            else:
                model.addprevious(ins)


def _max_id(body) -> int:
    ids = [int(v) for el in body.iter() if (v := el.get(W + "id")) is not None and v.isdigit()]
    return max(ids, default=0)


def comment_text(f, lang: str = "zh") -> str:
    """Message, suggestion and rule id, one per line of the comment."""
    from reportlint.model.messages import t
    lines = [f.message]
    if f.suggestion:
        lines.append(t("suggest", lang, s=f.suggestion))
    lines.append(f"［{f.rule}］")
    return "\n".join(lines)


def annotate(word, findings, lang: str = "zh") -> int:
    """Add one comment per finding to the open Word file; returns how many."""
    annotator = Annotator(word)
    for f in sorted(findings, key=lambda f: (f.line, f.column, f.rule)):
        annotator.comment(f, comment_text(f, lang))
    return len(findings)


def word_of_lines(lines: list[str]):
    """A new Word file with one paragraph per line (a text draft, so that it can carry comments)."""
    import docx
    word = docx.Document()
    body = word.element.body
    for p in list(body.iter(W + "p")):
        body.remove(p)
    for line in lines:
        word.add_paragraph(line)
    return word


