"""All built-in rules over ../shared/corpus: no crash, every span inside its file, seeds recall."""
import json
import subprocess
import sys

from reportlint.engine.linter import Linter


def test_corpus_findings_lie_inside_their_files(corpus):
    paths = sorted(str(p) for p in corpus.rglob("*.txt"))
    result = Linter(isolated=True).run(paths, keep_documents=True)
    assert not result.errors and not result.failures, (result.errors, result.failures)
    assert result.files == len(paths) >= 5
    for f in result.findings:
        doc = result.documents[f.path]
        assert 1 <= f.line <= len(doc.lines) and 1 <= f.end_line <= len(doc.lines)
        assert 1 <= f.column <= len(doc.lines[f.line - 1]) + 1
        assert 1 <= f.end_column <= len(doc.lines[f.end_line - 1]) + 1
        assert (f.line, f.column) <= (f.end_line, f.end_column)
        assert f.message and f.category and f.rule


def test_seed_typos_from_the_mission_are_found(corpus):
    seeds = corpus / "seeds"
    out = subprocess.run([sys.executable, "-m", "reportlint.cli", "--format", "json", "--exit-zero",
                          "--isolated", *sorted(map(str, seeds.glob("*.txt")))],
                         capture_output=True, text=True, check=True).stdout
    found = {(f["path"].rsplit("/", 1)[1][:3], f["line"], f["category"]) for f in json.loads(out)["findings"]}
    assert ("000", 25, "typo") in found
    assert ("001", 10, "typo") in found
    assert ("000", 27, "typo") not in found      # 法制审核 is right there
