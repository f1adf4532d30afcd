#!/usr/bin/env python3
"""The spelling check (rule misspelled-ordinary-words) on ECSpell sentences, and its cost.

    python bench/spelling.py [--ecspell DIR] [--rounds N] [--rule ID] [REPORT ...]

ECSpell's law and official-document-writing train splits (`n<TAB>source<TAB>target`, in
../shared/ecspell) are linted one sentence a line with this rule alone, and scored as
../shared/tools/csc_score.py scores the whole linter: sentence recall (sentences with a typo
that get a finding on a wrong character), false alarms (clean sentences with any finding) and
precision (findings that touch a wrong character). The figures are printed for the even and
the odd sentences apart too: the thresholds were chosen on the real reports' precision first,
and the two halves show whether the figures depend on the sentences they were looked at on.

Cost: CPU milliseconds per report for this rule alone, over the seed reports (or the reports
named), after a warm-up, as bench/per_file.py measures every rule.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

RULE = "misspelled-ordinary-words"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and len(parts[1]) == len(parts[2]):
            pairs.append((parts[1], parts[2]))
    return pairs


def score(pairs, findings_by_line) -> str:
    bad = hit = clean = alarms = found = touching = 0
    for no, (src, tgt) in enumerate(pairs, 1):
        wrong = {j for j, (a, b) in enumerate(zip(src, tgt)) if a != b}
        spans = [set(range(f.column - 1, max(f.end_column - 1, f.column)))
                 for f in findings_by_line.get(no, [])]
        found += len(spans)
        touching += sum(1 for s in spans if s & wrong)
        if wrong:
            bad += 1
            hit += any(s & wrong for s in spans)
        else:
            clean += 1
            alarms += bool(spans)
    pct = lambda a, b: f"{a}/{b} = {100 * a / max(b, 1):.1f}%"  # noqa: E731
    return (f"sentence recall {pct(hit, bad)}; false alarms {pct(alarms, clean)}; "
            f"precision {pct(touching, found)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecspell", type=Path, default=SHARED / "ecspell")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--rule", default=RULE, help=f"the rule to score (default {RULE}; misused-words-in-context: real-word slips)")
    ap.add_argument("reports", nargs="*", type=Path)
    a = ap.parse_args()
    from reportlint.engine.linter import Linter
    linter = Linter(isolated=True, select=[a.rule])

    splits = sorted(a.ecspell.glob("*.train.tsv"))
    every: list[tuple[str, str]] = []
    for split in splits:
        pairs = read_pairs(split)
        every.extend(pairs)
    if every:
        by_line: dict[int, list] = {}
        for f in linter.lint_text("\n".join(s for s, _ in every) + "\n", "ecspell.txt"):
            by_line.setdefault(f.line, []).append(f)
        start = 0
        for split in splits:
            n = len(read_pairs(split))
            part = {no - start: fs for no, fs in by_line.items() if start < no <= start + n}
            print(f"{split.name}: {score(every[start:start + n], part)}")
            start += n
        for name, parity in (("even sentences", 0), ("odd sentences", 1)):
            chosen = [(no, p) for no, p in enumerate(every, 1) if no % 2 == parity]
            renum = {i: by_line.get(no, []) for i, (no, _) in enumerate(chosen, 1)}
            print(f"{name}: {score([p for _, p in chosen], renum)}")
        print(f"all: {score(every, by_line)}")
    else:
        print(f"no ECSpell splits in {a.ecspell}")

    reports = [str(p) for p in a.reports] or sorted(str(p) for p in (SHARED / "corpus" / "seeds").glob("*.txt"))
    if reports:
        cfg = linter.config_for(reports[0])
        docs = [linter.load(p, cfg) for p in reports]
        for doc in docs:
            linter.lint_document(doc, cfg)                 # warm-up: data files, jieba
        spent = 0.0
        for _ in range(a.rounds):
            for p in reports:
                doc = linter.load(p, cfg)
                t = time.process_time()
                linter.lint_document(doc, cfg)
                spent += time.process_time() - t
        size = sum(len(Path(p).read_bytes()) for p in reports) / len(reports)
        print(f"cost: {1000 * spent / (a.rounds * len(reports)):.2f} ms CPU per report "
              f"({len(reports)} reports, {size / 1024:.1f} KB on average, {a.rounds} rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
