#!/usr/bin/env python3
"""How fast the duplicate rules are on big inputs built from the corpus, in a temp dir.

    python bench/bench_duplicates.py                  # 7 MB draft; 1000-report --against folder
    python bench/bench_duplicates.py --size-mb 14 --reports 2000 --keep

Inputs (deterministic, seed 5):
  BIG      one draft of --size-mb MB: the corpus reports over and over, each copy with a few
           characters changed in a third of its lines (so near-copies, not only exact ones)
  FOLDER   --reports reports of ~15 KB, each 40 lines drawn from the corpus, its own township
           name put in, a few characters changed; DRAFT is seed 003 plus 3 lines copied from one
           of them (one still naming that township)
Each case runs the installed `reportlint` console script (whole process, start-up included)
with `--pack duplicates`, and the in-process time of the BIG case at 1/4, 1/2 and 1 of the
size shows the growth is linear.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXE = Path(sys.executable).with_name("reportlint")
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
_SYL = "东西南北中上下前后新老大小长青白金石龙凤"
TOWNS = [a + b + c + "镇" for a in _SYL for b in "山河湖桥坪岭沟口塘湾溪源林庄堡村集店" for c in "一二三四五"]


def corpus_texts() -> list[str]:
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "real").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files]


def mutate(line: str, rng: random.Random, n: int) -> str:
    chars = list(line)
    for _ in range(n):
        i = rng.randrange(len(chars)) if chars else 0
        if chars and "\u4e00" <= chars[i] <= "\u9fff":
            chars[i] = rng.choice(HAN)
    return "".join(chars)


def build_big(path: Path, size: int, rng: random.Random) -> None:
    texts, out, total = corpus_texts(), [], 0
    while total < size:
        for text in texts:
            lines = [mutate(x, rng, 2) if rng.random() < 0.33 and len(x) > 30 else x
                     for x in text.split("\n")]
            piece = "\n".join(lines) + "\n"
            out.append(piece)
            total += len(piece.encode("utf-8"))
            if total >= size:
                break
    path.write_text("".join(out), encoding="utf-8")


def build_folder(folder: Path, reports: int, rng: random.Random) -> Path:
    pool = [x for t in corpus_texts() for x in t.split("\n") if len(x) > 20]
    folder.mkdir()
    for i in range(reports):
        town = TOWNS[i * 7 % len(TOWNS)]
        lines = [f"{town}2024年度法治政府建设情况报告"]
        for x in rng.sample(pool, 40):
            x = x.replace("杂色镇", town).replace("湾沟镇", town).replace("翻江镇", town)
            lines.append(mutate(x, rng, 1) if rng.random() < 0.5 else x)
        (folder / f"r{i:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the draft: seed 003 with three lines of report 517 pasted in, one naming its township
    donor = (folder / "r0517.txt").read_text(encoding="utf-8").split("\n")
    seed = (CORPUS / "seeds" / "003_1b8db11db821e11c.txt").read_text(encoding="utf-8").split("\n")
    town = donor[0][: donor[0].index("镇") + 1]
    donor[5] = f"{town}司法所荣获市级依法治理示范单位称号，全镇12个村全部建成法律服务点。"
    (folder / "r0517.txt").write_text("\n".join(donor), encoding="utf-8")
    draft = folder.parent / "draft.txt"
    draft.write_text("\n".join(seed[:12] + donor[3:6] + seed[12:]), encoding="utf-8")
    return draft


def run(*args: str) -> tuple[str, list[dict]]:
    """(wall and CPU seconds of the whole process, findings)."""
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run([str(EXE), "--pack", "duplicates", "--format", "json", "--exit-zero",
                          "--isolated", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime
    if res.returncode:
        sys.exit(res.stderr)
    return f"{elapsed:.2f} s wall, {cpu:.2f} s CPU", json.loads(res.stdout)["findings"]


def in_process(text: str, repeat: int = 3) -> float:
    """Best CPU time of `repeat` in-process runs (rules loaded beforehand)."""
    from reportlint.engine.linter import Linter
    linter = Linter(isolated=True, packs=["duplicates"])
    linter.lint_text("预热。")
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        linter.lint_text(text)
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size-mb", type=float, default=7.0)
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--keep", action="store_true", help="keep the temp dir and print its path")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    rng = random.Random(5)
    tmp = Path(tempfile.mkdtemp(prefix="bench-dup-"))
    try:
        big = tmp / "big.txt"
        build_big(big, int(args.size_mb * 2**20), rng)
        draft = build_folder(tmp / "reports", args.reports, rng)
        folder_mb = sum(p.stat().st_size for p in (tmp / "reports").iterdir()) / 2**20

        text = big.read_text(encoding="utf-8")
        print(f"BIG {big.stat().st_size / 2**20:.1f} MB, {len(text):,} characters, {text.count(chr(10)):,} lines")
        for part in (4, 2, 1):
            piece = text[: len(text) // part]
            print(f"  in-process, 1/{part} of it ({len(piece):,} chars): {in_process(piece):.2f} s CPU")
        t, found = run(str(big))
        rules = {}
        for f in found:
            rules[f["rule"]] = rules.get(f["rule"], 0) + 1
        print(f"  reportlint --pack duplicates big.txt: {t}, findings {rules}")

        print(f"FOLDER {args.reports} reports, {folder_mb:.1f} MB; DRAFT seed 003 + 3 pasted lines")
        t, found = run("--against", str(tmp / "reports"), str(draft))
        print(f"  reportlint --pack duplicates --against reports/ draft.txt: {t}")
        for f in found:
            print(f"    {f['line']}:{f['column']} {f['severity']} [{f['rule']}] {f['message'].replace(str(tmp) + '/', '')}")
        t, found = run(str(draft))
        print(f"  same draft without --against: {t}, {len(found)} findings")
    finally:
        if args.keep:
            print(f"inputs kept in {tmp}")
        else:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
