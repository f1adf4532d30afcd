"""Set phrases written with one character missing, one extra, or two neighbours swapped.

    phrases: [习近平新时代中国特色社会主义思想, 习近平法治思想, 二十届三中全会, ...]
    edits: [delete, insert, transpose]     # which slips to report (substitute is also possible)
    known: [...]                           # right phrases one edit away
    catalogue: [formulations]              # built-in lists of phrases (kinds/_lib/data/<name>.txt)
    synonyms: {衔接: [连接], 服务: [效劳]}   # a word of a phrase said with a near synonym
    anywhere: [效劳]                        # such a word that is wrong even where more text follows

A window of the text is reported when it is exactly one edit of the chosen kinds away from a
phrase, the edit touches a Chinese character (谁执法、谁普法 is a punctuation variant, not a
slip), and it is not at the window's edge (学习|习近平法治思想 is the phrase plus context).
A missing character counts only in long phrases (普法宣传教育 is 法治宣传教育 less one
character, and right).
Each phrase is split in two halves; a single edit leaves one half intact, except a swap of the
two characters around the split, which gives one string: one Aho-Corasick pass over the halves
and these swapped phrases finds every candidate window.

A phrase said with one of its words replaced by a listed near synonym (行政执法与刑事司法连接,
筑牢法治根底 -- what synonym spinners and paraphrasing writers do) is an exact string, so every
such variant of every phrase is put in a second automaton. A variant whose swapped word ends
the phrase is reported only where no Chinese text follows (推动高质量开展 may go on as
推动高质量开展普法工作), unless that word is listed in `anywhere`; a variant inside another
right phrase of the text is not reported. Nor is a swap in the first or last item of a listing
phrase (法治化、规范化) where the text lists more items on that side: 法治化、标准化、专业化 is
another list, not the phrase reworded.
"""
from __future__ import annotations

from reportlint.kinds._lib import data
from reportlint.kinds.options import Option
from reportlint.kinds.patterns import covered
from reportlint.model.finding import Hit

KIND = "one_edit"
SUMMARY = "固定提法少一个字、多一个字或相邻两字颠倒：习近平法制思想、二十届三中全。"
EDITS = ("delete", "insert", "transpose", "substitute")
CATALOGUES = ("formulations",)
LIST_MARK = "、"
MIN_PHRASE = 5        # shorter phrases are too often one edit away from ordinary words
OPTIONS = {
    "phrases": Option("list", default=[], items=Option("str", min_len=MIN_PHRASE),
                      doc="正确的固定提法，每个至少 5 个字"),
    "catalogue": Option("list", default=[], items=Option("str", choices=CATALOGUES),
                        doc="内置的规范表述目录（formulations：法治政府建设报告的规范表述），与 phrases 合用"),
    "edits": Option("list", default=["delete", "insert", "transpose"], items=Option("str", choices=EDITS),
                    doc="报告哪些错法：delete 少字、insert 多字、transpose 颠倒、substitute 换字"),
    "synonyms": Option("map", default={}, values=Option("list", min_len=1, items=Option("str", min_len=1)),
                       doc="提法中的词: 被换成的近义词（衔接: [连接]）；这样改写的提法一律报告"),
    "anywhere": Option("list", default=[], items=Option("str"),
                       doc="synonyms 中的错词，在提法末尾且后面还有文字时也报告（效劳、根底）"),
    "known": Option("list", default=[], items=Option("str"), doc="与某个提法差一处、但本身正确的说法"),
    "min_length_delete": Option("int", default=7, doc="只在这么长的提法里报告少字"),
    "exceptions": Option("regexes", default=[], doc="命中处在这些匹配之内即不报"),
}
FIELDS = {"found", "expected", "edit"}
SCOPES = ()

EDIT_NAMES = {"delete": "漏字", "insert": "多字", "transpose": "字序颠倒", "substitute": "错字",
              "synonym": "用词被替换"}


def validate(options):
    """What the shapes cannot say: a rule needs phrases from somewhere; a word is not its own synonym."""
    if not options["phrases"] and not options["catalogue"]:
        yield ("phrases",), "give phrases, a catalogue, or both"
    for word, alts in options["synonyms"].items():
        if word in alts:
            yield ("synonyms", word), f"'{word}' is listed as its own synonym"


def catalogue_phrases(name: str) -> list[str]:
    """The phrases of a built-in catalogue: one a line, # starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in data.read_text(f"{name}.txt").splitlines())
    return [line for line in lines if line]


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def edit_between(window: str, phrase: str) -> tuple[str, int] | None:
    """(kind, index) when window is one edit away from phrase, else None."""
    if window == phrase:
        return None
    n, m = len(window), len(phrase)
    i, lim = 0, min(n, m)
    while i < lim and window[i] == phrase[i]:
        i += 1
    if n == m:
        if i == n:
            return None
        if window[i + 1:] == phrase[i + 1:]:
            return "substitute", i
        if i + 1 < n and window[i] == phrase[i + 1] and window[i + 1] == phrase[i] \
                and window[i + 2:] == phrase[i + 2:]:
            return "transpose", i
        return None
    if n == m + 1 and window[i + 1:] == phrase[i:]:
        return "insert", i            # window[i] is extra
    if n == m - 1 and window[i:] == phrase[i + 1:]:
        return "delete", i            # phrase[i] is missing
    return None


def all_phrases(rule) -> list[str]:
    """The rule's own phrases, then its catalogues', each once, in that order."""
    phrases = dict.fromkeys(rule["phrases"])
    for name in rule["catalogue"]:
        phrases.update(dict.fromkeys(catalogue_phrases(name)))
    return list(phrases)


def prepare(rule):
    from reportlint.kinds._lib.keys import Matcher

    phrases = all_phrases(rule)
    halves: dict[str, list[tuple[str, bool, tuple[int, ...]]]] = {}
    for phrase in (p for p in phrases if len(p) >= MIN_PHRASE and rule["edits"]):
        n, k = len(phrase), len(phrase) // 2
        # a window starts at a left half or ends at a right half, with any size an edit gives;
        # a swap of the two characters around the split breaks both halves, so the phrase so
        # swapped is a key of its own (it replaces the halves less their inner character:
        # anchors such as 法治 of 法治宣传教育 hit so often that they cost more than all the rest)
        sizes = (n - 1, n, n + 1)
        swapped = phrase[:k - 1] + phrase[k] + phrase[k - 1] + phrase[k + 1:]
        anchors = [(phrase[:k], True, sizes), (phrase[k:], False, sizes)]
        if swapped != phrase:
            anchors.append((swapped, False, (n,)))
        for anchor, left, window_sizes in anchors:
            targets = halves.setdefault(anchor, [])
            if (phrase, left, window_sizes) not in targets:
                targets.append((phrase, left, window_sizes))
    automaton = Matcher({anchor: (anchor, targets) for anchor, targets in halves.items()})
    order = {p: i for i, p in enumerate(phrases)}
    known = frozenset(phrases) | frozenset(rule["known"])
    return automaton, known, order, phrases, _synonym_variants(phrases, known, rule)


def _synonym_variants(phrases, known, rule):
    """An automaton of every phrase with one word swapped for a listed near synonym, or None.

    Its values: (variant, right phrase, wrong word, whether the swap ends the phrase, whether
    it is in the first / last item of a listing phrase); returned with the right phrases, which
    are searched for the few variants that occur.
    """
    from reportlint.kinds._lib.keys import Matcher

    variants: dict[str, tuple[str, str, bool, bool, bool]] = {}
    for phrase in phrases:
        first_item, last_item = phrase.find(LIST_MARK), phrase.rfind(LIST_MARK)
        for word, alts in rule["synonyms"].items():
            at = phrase.find(word)
            while at >= 0:
                end = at + len(word)
                for alt in alts:
                    variant = phrase[:at] + alt + phrase[end:]
                    if variant not in known and variant not in variants:
                        variants[variant] = (phrase, alt, end == len(phrase),
                                             first_item >= 0 and end <= first_item,
                                             0 <= last_item < at)
                at = phrase.find(word, at + 1)
    if not variants:
        return None
    automaton = Matcher({variant: (variant, *about) for variant, about in variants.items()})
    return automaton, tuple(known), {}      # [2]: the right phrases holding a variant, by variant


def _at_edge(s: str, i: int) -> bool:
    """Whether the run of characters equal to s[i] touches either end of s."""
    a = b = i
    while a > 0 and s[a - 1] == s[i]:
        a -= 1
    while b < len(s) - 1 and s[b + 1] == s[i]:
        b += 1
    return a == 0 or b == len(s) - 1


_PRUNE_EVERY = 4096


def candidates(automaton, text: str, edits: set[str], min_delete: int = 7):
    """(start, end, phrase, edit kind) for every window one allowed edit away from a phrase."""
    if not len(automaton):
        return            # a rule of synonym swaps only
    seen: set[tuple[int, int, str]] = set()
    horizon = _PRUNE_EVERY
    # Without substitutions, a window one edit away that is reported starts with the phrase's
    # first or (a swap there) second character and ends with its last or next to last one: an
    # insertion or deletion at an edge is never reported. Testing that first spares comparing
    # most windows (an anchor's text rarely goes on as the phrase does).
    ends_fixed = "substitute" not in edits
    for _start, stop, (anchor, targets) in automaton.find(text):
        last = stop - 1       # the anchor's last character
        if last > horizon:    # windows starting this far back cannot come again: keep memory flat
            seen = {k for k in seen if k[0] >= last - len(k[2]) - 2}
            horizon = last + _PRUNE_EVERY
        half = len(anchor)
        for phrase, left, sizes in targets:
            n = len(phrase)
            at = last + 1 - half if left else last + 1 - n
            if at >= 0 and text.startswith(phrase, at):
                continue      # the phrase itself: its windows are it, or it less or plus an edge
            for size in sizes:
                if left:
                    start = last + 1 - half
                    end = start + size
                else:
                    end = last + 1
                    start = end - size
                if start < 0 or end > len(text) or (start, end, phrase) in seen:
                    continue
                if ends_fixed and (text[start] not in phrase[:2] or text[end - 1] not in phrase[-2:]):
                    continue
                seen.add((start, end, phrase))
                found = edit_between(text[start:end], phrase)
                if not found or found[0] not in edits:
                    continue
                kind, i = found
                if kind == "delete" and n < min_delete:
                    continue          # 普法宣传教育 is 法治宣传教育 less 治, and right
                if kind in ("insert", "delete") and _at_edge(text[start:end] if kind == "insert" else phrase, i):
                    continue          # the phrase plus or minus context (学习|习近平法治思想)
                ch = text[start + i] if kind != "delete" else phrase[i]
                if _is_cjk(ch):
                    yield start, end, phrase, kind


def _inside_right_phrase(text: str, start: int, end: int, inside) -> bool:
    for right in inside:
        at = text.find(right, max(0, end - len(right)), start + len(right))
        if 0 <= at <= start and at + len(right) >= end:
            return True
    return False


def synonym_swaps(swaps, text: str, anywhere):
    """(start, end, right phrase) for every phrase said with a word swapped for a near synonym."""
    automaton, known, holding = swaps
    for start, end, (variant, phrase, alt, at_end, first_item, last_item) in automaton.find(text):
        if at_end and alt not in anywhere and end < len(text) and _is_cjk(text[end]):
            continue          # 推动高质量开展 may go on: 推动高质量开展普法工作
        if (first_item and text[start - 1:start] == LIST_MARK) or (last_item and text[end:end + 1] == LIST_MARK):
            continue          # 法治化、标准化、专业化: a longer list that holds other items
        inside = holding.get(variant)
        if inside is None:    # worked out on a variant's first occurrence: a scan of every phrase
            inside = holding[variant] = [k for k in known if len(k) > len(variant) and variant in k]
        if not _inside_right_phrase(text, start, end, inside):
            yield start, end, phrase


def check(rule, state, doc):
    automaton, known, order, _phrases, swaps = state
    text = doc.text
    windows: dict[tuple[int, int], dict[str, str]] = {}
    if rule["edits"]:
        for start, end, phrase, kind in candidates(automaton, text, set(rule["edits"]),
                                                   rule["min_length_delete"]):
            if text[start:end] not in known:
                windows.setdefault((start, end), {})[phrase] = kind
    if swaps is not None:
        for start, end, phrase in synonym_swaps(swaps, text, frozenset(rule["anywhere"])):
            windows.setdefault((start, end), {})[phrase] = "synonym"
    last_end = -1
    # overlapping readings of one slip (尊法学法守法法用法): the longest window wins
    for (start, end), phrases in sorted(windows.items(), key=lambda w: (w[0][0], w[0][0] - w[0][1])):
        if start < last_end or covered(rule["exceptions"], doc, start, end):
            continue
        last_end = end
        names = sorted(phrases, key=order.get)
        expected = "、".join(names)
        edit = EDIT_NAMES[phrases[names[0]]] if len(set(phrases.values())) == 1 else "有误"
        yield Hit(start, end, {"found": text[start:end], "expected": expected, "edit": edit},
                  suggestion=expected, fix=names[0] if len(names) == 1 else None)
