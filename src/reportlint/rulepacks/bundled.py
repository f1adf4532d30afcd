"""The built-in packs, loaded at build time and shipped in the wheel as data.

The first run after `pip install` would otherwise parse and check every built-in rule file
(YAML, the kinds' options, the patterns) before it reads a draft: most of that run's time.
hatch_build.py loads the built-in packs once when the wheel is built and writes them, as the
compiled-rules cache stores them (rulepacks/cache.py: JSON, patterns as their source), to
`reportlint/rules/compiled.json`, with a digest of every file they were loaded from: each
pack's files and reportlint's modules that shape a loaded rule (rulepacks/, kinds/, model/).
Their patterns carry their compiled form (kinds/regex_code), and so do the patterns the kinds
make while the rules' examples run (kinds/patterns.ship): a run rebuilds them instead of
compiling them.

A run that asks only for built-in packs uses the entry when every one of those files still has
the digested bytes; an edited rule file, a file added to a pack or a changed module is a miss
and the packs load from YAML (then the user's cache keeps them). It is package data, like
jieba's table beside it: REPORTLINT_NO_CACHE does not turn it off. A source checkout has none.

Hashing ~170 files costs more than the rest of loading the entry, so once they have matched,
the user's cache folder keeps their stamps (path, inode, size, mtime, ctime: a write always
changes ctime, which no program can set back): while every stamp is the same, a run checks the
stamps instead of the bytes (`bundled-*.json`; not with REPORTLINT_NO_CACHE).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

FILE = "compiled.json"
FORMAT = 2


def _digest(path: Path) -> str:
    import hashlib  # OpenSSL: ~6 ms of a run that needs no digest
    with open(path, "rb") as fh:
        return hashlib.blake2b(fh.read(), digest_size=16).hexdigest()


def _package() -> Path:
    return Path(__file__).resolve().parents[1]


def _code_digests(package: Path) -> dict[str, str]:
    out = {}
    for folder in ("rulepacks", "kinds", "model"):
        for p in sorted((package / folder).glob("*.py")):
            out[f"{folder}/{p.name}"] = _digest(p)
    return out


def _pack_digests(folder: Path) -> dict[str, str | None]:
    """Every entry of a pack folder: a file's digest, None for a folder (a pack's data, such as
    table templates, is read by its kinds when they run, not when the rules load)."""
    out: dict[str, str | None] = {}
    with os.scandir(folder) as it:
        for e in it:
            out[e.name] = None if e.is_dir() else _digest(Path(e.path))
    return out


def _version() -> str:
    from reportlint.model.version import __version__
    from reportlint.rulepacks.cache import FORMAT as CACHE_FORMAT
    return f"{__version__}|{CACHE_FORMAT}|{FORMAT}"


def encode(packs: dict, package: Path, made: list | None = None) -> bytes:
    """The entry for loaded packs {name: (folder, rules)} of a source tree (rules/ and
    src/reportlint: `package`), with `made`, the compiled forms of the patterns their kinds make
    while they run ([source, flags, form]); loader.ship_builtins calls it. Raises on a rule whose
    options JSON cannot hold: the wheel must not ship a pack that would load differently."""
    from reportlint.rulepacks.cache import _decode, _same, rule_to_data
    out = {}
    lazy: list[str] = []       # the rules' examples and marks: on a line of their own, after the entry
    for name, (folder, rules) in packs.items():
        stored = []
        for rule in rules:
            data = rule_to_data(rule, shipped=True)      # patterns with their compiled form
            if not _same(rule.options, _decode(data["options"])):
                raise ValueError(f"{rule.id}: options do not survive JSON")
            data["path"] = Path(rule.path).name
            lazy.append(data["lazy"])
            data["lazy"] = len(lazy) - 1
            stored.append(data)
        out[name] = {"files": _pack_digests(folder), "rules": stored}
    entry = {"version": _version(), "code": _code_digests(package), "packs": out, "patterns": made or []}
    # compact JSON holds no line break: the first line is the entry, the second the lazy parts
    return b"\n".join(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                      for part in (entry, lazy))


class _Lazy:
    """The entry's second line, the rules' examples and marks (2/3 of its bytes), decoded only
    when a rule's are first read (test-rules, `rule ID`): ~3 ms that a run does not need."""

    def __init__(self, raw: bytes):
        self._raw: bytes | None = raw
        self._parts: list[str] = []

    def part(self, i: int):
        return lambda: self._get(i)

    def _get(self, i: int) -> str:
        if self._raw is not None:
            self._parts, self._raw = json.loads(self._raw), None
        return self._parts[i]


def load(resolved: list[tuple[str, Path | None, str]], builtins: dict[str, Path], root: Path) -> list | None:
    """The rules of `resolved` (ref, folder, name) from the entry in `root` (the built-in
    packs' folder), or None: only when every pack is a distinct built-in one and every file the
    entry was built from is unchanged."""
    names = [name for _, _, name in resolved]
    if not names or len(set(names)) != len(names) or any(
            folder is None or builtins.get(name) != folder for _, folder, name in resolved):
        return None
    from reportlint.rulepacks.cache import rule_from_data
    try:
        raw = (root / FILE).read_bytes()
    except OSError:
        return None
    try:
        head, _, tail = raw.partition(b"\n")
        entry = json.loads(head)
        if entry["version"] != _version():
            return None
        stamps = _stamps(root, [builtins[name] for name in names])
        if stamps is None or not _matched(stamps):
            if entry["code"] != _code_digests(_package()) or any(
                    entry["packs"][name]["files"] != _pack_digests(builtins[name]) for name in names):
                return None
            if stamps is not None:
                _remember(stamps)
        rules = []
        lazy = _Lazy(tail)
        for name in names:
            pack, folder = entry["packs"][name], builtins[name]
            for data in pack["rules"]:
                rules.append(rule_from_data({**data, "path": str(folder / data["path"]),
                                             "lazy": lazy.part(data["lazy"])}, shipped=True))
        from reportlint.kinds import patterns
        patterns.ship(entry["patterns"])
    except Exception:    # another layout, a kind gone, a pack the wheel did not have: load afresh
        return None
    return rules


# ---- stamps of files whose bytes matched ------------------------------------------------------
def _stamps(root: Path, folders: list[Path]) -> list | None:
    """[path, inode, size, mtime, ctime] of the entry, the digested modules and every entry of
    the packs' folders (the folders too: a file added or removed changes theirs), or None."""
    package = str(_package())
    out = []

    def add(path: str) -> None:
        st = os.stat(path)
        out.append([path, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns])
    try:
        add(str(root / FILE))
        code = [os.path.join(package, name) for name in ("rulepacks", "kinds", "model")]
        for folder in [*code, *map(str, folders)]:
            add(folder)
            with os.scandir(folder) as it:
                names = sorted(e.name for e in it)
            for name in names:
                if name.endswith(".py") or folder not in code:
                    add(os.path.join(folder, name))
        return out
    except OSError:
        return None


def _memo() -> Path | None:
    from reportlint.files.cache import cache_dir, enabled
    if not enabled():
        return None
    import zlib
    return cache_dir() / f"bundled-{zlib.crc32(str(_package()).encode('utf-8', 'surrogateescape')):08x}.json"


def _matched(stamps: list) -> bool:
    """True if these stamps are the ones kept when the files last matched the entry's digests."""
    from reportlint.files.cache import read_private
    path = _memo()
    raw = read_private(path) if path is not None else None
    if raw is None:
        return False
    try:
        return bool(json.loads(raw) == {"version": _version(), "stamps": stamps})
    except ValueError:
        return False


def _remember(stamps: list) -> None:
    from reportlint.files.cache import write_entry
    path = _memo()
    if path is not None:
        write_entry(path, json.dumps({"version": _version(), "stamps": stamps}).encode("utf-8", "surrogateescape"))
