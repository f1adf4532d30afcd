"""Genres: the kinds of report reportlint knows, told apart by their titles.

A rule runs on every genre unless its file says `genre: [...]`; a draft's genre is the first
genre whose title pattern matches its title (Document.genre), else the default (the first
one), or what the configuration says (`genre:` in .reportlint.yaml). A third genre is one
more entry here plus the rules that name it.
"""
from __future__ import annotations

import re

# name -> what its titles say; the first is the default for a draft whose title says nothing
GENRES: dict[str, str] = {
    "rule-of-law-report": r"法治|法制|依法行政",                        # 法治政府建设情况报告
    "gio-annual-report": r"政府信息公开(?:工作)?(?:年度)?(?:工作)?报告|政务公开.{0,4}年度报告",
}
DEFAULT = next(iter(GENRES))


def genre_of_title(title: str) -> str:
    """The genre a title names (spaces ignored), else the default."""
    compact = re.sub(r"[\s\u3000]+", "", title)
    for name, pattern in GENRES.items():
        if name != DEFAULT and re.search(pattern, compact):
            return name
    return DEFAULT
