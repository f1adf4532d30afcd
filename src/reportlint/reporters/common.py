"""Helpers the machine-readable reporters share: where a finding is, its fingerprint, paths."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from reportlint.model import re_code
from reportlint.model.display import unsurrogate
from reportlint.model.messages import t

# Characters XML 1.0 cannot hold (junit) and that CI log parsers choke on.
_XML_INVALID = re_code.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(s: str) -> str:
    return _XML_INVALID.sub("\ufffd", unsurrogate(s))


def deep_unsurrogate(obj):
    """A JSON-able value with every string made encodable (file names with undecodable bytes)."""
    if isinstance(obj, str):
        return unsurrogate(obj)
    if isinstance(obj, list):
        return [deep_unsurrogate(v) for v in obj]
    if isinstance(obj, dict):
        return {deep_unsurrogate(k): deep_unsurrogate(v) for k, v in obj.items()}
    return obj


MAX_MARKED_LINES = 3     # a finding about a longer passage is marked on its first line only


def marked_lines(f) -> tuple[int, int]:
    """First and last line an annotation marks: a finding about a whole passage (a paragraph
    copied twice, a section) is marked on its first line, not across 50 lines of the page."""
    return f.line, f.end_line if f.end_line - f.line < MAX_MARKED_LINES else f.line


def document(result, f):
    return result.documents.get(f.path)


def location(result, f) -> str | None:
    """"第12段（表1第2行第3列）" for a finding in a Word file, else None."""
    doc = document(result, f)
    return doc.where(f.line) if doc is not None else None


def message(result, f, lang: str = "zh") -> str:
    """The message with its suggestion and, for Word files, the paragraph."""
    text = f.message
    if f.suggestion:
        text += f"（{t('suggest', lang, s=f.suggestion)}）" if lang == "zh" else \
            f" ({t('suggest', lang, s=f.suggestion)})"
    where = location(result, f)
    if where:
        text += f" ［{where}］"
    return unsurrogate(text)


def fingerprint(result, f) -> str:
    from reportlint.model.finding import content_hash
    return content_hash(f, document(result, f))


def root() -> Path:
    """The folder CI paths are relative to: the checkout (GITHUB_WORKSPACE, CI_PROJECT_DIR) or
    the git work tree around the working directory, else the working directory. Annotations
    from a run in a subfolder then still point at the right file."""
    cwd = Path.cwd()
    for var in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        value = os.environ.get(var)
        if value and (cwd == Path(value) or Path(value) in cwd.parents):
            return Path(value)
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def posix(path: str) -> str:
    """A path as CI tools want it: relative to the repository root (root()) when inside it,
    "/" separators (undecodable bytes of a file name shown as \\xNN)."""
    return unsurrogate(_posix(path))


def _posix(path: str, base: Path | None = None) -> str:
    if path in ("-", "<stdin>"):
        return "<stdin>"
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(base or root()).as_posix()
    except ValueError:
        return absolute.as_posix()


def uri(path: str) -> str:
    """A URI reference for SARIF: percent-encoded relative path, or a file: URI when absolute."""
    rel = _posix(path)
    if Path(rel).is_absolute():
        return "file://" + quote(os.fsencode(rel), safe="/")
    return quote(os.fsencode(rel), safe="/")     # the file name's own bytes, percent-encoded
