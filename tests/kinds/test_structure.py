"""Structure and residue packs: the plan year, behaviour on the shared corpus, other report types."""
import json

from reportlint.model.document import Document
from reportlint.rulepacks.loader import builtin_packs, load_packs
from reportlint.rulepacks.run import run_rule

RULES = {r.id: r for r in load_packs(list(builtin_packs())).rules
         if r.pack in ("structure", "residue")}
SECTION_PLAN = [r for r in RULES.values() if r.category in ("section", "plan")]


def findings(doc, rules):
    return [f for r in rules for f in run_rule(r, doc)]


def test_plan_heading_year_against_the_report_year():
    text = ("某镇2024年法治政府建设情况报告\n一、主要举措和成效\n取得成效。\n"
            "二、第一责任人履职情况\n带头学法。\n三、存在的不足\n不够。\n四、{y}年重点工作\n继续推进。")
    rule = RULES["plan-without-next-year"]
    assert not run_rule(rule, Document(text.format(y=2025)))
    wrong = run_rule(rule, Document(text.format(y=2024)))
    assert [(f.line, str(f.severity)) for f in wrong] == [(8, "error")]


def test_no_section_or_plan_finding_on_cut_off_real_reports(corpus):
    real = sorted((corpus / "real").glob("*.txt"))
    assert real
    for path in real:
        doc = Document(path.read_text(encoding="utf-8"), str(path))
        assert doc.truncated, path.name                      # all are openings of web pages
        assert findings(doc, SECTION_PLAN) == [], path.name
        assert len(run_rule(RULES["truncated-document"], doc)) == 1


def test_seed_gold_for_structure_categories(corpus):
    gold = json.loads((corpus / "seeds" / "GOLD.json").read_text(encoding="utf-8"))
    mine = {"section", "plan", "numbering", "artifact", "format"}
    for name, items in gold.items():
        doc = Document((corpus / "seeds" / name).read_text(encoding="utf-8"), name)
        assert doc.truncated is None, name
        got = {(f.category, f.line) for f in findings(doc, RULES.values())}
        for g in items:
            if g["category"] not in mine:
                continue
            hit = any(c == g["category"] and (g["line"] is None or line == g["line"])
                      for c, line in got)
            assert hit != bool(g.get("absent")), (name, g)


def test_another_report_type_ships_its_own_sections(tmp_path):
    pack = tmp_path / "xxgk"
    pack.mkdir()
    (pack / "missing-xxgk-section.yaml").write_text('''\
id: missing-xxgk-section
kind: required_sections
category: section
severity: error
message: "缺少“{name}”部分，{where}"
description: 政府信息公开工作年度报告缺少规定部分。
why: 年度报告格式规定了必备部分。
sections:
  - {name: 总体情况, heading: "总体情况"}
  - {name: "{year}年主动公开政府信息情况", heading: "主动公开"}
  - {name: 存在的主要问题及改进情况, heading: "问题|改进"}
examples:
  bad: ["某镇2024年政府信息公开工作年度报告\\n一、总体情况\\n正文。\\n二、存在的主要问题\\n正文。"]
  good: ["某镇2024年政府信息公开工作年度报告\\n一、总体情况\\n二、主动公开政府信息情况\\n三、存在的主要问题及改进情况\\n正文。"]
''', encoding="utf-8")
    rule = load_packs([pack]).rules[0]
    from reportlint.rulepacks.examples import run_examples
    assert run_examples([rule]) == []
    doc = Document("某镇2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、存在的主要问题\n正文。")
    (f,) = run_rule(rule, doc)
    assert f.line == 4 and "缺少“2024年主动公开政府信息情况”部分" in f.message and "“一、总体情况”部分之后" in f.message
