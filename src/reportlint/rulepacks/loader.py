"""Load rule packs: one YAML file per rule, every error reported at file:line:col."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportlint import kinds as kind_registry
from reportlint.kinds.options import type_error
from reportlint.kinds.patterns import compile_pattern
from reportlint.model.errors import RuleFileError, RuleLoadErrors
from reportlint.model.finding import Severity
from reportlint.rulepacks.rule import Rule
from reportlint.rulepacks.schema import DISALLOWED_ID_PREFIXES, HEADER, ID_RE
from reportlint.rulepacks.yamlmarks import did_you_mean, parse_yaml

META_FIELDS = {"year", "next_year", "unit"}   # always available in message templates
RULE_SUFFIXES = (".yaml", ".yml")


def _formatter():
    import string
    return string.Formatter()


# ---- one rule file -----------------------------------------------------------------------
def load_rule_file(path: Path, pack: str) -> Rule:
    fname = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleLoadErrors([RuleFileError(fname, 1, 1, f"cannot read rule file: {exc}")])
    data, marks, errors = parse_yaml(text, fname)

    def err(keypath: tuple, msg: str) -> None:
        line, col = marks.get(keypath, marks.get((), (1, 1)))
        errors.append(RuleFileError(fname, line, col, msg))

    if errors:
        raise RuleLoadErrors(errors)
    if not isinstance(data, dict):
        err((), "a rule file must be a mapping of keys (id, kind, message, …)")
        raise RuleLoadErrors(errors)

    kind_name = data.get("kind")
    kind = kind_registry.get(kind_name) if isinstance(kind_name, str) else None
    if isinstance(kind_name, str) and kind is None:
        err(("kind",), f"unknown kind '{kind_name}'" + did_you_mean(kind_name, kind_registry.names()))
    options_schema = getattr(kind, "OPTIONS", {}) if kind else {}

    for key, value in data.items():
        if isinstance(key, str) and key.startswith("x-"):
            continue  # extension keys hold YAML anchors shared by examples (x-reference: &ref …)
        opt = HEADER.get(key) or options_schema.get(key)
        if opt is None:
            if kind is None and kind_name is not None:
                continue  # can't judge kind options without the kind
            where = f"for kind '{kind_name}'" if kind else "in a rule file"
            err((key,), f"unknown key '{key}' {where}"
                + did_you_mean(key, list(HEADER) + list(options_schema)))
            continue
        problem = type_error(opt, value)
        if problem:
            err((key,), f"'{key}': {problem}")
    for key, opt in {**HEADER, **options_schema}.items():
        if opt.required and key not in data:
            err((), f"missing required key '{key}'")

    rid = data.get("id")
    if isinstance(rid, str):
        if not re.match(ID_RE, rid):
            err(("id",), f"rule id '{rid}' must be lower-case kebab-case")
        elif rid.startswith(DISALLOWED_ID_PREFIXES):
            err(("id",), f"rule id '{rid}' should name the problem, not the fix "
                         f"(no {'/'.join(DISALLOWED_ID_PREFIXES)} prefix)")
        if rid != path.stem:
            err(("id",), f"rule id '{rid}' must equal the file name '{path.stem}'")

    scopes = tuple(getattr(kind, "SCOPES", ())) if kind else ()
    scope = data.get("scope")
    if scope is not None and kind and scope not in scopes:
        err(("scope",), f"scope '{scope}' is not supported by kind '{kind_name}'"
                        + (f" (supported: {', '.join(scopes)})" if scopes else ""))

    examples = data.get("examples")
    if isinstance(examples, dict):
        for k in examples:
            if k not in ("bad", "good"):
                err(("examples", k), f"unknown examples key '{k}' (use bad and good)")
        for k in ("bad", "good"):
            items = examples.get(k)
            if not isinstance(items, list) or not items:
                err(("examples",) + ((k,) if k in examples else ()),
                    f"examples.{k} must be a non-empty list")
                continue
            for i, item in enumerate(items):
                text = item.get("text") if isinstance(item, dict) else item
                if not isinstance(text, str):
                    err(("examples", k, i), "an example is a string or a mapping with 'text'")

    # compile regexes at load, errors at the key's line
    options: dict = {}
    for key, opt in options_schema.items():
        value = data.get(key, opt.default)
        if value is not None and opt.type in ("regex", "regexes") and not type_error(opt, value):
            items = [value] if opt.type == "regex" else value
            compiled = []
            for i, pat in enumerate(items):
                kp = (key,) if opt.type == "regex" else (key, i)
                try:
                    compiled.append(compile_pattern(pat))
                except Exception as exc:  # regex.error
                    err(kp, f"bad regular expression {pat!r}: {exc}")
            value = compiled[0] if opt.type == "regex" and compiled else compiled
        options[key] = value

    fields = set(getattr(kind, "FIELDS", ())) | META_FIELDS
    if kind and hasattr(kind, "extra_fields"):
        fields |= set(kind.extra_fields(options))
    for mkey in ("message", "message_en"):
        msg = data.get(mkey)
        if msg is None or kind is None:
            continue
        templates = msg.items() if isinstance(msg, dict) else [(None, msg)]
        for variant, tmpl in templates:
            kp = (mkey,) if variant is None else (mkey, variant)
            if not isinstance(tmpl, str):
                err(kp, f"'{mkey}' must be a string or a mapping of variant: string")
                continue
            try:
                used = {f for _, f, _, _ in _formatter().parse(tmpl) if f is not None}
            except ValueError as exc:
                err(kp, f"bad message template: {exc}")
                continue
            for f in sorted(used):
                if f == "" or f.isdigit():
                    err(kp, "message templates use named fields only, like {found}")
                elif f.split(".")[0].split("[")[0] not in fields:
                    err(kp, f"unknown field '{{{f}}}' in message" + did_you_mean(f, fields)
                        + f"; kind '{kind_name}' offers: {', '.join(sorted(fields))}")

    if not errors and kind and hasattr(kind, "validate"):
        for keypath, msg in kind.validate(options) or ():
            err(tuple(keypath) if isinstance(keypath, (list, tuple)) else (keypath,), msg)

    if errors:
        raise RuleLoadErrors(errors)
    return Rule(
        id=rid, kind_name=kind_name, kind=kind, pack=pack, path=fname,
        category=data["category"], severity=Severity.parse(data.get("severity", "warning")),
        message=data["message"], message_en=data.get("message_en"),
        description=data["description"], why=data["why"],
        scope=scope or (scopes[0] if scopes else None),
        options=options, examples=data["examples"], marks=marks,
        references=data.get("references") or [],
        enabled=data.get("enabled", True),
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


@dataclass
class PackSet:
    rules: list[Rule]
    warnings: list[str]


def _resolve(packs: list[str | Path], base: Path | None, builtins: dict[str, Path]):
    """(ref, folder or None, pack name) for each pack reference."""
    out = []
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


def load_packs(packs: list[str | Path], base: Path | None = None) -> PackSet:
    """Load built-in pack names and pack folders; collect every error before raising.

    Packs that load cleanly are kept in the compiled-rules cache (rulecache.py)."""
    from reportlint.rulepacks import cache as rulecache

    builtins = builtin_packs()
    resolved = _resolve(packs, base, builtins)
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
            return hit
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
            errors.append(RuleFileError(ref_s, 1, 1, "no such rule pack (neither a built-in pack "
                          f"nor a folder){did_you_mean(ref_s, builtins)}"))
            continue
        for path in sorted(folder.iterdir()):
            if path.is_dir() or path.name.startswith("."):
                continue
            if path.suffix not in RULE_SUFFIXES:
                if path.name.lower() != "readme.md":
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
