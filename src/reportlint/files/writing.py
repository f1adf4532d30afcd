"""The one writer of every file reportlint writes (fixed drafts, reports, baselines): same
encoding, BOM and line ends; atomic; the original's owner, mode and extended attributes kept;
never over a file that changed since it was read, nor over a read-only one.

Every problem becomes an OutputError naming the file, with a message for the user.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections import Counter

from reportlint.files.decoding import Decoded, encode
from reportlint.files.reading import Stamp
from reportlint.model.document import Document
from reportlint.model.errors import OutputError
from reportlint.model.messages import t


def restore_line_ends(doc: Document, text: str) -> str:
    """Put the original line ends back into `text` (doc.source_text after fixes, "\n" line ends).

    A line the fixes kept keeps its own end; where fixes joined, split or rewrote lines, the
    new lines take the ends of the lines they replace, in order (a joined paragraph keeps the
    end of its last line), and the file's most common end when there are more new lines."""
    ends = doc.line_ends
    if not ends or all(e == "\n" for e in ends):
        return text
    new = text.split("\n")
    if len(new) == len(ends) + 1:
        new_ends = list(ends)
    else:
        from difflib import SequenceMatcher
        common = Counter(ends).most_common(1)[0][0]
        old = doc.source_text.split("\n")
        new_ends = []
        for tag, a1, a2, b1, b2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            block = ends[a1:a2]
            if tag == "equal":
                new_ends += block
            elif b2 > b1:
                picked = block[:b2 - b1 - 1] + [common] * (b2 - b1 - 1 - len(block[:b2 - b1 - 1]))
                new_ends += picked + ([block[-1]] if block else [common])
        new_ends += [common] * (len(new) - 1 - len(new_ends))
    out = []
    for line, end in zip(new, new_ends):
        out.append(line)
        out.append(end)
    out.append(new[-1])
    return "".join(out)


def replay_fixes(raw: str, passes: list[list[tuple[int, int, str]]]) -> str:
    """`raw` (a file's text with its own line ends) with the fixes of each pass applied; their
    offsets count every line end as one character, as Document.text does. Nothing outside a
    fixed span changes, so mixed CRLF/LF/CR survive any fix; a line end a fix adds is the
    file's most common one."""
    import re
    from bisect import bisect_left
    ends = Counter(re.findall(r"\r\n|\r|\n", raw))
    common = ends.most_common(1)[0][0] if ends else "\n"
    for fixes in passes:
        # the normalised offset of each CRLF: an offset maps to itself plus the CRLFs before it
        pairs = [m.start() - k for k, m in enumerate(re.finditer("\r\n", raw))]
        parts, last = [], 0
        for start, end, fix in fixes:
            a, b = start + bisect_left(pairs, start), end + bisect_left(pairs, end)
            parts += [raw[last:a], fix.replace("\n", common)]
            last = b
        raw = "".join(parts) + raw[last:]
    return raw


def to_bytes(doc: Document, text: str) -> bytes:
    return encode(restore_line_ends(doc, text), Decoded("", doc.encoding, doc.bom))


def _error(path: str, exc: OSError, lang: str) -> OutputError:
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return OutputError(path, t("no_space", lang))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(path, t("write_denied", lang, detail=exc.strerror))
    return OutputError(path, t("write_failed", lang, detail=exc.strerror or str(exc)))


def write_atomic(path: str, data: bytes, *, expect: Stamp | None = None, lang: str = "zh") -> None:
    """Write `data` to `path` through a temporary file in the same folder renamed over it.

    `expect`: the stamp of the file when it was read; if the file changed since, nothing is
    written (the user's edit wins). A symlink is followed (its target is replaced, the link
    stays); a new file gets the usual mode (0666 less the umask). A path that is a pipe or a
    device (-o /dev/stderr) is written to directly: there is nothing to replace. Raises OutputError.
    """
    real = os.path.realpath(path)
    folder = os.path.dirname(real)
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _error(path, exc, lang) from None
    if expect is not None and (st is None or Stamp.of(st) != expect):
        raise OutputError(path, t("changed_since_read", lang))
    if st is not None and not stat.S_ISREG(st.st_mode):
        if expect is None and not stat.S_ISDIR(st.st_mode):
            return _write_through(path, real, data, lang)
        raise OutputError(path, t("write_failed", lang, detail=t("is_dir", lang)
                                  if stat.S_ISDIR(st.st_mode) else "not a regular file"))
    if st is not None and (not st.st_mode & 0o222 or not os.access(real, os.W_OK)):
        raise OutputError(path, t("read_only", lang))
    if not os.path.isdir(folder):
        raise OutputError(path, t("no_folder", lang, folder=os.path.dirname(path) or "."))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".reportlint-", dir=folder)
    except OSError as exc:
        raise _error(path, exc, lang) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            _copy_metadata(st, real, tmp)
        except OwnerNotKept:
            raise OutputError(path, t("owner_not_kept", lang)) from None
        if expect is not None and Stamp.of(os.stat(real)) != expect:   # changed while we wrote
            raise OutputError(path, t("changed_since_read", lang))
        os.replace(tmp, real)
    except OSError as exc:
        _remove(tmp)
        raise _error(path, exc, lang) from None
    except BaseException:           # OutputError, Ctrl-C: never leave the temporary file behind
        _remove(tmp)
        raise


class OwnerNotKept(Exception):
    """The replacement could not be given the original's owner."""


def _copy_metadata(st: os.stat_result | None, original: str, tmp: str) -> None:
    """The original's mode, owner and extended attributes onto the replacement."""
    if st is None:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        return
    if hasattr(os, "chown") and (st.st_uid != os.geteuid() or st.st_gid != os.getegid()):
        # root fixing a user's file must not hand it to root; a user who may write another
        # user's file but not give files away cannot replace it without taking it over: refused
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            raise OwnerNotKept from None
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    if hasattr(os, "listxattr"):
        try:
            names = os.listxattr(original)
        except OSError:
            names = []
        for name in names:
            try:
                os.setxattr(tmp, name, os.getxattr(original, name))
            except OSError:       # e.g. security.* without the privilege: the rest still copied
                pass


def _write_through(path: str, real: str, data: bytes, lang: str) -> None:
    try:
        with open(real, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise _error(path, exc, lang) from None


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
