"""What a line of a draft can be: indentation, a web page's header or footer, a signature, a
date, the start of a list item; and the small Chinese numerals of headings and dates.

Shared by the document model and the kinds (paragraph and punctuation checks)."""
from __future__ import annotations

import re
from functools import cache, lru_cache

from reportlint.model import re_code
from reportlint.model.lazy_pattern import LazyPattern

# Leading indentation used in drafts: ASCII spaces, tabs, ideographic spaces, NBSP.
INDENT = " \t\u3000\u00a0"
CN_DIGITS = "〇零一二三四五六七八九十百两"
# Lines of a web page's header (索引号, 发布机构, 发布时间, 字号, 分享, "- 标 题:" …): residue to
# delete, never the title or prose.
WEB_META = LazyPattern(r"索\s*引\s*号|发布(?:机构|时间|日期|目录|于)|成文(?:日期|时间)|发文(?:字号|时间)|"
                         r"主题分类|浏览(?:次数|量)|信息来源|字号[:：]|分享到?\s*[:：]|^[-•|]"
                         r"|^[-•*\s]*(?:日期|时间|来源)[:：]|^[-•*]\s*\S(?:\s?\S){1,5}[:：]")
DATE_LINE = LazyPattern(
    r"^[\s\u3000]*(?P<y>20\d\d|二[〇零○0][〇零○0一二三四五六七八九]{2})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日[\s\u3000]*$")
# what may follow the last sentence of a complete report: web-page footers, signature, date
FOOTER = LazyPattern(r"扫一扫|相关(?:解读|链接|附件|文件)|打印本页|关闭窗口|分享到|责任编辑|^【.*】$"
                       r"|^附件\s*[:：\d]|^特此报告")
SIGNATURE = LazyPattern(r"^[^，。,；;:：]{2,40}(?:政府|委员会|办事处|党委|党工委|管委会|局|镇|乡|街道|办公室)$")
# How a new list item or part starts a line (一、 一是 （一） (1) 1. # 附件): it never continues
# the line before it.
ITEM_START = r"[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|#|附件"


@cache
def lazy(pattern: str) -> re.Pattern:
    """Patterns most runs never reach (Markdown headings, Chinese-numeral years, a year only in
    the opening, sentence spans for sentence-scoped rules): compiled on first use, ~0.6 ms less
    of a one-file run."""
    return re_code.compile(pattern)


_CN_DIGITS = {**{c: i for i, c in enumerate("零一二三四五六七八九")}, "〇": 0, "○": 0, "0": 0, "两": 2}


@lru_cache(maxsize=4096)    # a report asks for the same few ordinals (一 二 三 …) dozens of times
def cn_to_int(s: str) -> int | None:
    """Small Chinese or Arabic numerals used in headings and dates: 十二 -> 12, 二〇二四 -> 2024."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    digits = _CN_DIGITS
    if s and all(c in digits for c in s):          # positional: 二〇二四
        return int("".join(str(digits[c]) for c in s))
    if "十" in s and len(s) <= 3:
        tens, _, ones = s.partition("十")
        t = digits.get(tens) if tens else 1
        o = digits.get(ones) if ones else 0
        if t is not None and o is not None:
            return t * 10 + o
    return None


def display_width(text: str) -> int:
    """Columns text takes on a terminal: CJK (wide and full-width) characters take two."""
    from unicodedata import east_asian_width
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)
