#!/usr/bin/env python3
"""What issue 18's unmet targets leave room for: the costs no change to a rule can remove, measured.

    python bench/floors.py [-n ROUNDS]

ONE (one 7.4 KB report, whole process, <= 1.2x the naive scanner): the interpreter, the imports
of click and `regex` from a bare interpreter (with the standard modules they pull in), and what
every rule costs on 7.4 KB of text the process has not seen, in a long run where nothing is
left to open or compile (bench/per_file.py --unseen: corpus/real, gio and the seeds after a
warm-up on examples/), split into issue 14's model-found typo kinds and the rest. Their sum is
a lower bound for one report: reportlint's own imports, loading its rules and the first draft's
lazy work come on top. The naive scanner (../shared/bench) is timed on the same report.

BIG (one 7.4 MB file, <= 1.0x textlint+prh): one pass of a `re` character class and one literal
search over the seeds repeated to 7.4 MB (bench/compare.py's BIG), against the share of
textlint+prh's time each rule would have (the anchors' median, ../shared/bench/ANCHORS.md, or
--textlint-big), and how many rules spend more than that (bench/scaling.py measures each).

Wall times of subprocesses are the best of ROUNDS (default 7); in-process passes the best of
ROUNDS too; the per-report costs are process time. Run on a quiet machine.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time

from per_file import EXAMPLES, SEED_BYTES, SHARED, UNSEEN, measure

TYPO_KINDS = ("spelling", "context_slip", "domain_slip")     # issue 14's model-found kinds
TEXTLINT_BIG = 1.432      # s: textlint+prh on BIG, the anchors' median (ANCHORS.md)
NAIVE = SHARED / "bench" / "scripts" / "naive.py"
TYPOS = SHARED / "bench" / "dict" / "typos.yaml"
SEEDS = SHARED / "corpus" / "seeds"


def best_wall(argv: list[str], rounds: int) -> float:
    """Seconds: the fastest of `rounds` runs of a process (exit 1 is a scanner that found typos)."""
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        best = min(best, time.perf_counter() - t)
        if code not in (0, 1):
            sys.exit(f"{' '.join(argv)} failed (exit {code})")
    return best


def best_import(modules: str, rounds: int) -> float:
    """Seconds: the fastest import of `modules` (comma-separated) in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); import {modules}; print(time.perf_counter() - t)"
    return min(float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                    text=True).stdout) for _ in range(rounds))


def best_pass(scan, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        scan()
        best = min(best, time.perf_counter() - t)
    return best


def builtin_rules() -> list:
    """Every built-in rule, as `--select all` loads them."""
    from reportlint.engine.linter import Linter
    linter = Linter(isolated=True, select=["all"])
    return linter.rules_for(linter.config_for("draft.txt"))


def one(rounds: int, rules: list) -> list[str]:
    kinds = {r.id: r.kind_name for r in rules}
    files = [str(p) for d in UNSEEN for p in sorted(d.glob("*.txt"))]
    spent, _total, _load, size = measure(files, sorted(str(p) for p in EXAMPLES.glob("*.txt")), 1)
    per = 1000 * SEED_BYTES / size                       # ms per 7.4 KB, from seconds over `size` bytes
    typo = sum(t for rule, t in spent.items() if kinds.get(rule) in TYPO_KINDS) * per
    rest = sum(t for rule, t in spent.items() if kinds.get(rule) not in TYPO_KINDS) * per
    floor = best_wall([sys.executable, "-c", "pass"], rounds) * 1000
    imports = best_import("click, regex", rounds) * 1000
    rows = [("interpreter (`python -c pass`)", floor),
            ("imports of click and regex, from a bare interpreter", imports),
            ("the typo kinds of issue 14 on 7.4 KB of new text", typo),
            ("the other rules on it", rest)]
    lines = ["ONE: what one report cannot do without (ms)", "", "| piece | ms |", "|---|---|"]
    lines += [f"| {name} | {ms:.1f} |" for name, ms in rows]
    total = sum(ms for _, ms in rows)
    lines.append(f"| sum (reportlint's own imports, loading the rules, the first draft's lazy work: on top) | {total:.1f} |")
    seed = min(SEEDS.glob("*.txt"), key=lambda p: abs(p.stat().st_size - SEED_BYTES), default=None)
    if NAIVE.exists() and TYPOS.exists() and seed is not None:
        naive = best_wall([sys.executable, str(NAIVE), str(TYPOS), str(seed)], rounds) * 1000
        lines += ["", f"naive scanner on {seed.name}: {naive:.1f} ms; 1.2x naive = {1.2 * naive:.1f} ms "
                      f"(the sum above is {total / naive:.2f}x naive)"]
    return lines


def big(rounds: int, textlint: float, n_rules: int) -> list[str]:
    from scaling import megabytes
    text = megabytes(7.4)
    marks, digits = re.compile("[，,]"), re.compile(r"\d+")
    rows = [("one pass of `[，,]` (re.finditer)", best_pass(lambda: sum(1 for _ in marks.finditer(text)), rounds)),
            ("one pass of `\\d+` (re.finditer)", best_pass(lambda: sum(1 for _ in digits.finditer(text)), rounds)),
            ("one literal search (str.count of 依法)", best_pass(lambda: text.count("依法"), rounds)),
            ("splitting it into lines", best_pass(lambda: text.split("\n"), rounds))]
    mb = len(text.encode("utf-8")) / 1e6
    lines = [f"BIG: {mb:.1f} MB (the seeds repeated), best of {rounds} (ms)", "", "| pass | ms |", "|---|---|"]
    lines += [f"| {name} | {s * 1000:.1f} |" for name, s in rows]
    lines += ["", f"textlint+prh on BIG: {textlint:.2f} s; over {n_rules} rules that is "
                  f"{textlint / n_rules * 1000:.1f} ms a rule (bench/scaling.py --mb {mb:.1f} shows what each spends)"]
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--rounds", type=int, default=7)
    ap.add_argument("--textlint-big", type=float, default=TEXTLINT_BIG,
                    help=f"textlint+prh's wall seconds on BIG (default: the anchors' {TEXTLINT_BIG})")
    a = ap.parse_args()
    if not SEEDS.is_dir():
        sys.exit(f"the seed reports are not there ({SEEDS})")
    rules = builtin_rules()
    print("\n".join(one(a.rounds, rules) + [""] + big(a.rounds, a.textlint_big, len(rules))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
