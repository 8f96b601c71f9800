"""DKIS's page of one OPD (``/admin/opd/{code}``, the admin session or token): every upload of the round,
newest first, with its verdict, its findings, the file as it was received and its feedback workbook to
download, so that DKIS sees why an OPD was rejected, not only that it was.  ``?putaran=N`` shows an
earlier round, as the status page does.  Each download is in the audit log."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from spbe_excel.portal.admin import admin_route, round_asked, session_csrf
from spbe_excel.portal.store import Round, Upload
from spbe_excel.portal.verdict import verdict
from spbe_excel.portal.verifications import claims_of, verified_total
from spbe_excel.portal.web import XLSX, Portal, error_page, lang_of


def routes() -> list[Route]:
    return [
        Route("/admin/opd/{code}", opd_page),
        Route("/admin/opd/{code}/kiriman/{upload_id:int}/berkas", file_download),
        Route("/admin/opd/{code}/umpan-balik/{upload_id:int}.xlsx", feedback_download),
    ]


def opd_context(portal: Portal, rnd: Round, code: str, lang: str) -> dict | None:
    """What the page of OPD ``code`` shows for round ``rnd``; None for a code that names no OPD."""
    names = dict(portal.store.opds())
    if code not in names:
        return None
    uploads = list(reversed(portal.store.uploads(rnd.id, code)))
    counted = next((u for u in uploads if u.counted), None)
    items = []
    for up in uploads:
        findings = up.findings_in(lang)
        items.append({"upload": up, "findings": findings, "verdict": verdict(up, findings, lang)})
    if counted is not None:
        state = "accepted-with-errors" if counted.errors else "accepted"
    else:
        state = "rejected" if uploads else "missing"
    claims = claims_of(portal, rnd, code)
    return {"opd": code, "opd_name": names[code], "round": rnd, "items": items, "counted": counted,
            "row": {"state": state}, "current": portal.store.current_round().id == rnd.id,
            "claims": claims, "claim_counts": verified_total(claims), "index": portal.intake.index(rnd)}


def opd_page_response(request: Request, portal: Portal, code: str, lang: str,
                      refusal: tuple[int, str] | None = None) -> Response:
    """DKIS's page of OPD ``code`` (in a thread), with why a form was refused (its status and text) when one was."""
    rnd = round_asked(portal, request)
    context = opd_context(portal, rnd, code, lang)
    if context is None:
        return error_page(request, 404, "portal.err.not_found")
    done = request.query_params.get("diverifikasi", "")[:32]
    return portal.render(request, "admin_opd.html", lang, status_code=refusal[0] if refusal else 200,
                         csrf=session_csrf(portal, request),
                         refusal=refusal[1] if refusal else "",
                         done=done if any(c["claim"].action == done for c in context["claims"]) else "", **context)


@admin_route()
async def opd_page(request: Request, portal: Portal) -> Response:
    return await run_in_threadpool(opd_page_response, request, portal, request.path_params["code"],
                                   lang_of(request))


async def _upload_of(request: Request, portal: Portal) -> Upload | None:
    """The upload the address names, when it is of the OPD the address names."""
    up = await run_in_threadpool(portal.store.upload, request.path_params["upload_id"])
    return up if up is not None and up.opd == request.path_params["code"] else None


@admin_route()
async def file_download(request: Request, portal: Portal) -> Response:
    """The file as the OPD uploaded it (its blob), under the display name it was kept with."""
    up = await _upload_of(request, portal)
    if up is None:
        return error_page(request, 404, "portal.err.not_found")
    await run_in_threadpool(portal.store.log, "admin", "download-upload", f"#{up.id}", up.sha256)
    return FileResponse(portal.intake.blobs.path(up.sha256), media_type="application/octet-stream",
                        filename=up.file_name)


@admin_route()
async def feedback_download(request: Request, portal: Portal) -> Response:
    """The feedback workbook of an upload, as its OPD downloads it."""
    up = await _upload_of(request, portal)
    if up is None:
        return error_page(request, 404, "portal.err.not_found")
    lang = lang_of(request)
    async with portal.reading(up.opd):  # made by reading the upload again
        path = await run_in_threadpool(portal.intake.feedback, up, lang)
    await run_in_threadpool(portal.store.log, "admin", "download-feedback", f"#{up.id}", up.sha256)
    stem = "umpan-balik" if lang == "id" else "feedback"
    return FileResponse(path, media_type=XLSX, filename=f"{stem}-{up.opd}-{up.id}.xlsx")
