"""Configuration: `.reportlint.yaml` (or .yml) or `[tool.reportlint]` in pyproject.toml,
found upward from each linted file. Selection and levels only; rule options live in packs.

    packs: [core, terms, ./my-rules]     # built-in pack names or folders (default: all built-in)
    extra_packs: [./my-rules]            # added to the default packs
    select: ["*"]                        # ids, globs, pack names, categories
    ignore: [duplicate-paragraph]
    severity: {leftover-placeholder: warning}
    per_file_ignores: {"drafts/*.md": [total-mismatch]}
    exclude: ["archive/**"]
    year: 2024                           # report year when the title does not give it
    unit: 某某镇
    genre: gio-annual-report             # the kind of report when its title does not say (model/genres)
    fail_on: error
"""
from __future__ import annotations

import fnmatch
from pathlib import Path

from reportlint.files.reading import read_text_file
from reportlint.model.errors import ConfigError, InputError, RuleFileError
from reportlint.model.finding import SEVERITIES, Severity
from reportlint.model.genres import GENRES
from reportlint.model.plain import Fields
from reportlint.rulepacks.yamlmarks import did_you_mean, parse_yaml

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")

# key -> (what it holds, in words; a check of one value). Lists and maps are checked element
# by element, so every wrong value is reported at its own line.
def _str(v) -> bool:
    return isinstance(v, str) and bool(v.strip())


_LISTS = ("packs", "extra_packs", "select", "ignore", "exclude")
_KEYS = {
    "packs": "a list of pack names or folders", "extra_packs": "a list of pack names or folders",
    "select": "a list of rule selectors", "ignore": "a list of rule selectors",
    "exclude": "a list of file patterns",
    "severity": "a mapping {rule id: error|warning|info}",
    "per_file_ignores": "a mapping {file pattern: [rule selectors]}",
    "year": "a year such as 2024", "unit": "a unit name", "genre": "a report genre",
    "fail_on": "error, warning or info",
    "encoding": "an encoding name such as gb18030", "lang": "zh or en",
}
LANGS = ("zh", "en")


class Config(Fields):
    """The effective configuration of a run (`.reportlint.yaml` over the defaults)."""
    _fields = ("path", "packs", "extra_packs", "select", "ignore", "severity", "per_file_ignores", "exclude",
               "year", "unit", "genre", "fail_on", "encoding", "lang", "marks")
    _hidden = ("marks",)

    def __init__(self, path: Path | None = None, packs: list | None = None, extra_packs: list | None = None,
                 select: list | None = None, ignore: list | None = None, severity: dict | None = None,
                 per_file_ignores: dict | None = None, exclude: list | None = None, year: int | None = None,
                 unit: str | None = None, genre: str | None = None, fail_on: str | None = None,
                 encoding: str | None = None, lang: str | None = None, marks: dict | None = None):
        self.path = path                  # the file it came from (None: defaults)
        self.packs = packs
        self.extra_packs = [] if extra_packs is None else extra_packs
        self.select = [] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.severity = {} if severity is None else severity
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.exclude = [] if exclude is None else exclude
        self.year, self.unit, self.genre, self.fail_on = year, unit, genre, fail_on
        self.encoding, self.lang = encoding, lang
        self.marks = {} if marks is None else marks     # key path -> (line, col) in the file

    def where(self, *keypath, message: str = "") -> RuleFileError:
        """An error at a key of this file (its line when known)."""
        line, col = self.marks.get(keypath) or self.marks.get(keypath[:1]) or (1, 1)
        return RuleFileError(str(self.path), line, col, message)

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def severities(self) -> dict[str, Severity]:
        return {k: Severity.parse(v) for k, v in self.severity.items()}

    def ignores_for(self, path: str) -> list[str]:
        rel = _relative(path, self.base)
        return [ref for pattern, refs in self.per_file_ignores.items()
                if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern)
                for ref in refs]

    def excluded(self, path: Path) -> bool:
        rel = _relative(str(path), self.base)
        return any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(path.name, pat) for pat in self.exclude)


def _relative(path: str, base: Path) -> str:
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _validate(data, marks: dict, fname: str) -> Config:
    """Every value checked here, at load time, each error at its file:line:col."""
    errors: list[RuleFileError] = []

    def err(keypath, msg):
        line, col = marks.get(keypath) or marks.get(keypath[:1]) or marks.get((), (1, 1))
        errors.append(RuleFileError(fname, line, col, msg))

    if data is None:
        data = {}
    if not isinstance(data, dict):
        err((), "configuration must be a mapping")
        raise ConfigError(errors)
    clean: dict = {}
    for raw_key, value in data.items():
        key = str(raw_key).replace("-", "_")
        if key not in _KEYS:
            err((raw_key,), f"unknown configuration key '{raw_key}'" + did_you_mean(key, _KEYS))
            continue
        before = len(errors)
        _check(key, value, (raw_key,), err)
        if len(errors) == before:
            clean[key] = value
    if errors:
        raise ConfigError(errors)
    cfg = Config(path=Path(fname).resolve(), marks=marks)
    for key, value in clean.items():
        setattr(cfg, key, value)
    return cfg


def _check(key: str, value, at: tuple, err) -> None:
    """Report (through `err`) what is wrong with one configuration value."""
    want = _KEYS[key]
    shape = list if key in _LISTS else dict if key in ("severity", "per_file_ignores") else None
    if shape is not None and not isinstance(value, shape):
        err(at, f"'{key}' must be {want}, not {_typename(value)}")
        return
    _CHECKS.get(key, _check_text)(key, value, at, err)


def _check_list(key, value, at, err):
    for i, item in enumerate(value):
        if not _str(item):
            err(at + (i,), f"'{key}' item {i + 1} must be a non-empty string, not {_typename(item)}")


def _check_severity(key, value, at, err):
    for rid, level in value.items():
        if not _str(rid):
            err(at + (rid,), f"severity: '{rid}' is not a rule id")
        elif level not in SEVERITIES:
            err(at + (rid,), f"severity of '{rid}' must be one of {', '.join(SEVERITIES)}")


def _check_per_file(key, value, at, err):
    for pattern, refs in value.items():
        if not _str(pattern):
            err(at + (pattern,), f"per_file_ignores: '{pattern}' is not a file pattern")
        elif not isinstance(refs, list) or not all(_str(r) for r in refs):
            err(at + (pattern,), f"per_file_ignores['{pattern}'] must be a list of rule selectors")


def _check_year(key, value, at, err):
    if isinstance(value, bool) or not isinstance(value, int) or not 1949 <= value <= 2200:
        err(at, f"'year' must be {_KEYS[key]}, not {value!r}")


def _one_of(choices):
    def check(key, value, at, err):
        if value not in choices:
            err(at, f"{key} must be one of {', '.join(choices)}, not {value!r}")
    return check


def _check_encoding(key, value, at, err):
    import codecs
    try:
        ok = _str(value) and codecs.lookup(value) is not None
    except LookupError:
        ok = False
    if not ok:
        err(at, f"'encoding' must be {_KEYS[key]}, not {value!r}")


def _check_text(key, value, at, err):
    if not _str(value):
        err(at, f"'{key}' must be {_KEYS[key]}, not {_typename(value)}")


_CHECKS = {**{k: _check_list for k in _LISTS}, "severity": _check_severity,
           "per_file_ignores": _check_per_file, "year": _check_year, "fail_on": _one_of(SEVERITIES),
           "lang": _one_of(LANGS), "genre": _one_of(tuple(GENRES)), "encoding": _check_encoding}


def _typename(v) -> str:
    return {type(None): "null", bool: "true/false", int: "a number", float: "a number",
            str: "a string", list: "a list", dict: "a mapping"}.get(type(v), type(v).__name__)


def load_config(path: Path) -> Config:
    path = Path(path)
    fname = str(path)
    try:
        text = read_text_file(fname)
    except InputError as exc:
        raise ConfigError([RuleFileError(fname, 1, 1, f"cannot read configuration: {exc.message}")]) from None
    if path.name == "pyproject.toml":
        import tomllib
        try:
            tool = tomllib.loads(text).get("tool", {})
            data = tool.get("reportlint", {}) if isinstance(tool, dict) else {}
        except RecursionError:
            raise ConfigError([RuleFileError(fname, 1, 1, "invalid TOML: nested too deeply")]) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([RuleFileError(fname, getattr(exc, "lineno", 1) or 1,
                                             getattr(exc, "colno", 1) or 1, f"invalid TOML: {exc}")]) from None
        return _validate(data, {}, fname)
    data, marks, errors = parse_yaml(text, fname)
    if errors:
        raise ConfigError(errors)
    return _validate(data, marks, fname)


_found: dict[Path, Path | None] = {}


def find_config_file(start: Path) -> Path | None:
    """The nearest .reportlint.yaml/.yml or pyproject.toml with [tool.reportlint], upward."""
    d = start.resolve()
    d = d if d.is_dir() else d.parent
    visited = []
    result = None
    for folder in (d, *d.parents):
        if folder in _found:
            result = _found[folder]
            break
        visited.append(folder)
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                result = folder / name
                break
        if result is None:
            pp = folder / "pyproject.toml"
            if pp.is_file():
                try:
                    if "[tool.reportlint" in read_text_file(str(pp)):
                        result = pp
                except InputError:
                    pass
        if result is not None or (folder / ".git").exists():
            break
    for folder in visited:
        _found[folder] = result
    return result
