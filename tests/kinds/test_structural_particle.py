"""The structural_particle kind (rule misused-structural-particles): 的/地/得 mixed up, and the
right usages, nouns and titles it must leave alone."""
import subprocess
import sys

from reportlint import lint_text

RULE = "misused-structural-particles"


def slips(text):
    return [(f.line, f.column, f.suggestion) for f in lint_text(text, select=[RULE])]


def test_the_particle_the_neighbours_call_for():
    assert slips("全体干部较好的完成了全年工作任务。") == [(1, 7, "地")]
    assert slips("引导群众更好得学习法律知识。") == [(1, 7, "地")]
    assert slips("支票金额不的超过其付款能力。") == [(1, 6, "得")]


def test_message_says_what_and_nothing_is_fixed():
    (f,) = lint_text("全体干部较好的完成了全年工作任务。", select=[RULE])
    assert f.message == "疑似“的、地、得”用混：“的”应为“地”"
    assert str(f.severity) == "warning" and f.category == "typo" and f.fix is None


def test_right_usages_nouns_and_modal_de_give_nothing():
    assert slips("全体干部较好地完成了全年工作任务，取得了明显的成效。") == []
    assert slips("由犯罪地人民法院管辖，流出地、流入地党组织加强沟通。") == []
    assert slips("与本案有利害关系的，当事人得申请回避。") == []
    assert slips("目的明确，的确取得了实效，获得群众好评。") == []


def test_titles_are_left_alone():
    assert slips("印发《关于更好的完成普法任务的通知》。") == []


def test_one_finding_per_span_with_the_listed_pairs():
    found = lint_text("引导群众更好得学习法律知识。")
    assert [(f.column, f.suggestion) for f in found if f.category == "typo"] == [(7, "地")]


def test_the_model_is_not_opened_without_a_particle():
    code = ("import sys\nfrom reportlint import lint_text\n"
            f"lint_text('深入推进依法行政。', select=['{RULE}'])\n"
            "from reportlint.kinds._lib import lm\n"
            "assert lm._MODEL is None and 'marisa_trie' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)
