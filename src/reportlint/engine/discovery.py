"""Which files a run lints: files named directly as they are, folders walked for drafts."""
from __future__ import annotations

import os

from reportlint.files.reading import WORD
from reportlint.model.errors import InputError
from reportlint.model.messages import t

SUFFIXES = (".txt", ".md", ".markdown", *WORD)
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}
# A repository's own documents are not reports: a folder walk leaves them out (named on the
# command line they are linted like any file).
REPOSITORY_DOCS = ("README", "CHANGELOG", "CHANGES", "HISTORY", "CONTRIBUTING", "LICENSE", "LICENCE",
                   "COPYING", "AUTHORS", "CODE_OF_CONDUCT", "SECURITY", "NOTICE")


def _repository_doc(name: str) -> bool:
    return name.split(".", 1)[0].upper() in REPOSITORY_DOCS


def walk(folder: str, errors: list[InputError], lang: str = "zh",
         suffixes: tuple[str, ...] = SUFFIXES) -> list[str]:
    """Files under `folder` with one of `suffixes`, sorted; hidden files and SKIP_DIRS left out.

    Iterative (a folder nested thousands deep is no RecursionError); symlinked folders are not
    followed (no loops); a file's type is judged when it is read (pipes are refused there)."""
    found: list[str] = []
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = list(it)
        except OSError as exc:
            errors.append(InputError(here, t("dir_unreadable", lang, detail=exc.strerror or str(exc))))
            continue
        subdirs = []
        for e in entries:
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if e.name not in SKIP_DIRS and not e.name.startswith("."):
                    subdirs.append(e.path)
            elif e.name.lower().endswith(suffixes) and not e.name.startswith((".", "~$")) \
                    and not _repository_doc(e.name):
                found.append(e.path)
        stack.extend(sorted(subdirs, reverse=True))
    return sorted(not_ignored(folder, found))


def not_ignored(folder: str, found: list[str]) -> list[str]:
    """`found` less what git ignores (.gitignore, .git/info/exclude, the global excludes) when
    `folder` is in a git work tree; git itself decides, so every rule of gitignore holds."""
    import shutil
    import subprocess
    if not found or shutil.which("git") is None:
        return found
    try:
        proc = subprocess.run(["git", "-C", folder, "ls-files", "-z", "--cached", "--others",
                               "--exclude-standard"], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return found
    if proc.returncode != 0:                  # not a work tree
        return found
    kept = {os.path.normpath(os.path.join(folder, os.fsdecode(rel)))
            for rel in proc.stdout.split(b"\0") if rel}
    return [f for f in found if os.path.normpath(f) in kept]


def discover(paths: list[str], errors: list[InputError], lang: str = "zh",
             suffixes: tuple[str, ...] = SUFFIXES) -> list[str]:
    """Files named directly are taken as they are; folders are walked for known suffixes."""
    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            out.extend(walk(p, errors, lang, suffixes))
        else:
            out.append(p)
    return list(dict.fromkeys(out))       # each file once, first place kept
