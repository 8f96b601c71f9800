"""The Bukti Dukung cell's reference, checked for form (issue 19, point 1, on the command line).

Where OPDs still send sheets by mail, the reference in the Bukti Dukung cell is all the evidence there is: a link
or a document's number or title.  Words that only say there is something ("ada", "lihat lampiran") name no
document: ``evidence-unclear`` says what a usable reference looks like, and such a row does not name its evidence
in the sense of issue 17 (a level above the baseline on it does not count, a Selesai on it is not supported)."""

from __future__ import annotations

import json

import pytest
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel.merge import consolidate
from spbe_excel.model.evidence import evidence_vague, names_evidence
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.text.findings import message
from spbe_excel.write.report import consolidation_json


@pytest.mark.parametrize("text", [
    "https://jdih.denpasarkota.go.id/perwali-21-2019", "www.denpasarkota.go.id/spbe", "bit.ly/perwali-spbe",
    "Perwali Denpasar No. 21 Tahun 2019", "Perwali 12/2019", "Undangan rapat No. 005/12/2019",
    "Keputusan Wali Kota No. 188.45/512/HK/2019", "Notulen rapat koordinasi SPBE", "Laporan uji coba SIMPEG",
    "Draf Perwali e-Planning", "SK Tim Koordinasi", "SK_Tim_SPBE.pdf",
])
def test_a_link_a_number_or_a_title_names_its_evidence(text):
    assert names_evidence(text) and not evidence_vague(text)


@pytest.mark.parametrize("text", [
    "ada", "Ada", "sudah ada", "lihat lampiran", "Lampiran 1", "terlampir", "Dokumen terlampir",
    "Terlampir dalam email", "Ada (dikirim via WA)", "foto.jpg", "SK", "Perwali", "dokumen ada di drive", "ok", "12",
    "https://", "v",
])
def test_words_that_only_say_there_is_something_name_no_document(text):
    assert evidence_vague(text) and not names_evidence(text)


@pytest.mark.parametrize("text", [None, "", "-", "tidak ada", "Nihil", "0"])
def test_an_empty_cell_or_a_placeholder_is_no_reference_and_not_vague(text):
    """Nothing written: evidence-missing's case (a Selesai without evidence), not evidence-unclear's."""
    assert not names_evidence(text) and not evidence_vague(text)


@pytest.fixture(scope="module")
def bappeda(tmp_path_factory, master):
    return template(tmp_path_factory.mktemp("tpl"), master, "BAPPEDA")


def run(tmp_path, master, bappeda, rows):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    fill(bappeda, folder / "BAPPEDA.xlsx", rows)
    subs = read_many(collect_files([folder]), master, period=PERIOD, today=TODAY, workers=0)
    return consolidate(subs, master, period=PERIOD, as_of=TODAY)


def pair(cons, no):
    return next(r for r in cons.rows if r.no == no and r.opd == "BAPPEDA")


def test_a_vague_reference_is_a_finding_that_says_what_a_usable_one_looks_like(tmp_path, master, bappeda):
    """No 10 claims level 2 (baseline 1) with "ada"; No 4 is Selesai with "lihat lampiran"; No 27 is in progress
    with "Lampiran 1".  Each is ``evidence-unclear``, in both languages saying to write a link or the document's
    number and title; No 10's level is not counted (the baseline), No 4's Selesai is not supported."""
    cons = run(tmp_path, master, bappeda, {
        10: {**good_row(10), "current_level": 2, "evidence": "ada"},
        4: {**good_row(4), "status": "Selesai", "progress": 1, "evidence": "lihat lampiran"},
        27: {**good_row(27), "evidence": "Lampiran 1"}})
    unclear = {f.indicator: f for f in cons.findings if f.code == "evidence-unclear"}
    assert sorted(unclear) == [4, 10, 27]
    f = unclear[10]
    assert (f.severity.value, f.sheet, f.cell, f.column, f.value) == ("warning", "Monev", "M7", "evidence", "ada")
    assert message(f, "id") == (
        "Bukti Dukung \"ada\" tidak menyebut dokumen yang dapat diperiksa. Tulis tautannya (https://...) atau nomor "
        "dan judul dokumennya, misalnya \"Perwali No. 12 Tahun 2019 tentang Tim Koordinasi SPBE\". Sampai itu, status "
        "Selesai dan tingkat di atas nilai awal pada baris ini tidak dihitung.")
    assert "names no document that can be checked. Write its link (https://...) or the document's number and " \
        "title" in message(f, "en")
    assert not [x for x in cons.findings if x.code == "evidence-missing"]  # something is written: not missing
    row10, row4 = pair(cons, 10), pair(cons, 4)
    assert (row10.level_used, str(row10.level_note)) == (1, "why.level_evidence_vague")
    [counted] = [x for x in cons.findings if x.code == "level-not-counted"]
    assert "Bukti Dukung tidak menyebut dokumennya" in message(counted, "id")
    assert "the evidence names no document" in message(counted, "en")
    assert cons.index.levels[10] == 1 == master.indicator(10).baseline_level
    assert (row4.latest.done, str(row4.latest.note)) == (False, "why.done_evidence_vague")
    report = json.loads(consolidation_json(cons))
    [latest] = [r["latest"] for r in report["rows"] if r["no"] == 4]
    assert latest["note_message"] == "Bukti Dukung tidak menyebut dokumennya"


def test_a_named_document_counts_as_before(tmp_path, master, bappeda):
    cons = run(tmp_path, master, bappeda, {10: {**good_row(10), "current_level": 2,
                                                "evidence": "https://jdih.denpasarkota.go.id/perwali-21-2019"}})
    assert not [f for f in cons.findings if f.code in ("evidence-unclear", "level-not-counted")]
    assert pair(cons, 10).level_used == 2 and cons.index.levels[10] == 2
