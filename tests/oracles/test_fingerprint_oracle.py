"""The fast forms in fingerprint.py and passages.py agree with the plain definitions they replace.

Each oracle below is the straightforward code these modules used before they were tuned for
speed (a regex per test, NFKC on every sentence, a Python loop per n-gram and posting); the
start-up shortcut for the anchor n-grams (a set look-up before the class is compiled) is checked
against the compiled class.
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.kinds._lib import data, fingerprint, passages
from reportlint.kinds._lib.fingerprint import GRAM, MAX_NEAR, POSTING_CAP, SHORT, Matcher, grams, normalize

SETTINGS = settings(max_examples=300, deadline=None)


# ---- anchors -------------------------------------------------------------------------------
def test_shipped_anchor_characters_are_the_hash_rule():
    assert data.read_text("anchors.txt").rstrip("\n") == fingerprint.anchor_chars()


def oracle_grams(norm: str) -> set[str]:
    last = len(norm) - GRAM + 1
    if last <= 0:
        return {norm} if norm else set()
    if len(norm) <= SHORT:
        return {norm[i:i + GRAM] for i in range(last)}
    picked = [any(lo <= ord(c) <= hi for lo, hi in fingerprint.ANCHOR_RANGES) and fingerprint.is_anchor(ord(c))
              for c in norm]
    return {norm[i:i + GRAM] for i in range(last) if picked[i]}


# letters that are anchors, letters that are not, digits, and others
GRAM_CHARS = st.sampled_from("法治政府建设依法行政镇乡街道县区年度工作报告一二三四五六七八九十0123456789abcxyzÅé")


@SETTINGS
@given(st.lists(GRAM_CHARS, max_size=90).map("".join))
def test_grams_are_the_anchor_ngrams(norm):
    assert grams(norm) == oracle_grams(norm)


# the start-up shortcut: a set look-up until COMPILE_AFTER characters, then the compiled class
# anchors and non-anchors among Han characters, digits, Latin letters and others
CHARS = st.sampled_from("法治政府建设依法行政镇乡街道县区年度工作报告一二三四五六七八九十0123456789abcxyzÅé")


def _compiled_grams(norm: str) -> set[str]:
    """The anchor n-grams as the compiled class finds them (the shipped characters, verbatim)."""
    chars = data.read_text("anchors.txt").rstrip("\n")
    return set(re.findall(f"(?=([{chars}].{{{GRAM - 1}}}))", norm, re.S))


@settings(max_examples=200, deadline=None)
@given(st.lists(CHARS, min_size=SHORT + 1, max_size=120).map("".join))
def test_anchor_ngrams_by_set_lookup_and_by_compiled_class_agree(norm):
    expected = _compiled_grams(norm)
    ways = fingerprint._WAYS
    saved = ways.read, ways.built
    try:
        ways.read, ways.built = 0, None                           # the set look-up
        assert ways.way(0) is fingerprint._by_set and fingerprint.grams(norm) == expected
        ways.read = fingerprint.COMPILE_AFTER                     # the compiled class
        assert fingerprint.grams(norm) == expected and ways.built is fingerprint._by_class
    finally:
        ways.read, ways.built = saved


def test_compiled_anchor_class_is_the_shipped_characters():
    chars = data.read_text("anchors.txt").rstrip("\n")
    assert fingerprint._anchor_grams().pattern == f"(?=([{chars}].{{{GRAM - 1}}}))"


# ---- normalize -----------------------------------------------------------------------------
def oracle_normalize(text: str) -> str:
    text = fingerprint._ORDINAL.sub("", text, count=1)
    return fingerprint._DROP.sub("", unicodedata.normalize("NFKC", text).lower())


def test_marks_normalize_leaves_out_nfkc_for_never_compose():
    """Why normalize() may skip NFKC: the non-word characters it lets through (ASCII, PLAIN_MARKS)
    and their NFKC forms are dropped, are starters and take no part in a composition with a
    starter; letters and digits are all starters (combining class 0)."""
    pairs = set()       # canonical compositions (first, second)
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            pairs.add(tuple(chr(int(x, 16)) for x in d.split()))
    dropped = re.compile(r"[\W_]")
    with_starter = {c for pair in pairs if unicodedata.combining(pair[1]) == 0 for c in pair}
    seconds = {second for _, second in pairs}
    safe = [c for c in map(chr, range(0x80)) if dropped.match(c)] + list(fingerprint.PLAIN_MARKS)
    assert all(dropped.match(c) and not fingerprint._OTHER_NONWORD.match(c) for c in safe)
    for c in safe:
        for x in c + unicodedata.normalize("NFKC", c):
            assert dropped.match(x) and unicodedata.combining(x) == 0, hex(ord(c))
            assert x not in with_starter and x not in seconds, hex(ord(c))
    assert not [cp for cp in range(0x110000) if chr(cp).isalnum() and unicodedata.combining(chr(cp))]


TEXT_PIECES = st.one_of(
    st.sampled_from(["一是", "（二）", "3.", "第四，", "①", "法治", "建设", "２０２４年", "ＡＢ", "İ", "Σ", "ﬁ",
                     "㎡", "℃", "e\u0301", "\u0301", "\u0338", "<", "\u3099", "か", "가", "\u1100", "\u1161",
                     "\u11a8", "\u0b47", "\u0b3e", "Ϲ", "ΑΣ", "\u3000", "\xa0", "“", "”", "，", "。", "…",
                     "——", "·", "_", "-", " ", "\n"]),
    st.sampled_from(fingerprint.PLAIN_MARKS), st.characters(), st.text(max_size=6))


@SETTINGS
@given(st.lists(TEXT_PIECES, max_size=12).map("".join))
def test_normalize_is_nfkc_lower_letters_and_digits(text):
    assert normalize(text) == oracle_normalize(text)


# ---- Matcher -------------------------------------------------------------------------------
class OracleMatcher:
    """The index as first written: a loop per n-gram, Counter.update per posting."""

    def __init__(self, min_similarity=0.9, candidates=3):
        self.min_similarity, self.candidates = min_similarity, candidates
        self.exact, self.texts, self.sizes, self.postings, self.stop = {}, {}, {}, {}, set()

    def find(self, norm, accept=None):
        return next(self._matches(norm, accept, self.min_similarity, self.candidates), None)

    def _matches(self, norm, accept, min_similarity, limit):
        key = self.exact.get(norm)
        if key is not None and (accept is None or accept(key)):
            yield (key, True, 1.0)
        if self.min_similarity >= 1.0 or len(norm) > MAX_NEAR:
            return
        mine = oracle_grams(norm)
        counts = Counter()
        for g in mine:
            if g not in self.stop and self.postings.get(g):
                counts.update(self.postings[g])
        # most shared first, the earliest key among equals (Counter.most_common would order
        # equals by set iteration order, which changes with the hash seed)
        for other_key, shared in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]:
            if other_key == key or shared * 2 < min(len(mine), self.sizes[other_key]):
                continue
            other = self.texts[other_key]
            n = len(norm)
            if abs(len(other) - n) > (1.0 - min_similarity) * max(len(other), n) + 0.5:
                continue
            if accept is not None and not accept(other_key):
                continue
            score = fingerprint.similarity(norm, other, min_similarity)
            if score:
                yield (other_key, False, score)

    def add(self, key, norm, index=True):
        self.exact.setdefault(norm, key)
        if not index or self.min_similarity >= 1.0 or len(norm) > MAX_NEAR:
            return
        mine = oracle_grams(norm)
        self.texts[key], self.sizes[key] = norm, len(mine)
        for g in mine:
            if g in self.stop:
                continue
            keys = self.postings.setdefault(g, [])
            keys.append(key)
            if len(keys) > POSTING_CAP:
                del self.postings[g]
                self.stop.add(g)


# few distinct words: many shared n-grams, postings over the cap, near copies
WORDS = st.sampled_from(["法治", "政府", "建设", "依法行政", "镇", "12", "工作", "年度", "法治政府建设"])
NORMS = st.lists(WORDS, min_size=1, max_size=14).map("".join)


def same_as_plain_index(norms, similarity):
    fast, plain = Matcher(similarity), OracleMatcher(similarity)
    found = 0
    for key, norm in enumerate(norms):
        got = fast.find(norm, accept=lambda k: k % 7 != 3)
        want = plain.find(norm, accept=lambda k: k % 7 != 3)
        assert (got and (got.key, got.exact, got.score)) == want
        found += got is not None
        index = key % 5 != 4
        fast.add(key, norm, index=index)
        plain.add(key, norm, index=index)
    assert fast.stop == plain.stop
    assert {g: list(k) for g, k in fast.postings.items()} == plain.postings
    return found, len(fast.stop)


@settings(max_examples=60, deadline=None)
@given(st.lists(NORMS, max_size=80), st.sampled_from([0.5, 0.8, 0.9, 1.0]))
def test_matcher_finds_what_the_plain_index_finds(norms, similarity):
    same_as_plain_index(norms, similarity)


def test_matcher_with_full_postings_and_near_copies():
    rnd = random.Random(8)
    words = ["法治", "政府", "建设", "依法行政", "镇", "12", "工作", "年度", "法治政府建设", "调解", "纠纷"]
    found = stopped = 0
    for similarity in (0.7, 0.9):
        norms = []
        for _ in range(300):
            if norms and rnd.random() < 0.5:    # a near copy of an earlier text
                t = list(rnd.choice(norms))
                t[rnd.randrange(len(t))] = rnd.choice("法治镇乡")
                norms.append("".join(t))
            else:
                norms.append("".join(rnd.choice(words) for _ in range(rnd.randrange(1, 30))))
        f, s = same_as_plain_index(norms, similarity)
        found, stopped = found + f, stopped + s
    assert found > 100 and stopped > 10


# ---- any_alike: the pairs a Matcher could match ---------------------------------------------
def oracle_any_alike(norms, similarity):
    return any(fingerprint.similarity(a, b, similarity) or a == b
               for j, b in enumerate(norms) for a in norms[:j])


@settings(max_examples=150, deadline=None)
@given(st.lists(NORMS, max_size=40), st.sampled_from([0.5, 0.8, 0.9, 1.0]))
def test_any_alike_is_some_pair_alike_and_false_only_when_a_matcher_finds_nothing(norms, similarity):
    alike = fingerprint.any_alike(norms, similarity)
    assert alike == oracle_any_alike(norms, similarity)
    if not alike:
        matcher = Matcher(similarity)
        for key, norm in enumerate(norms):
            assert matcher.find(norm) is None
            matcher.add(key, norm)


def _edited(rnd: random.Random, text: str, edits: int) -> str:
    """`text` with `edits` random substitutions, deletions or insertions."""
    t = list(text)
    for _ in range(edits):
        op, at = rnd.randrange(3), rnd.randrange(len(t) + 1)
        if op == 0 and at < len(t):
            t[at] = rnd.choice("法治镇乡工作")
        elif op == 1 and at < len(t) and len(t) > 1:
            del t[at]
        else:
            t.insert(at, rnd.choice("法治镇乡工作"))
    return "".join(t)


@settings(max_examples=150, deadline=None)
@given(st.lists(NORMS, max_size=40), st.sampled_from([0.5, 0.8, 0.85, 0.9, 0.95, 1.0]), st.integers(0, 2**32))
def test_none_alike_is_never_said_of_texts_with_an_alike_pair(norms, similarity, seed):
    """none_alike() lets any_alike skip rapidfuzz: it must never be True where some pair is
    alike, near the edit limit above all (near copies with 1-4 edits of a text)."""
    rnd = random.Random(seed)
    texts = list(norms)
    for _ in range(rnd.randrange(3)):
        if texts:
            src = rnd.choice(texts)
            texts.insert(rnd.randrange(len(texts) + 1), _edited(rnd, src, rnd.randrange(1, 5)))
    if fingerprint.none_alike(texts, similarity):
        assert not oracle_any_alike(texts, similarity)


def test_none_alike_settles_a_report_of_distinct_sentences_and_no_copy_at_the_limit():
    rnd = random.Random(5)
    words = ["法治", "政府", "建设", "依法行政", "镇", "12", "工作", "年度", "调解", "纠纷", "培训", "执法"]
    settled = 0
    for _ in range(300):
        norms = ["".join(rnd.choice(words) for _ in range(rnd.randrange(5, 25))) for _ in range(rnd.randrange(2, 40))]
        settled += fingerprint.none_alike(norms, 0.9)
        base = rnd.choice(norms)
        limit = -(-len(base) // 10)           # ⌈0.1 × length⌉: the most edits similarity 0.9 allows
        for edits in (limit, limit + 1):
            copy = _edited(rnd, base, edits)
            if fingerprint.none_alike(norms + [copy], 0.9):
                assert not oracle_any_alike(norms + [copy], 0.9)
    assert settled > 200          # most sets of distinct texts are settled without rapidfuzz


def test_any_alike_on_near_copies_and_over_the_pair_limit():
    rnd = random.Random(3)
    words = ["法治", "政府", "建设", "依法行政", "镇", "12", "工作", "年度", "调解", "纠纷"]
    for _ in range(200):
        norms = ["".join(rnd.choice(words) for _ in range(rnd.randrange(5, 25))) for _ in range(rnd.randrange(2, 30))]
        if rnd.random() < 0.5:     # a near copy: one character changed
            t = list(rnd.choice(norms))
            t[rnd.randrange(len(t))] = "乡"
            norms.insert(rnd.randrange(len(norms) + 1), "".join(t))
        assert fingerprint.any_alike(norms, 0.9) == oracle_any_alike(norms, 0.9)
    many = [chr(0x4E00 + i) * 20 for i in range(46)]          # 1035 pairs of one length
    assert fingerprint.any_alike(many, 0.9)           # not compared: bounded cost
    assert not fingerprint.any_alike(many[:45], 0.9)  # 990 pairs
    assert not fingerprint.any_alike([chr(0x4E00 + i) * (10 + i) for i in range(100)], 0.9)   # lengths apart
    long = ["法" * fingerprint.PAIRWISE_LONGEST, "治" * fingerprint.PAIRWISE_LONGEST]
    assert not fingerprint.any_alike(long, 0.9)
    assert fingerprint.any_alike([t + "镇" for t in long], 0.9)   # one too long: not compared
    wide = [chr(0x4E00 + i) * (fingerprint.PAIRWISE_CHARS // 20) for i in range(20)]
    assert not fingerprint.any_alike(wide, 0.9)
    assert fingerprint.any_alike(wide + ["乡"], 0.9)              # too much text in all


# ---- passages ------------------------------------------------------------------------------
SENTENCE_END = re.compile(r"(?:[。！？；!?;]+|(?<=[\u3400-\u9fff”’」』）)])\.(?!\d))[”’」』）)]*")
CLOSED = re.compile(r"(?:[。！？；：!?;:]|(?<=[\u3400-\u9fff])\.)[”’」』）)]*$")
LINE_CHARS = st.sampled_from(list("。！？；：!?;:.”’」』）)a3一丁、，  ") + ["\u3400", "\u9fff", "\u33ff", "\ua000"])


@SETTINGS
@given(st.lists(LINE_CHARS, max_size=14).map("".join), st.integers(0, 14), st.integers(0, 14))
def test_sentence_ends_and_closed_lines_as_the_regexes_say(text, a, b):
    a, b = min(a, len(text)), max(min(b, len(text)), min(a, len(text)))
    assert list(passages._sentence_ends(text, a, b)) == [m.end() for m in SENTENCE_END.finditer(text, a, b)]
    assert passages._closed(text) == bool(CLOSED.search(text))


def test_a_long_run_asks_rapidfuzz_directly_once_it_has_compared_enough(monkeypatch):
    from reportlint.kinds._lib.memo import LongRun
    monkeypatch.setattr(fingerprint, "_BY_COUNTS", LongRun(True, lambda: False, 100))
    assert fingerprint.by_counts(60) and fingerprint.by_counts(40)
    assert not fingerprint.by_counts(1)             # past 100 characters: rapidfuzz
    assert fingerprint.any_alike(["法治政府建设", "法治政府建没"], 0.8)    # the same answers either way
    assert not fingerprint.any_alike(["法治政府建设", "依法行政工作"], 0.8)
