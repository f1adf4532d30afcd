"""Data files shipped inside the package: dictionaries and catalogues the kinds read.

    formulations.txt the genre's set formulations, one a line (one_edit's `catalogue: [formulations]`)
    anchors.txt      the characters that start an indexed n-gram of a long sentence (fingerprint.py;
                     computed by fingerprint.anchor_chars(), a test checks the file against it)
    jieba_user.txt   domain words for jieba (法律明白人, 枫桥经验, 谁执法谁普法 …)
    law_titles.tsv   laws, regulations and policy documents: title, type, issued, status, until,
                     replaced_by, edition (domain.md §5)
    spelling/        the spelling check's character pairs, confusion sets and extra words
                     (built by scripts/build_spelling_data.py; CONTRIBUTING.md says how)
    lm/              a word trigram language model (libime's zh_CN.lm, LGPL-2.1+) and the homophone
                     candidates of context_slip (built by scripts/build_lm_data.py; read by
                     kinds/_lib/lm.py)
    domain/          the official-document and law vocabulary (ECSpell's lists) indexed by fuzzy
                     reading (built by scripts/build_domain_data.py; read by kinds/_lib/domain.py)
    pinyin.tsv       toneless readings of the GB2312 characters, taken from pypinyin's dictionary
"""
from __future__ import annotations

from pathlib import Path

DIR = Path(__file__).resolve().parent


def read_text(name: str) -> str:
    """A data file's text (plain file access: importlib.resources costs more than the read)."""
    return (DIR / name).read_text(encoding="utf-8")
