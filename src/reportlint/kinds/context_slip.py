"""Real-word slips: a correctly spelt word where a confusable word fits the context far better.

有线责任 (有限), 必需坚持 (必须), 确实加强 (切实): every character is right, the word is a word, and
only the words around it show the slip. Candidates come from three lists: the rule's own `pairs`
(confusable words both common, such as 权力/权利, that an organisation can extend), the
homophones the language model's table ships (data/lm/homophones.tsv: 有线 -> 有限, a same-reading
word that is more common than the written one), and the confusable words derived at build time
(data/lm/confusables.*, scripts/build_confusable_words.py, memory-mapped: one character swapped
for a same/similar-sounding or look-alike one, or a whole word of the same fuzzy reading:
附议 -> 复议, 酥松 -> 诉讼, 心事 -> 刑事). The derived ones are many: they are scored only
where the written word jars with a neighbour (the model has not seen it next to the word on
one side), need a larger margin, and skip the rule's `keep` words (official terms the model
barely knows). The word trigram model (kinds/_lib/lm.py, fcitx5's input-method model) decides,
twice: the written word and the candidate between the same two words on each side (split
greedily), then over the best split of a window of text around them; both must favour the
candidate by a clear margin, and neither side may favour the written word much. Only the
places where a listed word occurs are scored.

The model is a general one: in a report, a word of the domain (ECSpell's 公文 and law lists and
the policy/law titles, data/domain/words) is likelier than it knows. So where the candidate is a
domain word and the written one is no part of the domain's vocabulary (data/lm/domain_parts.txt:
刑罚 of 刑罚执行监督) nor here inside a longer word (jieba's or the domain's: 不分青红皂白),
the margins are `domain_lead` smaller, and `jarring_lead` smaller still where the written word
stands between two words the model has never seen it next to (完善|应激|管理 -> 应急).
"""
from __future__ import annotations

from itertools import compress, count
from operator import add

from reportlint.kinds._lib import lm  # nothing is opened until the first look-up
from reportlint.kinds.options import Option
from reportlint.model.finding import Hit

KIND = "context_slip"
SUMMARY = ("同音/形近的易混词用错（有线责任→有限责任、确实加强→切实加强）：只在易混词出现处，"
           "用词语三元语言模型比较前后文，明显更通顺时报告。")
OPTIONS = {
    "pairs": Option("map", default={}, values=Option("any", one_of=(
                        Option("str", doc="应为的词（与写法等长）"),
                        Option("map", fields={
                            "to": Option("str", required=True, doc="应为的词（与写法等长）"),
                            "how": Option("str", choices=("同音", "音近", "形近"),
                                          doc="易混的原因（不写则按读音判断：同音、音近，否则形近）"),
                        }))),
                    doc="易混词：写法: 应为；或 {to: 应为, how: 同音|音近|形近}。"
                        "写法也是正确的词，由语言模型按前后文判断"),
    "homophones": Option("bool", default=True,
                         doc="也检查语言模型词表派生的同音词（比写法常见得多的同音词，有线→有限）"),
    "confusables": Option("bool", default=True,
                          doc="也检查构建时派生的易混词（换一个音同、音近或形近字后成为另一个常用词：使用→适用、前头→牵头）"),
    "keep": Option("list", default=[], items=Option("str"),
                   doc="本身正确、语言模型却少见的公文用词（转隶），不作为派生易混词检查"),
    "min_gain_confusables": Option("float", default=3.5,
                                   doc="构建时派生的易混词所需的提高量（数量多，宜比 min_gain 大）"),
    "min_gain": Option("float", default=3.0,
                       doc="换词后，前后各两个词之间、以及前后文窗口的最佳分词，对数概率（log10）都至少提高这么多"),
    "min_gain_pairs": Option("float", default=2.0,
                             doc="pairs 中列出的易混词（已知常被用错）所需的提高量，可比 min_gain 小"),
    "max_side_loss": Option("float", default=1.0,
                            doc="换词后左边或右边的上下文单独看，最多允许变差这么多（log10）：两边都不能明显偏向原写法"),
    "window": Option("int", default=4, doc="比较时词前后各取多少个字"),
    "domain_lead": Option("float", default=0.5,
                          doc="应为的词是公文、法律领域词（领域词表）而写法不是、也不在更长的词中时，"
                              "各项所需提高量减少这么多（通用语言模型低估领域词）"),
    "jarring_lead": Option("float", default=0.5,
                           doc="同上，且写法前后都是词、语言模型从未见过写法与其中任何一个相邻时，再减少这么多"),
}
FIELDS = {"found", "expected", "how"}
PRIORITY = 10     # model-found: yields its span to a listed form (rulepacks.run.one_per_span)
SCOPES = ("line",)

_MAX = 4                      # longest written word looked up (the homophone table's: 2-4 characters)


def validate(options):
    for written, value in (options.get("pairs") or {}).items():
        to = value.get("to") if isinstance(value, dict) else value
        if not 1 <= len(written) <= _MAX or len(to) != len(written) or to == written:
            yield ("pairs", written), f"“{written}”须对应另一个等长的词（1-{_MAX} 字）"


def _how(found: str, expected: str) -> str:
    from reportlint.kinds.near_miss import sound_alike
    pairs = [(a, b) for a, b in zip(found, expected) if a != b]
    if all(sound_alike(a, b) for a, b in pairs):
        same = all(set(_readings(a)) & set(_readings(b)) for a, b in pairs)
        return "同音" if same else "音近"
    return "形近"


def _readings(ch: str):
    from reportlint.kinds.near_miss import readings
    return readings(ch)


def prepare(rule):
    """The listed words (written word -> [(expected, how, margin)]: the rule's pairs, then, if on,
    the shipped homophones), the derived table, and the verdicts per place (kinds' state)."""
    table: dict[str, list[tuple[str, str, float]]] = {}
    for written, value in (rule["pairs"] or {}).items():
        to = value["to"] if isinstance(value, dict) else value
        how = value.get("how") if isinstance(value, dict) else None
        table.setdefault(written, []).append((to, how or _how(written, to), rule["min_gain_pairs"]))
    return _State(rule, _Listed(table, _homophones() if rule["homophones"] else {}, rule["min_gain"]))


class _State:
    """One rule's tables and its verdicts per place. `places` is keyed by the text around a
    place (all that a verdict reads: the window, and the words two characters beyond the
    written one), and kept for the run: a long run soon asks only the memo."""

    def __init__(self, rule, listed: _Listed):
        from reportlint.kinds._lib.memo import Memo
        self.rule, self.listed = rule, listed
        words = listed.words()
        self.heads = frozenset(w[:2] for w in words if len(w) > 1)
        self.chars = sorted(w for w in words if len(w) == 1)
        self.more = _Derived(self.heads, rule["min_gain_confusables"], rule["keep"]) if rule["confusables"] else None
        self.reach = max(rule["window"], 2)
        self.places: Memo[tuple[str, int], tuple] = Memo(lambda key: self._place(*key), _MEMO)
        self.led: dict[str, frozenset[str]] = {}         # written word -> its domain-led candidates
        self.lines: dict[str, tuple] = {}                # line -> its slips (check)

    def _place(self, text: str, i: int) -> tuple[tuple[str, str, str], ...]:
        """(written, expected, how) of the listed and derived words at text[i] that the model
        finds slips."""
        model = lm.model()
        found = []
        for written, options in _words_at(text[i:i + _MAX], self.listed, self.heads, self.chars,
                                          self.more).items():
            j = i + len(written)
            if j - i > 1 and _not_a_word_here(model, text, i, j):
                continue
            if options is None and self.more is not None:      # derived: its candidates made only now
                options = self.more.options(written)
            led = self.led.get(written) if self.rule["domain_lead"] else ()
            if led is None:                                   # the same for every place of the word
                led = self.led[written] = _domain_led(written, options)
            best = _best(model, text, i, j, options, self.rule, led)
            if best is not None and best[0] in led and _in_longer_word(text, i, j):
                best = _best(model, text, i, j, options, self.rule)    # no lead here after all
            if best is not None:
                found.append((written, *best))
        return tuple(found)


_MEMO = 50_000       # places kept at most, ~10 MiB (a long run clears the memo and starts again)
_LINES_MAX = 5_000   # lines kept at most (the same)


def _domain_led(written: str, options) -> frozenset[str]:
    """The candidates that are domain words standing for a written word that is no part of the
    domain's vocabulary (a domain word or inside one: 刑罚 in 刑罚执行监督): their margins are
    smaller, unless the written word is inside a longer word here (_in_longer_word, asked only
    when a domain-led candidate wins)."""
    words, parts, _ = _domain()
    if written in parts or written in words:
        return frozenset()
    return frozenset(e for e, _, _ in options if e in words)


def _in_longer_word(text: str, i: int, j: int) -> bool:
    """Whether text[i:j] is inside a longer word of jieba's or the domain's (刑罚权, 不分青红皂白)."""
    freq = _domain()[2]
    n = j - i
    return any(freq.get(text[a:b]) for a in range(max(0, i - 3), i + 1)
               for b in range(j, min(len(text), a + 6) + 1) if b - a > n)


_DOMAIN = None


def _domain():
    """The domain lexicon's words (data/domain/words), the written words that are part of the
    domain's vocabulary (data/lm/domain_parts.txt) and the word-frequency table (jieba's words
    and the domain's, data/spelling/freq), read at the first look-up."""
    global _DOMAIN
    if _DOMAIN is None:
        from reportlint.kinds._lib import data
        from reportlint.kinds._lib.mapped import Keys, Numbers
        _DOMAIN = (Keys(data.DIR / "domain" / "words"), frozenset(data.read_text("lm/domain_parts.txt").split()),
                   Numbers(data.DIR / "spelling" / "freq"))
    return _DOMAIN


def _homophones() -> dict[str, str]:
    """data/lm/homophones.tsv: written word -> its homophones, space-separated (split in C:
    their candidate lists are made only for the words a draft holds)."""
    from operator import methodcaller

    from reportlint.kinds._lib import data
    return dict(map(methodcaller("split", "\t", 1), data.read_text("lm/homophones.tsv").splitlines()))


class _Listed:
    """The listed words and their candidates [(expected, how, margin)]: the rule's pairs, then the
    homophones (same reading, margin `min_gain`) not already among them. Made per word when first
    asked for (making them all costs ~20 ms a process; a draft asks for a few dozen)."""

    def __init__(self, pairs: dict[str, list], homophones: dict[str, str], margin: float):
        self._pairs, self._homophones, self._margin = pairs, homophones, margin
        self._made: dict[str, list[tuple[str, str, float]]] = {}

    def words(self):
        return self._pairs.keys() | self._homophones.keys()

    def __contains__(self, word: str) -> bool:
        return word in self._pairs or word in self._homophones

    def __getitem__(self, word: str) -> list[tuple[str, str, float]]:
        got = self._made.get(word)
        if got is None:
            got = self._made[word] = list(self._pairs.get(word, ()))
            got.extend((p, "同音", self._margin) for p in self._homophones.get(word, "").split()
                       if all(p != e for e, _, _ in got))
        return got


class _Derived:
    """The build's confusable words (data/lm/confusables.*), opened at the first document: the
    table (memory-mapped), and the character pairs a listed or derived word starts with.

    The set of the derived words' first two characters (~57,000 of them, shipped as
    confusables.heads: cheaper than listing them from the trie) costs as much to read as
    looking up each character pair of ~5,000-15,000 characters in the trie (measured under
    load: 25-60 ms, 3-7 µs a pair): a run looks pairs up in the trie until it has scanned
    BUILD_AFTER characters, then reads the set (so a run over one report never does)."""

    BUILD_AFTER = 10_000

    def __init__(self, heads: frozenset[str], margin: float, keep):
        self.listed_heads, self.margin, self.keep = heads, margin, frozenset(keep)
        self._words = None
        from reportlint.kinds._lib.memo import LongRun
        self._heads = LongRun(self._starts_word, self._read_heads, self.BUILD_AFTER)

    def words(self):
        if self._words is None:
            from reportlint.kinds._lib import data
            from reportlint.kinds._lib.mapped import Texts
            self._words = Texts(data.DIR / "lm" / "confusables")
        return self._words

    def heads(self, n: int):
        """A test of whether a listed or derived word starts with a character pair, for a text
        of n characters."""
        return self._heads.way(n)

    def _read_heads(self):
        from reportlint.kinds._lib import data
        return self.listed_heads.union(data.read_text("lm/confusables.heads").split()).__contains__

    def _starts_word(self, pair: str) -> bool:
        try:
            return pair in self.listed_heads or self.words().starts(pair)
        except UnicodeEncodeError:              # a lone surrogate: the trie reads UTF-8
            return False

    def options(self, written: str) -> list[tuple[str, str, float]]:
        """The derived candidates of `written` ('how' is worked out only for a finding)."""
        return [(p, "", self.margin) for p in self.words().get(written).split()]


def _words_at(seg: str, table, heads, chars, more) -> dict[str, list[tuple[str, str, float]] | None]:
    """The listed words `seg` starts with and their candidates, and the derived ones (None)."""
    here = {}
    if seg[:2] in heads or seg[0] in chars:
        for n in range(1, len(seg) + 1):
            if seg[:n] in table:
                here[seg[:n]] = table[seg[:n]]
    if more is not None:                          # one trie walk for the derived words here
        for written in more.words().prefixes(seg):
            if written not in here and written not in more.keep:
                here[written] = None              # derived: candidates made when scored
    return here


def check(rule, state, doc):
    # a line's verdicts read that line alone (the model's windows and word look-ups stop at
    # its ends): kept for the run, as the places are
    found = []
    at, lines = 0, state.lines
    for line in doc.text.split("\n"):
        if line:
            got = lines.get(line)
            if got is None:
                if len(lines) >= _LINES_MAX:
                    lines.clear()
                got = lines[line] = _line_found(state, line)
            found += [(at + i, *rest) for i, *rest in got]
        at += len(line) + 1
    if not found:
        return
    from reportlint.kinds._lib.names import Names
    names = Names(doc, {w for _, w, _, _ in found} | {e for _, _, e, _ in found})
    for i, written, expected, how in found:
        n = len(written)
        if names.protected(i, i + n) or (n > 1 and names.written_so(written, expected)):
            continue                      # a name, or written the same way throughout: meant so
        yield Hit(i, i + n, {"found": written, "expected": expected, "how": how or _how(written, expected)},
                  suggestion=expected)


def _line_found(state, text: str) -> tuple[tuple[int, str, str, str], ...]:
    """(offset, written, expected, how) of the slips in one line."""
    chars, reach = state.chars, state.reach
    scan = state.heads.__contains__ if state.more is None else state.more.heads(len(text))
    # where a listed or derived word may start: one look-up per character pair (in C, once the set is read)
    starts = list(compress(count(), map(scan, map(add, text, text[1:]))))
    for ch in chars:                              # single characters: a plain search
        i = text.find(ch)
        while i >= 0:
            starts.append(i)
            i = text.find(ch, i + 1)
    if not starts:
        return ()
    readable = lm.readable
    whole = readable(text)
    places = state.places
    found: list[tuple[int, str, str, str]] = []
    for i in sorted(set(starts)):
        a = max(0, i - reach)
        around = text[a:i + _MAX + reach]
        if whole or readable(around):             # the model reads UTF-8: not next to a lone surrogate
            found.extend((i, *got) for got in places[(around, i - a)])
    return tuple(found)


def _not_a_word_here(model, text: str, i: int, j: int) -> bool:
    """Whether text[i:j] is part of a longer word of the model (公室 in 办公室, 有线 in 有线电视),
    or straddles two: its first character makes a word with the one before it and its last
    with the one after it (扩大|行政 holds 大行)."""
    get = model.trie.get
    if any(get(text[a:b]) is not None for a, b in
           ((i - 1, j), (i - 2, j), (i, j + 1), (i, j + 2), (i - 1, j + 1)) if a >= 0):
        return True
    return i > 0 and get(text[i - 1:i + 1]) is not None and get(text[j - 1:j + 1]) is not None


class _Near:
    """The words on each side of text[i:j], split two ways (words of at most two characters,
    then of one: 更好|得 or 更|好|得), each made only when needed, and the written word's score
    between them."""

    def __init__(self, model, text: str, i: int, j: int, lo: int, hi: int):
        self.model, self.text, self.i, self.j, self.lo, self.hi = model, text, i, j, lo, hi
        self.written = model.id(text[i:j])
        self.splits: list[tuple[tuple[int, int, int, int], tuple[float, float]]] = []

    def split(self, k: int):
        if k == len(self.splits):
            near = self.model.neighbours(self.text, self.i, self.j, self.lo, self.hi, 2 - k)
            self.splits.append((near, self.model.sides(near[0], near[1], self.written, near[2], near[3])))
        return self.splits[k]

    def fits(self) -> bool:
        """Whether the model has seen the written word next to the word on each side (both
        bigrams): then a derived confusable is not worth scoring (a slip's word is rarely seen
        with both its neighbours; checked on ECSpell, it keeps the findings at a third of the cost)."""
        _, l1, r1, _ = self.split(0)[0]
        seen = self.model.has_bigram_ids
        return (l1 < 0 or seen(l1, self.written)) and (r1 < 0 or seen(self.written, r1))

    def jars(self) -> bool:
        """Whether the written word stands between two words of the model (not a line's end, a
        mark or an unknown character) and the model has seen it next to neither."""
        _, l1, r1, _ = self.split(0)[0]
        unk, seen = self.model.unk, self.model.has_bigram_ids
        return (l1 >= 0 and r1 >= 0 and unk not in (l1, r1)
                and not seen(l1, self.written) and not seen(self.written, r1))

    def favours(self, cand: int, margin: float, loss: float) -> bool:
        """Whether, under one of the splits, the candidate beats the written word by margin - 1
        while neither side alone prefers the written word by more than `loss`."""
        for k in (0, 1):
            (l2, l1, r1, r2), (base_l, base_r) = self.split(k)
            gl, gr = self.model.sides(l2, l1, cand, r1, r2)
            gain = gl - base_l + gr - base_r
            if gain >= margin - 1 and gl >= base_l - loss and gr >= base_r - loss:
                return True
            if gain < margin - 3:
                return False               # far off: the other split will not bring it
        return False


def _best(model, text: str, i: int, j: int, options, rule, led=()):
    """The candidate the model prefers to text[i:j] (a word here: _not_a_word_here) by the
    rule's margins (smaller for the domain-led candidates), or None: first between the same
    words on each side, then over the best split of the window."""
    lo, hi = lm.line_window(text, i, j, rule["window"])
    near = _Near(model, text, i, j, lo, hi)
    if options[0][1] == "" and near.fits():
        return None                       # derived candidates only where the written word jars
    if led:
        lead = rule["domain_lead"] + (rule["jarring_lead"] if rule["jarring_lead"] and near.jars() else 0.0)
        options = [(e, how, m - lead if e in led else m) for e, how, m in options]
    best, window = None, None
    for expected, how, margin in options:
        if not near.favours(model.id(expected), margin, rule["max_side_loss"]):
            continue
        if window is None:
            window = model.segment(text[lo:hi])[1]
        mended_words, mended = model.segment(text[lo:i] + expected + text[j:hi])
        if mended - window < margin or expected not in mended_words:
            continue
        if best is None or mended - window > best[0]:
            best = (mended - window, expected, how)
    return None if best is None else best[1:]
