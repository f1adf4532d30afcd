"""The review page (reportlint serve) in real headless Chromium, against a server on 127.0.0.1:
upload a draft, see the findings and filter them, download the reviewed .docx; a draft holding
`<script>` runs nothing; an upload over the limit and a broken .docx get a message."""
import time

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("websocket")
pytest.importorskip("docx")

from helpers.cdp import CHROMIUM, Browser
from helpers.serving import running
from helpers.word import clerk_draft, comments_with_anchors
from reportlint.engine.linter import Linter
from reportlint.server import create_app

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
HOSTILE = ("2024年某某镇法治政府建设情况报告\n杜绝个人意志专武独断。\n"
           '<script>document.title="PWNED";document.body.dataset.pwned="1"</script>'
           '<img src=x onerror="document.body.dataset.pwned=\'2\'">布署\n')


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    with running(create_app(Linter(isolated=True), max_bytes=100_000, hosts=["127.0.0.1"])) as url:
        browser = Browser(folder)
        try:
            browser.open(url + "/")
            yield browser, folder, url
        finally:
            browser.close()


def submit(browser, path):
    browser.eval("document.getElementById('result').hidden = true; document.getElementById('message').hidden = true")
    browser.set_file("#file", path)
    browser.eval("document.getElementById('check').click()")
    return browser.wait("(!document.getElementById('result').hidden && 'result') || "
                        "(!document.getElementById('message').hidden && 'message')")


def test_upload_see_filter_and_download(page):
    browser, folder, _ = page
    clerk_draft(folder / "draft.docx")
    assert submit(browser, folder / "draft.docx") == "result"
    marks = browser.eval("[...document.querySelectorAll('#draft mark')].map(m => m.textContent)")
    assert "专武独断" in marks and "按排" in marks
    assert browser.eval("document.getElementById('L8').textContent").startswith("第8段［表1第2行第2列］")
    n = browser.eval("document.querySelectorAll('#findings li.finding').length")
    assert n >= 6
    # filter out the typos: their items and marks are hidden, the rest stay
    browser.eval("document.querySelector('#filters input[value=typo]').click()")
    hidden = browser.eval("[...document.querySelectorAll('#findings li.finding')].filter(li => li.hidden).length")
    assert 0 < hidden < n
    assert browser.eval("[...document.querySelectorAll('#draft mark.off')].map(m => m.textContent)").count("专武独断") == 1
    browser.eval("document.querySelector('#filters input[value=typo]').click()")
    # download the reviewed file
    downloads = folder / "downloads"
    downloads.mkdir()
    browser.downloads_to(downloads)
    browser.eval("document.getElementById('download').click()")
    for _ in range(300):
        done = [p for p in downloads.iterdir() if p.suffix == ".docx"]
        if done:
            break
        time.sleep(0.1)
    assert [p.name for p in done] == ["draft.reviewed.docx"]
    got = comments_with_anchors(done[0])
    assert len(got) == n and any(a == "专武独断" for _, _, a in got)


def test_a_draft_with_script_runs_nothing(page):
    browser, folder, _ = page
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    assert submit(browser, folder / "hostile.txt") == "result"
    time.sleep(0.5)
    assert browser.eval("document.body.dataset.pwned") is None
    assert browser.eval("document.title") == "reportlint 审阅"
    assert browser.eval("document.querySelectorAll('#draft script, #draft img').length") == 0
    assert "<script>document.title" in browser.eval("document.getElementById('L3').textContent")


def test_over_the_limit_and_broken_files_get_a_message(page):
    browser, folder, _ = page
    (folder / "big.txt").write_bytes("字".encode() * 50_000)
    assert submit(browser, folder / "big.txt") == "message"
    assert "上限" in browser.eval("document.getElementById('message').textContent")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 this is no Word file")
    assert submit(browser, folder / "broken.docx") == "message"
    text = browser.eval("document.getElementById('message').textContent")
    assert "broken.docx" in text and "Word" in text
