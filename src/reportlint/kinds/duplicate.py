"""Repeated and copied text: within a draft, and against other reports (`--against`).

    find: repeats        # repeats | copies | unit-names | shares
    scope: sentence      # repeats only: sentence | paragraph
    min_chars: 15        # passages with fewer Chinese characters are never reported
    similarity: 0.9      # 1 - (characters changed / length) at which a passage counts as a copy
    common_in: 3         # copies/unit-names: text found in this many reference reports is stock text
    reference_texts: {}  # copies/unit-names: fixed reference texts {label: text}, besides --against
    exceptions: []       # sentences containing a match are not compared (stock phrases)
    share_min: 0.2       # shares: a reference is named when this share of the draft is in it
    share_warn: 0.5      # shares: from this share on, a warning (else info)
    share_top: 3         # shares: at most this many references, the largest shares

repeats: a paragraph or sentence that repeats an earlier one of the same draft (after
whitespace, punctuation and list ordinals are dropped); the finding sits on the later copy.
A sentence inside a repeated paragraph is left to the paragraph rule, and only paragraphs of
two or more sentences are paragraphs here (a one-sentence paragraph is a sentence).
copies: sentences found in the reference reports, with the file and line they came from;
a sentence that (nearly) occurs in common_in or more of them is stock text, not a copy. Texts
are compared in simplified script with the units' names taken out, and a paragraph of two or
more sentences that matches a reference paragraph as a whole makes each of its sentences a copy
(a few words changed here and there; references.py).
shares: one line per reference that holds a large share of the draft (the characters of its
copied sentences, stock text left out): “与《…》相同或相近的内容占 N%”.
unit-names: a copied sentence that still names the unit of the report it came from (a unit of
the draft's level: another 镇/乡/街道 in a township's report, another 县/区 in a county's).
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import search
from reportlint.model import re_code
from reportlint.model.finding import Hit

if TYPE_CHECKING:   # imported where used: ~3.5 ms of start-up in a run without these rules
    from reportlint.kinds._lib.fingerprint import Matcher
    from reportlint.kinds._lib.passages import Passages

KIND = "duplicate"
SUMMARY = ("重复和照搬：草稿内重复的句段，与 --against 给出的其他报告（上年度、其他单位）雷同的段落，"
           "照搬来的外单位名称。")


def _fraction(value):
    return None if 0.5 <= value <= 1.0 else "must be between 0.5 and 1.0"


def _text(value):
    return None if value.strip() else "the reference text must be a non-empty string"


OPTIONS = {
    "find": Option("str", default="repeats", choices=("repeats", "copies", "unit-names", "shares"),
                   doc="repeats：草稿内重复；copies：与其他报告雷同；unit-names：照搬来的其他单位名称；"
                       "shares：与每份对照报告相同或相近的内容占全文的比例"),
    "min_chars": Option("int", default=15, check=lambda v: None if v >= 4 else "must be at least 4",
                        doc="汉字少于此数的句段不报"),
    "similarity": Option("float", default=0.9, check=_fraction,
                         doc="相似度（1 − 改动字数/长度）达到此值即算照搬，0.5–1.0"),
    "common_in": Option("int", default=3, check=lambda v: None if v >= 1 else "must be at least 1",
                        doc="在这么多份对照报告里都出现的句子是套话，不算照搬"),
    "reference_texts": Option("map", default={}, values=Option("str", check=_text),
                              doc="名称: 全文，与 --against 的文件一样参与比对（如范文）"),
    "exceptions": Option("regexes", default=[], doc="含这些匹配的句子不参与比对"),
    "share_min": Option("float", default=0.2, check=lambda v: None if 0 < v <= 1 else "must be in (0, 1]",
                        doc="shares：相同或相近的内容达到全文的这个比例才列出该对照报告"),
    "share_warn": Option("float", default=0.5, check=lambda v: None if 0 < v <= 1 else "must be in (0, 1]",
                         doc="shares：达到这个比例报警告，低于则为提示"),
    "share_top": Option("int", default=3, check=lambda v: None if v >= 1 else "must be at least 1",
                        doc="shares：最多列出比例最高的几份对照报告"),
}
FIELDS = {"other_line", "source", "source_line", "name", "title", "percent"}
SCOPES = ("sentence", "paragraph")

_FIGURES = re_code.compile(r"\d+")


def check(rule, state, doc):
    find = rule["find"]
    if find == "repeats":
        return _check_repeats(rule, doc)
    return _check_copies(rule, doc, names=(find == "unit-names"))


def _passages(doc) -> Passages:
    from reportlint.kinds._lib.passages import passages
    return doc.shared(passages, lambda: passages(doc))


# ---- within a draft -----------------------------------------------------------------------
def _repeats(doc, min_chars: int, similarity: float, exceptions):
    """({paragraph: (earlier, exact)}, {sentence: (earlier, exact)}), shared per document."""
    key = (_repeats, min_chars, similarity, tuple(rx.pattern for rx in exceptions))
    return doc.shared(key, lambda: _find_repeats(doc, min_chars, similarity, exceptions))


def _find_repeats(doc, min_chars: int, similarity: float, exceptions):
    ps = _passages(doc)

    def stock(p):
        return exceptions and any(search(rx, doc.text, p.start, p.end) for rx in exceptions)

    paras = _repeated(similarity, [(i, p.norm) for i, p in enumerate(ps.paragraphs)
                                   if p.han >= min_chars and len(ps.sentences_of[i]) >= 2 and not stock(p)])
    sents = _repeated(similarity, [(j, s.norm) for j, s in enumerate(ps.sentences)
                                   if s.han >= min_chars and not stock(s)])
    sents = {j: v for j, v in sents.items() if ps.sentences[j].block not in paras}
    return paras, sents


def _repeated(similarity: float, texts: list[tuple[int, str]]) -> dict[int, tuple[int, bool]]:
    """{key: (earlier key, exact)} of the texts that repeat an earlier one, in order.

    Most drafts repeat nothing: when no two texts are alike at all (one pass over the pairs
    in C), the index is not built."""
    from reportlint.kinds._lib.fingerprint import Matcher, any_alike
    found: dict[int, tuple[int, bool]] = {}
    if not any_alike([norm for _, norm in texts], similarity):
        return found
    matcher = Matcher(similarity)
    for key, norm in texts:
        _note(matcher, key, norm, found)
    return found


def _note(matcher: Matcher, key: int, norm: str, found: dict) -> None:
    # a near copy whose figures differ is another fact in the same words (两次讲座，日期不同)
    figures: list[str] = []    # of norm, found when a candidate is first checked (most texts have none)

    def same_figures(k):
        other = matcher.texts.get(k, norm)
        if other == norm:       # an exact copy (most of a long draft's repeats): the same figures
            return True
        if not figures:
            figures.append(_FIGURES.findall(norm))
        return _FIGURES.findall(other) == figures[0]

    match = matcher.find(norm, accept=same_figures)
    if match is None:
        matcher.add(key, norm)
    else:
        found[key] = (match.key, match.exact)
        if not match.exact:
            matcher.add(match.key, norm, index=False)


def _check_repeats(rule, doc):
    ps = _passages(doc)
    paras, sents = _repeats(doc, rule["min_chars"], rule["similarity"], rule["exceptions"])
    if rule.scope == "paragraph":
        for i, (earlier, exact) in paras.items():
            p = ps.paragraphs[i]
            yield Hit(p.start, p.end, {"other_line": ps.paragraphs[earlier].line},
                      variant="exact" if exact else "near")
        return
    # consecutive repeated sentences of one paragraph whose originals share a line: one finding
    for run in _runs(sents, lambda run, j: _continues(ps, run[-1], j, sents)):
        yield _sentence_hit(ps, run, sents)


def _runs(indices, joins):
    """Sorted indices grouped into runs: j joins the current run while joins(run, j) holds."""
    run: list[int] = []
    for j in sorted(indices):
        if run and joins(run, j):
            run.append(j)
            continue
        if run:
            yield run
        run = [j]
    if run:
        yield run


def _continues(ps: Passages, prev: int, j: int, found: dict) -> bool:
    a, b = ps.sentences[prev], ps.sentences[j]
    return (j == prev + 1 and a.block == b.block
            and ps.sentences[found[prev][0]].line == ps.sentences[found[j][0]].line)


def _sentence_hit(ps: Passages, run: list[int], found: dict) -> Hit:
    first, last = ps.sentences[run[0]], ps.sentences[run[-1]]
    exact = all(found[j][1] for j in run)
    return Hit(first.start, last.end, {"other_line": ps.sentences[found[run[0]][0]].line},
               variant="exact" if exact else "near")


# ---- against other reports ----------------------------------------------------------------
def _check_copies(rule, doc, names: bool):
    docs = doc.references
    texts = tuple(sorted((rule["reference_texts"] or {}).items()))   # fixed texts of the rule
    if not docs and not texts:
        return
    from reportlint.kinds._lib.reference_store import references

    refs = references(docs, texts, rule["min_chars"], rule["similarity"], rule["common_in"],
                      rule["exceptions"])
    ps = _passages(doc)
    copies = _copies(doc, ps, refs)
    if rule["find"] == "shares":
        yield from _share_hits(rule, doc, ps, refs, copies)
        return
    if names:
        yield from _unit_name_hits(doc, ps, copies)
        return
    def joins(run, j):
        return (j == run[-1] + 1 and ps.sentences[j].block == ps.sentences[run[-1]].block
                and copies[j].source is copies[run[0]].source)

    for run in _runs(copies, joins):
        yield _copy_hit(ps, run, copies)


def _copies(doc, ps: Passages, refs) -> dict:
    """{sentence index: Copy}, shared per document and reference index (three rules use it).

    Sentence by sentence; then a paragraph whose compared sentences, weighed by their length,
    are as close to one report as a copied sentence must be (each with a few words changed)
    makes copies of those of its sentences that are close to that report."""
    def build():
        from reportlint.kinds._lib.references import Copy, unit_name
        from reportlint.model.script import has_traditional
        own = os.path.realpath(doc.path)
        unit = unit_name(doc.meta.unit)
        traditional = has_traditional(doc.text)
        found: dict[int, Copy] = {}
        looked = {}
        for j, s in enumerate(ps.sentences):
            if refs.compared(doc, s):
                looked[j] = look = refs.lookup(s.norm, own, unit, traditional)
                if look.copy is not None:
                    found[j] = look.copy
        for i in range(len(ps.paragraphs)):
            mine = [j for j in ps.sentences_of[i] if j in looked and not looked[j].stock]
            if len(mine) < 2 or all(j in found for j in mine):
                continue
            weight = sum(ps.sentences[j].han for j in mine)
            for src in {k for j in mine for k in looked[j].scores}:
                score = sum(ps.sentences[j].han * looked[j].scores.get(src, (0.0, 0))[0] for j in mine)
                if score < refs.min_similarity * weight:
                    continue
                for j in mine:
                    if j not in found and src in looked[j].scores:
                        found[j] = Copy(refs.sources[src], looked[j].scores[src][1], False, frozenset({src}))
                break
        return found
    return doc.shared((_copies, id(refs)), build)


def _share_hits(rule, doc, ps: Passages, refs, copies: dict):
    """Per reference, the share of the draft's characters in sentences copied from it."""
    from reportlint.model.finding import Severity
    total = sum(s.han for s in ps.sentences)
    if not total or not copies:
        return
    shared: dict[int, int] = {}
    for j, copy in copies.items():
        for i in copy.sources:
            shared[i] = shared.get(i, 0) + ps.sentences[j].han
    ranked = sorted(((n / total, i) for i, n in shared.items() if n / total >= rule["share_min"]),
                    key=lambda x: (-x[0], x[1]))[:rule["share_top"]]
    line = doc.meta.title_line or next((no for no, t in enumerate(doc.lines, 1) if t.strip()), 1)
    start, end = doc.line_span(line)
    for share, i in ranked:
        source = refs.sources[i]
        yield Hit(start, end, {"title": source.title or os.path.basename(source.path),
                               "percent": max(1, round(share * 100)), "source": source.path},
                  variant="titled" if source.title else "untitled",
                  severity=Severity.WARNING if share >= rule["share_warn"] else Severity.INFO)


def _copy_hit(ps: Passages, run: list[int], copies: dict) -> Hit:
    first, last, copy = ps.sentences[run[0]], ps.sentences[run[-1]], copies[run[0]]
    exact = all(copies[j].exact for j in run)
    return Hit(first.start, last.end, {"source": copy.source.path, "source_line": copy.line},
               variant="exact" if exact else "near")


def _unit_name_hits(doc, ps: Passages, copies: dict):
    """Names of the source's unit in copied sentences, when the source is a unit of the same
    level as the draft's (a township's draft may name its own county: 在县委、县政府领导下)."""
    from reportlint.kinds._lib.references import unit_level, unit_name

    own_unit = doc.meta.unit
    own_name = unit_name(own_unit)
    own_level = unit_level(own_name) if own_name else 0
    elsewhere = None
    for j in sorted(copies):
        copy = copies[j]
        name = copy.source.unit
        if not name or unit_level(name) != own_level or (own_unit and name in own_unit):
            continue
        s = ps.sentences[j]
        if not own_unit:
            # unknown own unit: a name the draft also uses outside the copies is its own
            if elsewhere is None:
                spans = sorted((ps.sentences[k].start, ps.sentences[k].end) for k in copies)
                pieces, pos = [], 0
                for a, b in spans:
                    pieces.append(doc.text[pos:a])
                    pos = b
                pieces.append(doc.text[pos:])
                elsewhere = "".join(pieces)
            if name in elsewhere:
                continue
        at = doc.text.find(name, s.start, s.end)
        while at >= 0:
            yield Hit(at, at + len(name), {"name": name, "source": copy.source.path,
                                           "source_line": copy.line},
                      suggestion=own_name or None)
            at = doc.text.find(name, at + len(name), s.end)
