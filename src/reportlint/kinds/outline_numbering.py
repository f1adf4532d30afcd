"""Outline numbering (GB/T 9704—2012 7.3.3: 一、 > （一） > 1. > （1）) over Document.headings.

Variants of one finding:
  skipped / repeated / out-of-order / starts-late   numbers within one level under one parent
  orphan         a lower level used before any heading of the level above (（一） before 一、)
  level-jump     a level skipped (（1） right under 一、); 一、 + 1. is allowed
  mixed-brackets half-width brackets among full-width ones at one level ((四) among （一）（二）)
  missing-bracket  “一）” or “（一、” at the start of a line
    missing_bracket: "^[ \\t\\u3000]*(?:(?P<close>[一二三四五六七八九十]{1,3})[）)]|\
[（(](?P<open>[一二三四五六七八九十]{1,3})[、，,.．])"
Lists numbered 1. 2. … may restart at 1 under one parent; Chinese-numeral levels may not.
Numbering may instead run on across parents (（三） opening 二、 after （二） closed 一、). A text
that starts inside a part (an excerpt whose first top-level heading is “三、”) may open with
lower-level headings that have no parent.
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import finditer
from reportlint.model.finding import Hit

KIND = "outline_numbering"
SUMMARY = "标题层次序号（一、 >（一）> 1. >（1））：跳号、重号、倒序、越级、括号半全角混用。"
OPTIONS = {
    "missing_bracket": Option("regex", required=True, doc="少一个括号的序号行；命名组 close / open"),
}
FIELDS = {"found", "expected", "prev"}
SCOPES = ()

FULL, HALF = "（）", "()"


def _cn(n: int) -> str:
    if 0 < n < 100:   # 一 … 九十九 spelled here: importing cn2an (and its `proces`) costs ~0.2 s
        tens, ones = divmod(n, 10)
        return ((("" if tens == 1 else "零一二三四五六七八九"[tens]) + "十") if tens else "") + \
            ("零一二三四五六七八九"[ones] if ones else "")
    import cn2an
    return cn2an.an2cn(n)


def label(style: str, n: int, brackets: str = FULL) -> str:
    if style == "cn-dun":
        return f"{_cn(n)}、"
    if style == "cn-paren":
        return f"{brackets[0]}{_cn(n)}{brackets[1]}"
    if style == "arabic-dot":
        return f"{n}."
    return f"{brackets[0]}{n}{brackets[1]}"


def _brackets(h) -> str | None:
    """FULL, HALF or "mixed" for a bracketed ordinal; None for 一、 and 1."""
    if h.style not in ("cn-paren", "arabic-paren"):
        return None
    o, c = h.label[0], h.label[-1]
    if o + c == FULL or o + c == HALF:
        return o + c
    return "mixed"


def check(rule, state, doc):
    title = doc.meta.title
    heads = [h for h in doc.headings
             if h.number is not None and not (title and len(h.title) >= 4 and h.title in title)]
    has_level = {h.level for h in heads}
    lead = _leading_tail(heads)
    last: dict = {}            # (id(parent), level) -> previous sibling
    latest: dict = {}          # level -> the last heading of that level, under any parent
    for h in heads:
        br = _brackets(h) or FULL
        br = br if br != "mixed" else FULL
        key = (id(h.parent), h.level)
        if h not in lead:
            hit = _level_hit(h, heads, has_level, br, first_of_parent=key not in last)
            if hit:
                yield hit
        prev = last.get(key)
        if prev is None and _runs_on(h, latest.get(h.level)):
            prev = latest[h.level]
        last[key] = latest[h.level] = h
        hit = _number_hit(h, prev, br)
        if hit:
            yield hit
    yield from _mixed_brackets(heads)
    yield from _missing_brackets(rule, doc)


def _leading_tail(heads) -> list:
    """Headings before the first top-level one when that one is not the first part (“三、”):
    the text starts inside the part before it (an excerpt), so they have no parent to show."""
    top = min((h.level for h in heads), default=0)
    first = next((h for h in heads if h.level == top), None)
    if first is None or first.number in (None, 1) or first.parent is not None:
        return []
    return [h for h in heads if h.start < first.start]


def _runs_on(h, before) -> bool:
    """Numbering that runs on across parents on purpose: （三） first under 二、 right after
    （二） ended under 一、; 4. under （二） after 3. under （一）."""
    return (before is not None and before.parent is not h.parent and before.style == h.style
            and h.number == before.number + 1 and h.number != 1)


def _level_hit(h, heads, has_level, br, first_of_parent: bool) -> Hit | None:
    """A heading whose level does not fit the one above it: orphan, or a level skipped."""
    if h.parent is None and h.level > 1 and any(lv < h.level for lv in has_level) and h.level != min(has_level):
        above = min(lv for lv in has_level if lv < h.level)
        up = next(x for x in heads if x.level == above)
        return Hit(h.start, h.start + len(h.label),
                   {"found": h.label, "expected": label(up.style, 1, br), "prev": ""},
                   variant="orphan")
    if h.parent is not None and h.parent.style != "markdown" \
            and h.level - h.parent.level >= 2 and not (h.parent.level == 1 and h.level == 3) \
            and first_of_parent:        # once per parent
        missing = h.parent.level + 1
        return Hit(h.start, h.start + len(h.label),
                   {"found": h.label, "prev": h.parent.label, "expected": label(_STYLE[missing], 1, br)},
                   variant="level-jump")
    return None


def _number_hit(h, prev, br) -> Hit | None:
    """A heading's number against its previous sibling's (or 1 for the first under a parent)."""
    if prev is None:
        if h.number != 1 and h.parent is not None:
            return Hit(h.start, h.start + len(h.label),
                       {"found": h.label, "expected": label(h.style, 1, br), "prev": h.parent.label},
                       variant="starts-late")
        return None
    if h.number == prev.number + 1 or (h.number == 1 and h.level >= 3):
        return None
    fields = {"found": h.label, "prev": prev.label, "expected": label(h.style, prev.number + 1, br)}
    if h.number == prev.number:
        variant = "repeated"
    elif h.number > prev.number + 1:
        variant = "skipped"
    else:
        variant = "out-of-order"
    return Hit(h.start, h.start + len(h.label), fields, suggestion=fields["expected"], variant=variant)


_STYLE = {1: "cn-dun", 2: "cn-paren", 3: "arabic-dot", 4: "arabic-paren"}


def _mixed_brackets(heads):
    by_level: dict[int, list] = {}
    for h in heads:
        kind = _brackets(h)
        if kind:
            by_level.setdefault(h.level, []).append((h, kind))
    for hs in by_level.values():
        full = sum(kind == FULL for _, kind in hs)
        half = sum(kind == HALF for _, kind in hs)
        major = HALF if half > full else FULL
        for h, kind in hs:
            if kind == major:
                continue
            right = label(h.style, h.number, major)
            yield Hit(h.start, h.start + len(h.label),
                      {"found": h.label, "expected": right, "prev": ""},
                      suggestion=right, fix=right if h.label.replace(" ", "") == h.label else None,
                      variant="mixed-brackets")


def _missing_brackets(rule, doc):
    for m in finditer(rule["missing_bracket"], doc.text):
        grp = "close" if m.group("close") else "open"
        num = m.group(grp)
        s, e = m.span(grp)
        start = s if grp == "close" else s - 1
        end = e + 1
        found = doc.text[start:end]
        right = f"（{num}）"
        yield Hit(start, end, {"found": found, "expected": right, "prev": ""},
                  suggestion=right, variant="missing-bracket")
