"""model/plain: the start-up types without @dataclass (that a run imports none:
tests/cli/test_startup_imports.py)."""

from reportlint.model.document import Span
from reportlint.model.errors import InputError, RuleFileError
from reportlint.model.finding import Finding, Severity


def test_fields_give_equality_by_value_and_type_and_a_readable_repr():
    assert Span(0, 2, "法治") == Span(0, 2, "法治")
    assert Span(0, 2, "法治") != Span(0, 2, "法制")
    assert InputError("a.txt", "空文件") == InputError("a.txt", "空文件")
    assert InputError("a.txt", "空文件") != RuleFileError("a.txt", 1, 1, "空文件")
    assert repr(Span(0, 2, "法治")) == "Span(start=0, end=2, text='法治')"


def test_errors_keep_their_fields_through_pickling_and_str():
    import pickle
    err = pickle.loads(pickle.dumps(RuleFileError("p.yaml", 3, 5, "unknown key")))
    assert (err.path, err.line, err.column, err.message) == ("p.yaml", 3, 5, "unknown key")
    assert str(err) == "p.yaml:3:5: unknown key"
    assert str(pickle.loads(pickle.dumps(InputError("a.txt", "空文件")))) == "a.txt: 空文件"


def test_a_finding_is_an_immutable_value_with_a_changed_copy():
    f = Finding("a.txt", 1, 2, 1, 4, "r", "typo", Severity.ERROR, "m", fix="x", start=1, end=3)
    g = f._replace(fix=None, message="m（未修复）")
    assert (f.fix, g.fix, g.message, g.start) == ("x", None, "m（未修复）", 1)
    assert f.sort_key == ("a.txt", 1, 2, "r", 3)
