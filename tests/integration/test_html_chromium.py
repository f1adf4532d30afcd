"""`--format html`: one self-contained page, opened in headless Chromium.

The DOM is checked after load (marks in place, the list by category, links to the marks), a
draft holding `<script>` and an `onerror` handler must not run, and the screenshot must show
the highlight colours. Skips when Chromium is not installed (Debian: `apt-get install chromium`).
"""
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from helpers.rulepacks import check_with_pack, pack_project, placeholder_rule, typo_rule

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium"),
                             shutil.which("chromium-browser")) if p and shutil.os.path.exists(p)), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
PACK = (typo_rule({'专武独断': '独断专行', '布署': '部署'}), placeholder_rule())
HOSTILE = ('2024年某某镇法治政府建设情况报告\n一、主要工作\n杜绝个人意志专武独断，投资XX亿元。\n'
           '<script>document.title="PWNED";document.body.setAttribute("data-pwned","1")</script>'
           '<img src=x onerror="document.body.setAttribute(\'data-pwned\',\'2\')">布署\n')


class Dom(HTMLParser):
    """Elements of the dumped DOM with their attributes and text."""

    def __init__(self):
        super().__init__()
        self.elements, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(el)
        if tag not in ("meta", "img", "br", "link", "input"):
            self.stack.append(el)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for el in self.stack:
            el["text"] += data

    def find(self, tag, **attrs):
        return [e for e in self.elements if e["tag"] == tag and
                all(re.search(v, e["attrs"].get(k.rstrip("_")) or "") for k, v in attrs.items())]


@pytest.fixture
def report(tmp_path, monkeypatch):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian/Ubuntu: apt-get install chromium)")
    docx = pytest.importorskip("docx")
    pack_project(tmp_path, monkeypatch, *PACK)
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    d = docx.Document()
    d.add_paragraph("2024年工作总结")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 1).text = "会务已布署"
    d.save(tmp_path / "word.docx")
    (tmp_path / "clean.txt").write_text("部署到位。\n", encoding="utf-8")
    code, out, err = check_with_pack("--format", "html", "-o", "report.html", "hostile.txt", "word.docx", "clean.txt")
    assert code == 1, out + err
    return tmp_path / "report.html"


def chromium(tmp_path, *args):
    profile = tmp_path / "profile"
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)
    shutil.rmtree(profile, ignore_errors=True)
    return proc


def test_page_is_self_contained_and_escapes_the_draft(report):
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|iframe|object)\b", page)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "script-src" in page or "default-src 'none'" in page
    assert "&lt;script&gt;document.title=" in page


def test_dom_after_loading_in_chromium(report, tmp_path):
    proc = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", report.as_uri())
    assert proc.returncode == 0, proc.stderr
    dom = Dom()
    dom.feed(proc.stdout)
    # the draft's script and event handler did not run and are not elements of the page
    assert dom.find("title")[0]["text"] == "reportlint 检查报告"
    body = dom.find("body")[0]
    assert "data-pwned" not in body["attrs"]
    assert not dom.find("script") and not dom.find("img")
    assert '<script>document.title="PWNED"' in body["text"]       # shown as text instead
    # findings highlighted in place, linked from the list by category
    marks = {m["attrs"]["id"]: m for m in dom.find("mark", id_="^m\\d+$")}
    assert [m["text"] for m in marks.values()] == ["专武独断", "XX", "布署", "布署"]
    assert [m["attrs"]["class"] for m in marks.values()] == ["error", "warning", "error", "error"]
    links = [a["attrs"]["href"] for a in dom.find("a", href="^#m")]
    assert sorted(links) == sorted(f"#{i}" for i in marks)
    cats = [h["text"] for h in dom.find("h3", class_="category")]
    assert cats == ["错别字（2）", "未替换占位符（1）", "错别字（1）"]
    items = [li["text"] for li in dom.find("li", class_="finding")]
    assert any("第3段（表1第1行第2列）" in t and "“布署”应为“部署”" in t for t in items)
    assert [s["text"] for s in dom.find("span", class_="cell")] == ["［表1第1行第1列］", "［表1第1行第2列］"]
    clean = [h for h in dom.find("h2") if "未发现问题" in h["text"]]
    assert clean and "clean.txt" in proc.stdout


def test_screenshot_shows_the_highlights(report, tmp_path):
    Image = pytest.importorskip("PIL.Image")
    shot = tmp_path / "shot.png"
    proc = chromium(tmp_path, "--window-size=1280,1000", f"--screenshot={shot}", report.as_uri())
    assert shot.exists(), proc.stderr
    img = Image.open(shot).convert("RGB")
    assert img.size == (1280, 1000)
    colours = img.getcolors(maxcolors=1 << 20)
    count = {rgb: n for n, rgb in colours}
    assert count.get((0x1F, 0x3A, 0x5F), 0) > 10_000     # the header bar
    assert count.get((0xFF, 0xC9, 0xC9), 0) > 100        # error highlights
    assert count.get((0xFF, 0xEC, 0x99), 0) > 30         # the warning highlight
