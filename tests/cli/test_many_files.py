"""Many files in one run: -j N workers, output in file order, a progress bar only on a terminal."""
import os
import subprocess
import sys

import pytest

from helpers.rulepacks import check_with_pack, pack_project, typo_rule

PACK = (typo_rule({'布署': '部署', '按排': '安排'}),)


@pytest.fixture
def project(tmp_path, monkeypatch):
    pack_project(tmp_path, monkeypatch, *PACK)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(40):
        body = "部署到位。\n" * (i % 7) + ("布署到位。\n" if i % 3 else "") + ("按排好。\n" * (i % 2))
        (drafts / f"d{i:02d}.txt").write_text(f"2024年工作总结\n{body}", encoding="utf-8")
    (drafts / "broken.txt").write_bytes(b"\x00\x01binary")
    return tmp_path


def run(*args, input=None):
    return check_with_pack("--no-color", *args, input=input)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_workers_give_the_same_output_in_the_same_order(project, fmt):
    one = run("--format", fmt, "-j", "1", "drafts")
    two = run("--format", fmt, "-j", "2", "drafts")
    auto = run("--format", fmt, "drafts")        # 41 files: every CPU by default
    assert one == two == auto
    assert one[0] == 2                     # the binary file is reported, the others still linted
    if fmt == "text":
        paths = [line.split(":")[0] for line in one[1].splitlines() if line.startswith("drafts/")]
        expected = [f"drafts/d{i:02d}.txt" for i in range(40) for _ in range((i % 3 > 0) + i % 2)]
        assert paths == expected


def test_workers_and_standard_input_together(project):
    _code, out, _ = run("--format", "text", "-q", "-j", "3", "drafts/d01.txt", "-", "drafts/d02.txt",
                       input="布署\n")
    heads = [line.split(":")[0] for line in out.splitlines() if ": error [" in line]
    assert heads == ["drafts/d01.txt", "drafts/d01.txt", "<stdin>", "drafts/d02.txt"]


def _cli(project, *args, tty_stderr):
    cmd = [sys.executable, "-m", "reportlint.cli", "check", "--isolated", "--pack", "pack",
           "--format", "json", *args]
    if not tty_stderr:
        proc = subprocess.run(cmd, cwd=project, capture_output=True)
        return proc.stderr.decode("utf-8", "replace")
    import pty
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=project, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:                    # EIO once the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_only_on_a_terminal_and_only_for_many_files(project):
    err = _cli(project, "-j", "2", "drafts", tty_stderr=True)
    assert "检查" in err and "41/41" in err
    err = _cli(project, "drafts", tty_stderr=True)          # sequential run: same bar
    assert "41/41" in err
    err = _cli(project, "drafts/d01.txt", "drafts/d02.txt", tty_stderr=True)
    assert "检查 " not in err and "/2" not in err           # two files: no bar
    err = _cli(project, "drafts", tty_stderr=False)
    assert "41/41" not in err and "#" not in err            # not a terminal: no bar
