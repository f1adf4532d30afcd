"""--annotate / --annotate-dir (a reviewed copy with one Word comment per finding) and
--fix --track-changes (fixes as revisions), through the command line."""
import json

import pytest

docx = pytest.importorskip("docx")

from helpers.rulepacks import invoke  # noqa: E402
from helpers.word import W, clerk_draft, comments_with_anchors  # noqa: E402
from reportlint.files.docx import paragraphs  # noqa: E402


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    clerk_draft(tmp_path / "draft.docx")
    return tmp_path / "draft.docx"


def run(*args):
    return invoke(["check", "--isolated", "--no-color", *args])


def test_annotate_writes_a_reviewed_copy_and_leaves_the_draft(draft, tmp_path):
    before = draft.read_bytes()
    code, out, err = run("--format", "json", "--annotate", "draft.docx")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert draft.read_bytes() == before
    reviewed = tmp_path / "draft.reviewed.docx"
    assert f"已写出带批注的文件 {reviewed.name}（{len(findings)} 条批注）" in err
    got = comments_with_anchors(reviewed)
    assert len(got) == len(findings)
    lines = [p.text for p in paragraphs(docx.Document(str(draft)))]
    for f in findings:
        quoted = lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]
        assert any(anchored == quoted and f["message"] in text for _, text, anchored in got), f
    # linting the reviewed copy gives the same findings: comments change no text
    code, out2, _ = run("--format", "json", "draft.reviewed.docx")
    assert [(f["line"], f["column"], f["rule"]) for f in json.loads(out2)["findings"]] == \
           [(f["line"], f["column"], f["rule"]) for f in findings]


def test_annotate_dir_text_drafts_and_walked_folders(draft, tmp_path):
    (tmp_path / "a.txt").write_text("2024年某某镇法治政府建设情况报告\n杜绝个人意志专武独断。\n", encoding="utf-8")
    code, _, err = run("--annotate-dir", "out", ".")
    assert code == 1, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.reviewed.docx", "draft.reviewed.docx"]
    got = comments_with_anchors(tmp_path / "out" / "a.reviewed.docx")
    assert any(a == "专武独断" for _, _, a in got)
    # a second run over the folder does not review the reviewed copies
    run("--annotate", ".")
    code, _, err = run("--annotate", ".")
    assert not list(tmp_path.glob("*.reviewed.reviewed.docx")), err


def test_annotate_refuses_fix_and_stdin(draft):
    code, _, err = run("--annotate", "--fix", "draft.docx")
    assert code == 2 and "--annotate" in err
    code, _, err = invoke(["check", "--isolated", "--annotate", "-"], input="杜绝专武独断。\n")
    assert code == 2 and "标准输入无法写批注文件" in err


def test_fix_track_changes_writes_revisions(draft):
    code, _, err = run("--track-changes", "draft.docx")
    assert code == 2 and "--track-changes" in err
    code, out, _ = run("--fix", "--track-changes", "draft.docx")
    body = docx.Document(str(draft)).element.body
    ours = [el for el in body.iter(W + "ins", W + "del") if el.get(W + "author") == "reportlint"]
    deleted = {"".join(t.text for t in el.iter(W + "delText")) for el in ours if el.tag == W + "del"}
    inserted = {"".join(t.text for t in el.iter(W + "t")) for el in ours if el.tag == W + "ins"}
    assert {"专武独断", "布署", "按排"} <= deleted
    assert {"独断专行", "部署", "安排"} <= inserted
    # Word shows the fixed text, so linting it again finds no fixable typo left
    code, out, _ = run("--format", "json", "draft.docx")
    assert not [f for f in json.loads(out)["findings"] if f["fix"] and f["rule"] == "misspelled-words"]
