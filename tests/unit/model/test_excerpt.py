"""Excerpts: what a long run keeps of each draft for the reporters. Every reporter but HTML gives
byte-identical output from excerpts and from whole documents (sequential and -j 2 runs)."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from helpers import ROOT
from reportlint.engine.linter import Linter
from reportlint.model.excerpt import Excerpt
from reportlint.reporters import get

FORMATS = ["text", "json", "sarif", "github", "gitlab", "junit"]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    for p in sorted((ROOT / "examples").glob("*.txt")):
        for i in range(3):                                    # enough files for -j 2
            shutil.copyfile(p, folder / f"{i}-{p.name}")
    (folder / "crlf.txt").write_bytes("杜绝个人意志专武独断。\r\n𠀀投资XX亿元。\r\n".encode())
    (folder / "traditional.txt").write_text("關於2024年法治政府建設情況的報告\n杜絕個人意志專武獨斷。\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("fmt", FORMATS)
def test_reporters_give_the_same_output_from_excerpts(drafts, fmt, jobs):
    def render(excerpts):
        result = Linter(isolated=True, select=["all"]).run([str(drafts)], keep_documents=True, jobs=jobs,
                                                           excerpts=excerpts)
        ctx = SimpleNamespace(color=False, show_source=True, lang="zh", statistics=False, rules={})
        return result, get(fmt).render(result, ctx)
    result, with_excerpts = render(True)
    assert all(isinstance(d, Excerpt) for d in result.documents.values())
    assert with_excerpts == render(False)[1]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("fmt, show_source", [("text", False), ("json", True), ("github", True), ("junit", True)])
def test_reporters_that_read_no_finding_text_need_only_places(drafts, fmt, show_source, jobs):
    """What `reportlint check` keeps for these formats (cli: finding_text=False)."""
    def render(**kw):
        result = Linter(isolated=True, select=["all"]).run([str(drafts)], keep_documents=True, jobs=jobs, **kw)
        ctx = SimpleNamespace(color=False, show_source=show_source, lang="zh", statistics=False, rules={})
        return result, get(fmt).render(result, ctx)
    result, thin = render(excerpts=True, finding_text=False)
    assert all(isinstance(d, Excerpt) and not d.lines._kept and not d.text._spans
               for d in result.documents.values())
    assert thin == render(excerpts=False)[1]


def test_an_excerpt_keeps_only_the_lines_of_its_findings(drafts):
    from reportlint.model.document import Document
    doc = Document("一\n二\n杜绝个人意志专武独断。\n四\n", "x.txt")
    findings = Linter(isolated=True, select=["misused-idioms"]).lint_document(doc)[0]
    ex = Excerpt.of(doc, findings)
    assert len(ex.lines) == len(doc.lines) and ex.lines[2] == doc.lines[2] and ex.lines[0] == ""
    f = findings[0]
    assert ex.text[f.start:f.end] == "专武独断" and len(ex.text) == len(doc.text)
    assert ex.where(1) is None
