"""Set phrases written with one character missing, one extra, or two neighbours swapped.

    phrases: [习近平新时代中国特色社会主义思想, 习近平法治思想, 二十届三中全会, ...]
    edits: [delete, insert, transpose]     # which slips to report (substitute is also possible)
    known: [...]                           # right phrases one edit away

A window of the text is reported when it is exactly one edit of the chosen kinds away from a
phrase, the edit touches a Chinese character (谁执法、谁普法 is a punctuation variant, not a
slip), and it is not at the window's edge (学习|习近平法治思想 is the phrase plus context).
A missing character counts only in long phrases (普法宣传教育 is 法治宣传教育 less one
character, and right).
Each phrase is split in two halves; a single edit leaves one half intact, except a swap of the
two characters around the split, which gives one string: one Aho-Corasick pass over the halves
and these swapped phrases finds every candidate window.
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import covered
from reportlint.model.finding import Hit

KIND = "one_edit"
SUMMARY = "固定提法少一个字、多一个字或相邻两字颠倒：习近平法制思想、二十届三中全。"
EDITS = ("delete", "insert", "transpose", "substitute")
OPTIONS = {
    "phrases": Option("list", required=True, items=Option("str", min_len=5), doc="正确的固定提法，每个至少 5 个字"),
    "edits": Option("list", default=["delete", "insert", "transpose"], items=Option("str", choices=EDITS),
                    doc="报告哪些错法：delete 少字、insert 多字、transpose 颠倒、substitute 换字"),
    "known": Option("list", default=[], items=Option("str"), doc="与某个提法差一处、但本身正确的说法"),
    "min_length_delete": Option("int", default=7, doc="只在这么长的提法里报告少字"),
    "exceptions": Option("regexes", default=[], doc="命中处在这些匹配之内即不报"),
}
FIELDS = {"found", "expected", "edit"}
SCOPES = ()

EDIT_NAMES = {"delete": "漏字", "insert": "多字", "transpose": "字序颠倒", "substitute": "错字"}


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


def prepare(rule):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    halves: dict[str, list[tuple[str, bool, tuple[int, ...]]]] = {}
    for phrase in rule["phrases"]:
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
    for anchor, targets in halves.items():
        automaton.add_word(anchor, (anchor, targets))
    automaton.make_automaton()
    order = {p: i for i, p in enumerate(rule["phrases"])}
    return automaton, frozenset(rule["phrases"]) | frozenset(rule["known"]), order


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
    seen: set[tuple[int, int, str]] = set()
    horizon = _PRUNE_EVERY
    # Without substitutions, a window one edit away that is reported starts with the phrase's
    # first or (a swap there) second character and ends with its last or next to last one: an
    # insertion or deletion at an edge is never reported. Testing that first spares comparing
    # most windows (an anchor's text rarely goes on as the phrase does).
    ends_fixed = "substitute" not in edits
    for last, (anchor, targets) in automaton.iter(text):
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


def check(rule, state, doc):
    automaton, known, order = state
    text = doc.text
    windows: dict[tuple[int, int], dict[str, str]] = {}
    for start, end, phrase, kind in candidates(automaton, text, set(rule["edits"]),
                                               rule["min_length_delete"]):
        if text[start:end] not in known:
            windows.setdefault((start, end), {})[phrase] = kind
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
