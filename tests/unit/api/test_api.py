"""The Python API returns Finding objects and prints nothing."""
from reportlint import Finding, lint_paths, lint_text


def test_lint_text_returns_findings(capsys):
    found = lint_text("杜绝个人意志专武独断。", select=["misused-idioms"])
    assert [type(f) for f in found] == [Finding]
    f = found[0]
    assert (f.line, f.column, f.rule, f.category, f.suggestion) == (1, 7, "misused-idioms", "typo", "独断专行")
    assert capsys.readouterr() == ("", "")


def test_lint_paths_collects_errors(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("杜绝个人意志专武独断。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    found = lint_paths([tmp_path], select=["misused-idioms"], isolated=True)
    assert len(found) == 1 and len(found.errors) == 1 and found.errors[0].path.endswith("b.txt")
    assert capsys.readouterr() == ("", "")


def test_year_option_reaches_meta():
    from reportlint.engine.linter import Linter
    linter = Linter(isolated=True, year=2023, select=["misused-idioms"])
    assert linter.lint_text("无标题的正文。") == []


def test_lint_text_carries_the_rules_that_failed(monkeypatch):
    """A rule that cannot finish is not dropped silently: it is in `.errors`, the others still report."""
    from reportlint import lint_text
    from reportlint.kinds import one_edit
    assert lint_text("杜绝个人意志专武独断。", select=["terms"]).errors == []

    def broken(rule, state, doc):
        raise ValueError("boom")
        yield
    monkeypatch.setattr(one_edit, "check", broken)
    found = lint_text("杜绝个人意志专武独断。", select=["terms"])
    assert [f.rule for f in found] == ["misused-idioms"]
    assert [e.rule.id for e in found.errors] == ["mangled-set-phrases", "reworded-set-formulations"]
    assert "ValueError: boom" in str(found.errors[0])
