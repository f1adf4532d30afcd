"""kinds/_lib/mapped: memory-mapped key -> value tables, and the spelling check's tables built
with them (data/spelling/freq, confusion, skips, people)."""
import filecmp
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT
from reportlint.kinds._lib import data, mapped

SPELLING = data.DIR / "spelling"
LIBIME = Path("/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm")
ECSPELL = ROOT.parent / "shared" / "ecspell"
keys = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\0"), max_size=6)


@settings(max_examples=40, deadline=None)
@given(table=st.dictionaries(keys, st.integers(0, 2 ** 32 - 1), max_size=40),
       texts=st.dictionaries(keys, st.text(max_size=8), max_size=40),
       asked=st.lists(keys, max_size=20))
def test_tables_answer_as_the_dict_they_were_written_from(tmp_path_factory, table, texts, asked):
    folder = tmp_path_factory.mktemp("mapped")
    mapped.write_numbers(folder / "n", table)
    mapped.write_texts(folder / "t", texts)
    mapped.write_keys(folder / "k", texts)
    numbers, strings, known = mapped.Numbers(folder / "n"), mapped.Texts(folder / "t"), mapped.Keys(folder / "k")
    assert len(numbers) == len(table) and len(strings) == len(texts) == len(known)
    for key in [*table, *texts, *asked]:
        assert numbers.get(key, -1) == table.get(key, -1)
        assert strings.get(key, None) == texts.get(key)
        assert (key in known) == (key in texts)


def test_the_same_keys_give_the_same_bytes(tmp_path):
    table = {w: i for i, w in enumerate(["依法治国", "法治", "土地", "检察院"])}
    mapped.write_numbers(tmp_path / "a", table)
    mapped.write_numbers(tmp_path / "b", dict(reversed(table.items())))
    for suffix in (".marisa", ".bin"):
        assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()


def _jieba_dict():
    import jieba
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        return [line.split() for line in fh]


def test_word_frequencies_are_jiebas_on_a_sample():
    """The shipped freq table against its source: jieba's count, or the domain floor (100) for
    a 公文/law word jieba counts rarer."""
    freq = mapped.Numbers(SPELLING / "freq")
    rows = [r for r in _jieba_dict() if 1 <= len(r[0]) <= 6 and all("\u4e00" <= c <= "\u9fff" for c in r[0])]
    for word, n, *_ in random.Random(14).sample(rows, 2000):
        assert freq.get(word) == int(n) or (int(n) < 100 and freq.get(word) == 100), word
    assert freq.get("<total>") > 60_000_000
    assert freq.get("依法治国") >= 100 and freq.get("吐地") == 0


def test_people_skips_and_confusion_rows_on_a_sample():
    people = mapped.Keys(SPELLING / "people")
    names = [r[0] for r in _jieba_dict() if len(r) > 2 and r[2] in ("nr", "nrt", "nrfg") and len(r[0]) >= 2
             and all("\u4e00" <= c <= "\u9fff" for c in r[0])]
    assert all(w in people for w in random.Random(14).sample(names, 500))
    assert "土地" not in people
    skips = mapped.Texts(SPELLING / "skips")
    assert "治" in skips.get("法国") and skips.get("吐吐") == ""
    confusion = mapped.Texts(SPELLING / "confusion")
    row = confusion.get("吐").split("\t")
    assert len(row) == 7 and "土" in row[0]
    assert "未" in confusion.get("末").split("\t")[4]
    assert "成" in confusion.get("陈").split("\t")[5]       # fuzzy-sound: chen/cheng
    assert "持" in confusion.get("寺").split("\t")[6]       # component: 寺 is 持's right part
    chars = (SPELLING / "chars.txt").read_text(encoding="utf-8").strip()
    common = set(chars[:4000])                 # the build script's COMMON: no rarer candidate
    for ch in chars[::50]:
        assert set(confusion.get(ch).replace("\t", "")) <= common


def test_a_clean_line_opens_neither_the_confusion_sets_nor_the_names():
    """A draft without a suspect (the kind asks suspects() first) opens neither the confusion
    sets nor the people's names; a one-sided window may ask the skips and a pair's frequency."""
    from reportlint.kinds._lib.spelling import Model, Policy
    m = Model()
    assert m.suspects("深入推进法治政府建设，全面提升依法行政水平。", Policy()) == []
    assert m._tables is None or not {"confusion", "people"} & vars(m._tables).keys()
    m.slips("农村吐地承包", Policy())
    assert {"freq", "confusion"} <= vars(m._tables).keys()


@pytest.mark.skipif(not os.environ.get("REPORTLINT_REBUILD_DATA") or not LIBIME.exists() or not ECSPELL.exists(),
                    reason="~30 s: set REPORTLINT_REBUILD_DATA=1 (needs libime-data-language-model, "
                           "../shared/ecspell, fonts-wqy-microhei, the build-data extra)")
def test_the_shipped_tables_are_what_the_scripts_build(tmp_path):
    scripts = ROOT / "scripts"
    subprocess.run([sys.executable, str(scripts / "build_spelling_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, str(scripts / "build_shape_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, str(scripts / "build_component_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    # the cjk-decomp notice is written by hand (the licence text it is shipped under)
    shipped = sorted(p.name for p in SPELLING.iterdir() if p.is_file() and p.name != "LICENSE-cjk-decomp.txt")
    assert shipped == sorted(p.name for p in tmp_path.iterdir())
    for name in shipped:
        assert filecmp.cmp(tmp_path / name, SPELLING / name, shallow=False), name
