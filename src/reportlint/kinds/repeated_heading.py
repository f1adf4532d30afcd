"""The title printed again at the top, a title doubled on its own line, a heading pasted twice.

    find: title        # title | headings
    top_lines: 8       # title: how many non-empty lines at the top are compared
    similarity: 0.85   # 0.5..1: how alike two titles (or two halves of one line) must be

title: among the first `top_lines` non-empty lines, a title-like line (short, no sentence end,
naming a 报告 or 总结, no "key:" of a web page's metadata)
that is (nearly) the same as an earlier one -- the title printed two or three times when a
draft was pasted together; and a title line holding the title twice (…年度情况自查报告…年度状况自查
报告), cut after each 报告/总结 that is not the line's end.
headings: a heading whose text (without its ordinal) is that of an earlier heading of the same
level and style under the same parent: a numbered item (1. / 1、 / （1） / （一）) pasted twice.
Headings with fewer than `min_chars` Chinese characters are left alone (（一）概况).
Similarity is rapidfuzz's normalized Indel similarity of the texts with spaces, punctuation
and ordinals dropped.
"""
from __future__ import annotations

from reportlint.kinds._lib.fingerprint import apart_by_counts, by_counts, han_count, normalize
from reportlint.kinds.options import Option
from reportlint.model.finding import Hit

KIND = "repeated_heading"
SUMMARY = "标题在开头重复印了两三遍、同一行里标题写了两遍、同一层级的小标题（1. （一） （1））粘贴了两次。"


def _fraction(value):
    return None if 0.5 <= value <= 1.0 else "must be between 0.5 and 1.0"


OPTIONS = {
    "find": Option("str", required=True, choices=("title", "headings"),
                   doc="title：开头重复的标题、一行里写了两遍的标题；headings：同级小标题重复"),
    "top_lines": Option("int", default=8, doc="title：比较开头这么多个非空行"),
    "similarity": Option("float", default=0.85, check=_fraction, doc="两段文字相似到这个程度（0.5–1）算重复"),
    "min_chars": Option("int", default=4, doc="少于这么多汉字的标题不比较"),
}
FIELDS = {"found", "other_line"}
SCOPES = ()

TITLE_MAX = 80            # a longer line is text, not a title
_ENDS = "。！？；!?;"
_TITLE_WORDS = ("报告", "总结")


def _alike(a: str, b: str, threshold: float) -> bool:
    if a == b:
        return True
    if by_counts(len(a) + len(b)) and apart_by_counts(a, b, threshold):
        return False
    from rapidfuzz.distance import Indel
    return Indel.normalized_similarity(a, b) >= threshold


def _title_like(body: str) -> bool:
    """A report's title: short, no sentence end, names a report, no "key:" (web metadata)."""
    return (0 < len(body) <= TITLE_MAX and body[-1] not in _ENDS and any(w in body for w in _TITLE_WORDS)
            and ":" not in body and "：" not in body)


def _top_lines(doc, count: int):
    """(line number, start offset, stripped text) of the first `count` non-empty lines."""
    out = []
    for no, line in enumerate(doc.lines, 1):
        body = line.strip()
        if body:
            start = doc.line_starts[no - 1] + (len(line) - len(line.lstrip()))
            out.append((no, start, body))
            if len(out) == count:
                break
    return out


def _doubled(body: str, threshold: float, min_chars: int) -> tuple[int, int] | None:
    """Where the second copy of a title starts and ends on a line that holds it twice (the
    second copy ends at the next 报告/总结, or with the line), or None."""
    for word in _TITLE_WORDS:
        at = body.find(word)
        while 0 <= at < len(body) - len(word) and at < TITLE_MAX:
            cut = at + len(word)
            nxt = body.find(word, cut)
            end = nxt + len(word) if nxt >= 0 else len(body)
            first, second = normalize(body[:cut]), normalize(body[cut:end])
            if han_count(second) >= min_chars and _alike(first, second, threshold):
                return cut, end
            at = nxt
    return None


def _check_title(rule, doc):
    seen: list[tuple[int, str]] = []
    threshold, min_chars = rule["similarity"], rule["min_chars"]
    for i, (no, start, body) in enumerate(_top_lines(doc, rule["top_lines"])):
        if not _title_like(body):
            # a page run into one line (a web page's text) may still begin with its title twice
            doubled = _doubled(body, threshold, min_chars) if i == 0 else None
            if doubled is not None and _title_like(body[:doubled[0]]):
                yield Hit(start + doubled[0], start + doubled[1],
                          {"found": body[doubled[0]:doubled[1]], "other_line": str(no)})
            continue
        norm = normalize(body)
        if han_count(norm) < min_chars:
            continue
        earlier = next((n for n, other in seen if _alike(norm, other, threshold)), None)
        if earlier is not None:
            yield Hit(start, start + len(body), {"found": body, "other_line": str(earlier)})
            continue
        doubled = _doubled(body, threshold, min_chars)
        if doubled is not None:
            yield Hit(start + doubled[0], start + doubled[1],
                      {"found": body[doubled[0]:doubled[1]], "other_line": str(no)})
        seen.append((no, norm))


def _check_headings(rule, doc):
    threshold, min_chars = rule["similarity"], rule["min_chars"]
    seen: dict[tuple, list[tuple[int, str]]] = {}
    for h in doc.headings:
        norm = normalize(h.title)
        if han_count(norm) < min_chars:
            continue
        key = (h.level, h.style, id(h.parent) if h.parent is not None else None)
        siblings = seen.setdefault(key, [])
        earlier = next((n for n, other in siblings if _alike(norm, other, threshold)), None)
        if earlier is not None:
            yield Hit(h.start, h.end, {"found": doc.text[h.start:h.end], "other_line": str(earlier)})
        else:
            siblings.append((h.line, norm))


def check(rule, state, doc):
    if rule["find"] == "title":
        yield from _check_title(rule, doc)
    else:
        yield from _check_headings(rule, doc)
