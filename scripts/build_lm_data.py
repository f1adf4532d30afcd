#!/usr/bin/env python3
"""Rebuild the word language model's table (src/reportlint/kinds/_lib/data/lm/).

    apt-get install libime-data-language-model
    python scripts/build_lm_data.py [--libime /usr/lib/x86_64-linux-gnu/libime/zh_CN.lm]

Input: zh_CN.lm, the Mandarin word trigram model of fcitx5's input method (libime; Debian package
libime-data-language-model; LGPL-2.1+), a KenLM binary of type "trie with quantization and
array-compressed pointers". This script reads that format itself (kpu/kenlm: lm/binary_format.cc,
lm/search_trie.cc, lm/trie.cc, lm/quantize.hh, lm/bhiksha.cc) and keeps its unigrams and bigrams;
the trigrams are left out. Outputs:

    vocab.marisa the words (<unk> included) as a MARISA trie (marisa-trie); a word's key id is its id
    lm.bin       little-endian, 4-byte aligned, read through a memory map (lm.py):
                 header  b"RLLM0001", uint32 words, uint32 bigrams, uint32 id of <unk>, uint32 0
                 float32[256]        the bigram log10-probabilities (KenLM's 8-bit bins, kept as is)
                 float32[words]      unigram log10 P(w)
                 float32[words]      unigram log10 backoff b(w)
                 uint32[words + 1]   where each left word's bigrams start in the next array
                 uint32[bigrams]     right word id << 8 | bin, sorted by right word id per left word
    LICENSE-libime.txt  where it comes from, and the LGPL-2.1 text

All 1.98 M bigrams are kept (8.3 MB zipped); the 8-bit bins are KenLM's own, so nothing is lost.
"""
from __future__ import annotations

import argparse
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "lm"
LIBIME_LM = Path("/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm")
LGPL = Path("/usr/share/common-licenses/LGPL-2.1")
MAGIC = b"RLLM0001"
KENLM_MAGIC = b"mmap lm http://kheafield.com/code format version 5\n\0"
QUANT_ARRAY_TRIE = 5

NOTICE = """\
vocab.marisa and lm.bin are derived from the Mandarin language model zh_CN.lm of libime (fcitx5;
Debian package libime-data-language-model), Copyright 2015-2022 CSSlayer <wengxt@gmail.com>,
licensed under the GNU Lesser General Public License, version 2.1 or (at your option) any later
version. They hold the model's words, unigram and bigram log-probabilities and backoff weights,
converted to another file layout by scripts/build_lm_data.py (the trigrams were left out).
They are distributed under the same licence, as separate data files; its text follows.

"""


def required_bits(value: int) -> int:
    return value.bit_length()


class KenLM:
    """The unigrams and bigrams of a KenLM QuantArrayTrie binary (little-endian, x86-64 build)."""

    def __init__(self, path: Path):
        raw = path.read_bytes()
        if not raw.startswith(KENLM_MAGIC):
            raise SystemExit(f"{path}: not a KenLM binary (format version 5)")
        sanity = (len(KENLM_MAGIC) + 1 + 7) // 8 * 8 + 24 + 8      # struct Sanity
        order, _mult, model_type, _vocab, _version = struct.unpack_from("<B3xfIB3xI", raw, sanity)
        if model_type != QUANT_ARRAY_TRIE or order < 3:
            raise SystemExit(f"{path}: KenLM model type {model_type}, order {order}: expected a "
                             "quantized array trie of order >= 3")
        counts = struct.unpack_from(f"<{order}Q", raw, sanity + 20)
        pos = (sanity + 20 + 8 * order + 7) // 8 * 8                  # TotalHeaderSize
        pos += 8 + 8 * counts[0]                                       # SortedVocabulary
        # SeparatelyQuantize: 8-byte header, then per middle order prob bins and backoff bins
        qversion, prob_bits, backoff_bits = raw[pos], raw[pos + 1], raw[pos + 2]
        if qversion != 2:
            raise SystemExit(f"{path}: quantization version {qversion}, expected 2")
        self.bins = struct.unpack_from(f"<{1 << prob_bits}f", raw, pos + 8)
        pos += 8 + (order - 2) * 4 * ((1 << prob_bits) + (1 << backoff_bits)) + 4 * (1 << prob_bits)
        # unigrams: (float prob, float backoff, uint64 first bigram), count + 2 records
        self.unigrams = [struct.unpack_from("<ffQ", raw, pos + 16 * i) for i in range(counts[0] + 1)]
        pos += 16 * (counts[0] + 2)
        # the bigram level: ArrayBhiksha table, then bit-packed (word, backoff bin, prob bin, next)
        bhiksha_bits = raw[pos + 1]
        max_offset, max_next = counts[1] + 1, counts[2]
        need = required_bits(max_next)
        chop = min(range(min(need, bhiksha_bits) + 1),
                   key=lambda c: ((max_next >> (need - c)) * 64 - max_offset * c, c))
        pos += 8 * (1 + (max_next >> (need - chop)) + 1) + 7
        self.word_bits = required_bits(counts[0])
        self.backoff_bits, self.prob_bits = backoff_bits, prob_bits
        self.entry_bits = self.word_bits + backoff_bits + prob_bits + need - chop
        self.packed = raw[pos:pos + (counts[1] * self.entry_bits + 7) // 8 + 8]
        self.counts = counts
        # the words, NUL-separated, in id order after the structures
        start = raw.rfind(b"\0<unk>\0")
        self.words = [w.decode("utf-8") for w in raw[start + 1:].split(b"\0")[:counts[0]]]
        if len(self.words) != counts[0]:
            raise SystemExit(f"{path}: {len(self.words)} words, the header says {counts[0]}")

    def bigrams(self):
        """(left id, right id, bin) for every bigram. KenLM's trie is reversed: the entries under
        unigram r are the words l that precede r, holding P(r | l)."""
        packed, bits = self.packed, self.entry_bits
        word_mask = (1 << self.word_bits) - 1
        prob_shift = self.word_bits + self.backoff_bits
        prob_mask = (1 << self.prob_bits) - 1
        uni = self.unigrams
        for right in range(self.counts[0]):
            for k in range(uni[right][2], uni[right + 1][2]):
                off = k * bits
                x = int.from_bytes(packed[off >> 3:(off >> 3) + 8], "little") >> (off & 7)
                yield x & word_mask, right, x >> prob_shift & prob_mask


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--libime", type=Path, default=LIBIME_LM,
                    help="zh_CN.lm of libime-data-language-model (apt-get install libime-data-language-model)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT.relative_to(ROOT)})")
    a = ap.parse_args()
    if not a.libime.exists():
        raise SystemExit(f"{a.libime}: not found (apt-get install libime-data-language-model)")
    lm = KenLM(a.libime)
    if lm.prob_bits != 8:
        raise SystemExit(f"{a.libime}: {lm.prob_bits}-bit probabilities, this layout keeps 8")
    import marisa_trie
    n = lm.counts[0]
    trie = marisa_trie.Trie(lm.words)
    new = [trie.key_id(w) for w in lm.words]        # KenLM id -> trie id
    prob, backoff = [0.0] * n, [0.0] * n
    for old, (p, b, _) in enumerate(lm.unigrams[:n]):
        prob[new[old]], backoff[new[old]] = p, b
    by_left: list[list[int]] = [[] for _ in range(n)]
    for left, right, b in lm.bigrams():
        by_left[new[left]].append(new[right] << 8 | b)
    offsets, entries = [0], []
    for row in by_left:
        entries.extend(sorted(row))
        offsets.append(len(entries))
    out = a.out
    out.mkdir(parents=True, exist_ok=True)
    trie.save(str(out / "vocab.marisa"))
    with open(out / "lm.bin", "wb") as fh:
        fh.write(MAGIC + struct.pack("<4I", n, len(entries), trie.key_id("<unk>"), 0))
        fh.write(struct.pack("<256f", *lm.bins))
        fh.write(struct.pack(f"<{n}f", *prob))
        fh.write(struct.pack(f"<{n}f", *backoff))
        fh.write(struct.pack(f"<{n + 1}I", *offsets))
        fh.write(struct.pack(f"<{len(entries)}I", *entries))
    licence = LGPL.read_text(encoding="utf-8") if LGPL.exists() else \
        "https://www.gnu.org/licenses/old-licenses/lgpl-2.1.txt\n"
    (out / "LICENSE-libime.txt").write_text(NOTICE + licence, encoding="utf-8")
    print(f"{n} words, {len(entries)} bigrams -> {out}")


if __name__ == "__main__":
    main()
