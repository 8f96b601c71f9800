"""Real files that were refused although LibreOffice opens them (issue 17, point 7): a merge of whole columns or
rows, an .ods without its ``mimetype``, Excel 2.x-5.0/95 files, Excel 5.0/95 encrypted with Excel's default
password.  Each is built by code and read with the values of the same content as a plain workbook; the
protections that hold for any file hold for these.  LibreOffice, where marked, judges that the files built
here are what it reads."""

from __future__ import annotations

import shutil
import struct
import zipfile
from pathlib import Path

import hostile
import pytest
import python_calamine
import unusual
from factory import PERIOD, TODAY

from spbe_excel.read.batch import read_many
from spbe_excel.read.safety import biff
from spbe_excel.read.safety.extent import scan_sheet_xml, xml_damage
from spbe_excel.read.safety.repair import bounded_ranges
from spbe_excel.read.submission import read_submission
from spbe_excel.text.findings import message as finding_message

EXAMPLES = Path("examples/triwulan-iii")
BAPPEDA, DPMPTSP, DISNAKER = (EXAMPLES / "BAPPEDA_Triwulan_III_2019.xlsx", EXAMPLES / "DPMPTSP_Triwulan_III_2019.ods",
                              EXAMPLES / "DISNAKER_Triwulan_III_2019.xls")
MONEV = "xl/worksheets/sheet2.xml"  # the monitoring sheet of the template
HOW_READ = {"file-second-reader", "file-decrypted", "file-misnamed"}  # findings on how a file was read


def read(path, master):
    return read_submission(path, master, period=PERIOD, today=TODAY)


def values(sub) -> dict:
    return {(r.no, r.row, k): v for r in sub.rows for k, v in r.values.items()}


def reasons(sub) -> list[tuple[str, str | None]]:
    return [(f.code, f.param("reason")) for f in sub.findings if f.severity.value == "error"]


def same_reading(sub, expected) -> None:
    """Read alike: accepted, the same OPD, period, sheet, metadata and header block, every row's values, every
    finding but those on how the file was read."""
    assert sub.status == expected.status == "accepted"
    assert (sub.opd, sub.period, sub.sheet, sub.meta, sub.contact, sub.filled_on) == \
           (expected.opd, expected.period, expected.sheet, expected.meta, expected.contact, expected.filled_on)
    assert values(sub) == values(expected) and values(sub)
    assert sorted((f.code, f.cell, f.value, f.params) for f in sub.findings if f.code not in HOW_READ) == \
           sorted((f.code, f.cell, f.value, f.params) for f in expected.findings if f.code not in HOW_READ)


def calamine_fails(path, sheet: str) -> bool:
    try:
        python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    except Exception:  # CalamineError, or OSError for a mimetype member of the wrong size
        return True
    return False


# ---- a merge of whole columns or rows --------------------------------------------------------------------

def with_merges(src: Path, out: Path, refs: list[str], part: str = MONEV) -> Path:
    """``src`` with the merges ``refs`` added to the sheet ``part`` (to its mergeCells, or as new ones)."""
    with zipfile.ZipFile(src) as z:
        xml = z.read(part)
    added = b"".join(b'<mergeCell ref="%s"/>' % ref.encode() for ref in refs)
    if b"</mergeCells>" in xml:
        xml = xml.replace(b"</mergeCells>", added + b"</mergeCells>")
    else:
        xml = xml.replace(b"</sheetData>", b"</sheetData><mergeCells>" + added + b"</mergeCells>")
    return hostile._rezip(src, out, {part: xml})


@pytest.fixture(scope="module")
def bappeda(master):
    return read(BAPPEDA, master)


@pytest.mark.parametrize("refs", [["T:T"], ["20:20"], ["T:V", "30:31"], ["$T:$T", "$40:$40"], ["t:t"]],
                         ids=["column", "row", "several", "absolute", "lower_case"])
def test_a_merge_of_whole_columns_or_rows_is_read(tmp_path, master, bappeda, refs):
    path = with_merges(BAPPEDA, tmp_path / "BAPPEDA_kolom_digabung.xlsx", refs)
    assert calamine_fails(path, "Monev")  # "Range is missing the expected row component"
    sub = read(path, master)
    same_reading(sub, bappeda)
    assert not [f for f in sub.findings if f.code.startswith("file-")]  # python-calamine read it, as written


def test_a_sheet_dimension_of_whole_columns_is_read(tmp_path, master, bappeda):
    with zipfile.ZipFile(BAPPEDA) as z:
        xml = z.read(MONEV)
    path = hostile._rezip(BAPPEDA, tmp_path / "BAPPEDA_dimensi.xlsx", {MONEV: xml.replace(
        b'<dimension ref="A1:R10" />', b'<dimension ref="A:R"/>')})
    assert calamine_fails(path, "Monev")
    sub = read(path, master)  # (openpyxl read it before; python-calamine reads it now)
    same_reading(sub, bappeda)
    assert not [f for f in sub.findings if f.code.startswith("file-")]


def test_a_merge_of_whole_columns_reaches_no_far_row_and_far_cells_are_still_refused(tmp_path, master):
    """The extent counts cells, not merges: a whole-column merge is no sheet that reaches row 1,048,576 (nor does
    python-calamine allocate for it), and a far cell beside one is refused before parsing, as any."""
    merged = with_merges(BAPPEDA, tmp_path / "digabung.xlsx", ["T:T", "20:20", "A1:XFD1048576"])
    with zipfile.ZipFile(merged) as z:
        scan = scan_sheet_xml(z.read(MONEV))
    assert scan.max_row < 1000 and scan.max_col < 1000
    far = with_merges(hostile.far_cell(tmp_path), tmp_path / "jauh_digabung.xlsx", ["T:T", "20:20"],
                      "xl/worksheets/sheet1.xml")
    assert reasons(read(far, master)) == [("file-unreadable", "reason.file.sheet_too_large")]


def test_only_merges_and_the_dimension_are_written_anew():
    """The cells are never touched, not even text in them that looks like a merge."""
    cells = (b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<mergeCell ref="T:T"/> '
             b'<dimension ref="A:B"/>]]></t></is></c></row></sheetData>')
    xml = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A:B"/>' + cells
           + b"<mergeCells count=\"4\"><mergeCell ref=\"T:T\"/><x:mergeCell ref='20:20'></x:mergeCell>"
             b'<mergeCell ref="B2:C3"/><mergeCell ref="nonsense"/></mergeCells></worksheet>')
    out = bounded_ranges(xml)
    assert out is not None and xml_damage(out) is None and cells in out
    assert b'<dimension ref="A1:B1048576"/>' in out and b'<mergeCell ref="T1:T1048576"/>' in out
    assert b'<x:mergeCell ref="A20:XFD20"></x:mergeCell>' in out and b'<mergeCell ref="B2:C3"/>' in out
    assert b"<mergeCell/>" in out  # a reference that names no range is left out
    with zipfile.ZipFile(BAPPEDA) as z:
        assert bounded_ranges(z.read(MONEV)) is None  # the usual sheet is left as it is


# ---- an .ods without its mimetype --------------------------------------------------------------------------

def ods_changed(out: Path, mimetype: bytes | None = None, change=lambda name, data: data) -> Path:
    """The example .ods with its ``mimetype`` member left out (``mimetype`` None) or holding ``mimetype``, and each
    other member passed through ``change(name, data)``."""
    with zipfile.ZipFile(DPMPTSP) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == "mimetype":
                if mimetype is not None:
                    zout.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
                continue
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return out


@pytest.mark.parametrize("mimetype", [None, b"application/zip", b""], ids=["missing", "wrong", "empty"])
def test_an_ods_without_its_mimetype_is_read(tmp_path, master, mimetype):
    path = ods_changed(tmp_path / "DPMPTSP_tanpa_mimetype.ods", mimetype)
    assert calamine_fails(path, "Monev")  # "'mimetype' file not found in archive"
    sub = read(path, master)
    same_reading(sub, read(DPMPTSP, master))
    assert not [f for f in sub.findings if f.code.startswith("file-")]


def test_an_ods_without_its_mimetype_gets_the_checks_of_any_ods(tmp_path, master):
    def far(name, data):
        row = (b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell office:value-type="float" '
               b'office:value="1"/></table:table-row>')
        return data.replace(b"</table:table>", row + b"</table:table>") if name == "content.xml" else data

    def laughs(name, data):
        return hostile.LAUGHS + data.split(b"?>", 1)[1] if name == "content.xml" else data

    def encrypted(name, data):
        return data.replace(b"</manifest:manifest>", b"<manifest:encryption-data/></manifest:manifest>") \
            if name == "META-INF/manifest.xml" else data

    def text_document(name, data):
        return data.replace(b"opendocument.spreadsheet", b"opendocument.text") \
            if name == "META-INF/manifest.xml" else data

    assert reasons(read(ods_changed(tmp_path / "jauh.ods", None, far), master)) == \
        [("file-unreadable", "reason.file.sheet_too_large")]
    assert reasons(read(ods_changed(tmp_path / "tawa.ods", None, laughs), master)) == \
        [("file-unreadable", "reason.file.xml_attack")]
    assert reasons(read(ods_changed(tmp_path / "terkunci.ods", None, encrypted), master)) == \
        [("file-encrypted", "reason.file.encrypted")]
    [f] = read(ods_changed(tmp_path / "surat.ods", None, text_document), master).findings
    assert (f.param("reason"), f.param("content")) == ("reason.file.not_workbook", "what.odf_document")


def test_an_ods_without_its_mimetype_and_extension_is_read_in_a_folder(tmp_path, master):
    """Met in a folder under a name that says nothing, it is read by its content, not skipped as a zip archive."""
    folder = tmp_path / "kiriman"
    folder.mkdir()
    ods_changed(folder / "DPMPTSP")
    [sub] = read_many([folder / "DPMPTSP"], master, period=PERIOD, today=TODAY, workers=0)
    assert sub.status == "accepted" and sub.opd == "DPMPTSP" and sub.source.format == "ods"
    assert [f.code for f in sub.findings if f.code.startswith("file-")] == ["file-misnamed"]


# ---- Excel 2.x to 5.0/95: xlrd ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sheets():
    """The cells of a filled-in submission, as python-calamine reads them from the example .xls."""
    book = python_calamine.CalamineWorkbook.from_path(str(DISNAKER))
    return {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}


@pytest.fixture(scope="module")
def as_xlsx(sheets, master, tmp_path_factory):
    """The same cells read from an .xlsx: what an Excel 5.0/95 file of them must read as."""
    path = unusual.content_xlsx(sheets, tmp_path_factory.mktemp("xlsx") / "DISNAKER.xlsx", hidden=("spbe_meta",))
    return read(path, master)


def cut(rows: list[list]) -> list[list]:
    """Text cut to Excel 2.x's 255 characters."""
    return [[v[:255] if isinstance(v, str) else v for v in row] for row in rows]


def excel95(tmp_path: Path, stream: bytes, name: str = "DISNAKER.xls") -> Path:
    container = tmp_path / "wadah.xls"
    shutil.copy(DISNAKER, container)
    return unusual.biff5_xls(container, tmp_path / name, stream)


@pytest.mark.parametrize("version", [2, 3, 4])
def test_excel_2_to_4_files_are_read_as_the_same_cells_in_xlsx(tmp_path, master, sheets, version):
    rows = cut(sheets["Monev"]) if version == 2 else sheets["Monev"]
    path = tmp_path / f"DISNAKER_excel{version}.xls"
    path.write_bytes(unusual.biff234_stream(rows, version))
    expected = read(unusual.content_xlsx({"Sheet 1": rows}, tmp_path / "DISNAKER.xlsx"), master)
    sub = read(path, master)
    same_reading(sub, expected)
    assert sub.filled_on is not None and sub.source.format == "xls"
    [f] = [f for f in sub.findings if f.code == "file-second-reader"]
    assert f.param("reader") == "xlrd" and f.severity.value == "info"


@pytest.mark.parametrize("codepage, second", [(1252, False), (0x8000, True)], ids=["windows", "macintosh"])
def test_excel_95_files_are_read_as_the_same_cells_in_xlsx(tmp_path, master, sheets, as_xlsx, codepage, second):
    sub = read(excel95(tmp_path, unusual.biff5_stream(sheets, codepage)), master)
    same_reading(sub, as_xlsx)
    # python-calamine reads Excel 5.0/95 in the Windows code page; xlrd the Macintosh one
    assert [f.param("reader") for f in sub.findings if f.code == "file-second-reader"] == (["xlrd"] if second else [])


def test_an_old_file_is_read_in_the_isolated_worker(tmp_path, master, sheets):
    path = tmp_path / "DISNAKER_excel4.xls"
    path.write_bytes(unusual.biff234_stream(sheets["Monev"], 4))
    [sub] = read_many([path], master, period=PERIOD, today=TODAY, workers=1)
    assert sub.status == "accepted" and sub.opd == "DISNAKER" and sub.rows


def test_xlrd_gets_no_file_whose_extent_is_not_checked(tmp_path, master, sheets, monkeypatch):
    """A far cell in an Excel 4.0 file, in records of any BIFF version in an .xls, or after an embedded chart is
    refused before any reader sees it (xlrd sizes a grid from A1 to the farthest cell)."""
    import xlrd

    def no_xlrd(*args, **kwargs):
        raise AssertionError("xlrd was given a file whose extent is over the limits")

    monkeypatch.setattr(xlrd, "open_workbook", no_xlrd)
    far = [*sheets["Monev"], *[[] for _ in range(16000)], ["x"] + [""] * 254 + [1.0]]  # row 16,007, column IV
    path = tmp_path / "jauh.xls"
    path.write_bytes(unusual.biff234_stream(far, 4))
    assert reasons(read(path, master)) == [("file-unreadable", "reason.file.sheet_too_large")]
    bof, eof = struct.pack("<HHHH", 0x0809, 4, 0x0600, 0x0010), struct.pack("<HH", 0x000A, 0)
    number2 = struct.pack("<HHHH3sd", 0x0003, 15, 60000, 250, b"\x00" * 3, 1.0)  # BIFF2's NUMBER
    assert biff.extent(bof + number2 + eof, 0) == (60001, 251)
    chart = struct.pack("<HHHH", 0x0809, 4, 0x0600, 0x0020) + eof  # an embedded chart, then a far cell
    number = struct.pack("<HHHHHd", 0x0203, 14, 60000, 250, 15, 1.0)
    assert biff.extent(bof + chart + number + eof, 0) == (60001, 251)


# ---- Excel's default password on Excel 5.0/95 and on XOR obfuscation ------------------------------------------

def test_an_excel_95_file_with_excels_default_password_is_decrypted_and_read(tmp_path, master, sheets, as_xlsx):
    """Excel 5.0/95 encrypts by XOR obfuscation; with the default password ("VelvetSweatshop") LibreOffice and
    Excel open it without asking.  It was refused as "protected with a password; open it with its password"."""
    sub = read(excel95(tmp_path, unusual.biff5_stream(sheets, password="VelvetSweatshop")), master)
    same_reading(sub, as_xlsx)
    [info] = [f for f in sub.findings if f.code == "file-decrypted"]
    assert "VelvetSweatshop" in finding_message(info, "en")
    for stream in (unusual.biff5_stream(sheets, password="rahasia"), unusual.biff5_stream(sheets, encrypted=True)):
        [f] = read(excel95(tmp_path, stream, "rahasia.xls"), master).findings
        assert (f.code, f.param("format")) == ("file-unreadable", "old.biff5_encrypted")
        assert "protected with a password" in finding_message(f, "en")


def test_an_xls_xor_obfuscated_with_excels_default_password_is_decrypted_and_read(tmp_path, master):
    plain = tmp_path / "DISNAKER.xls"
    shutil.copy(DISNAKER, plain)
    sub = read(unusual.xor_xls(plain, tmp_path / "xor.xls"), master)
    same_reading(sub, read(plain, master))
    assert "file-decrypted" in {f.code for f in sub.findings}
    real = read(unusual.xor_xls(plain, tmp_path / "rahasia.xls", "rahasia"), master)
    assert reasons(real) == [("file-encrypted", "reason.file.encrypted")]


# ---- LibreOffice reads the files built here as they were meant ------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_reads_the_old_files_built_here_as_their_cells(libreoffice, tmp_path, sheets):
    """Built by code, judged by LibreOffice: each file converted to .xlsx holds the cells it was built from (a
    BIFF5 file obfuscated with the default password opens without one)."""
    built = {}
    for version in (2, 3, 4):
        rows = cut(sheets["Monev"]) if version == 2 else sheets["Monev"]
        path = tmp_path / f"excel{version}.xls"
        path.write_bytes(unusual.biff234_stream(rows, version))
        built[path] = rows
    for name, stream in (("excel95", unusual.biff5_stream(sheets)),
                         ("excel95_mac", unusual.biff5_stream(sheets, 0x8000)),
                         ("excel95_default", unusual.biff5_stream(sheets, password="VelvetSweatshop"))):
        built[excel95(tmp_path, stream, f"{name}.xls")] = sheets["Monev"]
    plain = tmp_path / "plain.xls"
    shutil.copy(DISNAKER, plain)
    built[unusual.xor_xls(plain, tmp_path / "excel97_xor.xls")] = sheets["Monev"]
    outs = libreoffice.convert(list(built), "xlsx", tmp_path / "lo")
    for (path, rows), out in zip(built.items(), outs):
        book = python_calamine.CalamineWorkbook.from_path(str(out))
        name = "Monev" if "Monev" in book.sheet_names else book.sheet_names[0]
        assert book.get_sheet_by_name(name).to_python() == rows, path.name
