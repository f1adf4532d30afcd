#!/usr/bin/env python3
"""Rebuild the look-alike characters table (src/reportlint/kinds/_lib/data/spelling/shapes.tsv)
from glyphs: every character the spelling check can meet is drawn with a CJK font and compared
with the common characters by picture.

    pip install -e '.[build-data]'     # Pillow and numpy: this script only, never the runtime
    python scripts/build_shape_data.py [--font /usr/share/fonts/truetype/wqy/wqy-microhei.ttc]

Characters: GB2312 levels 1 and 2 and the spelling data's character list (chars.txt). Each is
drawn at 64 px, centred on the font's em box (so that 己 and 已, or a left and a right
component, keep their place), blurred (Gaussian, sigma 2 px: a stroke a little longer or a
gap a little wider still overlaps) and compared by the cosine of the mean-centred images. For
each character its TOP_K most similar common characters (the 4,000 most frequent of chars.txt:
a slip stands for a common character) with a similarity >= THRESHOLD are its look-alikes; the
relation is made symmetric and each character keeps at most MAX_ROW of them, most similar
first (pairs taken greedily by similarity while both ends have room).

Output: one line per character, "ch<TAB>look-alikes, most similar first". scripts/
build_spelling_data.py merges it into the confusion sets; the runtime never reads a font.
The font (WenQuanYi Micro Hei, Debian fonts-wqy-microhei: Apache-2.0 or GPL-3 with the font
exception) only supplies the pictures compared; no glyph is shipped.
"""
from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "spelling"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SIZE = 64            # pixels per em
SIGMA = 2.0          # blur, pixels
TOP_K = 4            # look-alikes asked per character
THRESHOLD = 0.80     # cosine of the blurred glyphs
MAX_ROW = 8          # look-alikes kept per character after symmetrising
COMMON = 4000        # the characters a slip may stand for (the spelling check's _COMMON)


def gb2312() -> list[str]:
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def glyphs(chars: list[str], font_path: Path):
    """(the characters the font draws, their blurred, mean-centred, unit-length pictures)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path), SIZE, index=0)
    pad = SIZE // 4
    side = SIZE + 2 * pad
    drawn, pictures = [], []
    for ch in chars:
        if not font.getmask(ch).getbbox():
            continue                     # not in the font: no picture to compare
        im = Image.new("L", (side, side), 0)
        ImageDraw.Draw(im).text((side // 2, side // 2), ch, font=font, fill=255, anchor="mm")
        drawn.append(ch)
        pictures.append(np.asarray(im, dtype=np.float32) / 255)
    stack = _blur(np.stack(pictures), SIGMA)
    n = len(drawn)
    # halve the resolution (the blur has removed the detail) to keep the comparison cheap
    stack = stack.reshape(n, side // 2, 2, side // 2, 2).mean(axis=(2, 4)).reshape(n, -1)
    stack -= stack.mean(axis=1, keepdims=True)
    stack /= np.linalg.norm(stack, axis=1, keepdims=True)
    return drawn, stack


def _blur(stack, sigma: float):
    """Separable Gaussian blur of a stack of pictures (n, h, w)."""
    import numpy as np

    r = int(3 * sigma)
    x = np.arange(-r, r + 1)
    kernel = np.exp(-x ** 2 / (2 * sigma ** 2))
    kernel /= kernel.sum()
    out = stack
    for axis in (1, 2):
        pad = [(0, 0)] * 3
        pad[axis] = (r, r)
        padded = np.pad(out, pad)
        acc = np.zeros_like(stack)
        for j, w in enumerate(kernel):
            acc += w * (padded[:, j:j + stack.shape[1], :] if axis == 1 else padded[:, :, j:j + stack.shape[2]])
        out = acc
    return out


def look_alikes(chars: list[str], pictures, common: set[str], top_k: int = TOP_K,
                threshold: float = THRESHOLD, max_row: int = MAX_ROW) -> dict[str, list[str]]:
    """ch -> its look-alikes, most similar first: a symmetric relation, no character its own
    look-alike, at most max_row per character."""
    import numpy as np

    cols = [k for k, c in enumerate(chars) if c in common]
    candidates = []                              # (similarity, a, b)
    for start in range(0, len(chars), 1024):     # blocks: the full matrix would be ~300 MB
        block = pictures[start:start + 1024] @ pictures[cols].T
        for r, i in enumerate(range(start, start + len(block))):
            row = block[r]
            best = np.argpartition(-row, top_k + 1)[:top_k + 1]
            ranked = sorted((j for j in best if cols[j] != i), key=lambda j: -row[j])[:top_k]
            candidates += [(float(row[j]), chars[i], chars[cols[j]]) for j in ranked if row[j] >= threshold]
    rows: dict[str, list[tuple[float, str]]] = {}
    seen = set()
    for sim, a, b in sorted(candidates, key=lambda t: (-t[0], t[1], t[2])):
        key = (a, b) if a < b else (b, a)
        if key in seen:
            continue
        seen.add(key)
        ra, rb = rows.setdefault(a, []), rows.setdefault(b, [])
        if len(ra) < max_row and len(rb) < max_row:
            ra.append((sim, b))
            rb.append((sim, a))
    return {ch: [c for _, c in sorted(row, key=lambda t: (-t[0], t[1]))] for ch, row in rows.items() if row}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--font", type=Path, default=FONT)
    ap.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT.relative_to(ROOT)})")
    a = ap.parse_args()
    ranked = (OUT / "chars.txt").read_text(encoding="utf-8").strip()     # the shipped character list
    chars = sorted(set(gb2312()) | set(ranked))
    drawn, pictures = glyphs(chars, a.font)
    table = look_alikes(drawn, pictures, set(ranked[:COMMON]))
    lines = [f"{ch}\t{''.join(row)}\n" for ch, row in sorted(table.items())]
    (a.out / "shapes.tsv").write_text(
        f"# look-alike characters, by glyph similarity ({a.font.name}); built by scripts/build_shape_data.py\n"
        + "".join(lines), encoding="utf-8")
    print(f"{len(drawn)} characters drawn, {len(table)} with look-alikes, "
          f"{sum(len(r) for r in table.values()) // 2} pairs -> {a.out / 'shapes.tsv'}")


if __name__ == "__main__":
    main()
