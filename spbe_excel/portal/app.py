"""The pages and the JSON API of the intake page (Starlette).

The pages post plain HTML forms (they work without JavaScript; the script
only adds drag and drop and a progress bar) to the same handlers the JSON
API uses.  Routes:

- ``/o/{token}``: the OPD's page; ``POST /o/{token}/kirim`` uploads;
  ``/o/{token}/kiriman/{id}`` the verdict and findings of one upload;
  ``/o/{token}/templat.xlsx``, ``/o/{token}/umpan-balik/{id}.xlsx``.
- ``/admin``: DKIS's status page after logging in with the admin token;
  its downloads and forms (close the round, after ``/admin/putaran/tutup``
  asks, or reopen it; replace a link); ``/admin/opd/{code}`` one OPD's
  uploads with their verdicts and findings, each file and its feedback;
  ``/admin/pengingat`` the reminders to late OPDs (:mod:`.reminders`).
- ``/api/v1/submissions`` (POST, OPD token), ``/api/v1/status``,
  ``/api/v1/rekap.xlsx`` (admin token), ``/api/v1/submissions/{id}/feedback.xlsx``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from spbe_excel.portal import admin, attach, reminders, review, upload, verify
from spbe_excel.portal.security import SecurityHeaders
from spbe_excel.portal.web import HERE, Portal, Settings, error_page, lang_of, portal_of

_log = logging.getLogger("spbe_excel.portal")


async def home(request: Request) -> Response:
    return portal_of(request).render(request, "home.html", lang_of(request))


async def server_error(request: Request, exc: Exception) -> Response:
    """A failure of the server itself: logged with its traceback and its route, not its address (an OPD's link
    is its key); the user reads that it failed, not why."""
    scope = request.scope
    route = getattr(scope.get("route"), "path", None) or getattr(scope.get("endpoint"), "__name__", "-")
    _log.error("%s %s failed", request.method, route, exc_info=exc)
    return error_page(request, 500, "portal.err.server")


async def client_gone(_request: Request, _exc: Exception) -> Response:
    """The client went away (or was cut off for sending too slowly) before its request was read: nobody reads
    the answer, and nothing failed on the server, so nothing is logged."""
    return Response(status_code=400)


async def http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    key = {404: "portal.err.not_found", 405: "portal.err.method"}.get(status, "portal.err.failed")
    return error_page(request, status, key)


def _warm(portal: Portal) -> None:
    """Start the reader processes, open the database connections, and read the counted uploads once at start, so
    that the first uploads and the first status page are as quick as the next ones."""
    try:
        portal.intake.pool()
    except Exception:  # the first upload starts them itself
        _log.exception("starting the reader processes failed")
    try:
        portal.store.warm()
        portal.bytes_stored(portal.store.current_round().id, "")
    except Exception:  # only a head start
        _log.exception("opening the database connections failed")
    try:
        portal.intake.index(portal.store.current_round())
    except Exception:  # the page works out the index itself when asked; this was only a head start
        _log.exception("working out the index at start failed")


def create_app(folder: str | os.PathLike, settings: Settings | None = None) -> Starlette:
    """The intake page of the store in ``folder``."""
    portal = Portal(folder, settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        # in a thread of the pool the requests use (its first use imports anyio's backend), not awaited: the
        # server answers meanwhile
        warming = asyncio.get_running_loop().create_task(run_in_threadpool(_warm, portal))
        yield
        await warming
        portal.intake.close()  # the reader processes
        portal.store.dispose()

    routes = [
        Route("/", home),
        *upload.routes(),
        *admin.routes(),
        *reminders.routes(),
        *review.routes(),
        *attach.routes(),
        *verify.routes(),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    handlers = {HTTPException: http_error, ClientDisconnect: client_gone, Exception: server_error}
    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.state.portal = portal
    app.router.redirect_slashes = False  # its redirects are made of the Host header, which the client chooses
    app.add_middleware(SecurityHeaders)
    return app
