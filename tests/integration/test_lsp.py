"""`reportlint lsp` driven as an editor drives it: JSON-RPC over stdio. Diagnostics on open, change
and save with rule id, severity and message; a quick fix for a fixable finding; hover with the
rule's explanation; the workspace's .reportlint.yaml; a burst of changes ends on the latest text."""
from __future__ import annotations

import os
import sys

import pytest

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")

from helpers.lsp_client import LspClient

DRAFT = "杜绝个人意志专武独断。\n投资XX亿元。\n"


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(workspace):
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(workspace / ".cache")}
    c = LspClient([sys.executable, "-m", "reportlint.cli", "lsp"], cwd=workspace, env=env)
    caps = c.initialize(workspace.as_uri())["capabilities"]
    assert caps["hoverProvider"] and caps["codeActionProvider"]
    yield c
    assert c.close() == 0


def _open(client, uri, text, version=1, language="plaintext"):
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language,
                                                              "version": version, "text": text}})


def test_diagnostics_on_open_change_and_save(client, workspace):
    uri = (workspace / "draft.txt").as_uri()
    _open(client, uri, DRAFT)
    _, diags = client.diagnostics(uri, 1)
    idiom = next(d for d in diags if d["code"] == "misused-idioms")
    assert idiom["severity"] == 1 and idiom["source"] == "reportlint"
    assert "独断专行" in idiom["message"]
    assert idiom["range"] == {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 10}}

    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 10}},
                            "text": "独断专行"}]})
    _, diags = client.diagnostics(uri, 2)
    assert "misused-idioms" not in {d["code"] for d in diags}

    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    _, diags = client.diagnostics(uri, 2)
    assert "misused-idioms" not in {d["code"] for d in diags}


def test_quick_fix_and_hover(client, workspace):
    uri = (workspace / "draft.txt").as_uri()
    _open(client, uri, DRAFT)
    _, diags = client.diagnostics(uri, 1)
    idiom = next(d for d in diags if d["code"] == "misused-idioms")
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": idiom["range"], "context": {"diagnostics": [idiom]}})
    (action,) = actions
    assert action["kind"] == "quickfix"
    assert action["edit"]["changes"][uri] == [{"range": idiom["range"], "newText": "独断专行"}]

    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 0, "character": 7}})
    value = hover["contents"]["value"]
    assert "misused-idioms" in value and "为什么" in value
    elsewhere = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                      "position": {"line": 0, "character": 1}})
    assert elsewhere is None or "misused-idioms" not in elsewhere["contents"]["value"]


def test_workspace_config_is_used_and_read_again_when_it_changes(client, workspace):
    uri = (workspace / "draft.txt").as_uri()
    config = workspace / ".reportlint.yaml"
    config.write_text("ignore: [misused-idioms]\n", encoding="utf-8")
    _open(client, uri, DRAFT)
    _, diags = client.diagnostics(uri, 1)
    assert diags and "misused-idioms" not in {d["code"] for d in diags}
    config.write_text("select: [misused-idioms]\n", encoding="utf-8")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": DRAFT}]})
    _, diags = client.diagnostics(uri, 2)
    assert {d["code"] for d in diags} == {"misused-idioms"}


def test_a_burst_of_changes_ends_on_the_latest_text(client, workspace):
    uri = (workspace / "draft.txt").as_uri()
    _open(client, uri, DRAFT)
    client.diagnostics(uri, 1)
    for v in range(2, 12):
        text = DRAFT if v < 11 else "杜绝个人意志独断专行。\n"
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v},
                                                 "contentChanges": [{"text": text}]})
    _, diags = client.diagnostics(uri, 11)
    assert "misused-idioms" not in {d["code"] for d in diags}


def test_markdown_positions_count_utf16_units_and_other_files_are_left_alone(client, workspace):
    md = (workspace / "notes.md").as_uri()
    _open(client, md, "𠀀杜绝个人意志专武独断。\n", language="markdown")
    _, diags = client.diagnostics(md, 1)
    idiom = next(d for d in diags if d["code"] == "misused-idioms")
    assert idiom["range"]["start"] == {"line": 0, "character": 8}     # 𠀀 is two UTF-16 units
    py = (workspace / "x.py").as_uri()
    _open(client, py, "print('专武独断')\n", language="python")
    with pytest.raises(TimeoutError):
        client.diagnostics(py, timeout=2)


def test_crlf_line_ends_keep_positions(client, workspace):
    uri = (workspace / "crlf.txt").as_uri()
    _open(client, uri, "第一行。\r\n第二行。\r\n杜绝个人意志专武独断。\r\n")
    _, diags = client.diagnostics(uri, 1)
    idiom = next(d for d in diags if d["code"] == "misused-idioms")
    assert idiom["range"]["start"] == {"line": 2, "character": 6}


def test_a_broken_config_is_one_diagnostic_not_a_crash(client, workspace):
    (workspace / ".reportlint.yaml").write_text("select: [misused-idioms\n", encoding="utf-8")
    uri = (workspace / "draft.txt").as_uri()
    _open(client, uri, DRAFT)
    _, diags = client.diagnostics(uri, 1)
    assert len(diags) == 1 and ".reportlint.yaml" in diags[0]["message"]
