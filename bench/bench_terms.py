#!/usr/bin/env python3
"""What the terms pack costs: 1000 reports built from the corpus, with and without jieba.

    .venv/bin/python bench/bench_terms.py [--corpus ../shared/corpus] [-n 1000]

Prints
- in-process: rules of the `terms` pack on N documents (load + check), how many documents
  needed jieba, and the same run with jieba replaced by a no-op (what the pack costs
  without word boundaries);
- whole process: `reportlint check --pack terms` on one clean report and on one report
  whose hits need jieba (wall time, best of 9), plus one process over all N files;
- jieba's own initialisation time.
Not a test: figures depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def build_reports(corpus: Path, n: int, out: Path) -> list[Path]:
    seeds = sorted(p for p in corpus.glob("*/*.txt"))
    if not seeds:
        sys.exit(f"no .txt files under {corpus}")
    paths = []
    for i in range(n):
        src = seeds[i % len(seeds)]
        dst = out / f"{i:04d}_{src.name}"
        # vary each copy a little so no cache can hide the work
        dst.write_text(src.read_text(encoding="utf-8") + f"\n（第{i}份）\n", encoding="utf-8")
        paths.append(dst)
    return paths


def in_process(paths: list[Path], no_jieba: bool) -> tuple[float, int, int]:
    import importlib

    import reportlint.kinds._lib.segment as segment
    from reportlint.model.document import Document
    from reportlint.rulepacks.loader import load_packs
    from reportlint.rulepacks.run import lint_document

    importlib.reload(segment)
    if no_jieba:
        segment._tokens = lambda text: ()
        segment.word_freq = lambda word: 0
    t0 = time.perf_counter()
    rules = load_packs(["terms"]).rules
    findings = 0
    needed = 0
    for p in paths:
        was = segment.loaded()
        doc = Document(p.read_text(encoding="utf-8"), str(p))
        found, failures = lint_document(doc, rules)
        assert not failures, failures
        findings += len(found)
        needed += (not was) and segment.loaded()
    return time.perf_counter() - t0, findings, needed


# subprocesses run as a user's would: bytecode caches on (some sandboxes set this to 1)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(cmd: list[str], repeat: int = 9) -> float:
    best = float("inf")
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)  # warm caches
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("-n", type=int, default=1000)
    args = ap.parse_args()
    exe = shutil.which("reportlint", path=str(Path(sys.executable).parent)) or "reportlint"
    tmp = Path(tempfile.mkdtemp(prefix="bench_terms_"))
    try:
        paths = build_reports(args.corpus, args.n, tmp)
        size = sum(p.stat().st_size for p in paths) / len(paths)
        print(f"{len(paths)} reports, {size / 1024:.1f} KiB each on average")

        t0 = time.perf_counter()
        import jieba  # noqa: F401  (import only)
        t_import = time.perf_counter() - t0
        from reportlint.kinds._lib import segment
        t0 = time.perf_counter()
        segment.tokenize("初始化")
        t_init = time.perf_counter() - t0
        print(f"jieba import {t_import * 1000:.0f} ms, initialise + user dictionary {t_init * 1000:.0f} ms")

        t, f, needed = in_process(paths, no_jieba=False)
        print(f"in-process, with jieba:    {t:.2f} s for {len(paths)} reports "
              f"({t / len(paths) * 1000:.2f} ms/report), {f} findings, jieba initialised: {bool(needed)}")
        t, f, _ = in_process(paths, no_jieba=True)
        print(f"in-process, jieba no-op:   {t:.2f} s for {len(paths)} reports "
              f"({t / len(paths) * 1000:.2f} ms/report), {f} findings")

        need = jieba_share(paths[: min(len(paths), 41)])
        print(f"reports whose terms findings need jieba: {need}/{min(len(paths), 41)} distinct corpus reports")

        clean = next(p for p in paths if "003_liulang" in p.name)
        hit = next(p for p in paths if p.name[5:].startswith("004_"))
        base = [exe, "check", "--isolated", "--pack", "terms", "--exit-zero", "-q", "--no-source"]
        print(f"whole process, clean report ({clean.name[5:]}): {wall(base + [str(clean)]) * 1000:.0f} ms")
        print(f"whole process, report with hits ({hit.name[5:]}): {wall(base + [str(hit)]) * 1000:.0f} ms")
        startup = wall([sys.executable, "-c", "import reportlint.cli"])
        print(f"python + import reportlint.cli alone: {startup * 1000:.0f} ms")
        one = wall(base[:-1] + ["--select", "misused-shishi", "--no-source", str(clean)])
        print(f"whole process, clean report, one small rule of the pack: {one * 1000:.0f} ms "
              f"(so the pack itself costs the difference)")
        t = wall(base + [str(tmp)], repeat=1)
        print(f"whole process, all {len(paths)} reports in one run: {t:.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def jieba_share(paths: list[Path]) -> int:
    """How many reports would load jieba if each ran in its own process."""
    code = ("import sys; from reportlint import lint_text, segment; "
            "lint_text(open(sys.argv[1], encoding='utf-8').read(), packs=['terms']); "
            "print(int(segment.loaded()))")
    n = 0
    for p in paths:
        out = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True,
                             env={**ENV, "PYTHONPATH": str(ROOT / "src")})
        n += out.stdout.strip() == "1"
    return n


if __name__ == "__main__":
    main()
