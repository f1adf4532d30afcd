"""YAML with marks: values plus a {key path: (line, col)} table, so every error can point at
the exact key. Duplicate mapping keys (which PyYAML silently merges) are rejected.

PyYAML is imported on first parse: a run served by the compiled-rules cache never needs it.
"""
from __future__ import annotations

from typing import Any

from reportlint.model.errors import RuleFileError


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
    except RecursionError:
        return None, {}, [RuleFileError(fname, 1, 1, "invalid YAML: nested too deeply")]
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
    try:
        _walk(node, (), marks, errors, fname)
        value = yaml.constructor.SafeConstructor().construct_document(node)
    except RecursionError:
        return None, {}, [RuleFileError(fname, 1, 1, "invalid YAML: nested too deeply")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc)   # one line, without PyYAML's "in <unicode string>"
        errors.append(RuleFileError(fname, line, col, f"invalid YAML value: {problem}"))
        value = None
    return value, marks, errors


def did_you_mean(word: str, options) -> str:
    import difflib
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


