#!/usr/bin/env python3
"""Rebuild the confusable-word table of the context_slip kind (src/reportlint/kinds/_lib/data/lm/confusables.*).

    python scripts/build_confusable_words.py

Run it after scripts/build_lm_data.py and scripts/build_spelling_data.py / build_shape_data.py: it
reads only what those ship (the language model's words and unigram probabilities, lm.bin and
vocab.marisa; the confusion sets of the spelling tables, confusion.*; homophones.tsv) and jieba's
dictionary. Output, read through a memory map (kinds/_lib/mapped.Texts):

    confusables.marisa / .bin   written word -> the words it may stand for, space-separated: words
                 of 2-4 Han characters that differ from it in ONE character, that character being
                 in the written one's confusion set (same or similar reading, similar shape,
                 look-alike glyph: 使用 -> 适用, 附议 -> 复议, 前头 -> 牵头, 权力 -> 权利). Both words
                 are in jieba's dictionary (real words, not the input method's phrase fragments),
                 the partner is common (P >= 1e-6) and at most 10 times less probable than the
                 written word (MIN_LEAD): the trigram model over the context decides, this table
                 only says where to look. Pairs homophones.tsv already lists are left out; so is a
                 written word of the reports' own vocabulary (ECSpell's 公文 and law lists and
                 jieba_user.txt, as for homophones.tsv). Also: the words that read the same
                 (toneless pinyin of the word, pypinyin, heard as fuzzy pinyin does: zh/z, ch/c,
                 sh/s, -ng/-n alike) and differ in more characters or in a character outside the
                 confusion sets (酥松 -> 诉讼, 竞技 -> 经济, 心事 -> 刑事, 想法 -> 宪法), when at
                 least as probable (MIN_LEAD_READING).
    confusables.heads           the character pairs the written words start with, one a line (the
                 kind scans a draft for them in one set look-up a pair; shipped, since listing them
                 from the table costs ~40 ms a process)
    domain_parts.txt            the written words (of this table and homophones.tsv) that are words of
                 the domain lexicon or part of one (刑罚 in 刑罚执行监督, 抗诉 in 刑事抗诉), one a line:
                 the report's own vocabulary, whose candidates get no domain lead. Read from
                 data/domain/words: run scripts/build_domain_data.py first.

The same inputs give the same bytes (marisa numbers keys by the key set; partners sorted by
probability, then by code point).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
OUT = ROOT / "src" / "reportlint" / "kinds" / "_lib" / "data" / "lm" / "confusables"
HAN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
MIN_PARTNER = -6.0      # log10 P of a word offered as the one meant
MIN_LEAD = -1.0         # log10 P(partner) - log10 P(written) at least this (one character apart)
MIN_LEAD_READING = 0.0  # ... for a word of the same (fuzzy) reading


_FUZZY = (("zh", "z"), ("ch", "c"), ("sh", "s"))


def _fuzzy(syllable: str) -> str:
    """The syllable as an input method's fuzzy pinyin hears it: zh/z, ch/c, sh/s, -ng/-n alike
    (心事/刑事 xin/xing, 想法/宪法 xiang/xian, 重涂/冲突 are typed alike by many users)."""
    for a, b in _FUZZY:
        if syllable.startswith(a):
            syllable = b + syllable[2:]
            break
    return syllable[:-1] if syllable.endswith("ng") and len(syllable) > 2 else syllable


def confusables(ecspell: Path) -> dict[str, list[str]]:
    import jieba
    from build_lm_data import domain_words

    from reportlint.kinds._lib import data, lm, spelling
    model = lm.model()
    sets = spelling.Model()
    sets._load_words()
    words = [w for w in model.trie if HAN.match(w)]
    prob = {w: model.prob[model.id(w)] for w in words}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        real = {line.split(" ", 1)[0] for line in fh}
    meant = domain_words(ecspell)
    listed: dict[str, set[str]] = {}
    for line in data.read_text("lm/homophones.tsv").splitlines():
        w, _, partners = line.partition("\t")
        listed[w] = set(partners.split())
    # whole words typed with the same pinyin (酥松 -> 诉讼, 郭嘉 -> 国家): the input method's slips
    from pypinyin import lazy_pinyin
    reading = {w: " ".join(map(_fuzzy, lazy_pinyin(w))) for w in words if w in real}
    by_reading: dict[str, list[str]] = {}
    for w, r in reading.items():
        if prob[w] >= MIN_PARTNER:
            by_reading.setdefault(r, []).append(w)
    out: dict[str, list[str]] = {}
    for w in words:
        if w not in real or w in meant:
            continue
        got = set()
        for i, c in enumerate(w):
            row = sets._candidates(c)
            # the first five fields (same/similar reading, shapes, glyphs): not fuzzy-sound or component
            for x in set().union(*row[:5]) if row else ():
                v = w[:i] + x + w[i + 1:]
                p = prob.get(v)
                if p is not None and v in real and p >= MIN_PARTNER and p - prob[w] >= MIN_LEAD:
                    got.add(v)
        got.update(v for v in by_reading.get(reading[w], ()) if v != w and prob[v] - prob[w] >= MIN_LEAD_READING)
        got -= listed.get(w, set())
        if got:
            out[w] = sorted(got, key=lambda v: (-prob[v], v))
    return out


def domain_parts(written) -> list[str]:
    """The written words that are a word of the domain lexicon (data/domain/words) or part of one
    (two to four characters of it), sorted."""
    from reportlint.kinds._lib import data
    from reportlint.kinds._lib.mapped import Keys
    inside = set()
    for w in Keys(data.DIR / "domain" / "words"):
        n = len(w)
        inside.update(w[a:b] for a in range(n) for b in range(a + 2, min(n, a + 4) + 1))
    return sorted(w for w in set(written) if w in inside)


def heads(words) -> list[str]:
    """The character pairs the words start with, sorted."""
    return sorted({w[:2] for w in words})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecspell", type=Path, default=ROOT.parent / "shared" / "ecspell",
                    help="ECSpell's resources (the 公文 and law word lists)")
    ap.add_argument("--out", type=Path, default=OUT, help="output stem (.marisa, .bin and .heads are added)")
    a = ap.parse_args()
    from reportlint.kinds._lib.mapped import write_texts
    table = confusables(a.ecspell)
    write_texts(a.out, {w: " ".join(vs) for w, vs in table.items()})
    a.out.with_suffix(".heads").write_text("".join(f"{h}\n" for h in heads(table)), encoding="utf-8")
    from reportlint.kinds._lib import data
    homophones = [line.partition("\t")[0] for line in data.read_text("lm/homophones.tsv").splitlines()]
    parts = domain_parts([*table, *homophones])
    a.out.with_name("domain_parts.txt").write_text("".join(f"{w}\n" for w in parts), encoding="utf-8")
    print(f"{len(table)} words, {sum(map(len, table.values()))} partners -> {a.out}.marisa/.bin")


if __name__ == "__main__":
    main()
