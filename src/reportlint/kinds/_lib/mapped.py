"""Read-only tables keyed by a word that open in well under a millisecond and are never loaded
whole: a MARISA trie of the keys (marisa-trie, memory-mapped; it numbers the keys 0..n-1) and,
beside it, a memory-mapped array of little-endian uint32 indexed by that number.

    Numbers   key -> int           NAME.marisa, NAME.bin = uint32[n]
    Texts     key -> str           NAME.marisa, NAME.bin = uint32 offsets[n + 1], then UTF-8 text
    Keys      key in the table     NAME.marisa

A look-up is ~1-2 µs (an SQLite row ~3-4 µs: the spelling check asks tens of thousands on a
batch of reports it has not seen). The build scripts write the files with write_numbers,
write_texts and write_keys; marisa's numbering depends only on the set of keys, so a rebuild
from the same input gives the same bytes.
"""
from __future__ import annotations

import mmap
import sys
from pathlib import Path

_LITTLE = sys.byteorder == "little"


def _trie(path: Path):
    import marisa_trie
    trie = marisa_trie.Trie()
    trie.mmap(str(path))
    return trie


def _mapped(path: Path) -> memoryview:
    with open(path, "rb") as fh:
        if not fh.seek(0, 2):
            return memoryview(b"")           # an empty table (mmap refuses an empty file)
        return memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))


def _uint32(buffer: memoryview):
    """The little-endian uint32 of `buffer`, without a copy where the host is little-endian."""
    if _LITTLE:
        return buffer.cast("I")
    import array
    values = array.array("I", buffer)
    values.byteswap()
    return values


class Keys:
    def __init__(self, stem: Path):
        self._ids = _trie(stem.with_suffix(".marisa"))

    def __contains__(self, key: str) -> bool:
        return key in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self):
        return iter(self._ids)

    def starts(self, text: str) -> bool:
        """Whether a key starts with `text` (one trie walk)."""
        return next(self._ids.iterkeys(text), None) is not None

    def prefixes(self, text: str) -> list[str]:
        """The keys that start `text` (one trie walk)."""
        return self._ids.prefixes(text)

    def keys(self, prefix: str) -> list[str]:
        """The keys that start with `prefix`."""
        return self._ids.keys(prefix)


class Numbers(Keys):
    def __init__(self, stem: Path):
        super().__init__(stem)
        self._values = _uint32(_mapped(stem.with_suffix(".bin")))

    def get(self, key: str, default: int = 0) -> int:
        i = self._ids.get(key)
        return default if i is None else self._values[i]


class Texts(Keys):
    def __init__(self, stem: Path):
        super().__init__(stem)
        whole = _mapped(stem.with_suffix(".bin"))
        n = len(self._ids) + 1
        self._offsets = _uint32(whole[:4 * n])
        self._text = whole[4 * n:]

    def get(self, key: str, default: str = "") -> str:
        i = self._ids.get(key)
        if i is None:
            return default
        return str(self._text[self._offsets[i]:self._offsets[i + 1]], "utf-8")


# ---- writing (the build scripts) ---------------------------------------------------------
def write_keys(stem: Path, keys) -> list[str]:
    """Write NAME.marisa; return the keys in the trie's numbering."""
    import marisa_trie
    trie = marisa_trie.Trie(list(keys))
    trie.save(str(stem.with_suffix(".marisa")))
    ordered = [""] * len(trie)
    for key, i in trie.items():
        ordered[i] = key
    return ordered


def write_numbers(stem: Path, table: dict[str, int]) -> None:
    import array
    values = array.array("I", (table[k] for k in write_keys(stem, table)))
    if not _LITTLE:
        values.byteswap()
    stem.with_suffix(".bin").write_bytes(values.tobytes())


def write_texts(stem: Path, table: dict[str, str]) -> None:
    import array
    chunks = [table[k].encode("utf-8") for k in write_keys(stem, table)]
    offsets = array.array("I", [0])
    for chunk in chunks:
        offsets.append(offsets[-1] + len(chunk))
    if not _LITTLE:
        offsets.byteswap()
    stem.with_suffix(".bin").write_bytes(offsets.tobytes() + b"".join(chunks))
