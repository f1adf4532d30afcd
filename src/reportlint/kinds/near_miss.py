"""IME slips on domain terms, found by generalisation instead of listing the misspellings.

    terms: [依法行政, 合法性审查, 行政复议, ...]   # the RIGHT forms (4+ characters)
    known: [行政检察, ...]                       # phrases one character away that are right
    exceptions: ["社会主义法治国家"]               # context patterns that make a hit correct
    ignore_pairs: [制治]                         # 法制/法治 is judged by context elsewhere

A phrase is reported when it
1. differs from a term in exactly one character (same length: an IME picks a wrong candidate),
2. the two characters sound alike (same toneless pinyin, or zh/z ch/c sh/s n/l an/ang en/eng
   in/ing confusions) -- readings come from pypinyin's dictionary, shipped as data/pinyin.tsv,
3. the phrase is not itself a word: not in `terms`/`known`, not a jieba dictionary word,
   and the word of the term that holds the changed character (审查 in 合法性|审查) turns
   into something rare (jieba frequency below `rare_ratio` of the right word),
4. and the phrase does not cut through a word of the text (义法治国 in 社会主义|法治|国家).
Candidates come from an Aho-Corasick pass over the two halves of every term (a single
substitution leaves one half intact); the text next to a half is looked up in dicts of the
terms' other halves with one character left out, so no window is compared character by
character; pinyin and jieba are loaded only for a candidate.
"""
from __future__ import annotations

from functools import lru_cache

from reportlint.kinds._lib import data
from reportlint.kinds.options import Option
from reportlint.kinds.patterns import covered
from reportlint.model.finding import Hit

KIND = "near_miss"
SUMMARY = "领域词语的输入法错字：只列正确写法，错一个同音或近形字的写法自动找出。"
OPTIONS = {
    "terms": Option("list", required=True, items=Option("str", min_len=4), doc="正确的领域词语，每个至少 4 个字"),
    "known": Option("list", default=[], items=Option("str"), doc="与某个词只差一个字、但本身正确的词语"),
    "exceptions": Option("regexes", default=[], doc="命中处在这些匹配之内即不报"),
    "ignore_pairs": Option("list", default=[], items=Option("str", min_len=2),
                           doc="留给其他规则判断的“错字+正字”对，如 制治"),
    "rare_ratio": Option("float", default=0.05, doc="改动后的词在分词词频上须比正确的词少见这么多倍"),
}
FIELDS = {"found", "expected", "wrong_char", "right_char", "pinyin"}
PRIORITY = 10     # model-found (similar sound): yields to a listed form (rulepacks.run.one_per_span)
SCOPES = ()

_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=1)
def _pinyin_text() -> str:
    # one "char<TAB>readings" line per character; looked up with str.find, never parsed whole
    return "\n" + data.read_text("pinyin.tsv")


@lru_cache(maxsize=8192)
def readings(ch: str) -> tuple[str, ...]:
    """Toneless pinyin readings of one character (pypinyin's data)."""
    text = _pinyin_text()
    i = text.find("\n" + ch + "\t")
    if i >= 0:
        return tuple(text[i + 3:text.index("\n", i + 3)].split())
    from pypinyin import Style, pinyin  # outside the shipped table: ask pypinyin itself
    return tuple(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def _fuzzy(syllable: str) -> str:
    for a, b in _FUZZY_INITIALS:
        if syllable.startswith(a):
            syllable = b + syllable[len(a):]
            break
    for a, b in _FUZZY_FINALS:
        if syllable.endswith(a):
            return syllable[: -len(a)] + b
    return syllable


@lru_cache(maxsize=4096)     # a report meets the same few dozen pairs again and again
def sound_alike(a: str, b: str) -> str | None:
    """The shared (or fuzzily shared) reading of two characters, or None."""
    ra, rb = readings(a), readings(b)
    same = set(ra) & set(rb)
    if same:
        return sorted(same)[0]
    fa = {_fuzzy(r): r for r in ra}
    for r in rb:
        if _fuzzy(r) in fa:
            return f"{fa[_fuzzy(r)]}/{r}"
    return None


def prepare(rule):
    from reportlint.kinds._lib.keys import Matcher

    halves: dict[str, list[tuple[str, int]]] = {}
    for term in rule["terms"]:
        k = len(term) // 2
        halves.setdefault(term[:k], []).append((term, 0))     # left half: window starts here
        halves.setdefault(term[k:], []).append((term, k))     # right half: window starts k before
    keys = Matcher({half: [len(half), targets, None]              # [2]: _plan, on first hit
                 for half, targets in halves.items()})
    return keys, frozenset(rule["terms"]) | frozenset(rule["known"]), {}


def _index_other_halves(k: int, targets):
    """For one automaton key of k characters: one group per side and length m of the targets'
    other halves, (offset of the other half from the key's last character, m, offset of the window
    from the other half, dicts). dicts[j] maps an other half with character j left out to
    [(order, term, index in term, other half)], so that a window one substitution away is found
    with m dict look-ups instead of a comparison per term."""
    groups: dict[tuple[bool, int], list[dict]] = {}
    seen = set()
    for order, (term, offset) in enumerate(targets):
        if (term, offset) in seen:          # a term listed twice gives one window
            continue
        seen.add((term, offset))
        after = offset == 0
        other = term[k:] if after else term[:offset]
        first = k if after else 0           # index in term of other[0]
        dicts = groups.setdefault((after, len(other)), [{} for _ in other])
        for j in range(len(other)):
            dicts[j].setdefault(other[:j] + other[j + 1:], []).append(
                (order, term, first + j, other))
    return tuple((1 if after else 1 - k - m, m, -k if after else 0, dicts)
                 for (after, m), dicts in groups.items())


_MEMO_LIMIT = 512       # windows remembered per key: at most ~15 MB in all, ~1 MB after the corpus


def _one_away(dicts, seg: str) -> tuple:
    """(order, term, index in term) of every other half that seg differs from in exactly one
    character, a CJK one in seg."""
    found = []
    for j in range(len(seg)):
        hits = dicts[j].get(seg[:j] + seg[j + 1:])
        if hits is None:
            continue
        ch = seg[j]
        for order, term, diff, other in hits:
            if other[j] != ch and "\u4e00" <= ch <= "\u9fff":
                found.append((order, term, diff))
    return tuple(found)


def _plan(k: int, targets):
    """A key's groups, the span around a hit that holds every group's segment (offsets lo, hi
    from the hit's last character) and the memo of that span's answers."""
    groups = _index_other_halves(k, targets)
    lo = min(seg_offset for seg_offset, _m, _w, _d in groups)
    hi = max(seg_offset + m for seg_offset, m, _w, _d in groups)
    return lo, hi, groups, {}


def _window_hits(groups, text: str, end: int, lo: int):
    """(order, start relative to end + lo, term, index) of the one-substitution windows of a hit."""
    found = []
    n_text = len(text)
    for seg_offset, m, window_offset, dicts in groups:
        s = end + seg_offset
        if s < 0 or s + m > n_text:
            continue
        for order, term, diff in _one_away(dicts, text[s:s + m]):
            found.append((order, s + window_offset - end - lo, term, diff))
    found.sort()
    return tuple(found)


def candidates(keys, text: str):
    """(start, term, index of the one differing character) for every one-substitution window."""
    n_text = len(text)
    for _start, stop, entry in keys.find(text):
        end = stop - 1              # the key's last character
        plan = entry[2]
        if plan is None:            # built on a key's first hit: a report hits few of them
            plan = entry[2] = _plan(entry[0], entry[1])
        lo, hi, groups, memo = plan
        a, b = end + lo, end + hi
        if a >= 0 and b <= n_text:
            # the same text recurs around a key (法治|建设 dozens of times a report, and
            # across reports): one memo look-up instead of the masked look-ups of every group
            window = text[a:b]
            found = memo.get(window)
            if found is None:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                found = memo[window] = _window_hits(groups, window, -lo, lo)
        else:
            found = _window_hits(groups, text, end, lo)
        for _order, start, term, diff in found:
            yield a + start, term, diff


def _word_at(term: str, i: int) -> tuple[int, int]:
    from reportlint.kinds._lib.segment import tokenize
    for _w, s, e in tokenize(term):
        if s <= i < e:
            return s, e
    return i, i + 1


def plausible_slip(term: str, phrase: str, i: int, rare_ratio: float) -> bool:
    """The phrase is not a word, and the changed word is rare next to the right one."""
    from reportlint.kinds._lib.segment import word_freq
    if word_freq(phrase):
        return False
    s, e = _word_at(term, i)
    if e - s < 2:
        return True
    right, wrong = term[s:e], phrase[s:e]
    return word_freq(wrong) < rare_ratio * max(word_freq(right), 1)


_LINES_MAX = 5_000      # lines whose candidates are kept (emptied when full)


def _by_line(keys, lines: dict, text: str):
    """candidates() line by line (a window never holds a line end: its characters are a term's
    or a CJK one), each line's kept for the run: reports repeat many of their lines."""
    at = 0
    for line in text.split("\n"):
        if line:
            got = lines.get(line)
            if got is None:
                if len(lines) >= _LINES_MAX:
                    lines.clear()
                got = lines[line] = tuple(candidates(keys, line))
            for start, term, i in got:
                yield at + start, term, i
        at += len(line) + 1


def check(rule, state, doc):
    keys, known, lines = state
    ignore = set(rule["ignore_pairs"])
    text = doc.text
    reported = set()
    for start, term, i in _by_line(keys, lines, text):
        end = start + len(term)
        phrase = text[start:end]
        if phrase in known or (start, end) in reported:
            continue
        wrong, right = phrase[i], term[i]
        if wrong + right in ignore:
            continue
        sound = sound_alike(wrong, right)
        if sound is None:
            continue
        if covered(rule["exceptions"], doc, start, end):
            continue
        if not plausible_slip(term, phrase, i, rule["rare_ratio"]):
            continue
        from reportlint.kinds._lib.segment import crosses_word
        if crosses_word(text, start, end):
            continue
        reported.add((start, end))
        yield Hit(start, end, {"found": phrase, "expected": term, "wrong_char": wrong,
                               "right_char": right, "pinyin": sound},
                  suggestion=term)
