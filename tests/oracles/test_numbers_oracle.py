"""numbers.py's fast forms against the plain ones: the pattern without its first-character
lookahead, paragraphs_with against a filter over every paragraph, the split of Arabic figures
against the regex it replaced, and sentence_start/sentence_end (one scan) against a find per mark."""
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.drafts import SETTINGS, drafts

_FIGURE_PIECES = st.lists(st.one_of(
    st.sampled_from(list("0123456789０１２３４５６７８９.,．%％ 　第") + ["人次", "场次", "平方米", "年", "件", "万元"]),
    st.sampled_from(list("近约逾超过不足到将接大百分之零〇○一二两三四五六七八九十千万亿点余多以上下左右内")),
    st.characters()), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_FIGURE_PIECES, st.integers(0, 5))
def test_first_character_lookahead_changes_no_match(text, start):
    """_NUMBER starts with a lookahead naming the characters a figure can start with (a speed-up):
    it must find exactly what the pattern without it finds."""
    import re

    from reportlint.kinds._lib import numbers
    lookahead = "(?=[" + numbers._FIRST_CHARS + "])"
    assert numbers._NUMBER.pattern.startswith(lookahead)
    plain = re.compile(numbers._NUMBER.pattern[len(lookahead):])
    start = min(start, len(text))
    assert [(m.span(), m.groups()) for m in numbers._NUMBER.finditer(text, start)] == \
        [(m.span(), m.groups()) for m in plain.finditer(text, start)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["化解率100%", "1项，均", "共3件", "一名", "。", "\n", "\n\n", "一、总体情况\n",
                                 "20", "%", "，", "排查22起", "12.5％", "　　"]), max_size=30).map("".join))
def test_paragraphs_with_skips_only_paragraphs_without_a_wanted_figure(text):
    from reportlint.kinds._lib.numbers import numbers_between, paragraphs_with
    from reportlint.model.document import Document
    doc = Document(text, "draft.txt")
    for wanted in (lambda n: n.percent, lambda n: n.is_count and n.numeral in ("1", "一")):
        expected = [(p, numbers_between(doc, p.start, p.end)) for p in doc.paragraphs]
        expected = [(p, nums) for p, nums in expected if any(wanted(n) for n in nums)]
        assert list(paragraphs_with(doc, wanted)) == expected


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789０９,.．十百千万亿点一a%") + ["", " "]), max_size=8).map("".join))
def test_arabic_parts_split_like_the_pattern_they_replaced(s):
    import re

    from reportlint.kinds._lib.numbers import _arabic_parts
    m = re.fullmatch(r"([0-9０-９,.．]+)([十百千万亿]{0,2})", s)
    assert _arabic_parts(s) == (m.groups() if m else None)


# ---- sentence_start / sentence_end: one scan, same answer as a find per mark ----------------------
def _start_ref(text, pos, floor=0):
    from reportlint.kinds._lib.numbers import SENTENCE_MARKS
    return max([floor] + [text.rfind(m, floor, pos) + 1 for m in SENTENCE_MARKS if text.rfind(m, floor, pos) >= 0])


def _end_ref(text, pos, ceiling=None):
    from reportlint.kinds._lib.numbers import SENTENCE_MARKS
    ceiling = len(text) if ceiling is None else ceiling
    return min([ceiling] + [i for m in SENTENCE_MARKS if (i := text.find(m, pos, ceiling)) >= 0])


@SETTINGS
@given(drafts, st.data())
def test_sentence_bounds_match_the_reference(text, data):
    from reportlint.kinds._lib.numbers import sentence_end, sentence_start
    n = len(text)
    pos = data.draw(st.integers(0, n))
    floor = data.draw(st.integers(0, pos))
    ceiling = data.draw(st.integers(pos, n))
    assert sentence_start(text, pos, floor) == _start_ref(text, pos, floor)
    assert sentence_start(text, pos) == _start_ref(text, pos)
    assert sentence_end(text, pos, ceiling) == _end_ref(text, pos, ceiling)
    assert sentence_end(text, pos) == _end_ref(text, pos)
