"""The second genre end to end: a 政府信息公开工作年度报告 laid out as the template's Word tables
(merged header and label cells), its identities checked and findings placed at the cell; and the
shared GIO reports (../shared/gio, skipped when absent): every document inconsistency in GOLD.tsv
found in both the .txt and the .docx, nothing from the table rules where the identities hold."""
import csv
from pathlib import Path

import pytest

from helpers import ROOT
from reportlint import lint_paths

docx = pytest.importorskip("docx")

GIO = ROOT.parent / "shared" / "gio"
TABLE_RULES = {"table-sum-mismatch", "blank-table-cell", "table-label-mismatch", "unrecognised-table",
               "text-table-mismatch"}


def word_report(path: Path, review_total: str) -> None:
    """表四 as the template prints it: two header rows of merged cells over one row of 15 figures,
    and a 表三 fragment whose labels are merged down the first columns."""
    d = docx.Document()
    d.add_paragraph("青川县2023年政府信息公开工作年度报告")
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    t = d.add_table(rows=4, cols=15)
    t.cell(0, 0).merge(t.cell(1, 4)).text = "行政复议"
    t.cell(0, 5).merge(t.cell(0, 14)).text = "行政诉讼"
    t.cell(1, 5).merge(t.cell(1, 9)).text = "未经复议直接起诉"
    t.cell(1, 10).merge(t.cell(1, 14)).text = "复议后起诉"
    for group in range(3):
        for i, label in enumerate(("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")):
            t.cell(2, group * 5 + i).text = label
    figures = ["3", "1", "0", "0", review_total, "2", "0", "0", "0", "2", "0", "0", "0", "0", ""]
    for c, f in enumerate(figures):
        t.cell(3, c).text = f
    d.save(path)


def test_word_table_identity_points_at_the_cell(tmp_path):
    word_report(tmp_path / "r.docx", "5")
    found = lint_paths([str(tmp_path / "r.docx")], isolated=True,
                       select=["table-sum-mismatch", "blank-table-cell"])
    got = sorted((f.rule, f.message) for f in found)
    assert got == [
        ("blank-table-cell", "表四“复议后起诉/总计”为空，模板要求填写数字（没有的填0）"),
        ("table-sum-mismatch", "表四“行政复议/总计”填的是5，但维持3＋纠正1＋其他结果0＋尚未审结0＝4，两者不符"),
    ]
    from reportlint.files.docx import read_docx
    doc = read_docx("r.docx", (tmp_path / "r.docx").read_bytes())
    wrong = next(f for f in found if f.rule == "table-sum-mismatch")
    assert doc.where(wrong.line).endswith("（表1第4行第5列）")


def test_word_table_that_adds_up_is_clean(tmp_path):
    word_report(tmp_path / "r.docx", "4")
    found = lint_paths([str(tmp_path / "r.docx")], isolated=True, select=["table-sum-mismatch"])
    assert list(found) == []


# ---- the shared reports ---------------------------------------------------------------------
GOLD_RULES = {   # GOLD kind -> the rules that report it
    "table-I1": {"table-sum-mismatch"}, "table-I4": {"table-sum-mismatch"},
    "table-format": {"blank-table-cell", "table-sum-mismatch"},
    "text-vs-table": {"text-table-mismatch"},
    "text-internal": {"total-parts-fall-short", "enumeration-out-of-order"},
    "structure": {"gio-heading-wording", "table-label-mismatch", "missing-gio-section"},
    "cross-year": {"valid-documents-discontinuity", "carry-over-mismatch"},
}


def _rows(name):
    with open(GIO / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _previous(path: Path) -> list[str]:
    """Last year's report of the same unit, when the folder has it."""
    stem = path.stem.split("_")
    for other in sorted(path.parent.glob(f"*_{stem[1]}_{int(stem[2]) - 1}{path.suffix}")):
        return [str(other)]
    return []


@pytest.fixture(scope="module")
def findings():
    if not (GIO / "GOLD.tsv").exists():
        pytest.skip("../shared/gio is absent")
    out = {}
    for path in sorted(GIO.glob("*.txt")) + sorted(GIO.glob("*.docx")):
        out[path.name] = list(lint_paths([str(path)], isolated=True, against=_previous(path)))
    return out


def test_every_gold_inconsistency_is_found_in_text_and_word(findings):
    for row in _rows("GOLD.tsv"):
        rules = GOLD_RULES[row["kind"]]
        for name in (row["file"], row["file"].replace(".txt", ".docx")):
            got = [f for f in findings[name] if f.rule in rules]
            assert got, f"{name}: {row['kind']} {row['where']} not found"
    # the .docx says the same as the .txt (its own positions: paragraph and table cell)
    for row_file in {r["file"] for r in _rows("GOLD.tsv")}:
        rules = set().union(*GOLD_RULES.values())
        text = sorted((f.rule, f.message) for f in findings[row_file] if f.rule in rules)
        word = sorted((f.rule, f.message) for f in findings[row_file.replace(".txt", ".docx")]
                      if f.rule in rules)
        assert text == word, row_file


def test_no_table_finding_where_the_identities_hold(findings):
    for row in _rows("INDEX.tsv"):
        if "I1-I4 hold" not in row["notes"]:
            continue
        wrong = {r["file"] for r in _rows("GOLD.tsv") if r["kind"] == "text-vs-table"}
        for name in (row["file"], row["file"].replace(".txt", ".docx")):
            rules = TABLE_RULES - ({"text-table-mismatch"} if row["file"] in wrong else set())
            assert [f.message for f in findings[name] if f.rule in rules] == [], name


def test_no_gio_rule_on_the_rule_of_law_corpus(corpus):
    found = lint_paths([str(corpus)], isolated=True, select=["gio-annual-report"])
    assert [(f.path, f.rule) for f in found] == []


def test_a_table_pasted_with_spaces_is_checked(tmp_path):
    draft = tmp_path / "r.txt"
    draft.write_text("青川县2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
                     "项目        结果维持  结果纠正  其他结果  尚未审结  总计\n"
                     "行政复议    3         1         0         0         5\n", encoding="utf-8")
    [f] = lint_paths([str(draft)], isolated=True, select=["table-sum-mismatch"])
    assert (f.line, f.column) == (4, 49) and "填的是5" in f.message


def test_a_word_cell_does_not_run_on_into_the_next(tmp_path):
    d = docx.Document()
    d.add_paragraph("青川县2023年政府信息公开工作年度报告")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "三、本年度办理结果（三）不予公开2.其他法律行政法规禁止公开"
    t.cell(0, 1).text = "0"
    t.cell(1, 0).text = "三、本年度办理结果（四）无法提供1.本机关不掌握相关政府信息"
    t.cell(1, 1).text = "3"
    d.save(tmp_path / "r.docx")
    assert list(lint_paths([str(tmp_path / "r.docx")], isolated=True, select=["broken-paragraph"])) == []
