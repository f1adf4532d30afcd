"""Parts a report must contain, found from headings at any level or, when folded, from the body.

    sections:
      - name: 存在的不足和原因                 # what the message calls the part
        heading: "不足|问题|短板|差距"          # searched in every heading title (any level)
        body: "存在的?(?:不足|问题)"           # optional: keywords that show the part is folded in
    skip_truncated: true                       # an excerpt may lack the parts it does not show

Patterns may use {year} and {next_year} (the report year from Document.meta; any year when
it is unknown); so may a part's name. A missing part is reported where it was expected: after the part listed
before it (when that part has a heading), else at the first heading.
"""
from __future__ import annotations

from bisect import bisect_right

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import compile_pattern, lazy_pattern, line_bounded, search
from reportlint.model.finding import Hit
from reportlint.model.outline import Heading

KIND = "required_sections"
SUMMARY = "报告必须包含的部分：从各级标题找，合并写在正文里的从正文关键词找。"
OPTIONS = {
    "sections": Option("list", required=True, min_len=1, items=Option("map", fields={
                           "name": Option("str", required=True, doc="消息里对这一部分的称呼"),
                           "heading": Option("str", required=True, doc="在各级标题中查找的正则"),
                           "body": Option("str", doc="可选：说明这一部分并入正文的关键词（正则）"),
                       }),
                       doc="各部分按通常顺序排列；正则可用 {year} {next_year}"),
    "skip_truncated": Option("bool", default=True, doc="节选（末尾戛然而止或从中间开始）只判断所见各部分之间的缺项"),
}
FIELDS = {"name", "where"}
SCOPES = ()

ANY_YEAR = r"20\d\d"


def year_pattern(pattern: str, year: int | None) -> str:
    """Fill {year}/{next_year} in a pattern; any year when the report year is unknown."""
    if year is None:
        return pattern.replace("{year}", ANY_YEAR).replace("{next_year}", ANY_YEAR)
    return pattern.replace("{year}", str(year)).replace("{next_year}", str(year + 1))


def _name(name: str, year: int | None) -> str:
    if year is None:
        return name.replace("{year}", "本").replace("{next_year}", "下一")
    return name.replace("{year}", str(year)).replace("{next_year}", str(year + 1))


def validate(options):
    """The patterns compile once {year} is filled in (the shapes are checked by OPTIONS)."""
    for i, sec in enumerate(options["sections"]):
        for key in ("heading", "body"):
            if key in sec:
                try:
                    compile_pattern(year_pattern(sec[key], 2024))
                except Exception as exc:  # regex.error
                    yield ("sections", i, key), f"bad regular expression: {exc}"


def prepare(rule):
    return {}   # compiled patterns per report year


def _compiled(state: dict, pattern: str | None, year: int | None):
    if not pattern:
        return None
    key = (pattern, year)
    if key not in state:
        state[key] = lazy_pattern(year_pattern(pattern, year))
    return state[key]


def _joined_titles(doc) -> tuple[str, list[int]]:
    """The heading titles one per line, and where each starts (shared by the sections)."""
    def build():
        starts, pos = [], 0
        for h in doc.headings:
            starts.append(pos)
            pos += len(h.title) + 1
        return "\n".join(h.title for h in doc.headings), starts
    return doc.shared(_joined_titles, build)


def matching_headings(rx, doc):
    """The headings whose title rx finds, in order, like (h for h in doc.headings if search(rx, h.title)).

    Searching each title costs a call per heading and pattern; one search over the titles
    joined by line breaks skips to the next title that can match (patterns.line_bounded: such
    a search never passes over a line that a line-bounded search matches); that title is then
    searched alone, as before. Alone, a title has nothing before it: a negative lookbehind or
    \\A would see the line break before it in the joined text, so such patterns search each title."""
    headings = doc.headings
    if not headings:
        return
    if not line_bounded(rx) or "(?<!" in rx.pattern or "\\A" in rx.pattern:
        yield from (h for h in headings if search(rx, h.title))
        return
    text, starts = _joined_titles(doc)
    pos = 0
    while pos <= len(text):
        m = search(rx, text, pos)
        if m is None:
            return
        i = bisect_right(starts, m.start()) - 1
        if search(rx, headings[i].title):
            yield headings[i]
        pos = starts[i] + len(headings[i].title) + 1


def check(rule, state, doc):
    year = doc.meta.year
    headings = doc.headings
    found: list = []          # per section: the heading that holds it, True (body), or None
    for sec in rule["sections"]:
        hit = next(matching_headings(_compiled(state, sec["heading"], year), doc), None)
        if hit is None and sec.get("body") and search(_compiled(state, sec["body"], year), doc.text):
            hit = True
        found.append(hit)
    lo, hi = _checkable(rule, doc, found)
    for i, (sec, hit) in enumerate(zip(rule["sections"], found)):
        if hit is not None or not lo <= i < hi:
            continue
        before = next((h for h in reversed(found[:i]) if isinstance(h, Heading)), None)
        if before is not None:
            where = f"应在“{before.label}{before.title}”部分之后"
            pos = min(before.section_end, len(doc.text))
            # the finding sits on the first line after the preceding part (or on its last line)
            if pos >= len(doc.text):
                pos = before.start
        elif headings:
            where = "应在正文中单列一部分"
            pos = headings[0].start
        else:
            where = "全文未找到分级标题"
            pos = 0
        end = doc.text.find("\n", pos)
        yield Hit(pos, end if end > pos else len(doc.text), {"name": _name(sec["name"], year), "where": where})


def _checkable(rule, doc, found: list) -> tuple[int, int]:
    """The parts whose absence can be judged: [lo, hi) in the list's order.

    An excerpt is judged between the parts it shows: a text cut off at the end
    (Document.truncated) may lack the parts after the last one it has a heading for, and a
    text that starts midway (Document.starts_midway) those before the first one. A part listed
    between two parts that are there is missing whichever way the text was cut — when the text
    shows two or more parts in the list's order; otherwise where a missing part would have
    stood is unknown (reports put 第一责任人 first, too) and an excerpt is not judged at all."""
    n = len(found)
    if not rule["skip_truncated"]:
        return 0, n
    top = min((h.level for h in doc.headings), default=0)
    # parts placed by a heading of the top level; one found in a sub-heading is folded into
    # another part and says nothing about where the text was cut
    at = sorted((h.start, i) for i, h in enumerate(found) if isinstance(h, Heading) and h.level == top)
    order = [i for _, i in at]
    if len(order) < 2 or order != sorted(order):     # one part alone shows no order
        order = []
    hi = (order[-1] + 1 if order else 0) if doc.truncated else n
    lo = (order[0] if order else n) if doc.starts_midway else 0
    return lo, hi
