"""The contacts of the plan's OPD sheet (E-mail, WhatsApp, Narahubung): optional columns, read as people write
them, refused with the cell and what to write when they are not an address or a number, written back by
``master export`` and ``master new``; a plan without them works as before."""

from __future__ import annotations

import json

import openpyxl
import pytest

from spbe_excel.errors import MasterListError
from spbe_excel.master import embedded_master, load_master
from spbe_excel.model.contacts import Contact, split_emails, whatsapp_number
from spbe_excel.pipeline import opd_contacts
from spbe_excel.text.errors import master_error_text
from spbe_excel.write.master_export import export_master, master_json


@pytest.mark.parametrize(("written", "number"), [
    ("0812-3456-7890", "6281234567890"),
    ("0812 3456 7890", "6281234567890"),
    ("+62 812 3456 7890", "6281234567890"),
    ("62 812-3456-7890", "6281234567890"),
    ("(0361) 222-333", "62361222333"),
    ("81234567890", "6281234567890"),  # a number cell: Excel dropped the leading 0
    ("0062 812 3456 7890", "6281234567890"),
    ("+65 9123 4567", "6591234567"),  # written with its country code: kept
    ("12345", None), ("0812", None), ("bukan nomor", None), ("0812-3456-7890 / 0813-1111-2222", None),
    ("+62 812 3456 7890 123456", None), ("1234567890", None), ("", None),
])
def test_whatsapp_numbers_as_people_write_them(written, number):
    assert whatsapp_number(written) == number


def test_email_cells_hold_one_or_more_addresses():
    assert split_emails("bappeda@denpasarkota.go.id") == (["bappeda@denpasarkota.go.id"], [])
    assert split_emails(" a@x.go.id; b@y.go.id,\nA@X.go.id ") == (["a@x.go.id", "b@y.go.id"], [])
    assert split_emails("<a@x.go.id>; bappeda; c@@x; d@x") == (["a@x.go.id"], ["bappeda", "c@@x", "d@x"])


def _plan_with(tmp_path, cells: dict[str, object], name: str = "rencana.xlsx"):
    """The embedded plan exported, with ``cells`` of its OPD sheet set (A1 addresses)."""
    path = export_master(embedded_master(), tmp_path / "export.xlsx")
    wb = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        wb["OPD"][ref] = value
    wb.save(tmp_path / name)
    return tmp_path / name


def test_contacts_load_from_the_opd_sheet_and_survive_an_export(tmp_path):
    path = _plan_with(tmp_path, {"D2": "dkis@denpasarkota.go.id; kominfo@denpasarkota.go.id", "E2": 81234567890,
                                 "F2": "I Made Wirawan", "E3": "+62 361 222 333"})
    plan = load_master(path)
    contacts = opd_contacts(plan)
    assert contacts["DKIS"] == Contact(("dkis@denpasarkota.go.id", "kominfo@denpasarkota.go.id"), "6281234567890",
                                       "I Made Wirawan")
    assert contacts["ORGANISASI"] == Contact((), "62361222333", "")
    assert contacts["BPKAD"] == Contact() and not contacts["BPKAD"]
    assert plan.fingerprint == embedded_master().fingerprint  # contacts are not what OPDs report on

    again = load_master(export_master(plan, tmp_path / "again.xlsx"))
    assert opd_contacts(again) == contacts
    ws = openpyxl.load_workbook(tmp_path / "again.xlsx")["OPD"]
    assert [c.value for c in ws[1]] == ["Kode", "Nama Resmi", "Alias", "E-mail", "WhatsApp", "Narahubung"]
    assert [c.value for c in ws[2]][3:] == ["dkis@denpasarkota.go.id; kominfo@denpasarkota.go.id", "+6281234567890",
                                            "I Made Wirawan"]
    english = openpyxl.load_workbook(export_master(plan, tmp_path / "en.xlsx", lang="en"))["OPD"]
    assert [c.value for c in english[1]][3:] == ["E-mail", "WhatsApp", "Contact Person"]
    assert opd_contacts(load_master(tmp_path / "en.xlsx")) == contacts
    opd = json.loads(master_json(plan))["opds"][0]
    assert opd["emails"] == ["dkis@denpasarkota.go.id", "kominfo@denpasarkota.go.id"]
    assert (opd["whatsapp"], opd["contact_person"]) == ("6281234567890", "I Made Wirawan")


def test_a_plan_without_the_contact_columns_works_as_before(tmp_path):
    path = export_master(embedded_master(), tmp_path / "export.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["OPD"].delete_cols(4, 3)  # the OPD sheet of a plan written before the contacts: Kode, Nama Resmi, Alias
    wb.save(tmp_path / "lama.xlsx")
    plan = load_master(tmp_path / "lama.xlsx")
    assert plan.fingerprint == embedded_master().fingerprint
    assert [o.code for o in plan.registry] == [o.code for o in embedded_master().registry]
    assert all(c == Contact() for c in opd_contacts(plan).values())
    assert all(c == Contact() for c in opd_contacts(embedded_master()).values())


def test_contact_columns_found_by_the_words_people_use(tmp_path):
    path = _plan_with(tmp_path, {"D1": "Surel", "E1": "No. WA", "F1": "PIC", "D2": "dkis@denpasarkota.go.id",
                                 "E2": "0812-3456-7890", "F2": "Ayu"})
    assert opd_contacts(load_master(path))["DKIS"] == Contact(("dkis@denpasarkota.go.id",), "6281234567890", "Ayu")


def test_contacts_that_are_not_addresses_or_numbers_are_refused_with_their_cell(tmp_path):
    path = _plan_with(tmp_path, {"D2": "dkis@denpasarkota.go.id; dkis di denpasarkota", "E3": "12345",
                                 "D4": "bappeda(at)denpasarkota.go.id", "E5": "0812-3456-7890"})
    with pytest.raises(MasterListError) as broken:
        load_master(path)
    assert master_error_text(broken.value, "id").splitlines()[1:4] == [
        '  - OPD!D2: "dkis di denpasarkota" bukan alamat e-mail; tulis seperti bappeda@denpasarkota.go.id, '
        "beberapa alamat dipisah ;",
        '  - OPD!E3: "12345" bukan nomor WhatsApp; tulis satu nomor HP seperti 0812-3456-7890 atau '
        "+62 812 3456 7890",
        '  - OPD!D4: "bappeda(at)denpasarkota.go.id" bukan alamat e-mail; tulis seperti bappeda@denpasarkota.go.id, '
        "beberapa alamat dipisah ;"]
    english = master_error_text(broken.value, "en")
    assert '  - OPD!E3: "12345" is not a WhatsApp number; write one mobile number such as 0812-3456-7890' in english
    assert "(3 problems)" in english
