"""`reportlint serve`: the review page and its JSON API, on Starlette and uvicorn (the `serve` extra).

    GET  /              the page: drop a draft or paste text, see it with the findings beside it
    POST /api/lint      multipart `file`, or form field `text`; optional `year`, `unit`
                        -> the JSON of `--format json`
    POST /api/annotate  the same fields -> the reviewed .docx (one Word comment per finding)
    POST /api/review    the same fields -> {"report": <the JSON above>, "lines": [...],
                        "locations": [...]}: what the page draws

An upload is read into memory up to the size limit (a larger one is refused as it streams in),
linted there (a .doc/.wps … is converted in a private temporary folder that is deleted at once)
and never written anywhere. A file that cannot be read gets its message with status 400. The
page is static; its script builds the draft with text nodes only, and the Content-Security-Policy
allows no script but its own, so nothing in a draft can run.
"""
from __future__ import annotations

import os
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from types import SimpleNamespace
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reportlint.engine.annotating import REVIEWED, reviewed_docx
from reportlint.engine.linter import Linter
from reportlint.files.reading import WORD
from reportlint.model.errors import InputError
from reportlint.model.messages import t
from reportlint.model.results import RunResult
from reportlint.reporters import html as html_report
from reportlint.reporters import json_report

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".markdown", *WORD)
FORM_OVERHEAD = 64 * 1024          # multipart boundaries and the small fields around the file
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
                    "Cache-Control": "no-store"}
STATIC = {"page.js": "text/javascript; charset=utf-8", "page.css": "text/css; charset=utf-8"}


class Refused(Exception):
    """A request that gets a message instead of a result."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Upload:
    name: str
    data: bytes
    year: int | None
    unit: str | None


class _TooBig(Exception):
    pass


async def _capped(request: Request, limit: int):
    """The request body as it streams in, refused once it passes `limit` bytes."""
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit:
            raise _TooBig
        yield chunk


def _filename(raw: str | None) -> str:
    """The upload's base name, without folders or control characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()[:200]
    return name or "upload.txt"


class Review:
    """The app's state: one Linter (its rules loaded once), used by one request at a time."""

    def __init__(self, linter: Linter, max_bytes: int):
        self.linter, self.max_bytes, self.lang = linter, max_bytes, linter.lang
        self.lock = threading.Lock()

    def _too_big(self) -> Refused:
        return Refused(413, t("upload_too_big", self.lang, limit=f"{self.max_bytes / 2**20:.0f}"))

    async def upload(self, request: Request) -> Upload:
        declared = request.headers.get("content-length", "")
        limit = self.max_bytes + FORM_OVERHEAD
        if declared.isdigit() and int(declared) > limit:
            raise self._too_big()
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if kind == "multipart/form-data":
                parser = MultiPartParser(request.headers, _capped(request, limit), max_files=1, max_fields=8,
                                         max_part_size=self.max_bytes)
                parser.spool_max_size = limit           # the file stays in memory, never on disk
                form = await parser.parse()
            elif kind == "application/x-www-form-urlencoded":
                form = await FormParser(request.headers, _capped(request, limit)).parse()
            else:
                raise Refused(415, t("upload_form", self.lang))
        except _TooBig:
            raise self._too_big() from None
        except MultiPartException as exc:
            raise Refused(400, t("upload_bad", self.lang, detail=exc.message)) from None
        try:
            return await self._fields(form)
        finally:
            await form.close()

    async def _fields(self, form) -> Upload:
        file, text = form.get("file"), form.get("text")
        year_s, unit = str(form.get("year") or "").strip(), str(form.get("unit") or "").strip()[:100]
        if year_s and not (year_s.isdigit() and 1949 <= int(year_s) <= 2100):
            raise Refused(400, t("upload_year", self.lang, year=year_s[:20]))
        year = int(year_s) if year_s else None
        if isinstance(file, UploadFile) and file.filename:
            name = _filename(file.filename)
            if not name.lower().endswith(SUFFIXES):
                raise Refused(400, t("upload_suffix", self.lang, name=name, suffixes=" ".join(SUFFIXES)))
            data = await file.read()
            if len(data) > self.max_bytes:
                raise self._too_big()
            return Upload(name, data, year, unit or None)
        if isinstance(text, str) and text.strip():
            return Upload("<text>", text.encode("utf-8"), year, unit or None)
        raise Refused(400, t("upload_nothing", self.lang))

    def lint(self, up: Upload):
        """(RunResult, Document, the open Word file or None); Refused when it cannot be read."""
        linter = self.linter
        with self.lock:
            cfg = linter.config_for("-")
            try:
                doc, word = linter.load_word(up.name, cfg, up.data, year=up.year, unit=up.unit)
            except InputError as exc:
                raise Refused(400, str(exc)) from None
            except Exception as exc:       # a damaged file the readers did not foresee: a message, not a 500
                raise Refused(400, f"{up.name}: {t('unreadable', self.lang, detail=type(exc).__name__)}") from None
            findings, failures = linter.lint_document(doc, cfg)
        result = RunResult()
        result.files = 1
        result.findings.extend(findings)
        result.failures.extend(failures)
        result.documents[doc.path] = doc
        return result, doc, word

    def reviewed(self, up: Upload) -> tuple[str, bytes]:
        result, doc, word = self.lint(up)
        with self.lock:
            data = reviewed_docx(self.linter, doc, word, result.findings)
        stem = "草稿" if up.name == "<text>" else os.path.splitext(up.name)[0]
        return stem + REVIEWED, data


def _report(result: RunResult, lang: str) -> str:
    return json_report.render(result, SimpleNamespace(lang=lang))


def create_app(linter: Linter | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
               hosts: list[str] | None = None) -> Starlette:
    """The ASGI app. `hosts`: the Host headers accepted (None: any), against DNS rebinding."""
    import anyio.to_thread
    review = Review(linter or Linter(), max_bytes)
    assets = resources.files("reportlint.server") / "static"
    page = (assets / "page.html").read_bytes()
    static = {name: (assets / name).read_bytes() for name in STATIC}
    static["page.css"] = html_report.STYLE.encode("utf-8") + static["page.css"]   # the report's look

    def refused(exc: Refused) -> Response:
        return JSONResponse({"error": exc.message}, status_code=exc.status, headers=SECURITY_HEADERS)

    async def index(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8", headers=SECURITY_HEADERS)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in static:
            return Response(status_code=404, headers=SECURITY_HEADERS)
        return Response(static[name], media_type=STATIC[name], headers=SECURITY_HEADERS)

    async def api_lint(request: Request) -> Response:
        try:
            result, _, _ = await anyio.to_thread.run_sync(review.lint, await review.upload(request))
        except Refused as exc:
            return refused(exc)
        return Response(_report(result, review.lang), media_type="application/json; charset=utf-8",
                        headers=SECURITY_HEADERS)

    async def api_review(request: Request) -> Response:
        import json
        try:
            result, doc, _ = await anyio.to_thread.run_sync(review.lint, await review.upload(request))
        except Refused as exc:
            return refused(exc)
        body = {"report": json.loads(_report(result, review.lang)), "name": doc.path,
                "lines": doc.lines, "locations": doc.locations}
        return JSONResponse(body, headers=SECURITY_HEADERS)

    async def api_annotate(request: Request) -> Response:
        try:
            name, data = await anyio.to_thread.run_sync(review.reviewed, await review.upload(request))
        except Refused as exc:
            return refused(exc)
        disposition = f"attachment; filename=\"reviewed.docx\"; filename*=UTF-8''{quote(name)}"
        return Response(data, headers={**SECURITY_HEADERS, "Content-Disposition": disposition},
                        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    routes = [Route("/", index), Route("/static/{name}", asset),
              Route("/api/lint", api_lint, methods=["POST"]),
              Route("/api/review", api_review, methods=["POST"]),
              Route("/api/annotate", api_annotate, methods=["POST"])]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=hosts)] if hosts else []
    return Starlette(routes=routes, middleware=middleware)


def allowed_hosts(host: str) -> list[str] | None:
    """Bound to the loopback: only loopback names (a web page cannot rebind a name onto us)."""
    if host in LOOPBACK:
        return ["127.0.0.1", "localhost", "::1", "[::1]"]
    return None


def serve(linter: Linter, host: str, port: int, max_bytes: int) -> None:
    import uvicorn
    app = create_app(linter, max_bytes=max_bytes, hosts=allowed_hosts(host))
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
