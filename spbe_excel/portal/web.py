"""What every page and API route shares: the application's state
(:class:`Portal`), the language of a request, error responses."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.templating import Jinja2Templates

from spbe_excel.model.evidence_files import MAX_EVIDENCE_BYTES
from spbe_excel.model.levels import PredicateRule
from spbe_excel.model.verification import Verification
from spbe_excel.portal.evidence import EvidenceStore
from spbe_excel.portal.intake import Intake
from spbe_excel.portal.security import RateLimit, find_token
from spbe_excel.portal.store import Round
from spbe_excel.portal.verifications import VerificationStore, files_digest, handed
from spbe_excel.portal.wording import helpers
from spbe_excel.text import LANGS, t
from spbe_excel.text.words import index_text, predicate_note
from spbe_excel.text.words import predicate as of

HERE = Path(__file__).resolve().parent
MB = 1024 * 1024


@dataclass
class Settings:
    max_upload: int = 20 * MB
    rate_limit: int = 30  # requests per token per minute
    login_limit: int = 10  # wrong tokens (admin login, admin or OPD bearer tokens, OPD links) per client per minute
    readers: int = max(2, os.cpu_count() or 1)  # uploads read at once
    # a file read for longer than this gives its turn to the next OPD's file and reads on beside it, up to
    # readers_max files read at once (one per OPD): a long file of one OPD does not hold up the others'
    slow_after: float = 0.5
    readers_max: int = 2 * max(2, os.cpu_count() or 1)
    reader_pool: bool = True  # readers that stay (False: a reader started for each upload, as before issue 18)
    quota: int = 500 * MB  # bytes one OPD may upload in one round (every upload is kept for ever); 413 beyond
    max_evidence: int = MAX_EVIDENCE_BYTES  # one evidence file, at most (issue 19)
    evidence_per_action: int = 20  # files one action may hold at once
    evidence_per_round: int = 1000  # files one OPD may attach in one round (replacements included)
    uploads_per_opd: int = 6  # uploads of one OPD in progress at once (received, waiting or read); 429 beyond
    secure_cookie: bool | None = None  # None: when the request came over HTTPS


class Portal:
    """The application's state: the store, the limits, the templates."""

    def __init__(self, folder: str | os.PathLike, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.intake = Intake(folder, readers=self.settings.readers_max if self.settings.reader_pool else 0)
        self.evidence = EvidenceStore(self.intake.store, self.settings.evidence_per_action,
                                      self.settings.evidence_per_round)
        self.verifications = VerificationStore(self.intake.store)
        self.intake.verifications = self.handed_verifications
        self.limit = RateLimit(self.settings.rate_limit)
        self.failures = RateLimit(self.settings.login_limit)  # wrong tokens, per client address
        self.held_back = RateLimit(1)  # a client's first wrong token past the limit in a minute (audited)
        self.busy: dict[str, int] = {}  # uploads in progress per OPD (changed in the event loop only)
        self.quota_held: dict[tuple[int, str], int] = {}  # bytes of uploads on their way per (round, OPD)
        self.quota_freed: dict[str, int] = {}  # reservations given back so far per OPD (of any round)
        self._turns: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore, dict[str, asyncio.Lock]] | None = None
        self.stepped_aside = 0  # files read on after their turn went to another OPD's (see reading)
        self.pages = Jinja2Templates(directory=str(HERE / "templates"))
        self.pages.env.globals["LANGS"] = LANGS
        self.zone = self.intake.config.zone  # the pages write times in it (portal init --zone; read at start)
        self.pages.env.finalize = shown  # every value a page shows

    @property
    def store(self):
        return self.intake.store

    # ---- who is asking --------------------------------------------------------------------------------
    def opd_of(self, token: str) -> str | None:
        return find_token(token, self.store.token_hashes()) if token else None

    def rate_ok(self, key: str) -> bool:
        return self.limit.allow(key)

    def bytes_stored(self, round_id: int, opd: str) -> int:
        """What one OPD stored in one round, as its quota counts it: its uploads and its evidence files."""
        # one statement, so that both sums are read at once
        return self.store.bytes_uploaded(round_id, opd, self.evidence.bytes_query())

    def round_and_stored(self, opd: str) -> tuple[Round, int]:
        """The current round and what ``opd`` stored in it (:meth:`bytes_stored`): what an upload is let in by."""
        rnd = self.store.current_round()
        return rnd, self.bytes_stored(rnd.id, opd)

    def evidence_digests(self, opd: str | None = None) -> dict[tuple[str, str], str]:
        """Each (action, OPD) pair's current evidence files as one value (:func:`~.verifications.files_digest`)."""
        shas: dict[tuple[str, str], list[str]] = {}
        for item in self.evidence.current(opd):
            shas.setdefault((item.action, item.opd), []).append(item.sha256)
        return {key: files_digest(found) for key, found in shas.items()}

    def handed_verifications(self, opd: str | None = None) -> list[Verification]:
        """DKIS's verifications (of one OPD's claims, when given) as the pipeline takes them: each standing one,
        judged against the evidence files too (:func:`~.verifications.handed`)."""
        return handed(self.verifications.latest(opd), self.evidence_digests(opd))

    # ---- turns at the readers ---------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def reading(self, opd: str) -> AsyncIterator[None]:
        """A turn to read one of ``opd``'s files: at most ``readers`` at once, and one OPD's files one after the
        other, so that an OPD sending slow files holds one reader, not all of them, and the others' uploads
        go on.  A file read for longer than ``slow_after`` seconds gives its turn up and reads on, so that an OPD
        sending long files delays another's by at most that long; at most ``readers_max`` files are read at once.
        Waiting for a turn holds no thread (the threads are shared by every request)."""
        loop = asyncio.get_running_loop()
        if self._turns is None or self._turns[0] is not loop:
            self._turns = (loop, asyncio.Semaphore(self.settings.readers), {})
        _, readers, mine = self._turns
        async with mine.setdefault(opd, asyncio.Lock()):
            await readers.acquire()
            turn = _Turn(self, loop, readers)
            try:
                yield
            finally:
                turn.end()

    @contextlib.contextmanager
    def uploading(self, opd: str) -> Iterator[bool]:
        """Count an upload of ``opd`` in progress; yields False (nothing counted) when it has too many."""
        if self.busy.get(opd, 0) >= self.settings.uploads_per_opd:
            yield False
            return
        self.busy[opd] = self.busy.get(opd, 0) + 1
        try:
            yield True
        finally:
            self.busy[opd] -= 1

    def render(self, request: Request, name: str, lang: str, status_code: int = 200, **context) -> Response:
        def tr(key: str, **params) -> str:
            return t(key, lang, **params)

        def num(value: float | None, digits: int = 2) -> str:
            """A number as the page's language writes it (2,64 in Indonesian)."""
            if value is None:
                return "-"
            text = f"{value:,.{digits}f}"
            return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text

        def index_num(value: float | None) -> str:
            """An SPBE index as every place shows it: two decimals, halves up."""
            return index_text(value, lang) if value is not None else "-"

        def predicate(value: float | None, rule: dict | None = None) -> str:
            """The predikat of an index, judged as ``rule`` (its evaluation and whether on the exact index) says."""
            return of(value, lang, bool(rule and rule.get("exact"))) if value is not None else ""

        def note(value: float | None, rule: dict | None = None) -> str:
            """Why an index printed at a predikat's bound earns the one below ("" when nothing to say)."""
            if value is None or not rule:
                return ""
            return predicate_note(value, PredicateRule(rule["evaluation"], rule["exact"]), lang)

        context.update(lang=lang, _=tr, num=num, index_num=index_num, predicate=predicate, note=note,
                       request=request, **helpers(lang, self.zone))
        response = self.pages.TemplateResponse(request, name, context, status_code=status_code)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie("lang", lang, max_age=365 * 86400, httponly=True, samesite="strict",
                                secure=self.secure(request))
        return response

    def public_url(self, path: str) -> str:
        """``path`` under the address given to ``portal init --url`` (as the OPD links), never under the Host
        header of a request, which the client chooses."""
        return self.intake.config.url.rstrip("/") + path

    def secure(self, request: Request) -> bool:
        if self.settings.secure_cookie is not None:
            return self.settings.secure_cookie
        return request.url.scheme == "https"


class _Turn:
    """A turn at the readers, held from the start of a read; after ``slow_after`` seconds it is given up (the
    read goes on) while fewer than ``readers_max`` files are read at once, else it is tried again that much later."""

    def __init__(self, portal: Portal, loop: asyncio.AbstractEventLoop, readers: asyncio.Semaphore):
        self.portal, self.loop, self.readers = portal, loop, readers
        self.held = True
        self.timer = loop.call_later(portal.settings.slow_after, self.step_aside)

    def step_aside(self) -> None:
        settings = self.portal.settings
        if self.portal.stepped_aside + settings.readers < settings.readers_max:
            self.held = False
            self.portal.stepped_aside += 1
            self.readers.release()
        else:
            self.timer = self.loop.call_later(settings.slow_after, self.step_aside)

    def end(self) -> None:
        self.timer.cancel()
        if self.held:
            self.readers.release()
        else:
            self.portal.stepped_aside -= 1


BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(value):
    """A value as a page shows it: a bidirectional control character (which turns the text after it around, so
    that a cell may read otherwise than it is) as a visible mark, ``[U+202E]``."""
    if isinstance(value, str) and BIDI_CONTROLS.search(value):
        marked = BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m[0]):04X}]", value)
        return type(value)(marked) if hasattr(value, "__html__") else marked  # Markup stays Markup (marks hold none)
    return value


def client_of(request: Request) -> str:
    """The client's address (the proxy's ``X-Forwarded-For`` behind one the server trusts)."""
    return request.client.host if request.client else "-"


async def too_many_wrong(request: Request, door: str) -> Response | None:
    """Count a wrong token from the request's client at ``door`` (``login``, ``admin-api``, ``opd-link``,
    ``opd-api``): None while the client is within ``Settings.login_limit`` a minute (the attempt is in the audit
    log, the caller refuses it as usual), else the 429 to send (the first past the limit is in the audit log,
    the others are not recorded one by one).

    Only wrong tokens count, per client, and a right token is never held back: an attacker's failures lock
    out neither the right token nor the other clients, and a 192-bit token cannot be guessed anyway."""
    portal = portal_of(request)
    client = client_of(request)
    if portal.failures.allow(client):
        action = "login-failed" if door == "login" else "token-failed"
        await run_in_threadpool(portal.store.log, "client:" + client, action, door)
        return None
    if portal.held_back.allow(client):
        await run_in_threadpool(portal.store.log, "client:" + client, "held-back", door)
    response = error_page(request, 429, "portal.err.too_many")
    response.headers["Retry-After"] = str(portal.failures.retry_after(client))
    return response


def bearer_token(request: Request) -> str:
    """The token of an ``Authorization: Bearer`` header, "" without one."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def lang_of(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get("lang") or ""
    return wanted if wanted in LANGS else "id"


def portal_of(request: Request) -> Portal:
    return request.app.state.portal


def error_page(request: Request, status: int, key: str, **params) -> Response:
    portal = portal_of(request)
    lang = lang_of(request)
    if request.url.path.startswith("/api/"):
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse({"error": key.rsplit(".", 1)[-1], "message": t(key, lang, **params)}, status,
                            headers=headers)
    return portal.render(request, "error.html", lang, status_code=status, message=t(key, lang, **params))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
