"""Older and other word-processor files (.doc, .wps, .wpt, .dot, .odt, .rtf) -> .docx bytes, by
LibreOffice headless in a private temporary folder.

The folder holds the input copy, the output and a fresh LibreOffice profile (so that a run never
touches the user's own LibreOffice, and parallel runs never share one); it is deleted whatever
happens. A conversion that takes longer than TIMEOUT seconds is killed with its whole process
group (soffice starts soffice.bin).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from reportlint.model.errors import InputError
from reportlint.model.messages import t

TIMEOUT = 120.0        # seconds; a first start with a new profile takes ~3 s, a 100-page .doc ~10 s
# OLE2 compound file: what Word 97-2003 and Kingsoft WPS (.wps/.wpt) both write
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def soffice() -> str | None:
    """The LibreOffice program: $REPORTLINT_SOFFICE, else soffice or libreoffice on PATH."""
    given = os.environ.get("REPORTLINT_SOFFICE")
    if given is not None:
        return shutil.which(given)
    return shutil.which("soffice") or shutil.which("libreoffice")


def _command(program: str, src: Path, out: Path, profile: Path, data: bytes) -> list[str]:
    cmd = [program, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
           f"-env:UserInstallation={profile.as_uri()}"]
    if src.suffix in (".wps", ".wpt") and data.startswith(OLE_MAGIC):
        # Kingsoft WPS writes Word 97 files; without this LibreOffice takes .wps for Microsoft Works
        cmd.append("--infilter=MS Word 97")
    return [*cmd, "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)]


def to_docx(path: str, data: bytes, lang: str = "zh", timeout: float = TIMEOUT) -> bytes:
    """The file converted to .docx; InputError (one line, with what to do) when it cannot be."""
    program = soffice()
    if program is None:
        raise InputError(path, t("no_soffice", lang))
    with tempfile.TemporaryDirectory(prefix="reportlint-convert-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        src = work / "in" / ("draft" + Path(path).suffix.lower())
        out = work / "out"
        src.parent.mkdir()
        out.mkdir()
        src.write_bytes(data)
        proc = subprocess.Popen(_command(program, src, out, work / "profile", data),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "HOME": tmp})
        try:
            log, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise InputError(path, t("convert_timeout", lang, seconds=int(timeout))) from None
        finally:
            _kill(proc)                    # soffice.bin may outlive its launcher
        result = out / "draft.docx"
        if not result.is_file() or result.stat().st_size == 0:
            detail = log.decode("utf-8", "replace").strip().splitlines()
            raise InputError(path, t("convert_failed", lang, detail=detail[-1] if detail else proc.returncode))
        return result.read_bytes()


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
