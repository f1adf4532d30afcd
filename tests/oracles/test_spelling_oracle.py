"""kinds/_lib/spelling and lm_slips: the fast paths against the plain definitions they replace."""
import random

import pytest

from reportlint.kinds._lib import spelling as sp
from reportlint.kinds._lib.lm_slips import Scan

TEXTS = ["加强农村吐地承包经营权保护。", "全面推进依法制国，建设法治政府。", "当事人可以依法申请形政复议。",
         "对该聚体行政行为不服的，可以申请复议。", "推进重大关健技术攻关。", "书记园应回避的，当事人可以申请。",
         "2024年，芹泉镇共办理25件政府信息公开申请（表二）。", "深学细悟，笃行实干", "的的的", "a吐b", "吐"]


def plain_suspects(m, s: str, policy) -> list[int]:
    """Every character judged by its own three-character window (the memo of _triple)."""
    t = "\0" + s + "\0"
    return [k for k in range(len(s)) if m._triple(t[k:k + 3], policy)] if len(s) > 1 else []


def mixed(rng, m, n: int) -> str:
    """Common characters with a few rarer ones, digits and marks: most pairs known, some not."""
    pool = m.chars[:600] * 6 + m.chars[600:4000] + "，。、0123456789ab的在和"
    return "".join(rng.choice(pool) for _ in range(n))


@pytest.mark.parametrize("on", [False, True])
def test_suspects_are_the_characters_their_windows_judge(on):
    m = sp.model()
    policy = sp.Policy(lm_one_sided_on=on)
    rng = random.Random(18)
    for s in TEXTS + [mixed(rng, m, rng.randint(2, 40)) for _ in range(200)]:
        assert m.suspects(s, policy) == plain_suspects(m, s, policy), s


def plain_word(scan, w: str, i: int, x: str, least: float):
    """Every span of 2-4 characters through i looked up by itself (lm_slips._word as first
    written): on a tie the later span wins."""
    lm = scan._lm
    best, where = least, None
    for length in range(2, 5):
        for a in range(max(0, i - length + 1), min(i, len(w) - length) + 1):
            b = a + length
            got = lm.unigram(w[a:i] + x + w[i + 1:b])
            if got is not None and got - lm.unigram_split(w[a:b]) >= best:
                best, where = got - lm.unigram_split(w[a:b]), (a, b)
    return where


def test_lm_slips_candidate_word_is_the_best_span_through_the_position():
    m = sp.model()
    m.slips("信防", sp.Policy())                  # opens the word tables
    scan = Scan(m._kinds, m.after, m.before)
    rng = random.Random(5)
    windows = ["群众信防事项", "农村吐地承包", "对该聚体行政", "人民捡察院的"] + [mixed(rng, m, 9) for _ in range(100)]
    for w in windows:
        for i in range(len(w)):
            for _how, xs in m._kinds(w[i]) or ():
                for x in xs[:6]:
                    for least in (0.0, 2.0):
                        assert scan._word(w, i, x, least) == plain_word(scan, w, i, x, least), (w, i, x)


def test_a_candidate_left_unscored_could_not_have_been_attested():
    """lm_slips scores only candidates _Beside.may_attest lets through: each one it turns away
    would have failed _attested in its best segmentation."""
    from reportlint.kinds._lib.lm_slips import _Beside
    m = sp.model()
    m.slips("信防", sp.Policy())
    scan = Scan(m._kinds, m.after, m.before)
    rng = random.Random(7)
    windows = ["群众信防事项", "公费示范生的", "对该聚体行政"] + [mixed(rng, m, 9).strip("，。、") or "信防" for _ in range(150)]
    turned = 0
    for w in windows:
        for i in range(len(w)):
            beside = _Beside(scan._lm, w, i)
            for _how, xs in m._kinds(w[i]) or ():
                for x in xs[:4]:
                    if not beside.may_attest(x):
                        turned += 1
                        words, _ = scan._lm.segment(w[:i] + x + w[i + 1:])
                        assert not scan._attested(words, i), (w, i, x)
    assert turned
