#!/usr/bin/env python3
"""The language server as an editor feels it: time from a change of a draft to its diagnostics.

    python bench/lsp_latency.py [DRAFT] [-n 200] [--interval 0.1] [--debounce-ms 0]

Starts `reportlint lsp` (pygls) over stdio with the client of tests/helpers/lsp_client.py,
opens the draft (default: the seed report closest to 7 KB), then types: every `interval`
seconds one character is inserted at a random place (an incremental didChange with a new
version), and the time until the server publishes diagnostics for that version is recorded.
The first 10 changes warm the server up and are left out. Prints p50 / p95 / max in ms.
Wall time on a shared machine: run it when the machine is quiet, or read p50 beside p95.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def default_draft() -> Path:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        return ROOT / "examples" / "bad-draft.txt"
    return min(seeds, key=lambda p: abs(p.stat().st_size - 7 * 1024))


def main() -> int:
    from helpers.lsp_client import LspClient

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("draft", nargs="?", type=Path, default=None)
    ap.add_argument("-n", "--changes", type=int, default=200)
    ap.add_argument("--interval", type=float, default=0.1, help="seconds between keystrokes")
    ap.add_argument("--debounce-ms", type=float, default=0)
    a = ap.parse_args()
    draft = (a.draft or default_draft()).resolve()
    text = draft.read_text(encoding="utf-8")
    lines = text.split("\n")
    rnd = random.Random(18)
    client = LspClient([sys.executable, "-m", "reportlint.cli", "lsp"], cwd=draft.parent)
    client.initialize(draft.parent.as_uri(), {"debounce_ms": a.debounce_ms})
    uri = draft.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                              "version": 1, "text": text}})
    client.diagnostics(uri, 1, timeout=120)
    import time
    latencies, counts = [], []
    for v in range(2, a.changes + 2):
        no = rnd.randrange(len(lines))
        col = rnd.randrange(len(lines[no]) + 1)
        ch = rnd.choice("的了在和是")
        lines[no] = lines[no][:col] + ch + lines[no][col:]
        sent = client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{"range": {"start": {"line": no, "character": col},
                                          "end": {"line": no, "character": col}}, "text": ch}]})
        at, diags = client.diagnostics(uri, v, timeout=60)
        if v > 11:
            latencies.append((at - sent) * 1000)
            counts.append(len(diags))
        time.sleep(max(0.0, a.interval - (time.perf_counter() - sent)))
    client.close()
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(f"{draft.name} ({len(text.encode('utf-8')) / 1024:.1f} KB), {len(latencies)} changes every "
          f"{a.interval * 1000:.0f} ms, debounce {a.debounce_ms:g} ms, {statistics.median(counts):.0f} diagnostics: "
          f"change -> diagnostics p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
          f"max {latencies[-1]:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
