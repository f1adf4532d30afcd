"""Which files a run lints: files named directly as they are, folders walked for drafts."""
from __future__ import annotations

import os
from pathlib import Path

from reportlint.model.errors import InputError
from reportlint.model.messages import t

SUFFIXES = (".txt", ".md", ".markdown", ".docx")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


def discover(paths: list[str], errors: list[InputError], lang: str = "zh",
             suffixes: tuple[str, ...] = SUFFIXES) -> list[str]:
    """Files named directly are taken as they are; folders are walked for known suffixes."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            def onerror(exc, _p=p):
                errors.append(InputError(exc.filename or _p, t("dir_unreadable", lang, detail=exc.strerror)))
            found: list[str] = []
            for root, dirs, files in os.walk(path, onerror=onerror):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files
                             if f.lower().endswith(suffixes) and not f.startswith((".", "~$")))
            out.extend(sorted(found))
        else:
            out.append(p)
    return list(dict.fromkeys(out))       # each file once, first place kept
