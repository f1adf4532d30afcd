"""Shortcuts of the punctuation kinds against the searches they skip."""
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.kinds._cjk import URL_RX
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
