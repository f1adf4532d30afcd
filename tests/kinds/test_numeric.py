"""The numeric pack: the seeds the issue names, the corpus, and properties of the rate and total checks.

Its rules' own examples run with every other rule's in tests/packs/test_rule_examples.py."""
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.model.document import Document
from reportlint.rulepacks.loader import load_packs
from reportlint.rulepacks.run import lint_document, run_rule

RULES = load_packs(["numeric"]).rules


def _lint(path):
    text = path.read_text(encoding="utf-8")
    findings, failures = lint_document(Document(text, str(path)), RULES)
    assert not failures
    return findings


def test_seed_003_single_decision_with_jun(corpus):
    (seed,) = (corpus / "seeds").glob("003_*.txt")
    found = [(f.line, f.rule) for f in _lint(seed)]
    assert (14, "quantifier-over-single-item") in found


def test_seed_004_consistent_rate_is_quiet(corpus):
    (seed,) = (corpus / "seeds").glob("004_*.txt")
    assert not [f for f in _lint(seed) if f.line == 31]


def test_cn2an_stays_unimported_on_a_plain_report(corpus):
    """Reports rarely need cn2an: a run over one must not import it (about 0.1 s)."""
    (seed,) = (corpus / "seeds").glob("003_*.txt")
    code = ("import sys; from pathlib import Path; from reportlint.model.document import Document;"
            "from reportlint.rulepacks.loader import load_packs; from reportlint.rulepacks.run import lint_document, run_rule;"
            f"d = Document(Path({str(seed)!r}).read_text(encoding='utf-8'));"
            "lint_document(d, load_packs(['numeric']).rules); print('cn2an' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_corpus_findings_are_the_known_ones(corpus):
    """Precision guard: every numeric finding on the corpus was read and judged true."""
    found = set()
    for path in sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "real").glob("*.txt")):
        for f in _lint(path):
            found.add((path.name[:3], f.line, f.rule))
    assert found == {
        ("003", 14, "quantifier-over-single-item"),       # 共作出重大行政决策1项，均…
        ("005", 5, "chinese-numeral-in-statistics"),      # 覆盖群众两万余人次 (GB/T 15835: 2万余人次)
        ("000", 19, "year-to-date-wording"),              # 今年以来 in an annual report
        ("000", 31, "year-to-date-wording"),
        ("045", 3, "year-to-date-wording"),
        ("071", 5, "year-to-date-wording"),
        ("009", 5, "approximate-single-digit"),           # 4余次
        ("021", 5, "self-cited-annual-report"),           # the 2024 report cites 《…2024年度…情况报告》
        ("007", 4, "same-year-plan-as-news"),             # 制定2024年…工作计划 in the 2024 report (info)
    }


def _rule(rule_id):
    return next(r for r in RULES if r.id == rule_id)


def _findings(rule_id, text):
    return run_rule(_rule(rule_id), Document(text))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 2000), st.data())
def test_rate_rounded_or_truncated_passes_and_off_by_two_fails(den, data):
    num = data.draw(st.integers(0, den))
    exact = num * 100 / den
    for stated in {round(exact), int(exact), round(exact, 1)}:
        text = f"全年排查矛盾纠纷{den}起，化解{num}起，化解率{stated:g}%。"
        assert not _findings("rate-count-mismatch", text), text
    wrong = round(exact) + 2 if exact <= 98 else round(exact) - 2
    text = f"全年排查矛盾纠纷{den}起，化解{num}起，化解率{wrong}%。"
    assert _findings("rate-count-mismatch", text), text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 500), min_size=2, max_size=6), st.integers(0, 50))
def test_parts_exceeding_the_total_and_only_those(parts, slack):
    listed = "、".join(f"第{i + 1}类{p}件" for i, p in enumerate(parts))
    ok = f"共受理案件{sum(parts) + slack}件，其中{listed}。"
    assert not _findings("total-parts-exceed", ok), ok
    bad = f"共受理案件{sum(parts) - 1}件，其中{listed}。"
    assert _findings("total-parts-exceed", bad), bad
