"""Many wrong -> right terms at once, found in one pass with an Aho-Corasick automaton.

    swap:
      专武独断: 独断专行                     # always wrong: one candidate, auto-fixed
      截止: [截至, 截止]                      # a list is shown as the suggestion, never fixed
      法制政府: {to: 法治政府, unless: ["法制政府网"]}   # per-entry context
      防治: {to: 防止, when: ["防治(?=激化|发生)"]}     # only in this context
    exceptions: ["重大执法决定法制审核"]   # a hit inside one of these matches is dropped
    segment: true     # drop a hit that cuts through a jieba word of the text around it
    segment_max: 3    # ... but only for entries of up to 3 characters (以经 in 以经济);
                      # longer entries are unambiguous strings and never wake jieba up
    unit: "(?:镇|乡)(?:人民政府)?$"   # only in the reports of these units (Document.meta.unit:
                      # the title's, or the config's); a report whose unit is unknown is not judged

An entry's `unless` / `when` regexes are matched on the hit's line like `exceptions`
(`when`: the hit must lie inside a match; an entry with `when` skips the word check unless
it sets `segment: true` itself). Overlapping hits keep the longest one.
jieba is only initialised when `segment` is on AND a hit survives the other filters,
so a clean report never pays for it.
"""
from __future__ import annotations

import itertools
import weakref
from functools import cache

from reportlint.kinds.options import Option
from reportlint.kinds.patterns import covered, lazy_pattern, search
from reportlint.model.finding import Hit

# an entry's replacement: one right form (fixable) or candidates; its context patterns
_TARGET = (Option("str", min_len=1), Option("list", min_len=1, items=Option("str", min_len=1)))
_CONTEXT = (Option("regex"), Option("regexes"))

KIND = "substitution"
SUMMARY = "错词 → 正词的词表，一遍扫描全部查出（Aho-Corasick）；只有一个候选时可自动修复。"
OPTIONS = {
    "swap": Option("map", required=True, values=Option("any", one_of=(
                       _TARGET[0], _TARGET[1],
                       Option("map", fields={
                           "to": Option("any", required=True, one_of=_TARGET, doc="正确写法（一个或几个候选）"),
                           "unless": Option("any", one_of=_CONTEXT, doc="命中处在这些匹配之内即不报"),
                           "when": Option("any", one_of=_CONTEXT, doc="只在这些匹配之内才报"),
                           "segment": Option("bool", doc="这一条是否检查分词边界"),
                       }))),
                   doc="错词: 正词；正词可以是候选列表（只作建议，不自动修复），或 {to, unless, when, segment}"),
    "exceptions": Option("regexes", default=[], doc="命中处在这些匹配之内即不报"),
    "fix": Option("bool", default=True, doc="只有一个候选时提供自动修复"),
    "segment": Option("bool", default=False, doc="丢弃切断了分词的命中（jieba）"),
    "segment_max": Option("int", default=3, doc="开启 segment 时，只检查这么短的词条的分词边界"),
    "unit": Option("regex", doc="只检查报告单位（标题或配置给出的单位名）与此相符的报告；单位不明的报告不查"),
}
FIELDS = {"found", "expected"}
PRIORITY = 30     # listed wrong → right pairs: the most specific (rulepacks.run.one_per_span)
SCOPES = ()
# its rules read a draft together (_Family): each is prepared before the first of them runs
# (rulepacks/run.py), else the shared automaton is built again as each joins (8 times, ~5 ms)
READS_TOGETHER = True

def validate(options):
    """What the option shapes cannot say: an entry replaced by itself."""
    for wrong, right in options["swap"].items():
        target = right.get("to") if isinstance(right, dict) else right
        if target == wrong or target == [wrong]:
            yield ("swap", wrong), f"'{wrong}' is replaced by itself"


def _entry(wrong, right, rule_segment, segment_max):
    if isinstance(right, dict):
        to = right["to"]
        unless = right.get("unless", [])
        when = right.get("when", [])
        unless = [unless] if isinstance(unless, str) else unless
        when = [when] if isinstance(when, str) else when
        return (wrong, [to] if isinstance(to, str) else list(to), tuple(unless), tuple(when),
                # a `when` context already pins the neighbours, so no word check by default
                right.get("segment", rule_segment and len(wrong) <= segment_max and not when))
    return (wrong, [right] if isinstance(right, str) else list(right), (), (),
            rule_segment and len(wrong) <= segment_max)


class Words:
    """One rule's entries {wrong: entry}, a member of the family of every substitution rule
    prepared in this process."""
    __slots__ = ("__weakref__", "entries", "serial")
    _serials = itertools.count()

    def __init__(self, entries: dict):
        self.entries = entries
        self.serial = next(self._serials)


class _Family:
    """Every living rule of this kind in one Aho-Corasick automaton, so that a draft is read once
    for all of them (with pyahocorasick, nine passes over nine lists cost ~1.7x one pass over
    their union; a pass of any library reads the whole draft). A rule joins when it is
    prepared and leaves when it is gone; the automaton is built again at the next draft."""

    def __init__(self):
        self.members: dict[int, weakref.ref] = {}      # serial -> its Words, in joining order
        self.built: tuple = ((), None)                 # (serials of the members, automaton)

    def join(self, words: Words) -> None:
        serial = words.serial
        self.members[serial] = weakref.ref(words, lambda _ref: self.members.pop(serial, None))

    def automaton(self):
        serials = tuple(self.members)
        known, automaton = self.built
        if serials != known:
            automaton = None
            members = [w for w in (ref() for ref in list(self.members.values())) if w is not None]
            if members:
                from reportlint.kinds._lib.keys import Matcher
                words: dict[str, list] = {}
                for w in members:
                    for wrong, entry in w.entries.items():
                        words.setdefault(wrong, []).append((w.serial, entry))
                automaton = Matcher({wrong: tuple(owners) for wrong, owners in words.items()})
            self.built = (serials, automaton)
        return serials, automaton

    def hits(self, doc) -> dict[int, list]:
        """{serial: [(start, end, entry), …]} of the draft, one pass for the whole family."""
        serials, automaton = self.automaton()
        if automaton is None:
            return {}

        def scan():
            found: dict[int, list] = {}
            for start, end, owners in automaton.find(doc.text):
                for serial, entry in owners:
                    found.setdefault(serial, []).append((start, end, entry))
            return found
        return doc.shared(("substitution", serials), scan)


_FAMILY = _Family()


def prepare(rule):
    words = Words({wrong: _entry(wrong, right, rule["segment"], rule["segment_max"])
                   for wrong, right in rule["swap"].items()})
    _FAMILY.join(words)
    return words


def longest_hits(found: list):
    """The (start, end, entry) hits, dropping those inside a longer overlapping one."""
    found = sorted(found, key=lambda h: (h[0], -(h[1] - h[0])))
    last_end = -1
    for start, end, value in found:
        if start >= last_end:
            yield start, end, value
            last_end = end


@cache
def _compiled(patterns: tuple[str, ...]):
    # per-entry context patterns are compiled on the first hit that needs them
    return [lazy_pattern(p) for p in patterns]


def check(rule, words, doc):
    if rule["unit"] is not None and not search(rule["unit"], doc.meta.unit or ""):
        return
    text = doc.text
    for start, end, (wrong, rights, unless, when, segment) in longest_hits(_FAMILY.hits(doc).get(words.serial, ())):
        if covered(rule["exceptions"], doc, start, end) or covered(_compiled(unless), doc, start, end):
            continue
        if when and not covered(_compiled(when), doc, start, end):
            continue
        if segment:
            from reportlint.kinds._lib.segment import crosses_word
            if crosses_word(text, start, end):
                continue
        expected = "、".join(rights)
        yield Hit(start, end, {"found": wrong, "expected": expected},
                  suggestion=expected,
                  fix=rights[0] if rule["fix"] and len(rights) == 1 else None)
