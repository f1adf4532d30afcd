"""references.py: the short name of a unit, as other reports would write it."""
import pytest

from reportlint.kinds._lib.references import unit_name


@pytest.mark.parametrize("unit,name", [
    ("丰都县树人镇人民政府", "树人镇"),
    ("鲤城区人民政府金龙街道办事处", "金龙街道"),
    ("酉阳土家族苗族自治县可大乡", "可大乡"),
    ("北京市海淀区人民政府", "海淀区"),
    ("杂色镇", "杂色镇"),
    ("", ""),
])
def test_unit_name(unit, name):
    assert unit_name(unit) == name
