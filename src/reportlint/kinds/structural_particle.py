"""的/地/得 mixed up: the structural particle the neighbouring words call for.

较好的完成了任务 (地: adverbial before a verb), 金额不的超过 (不得), 更好得学习 (地). The three
read de and an input method offers them side by side, so a draft written fast holds every wrong
pairing; official prose also holds hundreds of right 的 a report, so precision comes first:
  - only 的 -> 地 or 得 and 得 -> 地 are tried: 地 as a noun (犯罪地, 流出地) is never touched,
    nor 得 -> 的 (当事人得申请: 得 "may" reads like a slip to a model);
  - a cheap filter, on bigrams of the word trigram model (kinds/_lib/lm.py), memoised on the
    characters around the particle across the run: the word before it and the word after it
    (split greedily) must each not prefer the written particle by more than `max_side_loss`, and
    together move by `min_sides` or more (this leaves ~2% of the places of a report);
  - the trigram scores between the same two words on each side, then the best split of a window
    of text around it (~30 µs a character, so last): the particle must stand alone as a word
    both ways, and the candidate must raise the window's log10-probability by `min_gain`.
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.model.finding import Hit

KIND = "structural_particle"
SUMMARY = ("“的、地、得”用混（较好的完成→较好地完成、落实的很好→落实得很好）："
           "用词语三元语言模型比较前后文，换成另一个明显更通顺时报告。")
OPTIONS = {
    "min_gain": Option("float", default=0.5,
                       doc="换成另一个助词后，前后文窗口最佳分词的对数概率（log10）至少提高这么多"),
    "max_side_loss": Option("float", default=2.0,
                            doc="换词后，只看前一个词或只看后一个词（二元），最多允许变差这么多（log10）"),
    "min_sides": Option("float", default=-0.5,
                        doc="换词后，前一个词和后一个词（二元）合计至少变化这么多（log10；先用它筛掉绝大多数位置）"),
    "window": Option("int", default=3, doc="比较时助词前后各取多少个字"),
}
FIELDS = {"found", "expected"}
PRIORITY = 10     # model-found: yields its span to a listed form (rulepacks.run.one_per_span)
SCOPES = ("line",)

# written -> the particles tried instead (the other directions are mostly right usages)
_TRIED = {"的": "地得", "得": "地"}
_WORD = 3        # longest word looked for right before and right after the particle
_MEMO = 100_000   # contexts kept at most (a long run clears and starts again)


def prepare(rule):
    """Memos across the run: the bigram gain next to the word before and after (keyed by the
    characters on that side), and the candidates the cheap filter leaves in a context."""
    from reportlint.kinds._lib.memo import Memo
    lefts: Memo[tuple[str, str, str], float | None] = Memo(lambda key: _side(*key, left=True), _MEMO)
    rights: Memo[tuple[str, str, str], float | None] = Memo(lambda key: _side(*key, left=False), _MEMO)
    candidates: Memo[tuple[str, int], tuple[str, ...]] = Memo(
        lambda key: _candidates(lefts, rights, *key, rule), _MEMO)
    return candidates


def check(rule, state, doc):
    text = doc.text
    places = [i for ch in _TRIED for i in _occurrences(text, ch)]
    if not places:
        return
    from reportlint.kinds._lib import lm
    model = lm.model()
    whole = lm.readable(text)
    reach = max(_WORD, rule["window"])    # what a verdict reads on each side
    found = []
    for i in sorted(places):
        lo = max(0, i - reach)
        if not (whole or lm.readable(text[lo:i + 1 + reach])):
            continue                      # the model reads UTF-8: not next to a lone surrogate
        best = _best(model, state, text, i, rule)
        if best is not None:
            found.append((i, best))
    if not found:
        return
    from reportlint.kinds._lib.names import Names
    names = Names(doc, set())
    for i, expected in found:
        if names.protected(i, i + 1):
            continue
        yield Hit(i, i + 1, {"found": text[i], "expected": expected},
                  suggestion=expected)


def _occurrences(text: str, ch: str):
    i = text.find(ch)
    while i >= 0:
        yield i
        i = text.find(ch, i + 1)


def _left_word(model, before: str) -> str | None:
    """The longest model word at the end of `before` (within its line)."""
    get = model.trie.get
    for n in range(len(before), 0, -1):
        w = before[-n:]
        if "\n" not in w and get(w) is not None:
            return w
    return None


def _right_word(model, after: str) -> str | None:
    """The longest model word at the start of `after` (within its line)."""
    words = model.trie.prefixes(after.split("\n", 1)[0])
    return max(words, key=len) if words else None


def _side(near: str, written: str, expected: str, left: bool) -> float | None:
    """How much more probable (log10, bigram) `expected` is than `written` next to the word at
    that end of `near`; None when there is no word."""
    from reportlint.kinds._lib import lm
    model = lm.model()
    w = _left_word(model, near) if left else _right_word(model, near)
    if w is None:
        return None
    wid, e, x = model.trie.get(w), model.id(expected), model.id(written)   # ids once, then plain look-ups
    p = model.logprob_ids
    return p(wid, e) - p(wid, x) if left else p(e, wid) - p(x, wid)


def _sides_allow(lefts, rights, context: str, i: int, expected: str, rule) -> bool:
    """The cheap filter, on bigrams of the word before and the word after context[i]: neither
    prefers the written particle by more than max_side_loss, and together they move by
    min_sides or more."""
    a = lefts[(context[:i], context[i], expected)]
    if a is None or a < -rule["max_side_loss"]:
        return False
    b = rights[(context[i + 1:], context[i], expected)]
    return b is not None and b >= -rule["max_side_loss"] and a + b >= rule["min_sides"]


def _alone(words: list[str], at: int, ch: str) -> bool:
    """Whether the split `words` has `ch` as a word of its own at offset `at`."""
    k = 0
    for w in words:
        if k == at:
            return w == ch
        if k > at:
            return False
        k += len(w)
    return False


def _candidates(lefts, rights, context: str, i: int, rule) -> tuple[str, ...]:
    """The particles the cheap filter lets through at context[i] (context: up to _WORD
    characters on each side; most contexts of 的 recur from report to report)."""
    return tuple(c for c in _TRIED[context[i]] if _sides_allow(lefts, rights, context, i, c, rule))


def _best(model, candidates, text: str, i: int, rule) -> str | None:
    lo = max(0, i - _WORD)
    tried = candidates[(text[lo:i + 1 + _WORD], i - lo)]
    if not tried:
        return None
    from reportlint.kinds._lib.lm import line_window
    lo, hi = line_window(text, i, i + 1, rule["window"])
    # between the same greedy words on each side (a few lookups) ...
    l2, l1, r1, r2 = model.neighbours(text, i, i + 1, lo, hi, _WORD)
    written = sum(model.sides(l2, l1, model.id(text[i]), r1, r2))
    near = [c for c in tried
            if sum(model.sides(l2, l1, model.id(c), r1, r2)) - written >= rule["min_gain"] - 1]
    if not near:
        return None
    # ... then over the best split of the window (~30 µs a character: only for what is left)
    words, base = model.segment(text[lo:hi])
    if not _alone(words, i - lo, text[i]):
        return None                        # part of a word: 目的, 的确, 获得, 得到
    best, best_gain = None, rule["min_gain"]
    for c in near:
        mended, score = model.segment(text[lo:i] + c + text[i + 1:hi])
        if score - base >= best_gain and _alone(mended, i - lo, c):
            best, best_gain = c, score - base
    return best
