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
from dataclasses import dataclass, field
from pathlib import Path

from reportlint.model.errors import ConfigError, RuleFileError
from reportlint.model.finding import SEVERITIES, Severity
from reportlint.model.genres import GENRES
from reportlint.rulepacks.yamlmarks import did_you_mean, parse_yaml

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")

_KEYS = {
    "packs": list, "extra_packs": list, "select": list, "ignore": list, "severity": dict,
    "per_file_ignores": dict, "exclude": list, "year": int, "unit": str, "genre": str, "fail_on": str,
    "encoding": str, "lang": str,
}


@dataclass
class Config:
    path: Path | None = None            # the file it came from (None: defaults)
    packs: list | None = None
    extra_packs: list = field(default_factory=list)
    select: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    per_file_ignores: dict = field(default_factory=dict)
    exclude: list = field(default_factory=list)
    year: int | None = None
    unit: str | None = None
    genre: str | None = None
    fail_on: str | None = None
    encoding: str | None = None
    lang: str | None = None

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
    errors: list[RuleFileError] = []

    def err(keypath, msg):
        line, col = marks.get(keypath, marks.get((), (1, 1)))
        errors.append(RuleFileError(fname, line, col, msg))

    if data is None:
        data = {}
    if not isinstance(data, dict):
        err((), "configuration must be a mapping")
        raise ConfigError(errors)
    for key, value in data.items():
        key = str(key).replace("-", "_")
        want = _KEYS.get(key)
        if want is None:
            err((key,), f"unknown configuration key '{key}'" + did_you_mean(key, _KEYS))
        elif not isinstance(value, want) or (isinstance(value, bool) and want is int):
            err((key,), f"'{key}' must be a {want.__name__}")
    for rid, level in (data.get("severity") or {}).items() if isinstance(data.get("severity"), dict) else ():
        if level not in SEVERITIES:
            err(("severity", rid), f"severity of '{rid}' must be one of {', '.join(SEVERITIES)}")
    if data.get("genre") is not None and data.get("genre") not in GENRES:
        err(("genre",), f"genre must be one of {', '.join(GENRES)}")
    if data.get("fail_on") is not None and data.get("fail_on") not in SEVERITIES:
        err(("fail_on",), f"fail_on must be one of {', '.join(SEVERITIES)}")
    if errors:
        raise ConfigError(errors)
    cfg = Config(path=Path(fname).resolve())
    for key, value in data.items():
        setattr(cfg, str(key).replace("-", "_"), value)
    return cfg


def load_config(path: Path) -> Config:
    path = Path(path)
    fname = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([RuleFileError(fname, 1, 1, f"cannot read configuration: {exc}")]) from None
    if path.name == "pyproject.toml":
        import tomllib
        try:
            data = tomllib.loads(text).get("tool", {}).get("reportlint", {})
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
                    if "[tool.reportlint" in pp.read_text(encoding="utf-8", errors="replace"):
                        result = pp
                except OSError:
                    pass
        if result is not None or (folder / ".git").exists():
            break
    for folder in visited:
        _found[folder] = result
    return result
