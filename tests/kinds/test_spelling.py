"""The spelling kind (rule misspelled-ordinary-words): slips no list names, and the names and
numbers it must leave alone."""
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from reportlint import lint_text

RULE = "misspelled-ordinary-words"


def slips(text, **kw):
    return [(f.line, f.column, text.split("\n")[f.line - 1][f.column - 1:f.end_column - 1], f.suggestion)
            for f in lint_text(text, select=[RULE], **kw)]


def test_non_words_mended_by_one_similar_character():
    assert slips("加强农村吐地承包经营权保护。") == [(1, 5, "吐地", "土地")]
    assert slips("配合人民捡察院开展公益诉讼。") == [(1, 5, "捡察院", "检察院")]


def test_of_two_mends_the_one_the_context_reads_best_with_is_suggested():
    # 指出/一般/构件 are commoner words than 支出/一定/构建; the sentence around them decides
    assert [s for *_, s in slips("本单位当年的公益性捐赠枝出已按规定列支。")] == ["支出"]
    assert [s for *_, s in slips("在一淀范围内推行告知承诺制。")] == ["一定"]
    assert [s for *_, s in slips("以构健和完善行政执法体系为目标。")] == ["构建"]


def test_message_says_what_and_why():
    (f,) = lint_text("加强农村吐地承包经营权保护。", select=[RULE])
    assert f.message == "疑似错别字（同音）：“吐地”应为“土地”"
    assert str(f.severity) == "warning" and f.category == "typo" and f.fix is None


def test_clean_official_prose_gives_nothing():
    text = ("深入学习贯彻习近平法治思想，坚持以人民为中心的发展思想，全面推进依法行政。"
            "全年共办理行政复议案件3件，行政诉讼案件5件，均依法按期办结。\n"
            "二、存在的不足和原因\n一是法治宣传教育的针对性还不够强。")
    assert slips(text) == []


def test_titles_and_short_quoted_names_are_left_alone():
    assert slips("依据《农村吐地承包法》开展检查。") == []
    assert slips("打造“吐地银行”品牌。") == []


def test_place_names_before_a_place_suffix_are_left_alone():
    assert slips("吐地镇党委书记带队开展普法宣传。") == []


def test_a_word_the_draft_writes_the_same_way_throughout_is_a_name():
    assert slips("吐地合作社成立于2020年。吐地合作社共有社员30人。") == []
    # written once and the right word elsewhere: still a slip
    assert slips("土地流转规范有序。加强农村吐地承包经营权保护。") == [(1, 14, "吐地", "土地")]


def test_a_line_judged_once_is_still_weighed_against_each_whole_draft():
    line = "吐地合作社成立于2020年。"
    for _ in range(2):                  # the second round answers from the run's memo of lines
        assert slips(line) == [(1, 1, "吐地", "土地")]
        assert slips(line + "\n吐地合作社共有社员30人。") == []       # the draft writes it so throughout
        assert slips("前言\n" + line) == [(2, 1, "吐地", "土地")]


def test_the_reports_own_unit_is_left_alone():
    assert slips("吐地乡人民政府2024年法治政府建设情况报告\n吐地乡坚持依法行政。") == []


def test_traditional_drafts_are_checked_on_the_simplified_view():
    assert slips("加強農村吐地承包經營權保護。") == [(1, 5, "吐地", "土地")]
    assert slips("加強農村土地承包經營權保護。") == []


def test_no_jieba_when_the_draft_has_no_suspect():
    code = ("from reportlint import lint_text\n"
            "lint_text('深入推进法治政府建设。', select=['misspelled-ordinary-words'])\n"
            "from reportlint.kinds._lib import segment\n"
            "print(segment.loaded())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@given(st.text(alphabet="国家法治治国家", max_size=40),
       st.sets(st.text(alphabet="国家法治", min_size=1, max_size=3), min_size=1, max_size=5))
def test_counts_in_one_pass_are_str_count(text, words):
    from reportlint.kinds._lib.names import counts
    assert counts(text, words) == {w: text.count(w) for w in words}


def test_protected_spans_are_merged_and_found_by_bisection():
    from reportlint.kinds._lib.names import overlaps as _inside
    spans = [(2, 6), (10, 12)]
    starts = [2, 10]
    assert _inside(spans, starts, 5, 7) and _inside(spans, starts, 11, 20)
    assert not _inside(spans, starts, 6, 10) and not _inside(spans, starts, 0, 2)


def test_a_suffix_character_that_begins_a_common_word_marks_no_place_name():
    from reportlint.kinds._lib.spelling import model
    from reportlint.kinds.spelling import _place_follows
    suffixes = "省市县区旗乡镇村街道社区路巷组屯寨"
    freq = model().freq
    assert not _place_follows("自治组织", 2, suffixes, freq)      # 组织
    assert not _place_follows("经济、社会", 2, suffixes, freq)    # 社会, a character later
    assert _place_follows("芹泉镇党委", 2, suffixes, freq)
    assert _place_follows("芹泉社区", 2, suffixes, freq)          # suffixes alone
    assert _place_follows("蒋村村委会", 2, suffixes, freq)        # the unit's organ
    assert _place_follows("蒋村村民", 2, suffixes, freq)
