"""Bytes -> text, remembering what is needed to write the file back unchanged."""
from __future__ import annotations

import codecs
from typing import NamedTuple

BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A GB18030 reading in which more than this share of the Chinese characters lies outside
# GB2312 (the 6,763 characters of everyday text) is another encoding read wrongly (Big5 read
# as GB18030 gives mostly rare characters): the draft is refused with a request for --encoding.
MAX_RARE_SHARE = 0.2
MIN_RARE = 4
class DecodeError(Exception):
    """The bytes are not a text file we can read (binary, or no plausible encoding)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Decoded(NamedTuple):
    text: str
    encoding: str          # a Python codec name that re-encodes the text as it was
    bom: bytes = b""


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a draft: an explicit encoding, a BOM, strict UTF-8, then strict GB18030.

    No statistical guess: a short draft has too few bytes for one (a 20-byte GBK line passes
    as UTF-16 or Big5), and a wrong guess lints mojibake and reports it clean. Whatever is
    neither is an input error that asks for --encoding."""
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
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise DecodeError("undecodable") from None
    if _mostly_rare(text):
        raise DecodeError("undecodable")
    return Decoded(text, "gb18030")


def _mostly_rare(text: str) -> bool:
    cjk = [c for c in text if "\u3400" <= c <= "\u9fff"]
    rare = 0
    for c in cjk:
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare >= MIN_RARE and rare > MAX_RARE_SHARE * len(cjk)


def encode(text: str, decoded: Decoded) -> bytes:
    """Inverse of decode(): same codec, same BOM."""
    return decoded.bom + text.encode(decoded.encoding)
