"""Kinds whose rules read a draft together (READS_TOGETHER) are prepared before the first runs."""
import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "bad-draft.txt"

RUN = """\
import json, sys
import reportlint.kinds._lib.keys as keys
built = []
plain = keys.Matcher.__init__
def counted(self, k, longest=False):
    built.append(sys._getframe(1).f_globals["__name__"])
    plain(self, k, longest)
keys.Matcher.__init__ = counted
from reportlint.model.document import Document
from reportlint.rulepacks.loader import builtin_packs, load_packs
from reportlint.rulepacks.run import lint_document
rules = load_packs(list(builtin_packs())).rules
text = open(sys.argv[1], encoding="utf-8").read()
first = lint_document(Document(text, "a.txt"), rules)[0]
second = lint_document(Document(text, "b.txt"), rules)[0]
print(json.dumps([built.count("reportlint.kinds.substitution"), sum(r.kind_name == "substitution" for r in rules),
                  sorted({f.rule for f in first} - {f.rule for f in second})]))
"""


def test_the_substitution_rules_build_their_shared_automaton_once():
    """Its nine rules join one automaton; prepared one by one as each first ran, they built it
    again at each join (eight times on a run's first draft, ~5 ms)."""
    out = subprocess.run([sys.executable, "-c", RUN, str(EXAMPLE)], capture_output=True, text=True, check=True)
    builds, rules, lost = json.loads(out.stdout)
    assert rules > 1 and builds == 1
    assert lost == []
