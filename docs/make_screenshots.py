"""Regenerate the README's screenshots from examples/bad-draft.txt (run from the project root,
with the `serve` and `test` extras, Chromium, LibreOffice and poppler-utils installed):

    python docs/make_screenshots.py

docs/review-page.png: the review page in headless Chromium after checking the draft.
docs/reviewed-draft.png: the draft's .reviewed.docx opened by LibreOffice headless, exported to
PDF (comments as PDF notes) and its first page rendered by pdftoppm.
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers.cdp import Browser  # noqa: E402
from helpers.serving import running  # noqa: E402
from reportlint.engine.linter import Linter  # noqa: E402
from reportlint.server import create_app  # noqa: E402

DRAFT = ROOT / "examples" / "bad-draft.txt"
# LibreOffice 7.4 (Debian 12) exports comments as PDF notes at their anchors; from 7.5 on,
# "ExportNotesInMargin" would draw them in the margin instead
PDF_WITH_COMMENTS = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def page(tmp: Path) -> None:
    with running(create_app(Linter(isolated=True), hosts=["127.0.0.1"])) as url:
        browser = Browser(tmp, width=1280, height=860)
        try:
            browser.open(url + "/")
            browser.set_file("#file", DRAFT)
            browser.eval("document.getElementById('year').value = '2024'")
            browser.eval("document.getElementById('check').click()")
            browser.wait("!document.getElementById('result').hidden")
            browser.eval("document.getElementById('result').scrollIntoView()")
            browser.screenshot(ROOT / "docs" / "review-page.png")
        finally:
            browser.close()


def reviewed(tmp: Path) -> None:
    subprocess.run(["reportlint", "--isolated", "--annotate-dir", str(tmp), str(DRAFT)],
                   capture_output=True, check=False)
    docx = tmp / "bad-draft.reviewed.docx"
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", PDF_WITH_COMMENTS,
                    "--outdir", str(tmp), str(docx)], capture_output=True, check=True, timeout=180)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    str(tmp / "bad-draft.reviewed.pdf"), str(tmp / "page")], check=True)
    shutil.copy(tmp / "page.png", ROOT / "docs" / "reviewed-draft.png")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        page(Path(tmp))
        reviewed(Path(tmp))
