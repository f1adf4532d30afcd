"""Load rule packs: one YAML file per rule, every error reported at file:line:col."""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from reportlint.files.reading import read_text_file
from reportlint.model.errors import InputError, RuleFileError, RuleLoadErrors
from reportlint.model.finding import Severity
from reportlint.rulepacks.rule import Rule

RULE_SUFFIXES = (".yaml", ".yml")


# ---- one rule file -----------------------------------------------------------------------
def load_rule_file(path: Path, pack: str) -> Rule:
    """One rule file -> Rule; every error of the file at once (RuleLoadErrors)."""
    # only when the compiled-rules cache misses: PyYAML, the checks and the kinds' options
    from reportlint.rulepacks.validate import RuleFile, check_rule
    from reportlint.rulepacks.yamlmarks import parse_yaml
    fname = str(path)
    try:
        text = read_text_file(fname)
    except InputError as exc:
        raise RuleLoadErrors([RuleFileError(fname, 1, 1, f"cannot read rule file: {exc.message}")]) from None
    data, marks, errors = parse_yaml(text, fname)
    if errors:
        raise RuleLoadErrors(errors)
    rf = RuleFile(fname, path.stem, data, marks)
    if not isinstance(data, dict):
        rf.err((), "a rule file must be a mapping of keys (id, kind, message, …)")
        raise RuleLoadErrors(rf.errors)
    check_rule(rf)
    if rf.errors:
        raise RuleLoadErrors(rf.errors)
    scope, scopes = data.get("scope"), rf.scopes
    return Rule(
        id=data["id"], kind_name=rf.kind_name, kind=rf.kind, pack=pack, path=fname,
        category=data["category"], severity=Severity.parse(data.get("severity", "warning")),
        message=data["message"], message_en=data.get("message_en"),
        description=data["description"], why=data["why"],
        scope=scope or (scopes[0] if scopes else None),
        options=rf.options, examples=data["examples"], marks=marks,
        references=data.get("references") or [],
        enabled=data.get("enabled", True),
        genres=tuple(data.get("genre") or ()),
        priority=data.get("priority"),
    )


# ---- packs -------------------------------------------------------------------------------
def builtin_root() -> Path:
    """rules/ inside the wheel (mapped in at build time), or the source tree's top-level rules/."""
    package = Path(__file__).resolve().parents[1]   # (importlib.resources: ~5 ms of start-up)
    inside = package / "rules"
    if inside.is_dir():
        return inside
    return package.parents[1] / "rules"


def builtin_packs() -> dict[str, Path]:
    root = builtin_root()
    if not root.is_dir():
        return {}
    return {p.name: p for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith((".", "_"))}


class PackSet(NamedTuple):
    rules: list[Rule]
    warnings: list[str]


def _resolve(packs: list[str | Path], base: Path | None, builtins: dict[str, Path]):
    """(ref, folder or None, pack name) for each pack reference."""
    out: list[tuple[str, Path | None, str]] = []
    for ref in packs:
        ref_s = str(ref)
        if ref_s in builtins and not (base and (base / ref_s).is_dir() and "/" in ref_s):
            out.append((ref_s, builtins[ref_s], ref_s))
            continue
        folder = Path(ref_s).expanduser()
        if base is not None and not folder.is_absolute():
            folder = base / folder
        out.append((ref_s, folder if folder.is_dir() else None, folder.name))
    return out


def resolve_packs(packs: list[str | Path], base: Path | None = None) -> list[tuple[str, Path | None, str]]:
    """(ref, folder or None when there is no such pack, pack name) for each pack reference."""
    return _resolve(packs, base, builtin_packs())


def stray(entry: Path) -> bool:
    """A file in a pack folder that is neither a rule file nor its README: ignored with a warning."""
    return (not entry.name.startswith(".") and entry.suffix not in RULE_SUFFIXES
            and entry.name.lower() != "readme.md" and not entry.is_dir())


def load_packs(packs: list[str | Path], base: Path | None = None) -> PackSet:
    """Load built-in pack names and pack folders; collect every error before raising.

    A wheel ships the built-in packs already loaded (rulepacks/bundled.py); other packs that
    load cleanly are kept in the compiled-rules cache (rulepacks/cache.py)."""
    from reportlint.rulepacks import bundled
    from reportlint.rulepacks import cache as rulecache

    builtins = builtin_packs()
    resolved = _resolve(packs, base, builtins)
    shipped = bundled.load(resolved, builtins, builtin_root())   # a wheel's, loaded at build time
    if shipped is not None:
        return PackSet(shipped, [])
    folders = [f for _, f, _ in resolved]
    key = tuple((str(f), name) for _, f, name in resolved)
    before = None
    if None not in folders and rulecache.enabled():
        try:
            before = rulecache.stamps(folders)
        except OSError:
            before = None
        hit = rulecache.get(key, before) if before is not None else None
        if hit is not None:
            return PackSet(*hit)
    packset = _load_resolved(resolved, builtins)
    if before is not None:
        rulecache.put(key, before, packset)
    return packset


def _load_resolved(resolved, builtins: dict[str, Path]) -> PackSet:
    rules: list[Rule] = []
    errors: list[RuleFileError] = []
    warnings: list[str] = []
    seen_ids: dict[str, str] = {}
    for ref_s, folder, name in resolved:
        if folder is None:
            from reportlint.rulepacks.yamlmarks import did_you_mean
            errors.append(RuleFileError(ref_s, 1, 1, "no such rule pack (neither a built-in pack "
                          f"nor a folder){did_you_mean(ref_s, builtins)}"))
            continue
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            errors.append(RuleFileError(ref_s, 1, 1, f"cannot read rule pack: {exc.strerror or exc}"))
            continue
        rule_files = [p for p in entries if p.suffix in RULE_SUFFIXES and not p.name.startswith(".")
                      and not p.is_dir()]
        if not rule_files:     # linting with no rule would pass every draft: say so once
            errors.append(RuleFileError(str(folder), 1, 1, "this folder holds no rule files "
                                        "(.yaml or .yml): not a rule pack"))
            continue
        for path in entries:
            if path.is_dir() or path.name.startswith("."):
                continue
            if path.suffix not in RULE_SUFFIXES:
                if stray(path):
                    warnings.append(f"{path}: ignored (rule files end in .yaml or .yml)")
                continue
            try:
                rule = load_rule_file(path, name)
            except RuleLoadErrors as exc:
                errors.extend(exc.errors)
                continue
            if rule.id in seen_ids:
                line, col = rule.marks.get(("id",), (1, 1))
                errors.append(RuleFileError(str(path), line, col,
                              f"duplicate rule id '{rule.id}' (also in {seen_ids[rule.id]})"))
                continue
            seen_ids[rule.id] = str(path)
            rules.append(rule)
    if errors:
        raise RuleLoadErrors(errors)
    return PackSet(rules, warnings)


def ship_builtins(rules_root: Path, package: Path) -> bytes:
    """The packs of a source tree loaded, as the wheel ships them (hatch_build.py,
    rulepacks/bundled.py). Raises if they do not load cleanly together, or warn."""
    from reportlint.rulepacks import bundled
    packs = {p.name: p for p in sorted(rules_root.iterdir())
             if p.is_dir() and not p.name.startswith((".", "_"))}
    _load_resolved([(name, folder, name) for name, folder in packs.items()], packs)  # ids unique
    loaded = {}
    for name, folder in packs.items():
        packset = _load_resolved([(name, folder, name)], packs)
        if packset.warnings:
            raise ValueError(f"pack {name}: {packset.warnings}")
        loaded[name] = (folder, packset.rules)
    return bundled.encode(loaded, package, _patterns_made(loaded))


def _patterns_made(loaded: dict) -> list:
    """[source, flags, compiled form] of the patterns the kinds make while they run (not in a rule
    file), as running every rule's examples makes them, and the kinds' own (patterns.constant):
    the wheel ships them compiled."""
    from reportlint.kinds import patterns
    from reportlint.kinds.regex_code import form
    from reportlint.rulepacks.examples import run_examples
    with patterns.recording() as made:
        for _, rules in loaded.values():
            run_examples(rules)
    forms = {}
    for source, flags, rx in [*made, *patterns.constants()]:     # and the kinds' own, made at import too
        code = form(rx)
        if code is not None:
            forms[(source, flags)] = code
    return [[source, flags, code] for (source, flags), code in sorted(forms.items())]
