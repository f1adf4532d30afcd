"""The Linter: one run's options and caches (configs, loaded rule sets, references); picks each
file's config and rules and lints it.

Nothing here prints. Problems with inputs become `InputError`s in the result so that one bad
file never stops the others from being linted.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from reportlint.engine.config import Config, find_config_file, load_config
from reportlint.engine.discovery import discover
from reportlint.files.reading import read_bytes, read_document
from reportlint.model.document import Document
from reportlint.model.errors import InputError
from reportlint.model.excerpt import Excerpt
from reportlint.model.finding import Severity
from reportlint.model.messages import t
from reportlint.model.results import Findings, RunResult
from reportlint.rulepacks.loader import builtin_packs, load_packs
from reportlint.rulepacks.rule import Rule
from reportlint.rulepacks.run import lint_document
from reportlint.rulepacks.select import select


class Linter:
    """Holds options and caches (configs, loaded rule sets) for one run."""

    def __init__(self, *, config: str | Path | None = None, isolated: bool = False,
                 packs: list[str] | None = None, select: list[str] | None = None,
                 ignore: list[str] | None = None, year: int | None = None,
                 unit: str | None = None, encoding: str | None = None, lang: str = "zh",
                 severity: dict[str, str] | None = None, against: list[str] | None = None,
                 cache: bool = False):
        self.config_path = Path(config) if config else None
        self.isolated = isolated
        self.packs = packs
        self.select = select or []
        self.ignore = ignore or []
        self.year, self.unit, self.encoding, self.lang = year, unit, encoding, lang
        self.severity = severity or {}
        self.against = list(against or [])   # --against: paths of the reports to compare with
        self.cache = cache                   # use the results cache (engine/results_cache.py)
        self._references: tuple[Document, ...] | None = None
        self.reference_errors: list[InputError] = []    # --against reports that could not be read
        self._configs: dict[Path | None, Config] = {}
        self._rules: dict[tuple, list[Rule]] = {}
        self._selected: dict[int, tuple[Config, list[Rule]]] = {}   # id(cfg) -> (cfg, its rules)
        self._targeted: dict[int, Config] = {}      # the configs of the files targets() gave
        self.warnings: list[str] = []

    # ---- configuration and rules ------------------------------------------------------
    def config_for(self, path: str) -> Config:
        """ConfigError propagates: a broken config stops the run (exit 2)."""
        where: Path | None
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
        packs = self.packs_for(cfg)
        key = (cfg.path, tuple(map(str, packs)))
        if key not in self._rules:
            loaded = load_packs(packs, base=cfg.base if cfg.path else None)
            self.warnings.extend(w for w in loaded.warnings if w not in self.warnings)
            self._rules[key] = loaded.rules
            self._check_selectors(cfg, loaded.rules)
        selected = select(self._rules[key], self.select or cfg.select, [*cfg.ignore, *self.ignore])
        self._selected[id(cfg)] = (cfg, selected)       # holding cfg keeps its id from being reused
        return selected

    def packs_for(self, cfg: Config) -> list[str | Path]:
        """The packs files under `cfg` are linted with (names or folders, not loaded)."""
        base: list[str | Path] = list(self.packs or cfg.packs or builtin_packs())
        return base + [p for p in cfg.extra_packs if p not in base]

    def _check_selectors(self, cfg: Config, rules: list[Rule]) -> None:
        """A selector that matches no rule is an error (exit 2), never a silent "no rule runs":
        one typo in `select:` would otherwise turn the gate green for ever."""
        from reportlint.rulepacks.select import unknown_selector_hint, unknown_selectors
        errors: list = []
        for option, refs in (("--select", self.select), ("--ignore", self.ignore)):
            errors += [f"{option}: {t('unknown_selector', self.lang, ref=ref)}"
                       f"{unknown_selector_hint(rules, ref)}" for ref in unknown_selectors(rules, refs)]
        places: list[tuple[tuple, str]] = [(("select", i), ref) for i, ref in enumerate(cfg.select)]
        places += [(("ignore", i), ref) for i, ref in enumerate(cfg.ignore)]
        places += [(("per_file_ignores", pattern, i), ref)
                   for pattern, refs in cfg.per_file_ignores.items() for i, ref in enumerate(refs)]
        places += [(("severity", rid), rid) for rid in cfg.severity]
        for keypath, ref in places:
            if unknown_selectors(rules, [ref]) or (keypath[0] == "severity" and not any(r.id == ref for r in rules)):
                msg = t("unknown_selector", self.lang, ref=ref) + unknown_selector_hint(rules, ref)
                errors.append(cfg.where(*keypath, message=msg))
        if errors:
            from reportlint.model.errors import ConfigError
            raise ConfigError(errors)

    def loaded_rules(self) -> list[Rule]:
        """Every rule loaded so far (selected or not), in load order."""
        return [r for rules in self._rules.values() for r in rules]

    def run_rules(self) -> list[Rule]:
        """loaded_rules() once the packs of every targeted file's config are loaded: a run the
        results cache answered whole has loaded none."""
        for cfg in self._targeted.values():
            self.rules_for(cfg)
        return self.loaded_rules()

    def all_rules(self) -> list[Rule]:
        cfg = self.config_for(".") if not self.isolated else Config()
        packs = self.packs or cfg.packs or list(builtin_packs())
        return load_packs(list(packs) + list(cfg.extra_packs),
                          base=cfg.base if cfg.path else None).rules

    @property
    def references(self) -> tuple[Document, ...]:
        """The --against reports, read on first use and handed to every Document."""
        if self._references is None:
            self._references = ()
            if self.against:          # (hashlib, OpenSSL: ~3 ms of a run without --against)
                from reportlint.engine.references import load_references
                self._references = load_references(self.against, self.lang, self.reference_errors)
        return self._references

    # ---- linting ---------------------------------------------------------------------
    def lint_document(self, doc: Document, cfg: Config | None = None):
        cfg = cfg or self.config_for(doc.path)
        rules = self.rules_for(cfg)
        per_file = cfg.ignores_for(doc.path) if cfg.per_file_ignores else []
        if per_file:
            rules = select(rules, None, per_file)
        severities = {**cfg.severities(), **{k: Severity.parse(v) for k, v in self.severity.items()}}
        _freeze_warm_state()
        with _no_cyclic_collection():
            return lint_document(doc, rules, lang=self.lang, severities=severities, genre=cfg.genre)

    def lint_text(self, text: str, path: str = "<text>") -> Findings:
        """The findings, with `.errors` holding the rules that could not finish on the text."""
        cfg = self.config_for(path) if path not in ("<text>", "-") else (
            self.config_for("-") if not self.isolated else Config())
        doc = Document(text, path, year=self._year(cfg), unit=self.unit or cfg.unit,
                       references=self.references)
        findings, failures = self.lint_document(doc, cfg)
        return Findings(findings, failures)

    def _year(self, cfg: Config) -> int | None:
        return self.year if self.year is not None else cfg.year

    def load(self, path: str, cfg: Config, data: bytes | None = None) -> Document:
        """The Document of `path` (its bytes when the caller has read them already)."""
        if data is None:
            data = read_bytes(path, self.lang)
        name = "<stdin>" if path == "-" else path
        return read_document(name, data, encoding=self.encoding or cfg.encoding,
                             year=self._year(cfg), unit=self.unit or cfg.unit, lang=self.lang,
                             references=self.references)

    def load_word(self, path: str, cfg: Config, data: bytes | None = None, *,
                  year: int | None = None, unit: str | None = None):
        """(Document, the open Word file) of a Word draft (.doc, .wps … converted first);
        (Document, None) of a text draft. `data`: its bytes when the caller has them (an
        upload); `year`, `unit`: given for this draft, over the run's and the config's."""
        from reportlint.files.reading import is_word, read_document, word_bytes
        if data is None:
            data = read_bytes(path, self.lang)
        year = year if year is not None else self._year(cfg)
        unit = unit or self.unit or cfg.unit
        if not is_word(path):
            return read_document(path, data, encoding=self.encoding or cfg.encoding, year=year, unit=unit,
                                 lang=self.lang, references=self.references), None
        from reportlint.files import docx
        word, paras, grids = docx.read_word(path, word_bytes(path, data, self.lang), self.lang)
        return docx.document_of(path, paras, year=year, unit=unit, references=self.references,
                                grids=grids), word

    def targets(self, paths: list[str], errors: list[InputError]) -> list[tuple[str, Config]]:
        """The files to lint, each with its config: folders walked, config `exclude` applied
        (files named on the command line are always linted), and the --against reports read
        (those that cannot be read join `errors`). Config errors propagate."""
        out = []
        if self.against and self._references is None:
            _ = self.references
            errors.extend(self.reference_errors)
        for path in discover(paths, errors, self.lang):
            cfg = self.config_for(path)
            if path != "-" and cfg.exclude and cfg.excluded(Path(path)) and path not in paths:
                continue
            out.append((path, cfg))
            self._targeted.setdefault(id(cfg), cfg)
        return out

    def run(self, paths: list[str], keep_documents: bool = False, jobs: int | None = 1,
            progress=None, excerpts: bool = False, finding_text: bool = True, sink=None) -> RunResult:
        """`jobs` > 1 lints in worker processes (parallel.py); None: every CPU once there are
        enough files to repay starting the workers. `progress` has start/advance/finish.
        `excerpts`: keep only what reporters read around the findings (model/excerpt.py) rather
        than whole documents, so a long run's memory does not grow with the drafts' text;
        without `finding_text` not even the findings' lines and flagged text. `sink(findings,
        draft)`: takes each file's findings in file order instead of the result (RunResult.take)."""
        result = RunResult()
        targets = self.targets(paths, result.errors)
        if jobs is None:
            jobs = auto_jobs(len(targets))
        cache = self.results_cache()
        keep = (("excerpt" if finding_text else "places") if excerpts else "full") if keep_documents else ""
        try:
            if jobs > 1 and len(targets) > 1:
                from reportlint.engine.parallel import run_parallel
                return run_parallel(self, targets, jobs, result, keep, progress, cache, sink)
            if sink is not None and cache is None:
                for cfg in {id(cfg): cfg for _, cfg in targets}.values():
                    self.rules_for(cfg)    # a broken pack stops the run before any output
            if progress:
                progress.start(len(targets))
            for path, cfg in targets:
                if progress:
                    progress.advance()
                try:
                    findings, failures, kept = self._lint_file(path, cfg, cache, keep)
                except InputError as exc:
                    result.errors.append(exc)
                    continue
                result.files += 1          # files checked; the unreadable ones are counted apart
                result.failures.extend(failures)
                result.take(findings, kept, sink)
            if progress:
                progress.finish()
            return result
        finally:
            if cache is not None:
                cache.close()

    def results_cache(self):
        """The results cache for this run, or None when it is off."""
        from reportlint.files.cache import enabled
        if not self.cache or not enabled():
            return None
        from reportlint.engine.results_cache import ResultsCache
        return ResultsCache(self)

    def _lint_file(self, path: str, cfg: Config, cache, keep: str):
        """(findings, failures, what reporters read of the draft or None) of one file, from the
        cache when it knows them. `keep`: "full" (the Document), "excerpt", "places" or "".
        InputError propagates."""
        data = read_bytes(path, self.lang)
        key = cache.key(path, data, cfg) if cache is not None and path != "-" else None
        hit = cache.get(key, path, text=keep == "excerpt") if key is not None else None
        if hit is not None:
            findings, draft = hit
            if keep in ("excerpt", "places") and draft is not None:
                return findings, [], draft
            return findings, [], kept(self.load(path, cfg, data), findings, keep) if keep else None
        doc = self.load(path, cfg, data)
        findings, failures = self.lint_document(doc, cfg)
        if key is not None and not failures:
            cache.put(key, findings, Excerpt.of(doc, findings))
        return findings, failures, kept(doc, findings, keep)


def kept(doc: Document, findings: list, keep: str) -> Document | Excerpt | None:
    """What the reporters read of a linted draft: see Linter._lint_file."""
    if keep in ("excerpt", "places"):
        return Excerpt.of(doc, findings, text=keep == "excerpt")
    return for_reports(doc) if keep else None


_documents = 0     # linted by this process (a forked worker starts with its parent's count)


def _freeze_warm_state() -> None:
    """Before the second document, move what the process holds by then — rules, word lists,
    models and memos the first document loaded — out of the cyclic collector's reach
    (gc.freeze): a full collection scans every tracked object, and those big dicts and sets
    made each one cost 60-90 ms, ~1.5 ms a report of a long run. Once per process (a forked
    worker freezes before its first document); what the first document left in reference
    cycles, if anything, is kept until the process ends."""
    global _documents
    _documents += 1
    if _documents == 2:
        import gc
        gc.freeze()


@contextmanager
def _no_cyclic_collection():
    """The cyclic collector off while the rules run on one document: what they build (spans,
    passages, figures, findings) lives until the document is done, and on a long draft the
    young-generation collections walked it again and again (54 of them on the 7.4 MB file,
    0.3-0.6 s of ~8 s) to find no cycle. Whatever cycles a document leaves are collected after it,
    as allocations go on (the counts keep running while the collector is off)."""
    import gc
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
