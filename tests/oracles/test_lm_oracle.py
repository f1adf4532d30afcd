"""kinds/_lib/lm: the bisected bigram lookup against a plain scan of the left word's block."""
import random

from reportlint.kinds._lib import lm


def plain_logprob(m, a: int, b: int) -> float:
    for k in range(m.offsets[a], m.offsets[a + 1]):
        if m.entries[k] >> 8 == b:
            return m.bins[m.entries[k] & 255]
    return m.backoff[a] + m.prob[b]


def test_bisected_lookup_agrees_with_a_scan():
    m = lm.model()
    rng = random.Random(14)
    left = [m.id(w) for w in ("的", "有限", "切实", "我们", "依法")] + rng.sample(range(len(m.prob)), 30)
    for a in left:
        block = [e >> 8 for e in m.entries[m.offsets[a]:m.offsets[a + 1]]]
        assert block == sorted(block)
        for b in block[:20] + rng.sample(range(len(m.prob)), 20):
            assert m.logprob_ids(a, b) == plain_logprob(m, a, b)
