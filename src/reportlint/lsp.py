"""`reportlint lsp`: the language server editors talk to over stdio (pygls + lsprotocol).

For .txt and .md drafts: diagnostics on open, change and save (rule id as the code, severity,
the Chinese message), a quick fix for every finding that has an unambiguous fix, and hover with
the rule's description and why. The configuration is the `.reportlint.yaml` found upward from
the draft, as on the command line; it is read again when it changes.

The server stays warm: one Linter per configuration file keeps the loaded rules, their compiled
patterns and prepared state (word lists, jieba) across keystrokes, so a re-lint costs only the
analysis of the draft. Re-linting is debounced: a change to an idle document is linted at once
(after `debounce_ms`, 0 by default, set in the client's initializationOptions), and changes
that arrive while it is being linted collapse into one more lint of the latest text.
"""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from reportlint.engine.config import find_config_file
from reportlint.engine.linter import Linter
from reportlint.model import re_code
from reportlint.model.errors import ConfigError, RuleLoadErrors
from reportlint.model.finding import Finding, Severity
from reportlint.model.version import __version__

SUFFIXES = (".txt", ".md", ".markdown")
SOURCE = "reportlint"
_SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
             Severity.INFO: lsp.DiagnosticSeverity.Information}
_LINE_BREAK = re_code.compile(r"\r\n|\r|\n")       # what LSP counts as a line end


class Positions:
    """Character offsets of a text -> LSP positions (line, UTF-16 code units)."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def at(self, offset: int) -> lsp.Position:
        from bisect import bisect_right
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        piece = self.text[start:offset]
        wide = sum(1 for c in piece if ord(c) > 0xFFFF)        # astral characters take two units
        return lsp.Position(line=line, character=len(piece) + wide)

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.at(start), end=self.at(end))


class DraftState:
    """What the server knows of one open draft: its latest text and version, the findings of the
    last lint, and whether a lint is running."""

    def __init__(self, uri: str):
        self.uri = uri
        self.path = _path(uri)
        self.text = ""
        self.version: int | None = None
        self.findings: list[Finding] = []
        self.positions = Positions("")
        self.linting = False


def _path(uri: str) -> str:
    try:
        return to_fs_path(uri) or uri
    except Exception:      # an unusual scheme (untitled:, vscode-notebook:)
        return uri


class ReportlintServer(LanguageServer):
    def __init__(self):
        super().__init__("reportlint", __version__)
        self.drafts: dict[str, DraftState] = {}
        self.debounce = 0.0
        self._linters: dict[tuple, Linter] = {}
        self._lock = asyncio.Lock()

    # ---- linting -------------------------------------------------------------------------
    def linter_for(self, path: str) -> Linter:
        """One warm Linter per configuration file, made again when that file changes."""
        config = find_config_file(Path(path)) if os.path.isabs(path) else None
        stamp = None
        if config is not None:
            st = config.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        key = (str(config), stamp)
        if key not in self._linters:
            self._linters = {k: v for k, v in self._linters.items() if k[0] != str(config)}
            self._linters[key] = Linter(config=config, isolated=config is None)
        return self._linters[key]

    def lint(self, draft: DraftState, text: str) -> list[lsp.Diagnostic]:
        # findings count offsets in the text with every line end made "\n" (model/document.py);
        # LSP's lines and columns are the same either way
        positions = Positions(_LINE_BREAK.sub("\n", text))
        try:
            findings = list(self.linter_for(draft.path).lint_text(text, draft.path))
        except (ConfigError, RuleLoadErrors) as exc:
            message = "\n".join(str(e) for e in exc.errors)
            draft.findings, draft.positions = [], positions
            return [lsp.Diagnostic(range=lsp.Range(start=lsp.Position(line=0, character=0),
                                                   end=lsp.Position(line=0, character=0)),
                                   message=f"reportlint: {message}", severity=lsp.DiagnosticSeverity.Error,
                                   source=SOURCE)]
        draft.findings, draft.positions = findings, positions
        return [diagnostic(f, positions) for f in findings]

    async def relint(self, draft: DraftState) -> None:
        """Lint the draft's latest text until no change arrived meanwhile; publish each result."""
        if draft.linting:
            return                          # the running lint picks the latest text up after it
        draft.linting = True
        try:
            if self.debounce:
                await asyncio.sleep(self.debounce)
            linted = object()
            while linted != draft.version:
                text, version = draft.text, draft.version
                async with self._lock:      # one lint at a time: the Linter is not thread-safe
                    diagnostics = await asyncio.get_running_loop().run_in_executor(
                        None, self.lint, draft, text)
                linted = version
                if draft.uri in self.drafts:
                    self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                        uri=draft.uri, version=version, diagnostics=diagnostics))
        finally:
            draft.linting = False


def diagnostic(f: Finding, positions: Positions) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=positions.range(f.start, f.end), message=f.message, severity=_SEVERITY[f.severity],
        code=f.rule, source=SOURCE,
        data={"fix": f.fix, "suggestion": f.suggestion} if f.fix is not None else None)


def _wanted(uri: str) -> bool:
    return uri.lower().endswith(SUFFIXES)


server = ReportlintServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: ReportlintServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options or {}
    if isinstance(options, dict) and isinstance(options.get("debounce_ms"), (int, float)):
        ls.debounce = max(0.0, float(options["debounce_ms"]) / 1000)


async def _update(ls: ReportlintServer, uri: str, version: int | None) -> None:
    if not _wanted(uri):
        return
    draft = ls.drafts.setdefault(uri, DraftState(uri))
    draft.text = ls.workspace.get_text_document(uri).source
    draft.version = version
    await ls.relint(draft)


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: ReportlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    await _update(ls, params.text_document.uri, params.text_document.version)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: ReportlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    await _update(ls, params.text_document.uri, params.text_document.version)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: ReportlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    draft = ls.drafts.get(uri)
    await _update(ls, uri, draft.version if draft else None)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ReportlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    if ls.drafts.pop(uri, None) is not None:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: ReportlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    actions = []
    for diag in params.context.diagnostics:
        data = diag.data if isinstance(diag.data, dict) else None
        if diag.source != SOURCE or not data or data.get("fix") is None:
            continue
        edit = lsp.TextEdit(range=diag.range, new_text=data["fix"])
        actions.append(lsp.CodeAction(
            title=f"{diag.code}：改为“{data['fix']}”", kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
            is_preferred=True, edit=lsp.WorkspaceEdit(changes={params.text_document.uri: [edit]})))
    return actions


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: ReportlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    draft = ls.drafts.get(params.text_document.uri)
    if draft is None:
        return None
    pos = params.position
    parts = []
    for f in draft.findings:
        rng = draft.positions.range(f.start, f.end)
        if (rng.start.line, rng.start.character) <= (pos.line, pos.character) <= (rng.end.line, rng.end.character):
            parts.append(_explain(ls, draft, f))
    if not parts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def _explain(ls: ReportlintServer, draft: DraftState, f: Finding) -> str:
    rules = {r.id: r for r in ls.linter_for(draft.path).loaded_rules()}
    rule = rules.get(f.rule)
    text = f"**{f.rule}** ({f.severity}, {f.category})\n\n{f.message}"
    if f.suggestion:
        text += f"\n\n建议：{f.suggestion}"
    if rule is not None:
        text += f"\n\n{rule.description.strip()}\n\n为什么：{rule.why.strip()}"
    return text


def main() -> None:
    """Serve on stdin/stdout. The protocol gets its own copy of stdout, and file descriptor 1
    is pointed at stderr meanwhile: a stray print (a library's warning) cannot corrupt the
    JSON-RPC stream, and pygls closing its streams at exit leaves sys.stdout usable."""
    import sys
    sys.stdout.flush()
    protocol_out = os.fdopen(os.dup(1), "wb")
    protocol_in = os.fdopen(os.dup(0), "rb")
    os.dup2(2, 1)
    server.start_io(protocol_in, protocol_out)
