"""Faster forms of kinds' scans checked against the plain forms they replaced (oracles)."""
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.rulepacks.loader import builtin_packs, load_packs

RULES = load_packs(list(builtin_packs())).rules
SOME = settings(max_examples=300, deadline=None)


@SOME
@given(st.lists(st.sampled_from(list("。；;！!？?一二三四五六七八九十是\n\r \t\u3000年，a") + ["2023", "\u2028"]),
                max_size=30).map("".join))
def test_body_year_sentence_starts_match_the_lookbehind_pattern(text):
    from reportlint.kinds.body_year import sentence_starts
    plain = regex.compile(r"(?:^|(?<=[。；;！!？?])|(?<=[一二三四五六七八九十]是))[ \t\u3000]*", regex.M)
    assert list(sentence_starts(text)) == [m.end() for m in plain.finditer(text)]


def _doubled_text_per_line(rule, doc):
    """doubled_text.check as it was: every prose line scanned on its own."""
    from reportlint.kinds import doubled_text as dt
    from reportlint.kinds._lib.cjk import is_han, prose_lines
    from reportlint.kinds.patterns import covered
    allowed = set(rule["allowed"])
    for _no, line, base in prose_lines(doc):
        taken = -1
        for m in dt._WORD.finditer(line):
            got = dt._word_hit(line, m.start(), len(m.group(1)))
            if got:
                taken = got[1]
                yield dt._hit(line, base, *got, m.group(1))
        for m in dt._CHAR.finditer(line):
            if not is_han(m.group(1)) or m.start() < taken or m.group() in allowed:
                continue
            if not covered(rule["exceptions"], doc, base + m.start(), base + m.end()):
                got = dt._char_hit(line, m.start(), allowed)
                if got:
                    yield dt._hit(line, base, *got, m.group(1))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["的的", "工作作", "。", "\n", "\u3000\u3000", "00", "进一步进一步", "层层",
                                 "学习习近平", "依法依法行政", "目的的确", "——", "a", "法治", "行行", "索引号：1"]),
                max_size=25).map("".join))
def test_doubled_text_whole_text_scan_matches_the_per_line_scan(text):
    from reportlint.model.document import Document
    from reportlint.kinds import doubled_text
    for rule in (r for r in RULES if r.kind_name == "doubled_text"):
        doc = Document(text, "draft.txt")
        assert [h.__dict__ for h in doubled_text.check(rule, None, doc)] == \
            [h.__dict__ for h in _doubled_text_per_line(rule, doc)]


_DATE_PIECES = st.lists(st.one_of(
    st.sampled_from(["2024年", "2023年度", "二〇二四年", "10月", "3月", "5日", "12号", "一月", "十二月", "二十日",
                     "10", "8", "2025", "—", "——", "至", "到", "-", "~", "－", " ", "\u3000", "\n", ".", "．",
                     "2024年10月—8月", "10—8月", "2025—2021年", "3月5日—2日", "12月至3月", "15—12日"]),
    st.sampled_from(list("0123456789１２年度月日号份–～一二三四五六七八九十〇零○次a\t\x1c\x85")),
    st.characters()), max_size=30).map("".join)


@SOME
@given(_DATE_PIECES)
def test_date_ranges_searched_in_separator_runs_match_the_whole_text_search(text):
    from reportlint.model.document import Document
    from reportlint.kinds import date_check as dc
    runs = dc._separator_runs(text)
    names = ("years", "range", "bare")
    for name in names:
        rx = dc.range_pattern(name)
        assert [(m.span(), m.groupdict()) for a, b in runs for m in rx.finditer(text, a, b)] == \
            [(m.span(), m.groupdict()) for m in rx.finditer(text)]
    # the runs without the pattern's word are skipped: they give no hit
    rule = next(r for r in RULES if r.kind_name == "date_check" and r["check"] == "reversed")
    expected = [h for name in names for m in dc.range_pattern(name).finditer(text)
                if (h := dc.reversed_hit(name, m))]
    assert list(dc.check(rule, None, Document(text, "draft.txt"))) == expected


def test_doubled_text_stops_is_the_class_it_replaced():
    import re

    from reportlint.kinds.doubled_text import _stops
    plain = re.compile(r"[\s，。、；：？！,.;:?!“”‘’（）()《》【】…—]")
    assert [c for c in map(chr, range(0x30000)) if bool(plain.match(c)) != _stops(c)] == []
