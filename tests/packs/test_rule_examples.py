"""Every built-in rule's own examples: bad ones must be found, good ones must stay clean."""
import pytest

from reportlint.rulepacks.examples import example_cases, run_example
from reportlint.rulepacks.loader import builtin_packs, load_packs

RULES = load_packs(list(builtin_packs())).rules
CASES = [(r, which, i, case) for r in RULES for which, i, case in example_cases(r)]


@pytest.mark.parametrize(
    "rule,which,index,case", CASES,
    ids=[f"{r.pack}/{r.id}:{which}[{i}]" for r, which, i, _ in CASES])
def test_example(rule, which, index, case):
    failure = run_example(rule, which, index, case)
    assert failure is None, str(failure)
