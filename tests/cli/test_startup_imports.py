"""What a one-report run imports: no dataclasses, and rapidfuzz only for a draft that repeats itself."""
from pathlib import Path

from helpers.startup import imported_after_a_run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_rapidfuzz_is_imported_only_for_a_draft_with_a_repeat(tmp_path):
    """Its import and libraries cost ~7 ms of a one-report run: the duplicate and repeated-
    heading rules first settle by character counts that no two passages or headings are alike
    (kinds/_lib/fingerprint.none_alike, repeated_heading._alike), rapidfuzz decides the rest."""
    assert not imported_after_a_run(EXAMPLES / "clean-draft.txt", tmp_path, "rapidfuzz")["rapidfuzz"]
    assert not imported_after_a_run(EXAMPLES / "gio-good-draft.txt", tmp_path, "rapidfuzz")["rapidfuzz"]
    assert imported_after_a_run(EXAMPLES / "bad-draft.txt", tmp_path, "rapidfuzz")["rapidfuzz"]   # it repeats a paragraph


def test_a_one_report_run_creates_no_dataclass(tmp_path):
    """Every @dataclass costs 0.3-1.6 ms at import: the types a run meets are plain classes
    (CONTRIBUTING). The second run reads the rules from the cache the first one wrote."""
    imported_after_a_run(EXAMPLES / "bad-draft.txt", tmp_path)
    assert imported_after_a_run(EXAMPLES / "bad-draft.txt", tmp_path, "dataclasses") == {"dataclasses": False}
