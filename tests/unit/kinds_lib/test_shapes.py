"""data/spelling/shapes.tsv, the look-alike characters drawn from glyphs
(scripts/build_shape_data.py), and how they reach the confusion sets."""
import importlib.util

import pytest

from helpers import ROOT
from reportlint.kinds._lib import data
from reportlint.kinds._lib.spelling import Policy, model

SCRIPT = ROOT / "scripts" / "build_shape_data.py"


def _builder():
    spec = importlib.util.spec_from_file_location("build_shape_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _table() -> dict[str, str]:
    lines = (data.DIR / "spelling" / "shapes.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert len({ch for ch, _ in rows}) == len(rows), "one row per character"
    return dict(rows)


def test_shipped_table_is_symmetric_bounded_and_has_no_self_pairs():
    table = _table()
    limit = _builder().MAX_ROW
    assert len(table) > 5000
    for ch, row in table.items():
        assert ch not in row
        assert len(row) == len(set(row)) <= limit
        for other in row:
            assert ch in table[other], (ch, other)


@pytest.mark.parametrize("ch, alike", [("末", "未"), ("于", "干"), ("体", "休"), ("己", "已"),
                                       ("已", "巳"), ("戊", "戌"), ("侯", "候"), ("木", "术")])
def test_common_look_alikes_are_neighbours(ch, alike):
    assert alike in _table()[ch]


def test_unlike_characters_are_not():
    table = _table()
    assert "水" not in table["末"] and "人" not in table["于"] and "国" not in table["体"]


def test_glyph_look_alikes_reach_the_confusion_rows_in_their_own_field():
    m = model()
    m.slips("标淮", Policy())          # opens the word tables
    row = m._candidates("休")
    assert "体" in row[4] and "体" not in row[2]       # ECSpell's shape set lacks 休/体


def test_a_glyph_only_look_alike_needs_the_stronger_language_model_gain():
    m = model()
    s = "这一做法充分休现了为民服务的理念"
    (slip,) = m.slips(s, Policy())
    assert (slip.found, slip.expected, slip.how) == ("休现", "体现", "shape")
    # (and so does the trigram path for such a look-alike)
    assert all(slip.how != "shape" for slip in m.slips(s, Policy(min_lm_gain_glyph=30.0, lm_glyph=30.0)))


def test_look_alikes_of_synthetic_pictures():
    """The builder's relation on pictures made here: symmetric, bounded, no self-pairs, and only
    pictures above the threshold pair up."""
    np = pytest.importorskip("numpy")
    b = _builder()
    rng = np.random.default_rng(0)
    base = rng.normal(size=(6, 64))
    pictures = np.concatenate([base, base + rng.normal(scale=0.05, size=base.shape)])
    pictures /= np.linalg.norm(pictures, axis=1, keepdims=True)
    chars = list("abcdefABCDEF")
    table = b.look_alikes(chars, pictures, set(chars), top_k=3, threshold=0.9, max_row=2)
    assert table == {c: [c.swapcase()] for c in chars}
    table = b.look_alikes(chars, pictures, set(chars), top_k=3, threshold=-1.0, max_row=2)
    for ch, row in table.items():
        assert ch not in row and len(row) <= 2 and all(ch in table[o] for o in row)


def test_glyphs_are_drawn_from_the_font():
    pytest.importorskip("numpy")
    pytest.importorskip("PIL")
    b = _builder()
    if not b.FONT.exists():
        pytest.skip(f"{b.FONT} not installed")
    drawn, pictures = b.glyphs(list("末未水"), b.FONT)
    assert drawn == list("末未水")
    sim = pictures @ pictures.T
    assert sim[0, 1] > b.THRESHOLD > sim[0, 2]
