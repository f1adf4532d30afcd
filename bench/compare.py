#!/usr/bin/env python3
"""reportlint against the performance anchors, side by side in one run, as ratios.

    python bench/compare.py                       # set up (once) and measure everything
    python bench/compare.py --groups one -n 3     # a quick look at start-up
    python bench/compare.py --out bench/RESULTS.md
    python bench/compare.py --wheel -n 5          # the README's table: this checkout as a user installs it

Tools (whole process, alternated A B C A B C … after one warm-up round, median of N):
  floor     `python -c pass` (the venv interpreter)
  naive     the anchors' naive scanner: str.find × 300 typo pairs per file (../shared/bench)
  textlint  textlint + textlint-rule-prh with the same 300 pairs (npm-installed into the work dir)
  autocorrect  autocorrect (Rust; autocorrect-node) with only its spellcheck rule on the same 300 pairs
  reportlint  the installed console script, every built-in rule (`--select all`), also default rules;
              as a user runs it: from 16 files on it uses every CPU (CORPUS also with -j 2, and
              with -j 1 when --j1 is given)
  reportlint dict  reportlint with only a dictionary rule: one `substitution` rule holding the same
              300 pairs (a pack written into the work dir) — like for like with naive/textlint/autocorrect
  reportlint cached  (CORPUS) the same call again with the results cache warm: nothing changed
  reportlint first run  (ONE) every run with a new, empty cache folder and the results cache on, as
              a user's first run: the first run after `pip install` when reportlint is a wheel
              installed into a fresh venv (--wheel, or --reportlint pointing at one)
Every reportlint row except "cached" and "first run" runs with --no-cache (when the installed
reportlint has it). --wheel builds a wheel of this checkout (`python -m build`, as CI and a
release do: the built-in packs and jieba's table prebuilt inside it), installs it into a new venv
in the work dir and times that console script; without it, the one next to this Python (an
editable install has no prebuilt data: its first run builds them).
Inputs: ONE (r0004.txt, 7.4 KB), CORPUS (1000 reports, 7.4 MB, one call), BIG (one 7.4 MB file),
MANY (10,000 reports, one call, default -j: for its peak memory; --many-runs rounds, no warm-up;
not in the default groups).

The work dir (default $XDG_CACHE_HOME/reportlint-bench) lies outside the repository: it holds the
corpus, the dictionary and node_modules. Set-up needs npm for textlint (skipped with a note
when npm is missing or --no-textlint is given). Paired ratios are medians of the per-round ratios.
Peak memory is the largest resident set of the process or any child it waited for (ru_maxrss).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANCHORS = ROOT.parent / "shared" / "bench"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
TEXTLINT = ("textlint@15.8.0", "textlint-rule-prh@6.1.0", "autocorrect-node@2.14.0")   # the anchors' versions
# Anchor medians from ../shared/bench/ANCHORS.md (wall seconds), for a sanity line in the output.
ANCHOR_WALL = {"floor": {"-": 0.010}, "naive": {"ONE": 0.057, "CORPUS": 0.658, "BIG": 0.629},
               "textlint": {"ONE": 0.333, "CORPUS": 3.372, "BIG": 1.432}}


# ---- set-up --------------------------------------------------------------------------------
def default_work() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / "reportlint-bench"


def setup(work: Path, seeds: Path, anchors: Path, textlint: bool, many: bool = False) -> list[str]:
    """Build the work dir once (corpus, big file, dictionary, textlint). Returns notes."""
    notes = []
    work.mkdir(parents=True, exist_ok=True)
    for name in ("naive.py",):
        shutil.copyfile(anchors / "scripts" / name, work / name)
    dicts = anchors / "dict"
    shutil.copyfile(dicts / "typos.yaml", work / "typos.yaml")
    shutil.copyfile(dicts / "prh.yml", work / "prh.yml")
    shutil.copyfile(dicts / "textlintrc.json", work / ".textlintrc.json")
    shutil.copyfile(dicts / "autocorrectrc_typos.yml", work / "autocorrectrc_typos.yml")
    write_dictionary_pack(dicts / "typos.yaml", work / "rl-dict")
    corpus = work / "corpus"
    if not (corpus / "r0999.txt").exists() or not (work / "big.txt").exists():
        subprocess.run([sys.executable, str(anchors / "scripts" / "build_corpus.py"), str(seeds),
                        str(work), "1000", "200"], check=True, stdout=subprocess.DEVNULL)
    if many and not (work / "many" / "corpus" / "r9999.txt").exists():
        subprocess.run([sys.executable, str(anchors / "scripts" / "build_corpus.py"), str(seeds),
                        str(work / "many"), "10000", "1"], check=True, stdout=subprocess.DEVNULL)
    tl = work / "node" / "node_modules" / ".bin" / "textlint"
    if textlint and not tl.exists():
        npm = shutil.which("npm")
        if npm is None:
            notes.append("npm not found: textlint+prh not measured")
        else:
            node = work / "node"
            node.mkdir(exist_ok=True)
            if not (node / "package.json").exists():
                (node / "package.json").write_text('{"name": "rl-bench", "private": true}\n')
            proc = subprocess.run([npm, "install", "--no-audit", "--no-fund", *TEXTLINT], cwd=node,
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                notes.append("npm install failed: textlint+prh not measured\n" + proc.stderr[-2000:])
    if ((work / "node_modules").is_symlink() or not (work / "node_modules").exists()) \
            and (work / "node" / "node_modules").exists():
        link = work / "node_modules"
        if link.is_symlink():
            link.unlink()
        link.symlink_to(work / "node" / "node_modules")
    return notes


def install_wheel(work: Path) -> str:
    """A wheel of this checkout installed into a new venv under the work dir: its console script."""
    out = work / "wheel"
    shutil.rmtree(out, ignore_errors=True)

    def run(*argv) -> None:
        proc = subprocess.run([str(a) for a in argv], capture_output=True, text=True)
        if proc.returncode:
            sys.exit(f"{' '.join(map(str, argv[:4]))} … failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    run(sys.executable, "-m", "build", "--wheel", "--outdir", out / "dist", ROOT)
    run(sys.executable, "-m", "venv", out / "venv")
    run(out / "venv" / "bin" / "python", "-m", "pip", "install", "-q", next((out / "dist").glob("reportlint-*.whl")))
    return str(out / "venv" / "bin" / "reportlint")


def write_dictionary_pack(typos: Path, folder: Path) -> None:
    """The anchors' 300 pairs as one reportlint rule of kind substitution."""
    import json

    import yaml
    pairs = yaml.safe_load(typos.read_text(encoding="utf-8"))["pairs"]
    folder.mkdir(exist_ok=True)
    swap = "".join(f"  {json.dumps(p['wrong'], ensure_ascii=False)}: {json.dumps(p['right'], ensure_ascii=False)}\n"
                   for p in pairs)
    (folder / "bench-typos.yaml").write_text(
        "id: bench-typos\nkind: substitution\ncategory: typo\nseverity: error\n"
        'message: "疑似错别字：“{found}”应为“{expected}”"\ndescription: 基准测试的 300 对错别字。\nwhy: 基准测试。\n'
        f"swap:\n{swap}examples:\n  bad: [{json.dumps(pairs[0]['wrong'], ensure_ascii=False)}]\n"
        "  good: [\"无\"]\n", encoding="utf-8")


# ---- measuring -------------------------------------------------------------------------------
FRESH = "{fresh}"    # in an argument: replaced by a new, empty folder for each run


def once(argv: list[str], cwd: Path, env: dict) -> dict:
    fresh = None
    if any(FRESH in a for a in argv):
        import tempfile
        fresh = tempfile.mkdtemp(prefix="fresh-", dir=cwd)
        argv = [a.replace(FRESH, fresh) for a in argv]
    t0 = time.monotonic()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=null, stderr=null)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if fresh:
        shutil.rmtree(fresh, ignore_errors=True)
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak": ru.ru_maxrss / 1024,
            "rc": os.waitstatus_to_exitcode(status)}


def measure(cmds: dict[str, list[str]], cwd: Path, env: dict, runs: int, warmup: int = 1) -> dict:
    """Run every command in turn, round after round; per command the list of runs."""
    out = {name: [] for name in cmds}
    for r in range(warmup + runs):
        for name, argv in cmds.items():
            m = once(argv, cwd, env)
            if r >= warmup:
                out[name].append(m)
    return out


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def paired(a: list[dict], b: list[dict], key: str = "wall") -> float:
    return statistics.median(x[key] / y[key] for x, y in zip(a, b) if y[key] > 0)


def count_output(argv: list[str], cwd: Path, env: dict) -> tuple[int, int]:
    """(exit code, lines on stdout) of one extra run, to show the tools did real work."""
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True)
    return proc.returncode, proc.stdout.count(b"\n")


# ---- main ------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=default_work())
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--anchors", type=Path, default=ANCHORS)
    ap.add_argument("-n", "--runs", type=int, default=5)
    ap.add_argument("--groups", default="one,corpus,big", help="comma list of one, corpus, big, many")
    ap.add_argument("--many-runs", type=int, default=1, help="rounds of MANY (10,000 reports; no warm-up)")
    ap.add_argument("--j1", action="store_true", help="also CORPUS with -j 1 (the longest row: ~20 s a round)")
    ap.add_argument("--no-textlint", action="store_true")
    ap.add_argument("--default-rules", action="store_true",
                    help="also time the default selection on CORPUS and BIG (ONE always)")
    ap.add_argument("--reportlint", default=str(Path(sys.executable).with_name("reportlint")),
                    help="the console script to time (default: next to this Python)")
    ap.add_argument("--wheel", action="store_true",
                    help="build a wheel of this checkout, install it into a new venv in the work dir and time it")
    ap.add_argument("--out", type=Path, help="also write the markdown tables here")
    a = ap.parse_args()

    work = a.work.resolve()
    groups = [g.strip().upper() for g in a.groups.split(",") if g.strip()]
    notes = setup(work, a.seeds, a.anchors, not a.no_textlint, many="MANY" in groups)
    if a.wheel:
        print("== building and installing a wheel of this checkout", file=sys.stderr, flush=True)
        a.reportlint = install_wheel(work)
    # An installed package has its .pyc compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile stale modules from source in every measured run.
    import reportlint
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(reportlint.__file__).parent)],
                   check=True, stdout=subprocess.DEVNULL)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("REPORTLINT_NO_CACHE", None)
    env.pop("REPORTLINT_CACHE_DIR", None)      # the cache folder is XDG_CACHE_HOME's (the first run's is new)
    py = sys.executable
    help_text = subprocess.run([a.reportlint, "check", "--help"], capture_output=True, text=True).stdout
    has_jobs = "--jobs" in help_text or " -j" in help_text
    has_cache = "--no-cache" in help_text
    rl_cached = [a.reportlint, "check", "--isolated", "--no-source", "-q"]
    rl = [*rl_cached, "--no-cache"] if has_cache else rl_cached
    tl_bin = work / "node_modules" / ".bin" / "textlint"
    have_tl = tl_bin.exists() and not a.no_textlint
    ac_bin = work / "node_modules" / ".bin" / "autocorrect"
    have_ac = ac_bin.exists() and not a.no_textlint
    inputs = {"ONE": ["corpus/r0004.txt"],
              "CORPUS": sorted(str(p.relative_to(work)) for p in (work / "corpus").glob("*.txt")),
              "BIG": ["big.txt"], "MANY": ["many/corpus"]}

    results: dict[str, dict] = {}
    counts: dict[tuple, tuple] = {}
    floor = measure({"floor": [py, "-c", "pass"]}, work, env, a.runs)["floor"]
    for g in groups:
        files = inputs[g]
        cmds = {"reportlint": [*rl, "--select", "all", *files]}
        if g == "MANY":     # peak memory of a long run (the folder is walked: 10,000 .txt files)
            print(f"== {g}: 10000 files; reportlint", file=sys.stderr, flush=True)
            results[g] = measure(cmds, work, env, a.many_runs, warmup=0)
            continue
        if g == "ONE" or a.default_rules:
            cmds["reportlint-default"] = [*rl, *files]
        if g == "ONE":     # an empty cache folder each time, results cache on: the first run after pip install
            cmds["reportlint first run"] = ["env", f"XDG_CACHE_HOME={FRESH}", *rl_cached, "--select", "all", *files]
        cmds["reportlint dict"] = [*rl, "--pack", "rl-dict", *files]
        if g == "CORPUS" and has_cache:     # a re-run over unchanged files (the warm-up fills the cache)
            cmds["reportlint cached"] = [*rl_cached, "--select", "all", *files]
        cmds["naive"] = [py, "naive.py", "typos.yaml", *files]
        if have_tl:
            cmds["textlint"] = [str(tl_bin), "--no-color", "--format", "unix", *files]
        if have_ac:
            cmds["autocorrect"] = [str(ac_bin), "--lint", "--format", "json", "--config",
                                   "autocorrectrc_typos.yml", *files]
        if g == "CORPUS" and has_jobs:
            if a.j1:
                cmds["reportlint -j 1"] = [*rl, "--select", "all", "-j", "1", *files]
            cmds["reportlint -j 2"] = [*rl, "--select", "all", "-j", "2", *files]
        print(f"== {g}: {len(files)} file(s); {', '.join(cmds)}", file=sys.stderr, flush=True)
        results[g] = measure(cmds, work, env, a.runs)
        for name in ("reportlint", "reportlint-default", "reportlint dict"):
            if name in cmds:
                counts[(g, name)] = count_output(cmds[name], work, env)

    # ---- tables ----
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores; "
             f"median of {a.runs} after 1 warm-up, tools alternated; reportlint = `{' '.join(rl[1:])}`"
             f" ({a.reportlint}).", ""]
    lines += table(results, groups, floor)
    lines.append("")
    lines += targets(results, groups)
    lines.append("")
    lines.append("Findings printed by reportlint (lines of output; exit code): " + "; ".join(
        f"{g} {name}: {n} (exit {rc})" for (g, name), (rc, n) in counts.items()))
    lines.append("Anchor medians (ANCHORS.md) for comparison: naive ONE/CORPUS/BIG 0.057/0.658/0.629 s, "
                 "textlint+prh 0.333/3.372/1.432 s, python floor 0.010 s.")
    if not has_jobs:
        lines.append("`-j` is not in `reportlint check --help` yet: -j 1 vs -j 2 not measured.")
    lines += notes
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        a.out.write_text(text, encoding="utf-8")
    return 0


def table(results: dict, groups: list[str], floor: list[dict]) -> list[str]:
    """One row per tool and input: medians and the paired ratios to naive and textlint."""
    lines = ["| tool | input | wall s | cpu s | peak MiB | wall / naive | wall / textlint |",
             "|---|---|---|---|---|---|---|",
             f"| python -c pass | – | {median(floor, 'wall'):.3f} | {median(floor, 'cpu'):.3f} | "
             f"{median(floor, 'peak'):.1f} | | |"]
    for g in groups:
        res = results[g]
        for name, runs in res.items():
            if "naive" not in res:
                lines.append(f"| {name} | {g} | {median(runs, 'wall'):.3f} | {median(runs, 'cpu'):.3f} | "
                             f"{median(runs, 'peak'):.1f} | – | – |")
                continue
            vs_naive = paired(runs, res["naive"]) if name != "naive" else 1.0
            vs_tl = (f"{paired(runs, res['textlint']):.2f}" if "textlint" in res and name != "textlint"
                     else ("1" if name == "textlint" else "–"))
            lines.append(f"| {name} | {g} | {median(runs, 'wall'):.3f} | {median(runs, 'cpu'):.3f} | "
                         f"{median(runs, 'peak'):.1f} | {vs_naive:.2f} | {vs_tl} |")
    return lines


def targets(results: dict, groups: list[str]) -> list[str]:
    """Issue 18's targets that this harness measures, each with the paired ratio and pass/fail
    (per-report cost: bench/per_file.py; linearity: bench/scaling.py; the editor: lsp_latency.py)."""
    rows = ["| target | measured | met |", "|---|---|---|"]

    def add(label, value, limit, less=True):
        ok = value <= limit if less else value < limit
        rows.append(f"| {label} | {value:.2f} | {'yes' if ok else '**no**'} |")

    one, corpus, big = results.get("ONE"), results.get("CORPUS"), results.get("BIG")
    if one:
        add("ONE: reportlint (all rules, warm) / naive ≤ 1.2", paired(one["reportlint"], one["naive"]), 1.2)
        add("ONE: reportlint dict / naive ≤ 1.0", paired(one["reportlint dict"], one["naive"]), 1.0)
        if "textlint" in one:
            add("ONE: reportlint dict / textlint+prh ≤ 0.2", paired(one["reportlint dict"], one["textlint"]), 0.2)
        if "reportlint first run" in one:
            add("ONE: first run (empty cache folder), wall s ≤ 1.0", median(one["reportlint first run"], "wall"), 1.0)
    if corpus:
        if "reportlint cached" in corpus:
            add("CORPUS: re-run with the results cache / naive ≤ 0.5",
                paired(corpus["reportlint cached"], corpus["naive"]), 0.5)
        if "reportlint -j 2" in corpus and "textlint" in corpus:
            add("CORPUS: cold, all rules, -j 2 / textlint+prh ≤ 0.5",
                paired(corpus["reportlint -j 2"], corpus["textlint"]), 0.5)
    if big and "textlint" in big:
        add("BIG: reportlint (all rules) / textlint+prh ≤ 1.0", paired(big["reportlint"], big["textlint"]), 1.0)
    if results.get("MANY"):
        add("MANY: 10,000 reports, peak MiB (largest process) ≤ 120", median(results["MANY"]["reportlint"], "peak"), 120)
    return rows


if __name__ == "__main__":
    sys.exit(main())
