"""ASCII , : ; ? ! ( ) " . in Chinese running text, where GB/T 15834 wants the full-width marks.

    summary_min: 10        # from this many slips on, a systematic habit is reported once
    heading_ordinals: false  # also rewrite "(一)" among "（二）" (outline numbering reports those)

A mark is in Chinese context when the nearest non-blank character on either side is a Han
character or a full-width mark, and it is not flanked by digits (1,234  3:1  09:21) or by
Latin letters on both sides (Word,Excel). Parentheses are judged as a pair: "(社区)" is
Chinese, "(PDF)" and "(2023)" are left alone; so are ASCII double quotes, paired in order on
their line ("依法治村" -> “依法治村”, an odd count is left alone). A "." counts only as a
sentence end after Han text (not 3.5, not ...). Web addresses are skipped. The fix also drops
the ASCII blanks that came with the mark ("工作, 提高" -> "工作，提高").
"""
from __future__ import annotations

from reportlint.kinds._lib.cjk import URL_RX, grouped, is_chinese, is_han, is_latin, prose_lines
from reportlint.kinds.options import Option
from reportlint.model import re_code

KIND = "halfwidth_punctuation"
SUMMARY = "中文行文中的半角标点（, : ; ? ! ( ) \" .），按 GB/T 15834 应为全角；可自动修复。"
OPTIONS = {
    "summary_min": Option("int", default=10, doc="达到这么多处时，另报一次“系统性习惯”"),
    "heading_ordinals": Option("bool", default=False,
                               doc="也改写与（二）混用的 (一)（序号问题通常由标题编号规则报告）"),
}
FIELDS = {"found", "expected", "mark", "count", "marks", "first_line", "last_line", "lines"}
PRIORITY = 10     # a sweep over every mark: yields to a rule about the words (rulepacks.run.one_per_span)
SCOPES = ()

FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_ASCII_MARK = re_code.compile(r'[,:;?!()".]')
_CLOSERS = "”’）》"
_RUN = ",:;?! \t"
_LIST_MARKER = re_code.compile(r"[ \t\u3000]*[0-9A-Za-z]{1,2}\)")
_BLANK = " \t"
_BETWEEN_HAN = ",:;?!"
_ORDINAL_STYLES = ("cn-paren", "arabic-paren", "cn-dun", "arabic-dot")


def _left(line: str, i: int) -> int:
    """Index of the first blank before position i (i itself when none)."""
    while i > 0 and line[i - 1] in _BLANK:
        i -= 1
    return i


def _right(line: str, i: int) -> int:
    """Index after the blanks following position i."""
    n = len(line)
    while i < n and line[i] in _BLANK:
        i += 1
    return i


def _paren_pairs(line: str) -> dict[int, int]:
    """{index: partner index} for ( （ ) ） matched on one line, widths mixed freely."""
    partner, stack = {}, []
    for i, ch in enumerate(line):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            j = stack.pop()
            partner[i], partner[j] = j, i
    return partner


def _quote_pairs(line: str, skip) -> dict[int, str]:
    """{index: “ or ”} for ASCII double quotes of one line, paired in order, around Chinese text.
    An odd number of them can't be paired with confidence and is left alone."""
    at = [i for i, c in enumerate(line) if c == '"' and not any(a <= i < b for a, b in skip)]
    if not at or len(at) % 2:
        return {}
    out = {}
    for a, b in zip(at[::2], at[1::2]):
        if any(is_han(c) for c in line[a + 1:b]):
            out[a], out[b] = "“", "”"
    return out


def _line_items(line: str, base: int, skip: list[tuple[int, int]]):  # noqa: C901 (a per-character loop kept inline: calls per mark cost ~10%)
    """(start, end, replacement, detail) for every ASCII mark of one line in Chinese context."""
    if not _ASCII_MARK.search(line):
        return
    partner = quotes = None
    for m in _ASCII_MARK.finditer(line):
        i, ch = m.start(), m.group()
        if skip and any(a <= i < b for a, b in skip):
            continue
        if ch in _BETWEEN_HAN and is_han(line[i - 1:i]) and is_han(line[i + 1:i + 2]):
            # the usual slip, 工作,提高: no blanks or runs to look through (the general path
            # below gives the same item, in a third of the time)
            yield base + i, base + i + 1, FULL[ch], {"mark": ch, "found": ch}
            continue
        pl, nr = _left(line, i), _right(line, i + 1)
        # context looks through blanks and neighbouring marks of a run ("的,,," is one habit)
        cl, cr = pl, nr
        while cl > 0 and line[cl - 1] in _RUN:
            cl -= 1
        while cr < len(line) and line[cr] in _RUN:
            cr += 1
        prev = line[cl - 1] if cl > 0 else None
        nxt = line[cr] if cr < len(line) else None
        if ch == '"':
            if quotes is None:
                quotes = _quote_pairs(line, skip)
            if i in quotes:
                yield base + i, base + i + 1, quotes[i], {"mark": ch, "found": ch}
            continue
        if ch == ".":
            # only a sentence end: right after Han text, not part of ... or 3.5, then Chinese or the end
            if not (is_han(line[i - 1:i]) or line[i - 1:i] in _CLOSERS) or line[i + 1:i + 2] == "." \
                    or (nxt is not None and not is_chinese(nxt)):
                continue
            e = nr if is_chinese(line[nr:nr + 1]) else i + 1
            yield base + i, base + e, "。", {"mark": ch, "found": ch}
            continue
        if ch in "()":
            if partner is None:
                partner = _paren_pairs(line)
            j = partner.get(i)
            if j is not None:
                a, b = min(i, j), max(i, j)
                if a > 0 and line[a - 1] == "]":          # Markdown link [text](url)
                    continue
                inner = line[a + 1:b]
                if not any(is_chinese(c) for c in inner):
                    continue                               # (PDF), (2023): not Chinese text
            elif (ch == "(" and not is_chinese(nxt)) or (
                    ch == ")" and (not is_chinese(prev) or _LIST_MARKER.match(line[:i + 1]))):
                continue
            # "(" takes the blanks before it, ")" those after it, when Chinese is there
            s = pl if ch == "(" and is_chinese(line[pl - 1:pl]) else i
            e = nr if ch == ")" and is_chinese(line[nr:nr + 1]) else i + 1
        else:
            if prev is not None and nxt is not None and (
                    (prev.isdigit() and nxt.isdigit()) or (is_latin(prev) and is_latin(nxt))):
                continue                                   # 1,234  3:1  09:21  Word,Excel
            if not (is_chinese(prev) or is_chinese(nxt)):
                continue
            if ch in "?!" and nxt is not None and not is_chinese(nxt) and not is_han(prev):
                continue
            s = pl if is_chinese(line[pl - 1:pl]) else i       # blanks go only between
            e = nr if is_chinese(line[nr:nr + 1]) else i + 1   # the mark and Chinese text
        yield base + s, base + e, FULL[ch], {"mark": ch, "found": ch}


def _skipped_ordinals(doc, include: bool):
    """{line: [(start, end)]} of heading ordinals to leave to the outline-numbering rules.

    “一、” “1.” style ordinals always; “(一)” “(1)” ones unless every ordinal of that style
    is half-width (then nobody else reports them, and they are plain half-width marks).
    """
    by_style: dict[str, list] = {}
    for h in doc.headings:
        if h.style in _ORDINAL_STYLES:
            by_style.setdefault(h.style, []).append(h)
    out: dict[int, list] = {}
    for style, hs in by_style.items():
        if style in ("cn-paren", "arabic-paren"):
            uniform_half = all("（" not in h.label and "）" not in h.label for h in hs)
            if include or uniform_half:
                continue
        for h in hs:
            out.setdefault(h.line, []).append((h.start, h.start + len(h.label)))
    return out


# Every match of URL_RX holds one of these (https?:// ftp:// www. | …@… | ….gov …): most lines
# with a "." (3.5, 1.) hold none, and URL_RX's alternation is tried at every position.
_URL_PARTS = ("://", "www.", "@", ".gov", ".com", ".org", ".net", ".edu")


def _may_hold_url(line: str) -> bool:
    return any(part in line for part in _URL_PARTS)


def check(rule, state, doc):
    text = doc.text
    headings = _skipped_ordinals(doc, rule["heading_ordinals"])
    items = []
    for no, line, base in prose_lines(doc, at=(m.start() for m in _ASCII_MARK.finditer(text))):
        skip = [(base_s - base, base_e - base) for base_s, base_e in headings.get(no, ())]
        if "." in line and _may_hold_url(line):
            skip.extend(m.span() for m in URL_RX.finditer(line))
        items.extend(_line_items(line, base, skip))
    fullwidth = sum(text.count(c) for c in "，：；？！（）")
    hits, _ = grouped(doc, items, summary_min=rule["summary_min"], fullwidth_count=fullwidth)
    return hits
