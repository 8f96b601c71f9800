"""DKIS's reminders page (``/admin/pengingat``): the OPDs of the current round
that have sent nothing, were rejected or have errors, their contacts and the
outcome of their last reminder; one button sends the e-mails
(``POST /admin/pengingat``, the admin session's CSRF token; one OPD alone
with the field ``opd``), and each OPD's message, with its ready WhatsApp
and ``mailto:`` links, is on ``/admin/pengingat/{code}`` (shown: audited)."""

from __future__ import annotations

import weakref
from collections import Counter

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from spbe_excel import pipeline
from spbe_excel.model.contacts import Contact
from spbe_excel.portal.admin import COOKIE, admin_form, admin_route
from spbe_excel.portal.remind import DUE, Reminders
from spbe_excel.portal.security import token_hash
from spbe_excel.portal.store import Round
from spbe_excel.portal.web import Portal, error_page, lang_of

PAGE = "/admin/pengingat"
_OF: weakref.WeakKeyDictionary[Portal, Reminders] = weakref.WeakKeyDictionary()


def routes() -> list[Route]:
    return [
        Route(PAGE, page),
        Route(PAGE, send, methods=["POST"]),
        Route(PAGE + "/{code}", message_page),
    ]


def reminders_of(portal: Portal) -> Reminders:
    found = _OF.get(portal)
    if found is None:
        found = _OF[portal] = Reminders(portal.intake)
    return found


def _csrf(portal: Portal, request: Request) -> str:
    """The CSRF token of the request's admin session (the routes below are only reached with one)."""
    sid = request.cookies.get(COOKIE, "")
    return (portal.store.session_csrf(token_hash(sid)) if sid else None) or ""


def page_context(portal: Portal, rnd: Round, lang: str, batch: str | None) -> dict:
    rem = reminders_of(portal)
    settings = rem.settings
    contacts = pipeline.opd_contacts(portal.intake.master)
    latest = rem.log.latest(rnd)
    rows = []
    for row in rem.due(rnd):
        out = latest.get(row["code"])
        rows.append({**row, "contact": contacts.get(row["code"], Contact()), "outcome": out.outcome if out else "",
                     "outcome_text": out.text(lang) if out else "",
                     "outcome_at": out.at.astimezone().strftime("%H:%M") if out and out.at else ""})
    done = Counter(o.outcome for o in rem.log.latest(rnd, batch).values()) if batch else None
    return {"round": rnd, "rows": rows, "settings": settings, "batch": done,
            "mailable": sum(1 for r in rows if r["contact"].emails) if settings.smtp else 0}


@admin_route()
async def page(request: Request, portal: Portal) -> Response:
    lang = lang_of(request)
    rnd = await run_in_threadpool(portal.store.current_round)
    batch = request.query_params.get("kiriman") or None
    context = await run_in_threadpool(page_context, portal, rnd, lang, batch)
    csrf = await run_in_threadpool(_csrf, portal, request)
    return portal.render(request, "reminders.html", lang, csrf=csrf, due_states=DUE, **context)


@admin_form
async def send(request: Request, portal: Portal, form: dict) -> Response:
    rnd = await run_in_threadpool(portal.store.current_round)
    if rnd.closed:
        return error_page(request, 409, "portal.remind.closed", period=rnd.period)
    one = str(form.get("opd", "")).strip()
    codes = [one] if one else None
    if one and one not in dict(await run_in_threadpool(portal.store.opds)):
        return error_page(request, 404, "portal.err.not_found")
    batch, _ = await run_in_threadpool(reminders_of(portal).send, rnd, codes)
    if not batch:
        return error_page(request, 409, "portal.remind.busy")
    return RedirectResponse(f"{PAGE}?kiriman={batch}", status_code=303)  # a reload sends nothing again


@admin_route()
async def message_page(request: Request, portal: Portal) -> Response:
    lang = lang_of(request)
    code = request.path_params["code"]
    rnd = await run_in_threadpool(portal.store.current_round)
    rem = reminders_of(portal)
    found = await run_in_threadpool(rem.messages, rnd, [code])
    if not found:
        return error_page(request, 404, "portal.remind.not_due", code=code)
    message = found[0]
    await run_in_threadpool(portal.store.log, "admin", "reminder-shown", f"{code} {rnd.period}")
    csrf = await run_in_threadpool(_csrf, portal, request)
    return portal.render(request, "reminder.html", lang, csrf=csrf, round=rnd, m=message, settings=rem.settings)
