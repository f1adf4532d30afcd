"""Properties that hold for any input (hypothesis), with every built-in rule on.

- linting never raises on any Unicode text, and no rule gives up on it;
- every finding's span lies inside the (line-end normalised) text and agrees with its line/column;
- output is deterministic: the same text gives the same findings, in a fresh linter too;
- --fix never changes a byte outside the spans it fixes (encoding, BOM and line ends survive).

The texts mix random Unicode with the rules' own `bad` examples (so fixes really happen),
report furniture (headings, dates, numbers) and every kind of line end.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.model.document import Document
from reportlint.engine.linter import Linter
from reportlint.files.reading import read_document
from reportlint.files.writing import to_bytes
from reportlint.rulepacks.loader import builtin_packs, load_packs
from reportlint.rulepacks.examples import example_cases

LINTER = Linter(isolated=True, select=["all"])
RULES = load_packs(list(builtin_packs())).rules
EXAMPLES = sorted({case["text"] for r in RULES for which, _, case in example_cases(r)})
FURNITURE = [
    "关于2024年法治政府建设情况的报告", "一、", "（一）", "1.", "（1）", "二是", "2024年", "12月30日",
    "同比增长12.5%", "共计1,234件", "第三十二条", "《中华人民共和国行政处罚法》", "XX镇", "〔2024〕3号",
    "。", "，", "；", "：", "“", "”", "（", "）", "、", "……", "——", " ", "\u3000", "\t", "# ", "```",
    "\ufeff", "\u200b", "\U0001f600", "\ud800",
]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n"]

pieces = st.one_of(st.sampled_from(EXAMPLES), st.sampled_from(FURNITURE), st.sampled_from(LINE_ENDS),
                   st.text(max_size=20), st.characters())
drafts = st.lists(pieces, max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lint(text: str, path: str = "draft.txt"):
    doc = Document(text, path)
    findings, failures = LINTER.lint_document(doc)
    return doc, findings, failures


@SETTINGS
@given(st.one_of(drafts, st.text()), st.sampled_from(["draft.txt", "draft.md"]))
def test_never_raises_and_spans_lie_inside_the_text(text, path):
    doc, findings, failures = lint(text, path)
    assert failures == []
    n = len(doc.text)
    for f in findings:
        assert 0 <= f.start <= f.end <= n, f
        assert (f.line, f.column) == doc.pos(f.start), f
        assert (f.end_line, f.end_column) == doc.pos(f.end), f
        assert 1 <= f.line <= len(doc.lines)
        unfilled = [x for x in re.findall(r"\{[a-z_]+\}", f.message) if x not in doc.text]
        assert f.message and not unfilled, f.message


@SETTINGS
@given(drafts)
def test_output_is_deterministic(text):
    _, first, _ = lint(text)
    _, again, _ = lint(text)
    assert first == again
    fresh = Linter(isolated=True, select=["all"]).lint_text(text, "draft.txt")
    assert fresh == first


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@SETTINGS
@given(text=drafts)
def test_fix_changes_no_byte_outside_the_fixes(encoding, text):
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return                                  # not representable in this encoding
    if not text.strip():
        return
    try:
        doc = read_document("draft.txt", raw)
    except Exception as exc:                    # noqa: BLE001 - only InputError is allowed
        assert type(exc).__name__ == "InputError", exc
        return
    findings, _ = LINTER.lint_document(doc)
    applied = _applied(doc.text, findings)
    fixed = _replace(doc.text, applied)
    out = to_bytes(doc, fixed)
    # expected: the original text, line ends as they were, with only the fixed spans replaced
    expected = _replace_raw(raw[len(doc.bom):].decode(doc.encoding), doc, applied)
    if expected is not None:
        assert out == doc.bom + expected.encode(doc.encoding)


def _applied(text, findings):
    """The fixes apply_fixes takes in one pass: in order, no overlap, not already equal."""
    out, last = [], 0
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end)):
        if f.start < last or text[f.start:f.end] == f.fix:
            continue
        out.append((f.start, f.end, f.fix))
        last = f.end
    return out


def _replace(text, applied):
    parts, last = [], 0
    for s, e, fix in applied:
        parts += [text[last:s], fix]
        last = e
    return "".join(parts) + text[last:]


def _replace_raw(raw: str, doc: Document, applied):
    """Apply fixes given in normalised offsets to the raw text (whose \\r\\n count as one)."""
    if any("\n" in fix or "\r" in fix or "\n" in doc.text[s:e] for s, e, fix in applied):
        return None            # a fix that adds or removes a line end: ends then follow the majority
    to_raw, i = [], 0
    for ch_index in range(len(doc.text) + 1):
        to_raw.append(i)
        if ch_index < len(doc.text):
            i += 2 if raw.startswith("\r\n", i) else 1
    return _replace(raw, [(to_raw[s], to_raw[e], fix) for s, e, fix in applied])


# ---- skipping spans that cannot match (patterns.spans_that_may_match) --------------------------
from reportlint.kinds.patterns import compile_pattern, line_bounded, spans_that_may_match  # noqa: E402

PATTERN_RXS = sorted({(rx.pattern, rx.flags): rx for r in RULES if r.kind_name == "pattern"
                      for rx in r["patterns"]}.values(), key=lambda rx: rx.pattern)
TRICKY = [compile_pattern(p) for p in (
    r"a(?!\s)", r"年(?![^，。])", r"(?=(\s*))\1年", r"[^，]+年", r"\d+$", r"^\s*[一二三]、", r"年\b",
    r"(?<!\n)年", r"年(?=\n)", r"(?m:^$)", r"[。，]{2,}", r"(?!米)\d+", r"X*", r"\s+", r"\p{Han}+(?!\p{Han})",
)]


def _missed(rx, doc, scope):
    spans = doc.spans(scope)
    may = spans_that_may_match(rx, doc.text, spans)
    if may is None:
        return []
    return [i for i, s in enumerate(spans) if i not in may
            and any(m.end() > m.start() for m in rx.finditer(doc.text, s.start, s.end))]


@SETTINGS
@given(drafts, st.sampled_from(["line", "paragraph"]))
def test_skipped_spans_never_hold_a_match(text, scope):
    doc = Document(text, "draft.txt")
    for rx in PATTERN_RXS + TRICKY:
        assert _missed(rx, doc, scope) == [], rx.pattern


def test_patterns_that_see_past_the_line_end_are_not_skipped():
    unsafe = [r"a(?!\s)", r"年(?![^，。])", r"(?=(\s*))\1年", r"a\Z", r"(?>a+)b", r"a++", r"(?s)a.",
              r"(?!\P{Han})", r"a{e<=1}"]
    assert [p for p in unsafe if line_bounded(compile_pattern(p))] == []
    assert line_bounded(compile_pattern(r"(?<![\d.．])\d+(?:\.\d+)?[千百](?!米|克)"))


def test_skipping_gives_the_same_findings_on_the_corpus(corpus):
    from reportlint.kinds import pattern
    from reportlint.kinds import patterns as pmod
    rules = [r for r in RULES if r.kind_name == "pattern"]
    for path in sorted(corpus.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        for rule in rules:
            fast = list(pattern.check(rule, None, Document(text, str(path))))
            real = pmod.spans_that_may_match
            try:
                pmod.spans_that_may_match = lambda *a: None
                pattern.spans_that_may_match = pmod.spans_that_may_match
                slow = list(pattern.check(rule, None, Document(text, str(path))))
            finally:
                pmod.spans_that_may_match = pattern.spans_that_may_match = real
            assert fast == slow, (rule.id, path.name)


# ---- numbers.sentence_start / sentence_end: one scan, same answer as a find per mark -------------
def _start_ref(text, pos, floor=0):
    from reportlint.kinds._lib.numbers import SENTENCE_MARKS
    return max([floor] + [text.rfind(m, floor, pos) + 1 for m in SENTENCE_MARKS if text.rfind(m, floor, pos) >= 0])


def _end_ref(text, pos, ceiling=None):
    from reportlint.kinds._lib.numbers import SENTENCE_MARKS
    ceiling = len(text) if ceiling is None else ceiling
    return min([ceiling] + [i for m in SENTENCE_MARKS if 0 <= (i := text.find(m, pos, ceiling))])


@SETTINGS
@given(drafts, st.data())
def test_sentence_bounds_match_the_reference(text, data):
    from reportlint.kinds._lib.numbers import sentence_end, sentence_start
    n = len(text)
    pos = data.draw(st.integers(0, n))
    floor = data.draw(st.integers(0, pos))
    ceiling = data.draw(st.integers(pos, n))
    assert sentence_start(text, pos, floor) == _start_ref(text, pos, floor)
    assert sentence_start(text, pos) == _start_ref(text, pos)
    assert sentence_end(text, pos, ceiling) == _end_ref(text, pos, ceiling)
    assert sentence_end(text, pos) == _end_ref(text, pos)


def test_outline_labels_spell_like_cn2an():
    import cn2an

    from reportlint.kinds.outline_numbering import _cn
    assert [_cn(n) for n in range(1, 130)] == [cn2an.an2cn(n) for n in range(1, 130)]


def _near_miss_ref(terms, text):
    """near_miss.candidates as it was before its windows were looked up by masked other half:
    every window an automaton hit on a term's half points at, compared character by character."""
    import ahocorasick
    automaton = ahocorasick.Automaton()
    halves = {}
    for term in terms:
        k = len(term) // 2
        halves.setdefault(term[:k], []).append((term, 0))
        halves.setdefault(term[k:], []).append((term, k))
    for half, targets in halves.items():
        automaton.add_word(half, targets)
    automaton.make_automaton()
    seen = set()
    for end, targets in automaton.iter(text):
        for term, offset in targets:
            half_len = len(term) - offset if offset else len(term) // 2
            start = end + 1 - half_len - offset
            if start < 0 or start + len(term) > len(text) or (start, term) in seen:
                continue
            seen.add((start, term))
            diffs = [i for i, ch in enumerate(term) if text[start + i] != ch]
            if len(diffs) == 1 and "\u4e00" <= text[start + diffs[0]] <= "\u9fff":
                yield start, term, diffs[0]


NEAR_MISS_RULES = [r for r in RULES if r.kind_name == "near_miss"]
NEAR_MISS_CHARS = sorted({ch for r in NEAR_MISS_RULES for t in r["terms"] for ch in t})
near_miss_drafts = st.lists(st.one_of(
    pieces, st.sampled_from([t for r in NEAR_MISS_RULES for t in r["terms"]]),
    st.sampled_from(NEAR_MISS_CHARS)), max_size=60).map("".join)


@SETTINGS
@given(text=near_miss_drafts)
def test_near_miss_candidates_match_the_character_by_character_reference(text):
    """near_miss finds one-substitution windows by dict look-ups: same windows, same order,
    also when its memo answers (second pass) or is cleared as it fills (limit 2)."""
    from reportlint.kinds import near_miss
    saved = near_miss._MEMO_LIMIT
    try:
        for limit in (saved, 2):
            near_miss._MEMO_LIMIT = limit
            for rule in NEAR_MISS_RULES:
                terms = rule["terms"] + rule["terms"][:3]       # a term listed twice gives one window
                state = near_miss.prepare({"terms": terms, "known": []})
                expected = list(_near_miss_ref(terms, text))
                for _ in range(2):
                    assert list(near_miss.candidates(state[0], text)) == expected, rule.id
    finally:
        near_miss._MEMO_LIMIT = saved


@pytest.mark.parametrize("kind_name", ["one_edit"])
@SETTINGS
@given(text=drafts)
def test_pruned_window_memory_gives_the_same_candidates(kind_name, text):
    """one_edit forgets windows that cannot recur; forgetting often changes nothing."""
    import importlib
    kind = importlib.import_module(f"reportlint.kinds.{kind_name}")
    for rule in (r for r in RULES if r.kind_name == kind_name):
        text3 = text * 3
        args = (rule.state[0], text3, set(rule["edits"]), rule["min_length_delete"])
        saved = kind._PRUNE_EVERY
        try:
            kind._PRUNE_EVERY = 1
            often = list(kind.candidates(*args))
            kind._PRUNE_EVERY = 10**9
            never = list(kind.candidates(*args))
        finally:
            kind._PRUNE_EVERY = saved
        assert often == never, rule.id


@SETTINGS
@given(st.lists(st.sampled_from(["法", "治", "2024", "１", "，", "“", "Word", "GB/T", " ", "\u3000", "·", "—", "x"])
                | st.text(max_size=4), max_size=30).map("".join))
def test_cjk_spacing_leftward_searches_match_forward_ones(line):
    """cjk_spacing searches leftwards from each blank; it must find what a forward search did."""
    import re as stdre

    from reportlint.kinds import cjk_spacing as cs
    pairs = [(cs._reverse_rx(p), stdre.compile(p)) for p in (cs._LEFT, cs._LATIN_LEFT)]
    for s in range(len(line) + 1):
        for new, old in pairs:
            a, b = new.search(line, 0, s), old.search(line, 0, s)
            assert (a and a.group()) == (b and b.group()), (line, s, new.pattern)


@SETTINGS
@given(st.lists(st.sampled_from(["1", "a", "十", "）", ")", "，", " ", "法", "（", "\u3000"]), max_size=25).map("".join))
def test_paired_marks_list_marker_window_is_exact(line):
    from reportlint.kinds.paired_marks import _LIST_MARKER
    for end in range(1, len(line) + 1):
        assert bool(_LIST_MARKER.search(line, max(0, end - 5), end)) == bool(_LIST_MARKER.search(line, 0, end))


HAN_CLASS = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
han_lines = st.lists(st.one_of(pieces, st.sampled_from(["法", "法法", "治", "”", "）", "》", "a", "9", "\n", "　"])),
                     max_size=30).map("".join)


@SETTINGS
@given(han_lines)
def test_han_tests_without_the_re_class_match_the_re_class(line):
    """is_han, unterminated_paragraph._open_end and doubled_text._CHAR replaced `re` HAN classes
    (~2-3 ms each to compile at import): they give what those classes gave."""
    from reportlint.kinds import doubled_text
    from reportlint.kinds._lib.cjk import is_han
    from reportlint.kinds.unterminated_paragraph import _open_end
    assert is_han(line) == (re.match(HAN_CLASS, line) is not None)
    assert _open_end(line) == (re.search(HAN_CLASS[:-1] + r"A-Za-z0-9][”’」』）)》]*$", line) is not None)
    for part in line.split("\n"):
        got = [m.span() for m in doubled_text._CHAR.finditer(part) if is_han(m.group(1))]
        assert got == [m.span() for m in re.finditer(rf"({HAN_CLASS})\1", part)]


def _one_edit_automaton(phrases):
    """one_edit's anchors before the swapped phrases replaced the halves less their inner character."""
    import ahocorasick
    automaton = ahocorasick.Automaton()
    halves = {}
    for phrase in phrases:
        k = len(phrase) // 2
        for anchor, left in ((phrase[:k], True), (phrase[k:], False),
                             (phrase[:k - 1], True), (phrase[k + 1:], False)):
            if len(anchor) >= 2 and (phrase, left) not in halves.setdefault(anchor, []):
                halves[anchor].append((phrase, left))
    for anchor, targets in halves.items():
        automaton.add_word(anchor, (anchor, targets))
    automaton.make_automaton()
    return automaton


def _one_edit_ref(phrases, text, edits, min_delete):
    """one_edit.candidates before it skipped the windows around an exact occurrence of a phrase
    and before its anchors changed: every window of every anchor, compared one by one."""
    from reportlint.kinds.one_edit import _at_edge, _is_cjk, edit_between
    seen = set()
    for last, (anchor, targets) in _one_edit_automaton(phrases).iter(text):
        half = len(anchor)
        for phrase, left in targets:
            n = len(phrase)
            for size in (n - 1, n, n + 1):
                start = last + 1 - half if left else last + 1 - size
                end = start + size
                if start < 0 or end > len(text) or (start, end, phrase) in seen:
                    continue
                seen.add((start, end, phrase))
                found = edit_between(text[start:end], phrase)
                if not found or found[0] not in edits:
                    continue
                kind, i = found
                if kind == "delete" and n < min_delete:
                    continue
                if kind in ("insert", "delete") and _at_edge(text[start:end] if kind == "insert" else phrase, i):
                    continue
                if _is_cjk(text[start + i] if kind != "delete" else phrase[i]):
                    yield start, end, phrase, kind


def _swapped_at_split(phrase):
    k = len(phrase) // 2
    return phrase[:k - 1] + phrase[k] + phrase[k - 1] + phrase[k + 1:]


ONE_EDIT_RULES = [r for r in RULES if r.kind_name == "one_edit"]
one_edit_drafts = st.lists(st.one_of(
    pieces, st.sampled_from([p for r in ONE_EDIT_RULES for p in r["phrases"]]),
    st.sampled_from([_swapped_at_split(p) for r in ONE_EDIT_RULES for p in r["phrases"]]),
    st.sampled_from(sorted({ch for r in ONE_EDIT_RULES for p in r["phrases"] for ch in p}))),
    max_size=60).map("".join)


@SETTINGS
@given(text=one_edit_drafts, edits=st.sampled_from([None, {"substitute"}, {"insert", "delete"}]))
def test_one_edit_candidates_match_the_reference(text, edits):
    """Same windows as the reference (in another order: check sorts them)."""
    from reportlint.kinds import one_edit
    for rule in ONE_EDIT_RULES:
        edits = set(rule["edits"]) if edits is None else edits
        for min_delete in (rule["min_length_delete"], 5):
            got = one_edit.candidates(rule.state[0], text, edits, min_delete)
            assert sorted(got) == sorted(_one_edit_ref(rule["phrases"], text, edits, min_delete)), rule.id
