#!/usr/bin/env python3
"""Which gate of the spelling check stops each typo it misses, on ECSpell's train splits.

    python bench/spelling_gates.py [--ecspell DIR] [--show GATE] [-n N]

Every wrong character (source and target differ) that the rule misspelled-ordinary-words does not
flag is put under the first gate of kinds/_lib/spelling.py it does not pass:

  joiner        the written character is a joiner or a numeral (的, 在, 一): never a suspect
  no-row        the expected character is not in the written one's confusion rows
  sound-row     it is only in the similar-reading row, which the word-frequency path leaves out
  no-suspect    the character is no suspect: both its pairs occur inside dictionary words, or one
                does and no same-sound character mends it (real-word slips, 整治 -> 政治)
  lm-gate       a one-sided suspect whose cheap trigram bound (_lm_gate) fails
  rejected      a suspect every path judged and turned down (margins, orphans, frequencies)
  dropped       found, then dropped by the kind (《titles》, place names, words written so)

and each missed sentence under the furthest gate any of its wrong characters reached. The
figures tell which block is worth attacking; --show GATE prints examples of one gate. It asks
the model's internals (_triple's codes, _lm_gate): a diagnostic to keep in step with that module.
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from spelling import RULE, SHARED, read_pairs

GATES = ("joiner", "no-row", "sound-row", "no-suspect", "lm-gate", "rejected", "dropped")


def gate(model, policy, s: str, i: int, expected: str) -> str:
    from reportlint.kinds._lib import spelling as sp
    ch = s[i]
    if ch in model.joiners or ch in sp._NUMERALS:
        return "joiner"
    row = model._candidates(ch)
    hows = [how for how, options in zip(sp._HOWS, row or ()) if expected in options]
    if not hows:
        return "no-row"
    if hows == ["sound"]:
        return "sound-row"
    code = model._window_memo(policy)[("\0" + s + "\0")[i:i + 3]]
    if code == 0:
        return "no-suspect"
    if code == 2 and not model._lm_gate(s, i):
        return "lm-gate"
    return "dropped" if any(x.start == i for x in model.slips(s, policy, [i])) else "rejected"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecspell", type=Path, default=SHARED / "ecspell")
    ap.add_argument("--show", choices=GATES, help="print examples of this gate")
    ap.add_argument("-n", type=int, default=30, help="examples printed (default 30)")
    a = ap.parse_args()
    from reportlint.engine.linter import Linter
    from reportlint.kinds._lib.spelling import model
    pairs = [p for split in sorted(a.ecspell.glob("*.train.tsv")) for p in read_pairs(split)]
    if not pairs:
        print(f"no ECSpell splits in {a.ecspell}")
        return 0
    linter = Linter(isolated=True, select=[RULE])
    flagged = defaultdict(set)
    for f in linter.lint_text("\n".join(s for s, _ in pairs) + "\n", "ecspell.txt"):
        flagged[f.line].update(range(f.column - 1, max(f.end_column - 1, f.column)))
    (rule,) = [r for r in linter.rules_for(linter.config_for("ecspell.txt")) if r.id == RULE]
    policy = rule.state                              # the rule's Policy, as the run used it
    m = model()
    m.slips("述德", policy)                          # loads the word tables
    chars, sentences, examples = Counter(), Counter(), defaultdict(list)
    for no, (s, t) in enumerate(pairs, 1):
        wrong = [i for i, (x, y) in enumerate(zip(s, t)) if x != y]
        if not wrong or flagged[no] & set(wrong):
            continue
        reached = []
        for i in wrong:
            g = gate(m, policy, s, i, t[i])
            chars[g] += 1
            reached.append(GATES.index(g))
            examples[g].append(f"{s[max(0, i - 5):i + 6]}  {s[i]}->{t[i]}")
        sentences[GATES[max(reached)]] += 1
    missed = sum(sentences.values())
    print(f"{RULE}: {missed} of {sum(1 for s, t in pairs if s != t)} sentences with a typo missed")
    print(f"{'gate':<12}{'sentences':>10}{'characters':>12}")
    for g in GATES:
        print(f"{g:<12}{sentences[g]:>10}{chars[g]:>12}")
    if a.show:
        print("\n".join(examples[a.show][:a.n]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
