"""kinds/_lib/table_template: the template file named by a rule is read as data, and only a
regular file is read (a pipe named as the template must not hang the run); the fuzzy label
match gives what comparing every name gives."""
import os
import signal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.kinds._lib.table_template import TemplateError, load_template


@pytest.fixture
def alarm():
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("reading the template hung"))
    signal.alarm(10)
    yield
    signal.alarm(0)


def test_a_pipe_as_template_is_an_error_not_a_hang(tmp_path, alarm):
    fifo = tmp_path / "template.yaml"
    os.mkfifo(fifo)
    with pytest.raises(TemplateError, match="regular file"):
        load_template(str(fifo))


def test_a_folder_or_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(TemplateError):
        load_template(str(tmp_path))
    with pytest.raises(TemplateError):
        load_template(str(tmp_path / "missing.yaml"))


def test_an_oversized_template_is_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (2 * 1024 * 1024))
    with pytest.raises(TemplateError, match="larger"):
        load_template(str(big))


def test_a_wellformed_template_loads(tmp_path):
    t = tmp_path / "t.yaml"
    t.write_text("tables:\n  - name: 表一\n    rows: []\n    columns: []\n", encoding="utf-8")
    assert load_template(str(t))


# ---- the fuzzy label match skips names that cannot pass (their bounds) ----------------------
LABEL_CHARS = "予以公开不部分a "     # few characters: names that share many of them


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=LABEL_CHARS, max_size=10), st.text(alphabet=LABEL_CHARS, max_size=10),
       st.sampled_from([0.0, 0.25, 1 / 3, 0.5, 0.6, 2 / 3, 0.75, 0.8, 0.9, 1.0]))
@example("予以公开", "部分公开", 0.5)        # quick_ratio 0.5: not above the floor
@example("予以公开", "予以", 2 / 3)          # real_quick_ratio 2/3
def test_a_name_is_skipped_only_when_its_ratio_cannot_pass(n, name, floor):
    from collections import Counter
    from difflib import SequenceMatcher

    from reportlint.kinds._lib.table_template import _may_pass
    m = SequenceMatcher(None, n, name)
    assert _may_pass(n, Counter(n), name, floor) == (m.real_quick_ratio() > floor and m.quick_ratio() > floor)
    if not _may_pass(n, Counter(n), name, floor):
        assert m.ratio() <= floor


def test_fuzzy_find_is_the_scan_of_every_name():
    from difflib import SequenceMatcher

    from reportlint.kinds._lib import table_template as tt
    entries = [tt.Entry(f"k{i}", label) for i, label in enumerate(
        ["申请人数量", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "信息不存在", "办理结果总计"])]

    def plain(parts):       # _find as it was: every name's ratio
        for part, cell in reversed(parts):
            n = tt.norm(part)
            if not n:
                continue
            for e in entries:
                if n in e.names:
                    return e, cell, ""
            best, score, second = None, 0.0, 0.0
            for e in entries:
                r = max(SequenceMatcher(None, n, name).ratio() for name in e.names)
                if r > score:
                    best, score, second = e, r, score
                elif r > second:
                    second = r
            if best is not None and score >= tt.FUZZY and score - second > 0.1 and len(n) >= 4:
                return best, cell, part.strip()
        return None
    for label in ["予以公开", "予已公开", "部份公开", "不予公幵", "无法提共", "其它处理", "信息不存", "办理结果合计", "申请人数",
                  "公开", "abc", "", "不予处里", "予以", "部分公开（含）"]:
        parts = [(label, None)]
        assert tt._find(parts, entries) == plain(parts), label
