#!/usr/bin/env python3
"""Rebuild the domain lexicon indexed by reading (src/reportlint/kinds/_lib/data/domain/), read by
the domain_slip kind through kinds/_lib/domain.py.

    python scripts/build_domain_data.py [--ecspell DIR] [--out DIR]

Input: ECSpell's word lists of the official-document (公文写作) and law domains and its policy and
law titles (MIT, ../shared/ecspell; LICENSE-ecspell.txt ships beside the output), and the
project's jieba_user.txt (not its idioms: drafts write some in variant forms, 勠力同心, and the
idiom rules judge them); pypinyin's dictionaries for the readings. Kept: words of 2 to 16 Han
characters, not made of numerals alone. Compounds: two of these words in a row that the project's
language model (data/lm/, scripts/build_lm_data.py: build that first) holds as a bigram with
log10 P(second | first) >= MIN_BIGRAM, one of them of two characters (侵犯 + 公民, 二审 + 人民法院):
a slip in a two-character word is searched for with the word it is written beside.

A word's reading is pypinyin's for the word (its phrase dictionary settles polyphones: 银行 yin
hang) as fuzzy pinyin hears it (zh/z, ch/c, sh/s, n/l, -ng/-n alike; ü as u): each syllable is one
code character (U+E000 + its number in the sorted syllables), so a reading is a string as long as
the word. A draft's character is read by its commonest reading (pypinyin's first).

Output:
    codes.table      str.translate's table as one string, UTF-8: the character at position i is
                     the code of chr(i) (chr(i) itself when it has no reading), up to the last Han
                     character that has one (read whole: ~0.4 ms, where str.maketrans of the
                     characters and their codes took ~2 ms of every run's first draft)
    words.marisa     (kinds/_lib/mapped.Keys) every word: what the domain calls a word
    readings.marisa / .bin (kinds/_lib/mapped.Texts): reading -> the words of 3+ characters and
                     the compounds, space-separated (two-character words alone are too easily
                     met by chance to be searched for; compounds are no words: not in words.marisa)
    heads.txt        the first three codes of every reading, one a line, sorted: where a draft's
                     reading starts with none of them, no reading starts there
The same inputs give the same bytes.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "domain"
WORD = re.compile(r"^[\u4e00-\u9fff]{2,16}$")
NUMERALS = set("〇一二三四五六七八九十百千万亿零两第")
LISTS = ("wordlist_gongwen.txt", "wordlist_law.txt", "wordlist_policy_law_titles.txt")
CODE0 = 0xE000
MIN_BIGRAM = -2.25     # log10 P(b | a) of a compound's two words


def fuzzy(syllable: str) -> str:
    """A toneless syllable as fuzzy pinyin hears it: zh/z, ch/c, sh/s, n/l, -ng/-n, ü/u alike."""
    s = syllable.replace("ü", "u").replace("v", "u")
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if s.startswith(a):
            s = b + s[2:]
            break
    if s.startswith("n") and s != "n":
        s = "l" + s[1:]
    return s[:-1] if s.endswith("ng") and len(s) > 2 else s


def _toneless(reading: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


def words(ecspell: Path) -> list[str]:
    out = set()
    for name in LISTS:
        for line in (ecspell / name).read_text(encoding="utf-8").splitlines():
            w = line.split("\t")[0].strip()
            if WORD.match(w) and not set(w) <= NUMERALS:
                out.add(w)
    user = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "jieba_user.txt"
    out.update(w for w in (line.split()[0] for line in user.read_text(encoding="utf-8").splitlines() if line.strip())
               if WORD.match(w))
    return sorted(out)


def compounds(words: list[str], min_logprob: float) -> list[str]:
    """Two domain words in a row that the language model (kinds/_lib/lm.py, data/lm/) holds as a
    bigram of log10 P(b | a) >= `min_logprob`, one of them of two characters (二审 + 人民法院,
    侵犯 + 公民): a slip in a two-character word is searched for with the word beside it. (Two
    words of 3+ characters need no compound: each is searched for alone.)"""
    from reportlint.kinds._lib import lm
    model = lm.model()
    known = set(words)
    out = set()
    for a in words:
        for b, logprob in model.followers(a):
            if logprob >= min_logprob and b in known and 2 in (len(a), len(b)) and len(a + b) <= 16 \
                    and a + b not in known:
                out.add(a + b)
    return sorted(out)


def build(ecspell: Path, out: Path) -> str:
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    from reportlint.kinds._lib.mapped import write_keys, write_texts
    main = {}
    for cp in range(0x4E00, 0xA000):
        first = pinyin_dict.get(cp)
        if first:
            main[chr(cp)] = fuzzy(_toneless(first.split(",")[0]))
    syllables = sorted(set(main.values()))
    code = {s: chr(CODE0 + i) for i, s in enumerate(syllables)}
    by_reading: dict[str, list[str]] = {}
    lexicon = words(ecspell)
    for w in lexicon:
        got = lazy_pinyin(w, style=Style.NORMAL, v_to_u=True)
        if len(got) != len(w) or any(fuzzy(s) not in code for s in got):
            continue
        by_reading.setdefault("".join(code[fuzzy(s)] for s in got), []).append(w)
    taken = {w for ws in by_reading.values() for w in ws}
    pairs: dict[str, list[str]] = {}
    for c in compounds(sorted(taken), MIN_BIGRAM):
        got = lazy_pinyin(c, style=Style.NORMAL, v_to_u=True)
        if len(got) == len(c) and all(fuzzy(s) in code for s in got):
            pairs.setdefault("".join(code[fuzzy(s)] for s in got), []).append(c)
    out.mkdir(parents=True, exist_ok=True)
    table = [chr(i) for i in range(max(map(ord, main)) + 1)]
    for c in main:
        table[ord(c)] = code[main[c]]
    (out / "codes.table").write_bytes("".join(table).encode("utf-8"))    # (bytes: no newline translation)
    write_keys(out / "words", [w for ws in by_reading.values() for w in ws])
    readings = {r: ws for r, ws in by_reading.items() if len(r) > 2}
    for r, cs in pairs.items():
        readings[r] = readings.get(r, []) + cs
    write_texts(out / "readings", {r: " ".join(ws) for r, ws in readings.items()})
    (out / "heads.txt").write_text("".join(f"{h}\n" for h in sorted({r[:3] for r in readings})), encoding="utf-8")
    shutil.copyfile(ecspell / "LICENSE", out / "LICENSE-ecspell.txt")
    n = sum(map(len, by_reading.values()))
    return (f"{n} words, {sum(map(len, pairs.values()))} compounds, {len(readings)} readings of 3+ characters"
            f" -> {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecspell", type=Path, default=ROOT.parent / "shared" / "ecspell",
                    help="ECSpell's resources (the 公文, law and title lists)")
    ap.add_argument("--out", type=Path, default=OUT, help="output folder")
    a = ap.parse_args()
    print(build(a.ecspell, a.out))


if __name__ == "__main__":
    main()
