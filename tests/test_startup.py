"""Start-up shortcuts give what the forms they stand in for give."""
from __future__ import annotations

import gc
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.kinds._lib import data

from reportlint.kinds._lib import fingerprint
from reportlint.kinds._lib.fingerprint import GRAM, SHORT

# anchors and non-anchors among Han characters, digits, Latin letters and others
CHARS = st.sampled_from("法治政府建设依法行政镇乡街道县区年度工作报告一二三四五六七八九十0123456789abcxyzÅé")


def _compiled_grams(norm: str) -> set[str]:
    """The anchor n-grams as the compiled class finds them (the shipped characters, verbatim)."""
    chars = data.read_text("anchors.txt").rstrip("\n")
    return set(re.findall(f"(?=([{chars}].{{{GRAM - 1}}}))", norm, re.S))


@settings(max_examples=200, deadline=None)
@given(st.lists(CHARS, min_size=SHORT + 1, max_size=120).map("".join))
def test_anchor_ngrams_by_set_lookup_and_by_compiled_class_agree(norm):
    expected = _compiled_grams(norm)
    saved = fingerprint._scanned
    try:
        fingerprint._scanned = 0                                  # the set look-up
        assert fingerprint.grams(norm) == expected
        fingerprint._scanned = fingerprint.COMPILE_AFTER          # the compiled class
        assert fingerprint.grams(norm) == expected
    finally:
        fingerprint._scanned = saved


def test_compiled_anchor_class_is_the_shipped_characters():
    chars = data.read_text("anchors.txt").rstrip("\n")
    assert fingerprint._anchor_grams().pattern == f"(?=([{chars}].{{{GRAM - 1}}}))"


def test_cli_raises_only_a_lower_young_generation_threshold(monkeypatch):
    from reportlint import cli

    saved = gc.get_threshold()
    try:
        for start, expected in (((700, 10, 10), (cli.GC_GEN0, 10, 10)),
                                ((0, 10, 10), (0, 10, 10)),            # collection switched off
                                ((10 ** 6, 5, 5), (10 ** 6, 5, 5))):
            gc.set_threshold(*start)
            monkeypatch.setattr(cli.cli, "main", lambda **kw: None)
            cli.main([])
            assert gc.get_threshold() == expected
    finally:
        gc.set_threshold(*saved)


def test_unpickled_rule_reads_its_examples_and_marks_when_first_asked():
    import pickle

    from reportlint.rulepacks.loader import builtin_packs, load_packs

    rules = load_packs(list(builtin_packs())).rules
    again = pickle.loads(pickle.dumps(rules))
    for old, new in zip(rules, again):
        assert "examples" not in new.__dict__ and "marks" not in new.__dict__
        assert new.marks == old.marks and new.examples == old.examples
        assert "_lazy" not in new.__dict__
        assert (new.id, new.message, new.kind) == (old.id, old.message, old.kind)
    assert not hasattr(again[0], "no_such_attribute")
