"""kinds/_lib/lm: the word trigram model taken from libime's zh_CN.lm."""
import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from reportlint.kinds._lib import data, lm

SOURCE = Path("/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm")


def test_a_listed_pair_beats_its_slip_by_a_wide_margin():
    assert lm.logprob("有限", "责任") > lm.logprob("有线", "责任") + 2
    assert lm.logprob("切实", "加强") > lm.logprob("确实", "加强") + 2
    assert lm.logprob("必须", "坚持") > lm.logprob("必需", "坚持") + 1


def test_an_unseen_pair_backs_off_to_the_unigram():
    m = lm.model()
    a, b = m.id("有线"), m.id("责任")
    assert lm.logprob("有线", "责任") == pytest.approx(m.backoff[a] + m.prob[b])
    assert lm.logprob(None, "责任") == pytest.approx(m.prob[b])


def test_followers_are_the_bigrams_held_after_a_word():
    got = dict(lm.model().followers("有限"))
    assert got["责任"] == pytest.approx(lm.logprob("有限", "责任"))
    assert all(lm.has_bigram("有限", w) for w in got)
    assert "有线" not in got and dict(lm.model().followers("执有")) == {}


def test_unknown_words_get_the_unknown_probability():
    m = lm.model()
    assert not lm.known("执有") and lm.known("持有")
    assert m.id("执有") == m.id("xyz") == m.unk
    assert lm.logprob(None, "执有") == pytest.approx(m.prob[m.unk])
    assert lm.logprob("执有", "股票") == pytest.approx(m.backoff[m.unk] + m.prob[m.id("股票")])


def test_a_trigram_sees_across_a_particle():
    assert lm.logprob("的", "法律", prev2="适用") > lm.logprob("的", "法律", prev2="使用") + 2
    m = lm.model()
    # an unseen trigram backs off to the bigram, weighted by its context's backoff
    assert lm.logprob("的", "法律", prev2="使用") <= lm.logprob("的", "法律")
    assert lm.logprob("责任", "xyz", prev2="有限") == pytest.approx(lm.logprob("责任", "xyz") + min(
        m.context_backoff[i] for i in range(len(m.contexts))
        if m.contexts[i] == m._bigram(m.id("有限"), m.id("责任"))))


def test_score_chains_the_trigrams():
    words = ["依法", "切实", "加强", "管理"]
    expected = (lm.logprob(None, "依法") + lm.logprob("依法", "切实")
                + lm.logprob("切实", "加强", prev2="依法") + lm.logprob("加强", "管理", prev2="切实"))
    assert lm.score(words) == pytest.approx(expected)
    assert lm.score(words[1:], prev="依法") == pytest.approx(expected - lm.logprob(None, "依法"))
    assert lm.score([]) == 0.0


def test_segment_finds_the_best_split_and_its_score():
    words, value = lm.segment("依法切实加强管理")
    assert words == ["依法", "切实", "加强", "管理"]
    assert value == pytest.approx(lm.score(words))
    assert lm.segment("有限责任公司")[1] > lm.segment("有线责任公司")[1] + 3
    assert lm.segment("持有股票")[1] > lm.segment("执有股票")[1] + 3
    assert lm.segment("更好地学习")[1] > lm.segment("更好得学习")[1] + 3
    # characters the model does not know stand alone; the empty text scores 0
    assert lm.segment("a1的Ω")[0] == ["a", "1", "的", "Ω"]
    assert lm.segment("") == ([], 0.0)


def test_nothing_is_opened_at_import():
    code = ("import sys; from reportlint.kinds._lib import lm; "
            "assert lm._MODEL is None and 'marisa_trie' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.skipif(not SOURCE.exists() or not os.environ.get("REPORTLINT_REBUILD_DATA"),
                    reason="~30 s: set REPORTLINT_REBUILD_DATA=1 (needs libime-data-language-model)")
def test_the_shipped_table_is_what_the_script_builds(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_lm_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("lm.bin", "vocab.marisa", "homophones.tsv", "LICENSE-libime.txt"):
        assert filecmp.cmp(tmp_path / name, data.DIR / "lm" / name, shallow=False), name


def test_unigram_bigram_and_unigram_split():
    assert lm.unigram("师范") == pytest.approx(lm.logprob(None, "师范"))
    assert lm.unigram("师范") == lm.unigram("师范")           # from the memo the second time
    assert lm.unigram("范师示") is None
    assert lm.has_bigram("有限", "责任")
    assert not lm.has_bigram("有限", "范师示") and not lm.has_bigram("范师示", "责任")
    # the best unigram split: one word beats its pieces; an unknown character is <unk>
    assert lm.unigram_split("师范") == pytest.approx(max(lm.unigram("师范"),
                                                       lm.unigram("师") + lm.unigram("范")))
    assert lm.unigram_split("Ω") == pytest.approx(lm.logprob(None, "Ω"))
    assert lm.unigram_split("") == 0.0


def test_swap_gain_compares_words_between_their_neighbours():
    text = "依法申请形政复议"
    m = lm.model()
    assert m.swap_gain(text, 4, 6, ["行政"]) > 3                 # 申请 [行政] 复议
    assert m.swap_gain(text, 4, 6, ["行政", "形政"]) == m.swap_gain(text, 4, 6, ["行政"])   # the best one
    assert m.swap_gain(text, 4, 6, ["形政"]) == 0.0               # the written word itself
    assert m.swap_gain(text, 4, 6, []) == -float("inf")
    # at the text's edges there is no neighbour on that side
    assert m.swap_gain("形政", 0, 2, ["行政"]) == pytest.approx(lm.unigram("行政") - lm.logprob(None, "形政"))
