"""Meta-tests: every built-in rule is documented, exemplified and named after its problem."""
import re
from pathlib import Path

import pytest

from reportlint import kinds
from reportlint.model.finding import CATEGORIES
from reportlint.rulepacks.loader import builtin_packs, builtin_root, load_packs
from reportlint.rulepacks.schema import DISALLOWED_ID_PREFIXES, ID_RE

RULES = load_packs(list(builtin_packs())).rules
PUNCTUATION = load_packs(["punctuation"]).rules


def test_there_are_rules():
    assert len(RULES) >= 2
    assert builtin_root().is_dir()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented(rule):
    assert rule.description.strip() and rule.why.strip()
    assert rule.examples.get("bad") and rule.examples.get("good")
    assert re.match(ID_RE, rule.id) and not rule.id.startswith(DISALLOWED_ID_PREFIXES)
    assert Path(rule.path).stem == rule.id
    assert rule.category in CATEGORIES
    # what users read is Chinese
    assert re.search(r"[\u4e00-\u9fff]", rule.template(None)), rule.id
    assert re.search(r"[\u4e00-\u9fff]", rule.description)


def test_every_kind_is_used():
    used = {r.kind_name for r in RULES}
    assert set(kinds.KINDS) <= used, set(kinds.KINDS) - used


def test_every_kind_module_follows_the_contract():
    for name, module in kinds.KINDS.items():
        mod = kinds.get(name)
        assert mod.KIND == name == module.rsplit(".", 1)[1]
        assert isinstance(mod.OPTIONS, dict) and callable(mod.check)
        assert isinstance(mod.FIELDS, (set, frozenset))


def test_rule_files_only_yaml():
    """A pack holds rule files, a README and folders of data its rules name (a table template)."""
    named = {Path(r.path).parent / r.options["template"] for r in RULES if "template" in r.options}
    for pack in builtin_packs().values():
        for p in pack.iterdir():
            if p.is_dir():
                assert all(f in named for f in p.iterdir()), f"{p}: data no rule names"
                continue
            assert p.suffix in (".yaml", ".yml") or p.name.lower() == "readme.md", p


@pytest.mark.parametrize("rule", PUNCTUATION, ids=[r.id for r in PUNCTUATION])
def test_rule_texts_follow_their_own_advice(rule):
    """No blank between Chinese characters in what users read (YAML folding adds them)."""
    texts = [rule.description, rule.why] + (list(rule.message.values()) if isinstance(rule.message, dict)
                                            else [rule.message])
    for t in texts:
        t = re.sub(r"“[^”]*”", "“”", t)          # quoted examples may show the defect
        assert not re.search(r"[\u4e00-\u9fff，。、；：] +[\u4e00-\u9fff]", t), t
