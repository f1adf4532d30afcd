#!/usr/bin/env python3
"""What one more report costs in a long run: CPU ms per file, in one process, rule by rule.

    python bench/per_file.py [-n ROUNDS] [FILE ...]     # default: the seed reports, 10 rounds
    python bench/per_file.py --unseen [FILE ...]        # default: corpus/real, gio and the seeds, once

Every built-in rule runs on every file, in the engine's order, as in a 1000-report call: work a
Document shares between rules (paragraphs, sentences, figures …) is billed to the first rule
that asks for it. Start-up (imports, compiling, the first file) is left out; bench/compare.py
measures whole processes, bench/profile_rules.py the start-up part of each rule.

Repeating the same files lets the kinds' per-process memos answer from the second round on, so
it shows what a report costs when its sentences were seen before. `--unseen` warms up on the
repository's examples/ instead and then lints each file once: what text the process has not
seen costs (a long run over different reports). Files differ in size there, so it also gives
the cost per 7.4 KB of UTF-8, the size of a seed report.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
UNSEEN = (SHARED / "corpus" / "real", SHARED / "gio", SEEDS)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED_BYTES = 7400     # a seed report's size in UTF-8


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("-n", "--rounds", type=int, default=10)
    ap.add_argument("--unseen", action="store_true",
                    help="warm up on examples/, then lint each file once (default: corpus/real, gio, seeds)")
    ap.add_argument("--top", type=int, default=25, help="rules listed (default 25)")
    a = ap.parse_args()
    default = [p for d in UNSEEN for p in sorted(d.glob("*.txt"))] if a.unseen else sorted(SEEDS.glob("*.txt"))
    files = [str(p) for p in a.files or default]
    if not files:
        sys.exit("no files (the seed reports are not there: name some files)")
    warm = sorted(str(p) for p in EXAMPLES.glob("*.txt")) if a.unseen else files
    rounds = 1 if a.unseen else a.rounds

    spent, total, load, size = measure(files, warm, rounds)
    n = rounds * len(files)
    print(f"{total * 1000 / n:.2f} ms per file ({len(files)} file(s) x {rounds}"
          f"{', not seen before' if a.unseen else ''}): reading and "
          f"decoding {load * 1000 / n:.2f}, rules {sum(spent.values()) * 1000 / n:.2f}; "
          f"{total * 1000 * SEED_BYTES / size:.2f} ms per {SEED_BYTES / 1000:.1f} KB")
    for rule_id, t in spent.most_common(a.top):
        print(f"  {t * 1000 / n:6.2f}  {rule_id}")
    return 0


def measure(files: list[str], warm: list[str], rounds: int) -> tuple[Counter, float, float, int]:
    """(CPU seconds per rule id, total, of it reading and decoding, bytes linted) for linting
    `files` `rounds` times in one process with every built-in rule, after linting `warm` once."""
    from reportlint.engine.linter import Linter
    from reportlint.rulepacks import run as runner

    linter = Linter(isolated=True, select=["all"])
    cfg = linter.config_for(files[0])
    linter.rules_for(cfg)
    for f in warm:                                   # warm-up: lazy imports and compiles
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
    size = sum(Path(f).stat().st_size for f in files) * rounds
    start = time.process_time()
    runner.run_rule = timed
    try:
        for _ in range(rounds):
            for f in files:
                t = time.process_time()
                doc = linter.load(f, cfg)
                load += time.process_time() - t
                linter.lint_document(doc, cfg)
    finally:
        runner.run_rule = plain
    return spent, time.process_time() - start, load, size


if __name__ == "__main__":
    sys.exit(main())
