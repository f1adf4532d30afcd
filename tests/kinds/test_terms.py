"""The terms pack: typo dictionaries, formulations, law titles, IME slips, year-bound terms."""
import json
import subprocess
import sys

import pytest

from reportlint import lint_text
from reportlint.engine.fixing import apply_fixes
from reportlint.kinds.law_title import Catalogue, load_catalogue, one_edit_apart
from reportlint.kinds.near_miss import readings, sound_alike
from reportlint.rulepacks.loader import load_packs

TERMS = load_packs(["terms"]).rules


def lint(text, **kw):
    return lint_text(text, packs=["terms"], **kw)


def rules_of(findings):
    return sorted(f.rule for f in findings)


# ---- the pack as a whole ---------------------------------------------------------------

def test_dictionary_has_at_least_400_pairs():
    pairs = sum(len(r["swap"]) for r in TERMS if r.kind_name == "substitution")
    assert pairs >= 400


def test_always_wrong_are_errors_context_dependent_are_warnings():
    by_id = {r.id: r for r in TERMS}
    assert str(by_id["misspelled-words"].severity) == "error"
    assert str(by_id["misused-idioms"].severity) == "error"
    assert str(by_id["confusable-words"].severity) == "warning"


def test_every_finding_has_a_chinese_suggestion():
    text = "杜绝专武独断，纳入年度诉职内容，截止目前已落实《重大行政决策程序暂定条例》。"
    found = lint(text)
    assert len(found) == 4
    assert all(f.suggestion for f in found)


def test_fix_applies_unambiguous_ones_only():
    text = "按照上级布署，开展年度诉职，依法行正。"
    found = lint(text)
    new, applied = apply_fixes(text, found)
    assert new == "按照上级部署，开展年度述职，依法行正。"   # the IME guess is only a suggestion
    assert applied == 2


# ---- seeds and corpus ------------------------------------------------------------------

SEED_DEFECTS = [("000", 25, "专武独断"), ("001", 10, "设施行政处罚"), ("001", 13, "诉职"),
                ("004", 11, "党代精神"), ("004", 27, "暂定条例"), ("004", 31, "防治激化")]


def _corpus_findings(corpus):
    out = {}
    for p in sorted(corpus.glob("*/*.txt")):
        out[p.parent.name + "/" + p.name[:3]] = lint(p.read_text(encoding="utf-8"), path=str(p))
    return out


@pytest.fixture(scope="module")
def corpus_findings(request):
    from helpers import CORPUS
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here")
    return _corpus_findings(CORPUS)


@pytest.mark.parametrize("seed,line,what", SEED_DEFECTS)
def test_seed_defects_found(corpus_findings, seed, line, what):
    found = corpus_findings["seeds/" + seed]
    assert any(f.line == line and what in f.message for f in found), [f.message for f in found]


def test_right_legal_term_not_flagged(corpus_findings):
    assert not [f for f in corpus_findings["seeds/000"] if f.line == 27]   # 法制审核


def test_corpus_findings_are_the_reviewed_ones(corpus_findings):
    """Every finding on the corpus was read; a new one must be read too (and added here)."""
    got = sorted((k, f.line, f.rule) for k, fs in corpus_findings.items() for f in fs)
    assert got == sorted([
        ("seeds/000", 5, "mangled-set-phrases"),           # 一体化建设 for 一体建设
        ("seeds/000", 25, "misused-idioms"),
        ("seeds/001", 10, "misused-shishi"),
        ("seeds/001", 13, "misspelled-domain-terms"),
        ("seeds/004", 11, "misspelled-domain-terms"),
        ("seeds/004", 25, "confusable-words"),             # 截止目前
        ("seeds/004", 27, "misquoted-law-titles"),
        ("seeds/004", 31, "misspelled-domain-terms"),
        ("real/001", 1, "confusable-words"),               # 法制专题讲座 (template; same text
        ("real/001", 1, "confusable-words"),               # also has 法治训练专题讲座), twice
        ("real/009", 6, "confusable-words"),               # 民主法制示范村 in a 2023 report
        ("real/043", 1, "misquoted-law-titles"),           # 纲要(2023-2023)
        ("real/045", 5, "confusable-words"),               # 法制宣传教育
        # issue 15: set formulations said with a near synonym, the 第一责任人 formula, 我镇政府
        ("seeds/000", 11, "reworded-set-formulations"),    # 党委理论中心组
        ("seeds/001", 13, "incomplete-formulations"),      # 法治建设第一责任人职责 without 推进
        ("seeds/004", 11, "reworded-set-formulations"),    # 党委理论中心组, twice
        ("seeds/004", 11, "reworded-set-formulations"),
        ("seeds/004", 21, "reworded-set-formulations"),    # 理论中心组学习
        ("seeds/004", 29, "misquoted-first-responsibility"),  # 推进法治政府建设第一责任人
        ("real/001", 1, "reworded-set-formulations"),      # 行政执法与刑事司法连接制度
        ("real/001", 1, "reworded-set-formulations"),      # ... and 连接 again
        ("real/007", 5, "reworded-set-formulations"),      # 党委中心学习组
        ("real/009", 5, "party-group-in-township"),        # 党组理论中心组 in a 乡 report (党委理论学习中心组)
        ("real/013", 4, "incomplete-formulations"),        # 法治建设第一责任人职责
        ("real/023", 5, "incomplete-formulations"),
        ("real/027", 9, "incomplete-formulations"),
        ("real/037", 3, "misquoted-first-responsibility"),  # 法治政府建设第一责任人
        ("real/039", 11, "reworded-set-formulations"),     # 党委中心学习组
        ("real/043", 2, "reworded-set-formulations"),      # 夯实法治根底 (a spun page)
        ("real/051", 7, "incomplete-formulations"),
        ("real/051", 8, "misquoted-first-responsibility"),
        ("real/063", 2, "redundant-self-reference"),       # 我镇政府
        ("real/063", 4, "reworded-set-formulations"),      # 年度法律工作计划
        # issue 14b: a real-word slip the language model finds in context
        ("real/001", 1, "misused-structural-particles"),   # 更好得学习 -> 地
    ])


# ---- substitution: boundaries and context ----------------------------------------------

@pytest.mark.parametrize("text", [
    "坚持以经济建设为中心。",          # 以经 inside 以|经济
    "很早以前就建立了台账。",          # 早以 inside 很早|以前
    "加强预防犯罪宣传，堵塞审批漏洞。",  # 防犯, 批漏
    "按排名先后确定人选。",            # 按排
    "依法起诉职务犯罪，向上诉法院上诉。",  # 诉职, 诉法
])
def test_matches_cutting_through_words_are_dropped(text):
    assert lint(text) == []


def test_segment_check_only_wakes_jieba_for_short_entries():
    code = ("from reportlint import lint_text; from reportlint.kinds._lib import segment; "
            "f = lint_text('杜绝个人意志专武独断，开展民主法制示范村创建。', packs=['terms']); "
            "print(len(f), segment.loaded())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "False"]


def test_clean_report_never_loads_jieba_or_pypinyin(corpus):
    text = (corpus / "real" / "003_liulang.txt").read_text(encoding="utf-8")
    code = ("import sys; from reportlint import lint_text; from reportlint.kinds._lib import segment; "
            "f = lint_text(sys.stdin.read(), packs=['terms']); "
            "print(len(f), segment.loaded(), 'jieba' in sys.modules, 'pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == ["0", "False", "False", "False"]


def test_context_patterns_decide_confusables():
    assert rules_of(lint("截止目前，共调解22件。")) == ["confusable-words"]
    assert lint("报名截止日期为12月31日，截至目前已开展3次。") == []
    assert lint("推行重大执法决定法制审核制度，聘请法律顾问进行法制审核。") == []
    assert rules_of(lint("推进法制政府建设。")) == ["confusable-words"]


def test_per_entry_options_are_validated(tmp_path):
    from reportlint.model.errors import RuleLoadErrors
    (tmp_path / "bad-swap.yaml").write_text(
        "id: bad-swap\nkind: substitution\ncategory: typo\nmessage: '错：{found}'\n"
        "description: 测试\nwhy: 测试\nswap:\n  截止: {to: 截至, when: ['(']}\n  甲: {too: 乙}\n"
        "examples: {bad: ['截止'], good: ['截至']}\n", encoding="utf-8")
    with pytest.raises(RuleLoadErrors) as e:
        load_packs([tmp_path])
    msg = str(e.value)
    assert "bad-swap.yaml:8:16: 'swap.截止.when': bad regular expression '('" in msg
    assert "bad-swap.yaml:9:7: 'swap.甲.too': unknown key; use to, unless, when, segment" in msg


# ---- law titles --------------------------------------------------------------------------

def test_one_edit_apart():
    assert one_edit_apart("暂定条例", "暂行条例")
    assert one_edit_apart("规定", "的规定") and one_edit_apart("的规定", "规定")
    assert not one_edit_apart("条例", "条例")
    assert not one_edit_apart("国防法", "国防教育法")


def test_catalogue_knows_short_and_full_law_titles():
    cat = Catalogue(load_catalogue("law_titles.tsv"))
    assert "行政复议法" in cat.by_name and "中华人民共和国行政复议法" in cat.by_name
    assert cat.near("重大行政决策程序暂定条例") == {"重大行政决策程序暂行条例"}
    assert cat.near("鲍沟镇2025年法治建设工作要点") == set()


@pytest.mark.parametrize("title,expected", [
    ("《党政主要负责人履行推进法治建设的第一责任人职责规定》", "党政主要负责人履行推进法治建设第一责任人职责规定"),
    ("《法治政府建设与责任落实督查工作规定》", "法治政府建设与责任落实督察工作规定"),
    ("《中华人民共和国行政复义法》", "中华人民共和国行政复议法"),
    ("《中华人民共和国信访工作条例》", "信访工作条例"),
    ("《中华人民共和国重大行政决策程序暂定条例》", "重大行政决策程序暂行条例"),
    ("《中华人民共和国行政许可证法》", "中华人民共和国行政许可法"),
])
def test_near_miss_titles_get_the_right_title(title, expected):
    found = [f for f in lint("认真学习" + title + "。") if f.rule == "misquoted-law-titles"]
    assert len(found) == 1 and found[0].suggestion == f"《{expected}》"


def test_editions_and_outdated_titles_are_warnings():
    found = lint("对标《法治政府建设实施纲要（2022—2025年）》。")
    assert [(f.rule, str(f.severity)) for f in found] == [("misquoted-law-titles", "warning")]
    assert lint("学习《合同法》。", year=2019) == []
    found = lint("学习《合同法》。", year=2023)
    assert found and "民法典" in found[0].message and str(found[0].severity) == "warning"


# ---- IME slips by generalisation -----------------------------------------------------------

@pytest.mark.parametrize("slip,right", [
    ("依法行正", "依法行政"), ("合法性审察", "合法性审查"), ("行政复意", "行政复议"),
    ("普法宣船", "普法宣传"), ("人民调节", "人民调解"), ("法律名白人", "法律明白人"),
    ("矛盾纠份", "矛盾纠纷"), ("行政执法正", "行政执法证"), ("述职述发", "述职述法"),
])
def test_homophone_slips_on_domain_terms(slip, right):
    found = lint(f"我镇认真做好{slip}工作。")
    assert any(f.suggestion == right for f in found), [f.message for f in found]


@pytest.mark.parametrize("text", [
    "坚持依法行政、依法执政，推进依法治理。",
    "建设社会主义法治国家，开展行政检察监督。",
    "依法作出行政处理决定，妥善处置突发事件。",
    "完善执法监察和行政执法监督体系。",
])
def test_right_phrases_near_domain_terms_are_left_alone(text):
    assert [f for f in lint(text) if f.rule == "misspelled-domain-terms-by-sound"] == []


def test_pinyin_evidence():
    assert "cha" in readings("察") and sound_alike("察", "查") == "cha"
    assert sound_alike("正", "政") == "zheng"
    assert sound_alike("行", "政") is None
    assert sound_alike("资", "职")          # z/zh confusion
    assert readings("𠀀") == readings("𠀀")  # outside the table: asks pypinyin, no crash


# ---- year-bound terms ------------------------------------------------------------------

def test_year_bound_terms():
    assert rules_of(lint("深入开展“七五”普法工作。", year=2024)) == ["out-of-period-terms"]
    assert lint("深入开展“七五”普法工作。", year=2019) == []
    assert lint("深入开展“七五”普法工作。") == []          # no report year: silent
    assert rules_of(lint("学习贯彻二十届四中全会精神。", year=2024)) == ["out-of-period-terms"]


def test_json_output_of_seed_is_scored(tmp_path, corpus):
    exe = [sys.executable, "-m", "reportlint.cli", "check", "--isolated", "--pack", "terms",
           "--format", "json", "--exit-zero", str(corpus / "seeds" / "004_5d93a04204a5153d.txt")]
    data = json.loads(subprocess.run(exe, capture_output=True, text=True, check=True).stdout)
    items = data["findings"] if isinstance(data, dict) else data
    assert {f["line"] for f in items} >= {11, 27, 31}


def test_cli_fix_rewrites_unambiguous_terms(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("2024年度法治政府建设情况报告\n按照上级布署，纳入年度诉职内容，截止目前已落实"
                     "《重大行政决策程序暂定条例》，坚持依法行正。\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "reportlint.cli", "check", "--isolated", "--pack", "terms",
                    "--fix", "--exit-zero", str(draft)], capture_output=True, check=True)
    assert draft.read_text(encoding="utf-8").splitlines()[1] == (
        "按照上级部署，纳入年度述职内容，截至目前已落实《重大行政决策程序暂行条例》，坚持依法行正。")


# ---- set phrases one edit away -------------------------------------------------------------

@pytest.mark.parametrize("slip,right,edit", [
    ("习近平新时代中国特色会主义思想", "习近平新时代中国特色社会主义思想", "漏字"),
    ("尊法学法守法法用法", "尊法学法守法用法", "多字"),
    ("习近法平治思想", "习近平法治思想", "字序颠倒"),      # a swap across the split
    ("党政要主负责人", "党政主要负责人", "字序颠倒"),
])
def test_set_phrase_slips(slip, right, edit):
    found = [f for f in lint(f"全镇坚持{slip}工作。") if f.rule == "mangled-set-phrases"]
    assert len(found) == 1 and found[0].fix == right and edit in found[0].message


@pytest.mark.parametrize("text", [
    "深入学习习近平法治思想，推行行政执法公示制度。",   # 学习|习近平, 推行|行政
    "开展普法宣传教育，落实“谁执法、谁普法”。",        # shorter right phrase; punctuation variant
    "学习贯彻党的二十大和二十届二中、三中全会精神。",
])
def test_set_phrase_context_is_not_a_slip(text):
    assert [f for f in lint(text) if f.rule == "mangled-set-phrases"] == []


def test_ambiguous_set_phrase_slip_lists_candidates_without_fix():
    found = lint("学习贯彻党的二十届中全会精神。")
    assert len(found) == 1 and found[0].fix is None
    assert found[0].suggestion == "二十届二中全会、二十届三中全会、二十届四中全会"


def test_always_wrong_entries_are_rarer_than_their_correction():
    """A dictionary guard: jieba, trained on ordinary text, must know the wrong form less."""
    from reportlint.kinds._lib.segment import word_freq
    suspicious = []
    for r in TERMS:
        if r.id not in ("misspelled-words", "misused-idioms", "misspelled-domain-terms"):
            continue
        for wrong, right in r["swap"].items():
            right = right["to"] if isinstance(right, dict) else right
            right = right if isinstance(right, str) else right[0]
            if word_freq(wrong) > max(word_freq(right), 3):      # 3: jieba's floor for variants
                suspicious.append((wrong, right))
    assert suspicious == []


@pytest.mark.parametrize("kind,body,complaint", [
    ("near_miss", "terms: [依法行政, 法治]\n", "4 or more characters"),
    ("one_edit", "phrases: [习近平法治思想]\nedits: [swap]\n", "'edits[0]': must be one of delete"),
    ("year_window", "terms: [{pattern: 七五普法}]\n", "since"),
    ("law_title", "catalogue: 1\n", "expected str"),
])
def test_kind_options_are_validated(tmp_path, kind, body, complaint):
    from reportlint.model.errors import RuleLoadErrors
    (tmp_path / "some-rule.yaml").write_text(
        f"id: some-rule\nkind: {kind}\ncategory: typo\nmessage: '错：{{found}}'\n"
        f"description: 测试\nwhy: 测试\n{body}examples: {{bad: ['甲'], good: ['乙']}}\n",
        encoding="utf-8")
    with pytest.raises(RuleLoadErrors) as e:
        load_packs([tmp_path])
    assert complaint in str(e.value)


# ---- one_edit: a catalogue and near-synonym swaps -----------------------------------------

def _synonym_rule(**extra):
    from reportlint.kinds import one_edit
    rule = {"phrases": ["行政执法与刑事司法衔接", "推动高质量发展"], "catalogue": [], "edits": [],
            "synonyms": {"衔接": ["连接"], "发展": ["开展"]}, "anywhere": [], "known": [],
            "min_length_delete": 7, "exceptions": []} | extra
    return rule, one_edit.prepare(rule)


def _swaps(text, **extra):
    from reportlint.kinds import one_edit
    rule, state = _synonym_rule(**extra)
    return [text[s:e] for s, e, _ in one_edit.synonym_swaps(state[4], text, frozenset(rule["anywhere"]))]


def test_synonym_swap_found_with_the_right_phrase():
    assert _swaps("做好行政执法与刑事司法连接。") == ["行政执法与刑事司法连接"]
    assert _swaps("建立行政执法与刑事司法连接机制。") == []            # 连接机制 may go on as a word


def test_synonym_swap_at_the_phrase_end_needs_a_boundary_unless_listed():
    assert _swaps("推动高质量开展。") == ["推动高质量开展"]
    assert _swaps("推动高质量开展普法工作。") == []
    assert _swaps("推动高质量开展普法工作。", anywhere=["开展"]) == ["推动高质量开展"]


def test_synonym_swap_in_an_edge_item_of_a_longer_list_is_another_list():
    listing = {"phrases": ["规范化、法治化、便利化"], "synonyms": {"规范": ["标准"], "便利": ["方便"]}}
    assert _swaps("推进执法规范化、法治化、方便化。", **listing) == ["规范化、法治化、方便化"]
    assert _swaps("推进执法规范化、法治化、方便化、信息化。", **listing) == []
    assert _swaps("推进执法标准化、法治化、便利化。", **listing) == ["标准化、法治化、便利化"]
    assert _swaps("推进执法信息化、标准化、法治化、便利化。", **listing) == []


def test_synonym_swap_inside_a_right_phrase_is_not_reported():
    # a variant that is part of a longer right phrase of the catalogue stays quiet
    assert _swaps("推动高质量开展专项行动。", phrases=["推动高质量发展", "推动高质量开展专项行动"],
                  anywhere=["开展"]) == []


def test_synonym_swaps_of_one_state_over_several_texts():
    # the right phrases holding a variant are worked out on its first occurrence and kept:
    # later texts, with or without the longer phrase around the variant, are judged as afresh
    from reportlint.kinds import one_edit
    rule, state = _synonym_rule(phrases=["推动高质量发展", "推动高质量开展专项行动"], anywhere=["开展"])

    def swaps(text):
        return [text[s:e] for s, e, _ in one_edit.synonym_swaps(state[4], text, frozenset(rule["anywhere"]))]
    inside, alone = "推动高质量开展专项行动。", "要推动高质量开展，不断前进。"
    assert [swaps(inside), swaps(alone), swaps(inside), swaps(alone)] == [[], ["推动高质量开展"]] * 2
    assert state[4][2] == {"推动高质量开展": ["推动高质量开展专项行动"]}


def test_catalogue_is_read_and_merged_with_the_rule_phrases():
    from reportlint.kinds import one_edit
    phrases = one_edit.catalogue_phrases("formulations")
    assert len(phrases) >= 300 and "推进法治建设第一责任人" in phrases
    assert not [p for p in phrases if p.startswith("#")]
    merged = one_edit.all_phrases({"phrases": ["青石镇法治建设"], "catalogue": ["formulations"]})
    assert merged[0] == "青石镇法治建设" and len(merged) == len(set(merged))


def test_one_edit_rule_needs_phrases_or_a_catalogue():
    from reportlint.kinds import one_edit
    problems = list(one_edit.validate({"phrases": [], "catalogue": [], "synonyms": {"a": ["a"]}}))
    assert [p[0] for p in problems] == [("phrases",), ("synonyms", "a")]

