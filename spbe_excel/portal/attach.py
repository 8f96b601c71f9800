"""An OPD's evidence files on the intake page (issue 19), through its link:

- ``/o/{token}/bukti``: each action of the OPD's sheet, what its counted upload reports for it (a claim: a
  status *Selesai* or a level above the baseline), its files with their SHA-256 and date, a form to attach one
  (document number, title, file) and, for each file, a form to replace it and one to withdraw it;
- ``POST /o/{token}/bukti`` attaches (or, with ``replaces``, replaces) a file; ``POST
  /o/{token}/bukti/{id}/tarik`` withdraws one;
- ``/o/{token}/bukti/{id}/berkas`` downloads one of the OPD's own files: as an attachment, never shown
  inline (``application/octet-stream``; every response carries ``nosniff``).

A file is recognised by its content (:func:`spbe_excel.pipeline.recognise_evidence`) before it is kept; it is
kept as received, named by its document number and title in the pack, counted in the OPD's quota.  The forms are
plain HTML posts that answer with a redirect to the page (post, redirect, get); a refusal answers with the page
and why, the form filled in as it was sent."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from spbe_excel import pipeline
from spbe_excel.model.evidence_files import KINDS
from spbe_excel.model.vocab import Status
from spbe_excel.portal.blobs import safe_name
from spbe_excel.portal.evidence import Evidence, TooMany
from spbe_excel.portal.security import token_hash
from spbe_excel.portal.store import NotTaken, Round
from spbe_excel.portal.upload import Refused, admitted, link_route, receive
from spbe_excel.portal.verifications import claims_of
from spbe_excel.portal.web import BIDI_CONTROLS, Portal, error_page, lang_of
from spbe_excel.portal.wording import today
from spbe_excel.text import t
from spbe_excel.text.errors import worded

NUMBER_CHARS = 120
TITLE_CHARS = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def routes() -> list[Route]:
    return [
        Route("/o/{token}/bukti", evidence_page),
        Route("/o/{token}/bukti", attach_form, methods=["POST"]),
        Route("/o/{token}/bukti/{evidence_id:int}/tarik", withdraw_form, methods=["POST"]),
        Route("/o/{token}/bukti/{evidence_id:int}/berkas", evidence_download),
    ]


# ---- what the page shows ------------------------------------------------------------------------------
def reported_rows(portal: Portal, rnd: Round, opd: str) -> dict[str, dict]:
    """What the OPD's counted upload of ``rnd`` reports for each action: its status and level, and whether that is
    a claim DKIS verifies (a status *Selesai* or a level above the baseline)."""
    counted, _ = portal.store.latest(rnd.id)
    up = counted.get(opd)
    if up is None:
        return {}
    sub = portal.intake.submission(up)
    out = {}
    for action, row in sub.rows_by_action().items():
        ind = portal.intake.master.by_action.get(action)
        status, level = row.values.get("status"), row.values.get("current_level")
        baseline = ind.baseline_level if ind else 0
        claim = status == Status.DONE or (level is not None and level > baseline)
        out[action] = {"status": status, "level": level, "baseline": baseline, "claim": claim}
    return out


def evidence_context(portal: Portal, opd: str) -> dict:
    """The OPD's actions, each with what its counted upload reports and its current files."""
    rnd = portal.store.current_round()
    files: dict[str, list[Evidence]] = {}
    for item in portal.evidence.current(opd):
        files.setdefault(item.action, []).append(item)
    reported = reported_rows(portal, rnd, opd)
    claims = {c["claim"].action: c for c in claims_of(portal, rnd, opd)}
    actions = [{"action": a.action, "no": a.no, "indicator": a.indicator, "follow_up": a.follow_up,
                "baseline": a.baseline_level, "target": a.target_level, "reported": reported.get(a.action),
                "files": files.get(a.action, []), "anchor": "aksi-" + a.action.replace(".", "-"),
                "verification": claims.get(a.action)}
               for a in portal.intake.master.for_opd(opd)]
    names = dict(portal.store.opds())
    held = [len(files.get(a.action, [])) for a in portal.intake.master.for_opd(opd)]
    return {"opd": opd, "opd_name": names.get(opd, opd), "round": rnd, "actions": actions,
            "days_left": (rnd.deadline - today(portal.zone)).days if rnd.deadline else None,
            "max_mb": portal.settings.max_evidence // (1024 * 1024),
            "files": sum(held), "with_files": sum(1 for n in held if n)}


def _done_notice(portal: Portal, request: Request, opd: str, lang: str) -> list[str]:
    """What a redirect after a change says (``?dilampirkan=ID``, ``?diganti=ID``, ``?ditarik=ID``)."""
    notes = []
    for param, key in (("dilampirkan", "evidence.page.added"), ("diganti", "evidence.page.replaced"),
                       ("ditarik", "evidence.page.withdrawn")):
        wanted = request.query_params.get(param, "")
        if wanted.isascii() and wanted.isdigit():
            item = portal.evidence.item(int(wanted))
            if item is not None and item.opd == opd:
                notes.append(t(key, lang, file=item.file_name, action=item.action))
    return notes


@link_route
async def evidence_page(request: Request, portal: Portal, opd: str) -> Response:
    lang = lang_of(request)

    def page() -> Response:
        context = evidence_context(portal, opd)
        return portal.render(request, "evidence.html", lang, done=_done_notice(portal, request, opd, lang), **context)

    return await run_in_threadpool(page)


# ---- attaching, replacing, withdrawing ------------------------------------------------------------------
def _text_field(fields: dict[str, str], key: str, most: int, lang: str) -> str:
    """A text of the form (number, title), spaces collapsed; :class:`Refused` when too long or holding control
    characters (a bidirectional control turns the text around: a title would read otherwise than it is)."""
    value = fields.get(key, "")
    label = t(f"evidence.field.{key}", lang)
    if _CONTROL.search(value.replace("\t", " ")) or BIDI_CONTROLS.search(value):
        raise Refused(422, "evidence.refused.control", field=label)
    value = " ".join(value.split())
    if len(value) > most:
        raise Refused(422, "evidence.refused.long", field=label, n=len(value), most=most)
    return value


def _stored_name(name: str, kind_suffix: str, title: str) -> str:
    """The display name a file is kept under: its base name reduced to plain characters (:func:`safe_name`), with
    the suffix of what it holds."""
    base = safe_name(name, default=safe_name(title, default="bukti"))
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem}{kind_suffix}"


def _check(fields: dict[str, str], portal: Portal, opd: str, lang: str) -> tuple[str, str, str, Evidence | None]:
    """The action, number, title and the file replaced, from the form; :class:`Refused` when they cannot be."""
    action = fields.get("action", "")
    if action not in {a.action for a in portal.intake.master.for_opd(opd)}:
        raise Refused(422, "evidence.refused.action", action=action[:20], opd=opd)
    replaced = None
    wanted = fields.get("replaces", "")
    if wanted:
        replaced = portal.evidence.item(int(wanted)) if wanted.isascii() and wanted.isdigit() else None
        if replaced is None or replaced.opd != opd or replaced.action != action or not replaced.current:
            raise Refused(409, "evidence.refused.gone")
    number = _text_field(fields, "number", NUMBER_CHARS, lang)
    title = _text_field(fields, "title", TITLE_CHARS, lang)
    if replaced is not None:
        number, title = number or replaced.number, title or replaced.title
    if not title:
        raise Refused(422, "evidence.refused.no_title")
    return action, number, title, replaced


def _keep(portal: Portal, opd: str, rnd: Round, tmp: Path, name: str, fields: dict[str, str], token: str,
          lang: str) -> Evidence:
    """Recognise, keep and record one evidence file (in a thread)."""
    action, number, title, replaced = _check(fields, portal, opd, lang)
    found = pipeline.recognise_evidence(tmp, name)
    if found.kind is None:
        raise Refused(415, found.reason, **found.params)
    stored = _stored_name(name, found.kind.suffix, title)
    sha, size = portal.intake.blobs.keep(tmp)
    values = {"round_id": rnd.id, "opd": opd, "action": action, "number": number, "title": title,
              "file_name": stored, "kind": found.kind.key, "sha256": sha, "size": size}
    try:
        item = portal.evidence.attach(values, "opd:" + opd, token_hash(token), replaces=replaced)
    except TooMany as exc:
        raise Refused(409, f"evidence.refused.{exc.which}", most=exc.most, action=action, opd=opd,
                      period=rnd.period) from None
    return item


def _not_taken(exc: NotTaken, rnd: Round) -> Refused:
    if exc.reason == "closed":
        return Refused(409, "portal.err.closed", period=rnd.period)
    if exc.reason == "gone":
        return Refused(409, "evidence.refused.gone")
    return Refused(403, "portal.err.bad_link")


async def _attach(request: Request, portal: Portal, opd: str, token: str, lang: str) -> Evidence:
    limit = portal.settings.max_evidence
    async with admitted(request, portal, opd, limit) as rnd:
        try:
            tmp, name, fields = await receive(request, portal, limit)
        except Refused as exc:
            if exc.key == "portal.err.too_large":
                raise Refused(413, "evidence.refused.too_large", mb=limit // (1024 * 1024)) from None
            if exc.key == "portal.err.empty":  # said of an evidence document, not of the report
                raise Refused(400, "evidence.refused.empty") from None
            raise
        try:
            async with portal.reading(opd):  # recognising an office document inflates it: one at a time
                item = await run_in_threadpool(_keep, portal, opd, rnd, tmp, name, fields, token, lang)
        except NotTaken as exc:
            raise _not_taken(exc, rnd) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return item


def _refusal_page(request: Request, portal: Portal, opd: str, exc: Refused, lang: str) -> Response:
    if exc.key == "portal.err.bad_link":  # replaced meanwhile: the old link shows nothing of the OPD
        return error_page(request, exc.status, exc.key)
    context = evidence_context(portal, opd)
    text = t(exc.key, lang, **worded(exc.params, lang))
    return portal.render(request, "evidence.html", lang, status_code=exc.status, refusal=text, done=[], **context)


@link_route
async def attach_form(request: Request, portal: Portal, opd: str) -> Response:
    lang = lang_of(request)
    token = request.path_params["token"]
    try:
        item = await _attach(request, portal, opd, token, lang)
    except Refused as exc:
        return await run_in_threadpool(_refusal_page, request, portal, opd, exc, lang)
    which = "diganti" if item.replaces else "dilampirkan"
    anchor = "aksi-" + item.action.replace(".", "-")
    return RedirectResponse(f"/o/{token}/bukti?{which}={item.id}#{anchor}", status_code=303)


async def _own_item(request: Request, portal: Portal, opd: str) -> Evidence | None:
    """The evidence file the address names, when it is the OPD's own."""
    item = await run_in_threadpool(portal.evidence.item, request.path_params["evidence_id"])
    return item if item is not None and item.opd == opd else None


@link_route
async def withdraw_form(request: Request, portal: Portal, opd: str) -> Response:
    lang = lang_of(request)
    token = request.path_params["token"]
    item = await _own_item(request, portal, opd)
    if item is None:
        return error_page(request, 404, "portal.err.not_found")
    rnd = await run_in_threadpool(portal.store.current_round)
    try:
        if rnd.closed:
            raise Refused(409, "portal.err.closed", period=rnd.period)
        try:
            await run_in_threadpool(portal.evidence.withdraw, item, rnd.id, "opd:" + opd, token_hash(token))
        except NotTaken as exc:
            raise _not_taken(exc, rnd) from None
    except Refused as exc:
        return await run_in_threadpool(_refusal_page, request, portal, opd, exc, lang)
    anchor = "aksi-" + item.action.replace(".", "-")
    return RedirectResponse(f"/o/{token}/bukti?ditarik={item.id}#{anchor}", status_code=303)


def evidence_file(portal: Portal, item: Evidence) -> Response:
    """One evidence file as received, to download only: ``application/octet-stream`` under its display name, as
    an attachment (the response's ``nosniff`` keeps a browser from guessing otherwise)."""
    kind = KINDS.get(item.kind)
    name = item.file_name if kind is None or item.file_name.endswith(kind.suffix) else item.file_name + kind.suffix
    return FileResponse(portal.intake.blobs.path(item.sha256), media_type="application/octet-stream", filename=name,
                        content_disposition_type="attachment")


@link_route
async def evidence_download(request: Request, portal: Portal, opd: str) -> Response:
    item = await _own_item(request, portal, opd)
    if item is None:  # another OPD's file is not found, as a file that is not there
        return error_page(request, 404, "portal.err.not_found")
    await run_in_threadpool(portal.store.log, "opd:" + opd, "download-evidence", f"#{item.id} aksi {item.action}",
                            item.sha256)
    return evidence_file(portal, item)
