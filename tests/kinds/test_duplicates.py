"""Duplicates: repeats within a draft, copies from --against reports, other units' names."""
import json
import time

import pytest
from click.testing import CliRunner

from reportlint import lint_text
from reportlint.cli import cli
from reportlint.engine.linter import Linter
from reportlint.kinds._lib import reference_store
from reportlint.kinds._lib import references as references_mod

DUP = ["duplicate-sentence", "duplicate-paragraph"]
AGAINST = ["copied-from-other-report", "other-unit-name-in-copy"]
SEED = "003_1b8db11db821e11c.txt"

# a paragraph of seed 003 (line 12): three sentences
PARA = ("3. 推进法治文化建设：加强法治文化阵地建设，在镇文化广场、村（社区）党群服务中心等场所设置法治宣传栏、"
        "法治文化墙等，传播法治文化，弘扬法治精神。同时，积极开展法治文化作品创作和评选活动，创作了一批群众喜闻乐见的"
        "法治文化作品，如法治小品、法治相声等，丰富了群众的法治文化生活。")


def dups(text, **kw):
    return lint_text(text, select=DUP, **kw)


# ---- within a draft --------------------------------------------------------------------------
def test_seed_003_line_16_repeats_line_11(corpus):
    text = (corpus / "seeds" / SEED).read_text(encoding="utf-8")
    found = dups(text, path=SEED)
    assert [(f.rule, f.line) for f in found] == [("duplicate-sentence", 16)]
    assert "第11行" in found[0].message
    # the two repeated sentences are one finding, from the first repeated sentence to the end
    assert text[found[0].start:found[0].end].startswith("杂色镇司法所荣获")
    assert text[found[0].start:found[0].end].endswith("避免矛盾激化。")


def test_paragraph_copied_with_two_characters_changed():
    changed = PARA.replace("阵地", "阵线").replace("小品", "小戏")
    assert sum(a != b for a, b in zip(PARA, changed)) == 2
    text = "\n".join([PARA, "（二）规范执法", "全年办理行政处罚案件12件。", changed])
    found = dups(text)
    assert [(f.rule, f.line) for f in found] == [("duplicate-paragraph", 4)]
    assert found[0].message == "本段与第1行的段落基本相同（只有个别字不同）"


def test_exact_paragraph_far_apart_and_sentences_not_reported_twice():
    filler = [f"第{i}项工作按计划推进，完成年度目标任务{i}项。" for i in range(1, 120)]
    text = "\n".join([PARA, *filler, "  " + PARA.replace("，", ",") + "  "])
    found = dups(text)
    assert [(f.rule, f.line, f.message) for f in found] == [
        ("duplicate-paragraph", 121, "本段与第1行的段落重复")]


def test_list_items_sharing_a_short_formula_are_not_duplicates():
    text = "\n".join([
        "一是加强组织领导。二是加强队伍建设。三是加强制度建设。",
        "一是加强行政执法人员培训，提升执法能力和水平。",
        "二是加强行政执法案卷评查，提升执法质量和水平。",
        "三是加强行政执法监督检查，提升执法规范化水平。",
        "（一）持续加强法治宣传教育",
        "（二）持续加强法治宣传教育",
        "取得了明显成效。取得了明显成效。",
    ])
    assert dups(text) == []


def test_sentence_repeated_under_another_ordinal_is_found():
    text = "一是严格落实领导干部任前法律知识考试制度。\n……\n三是严格落实领导干部任前法律知识考试制度。"
    found = dups(text)
    assert [(f.line, f.column) for f in found] == [(3, 1)]


def test_same_words_with_other_figures_are_two_facts():
    text = ("于2024年7月3日在镇三楼会议室举办领导班子法治专题讲座。\n"
            "于2024年7月31日在镇三楼会议室举办领导班子法治专题讲座。")
    assert dups(text) == []


def test_hard_wrapped_markdown_paragraph_is_one_paragraph():
    wrapped = PARA[:40] + "\n" + PARA[40:90] + "\n" + PARA[90:]
    text = wrapped + "\n\n## 二、存在问题\n\n" + PARA + "\n"
    found = dups(text, path="draft.md")
    assert [(f.rule, f.line) for f in found] == [("duplicate-paragraph", 7)]


def test_corpus_has_no_repeat_findings_beyond_the_seeded_one(corpus):
    result = Linter(isolated=True, select=DUP).run([str(corpus)])
    assert [(f.path.rsplit("/", 1)[1], f.line) for f in result.findings] == [(SEED, 16)]


# ---- against other reports -------------------------------------------------------------------
@pytest.fixture
def refs(tmp_path, corpus):
    seed = (corpus / "seeds" / SEED).read_text(encoding="utf-8")
    folder = tmp_path / "refs"
    folder.mkdir()
    (folder / "dongsheng.txt").write_text(seed.replace("杂色镇", "东升镇"), encoding="utf-8")
    (folder / "gbk.txt").write_bytes("西山镇2024年度法治政府建设情况报告\n西山镇今年新建村级法律服务点九个，实现法律顾问全覆盖。\n"
                                     .encode("gb18030"))
    (folder / "notes.docx.bak").write_bytes(b"\x00\x01binary")
    return folder


def run_cli(*args):
    res = CliRunner().invoke(cli, ["check", "--isolated", "--format", "json", "--exit-zero", *args])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["findings"]


def draft(tmp_path, lines, name="draft.txt"):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_copy_from_other_unit_names_source_and_line_and_leftover_name(tmp_path, refs):
    d = draft(tmp_path, [
        "西河镇2024年度法治政府建设情况报告", "一、主要工作",
        "全年组织开展法律进村活动12场，覆盖群众两千余人。",
        "东升镇司法所荣获市级普法一等奖奖项。通过联动工作体系，成功调解多起复杂的邻里纠纷和土地纠纷，避免矛盾激化。",
        PARA.replace("阵地", "阵线").replace("小品", "小戏"),
        "西河镇今年新建村级法律服务点九个，实现法律顾问全覆盖。",
    ])
    found = run_cli("--select", ",".join(AGAINST), "--against", str(refs), str(d))
    got = [(f["rule"], f["line"], f["column"], f["severity"]) for f in found]
    assert got == [
        ("copied-from-other-report", 4, 1, "warning"),
        ("other-unit-name-in-copy", 4, 1, "error"),
        ("copied-from-other-report", 5, 1, "warning"),
        ("copied-from-other-report", 6, 1, "warning"),
    ]
    src = str(refs / "dongsheng.txt")
    assert found[0]["message"] == f"与{src}第11行相同（照搬其他报告）"
    assert "“东升镇”是其他单位的名称" in found[1]["message"] and found[1]["suggestion"] == "西河镇"
    assert found[2]["message"] == f"与{src}第12行基本相同（照搬其他报告后只改了个别字）"
    # a GB18030 reference is read like any draft; its unit name was replaced, so only a copy
    assert "gbk.txt第2行" in found[3]["message"]


def test_last_years_own_report_gives_copies_but_no_name_error(tmp_path, corpus):
    seed = (corpus / "seeds" / SEED).read_text(encoding="utf-8")
    last = tmp_path / "2023.txt"
    last.write_text(seed.replace("2024", "2023"), encoding="utf-8")
    lines = seed.split("\n")
    d = draft(tmp_path, [lines[0], lines[11]])
    found = run_cli("--select", ",".join(AGAINST), "--against", str(last), str(d))
    assert [(f["rule"], f["line"]) for f in found] == [("copied-from-other-report", 2)]
    assert f"{last}第12行" in found[0]["message"]


def test_stock_phrases_shared_by_many_reports_are_not_copies(tmp_path):
    folder = tmp_path / "county"
    folder.mkdir()
    stock = "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想。"
    for i, town in enumerate(["东镇", "西镇", "南镇", "北镇"]):
        (folder / f"{i}.txt").write_text(f"{town}2024年度法治政府建设情况报告\n{stock}\n{town}办理案件{i}件。\n",
                                         encoding="utf-8")
    d = draft(tmp_path, ["中镇2024年度法治政府建设情况报告", stock])
    assert run_cli("--select", "copied-from-other-report", "--against", str(folder), str(d)) == []


def test_a_draft_inside_the_against_folder_is_not_its_own_source(tmp_path, refs):
    found = run_cli("--select", "copied-from-other-report", "--against", str(refs), str(refs / "dongsheng.txt"))
    assert found == []


def test_against_index_is_built_once_per_run(tmp_path, refs, monkeypatch):
    builds = []

    class Counted(references_mod.References):
        def __init__(self, *args):
            builds.append(args)
            super().__init__(*args)

    monkeypatch.setattr(reference_store, "_CACHE", {})
    monkeypatch.setattr(reference_store, "References", Counted)
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    for i in range(3):
        draft(tmp_path, ["西河镇2024年度法治政府建设情况报告", PARA], name=f"d{i}.txt")
    result = Linter(isolated=True, select=AGAINST, against=[str(refs)]).run(
        [str(tmp_path / f"d{i}.txt") for i in range(3)])
    assert len(builds) == 1
    assert [f.line for f in result.findings] == [2, 2, 2]


def test_without_against_the_copy_rules_are_silent(corpus):
    text = (corpus / "seeds" / SEED).read_text(encoding="utf-8")
    assert lint_text(text, select=AGAINST) == []


def test_missing_against_path_is_a_usage_error(tmp_path):
    d = draft(tmp_path, ["西河镇2024年度法治政府建设情况报告"])
    res = CliRunner().invoke(cli, ["check", "--isolated", "--against", str(tmp_path / "nope"), str(d)])
    assert res.exit_code == 2


def test_reference_texts_must_be_text(tmp_path):
    from reportlint.model.errors import RuleLoadErrors
    from reportlint.rulepacks.loader import load_packs
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "copied-template.yaml").write_text(
        "id: copied-template\nkind: duplicate\ncategory: duplicate\nfind: copies\n"
        "message: 照搬范文{source}第{source_line}行\ndescription: 照搬范文。\nwhy: 照搬范文。\n"
        "reference_texts: {范文: 3}\nexamples: {bad: [x], good: [y]}\n", encoding="utf-8")
    with pytest.raises(RuleLoadErrors) as exc:
        load_packs([str(pack)])
    assert "'reference_texts.范文': expected str, got int" in str(exc.value)


# ---- speed ---------------------------------------------------------------------------------
def test_large_mutated_draft_is_linear(corpus):
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted((corpus / "seeds").glob("*.txt")))
    copies = [seeds.replace("。", f"。第{i}轮", 3) for i in range(40)]   # ~1.3 MB of near copies
    t = time.perf_counter()
    found = lint_text("\n".join(copies), select=DUP)
    assert time.perf_counter() - t < 20
    assert len(found) > 1000


def test_near_variants_of_a_stock_sentence_in_many_reports_are_not_copies(tmp_path):
    folder = tmp_path / "county"
    folder.mkdir()
    variants = ["2022年，在县委、县政府的坚强领导下，我镇坚持依法行政，全面推进法治政府建设各项工作。",
                "2023年，在区委、区政府的坚强领导下，我乡坚持依法行政，全面推进法治政府建设各项工作。",
                "2024年，在市委、市政府的正确领导下，我镇坚持依法行政，全面推进法治政府建设各项工作。"]
    for i, v in enumerate(variants):
        (folder / f"{i}.txt").write_text(f"第{i}镇2024年度法治政府建设情况报告\n{v}\n", encoding="utf-8")
    d = draft(tmp_path, ["中镇2024年度法治政府建设情况报告", variants[2].replace("正确", "坚强")])
    assert run_cli("--select", "copied-from-other-report", "--against", str(folder), str(d)) == []
    # the same sentence against one of those reports alone is a copy
    found = run_cli("--select", "copied-from-other-report", "--against", str(folder / "2.txt"), str(d))
    assert [f["line"] for f in found] == [2]


def test_county_name_in_a_copy_from_the_county_report_is_not_another_unit(tmp_path):
    county = tmp_path / "county.txt"
    county.write_text("鲁山县人民政府2024年法治政府建设情况报告\n"
                      "鲁山县深入开展“八五”普法，全年组织法治宣传进乡村活动三百余场次。\n", encoding="utf-8")
    town = draft(tmp_path, ["张官营镇2024年度法治政府建设情况报告",
                            "鲁山县深入开展“八五”普法，全年组织法治宣传进乡村活动三百余场次。"])
    found = run_cli("--select", ",".join(AGAINST), "--against", str(county), str(town))
    assert [f["rule"] for f in found] == ["copied-from-other-report"]
    other = draft(tmp_path, ["宝丰县人民政府2024年法治政府建设情况报告",
                             "鲁山县深入开展“八五”普法，全年组织法治宣传进乡村活动三百余场次。"], name="baofeng.txt")
    found = run_cli("--select", ",".join(AGAINST), "--against", str(county), str(other))
    assert [(f["rule"], f["severity"]) for f in found] == [
        ("copied-from-other-report", "warning"), ("other-unit-name-in-copy", "error")]


def test_giant_passages_are_compared_for_equality_only():
    import random
    rng = random.Random(1)
    a = "".join(chr(0x4e00 + rng.randrange(3000)) for _ in range(300000))
    b = "的" + a[1:]
    t = time.perf_counter()
    found = dups(a + "。\n" + b + "。\n" + a + "。")
    assert time.perf_counter() - t < 10
    assert [(f.rule, f.line, f.message) for f in found] == [("duplicate-sentence", 3, "与第1行的句子重复")]
