"""What an OPD does through its link: its page, the upload (form and JSON
API), the verdict and findings of an upload, its template and feedback
workbook.

The body of an upload is counted while it streams in and refused with
``413`` past the limit; once its OPD's turn at the readers comes, the file
part is copied into the store while it is hashed, kept by its SHA-256
(:mod:`.blobs`), read in an isolated reader and recorded, in one thread
call (:meth:`.intake.Intake.record`)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from spbe_excel.portal.security import token_hash
from spbe_excel.portal.store import NotTaken, Round, Upload
from spbe_excel.portal.verdict import verdict
from spbe_excel.portal.verifications import claims_of, verified_total
from spbe_excel.portal.web import XLSX, Portal, bearer_token, error_page, lang_of, portal_of, too_many_wrong
from spbe_excel.portal.wording import today
from spbe_excel.text import t
from spbe_excel.text.findings import FINDINGS_BUDGET

SLACK = 64 * 1024  # multipart headers and boundaries around the file
# the most one upload's findings may store (their JSON in both languages, and the finding that counts the rest)
FINDINGS_HELD = 2 * FINDINGS_BUDGET + 4096


T = TypeVar("T")


class TooLarge(Exception):
    pass


class Refused(Exception):
    """An upload refused before it was read: status and text key."""

    def __init__(self, status: int, key: str, **params):
        super().__init__(key)
        self.status = status
        self.key = key
        self.params = params


def routes() -> list[Route]:
    return [
        Route("/o/{token}", opd_page),
        Route("/o/{token}/kirim", upload_form, methods=["POST"]),
        Route("/o/{token}/kiriman/{upload_id:int}", upload_page),
        Route("/o/{token}/templat.xlsx", template_download),
        Route("/o/{token}/umpan-balik/{upload_id:int}.xlsx", feedback_download),
        Route("/api/v1/submissions", api_upload, methods=["POST"]),
        Route("/api/v1/submissions/{upload_id:int}/feedback.xlsx", api_feedback),
    ]


# ---- who is asking ------------------------------------------------------------------------------------
OpdHandler = Callable[[Request, Portal, str], Awaitable[Response]]


def _opd_route(token_of: Callable[[Request], str], missing: tuple[int, str], wrong: tuple[int, str], door: str
               ) -> Callable[[OpdHandler], Callable[[Request], Awaitable[Response]]]:
    """A route of one OPD: ``handler(request, portal, opd)`` once the token (``token_of(request)``) names an OPD
    and its rate limit allows; else the refusal, the same for every wrong token (counted per client at
    ``door``, :func:`~.web.too_many_wrong`)."""

    def decorate(handler: OpdHandler) -> Callable[[Request], Awaitable[Response]]:
        @functools.wraps(handler)
        async def route(request: Request) -> Response:
            portal = portal_of(request)
            token = token_of(request)
            if not token:
                return error_page(request, *missing)
            opd = await run_in_threadpool(portal.opd_of, token)  # a database query: off the event loop
            if opd is None:
                return await too_many_wrong(request, door) or error_page(request, *wrong)
            if not portal.rate_ok("opd:" + opd):
                response = error_page(request, 429, "portal.err.too_many")
                response.headers["Retry-After"] = str(portal.limit.retry_after("opd:" + opd))
                return response
            return await handler(request, portal, opd)

        return route

    return decorate


_BAD_LINK = (403, "portal.err.bad_link")
link_route = _opd_route(lambda request: request.path_params["token"], _BAD_LINK, _BAD_LINK, "opd-link")
bearer_route = _opd_route(bearer_token, (401, "portal.err.no_token"), (401, "portal.err.bad_token"), "opd-api")


# ---- receiving a file ---------------------------------------------------------------------------------
@contextlib.asynccontextmanager
async def received(request: Request, portal: Portal, limit: int | None = None
                   ) -> AsyncIterator[tuple[UploadFile, str, dict[str, str]]]:
    """Stream the multipart body: the ``file`` part (at most ``limit`` bytes, by default an upload's, and not
    empty), its name, and the form's other fields; the part is held (in memory, or a temporary file past 1 MB)
    until the block ends."""
    limit = limit or portal.settings.max_upload
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + SLACK:
        raise Refused(413, "portal.err.too_large", mb=limit // (1024 * 1024))
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise Refused(400, "portal.err.not_multipart")

    async def limited():
        seen = 0
        async for chunk in request.stream():
            seen += len(chunk)
            if seen > limit + SLACK:
                raise TooLarge
            yield chunk

    try:
        form = await MultiPartParser(request.headers, limited(), max_files=1, max_fields=10).parse()
    except TooLarge:
        raise Refused(413, "portal.err.too_large", mb=limit // (1024 * 1024)) from None
    except MultiPartException:
        raise Refused(400, "portal.err.not_multipart") from None
    except ClientDisconnect:  # gone (or cut by the server for sending too slowly): nobody reads the answer
        raise Refused(400, "portal.err.failed") from None
    try:
        part = form.get("file")
        if not isinstance(part, UploadFile):
            raise Refused(400, "portal.err.no_file")
        if part.size is not None and part.size > limit:
            raise Refused(413, "portal.err.too_large", mb=limit // (1024 * 1024))
        if part.size == 0:
            raise Refused(400, "portal.err.empty")
        yield part, part.filename or "", {k: v for k, v in form.multi_items() if isinstance(v, str)}
    finally:
        await form.close()


async def receive(request: Request, portal: Portal, limit: int | None = None) -> tuple[Path, str, dict[str, str]]:
    """:func:`received`, the file part copied into a temporary file of the store (the caller removes it; nothing is
    left there when the copy fails)."""
    async with received(request, portal, limit) as (part, name, fields):
        tmp, _ = await run_in_threadpool(portal.intake.blobs.spool, part.file)
        return tmp, name, fields


@contextlib.asynccontextmanager
async def admitted(request: Request, portal: Portal, opd: str, limit: int | None = None) -> AsyncIterator[Round]:
    """An upload (a sheet, or an evidence file of at most ``limit`` bytes) of ``opd`` let in: counted among its
    uploads in progress (429 beyond), in the current round (yielded; 409 when closed), its bytes held against its
    OPD's quota for the round while it streams in and is read: refused (413) once what the OPD has stored (its
    uploads and evidence files, :meth:`~.web.Portal.bytes_stored`), with its other uploads on their way, reaches
    the quota.  Reserved before the body is read, so that uploads sent at once cannot all pass a quota that one of
    them fills; given back once the upload is recorded (or refused), when the database counts it.

    The declared body size is held (the most a file may be when the size is not declared), with the most its
    findings may store (:data:`FINDINGS_HELD`), as the quota counts both.  The round and the stored bytes are read
    in one go, and again when a reservation of the OPD was given back meanwhile: that upload's bytes are then in
    what was read, or still held, never in neither."""
    with portal.uploading(opd) as counted:
        if not counted:
            raise Refused(429, "portal.err.busy", n=portal.settings.uploads_per_opd)
        while True:
            freed = portal.quota_freed.get(opd, 0)
            rnd, used = await run_in_threadpool(portal.round_and_stored, opd)
            if portal.quota_freed.get(opd, 0) == freed:
                break
        if rnd.closed:
            raise Refused(409, "portal.err.closed", period=rnd.period)
        key = (rnd.id, opd)
        limit = limit or portal.settings.max_upload
        declared = request.headers.get("content-length", "")
        wanted = (min(int(declared), limit) if declared.isdigit() else limit) + FINDINGS_HELD
        if used + portal.quota_held.get(key, 0) >= portal.settings.quota:
            raise Refused(413, "portal.err.quota", mb=portal.settings.quota // (1024 * 1024), period=rnd.period)
        portal.quota_held[key] = portal.quota_held.get(key, 0) + wanted
        try:
            yield rnd
        finally:
            portal.quota_held[key] -= wanted
            if not portal.quota_held[key]:
                del portal.quota_held[key]
            portal.quota_freed[opd] = portal.quota_freed.get(opd, 0) + 1


Then = Callable[[Upload, Round], T]


async def _accept(request: Request, portal: Portal, opd: str, token: str, then: Then[T]) -> T:
    """Receive, keep, read and record one upload for ``opd`` through the link ``token``: what ``then`` makes of it
    and its round (in the same thread, once recorded); :class:`Refused` when it cannot be: also when the round was
    closed or the link replaced while the upload was on its way."""
    async with admitted(request, portal, opd) as rnd, received(request, portal) as (part, name, _):
        try:
            async with portal.reading(opd):
                return await run_in_threadpool(_record, portal, opd, part.file, name, rnd, token, then)
        except NotTaken as exc:
            if exc.reason == "closed":
                raise Refused(409, "portal.err.closed", period=rnd.period) from None
            api = request.url.path.startswith("/api/")
            raise Refused(401 if api else 403, "portal.err.bad_token" if api else "portal.err.bad_link") from None


def _record(portal: Portal, opd: str, source: BinaryIO, name: str, rnd: Round, token: str, then: Then[T]) -> T:
    up, _ = portal.intake.record(opd, source, name, rnd, "opd:" + opd, token_hash(token))
    return then(up, rnd)


def upload_json(portal: Portal, request: Request, up: Upload, lang: str, rnd: Round | None = None) -> dict:
    """An upload as the API gives it; ``rnd``, its round when the caller has it (else read)."""
    rnd = rnd if rnd is not None and rnd.id == up.round_id else portal.store.round(up.round_id)
    return {
        "id": up.id, "opd": up.opd, "period": rnd.period, "state": up.state, "counted": up.counted,
        "file_name": up.file_name, "sha256": up.sha256, "size": up.size,
        "received_at": up.received_at.isoformat(), "errors": up.errors, "warnings": up.warnings,
        "findings": up.findings_in(lang),
        "feedback_url": portal.public_url(request.app.url_path_for("api_feedback", upload_id=up.id)),
    }


# ---- the JSON API -------------------------------------------------------------------------------------
@bearer_route
async def api_upload(request: Request, portal: Portal, opd: str) -> Response:
    lang = lang_of(request)

    def reply(up: Upload, rnd: Round) -> tuple[bytes, str]:
        """The bytes of the JSON reply and its feedback URL, made in the upload's thread: nothing that grows with
        the findings runs on the event loop."""
        body = upload_json(portal, request, up, lang, rnd)
        return bytes(JSONResponse(body).body), body["feedback_url"]

    try:
        body, location = await _accept(request, portal, opd, bearer_token(request), reply)
    except Refused as exc:
        return error_page(request, exc.status, exc.key, **exc.params)
    return Response(body, status_code=201, media_type="application/json", headers={"Location": location})


@bearer_route
async def api_feedback(request: Request, portal: Portal, opd: str) -> Response:
    return await _feedback(request, portal, opd, request.path_params["upload_id"])


# ---- the pages ----------------------------------------------------------------------------------------
@link_route
async def opd_page(request: Request, portal: Portal, opd: str) -> Response:
    lang = lang_of(request)
    return await run_in_threadpool(lambda: portal.render(request, "opd.html", lang, **_opd_context(portal, opd)))


def _opd_context(portal: Portal, opd: str) -> dict:
    rnd = portal.store.current_round()
    history = list(reversed(portal.store.uploads(rnd.id, opd)))
    counted = next((u for u in history if u.counted), None)
    names = dict(portal.store.opds())
    claims = claims_of(portal, rnd, opd) if counted is not None else []
    return {"opd": opd, "opd_name": names.get(opd, opd), "round": rnd, "history": history, "counted": counted,
            "days_left": (rnd.deadline - today(portal.zone)).days if rnd.deadline else None,
            "max_mb": portal.settings.max_upload // (1024 * 1024), "claims": claims,
            "claim_counts": verified_total(claims),
            "evidence_files": len(portal.evidence.current(opd)), "actions": len(portal.intake.master.for_opd(opd))}


@link_route
async def upload_form(request: Request, portal: Portal, opd: str) -> Response:
    lang = lang_of(request)
    token = request.path_params["token"]
    try:
        up = await _accept(request, portal, opd, token, lambda up, _rnd: up)
    except Refused as exc:
        if exc.key == "portal.err.bad_link":  # replaced meanwhile: the old link shows nothing of the OPD
            return error_page(request, exc.status, exc.key)
        context = await run_in_threadpool(_opd_context, portal, opd)
        return portal.render(request, "opd.html", lang, status_code=exc.status,
                             refusal=portal_text(exc, lang), **context)
    return RedirectResponse(f"/o/{token}/kiriman/{up.id}", status_code=303)


def portal_text(exc: Refused, lang: str) -> str:
    return t(exc.key, lang, **exc.params)


@link_route
async def upload_page(request: Request, portal: Portal, opd: str) -> Response:
    lang = lang_of(request)
    up = await run_in_threadpool(portal.store.upload, request.path_params["upload_id"])
    if up is None or up.opd != opd:
        return error_page(request, 404, "portal.err.not_found")
    return await run_in_threadpool(_result_page, portal, request, up, opd, lang)


def _result_page(portal: Portal, request: Request, up: Upload, opd: str, lang: str) -> Response:
    """The page of one upload, made in a thread (its findings read and rendered off the event loop)."""
    context = _opd_context(portal, opd)
    same_as = next((u for u in reversed(context["history"]) if u.sha256 == up.sha256 and u.id < up.id), None)
    findings = up.findings_in(lang)
    return portal.render(request, "result.html", lang, upload=up, findings=findings, same_as=same_as,
                         verdict=verdict(up, findings, lang), **context)


@link_route
async def template_download(request: Request, portal: Portal, opd: str) -> Response:
    lang = lang_of(request)
    rnd = await run_in_threadpool(portal.store.current_round)
    path = await run_in_threadpool(portal.intake.template, opd, rnd, lang)
    await run_in_threadpool(portal.store.log, "opd:" + opd, "download-template", rnd.period)
    return FileResponse(path, media_type=XLSX, filename=path.name)


@link_route
async def feedback_download(request: Request, portal: Portal, opd: str) -> Response:
    return await _feedback(request, portal, opd, request.path_params["upload_id"])


async def _feedback(request: Request, portal: Portal, opd: str, upload_id: int) -> Response:
    up = await run_in_threadpool(portal.store.upload, upload_id)
    if up is None or up.opd != opd:
        return error_page(request, 404, "portal.err.not_found")
    lang = lang_of(request)

    async with portal.reading(opd):  # made by reading the upload again
        path = await run_in_threadpool(portal.intake.feedback, up, lang)
    await run_in_threadpool(portal.store.log, "opd:" + opd, "download-feedback", f"#{up.id}", up.sha256)
    stem = "umpan-balik" if lang == "id" else "feedback"
    return FileResponse(path, media_type=XLSX, filename=f"{stem}-{opd}-{up.id}.xlsx")
