"""Shortcuts of the punctuation kinds against the searches they skip."""
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.kinds._lib.cjk import URL_RX
from reportlint.kinds.halfwidth_punctuation import _may_hold_url

PIECES = ["http", "ftp", "://", "www", ".", "@", "gov", "edu", "cn", "a", "9", "-", "/", "工作", " "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
@example("a@a.cn")
@example("见 xx.gov.cn/a")
@example("www.a")
def test_a_line_without_url_parts_holds_no_url(line):
    if not _may_hold_url(line):
        assert URL_RX.search(line) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list(',:;?!."()') + ["工作", "提", "a", "B", "1", "2", " ", "\t", "，", "（", "）", "”",
                                                     "\u3000", "http://x.cn", "。"]), max_size=16).map("".join))
def test_halfwidth_items_between_han_take_the_general_path_s_result(line):
    from reportlint.kinds import halfwidth_punctuation as hp
    fast = list(hp._line_items(line, 7, []))
    shortcut = hp._BETWEEN_HAN
    hp._BETWEEN_HAN = ""           # without the shortcut every mark takes the general path
    try:
        general = list(hp._line_items(line, 7, []))
    finally:
        hp._BETWEEN_HAN = shortcut
    assert fast == general
