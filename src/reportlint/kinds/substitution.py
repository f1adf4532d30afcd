"""Many wrong -> right terms at once, found in one pass with an Aho-Corasick automaton.

    swap: {专武独断: 独断专行, 设施行政处罚: 实施行政处罚}
    exceptions: ["重大执法决定法制审核"]   # a hit inside one of these matches is dropped

A value may be a list of candidates (shown as the suggestion, never auto-fixed).
Overlapping hits keep the longest one.
"""
from __future__ import annotations

from ..finding import Hit
from ..patterns import covered
from ..schema import Option

KIND = "substitution"
OPTIONS = {
    "swap": Option("map", required=True, doc="wrong: right (or a list of candidates)"),
    "exceptions": Option("regexes", default=[], doc="context patterns that make a hit correct"),
    "fix": Option("bool", default=True, doc="offer an automatic fix when there is one candidate"),
}
FIELDS = {"found", "expected"}
SCOPES = ()


def validate(options):
    for wrong, right in options["swap"].items():
        if not isinstance(wrong, str) or not wrong:
            yield ("swap",), f"swap keys must be non-empty strings, got {wrong!r}"
        elif not (isinstance(right, str) or (isinstance(right, list) and right
                                             and all(isinstance(x, str) for x in right))):
            yield ("swap", wrong), f"'{wrong}': the replacement must be a string or a list of strings"
        elif right == wrong:
            yield ("swap", wrong), f"'{wrong}' is replaced by itself"


def prepare(rule):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for wrong, right in rule["swap"].items():
        automaton.add_word(wrong, (wrong, [right] if isinstance(right, str) else list(right)))
    automaton.make_automaton()
    return automaton


def longest_hits(automaton, text: str):
    """(start, end, value) for every match, dropping matches inside a longer overlapping one."""
    found = []
    for end_idx, (wrong, rights) in automaton.iter(text):
        found.append((end_idx + 1 - len(wrong), end_idx + 1, (wrong, rights)))
    found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    last_end = -1
    for start, end, value in found:
        if start >= last_end:
            yield start, end, value
            last_end = end


def check(rule, automaton, doc):
    text = doc.text
    for start, end, (wrong, rights) in longest_hits(automaton, text):
        if covered(rule["exceptions"], doc, start, end):
            continue
        expected = "、".join(rights)
        yield Hit(start, end, {"found": wrong, "expected": expected},
                  suggestion=expected,
                  fix=rights[0] if rule["fix"] and len(rights) == 1 else None)
