"""model/display.printable: what a draft or a file name puts on a terminal is escaped."""
from reportlint.model import display


def test_escapes_controls_bidi_and_undecodable_bytes():
    assert display.printable("a\x1b[31mb") == "a\\x1b[31mb"
    assert display.printable("名\n字\r") == "名\\n字\\r"
    assert display.printable("x\u202ey") == "x\\u202ey"
    assert display.printable("f\udcffg") == "f\\xffg"
    assert display.printable("法治政府建设\u3000报告\t1") == "法治政府建设\u3000报告\t1"


def test_the_shortcut_for_printable_text_skips_nothing_the_pattern_escapes():
    """printable() returns a str.isprintable() text as it is: no character the pattern escapes
    is printable (every code point checked)."""
    escaped = [c for c in map(chr, range(0x110000)) if display._UNPRINTABLE.search(c)]
    assert len(escaped) > 2000 and not any(c.isprintable() for c in escaped)
