"""Each walkthrough's planted mistakes are in the shipped files.  The shipped folders, read with the library as
the walkthrough's commands read them (``validate_paths`` file by file, ``consolidate_folder`` for the quarter),
give exactly the findings the walkthrough describes, each on its file and cell: a table per walkthrough of
(file, or the OPD for a finding about no file; code; the cell, or for a finding about no cell its action).
Nothing more: an example that found more than its walkthrough says would not show what the walkthrough says."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import pytest
from conftest import ROOT

from spbe_excel.model.vocab import FileState, PairState
from spbe_excel.pipeline import consolidate_folder, load_plan, validate_paths

EXAMPLES = ROOT / "examples"

# examples/WALKTHROUGH.md: Triwulan III 2019 of Kota Denpasar, consolidated with --previous (its step 3)
DENPASAR = {
    # BPKAD marked an action Selesai at 90 % and left Bukti Dukung empty (its step 2 validates this file)
    ("BPKAD_Triwulan_III_2019.xlsx", "status-progress-mismatch", "Monev!J6"),
    ("BPKAD_Triwulan_III_2019.xlsx", "evidence-missing", "Monev!M6"),
    # HUKUM sent the file twice: the draft is set aside, the later date filled wins
    ("HUKUM_Triwulan_III_2019.xlsx", "duplicate-submission", ""),
    # PBJ spent more than its budget and began a note with =
    ("PBJ_Triwulan_III_2019.xlsx", "budget-overrun", "Monev!P7"),
    ("PBJ_Triwulan_III_2019.xlsx", "formula-in-text", "Monev!N7"),
    # DUKCAPIL sent nothing
    ("DUKCAPIL", "submission-missing", ""),
    # the folder also holds an Excel lock file and a text note
    ("~$BAPPEDA_Triwulan_III_2019.xlsx", "file-skipped", ""),
    ("catatan pengiriman.txt", "file-skipped", ""),
    # update-stale for three DKIS actions that have not moved since Triwulan II
    ("DKIS_Triwulan_III_2019.xlsx", "update-stale", "No 7"),
    ("DKIS_Triwulan_III_2019.xlsx", "update-stale", "No 16"),
    ("DKIS_Triwulan_III_2019.xlsx", "update-stale", "No 34"),
    # DKIS's verifications in the Triwulan II workbook: BAPPEDA's No 10 returned (the row unchanged: its note goes
    # back at the Bukti Dukung cell), DKIS's No 1 verified but now reported Selesai (unverified again)
    ("BAPPEDA_Triwulan_III_2019.xlsx", "verification-returned", "Monev!M7"),
    ("DKIS_Triwulan_III_2019.xlsx", "verification-dropped", "No 1"),
}

# examples/kabupaten-contoh/WALKTHROUGH.md: Triwulan I 2026 of Kabupaten Contoh (its step 4)
CONTOH = {
    # BPKAD marked an action Selesai at 90 % and without evidence, and claimed level 3 on that row
    ("BPKAD_Triwulan_I_2026.xlsx", "status-progress-mismatch", "Monev!J6"),
    ("BPKAD_Triwulan_I_2026.xlsx", "evidence-missing", "Monev!M6"),
    ("BPKAD_Triwulan_I_2026.xlsx", "level-not-counted", "Monev!K6"),
    # DISKOMINFO claimed level 4 on indicator 17 without evidence
    ("DISKOMINFO_Triwulan_I_2026.xlsx", "level-not-counted", "Monev!K19"),
    # DINKES typed its progress as plain numbers into the percentage cells (both its rows: J6 and J7)
    ("DINKES_Triwulan_I_2026.xlsx", "progress-points", "Monev!J6"),
    # PBJ spent more than its budget
    ("PBJ_Triwulan_I_2026.xlsx", "budget-overrun", "Monev!P6"),
    # HUKUM sent last quarter's file (Triwulan IV 2025)
    ("HUKUM_Triwulan_IV_2025.xlsx", "period-mismatch", "Monev!G2"),
    # ARSIP sent nothing
    ("ARSIP", "submission-missing", ""),
}

# What validate finds in a file but the quarter does not: BPKAD's level 2 on its row with errors does not count
# by the file alone, and counts in the quarter, Triwulan II (--previous) having counted it at 2
VALIDATED_ONLY = {"denpasar": {("BPKAD_Triwulan_III_2019.xlsx", "level-not-counted", "Monev!K6")}, "contoh": set()}

RUNS = {  # walkthrough -> (folder, period, --as-of, --previous, --master, its table)
    "denpasar": (EXAMPLES / "triwulan-iii", "Triwulan III 2019", dt.date(2019, 9, 30),
                 EXAMPLES / "rekap-triwulan-ii-2019.xlsx", None, DENPASAR),
    "contoh": (EXAMPLES / "kabupaten-contoh" / "triwulan-i-2026", "Triwulan I 2026", dt.date(2026, 4, 3), None,
               EXAMPLES / "kabupaten-contoh" / "rencana-2026-terisi.xlsx", CONTOH),
}
WALKTHROUGHS = {"denpasar": EXAMPLES / "WALKTHROUGH.md", "contoh": EXAMPLES / "kabupaten-contoh" / "WALKTHROUGH.md"}


def where(f) -> tuple[str, str, str]:
    """A finding as a row of the tables."""
    cell = f"{f.sheet}!{f.cell}" if f.cell else f"No {f.action}" if f.action else ""
    return Path(f.file).name or f.opd, f.code, cell


@functools.cache
def quarter(name: str):
    """The walkthrough's quarter consolidated, and its files validated one by one."""
    folder, period, as_of, previous, plan, _table = RUNS[name]
    master = load_plan(plan)
    done = consolidate_folder(folder, master, period=period, as_of=as_of, previous=previous)
    return done.consolidation, validate_paths([folder], master, period=period, as_of=as_of)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_the_quarter_gives_exactly_the_walkthrough_s_findings(name):
    cons, _files = quarter(name)
    assert sorted(where(f) for f in cons.findings) == sorted(RUNS[name][-1])


@pytest.mark.parametrize("name", sorted(RUNS))
def test_each_file_validated_gives_its_rows_of_the_table(name):
    """``validate`` on the folder: each file's own findings (all of the table but the findings about the files
    together: the duplicate, the OPD that sent nothing, the comparison with the previous quarter), and what
    only the previous quarter settles."""
    _cons, files = quarter(name)
    together = {"duplicate-submission", "submission-missing", "update-stale", "verification-returned",
                "verification-dropped"}
    assert sorted(where(f) for s in files for f in s.findings) == sorted(
        {r for r in RUNS[name][-1] if r[1] not in together} | VALIDATED_ONLY[name])


@pytest.mark.parametrize("name", sorted(RUNS))
def test_every_opd_the_walkthrough_names_is_checked(name):
    """The OPDs the walkthrough's list of planted mistakes names in bold are those of its table (update-stale and
    DKIS's verifications aside: no OPD planted them, the quarter before shows them), and those whose files are
    read all the same, checked below: ORGANISASI's typing, DISNAKER's .xls, DPMPTSP's .ods."""
    text = WALKTHROUGHS[name].read_text(encoding="utf-8")
    named = set(re.findall(r"^- \*\*(\w+)\*\*", text, re.M)) | set(re.findall(r" and \*\*(\w+)\*\*", text))
    read_anyway = {"denpasar": {"ORGANISASI", "DISNAKER", "DPMPTSP"}, "contoh": set()}[name]
    in_table = {who.split("_")[0] for who, code, _ in RUNS[name][-1]  # what the quarter before shows is no OPD's
                if code not in ("update-stale", "file-skipped", "verification-returned", "verification-dropped")}
    assert named == in_table | read_anyway


def test_the_denpasar_files_are_read_as_the_walkthrough_says():
    cons, _files = quarter("denpasar")
    uses = {Path(s.submission.path).name: s.use for s in cons.sources}
    assert uses.pop("HUKUM_draft.xlsx") == FileState.DUPLICATE
    assert {uses.pop(n) for n in ("~$BAPPEDA_Triwulan_III_2019.xlsx", "catatan pengiriman.txt")} == {
        FileState.SKIPPED}
    assert set(uses.values()) == {FileState.ACCEPTED} and len(uses) == 9
    assert {"DISNAKER_Triwulan_III_2019.xls", "DPMPTSP_Triwulan_III_2019.ods",
            "Monev SPBE Bag Organisasi TW3.xlsx"} <= set(uses)
    # ORGANISASI's renamed sheet and inserted row were found, and every value it typed was read
    org = {r.no: r.values for r in cons.rows if r.opd == "ORGANISASI"}
    assert (org[2]["progress"], org[2]["current_level"], org[2]["budget"], org[2]["spent"], org[2]["updated_on"]) \
        == (75, 3, 40_000_000, 22_500_000, dt.date(2019, 8, 12))
    assert org[8]["status"] == "done" and org[8]["updated_on"] == dt.date(2019, 8, 28)
    assert (org[25]["progress"], org[25]["current_level"]) == (60, 3)
    assert {r.state for r in cons.rows if r.opd in ("DISNAKER", "DPMPTSP")} == {PairState.REPORTED}


def test_every_contoh_action_row_is_reported():
    """Every action of every OPD is reported, each of an indicator's several actions ("11.2") too, but ARSIP's
    (sent nothing) and HUKUM's (last quarter's file); DINKES's progress typed as 35 and 100 is read as percent."""
    cons, _files = quarter("contoh")
    assert cons.master.numbered and len(cons.master.actions) == 54
    states = {(r.opd, r.state) for r in cons.rows if r.state != PairState.REPORTED}
    assert states == {("ARSIP", PairState.MISSING), ("HUKUM", PairState.REJECTED)}
    several = [r for r in cons.rows if "." in r.action]  # 1.x, 11.x, 22.x, 36.x, 45.x, 47.x with their OPDs
    assert len(several) == 15 and all(r.state == PairState.REPORTED for r in several)
    assert {r.action: r.values["progress"] for r in cons.rows if r.opd == "DINKES"} == {"47.1": 35, "47.2": 100}
