"""One finding per span: overlapping findings of different rules keep the most specific one."""
from reportlint import lint_text
from reportlint.model.document import Document
from reportlint.rulepacks.loader import builtin_packs, load_packs
from reportlint.rulepacks.run import lint_document

RULES = load_packs(list(builtin_packs())).rules


def _by_id(*ids):
    return [r for r in RULES if r.id in ids]


def test_law_title_keeps_its_span_over_the_hyphenated_range():
    text = "根据《法治政府建设实施纲要（2020-2025年）》要求，推进工作。"
    rules = _by_id("misquoted-law-titles", "hyphenated-range")
    assert {r.rank for r in rules} == {30, 20}
    findings, _ = lint_document(Document(text), rules)
    # hyphenated-range alone would flag “2020-2025”; the law title covers it
    assert [f.rule for f in findings] == ["misquoted-law-titles"]
    alone, _ = lint_document(Document(text), _by_id("hyphenated-range"))
    assert [f.rule for f in alone] == ["hyphenated-range"]


def test_listed_form_beats_model_found_and_sweeps_yield():
    ranks = {r.id: r.rank for r in RULES}
    assert ranks["confusable-words"] > ranks["misspelled-domain-terms-by-sound"]
    assert ranks["spaces-in-chinese-text"] < ranks["inconsistent-outline-numbering"]


def test_whole_part_findings_never_compete_for_their_span():
    # the missing parts are reported on the heading line that also holds a typo: both stay
    text = "某镇2024年法治政府建设情况报告\n一、杜绝专武独断\n全年开展普法。"
    rules = _by_id("missing-required-section", "misused-idioms")
    findings, _ = lint_document(Document(text), rules)
    on_heading = [f.rule for f in findings if f.line == 2]
    assert "misused-idioms" in on_heading and "missing-required-section" in on_heading


def test_priority_in_a_rule_file(tmp_path):
    from reportlint.rulepacks.loader import load_rule_file
    path = tmp_path / "low.yaml"
    path.write_text("""\
id: low
kind: substitution
category: typo
priority: 5
message: "{found}"
description: 测试。
why: 测试。
swap: {布署: 部署}
examples: {bad: ["布署"], good: ["部署"]}
""", encoding="utf-8")
    rule = load_rule_file(path, "test")
    assert rule.priority == 5 and rule.rank == 5


def test_api_reports_one_finding_for_the_law_title():
    found = lint_text("根据《法治政府建设实施纲要（2020-2025年）》要求。")
    spans = [(f.start, f.end) for f in found if f.category in ("typo", "punctuation")]
    assert len(spans) == 1


def test_linear_on_many_findings_of_one_line():
    import time
    text = "设施行政处罚，" * 20_000
    rules = _by_id("misused-shishi", "confusable-words", "misspelled-domain-terms-by-sound", "halfwidth-punctuation")
    t0 = time.perf_counter()
    findings, _ = lint_document(Document(text), rules)
    assert time.perf_counter() - t0 < 20     # was quadratic: every finding against all kept ones
    assert len(findings) >= 20_000


PASTED = ("一、主要工作\n（一）加强组织领导\n成立领导小组，定期研究部署。\n"
          "（二）严格规范执法\n落实行政执法三项制度。\n（二）严格规范执法\n落实行政执法三项制度。\n"
          "（四）深化普法宣传\n开展法治讲座。\n")


def test_the_number_of_a_pasted_heading_is_not_reported_again():
    rules = _by_id("repeated-heading", "inconsistent-outline-numbering")
    findings, _ = lint_document(Document(PASTED), rules)
    # line 6 repeats line 4 whole: one copy finding; （四） after the copy is still a skip
    assert [(f.line, f.rule) for f in findings] == [(6, "repeated-heading"),
                                                   (8, "inconsistent-outline-numbering")]
    alone, _ = lint_document(Document(PASTED), _by_id("inconsistent-outline-numbering"))
    assert 6 in {f.line for f in alone}
