#!/usr/bin/env python3
"""Where reportlint's time goes, rule by rule (in one process, CPU seconds).

    python bench/profile_rules.py [FILE ...]      # default: the seed reports

For every built-in rule: the import of its kind module, `prepare`, the slowest check (which pays
any lazy import such as jieba or cn2an), and the median check; plus the heavy
modules the rule pulled in. Start-up costs (first column group) are what a one-file commit hook
pays; the per-file mean is what a 1000-file run pays a thousand times.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

HEAVY = ("jieba", "cn2an", "rapidfuzz", "docx", "pypinyin", "charset_normalizer", "ahocorasick_rs", "proces")


def clock() -> float:
    return time.process_time()


def main() -> int:
    t0 = clock()
    from reportlint.files.reading import read_document
    from reportlint.model.document import Document
    from reportlint.rulepacks.loader import builtin_packs
    t_core = clock() - t0

    files = [Path(p) for p in sys.argv[1:]] or sorted(
        (Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds").glob("*.txt"))
    docs = [read_document(str(p), p.read_bytes()) for p in files]

    import os
    os.environ["REPORTLINT_NO_CACHE"] = "1"      # measure the real load, not the pickle
    from reportlint import kinds
    from reportlint.rulepacks import loader

    t0 = clock()
    kind_import = {}
    for name in sorted(kinds.KINDS):
        before = set(sys.modules)
        s = clock()
        kinds.get(name)
        kind_import[name] = (clock() - s, sorted({m.split(".")[0] for m in set(sys.modules) - before} & set(HEAVY)))
    t_kinds = clock() - t0
    t0 = clock()
    rules = loader.load_packs(list(builtin_packs())).rules
    t_load = clock() - t0

    rows = []
    for rule in rules:
        before = set(sys.modules)
        s = clock()
        rule.state
        prep = clock() - s
        times = []
        for d in docs:
            fresh = Document(d.text, d.path)
            s = clock()
            list(rule.kind.check(rule, rule.state, fresh) or ())
            times.append(clock() - s)
        first, mean = max(times), sorted(times)[len(times) // 2]
        heavy = sorted({m.split(".")[0] for m in set(sys.modules) - before} & set(HEAVY))
        rows.append((prep + first, rule, prep, first, mean, heavy))

    # Document building itself (shared by all rules), per file
    s = clock()
    for d in docs:
        doc = Document(d.text, d.path)
        doc.paragraphs, doc.sentences, doc.headings, doc.meta
    t_doc = (clock() - s) / len(docs)

    print(f"core imports {t_core:.3f} s; kind modules {t_kinds:.3f} s; loading {len(rules)} rules "
          f"from YAML {t_load:.3f} s; Document (lines, paragraphs, sentences, outline, meta) "
          f"{t_doc * 1000:.1f} ms per file; {len(docs)} file(s)\n")
    print("| kind | import s | heavy modules |\n|---|---|---|")
    for name, (t, heavy) in sorted(kind_import.items(), key=lambda kv: -kv[1][0]):
        print(f"| {name} | {t:.3f} | {', '.join(heavy)} |")
    print("\n| rule | kind | prepare s | slowest check s | median check ms | heavy modules |\n|---|---|---|---|---|---|")
    for _, rule, prep, first, mean, heavy in sorted(rows, key=lambda r: -r[0]):
        print(f"| {rule.id} | {rule.kind_name} | {prep:.3f} | {first:.3f} | {mean * 1000:.2f} | {', '.join(heavy)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
