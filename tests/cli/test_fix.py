"""--fix and --diff on text drafts: atomic writes that keep encoding, BOM and line ends."""
import os
import stat

import pytest
from click.testing import CliRunner

from helpers.rulepacks import check_with_pack, pack_project, placeholder_rule, typo_rule
from reportlint.cli import cli

PACK = (typo_rule({'专武独断': '独断专行', '布署': '部署'}), placeholder_rule('某某'))
DRAFT = "一、主要工作\n杜绝专武独断。\n\n二、下一步\n布署到位。"


@pytest.fixture
def project(tmp_path, monkeypatch):
    return pack_project(tmp_path, monkeypatch, *PACK)


def run(*args, input=None):
    return check_with_pack("--no-color", *args, input=input)


@pytest.mark.parametrize("encoding,bom,ends", [
    ("utf-8", b"", "\n"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("gb18030", b"", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
])
def test_fix_keeps_encoding_bom_and_line_ends(project, encoding, bom, ends):
    path = project / "d.txt"
    path.write_bytes(bom + DRAFT.replace("\n", ends).encode(encoding))
    os.chmod(path, 0o640)
    code, out, err = run("--fix", "d.txt")
    assert code == 0, out + err
    expected = DRAFT.replace("专武独断", "独断专行").replace("布署", "部署")
    assert path.read_bytes() == bom + expected.replace("\n", ends).encode(encoding)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in project.iterdir()) == ["d.txt", "pack"]   # no temp file left


def test_fix_keeps_mixed_line_ends_line_by_line(project):
    path = project / "d.txt"
    path.write_bytes("专武独断\r\n正文\n布署\r\n".encode())
    run("--fix", "d.txt")
    assert path.read_bytes() == "独断专行\r\n正文\n部署\r\n".encode()


def test_diff_writes_nothing_and_marks_a_missing_final_newline(project):
    path = project / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    code, out, _ = run("--diff", "d.txt")
    assert code == 1
    assert path.read_text(encoding="utf-8") == DRAFT
    assert out.startswith("--- a/d.txt\n+++ b/d.txt\n")
    assert "-杜绝专武独断。\n+杜绝独断专行。\n" in out
    assert "-布署到位。\n\\ No newline at end of file\n+部署到位。\n\\ No newline at end of file\n" in out
    assert "\n+布署" not in out


def test_diff_works_on_stdin(project):
    code, out, _ = run("--diff", "-", input="布署到位。\n")
    assert code == 1
    assert "-布署到位。\n+部署到位。\n" in out


def test_fix_gives_up_when_the_original_encoding_cannot_hold_the_fix(project):
    path = project / "d.txt"
    path.write_bytes(b"Report for XX town\n")
    code, _, err = run("--fix", "--encoding", "latin-1", "d.txt")
    assert code == 2 and "latin-1" in err
    assert path.read_bytes() == b"Report for XX town\n"


def test_fix_honours_config_excludes(project):
    (project / "drafts" / "archive").mkdir(parents=True)
    (project / "drafts" / "a.txt").write_text("布署\n", encoding="utf-8")
    (project / "drafts" / "archive" / "old.txt").write_text("布署\n", encoding="utf-8")
    (project / ".reportlint.yaml").write_text("packs: [./pack]\nexclude: ['drafts/archive/**']\n",
                                              encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--fix", "drafts"])
    assert res.exit_code == 0, res.output
    assert (project / "drafts" / "a.txt").read_text(encoding="utf-8") == "部署\n"
    assert (project / "drafts" / "archive" / "old.txt").read_text(encoding="utf-8") == "布署\n"


def test_fix_through_a_symlink_keeps_the_link(project):
    (project / "real.txt").write_text("布署\n", encoding="utf-8")
    (project / "link.txt").symlink_to("real.txt")
    code, _, _ = run("--fix", "link.txt")
    assert code == 0
    assert (project / "link.txt").is_symlink()
    assert (project / "real.txt").read_text(encoding="utf-8") == "部署\n"


def test_output_file_gets_ordinary_permissions(project):
    (project / "d.txt").write_text("部署\n", encoding="utf-8")
    old = os.umask(0o022)
    try:
        code, _, _ = run("--format", "json", "-o", "out.json", "d.txt")
    finally:
        os.umask(old)
    assert code == 0
    assert stat.S_IMODE((project / "out.json").stat().st_mode) == 0o644
