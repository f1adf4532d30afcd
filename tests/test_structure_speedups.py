"""Faster searches of the structure kinds against the plain loops they replaced."""
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.model.document import Document
from reportlint.kinds.required_sections import matching_headings, year_pattern
from reportlint.rulepacks.loader import builtin_packs, load_packs
from reportlint.kinds.patterns import compile_pattern, search

RULES = {r.id: r for r in load_packs(list(builtin_packs())).rules}
SECTIONS = RULES["missing-required-section"]["sections"]
PLAN = RULES["plan-without-next-year"]
PATTERNS = [compile_pattern(year_pattern(sec[k], 2024)) for sec in SECTIONS for k in ("heading", "body") if k in sec]
PATTERNS.append(compile_pattern(year_pattern(PLAN["heading"], 2024)))
PATTERNS += [compile_pattern(year_pattern(RULES["report-year-mismatch"][k], 2024)) for k in ("heading_year", "except_headings")]
# patterns that see past a title's ends in the joined text: across the line break, at its edges
PATTERNS += [compile_pattern(p) for p in (r"2025\s*年", r"^问题", r"展望$", r"(?<!\s)问题", r"(?<=\s)问题", r"\A问题",
                                          r"问题\Z", r"x*", r"\b问题", r"(?<![^题])问题", r"[^\n]*$")]
WORDS = ["问题", "不足", "2025", "2024", "年", "展望", "主要举措", "成效", "计划", "下一步", " ", "\t", "x", "第一责任人", "—"]
titles = st.lists(st.lists(st.sampled_from(WORDS), max_size=4).map("".join), max_size=6)


class FakeDoc:
    shared = Document.shared

    def __init__(self, headings):
        self.headings = headings


@settings(max_examples=300, deadline=None)
@given(titles, st.sampled_from(PATTERNS))
def test_matching_headings_are_the_titles_the_pattern_finds(texts, rx):
    headings = [SimpleNamespace(title=t) for t in texts]
    plain = [h for h in headings if search(rx, h.title)]
    assert list(matching_headings(rx, FakeDoc(headings))) == plain
