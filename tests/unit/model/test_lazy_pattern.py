"""LazyPattern: the compiled pattern's answers, compiled only when first used."""
import re

import pytest

from reportlint.model.lazy_pattern import LazyPattern

TEXT = "一、总体情况\n2023年，我县（二）推进法治政府建设。\r\n"


@pytest.mark.parametrize("pattern, flags", [
    (r"(?P<num>[一二三四五六七八九十]{1,3})[、．.]", 0),
    (r"[\u4e00-\u9fff]+", 0),
    (r"\r\n|\r|\n", 0),
    (r"^.*?情况$", re.MULTILINE),
])
def test_it_answers_as_the_compiled_pattern(pattern, flags):
    lazy, rx = LazyPattern(pattern, flags), re.compile(pattern, flags)
    assert (lazy.pattern, lazy.flags) == (pattern, flags)
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in rx.finditer(TEXT)]
    assert lazy.findall(TEXT) == rx.findall(TEXT)
    assert lazy.sub("X", TEXT) == rx.sub("X", TEXT) and lazy.subn("X", TEXT) == rx.subn("X", TEXT)
    assert lazy.split(TEXT) == rx.split(TEXT)
    assert (lazy.groups, lazy.groupindex) == (rx.groups, rx.groupindex)
    for method in ("search", "match", "fullmatch"):
        got, want = getattr(lazy, method)(TEXT), getattr(rx, method)(TEXT)
        assert (got and got.span()) == (want and want.span())


def test_it_compiles_on_first_use_only():
    lazy = LazyPattern(r"[\u4e00-\u9fff]")
    assert "search" not in vars(lazy)          # nothing compiled at import
    assert lazy.search("法").group() == "法"
    assert "search" in vars(lazy) and "finditer" in vars(lazy)   # then the pattern's own methods
    with pytest.raises(AttributeError):
        lazy.__no_such_dunder__  # noqa: B018


def test_a_bad_pattern_fails_when_used():
    lazy = LazyPattern("(")
    with pytest.raises(re.error):
        lazy.search("x")
