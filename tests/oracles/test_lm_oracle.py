"""kinds/_lib/lm: the bisected n-gram lookups against plain scans of the arrays."""
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


def plain_logprob3(m, a: int, b: int, c: int) -> float:
    for e in range(m.offsets[a], m.offsets[a + 1]):
        if m.entries[e] >> 8 == b:
            for k in range(len(m.contexts)):
                if m.contexts[k] == e:
                    for t in range(m.tri_offsets[k], m.tri_offsets[k + 1]):
                        if m.trigrams[t] >> 8 == c:
                            return m.tri_bins[m.trigrams[t] & 255]
                    return m.context_backoff[k] + plain_logprob(m, b, c)
    return plain_logprob(m, b, c)


def test_bisected_trigram_lookup_agrees_with_a_scan():
    m = lm.model()
    rng = random.Random(3)
    contexts = rng.sample(range(len(m.contexts)), 5)
    for k in contexts:
        e = m.contexts[k]
        a = next(w for w in range(len(m.offsets) - 1) if m.offsets[w] <= e < m.offsets[w + 1])
        b = m.entries[e] >> 8
        listed = [t >> 8 for t in m.trigrams[m.tri_offsets[k]:m.tri_offsets[k + 1]]]
        assert listed == sorted(listed)
        for c in listed[:10] + rng.sample(range(len(m.prob)), 10):
            assert m.logprob3_ids(a, b, c) == plain_logprob3(m, a, b, c)


def plain_segment_score(m, text: str) -> float:
    """The best score over every split of `text` into model words and single characters (an
    unknown character as <unk>), each split scored word by word with the trigrams."""
    def splits(k):
        if k == len(text):
            yield []
            return
        for n in range(1, min(lm.MAX_WORD, len(text) - k) + 1):
            w = text[k:k + n]
            if n == 1 or w in m.trie:
                for rest in splits(k + n):
                    yield [w, *rest]
    best = None
    for words in splits(0):
        p2, p1, total = -1, -1, 0.0
        for w in words:
            cur = m.id(w)
            total += m.logprob3_ids(p2, p1, cur)
            p2, p1 = p1, cur
        best = total if best is None else max(best, total)
    return best


def test_segment_finds_the_best_of_all_splits():
    m = lm.model()
    rng = random.Random(18)
    texts = ["依法办理行政复议案件", "有线责任公司", "更好得学习", "切实加强监督", "的的的的", "A1依法x"]
    pool = "依法行政复议办理案件有限责任公司加强监督的地得学习政府建设工作推进法治"
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 8))) for _ in range(40)]
    for text in texts:
        words, score = m.segment(text)
        assert "".join(words) == text
        assert score == plain_segment_score(m, text), text
