"""The pre-commit hooks, run by the real pre-commit against a copy of this checkout.

pre-commit installs the hook the way users get it: it clones the hook repository at a commit
and `pip install`s it into a fresh virtualenv (one install, shared by the tests here). A
temporary git repository of drafts then shows that a bad draft blocks the commit and a
clean one passes. Needs git, pre-commit and a package index pip can reach.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from helpers.rulepacks import typo_rule, write_pack

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

IGNORE = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", ".pytest_cache", "*.egg-info",
                                "dist", "build", ".tox")
PACK = (typo_rule({'专武独断': '独断专行', '布署': '部署'}),)
BAD = "2024年某某镇法治政府建设情况报告\n一、主要工作\n杜绝个人意志专武独断。\n"
CLEAN = "2024年某某镇法治政府建设情况报告\n一、主要工作\n杜绝个人意志独断专行。\n"


def git(cwd, *args, env=None, check=True):
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=check, capture_output=True, text=True)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    e = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    e.update(PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
             GIT_AUTHOR_NAME="Tester", GIT_AUTHOR_EMAIL="t@example.org",
             GIT_COMMITTER_NAME="Tester", GIT_COMMITTER_EMAIL="t@example.org",
             GIT_CONFIG_NOSYSTEM="1", HOME=str(tmp_path_factory.mktemp("home")),
             # the user's pip cache, so the hook's virtualenv does not download again each run
             PIP_CACHE_DIR=os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip"))
    return e


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env):
    """This checkout's working tree (tracked and new files) committed into a fresh repository."""
    dest = tmp_path_factory.mktemp("hook-repo") / "reportlint"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True)
    if listed.returncode == 0 and listed.stdout:
        for rel in filter(None, listed.stdout.decode("utf-8").split("\0")):
            src = ROOT / rel
            if src.is_file():
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / rel)
    else:                                   # not a git checkout (e.g. an unpacked sdist)
        shutil.copytree(ROOT, dest, ignore=IGNORE)
    git(dest, "init", "-q", env=env)
    git(dest, "add", "-A", env=env)
    git(dest, "commit", "-q", "-m", "snapshot", env=env)
    return dest


@pytest.fixture
def drafts(tmp_path, env):
    repo = tmp_path / "drafts"
    (repo / "rules").mkdir(parents=True)
    write_pack(repo / "rules", *PACK)
    (repo / ".reportlint.yaml").write_text("packs: [./rules]\n", encoding="utf-8")
    git(repo, "init", "-q", env=env)
    git(repo, "add", ".", env=env)
    git(repo, "commit", "-q", "-m", "config", env=env)
    return repo


def pre_commit(repo, env, *args):
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def stage(repo, env, name, text):
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", name, env=env)


def test_manifest_is_valid_and_covers_the_draft_formats():
    import re

    import yaml
    res = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                          str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert set(hooks) == {"reportlint", "reportlint-fix"}
    assert "--fix" in hooks["reportlint-fix"]["entry"]
    assert hooks["reportlint"]["require_serial"] is True     # it runs its own workers
    for hook in hooks.values():
        wanted = [n for n in ("a.txt", "报告/b.md", "c.markdown", "d.docx", "e.doc", "f.py", "g.txt.bak",
                              "README.md", "docs/CHANGELOG.md", "LICENSE.txt", "readme-draft.md")
                  if re.search(hook["files"], n) and not re.search(hook["exclude"], n)]
        assert wanted == ["a.txt", "报告/b.md", "c.markdown", "d.docx", "readme-draft.md"]


def test_try_repo_blocks_a_bad_draft_and_passes_a_clean_one(hook_repo, drafts, env):
    stage(drafts, env, "报告/2024.txt", BAD)
    res = pre_commit(drafts, env, "try-repo", str(hook_repo), "reportlint", "--color", "never")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Failed" in res.stdout
    assert "报告/2024.txt:3:7: error [typo-pairs]" in res.stdout

    stage(drafts, env, "报告/2024.txt", CLEAN)
    res = pre_commit(drafts, env, "try-repo", str(hook_repo), "reportlint", "--color", "never")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Passed" in res.stdout


def test_try_repo_fix_hook_rewrites_the_draft(hook_repo, drafts, env):
    stage(drafts, env, "a.md", "# 2024年工作总结\n\n已布署到位。\n")
    res = pre_commit(drafts, env, "try-repo", str(hook_repo), "reportlint-fix", "--color", "never")
    assert res.returncode == 1                         # files were modified by this hook
    assert "files were modified by this hook" in res.stdout
    assert (drafts / "a.md").read_text(encoding="utf-8") == "# 2024年工作总结\n\n已部署到位。\n"


def test_installed_hook_stops_git_commit(hook_repo, drafts, env):
    rev = git(hook_repo, "rev-parse", "HEAD", env=env).stdout.strip()
    (drafts / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hook_repo.as_posix()}\n  rev: {rev}\n  hooks:\n  - id: reportlint\n",
        encoding="utf-8")
    git(drafts, "add", ".pre-commit-config.yaml", env=env)
    res = pre_commit(drafts, env, "install")
    assert res.returncode == 0, res.stderr

    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("2024年某某镇法治政府建设情况报告")
    d.add_paragraph("各项工作已布署到位。")
    d.save(drafts / "word.docx")
    stage(drafts, env, "a.txt", BAD)
    git(drafts, "add", "word.docx", env=env)
    res = git(drafts, "commit", "-m", "drafts", env=env, check=False)
    assert res.returncode != 0, res.stdout + res.stderr
    assert "a.txt:3:7: error [typo-pairs]" in res.stdout + res.stderr
    assert "word.docx:2:6: error [typo-pairs]" in res.stdout + res.stderr
    assert git(drafts, "log", "--oneline", env=env).stdout.count("\n") == 1   # nothing committed

    stage(drafts, env, "a.txt", CLEAN)
    d.paragraphs[1].text = "各项工作已部署到位。"
    d.save(drafts / "word.docx")
    git(drafts, "add", "word.docx", env=env)
    res = git(drafts, "commit", "-m", "drafts", env=env, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    assert git(drafts, "log", "--oneline", env=env).stdout.count("\n") == 2
