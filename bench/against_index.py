#!/usr/bin/env python3
"""`--against` a folder of many reports: the first run (the index is built and kept) and the
next one (the kept index is opened), wall and CPU seconds and peak memory.

    python bench/against_index.py                  # 10,000 and 5,000 references
    python bench/against_index.py --sizes 1000

The references are synthetic reports made here from our own phrase lists (a few thousand
characters each, every one a different unit; near-duplicate sentences on purpose, the hard case
for the near-match index), written once under /tmp/reportlint-bench-against/N. The draft copies
the introduction and two paragraphs of one reference with its unit's name and a few words
changed: each run must find it (copied-from-other-report) and give the share line
(similar-to-other-report). Every run gets a fresh cache folder for the first run and keeps it
for the second; `--no-cache` keeps the results cache out of it, so the second run is what a
new draft meets: the kept index opened and looked up. Figures depend on the machine's load: say it next to them.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path("/tmp/reportlint-bench-against")
PLACES = ["青石", "白沙", "东升", "西河", "南岭", "北坡", "柳溪", "松林", "桃源", "杏花", "云台", "石门", "金川", "银湖", "凤鸣", "龙泉", "鹤山", "梅岭", "竹园", "兰亭"]
SUFFIX = ["镇", "乡", "街道"]
VERBS = ["加强", "推进", "完善", "落实", "健全", "深化", "强化", "规范", "提升", "优化", "开展", "组织", "建立", "坚持", "推动", "压实"]
OBJECTS = ["法治宣传教育", "行政执法监督", "合法性审查", "矛盾纠纷排查", "重大行政决策程序", "政务公开工作", "普法责任制", "法律顾问制度", "行政复议应诉", "基层依法治理", "执法人员培训", "信访事项办理", "安全生产检查", "社会治安防控", "村规民约修订", "公共法律服务", "调解组织建设", "领导干部学法", "规范性文件备案", "执法证件管理"]
TAILS = ["取得明显成效", "群众满意度不断提升", "形成长效机制", "实现全覆盖", "营造良好法治环境", "确保工作落到实处", "有效防范法律风险", "推动工作提质增效", "筑牢基层法治根基", "提高依法行政水平"]
UNITS = ["次", "场", "件", "人次", "份", "个"]


def _sentence(rng: random.Random, name: str) -> str:
    v, o, t = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)
    n, u = rng.randint(2, 900), rng.choice(UNITS)
    return rng.choice([
        f"{name}{v}{o}，全年开展相关活动{n}{u}，{t}。",
        f"围绕{o}，{v}{rng.choice(OBJECTS)}，{t}，累计覆盖{n}{u}。",
        f"{v}{o}与{rng.choice(OBJECTS)}相结合，{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{t}。",
        f"全年共{v}{o}{n}{u}，{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{t}。"])


def report(rng: random.Random, name: str, year: int = 2024) -> str:
    parts = [f"{name}{year}年法治政府建设情况报告",
             f"{year}年，{name}在上级党委、政府的坚强领导下，深入学习贯彻习近平法治思想，"
             f"紧紧围绕全年目标任务，扎实推进法治政府建设各项工作。"]
    for head in ("一、主要举措和成效", "二、党政主要负责人履行推进法治建设第一责任人职责情况",
                 "三、存在的不足和原因", f"四、{year + 1}年工作安排"):
        parts.append(head)
        parts.extend("".join(_sentence(rng, name) for _ in range(rng.randint(3, 5))) for _ in range(4))
    return "\n".join(parts) + "\n"


def references(n: int) -> Path:
    folder = ROOT / str(n)
    if len(list(folder.glob("*.txt"))) == n:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    for i in range(n):
        name = rng.choice(PLACES) + rng.choice(PLACES) + f"{i}" + rng.choice(SUFFIX)
        (folder / f"r{i:05d}.txt").write_text(report(rng, name), encoding="utf-8")
    return folder


def draft(folder: Path) -> Path:
    """Reference r00042 with its unit's name changed and a word changed in every sentence."""
    text = (folder / "r00042.txt").read_text(encoding="utf-8")
    name = text.split("2024年", 1)[0]
    lines = text.replace(name, "新安镇").splitlines()
    changed = [ln.replace("取得明显成效", "成效明显").replace("全年", "一年来") for ln in lines[:8]]
    out = Path(tempfile.mkdtemp(prefix="against-draft-")) / "draft.txt"
    out.write_text("\n".join(changed + ["五、其他", "今年新建法治文化广场一处。"]) + "\n", encoding="utf-8")
    return out


def run(draft_path: Path, folder: Path, cache: str) -> dict:
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
            "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(time.perf_counter() - t, r.ru_utime + r.ru_stime, r.ru_maxrss); print(p.stdout)")
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    env.pop("REPORTLINT_CACHE_DIR", None)
    env.pop("REPORTLINT_NO_CACHE", None)
    out = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "reportlint.cli", str(draft_path),
                          "--against", str(folder), "--select", "duplicate", "--format", "json",
                          "--no-cache"],
                         capture_output=True, text=True, env=env, check=True).stdout
    head, body = out.split("\n", 1)
    wall, cpu, rss = head.split()
    findings = json.loads(body)["findings"]
    return {"wall": float(wall), "cpu": float(cpu), "peak_mib": int(rss) / 1024,
            "copies": sum(f["rule"] == "copied-from-other-report" for f in findings),
            "shares": [f["message"] for f in findings if f["rule"] == "similar-to-other-report"]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,5000")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for n in (int(x) for x in args.sizes.split(",")):
        folder = references(n)
        target = draft(folder)
        with tempfile.TemporaryDirectory(prefix="against-cache-") as cache:
            for label in ("first run (builds the index)", "second run (opens it)"):
                r = run(target, folder, cache)
                print(f"{n:>6} references, {label}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, "
                      f"peak {r['peak_mib']:.0f} MiB; {r['copies']} copied passages; {'; '.join(r['shares'])}")


if __name__ == "__main__":
    main()
