"""What DKIS does after logging in with the admin token: the status of every
OPD, the downloads, closing and reopening the round, replacing a link; and
the admin side of the JSON API.

The admin session is a random id in an HttpOnly, SameSite=Strict cookie
(its hash in the database, 12 hours); every form carries the session's
CSRF token, the login form a token of its own (double-submit cookie)."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
from collections.abc import Awaitable, Callable

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from spbe_excel.portal.security import new_token, same, token_hash
from spbe_excel.portal.store import Round, now
from spbe_excel.portal.verdict import verdict
from spbe_excel.portal.web import XLSX, Portal, bearer_token, error_page, lang_of, portal_of, too_many_wrong

COOKIE = "spbe_admin"
LOGIN_COOKIE = "spbe_login"
SESSION_HOURS = 12


def routes() -> list[Route]:
    return [
        Route("/admin", admin_page),
        Route("/admin/login", login, methods=["POST"]),
        Route("/admin/logout", logout, methods=["POST"]),
        Route("/admin/putaran", round_form, methods=["POST"]),
        Route("/admin/putaran/tutup", close_page),
        Route("/admin/tautan/{code}", link_form, methods=["POST"]),
        Route("/admin/rekap.xlsx", rekap_download),
        Route("/admin/tahun.xlsx", year_download),
        Route("/admin/ringkasan.pdf", page_download),
        Route("/admin/kiriman.zip", zip_download),
        Route("/admin/tautan-opd.csv", links_download),
        Route("/admin/audit.csv", audit_download),
        Route("/api/v1/status", api_status),
        Route("/api/v1/rekap.xlsx", api_rekap),
    ]


# ---- who is asking ------------------------------------------------------------------------------------
def _session(portal: Portal, request: Request) -> str | None:
    """The CSRF token of the request's admin session, None without a valid one."""
    sid = request.cookies.get(COOKIE, "")
    return portal.store.session_csrf(token_hash(sid)) if sid else None


def session_csrf(portal: Portal, request: Request) -> str:
    """The CSRF token of the request's admin session ("" without one: a bearer token), for the forms of other
    modules' pages."""
    return _session(portal, request) or ""


def _admin_token_ok(portal: Portal, token: str) -> bool:
    return bool(token) and same(token_hash(token), portal.store.setting("admin_token_hash"))


async def _admin(request: Request, *, api: bool = False) -> tuple[Portal, str] | Response:
    """The portal and the session's CSRF token ("" for a bearer token), or the refusal."""
    portal = portal_of(request)
    token = bearer_token(request)
    if token:
        if not await run_in_threadpool(_admin_token_ok, portal, token):
            return await too_many_wrong(request, "admin-api") or error_page(request, 401 if api else 403,
                                                                             "portal.err.bad_token")
        if not portal.rate_ok("admin"):
            return error_page(request, 429, "portal.err.too_many")
        return portal, ""
    csrf = await run_in_threadpool(_session, portal, request)
    if csrf is None:
        if api:
            return error_page(request, 401, "portal.err.no_token")
        return RedirectResponse("/admin", status_code=303)
    return portal, csrf


Handler = Callable[..., Awaitable[Response]]


def admin_route(*, api: bool = False) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """A route for DKIS: ``handler(request, portal)`` with the admin session or token; else 401 (``api``) or
    the login page."""

    def decorate(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        @functools.wraps(handler)
        async def route(request: Request) -> Response:
            who = await _admin(request, api=api)
            return who if isinstance(who, Response) else await handler(request, who[0])

        return route

    return decorate


def admin_form(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """A form of the admin pages: ``handler(request, portal, form)`` once the session's CSRF token came with it."""

    @functools.wraps(handler)
    async def route(request: Request) -> Response:
        who = await _admin(request)
        if isinstance(who, Response):
            return who
        portal, csrf = who
        form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
        if not csrf or not same(str(form.get("csrf", "")), csrf):
            return error_page(request, 403, "portal.err.csrf")
        return await handler(request, portal, dict(form))

    return route


def _round(portal: Portal, request: Request) -> Round:
    """The round ``?putaran=N`` names, the current one without it; a number that names no round (a link to a
    store that was made again, a typing slip) is not found (404), rather than another round shown as if it were
    the one asked for."""
    wanted = request.query_params.get("putaran", "")
    if not wanted:
        return portal.store.current_round()
    if wanted.isascii() and wanted.isdigit():  # not "²", a digit int() does not take
        for r in portal.store.rounds():
            if r.id == int(wanted):
                return r
    raise HTTPException(404)


def round_asked(portal: Portal, request: Request) -> Round:
    """The round the request names (``?putaran=N``), else the current one: for the pages of other modules."""
    return _round(portal, request)


# ---- login --------------------------------------------------------------------------------------------
async def admin_page(request: Request) -> Response:
    portal = portal_of(request)
    lang = lang_of(request)
    csrf = await run_in_threadpool(_session, portal, request)
    if csrf is None:
        login_token = new_token()
        response = portal.render(request, "login.html", lang, login_csrf=login_token,
                                 failed=request.query_params.get("gagal") == "1")
        response.set_cookie(LOGIN_COOKIE, login_token, httponly=True, samesite="strict", path="/admin",
                            secure=portal.secure(request))
        return response
    context = await run_in_threadpool(status_context, portal, _round(portal, request))
    new_link = await run_in_threadpool(_new_link, portal, request)
    why = await run_in_threadpool(_why_rejected, portal, context["rows"], lang)
    return portal.render(request, "admin.html", lang, csrf=csrf, new_link=new_link, why=why, **context)


async def login(request: Request) -> Response:
    portal = portal_of(request)
    form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not same(str(form.get("csrf", "")), expected):
        return error_page(request, 403, "portal.err.csrf")
    if not await run_in_threadpool(_admin_token_ok, portal, str(form.get("token", "")).strip()):
        return await too_many_wrong(request, "login") or RedirectResponse("/admin?gagal=1", status_code=303)
    sid, csrf = new_token(), new_token()
    await run_in_threadpool(portal.store.add_session, token_hash(sid), csrf,
                            now() + dt.timedelta(hours=SESSION_HOURS))
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(COOKIE, sid, max_age=SESSION_HOURS * 3600, httponly=True, samesite="strict",
                        secure=portal.secure(request))
    response.delete_cookie(LOGIN_COOKIE, path="/admin")
    return response


@admin_form
async def logout(request: Request, portal: Portal, _form: dict) -> Response:
    await run_in_threadpool(portal.store.drop_session, token_hash(request.cookies.get(COOKIE, "")))
    response = RedirectResponse("/admin", status_code=303)
    response.delete_cookie(COOKIE)
    return response


# ---- the status ---------------------------------------------------------------------------------------
def status_context(portal: Portal, rnd: Round) -> dict:
    rows = portal.intake.status(rnd)
    sent = sum(1 for r in rows if r["state"] in ("accepted", "accepted-with-errors"))
    return {"round": rnd, "rounds": portal.store.rounds(), "rows": rows, "sent": sent, "total": len(rows),
            "rate": sent / len(rows) if rows else 0.0, "index": portal.intake.index(rnd),
            "current": portal.store.current_round().id == rnd.id}


def _why_rejected(portal: Portal, rows: list[dict], lang: str) -> dict[str, str]:
    """Why each rejected OPD's upload was rejected, in a few words ("Bukan buku kerja: dokumen PDF")."""
    why = {}
    for r in rows:
        up = portal.store.upload(r["upload_id"]) if r["state"] == "rejected" and r["upload_id"] else None
        if up is not None:
            why[r["code"]] = verdict(up, up.findings_in(lang), lang).why
    return why


def status_json(portal: Portal, rnd: Round) -> dict:
    c = status_context(portal, rnd)
    opds = [{k: r[k] for k in ("code", "name", "state", "last_upload", "errors", "warnings")} for r in c["rows"]]
    return {"period": rnd.period, "deadline": rnd.deadline.isoformat() if rnd.deadline else None,
            "closed": rnd.closed, "opds": opds,
            "reporting": {"opds": c["total"], "counted": c["sent"], "rate": c["rate"]}, "index": c["index"]}


@admin_route(api=True)
async def api_status(request: Request, portal: Portal) -> Response:
    return JSONResponse(await run_in_threadpool(lambda: status_json(portal, _round(portal, request))))


# ---- downloads ----------------------------------------------------------------------------------------
async def _rekap(request: Request, portal: Portal) -> Response:
    lang = lang_of(request)
    rnd = await run_in_threadpool(_round, portal, request)
    path = await run_in_threadpool(portal.intake.rekap, rnd, lang)
    await run_in_threadpool(portal.store.log, "admin", "download-rekap", rnd.period)
    stem = "rekap" if lang == "id" else "consolidated"
    return FileResponse(path, media_type=XLSX, filename=f"{stem}-{_slug(rnd.period)}.xlsx")


@admin_route()
async def rekap_download(request: Request, portal: Portal) -> Response:
    return await _rekap(request, portal)


@admin_route(api=True)
async def api_rekap(request: Request, portal: Portal) -> Response:
    return await _rekap(request, portal)


async def _year(request: Request, portal: Portal, which: int) -> Response:
    """The year workbook (``which`` 0) or the leaders' page (1) of the round's year."""
    lang = lang_of(request)
    rnd = await run_in_threadpool(_round, portal, request)
    path = (await run_in_threadpool(portal.intake.year, rnd, lang))[which]
    await run_in_threadpool(portal.store.log, "admin", "download-year" if which == 0 else "download-page",
                            rnd.period)
    year = _slug(rnd.period).rsplit("-", 1)[-1]
    if which == 0:
        return FileResponse(path, media_type=XLSX, filename=f"{'rekap' if lang == 'id' else 'year'}-{year}.xlsx")
    return FileResponse(path, media_type="application/pdf",
                        filename=f"{'ringkasan' if lang == 'id' else 'summary'}-{year}.pdf",
                        content_disposition_type="attachment")


@admin_route()
async def year_download(request: Request, portal: Portal) -> Response:
    return await _year(request, portal, 0)


@admin_route()
async def page_download(request: Request, portal: Portal) -> Response:
    return await _year(request, portal, 1)


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


@admin_route()
async def zip_download(request: Request, portal: Portal) -> Response:
    rnd = await run_in_threadpool(_round, portal, request)
    path = await run_in_threadpool(portal.intake.uploads_zip, rnd)
    await run_in_threadpool(portal.store.log, "admin", "download-zip", rnd.period)
    return FileResponse(path, media_type="application/zip", filename=f"kiriman-{_slug(rnd.period)}.zip",
                        background=BackgroundTask(os.unlink, path))  # made for this download only


@admin_route()
async def links_download(_request: Request, portal: Portal) -> Response:
    text = await run_in_threadpool(portal.intake.links_csv)
    await run_in_threadpool(portal.store.log, "admin", "download-links")
    return _csv(text, "tautan-opd.csv")


@admin_route()
async def audit_download(_request: Request, portal: Portal) -> Response:
    await run_in_threadpool(portal.store.log, "admin", "download-audit")
    rows = await run_in_threadpool(portal.store.audit_rows)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "time", "actor", "action", "detail", "sha256"])
    w.writerows([(i, at.isoformat(), actor, action, detail, sha) for i, at, actor, action, detail, sha in rows])
    return _csv(buf.getvalue(), "log-audit.csv")


def _csv(text: str, name: str) -> Response:
    """A CSV download that Excel opens as UTF-8 (with a byte order mark)."""
    return Response("\ufeff" + text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# ---- forms --------------------------------------------------------------------------------------------
@admin_form
async def round_form(request: Request, portal: Portal, form: dict) -> Response:
    rnd = await run_in_threadpool(portal.store.current_round)
    action = form.get("action")
    if action not in ("close", "reopen"):
        return error_page(request, 400, "portal.err.failed")
    await run_in_threadpool(portal.store.set_closed, rnd.id, action == "close")
    return RedirectResponse("/admin", status_code=303)


async def close_page(request: Request) -> Response:
    """Closing the round asks first: this page says what closing does and who has not sent yet; its form posts
    the closing (with the session's CSRF token) and comes back to the status page (post, redirect, get)."""
    who = await _admin(request)
    if isinstance(who, Response):
        return who
    portal, csrf = who
    rnd = await run_in_threadpool(portal.store.current_round)
    if rnd.closed:
        return RedirectResponse("/admin", status_code=303)
    rows = await run_in_threadpool(portal.intake.status, rnd)
    return portal.render(request, "admin_close.html", lang_of(request), csrf=csrf, round=rnd, rows=rows)


@admin_form
async def link_form(request: Request, portal: Portal, _form: dict) -> Response:
    from spbe_excel.portal.setup import replace_link

    code = request.path_params["code"]
    if code not in dict(await run_in_threadpool(portal.store.opds)):
        return error_page(request, 404, "portal.err.not_found")
    await run_in_threadpool(replace_link, portal.intake, code)
    return RedirectResponse(f"/admin?baru={code}", status_code=303)  # shown once; a reload does not replace again


def _new_link(portal: Portal, request: Request) -> tuple[str, str] | None:
    """After a link was replaced: the OPD and its new link, read from the links CSV."""
    from spbe_excel.portal.setup import read_links

    code = request.query_params.get("baru", "")
    if not code:
        return None
    row = next((r for r in read_links(portal.intake.folder)[1:] if r and r[0] == code), None)
    return (row[0], row[2]) if row else None
