"""`-j N`: lint many files in N worker processes of one run; output order stays the file order.

Each worker holds one Linter (inherited on fork, else rebuilt from the same options), so rule
packs load once per worker, not once per file. Standard input is read in the main process.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from reportlint.files.reading import read_bytes
from reportlint.model.document import Document
from reportlint.model.errors import InputError, RuleFailure
from reportlint.model.excerpt import Excerpt
from reportlint.model.results import RunResult

if TYPE_CHECKING:   # the Linter calls this module; a worker rebuilds it from its class
    from reportlint.engine.linter import Linter

MIN_FILES_FOR_BAR = 20   # fewer files finish before a bar would be worth drawing
CHUNK = 16               # files per task: fewer round trips, still an even spread
WARM_FILES = 50          # from this many files on, shared lazy state is built before forking

_linter: Linter | None = None


class Progress:
    """A bar on stderr when stderr is a terminal and there are many files; silent otherwise."""

    def __init__(self, enabled: bool | None = None, stream=None, label: str = "检查"):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.label = label
        self.bar: Any = None       # click's progress bar while one is drawn

    def start(self, total: int) -> None:
        if self.enabled and total >= MIN_FILES_FOR_BAR:
            import click
            self.bar = click.progressbar(length=total, file=self.stream, label=self.label,
                                         show_pos=True, width=30)
            self.bar.__enter__()

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def linter_options(linter: Linter) -> dict:
    """The keyword arguments that rebuild an equivalent Linter in a worker."""
    return dict(config=linter.config_path, isolated=linter.isolated, packs=linter.packs,
                select=linter.select, ignore=linter.ignore, year=linter.year, unit=linter.unit,
                encoding=linter.encoding, lang=linter.lang, severity=linter.severity,
                against=linter.against)


def start_method() -> str | None:
    """"fork" on Linux while this process runs no other thread, else None (the platform's
    default). Forked workers inherit the warm Linter — loaded rules, kind modules, jieba, the
    state the first file built — where spawned or forkserver workers (Python 3.14's default on
    Linux) each import and load it all again. Forking a process with other threads running can
    deadlock (a program that embeds reportlint), and macOS's frameworks do not survive it."""
    import threading
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return None


def _warm_segmenter() -> None:
    """jieba (0.6 s to load) is needed by some file of any large batch: load it once here,
    before forking, rather than once in every worker."""
    if start_method() != "fork":
        return
    try:
        from reportlint.kinds._lib import segment
        segment._get_tokenizer()
    except (ImportError, AttributeError):      # no segmenter in this build: nothing to share
        pass


def _init(make, options: dict) -> None:
    global _linter
    if _linter is None:           # spawned, not forked: build our own
        _linter = make(**options)


def _lint_one(linter: Linter, path: str, keep: str):
    """Picklable outcome of one file: (document parts or None, findings, failures, error, digest
    of the bytes linted — the parent caches the findings only if they are the bytes it keyed)."""
    cfg = linter.config_for(path)
    try:
        data = read_bytes(path, linter.lang)
        doc = linter.load(path, cfg, data)
    except InputError as exc:
        return None, [], [], (exc.path, exc.message), None
    findings, failures = linter.lint_document(doc, cfg)
    import hashlib
    return (_parts(doc, findings, keep), findings, [(f.rule.pack, f.rule.id, f.reason) for f in failures],
            None, hashlib.sha256(data).digest())


def _parts(doc: Document, findings: list, keep: str):
    """What the reporters need, picklable: the text (not the parsed structure) or an excerpt."""
    if keep in ("excerpt", "places"):
        return "excerpt", Excerpt.of(doc, findings, text=keep == "excerpt").parts()
    if keep:
        return "full", (doc.source_text, doc.path, doc.encoding, doc.bom, doc.markdown, doc.locations)
    return None


def _from_cache(linter: Linter, files: list[str], remote: list[int], cache, keep: str,
                outcomes: list) -> dict[int, tuple[str, bytes]]:
    """Fill outcomes[i] of the files in `remote` the results cache knows; the others' (key,
    digest of the bytes keyed) by index. A file that cannot be read is left to a worker, which
    reports it."""
    import hashlib
    keyed: dict[int, tuple[str, bytes]] = {}
    for i in remote:
        path = files[i]
        try:
            data = read_bytes(path, linter.lang)
        except InputError:
            continue
        keyed[i] = (cache.key(path, data, linter.config_for(path)), hashlib.sha256(data).digest())
    hits = cache.get_many([(key, files[i]) for i, (key, _) in keyed.items()], text=keep == "excerpt")
    for i, (key, _digest) in list(keyed.items()):
        if key not in hits:
            continue
        findings, draft = hits[key]
        if keep in ("excerpt", "places") and draft is not None:
            parts = ("ready", draft)
        elif keep:                   # the whole draft (HTML): read again, if still the bytes keyed
            path = files[i]
            try:
                data = read_bytes(path, linter.lang)
                if hashlib.sha256(data).digest() != _digest:
                    continue
                parts = _parts(linter.load(path, linter.config_for(path), data), findings, keep)
            except InputError:
                continue
        else:
            parts = None
        outcomes[i] = (parts, findings, [], None, None)
        del keyed[i]
    return keyed


def _document(parts) -> Document | Excerpt:
    what, fields = parts
    if what == "ready":
        return fields
    if what == "excerpt":
        return Excerpt(*fields)
    text, path, encoding, bom, markdown, locations = fields
    return Document(text, path, encoding=encoding, bom=bom, markdown=markdown, locations=locations)


def _work(paths: list[str], keep: str):
    assert _linter is not None, "a worker without its Linter"
    return [_lint_one(_linter, p, keep) for p in paths]


def run_parallel(linter: Linter, targets: list, jobs: int, result: RunResult, keep_documents: str = "",
                 progress: Progress | None = None, cache=None, sink=None) -> RunResult:
    """Lint engine.targets() (config errors have surfaced there) in `jobs` processes; files the
    results cache knows are answered here (the parent alone reads and writes the cache). Each
    file's outcome goes to the result (or `sink`) in file order as soon as the files before it
    are done."""
    files = [path for path, _cfg in targets]
    bar = progress or Progress(enabled=False)
    bar.start(len(files))
    outcomes: list = [None] * len(files)
    remote = [i for i, p in enumerate(files) if p != "-"]
    keys: dict[int, tuple[str, bytes]] = {}
    if cache is not None:
        keys = _from_cache(linter, files, remote, cache, keep_documents, outcomes)
        bar.advance(sum(1 for i in remote if outcomes[i] is not None))
        remote = [i for i in remote if outcomes[i] is None]
    for i in remote:                           # rule-pack errors surface here, not in a worker
        linter.rules_for(targets[i][1])
    # a cached entry keeps the findings' text: workers send it whenever there is a cache
    keep = "excerpt" if cache is not None and keep_documents == "places" else keep_documents
    collect = _Collector(linter, files, outcomes, result, keep_documents, cache, keys, sink)
    for i, p in enumerate(files):
        if p == "-":                           # standard input is read here
            outcomes[i] = _lint_one(linter, p, keep_documents)
            bar.advance()
    if remote:
        # The first file is linted here: rules build their state (word lists, jieba) lazily,
        # and forked workers then inherit it instead of each building it again.
        first = remote.pop(0)
        outcomes[first] = _lint_one(linter, files[first], keep)
        bar.advance()
        if len(remote) >= WARM_FILES:
            _warm_segmenter()
    collect.flush()
    if remote:
        _in_workers(linter, files, remote, jobs, keep, outcomes, bar, collect.flush)
    bar.finish()
    collect.flush()
    return result


_DONE = ("done",)      # an outcome handed on: its findings are the result's (or the sink's) now


class _Collector:
    """Outcomes into the result (or the sink) in file order; the results cache learns the new
    ones on the way."""

    def __init__(self, linter: Linter, files: list[str], outcomes: list, result: RunResult, keep: str,
                 cache, keys: dict[int, tuple[str, bytes]], sink):
        self.linter, self.files, self.outcomes, self.result = linter, files, outcomes, result
        self.keep, self.cache, self.keys, self.sink = keep, cache, keys, sink
        self.next = 0

    def flush(self) -> None:
        """Hand on every outcome whose files before it are all done."""
        outcomes = self.outcomes
        while self.next < len(outcomes) and outcomes[self.next] is not None:
            self._one(self.next, outcomes[self.next])
            outcomes[self.next] = _DONE
            self.next += 1

    def _one(self, i: int, outcome) -> None:
        parts, findings, failures, error, linted = outcome
        if i in self.keys:
            key, digest = self.keys.pop(i)
            if error is None and not failures and linted == digest:    # not edited in between
                draft = Excerpt(*parts[1]) if parts is not None and parts[0] == "excerpt" else None
                self.cache.put(key, findings, draft)
                if draft is not None and self.keep == "places":        # workers sent the text
                    parts = ("ready", draft.without_text())
        result, path = self.result, self.files[i]
        if error:
            result.errors.append(InputError(*error))
            return
        doc = _document(parts) if parts is not None else None
        result.files += 1
        if failures:
            by_id = {(r.pack, r.id): r for r in self.linter.rules_for(self.linter.config_for(path))}
            result.failures.extend(RuleFailure(doc.path if doc else path, by_id[(pack, rid)], reason)
                                   for pack, rid, reason in failures)
        result.take(findings, doc if self.keep else None, self.sink)


def _in_workers(linter: Linter, files: list[str], remote: list[int], jobs: int, keep: str,
                outcomes: list, bar: Progress, done=lambda: None) -> None:
    """Lint files[i] for i in remote in worker processes, in chunks; outcomes[i] filled in,
    `done()` called after each chunk."""
    global _linter
    workers = min(jobs, len(remote))
    size = max(1, min(CHUNK, len(remote) // (workers * 4)))
    chunks = [remote[k:k + size] for k in range(0, len(remote), size)]
    _linter = linter                       # inherited by forked workers
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed  # not on every run's start-up
    from concurrent.futures.process import BrokenProcessPool
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(start_method()),
                                 initializer=_init,
                                 initargs=(type(linter), linter_options(linter))) as pool:
            futures = {pool.submit(_work, [files[i] for i in chunk], keep): chunk for chunk in chunks}
            for fut in as_completed(futures):
                chunk = futures.pop(fut)       # the outcomes leave with it once handed on
                for i, outcome in zip(chunk, fut.result()):
                    outcomes[i] = outcome
                bar.advance(len(chunk))
                done()
    except BrokenProcessPool:
        # a worker was killed (the OOM killer, a signal): its files, and the ones not yet
        # linted, are reported as not checked; the run exits 2 instead of a traceback
        from reportlint.model.messages import t
        for i in remote:
            if outcomes[i] is None:
                outcomes[i] = (None, [], [], (files[i], t("worker_died", linter.lang)), None)
    finally:
        _linter = None
