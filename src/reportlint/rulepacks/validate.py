"""The checks of one rule file, each a small function, run in a fixed order by `check_rule`.

Every error is reported at the YAML line and column of the key it is about (the marks table
of yamlmarks.parse_yaml) and loading goes on, so one run shows all the errors of a pack.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from reportlint import kinds as kind_registry
from reportlint.kinds.options import Option, problems, type_error
from reportlint.kinds.patterns import compile_pattern
from reportlint.model.errors import RuleFileError
from reportlint.rulepacks.schema import DISALLOWED_ID_PREFIXES, HEADER, ID_RE
from reportlint.rulepacks.template import META_FIELDS
from reportlint.rulepacks.yamlmarks import did_you_mean


@dataclass
class RuleFile:
    """One parsed rule file and the errors found in it so far."""
    fname: str
    stem: str
    data: dict
    marks: dict
    errors: list[RuleFileError] = field(default_factory=list)
    kind_name: Any = None
    kind: ModuleType | None = None
    options: dict = field(default_factory=dict)

    def err(self, keypath: tuple, msg: str) -> None:
        while keypath and keypath not in self.marks:   # the nearest enclosing value that has a mark
            keypath = keypath[:-1]
        line, col = self.marks.get(keypath, (1, 1))
        self.errors.append(RuleFileError(self.fname, line, col, msg))

    @property
    def schema(self) -> dict[str, Option]:
        return getattr(self.kind, "OPTIONS", {}) if self.kind else {}

    @property
    def scopes(self) -> tuple:
        return tuple(getattr(self.kind, "SCOPES", ())) if self.kind else ()


def check_rule(rf: RuleFile) -> None:
    """All checks, in the order their errors are reported."""
    for check in (check_kind, check_keys, check_required, check_id, check_scope, check_examples,
                  compile_options, check_messages, check_kind_rules):
        check(rf)


def check_kind(rf: RuleFile) -> None:
    rf.kind_name = rf.data.get("kind")
    if not isinstance(rf.kind_name, str):
        return
    rf.kind = kind_registry.get(rf.kind_name)
    if rf.kind is None:
        rf.err(("kind",), f"unknown kind '{rf.kind_name}'" + did_you_mean(rf.kind_name, kind_registry.names()))


def check_keys(rf: RuleFile) -> None:
    """Every key is a header key or an option of the kind, with a value of its type."""
    schema = rf.schema
    for key, value in rf.data.items():
        if isinstance(key, str) and key.startswith("x-"):
            continue  # extension keys hold YAML anchors shared by examples (x-reference: &ref …)
        opt = HEADER.get(key) or schema.get(key)
        if opt is None:
            _unknown_key(rf, key, schema)
            continue
        for path, problem in problems(opt, value):
            rf.err((key, *path), f"'{_dotted(key, path)}': {problem}")


def _dotted(key: str, path: tuple) -> str:
    """sections[2].heading"""
    return key + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _unknown_key(rf: RuleFile, key: Any, schema: dict) -> None:
    if rf.kind is None and rf.kind_name is not None:
        return  # can't judge kind options without the kind
    where = f"for kind '{rf.kind_name}'" if rf.kind else "in a rule file"
    rf.err((key,), f"unknown key '{key}' {where}" + did_you_mean(key, list(HEADER) + list(schema)))


def check_required(rf: RuleFile) -> None:
    for key, opt in {**HEADER, **rf.schema}.items():
        if opt.required and key not in rf.data:
            rf.err((), f"missing required key '{key}'")


def check_id(rf: RuleFile) -> None:
    rid = rf.data.get("id")
    if not isinstance(rid, str):
        return
    if not re.match(ID_RE, rid):
        rf.err(("id",), f"rule id '{rid}' must be lower-case kebab-case")
    elif rid.startswith(DISALLOWED_ID_PREFIXES):
        rf.err(("id",), f"rule id '{rid}' should name the problem, not the fix "
                        f"(no {'/'.join(DISALLOWED_ID_PREFIXES)} prefix)")
    if rid != rf.stem:
        rf.err(("id",), f"rule id '{rid}' must equal the file name '{rf.stem}'")


def check_scope(rf: RuleFile) -> None:
    scope, scopes = rf.data.get("scope"), rf.scopes
    if scope is not None and rf.kind and scope not in scopes:
        rf.err(("scope",), f"scope '{scope}' is not supported by kind '{rf.kind_name}'"
                           + (f" (supported: {', '.join(scopes)})" if scopes else ""))


def check_examples(rf: RuleFile) -> None:
    examples = rf.data.get("examples")
    if not isinstance(examples, dict):
        return
    for k in examples:
        if k not in ("bad", "good"):
            rf.err(("examples", k), f"unknown examples key '{k}' (use bad and good)")
    for k in ("bad", "good"):
        items = examples.get(k)
        if not isinstance(items, list) or not items:
            rf.err(("examples",) + ((k,) if k in examples else ()), f"examples.{k} must be a non-empty list")
            continue
        for i, item in enumerate(items):
            text = item.get("text") if isinstance(item, dict) else item
            if not isinstance(text, str):
                rf.err(("examples", k, i), "an example is a string or a mapping with 'text'")


def compile_options(rf: RuleFile) -> None:
    """The kind's options with their defaults; regexes compiled now, errors at the key's line."""
    for key, opt in rf.schema.items():
        value = rf.data.get(key, opt.default)
        if value is not None and opt.type in ("regex", "regexes") and not type_error(opt, value):
            value = _compiled(rf, key, opt, value)
        rf.options[key] = value


def _compiled(rf: RuleFile, key: str, opt: Option, value: Any) -> Any:
    items = [value] if opt.type == "regex" else value
    compiled = []
    for i, pat in enumerate(items):
        try:
            compiled.append(compile_pattern(pat))
        except Exception as exc:  # regex.error
            rf.err((key,) if opt.type == "regex" else (key, i), f"bad regular expression {pat!r}: {exc}")
    return compiled[0] if opt.type == "regex" and compiled else compiled


def check_messages(rf: RuleFile) -> None:
    """Message templates name only the fields the kind offers (and the meta fields)."""
    if rf.kind is None:
        return
    fields = set(getattr(rf.kind, "FIELDS", ())) | META_FIELDS
    if hasattr(rf.kind, "extra_fields"):
        fields |= set(rf.kind.extra_fields(rf.options))
    for mkey in ("message", "message_en"):
        msg = rf.data.get(mkey)
        if msg is None:
            continue
        templates = msg.items() if isinstance(msg, dict) else [(None, msg)]
        for variant, tmpl in templates:
            _check_template(rf, (mkey,) if variant is None else (mkey, variant), tmpl, fields)


def _check_template(rf: RuleFile, kp: tuple, tmpl: Any, fields: set[str]) -> None:
    from reportlint.rulepacks.template import problems
    if not isinstance(tmpl, str):
        rf.err(kp, f"'{kp[0]}' must be a string or a mapping of variant: string")
        return
    for problem in problems(tmpl, fields):
        if problem.startswith("unknown field"):
            name = problem.split("'{", 1)[1].split("}'", 1)[0]
            problem += did_you_mean(name, fields) + f"; kind '{rf.kind_name}' offers: {', '.join(sorted(fields))}"
        rf.err(kp, problem)


def check_kind_rules(rf: RuleFile) -> None:
    """The kind's own checks (cross-field ones), once everything else is right."""
    if rf.errors or rf.kind is None or not hasattr(rf.kind, "validate"):
        return
    for keypath, msg in rf.kind.validate(rf.options) or ():
        rf.err(tuple(keypath) if isinstance(keypath, (list, tuple)) else (keypath,), msg)
