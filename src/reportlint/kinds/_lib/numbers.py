"""Figures in running text: 1,234 / １２３ / 3.5万 / 三十六 / 两万余 / 12.5% -> Decimal.

`find_numbers(text, start, end)` returns every figure in a span as a `Number` with its
character span, the numeral as written, its multiplier (万/亿…), the unit that follows
(件 起 人次 % 年 …) and its qualifiers (近/约/逾 before it, 余/多 after the numeral,
以上/左右 after the unit). Chinese numerals count only when a unit follows them, so 一是、
统一、百姓 are not figures. Values are computed on first use: small Chinese numerals go
through `document.cn_to_int`, anything larger through cn2an, imported only then.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal, InvalidOperation
from functools import cached_property

import regex

from reportlint.kinds import patterns
from reportlint.model import re_code
from reportlint.model.lines import cn_to_int
from reportlint.model.plain import Fields

CN_NUMERAL = "零〇○一二两三四五六七八九十百千万亿"
CN_DIGIT = "零〇○一二两三四五六七八九"

# Units of count and measure, longest first so 人次 wins over 人.
COUNT_UNITS = (
    "人次", "场次", "件次", "户次", "批次", "条次", "家次", "课时", "余次",
    "件", "起", "次", "人", "名", "份", "场", "个", "项", "家", "户", "部", "条", "篇",
    "期", "批", "所", "宗", "例", "轮", "堂", "节", "册", "本", "块", "处", "套", "台",
    "辆", "座", "张", "幅", "位", "支", "类", "组", "村", "间", "栋", "单",
)
MEASURE_UNITS = ("万元", "亿元", "元", "平方米", "公里", "千米", "米", "吨", "亩", "小时", "分钟")
DATE_UNITS = ("年度", "年", "月份", "月", "日", "号", "天", "周", "岁")
PERCENT = "%"

_UNITS = sorted(COUNT_UNITS + MEASURE_UNITS + DATE_UNITS, key=len, reverse=True)
_UNIT_RX = "|".join(map(re.escape, _UNITS))

# One figure: prefix qualifier, numeral, multiplier, 余/多, unit or %, trailing qualifier.
# The leading lookahead names every character a figure can start with: re then rejects the
# other positions of a line at once instead of trying each branch there (0.27 -> 0.07 ms a report).
_FIRST_CHARS = "近约逾超不将接大" + "0-9０-９" + CN_NUMERAL
_NUMBER = re_code.compile(
    r"(?=[" + _FIRST_CHARS + r"])"
    r"(?P<pre>近|约|逾|超过|超|不足|不到|将近|接近|大约)?"
    r"(?:(?P<pct>百分之)(?P<cnp>[" + CN_NUMERAL + r"]+(?:点[" + CN_DIGIT + r"]+)?)"
    r"|(?P<ar>[0-9０-９]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?)"
    r"(?P<mul>[十百千万亿]{0,2})"
    r"|(?P<cn>[" + CN_NUMERAL + r"]+(?:点[" + CN_DIGIT + r"]+)?))"
    r"(?P<approx>余|多)?"
    r"[ \t\u3000]*(?P<unit>[%％]|" + _UNIT_RX + r")?"
    r"(?P<post>以上|以下|左右|以内|上下|多)?"
)
APPROX_PREFIXES = ("近", "约", "将近", "接近", "大约")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_MULTIPLIER = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_ALNUM_BEFORE = re_code.compile(r"[A-Za-z0-9_./:-]")
_ARABIC_CHARS = frozenset("0123456789０１２３４５６７８９,.．")


def parse_chinese(s: str) -> Decimal | None:
    """三十六 -> 36, 两万 -> 20000, 二〇二四 -> 2024, 十二点五 -> 12.5; None if not a numeral."""
    s = s.replace("○", "〇")
    if "点" not in s and not any(c in s for c in "百千万亿") and len(s) <= 4:
        v = cn_to_int(s)           # the frequent small ones, without importing cn2an
        if v is not None:
            return Decimal(v)
    import cn2an  # heavy (about 0.1 s): only for numerals like 一千二百、两万
    try:
        return Decimal(str(cn2an.cn2an(s, "normal")))
    except (ValueError, KeyError, InvalidOperation, IndexError):
        return None


def _arabic_parts(s: str) -> tuple[str, str] | None:
    """(digits, multipliers) of 3.5万 / 1,234 / １２３: what fullmatch of ([0-9０-９,.．]+)([十百千万亿]{0,2})
    gives (the two sets are disjoint, so the split is where the multipliers start), without
    compiling that CJK class at import."""
    digits = s.rstrip("十百千万亿")
    if digits and len(s) - len(digits) <= 2 and all(c in _ARABIC_CHARS for c in digits):
        return digits, s[len(digits):]
    return None


def parse_numeral(s: str) -> Decimal | None:
    """Value of one numeral as written: 1,234 / １２３ / 3.5万 / 三十六 / 两万 / 12.5% (-> 12.5)."""
    s = s.strip().rstrip("%％")
    if s.startswith("百分之"):
        s = s[3:]
    parts = _arabic_parts(s)
    if parts:
        try:
            value = Decimal(parts[0].translate(_FULLWIDTH).replace(",", ""))
        except InvalidOperation:
            return None
        for c in parts[1]:
            value *= _MULTIPLIER[c]
        return value
    if s and all(c in CN_NUMERAL + "点" for c in s):
        return parse_chinese(s)
    return None


class Number(Fields):
    """A figure of the text with its span, numeral, unit, value and qualifiers (a plain class:
    see model/plain.py)."""
    _fields = ("start", "end", "num_start", "num_end", "numeral", "unit", "prefix", "approx", "suffix", "chinese")

    def __init__(self, start: int, end: int, num_start: int, num_end: int, numeral: str, unit: str,
                 prefix: str = "", approx: str = "", suffix: str = "", chinese: bool = False):
        self.start, self.end = start, end    # span of the whole figure, qualifiers and unit included
        self.num_start, self.num_end = num_start, num_end    # span of the numeral (multiplier included)
        self.numeral = numeral    # as written: "22", "１２３", "3.5万", "三十六"
        self.unit = unit          # "件", "人次", "%", "年", … or ""
        self.prefix = prefix      # 近 约 逾 超过 不足 …
        self.approx = approx      # 余 多 (between numeral and unit)
        self.suffix = suffix      # 以上 以下 左右 …
        self.chinese = chinese

    @cached_property
    def value(self) -> Decimal | None:
        return parse_numeral(self.numeral)

    @property
    def percent(self) -> bool:
        return self.unit == PERCENT

    @property
    def exact(self) -> bool:
        """Stated as an exact figure (no 近/约/余/多/以上/左右 …)."""
        return not (self.prefix or self.approx or self.suffix)

    @property
    def is_count(self) -> bool:
        return self.unit in COUNT_UNITS

    @property
    def is_date_part(self) -> bool:
        return self.unit in DATE_UNITS

    @property
    def lower(self) -> Decimal | None:
        """Smallest value the wording allows: 余/多/以上/超过 -> the stated value, 近/约 -> 90%."""
        v = self.value
        if v is None:
            return None
        if self.prefix in ("不足", "不到") or self.suffix in ("以下", "以内"):
            return Decimal(0)
        if self.prefix in APPROX_PREFIXES or self.suffix in ("左右", "上下"):
            return v * Decimal("0.9")
        return v

    @property
    def upper(self) -> Decimal | None:
        """Largest value the wording allows; None when unbounded (以上, 超过, 逾)."""
        v = self.value
        if v is None:
            return None
        if self.suffix == "以上" or self.prefix in ("超过", "超", "逾"):
            return None
        if self.approx or self.suffix == "多":
            return v + _step(v)
        if self.prefix in APPROX_PREFIXES or self.suffix in ("左右", "上下"):
            return v * Decimal("1.1")
        return v


def _step(v: Decimal) -> Decimal:
    """The place 余/多 stands for: 30余 < 40, 850余 < 860, 1500余 < 1600, 两万余 < 30000, 8余 < 9."""
    n = int(v)
    if n <= 0 or n != v:
        return Decimal(1)
    zeros = len(str(n)) - len(str(n).rstrip("0"))
    return Decimal(10) ** zeros


# Marks that end the phrase a figure belongs to (ASCII ones too: many drafts use them).
CLAUSE_MARKS = "，,、；;：:。！？!?（）()“”\n"
SENTENCE_MARKS = "。！？!?\n"


def phrase_before(text: str, pos: int, floor: int = 0) -> str:
    """The words that introduce the figure at `pos`: back to the previous mark or figure."""
    i = pos
    while i > floor and text[i - 1] not in CLAUSE_MARKS and not text[i - 1].isdigit():
        i -= 1
    return text[i:pos].replace(" ", "").replace("\u3000", "")


# one scan that stops at the nearest mark (a str.find per mark ran to the end of the text for
# every mark a document lacks: quadratic on a long document); regex's REVERSE searches leftwards
# (regex compiles this CJK class in a third of the time re takes)
_SENTENCE_MARK = patterns.constant("[" + regex.escape(SENTENCE_MARKS) + "]")
_SENTENCE_MARK_BACK = patterns.constant("[" + regex.escape(SENTENCE_MARKS) + "]", regex.REVERSE)


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Offset where the sentence holding `pos` starts (after 。！？ or a line end)."""
    m = _SENTENCE_MARK_BACK.search(text, floor, pos)
    return m.start() + 1 if m else floor


def sentence_end(text: str, pos: int, ceiling: int | None = None) -> int:
    ceiling = len(text) if ceiling is None else ceiling
    m = _SENTENCE_MARK.search(text, pos, ceiling)
    return m.start() if m else ceiling


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every figure in text[start:end], left to right."""
    end = len(text) if end is None else end
    out: list[Number] = []
    for m in _NUMBER.finditer(text, start, end):
        pre, pct, cnp, ar, _mul, cn, approx, unit_written, post = m.groups()   # one call, not one a group
        unit = unit_written or ""
        if pct:
            numeral, ns, ne, chinese = cnp, m.start("pct"), m.end("cnp"), True
            if unit in ("%", "％"):
                continue
            unit = PERCENT
        elif ar:
            ns, ne = m.start("ar"), m.end("mul")
            numeral, chinese = text[ns:ne], False
            before = text[ns - 1] if ns > start else ""
            if before and _ALNUM_BEFORE.match(before) and not pre:
                continue          # part of a code, version, URL or decimal
        else:
            numeral, ns, ne, chinese = cn, m.start("cn"), m.end("cn"), True
            # a Chinese numeral is a figure only with a unit, a real digit and no 第 before it
            if not unit or (not any(c in CN_DIGIT for c in numeral.lstrip("十")) and not \
                    numeral.startswith("十")):
                continue
            if ns > 0 and text[ns - 1] == "第":
                continue
        if unit == "％":
            unit = PERCENT
        s = m.start("pre") if pre else ns
        if unit_written and post:
            e = m.end("post")
            suffix = post
        else:
            e = m.end("unit") if unit_written else (m.end("approx") if approx else ne)
            suffix = ""
        out.append(Number(s, e, ns, ne, numeral, unit, pre or "", approx or "", suffix, chinese))
    return out


def _scanned(doc) -> tuple[list[Number], list[int]]:
    """The figures of a Document and their starts, scanned once and shared by all numeric rules
    (the starts let numbers_between bisect without a key function: it runs once a paragraph)."""
    def build():
        numbers = find_numbers(doc.text)
        return numbers, [n.start for n in numbers]
    return doc.shared(_scanned, build)


def numbers_in(doc) -> list[Number]:
    """Every figure of a Document, scanned once and shared by all numeric rules."""
    return _scanned(doc)[0]


def numbers_between(doc, start: int, end: int) -> list[Number]:
    """The figures of `doc` that lie inside [start, end)."""
    found, starts = _scanned(doc)
    i = bisect_left(starts, start)
    j = bisect_left(starts, end, lo=i)
    out = found[i:j]
    while out and out[-1].end > end:
        out.pop()
    return out


def paragraphs_with(doc, wanted):
    """(paragraph, numbers_between it) for each paragraph of `doc` holding a figure for which
    wanted(figure) is true, in order; a rule that looks only at rates or at counts of one
    then skips the other paragraphs without slicing their figures."""
    found, _ = _scanned(doc)
    chosen = [n for n in found if wanted(n)]
    if not chosen:
        return
    paragraphs = doc.paragraphs
    starts = [p.start for p in paragraphs]
    done = -1
    for n in chosen:
        k = bisect_right(starts, n.start) - 1
        if k <= done:
            continue
        para = paragraphs[k]
        if n.start < para.end and n.end <= para.end:      # inside it, as numbers_between counts
            done = k
            yield para, numbers_between(doc, para.start, para.end)
