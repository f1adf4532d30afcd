"""files/decoding.py: BOMs, GB18030 and binary data."""
import codecs

import pytest

from reportlint.files.decoding import DecodeError, decode, encode


@pytest.mark.parametrize("codec,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                       ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_decode_boms_round_trip(codec, bom):
    data = bom + "法治政府建设\r\n".encode(codec)
    d = decode(data)
    assert d.text == "法治政府建设\r\n" and encode(d.text, d) == data


def test_decode_gb18030():
    data = "湾沟镇2024年度法治政府建设情况报告，全面贯彻落实习近平法治思想。".encode("gb18030") * 3
    d = decode(data)
    assert d.encoding == "gb18030" and d.text.startswith("湾沟镇") and encode(d.text, d) == data


def test_decode_binary_and_garbage():
    with pytest.raises(DecodeError):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
