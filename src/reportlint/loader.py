"""Load rule packs: one YAML file per rule, every error reported at file:line:col.

The file is composed once (yaml.compose keeps a mark on every node); values are built from
the nodes and a {key path: (line, col)} table is kept beside them, so errors can point at
the exact key. Duplicate mapping keys (which PyYAML silently merges) are rejected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import kinds as kind_registry
from .finding import Severity
from .patterns import compile_pattern
from .schema import DISALLOWED_ID_PREFIXES, HEADER, ID_RE, type_error

# PyYAML is imported on first parse: a run served by the compiled-rules cache never needs it.

META_FIELDS = {"year", "next_year", "unit"}   # always available in message templates
RULE_SUFFIXES = (".yaml", ".yml")


@dataclass
class RuleFileError(Exception):
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class RuleLoadErrors(Exception):
    def __init__(self, errors: list[RuleFileError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


@dataclass
class Rule:
    id: str
    kind_name: str
    kind: Any                      # the kind module
    pack: str
    path: str
    category: str
    severity: Severity
    message: str | dict
    description: str
    why: str
    scope: str | None
    options: dict
    examples: dict
    marks: dict = field(default_factory=dict, repr=False)
    message_en: str | dict | None = None
    references: list = field(default_factory=list)
    enabled: bool = True
    _state: Any = field(default=None, repr=False)
    _prepared: bool = field(default=False, repr=False)

    def __getitem__(self, key: str) -> Any:
        return self.options[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)

    @property
    def state(self) -> Any:
        """The kind's prepared state, built on first use (so deselected rules cost nothing)."""
        if not self._prepared:
            prep = getattr(self.kind, "prepare", None)
            self._state = prep(self) if prep else None
            self._prepared = True
        return self._state

    def template(self, variant: str | None, lang: str = "zh") -> str:
        msg = self.message_en if lang == "en" and self.message_en else self.message
        if isinstance(msg, dict):
            return msg.get(variant) or next(iter(msg.values()))
        return msg

    @property
    def summary(self) -> str:
        return self.description.strip().splitlines()[0] if self.description else ""

    # pickled by the compiled-rules cache: the kind by name, never the prepared state; the
    # examples and YAML marks (half the entry, read only by test-rules, `rule ID` and load
    # errors) as one nested pickle, unpickled when first read (~1.3 ms less per start-up)
    _LAZY = ("examples", "marks")

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.update(kind=None, _state=None, _prepared=False)
        if all(name in state for name in self._LAZY):
            import pickle
            lazy = tuple(state.pop(name) for name in self._LAZY)
            state["_lazy"] = pickle.dumps(lazy, protocol=pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.kind = kind_registry.get(self.kind_name)

    def __getattr__(self, name: str) -> Any:
        # only reached for an attribute not set yet: the examples and marks of an unpickled rule
        lazy = self.__dict__.pop("_lazy", None) if name in self._LAZY else None
        if lazy is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        import pickle
        self.__dict__.update(zip(self._LAZY, pickle.loads(lazy)))
        return self.__dict__[name]


# ---- YAML with marks ---------------------------------------------------------------------
def _walk(node, path: tuple, marks: dict, errors: list, fname: str, visited: set | None = None) -> None:
    marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    # an alias (*name) is the same node again: walk it once, or nested aliases blow up exponentially
    visited = set() if visited is None else visited
    if id(node) in visited:
        return
    visited.add(id(node))
    if node.id == "mapping":
        seen: dict[Any, int] = {}
        for knode, vnode in node.value:
            key = knode.value if knode.id == "scalar" else str(knode.value)
            line = knode.start_mark.line + 1
            if key in seen:
                errors.append(RuleFileError(
                    fname, line, knode.start_mark.column + 1,
                    f"duplicate key '{key}' (first at line {seen[key]}); "
                    f"YAML would silently keep only the last one"))
            else:
                seen[key] = line
            marks[path + (key,)] = (line, knode.start_mark.column + 1)
            _walk(vnode, path + (key,), marks, errors, fname, visited)
    elif node.id == "sequence":
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), marks, errors, fname, visited)


def parse_yaml(text: str, fname: str) -> tuple[Any, dict, list[RuleFileError]]:
    """(value, marks, errors) for one YAML document."""
    import yaml

    errors: list[RuleFileError] = []
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        return None, {}, [RuleFileError(fname, line, col, f"invalid YAML: {problem}")]
    except yaml.YAMLError as exc:
        return None, {}, [RuleFileError(fname, 1, 1, f"invalid YAML: {exc}")]
    if node is None:
        return None, {(): (1, 1)}, errors
    marks: dict = {}
    _walk(node, (), marks, errors, fname)
    try:
        value = yaml.constructor.SafeConstructor().construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc)   # one line, without PyYAML's "in <unicode string>"
        errors.append(RuleFileError(fname, line, col, f"invalid YAML value: {problem}"))
        value = None
    return value, marks, errors


def _did_you_mean(word: str, options) -> str:
    import difflib
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


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
        err(("kind",), f"unknown kind '{kind_name}'" + _did_you_mean(kind_name, kind_registry.names()))
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
                + _did_you_mean(key, list(HEADER) + list(options_schema)))
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
                    err(kp, f"unknown field '{{{f}}}' in message" + _did_you_mean(f, fields)
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
    here = Path(__file__).resolve().parent     # (importlib.resources would cost ~5 ms of start-up)
    inside = here / "rules"
    if inside.is_dir():
        return inside
    return here.parents[1] / "rules"


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
    from . import rulecache

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
                          f"nor a folder){_did_you_mean(ref_s, builtins)}"))
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
