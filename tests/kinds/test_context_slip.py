"""The context_slip kind (rule misused-words-in-context): real words where a confusable word fits
the context far better, and the names and set usages it must leave alone."""
import subprocess
import sys

from helpers import script
from reportlint import lint_text

RULE = "misused-words-in-context"


def slips(text, **kw):
    return [(f.line, f.column, text.split("\n")[f.line - 1][f.column - 1:f.end_column - 1], f.suggestion)
            for f in lint_text(text, select=[RULE], **kw)]


def test_a_homophone_the_context_rejects():
    assert slips("依法设立有线责任公司。") == [(1, 5, "有线", "有限")]


def test_message_says_what_and_why_and_nothing_is_fixed():
    (f,) = lint_text("依法设立有线责任公司。", select=[RULE])
    assert f.message == "疑似用词错误（同音）：“有线”应为“有限”"
    assert str(f.severity) == "warning" and f.category == "typo" and f.fix is None


def test_right_usages_of_both_words_give_nothing():
    assert slips("有线电视网络覆盖全县，依法设立有限责任公司。") == []
    assert slips("这项工作确实取得了成效，各级要切实加强监督。") == []
    assert slips("工作落实得很好，群众看得到、用得上。") == []


def test_titles_quoted_names_and_set_usages_are_left_alone():
    assert slips("依据《有线责任公司管理办法》开展检查。") == []
    assert slips("打造“有线责任”品牌。") == []
    # written the same way twice, and the other word never: meant so
    assert slips("有线责任合作社成立。有线责任合作社共有社员30人。") == []


def test_derived_confusables_one_character_or_the_whole_reading():
    assert slips("依法办理行政附议案件。") == [(1, 7, "附议", "复议")]      # one character, same sound
    assert slips("法院依法审理民事酥松案件。") == [(1, 9, "酥松", "诉讼")]  # the whole word's reading
    assert slips("依法办理行政复议案件。代表附议的议案已交有关部门办理。") == []


def test_keep_words_are_not_checked_against_derived_confusables():
    assert slips("完成机构改革人员转隶工作。") == []     # the rule's keep: 转隶 (-> 转移 otherwise)


def _own_rule_passes_its_examples(tmp_path, options: str, bad: str, good: str) -> None:
    """An organisation's own context_slip rule with these options: `reportlint test-rules` on it passes."""
    pack = tmp_path / "own"
    pack.mkdir()
    (pack / "own-slips.yaml").write_text(
        "id: own-slips\nkind: context_slip\ncategory: typo\nseverity: warning\n"
        "message: \"{found}->{expected}（{how}）\"\ndescription: 本单位易混词。\nwhy: 测试。\n"
        f"{options}examples:\n  bad: [\"{bad}\"]\n  good: [\"{good}\"]\n",
        encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "reportlint", "test-rules", str(pack)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_an_organisation_extends_the_pairs(tmp_path):
    _own_rule_passes_its_examples(tmp_path, "homophones: false\npairs: {确实: {to: 切实, how: 音近}}\n",
                                  "各级政府要确实加强对行政执法的监督。", "这项工作确实取得了成效。")


def test_the_model_is_not_opened_when_no_listed_word_occurs():
    code = ("import sys\nfrom reportlint import lint_text\n"
            "lint_text('2024年12月。', select=['misused-words-in-context'])\n"
            "from reportlint.kinds._lib import lm\n"
            "assert lm._MODEL is None\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_derived_word_starts_looked_up_in_the_trie_equal_the_built_set(monkeypatch):
    """A run scans character pairs with the trie until BUILD_AFTER characters, then with the set
    of every derived word's first two characters: both say the same for every pair."""
    from pathlib import Path

    from reportlint.kinds import context_slip
    from reportlint.rulepacks.loader import builtin_packs, load_packs
    (rule,) = [r for r in load_packs(list(builtin_packs())).rules if r.id == RULE]
    more = context_slip.prepare(rule).more
    built = more.listed_heads.union(w[:2] for w in more.words())
    examples = Path(__file__).resolve().parents[2] / "examples"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(examples.glob("*.txt"))) + "".join(sorted(built))
    pairs = {a + b for a, b in zip(text, text[1:])} | {"有\ud800", "\udcff附"}
    assert more.heads(1) == more._starts_word
    assert [p for p in pairs if more._starts_word(p)] == [p for p in pairs if p in built]
    monkeypatch.setattr(more._heads, "after", 0)
    scan = more.heads(1)
    assert [p for p in pairs if scan(p)] == [p for p in pairs if p in built]
    findings = slips("依法办理行政附议案件。")
    assert findings == [(1, 7, "附议", "复议")]


def test_the_shipped_heads_are_the_pairs_the_derived_words_start_with():
    from reportlint.kinds._lib import data
    from reportlint.kinds._lib.mapped import Texts
    words = Texts(data.DIR / "lm" / "confusables")
    assert data.read_text("lm/confusables.heads").split() == sorted({w[:2] for w in words})


def test_a_domain_word_needs_a_smaller_margin_than_the_general_model_asks():
    # 应急 is a word of the report's domain (data/domain/words), 应激 is not, and the model has never
    # seen 应激 next to 完善 or 管理: domain_lead + jarring_lead lower the margins
    assert slips("进一步完善应激管理工作机制。") == [(1, 6, "应激", "应急")]
    assert slips("依法打击制毒贩毒违法犯罪活动。") == []          # 制毒: part of a domain word (制毒物品)


def test_the_domain_lead_is_only_for_words_outside_the_domain_vocabulary():
    from reportlint.kinds import context_slip
    led = context_slip._domain_led
    assert led("应激", [("应急", "", 3.5)]) == {"应急"}
    # 制毒 is part of a domain word (制毒物品), 刑罚 too (刑罚执行监督): no lead
    assert led("制毒", [("制度", "", 3.5)]) == frozenset()
    assert led("刑罚", [("刑法", "", 3.5)]) == frozenset()
    assert context_slip._in_longer_word("不分青红皂白地处理", 0, 2)                # 不分青红皂白
    assert not context_slip._in_longer_word("进一步完善应激管理工作机制", 5, 7)


def test_domain_parts_are_the_written_words_inside_the_domain_lexicon():
    from reportlint.kinds._lib import data
    from reportlint.kinds._lib.mapped import Texts
    written = [*Texts(data.DIR / "lm" / "confusables"),
               *(line.partition("\t")[0] for line in data.read_text("lm/homophones.tsv").splitlines())]
    assert data.read_text("lm/domain_parts.txt").split() == script("build_confusable_words").domain_parts(written)


def test_without_the_domain_lead_the_general_margins_apply(tmp_path):
    _own_rule_passes_its_examples(tmp_path, "domain_lead: 0\n", "法院依法审理民事酥松案件。", "进一步完善应激管理工作机制。")


def test_a_line_judged_once_gets_its_place_in_each_draft():
    line = "依法保障公民的权力。"
    for _ in range(2):                  # the second round answers from the run's memo of lines
        assert slips(line) == [(1, 8, "权力", "权利")]
        assert slips("前言\n\n" + line) == [(3, 8, "权力", "权利")]
