"""reportlint serve's JSON API on 127.0.0.1: /api/lint gives the JSON of --format json,
/api/annotate the reviewed .docx; limits, broken files and bad forms get a message, not a 500."""
import io
import json

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
docx = pytest.importorskip("docx")

from helpers.rulepacks import invoke  # noqa: E402
from helpers.serving import post, post_json, running  # noqa: E402
from helpers.word import clerk_draft, comments_with_anchors  # noqa: E402
from reportlint.engine.linter import Linter  # noqa: E402
from reportlint.server import create_app  # noqa: E402


@pytest.fixture(scope="module")
def base():
    with running(create_app(Linter(isolated=True), max_bytes=200_000, hosts=["127.0.0.1"])) as url:
        yield url


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "draft.docx"
    clerk_draft(path)
    return path


def test_lint_gives_the_cli_json(base, draft, monkeypatch):
    status, got = post_json(base + "/api/lint", files={"file": ("draft.docx", draft.read_bytes())})
    assert status == 200
    monkeypatch.chdir(draft.parent)
    _, out, _ = invoke(["check", "--isolated", "--format", "json", "draft.docx"])
    assert got == json.loads(out)


def test_pasted_text_with_year_and_unit(base):
    text = "杜绝个人意志专武独断。全年召开会议3次。"
    status, got = post_json(base + "/api/lint", fields={"text": text, "year": "2024", "unit": "青石镇"})
    assert status == 200
    assert any(f["rule"] == "misused-idioms" and f["path"] == "<text>" for f in got["findings"])
    status, got = post_json(base + "/api/lint", fields={"text": text, "year": "abc"})
    assert status == 400 and "abc" in got["error"]


def test_annotate_returns_the_reviewed_docx(base, draft, tmp_path):
    status, headers, body = post(base + "/api/annotate", files={"file": ("draft.docx", draft.read_bytes())})
    assert status == 200
    assert "draft.reviewed.docx" in headers["content-disposition"]
    (tmp_path / "r.docx").write_bytes(body)
    got = comments_with_anchors(tmp_path / "r.docx")
    assert any(a == "专武独断" and author == "reportlint" for author, _, a in got)
    status, headers, body = post(base + "/api/annotate", fields={"text": "杜绝专武独断。"})
    assert status == 200 and docx.Document(io.BytesIO(body)).comments


def test_messages_instead_of_errors(base):
    status, got = post_json(base + "/api/lint", files={"file": ("big.txt", "字".encode() * 100_000)})
    assert status == 413 and "上限" in got["error"]
    status, got = post_json(base + "/api/lint", files={"file": ("broken.docx", b"PK\x03\x04 not really a zip")})
    assert status == 400 and "broken.docx" in got["error"] and "Word" in got["error"]
    status, got = post_json(base + "/api/lint", files={"file": ("x.exe", b"MZ")})
    assert status == 400 and "不支持的文件类型" in got["error"]
    status, got = post_json(base + "/api/lint", fields={"text": "   "})
    assert status == 400 and "请选择文件或粘贴文字" in got["error"]
    status, got = post_json(base + "/api/lint", files={"file": ("empty.txt", b"")})
    assert status == 400 and "empty.txt" in got["error"]


def test_page_headers_forbid_foreign_scripts(base):
    import urllib.request
    with urllib.request.urlopen(base + "/", timeout=10) as resp:
        csp = resp.headers["Content-Security-Policy"]
        page = resp.read().decode()
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert '<script src="/static/page.js"' in page
    req = urllib.request.Request(base + "/", headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 400


def test_serve_without_the_extra_says_how_to_install(monkeypatch):
    import builtins
    real = builtins.__import__

    def no_server(name, *args, **kw):
        if name == "reportlint.server":
            raise ImportError("No module named 'starlette'")
        return real(name, *args, **kw)
    monkeypatch.setattr(builtins, "__import__", no_server)
    code, _, err = invoke(["serve", "--isolated"])
    assert code == 2 and 'pip install "reportlint[serve]"' in err
