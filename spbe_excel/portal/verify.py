"""DKIS verifies on its page of one OPD (issue 19):

- ``/admin/opd/{code}`` lists each claim of the OPD's counted upload (a status *Selesai*, or a level above the
  baseline) with its evidence files and where its verification stands, and a form for each: *Sesuai* or *Perlu
  perbaikan*, a note, who checked (:func:`claims_of`, shown by :mod:`.review`);
- ``POST /admin/opd/{code}/verifikasi`` records one (the session's CSRF token; refused when the row or its files
  changed since the page showed them, so DKIS never verifies what it did not see);
- ``/admin/opd/{code}/bukti/{id}/berkas`` downloads one of the OPD's evidence files (an attachment, never inline);
- ``/admin/bukti.zip`` the evidence pack (:func:`pack_inputs`, written by the pipeline as
  ``spbe-excel evidence pack`` writes it).

What the OPD sees of it (its page, the evidence page, its feedback workbook) is worded from the same
:func:`claims_of`."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from spbe_excel import pipeline
from spbe_excel.model.evidence_files import PackedFile
from spbe_excel.model.verification import Verdict
from spbe_excel.portal.admin import admin_form, admin_route, round_asked
from spbe_excel.portal.attach import evidence_file
from spbe_excel.portal.store import Round
from spbe_excel.portal.verifications import BY_CHARS, NOTE_CHARS, claims_of
from spbe_excel.portal.web import BIDI_CONTROLS, Portal, error_page, lang_of
from spbe_excel.portal.zones import tz
from spbe_excel.text import t

ZIP = "application/zip"


def routes() -> list[Route]:
    return [
        Route("/admin/opd/{code}/verifikasi", verify_form, methods=["POST"]),
        Route("/admin/opd/{code}/bukti/{evidence_id:int}/berkas", evidence_download),
        Route("/admin/bukti.zip", pack_download),
    ]


# ---- DKIS's form ----------------------------------------------------------------------------------------
class _Refusal(Exception):
    def __init__(self, status: int, key: str, **params):
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def _clean(text: str, most: int, key: str) -> str:
    """A text of the form, spaces collapsed; refused when too long or holding control characters."""
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text) or BIDI_CONTROLS.search(text):
        raise _Refusal(422, "verify.refused.control", field=key)
    text = " ".join(text.split())
    if len(text) > most:
        raise _Refusal(422, "verify.refused.long", field=key, n=len(text), most=most)
    return text


def _record(portal: Portal, code: str, form: dict[str, str], lang: str) -> tuple[str, str]:
    """Record DKIS's verification of one claim of OPD ``code`` from ``form``; the pair's action and the anchor
    to return to.  :class:`_Refusal` when the claim is not one (any more), or changed since the page was shown."""
    rnd = portal.store.current_round()
    action = str(form.get("action", ""))[:32]
    verdict = {v.value: v for v in Verdict}.get(str(form.get("verdict", "")))
    if verdict is None:
        raise _Refusal(422, "verify.refused.verdict")
    note = _clean(str(form.get("note", "")), NOTE_CHARS, t("verify.field.note", lang))
    by = _clean(str(form.get("by", "")), BY_CHARS, t("verify.field.by", lang)) or "DKIS"
    if verdict is Verdict.NEEDS_CORRECTION and not note:
        raise _Refusal(422, "verify.refused.no_note")
    found = next((c for c in claims_of(portal, rnd, code) if c["claim"].action == action), None)
    if found is None:
        raise _Refusal(409, "verify.refused.no_claim", action=action, opd=code)
    claim = found["claim"]
    if form.get("fingerprint") != claim.fingerprint or form.get("files", "") != found["digest"]:
        raise _Refusal(409, "verify.refused.changed", action=action, opd=code)
    counted, _ = portal.store.latest(rnd.id)
    up = counted.get(code)
    portal.verifications.add({"round_id": rnd.id, "opd": code, "action": action, "verdict": verdict.value,
                              "note": note, "fingerprint": claim.fingerprint, "files": found["digest"],
                              "upload_sha": up.sha256 if up else "", "by": by}, "admin")
    return action, found["anchor"]


@admin_form
async def verify_form(request: Request, portal: Portal, form: dict) -> Response:
    code = request.path_params["code"]
    lang = lang_of(request)
    if code not in dict(await run_in_threadpool(portal.store.opds)):
        return error_page(request, 404, "portal.err.not_found")
    try:
        action, anchor = await run_in_threadpool(_record, portal, code, form, lang)
    except _Refusal as exc:
        from spbe_excel.portal.review import opd_page_response

        return await run_in_threadpool(opd_page_response, request, portal, code, lang,
                                       (exc.status, t(exc.key, lang, **exc.params)))
    return RedirectResponse(f"/admin/opd/{code}?diverifikasi={action}#{anchor}", status_code=303)


# ---- DKIS's downloads -----------------------------------------------------------------------------------
@admin_route()
async def evidence_download(request: Request, portal: Portal) -> Response:
    item = await run_in_threadpool(portal.evidence.item, request.path_params["evidence_id"])
    if item is None or item.opd != request.path_params["code"]:
        return error_page(request, 404, "portal.err.not_found")
    await run_in_threadpool(portal.store.log, "admin", "download-evidence", f"#{item.id} {item.opd} aksi "
                            f"{item.action}", item.sha256)
    return evidence_file(portal, item)


def pack_inputs(portal: Portal, rnd: Round) -> list[PackedFile]:
    """Every current evidence file of the store as the pack holds it, each with the verification that holds on
    its claim in ``rnd`` (none when the claim is unverified, or not a claim of ``rnd``)."""
    _, figures = portal.intake.figures(rnd)
    holds = {(c.action, c.opd): c.verification for c in figures.claims if c.verification is not None}
    master = portal.intake.master
    out = []
    for item in portal.evidence.current():
        ind = master.by_action.get(item.action)
        v = holds.get((item.action, item.opd))
        out.append(PackedFile(
            no=ind.no if ind else 0, indicator=ind.indicator if ind else "", action=item.action, opd=item.opd,
            number=item.number, title=item.title, file_name=item.file_name, sha256=item.sha256, size=item.size,
            source=str(portal.intake.blobs.path(item.sha256)), added=item.added_at,
            verdict=str(v.verdict) if v is not None and v.verdict else "", verified_by=v.by if v else "",
            kind=item.kind))
    return out


def write_pack(portal: Portal, rnd: Round, output: Path, lang: str) -> pipeline.PackWritten:
    """The evidence pack of the store, as of ``rnd``'s verifications, to ``output``."""
    master = portal.intake.master
    title = t("evidence.pack.title", lang, institution=master.institution or "-", period=rnd.period)
    return pipeline.write_evidence_pack(pack_inputs(portal, rnd), [(i.no, i.indicator) for i in master.indicators],
                                        output, lang=lang, zone=tz(portal.zone), title=title)


@admin_route()
async def pack_download(request: Request, portal: Portal) -> Response:
    lang = lang_of(request)
    rnd = await run_in_threadpool(round_asked, portal, request)
    folder = portal.intake.folder / "cache" / "pack"
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix="bukti-", suffix=".zip")
    os.close(fd)
    path = Path(name)
    try:
        written = await run_in_threadpool(write_pack, portal, rnd, path, lang)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    await run_in_threadpool(portal.store.log, "admin", "download-evidence-pack",
                            f"{rnd.period}: {len(written.names)}", "")
    stem = "bukti-dukung" if lang == "id" else "evidence"
    return FileResponse(path, media_type=ZIP, filename=f"{stem}-{_slug(rnd.period)}.zip",
                        background=BackgroundTask(_remove, path))


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _slug(text: str) -> str:
    return "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in text).strip("-").lower() or "periode"
