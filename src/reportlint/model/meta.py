"""What a draft says about itself: its title, year, unit and signing date (Document.meta)."""
from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from reportlint.model import re_code
from reportlint.model.lazy_pattern import LazyPattern
from reportlint.model.lines import DATE_LINE, INDENT, WEB_META, cn_to_int, lazy
from reportlint.model.plain import Fields

if TYPE_CHECKING:
    from reportlint.model.document import Document

_TITLE_HINT = LazyPattern(r"报告|总结|情况|汇报|计划|要点")
_YEAR = LazyPattern(r"(20\d\d)\s*(?:年|(?=法治|法制|依法))")
_DOC_NUMBER = LazyPattern(r"\S{1,12}〔20\d\d〕\d+号")
_OPENING_YEAR = r"(?P<y>20\d\d)\s*年(?:度)?(?:以来)?[，,是]"          # these three: lines.lazy
_REPORT_AS_FOLLOWS = r"现将.{0,30}?(?P<y>20\d\d)\s*年.{0,30}?(?:报告|汇报|总结)(?:如下|于后)"
_CN_YEAR = r"二[〇零○0][一二三四五六七八九〇零○0]{2}"
# lines above a title that are not the title: a file name (“…情况.docx”), a metadata field
# (“标 题：…”, “来源：…”, “作者：…”)
_FILE_NAME = LazyPattern(r"\.(?:docx?|wps|pdf|txt|xlsx?|html?)\s*$", re.IGNORECASE)
_META_FIELD = r"^[-•*\s]*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,5}\s*[:：]\s*\S"


class Meta(Fields):
    """What the draft says about itself: title, year (and where it was read), unit, signing date.
    Filled in by meta() (a plain class: see model/plain.py)."""
    __slots__ = ("signing_date", "signing_line", "title", "title_line", "unit", "year", "year_source")
    _fields = ("title", "title_line", "year", "year_source", "unit", "signing_date", "signing_line")

    def __init__(self) -> None:
        self.title = ""
        self.title_line = 0          # 1-based, 0 when no title was found
        self.year: int | None = None
        self.year_source = ""        # title | signing-date | opening (first paragraphs or first heading) | config
        self.unit = ""
        self.signing_date: tuple[int, int, int] | None = None
        self.signing_line = 0

    @property
    def next_year(self) -> int | None:
        return None if self.year is None else self.year + 1


@cache
def glued_title() -> re.Pattern:
    """A title run into the first sentence; rare, and its CJK class costs ~1.2 ms to compile."""
    return re_code.compile(r"(.{4,50}?(?:报告|总结))(?=[ \u3000]*(?:20\d\d|[一-龥]))")



def read_meta(doc: Document) -> Meta:
    """Title, year (and where it was found), unit and signing date of a draft."""
    meta = Meta()
    body_from = find_title(doc, meta)
    if meta.title:
        compact = re.sub(r"[\s\u3000]+", "", meta.title)
        m = _YEAR.search(compact)
        if m:
            meta.year, meta.year_source = int(m.group(1)), "title"
            head = compact[:m.start()]
            unit = head if head else re.split(r"法治|法制|依法", compact[m.end():])[0]
            meta.unit = unit.removesuffix("度").removesuffix("关于").strip("《》“”")
        else:
            cm = lazy(_CN_YEAR).search(compact)
            if cm:
                meta.year, meta.year_source = cn_to_int(cm.group()), "title"
        if not meta.unit:
            meta.unit = re.split(r"20\d\d|二[〇零]|关于|法治|法制|依法", compact)[0]
    # signing date: a line of its own near the end
    tail_start = max(0, len(doc.lines) - 8)
    for no in range(len(doc.lines), tail_start, -1):
        m = DATE_LINE.match(doc.lines[no - 1])
        if m:
            y, mo, d = (cn_to_int(m.group(k)) for k in ("y", "m", "d"))
            if y is not None and mo is not None and d is not None:
                meta.signing_date, meta.signing_line = (y, mo, d), no
            break
    if meta.year is None and meta.signing_date:
        meta.year, meta.year_source = meta.signing_date[0] - 1, "signing-date"
    if meta.year is None:
        year = opening_year(doc, body_from)
        if year:
            meta.year, meta.year_source = year, "opening"
    if doc.given_year is not None and meta.year_source != "title":
        meta.year, meta.year_source = doc.given_year, "config"
    if doc.given_unit:
        meta.unit = doc.given_unit
    return meta


def find_title(doc: Document, meta: Meta) -> int:
    """Fill meta.title/title_line from the opening lines; return the line where the body starts.

    Skips web-page headers (索引号, 发布时间, 字号 …), file names and metadata fields (标题：…,
    来源：…), joins a title broken over two lines
    (“…人民政府” + “关于2024年…的报告”) and cuts a title glued to the first paragraph.
    """
    prev: tuple[int, str] | None = None
    seen = 0
    for no, line in enumerate(doc.lines, 1):
        s = line.strip(INDENT)
        if not s:
            continue
        seen += 1
        if seen > 16:
            break
        if doc.markdown:
            s = s.lstrip("#").strip()
        if WEB_META.search(s) or len(s) <= 2 or DATE_LINE.match(s) or _DOC_NUMBER.fullmatch(s) \
                or _FILE_NAME.search(s) or (len(s) <= 80 and lazy(_META_FIELD).match(s)):
            continue
        head = doc.heading_at(no, line)
        if head and not (head.style == "markdown" and _TITLE_HINT.search(s)):
            return no
        if len(s) > 60:
            m = glued_title().match(s)
            if m and _TITLE_HINT.search(m.group(1)):
                meta.title, meta.title_line = m.group(1), no
            return no
        if _TITLE_HINT.search(s) and not s.endswith(("。", "：", ":")):
            if prev and (s.startswith("关于") or len(s) <= 8) and len(prev[1]) + len(s) <= 60:
                meta.title, meta.title_line = prev[1] + s, prev[0]
            else:
                meta.title, meta.title_line = s, no
            return no + 1
        if s.endswith(("。", "：", ":", "；")) or re.search(r"[。，,；]", s):
            return no
        prev = (no, s)
    return 1


def opening_year(doc: Document, body_from: int) -> int | None:
    """The report year as the opening paragraph states it (“2024年，我镇…”, “现将2024年…报告如下”)."""
    checked = 0
    for no in range(max(1, body_from), len(doc.lines) + 1):
        s = doc.lines[no - 1].strip(INDENT)
        if not s or WEB_META.search(s):
            continue
        m = lazy(_OPENING_YEAR).match(s) or lazy(_REPORT_AS_FOLLOWS).search(s)
        if m:
            return int(m.group("y"))
        h = doc.heading_at(no, doc.lines[no - 1])
        if h:
            m = re.match(r"(?P<y>20\d\d)\s*年", h.title)
            return int(m.group("y")) if m else None
        checked += 1
        if checked >= 3:
            return None
    return None
