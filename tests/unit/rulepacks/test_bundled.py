"""The built-in packs shipped loaded in the wheel (rulepacks/bundled.py, written by hatch_build.py):
while every file they were built from has the same bytes, a run gets the same rules without
reading YAML (even with REPORTLINT_NO_CACHE); an edited or added rule file, a changed module or
a pack that is not built-in makes it load from YAML instead."""
from __future__ import annotations

import json
import shutil

import pytest

from reportlint.model.document import Document
from reportlint.rulepacks import bundled, cache, loader, yamlmarks
from reportlint.rulepacks.loader import builtin_root, load_packs
from reportlint.rulepacks.run import lint_document

PACKAGE = bundled._package()


@pytest.fixture(scope="module")
def entry() -> bytes:
    return loader.ship_builtins(builtin_root(), PACKAGE)


@pytest.fixture
def shipped(tmp_path, monkeypatch, entry):
    """A copy of the built-in packs with the entry beside them, as in an installed wheel."""
    root = tmp_path / "rules"
    shutil.copytree(builtin_root(), root)
    (root / bundled.FILE).write_bytes(entry)
    monkeypatch.setattr(loader, "builtin_root", lambda: root)
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")        # package data, not a cache
    from reportlint.kinds import patterns
    monkeypatch.setattr(patterns, "_shipped", {})          # what this entry ships, for this test only
    return root


def reads_yaml(monkeypatch) -> list:
    calls: list = []
    plain = yamlmarks.parse_yaml

    def counted(*a, **k):
        calls.append(a[1] if len(a) > 1 else None)
        return plain(*a, **k)
    monkeypatch.setattr(yamlmarks, "parse_yaml", counted)
    return calls


def same_rules(a, b) -> None:
    assert [r.id for r in a] == [r.id for r in b]
    for x, y in zip(a, b):
        assert (x.path, x.pack, x.kind, x.severity, x.scope, x.message, x.enabled, x.genres) == \
               (y.path, y.pack, y.kind, y.severity, y.scope, y.message, y.enabled, y.genres)
        assert cache._same(x.options, y.options)
        assert x.examples == y.examples and x.marks == y.marks


def test_the_shipped_entry_gives_the_same_rules_without_yaml(shipped, monkeypatch):
    names = list(loader.builtin_packs())
    calls = reads_yaml(monkeypatch)
    got = load_packs(names)
    assert calls == []
    assert got.rules[0].path.startswith(str(shipped))
    fresh = loader._load_resolved([(n, shipped / n, n) for n in names], loader.builtin_packs())
    same_rules(got.rules, fresh.rules)
    text = "杜绝个人意志专武独断，截止目前已完成。\n"
    found = [[(f.rule, f.line, f.column, f.message) for f in lint_document(Document(text), rules)[0]]
             for rules in (got.rules, fresh.rules)]
    assert found[0] == found[1] and found[0]


def test_a_subset_in_any_order(shipped, monkeypatch):
    names = list(loader.builtin_packs())[::-1][:2]
    calls = reads_yaml(monkeypatch)
    got = load_packs(names)
    assert calls == [] and {r.pack for r in got.rules} == set(names)
    assert [r.pack for r in got.rules] == sorted((r.pack for r in got.rules), key=names.index)


def test_an_edited_rule_file_is_read_from_yaml(shipped, monkeypatch):
    name = next(iter(loader.builtin_packs()))
    rule_file = sorted((shipped / name).glob("*.yaml"))[0]
    rule_file.write_bytes(rule_file.read_bytes() + b"\n# edited\n")
    calls = reads_yaml(monkeypatch)
    load_packs([name])
    assert calls


def test_a_file_added_to_a_pack_is_read_from_yaml(shipped, monkeypatch):
    name = next(iter(loader.builtin_packs()))
    src = sorted((shipped / name).glob("*.yaml"))[0]
    (shipped / name / "zz-copy.yaml").write_text(
        src.read_text(encoding="utf-8").replace(f"id: {src.stem}", "id: zz-copy"), encoding="utf-8")
    calls = reads_yaml(monkeypatch)
    got = load_packs([name])
    assert calls and "zz-copy" in {r.id for r in got.rules}


def test_changed_code_or_version_is_a_miss(shipped, monkeypatch, entry):
    head, lazy = entry.split(b"\n")
    data = json.loads(head)
    some = next(iter(data["code"]))
    data["code"][some] = "0" * 32
    (shipped / bundled.FILE).write_bytes(json.dumps(data).encode() + b"\n" + lazy)
    calls = reads_yaml(monkeypatch)
    load_packs([next(iter(loader.builtin_packs()))])
    assert calls
    data = json.loads(head)
    data["version"] = "0.0.0|0|0"
    (shipped / bundled.FILE).write_bytes(json.dumps(data).encode() + b"\n" + lazy)
    calls.clear()
    load_packs([next(iter(loader.builtin_packs()))])
    assert calls


def test_a_pack_folder_of_ones_own_is_not_served(shipped, tmp_path, monkeypatch):
    name = next(iter(loader.builtin_packs()))
    mine = tmp_path / "mine" / name
    shutil.copytree(shipped / name, mine)
    resolved = [(str(mine), mine, name)]
    assert bundled.load(resolved, loader.builtin_packs(), shipped) is None
    assert bundled.load([(name, shipped / name, name)] * 2, loader.builtin_packs(), shipped) is None
    assert bundled.load([(name, shipped / name, name)], loader.builtin_packs(), shipped)


def test_a_corrupt_entry_is_ignored(shipped, monkeypatch):
    (shipped / bundled.FILE).write_bytes(b"{not json")
    calls = reads_yaml(monkeypatch)
    assert load_packs([next(iter(loader.builtin_packs()))]).rules
    assert calls


def test_matched_files_are_checked_by_their_stamps_until_one_changes(shipped, monkeypatch, tmp_path):
    import os
    monkeypatch.delenv("REPORTLINT_NO_CACHE")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    name = next(iter(loader.builtin_packs()))
    one = [(name, shipped / name, name)]
    assert bundled.load(one, loader.builtin_packs(), shipped)           # hashed, stamps kept
    assert list((tmp_path / "cache").glob("bundled-*.json"))
    with monkeypatch.context() as m:
        m.setattr(bundled, "_digest", lambda p: pytest.fail("hashed although nothing changed"))
        assert bundled.load(one, loader.builtin_packs(), shipped)
    (shipped / name / "notes.txt").write_text("x", encoding="utf-8")      # a file added: a miss
    assert bundled.load(one, loader.builtin_packs(), shipped) is None
    (shipped / name / "notes.txt").unlink()
    assert bundled.load(one, loader.builtin_packs(), shipped)
    # an edit that keeps the size and the mtime (as a checkout may) is still seen: its ctime moves
    rule_file = sorted((shipped / name).glob("*.yaml"))[0]
    st = rule_file.stat()
    data = rule_file.read_bytes()
    assert data.endswith(b"\n")
    rule_file.write_bytes(data[:-1] + b" ")
    os.utime(rule_file, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert rule_file.stat().st_size == st.st_size and rule_file.stat().st_mtime_ns == st.st_mtime_ns
    assert bundled.load(one, loader.builtin_packs(), shipped) is None


def _patterns(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _patterns(v)
    elif isinstance(value, list):
        for v in value:
            yield from _patterns(v)
    elif hasattr(value, "pattern") and hasattr(value, "flags"):
        yield value


def test_shipped_patterns_are_rebuilt_from_their_compiled_form(shipped, monkeypatch):
    """The wheel's rules keep each pattern compiled (kinds/regex_code): rebuilt, not
    compiled again, and the same pattern — same source, flags, groups and matches."""
    import regex

    from reportlint.kinds import regex_code
    from reportlint.rulepacks.examples import example_cases
    names = list(loader.builtin_packs())
    got = load_packs(names).rules
    fresh = loader._load_resolved([(n, shipped / n, n) for n in names], loader.builtin_packs()).rules
    pairs = [(a, b.rx) for x, y in zip(got, fresh) for a, b in zip(_patterns(x.options), _patterns(y.options))]
    assert len(pairs) > 50
    texts = [case["text"] for r in fresh for _, _, case in example_cases(r)]
    assert regex_code.rebuilt(regex_code.form(pairs[0][1])) is not None   # (its constructor looked up)

    def compiled(*args, **kwargs):
        raise AssertionError("compiled again")
    monkeypatch.setattr(regex, "compile", compiled)
    for a, want in pairs:
        assert a._code is not None
        rx = a.rx
        assert (rx.pattern, rx.flags, rx.groups, rx.groupindex) == (want.pattern, want.flags, want.groups, want.groupindex)
        for text in texts:
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in want.finditer(text)]


def test_a_compiled_form_is_used_only_from_the_wheel_and_for_its_regex_version(monkeypatch):
    """A form read from a cache folder is never run (the engine trusts its code); one made by
    another regex version is compiled from its source."""
    import regex

    from reportlint.kinds import regex_code
    from reportlint.kinds.patterns import compile_pattern
    rx = compile_pattern(r"(?P<y>(?:19|20)\d\d)年").rx
    code = regex_code.form(rx)
    data = {cache._RX: rx.pattern, "flags": rx.flags, "literals": ["年"], "code": code}
    assert cache._decode(data)._code is None
    assert cache._decode(data, shipped=True)._code == code
    assert regex_code.rebuilt({**code, "regex": "0.0"}) is None
    assert regex_code.rebuilt({"regex": regex.__version__, "args": "not a form"}) is None
    stale = cache._decode({**data, "code": {**code, "regex": "0.0"}}, shipped=True)
    assert stale.rx.search("2023年").group("y") == "2023"


def test_patterns_the_kinds_make_are_shipped_compiled_too(shipped):
    """The patterns kinds make while they run (substitution's `when`, required sections with the
    year filled in …) are shipped compiled as the rules' examples make them: with the wheel's
    entry, running every example compiles no pattern from its source, and finds the same."""
    from reportlint.kinds import patterns
    from reportlint.rulepacks.examples import run_examples
    assert len(json.loads((shipped / bundled.FILE).read_bytes().split(b"\n")[0])["patterns"]) > 20
    names = list(loader.builtin_packs())
    got = load_packs(names).rules
    with patterns.recording() as made:
        assert run_examples(got) == []
    assert made == []
    fresh = loader._load_resolved([(n, shipped / n, n) for n in names], loader.builtin_packs()).rules
    patterns._shipped.clear()                                # compiled from source again
    with patterns.recording() as made:
        assert run_examples(fresh) == []
    assert len(made) > 20


def test_examples_and_marks_are_decoded_only_when_read(shipped, monkeypatch):
    """The entry's second line (the rules' examples and marks) is not decoded to load the rules;
    read, or pickled for a -j worker, a rule has them as the YAML gives them."""
    import pickle
    names = list(loader.builtin_packs())
    got = load_packs(names).rules
    assert all(callable(r.__dict__["_lazy"]) and "examples" not in r.__dict__ for r in got)
    fresh = loader._load_resolved([(n, shipped / n, n) for n in names], loader.builtin_packs()).rules
    again = pickle.loads(pickle.dumps(got))
    same_rules(again, fresh)
    same_rules(got, fresh)


def test_the_kinds_own_patterns_are_shipped_compiled(shipped, monkeypatch):
    """A kind's own regex patterns (patterns.constant: module constants, those made from its
    options) are in the wheel's entry: with it, each is rebuilt, not compiled from its source."""
    from reportlint.kinds import patterns
    from reportlint.rulepacks.examples import run_examples
    run_examples(load_packs(list(loader.builtin_packs())).rules)    # every kind imported and run
    made = patterns.constants()
    assert len(made) >= 15
    entry = json.loads((shipped / bundled.FILE).read_bytes().split(b"\n")[0])
    shipped_keys = {(source, flags) for source, flags, _ in entry["patterns"]}
    assert {(source, flags) for source, flags, _ in made} <= shipped_keys
    patterns.ship(entry["patterns"])
    monkeypatch.setattr(patterns, "_constants", {})
    import regex
    monkeypatch.setattr(regex, "compile", lambda *a, **k: pytest.fail("compiled from its source"))
    for source, flags, rx in made:
        again = patterns.constant(source, flags)
        assert again is not rx and (again.pattern, again.flags, again.groups) == (rx.pattern, rx.flags, rx.groups)


def test_kinds_compile_their_regex_patterns_through_patterns_constant():
    """A kind that called regex.compile itself would compile on every run of a wheel."""
    import re
    from pathlib import Path

    import reportlint.kinds
    kinds = Path(reportlint.kinds.__file__).parent
    direct = re.compile(r"(?<![\w.])regex\.compile\(")
    found = [f"{p.relative_to(kinds)}:{n}" for p in sorted(kinds.rglob("*.py"))
             if p.name not in ("patterns.py", "regex_code.py")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if direct.search(line)]
    assert found == []
