""".doc, .wps, .odt, .rtf drafts through LibreOffice headless: the same findings as the .docx they
were made from, reviewed copies, and clear messages when LibreOffice is missing, slow or fails."""
import json
import shutil
import subprocess
import tempfile
import time

import pytest

docx = pytest.importorskip("docx")

from helpers.rulepacks import invoke  # noqa: E402
from helpers.word import clerk_draft, comments_with_anchors  # noqa: E402
from reportlint.files import convert  # noqa: E402
from reportlint.model.errors import InputError  # noqa: E402

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def run(*args, env=None):
    return invoke(["check", "--isolated", "--no-color", *args], env=env)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """draft.docx and what LibreOffice makes of it: .doc, .wps (Kingsoft WPS writes Word 97 files),
    .odt and .rtf."""
    folder = tmp_path_factory.mktemp("converted")
    clerk_draft(folder / "draft.docx")
    profile = folder / "profile"
    for fmt in ("doc", "odt", "rtf"):
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to",
                        fmt, "--outdir", str(folder), str(folder / "draft.docx")],
                       check=True, capture_output=True, timeout=120)
    shutil.copy(folder / "draft.doc", folder / "draft.wps")
    shutil.rmtree(profile)
    return folder


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The temporary folder conversions use, to see that they leave nothing behind."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def findings(out):
    return [(f["line"], f["column"], f["end_column"], f["rule"], f["message"], f["paragraph"])
            for f in json.loads(out)["findings"]]


@needs_soffice
def test_doc_wps_and_odt_give_the_findings_of_the_docx(drafts, private_tmp, monkeypatch):
    monkeypatch.chdir(drafts)
    code, out, err = run("--format", "json", "draft.docx")
    want = findings(out)
    assert code == 1 and want
    for name in ("draft.doc", "draft.wps", "draft.odt"):
        code, out, err = run("--format", "json", name)
        assert code == 1, err
        assert findings(out) == want, name
    assert list(private_tmp.iterdir()) == []


@needs_soffice
def test_rtf_is_read_with_its_paragraphs(drafts, monkeypatch):
    monkeypatch.chdir(drafts)
    _, out, err = run("--format", "json", "draft.rtf")
    got = {(f[0], f[3]) for f in findings(out)}
    assert {(3, "misused-idioms"), (4, "misspelled-words"), (8, "misspelled-words")} <= got, err


@needs_soffice
def test_annotating_a_doc_writes_a_reviewed_docx(drafts, tmp_path, monkeypatch):
    monkeypatch.chdir(drafts)
    before = (drafts / "draft.doc").read_bytes()
    code, out, err = run("--format", "json", "--annotate-dir", str(tmp_path), "draft.doc")
    assert code == 1, err
    assert (drafts / "draft.doc").read_bytes() == before
    got = comments_with_anchors(tmp_path / "draft.reviewed.docx")
    assert len(got) == len(json.loads(out)["findings"])
    assert any(a == "专武独断" for _, _, a in got)


@needs_soffice
def test_fix_leaves_a_doc_alone_and_says_so(drafts, tmp_path, monkeypatch):
    shutil.copy(drafts / "draft.doc", tmp_path / "copy.doc")
    monkeypatch.chdir(tmp_path)
    before = (tmp_path / "copy.doc").read_bytes()
    code, out, _ = run("--fix", "copy.doc")
    assert code == 1 and "不能直接修改" in out
    assert (tmp_path / "copy.doc").read_bytes() == before


@needs_soffice
def test_a_broken_doc_gets_a_message_and_the_others_are_linted(tmp_path, private_tmp, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.doc").write_bytes(convert.OLE_MAGIC + b"\0" * 600)
    (tmp_path / "ok.txt").write_text("杜绝个人意志专武独断。\n", encoding="utf-8")
    code, out, err = run("broken.doc", "ok.txt")
    assert code == 2
    assert "broken.doc" in err and "另存为 .docx" in err and "Traceback" not in err
    assert "专武独断" in out
    assert list(private_tmp.iterdir()) == []


def test_without_libreoffice_one_line_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.doc").write_bytes(convert.OLE_MAGIC + b"\0" * 100)
    (tmp_path / "ok.txt").write_text("杜绝个人意志专武独断。\n", encoding="utf-8")
    code, out, err = run("a.doc", "ok.txt", env={"REPORTLINT_SOFFICE": str(tmp_path / "no-such-soffice")})
    assert code == 2
    line = next(x for x in err.splitlines() if "a.doc" in x)
    assert "apt install libreoffice-writer-nogui" in line and "另存为 .docx" in line
    assert "专武独断" in out
    code, _, err = run("--lang", "en", "a.doc", env={"REPORTLINT_SOFFICE": str(tmp_path / "none")})
    assert code == 2 and "save the file as .docx" in err


def _gone(pid: int) -> bool:
    """Not running: no such process, or a zombie waiting for init to reap it."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def test_a_hanging_conversion_is_killed(tmp_path, private_tmp, monkeypatch):
    fake = tmp_path / "soffice"
    pidfile = tmp_path / "child.pid"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pidfile}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("REPORTLINT_SOFFICE", str(fake))
    with pytest.raises(InputError, match="超过 1 秒"):
        convert.to_docx("slow.doc", b"x", timeout=1)
    child = int(pidfile.read_text())
    time.sleep(0.2)
    assert _gone(child)                           # the launcher's children are killed too
    assert list(private_tmp.iterdir()) == []


PDF_WITH_COMMENTS = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def _pdf_page(docx_path, folder):
    """(PDF bytes, first page as a PIL image) of a Word file exported by LibreOffice headless."""
    from PIL import Image
    profile = (folder / "profile").as_uri()
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", PDF_WITH_COMMENTS,
                    "--outdir", str(folder), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = folder / (docx_path.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(folder / docx_path.stem)], check=True, capture_output=True, timeout=60)
    return pdf.read_bytes(), Image.open(folder / (docx_path.stem + ".png")).convert("L")


@needs_soffice
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_libreoffice_renders_the_comments_of_a_reviewed_draft(drafts, tmp_path, monkeypatch):
    monkeypatch.chdir(drafts)
    run("--annotate-dir", str(tmp_path), "draft.docx")
    reviewed = tmp_path / "draft.reviewed.docx"
    comments = comments_with_anchors(reviewed)
    pdf, page = _pdf_page(reviewed, tmp_path / "reviewed")
    _, plain = _pdf_page(drafts / "draft.docx", tmp_path / "plain")
    notes = pdf.count(b"/Subtype /Text") + pdf.count(b"/Subtype/Text")
    assert notes == len(comments)                 # every comment became a note on the page
    assert page.size == plain.size
    ink = [sum(img.histogram()[:200]) for img in (page, plain)]
    assert ink[0] > ink[1]                        # the note marks are drawn at their anchors
