#!/usr/bin/env python3
"""What one more report costs in a long run: CPU ms per file, in one process, rule by rule.

    python bench/per_file.py [-n ROUNDS] [FILE ...]     # default: the seed reports, 10 rounds

Every built-in rule runs on every file, in the engine's order, as in a 1000-report call: work a
Document shares between rules (paragraphs, sentences, figures …) is billed to the first rule
that asks for it. Start-up (imports, compiling, the first file) is left out; bench/compare.py
measures whole processes, bench/profile_rules.py the start-up part of each rule.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("-n", "--rounds", type=int, default=10)
    ap.add_argument("--top", type=int, default=25, help="rules listed (default 25)")
    a = ap.parse_args()
    files = [str(p) for p in a.files] or sorted(str(p) for p in SEEDS.glob("*.txt"))
    if not files:
        sys.exit("no files (the seed reports are not there: name some files)")

    from reportlint.engine.linter import Linter
    from reportlint.rulepacks import run as runner

    linter = Linter(isolated=True, select=["all"])
    cfg = linter.config_for(files[0])
    linter.rules_for(cfg)
    for f in files:                                  # warm-up: lazy imports and compiles
        linter.lint_document(linter.load(f, cfg), cfg)

    spent: Counter = Counter()
    plain = runner.run_rule

    def timed(rule, doc, **kw):
        t = time.process_time()
        try:
            return plain(rule, doc, **kw)
        finally:
            spent[rule.id] += time.process_time() - t

    load = 0.0
    start = time.process_time()
    runner.run_rule = timed
    try:
        for _ in range(a.rounds):
            for f in files:
                t = time.process_time()
                doc = linter.load(f, cfg)
                load += time.process_time() - t
                linter.lint_document(doc, cfg)
    finally:
        runner.run_rule = plain
    n = a.rounds * len(files)
    total = time.process_time() - start
    print(f"{total * 1000 / n:.2f} ms per file ({len(files)} file(s) x {a.rounds}): reading and "
          f"decoding {load * 1000 / n:.2f}, rules {sum(spent.values()) * 1000 / n:.2f}")
    for rule_id, t in spent.most_common(a.top):
        print(f"  {t * 1000 / n:6.2f}  {rule_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
