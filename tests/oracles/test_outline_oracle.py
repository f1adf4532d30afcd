"""The outline's one-pass section ends and the kinds' range look-ups against the plain scans they
replaced (both were quadratic on drafts with many headings)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.drafts import drafts
from reportlint.kinds._lib.ranges import Ranges
from reportlint.model.document import Document

SOME = settings(max_examples=300, deadline=None)
HEADINGS = st.lists(st.sampled_from(["一、总体情况\n", "（二）主要做法\n", "3. 具体措施\n", "（4）细目\n",
                                     "## 小节\n", "# 大节\n", "正文一句。\n", "二、明年打算\n"]),
                    max_size=40).map("".join)


def plain_section_ends(doc: Document) -> list[int]:
    """Each heading's section runs up to the next heading at its level or above."""
    heads, ends = doc.headings, []
    for i, h in enumerate(heads):
        end = len(doc.text)
        for later in heads[i + 1:]:
            if later.level <= h.level:
                end = doc.line_starts[later.line - 1]
                break
        ends.append(end)
    return ends


@SOME
@given(st.one_of(HEADINGS, drafts), st.booleans())
def test_section_ends_match_the_scan_of_later_headings(text, markdown):
    doc = Document(text, "x.md" if markdown else "x.txt")
    assert [h.section_end for h in doc.headings] == plain_section_ends(doc)


SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=12)


@SOME
@given(SPANS, st.integers(-2, 90), st.booleans())
def test_ranges_hold_what_any_range_holds(spans, offset, closed):
    plain = any((a <= offset <= b) if closed else (a <= offset < b) for a, b in spans)
    assert (offset in Ranges(spans, closed=closed)) == plain


# ---- heading_at's first-character test -------------------------------------------------------
def heading_at_without_first_character_test(no, line, line_start, markdown):
    """heading_at as it was: every line through the residue strip and the patterns."""
    from reportlint.model import outline as o
    saved = o._OPENERS
    o._OPENERS = _EVERY_CHARACTER
    try:
        return o.heading_at(no, line, line_start, markdown)
    finally:
        o._OPENERS = saved


class _Every(frozenset):
    def __contains__(self, item):
        return True


_EVERY_CHARACTER = _Every()
LINE_STARTS = st.sampled_from([" ", "\u3000", "\t", "\u00a0", "一", "十", "二十", "（", "(", "１", "3", "٣", "²", "#",
                               "## ", "[bookmark: _GoBack]", "[bookmark: x] （二）", "[", "正", "是", "、", "",
                               "Ⅳ", "〇", "零", "①", "1.", "（1）", "一是"])
LINE_RESTS = st.sampled_from(["", "、总体情况", "）主要做法", ". 具体措施", "）细目", "小节", "正文一句。", "是要", "。", "\u3000"])


@SOME
@given(st.lists(LINE_STARTS, max_size=4).map("".join), st.lists(LINE_RESTS, max_size=3).map("".join),
       st.booleans())
def test_heading_at_skips_only_lines_no_pattern_can_match(start, rest, markdown):
    from reportlint.model.outline import heading_at
    line = start + rest
    assert heading_at(3, line, 10, markdown) == heading_at_without_first_character_test(3, line, 10, markdown)
