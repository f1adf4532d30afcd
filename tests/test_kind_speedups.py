"""Faster forms of kinds' scans checked against the plain forms they replaced (oracles)."""
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

SOME = settings(max_examples=300, deadline=None)


@SOME
@given(st.lists(st.sampled_from(list("。；;！!？?一二三四五六七八九十是\n\r \t\u3000年，a") + ["2023", "\u2028"]),
                max_size=30).map("".join))
def test_body_year_sentence_starts_match_the_lookbehind_pattern(text):
    from reportlint.kinds.body_year import sentence_starts
    plain = regex.compile(r"(?:^|(?<=[。；;！!？?])|(?<=[一二三四五六七八九十]是))[ \t\u3000]*", regex.M)
    assert list(sentence_starts(text)) == [m.end() for m in plain.finditer(text)]
