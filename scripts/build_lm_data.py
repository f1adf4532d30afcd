#!/usr/bin/env python3
"""Rebuild the word language model's table (src/reportlint/kinds/_lib/data/lm/).

    apt-get install libime-data-language-model
    python scripts/build_lm_data.py [--libime /usr/lib/x86_64-linux-gnu/libime/zh_CN.lm] [--ecspell DIR]

Input: zh_CN.lm, the Mandarin word trigram model of fcitx5's input method (libime; Debian package
libime-data-language-model; LGPL-2.1+), a KenLM binary of type "trie with quantization and
array-compressed pointers". This script reads that format itself (kpu/kenlm: lm/binary_format.cc,
lm/search_trie.cc, lm/trie.cc, lm/quantize.hh, lm/bhiksha.cc) and keeps all its n-grams. Outputs:

    vocab.marisa the words (<unk> included) as a MARISA trie (marisa-trie); a word's key id is its id
    lm.bin       little-endian, 4-byte aligned, read through a memory map (lm.py):
                 header  b"RLLM0002", uint32 words, bigrams, id of <unk>, contexts, trigrams, 0
                 float32[256]        the bigram log10-probabilities (KenLM's 8-bit bins, kept as is)
                 float32[256]        the trigram log10-probabilities (the same)
                 float32[words]      unigram log10 P(w)
                 float32[words]      unigram log10 backoff b(w)
                 uint32[words + 1]   where each left word's bigrams start in the next array
                 uint32[bigrams]     right word id << 8 | bin, sorted by right word id per left word
                 uint32[contexts]    the bigrams (a b) some trigram (a b c) extends, as their
                                     index in the bigram array, ascending
                 float32[contexts]   their log10 backoff b(a b)
                 uint32[contexts+1]  where each context's trigrams start in the next array
                 uint32[trigrams]    c << 8 | trigram bin, sorted by c per context
    homophones.tsv  written word <TAB> the words it may stand for: words of 2-4 Han characters
                 that differ from it in one character and read the same (toneless pinyin of the
                 word, pypinyin, MIT), are common (P >= 1e-6) and at least 10^0.5 times as
                 probable as it (the context_slip kind's candidates: 有线 -> 有限). A written
                 word the reports' own vocabulary lists (ECSpell's 公文 and law word lists, MIT;
                 the project's jieba_user.txt) is left out: 调解, 防控, 逾期 are meant as
                 written; so is one jieba's dictionary lacks (the IME's fragments 和成, 为一)
    LICENSE-libime.txt  where it comes from, and the LGPL-2.1 text

All 1.98 M bigrams and 0.63 M trigrams are kept; the 8-bit bins are KenLM's own, so nothing is lost.
"""
from __future__ import annotations

import argparse
import re
from bisect import bisect_left
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "lm"
LIBIME_LM = Path("/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm")
LGPL = Path("/usr/share/common-licenses/LGPL-2.1")
MAGIC = b"RLLM0002"
KENLM_MAGIC = b"mmap lm http://kheafield.com/code format version 5\n\0"
QUANT_ARRAY_TRIE = 5

NOTICE = """\
vocab.marisa, lm.bin and homophones.tsv are derived from the Mandarin language model zh_CN.lm of libime (fcitx5;
Debian package libime-data-language-model), Copyright 2015-2022 CSSlayer <wengxt@gmail.com>,
licensed under the GNU Lesser General Public License, version 2.1 or (at your option) any later
version. They hold the model's words, n-gram log-probabilities and backoff weights, converted to
another file layout by scripts/build_lm_data.py.
They are distributed under the same licence, as separate data files; its text follows.

"""


def required_bits(value: int) -> int:
    return value.bit_length()


class KenLM:
    """The n-grams of a KenLM QuantArrayTrie trigram binary (little-endian, x86-64 build)."""

    def __init__(self, path: Path):
        raw = path.read_bytes()
        if not raw.startswith(KENLM_MAGIC):
            raise SystemExit(f"{path}: not a KenLM binary (format version 5)")
        sanity = (len(KENLM_MAGIC) + 1 + 7) // 8 * 8 + 24 + 8      # struct Sanity
        order, _mult, model_type, _vocab, _version = struct.unpack_from("<B3xfIB3xI", raw, sanity)
        if model_type != QUANT_ARRAY_TRIE or order != 3:
            raise SystemExit(f"{path}: KenLM model type {model_type}, order {order}: expected a "
                             "quantized array trie of order 3")
        counts = struct.unpack_from(f"<{order}Q", raw, sanity + 20)
        pos = (sanity + 20 + 8 * order + 7) // 8 * 8                  # TotalHeaderSize
        pos += 8 + 8 * counts[0]                                       # SortedVocabulary
        # SeparatelyQuantize: 8-byte header, the bigram prob and backoff bins, the trigram bins
        qversion, prob_bits, backoff_bits = raw[pos], raw[pos + 1], raw[pos + 2]
        if qversion != 2 or prob_bits != 8 or backoff_bits != 8:
            raise SystemExit(f"{path}: quantization version {qversion} with {prob_bits}/{backoff_bits} "
                             "bits: expected version 2, 8-bit bins")
        self.bins = struct.unpack_from("<256f", raw, pos + 8)
        self.backoff_bins = struct.unpack_from("<256f", raw, pos + 8 + 1024)
        self.tri_bins = struct.unpack_from("<256f", raw, pos + 8 + 2048)
        pos += 8 + 3 * 1024
        # unigrams: (float prob, float backoff, uint64 first bigram), count + 2 records
        self.unigrams = [struct.unpack_from("<ffQ", raw, pos + 16 * i) for i in range(counts[0] + 1)]
        pos += 16 * (counts[0] + 2)
        # the bigram level: ArrayBhiksha (8-byte header, then the high bits of the next pointers
        # as a table of uint64 entry indexes), then bit-packed (word, backoff bin, prob bin,
        # low bits of the next pointer) entries
        bhiksha_bits = raw[pos + 1]
        max_offset, max_next = counts[1] + 1, counts[2]
        need = required_bits(max_next)
        chop = min(range(min(need, bhiksha_bits) + 1),
                   key=lambda c: ((max_next >> (need - c)) * 64 - max_offset * c, c))
        table = (max_next >> (need - chop)) + 1
        self.next_table = struct.unpack_from(f"<{table}Q", raw, (pos + 7) // 8 * 8 + 8)
        pos += 8 * (1 + table) + 7
        self.word_bits = required_bits(counts[0])
        self.inline_bits = need - chop
        self.entry_bits = self.word_bits + 16 + self.inline_bits
        size = ((1 + counts[1]) * self.entry_bits + 7) // 8 + 8
        self.packed = raw[pos:pos + size]
        pos += size
        # the trigram level: bit-packed (word, prob bin)
        self.tri_packed = raw[pos:pos + (counts[2] * (self.word_bits + 8) + 7) // 8 + 8]
        self.counts = counts
        # the words, NUL-separated, in id order after the structures
        start = raw.rfind(b"\0<unk>\0")
        self.words = [w.decode("utf-8") for w in raw[start + 1:].split(b"\0")[:counts[0]]]
        if len(self.words) != counts[0]:
            raise SystemExit(f"{path}: {len(self.words)} words, the header says {counts[0]}")

    def ngrams(self):
        """(left id, right id, prob bin, backoff bin, [(first id, prob bin), ...]) for every
        bigram, with the trigrams (first, left, right) that extend it to the left. KenLM's trie is
        reversed: the entries under unigram r are the words l that precede r, holding P(r | l),
        and the entries under (l, r) the words f of P(r | f l)."""
        packed, bits, inline = self.packed, self.entry_bits, self.inline_bits
        tri, tri_bits = self.tri_packed, self.word_bits + 8
        word_mask = (1 << self.word_bits) - 1
        table, hi = self.next_table, 0

        def field(buf, off):
            return int.from_bytes(buf[off >> 3:(off >> 3) + 8], "little") >> (off & 7)

        def next_pointer(k):          # ArrayBhiksha::ReadNext, with k only ever growing
            nonlocal hi
            while hi + 1 < len(table) and table[hi + 1] <= k:
                hi += 1
            return hi << inline | field(packed, k * bits + self.word_bits + 16) & ((1 << inline) - 1)

        uni = self.unigrams
        begin = next_pointer(0)
        for right in range(self.counts[0]):
            for k in range(uni[right][2], uni[right + 1][2]):
                x = field(packed, k * bits)
                end = next_pointer(k + 1)
                trigrams = []
                for t in range(begin, end):
                    y = field(tri, t * tri_bits)
                    trigrams.append((y & word_mask, y >> self.word_bits & 255))
                begin = end
                yield x & word_mask, right, x >> (self.word_bits + 8) & 255, \
                    x >> self.word_bits & 255, trigrams


HAN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
MIN_PARTNER = -6.0      # log10 P of a word offered as the one meant
MIN_LEAD = 0.5          # ... and how much more probable than the written word it must be


def bigram_index(offsets: list[int], entries: list[int], left: int, right: int) -> int:
    """Where the bigram (left, right) sits in the bigram entries."""
    lo, hi = offsets[left], offsets[left + 1]
    i = bisect_left(entries, right << 8, lo, hi)
    if i == hi or entries[i] >> 8 != right:
        raise SystemExit(f"trigram context ({left}, {right}) is no bigram of the model")
    return i


def domain_words(ecspell: Path) -> set[str]:
    """The words of government reports and law: ECSpell's 公文 and law lists, jieba_user.txt."""
    out = set()
    for name in ("wordlist_gongwen.txt", "wordlist_law.txt"):
        for line in (ecspell / name).read_text(encoding="utf-8").splitlines():
            out.add(line.split("\t")[0].strip())
    user = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "jieba_user.txt"
    out.update(line.split()[0] for line in user.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def jieba_words() -> set[str]:
    """The words of jieba's dictionary (MIT): the real words among the input method's entries
    (its 和成, 为一, 记为 are fragments of typed phrases, not words a slip produces)."""
    import jieba
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        return {line.split(" ", 1)[0] for line in fh}


def homophones(words: list[str], prob: dict[str, float], meant: set[str],
               real: set[str]) -> dict[str, list[str]]:
    """written word -> the more probable words typed with the same pinyin that differ from it in
    one character. A word's reading is pypinyin's for the word (its phrase dictionary settles
    polyphones: 银行 yin hang), as an input method user types it; words sharing a bucket
    (prefix, reading of character i, suffix) differ only there."""
    from pypinyin import lazy_pinyin
    buckets: dict[tuple[str, str, str], list[str]] = {}
    for w in words:
        if HAN.match(w):
            for i, r in enumerate(lazy_pinyin(w)):
                buckets.setdefault((w[:i], r, w[i + 1:]), []).append(w)
    out: dict[str, set[str]] = {}
    for group in buckets.values():
        for w in group:
            if w in meant or w not in real:
                continue
            for v in group:
                if v != w and prob[v] >= MIN_PARTNER and prob[v] - prob[w] >= MIN_LEAD:
                    out.setdefault(w, set()).add(v)
    return {w: sorted(vs, key=lambda v: (-prob[v], v)) for w, vs in sorted(out.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--libime", type=Path, default=LIBIME_LM,
                    help="zh_CN.lm of libime-data-language-model (apt-get install libime-data-language-model)")
    ap.add_argument("--ecspell", type=Path, default=ROOT.parent / "shared" / "ecspell",
                    help="ECSpell's resources (the 公文 and law word lists)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT.relative_to(ROOT)})")
    a = ap.parse_args()
    if not a.libime.exists():
        raise SystemExit(f"{a.libime}: not found (apt-get install libime-data-language-model)")
    lm = KenLM(a.libime)
    import marisa_trie
    n = lm.counts[0]
    trie = marisa_trie.Trie(lm.words)
    new = [trie.key_id(w) for w in lm.words]        # KenLM id -> trie id
    prob, backoff = [0.0] * n, [0.0] * n
    for old, (p, b, _) in enumerate(lm.unigrams[:n]):
        prob[new[old]], backoff[new[old]] = p, b
    by_left: list[list[int]] = [[] for _ in range(n)]
    backoff_bin: dict[tuple[int, int], int] = {}
    contexts: dict[tuple[int, int], list[int]] = {}
    for left, right, pbin, bbin, trigrams in lm.ngrams():
        left, right = new[left], new[right]
        by_left[left].append(right << 8 | pbin)
        if bbin:                                    # 0: the bigram is no trigram context
            backoff_bin[left, right] = bbin
        for first, tbin in trigrams:
            contexts.setdefault((new[first], left), []).append(right << 8 | tbin)
    offsets, entries = [0], []
    for row in by_left:
        entries.extend(sorted(row))
        offsets.append(len(entries))
    keys, ctx_backoff, tri_offsets, tri = [], [], [0], []
    for (first, left) in sorted(contexts, key=lambda c: bigram_index(offsets, entries, *c)):
        keys.append(bigram_index(offsets, entries, first, left))
        ctx_backoff.append(lm.backoff_bins[backoff_bin.get((first, left), 0)])
        tri.extend(sorted(contexts[first, left]))
        tri_offsets.append(len(tri))
    out = a.out
    out.mkdir(parents=True, exist_ok=True)
    trie.save(str(out / "vocab.marisa"))
    with open(out / "lm.bin", "wb") as fh:
        fh.write(MAGIC + struct.pack("<6I", n, len(entries), trie.key_id("<unk>"), len(keys), len(tri), 0))
        fh.write(struct.pack("<256f", *lm.bins))
        fh.write(struct.pack("<256f", *lm.tri_bins))
        fh.write(struct.pack(f"<{n}f", *prob))
        fh.write(struct.pack(f"<{n}f", *backoff))
        fh.write(struct.pack(f"<{n + 1}I", *offsets))
        fh.write(struct.pack(f"<{len(entries)}I", *entries))
        fh.write(struct.pack(f"<{len(keys)}I", *keys))
        fh.write(struct.pack(f"<{len(keys)}f", *ctx_backoff))
        fh.write(struct.pack(f"<{len(keys) + 1}I", *tri_offsets))
        fh.write(struct.pack(f"<{len(tri)}I", *tri))
    by_word = {w: prob[new[i]] for i, w in enumerate(lm.words)}
    pairs = homophones(lm.words, by_word, domain_words(a.ecspell), jieba_words())
    (out / "homophones.tsv").write_text("".join(f"{w}\t{' '.join(vs)}\n" for w, vs in pairs.items()),
                                        encoding="utf-8")
    licence = LGPL.read_text(encoding="utf-8") if LGPL.exists() else \
        "https://www.gnu.org/licenses/old-licenses/lgpl-2.1.txt\n"
    (out / "LICENSE-libime.txt").write_text(NOTICE + licence, encoding="utf-8")
    print(f"{n} words, {len(entries)} bigrams, {len(tri)} trigrams in {len(keys)} contexts, "
          f"{len(pairs)} words with homophones -> {out}")


if __name__ == "__main__":
    main()
