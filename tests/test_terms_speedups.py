"""Shortcuts of the terms kinds against the plain searches they replaced."""
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.kinds.law_title import Catalogue, Entry, load_catalogue

CAT = Catalogue(load_catalogue("law_titles.tsv"))
BASES = sorted(CAT.editions)
PIECES = BASES + [b[:-2] for b in BASES] + ["省", "镇", "《", "》", "（", "(", "）", ")", "2021—2025年", "2022-2025",
                                              "2021年8月印发", " ", "\n", "年", "要"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_edition_matches_are_what_the_whole_text_search_finds(text):
    def spans(ms):
        return [(m.span(), m.groups()) for m in ms]
    assert spans(CAT.edition_matches(text)) == spans(CAT.edition_re.finditer(text))


NESTED = Catalogue([Entry("法治中国建设规划", "规划", 2021, "", None, "", "2020—2025"),
                    Entry("中国建设规划", "规划", 2021, "", None, "", "2020—2025"),
                    Entry("建设规划", "规划", 2021, "", None, "", "2021—2025")])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["法治中国", "中国", "建设规划", "（2020—2025年）", "（", "）", "省", " "]), max_size=8).map("".join))
@example("法治中国建设规划（2020—2025年）")
def test_edition_matches_with_titles_inside_titles(text):
    def spans(ms):
        return [(m.span(), m.groups()) for m in ms]
    assert spans(NESTED.edition_matches(text)) == spans(NESTED.edition_re.finditer(text))
