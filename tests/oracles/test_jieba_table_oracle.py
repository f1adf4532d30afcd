"""jieba's dictionary read from the on-disk table (jieba_freq.py): the same tokens and frequencies
as the in-memory jieba, and a broken or missing table only costs the slow start."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.kinds._lib import data, jieba_freq

USER = data.DIR / "jieba_user.txt"
SENTENCES = [
    "依法治国和法治政府建设", "推进严格规范公正文明执法", "培养法律明白人，坚持和发展新时代枫桥经验",
    "落实谁执法谁普法普法责任制", "行政复议案件12件", "法治政府建设示范创建", "ABC法治2024年",
]


@pytest.fixture(scope="module")
def full():
    import jieba
    tok = jieba.Tokenizer()
    tok.initialize()
    tok.load_userdict(str(USER))
    return tok


@pytest.fixture(scope="module")
def disk(tmp_path_factory, full):
    import os
    old = os.environ.get("REPORTLINT_CACHE_DIR")
    os.environ["REPORTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("REPORTLINT_NO_CACHE", None)
    try:
        assert jieba_freq.tokenizer(USER, lambda: full) is full      # first use builds the table
        tok = jieba_freq.tokenizer(USER, lambda: pytest.fail("the table should answer"))
        assert isinstance(tok.FREQ, jieba_freq.DiskFreq)
        yield tok
    finally:
        if old is None:
            os.environ.pop("REPORTLINT_CACHE_DIR", None)
        else:
            os.environ["REPORTLINT_CACHE_DIR"] = old


def tokens(tok, text):
    return list(tok.tokenize(text, HMM=False))


def test_same_tokens_and_frequencies(disk, full):
    for s in SENTENCES:
        assert tokens(disk, s) == tokens(full, s)
    assert disk.total == full.total
    for w in ("法治", "法律明白人", "枫桥经验", "不存在的词语", "法"):
        assert disk.FREQ.get(w, 0) == full.FREQ.get(w, 0)
        assert (w in disk.FREQ) == (w in full.FREQ)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES) | st.text(max_size=8), max_size=6).map("".join))
def test_same_tokens_on_any_text(disk, full, text):
    assert tokens(disk, text) == tokens(full, text)


def test_corrupt_table_falls_back_to_jieba(tmp_path, monkeypatch, full):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    path = jieba_freq._table_path(USER)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)          # not a usable database
    assert jieba_freq.tokenizer(USER, lambda: full) is None        # segment.py then uses plain jieba
    assert not path.exists()                                          # and the next run rebuilds it
    assert jieba_freq.tokenizer(USER, lambda: full) is full
    assert tokens(jieba_freq.tokenizer(USER, None), SENTENCES[0]) == tokens(full, SENTENCES[0])


def test_table_that_breaks_while_reading_falls_back(tmp_path, full):
    freq = jieba_freq.DiskFreq(tmp_path / "missing.sqlite", lambda: full.FREQ)
    assert freq.get("法治", 0) == full.FREQ["法治"]
    assert "法治" in freq and freq.full is full.FREQ


def test_no_cache_means_plain_jieba(monkeypatch):
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    assert jieba_freq.tokenizer(USER, lambda: pytest.fail("not called")) is None


def test_a_table_shipped_in_the_package_needs_no_cache(tmp_path, monkeypatch, full):
    """The wheel carries data/jieba_freq.sqlite (hatch_build.py): the first run builds nothing."""
    user = tmp_path / "jieba_user.txt"
    user.write_bytes(USER.read_bytes())
    jieba_freq.build(tmp_path / jieba_freq.SHIPPED, full.FREQ, full.total, jieba_freq.stamp(user))
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    tok = jieba_freq.tokenizer(user, lambda: pytest.fail("the shipped table should answer"))
    assert tokens(tok, SENTENCES[2]) == tokens(full, SENTENCES[2])
    user.write_text(USER.read_text(encoding="utf-8") + "新词语 5\n", encoding="utf-8")
    assert jieba_freq.tokenizer(user, lambda: full) is None      # another dictionary: not this table


def test_installations_with_other_dictionaries_keep_their_tables(tmp_path, monkeypatch, full):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    users = []
    for i in range(2):
        folder = tmp_path / f"install{i}"
        folder.mkdir()
        users.append(folder / "jieba_user.txt")
        users[-1].write_text(USER.read_text(encoding="utf-8") + f"第{i}号词 3\n", encoding="utf-8")
    for user in users:
        assert jieba_freq.tokenizer(user, lambda: full) is full         # each builds its own table
    assert len(list((tmp_path / "cache").glob("jieba-*.sqlite"))) == 2
    for user in users:                                                  # and neither evicted the other
        assert isinstance(jieba_freq.tokenizer(user, lambda: pytest.fail("rebuilt")).FREQ, jieba_freq.DiskFreq)


def test_a_table_in_a_shared_folder_is_not_trusted(tmp_path, monkeypatch, full):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    jieba_freq.tokenizer(USER, lambda: full)
    (tmp_path / "cache").chmod(0o777)
    assert jieba_freq.tokenizer(USER, lambda: full) is None
