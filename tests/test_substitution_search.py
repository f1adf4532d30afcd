"""substitution's search (ahocorasick_rs, leftmost-longest) against the plain form it replaced:
every occurrence of every term, sorted by start and longest first, kept when it does not
overlap the one kept before."""
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.kinds.substitution import longest_hits, prepare

ALPHABET = list("截止至于法制治政府一二\n") + ["\ud800", "\U0001f600"]
terms = st.lists(st.text(alphabet=ALPHABET[:-2], min_size=1, max_size=4), min_size=1, max_size=8, unique=True)
texts = st.text(alphabet=ALPHABET, max_size=60)


def plain_longest_hits(words, text):
    found = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            found.append((i, i + len(w), w))
            i = text.find(w, i + 1)
    found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    last_end, out = -1, []
    for start, end, w in found:
        if start >= last_end:
            out.append((start, end, w))
            last_end = end
    return out


@settings(max_examples=400, deadline=None)
@given(terms, texts)
def test_longest_hits_match_every_occurrence_greedy(words, text):
    state = prepare({"swap": {w: "对" for w in words}, "segment": False, "segment_max": 3})
    got = [(start, end, entry[0]) for start, end, entry in longest_hits(state, text)]
    assert got == plain_longest_hits(words, text)
