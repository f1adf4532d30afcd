"""Which rules run: --select / --ignore / config selectors (ids, globs, packs, categories)."""
from __future__ import annotations

from fnmatch import fnmatchcase

from reportlint.model.finding import CATEGORIES
from reportlint.rulepacks.rule import Rule


def matches(rule: Rule, ref: str) -> bool:
    """A selector matches a rule by id, id glob, pack name, category, or "pack/id"."""
    return (ref in ("*", "all", rule.pack, rule.category)
            or fnmatchcase(rule.id, ref)
            or fnmatchcase(f"{rule.pack}/{rule.id}", ref))


def select(rules: list[Rule], select: list[str] | None = None,
           ignore: list[str] | None = None) -> list[Rule]:
    """--select keeps rules that match any selector (default all); --ignore then drops."""
    out = []
    for r in rules:
        if select and not any(matches(r, s) for s in select):
            continue
        if not select and not r.enabled:
            continue
        if ignore and any(matches(r, s) for s in ignore):
            continue
        out.append(r)
    return out


def unknown_selectors(rules: list[Rule], refs: list[str]) -> list[str]:
    return [ref for ref in refs if not any(matches(r, ref) for r in rules) and ref not in CATEGORIES]


def unknown_selector_hint(rules: list[Rule], ref: str) -> str:
    """" (did you mean 'x'?)" for a selector that matches nothing: the closest id, pack or category."""
    import difflib
    names = sorted({r.id for r in rules} | {r.pack for r in rules} | set(CATEGORIES))
    close = difflib.get_close_matches(ref, names, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
