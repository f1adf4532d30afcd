"""Blanks inside Chinese text: between digits and Han characters, next to full-width marks,
and between Han characters ("2023 年", "锚定 “目标”", "法 治"). Chinese typesetting puts no
space there; such blanks are left over from PDF or web conversion.

    summary_min: 10    # from this many fixable blanks, a systematic habit is reported once

Only runs of one or two blanks are taken: longer runs are layout (aligned columns, a
signature pushed right); blanks next to Latin words or codes ("使用 Word 软件", "GB/T 9704—2012
排版") are left alone. A blank between two Han characters is fixed only when it cuts through a
word ("法 治政府": jieba reads 法治 across it); between two whole words ("安全生产法 牢固树立",
a slogan, or a lost line break) it is reported without a fix. The space between joint issuing
bodies (“中共某某县委 某某县人民政府”) is standard and left alone.
"""
from __future__ import annotations

import re
from functools import cache

import regex

from reportlint.kinds import patterns
from reportlint.kinds._lib.cjk import FULLWIDTH_PUNCT, HAN, grouped, is_han, prose_lines
from reportlint.kinds.options import Option
from reportlint.model import re_code
from reportlint.model.finding import Hit

KIND = "cjk_spacing"
SUMMARY = "中文里多余的空格：数字与汉字之间、全角标点旁、汉字之间（多为 PDF 或网页转换残留）。"
OPTIONS = {
    "summary_min": Option("int", default=10, doc="可修复的空格达到这个数时，另报一次“系统性习惯”"),
}
FIELDS = {"found", "expected", "context", "count", "first_line", "last_line", "lines", "marks"}
PRIORITY = 10     # a sweep over every blank: yields to a rule about the words (rulepacks.run.one_per_span)
SCOPES = ()

_P = re.escape(FULLWIDTH_PUNCT.replace("—", "").replace("…", ""))   # dashes may take spaces
_BLANKS = r"[ \t\u3000\u00a0]{1,2}"
_BLANK = re_code.compile(r"[ \t\u3000\u00a0]")
_GAP = (rf"(?<=[{HAN}{_P}\d]){_BLANKS}(?=[{HAN}{_P}])"     # 法 治 / 2023 年 / 工作 ，
        rf"|(?<=[{HAN}{_P}]){_BLANKS}(?=\d)")               # 截至 2024
_TIGHT = rf"\d[{HAN}]|[{HAN}]\d"
# _LEFT and _LATIN_LEFT end at the blank and are searched leftwards from it (REVERSE): a forward
# search from the line start tried every position before it, quadratic on a long line
_LEFT = rf"(?:[{HAN}]{{1,3}}|\d+|[{_P}])$"
_RIGHT = rf"[{HAN}]{{1,3}}|\d+|[{_P}]"
_LATIN_LEFT = rf"[^{HAN}{_P}]*$"   # the non-Chinese stretch before the blank
_LATIN_RIGHT = rf"[^{HAN}{_P}]*"
# all these are needed only once a prose line holds a blank (most reports have none; _TIGHT
# only for a summary): compiled on first use, and with `regex`: each HAN class costs 1-3 ms to
# compile in `re` (_GAP 3.5 ms), ~0.2 ms in `regex`; they only search the lines that hold a blank


@cache
def _rx(pattern: str):
    return patterns.constant(pattern)


@cache
def _reverse_rx(pattern: str):
    return patterns.constant(pattern, regex.REVERSE)


# joint issuing bodies are set apart by a space (“中共某某县委 某某县人民政府关于…”): a blank
# between the end of one body's name and a whole second name is standard
_BODY_END = r"(?:委|政府|委员会|办事处|党组|党委|党工委|工委|管委会|局|办公室|办|院|厅|部|会)"
_BODY_LEFT = rf"{_BODY_END}$"
_BODY_RIGHT = rf"[^\s，。、；：,;:“”（）()]{{2,24}}?{_BODY_END}(?=关于|印发|[\s\u3000]|$)"


def _between_bodies(line: str, s: int, e: int) -> bool:
    return bool(_rx(_BODY_LEFT).search(line, 0, s)) and bool(_rx(_BODY_RIGHT).match(line, e))


def _joins_word(line: str, s: int, e: int) -> bool:
    """True if jieba, reading the text without the blank, finds a word across it."""
    from reportlint.kinds._lib.segment import tokenize

    lo, hi = max(0, s - 6), min(len(line), e + 6)
    glued = line[lo:s] + line[e:hi]
    cut = s - lo
    return any(ts < cut < te for _w, ts, te in tokenize(glued))


def _count_tight(text: str, items: int) -> int:
    """The digits written against Han characters (2023年), counted up to one more than `items`:
    grouped() only compares the count with the number of blanks it keeps (at most `items`), and
    a long draft holds tens of thousands (a full count took 0.13 s of the 7.4 MB file)."""
    count = 0
    for _ in _rx(_TIGHT).finditer(text):
        count += 1
        if count > items:
            break
    return count


def check(rule, state, doc):
    text = doc.text
    items, loose = [], []
    for _no, line, base in prose_lines(doc, at=(m.start() for m in _BLANK.finditer(text))):
        for m in _rx(_GAP).finditer(line):
            s, e = m.span()
            before, after = line[s - 1], line[e]
            if before.isdigit() and re.search(r"[A-Za-z]", _reverse_rx(_LATIN_LEFT).search(line, 0, s).group()):
                continue                                 # GB/T 9704—2012 排版
            if after.isdigit() and re.search(r"[A-Za-z]", _rx(_LATIN_RIGHT).match(line, e).group()):
                continue
            left = _reverse_rx(_LEFT).search(line, 0, s).group()
            right = _rx(_RIGHT).match(line, e).group()
            detail = {"context": left + m.group() + right, "expected": left + right}
            if is_han(before) and is_han(after) and _between_bodies(line, s, e):
                continue
            if is_han(before) and is_han(after) and not _joins_word(line, s, e):
                loose.append(Hit(base + s, base + e, {"found": m.group(), **detail}, variant="words"))
                continue
            items.append((base + s, base + e, "", detail))
    tight = _count_tight(text, len(items)) if len(items) >= rule["summary_min"] else 0
    hits, _ = grouped(doc, items, summary_min=rule["summary_min"], fullwidth_count=tight)
    for h in hits:
        if h.variant == "one":
            h.suggestion = "删除空格"
    return hits + loose
