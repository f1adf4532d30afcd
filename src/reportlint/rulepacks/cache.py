"""Compiled-rules cache: loaded rule packs kept as JSON in the user's cache folder.

Loading ~60 rule files costs YAML parsing, validation and regex compiling on every run; a commit
hook runs reportlint on one small draft, so that start-up is most of its time. The cache entry
for a list of packs holds every loaded rule as data (its header, its checked options, regular
expressions as their source and required literals, compiled again only when a run uses them)
plus the (mtime, ctime, size, inode) of everything it was built from: each pack folder and rule file, and
reportlint's own modules
(loader, kinds, schema …). Any change there, a new reportlint or Python version, an entry that
does not decode, or one outside a private folder (files/cache.py) is a miss and the packs are
loaded from YAML again. Only packs that loaded without errors and whose options survive the
round trip through JSON unchanged are stored.

    $XDG_CACHE_HOME/reportlint/rules-<hash>.json  (~/.cache/reportlint when unset)
    REPORTLINT_NO_CACHE=1        never read or write it
    REPORTLINT_CACHE_DIR=DIR     keep it elsewhere

JSON cannot run code when it is read (the pickle this replaces could, for whoever could write
the cache folder).
"""
from __future__ import annotations

import json
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from reportlint.files.cache import cache_dir, enabled, prune, read_private, write_entry

FORMAT = 5   # bump when the stored layout changes
KEEP = 32    # entries kept in the cache folder
_RX = "$regex"


def _version() -> str:
    from reportlint.model.version import __version__
    return f"{__version__}|{sys.version}|{FORMAT}"


def _code_files() -> list[str]:
    """reportlint's modules that shape a loaded rule: a kind's OPTIONS or the loader may change
    in a checkout."""
    root = Path(__file__).resolve().parents[1]
    folders = (root / "rulepacks", root / "kinds", root / "model")
    out = [str(f) for f in folders]
    for folder in folders:
        out.extend(sorted(str(p) for p in folder.glob("*.py")))
    return out


def _pack_files(folders: list[Path]) -> list[str]:
    out = []
    for folder in folders:
        out.append(str(folder))
        with os.scandir(folder) as it:
            out.extend(sorted(e.path for e in it))
    return out


def _stamp(paths: list[str]) -> list:
    """[path, mtime, ctime, size, inode]: ctime too, as a write always changes it and no program
    can set it back (an editor or a checkout may keep a file's mtime and size)."""
    stamps = []
    for p in paths:
        st = os.stat(p)
        stamps.append([p, st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino])
    return stamps


def _entry(key: tuple) -> Path:
    # a collision only costs a miss: the stamps inside name every file the entry was built from
    raw = repr((_version(), key)).encode("utf-8")
    return cache_dir() / f"rules-{zlib.crc32(raw):08x}{len(raw):04x}.json"


def stamps(folders: list[Path]) -> list:
    """[path, mtime, size] of the packs and of reportlint's code, taken before loading, so that
    a file edited while the packs load makes the stored entry stale instead of wrong."""
    return _stamp(_pack_files(folders) + _code_files())


# ---- rules <-> data ------------------------------------------------------------------------
def _encode(value: Any, shipped: bool = False) -> Any:
    """`shipped`: for the wheel (rulepacks/bundled.py), patterns keep their compiled form too."""
    if isinstance(value, dict):
        if _RX in value:
            raise ValueError("reserved key")          # would read back as a pattern
        return {k: _encode(v, shipped) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v, shipped) for v in value]
    if hasattr(value, "pattern") and hasattr(value, "flags"):   # a compiled (or lazy) pattern
        from reportlint.kinds.patterns import required_literals
        lits = value.needs() if hasattr(value, "needs") else required_literals(value.pattern, value.flags)
        data = {_RX: value.pattern, "flags": value.flags, "literals": lits}
        if shipped and hasattr(value, "rx"):
            from reportlint.kinds.regex_code import form
            code = form(value.rx)
            if code is not None:
                data["code"] = code
        return data
    return value


def _decode(value: Any, shipped: bool = False) -> Any:
    """`shipped`: read from the wheel's entry, whose patterns' compiled forms are used (never
    from a cache folder: the matching engine runs that code as given)."""
    if isinstance(value, dict):
        if _RX in value:
            from reportlint.kinds.patterns import TimedPattern
            lits = value.get("literals", False)
            return TimedPattern(value[_RX], value["flags"], literals=tuple(lits) if lits else lits,
                                code=value.get("code") if shipped else None)
        return {k: _decode(v, shipped) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v, shipped) for v in value]
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal as loaded, patterns compared by source and flags (JSON turns tuples into lists,
    int keys into strings …: such options are not cached)."""
    if hasattr(a, "pattern") and hasattr(a, "flags"):
        return hasattr(b, "pattern") and (a.pattern, a.flags) == (b.pattern, b.flags)
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return bool(a == b)


_FIELDS = ("id", "kind_name", "pack", "path", "category", "message", "description", "why", "scope",
           "message_en", "references", "enabled", "genres", "priority")


def rule_to_data(rule, shipped: bool = False) -> dict:
    data = {name: getattr(rule, name) for name in _FIELDS}
    data["severity"] = rule.severity.name
    data["options"] = _encode(rule.options, shipped)
    data["lazy"] = rule.lazy_json()     # examples and marks, decoded when first read
    return data


def rule_from_data(data: dict, shipped: bool = False):
    """`shipped`: from the wheel's entry (rulepacks/bundled.py), not from a cache folder."""
    from reportlint.model.finding import Severity
    from reportlint.rulepacks.rule import Rule
    rule = Rule.__new__(Rule)     # the checks ran when the entry was written
    rule.__dict__.update({name: data[name] for name in _FIELDS})
    rule.__dict__.update(severity=Severity[data["severity"]], options=_decode(data["options"], shipped),
                         genres=tuple(data["genres"]),
                         _lazy=data["lazy"], _state=None, _prepared=False)
    from reportlint import kinds
    if rule.kind_name not in kinds.KINDS:     # a built-in kind is imported when the rule first runs
        rule.kind = kinds.get(rule.kind_name)
        if rule.kind is None:
            raise LookupError(rule.kind_name)
    return rule


# ---- the entry ------------------------------------------------------------------------------
def get(key: tuple, before: list) -> tuple[list, list[str]] | None:
    """(rules, warnings) cached for these resolved packs, or None."""
    if not enabled():
        return None
    raw = read_private(_entry(key))
    if raw is None:
        return None
    try:
        entry = json.loads(raw)
        if entry["version"] != _version() or entry["stamps"] != before + _stamp(entry["extra"]):
            return None
        return [rule_from_data(r) for r in entry["rules"]], list(entry["warnings"])
    except Exception:   # stale, truncated, written by another layout, a kind gone: load afresh
        return None


def put(key: tuple, before: list, packset) -> None:
    """Store a PackSet; never fails the run (a read-only home just means no cache)."""
    if not enabled():
        return
    try:
        files: set[str] = {f for r in packset.rules if (f := getattr(r.kind, "__file__", None))}
        extra = sorted(files - set(_code_files()))       # kinds from plugins
        rules = [rule_to_data(r) for r in packset.rules]
        if not all(_same(r.options, _decode(d["options"])) for r, d in zip(packset.rules, rules)):
            return
        entry = {"version": _version(), "stamps": before + _stamp(extra), "extra": extra,
                 "warnings": packset.warnings, "rules": rules}
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, OSError):   # an option JSON cannot hold: no cache for these packs
        return
    path = _entry(key)
    if write_entry(path, data):
        prune(path.parent, "rules-*.json", KEEP)
        prune(path.parent, "rules-*.pickle", 0)      # entries of earlier versions (pickles)
