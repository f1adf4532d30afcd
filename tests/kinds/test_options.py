"""Typed kind options: the nested shapes a kind declares are checked element by element, each
error at its path (the loader turns the path into a YAML line and column), and described for
`reportlint kinds`."""
import pytest

from reportlint import kinds
from reportlint.kinds.options import Option, describe, problems

SECTIONS = Option("list", min_len=1, items=Option("map", fields={
    "name": Option("str", required=True),
    "heading": Option("str", required=True),
    "body": Option("regex"),
}))
SWAP = Option("map", values=Option("any", one_of=(
    Option("str", min_len=1),
    Option("list", min_len=1, items=Option("str")),
    Option("map", fields={"to": Option("str", required=True), "unless": Option("regexes")}),
)))


def found(opt, value):
    return list(problems(opt, value))


def test_a_value_of_the_declared_shape_has_no_problem():
    assert found(SECTIONS, [{"name": "问题", "heading": "不足|问题", "body": "存在的?问题"}]) == []
    assert found(SWAP, {"布署": "部署", "截止": ["截至", "截止"], "法制": {"to": "法治", "unless": ["法制日报"]}}) == []


@pytest.mark.parametrize("value,where,words", [
    ([], (), "must not be empty"),
    (["问题"], (0,), "expected map, got str"),
    ([{"name": "问题"}], (0,), "missing 'heading'"),
    ([{"name": "问题", "heading": "不足", "title": "x"}], (0, "title"), "unknown key; use name, heading, body"),
    ([{"name": "问题", "heading": 3}], (0, "heading"), "expected str, got int"),
    ([{"name": "问题", "heading": "不足", "body": "(问题"}], (0, "body"), "bad regular expression '(问题'"),
])
def test_each_misfit_is_reported_at_its_own_path(value, where, words):
    (path, text), = found(SECTIONS, value)
    assert path == where and words in text


@pytest.mark.parametrize("value,where,words", [
    ({"布署": ""}, ("布署",), "must not be empty"),
    ({"布署": 3}, ("布署",), "expected str or list or map, got int"),
    ({"布署": ["部署", 3]}, ("布署", 1), "expected str, got int"),
    ({"法制": {"to": "法治", "unless": ["("]}}, ("法制", "unless"), "bad regular expression"),
    ({3: "部署"}, (), "keys must be non-empty strings"),
])
def test_one_of_follows_the_shape_the_value_chose(value, where, words):
    (path, text), = found(SWAP, value)
    assert path == where and words in text


def test_a_top_level_regex_is_left_to_compiling():
    # compile_options compiles top-level patterns and reports their errors once
    assert found(Option("regex"), "(") == []
    assert found(Option("list", items=Option("regex")), ["("])[0][0] == (0,)


def test_shapes_are_described_for_pack_authors():
    assert describe(SECTIONS) == "{name, heading, body?}的列表（至少一项）"
    assert describe(Option("list", items=Option("str", min_len=4))) == "字符串（不少于 4 个字）的列表"
    assert describe(Option("str", choices=("balance", "nesting"))) == "字符串：balance | nesting"
    assert "{to, unless?}" in describe(SWAP)


@pytest.mark.parametrize("name", kinds.names())
def test_every_default_fits_its_own_option(name):
    kind = kinds.get(name)
    misfits = {key: found(opt, opt.default) for key, opt in kind.OPTIONS.items() if opt.default is not None}
    assert {k: v for k, v in misfits.items() if v} == {}
