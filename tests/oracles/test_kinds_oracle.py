"""The kinds' fast forms against the plain forms they replaced (the oracles): each plain form is
the straightforward code or pattern a kind used before it was tuned for speed, and the fast one
must give the same answer on any text hypothesis makes up."""
import re
from types import SimpleNamespace

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers.drafts import RULES, SETTINGS, drafts, pieces
from reportlint.kinds._lib.cjk import URL_RX
from reportlint.kinds.halfwidth_punctuation import _may_hold_url
from reportlint.kinds.patterns import compile_pattern, search
from reportlint.kinds.required_sections import matching_headings, year_pattern
from reportlint.model.document import Document

SOME = settings(max_examples=300, deadline=None)


# ---- kinds._lib.keys: the Aho-Corasick automaton every kind uses, against plain scans ----------
def _every_match(keys, text):
    """Every occurrence of every non-empty key of {key: value}, overlapping ones too, as
    (start, end, value) ordered by end and, at one end, longest first."""
    found = []
    for key, value in keys.items():
        at = text.find(key) if key else -1
        while at >= 0:
            found.append((at, at + len(key), value))
            at = text.find(key, at + 1)
    return sorted(found, key=lambda m: (m[1], m[0]))


def _leftmost_longest(keys, text):
    """From the left: the longest key starting at the first place any starts, then on after it."""
    found, at = [], 0
    while at < len(text):
        key = max((k for k in keys if k and text.startswith(k, at)), key=len, default="")
        if key:
            found.append((at, at + len(key), keys[key]))
        at += len(key) or 1
    return found


# a character outside the BMP (offsets count characters) and a lone surrogate (a byte that was not
# UTF-8, kept by surrogateescape: the automaton cannot take it as str)
_KEY_ALPHABET = "ab法治\U00020000\udcff"


@SOME
@given(st.lists(st.text(_KEY_ALPHABET, max_size=4), max_size=8), st.text(_KEY_ALPHABET, max_size=30))
@example(["a治治b", "治"], "法bba治")            # pyahocorasick's iter_long missed this 治
@example(["法法治b", "治"], "治法法治aa法治")
@example(["法治", "法治政府", "治政", "政府", "府"], "法治政府法治政")   # prefixes, suffixes, inside
@example(["法治", "\udcff治"], "\U00020000\udcff法治\udcff治")
def test_keys_find_what_a_plain_scan_finds(keys, text):
    from reportlint.kinds._lib.keys import Matcher
    values = {k: i for i, k in enumerate(keys)}          # a key listed twice: its last value
    assert list(Matcher(values).find(text)) == _every_match(values, text)
    assert list(Matcher(values, longest=True).find(text)) == _leftmost_longest(values, text)
    assert len(Matcher(values)) == len([k for k in values if k])


# ---- body_year, doubled_text, date_check --------------------------------------------------------
@SOME
@given(st.lists(st.sampled_from(list("。；;！!？?一二三四五六七八九十是\n\r \t\u3000年，a") + ["2023", "\u2028"]),
                max_size=30).map("".join))
def test_body_year_sentence_starts_match_the_lookbehind_pattern(text):
    from reportlint.kinds.body_year import sentence_starts
    plain = regex.compile(r"(?:^|(?<=[。；;！!？?])|(?<=[一二三四五六七八九十]是))[ \t\u3000]*", regex.M)
    assert list(sentence_starts(text)) == [m.end() for m in plain.finditer(text)]


def _doubled_text_per_line(rule, doc):
    """doubled_text.check as it was: every prose line scanned on its own."""
    from reportlint.kinds import doubled_text as dt
    from reportlint.kinds._lib.cjk import is_han, prose_lines
    from reportlint.kinds.patterns import covered
    allowed = set(rule["allowed"])
    for _no, line, base in prose_lines(doc):
        taken = -1
        for m in dt._WORD.finditer(line):
            got = dt._word_hit(line, m.start(), len(m.group(1)))
            if got:
                taken = got[1]
                yield dt._hit(line, base, *got, m.group(1))
        for m in dt._CHAR.finditer(line):
            if not is_han(m.group(1)) or m.start() < taken or m.group() in allowed:
                continue
            if not covered(rule["exceptions"], doc, base + m.start(), base + m.end()):
                got = dt._char_hit(line, m.start(), allowed)
                if got:
                    yield dt._hit(line, base, *got, m.group(1))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["的的", "工作作", "。", "\n", "\u3000\u3000", "00", "进一步进一步", "层层",
                                 "学习习近平", "依法依法行政", "目的的确", "——", "a", "法治", "行行", "索引号：1"]),
                max_size=25).map("".join))
def test_doubled_text_whole_text_scan_matches_the_per_line_scan(text):
    from reportlint.kinds import doubled_text
    from reportlint.model.document import Document
    for rule in (r for r in RULES if r.kind_name == "doubled_text"):
        doc = Document(text, "draft.txt")
        assert [h.__dict__ for h in doubled_text.check(rule, None, doc)] == \
            [h.__dict__ for h in _doubled_text_per_line(rule, doc)]


@SETTINGS
@given(st.lists(st.sampled_from(["的的", "工作作", "进一步进一步", "依法依法", "法治法治法治", "治法治", "法", "治",
                                 "行政", "2020", "ab", "a", "\n", "\u3000", "。", "\U00020000"]),
                max_size=25).map("".join))
@example("法治法治法治")          # the second copy ends where the third begins
@example("进一步进一步进一步")
@example("法\n法法\n法")          # no match across a line end
def test_doubled_words_tried_where_they_can_start_match_the_whole_text_finditer(text):
    from reportlint.kinds import doubled_text as dt
    assert [(m.span(), m.group(1)) for m in dt._doubled_words(text)] == \
        [(m.span(), m.group(1)) for m in dt._WORD.finditer(text)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["每月", "每季度", "开展", "1", "3", "三", "次", "场", "全年共", "累计", "\n", "。", "，",
                                 "  ", "法治"]), max_size=30).map("".join))
def test_frequency_count_searches_only_the_paragraphs_that_may_match(text):
    from unittest import mock

    from reportlint.kinds import frequency_count
    for rule in (r for r in RULES if r.kind_name == "frequency_count"):
        fast = [h.__dict__ for h in frequency_count.check(rule, rule.state, Document(text, "draft.txt"))]
        with mock.patch.object(frequency_count, "spans_that_may_match", lambda *a: None):
            every = [h.__dict__ for h in frequency_count.check(rule, rule.state, Document(text, "draft.txt"))]
        assert fast == every


_DATE_PIECES = st.lists(st.one_of(
    st.sampled_from(["2024年", "2023年度", "二〇二四年", "10月", "3月", "5日", "12号", "一月", "十二月", "二十日",
                     "10", "8", "2025", "—", "——", "至", "到", "-", "~", "－", " ", "\u3000", "\n", ".", "．",
                     "2024年10月—8月", "10—8月", "2025—2021年", "3月5日—2日", "12月至3月", "15—12日"]),
    st.sampled_from(list("0123456789１２年度月日号份–～一二三四五六七八九十〇零○次a\t\x1c\x85")),
    st.characters()), max_size=30).map("".join)


@SOME
@given(_DATE_PIECES)
@example("\r\n2024年10月—8月")          # a Windows line end: offsets are the Document's
def test_date_ranges_searched_in_separator_runs_match_the_whole_text_search(text):
    from reportlint.kinds import date_check as dc
    from reportlint.model.document import Document
    doc = Document(text, "draft.txt")
    text = doc.text                      # what the kind reads: line ends made \n (a \r\n is one character less)
    runs = dc._separator_runs(text)
    names = ("years", "range", "bare")
    for name in names:
        rx = dc.range_pattern(name)
        assert [(m.span(), m.groupdict()) for a, b in runs for m in rx.finditer(text, a, b)] == \
            [(m.span(), m.groupdict()) for m in rx.finditer(text)]
    # the runs without the pattern's word are skipped: they give no hit
    rule = next(r for r in RULES if r.kind_name == "date_check" and r["check"] == "reversed")
    expected = [h for name in names for m in dc.range_pattern(name).finditer(text)
                if (h := dc.reversed_hit(name, m))]
    assert list(dc.check(rule, None, doc)) == expected


def test_doubled_text_stops_is_the_class_it_replaced():
    import re

    from reportlint.kinds.doubled_text import _stops
    plain = re.compile(r"[\s，。、；：？！,.;:?!“”‘’（）()《》【】…—]")
    assert [c for c in map(chr, range(0x30000)) if bool(plain.match(c)) != _stops(c)] == []


# ---- punctuation: URL and half-width shortcuts -----------------------------------------------------
PIECES = ["http", "ftp", "://", "www", ".", "@", "gov", "edu", "cn", "a", "9", "-", "/", "工作", " "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
@example("a@a.cn")
@example("见 xx.gov.cn/a")
@example("www.a")
def test_a_line_without_url_parts_holds_no_url(line):
    if not _may_hold_url(line):
        assert URL_RX.search(line) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list(',:;?!."()') + ["工作", "提", "a", "B", "1", "2", " ", "\t", "，", "（", "）", "”",
                                                     "\u3000", "http://x.cn", "。"]), max_size=16).map("".join))
def test_halfwidth_items_between_han_take_the_general_path_s_result(line):
    from reportlint.kinds import halfwidth_punctuation as hp
    fast = list(hp._line_items(line, 7, []))
    shortcut = hp._BETWEEN_HAN
    hp._BETWEEN_HAN = ""           # without the shortcut every mark takes the general path
    try:
        general = list(hp._line_items(line, 7, []))
    finally:
        hp._BETWEEN_HAN = shortcut
    assert fast == general


# ---- structure: headings a pattern finds -----------------------------------------------------------
BY_ID = {r.id: r for r in RULES}
SECTIONS = BY_ID["missing-required-section"]["sections"]
PLAN = BY_ID["plan-without-next-year"]
PATTERNS = [compile_pattern(year_pattern(sec[k], 2024)) for sec in SECTIONS for k in ("heading", "body") if k in sec]
PATTERNS.append(compile_pattern(year_pattern(PLAN["heading"], 2024)))
PATTERNS += [compile_pattern(year_pattern(BY_ID["report-year-mismatch"][k], 2024)) for k in ("heading_year", "except_headings")]
# patterns that see past a title's ends in the joined text: across the line break, at its edges
PATTERNS += [compile_pattern(p) for p in (r"2025\s*年", r"^问题", r"展望$", r"(?<!\s)问题", r"(?<=\s)问题", r"\A问题",
                                          r"问题\Z", r"x*", r"\b问题", r"(?<![^题])问题", r"[^\n]*$")]
WORDS = ["问题", "不足", "2025", "2024", "年", "展望", "主要举措", "成效", "计划", "下一步", " ", "\t", "x", "第一责任人", "—"]
titles = st.lists(st.lists(st.sampled_from(WORDS), max_size=4).map("".join), max_size=6)


class FakeDoc:
    shared = Document.shared

    def __init__(self, headings):
        self.headings = headings


@settings(max_examples=300, deadline=None)
@given(titles, st.sampled_from(PATTERNS))
def test_matching_headings_are_the_titles_the_pattern_finds(texts, rx):
    headings = [SimpleNamespace(title=t) for t in texts]
    plain = [h for h in headings if search(rx, h.title)]
    assert list(matching_headings(rx, FakeDoc(headings))) == plain


# ---- outline labels, near_miss, one_edit, cjk_spacing, paired_marks, Han classes -------------------
def test_outline_labels_spell_like_cn2an():
    import cn2an

    from reportlint.kinds.outline_numbering import _cn
    assert [_cn(n) for n in range(1, 130)] == [cn2an.an2cn(n) for n in range(1, 130)]


def _near_miss_ref(terms, text):
    """near_miss.candidates as it was before its windows were looked up by masked other half:
    every window a hit on a term's half points at, compared character by character."""
    halves = {}
    for term in terms:
        k = len(term) // 2
        halves.setdefault(term[:k], []).append((term, 0))
        halves.setdefault(term[k:], []).append((term, k))
    seen = set()
    for _start, stop, targets in _every_match(halves, text):
        end = stop - 1
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
                    # line by line, kept per line (the check's way): the same windows
                    assert list(near_miss._by_line(state[0], state[2], text)) == expected, rule.id
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


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["法 治", "2024 年", "2024年", "年2", "法", "1", "\n", "，", " ", "  ", "Word "]),
                max_size=40).map("".join), st.integers(min_value=1, max_value=12))
def test_cjk_spacing_counts_tight_digits_only_as_far_as_it_needs(text, summary_min):
    """The tight digits are counted only up to one past the blanks found; the hits (a summary or
    one by one) are those of the full count."""
    from unittest import mock

    from reportlint.kinds import cjk_spacing as cs
    rule = {"summary_min": summary_min}       # what the kind reads of its rule
    capped = [h.__dict__ for h in cs.check(rule, None, Document(text, "draft.txt"))]
    with mock.patch.object(cs, "_count_tight", lambda t, items: len(cs._rx(cs._TIGHT).findall(t))):
        full = [h.__dict__ for h in cs.check(rule, None, Document(text, "draft.txt"))]
    assert capped == full


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


def _one_edit_anchors(phrases):
    """one_edit's anchors before the swapped phrases replaced the halves less their inner character."""
    halves = {}
    for phrase in phrases:
        k = len(phrase) // 2
        for anchor, left in ((phrase[:k], True), (phrase[k:], False),
                             (phrase[:k - 1], True), (phrase[k + 1:], False)):
            if len(anchor) >= 2 and (phrase, left) not in halves.setdefault(anchor, []):
                halves[anchor].append((phrase, left))
    return {anchor: (anchor, targets) for anchor, targets in halves.items()}


def _one_edit_ref(phrases, text, edits, min_delete):
    """one_edit.candidates before it skipped the windows around an exact occurrence of a phrase
    and before its anchors changed: every window of every anchor, compared one by one."""
    from reportlint.kinds.one_edit import _at_edge, _is_cjk, edit_between
    seen = set()
    for _start, stop, (anchor, targets) in _every_match(_one_edit_anchors(phrases), text):
        last = stop - 1
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


ONE_EDIT_RULES = [r for r in RULES if r.kind_name == "one_edit" and r["edits"]]   # not synonym-only rules
one_edit_drafts = st.lists(st.one_of(
    pieces, st.sampled_from([p for r in ONE_EDIT_RULES for p in r.state[3] if len(p) >= 5]),
    st.sampled_from([_swapped_at_split(p) for r in ONE_EDIT_RULES for p in r.state[3] if len(p) >= 5]),
    st.sampled_from(sorted({ch for r in ONE_EDIT_RULES for p in r.state[3] for ch in p}))),
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
            phrases = [p for p in rule.state[3] if len(p) >= one_edit.MIN_PHRASE]   # own + catalogue
            assert sorted(got) == sorted(_one_edit_ref(phrases, text, edits, min_delete)), rule.id


# ---- enumeration_order, body_year: one search of the whole text ----------------------------------
_ENUM_START = r"(?:^|(?<=[。；;：:，,、！？!?（(“\s]))"
_ENUM_PLAIN = [_ENUM_START + p for p in (
    r"([一二三四五六七八九十]{1,3})是(?![的否])", r"([\u2460-\u2473])(?=[\u4e00-\u9fff“])",
    r"[（(](\d{1,2})[）)](?=[\u4e00-\u9fff“])", r"[（(]([一二三四五六七八九十]{1,3})[）)](?=[\u4e00-\u9fff“])",
    r"(\d{1,2})、(?=[\u4e00-\u9fff“])", r"(\d{1,2})[.．](?=[\u4e00-\u9fff“])")]


def _enumeration_per_line(doc):
    """enumeration_order.check as it was: the clause start in each pattern, a search per line."""
    from reportlint.kinds import enumeration_order as eo
    text = doc.text
    headings = sorted({0, len(text), *(h.start for h in doc.headings)})
    lines = sorted({0, len(text), *doc.line_starts})
    for notation, plain in zip(eo.NOTATIONS, _ENUM_PLAIN):
        rx = re.compile(plain, re.M)
        bounds = headings if notation.per_part else lines
        for a, b in zip(bounds, bounds[1:]):
            marks = [m for m in rx.finditer(text, a, b) if doc.pos(m.start())[0] not in doc.table_lines]
            yield from eo._run(notation, text, marks, b)


_ENUM_PIECES = st.lists(st.sampled_from(
    ["一是", "二是", "三是", "十一是", "一二是", "是的", "①", "②", "③", "（1）", "(2)", "（3）", "（一）", "(二)", "（四）",
     "1、", "2、", "12、", "3.", "4．", "1.5", "第1、2项", "加强", "学习", "“", "。", "；", "，", "、", "：", "（", " ",
     "\u3000", "\n", "\n（一）主要工作\n", "x", "9"]), max_size=30).map("".join)


@SOME
@given(_ENUM_PIECES)
def test_enumeration_markers_from_one_search_match_the_per_line_lookbehind_search(text):
    from reportlint.kinds import enumeration_order
    doc = Document(text, "draft.txt")
    assert [h.__dict__ for h in enumeration_order.check(None, None, doc)] == \
        [h.__dict__ for h in _enumeration_per_line(doc)]


@SOME
@given(st.lists(st.sampled_from(["2023年，", "2023 年度,", "2022年", "20", "23年，", "年，", "，", "。", "；", "一是",
                                 "\n", " ", "\u3000", "全镇", "a"]), max_size=25).map("".join),
       st.sampled_from([r"(?P<y>(?:19|20)\d\d)\s*年度?\s*[，,]", r"(?P<y>\d\d)(?:年，)?", r"(?P<y>\d*)年?",
                        r"(?P<y>\d\d)[^\n]{0,6}"]))   # the last: sentence starts inside a match
def test_body_year_frames_from_one_search_are_the_matches_at_each_start(text, frame):
    from reportlint.kinds.body_year import framed, sentence_starts
    rx = compile_pattern(frame)
    assert [m.span() for m in framed(rx, text, sentence_starts(text))] == \
        [m.span() for at in sentence_starts(text) if (m := rx.match(text, at))]


# ---- substitution: one automaton for the whole family -----------------------------------------
def _own_hits(rule, text):
    """The rule's hits from its own words only (as before the family)."""
    from reportlint.kinds import substitution
    return list(substitution.longest_hits(_every_match(rule.state.entries, text)))


@SETTINGS
@given(drafts)
def test_substitution_family_finds_what_each_rule_finds_alone(text):
    from reportlint.kinds import substitution
    doc = Document(text, "draft.txt")
    rules = [r for r in RULES if r.kind_name == "substitution"]
    serials = [rule.state.serial for rule in rules]      # preparing a rule joins the family
    for rule, serial in zip(rules, serials):
        family = substitution._FAMILY.hits(doc).get(serial, ())
        assert list(substitution.longest_hits(family)) == _own_hits(rule, doc.text), rule.id


def test_a_rule_that_is_gone_leaves_the_family():
    import gc

    from reportlint.kinds import substitution
    words = substitution.Words({"某某词": ("某某词", ["词"], (), (), False)})
    substitution._FAMILY.join(words)
    assert words.serial in substitution._FAMILY.automaton()[0]
    serial = words.serial
    del words
    gc.collect()
    assert serial not in substitution._FAMILY.automaton()[0]


# ---- repeated_clause: only clauses that share their last characters are normalized ---------------
def _repeated_clauses_plain(rule, doc):
    """repeated_clause.check as it was: every clause normalized."""
    from reportlint.kinds._lib.fingerprint import han_count, normalize
    from reportlint.kinds.repeated_clause import SENTENCE_MIN, _clauses
    text = doc.text
    for para in doc.paragraphs:
        seen = {}
        for start, end, whole in _clauses(text, para.start, para.end):
            norm = normalize(text[start:end])
            han = han_count(norm)
            if han < rule["min_chars"]:
                continue
            if norm in seen:
                if not (whole and seen[norm] and han >= SENTENCE_MIN):
                    yield (start, end, text[start:end].strip())
            else:
                seen[norm] = whole


@SOME
@given(st.lists(st.sampled_from(["加强学习培训工作", "加强学习培训工作", "一是", "（二）", "第三，", "，", "。", "；", "A", "a",
                                 "3", "３", "㈠", "\u3000", " ", "”", "\n", "培训", "学习", "工作", "_", "\u0301", "İ",
                                 "\ufa10", "法治政府建设", "\u4e00\u9fff\u4e00", "\u3400", "\u9fff"]), max_size=40).map("".join),
       st.sampled_from([0, 1, 2, 3, 10]))
@example("加强学习培训工作３，加强学习培训工作3。", 3)          # NFKC makes them equal
@example("加强学习培训工作㈠，加强学习培训工作(一)。", 3)
@example("一是，第一，二是。", 0)                           # empty after the ordinal
def test_repeated_clauses_from_shared_endings_match_every_clause_normalized(text, min_chars):
    from reportlint.kinds import repeated_clause
    rule = {"min_chars": min_chars}
    doc = Document(text, "draft.txt")
    assert [(h.start, h.end, h.fields["found"]) for h in repeated_clause.check(rule, None, doc)] == \
        list(_repeated_clauses_plain(rule, doc))


# ---- repeated_heading: titles and headings compared without rapidfuzz where the counts settle it ----
def _alike_by_rapidfuzz(a, b, threshold):
    from rapidfuzz.distance import Indel
    return a == b or Indel.normalized_similarity(a, b) >= threshold


_HEADING_WORDS = st.sampled_from(["加强", "组织", "领导", "法治", "政府", "建设", "依法", "行政", "推进", "决策",
                                  "机制", "一", "二", "镇", "2024", "年度"])


@SOME
@given(st.lists(_HEADING_WORDS, min_size=1, max_size=8).map("".join),
       st.lists(_HEADING_WORDS, min_size=1, max_size=8).map("".join),
       st.sampled_from([0.5, 0.8, 0.85, 0.9, 1.0]), st.randoms(use_true_random=False))
def test_repeated_heading_counts_settle_only_pairs_rapidfuzz_calls_apart(a, b, threshold, rnd):
    from reportlint.kinds._lib.fingerprint import apart_by_counts
    from reportlint.kinds.repeated_heading import _alike
    near = list(a)                        # and a near copy of a: one character changed or dropped
    at = rnd.randrange(len(near))
    if rnd.random() < 0.5:
        near[at] = rnd.choice("法治镇乡")
    elif len(near) > 1:
        del near[at]
    for x, y in ((a, b), (a, "".join(near)), (b, a)):
        if apart_by_counts(x, y, threshold):
            assert not _alike_by_rapidfuzz(x, y, threshold)
        assert _alike(x, y, threshold) == _alike_by_rapidfuzz(x, y, threshold)
