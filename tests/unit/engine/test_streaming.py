"""A text or JSON report to a pipe is written file by file as the run goes (the run keeps only
counts): the same bytes, summary and exit code as the report built whole (-o FILE, a terminal)."""
from __future__ import annotations

import pytest

from helpers.rulepacks import invoke, placeholder_rule, typo_rule, write_pack
from reportlint.engine.check import run_check
from reportlint.engine.options import CheckOptions


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    write_pack(tmp_path / "pack", typo_rule({"布署": "部署"}), placeholder_rule())
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(40):                  # enough for workers; some clean, one unreadable
        text = f"第{i}段。\n" + ("布署到位，XX镇。\n" if i % 3 else "部署到位。\n") * (i % 4 + 1)
        (folder / f"d{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "d15.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", [[], ["--no-source"], ["--format", "json"]])
def test_streamed_report_is_the_report_built_whole(drafts, tmp_path, jobs, fmt):
    args = ["check", "--isolated", "--no-cache", "--pack", "pack", "-j", jobs, *fmt, "drafts"]
    code, out, err = invoke(args)                       # stdout is no terminal: streamed
    whole = tmp_path / "whole.txt"
    code_whole, out_whole, err_whole = invoke([*args, "-o", str(whole)])
    assert out_whole == ""
    assert out == whole.read_text(encoding="utf-8")
    assert (code, err) == (code_whole, err_whole) == (2, err)      # the empty draft: exit 2
    assert "d15.txt" in err
    assert out.index("d01.txt") < out.index("d02.txt") < out.index("d38.txt")


def test_a_streamed_run_keeps_counts_not_findings(drafts):
    opts = CheckOptions(paths=("drafts",), packs=("pack",), against=(), select=(), ignore=(),
                        isolated=True, no_cache=True, jobs=2)
    taken: list = []
    streamed = run_check(opts, sink=lambda findings, draft: taken.append((findings, draft)))
    kept = run_check(opts)
    assert streamed.result.findings == [] and streamed.result.documents == {}
    assert [f for findings, _ in taken for f in findings] == kept.result.findings
    assert streamed.result.summary() == kept.result.summary()
    assert streamed.exit_code == kept.exit_code == 2


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_streamed_run_without_findings(drafts, tmp_path, fmt):
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "a.txt").write_text("部署到位。\n", encoding="utf-8")
    for where in ("clean", "clean/a.txt", "no-such.txt"):
        args = ["check", "--isolated", "--no-cache", "--pack", "pack", "--format", fmt, where]
        streamed = invoke(args)
        whole = tmp_path / "whole.txt"
        code, out, err = invoke([*args, "-o", str(whole)])
        assert out == ""
        assert streamed == (code, whole.read_text(encoding="utf-8"), err), where
