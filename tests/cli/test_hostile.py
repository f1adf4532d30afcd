"""Hostile input (issue 19): every case of the trial, through the CLI, as a table where the
cases share a shape. The gate never lies: a clear message naming the file, exit 2, the other
files still linted, no traceback, no hang, no silent pass, no byte changed outside a fix.

Cases that could hang run in a subprocess with a timeout; the others in-process (run()).
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.rulepacks import write_pack
from reportlint.cli import cli as reportlint_cli

GOOD = "关于2024年法治政府建设情况的报告\n\n一、主要工作\n开展行政检查114次，设施行政处罚6次。\n"
GOOD_POS = "4:12"          # where the pack's rule fires in GOOD
RULE = """\
id: misused-shishi-test
kind: pattern
category: typo
severity: error
message: "疑似错别字：“{found}”应为“实施{object}”"
description: 测试用规则。
why: 测试用。
patterns: ["设施(?P<object>行政处罚)"]
replacement: "实施\\\\g<object>"
examples:
  bad: ["设施行政处罚6次。"]
  good: ["实施行政处罚6次。"]
"""


def run(*args):
    """(exit code, stdout, stderr) of `reportlint check --isolated --no-source ARGS`, in-process."""
    result = CliRunner().invoke(reportlint_cli, ["check", "--isolated", "--no-source", *map(str, args)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback
        raise AssertionError("".join(traceback.format_exception(result.exception)))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def assert_still_linted(stdout, good):
    assert f"{good}:{GOOD_POS}: " in stdout, stdout

HANG = 60      # seconds: any case that takes this long has hung


@pytest.fixture
def pack(tmp_path):
    return write_pack(tmp_path / "pack", RULE)


@pytest.fixture
def good(tmp_path):
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


def cli(*args, cwd=None, stdin=subprocess.DEVNULL, timeout=HANG, stdout=subprocess.PIPE):
    """`python -m reportlint.cli ARGS` in a subprocess: (exit code, stdout, stderr)."""
    proc = subprocess.run([sys.executable, "-m", "reportlint.cli", *map(str, args)], cwd=cwd,
                          stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout)
    out = proc.stdout.decode("utf-8", "replace") if proc.stdout is not None else ""
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


# ---- inputs that are not regular files: refused from their stat, never opened -----------------
@pytest.mark.parametrize("where", ["argument", "folder", "pack", "against"])
def test_named_pipe_anywhere_is_refused_without_hanging(tmp_path, pack, good, where):
    fifo_dir = tmp_path / "drafts"
    fifo_dir.mkdir()
    args = ["check", "--isolated", "--no-source", "--pack", pack, good]
    if where == "argument":
        os.mkfifo(fifo := tmp_path / "pipe.txt")
        args.append(fifo)
    elif where == "folder":
        os.mkfifo(fifo := fifo_dir / "pipe.txt")
        args.append(fifo_dir)
    elif where == "pack":
        os.mkfifo(fifo := pack / "pipe.yaml")
    else:
        os.mkfifo(fifo := fifo_dir / "pipe.txt")
        args += ["--against", fifo_dir]
    code, out, err = cli(*args)
    assert code == 2
    assert (str(fifo) in err and "named pipe" in err) or "不是普通文件" in err, err
    if where != "pack":                     # a broken pack stops the run; a bad input does not
        assert_still_linted(out, good)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "link"])
def test_a_device_as_a_draft_is_refused(tmp_path, pack, good, device):
    if device == "link":
        os.symlink("/dev/zero", device := tmp_path / "zero.txt")
    code, out, err = cli("check", "--isolated", "--no-source", "--pack", pack, device, good)
    assert code == 2 and "不是普通文件（character device）" in err
    assert_still_linted(out, good)


def test_oversized_draft_is_refused_quickly(tmp_path, pack, good):
    from reportlint.files.reading import MAX_BYTES
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    start = time.monotonic()
    code, out, err = run("--pack", pack, big, good)
    assert code == 2 and "文件过大" in err and time.monotonic() - start < 10
    assert_still_linted(out, good)


def test_folder_nested_1100_deep_is_walked(tmp_path, pack):
    deep = tmp_path / "deep"
    deep.mkdir()
    fd = os.open(deep, os.O_RDONLY)
    for _ in range(1100):                 # relative to each level: no path grows past PATH_MAX
        os.mkdir("d", dir_fd=fd)
        fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
    with open(os.open("x.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w", encoding="utf-8") as fh:
        fh.write(GOOD)
    os.close(fd)
    try:
        code, out, err = cli("check", "--isolated", "--no-source", "--pack", pack, "d", cwd=deep)
    finally:
        subprocess.run(["rm", "-rf", str(deep)], check=True)   # shutil.rmtree recurses
    assert code == 1 and out.count(GOOD_POS) == 1, err


# ---- what passed though it should block ---------------------------------------------------------
def test_a_pack_folder_without_rules_is_an_error(tmp_path, good):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("x")
    for args in (["--pack", empty], ["--pack", "/etc"]):
        code, out, err = run(*args, good)
        assert code == 2 and "holds no rule files" in err and "未发现问题" not in out
        assert len(err.strip().splitlines()) == 1          # said once, not once per file of /etc


@pytest.mark.parametrize("make", ["binary", "empty", "folder.txt", "pipe-only"])
def test_an_unreadable_against_reference_is_an_error(tmp_path, pack, good, make):
    ref = tmp_path / "ref.txt"
    if make == "binary":
        ref.write_bytes(bytes(range(256)) * 10)
    elif make == "empty":
        ref.write_bytes(b"")
    else:
        ref.mkdir()                                  # a folder named *.txt, holding no report
    code, out, err = run("--pack", pack, "--against", ref, good)
    assert code == 2 and str(ref) in err, err
    assert_still_linted(out, good)


@pytest.mark.parametrize("where", ["config select", "config ignore", "cli select", "cli ignore",
                                   "per_file_ignores", "severity"])
def test_a_selector_typo_is_an_error_with_did_you_mean(tmp_path, pack, good, where):
    cfg = tmp_path / ".reportlint.yaml"
    body = {"config select": "select: [misused-shishii-test]\n",
            "config ignore": "ignore: [misused-shishii-test]\n",
            "per_file_ignores": "per_file_ignores: {'*.txt': [misused-shishii-test]}\n",
            "severity": "severity: {misused-shishii-test: warning}\n"}.get(where, "")
    cfg.write_text(f"packs: [{pack}]\n{body}", encoding="utf-8")
    args = ["--config", cfg]
    if where.startswith("cli"):
        args += [f"--{where.split()[1]}", "misused-shishii-test"]
    code, _out, err = run(*args, good)
    assert code == 2 and "misused-shishii-test" in err and "did you mean 'misused-shishi-test'" in err, err
    if where.startswith("config") or where in ("per_file_ignores", "severity"):
        assert f"{cfg}:2:" in err                    # at its line


def test_a_short_gbk_draft_is_read_as_gb18030_and_linted(tmp_path, pack):
    p = tmp_path / "short.txt"
    p.write_bytes("设施行政处罚。".encode("gbk"))
    code, out, err = run("--pack", pack, p)
    assert code == 1 and f"{p}:1:1:" in out, (out, err)


def test_a_draft_in_an_encoding_that_is_only_a_guess_asks_for_encoding(tmp_path, pack, good):
    p = tmp_path / "big5.txt"
    p.write_bytes("關於二〇二四年法治政府建設情況的報告。開展行政檢查一百一十四次，設施行政處罚。".encode("big5", "replace"))
    code, out, err = run("--pack", pack, p, good)
    assert code == 2 and "--encoding" in err
    assert_still_linted(out, good)
    code, out, err = run("--pack", pack, "--encoding", "big5", p)
    assert code in (0, 1) and not err


# ---- configuration checked at load time, at file:line ------------------------------------------
@pytest.mark.parametrize("yaml, line, words", [
    ("packs: [[terms]]\n", 1, "'packs' item 1 must be a non-empty string"),
    ("per_file_ignores: 'x'\n", 1, "'per_file_ignores' must be"),
    ("per_file_ignores: {'*.txt': 3}\n", 1, "must be a list of rule selectors"),
    ("lang: fr\n", 1, "lang must be one of zh, en"),
    ("year: 2024\nselect: [1]\n", 2, "'select' item 1 must be a non-empty string"),
    ("exclude: [1]\n", 1, "'exclude' item 1"),
    ("ignore:\n  - null\n", 2, "'ignore' item 1"),
    ("year: '2024'\n", 1, "'year' must be a year"),
    ("encoding: klingon\n", 1, "'encoding' must be an encoding name"),
    ("fail_on: never\n", 1, "fail_on must be one of"),
    ("[" * 50000 + "]" * 50000 + "\n", 1, "invalid YAML"),
])
def test_configuration_values_are_checked_at_their_line(tmp_path, good, yaml, line, words):
    cfg = tmp_path / ".reportlint.yaml"
    cfg.write_text(yaml, encoding="utf-8")
    code, _out, err = run("--config", cfg, good)
    assert code == 2 and f"{cfg}:{line}:" in err and words in err, err


@pytest.mark.parametrize("baseline, words", [
    ('{"version": 1, "tool": "reportlint", "findings": [{"path": "a", "rule": "r", "hash": "h", "count": 1e400}]}',
     "count a whole number"),
    ('{"version": 1, "findings": ' + "[" * 50000 + "]" * 50000 + "}", "nested too deeply"),
    ('{"version": 1, "findings": [NaN]}', "NaN"),
    ('{"version": 1, "findings": [[1]]}', "entry 1"),
])
def test_a_malformed_baseline_is_an_error_not_a_traceback(tmp_path, pack, good, baseline, words):
    b = tmp_path / "baseline.json"
    b.write_text(baseline, encoding="utf-8")
    code, _out, err = run("--pack", pack, "--baseline", b, good)
    assert code == 2 and str(b) in err and words in err, err


@pytest.mark.parametrize("what", ["config", "baseline"])
def test_a_device_or_pipe_as_config_or_baseline_is_refused(tmp_path, pack, good, what):
    os.mkfifo(fifo := tmp_path / "pipe.yaml")
    for target in (fifo, "/dev/zero"):
        opt = "--config" if what == "config" else "--baseline"
        code, _out, err = cli("check", "--no-source", "--pack", pack, opt, target, good)
        assert code == 2 and str(target) in err and "不是普通文件" in err, err


# ---- the writer ---------------------------------------------------------------------------------
def fixable(tmp_path, name="d.txt", text=GOOD):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_fix_refuses_a_file_edited_while_it_ran(tmp_path, pack, good, monkeypatch):
    from reportlint.engine import fixing
    p = fixable(tmp_path)
    real = fixing.fix_document

    def edit_meanwhile(*a, **k):
        out = real(*a, **k)
        p.write_text(GOOD + "用户刚加的一段。\n", encoding="utf-8")
        return out
    monkeypatch.setattr(fixing, "fix_document", edit_meanwhile)
    code, _out, err = run("--pack", pack, "--fix", p)
    assert code == 2 and "读取后文件已被改动" in err
    assert p.read_text(encoding="utf-8") == GOOD + "用户刚加的一段。\n"      # the user's edit kept


def test_fix_leaves_a_read_only_file_alone(tmp_path, pack, good):
    p = fixable(tmp_path)
    p.chmod(0o444)
    code, _out, err = run("--pack", pack, "--fix", p, good)
    assert code == 2 and "只读" in err and p.read_text(encoding="utf-8") == GOOD
    assert good.read_text(encoding="utf-8") != GOOD                          # the next file fixed


def test_fix_in_a_read_only_folder_is_a_message(tmp_path, pack):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    p = fixable(folder)
    folder.chmod(0o555)
    try:
        code, _out, err = run("--pack", pack, "--fix", p)
    finally:
        folder.chmod(0o755)
    assert code == 2 and "没有写入权限" in err and p.read_text(encoding="utf-8") == GOOD


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_fix_as_root_keeps_the_owner_mode_and_xattrs(tmp_path, pack):
    p = fixable(tmp_path)
    os.chown(p, 1001, 1001)
    p.chmod(0o640)
    try:
        os.setxattr(p, "user.reviewer", b"li")
        xattrs = True
    except OSError:
        xattrs = False                   # the file system has no user xattrs
    code, _out, err = run("--pack", pack, "--fix", p)
    st = p.stat()
    assert code == 0 and (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (1001, 1001, 0o640), err
    if xattrs:
        assert os.getxattr(p, "user.reviewer") == b"li"


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_writing_into_a_missing_folder_is_a_message(tmp_path, pack, good, option):
    target = tmp_path / "missing" / "out.json"
    code, _out, err = run("--pack", pack, option, target, good)
    assert code == 2 and "不存在" in err and not target.parent.exists(), err


def test_a_full_disk_is_a_message(tmp_path, pack, good):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        code, _out, err = cli("check", "--isolated", "--pack", pack, good, stdout=full)
    assert code == 2 and "无法写入标准输出" in err and "Exception ignored" not in err


def test_fix_keeps_mixed_line_ends_outside_the_fix(tmp_path):
    raw = ("关于2024年法治政府建设情况的报告\r\n一、主要工作\n领导干部带头学法，教育引导\r\r"
           "广大领导干部不断提高运用法治思维的能力。\r\n二、存在的问题\n")
    p = tmp_path / "mixed.txt"
    p.write_bytes(raw.encode("utf-8"))
    _code, out, err = run("--select", "broken-paragraph", "--fix", p)
    after = p.read_bytes().decode("utf-8")
    assert "教育引导广大领导干部" in after, (after, out, err)
    assert after == raw.replace("引导\r\r广大", "引导广大")      # every other line end as it was


def test_fix_of_stdin_prints_the_fixed_text_and_reports_on_stderr(pack):
    proc = subprocess.run([sys.executable, "-m", "reportlint.cli", "check", "--isolated", "--no-source",
                           "--pack", str(pack), "--fix", "-"], input=GOOD.encode("utf-8"),
                          capture_output=True, timeout=HANG)
    assert proc.stdout.decode("utf-8") == GOOD.replace("设施行政处罚", "实施行政处罚")
    assert "未发现问题" in proc.stderr.decode("utf-8") and proc.returncode == 0


def test_ctrl_c_exits_130_without_a_half_written_report(tmp_path, pack):
    drafts = tmp_path / "many"
    drafts.mkdir()
    # Enough work that the run is still going when the signal lands, even on a fast machine
    # (a run that ends just before it exits 1 with findings: a race, not a failure).
    for i in range(4000):
        (drafts / f"{i:04d}.txt").write_text(GOOD * 20, encoding="utf-8")
    report = tmp_path / "report.json"
    proc = subprocess.Popen([sys.executable, "-m", "reportlint.cli", "check", "--isolated", "--no-cache", "-j", "1",
                             "--format", "json", "-o", str(report), str(drafts)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            # as from a terminal: a test run started in the background (`&` in a
                            # script) hands its children SIGINT ignored, and Python keeps it so
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(3)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=HANG)[1].decode("utf-8")
    assert proc.returncode == 130 and "Traceback" not in err and "Aborted" not in err, err
    assert not report.exists() and not list(tmp_path.glob(".reportlint-*"))


# ---- what reaches the reader's terminal or browser ----------------------------------------------
def test_escape_sequences_in_a_draft_and_its_name_are_shown_escaped(tmp_path, pack):
    name = tmp_path / "a\x1b]0;pwned\x07\nfake.txt:1:1: error [x] forged.txt"
    name.write_text("\x1b[2J\x1b]52;c;ZWNobyBoaQ==\x07" + GOOD, encoding="utf-8")
    _code, out, _err = run("--pack", pack, name)
    assert "\x1b" not in out and "\x07" not in out and "\\x1b" in out
    assert all(line.startswith(str(tmp_path)) or not line.strip() or line.startswith("共") for line in out.splitlines())
    assert "\\nfake.txt" in out                         # the newline in the name cannot forge a line


def test_a_right_to_left_override_is_isolated_in_html(tmp_path, pack):
    p = tmp_path / "rtl\u202egpj.txt"
    p.write_text("\u202e" + GOOD, encoding="utf-8")
    _code, out, _err = run("--pack", pack, "--format", "html", p)
    assert "\u202e" not in out and "\\u202e" in out


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "html", "gitlab", "github"])
def test_undecodable_file_names_in_every_format(tmp_path, pack, fmt):
    folder = os.fsencode(tmp_path)
    name = folder + b"/bad\xff\xfe.txt"
    with open(name, "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    code, out, err = cli("check", "--isolated", "--pack", pack, "--format", fmt, os.fsdecode(name))
    assert code == 1, err
    assert "\\xff\\xfe" in out.replace("\\\\", "\\") or "%FF%FE" in out
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    elif fmt == "junit":
        import xml.etree.ElementTree as ET
        ET.fromstring(out.encode("utf-8"))


# ---- reports ------------------------------------------------------------------------------------
def test_diff_with_json_is_json_and_positions_are_in_the_draft(tmp_path, pack):
    p = fixable(tmp_path, text="设施" * 3 + "\n" + GOOD)
    code, out, _err = run("--pack", pack, "--diff", "--format", "json", p)
    data = json.loads(out)
    assert [(f["line"], f["column"]) for f in data["findings"]] == [(5, 12)]     # not shifted by the fix
    assert code == 1


def test_statistics_prints_only_the_table(tmp_path, pack, good):
    _code, out, _err = run("--pack", pack, "--statistics", good)
    assert out.splitlines()[0].split() == ["1", "misused-shishi-test", "typo", "error"]
    assert str(good) not in out


def test_summary_counts_unreadable_files_once(tmp_path, pack, good):
    (tmp_path / "e1.txt").write_bytes(b"")
    (tmp_path / "e2.txt").write_bytes(b"")
    _code, out, _err = run("--pack", pack, good, tmp_path / "e1.txt", tmp_path / "e2.txt")
    assert out.strip().splitlines()[-1].endswith("检查文件 1 个；另有 2 个文件无法检查"), out


# ---- rule packs: templates, option types, runaway patterns --------------------------------------
@pytest.mark.parametrize("message, words", [
    ('"{found.__class__.__mro__}"', "named fields only"),
    ('"{found[0]}"', "named fields only"),
    ('"{0}"', "named fields only"),
    ('"{found!r}"', "conversions are not allowed"),
    ('"{found:>1500000000}"', "only an alignment and a width"),
    ('"{found:>300}"', "a width of at most 200"),
    ('"{found:d}"', "only an alignment and a width"),
    ('"{fonud}"', "did you mean 'found'"),
])
def test_a_message_template_may_only_name_fields(tmp_path, good, message, words):
    pack = write_pack(tmp_path / "p", RULE.replace('message: "疑似错别字：“{found}”应为“实施{object}”"',
                                                   f"message: {message}"))
    code, out, err = run("--pack", pack, good)
    assert code == 2 and f"{pack / 'misused-shishi-test.yaml'}:5:" in err and words in err, err
    assert "__mro__" not in out and "<class" not in out


def test_a_bounded_width_is_allowed(tmp_path, good):
    pack = write_pack(tmp_path / "p", RULE.replace('message: "疑似错别字：“{found}”应为“实施{object}”"',
                                                   'message: "[{found:>8}]"'))
    code, out, err = run("--pack", pack, good)
    assert code == 1 and "[  设施行政处罚]" in out, err


def test_wrong_option_types_are_found_when_the_pack_loads(tmp_path, good):
    body_year = """\
id: old-year-frame
kind: body_year
category: numeric
severity: warning
message: "“{found}”"
description: 测试。
why: 测试。
frame: "(?P<y>20\\\\d\\\\d)年，"
except_words: [1]
examples:
  bad: [{text: "2019年，全镇……", year: 2024}]
  good: ["2024年，全镇……"]
"""
    pack = write_pack(tmp_path / "p", body_year)
    code, _out, err = run("--pack", pack, good)
    assert code == 2 and f"{pack / 'old-year-frame.yaml'}:9:" in err and "internal error" not in err, err


def test_a_runaway_pattern_in_any_kind_is_abandoned(tmp_path, good, monkeypatch):
    from reportlint.kinds import patterns
    monkeypatch.setattr(patterns, "TIMEOUT", 0.3)
    rule = """\
id: runaway-frame
kind: body_year
category: numeric
severity: warning
message: "“{found}”"
description: 测试。
why: 测试。
frame: "(?P<y>20\\\\d\\\\d)(a|aa)+$"
examples:
  bad: [{text: "2019aa", year: 2024}]
  good: ["2024年，全镇……"]
"""
    pack = write_pack(tmp_path / "p", RULE, rule)
    slow = tmp_path / "slow.txt"
    slow.write_text(GOOD + "2019" + "a" * 60 + "!\n", encoding="utf-8")
    start = time.monotonic()
    code, out, err = run("--pack", pack, "--year", "2024", slow, good)
    assert time.monotonic() - start < 20
    assert code == 2 and "rule runaway-frame" in err and "pattern took too long" in err, err
    assert_still_linted(out, good)


def test_all_rules_of_a_file_share_one_time_budget(tmp_path, good, monkeypatch):
    """A pattern at ~0.15 s a line stays under the 2 s timeout; the file's budget stops it."""
    from reportlint.kinds import patterns
    monkeypatch.setattr(patterns, "FILE_BUDGET", 1.0)
    slow_rule = RULE.replace("misused-shishi-test", "slow-pattern").replace(
        'patterns: ["设施(?P<object>行政处罚)"]', 'patterns: ["(?P<object>(a|aa)+)$"]').replace(
        'bad: ["设施行政处罚6次。"]', 'bad: ["aaa"]')
    pack = write_pack(tmp_path / "p", RULE, slow_rule)
    slow = tmp_path / "slow.txt"
    slow.write_text(GOOD + ("a" * 26 + "!\n") * 60, encoding="utf-8")
    start = time.monotonic()
    code, out, err = run("--pack", pack, slow, good)
    assert time.monotonic() - start < 6, err
    assert code == 2 and "time budget of 1 s per file" in err, err
    assert_still_linted(out, good)


# ---- Word files: what a .docx may unpack to, and tables of any shape ----------------------------
def _word(tmp_path, data: bytes, name="w.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_docx_zip_bomb_is_refused_before_unpacking(tmp_path, pack, good):
    from helpers.wordfiles import document_xml, p, package
    from reportlint.files.docx import MAX_UNPACKED
    body = p("设施行政处罚。") * (MAX_UNPACKED // 60)          # ~MAX_UNPACKED of XML, a few hundred KB zipped
    bomb = _word(tmp_path, package(parts={"word/document.xml": document_xml(body)}))
    assert bomb.stat().st_size < 2 * 2**20
    start = time.monotonic()
    code, out, err = run("--pack", pack, bomb, good)
    assert time.monotonic() - start < 10
    assert code == 2 and f"{bomb}: Word 文件解压后过大" in err, err
    assert_still_linted(out, good)


@pytest.mark.parametrize("case", ["no body", "no document part", "not a zip", "truncated"])
def test_a_broken_docx_is_a_clear_input_error(tmp_path, pack, good, case):
    from helpers.wordfiles import p, package
    data = {"no body": lambda: package(None),
            "no document part": lambda: package(p("x"), leave_out=("word/document.xml",)),
            "not a zip": lambda: b"PK\x03\x04 not really",
            "truncated": lambda: package(p("设施行政处罚。"))[:200]}[case]()
    bad = _word(tmp_path, data)
    code, out, err = run("--pack", pack, bad, good)
    assert code == 2 and f"{bad}: 不支持的文件格式" in err, err
    assert_still_linted(out, good)


def test_a_cell_merged_down_1500_rows_and_a_4000_by_8_table(tmp_path, pack):
    from helpers.wordfiles import p, package, table, tc
    merged = table([[tc(p("合计"), merge="restart"), tc(p("设施行政处罚"))]]
                   + [[tc("", merge="continue"), tc(p(f"第{i}项"))] for i in range(1500)])
    wide = table([[tc(p(f"{r}-{c}")) for c in range(8)] for r in range(4000)])
    path = _word(tmp_path, package(p("关于2024年法治政府建设情况的报告") + merged + wide))
    start = time.monotonic()
    code, out, err = run("--pack", pack, path)
    assert time.monotonic() - start < 30, "tables cost more than linear time"
    assert code == 1 and f"{path}:3:1:" in out and "表1第1行第2列" in out, (out, err)


# ---- what a folder walk takes, and where CI annotations point -----------------------------------
def test_a_folder_walk_leaves_out_repository_documents_and_ignored_files(tmp_path, pack):
    import shutil
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for name in ("README.md", "CHANGELOG.md", "drafts/a.txt", "drafts/old/b.txt", "scratch.txt"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(GOOD, encoding="utf-8")
    (repo / ".gitignore").write_text("scratch.txt\nold/\n", encoding="utf-8")
    code, out, _err = run("--pack", pack, repo)
    assert code == 1 and sorted(set(re.findall(r"^(\S+?):\d+:\d+:", out, re.M))) == [str(repo / "drafts/a.txt")]
    code, out, _err = run("--pack", pack, repo / "README.md")         # named: linted like any file
    assert code == 1 and "README.md:4:12" in out


@pytest.mark.parametrize("fmt, where", [("github", "file=drafts/a.txt,"), ("gitlab", '"path": "drafts/a.txt"'),
                                        ("sarif", '"uri": "drafts/a.txt"')])
def test_ci_paths_are_relative_to_the_repository_root(tmp_path, pack, monkeypatch, fmt, where):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(repo / "drafts")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    code, out, _err = run("--pack", pack, "--format", fmt, "a.txt")
    assert code == 1 and where in out, out


def test_a_finding_about_a_long_passage_is_marked_on_its_first_line(tmp_path):
    rule = RULE.replace("misused-shishi-test", "long-passage").replace(
        'patterns: ["设施(?P<object>行政处罚)"]', 'patterns: ["(?s)开始(?P<object>.*?)结束"]\nscope: document').replace(
        'bad: ["设施行政处罚6次。"]', 'bad: ["开始\\\\n结束"]').replace('replacement: "实施\\\\\\\\g<object>"\n', "")
    pack = write_pack(tmp_path / "p", rule)
    p = tmp_path / "long.txt"
    p.write_text("开始" + "正文。\n" * 50 + "结束\n", encoding="utf-8")
    code, out, err = run("--pack", pack, "--format", "github", p)
    assert code == 1 and "line=1," in out and "endLine" not in out, (out, err)
    code, out, err = run("--pack", pack, "--format", "gitlab", p)
    assert json.loads(out)[0]["location"]["lines"] == {"begin": 1, "end": 1}
    code, out, err = run("--pack", pack, "--format", "html", p)
    assert out.count('<li id="f1-L') == 51 and out.count('class="hit"') == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_fix_refuses_what_would_take_another_users_file_over(tmp_path, pack, monkeypatch):
    """A user who may write a colleague's file but not give files away: the atomic replacement
    would become theirs, so the file is left alone (simulated: chown fails as it would)."""
    p = fixable(tmp_path)
    os.chown(p, 1001, 1001)

    def refuse(*a, **k):
        raise PermissionError(1, "Operation not permitted")
    monkeypatch.setattr(os, "chown", refuse)
    code, _out, err = run("--pack", pack, "--fix", p)
    assert code == 2 and "无法保持原属主" in err and p.read_text(encoding="utf-8") == GOOD
    assert p.stat().st_uid == 1001 and not list(tmp_path.glob(".reportlint-*"))


@pytest.mark.parametrize("failure, words", [("fsync", "磁盘已满"), ("mkstemp", "没有写入权限")])
def test_a_full_disk_or_a_folder_without_write_permission_is_a_message(tmp_path, pack, good, monkeypatch,
                                                                      failure, words):
    """Simulated (the tests run as root, and no disk is full): ENOSPC while writing the
    temporary file, EACCES creating it. The file is left as it was, the next file is fixed."""
    import errno
    import tempfile
    p = fixable(tmp_path, "a.txt")

    def fail(*a, **k):
        if failure == "fsync":
            raise OSError(errno.ENOSPC, "No space left on device")
        raise PermissionError(errno.EACCES, "Permission denied")
    real = getattr(os if failure == "fsync" else tempfile, failure)
    calls = []

    def first_fails(*a, **k):                 # the first write into the drafts' folder fails
        where = k.get("dir") if failure == "mkstemp" else os.path.dirname(os.readlink(f"/proc/self/fd/{a[0]}"))
        if where != str(tmp_path):
            return real(*a, **k)                 # the rules cache, say
        calls.append(1)
        return fail(*a, **k) if len(calls) == 1 else real(*a, **k)
    monkeypatch.setattr(os if failure == "fsync" else tempfile, failure, first_fails)
    code, _out, err = run("--pack", pack, "--fix", p, good)
    assert code == 2 and f"{p}: {words}" in err, err
    assert p.read_text(encoding="utf-8") == GOOD and not list(tmp_path.glob(".reportlint-*"))
    assert good.read_text(encoding="utf-8") == GOOD.replace("设施行政处罚", "实施行政处罚")


def test_a_worker_killed_mid_run_is_a_message_not_a_traceback(tmp_path, pack, monkeypatch):
    from reportlint.engine import parallel
    if parallel.start_method() != "fork":
        pytest.skip("the killed worker is simulated through fork")
    parent = os.getpid()
    real = parallel._lint_one

    def killed(linter, path, keep):
        if os.getpid() != parent:
            os._exit(9)                  # as the OOM killer would leave it
        return real(linter, path, keep)
    monkeypatch.setattr(parallel, "_lint_one", killed)
    drafts = [fixable(tmp_path, f"{i}.txt") for i in range(4)]
    code, out, err = run("--pack", pack, "-j", "2", *drafts)
    assert code == 2 and "工作进程意外终止" in err, err
    assert f"{drafts[0]}:{GOOD_POS}" in out                 # linted in the main process
