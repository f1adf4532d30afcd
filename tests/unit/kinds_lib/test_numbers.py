"""numbers.py: figures in running text -> Decimal, with spans, units and qualifiers."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.kinds._lib.numbers import (
    find_numbers,
    parse_chinese,
    parse_numeral,
    phrase_before,
    sentence_end,
    sentence_start,
)


@pytest.mark.parametrize("written,value", [
    ("1,234", 1234), ("１２３", 123), ("3.5万", 35000), ("三十六", 36), ("两万", 20000),
    ("12.5%", Decimal("12.5")), ("百分之十二点五", Decimal("12.5")), ("二〇二四", 2024),
    ("一千二百三十四", 1234), ("十二", 12), ("1.2亿", 120_000_000), ("９８．５％", Decimal("98.5")),
])
def test_parse_numeral(written, value):
    assert parse_numeral(written) == Decimal(value)


@pytest.mark.parametrize("written", ["", "abc", "统一", "1.2.3"])
def test_parse_numeral_rejects(written):
    assert parse_numeral(written) is None


def _one(text):
    (n,) = find_numbers(text)
    return n


def test_figure_with_unit_and_qualifiers():
    n = _one("发放宣传资料1500余份")
    assert (n.numeral, n.unit, n.approx, n.value) == ("1500", "份", "余", 1500)
    assert not n.exact and n.lower == 1500 and n.upper == 1600
    n = _one("化解率95%以上")
    assert n.percent and n.suffix == "以上" and n.upper is None and n.lower == 95
    n = _one("近30场次")
    assert n.prefix == "近" and n.unit == "场次" and n.lower < 30 < n.upper
    n = _one("两万余人次")
    assert n.chinese and n.unit == "人次" and n.value == 20000 and n.upper == 30000


def test_spans_cover_qualifiers_and_unit():
    text = "排查 22 起，化解率达 100%"
    first, second = find_numbers(text)
    assert text[first.start:first.end] == "22 起" and first.unit == "起"
    assert text[second.num_start:second.end] == "100%"


@pytest.mark.parametrize("text", [
    "一是统一思想", "百姓千家万户", "第十四次党代会", "GB/T15834", "v2", "万人",
])
def test_words_that_are_not_figures(text):
    assert not [n for n in find_numbers(text) if n.chinese or n.unit]


def test_chinese_numerals_need_a_unit():
    assert [n.value for n in find_numbers("一是加强学习，开展三十六场")] == [36]


def test_phrase_and_sentence_helpers():
    text = "全年排查纠纷22起，化解20起。化解率90.9%。"
    nums = find_numbers(text)
    assert phrase_before(text, nums[1].start) == "化解"
    assert phrase_before(text, nums[2].start) == "化解率"
    assert sentence_start(text, nums[2].start) == text.index("化解率")
    assert sentence_end(text, 0) == text.index("。")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_round_trip(n):
    assert parse_numeral(str(n)) == n
    assert parse_numeral(f"{n:,}") == n
    full = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_numeral(full) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**8))
def test_chinese_round_trip(n):
    import cn2an
    assert parse_chinese(cn2an.an2cn(n)) == n


def test_small_chinese_numerals_do_not_import_cn2an():
    import subprocess
    import sys
    code = ("import sys; from reportlint.kinds._lib.numbers import find_numbers;"
            "ns = find_numbers('开展三十六场，四个意识，两项制度，十二人');"
            "print([int(n.value) for n in ns], 'cn2an' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[36, 4, 2, 12] False"
