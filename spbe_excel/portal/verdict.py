"""What an upload's verdict says beyond its state, worded for the OPD's result page and DKIS's pages alike.

A rejected upload is explained by the first finding that rejects it: a file that is not a workbook says what
it holds (a PDF, a Word document, a note...) and that the template filled in is what to send instead; a
workbook without the monitoring sheet, likewise; another OPD's report names both OPDs; any other refusal
names its reason.  The feedback workbook marks the cells of a file that was read, so it is offered only for an
accepted upload with errors or warnings: a rejected file has no cell to mark (the template is offered
instead), a clean one nothing to correct."""

from __future__ import annotations

from dataclasses import dataclass

from spbe_excel.model.findings import REJECTING
from spbe_excel.portal.store import Upload
from spbe_excel.text import TEXTS, t
from spbe_excel.text.findings import title


@dataclass(frozen=True)
class Verdict:
    state: str  # accepted | accepted-with-errors | rejected
    tone: str  # good | warn | bad: the colour of its notice
    notice: str  # what it means and what to do, one or two sentences
    why: str  # for a rejected upload, its reason in a few words (DKIS's board); "" otherwise
    feedback: bool  # a feedback workbook is worth offering
    template: bool  # the template is what to send instead


def state_of(up: Upload) -> str:
    if up.state == "rejected":
        return "rejected"
    return "accepted-with-errors" if up.errors else "accepted"


def _what(finding: dict, lang: str) -> str | None:
    """What a file that is not a workbook holds ("dokumen PDF"), from its ``file-unreadable`` finding."""
    content = (finding.get("params") or {}).get("content")
    if finding.get("code") == "file-unreadable" and isinstance(content, str) and content.startswith("what.") \
            and content in TEXTS:
        return t(content, lang)
    return None


def _rejected(up: Upload, findings: list[dict], lang: str) -> Verdict:
    first = next((f for f in findings if f.get("code") in REJECTING), None)
    if first is None:  # recorded rejected without a rejecting finding: only the state is known
        return Verdict("rejected", "bad", t("portal.result.rejected", lang), t("portal.verdict.rejected", lang),
                       False, True)
    what = _what(first, lang)
    code = first["code"]
    if what is not None:
        return Verdict("rejected", "bad", t("portal.result.not_workbook", lang, what=what),
                       t("portal.why.not_workbook", lang, what=what), False, True)
    found = (first.get("params") or {}).get("found") or up.opd_found
    if code == "opd-mismatch" and isinstance(found, str) and found != up.opd:
        return Verdict("rejected", "bad", t("portal.result.other_opd", lang, found=found, opd=up.opd),
                       t("portal.why.other_opd", lang, found=found), False, True)
    if code == "sheet-not-found":
        return Verdict("rejected", "bad", t("portal.result.no_sheet", lang), title(code, lang), False, True)
    return Verdict("rejected", "bad", t("portal.result.rejected_because", lang, why=title(code, lang)),
                   title(code, lang), False, True)


def verdict(up: Upload, findings: list[dict], lang: str) -> Verdict:
    """The verdict of ``up`` whose findings (as stored, in ``lang``) are ``findings``."""
    state = state_of(up)
    if state == "rejected":
        return _rejected(up, findings, lang)
    if state == "accepted-with-errors":
        return Verdict(state, "warn", t("portal.result.accepted_errors", lang, errors=up.errors), "", True, False)
    if up.warnings:
        return Verdict(state, "good", t("portal.result.accepted_warnings", lang, warnings=up.warnings), "", True,
                       False)
    return Verdict(state, "good", t("portal.result.accepted", lang), "", False, False)
