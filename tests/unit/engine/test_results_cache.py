"""The results cache: a second run answers from the cache with the same findings; changing any part
of the key (the file's bytes, a rule file, the configuration, an --against reference, reportlint's
version, Python's version) is a miss, so a stale answer is never served; entries are JSON in
SQLite, never read from a folder others may write; --no-cache and `reportlint clean`."""
from __future__ import annotations

import json
import os
import sqlite3
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.rulepacks import invoke, typo_rule, write_pack
from reportlint.engine import results_cache
from reportlint.engine.linter import Linter
from reportlint.engine.results_cache import ResultsCache
from reportlint.rulepacks import run as runner

DRAFT = "一、主要工作\n布署到位，XX镇完成任务。\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A git repository with a pack, a config naming it, a draft and a reference report."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_pack(root / "pack", typo_rule({"布署": "部署"}))
    (root / ".reportlint.yaml").write_text("packs: [./pack]\n", encoding="utf-8")
    (root / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (root / "ref.txt").write_text("去年的报告。\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    return root


def _key(root, against=("ref.txt",)) -> str:
    linter = Linter(against=list(against), cache=True)
    path = str(root / "draft.txt")
    return ResultsCache(linter, root / ".reportlint_cache").key(path, (root / "draft.txt").read_bytes(),
                                                                linter.config_for(path))


def _edit(root, part: str, extra: str, monkeypatch) -> None:
    if part == "file":
        with open(root / "draft.txt", "a", encoding="utf-8") as fh:
            fh.write(extra)
    elif part == "rule":
        rule = root / "pack" / "typo-pairs.yaml"
        rule.write_text(rule.read_text(encoding="utf-8").replace("布署: 部署", f"布署: 部署{extra}"),
                        encoding="utf-8")
    elif part == "config":
        with open(root / ".reportlint.yaml", "a", encoding="utf-8") as fh:
            fh.write(f"# {extra}\n")            # a comment: the file's bytes are the key
    elif part == "reference":
        with open(root / "ref.txt", "a", encoding="utf-8") as fh:
            fh.write(extra)
    elif part == "version":
        from reportlint.model import version
        monkeypatch.setattr(version, "__version__", version.__version__ + "+" + str(len(extra)) + extra)
    elif part == "python":
        monkeypatch.setattr(sys, "version", sys.version + extra)
    elif part == "pack data":                   # data a kind reads from its pack (a table template)
        data = root / "pack" / "tables" / "t.yaml"
        data.parent.mkdir(exist_ok=True)
        with open(data, "a", encoding="utf-8") as fh:
            fh.write(f"# {extra}\n")
    elif part == "new rule":
        from helpers.rulepacks import placeholder_rule
        (root / "pack" / f"leftover-{len(extra)}-{extra.encode().hex()}.yaml").write_text(
            placeholder_rule().replace("leftover-xx", f"leftover-{extra.encode().hex()}"), encoding="utf-8")


PARTS = ["file", "rule", "config", "reference", "version", "python", "pack data", "new rule"]
EXTRA = st.text(st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\"'\\:#{}[],&*!|>%@`"),
                min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.sampled_from(PARTS), extra=EXTRA)
def test_changing_any_part_of_the_key_is_a_miss(project, monkeypatch, part, extra):
    with monkeypatch.context() as m:
        before = _key(project)
        assert _key(project) == before                  # nothing changed: the same key (a hit)
        _edit(project, part, extra, m)
        assert _key(project) != before, part


def test_data_behind_a_linked_folder_in_a_pack_is_part_of_the_key(project, tmp_path):
    outside = tmp_path / "shared-tables"             # a pack's tables kept elsewhere and linked in
    outside.mkdir()
    (outside / "t.yaml").write_text("a: 1\n", encoding="utf-8")
    (project / "pack" / "tables").symlink_to(outside, target_is_directory=True)
    (outside / "loop").symlink_to(project / "pack", target_is_directory=True)   # walked once, no hang
    before = _key(project)
    (outside / "t.yaml").write_text("a: 2\n", encoding="utf-8")
    assert _key(project) != before


def test_the_against_list_is_part_of_the_key(project):
    assert _key(project, ()) != _key(project)


def _run(args=(), fmt="json"):
    code, out, _err = invoke(["check", "--format", fmt, *args, "draft.txt"])
    return code, out


def test_a_second_run_answers_from_the_cache(project, monkeypatch):
    first = _run()
    assert json.loads(first[1])["findings"]
    assert (project / ".reportlint_cache" / results_cache.DB).exists()
    assert (project / ".reportlint_cache" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")

    def no_lint(*a, **k):
        raise AssertionError("linted although the cache knows the file")
    monkeypatch.setattr(runner, "run_rule", no_lint)
    assert _run() == first
    assert _run(fmt="text")[1].startswith("draft.txt:2:1")     # the source lines come from the file


def test_a_run_the_cache_answers_whole_loads_no_rule_and_reads_no_document(project, monkeypatch):
    from reportlint.engine import linter as engine_linter
    from reportlint.rulepacks import loader
    (project / "two.txt").write_text("二、存在问题\nXX村布署不够。\n", encoding="utf-8")
    for fmt in ("json", "text", "sarif", "github"):
        first = invoke(["check", "--format", fmt, "draft.txt", "two.txt"])
        bare = invoke(["check", "--format", fmt, "--no-source", "--no-cache", "draft.txt", "two.txt"])
        with monkeypatch.context() as m:
            m.setattr(loader, "load_packs", lambda *a, **k: pytest.fail("rules loaded"))
            m.setattr(engine_linter, "read_document", lambda *a, **k: pytest.fail("document read"))
            if fmt != "sarif":               # SARIF describes the rules: it loads them
                assert invoke(["check", "--format", fmt, "draft.txt", "two.txt"]) == first, fmt
                assert invoke(["check", "--format", fmt, "--no-source", "draft.txt", "two.txt"]) == bare, fmt
        assert invoke(["check", "--format", fmt, "draft.txt", "two.txt"]) == first, fmt


def test_a_pack_with_a_stray_file_still_warns_on_a_hit(project):
    (project / "pack" / "notes.txt").write_text("说明\n", encoding="utf-8")
    first = invoke(["check", "draft.txt"])
    assert "notes.txt: ignored" in first[2]
    assert invoke(["check", "draft.txt"]) == first


def test_an_edited_file_or_rule_is_linted_again(project):
    _run()
    (project / "draft.txt").write_text(DRAFT.replace("布署", "部署"), encoding="utf-8")
    assert json.loads(_run()[1])["findings"] == []
    rule = project / "pack" / "typo-pairs.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("布署: 部署", "部署: 布署"), encoding="utf-8")
    assert [f["suggestion"] for f in json.loads(_run()[1])["findings"]] == ["布署"]


def test_no_cache_neither_reads_nor_writes(project, monkeypatch):
    _run(["--no-cache"])
    assert not (project / ".reportlint_cache").exists()
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    _run()
    assert not (project / ".reportlint_cache").exists()


def test_many_files_in_workers_are_cached_by_the_parent(project, monkeypatch):
    for i in range(20):
        (project / f"d{i}.txt").write_text(DRAFT + "第" + str(i) + "条。\n", encoding="utf-8")
    args = ["check", "--format", "json", "-j", "2", "."]
    first = invoke(args)
    with sqlite3.connect(project / ".reportlint_cache" / results_cache.DB) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 22     # and ref.txt
    monkeypatch.setattr(runner, "run_rule", lambda *a, **k: pytest.fail("linted again"))
    assert invoke(args) == first


def test_entries_are_json_and_a_planted_one_in_a_shared_folder_is_ignored(project):
    _run()
    folder = project / ".reportlint_cache"
    with sqlite3.connect(folder / results_cache.DB) as db:
        (stored,) = db.execute("SELECT findings FROM results").fetchone()
        assert json.loads(stored)[0][5] == "typo-pairs"
        db.execute("UPDATE results SET findings = '[]'")        # what another user could plant
    folder.chmod(0o777)
    assert json.loads(_run()[1])["findings"]                    # not served: the folder is not private
    folder.chmod(0o700)
    assert json.loads(_run()[1])["findings"] == []              # ours again: served (the control)


def test_without_a_repository_the_user_cache_folder_is_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert results_cache.location(tmp_path) == tmp_path / "xdg" / "reportlint" / "results"


def test_clean_removes_the_caches(project):
    _run()
    code, out, _ = invoke(["clean", "--lang", "en"])
    assert code == 0 and ".reportlint_cache" in out
    assert not (project / ".reportlint_cache").exists()
    assert invoke(["clean", "--lang", "en"])[1].strip() == "no cache to remove"


def test_a_failed_rule_is_not_cached(project, monkeypatch):
    real = runner.run_rule
    monkeypatch.setattr(runner, "run_rule", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    assert _run()[0] == 2
    monkeypatch.setattr(runner, "run_rule", real)
    assert json.loads(_run()[1])["findings"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_a_database_owned_by_someone_else_is_ignored(project):
    _run()
    db = project / ".reportlint_cache" / results_cache.DB
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE results SET findings = '[]'")
    os.chown(db, 12345, 12345)
    assert json.loads(_run()[1])["findings"]
