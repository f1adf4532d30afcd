"""Write a file back: same encoding, BOM and line ends, atomically."""
from __future__ import annotations

import os
import tempfile
from collections import Counter

from reportlint.files.decoding import Decoded, encode
from reportlint.model.document import Document


def restore_line_ends(doc: Document, text: str) -> str:
    """Put the original line ends back (each line its own when the line count is unchanged)."""
    ends = doc.line_ends
    if not ends or all(e == "\n" for e in ends):
        return text
    lines = text.split("\n")
    if len(lines) == len(ends) + 1:
        out = []
        for line, end in zip(lines, ends):
            out.append(line)
            out.append(end)
        out.append(lines[-1])
        return "".join(out)
    common = Counter(ends).most_common(1)[0][0]
    return text.replace("\n", common)


def to_bytes(doc: Document, text: str) -> bytes:
    return encode(restore_line_ends(doc, text), Decoded("", doc.encoding, doc.bom))


def write_atomic(path: str, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename it over the original.

    A symlink is followed (the file it points to is replaced, the link stays); the original's
    permissions are kept, and a new file gets the usual ones (0666 less the umask), not 0600.
    """
    path = os.path.realpath(path)
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix=".reportlint-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        try:
            os.chmod(tmp, mode)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
