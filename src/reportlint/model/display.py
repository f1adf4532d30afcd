"""Text from drafts and file names on its way to a terminal, a CI log or a report: the one
sanitizer. A draft or a file name is data, never a command to the reader's terminal.

`printable`: control characters (ANSI/OSC escapes, carriage returns, line breaks in a file
name), bidirectional controls (a U+202E that reverses what follows) and lone surrogates (the
undecodable bytes of a file name) are shown escaped, as Python writes them: `\\x1b`, `\\n`,
`\\u202e`, `\\xff` (an undecodable byte). `unsurrogate`: only the lone surrogates, for formats
that escape controls themselves (JSON, XML) but must stay valid UTF-8.
"""
from __future__ import annotations

import re

from reportlint.model.lazy_pattern import LazyPattern

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNPRINTABLE = LazyPattern(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
_SURROGATE = LazyPattern("[\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    c = m.group()
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:            # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    if c == "\n":
        return "\\n"
    if c == "\r":
        return "\\r"
    return f"\\x{n:02x}" if n <= 0xFF else f"\\u{n:04x}"


def printable(s: str) -> str:
    """`s` safe to print on one line of a terminal or CI log."""
    if s.isprintable():     # every character _UNPRINTABLE escapes is not (its pattern costs ~3 ms to compile)
        return s
    return _UNPRINTABLE.sub(_escape, s) if _UNPRINTABLE.search(s) else s


def unsurrogate(s: str) -> str:
    """`s` without lone surrogates (escaped as printable does), so it encodes as UTF-8."""
    return _SURROGATE.sub(_escape, s) if _SURROGATE.search(s) else s


def has_bidi(s: str) -> bool:
    return bool(re.search(f"[{BIDI_CONTROLS}]", s))
