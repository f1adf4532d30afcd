"""Orchestration: find files, read and decode them, pick each file's config and rules, lint.

Nothing here prints. Problems with inputs become `InputError`s in the result so that one bad
file never stops the others from being linted.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, find_config_file, load_config
from .decoding import DecodeError, decode
from .document import INDENT, Document
from .finding import Finding, Severity
from .loader import Rule, builtin_packs, load_packs
from .messages import t
from .runner import RuleFailure, lint_document, select

SUFFIXES = (".txt", ".md", ".markdown", ".docx")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}
# A draft is ~10 KB; anything this big is a dump or a data file: refuse it quickly.
MAX_BYTES = 32 * 1024 * 1024


@dataclass
class InputError(Exception):
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    failures: list[RuleFailure] = field(default_factory=list)
    files: int = 0
    documents: dict[str, Document] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failures


class Findings(list):
    """A list of findings that also carries the inputs that could not be linted."""

    def __init__(self, findings=(), errors=()):
        super().__init__(findings)
        self.errors = list(errors)


def discover(paths: list[str], errors: list[InputError], lang: str = "zh",
             suffixes: tuple[str, ...] = SUFFIXES) -> list[str]:
    """Files named directly are taken as they are; folders are walked for known suffixes."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            def onerror(exc, _p=p):
                errors.append(InputError(exc.filename or _p, t("dir_unreadable", lang, detail=exc.strerror)))
            found = []
            for root, dirs, files in os.walk(path, onerror=onerror):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files
                             if f.lower().endswith(suffixes) and not f.startswith((".", "~$")))
            out.extend(sorted(found))
        else:
            out.append(p)
    seen = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def read_document(path: str, data: bytes, *, encoding: str | None = None,
                  year: int | None = None, unit: str | None = None, lang: str = "zh") -> Document:
    """Bytes of one input -> Document; raises InputError with a message for the user."""
    if path.lower().endswith(".docx"):
        from .docx_reader import read_docx  # python-docx only for Word drafts
        return read_docx(path, data, year=year, unit=unit, lang=lang)
    if not data:
        raise InputError(path, t("empty", lang))
    try:
        decoded = decode(data, encoding)
    except DecodeError as exc:
        if encoding:
            raise InputError(path, t("decode_as", lang, encoding=encoding, detail=exc.reason))
        raise InputError(path, t("binary" if exc.reason == "binary" else "undecodable", lang))
    if not decoded.text.strip(INDENT + "\r\n\ufeff\u200b"):
        raise InputError(path, t("blank", lang))
    return Document(decoded.text, path, encoding=decoded.encoding, bom=decoded.bom,
                    year=year, unit=unit)


def read_bytes(path: str, lang: str = "zh") -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise InputError(path, t("too_big", lang, size=size // 2**20, limit=MAX_BYTES // 2**20))
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(path, t("missing", lang)) from None
    except IsADirectoryError:
        raise InputError(path, t("unreadable", lang, detail="is a directory")) from None
    except OSError as exc:
        raise InputError(path, t("unreadable", lang, detail=exc.strerror or str(exc))) from None


class Linter:
    """Holds options and caches (configs, loaded rule sets) for one run."""

    def __init__(self, *, config: str | Path | None = None, isolated: bool = False,
                 packs: list[str] | None = None, select: list[str] | None = None,
                 ignore: list[str] | None = None, year: int | None = None,
                 unit: str | None = None, encoding: str | None = None, lang: str = "zh",
                 severity: dict[str, str] | None = None, context: dict | None = None):
        self.config_path = Path(config) if config else None
        self.isolated = isolated
        self.packs = packs
        self.select = select or []
        self.ignore = ignore or []
        self.year, self.unit, self.encoding, self.lang = year, unit, encoding, lang
        self.severity = severity or {}
        self.context = context or {}   # handed to every Document (e.g. --against paths)
        self._configs: dict[Path | None, Config] = {}
        self._rules: dict[tuple, list[Rule]] = {}
        self._selected: dict[int, tuple[Config, list[Rule]]] = {}   # id(cfg) -> (cfg, its rules)
        self.warnings: list[str] = []

    # ---- configuration and rules ------------------------------------------------------
    def config_for(self, path: str) -> Config:
        """ConfigError propagates: a broken config stops the run (exit 2)."""
        if self.config_path is not None:
            where = self.config_path
        elif self.isolated or path == "-":
            where = None if self.isolated else find_config_file(Path.cwd())
        else:
            where = find_config_file(Path(path))
        if where not in self._configs:
            self._configs[where] = load_config(where) if where else Config()
        return self._configs[where]

    def rules_for(self, cfg: Config) -> list[Rule]:
        """The selected rules for files under `cfg`, worked out once per config (not per file)."""
        known = self._selected.get(id(cfg))
        if known is not None and known[0] is cfg:
            return known[1]
        packs = self.packs or cfg.packs or list(builtin_packs())
        packs = list(packs) + [p for p in cfg.extra_packs if p not in packs]
        key = (cfg.path, tuple(map(str, packs)))
        if key not in self._rules:
            loaded = load_packs(packs, base=cfg.base if cfg.path else None)
            self.warnings.extend(w for w in loaded.warnings if w not in self.warnings)
            self._rules[key] = loaded.rules
        selected = select(self._rules[key], self.select or cfg.select, [*cfg.ignore, *self.ignore])
        self._selected[id(cfg)] = (cfg, selected)       # holding cfg keeps its id from being reused
        return selected

    def all_rules(self) -> list[Rule]:
        cfg = self.config_for(".") if not self.isolated else Config()
        packs = self.packs or cfg.packs or list(builtin_packs())
        return load_packs(list(packs) + list(cfg.extra_packs),
                          base=cfg.base if cfg.path else None).rules

    # ---- linting ---------------------------------------------------------------------
    def lint_document(self, doc: Document, cfg: Config | None = None):
        cfg = cfg or self.config_for(doc.path)
        rules = self.rules_for(cfg)
        per_file = cfg.ignores_for(doc.path) if cfg.per_file_ignores else []
        if per_file:
            rules = select(rules, None, per_file)
        severities = {**cfg.severities(), **{k: Severity.parse(v) for k, v in self.severity.items()}}
        return lint_document(doc, rules, lang=self.lang, severities=severities)

    def lint_text(self, text: str, path: str = "<text>") -> list[Finding]:
        cfg = self.config_for(path) if path not in ("<text>", "-") else (
            self.config_for("-") if not self.isolated else Config())
        doc = Document(text, path, year=self._year(cfg), unit=self.unit or cfg.unit)
        doc.context = self.context
        findings, _ = self.lint_document(doc, cfg)
        return findings

    def _year(self, cfg: Config) -> int | None:
        return self.year if self.year is not None else cfg.year

    def load(self, path: str, cfg: Config) -> Document:
        data = read_bytes(path, self.lang)
        name = "<stdin>" if path == "-" else path
        doc = read_document(name, data, encoding=self.encoding or cfg.encoding,
                            year=self._year(cfg), unit=self.unit or cfg.unit, lang=self.lang)
        doc.context = self.context
        return doc

    def targets(self, paths: list[str], errors: list[InputError]) -> list[tuple[str, Config]]:
        """The files to lint, each with its config: folders walked, config `exclude` applied
        (files named on the command line are always linted). Config errors propagate."""
        out = []
        for path in discover(paths, errors, self.lang):
            cfg = self.config_for(path)
            if path != "-" and cfg.exclude and cfg.excluded(Path(path)) and path not in paths:
                continue
            out.append((path, cfg))
        return out

    def run(self, paths: list[str], keep_documents: bool = False, jobs: int | None = 1,
            progress=None) -> RunResult:
        """`jobs` > 1 lints in worker processes (parallel.py); None: every CPU once there are
        enough files to repay starting the workers. `progress` has start/advance/finish."""
        result = RunResult()
        targets = self.targets(paths, result.errors)
        if jobs is None:
            jobs = auto_jobs(len(targets))
        if jobs > 1 and len(targets) > 1:
            from .parallel import run_parallel
            return run_parallel(self, targets, jobs, result, keep_documents, progress)
        if progress:
            progress.start(len(targets))
        for path, cfg in targets:
            if progress:
                progress.advance()
            result.files += 1
            try:
                doc = self.load(path, cfg)
            except InputError as exc:
                result.errors.append(exc)
                continue
            findings, failures = self.lint_document(doc, cfg)
            result.findings.extend(findings)
            result.failures.extend(failures)
            if keep_documents:
                result.documents[doc.path] = for_reports(doc)
        if progress:
            progress.finish()
        return result


PARALLEL_FROM = 16   # files: below this, starting workers (~40 ms) costs more than it saves


def cpus() -> int:
    """The CPUs this process may use (taskset and container limits included)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def auto_jobs(files: int) -> int:
    return cpus() if files >= PARALLEL_FROM else 1


def for_reports(doc: Document) -> Document:
    """The document as reporters read it (text, lines, encoding …) without the analyses cached
    on it: a new object, so whatever rules cached per document (passages, fingerprints, figures)
    is freed instead of living until the run ends (1000 reports: peak ~120 MB -> ~60 MB)."""
    import copy
    from functools import cached_property
    light = copy.copy(doc)
    for name, attr in vars(Document).items():
        if isinstance(attr, cached_property) and name != "lines":
            light.__dict__.pop(name, None)
    light.__dict__.pop("_shared", None)
    return light
