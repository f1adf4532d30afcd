"""The punctuation pack: seed findings, corpus sanity, and the --fix round trip."""
import json
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reportlint.engine.fixing import MAX_PASSES, apply_fixes
from reportlint.model.document import Document
from reportlint.rulepacks.loader import load_packs
from reportlint.rulepacks.run import lint_document

RULES = load_packs(["punctuation"]).rules
OURS = {"punctuation", "spacing"}


def lint(text: str, path: str = "draft.txt"):
    findings, failures = lint_document(Document(text, path), RULES)
    assert not failures
    return findings


def fix(text: str, passes: int = MAX_PASSES) -> str:
    for _ in range(passes):
        new, applied = apply_fixes(text, lint(text))
        if not applied:
            return text
        text = new
    raise AssertionError("fixes did not converge")


# ---- seeds ---------------------------------------------------------------------------
def _seed(corpus, prefix):
    return next((corpus / "seeds").glob(prefix + "_*.txt"))


def _seed_findings(corpus, prefix):
    path = _seed(corpus, prefix)
    return lint(path.read_text(encoding="utf-8"), str(path))


def test_seed_002_halfwidth_reported_once_from_line_15(corpus):
    found = [f for f in _seed_findings(corpus, "002") if f.rule == "halfwidth-punctuation"]
    assert [f.line for f in found] == [15]
    assert "全文有" in found[0].message and found[0].fix


def test_seed_002_unpaired_quote(corpus):
    found = [(f.line, f.column) for f in _seed_findings(corpus, "002") if f.rule == "unpaired-marks"]
    assert found == [(21, 211)]      # 邻长制”


def test_seed_004_spacing_in_title(corpus):
    lines = {f.line for f in _seed_findings(corpus, "004") if f.category == "spacing"}
    assert 5 in lines


def test_seed_001_is_clean(corpus):
    assert [f for f in _seed_findings(corpus, "001") if f.category in OURS] == []


def test_seeds_fixed_leave_nothing_fixable(corpus):
    for path in sorted((corpus / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        fixed = fix(text)
        assert not [f for f in lint(fixed) if f.fix is not None], path.name
        assert _skeleton(fixed) == _skeleton(text)


def test_real_corpus_not_absurd(corpus):
    """ASCII-normalised pages: a systematic habit is one finding per file, not hundreds."""
    for path in sorted((corpus / "real").glob("*.txt")):
        found = lint(path.read_text(encoding="utf-8"), str(path))
        assert sum(f.rule == "halfwidth-punctuation" for f in found) <= 1, path.name
        assert len(found) <= 15, (path.name, [(f.line, f.rule) for f in found])


# ---- fix round trip ------------------------------------------------------------------
def _skeleton(text: str) -> str:
    """Letters, digits and Han characters in order, a doubled character or word counted once:
    what no punctuation or spacing fix may change."""
    kept, prev = "".join(re.findall(r"[\w]", text)), None
    while kept != prev:
        prev, kept = kept, re.sub(r"(.{1,4}?)\1+", r"\1", kept)
    return kept


ALPHABET = list("的法治政府建设工作作目确年月日乡镇") + list("0123456789") + list("abcXYZ") + \
    list(",,::;;??!!(()).\"") + list("，。、；：？！“”‘’《》（）〔〕【】…") + [" ", " ", "  ", "\u3000", "\n", "\n\n", "-", "—"] + \
    ["...", "。。。", "2021-2025年", "20212025年", "国发[2010]3号", "的的", "进一步进一步", "--", "》、《",
     "“4.15”"]
texts = st.lists(st.sampled_from(ALPHABET), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("(（“）“）”")      # a quote flip across an unbalanced bracket flipped back on the next pass
def test_fix_round_trip(text):
    fixed = fix(text)
    # nothing fixable is left, and fixing again changes nothing (idempotent)
    assert not [f for f in lint(fixed) if f.fix is not None]
    assert fix(fixed) == fixed
    # only punctuation and blanks changed (and doubled characters dropped)
    assert _skeleton(fixed) == _skeleton(text)
    # the line structure is untouched
    assert fixed.count("\n") == text.count("\n")


@settings(max_examples=200, deadline=None)
@given(texts)
def test_fix_changes_only_fixed_spans(text):
    findings = [f for f in lint(text) if f.fix is not None]
    new, _ = apply_fixes(text, findings)
    # rebuild from the first pass's non-overlapping fixes: every other byte is the original's
    last, out = 0, []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.start < last:
            continue
        out.append(text[last:f.start])
        out.append(f.fix)
        last = f.end
    out.append(text[last:])
    assert "".join(out) == new


def test_fix_keeps_latin_and_numbers():
    text = "全年投资1,234万元,增长3.5%,详见www.xxs.gov.cn。会议09:21开始(PDF)。"
    assert fix(text) == "全年投资1,234万元，增长3.5%，详见www.xxs.gov.cn。会议09:21开始(PDF)。"


def test_json_fix_offsets_for_summary():
    text = "\n".join(f"第{i}段,加强学习,严格执法。" for i in range(8))
    found = [f for f in lint(text) if f.rule == "halfwidth-punctuation"]
    assert len(found) == 1 and found[0].line == 1
    assert json.loads(json.dumps(found[0].to_dict()))["fix"]["replacement"].count("，") == 16


def test_clean_report_does_not_load_jieba(corpus):
    """jieba (~0.6 s) is loaded only for a candidate (a doubled character, a blank between
    two Han characters); seed 001 has none after the cheap filters."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path\n"
        "from reportlint.rulepacks.loader import load_packs\n"
        "from reportlint.model.document import Document\n"
        "from reportlint.rulepacks.run import lint_document\n"
        "from reportlint.kinds._lib import segment\n"
        "p = next(Path(sys.argv[1]).glob('001_*.txt'))\n"
        "lint_document(Document(p.read_text(encoding='utf-8'), str(p)), load_packs(['punctuation']).rules)\n"
        "print(segment.loaded())\n")
    out = subprocess.run([sys.executable, "-c", code, str(corpus / "seeds")],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_doubled_text_trap_and_hit():
    found = [(f.rule, f.line) for f in lint("实现目的的确需要努力。\n充分认识法治建设的的重要性。")]
    assert found == [("doubled-text", 2)]


def test_few_slips_are_reported_one_by_one():
    text = "一是加强学习,二是严格执法。\n三是强化监督，四是优化服务。"
    found = [f for f in lint(text) if f.rule == "halfwidth-punctuation"]
    assert [(f.line, f.column, f.fix) for f in found] == [(1, 7, "，")]


@pytest.mark.parametrize("text", ["的, ,提高", "的,,,,,", "工作 , 提高 ( 社区 ) 开展", '他说"好" .'])
def test_fix_spans_never_overlap(text):
    found = sorted((f for f in lint(text) if f.fix is not None), key=lambda f: f.start)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start, (a, b)
    assert fix(text) == fix(fix(text))


def test_word_files_get_one_fix_per_mark():
    """The .docx fixer edits runs inside one paragraph: no document-wide summary fix there."""
    text = "\n".join(f"第{i}段,加强学习,严格执法。" for i in range(8))
    found = [f for f in lint(text, "draft.docx") if f.rule == "halfwidth-punctuation"]
    assert len(found) == 16 and all(f.end - f.start == 1 for f in found)
