#!/usr/bin/env python3
"""Rebuild the spelling check's data files (src/reportlint/kinds/_lib/data/spelling/).

    python scripts/build_spelling_data.py [--ecspell ../shared/ecspell]

Inputs: jieba's dictionary (dict.txt in the installed jieba package; MIT), the ECSpell resources
(Lv et al. 2023; MIT): the sound and shape confusion sets and the domain word lists (公文写作, law,
idioms), and the vocabulary of fcitx5's language model (apt-get install
libime-data-language-model; LGPL-2.1+; words only). Nothing from the ECSpell sentences is used.
Outputs:

    chars.txt      the characters of the dictionary words, in rank order (most frequent first)
    bigrams.bin    a bitmap over (rank a, rank b): 1 when the pair "ab" occurs inside a word
    freq, confusion, skips, people: tables keyed by a word, pair or character, each a MARISA
                   trie NAME.marisa (+ NAME.bin: the values by the trie's key number), memory-
                   mapped, nothing loaded whole (kinds/_lib/mapped.py):
                   freq: w -> n — the word model: jieba's words with its frequencies, plus (at a
                     moderate frequency) the domain words and modern words it lacks; the key
                     "<total>" holds the sum of jieba's counts
                   confusion: ch -> seven fields, TAB-separated, each a string of the COMMON
                     most frequent characters only, in this order (a kind names them so):
                       same-sound   a shared toneless reading (pinyin.tsv: pypinyin's
                                    dictionary, MIT)
                       sound        ECSpell's similar reading, not the same
                       shape        ECSpell's similar shape, not the same reading
                       (main)       of the same-sound ones, those of ch's main reading
                                    (pypinyin's first)
                       glyph        look-alikes by glyph (shapes.tsv, scripts/build_shape_data.py)
                                    in none of the fields before
                       fuzzy-sound  main readings alike as an input method's fuzzy pinyin hears
                                    them (z/zh c/ch s/sh n/l f/h, -n/-ng: 陈/成, 民/明, 促/除),
                                    not the same reading (may repeat a "sound" one)
                       component    built of the same parts (components.tsv, scripts/
                                    build_component_data.py, from cjk-decomp: 去/法, 寺/持,
                                    侍/持) in none of the fields but fuzzy-sound
                     A reader that knows the first five only still reads the rows right.
                   skips: "ac" -> the characters b that stand between a and c inside a
                     word of 3-6 characters with frequency >= SKIP_FREQ (依法治国: 法国 -> 治;
                     people's names left out): where a character with a known pair on one side
                     may be a slip
                   people: jieba's words tagged as people's names (朱德): never offered
                   after, before: ch -> the characters that follow (precede) it inside a word,
                     in rank order: bigrams.bin's rows (and columns), ready to use
    joiners.txt    the most common single-character words (的 在 和 …)
    LICENSE-ecspell.txt, LICENSE-jieba.txt
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "spelling"   # shipped: shapes.tsv read here
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# a domain word jieba lacks counts as a moderately common word (jieba's median 2-char word: ~20)
DOMAIN_FREQ = 100
MIN_FREQ = 2          # jieba words rarer than this do not make their character pairs "known"
MAX_CHARS = 8000      # rarer characters make no known pair (the bitmap is MAX_CHARS² bits)
COMMON = 4000         # the character a slip stands for is among the 4000 most frequent (99.7% of
                      # the ECSpell slips): the confusion sets hold no rarer one (they cost time)


JOINER_FREQ = 100000   # single-character words this common (的 在 和) join words: no suspects
PERSON = {"nr", "nrt", "nrfg"}     # jieba's tags for people's names
TOTAL = "<total>"      # the key of freq that holds the sum of jieba's counts (no word has it)
SKIP_FREQ = 20         # the longer words table skips is made of (the rule's default min_freq_long)


def jieba_words() -> tuple[dict[str, int], set[str]]:
    """jieba's words with their frequencies, and those tagged as people's names."""
    import jieba
    words, people = {}, set()
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            w, f, *tag = line.split()
            if HAN.match(w):
                words[w] = int(f)
                if tag and tag[0] in PERSON and len(w) >= 2:
                    people.add(w)
    return words, people


def domain_words(ecspell: Path) -> set[str]:
    out = set()
    for name in ("wordlist_gongwen.txt", "wordlist_law.txt", "wordlist_idioms.txt"):
        for line in (ecspell / name).read_text(encoding="utf-8").splitlines():
            w = line.split("\t")[0].strip()
            if 2 <= len(w) <= 8 and HAN.match(w):
                out.add(w)
    return out


def same_reading() -> dict[str, set[str]]:
    """char -> the characters that share one of its toneless readings (data/pinyin.tsv: the
    GB2312 characters, from pypinyin's dictionary)."""
    by_sound: dict[str, set[str]] = {}
    table = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "pinyin.tsv"
    readings = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        ch, sounds = line.split("\t")
        readings[ch] = sounds.split()
        for r in readings[ch]:
            by_sound.setdefault(r, set()).add(ch)
    return {ch: set().union(*(by_sound[r] for r in rs)) for ch, rs in readings.items()}


def main_reading() -> dict[str, str]:
    """char -> its commonest toneless reading (pypinyin's dictionary lists a character's
    readings commonest first), for the characters of data/pinyin.tsv."""
    import unicodedata

    from pypinyin.pinyin_dict import pinyin_dict
    table = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "pinyin.tsv"
    out = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        ch = line.split("\t")[0]
        first = pinyin_dict.get(ord(ch), "").split(",")[0]
        if first:
            out[ch] = "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))
    return out


_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("f", "h"))


def fuzzy(reading: str) -> str:
    """A toneless reading as an input method's fuzzy pinyin hears it (fcitx's and sunpinyin's
    usual pairs): zh/z, ch/c, sh/s, n/l, f/h alike at the start, -ng/-n alike at the end."""
    for a, b in _FUZZY_INITIALS:
        if reading.startswith(a):
            reading = b + reading[len(a):]
            break
    return reading[:-1] if reading.endswith("ng") and len(reading) > 2 else reading


def sounding_alike(main_of: dict[str, str]) -> dict[str, str]:
    """char -> the characters whose main reading is fuzzily its own (same reading included)."""
    by_key: dict[str, list[str]] = {}
    for ch, r in sorted(main_of.items()):
        by_key.setdefault(fuzzy(r), []).append(ch)
    return {ch: "".join(by_key[fuzzy(r)]) for ch, r in main_of.items()}


def components() -> dict[str, str]:
    """char -> its component look-alikes (components.tsv, built by scripts/build_component_data.py
    from cjk-decomp: 去/法, 则/测, 侍/持 share no reading and are no glyph look-alikes as wholes)."""
    out = {}
    for line in (DATA / "components.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ch, row = line.split("\t")
            out[ch] = row
    return out


def look_alikes_by_glyph() -> dict[str, str]:
    """char -> its look-alikes by glyph similarity, most similar first (shapes.tsv, built by
    scripts/build_shape_data.py: ECSpell's shape sets lack 末/未, 干/于, 休/体)."""
    out = {}
    for line in (DATA / "shapes.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ch, row = line.split("\t")
            out[ch] = row
    return out


LIBIME_NOTICE = """\
The freq, confusion, skips, people, after and before tables (*.marisa, *.bin) and bigrams.bin are
derived from the vocabulary of the Mandarin language model zh_CN.lm of libime (fcitx5; Debian
package libime-data-language-model), Copyright 2015-2022 CSSlayer <wengxt@gmail.com>, licensed
under the GNU Lesser General Public License, version 2.1 or (at your option) any later version:
https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html
Only the word list was taken (no probabilities). bigrams.bin also holds the character pairs of
jieba's dictionary (MIT) and of the ECSpell word lists (MIT, LICENSE-ecspell.txt); as a whole
they are distributed under the LGPL-2.1-or-later. Rebuild them with scripts/build_spelling_data.py.
"""
LIBIME_LM = Path("/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm")


def libime_words(path: Path) -> set[str]:
    """The vocabulary of fcitx5's Mandarin language model (Debian: libime-data-language-model,
    LGPL-2.1+): a KenLM binary whose word strings, NUL-separated, end the file after <unk>.
    Only the words are taken, no probabilities: they tell modern words (赋能, 官网, 酒驾)
    from non-words."""
    raw = path.read_bytes()
    start = raw.rfind(b"\0<unk>\0")
    if start < 0:
        raise SystemExit(f"{path}: no KenLM vocabulary found")
    out = set()
    for w in raw[start + 7:].split(b"\0"):
        word = w.decode("utf-8", "replace")
        if 2 <= len(word) <= 8 and HAN.match(word):
            out.add(word)
    return out


def write_tables(out: Path, words: dict[str, int], extra: list[tuple[str, int]],
                 confusion: list[tuple[str, str]], skips: list[tuple[str, str]], people: set[str],
                 after: dict[str, str], before: dict[str, str]) -> None:
    """The word model and the other tables keyed by a word, pair or character, as memory-mapped
    MARISA tries with arrays beside them (kinds/_lib/mapped.py): the check asks for tens of
    thousands of keys on a batch of new reports, ~1 µs each; nothing is loaded whole (and jieba
    itself is never imported)."""
    sys.path.insert(0, str(ROOT / "src"))
    from reportlint.kinds._lib import mapped
    freq = {w: f for w, f in words.items() if len(w) <= 6}
    for w, f in extra:
        freq.setdefault(w, f)
    freq[TOTAL] = sum(words.values())
    mapped.write_numbers(out / "freq", freq)
    mapped.write_texts(out / "confusion", dict(confusion))
    mapped.write_texts(out / "skips", dict(skips))
    mapped.write_keys(out / "people", people)
    mapped.write_texts(out / "after", after)
    mapped.write_texts(out / "before", before)


def skip_rows(words: dict[str, int], extra: list[tuple[str, int]],
              people: set[str]) -> list[tuple[str, str]]:
    """For each pair (a, c), the characters b with "abc" inside a frequent word of 3-6
    characters: a cheap first test for a character whose pair with one neighbour is unknown."""
    skips: dict[str, set[str]] = {}
    for w, f in [*words.items(), *extra]:
        if 3 <= len(w) <= 6 and f >= SKIP_FREQ and w not in people:
            for p in range(1, len(w) - 1):
                skips.setdefault(w[p - 1] + w[p + 1], set()).add(w[p])
    return [(k, "".join(sorted(v))) for k, v in skips.items()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecspell", type=Path, default=ROOT.parent / "shared" / "ecspell")
    ap.add_argument("--libime", type=Path, default=LIBIME_LM,
                    help="zh_CN.lm of libime-data-language-model (apt-get install libime-data-language-model)")
    ap.add_argument("--out", type=Path, default=DATA, help=f"output folder (default {DATA.relative_to(ROOT)})")
    a = ap.parse_args()
    out = a.out
    out.mkdir(parents=True, exist_ok=True)
    words, people = jieba_words()
    # the project's own jieba user dictionary (法律明白人, 枫桥经验 …), as segment.py loads it
    user = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "jieba_user.txt"
    for line in user.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and HAN.match(parts[0]) and parts[1].isdigit():
            words.setdefault(parts[0], int(parts[1]))
    domain = domain_words(a.ecspell)
    # a 公文/law word or idiom is at least moderately common in reports, whatever jieba's
    # general-text count says (依法治国: 3)
    words.update((w, DOMAIN_FREQ) for w in domain if 0 < words.get(w, 0) < DOMAIN_FREQ)
    extra = sorted(w for w in domain if w not in words)
    modern = sorted(w for w in libime_words(a.libime) if w not in words and w not in domain)
    known = {w: f for w, f in words.items() if f >= MIN_FREQ}
    known.update((w, DOMAIN_FREQ) for w in extra)
    known.update((w, DOMAIN_FREQ) for w in modern)

    char_freq: Counter = Counter()
    for w, f in known.items():
        for ch in w:
            char_freq[ch] += f
    chars = [ch for ch, _ in char_freq.most_common(MAX_CHARS)]
    rank = {ch: i for i, ch in enumerate(chars)}
    n = len(chars)
    bits = bytearray((n * n + 7) // 8)
    after: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    for w in known:
        for a_, b_ in zip(w, w[1:]):
            if a_ not in rank or b_ not in rank:
                continue
            i = rank[a_] * n + rank[b_]
            bits[i >> 3] |= 1 << (i & 7)
            after.setdefault(a_, set()).add(b_)
            before.setdefault(b_, set()).add(a_)
    (out / "chars.txt").write_text("".join(chars) + "\n", encoding="utf-8")
    (out / "bigrams.bin").write_bytes(bytes(bits))

    sound = json.loads((a.ecspell / "sound_confusion.json").read_text(encoding="utf-8"))
    shape = json.loads((a.ecspell / "shape_confusion.json").read_text(encoding="utf-8"))
    glyph = look_alikes_by_glyph()
    parts = components()
    readings = same_reading()
    main_of = main_reading()
    alike = sounding_alike(main_of)
    rows = []
    for ch in sorted(set(sound) | set(shape) | set(readings) | set(glyph) | set(parts)):
        same = readings.get(ch, set())
        h = "".join(sorted(c for c in same if c != ch and c in rank))
        s = "".join(c for c in sound.get(ch, []) if c != ch and c in rank and c not in same)
        p = "".join(c for c in shape.get(ch, []) if c != ch and c in rank and c not in same)
        m = "".join(c for c in h if main_of.get(c) is not None and main_of.get(c) == main_of.get(ch))
        # look-alikes by glyph that neither ECSpell's shape set nor a shared reading gives
        # (shapes.tsv, most similar first): a field of their own, asked for stronger evidence
        g = "".join(c for c in glyph.get(ch, "") if c != ch and c in rank and c not in same and c not in p)
        f = "".join(sorted((c for c in alike.get(ch, "") if c != ch and c in rank and c not in same),
                           key=rank.__getitem__))
        k = "".join(c for c in parts.get(ch, "") if c != ch and c in rank and c not in same
                    and c not in s and c not in p and c not in g)
        fields = ["".join(c for c in field if rank[c] < COMMON) for field in (h, s, p, m, g, f, k)]
        if any(fields):
            rows.append((ch, "\t".join(fields)))
    more = [(w, DOMAIN_FREQ) for w in extra + modern]
    skips = skip_rows(words, more, people)
    def in_rank_order(rows: dict[str, set[str]]) -> dict[str, str]:
        return {ch: "".join(sorted(row, key=rank.__getitem__)) for ch, row in rows.items()}
    write_tables(out, words, more, rows, skips, people, in_rank_order(after), in_rank_order(before))
    for old in ("confusion.tsv", "skips.tsv", "people.txt", "words.sqlite", "bigrams-before.bin"):
        (out / old).unlink(missing_ok=True)
    joiners = sorted((w for w, f in words.items() if len(w) == 1 and f >= JOINER_FREQ),
                     key=lambda w: -words[w])
    (out / "joiners.txt").write_text("".join(f"{w}\n" for w in joiners), encoding="utf-8")
    (out / "LICENSE-libime.txt").write_text(LIBIME_NOTICE, encoding="utf-8")
    (out / "LICENSE-ecspell.txt").write_text((a.ecspell / "LICENSE").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    print(f"{n} characters, {sum(bin(b).count('1') for b in bits)} pairs, {len(rows)} confusion rows, "
          f"{len(extra)} domain words, {len(modern)} words from libime, {len(skips)} skip pairs -> {out}")


if __name__ == "__main__":
    main()
