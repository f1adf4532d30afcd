"""model/re_code: the stdlib `re` patterns the wheel ships as engine code (hatch_build.py writes
the table): rebuilt without compiling, they answer as the compiled pattern on every text; a
table made by another Python, a broken entry or no table at all compiles from the source."""
from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import reportlint
from reportlint.model import re_code

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
TEXTS = ["一、总体情况\n2023年，我县（二）推进法治政府建设。\r\n", "", "\ud800孤立代理项", "ABC abc 123 ①②",
         *(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))[:4])]


@pytest.fixture(scope="module")
def table() -> bytes:
    """As the wheel's build makes it (hatch_build.py): every module imported, then what was asked."""
    for info in pkgutil.walk_packages(reportlint.__path__, "reportlint."):
        if not info.name.endswith("__main__"):
            try:
                importlib.import_module(info.name)
            except ImportError:
                pass
    return re_code.ship(re_code.asked())


def rows(table: bytes) -> list[tuple[str, int]]:
    """(pattern, flags) of a table's entries."""
    return [tuple(json.loads(line.split("\t", 1)[0])) for line in table.decode("ascii").splitlines()[1:]]


@pytest.fixture
def shipped(table):
    re_code.use(table)
    yield rows(table)
    re_code.use(None)


def answers(rx, text: str):
    return ([m.span() for m in rx.finditer(text)], [m.groups() for m in rx.finditer(text)],
            rx.sub("X", text), rx.split(text)[:50])


def test_every_pattern_of_the_package_is_shipped_and_rebuilt_without_compiling(shipped, monkeypatch):
    assert len(shipped) >= 60                 # the modules' and kinds' patterns (73 when written)
    from re import _compiler  # type: ignore[attr-defined]

    def no_compiling(*a, **k):
        raise AssertionError("compiled from the source")
    monkeypatch.setattr(_compiler, "compile", no_compiling)
    rebuilt = [(p, f, re_code.compile(p, f)) for p, f in shipped]
    monkeypatch.undo()
    for pattern, flags, rx in rebuilt:
        plain = re.compile(pattern, flags)
        assert rx is not plain
        assert (rx.pattern, rx.flags, rx.groups, rx.groupindex) == \
               (plain.pattern, plain.flags, plain.groups, plain.groupindex)
        for text in TEXTS:
            assert answers(rx, text) == answers(plain, text), pattern


def test_the_compiled_form_is_cached_per_pattern(shipped):
    pattern, flags = shipped[0]
    assert re_code.compile(pattern, flags) is re_code.compile(pattern, flags)


def test_a_table_of_another_python_is_not_used(table):
    stamp, rest = table.split(b"\n", 1)
    other = json.dumps(["3.0.0 (another build)", *json.loads(stamp)[1:]]).encode()
    re_code.use(other + b"\n" + rest)
    try:
        pattern, flags = rows(table)[0]
        assert re_code.compile(pattern, flags) is re.compile(pattern, flags)
    finally:
        re_code.use(None)


def test_a_broken_entry_compiles_from_the_source(table):
    stamp = table.split(b"\n", 1)[0].decode()
    pattern, flags = rows(table)[0]
    broken = [f"{stamp}", f"{json.dumps([pattern, flags], separators=(',', ':'))}\t[0,[1,2,3],0,[],[null]]",
              f"{json.dumps([r'(a)(b', 0], separators=(',', ':'))}\t[0,[],0,[],[]]"]
    re_code.use("\n".join(broken).encode())
    try:
        assert len(re_code._table or {}) == 2
        assert re_code.compile(pattern, flags) is re.compile(pattern, flags)
        with pytest.raises(re.error):
            re_code.compile(r"(a)(b")               # not a pattern: re's own error, as before
        re_code.use(table[:-5] + b"\nnot a line of the table\n\xff")     # garbled: no table at all
        assert re_code._table == {}
    finally:
        re_code.use(None)


def test_without_a_table_patterns_compile_as_before(monkeypatch, tmp_path):
    monkeypatch.setattr(re_code, "FILE", tmp_path / "missing.json")
    re_code.use(None)
    assert re_code.shipped() == 0
    try:
        assert re_code.compile(r"第[一二三]条", re.M) is re.compile(r"第[一二三]条", re.M)
    finally:
        re_code.use(None)


def test_bytes_and_debug_patterns_are_not_kept(shipped):
    assert re_code.compile(b"a+", 0).findall(b"caab") == [b"aa"]     # type: ignore[arg-type]
    assert re_code.form(b"ab", 0) is None      # type: ignore[arg-type]
    assert re_code.form("ab", re.DEBUG) is None
    assert re_code.form("(?P<n>a)b", re.I) is not None


def test_the_package_compiles_its_re_patterns_through_re_code():
    """A module that called re.compile itself would compile on every run (bytes patterns aside)."""
    package = Path(re_code.__file__).resolve().parents[1]
    direct = re.compile(r"(?<![\w.])re\.compile\(\s*(?!b[\"'])")
    found = [f"{p.relative_to(package)}:{n}" for p in sorted(package.rglob("*.py")) if p.name != "re_code.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if direct.search(line) and not line.lstrip().startswith(('"', "#"))]
    assert found == []
