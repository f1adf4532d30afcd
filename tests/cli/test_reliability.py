"""Bad-input matrix: every broken input gets a clear message naming the file (and the YAML line),
exit 2 where the run cannot be trusted, the other files are still linted, and never a traceback.

The CLI runs in-process (click's CliRunner); a test fails if any exception other than SystemExit
escapes. A user pack with one fixable rule keeps these tests independent of the built-in packs.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.rulepacks import write_pack
from reportlint.cli import cli
from reportlint.engine import linter as engine
from reportlint.files.reading import MAX_BYTES
from reportlint.kinds import patterns

GOOD = "关于2024年法治政府建设情况的报告\n\n一、主要工作\n开展行政检查114次，设施行政处罚6次。\n"
GOOD_POS = "4:12"          # where the user pack's rule fires in GOOD
RULE = """\
id: misused-shishi-test
kind: pattern
category: typo
severity: error
message: "疑似错别字：“{found}”应为“实施{object}”"
description: 测试用规则。
why: 测试用。
patterns: ["设施(?P<object>行政处罚)"]
exceptions: ["公共设施行政处罚"]
replacement: "实施\\\\g<object>"
examples:
  bad: ["设施行政处罚6次。"]
  good: ["实施行政处罚6次。"]
"""


@pytest.fixture
def pack(tmp_path):
    return write_pack(tmp_path / "pack", RULE)


@pytest.fixture
def good(tmp_path):
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


def run(*args):
    """(exit code, stdout, stderr) of `reportlint ARGS` run in-process; no traceback allowed."""
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-source", *map(str, args)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback
        raise AssertionError("".join(traceback.format_exception(result.exception)))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def positions(stdout: str, path) -> list[str]:
    return re.findall(re.escape(str(path)) + r":(\d+:\d+): ", stdout)


def assert_still_linted(stdout, good):
    assert positions(stdout, good) == [GOOD_POS], stdout


# ---- inputs that are not drafts: skipped with a message, exit 2, the rest still linted ------
@pytest.mark.parametrize("name, data, message", [
    ("binary.txt", bytes(range(256)) * 20, "不是文本文件"),
    ("empty.txt", b"", "文件为空"),
    ("blank.txt", " \n\t\u3000\r\n\n".encode(), "文件只有空白字符"),
])
def test_unlintable_file_is_named_and_others_still_linted(tmp_path, pack, good, name, data, message):
    bad = tmp_path / name
    bad.write_bytes(data)
    code, out, err = run("--pack", pack, bad, good)
    assert code == 2
    assert f"{bad}: {message}" in err
    assert_still_linted(out, good)


def test_binary_file_with_text_suffix_found_in_a_folder(tmp_path, pack):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500))
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    code, out, err = run("--pack", pack, folder)
    assert code == 2
    assert f"{folder / 'a.txt'}: 不是文本文件" in err
    assert positions(out, folder / "b.txt") == [GOOD_POS]


# ---- encodings and line ends: same findings at the same places ------------------------------
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_other_encodings_give_the_same_findings(tmp_path, pack, encoding):
    longer = GOOD + "依法全面履行政府职能，推进严格规范公正文明执法。\n" * 20
    p = tmp_path / f"{encoding}.txt"
    p.write_bytes(longer.encode(encoding))
    code, out, err = run("--pack", pack, p)
    assert (code, err) == (1, "")
    assert positions(out, p) == [GOOD_POS]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(tmp_path, pack, newline):
    p = tmp_path / "draft.txt"
    p.write_bytes(GOOD.replace("\n", newline).encode("utf-8"))
    code, out, err = run("--pack", pack, p)
    assert (code, err) == (1, "")
    assert positions(out, p) == [GOOD_POS]
    # --fix keeps every line end as it was
    code, out, err = run("--pack", pack, "--fix", p)
    assert err == "" and code == 0
    assert p.read_bytes() == GOOD.replace("设施", "实施").replace("\n", newline).encode("utf-8")


def test_mixed_line_ends_survive_fix(tmp_path, pack):
    p = tmp_path / "draft.txt"
    raw = GOOD.replace("\n", "\r\n", 2).encode("gb18030")
    p.write_bytes(raw)
    code, _, err = run("--pack", pack, "--fix", p)
    assert (code, err) == (0, "")
    assert p.read_bytes() == raw.replace("设施".encode("gb18030"), "实施".encode("gb18030"))


# ---- size -----------------------------------------------------------------------------------
def test_100_mb_file_is_refused_with_its_size(tmp_path, pack, good):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:          # sparse: costs no disk, the size check comes first
        fh.truncate(100 * 2**20 + 1)
    code, out, err = run("--pack", pack, big, good)
    assert code == 2
    assert f"{big}: 文件过大（100 MB，上限 {MAX_BYTES // 2**20} MB），已跳过" in err
    assert_still_linted(out, good)


def test_very_long_line_is_linted_completely(tmp_path, pack):
    """One 1.2-million-character line with 100,000 hits: no rule gives up, every hit is found."""
    p = tmp_path / "long.txt"
    p.write_text("设施行政处罚，" * 100_000 + "\n", encoding="utf-8")
    code, out, err = run("--pack", pack, "--format", "json", p)
    assert err == "" and code == 1
    import json
    found = json.loads(out)
    found = found["findings"] if isinstance(found, dict) else found
    assert len(found) == 100_000
    assert found[-1]["column"] == 7 * 99_999 + 1


# ---- broken rule packs: file:line:col, exit 2, nothing linted with a half-loaded pack --------
def _pack_with(tmp_path, name: str, text: str) -> Path:
    d = tmp_path / "badpack"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return d


@pytest.mark.parametrize("text, line, words", [
    (RULE.replace("why: 测试用。", "why: 测试: 用"), 7, "invalid YAML: mapping values are not allowed"),
    (RULE.replace("severity: error", "severity: error\ncategory: format"), 5, "duplicate key 'category'"),
    (RULE.replace("kind: pattern", "kind: patern"), 2, "unknown kind 'patern' (did you mean 'pattern'?)"),
    (RULE.replace('patterns: ["设施(?P<object>行政处罚)"]', 'patterns: ["设施(?P<object>行政处罚"]'), 8,
     "bad regular expression"),
    (RULE.replace("kind: pattern", "kind: !!python/object/apply:os.system ['echo pwned']"), 2,
     "invalid YAML"),
])
def test_broken_rule_file_is_reported_at_its_line(tmp_path, good, text, line, words):
    d = _pack_with(tmp_path, "misused-shishi-test.yaml", text)
    code, out, err = run("--pack", d, good)
    assert code == 2
    assert out == ""
    where = f"{d / 'misused-shishi-test.yaml'}:{line}:"
    assert any(ln.startswith(f"reportlint: {where}") and words in ln for ln in err.splitlines()), err


def test_every_broken_rule_file_is_reported_not_just_the_first(tmp_path, good):
    d = _pack_with(tmp_path, "misused-shishi-test.yaml", RULE.replace("kind: pattern", "kind: patern"))
    (d / "other-rule.yaml").write_text("id: other-rule\nkind: a: b\n", encoding="utf-8")
    code, _, err = run("--pack", d, good)
    assert code == 2
    assert "misused-shishi-test.yaml:2:" in err and "other-rule.yaml:2:" in err


def test_missing_pack_folder(tmp_path, good):
    code, out, err = run("--pack", tmp_path / "nope", good)
    assert code == 2 and out == ""
    assert "nope" in err and "no such rule pack" in err


# ---- catastrophic regex in a user pack: abandoned on that file only, named, exit 2 ----------
def test_catastrophic_regex_is_abandoned_and_named(tmp_path, pack, good, monkeypatch):
    monkeypatch.setattr(patterns, "TIMEOUT", 0.3)
    rule = RULE.replace("misused-shishi-test", "runaway-pattern").replace(
        'patterns: ["设施(?P<object>行政处罚)"]', 'patterns: ["(?P<object>(a|aa)+)+$"]')
    (pack / "runaway-pattern.yaml").write_text(
        rule.replace('bad: ["设施行政处罚6次。"]', 'bad: ["aaa"]'), encoding="utf-8")
    slow = tmp_path / "slow.txt"
    slow.write_text(GOOD + "a" * 60 + "!\n", encoding="utf-8")
    code, out, err = run("--pack", pack, slow, good)
    assert code == 2
    assert re.search(rf"{re.escape(str(slow))}: rule runaway-pattern \(.*runaway-pattern\.yaml:1:1\) "
                     r"abandoned: pattern took too long", err), err
    # the other rule still ran on the slow file, and both rules on the good one
    assert positions(out, slow) == [GOOD_POS]
    assert_still_linted(out, good)


# ---- the file system changes under us ------------------------------------------------------
def test_file_deleted_between_discovery_and_reading(tmp_path, pack, good, monkeypatch):
    folder = tmp_path / "drafts"
    folder.mkdir()
    doomed = folder / "a.txt"
    doomed.write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    real = engine.discover

    def discover_then_delete(*args, **kwargs):
        found = real(*args, **kwargs)
        doomed.unlink()
        return found

    monkeypatch.setattr(engine, "discover", discover_then_delete)
    code, out, err = run("--pack", pack, folder)
    assert code == 2
    assert f"{doomed}: 文件不存在" in err
    assert positions(out, folder / "b.txt") == [GOOD_POS]


def test_unreadable_directory(tmp_path, pack, good, monkeypatch):
    folder = tmp_path / "drafts"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    (locked / "x.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):       # root reads anything: make scandir fail as it would
        real = os.scandir

        def scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)
        monkeypatch.setattr(os, "scandir", scandir)
    try:
        code, out, err = run("--pack", pack, folder)
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert f"{locked}: 无法读取目录：Permission denied" in err
    assert positions(out, folder / "b.txt") == [GOOD_POS]


def test_unreadable_file(tmp_path, pack, good, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_text(GOOD, encoding="utf-8")
    real = os.open

    def guarded(file, *a, **k):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, *a, **k)
    monkeypatch.setattr("os.open", guarded)
    code, out, err = run("--pack", pack, p, good)
    assert code == 2
    assert f"{p}: 无法读取：Permission denied" in err
    assert_still_linted(out, good)


def test_missing_file_named_on_the_command_line(tmp_path, pack, good):
    code, out, err = run("--pack", pack, tmp_path / "gone.txt", good)
    assert code == 2
    assert f"{tmp_path / 'gone.txt'}: 文件不存在" in err
    assert_still_linted(out, good)


# ---- a real process: nothing escapes as a traceback ------------------------------------------
def test_real_process_prints_no_traceback(tmp_path, pack, good):
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    exe = Path(sys.executable).with_name("reportlint")
    proc = subprocess.run([str(exe), "--isolated", "--pack", str(pack),
                           str(tmp_path / "bin.txt"), str(tmp_path / "empty.txt"),
                           str(tmp_path / "none.txt"), str(good)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len([ln for ln in proc.stderr.splitlines() if ln.startswith("reportlint: ")]) == 3
    assert f"{good}:{GOOD_POS}:" in proc.stdout


def test_pattern_timeout_bills_only_the_regex_not_the_caller(monkeypatch):
    """`regex` counts CPU time from the iterator's creation; slow work per hit is not a runaway regex."""
    import time
    monkeypatch.setattr(patterns, "TIMEOUT", 0.2)
    rx = patterns.compile_pattern("设施")
    seen = 0
    for _ in patterns.finditer(rx, "设施" * 5):
        t0 = time.process_time()
        while time.process_time() - t0 < 0.1:
            pass
        seen += 1
    assert seen == 5


def test_a_crashing_kind_is_reported_and_the_rest_still_runs(tmp_path, pack, good, monkeypatch):
    """A bug in one kind becomes a named failure (exit 2), not a traceback that stops the run."""
    from reportlint.kinds import substitution

    def broken(rule, state, doc):
        raise ValueError("boom")
        yield
    monkeypatch.setattr(substitution, "check", broken)
    (pack / "broken-terms.yaml").write_text(
        RULE.replace("misused-shishi-test", "broken-terms").replace("kind: pattern", "kind: substitution")
        .replace('patterns: ["设施(?P<object>行政处罚)"]', "swap: {设施: 实施}").replace(
            'exceptions: ["公共设施行政处罚"]\nreplacement: "实施\\\\g<object>"\n', "")
        .replace("“实施{object}”", "“{expected}”"), encoding="utf-8")
    code, out, err = run("--pack", pack, good)
    assert code == 2
    assert re.search(rf"{re.escape(str(good))}: rule broken-terms \(.*\) abandoned: internal error in kind "
                     r"'substitution' \(.*test_reliability.py:\d+\): ValueError: boom", err), err
    assert_still_linted(out, good)


def test_every_builtin_rule_survives_a_very_long_line():
    """All built-in rules on one 84,000-character line with 8,000 hits: no rule gives up."""
    from reportlint.engine.linter import Linter
    from reportlint.model.document import Document
    line = "二〇二四年，我镇设施行政处罚6次，专武独断（一）一是 法 治 政府建设XX镇……" * 2000
    linter = Linter(isolated=True, select=["all"])
    findings, failures = linter.lint_document(Document(line + "\n", "long.txt"))
    assert failures == []
    assert {f.rule for f in findings} >= {"misused-shishi", "misused-idioms"}


def test_kept_documents_hold_no_analyses(tmp_path, pack):
    """Reporters get text and lines; the parsed structure and the rules' caches are let go."""
    import gc
    import weakref

    from reportlint.engine.linter import Linter
    p = tmp_path / "a.txt"
    p.write_text(GOOD * 3, encoding="utf-8")
    linter = Linter(isolated=True, packs=[str(pack)])
    analysed = []
    real = linter.lint_document

    def spy(doc, cfg=None):
        analysed.append(weakref.ref(doc))
        _ = doc.paragraphs, doc.headings   # what kinds typically build
        return real(doc, cfg)
    linter.lint_document = spy
    result = linter.run([str(p)], keep_documents=True)
    kept = result.documents[str(p)]
    gc.collect()
    assert analysed[0]() is None                                  # the analysed object is gone
    assert "paragraphs" not in vars(kept) and "headings" not in vars(kept)
    assert kept.lines == (GOOD * 3).split("\n") and kept.text == GOOD * 3
    assert kept.pos(len(GOOD)) == (5, 1)
