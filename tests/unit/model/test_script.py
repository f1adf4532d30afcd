"""model/script: the simplified view keeps one character for each character."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportlint.model.script import as_written, has_traditional, to_simplified, traditional_share


def test_traditional_becomes_simplified_in_place():
    text = "學習習近平新時代中國特色社會主義思想\r\n加強黨的建設，國家"
    simple = to_simplified(text)
    assert simple == "学习习近平新时代中国特色社会主义思想\r\n加强党的建设，国家"
    assert len(simple) == len(text)


def test_simplified_text_is_returned_as_is():
    text = "深入学习贯彻习近平法治思想，推进法治政府建设。"
    assert not has_traditional(text)
    assert to_simplified(text) is text
    assert traditional_share(text) == 0.0


def test_share_of_telltales():
    assert traditional_share("國黨") == 1.0
    assert 0.0 < traditional_share("中國特色社会主义") < 0.5
    assert traditional_share("2024, ok") == 0.0


@given(st.text(alphabet="國黨會們這個來說學習導法治政府建设abc，。\n\r \ud800\U00020000", max_size=60))
def test_has_traditional_is_any_telltale_in_the_text(text):
    from reportlint.model.script import _TELLTALE
    assert has_traditional(text) == any(ch in _TELLTALE for ch in text)


@given(st.text(alphabet="國黨會們這個來說學習法治政府建设abc，。\n\r ", max_size=60))
def test_length_is_kept_for_any_text(text):
    assert len(to_simplified(text)) == len(text)


def test_a_lone_surrogate_stays_and_the_rest_is_converted():
    from reportlint.model.script import to_simplified
    assert to_simplified("辦理行政複議案件3件。\ud800") == "办理行政复议案件3件。\ud800"


@pytest.mark.parametrize("fix, view, source, written", [
    ("实施行政处罚", "设施行政处罚", "設施行政處罰", "實施行政處罰"),   # kept characters as written
    ("部署", "布署", "布署", "部署"),                               # a simplified span: the fix itself
    ("行政复议", "行政复复议", "行政複複議", "行政複議"),            # a deletion keeps the rest
    ("，", ",", ",", "，"),                                      # punctuation needs no conversion
])
def test_as_written(fix, view, source, written):
    assert as_written(fix, view, source) == written
