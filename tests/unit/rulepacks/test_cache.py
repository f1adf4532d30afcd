"""The compiled-rules cache: a hit gives the same rules without reading YAML; any change to a pack
(or to reportlint's code) is a miss; a corrupt entry is ignored; errors are never cached;
REPORTLINT_NO_CACHE=1 turns it off; concurrent writers cannot break it; entries are JSON, and one
in a folder or file others may write is never read."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

import pytest

from helpers.rulepacks import write_pack
from reportlint.model.document import Document
from reportlint.model.errors import RuleLoadErrors
from reportlint.rulepacks import cache as rulecache
from reportlint.rulepacks import loader, yamlmarks
from reportlint.rulepacks.loader import load_packs
from reportlint.rulepacks.run import lint_document

RULE = """\
id: placeholder-left
kind: pattern
category: placeholder
message: "未替换的占位符“{found}”"
description: 测试用规则。
why: 测试用。
patterns: ["X{2,}"]
exceptions: ["XX路"]
examples:
  bad: ["XX镇"]
  good: ["某镇"]
"""


@pytest.fixture
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(d))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    return d


@pytest.fixture
def pack(tmp_path):
    return write_pack(tmp_path / "pack", RULE)


def no_yaml(monkeypatch):
    def fail(*a, **k):
        raise AssertionError("YAML was read although the cache should have answered")
    monkeypatch.setattr(yamlmarks, "parse_yaml", fail)


def touch_later(path, text):
    """Rewrite a file so that its mtime really changes, even on a coarse clock."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def findings(rules, text="XX镇在XX路。"):
    return [(f.rule, f.start, f.message) for f in lint_document(Document(text), rules)[0]]


def test_hit_gives_the_same_rules_without_reading_yaml(cache, pack, monkeypatch):
    first = load_packs([pack])
    assert len(list(cache.glob("rules-*.json"))) == 1
    no_yaml(monkeypatch)
    again = load_packs([pack])
    assert [r.id for r in again.rules] == [r.id for r in first.rules]
    rule = again.rules[0]
    assert rule.kind is first.rules[0].kind and rule.marks == first.rules[0].marks
    assert rule["patterns"][0].pattern == first.rules[0]["patterns"][0].pattern
    assert findings(again.rules) == findings(first.rules) == [("placeholder-left", 0, "未替换的占位符“XX”")]


def test_builtin_packs_round_trip(cache):
    packs = list(loader.builtin_packs())
    fresh = load_packs(packs)
    cached = load_packs(packs)
    assert [(r.id, r.kind_name, r.options.keys()) for r in cached.rules] == \
           [(r.id, r.kind_name, r.options.keys()) for r in fresh.rules]
    text = "关于2024年XX镇法治政府建设情况的报告\n一、主要工作\n设施行政处罚6次，专武独断。\n"
    assert findings(cached.rules, text) == findings(fresh.rules, text)


def test_editing_adding_or_removing_a_rule_file_is_a_miss(cache, pack, monkeypatch):
    load_packs([pack])
    touch_later(pack / "placeholder-left.yaml", RULE.replace("X{2,}", "X{3,}"))
    assert load_packs([pack]).rules[0]["patterns"][0].pattern.startswith("X{3,}")
    (pack / "second-rule.yaml").write_text(RULE.replace("placeholder-left", "second-rule"), encoding="utf-8")
    assert [r.id for r in load_packs([pack]).rules] == ["placeholder-left", "second-rule"]
    (pack / "second-rule.yaml").unlink()
    assert [r.id for r in load_packs([pack]).rules] == ["placeholder-left"]


def test_an_edit_that_keeps_size_and_mtime_is_a_miss(cache, pack, monkeypatch):
    load_packs([str(pack)])
    rule_file = pack / "placeholder-left.yaml"
    st = rule_file.stat()
    rule_file.write_text(RULE.replace("XX路", "XX街"), encoding="utf-8")    # as a checkout may:
    os.utime(rule_file, ns=(st.st_atime_ns, st.st_mtime_ns))               # same size and mtime
    assert rule_file.stat().st_size == st.st_size
    rule = load_packs([str(pack)]).rules[0]
    assert [p.pattern for p in rule.options["exceptions"]] == ["XX街"]


def test_errors_are_never_cached(cache, pack):
    (pack / "broken-rule.yaml").write_text("id: broken-rule\nkind: patern\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleLoadErrors):
            load_packs([pack])
    assert not list(cache.glob("rules-*.json"))


@pytest.mark.parametrize("garbage", [b"", b"not json", b"[1, 2]", b'{"version": 1}', b"\xff\xfe",
                                     pickle.dumps(("wrong", "shape"))])
def test_corrupt_entry_is_ignored_and_replaced(cache, pack, garbage):
    load_packs([pack])
    (entry,) = cache.glob("rules-*.json")
    entry.write_bytes(garbage)
    assert [r.id for r in load_packs([pack]).rules] == ["placeholder-left"]
    assert json.loads(entry.read_bytes())["rules"][0]["id"] == "placeholder-left"


def test_entry_is_data_with_patterns_as_source(cache, pack):
    load_packs([pack])
    (entry,) = cache.glob("rules-*.json")
    (rule,) = json.loads(entry.read_bytes())["rules"]
    assert rule["options"]["patterns"][0]["$regex"].startswith("X{2,}")


def test_patterns_from_the_cache_compile_on_first_use(cache, pack):
    load_packs([pack])
    rule = load_packs([pack]).rules[0]
    exception = rule["exceptions"][0]
    assert not _compiled(exception)
    assert findings([rule]) == [("placeholder-left", 0, "未替换的占位符“XX”")]
    assert _compiled(exception)                      # a hit needed it


def _compiled(lazy) -> bool:
    try:
        object.__getattribute__(lazy, "_rx")
    except AttributeError:
        return False
    return True


def _plant(cache, pack, mutate):
    """Load once, then let `mutate` change the entry or its folder as another user could."""
    load_packs([pack])
    (entry,) = cache.glob("rules-*.json")
    data = json.loads(entry.read_bytes())
    data["rules"][0]["message"] = "PLANTED"
    entry.write_text(json.dumps(data), encoding="utf-8")
    mutate(entry)
    return load_packs([pack]).rules[0].message


def test_an_entry_of_ours_in_our_private_folder_is_read(cache, pack):
    assert _plant(cache, pack, lambda entry: None) == "PLANTED"     # the test's own control


@pytest.mark.parametrize("mutate", [
    lambda entry: entry.parent.chmod(0o777),                  # a world-writable cache folder
    lambda entry: entry.parent.chmod(0o770),                  # a group-writable one
    lambda entry: entry.chmod(0o666),                         # an entry others may rewrite
], ids=["world-writable-folder", "group-writable-folder", "writable-entry"])
def test_an_entry_others_could_have_written_is_never_read(cache, pack, mutate):
    assert _plant(cache, pack, mutate) != "PLANTED"


def test_a_symlinked_entry_is_never_read(cache, pack, tmp_path):
    def to_link(entry):
        planted = tmp_path / "elsewhere.json"
        entry.rename(planted)
        entry.symlink_to(planted)
    assert _plant(cache, pack, to_link) != "PLANTED"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user")
def test_an_entry_owned_by_someone_else_is_never_read(cache, pack):
    assert _plant(cache, pack, lambda entry: os.chown(entry, 12345, 12345)) != "PLANTED"


def test_a_planted_pickle_is_never_loaded(cache, pack, tmp_path):
    """issue 19: a pickle in the cache folder ran code on the next run."""
    marker = tmp_path / "ran"
    class Boom:
        def __reduce__(self):
            return (open, (str(marker), "w"))
    load_packs([pack])
    (entry,) = cache.glob("rules-*.json")
    entry.write_bytes(pickle.dumps(Boom()))
    entry.with_suffix(".pickle").write_bytes(pickle.dumps(Boom()))
    assert [r.id for r in load_packs([pack]).rules] == ["placeholder-left"]
    assert not marker.exists()


def test_no_cache_env_var(cache, pack, monkeypatch):
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    load_packs([pack])
    load_packs([pack])
    assert not cache.exists()


def test_unwritable_cache_folder_is_no_error(tmp_path, pack, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(blocker / "sub"))   # cannot be created
    assert [r.id for r in load_packs([pack]).rules] == ["placeholder-left"]


def test_prepared_state_is_not_pickled(cache, pack):
    packs = list(loader.builtin_packs())
    rules = load_packs(packs).rules
    findings(rules, "专武独断。")                     # prepares the automata
    pickle.loads(pickle.dumps(rules))               # would fail on an Aho-Corasick automaton
    assert all(not r._prepared for r in pickle.loads(pickle.dumps(rules)))


def test_old_entries_are_pruned(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(rulecache, "KEEP", 3)
    for i in range(5):
        d = tmp_path / f"pack{i}"
        d.mkdir()
        (d / "placeholder-left.yaml").write_text(RULE, encoding="utf-8")
        load_packs([d])
    assert len(list(cache.glob("rules-*.json"))) == 3


def test_concurrent_writers(cache, pack):
    code = ("import sys; from reportlint.rulepacks.loader import load_packs; "
            "sys.exit(0 if [r.id for r in load_packs([sys.argv[1]]).rules] == ['placeholder-left'] else 1)")
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(cache)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(pack)], env=env) for _ in range(6)]
    assert [p.wait(timeout=120) for p in procs] == [0] * 6
    (entry,) = cache.glob("rules-*.json")
    assert json.loads(entry.read_bytes())["rules"][0]["id"] == "placeholder-left"
    assert not list(cache.glob(".rules-*"))       # no temporary files left behind


def test_a_file_edited_while_loading_is_not_cached_as_current(cache, pack, monkeypatch):
    real = loader._load_resolved

    def load_then_edit(*args):
        result = real(*args)                        # loaded the old text …
        touch_later(pack / "placeholder-left.yaml", RULE.replace("X{2,}", "X{4,}"))   # … edited meanwhile
        return result

    monkeypatch.setattr(loader, "_load_resolved", load_then_edit)
    assert load_packs([pack]).rules[0]["patterns"][0].pattern.startswith("X{2,}")
    monkeypatch.setattr(loader, "_load_resolved", real)
    assert load_packs([pack]).rules[0]["patterns"][0].pattern.startswith("X{4,}")


KINDS_IMPORTED = """\
import json, pickle, sys
from reportlint.model.document import Document
from reportlint.rulepacks.loader import builtin_packs, load_packs
from reportlint.rulepacks.run import lint_document
kinds = lambda: sorted(m[17:] for m in sys.modules if m.startswith("reportlint.kinds.") and m.count(".") == 2)
rules = load_packs(list(builtin_packs())).rules
loaded = kinds()
found = lint_document(Document("关于2024年XX镇法治政府建设情况的报告\\n一、主要工作\\n专武独断。\\n"), rules)[0]
again = pickle.loads(pickle.dumps(rules))
print(json.dumps([loaded, kinds(), sorted({f.rule for f in found}), again[0].kind is rules[0].kind]))
"""


def test_a_built_in_kind_is_imported_when_its_rule_first_runs(cache):
    """Read back from the cache, a rule imports its (built-in) kind module only when it runs:
    the kinds of rules that do not run on a draft (another genre's tables) cost a run nothing."""
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(cache)}
    def run():
        return json.loads(subprocess.run([sys.executable, "-c", KINDS_IMPORTED], capture_output=True,
                                         text=True, env=env, check=True).stdout)
    run()                                           # fills the cache
    loaded, after, found, same_kind = run()
    assert "substitution" not in loaded and "table_identity" not in loaded
    assert "misused-idioms" in found and "substitution" in after
    assert "table_identity" not in after            # the GIO table rules did not run on this draft
    assert same_kind                                # a pickled rule (a -j worker's) finds its kind again
