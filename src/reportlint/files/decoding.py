"""Bytes -> text, remembering what is needed to write the file back unchanged."""
from __future__ import annotations

import codecs
from dataclasses import dataclass

BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# charset-normalizer guesses we trust for Chinese drafts; anything else is "undecodable".
TRUSTED_GUESSES = {"gb18030", "gbk", "gb2312", "big5", "hz", "utf_16", "utf_16_le", "utf_16_be"}


class DecodeError(Exception):
    """The bytes are not a text file we can read (binary, or no plausible encoding)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Decoded:
    text: str
    encoding: str          # a Python codec name that re-encodes the text as it was
    bom: bytes = b""


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a draft: an explicit encoding, a BOM, UTF-8, then GB18030 & co via charset-normalizer."""
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(f"cannot decode as {encoding}: {exc}") from None
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), codec, bom)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"broken {codec} text: {exc}") from None
    if b"\x00" in data[:8192]:
        raise DecodeError("binary")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for non-UTF-8 drafts

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16"]).best() \
        or from_bytes(data).best()
    if best is None or best.encoding not in TRUSTED_GUESSES:
        raise DecodeError("undecodable")
    codec = "gb18030" if best.encoding in {"gbk", "gb2312"} else best.encoding
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        raise DecodeError("undecodable") from None


def encode(text: str, decoded: Decoded) -> bytes:
    """Inverse of decode(): same codec, same BOM."""
    return decoded.bom + text.encode(decoded.encoding)
