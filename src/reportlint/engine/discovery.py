"""Which files a run lints: files named directly as they are, folders walked for drafts."""
from __future__ import annotations

import os

from reportlint.files.reading import WORD
from reportlint.model.errors import InputError
from reportlint.model.messages import t

SUFFIXES = (".txt", ".md", ".markdown", *WORD)
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


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
            elif e.name.lower().endswith(suffixes) and not e.name.startswith((".", "~$")):
                found.append(e.path)
        stack.extend(sorted(subdirs, reverse=True))
    return sorted(found)


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
