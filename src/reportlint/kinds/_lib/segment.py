"""jieba word boundaries, loaded lazily: most reports never need them.

    tokenize(text)                 -> [(word, start, end), ...]
    crosses_word(text, start, end) -> True if [start, end) cuts through a word

jieba costs ~0.6 s to initialise, so nothing here imports it until a caller
actually asks for a boundary. The domain user dictionary (data/jieba_user.txt:
法律明白人, 枫桥经验, 谁执法谁普法 …) is loaded on that first call.
"""
from __future__ import annotations

import sys
import types
from functools import lru_cache

_tokenizer = None


class _OnFirstUse(types.ModuleType):
    """Stands in for a module until something reads from it, then imports the real one (which
    also replaces it as the parent package's attribute)."""

    def __getattr__(self, name):
        import importlib
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def _import_jieba():
    """Import jieba without what reportlint never uses, when it is not imported yet:
    - setuptools' pkg_resources (~70 ms), which jieba imports only to open its own data files
      (without it, its documented fallback opens them by path);
    - jieba.finalseg, the HMM for unknown words (~15 ms to load its tables): reportlint
      segments with HMM=False; it is imported on first use, so jieba.cut(HMM=True) still works."""
    if "jieba" in sys.modules:
        return
    stand_ins = {"pkg_resources": None, "jieba.finalseg": _OnFirstUse("jieba.finalseg")}
    added = [name for name in stand_ins if name not in sys.modules]
    sys.modules.update({name: stand_ins[name] for name in added})
    try:
        import jieba  # noqa: F401
    finally:
        for name in added:
            if name == "pkg_resources" or "jieba" not in sys.modules:
                sys.modules.pop(name, None)


def _get_tokenizer():
    global _tokenizer
    if _tokenizer is None:
        import logging

        _import_jieba()
        import jieba

        jieba.setLogLevel(logging.WARNING)
        from reportlint.kinds._lib import data
        from reportlint.kinds._lib.jieba_freq import tokenizer as from_disk
        user = data.DIR / "jieba_user.txt"

        def full():
            tok = jieba.Tokenizer()
            tok.initialize()
            tok.load_userdict(str(user))
            return tok
        # the same dictionary read from a table in the cache folder: ~10 ms instead of ~0.6 s
        _tokenizer = from_disk(user, full) or full()
    return _tokenizer


def loaded() -> bool:
    """Whether jieba has been initialised in this process (for benchmarks and tests)."""
    return _tokenizer is not None


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    # HMM off: only dictionary words, so a typo is not glued into a "new word".
    return tuple(_get_tokenizer().tokenize(text, HMM=False))


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """jieba tokens of `text` as (word, start, end) character offsets."""
    return list(_tokens(text))


def crosses_word(text: str, start: int, end: int, window: int = 20) -> bool:
    """True if [start, end) begins or ends strictly inside a jieba token.

    Only text[start-window:end+window] is segmented, so the cost does not grow with
    the document. Tokens touching the cut window edges are not trusted (they may be
    fragments), but a token that straddles `start` or `end` always lies well inside.
    """
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    s, e = start - lo, end - lo
    for _word, ts, te in _tokens(text[lo:hi]):
        if ts < s < te or ts < e < te:
            return True
        if ts >= e:
            break
    return False


def word_freq(word: str) -> int:
    """jieba's dictionary frequency of `word` (0 if it is not a dictionary word)."""
    return _get_tokenizer().FREQ.get(word, 0)
