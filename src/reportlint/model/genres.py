"""Genres: the kinds of report reportlint knows, told apart by their titles.

A rule runs on every genre unless its file says `genre: [...]`. A draft's genre
(Document.genre) is the first genre whose title pattern matches its title; when the title
names none (or there is no title: an extract), the first genre with one of its `signals`
(wordings only its reports contain, such as a mandated table's row label) in the text; else
the default, the first one. The configuration's `genre:` overrides all this. A third genre is
one more entry here plus the rules that name it.
"""
from __future__ import annotations

import re
from typing import NamedTuple


class Genre(NamedTuple):      # (a frozen @dataclass costs ~1.5 ms to create, every run)
    title: str                        # a regular expression searched in the title (no spaces)
    signals: tuple[str, ...] = ()     # plain strings: any of them in the text decides
    closing: tuple[str, ...] = ()     # the name of the last mandated part: a text that ends in it,
                                      # with text of its own, has reached its end (Document.truncated)


GENRES: dict[str, Genre] = {
    # 法治政府建设情况报告 (the default: drafts whose title says nothing)
    "rule-of-law-report": Genre(r"法治|法制|依法行政"),
    # 政府信息公开工作年度报告 (国办公开办函〔2021〕30号)
    "gio-annual-report": Genre(r"政府信息公开(?:工作)?(?:年度)?(?:工作)?报告|政务公开.{0,4}年度报告",
                               ("本年新收政府信息公开申请数量", "第二十条第（一）项"),
                               ("其他需要报告的事项",)),
}
DEFAULT = next(iter(GENRES))


def genre_of(title: str, text: str) -> str:
    """The genre a title names (spaces ignored), else the one the text signals, else the default."""
    compact = re.sub(r"[\s\u3000]+", "", title)
    if compact:
        for name, genre in GENRES.items():
            if name != DEFAULT and re.search(genre.title, compact):
                return name
        if re.search(GENRES[DEFAULT].title, compact):
            return DEFAULT
    for name, genre in GENRES.items():
        if any(s in text for s in genre.signals):
            return name
    return DEFAULT
