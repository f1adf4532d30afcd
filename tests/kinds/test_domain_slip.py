"""The domain_slip kind (rule misspelled-domain-terms-by-reading): stretches that read like a domain
word of 3+ characters and are written otherwise, and the names and words it must leave alone; the
lexicon it reads (kinds/_lib/domain.py, built by scripts/build_domain_data.py)."""
import filecmp
import os
import subprocess
import sys

import pytest

from helpers import ROOT
from reportlint import lint_text
from reportlint.kinds._lib import data
from reportlint.kinds._lib.domain import lexicon

RULE = "misspelled-domain-terms-by-reading"
ECSPELL = ROOT.parent / "shared" / "ecspell"


def slips(text, **kw):
    return [(f.line, f.column, text.split("\n")[f.line - 1][f.column - 1:f.end_column - 1], f.suggestion)
            for f in lint_text(text, select=[RULE], **kw)]


def test_several_characters_typed_by_sound():
    assert slips("人民法院依法作出促权判觉。") == [(1, 9, "促权判觉", "除权判决")]
    assert slips("经全国人大肠胃会审议通过。") == [(1, 2, "全国人大肠胃会", "全国人大常委会")]


def test_one_finding_for_the_longest_word_read_there():
    assert slips("加快建设社会主义发质国家。") == [(1, 5, "社会主义发质国家", "社会主义法治国家")]


def test_message_severity_and_no_fix():
    (f,) = lint_text("人民法院依法作出促权判觉。", select=[RULE])
    assert f.message == "疑似输入法错字：“促权判觉”与领域词语“除权判决”读音相同或相近，应为“除权判决”"
    assert str(f.severity) == "warning" and f.category == "typo" and f.fix is None


def test_right_forms_and_words_of_their_own_give_nothing():
    assert slips("人民法院依法作出除权判决，经全国人大常委会审议通过。") == []
    assert slips("全年主动公开我区各级单位政府信息。") == []          # 各级|单位, not 各级党委
    assert slips("党政主要领导任双组长。") == []                      # 领导 + 任: an end character only
    assert slips("人民检察院第四检察部联合开展检查。") == []          # 检察 written so in the line


def test_a_domain_word_changed_inside_needs_a_larger_gain():
    assert slips("债券人会议依法召开。") == [(1, 1, "债券人会议", "债权人会议")]   # the longest: a compound


def test_the_word_written_elsewhere_in_the_draft_lowers_the_margin():
    assert slips("联系会议成员需要调整的，由所在单位提出。") == []          # 联系|会议: words, gain < min_gain_words
    assert slips("联系会议成员需要调整的，由联席会议确定。") == [(1, 1, "联系会议", "联席会议")]
    assert slips("联系会议成员需要调整的。\n联席会议每年召开一次。") == [(1, 1, "联系会议", "联席会议")]


def test_names_titles_and_what_the_draft_repeats_are_left_alone():
    assert slips("庠镇人民政府召开专题会议。") == []                   # a town
    assert slips("《全国人大肠胃会调研报告》已印发。") == []
    assert slips("促权判觉工作室成立。促权判觉工作室共有成员5人。") == []


def test_two_character_words_only_beside_a_word_they_go_with():
    assert slips("不得亲犯公民合法权益。") == [(1, 3, "亲犯公民", "侵犯公民")]      # compound 侵犯 + 公民
    assert slips("依法保护公民合法权益，不得侵犯公民隐私。") == []
    lex = lexicon()
    assert "侵犯公民" in lex.words(lex.reading("侵犯公民")) and not lex.is_word("侵犯公民")


def test_overlapping_stretches_give_one_finding():
    assert slips("依法惩处违法犯醉行为。") == [(1, 5, "违法犯醉", "违法犯罪")]       # not also 犯醉行为


def test_a_whole_title_read_as_a_law_title_is_no_name():
    assert slips("依照《行政服役法》办理。") == [(1, 4, "行政服役法", "行政复议法")]
    assert slips("依照《中华人民共和国行政服役法》办理。") == [(1, 11, "行政服役法", "行政复议法")]
    assert slips("依照《行政服役法实施条例》办理。") == []            # part of a title: a name of its own


def test_pairs_left_to_other_rules():
    assert slips("统筹平安法治办、派出所、司法所等力量。") == []      # 法治/法制: judged by context elsewhere


def test_the_lexicon_reads_by_fuzzy_pinyin():
    lex = lexicon()
    assert lex.is_word("全国人大常委会") and not lex.is_word("全国人大肠胃会")
    assert lex.is_word("单位") and lex.words(lex.reading("单位")) == []      # two characters: never alone
    assert lex.reading("常委") == lex.reading("肠胃")
    assert lex.reading("政治") == lex.reading("整治") == lex.reading("增资")      # zh/z, -ng/-n
    assert [(s, e) for s, e, _ in lex.near("配合人民检擦院开展")] == [(2, 7), (4, 7)]   # 人民检察院, 检察院
    assert lex.near("配合人民检察院开展") == []
    assert lex.near("") == lex.near("法") == []


def test_a_lone_surrogate_is_no_error():
    assert slips("经全国人大\udcff肠胃会审议通过。") == []
    assert all(0 <= s < e <= 11 for s, e, _ in lexicon().near("经全国人大\udcff肠胃会审议"))
    # a character beyond the BMP (4 bytes in UTF-16) leaves the places of the others as they are
    assert [(s, e) for s, e, _ in lexicon().near("𠀀配合人民检擦院")] == [(3, 8), (5, 8)]


def test_walking_from_the_heads_finds_every_stretch_that_is_a_reading():
    from reportlint.kinds._lib.domain import BUILD_AFTER, HEAD, Lexicon
    lex = Lexicon()
    heads = frozenset(lex._heads_file.read_text(encoding="utf-8").split())
    assert heads == {r[:HEAD] for r in lex.readings} and all(len(r) >= HEAD for r in lex.readings)
    longest = max(map(len, lex.readings))
    texts = ["配合人民检擦院开展", "经全国人大\udcff肠胃会审议", "𠀀配合人民检擦院", "依法亲犯公民合法权益", "",
             "区人民法院二审人民法院依法审理行政服役案件，全国人大常委会"]

    def every_reading(text):
        reading = lex.reading("".join("?" if 0xD800 <= ord(c) < 0xE000 or ord(c) > 0xFFFF else c for c in text))
        return sorted((s, e, reading[s:e]) for s in range(len(reading))
                      for e in range(s + 1, min(len(reading), s + longest) + 1) if reading[s:e] in lex.readings)
    for text in texts:                  # the readings' trie answers which codes begin a reading
        assert sorted(lex._matches(lex.reading(text))) == every_reading(text)
    assert lex._heads.built is None
    lex._heads.read = BUILD_AFTER       # ... and, once a run has read that much, the set of heads
    for text in texts:
        assert sorted(lex._matches(lex.reading(text))) == every_reading(text)
    assert lex._heads.built is not None and lex._heads.built.__self__ == heads


def test_the_rule_does_not_open_the_models_when_nothing_reads_like_a_domain_word():
    code = ("import sys; from reportlint import lint_text;"
            f"lint_text('abc 123', select=['{RULE}']);"
            "import reportlint.kinds._lib.lm as lm; from reportlint.kinds._lib import spelling;"
            "print(lm._MODEL is None, spelling.model.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "0"]


@pytest.mark.skipif(not os.environ.get("REPORTLINT_REBUILD_DATA") or not ECSPELL.exists(),
                    reason="~5 s: set REPORTLINT_REBUILD_DATA=1 (needs ../shared/ecspell)")
def test_the_shipped_lexicon_is_what_the_script_builds(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_domain_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    shipped = sorted(p.name for p in (data.DIR / "domain").iterdir() if p.is_file())
    assert shipped == sorted(p.name for p in tmp_path.iterdir())
    for name in shipped:
        assert filecmp.cmp(tmp_path / name, data.DIR / "domain" / name, shallow=False), name


def test_a_verdict_kept_for_a_line_is_the_one_that_line_gets_in_another_draft():
    # the same line, with and without the domain word written elsewhere in the draft, then again
    line = "联系会议成员需要调整的，按程序办理。"
    for _ in range(2):
        assert slips(line) == []
        assert slips(line + "\n联席会议每年召开一次。") == [(1, 1, "联系会议", "联席会议")]
        assert slips("配合人民检擦院开展工作") == [(1, 3, "人民检擦院", "人民检察院")]
        assert slips("配合人民检擦院开展工作\n") == [(1, 3, "人民检擦院", "人民检察院")]


def test_the_reading_table_gives_a_code_to_each_han_character_and_leaves_the_rest():
    """codes.table is str.translate's table as one string: position i holds chr(i)'s code, or
    chr(i) itself; read as bytes, so that its line-end characters stay what they are."""
    table = lexicon().table
    coded = [chr(i) for i, c in enumerate(table) if c != chr(i)]
    assert len(coded) > 20_000
    assert all("\u3400" <= c <= "\u9fff" for c in coded)                      # Han characters only
    assert all("\ue000" <= table[ord(c)] <= "\uf8ff" for c in coded)         # each to one code
    assert table[ord("\r")] == "\r" and table[ord("\n")] == "\n"
    text = "\r\n\t abc，法治政府\U00020000" + chr(len(table) + 5)
    read = lexicon().reading(text)
    assert len(read) == len(text) and read[:8] == text[:8] and read[-2:] == text[-2:]
    assert all("\ue000" <= c <= "\uf8ff" for c in read[8:12])
