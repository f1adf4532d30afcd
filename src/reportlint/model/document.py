"""The document model every kind reads: lines, paragraphs, sentences, outline, meta.

`Document.text` has its line ends normalised to "\\n" (the original ones are kept in
`line_ends`, so --fix can write them back). All spans are character offsets into `text`;
`pos()` maps an offset to a 1-based (line, column) by bisection.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, cached_property

_NEWLINE = re.compile(r"\r\n|\r|\n")
# Leading indentation used in drafts: ASCII spaces, tabs, ideographic spaces, NBSP.
INDENT = " \t\u3000\u00a0"
CN_DIGITS = "〇零一二三四五六七八九十百两"

_HEADING_PATTERNS = (
    # (level, style, regex on the line after its indentation); group "num" is the number
    (1, "cn-dun", re.compile(r"(?P<num>[一二三四五六七八九十]{1,3})\s*[、，,．.]")),
    (2, "cn-paren", re.compile(r"(?P<open>[（(])\s*(?P<num>[一二三四五六七八九十]{1,3})\s*(?P<close>[）)])")),
    (3, "arabic-dot", re.compile(r"(?P<num>\d{1,2})\s*(?P<sep>[.．、])(?!\d)")),
    (4, "arabic-paren", re.compile(r"(?P<open>[（(])\s*(?P<num>\d{1,2})\s*(?P<close>[）)])")),
)
_MD_HEADING = r"(?P<hashes>#{1,6})\s+"                  # these five: see _lazy()
_TITLE_HINT = re.compile(r"报告|总结|情况|汇报|计划|要点")
_YEAR = re.compile(r"(20\d\d)\s*(?:年|(?=法治|法制|依法))")
# Lines of a web page's header (索引号, 发布机构, 发布时间, 字号, 分享, "- 标 题:" …): residue to
# delete, never the title or prose. Shared by meta and the punctuation/paragraph kinds.
WEB_META = re.compile(r"索\s*引\s*号|发布(?:机构|时间|日期|目录|于)|成文(?:日期|时间)|发文(?:字号|时间)|"
                      r"主题分类|浏览(?:次数|量)|信息来源|字号[:：]|分享到?\s*[:：]|^[-•|]"
                      r"|^[-•*\s]*(?:日期|时间|来源)[:：]|^[-•*]\s*\S(?:\s?\S){1,5}[:：]")

_DOC_NUMBER = re.compile(r"\S{1,12}〔20\d\d〕\d+号")
_OPENING_YEAR = r"(?P<y>20\d\d)\s*年(?:度)?(?:以来)?[，,是]"
_REPORT_AS_FOLLOWS = r"现将.{0,30}?(?P<y>20\d\d)\s*年.{0,30}?(?:报告|汇报|总结)(?:如下|于后)"
_CN_YEAR = r"二[〇零○0][一二三四五六七八九〇零○0]{2}"
_DATE_LINE = re.compile(
    r"^[\s\u3000]*(?P<y>20\d\d|二[〇零○0][〇零○0一二三四五六七八九]{2})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日[\s\u3000]*$")
_LEADING_RESIDUE = re.compile(r"(?:\[bookmark:[^\]\n]*\]\s*)+")
# what may follow the last sentence of a complete report: web-page footers, signature, date
_FOOTER = re.compile(r"扫一扫|相关(?:解读|链接|附件|文件)|打印本页|关闭窗口|分享到|责任编辑|^【.*】$|^附件\s*[:：\d]|^特此报告")
_SIGNATURE = re.compile(r"^[^，。,；;:：]{2,40}(?:政府|委员会|办事处|党委|党工委|管委会|局|镇|乡|街道|办公室)$")
_CLOSED = re.compile(r"[。！？!?…；;）)”’」』》\]】]$")
# How a new list item or part starts a line (一、 一是 （一） (1) 1. # 附件): it never continues
# the line before it.
ITEM_START = r"[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|#|附件"
_PARAGRAPH_END = re.compile(r"[。！？!?；;：:…][”’」』）)\]】]*[ \t\u3000]*$")
_SENTENCE_END = r"[。！？；!?;]+[”’」』）)]*|\n"


@cache
def _lazy(pattern: str) -> re.Pattern:
    """Patterns most runs never reach (Markdown headings, Chinese-numeral years, a year only in
    the opening, sentence spans for sentence-scoped rules): compiled on first use, ~0.6 ms less
    of a one-file run."""
    return re.compile(pattern)


@cache
def _glued_title() -> re.Pattern:
    """A title run into the first sentence; rare, and its CJK class costs ~1.2 ms to compile."""
    return re.compile(r"(.{4,50}?(?:报告|总结))(?=20\d\d|[一-龥])")


def cn_to_int(s: str) -> int | None:
    """Small Chinese or Arabic numerals used in headings and dates: 十二 -> 12, 二〇二四 -> 2024."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "○": 0, "0": 0, "两": 2})
    if s and all(c in digits for c in s):          # positional: 二〇二四
        return int("".join(str(digits[c]) for c in s))
    if "十" in s and len(s) <= 3:
        tens, _, ones = s.partition("十")
        t = digits.get(tens, None) if tens else 1
        o = digits.get(ones, None) if ones else 0
        if t is not None and o is not None:
            return t * 10 + o
    return None


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Heading:
    """One numbered or Markdown heading line and the section it opens."""
    level: int             # 1 一、  2 （一）  3 1.  4 （1）; Markdown: number of '#'
    style: str             # cn-dun | cn-paren | arabic-dot | arabic-paren | markdown
    number: int | None     # value of the ordinal, None for Markdown
    label: str             # the ordinal as written: "一、", "(四)", "1."
    title: str             # heading text without the ordinal (up to the first 。 when run-in)
    line: int              # 1-based line number
    start: int             # offset of the ordinal
    end: int               # end of the title
    run_in: bool           # body text follows on the same line
    section_end: int = 0   # end offset of the section (up to the next heading at this level or above)
    parent: "Heading | None" = field(default=None, repr=False)

    @property
    def section_text(self) -> str:  # filled in by Document.headings
        return self._text[self.start:self.section_end]


@dataclass
class Truncation:
    """Where a document stops abruptly (a web-page opening, a paste cut short)."""
    line: int
    start: int
    end: int
    reason: str            # mid-sentence | bare-heading


@dataclass
class Meta:
    title: str = ""
    title_line: int = 0    # 1-based, 0 when no title was found
    year: int | None = None
    year_source: str = ""  # title | signing-date | opening (first paragraphs or first heading) | config
    unit: str = ""
    signing_date: tuple[int, int, int] | None = None
    signing_line: int = 0

    @property
    def next_year(self) -> int | None:
        return None if self.year is None else self.year + 1


class Document:
    """One draft as every kind reads it. Made in one place (this constructor) with everything
    it carries; a fix round makes the next one with `with_text`, which keeps the rest."""

    def __init__(self, text: str, path: str = "<text>", *, encoding: str = "utf-8",
                 bom: bytes = b"", markdown: bool | None = None, year: int | None = None,
                 unit: str | None = None, references: tuple[Document, ...] = (),
                 locations: list[str | None] | None = None, line_ends: list[str] | None = None):
        self.path = path
        self.encoding = encoding
        self.bom = bom
        self.line_ends: list[str] = _NEWLINE.findall(text)
        self.text = _NEWLINE.sub("\n", text) if self.line_ends and any(
            e != "\n" for e in self.line_ends) else text
        if line_ends is not None and len(line_ends) == len(self.line_ends):
            self.line_ends = line_ends     # a fix round keeps each line's own end
        self.markdown = path.lower().endswith((".md", ".markdown")) if markdown is None else markdown
        self.given_year = year             # from the user or config; meta.year is what counts
        self.given_unit = unit
        # the other reports this one is compared with (--against), read once by the engine
        self.references = references
        # Word files: the table cell of each line (None for a body paragraph); None for text
        self.locations = locations
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", self.text))
        self.line_starts = starts

    def with_text(self, text: str) -> Document:
        """The same draft after a fix round: path, encoding, year, unit, references and Word
        locations are kept; so is each line's end while the number of lines is unchanged."""
        return Document(text, self.path, encoding=self.encoding, bom=self.bom,
                        markdown=self.markdown, year=self.given_year, unit=self.given_unit,
                        references=self.references, locations=self.locations,
                        line_ends=self.line_ends)

    def where(self, line: int) -> str | None:
        """"第12段" or "第12段（表1第2行第3列）" for a line of a Word document, else None."""
        if self.locations is None or not 0 < line <= len(self.locations):
            return None
        cell = self.locations[line - 1]
        return f"第{line}段" + (f"（{cell}）" if cell else "")

    # ---- positions -------------------------------------------------------------------
    def pos(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_span(self, lineno: int) -> tuple[int, int]:
        start = self.line_starts[lineno - 1]
        end = self.line_starts[lineno] - 1 if lineno < len(self.line_starts) else len(self.text)
        return start, end

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    # ---- blocks ----------------------------------------------------------------------
    @cached_property
    def skipped_lines(self) -> frozenset[int]:
        """Line numbers that hold no draft prose (Markdown code fences and their contents)."""
        if not self.markdown:
            return frozenset()
        skip, inside = set(), False
        for no, line in enumerate(self.lines, 1):
            if line.lstrip().startswith(("```", "~~~")):
                inside = not inside
                skip.add(no)
            elif inside:
                skip.add(no)
        return frozenset(skip)

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Paragraphs: a line that ends a sentence ends its paragraph (Word exports put one
        paragraph on each line); a line that stops mid-sentence runs on into the next
        non-blank line (hard-wrapped text). Blank lines and heading lines always separate."""
        heads = {h.line for h in self.headings if not h.run_in}
        out: list[Span] = []
        cur: list[int] = []

        def flush():
            if cur:
                s, _ = self.line_span(cur[0])
                _, e = self.line_span(cur[-1])
                out.append(Span(s, e, self.text[s:e]))
                cur.clear()

        for no, line in enumerate(self.lines, 1):
            if not line.strip(INDENT) or no in self.skipped_lines:
                flush()
            elif no in heads:
                flush()
                cur.append(no)
                flush()
            else:
                cur.append(no)
                if _PARAGRAPH_END.search(line):
                    flush()
        flush()
        return out

    @cached_property
    def sentences(self) -> list[Span]:
        """Split on 。！？；(and ASCII look-alikes) and on line ends; indentation trimmed."""
        out: list[Span] = []
        text, start = self.text, 0
        for m in _lazy(_SENTENCE_END).finditer(text):
            self._add_trimmed(out, start, m.end() if m.group() != "\n" else m.start())
            start = m.end()
        self._add_trimmed(out, start, len(text))
        return out

    def _add_trimmed(self, out: list[Span], s: int, e: int) -> None:
        text = self.text
        while s < e and text[s] in INDENT:
            s += 1
        while e > s and text[e - 1] in INDENT:
            e -= 1
        if e > s:
            out.append(Span(s, e, text[s:e]))

    # ---- outline ---------------------------------------------------------------------
    @cached_property
    def headings(self) -> list[Heading]:
        found: list[Heading] = []
        for no, line in enumerate(self.lines, 1):
            if no in self.skipped_lines:
                continue
            h = self._heading_at(no, line)
            if h:
                found.append(h)
        # parents and section ends
        stack: list[Heading] = []
        for h in found:
            while stack and stack[-1].level >= h.level:
                stack.pop()
            h.parent = stack[-1] if stack else None
            stack.append(h)
        for i, h in enumerate(found):
            h._text = self.text
            h.section_end = len(self.text)
            for later in found[i + 1:]:
                if later.level <= h.level:
                    h.section_end = self.line_starts[later.line - 1]
                    break
        return found

    def _heading_at(self, no: int, line: str) -> Heading | None:
        body = line.lstrip(INDENT)
        residue = _LEADING_RESIDUE.match(body)
        if residue:        # "[bookmark: _GoBack]（四）…": the heading is still there
            body = body[residue.end():].lstrip(INDENT)
        if not body:
            return None
        base = self.line_starts[no - 1] + (len(line) - len(body))
        if self.markdown:
            m = _lazy(_MD_HEADING).match(body)
            if m:
                title = body[m.end():].strip()
                return Heading(len(m.group("hashes")), "markdown", None, m.group("hashes"), title,
                               no, base, base + len(body.rstrip()), False)
            if body.startswith("#"):
                return None
            # "## 一、…" is handled above; numbered lines in Markdown fall through
        for level, style, rx in _HEADING_PATTERNS:
            m = rx.match(body)
            if not m:
                continue
            rest = body[m.end():]
            if not rest.strip() or rest[0] in "是要则，,。%％":   # "一是", "1.5", "（一）。"
                return None
            if style == "arabic-dot" and re.match(r"\d", rest):
                return None
            num = cn_to_int(m.group("num"))
            stop = re.search(r"[。！？：:]", rest)
            run_in = bool(stop and rest[stop.end():].strip())
            title = (rest[:stop.start()] if stop else rest).strip(INDENT + "　")
            if not run_in and len(title) > 60:
                run_in = True  # a long numbered line is a list item of prose, not a heading
            end = base + m.end() + (stop.start() if stop else len(rest.rstrip(INDENT)))
            return Heading(level, style, num, m.group(0), title, no, base, end, run_in)
        return None

    @cached_property
    def truncated(self) -> Truncation | None:
        """Set when the text ends mid-sentence or on a heading with no body.

        Trailing web footers (扫一扫在手机打开当前页), the signature and the date are not
        the end of the text; a final sentence without closing punctuation is.
        """
        for no in range(len(self.lines), 0, -1):
            line = self.lines[no - 1]
            s = line.strip(INDENT)
            if not s or no in self.skipped_lines:
                continue
            if _FOOTER.search(s) or _DATE_LINE.match(s) or _SIGNATURE.match(s):
                continue
            start = self.line_starts[no - 1] + len(line) - len(line.lstrip(INDENT))
            end = start + len(s)
            head = self._heading_at(no, line)
            if head and not head.run_in and not s.endswith(("，", ",", "、")):
                return Truncation(no, start, end, "bare-heading")
            if _CLOSED.search(s):
                return None
            return Truncation(no, start, end, "mid-sentence")
        return None

    # ---- meta ------------------------------------------------------------------------
    @cached_property
    def meta(self) -> Meta:
        meta = Meta()
        body_from = self._find_title(meta)
        if meta.title:
            compact = re.sub(r"[\s\u3000]+", "", meta.title)
            m = _YEAR.search(compact)
            if m:
                meta.year, meta.year_source = int(m.group(1)), "title"
                head = compact[:m.start()]
                unit = head if head else re.split(r"法治|法制|依法", compact[m.end():])[0]
                meta.unit = unit.removesuffix("度").removesuffix("关于").strip("《》“”")
            else:
                cm = _lazy(_CN_YEAR).search(compact)
                if cm:
                    meta.year, meta.year_source = cn_to_int(cm.group()), "title"
            if not meta.unit:
                meta.unit = re.split(r"20\d\d|二[〇零]|关于|法治|法制|依法", compact)[0]
        # signing date: a line of its own near the end
        tail_start = max(0, len(self.lines) - 8)
        for no in range(len(self.lines), tail_start, -1):
            m = _DATE_LINE.match(self.lines[no - 1])
            if m:
                y, mo, d = (cn_to_int(m.group(k)) for k in ("y", "m", "d"))
                if None not in (y, mo, d):
                    meta.signing_date, meta.signing_line = (y, mo, d), no
                break
        if meta.year is None and meta.signing_date:
            meta.year, meta.year_source = meta.signing_date[0] - 1, "signing-date"
        if meta.year is None:
            year = self._opening_year(body_from)
            if year:
                meta.year, meta.year_source = year, "opening"
        if self.given_year is not None and meta.year_source != "title":
            meta.year, meta.year_source = self.given_year, "config"
        if self.given_unit:
            meta.unit = self.given_unit
        return meta

    def _find_title(self, meta: Meta) -> int:
        """Fill meta.title/title_line from the opening lines; return the line where the body starts.

        Skips web-page headers (索引号, 发布时间, 字号 …), joins a title broken over two lines
        (“…人民政府” + “关于2024年…的报告”) and cuts a title glued to the first paragraph.
        """
        prev: tuple[int, str] | None = None
        seen = 0
        for no, line in enumerate(self.lines, 1):
            s = line.strip(INDENT)
            if not s:
                continue
            seen += 1
            if seen > 16:
                break
            if self.markdown:
                s = s.lstrip("#").strip()
            if WEB_META.search(s) or len(s) <= 2 or _DATE_LINE.match(s) or _DOC_NUMBER.fullmatch(s):
                continue
            head = self._heading_at(no, line)
            if head and not (head.style == "markdown" and _TITLE_HINT.search(s)):
                return no
            if len(s) > 60:
                m = _glued_title().match(s)
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

    def _opening_year(self, body_from: int) -> int | None:
        """The report year as the opening paragraph states it (“2024年，我镇…”, “现将2024年…报告如下”)."""
        checked = 0
        for no in range(max(1, body_from), len(self.lines) + 1):
            s = self.lines[no - 1].strip(INDENT)
            if not s or WEB_META.search(s):
                continue
            m = _lazy(_OPENING_YEAR).match(s) or _lazy(_REPORT_AS_FOLLOWS).search(s)
            if m:
                return int(m.group("y"))
            h = self._heading_at(no, self.lines[no - 1])
            if h:
                m = re.match(r"(?P<y>20\d\d)\s*年", h.title)
                return int(m.group("y")) if m else None
            checked += 1
            if checked >= 3:
                return None
        return None

    # ---- helpers for kinds -----------------------------------------------------------
    def shared(self, key, build):
        """build() computed once per document under `key` (hashable): the analyses several rules
        read (passages, figures, the marks scan …). They are freed with the document, and
        engine.for_reports drops them from the copy the reporters keep."""
        memo = self.__dict__.setdefault("_shared", {})
        if key not in memo:
            memo[key] = build()
        return memo[key]

    def spans(self, scope: str) -> list[Span]:
        """Units a kind iterates over: document | paragraph | sentence | line."""
        if scope == "document":
            return [Span(0, len(self.text), self.text)]
        if scope == "paragraph":
            return self.paragraphs
        if scope == "sentence":
            return self.sentences
        if scope == "line":
            return self._line_spans
        raise ValueError(f"unknown scope {scope!r}")

    @cached_property
    def _line_spans(self) -> list[Span]:
        """Non-empty lines outside code fences; built once, every line-scoped rule reuses it."""
        out = []
        skipped = self.skipped_lines
        for no, line in enumerate(self.lines, 1):
            if line and no not in skipped:
                s = self.line_starts[no - 1]
                out.append(Span(s, s + len(line), line))
        return out
