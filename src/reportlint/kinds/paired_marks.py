"""Paired marks (GB/T 15834): “” ‘’ 《》 〈〉 （） 【】 〔〕 must balance and nest properly.

    check: balance    # balance: a mark without its partner (at the unpaired mark)
                      # nesting: ‘’ outside “”, “” directly inside “”, 《》 directly inside 《》

One stack per paragraph. A paragraph that stops mid-sentence (no closing punctuation, the
next line not a heading) is read on into the next line once, so a quote torn apart by a
broken paragraph is the broken-paragraph rule's finding, not two of ours. ( and （ pair with
each other (their width is halfwidth-punctuation's business). ’ between Latin letters is an
apostrophe. Quotes typed the wrong way round (“甲“, ”甲”) are fixed by flipping one; other
unpaired marks have no fix (where the partner belongs is unknown). Nesting fixes swap the
pair's marks.
"""
from __future__ import annotations

import re

from reportlint.kinds._lib.cjk import is_latin
from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit

KIND = "paired_marks"
SUMMARY = "成对标点（“” ‘’ 《》 （） 【】 〔〕）不成对或嵌套错误。"
OPTIONS = {
    "check": Option("str", default="balance", choices=("balance", "nesting"),
                    doc="balance：缺另一半的标点；nesting：引号、书名号嵌套错误"),
}
FIELDS = {"found", "expected", "found_name", "expected_name", "quote"}
SCOPES = ()

_OPEN = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "(": "）", "【": "】", "〔": "〕",
         "「": "」", "『": "』"}
_CLOSE = {"”": "“", "’": "‘", "》": "《", "〉": "〈", "）": "（", ")": "（", "】": "【", "〕": "〔",
          "」": "「", "』": "『"}
_KEY = {"(": "（", ")": "（"}          # both widths of parentheses are one kind of pair
NAMES = {"“": "左双引号", "”": "右双引号", "‘": "左单引号", "’": "右单引号", "《": "左书名号",
         "》": "右书名号", "〈": "左单书名号", "〉": "右单书名号", "（": "左括号", "(": "左括号",
         "）": "右括号", ")": "右括号", "【": "左方头括号", "】": "右方头括号", "〔": "左六角括号",
         "〕": "右六角括号", "「": "左直角引号", "」": "右直角引号", "『": "左双直角引号", "』": "右双直角引号"}
_MARKS = re_code.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE)) + "]")
_ENDS = re_code.compile(r"[。！？；：…!?;:][”’」』）)》】\]]*[ \t\u3000]*$")
_LIST_MARKER = re_code.compile(r"(?:^|[\s，。；：、,;:])[0-9A-Za-z一二三四五六七八九十]{1,3}[)）]$")
_SNIPPET = 14


def _snippet(s: str) -> str:
    return s if len(s) <= _SNIPPET else s[:_SNIPPET - 3] + "…" + s[-2:]


def scan(doc):
    """(pairs, unclosed, stray): pairs are (open, close, key, parent_keys) with parent_keys the
    open marks around the pair, innermost last; unclosed/stray are offsets of lone marks."""
    text = doc.text
    heading_lines = {h.line for h in doc.headings}
    lines = [(no, line) for no, line in enumerate(doc.lines, 1)
             if line.strip(" \t\u3000\u00a0") and no not in doc.skipped_lines]
    pairs, unclosed, stray = [], [], []
    cut = getattr(doc, "truncated", None)      # a text cut off mid-paragraph: its tail can't pair
    stack: list[tuple[int, str]] = []
    carried = False
    for k, (no, line) in enumerate(lines):
        base = doc.line_starts[no - 1]
        for m in _MARKS.finditer(line):
            ch, i = m.group(), base + m.start()
            if ch in _OPEN:
                stack.append((i, _KEY.get(ch, ch)))
                continue
            if ch == "’" and is_latin(text[i - 1:i]) and is_latin(text[i + 1:i + 2]):
                continue                                    # apostrophe: don't
            # a list marker spans at most 5 characters up to the bracket: search only those
            # (from the line start it was quadratic on a long line)
            if ch in ")）" and _LIST_MARKER.search(line, max(0, m.start() - 4), m.start() + 1):
                continue                                    # list marker 1) a）
            want = _CLOSE[ch]
            if not stack or (stack[-1][1] != want and all(key != want for _, key in stack)):
                stray.append(i)
                continue
            while stack[-1][1] != want:
                unclosed.append(stack.pop()[0])
            start, key = stack.pop()
            pairs.append((start, i, key, tuple(key for _, key in stack)))
        nxt = lines[k + 1][0] if k + 1 < len(lines) else None
        # with nothing open (most lines) whether the paragraph ends here changes nothing: the
        # end-of-paragraph search is left out
        if stack and not (_ENDS.search(line) or no in heading_lines or nxt is None
                          or nxt in heading_lines or carried):
            carried = True                                  # broken paragraph: read on once
            continue
        carried = False
        if nxt is None and cut is not None and cut.line == no:
            stack.clear()
        unclosed.extend(i for i, _ in stack)
        stack.clear()
    return pairs, unclosed, stray


_FLIP = {"“": "”", "”": "“", "‘": "’", "’": "‘"}


def _reversed_quotes(text: str, lone: list[int]) -> dict[int, str]:
    """{offset: right mark} for quotes typed the wrong way round: “甲“ (two lone openers) or
    ”甲” (two lone closers) on one line with no quote between them. The fix flips one."""
    out = {}
    lone = sorted(lone)
    for a, b in zip(lone, lone[1:]):
        ca, cb = text[a], text[b]
        if ca != cb or ca not in _FLIP or a in out or "\n" in text[a:b]:
            continue
        if any(c in text[a + 1:b] for c in (ca, _FLIP[ca])) or not _balanced(text[a + 1:b]):
            continue
        at = b if ca in "“‘" else a          # “甲“ -> the second; ”甲” -> the first
        out[at] = _FLIP[ca]
        out[a if at == b else b] = ""         # its partner is no longer lone
    return out


def _balanced(span: str) -> bool:
    """True when the brackets in `span` close in order: a flip across an unbalanced bracket
    (“甲）“) would pair the quotes across it, and the next pass would flip them back."""
    stack = []
    for ch in span:
        if ch in _OPEN:
            stack.append(_KEY.get(ch, ch))
        elif ch in _CLOSE and (not stack or stack.pop() != _KEY.get(_CLOSE[ch], _CLOSE[ch])):
            return False
    return not stack


def _balance_hits(doc, unclosed, stray):
    text = doc.text
    flips = _reversed_quotes(text, unclosed + stray)
    for i, right in flips.items():
        if right:
            ch = text[i]
            yield Hit(i, i + 1, {"found": ch, "expected": right, "found_name": NAMES[ch],
                                 "expected_name": NAMES[right]},
                      suggestion=right, fix=right, variant="reversed")
    for positions, partners, variant in ((unclosed, _OPEN, "unclosed"), (stray, _CLOSE, "stray")):
        for i in positions:
            if i in flips:
                continue
            ch = text[i]
            partner = partners[ch]
            yield Hit(i, i + 1, {"found": ch, "expected": partner, "found_name": NAMES[ch],
                                 "expected_name": NAMES[partner]}, variant=variant)


_SWAP = {"‘": ("“", "”", "single-outside"), "“": ("‘", "’", "double-inside"),
         "《": ("〈", "〉", "title-inside")}


def _nesting_hits(doc, pairs):
    text = doc.text
    for start, end, key, parents in pairs:
        if key not in _SWAP:
            continue
        quotes = [p for p in parents if p in "“‘"]
        titles = [p for p in parents if p in "《〈"]
        if key == "‘" and "“" in quotes:
            continue
        if key == "“" and (not quotes or quotes[-1] != "“"):
            continue
        if key == "《" and (not titles or titles[-1] != "《"):
            continue
        new_open, new_close, variant = _SWAP[key]
        inner = text[start + 1:end]
        fixed = new_open + inner + new_close
        yield Hit(start, end + 1, {"found": _snippet(text[start:end + 1]), "expected": _snippet(fixed),
                                   "quote": _snippet(inner)},
                  suggestion=fixed, fix=fixed, variant=variant)


def check(rule, state, doc):
    if not _MARKS.search(doc.text):
        return ()
    pairs, unclosed, stray = doc.shared(scan, lambda: scan(doc))    # both rules read one scan
    if rule["check"] == "balance":
        return sorted(_balance_hits(doc, unclosed, stray), key=lambda h: h.start)
    return _nesting_hits(doc, pairs)
