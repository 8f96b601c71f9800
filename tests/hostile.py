"""Hostile and broken submissions, made by code.  Each function writes one
file named after its case and returns its path."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from pathlib import Path

import xlsxwriter

SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def _rezip(src: Path, out: Path, replace: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> Path:
    """Copy the xlsx ``src`` to ``out`` with some members replaced."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", compress) as zout:
        for info in zin.infolist():
            data = replace.get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data, compress_type=compress)
    return out


def small_xlsx(out: Path) -> Path:
    """A minimal workbook with one sheet, as the base of crafted files."""
    wb = xlsxwriter.Workbook(str(out))
    ws = wb.add_worksheet("Monev")
    ws.write_row(0, 0, ["No", "Indikator", "Status Tindak Lanjut", "Progres (%)"])
    ws.write_row(1, 0, [4, "x", "Dalam Proses", 50])
    wb.close()
    return out


def zip_bomb_declared(folder: Path) -> Path:
    """A 2 KB zip whose central directory declares a 400 MB sheet."""
    path = small_xlsx(folder / "bom_ukuran.xlsx")
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        name = bytes(data[pos + 46:pos + 46 + name_len])
        if name == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, pos + 24, 400 * 1024 * 1024)  # uncompressed size
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    return path


def zip_bomb_ratio(folder: Path) -> Path:
    """A sheet of 64 MB that compresses to some 60 KB (ratio about 1000)."""
    base = small_xlsx(folder / "_base_ratio.xlsx")
    bomb = SHEET_HEAD + b" " * (64 * 1024 * 1024) + SHEET_TAIL
    out = _rezip(base, folder / "bom_rasio.xlsx", {"xl/worksheets/sheet1.xml": bomb})
    base.unlink()
    return out


FAR_REFS = {  # file name -> the far cell, written as a hostile tool might
    "sel_jauh.xlsx": b"XFD1048576",
    "sel_jauh_nol.xlsx": b"XFD0000000001048576",  # zero-padded row number
    "sel_jauh_huruf.xlsx": b"ZZZZZ7",  # five letters: beyond any real column
    "sel_jauh_kecil.xlsx": b"xfd1048576",  # lower case
}


def far_cell(folder: Path, name: str = "sel_jauh.xlsx") -> Path:
    """Cells at A1 and a far corner (XFD1048576): a grid of 17 billion cells for a 5 KB file."""
    ref = FAR_REFS[name]
    base = small_xlsx(folder / f"_base_{name}")
    sheet = (SHEET_HEAD + b'<row r="1"><c r="A1"><v>1</v></c></row>'
             b'<row><c r="' + ref + b'"><v>1</v></c></row>' + SHEET_TAIL)
    out = _rezip(base, folder / name, {"xl/worksheets/sheet1.xml": sheet})
    base.unlink()
    return out


def million_rows(folder: Path) -> Path:
    """A sheet of 1,000,000 rows."""
    base = small_xlsx(folder / "_base_rows.xlsx")
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i) for i in range(1, 1_000_001))
    out = _rezip(base, folder / "sejuta_baris.xlsx", {"xl/worksheets/sheet1.xml": SHEET_HEAD + rows + SHEET_TAIL})
    base.unlink()
    return out


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b"]>")


def billion_laughs_workbook(folder: Path) -> Path:
    base = small_xlsx(folder / "_base_bl.xlsx")
    with zipfile.ZipFile(base) as z:
        wb_xml = z.read("xl/workbook.xml")
    body = wb_xml.split(b"?>", 1)[1]
    out = _rezip(base, folder / "tawa_workbook.xlsx", {"xl/workbook.xml": LAUGHS + body.replace(
        b"<sheets>", b"<sheets>&lol9;", 1)})
    base.unlink()
    return out


def billion_laughs_sheet(folder: Path) -> Path:
    base = small_xlsx(folder / "_base_bls.xlsx")
    sheet = LAUGHS + SHEET_HEAD.split(b"?>", 1)[1] + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>' \
        b"</row>" + SHEET_TAIL
    out = _rezip(base, folder / "tawa_sheet.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    base.unlink()
    return out


def external_entity(folder: Path, secret: Path) -> Path:
    """Shared strings that try to pull in a local file."""
    base = small_xlsx(folder / "_base_xxe.xlsx")
    with zipfile.ZipFile(base) as z:
        sst = z.read("xl/sharedStrings.xml")
    doctype = b'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file://' + str(secret).encode() + b'">]>'
    head, body = sst.split(b"?>", 1)
    body = body.replace(b"<t>x</t>", b"<t>&xxe;</t>", 1)
    out = _rezip(base, folder / "entitas_luar.xlsx", {"xl/sharedStrings.xml": head + b"?>" + doctype + body})
    base.unlink()
    return out


def encrypted(folder: Path, good: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    buf = io.BytesIO()
    with open(good, "rb") as fh:
        OOXMLFile(fh).encrypt("rahasia", buf)
    out = folder / "terkunci.xlsx"
    out.write_bytes(buf.getvalue())
    return out


def renamed(folder: Path, xls: Path | None) -> list[Path]:
    out = []
    html = folder / "ekspor_html.xlsx"
    html.write_text("<html><body><table><tr><td>No</td><td>Status</td></tr></table></body></html>")
    out.append(html)
    csv = folder / "ekspor_csv.xlsx"
    csv.write_text("No;Indikator;Status Tindak Lanjut;Progres (%)\n4;x;Selesai;100\n")
    out.append(csv)
    if xls is not None:
        target = folder / "xls_berganti_nama.xlsx"
        shutil.copy(xls, target)
        out.append(target)
    return out


def empty_and_truncated(folder: Path, good: Path) -> list[Path]:
    empty = folder / "kosong.xlsx"
    empty.write_bytes(b"")
    cut = folder / "terpotong.xlsx"
    cut.write_bytes(good.read_bytes()[:3000])
    return [empty, cut]


def lock_file(folder: Path) -> Path:
    path = folder / "~$BAPPEDA.xlsx"
    path.write_bytes(b"\x08Pengguna".ljust(165, b" "))
    return path


def counted_cells(folder: Path) -> Path:
    """Rows and cells without cell references, which a parser places by counting: 1,000 rows under a
    first row of 16,384 cells make a grid of 16 million cells from a file of some 60 KB."""
    base = small_xlsx(folder / "_base_counted.xlsx")
    sheet = (SHEET_HEAD + b"<row>" + b"<c><v>1</v></c>" * 16384 + b"</row>" + b"<row><c><v>1</v></c></row>" * 1000
             + SHEET_TAIL)
    out = _rezip(base, folder / "sel_tanpa_alamat.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    base.unlink()
    return out
