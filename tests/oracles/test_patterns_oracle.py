"""Built-in patterns written for speed match exactly what their plain forms match.

A `regex` pattern that starts with a lookbehind or lookahead is tried at every position of the
text; one that starts with a character class jumps to the candidates, and one that holds a
literal is found by a fast string search (10-15x faster on a report). The rewritten patterns are
harder to read than the plain ones, so the plain forms live here as the oracle: every match (span
and groups) must be the same on the shared corpus and on strings combined from the pieces that
matter.

The pattern kind also skips the lines or paragraphs a pattern cannot match in
(patterns.spans_that_may_match): a skipped span never holds a match, and the findings are the
ones without skipping.
"""
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import CORPUS, ROOT
from helpers.drafts import RULES, SETTINGS, drafts
from reportlint.kinds.patterns import compile_pattern, line_bounded, spans_holding_literals, spans_that_may_match
from reportlint.model.document import Document
from reportlint.rulepacks.loader import load_packs

_NAMES = (r"(?P<name>(?:化解|办结|结案|成功|合格|通过|参考|覆盖|知晓|满意|达标|备案|公开|出庭|应诉|审查|审核|到位|"
          r"落实|回复|答复|办复|持证|参与|签约|受理|准确|正确|及格|出勤|合法合规|活跃|参训|参学|纠错|胜诉|败诉|录入|网办|"
          r"即办|建档|入户|知情)率|满意度|占比|比例|比重|占\p{Han}{1,12}?的?)")
_DAYS = r"(?=[“”]?(?:国家宪法日|国家安全教育日|消费者权益|国际禁毒日|全国法制宣传日|宪法宣传周))"

_MONTHS = ["0", "1", "9", "10", "12", "13", "20", "90"]
_DAYS_ = ["0", "1", "9", "10", "19", "29", "31", "32", "01"]
_LABELS = ["索引号", "索 引 号", "发布机构", "发布时间", "发布日期", "成文日期", "成文时间", "发文字号", "发文时间", "信息来源",
           "浏览次数", "浏览量", "主题分类", "体裁分类", "效力状态", "有效性", "发布", "主题"]
# (rule id, indices of the patterns in the rule, plain form, slots: every combination of one piece
# per slot is a test string, so each boundary of the pattern is crossed). Several indices: a plain
# alternation split into one pattern per branch; together they must find the same matches.
PLAIN = [
    ("misused-interpunct", [0],
     r"(?<=“)(?P<m>1[0-2]|[1-9])[.．•・、](?P<d>[12]\d|3[01]|[1-9])(?=”)(?!”(?:倍|亿|万|元|%|％|米|分|版))",
     [["", "“", "x", "1", "“1", "”"], _MONTHS, [".", "、", "•", "x"], _DAYS_, ["", "”", "”倍", "x”", "”x"]]),
    ("misused-interpunct", [1],
     r"(?<![\d.])(?P<m>1[0-2]|[1-9])[.．•・](?P<d>[12]\d|3[01]|[1-9])" + _DAYS,
     [["", "x", "1", ".", "“"], _MONTHS, [".", "．", "、", "x"], _DAYS_, ["", "国家宪法日", "”宪法宣传周", "x国家宪法日"]]),
    ("share-over-hundred-percent", [0],
     r"(?<![\d.])(?=[1-9]\d\d)(?<=" + _NAMES + r"[^，,。；;\d]{0,6}?)(?P<found>(?:100\.0*[1-9]\d*|10[1-9](?:\.\d+)?"
     r"|1[1-9]\d(?:\.\d+)?|[2-9]\d\d(?:\.\d+)?|[1-9]\d{3,}(?:\.\d+)?)[%％])",
     [["", "x", "化解率", "满意度", "占全部事项的", "占比", "合法合规率"], ["", "达", "均达到了", "六个字符之内", "七个字符之内了", "，", "2"],
      ["", "1", "."], ["99", "100", "100.0", "100.01", "101", "105.5", "110", "199", "200", "999", "1000", "1050.5", "0100"],
      ["%", "％", "", "x"]]),
    ("web-page-residue", list(range(10)),
     r"^[^\n]*(?:索\s*引\s*号|发布机构|发布(?:时间|日期)|成文(?:日期|时间)|发文(?:字号|时间)|信息来源|浏览(?:次数|量)|主题分类"
     r"|体裁分类|效力状态|有效性)\s*(?:\]|[:：|])[^\n]*$",
     [["", "- [ ", "网站 "], _LABELS, ["", " "], [":", "：", "]", "|", "x", ""], ["", " 2025", "\n", "\n发布时间:"],
      ["", "主题分类：", "\n浏览量|"]]),
]


@pytest.fixture(scope="module")
def rules():
    packs = [p for p in (ROOT / "rules").iterdir() if p.is_dir()]
    return {r.id: r for r in load_packs(packs).rules}


def _matches(rxs, text):
    return sorted({(m.span(), tuple(sorted(m.groupdict().items()))) for rx in rxs for m in rx.finditer(text)})


def _texts(slots):
    texts = ["".join(parts) for parts in itertools.product(*slots)]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]
    return texts


@pytest.mark.parametrize("rule_id, indices, plain, slots", PLAIN, ids=[f"{r}-{i[0]}" for r, i, _, _ in PLAIN])
def test_fast_pattern_matches_what_the_plain_one_matches(rules, rule_id, indices, plain, slots):
    fast = [rules[rule_id]["patterns"][i] for i in indices]
    slow = [compile_pattern(plain)]
    hits = 0
    for text in _texts(slots):
        expected = _matches(slow, text)
        assert _matches(fast, text) == expected, text
        hits += len(expected)
    assert hits > 100         # the random strings do reach the interesting cases


# broken-paragraph's open_end is only tested for a match (search is truthy) on one stripped line.
_OPEN_END_PLAIN = r"[\p{Han}A-Za-z0-9、，,“‘（(《]$"


def test_broken_paragraph_open_end_finds_what_the_plain_one_finds(rules):
    fast = rules["broken-paragraph"]["open_end"]
    slow = compile_pattern(_OPEN_END_PLAIN)
    slots = [["", "x", "工作", "。", " "], ["", "\n", "\r", "\u2028", "\x85", " "],
             ["", "工", "a", "9", "、", "，", "“", "（", "《", "。", "）", "”", "!", " ", "\u3000"],
             ["", "\n", "\r\n", " ", "\t"]]
    texts = _texts(slots)
    if CORPUS.is_dir():
        texts += [line for p in sorted(CORPUS.glob("*/*.txt"))
                  for line in p.read_text(encoding="utf-8").split("\n")]
    found = 0
    for text in texts:
        expected = bool(slow.search(text))
        assert bool(fast.search(text)) == expected, text
        found += expected
    assert found > 100


def test_out_of_period_terms_split_find_what_the_alternation_found(rules):
    terms = [t for t in rules["out-of-period-terms"]["terms"] if "新思想新战略" in t["pattern"]]
    assert len({(t.get("since"), t.get("until"), t.get("expected")) for t in terms}) == 1
    fast = [compile_pattern(t["pattern"]) for t in terms]
    slow = [compile_pattern("(全面依法治国)?新理念新思想新战略|关于全面依法治国新思想新战略")]
    hits = 0
    for text in _texts([["", "关于", "全面", "全面依法治国", "关于全面依法治国"], ["新理念", "", "新"],
                        ["新思想新战略", "新思想", "新战略"], ["", "关于全面依法治国新思想新战略", "新理念新思想新战略"]]):
        expected = _matches(slow, text)
        assert _matches(fast, text) == expected, text
        hits += len(expected)
    assert hits > 20


# ---- skipping spans that cannot match (patterns.spans_that_may_match) --------------------------
PATTERN_RXS = sorted({(rx.pattern, rx.flags): rx for r in RULES if r.kind_name == "pattern"
                      for rx in r["patterns"]}.values(), key=lambda rx: rx.pattern)
TRICKY = [compile_pattern(p) for p in (
    r"a(?!\s)", r"年(?![^，。])", r"(?=(\s*))\1年", r"[^，]+年", r"\d+$", r"^\s*[一二三]、", r"年\b",
    r"(?<!\n)年", r"年(?=\n)", r"(?m:^$)", r"[。，]{2,}", r"(?!米)\d+", r"X*", r"\s+", r"\p{Han}+(?!\p{Han})",
    r"(?=(\p{Han}+))\1年", r"(?=(\P{Han}*))\1年",
)]


def _missed(rx, doc, scope, may):
    spans = doc.spans(scope)
    if may is None:
        return []
    return [i for i, s in enumerate(spans) if i not in may
            and any(m.end() > m.start() for m in rx.finditer(doc.text, s.start, s.end))]


@SETTINGS
@given(drafts, st.sampled_from(["line", "paragraph", "sentence"]))
def test_skipped_spans_never_hold_a_match(text, scope):
    doc = Document(text, "draft.txt")
    spans = doc.spans(scope)
    starts = [s.start for s in spans]
    for rx in PATTERN_RXS + TRICKY:
        # the spans that hold a required literal (when they are few), for every scope
        assert _missed(rx, doc, scope, spans_holding_literals(rx, doc.text, spans, starts)) == [], rx.pattern
        # and however many they are (what is searched instead of every span)
        assert _missed(rx, doc, scope, spans_holding_literals(rx, doc.text, spans, starts, few=None)) == [], rx.pattern
        if scope != "sentence":     # the spans one search of the whole text finds
            assert _missed(rx, doc, scope, spans_that_may_match(rx, doc.text, spans)) == [], rx.pattern
            assert _missed(rx, doc, scope, spans_that_may_match(rx, doc.text, spans, starts)) == [], rx.pattern


def test_spans_holding_literals_are_those_with_a_literal_whole():
    doc = Document("甲乙\n乙丙\n丁甲\n戊", "draft.txt")
    spans = doc.spans("line")
    starts = [s.start for s in spans]
    assert spans_holding_literals(compile_pattern("甲|戊"), doc.text, spans, starts) == {0, 2, 3}
    assert spans_holding_literals(compile_pattern("乙\\n乙"), doc.text, spans, starts) == set()   # across two lines
    assert spans_holding_literals(compile_pattern("己"), doc.text, spans, starts) == set()
    assert spans_holding_literals(compile_pattern(r"\d+"), doc.text, spans, starts) is None    # no literal
    many = Document("甲\n" * 10, "draft.txt")
    line = many.spans("line")
    assert spans_holding_literals(compile_pattern("甲"), many.text, line, [s.start for s in line]) is None
    # uncapped (instead of searching every span): all ten, until a literal comes 8 times a line
    assert spans_holding_literals(compile_pattern("甲"), many.text, line, [s.start for s in line],
                                  few=None) == set(range(10))
    crowded = Document("甲" * 9 * len(line) + "\n" + "乙\n" * (len(line) - 1), "draft.txt")
    lines = crowded.spans("line")
    assert spans_holding_literals(compile_pattern("甲"), crowded.text, lines, [s.start for s in lines],
                                  few=None) is None


def test_patterns_that_see_past_the_line_end_are_not_skipped():
    unsafe = [r"a(?!\s)", r"年(?![^，。])", r"(?=(\s*))\1年", r"a\Z", r"(?>a+)b", r"a++", r"(?s)a.",
              r"(?!\P{Han})", r"a{e<=1}"]
    assert [p for p in unsafe if line_bounded(compile_pattern(p))] == []
    assert line_bounded(compile_pattern(r"(?<![\d.．])\d+(?:\.\d+)?[千百](?!米|克)"))
    # a Unicode property that cannot take the line break (comma-in-enumeration's lookahead)
    assert line_bounded(compile_pattern(r"[，,](?=(?P<lead>\p{Han})\p{Han}{1,2}(?:[、。；，,等”]|$))(?<=(?P=lead)\p{Han}{1,2}、)"))
    assert not line_bounded(compile_pattern(r"(?=(\P{Han}*))\1年"))


def test_skipping_gives_the_same_findings_on_the_corpus(corpus):
    from reportlint.kinds import pattern
    from reportlint.kinds import patterns as pmod
    rules = [r for r in RULES if r.kind_name == "pattern"]
    for path in sorted(corpus.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        for rule in rules:
            fast = list(pattern.check(rule, None, Document(text, str(path))))
            real, held = pmod.spans_that_may_match, pmod.spans_holding_literals
            try:
                pattern.spans_that_may_match = pattern.spans_holding_literals = lambda *a: None
                slow = list(pattern.check(rule, None, Document(text, str(path))))
            finally:
                pattern.spans_that_may_match, pattern.spans_holding_literals = real, held
            assert fast == slow, (rule.id, path.name)


# ---- required literals: a text without them is never searched ------------------------------
def _rule_patterns():
    from reportlint.kinds.patterns import TimedPattern
    out = []

    def walk(value):
        if isinstance(value, TimedPattern):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)
    for rule in RULES:
        walk(rule.options)
    return out


def _every_match_holds_a_literal(pattern, flags, texts):
    import regex

    from reportlint.kinds.patterns import required_literals
    lits = required_literals(pattern, flags)
    if lits is None:
        return 0
    rx = regex.compile(pattern, flags)
    n = 0
    for text in texts:
        for m in rx.finditer(text):
            assert any(lit in m.group() for lit in lits), (pattern, lits, m.group())
            n += 1
    return n


def test_every_match_of_a_built_in_pattern_holds_one_of_its_literals():
    from helpers.drafts import EXAMPLES
    texts = list(EXAMPLES)
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]
    pats = _rule_patterns()
    assert sum(p.needs() is not None for p in pats) > len(pats) // 2
    assert sum(_every_match_holds_a_literal(p.pattern, p.flags, texts) for p in pats) > 100


@pytest.mark.parametrize("pattern, text, literals", [
    ("专武独断", "专武独断", ("专武独断",)),
    ("(?:报告|汇报)如下", "报告如下", ("如下",)),
    ("处理费|收费", "收费", ("处理费", "收费")),
    ("[xX×]{2,}镇", "XX镇", ("镇",)),
    ("[０-９]+", "１２", tuple("０１２３４５６７８９")),
    ("a?b*c{0,3}", "", None),               # every part optional
    ("[^a]b?", "c", None),
    (r"\d+", "12", None),
    ("(?i)abc", "ABC", None),                # case-insensitive: `in` would miss ABC
    ("(?i:ab)c", "ABc", ("c",)),
    ("[[:digit:]]x", "1x", None),            # a POSIX class in `regex`
    ("[a[:digit:]]x", "1x", None),
    ("[:：]x", "：x", ("x",)),                # a set that starts with a colon is no POSIX class
    ("(?:abc){e<=1}", "abd", None),          # fuzzy matching in `regex`
    (r"\p{Han}年", "今年", None),            # `re` rejects it: no prefilter
    ("(?P<y>a)|(?P<y>b)", "b", None),
    ("(?=abc)a", "abc", ("a",)),             # a lookahead's text is not required inside the match
])
def test_required_literals(pattern, text, literals):
    import regex

    from reportlint.kinds.patterns import TimedPattern, required_literals
    flags = regex.MULTILINE | regex.VERSION0
    assert required_literals(pattern, flags) == literals
    rx = TimedPattern(pattern, flags)
    assert rx.search(text) is not None           # the prefilter never hides a match
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in regex.finditer(pattern, text, flags)]
    if literals:
        fresh = TimedPattern(pattern, flags)
        assert fresh.search("无关的文字") is None and not hasattr(fresh, "_rx")   # not even compiled


@SETTINGS
@given(drafts)
def test_the_prefilter_never_drops_a_match(text):
    for rx in _rule_patterns():
        import regex
        plain = [m.span() for m in regex.compile(rx.pattern, rx.flags).finditer(text)]
        assert [m.span() for m in rx.finditer(text)] == plain, rx.pattern


def test_the_flags_patterns_spells_out_are_regex_flags():
    import regex

    from reportlint.kinds import patterns
    for name in ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "REVERSE", "VERSION0", "FULLCASE"):
        assert getattr(patterns, name) == int(getattr(regex, name)), name


@SETTINGS
@given(st.text(alphabet="法治a设施\n。", max_size=20), st.text(alphabet="法治a设施\n。", min_size=1, max_size=4))
def test_holds_is_in(text, lit):
    from reportlint.kinds.patterns import holds
    assert holds(text, lit) == (lit in text)
