#!/usr/bin/env python3
"""Does any cost grow faster than the input? CPU seconds per rule on drafts of growing size.

    python bench/scaling.py                       # short lines 25k/50k/100k, files 4/8/16/30 MB
    python bench/scaling.py --lines 25000,100000 --mb 4,16 --top 10

Two families of inputs, made in memory from the seed reports (../shared/corpus/seeds):
  LINES  N short lines: the seeds cut after every sentence mark, repeated until N lines
  MB     the seeds concatenated and repeated until the size is reached (the anchors' BIG file)
Every built-in rule runs in one process (as `--select all`); work a Document shares is billed
to the first rule that asks for it, building the Document to "read". For each family the table
gives seconds per size and the ratio of the largest to the smallest size next to the ratio of
the sizes: a rule whose ratio is far above the size ratio grows faster than linear.
CPU time (time.process_time), so other processes on the machine matter less than for wall time.
"""
from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from collections import Counter
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def seed_text() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        sys.exit(f"no seed reports in {SEEDS}")
    return "\n".join(t.rstrip("\n") for t in texts) + "\n"


def short_lines(n: int) -> str:
    lines = [s for s in re.split(r"(?<=[。；！？])|\n", seed_text()) if s.strip()]
    reps = -(-n // len(lines))
    return "\n".join((lines * reps)[:n]) + "\n"


def megabytes(mb: float) -> str:
    blob = seed_text()
    size = len(blob.encode("utf-8"))
    return blob * max(1, round(mb * 1024 * 1024 / size))


def profile(text: str) -> tuple[float, Counter]:
    from reportlint.engine.linter import Linter
    from reportlint.model.document import Document
    from reportlint.rulepacks import run as runner

    linter = Linter(isolated=True, select=["all"])
    cfg = linter.config_for("x.txt")
    rules = linter.rules_for(cfg)
    spent: Counter = Counter()
    t = time.process_time()
    doc = Document(text, "draft.txt")
    doc.lines, doc.line_starts
    spent["(read)"] = time.process_time() - t
    gc.disable()        # as Linter.lint_document runs a document's rules (else the collector's
    try:                # walks over the growing draft are billed to whichever rule runs then)
        for rule in rules:
            t = time.process_time()
            try:
                runner.run_rule(rule, doc)
            except Exception as exc:      # a timeout is a finding of its own here
                print(f"  {rule.id}: {type(exc).__name__}", file=sys.stderr)
            spent[rule.id] += time.process_time() - t
    finally:
        gc.enable()
    return sum(spent.values()), spent


def table(label: str, sizes: list, make, top: int) -> None:
    runs = []
    for size in sizes:
        text = make(size)
        total, spent = profile(text)
        print(f"{label} {size}: {len(text.encode('utf-8')) / 1048576:.1f} MB, "
              f"{text.count(chr(10))} lines: {total:.2f} s", file=sys.stderr, flush=True)
        runs.append((size, total, spent))
    first, last = runs[0], runs[-1]
    size_ratio = last[0] / first[0]
    print(f"\n| {label} | " + " | ".join(str(s) for s, _, _ in runs) + f" | ×{size_ratio:g} input |")
    print("|---|" + "---|" * len(runs) + "---|")
    print("| total s | " + " | ".join(f"{t:.2f}" for _, t, _ in runs) + f" | ×{last[1] / first[1]:.2f} |")
    for rule, _ in last[2].most_common(top):
        a, b = first[2][rule], last[2][rule]
        ratio = f"×{b / a:.2f}" if a > 0.005 else "–"
        print(f"| {rule} | " + " | ".join(f"{r[2][rule]:.2f}" for r in runs) + f" | {ratio} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", default="25000,50000,100000")
    ap.add_argument("--mb", default="4,8,16,30")
    ap.add_argument("--top", type=int, default=12)
    a = ap.parse_args()
    if a.lines:
        table("lines", [int(x) for x in a.lines.split(",")], short_lines, a.top)
    if a.mb:
        table("MB", [float(x) for x in a.mb.split(",")], megabytes, a.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
