"""Bytes of one input -> Document: the one reader of every file reportlint reads (drafts, Word
files, rule files, configurations, baselines, --against reports), then decoding and Word.

Only regular files are read: a named pipe, a device (/dev/zero) or a socket is refused from its
`stat`, never opened for reading (opening a pipe blocks; a device never ends). Reading stops at
a size limit, so a file that grows, or lies about its size, cannot exhaust memory. Every problem
becomes an InputError with a message for the user, so one bad file never stops the others.
"""
from __future__ import annotations

import os
import stat
import sys
from typing import NamedTuple

from reportlint.files.decoding import DecodeError, decode
from reportlint.model.document import Document
from reportlint.model.errors import InputError
from reportlint.model.lines import INDENT
from reportlint.model.messages import t

# A draft is ~10 KB and a year's reports of a county ~1 MB; the run time grows with the text
# (a 7.4 MB file: ~5 s), so anything bigger is a dump or a data file: refuse it quickly.
MAX_BYTES = 8 * 1024 * 1024
# Rule files and configurations are a few KB; baselines of a large repository a few MB.
MAX_CONFIG_BYTES = 1024 * 1024
MAX_BASELINE_BYTES = 64 * 1024 * 1024


class Stamp(NamedTuple):
    """What a file looked like when it was read: the writer refuses to replace it if it changed.
    (Named tuples here and in files/decoding: a @dataclass costs ~1 ms to create, every run.)"""
    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Stamp:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_file(path: str, lang: str = "zh", limit: int = MAX_BYTES) -> tuple[bytes, Stamp]:
    """The bytes of a regular file (symlinks followed) and its stamp; InputError otherwise."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, t("unreadable", lang, detail=t("is_dir", lang)))
        if not stat.S_ISREG(st.st_mode):
            raise InputError(path, t("not_regular", lang, kind=_kind(st.st_mode)))
        if st.st_size > limit:
            raise InputError(path, _too_big(st.st_size, limit, lang))
        # O_NONBLOCK: if a pipe took the file's place since the stat, opening it does not hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InputError(path, t("not_regular", lang, kind=_kind(st.st_mode)))
            data = fh.read(limit + 1)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(path, t("missing", lang)) from None
    except RecursionError:
        raise InputError(path, t("unreadable", lang, detail="symlink loop")) from None
    except OSError as exc:
        raise InputError(path, t("unreadable", lang, detail=exc.strerror or str(exc))) from None
    except ValueError as exc:           # a NUL byte in the name
        raise InputError(path, t("unreadable", lang, detail=str(exc))) from None
    if len(data) > limit:
        raise InputError(path, _too_big(len(data), limit, lang))
    return data, Stamp.of(st)


def _too_big(size: int, limit: int, lang: str) -> str:
    mb = 2 ** 20
    if limit >= mb:
        return t("too_big", lang, size=f"{size / mb:.1f}".removesuffix(".0"), limit=limit // mb)
    return t("too_big_kb", lang, size=f"{size / 1024:.0f}", limit=limit // 1024)


def read_stdin(lang: str = "zh", limit: int = MAX_BYTES) -> bytes:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError("<stdin>", _too_big(len(data), limit, lang))
    return data

# Word-processor files LibreOffice turns into .docx first (files/convert.py).
CONVERTED = (".doc", ".wps", ".wpt", ".dot", ".odt", ".rtf")
WORD = (".docx", *CONVERTED)


def read_bytes(path: str, lang: str = "zh") -> bytes:
    """A draft's bytes ("-": standard input)."""
    return read_stdin(lang) if path == "-" else read_file(path, lang)[0]


def read_text_file(path: str, lang: str = "zh", limit: int = MAX_CONFIG_BYTES) -> str:
    """A UTF-8 text file the user configures reportlint with (rule file, configuration)."""
    data, _ = read_file(path, lang, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, t("not_utf8", lang, detail=exc)) from None


def is_word(path: str) -> bool:
    return path.lower().endswith(WORD)


def is_converted(path: str) -> bool:
    return path.lower().endswith(CONVERTED)


def word_bytes(path: str, data: bytes, lang: str = "zh") -> bytes:
    """The .docx bytes of a Word draft: .docx as it is, the others converted by LibreOffice."""
    if not is_converted(path):
        return data
    if not data:
        raise InputError(path, t("empty", lang))
    from reportlint.files.convert import to_docx
    return to_docx(path, data, lang)


def read_document(path: str, data: bytes, *, encoding: str | None = None,
                  year: int | None = None, unit: str | None = None, lang: str = "zh",
                  references: tuple[Document, ...] = ()) -> Document:
    """Bytes of one input -> Document; raises InputError with a message for the user."""
    if is_word(path):
        from reportlint.files.docx import read_docx  # python-docx only for Word drafts
        return read_docx(path, word_bytes(path, data, lang), year=year, unit=unit, lang=lang,
                         references=references)
    if not data:
        raise InputError(path, t("empty", lang))
    try:
        decoded = decode(data, encoding)
    except DecodeError as exc:
        if encoding:
            raise InputError(path, t("decode_as", lang, encoding=encoding, detail=exc.reason)) from None
        raise InputError(path, t("binary" if exc.reason == "binary" else "undecodable", lang)) from None
    if not decoded.text.strip(INDENT + "\r\n\ufeff\u200b"):
        raise InputError(path, t("blank", lang))
    return Document(decoded.text, path, encoding=decoded.encoding, bom=decoded.bom,
                    year=year, unit=unit, references=references)
