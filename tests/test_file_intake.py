"""What happens to a file before and while its sheets are parsed (issue 10, A1-A5 and A9): good files in
unusual shapes are read, hostile ones still refused, and every refusal says what the file is.  Every case is
built by code; where python-calamine is the judge (what it allocates, what it reads), it runs in a child
process with a memory limit, since it can abort the process."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import zipfile

import hostile
import pytest
import unusual
from factory import PERIOD, TODAY, fill, template

from spbe_excel.model.columns import col_letter
from spbe_excel.read.batch import read_many
from spbe_excel.read.safety.extent import scan_sheet_xml, xml_damage
from spbe_excel.read.safety.limits import DEFAULT_LIMITS
from spbe_excel.read.submission import read_submission
from spbe_excel.text.findings import message as finding_message

MONEV = "xl/worksheets/sheet2.xml"  # the monitoring sheet of the template


def read(path, master):
    return read_submission(path, master, period=PERIOD, today=TODAY)


def values(sub) -> dict:
    return {(r.no, r.row, k): v for r in sub.rows for k, v in r.values.items()}


def reasons(sub) -> list[tuple[str, str | None]]:
    return [(f.code, f.param("reason")) for f in sub.findings if f.severity.value == "error"]


@pytest.fixture(scope="module")
def good(tmp_path_factory, master):
    d = tmp_path_factory.mktemp("good")
    return fill(template(d, master, "BAPPEDA"), d / "BAPPEDA.xlsx")


@pytest.fixture(scope="module")
def good_read(good, master):
    sub = read(good, master)
    assert sub.status == "accepted" and len(sub.rows) >= 5
    return sub


def with_sheet(src, out, transform, part=MONEV):
    with zipfile.ZipFile(src) as z:
        xml = z.read(part)
    return hostile._rezip(src, out, {part: transform(xml)})


# ---- A1: the extent is what the parser allocates ---------------------------------------------------------

CALAMINE_CHILD = """
import io, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))
import python_calamine
book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(open(sys.argv[1], "rb").read()))
shape = [(len(rows), max(map(len, rows), default=0)) for rows in
         (book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names)]
print(max(r for r, _ in shape), max(c for _, c in shape))
"""


def calamine_grid(path) -> tuple[int, int] | None:
    """The largest grid python-calamine builds for a sheet of ``path`` (rows, columns), read in a child
    process with 1.5 GB of address space; None when it aborts or runs out of memory doing so."""
    done = subprocess.run([sys.executable, "-c", CALAMINE_CHILD, str(path)], capture_output=True, text=True,
                          timeout=120)
    if done.returncode != 0:
        assert done.returncode < 0 or "memory" in done.stderr.lower() or "MemoryError" in done.stderr, done.stderr
        return None
    rows, cols = map(int, done.stdout.split())
    return rows, cols


A1 = b'<row r="1"><c r="A1"><v>1</v></c></row>'
STYLED_ROW = (b'<row r="2">' + b"".join(b'<c r="%s2" s="1"/>' % col_letter(i).encode() for i in range(16384))
              + b"</row>")
SHEETS = {  # name -> sheetData content; accepted when the parser allocates little, refused otherwise
    "libreoffice_last_row": A1 + b'<row r="1048576" customHeight="1" ht="12.8"></row>',
    "styled_empty_row": A1 + STYLED_ROW,
    "styled_far_cell": A1 + b'<row r="1048576"><c r="XFD1048576" s="1"/></row>',
    "blank_far_cell": A1 + b'<row r="1048576"><c r="XFD1048576" s="1">  </c></row>',
    "far_cell": A1 + b'<row><c r="XFD1048576"><v>1</v></c></row>',
    "zero_padded": A1 + b'<row><c r="XFD0000000001048576"><v>1</v></c></row>',
    "four_letters": A1 + b'<row><c r="ZZZZ7"><v>1</v></c></row>',
    "lower_case": A1 + b'<row><c r="xfd1048576"><v>1</v></c></row>',
    "single_quotes": b"<row r='1'><c r='A1'><v>1</v></c></row><row><c r='XFD1048576'><v>1</v></c></row>",
    "spaces_around_equals": A1 + b'<row><c r = "XFD1048576"><v>1</v></c></row>',
    "line_breaks_in_tag": A1 + b'<row><c\nr\n=\n"XFD1048576"><v>1</v></c></row>',
    "line_break_before_r": A1 + b'<row><c s="1"\nr="XFD1048576"><v>1</v></c></row>',
    "slash_in_single_quotes": A1 + b'<row><c r="XFD1048576" x=\'/>\'><v>1</v></c></row>',
    "namespace_prefix": A1 + b'<row><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                             b'r="XFD1048576"><x:v>1</x:v></x:c></row>',
    "empty_inline_string": A1 + b'<row><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>',
    "formula_text_empty_value": A1 + b'<row><c r="XFD1048576" t="str"><v></v></c></row>',
    "comment_then_value": A1 + b'<row><c r="XFD1048576"><!-- x --><v>1</v></c></row>',
    "counted_after_styled": A1 + b'<row r="1048576"><c r="XFC1048576" s="1"/><c><v>1</v></c></row>',
    "counted_in_far_row": A1 + b'<row r="1048576"><c><v>1</v></c></row>',
    "counted_cells": b"<row>" + b"<c><v>1</v></c>" * 16384 + b"</row>" + b"<row><c><v>1</v></c></row>" * 1000,
    "cdata_resets_the_count": (b'<row r="1048576"><c r="A1" t="inlineStr"><is><t><![CDATA[<row r="1">]]></t></is></c>'
                               + b'<c t="inlineStr"><is><t><![CDATA[<c r="A1">]]></t></is></c>' * 2000 + b"</row>"),
}
ACCEPTED = {"libreoffice_last_row", "styled_empty_row", "styled_far_cell", "blank_far_cell"}


@pytest.fixture(scope="module")
def crafted(tmp_path_factory):
    d = tmp_path_factory.mktemp("crafted")
    base = hostile.small_xlsx(d / "_base.xlsx")
    return {name: hostile._rezip(base, d / f"{name}.xlsx",
                                 {"xl/worksheets/sheet1.xml": hostile.SHEET_HEAD + body + hostile.SHEET_TAIL})
            for name, body in SHEETS.items()}


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_extent_agrees_with_what_python_calamine_allocates(crafted, master, name):
    """Accepted sheets make the parser build a small grid; every refused one would make it build one over the
    limits, or abort the process (the sparse-cell bomb in all its spellings)."""
    xml = hostile.SHEET_HEAD + SHEETS[name] + hostile.SHEET_TAIL
    assert xml_damage(xml) is None
    scan = scan_sheet_xml(xml)
    grid = calamine_grid(crafted[name])
    limits = DEFAULT_LIMITS
    if name in ACCEPTED:
        assert not scan.over(limits) and grid == (1, 1)
        sub = read(crafted[name], master)
        assert "reason.file.sheet_too_large" not in [r for _, r in reasons(sub)]
    else:
        assert scan.over(limits)
        assert grid is None or grid[0] > limits.max_rows or grid[1] > limits.max_cols or \
            grid[0] * grid[1] > limits.max_cells
        [(code, reason)] = reasons(read(crafted[name], master))
        assert (code, reason) == ("file-unreadable", "reason.file.sheet_too_large")


@pytest.mark.parametrize("tail", [b'<row r="1048576" customHeight="1" ht="12.8"></row>',
                                  STYLED_ROW.replace(b"2", b"60")])
def test_a_good_submission_with_an_empty_last_row_or_styled_row_is_read(good, good_read, tmp_path, master, tail):
    """LibreOffice 5.x and 7.6 end a sheet with an empty row 1048576; some files carry a row of 16,384 styled
    empty cells.  Both were refused as "sheet too large"; the values now come back unchanged."""
    path = with_sheet(good, tmp_path / "x.xlsx", lambda xml: xml.replace(b"</sheetData>", tail + b"</sheetData>"))
    sub = read(path, master)
    assert sub.status == "accepted" and values(sub) == values(good_read)
    assert {f.code for f in sub.findings} == {f.code for f in good_read.findings}


def _xls_with_cell_at(src, out, row, col, blank=False):
    """``src`` with its last value record moved to (row, col), or turned into a BLANK there."""
    import struct

    import olefile

    shutil.copy(src, out)
    ole = olefile.OleFileIO(str(out), write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    pos, last = 0, None
    while pos + 4 <= len(stream):
        typ, size = struct.unpack_from("<HH", stream, pos)
        if typ in (0x0203, 0x00FD, 0x027E):
            last = pos
        pos += 4 + size
    typ, size = struct.unpack_from("<HH", stream, last)
    if blank:  # a BLANK record (6 bytes) and an empty record of type 0 in the rest of the old one
        stream[last:last + 4 + size] = (struct.pack("<HHHHH", 0x0201, 6, row, col, 15)
                                        + struct.pack("<HH", 0, size - 10) + b"\0" * (size - 10))
    else:
        struct.pack_into("<HH", stream, last + 4, row, col)
    ole.write_stream("Workbook", bytes(stream))
    ole.close()
    return out


@pytest.mark.parametrize("blank", [False, True])
def test_an_xls_cell_record_far_away_is_measured_not_only_its_dimensions(tmp_path, master, blank):
    """The .xls check read only DIMENSIONS: a value record at row 65,536, column 65,536 made python-calamine
    abort.  A blank record there allocates nothing and stays accepted."""
    xls = tmp_path / "x.xls"
    shutil.copy("examples/triwulan-iii/DISNAKER_Triwulan_III_2019.xls", xls)
    far = _xls_with_cell_at(xls, tmp_path / "far.xls", 65535, 65535, blank)
    grid = calamine_grid(far)
    sub = read(far, master)
    if blank:
        assert grid is not None and grid[0] < 100 and sub.status == "accepted"
    else:
        assert grid is None
        assert reasons(sub) == [("file-unreadable", "reason.file.sheet_too_large")]


# ---- A9: a damaged sheet is never read silently -----------------------------------------------------------

def _damaged(xml: bytes, kind: str, rnd: random.Random) -> bytes:
    data = bytearray(xml)
    start = xml.index(b"<sheetData") if b"<sheetData" in xml else 0
    at = rnd.randrange(start, len(data) - 1)
    if kind == "flip":  # as a faulty transfer does: one byte inverted
        data[at] ^= 0xFF
    elif kind == "truncate":
        del data[at:]
    else:  # "cut": from somewhere to the end of the next tag
        end = data.find(b">", at)
        del data[at:end + 1]
    return bytes(data)


@pytest.fixture(scope="module")
def shared(good, tmp_path_factory):
    """The good submission with its text in shared strings (written by xlsxwriter, as Excel keeps text)."""
    return unusual.rewritten_xlsx(good, tmp_path_factory.mktemp("shared") / "BAPPEDA.xlsx")


@pytest.mark.parametrize("part", [MONEV, "xl/sharedStrings.xml"])
@pytest.mark.parametrize("kind", ["flip", "truncate", "cut"])
def test_a_damaged_sheet_or_text_table_is_refused_never_read_with_changed_values(shared, tmp_path, master, part,
                                                                              kind):
    """Forty damaged copies of the monitoring sheet (or of the shared strings its text comes from), each inside
    a valid zip: every one is rejected as damaged, or, when the damage left well-formed XML that means the same,
    read with exactly the values of the good file.  Before, a third of them were accepted without a finding."""
    good_read = read(shared, master)
    assert good_read.status == "accepted" and len(values(good_read)) > 20
    good = shared
    with zipfile.ZipFile(good) as z:
        xml = z.read(part)
    rnd = random.Random(f"{part}{kind}")
    outcomes = set()
    for n in range(40):
        broken = _damaged(xml, kind, rnd)
        path = hostile._rezip(good, tmp_path / f"{n}.xlsx", {part: broken})
        sub = read(path, master)
        if sub.status == "accepted":
            assert xml_damage(broken) is None and values(sub) == values(good_read), n
            outcomes.add("same")
            continue
        [(code, reason)] = reasons(sub)
        assert code == "file-unreadable" and reason in ("reason.file.sheet_damaged", "reason.file.strings_damaged")
        message = finding_message(sub.findings[0], "en")
        assert "damaged" in message and "send it again" in message and len(message) < 500
        outcomes.add("refused")
    assert "refused" in outcomes


def test_the_damage_message_names_the_sheet_and_where_it_breaks(good, tmp_path, master):
    path = with_sheet(good, tmp_path / "cut.xlsx", lambda xml: xml[:len(xml) // 2])
    [f] = read(path, master).findings
    assert f.sheet == "Monev" and f.param("line") >= 1 and f.param("position") > 1
    assert finding_message(f, "id").startswith('Berkas tidak dapat dibaca: berkas rusak: isi lembar "Monev" terpotong')
    assert "simpan ulang" in finding_message(f, "id") and "kirim lagi" in finding_message(f, "id")


# ---- A2: Excel's default encryption -------------------------------------------------------------------------

def test_a_workbook_encrypted_with_excels_default_password_is_decrypted_and_read(good, good_read, tmp_path, master):
    path = unusual.encrypted_with_default_password(good, tmp_path / "VelvetSweatshop.xlsx")
    sub = read(path, master)
    assert sub.status == "accepted" and values(sub) == values(good_read)
    [info] = [f for f in sub.findings if f.code == "file-decrypted"]
    assert info.severity.value == "info" and "VelvetSweatshop" in finding_message(info, "en")
    real = read(unusual.encrypted_with_default_password(good, tmp_path / "rahasia.xlsx", "rahasia"), master)
    assert real.status == "rejected" and reasons(real) == [("file-encrypted", "reason.file.encrypted")]


def test_an_xls_encrypted_with_excels_default_password_is_decrypted_and_read(tmp_path, master):
    plain = tmp_path / "plain.xls"
    shutil.copy("examples/triwulan-iii/DISNAKER_Triwulan_III_2019.xls", plain)
    expected = read(plain, master)
    sub = read(unusual.encrypted_xls(plain, tmp_path / "encrypted.xls"), master)
    assert sub.status == "accepted" and values(sub) == values(expected) and values(sub)
    assert "file-decrypted" in {f.code for f in sub.findings}
    real = read(unusual.encrypted_xls(plain, tmp_path / "real.xls", "rahasia"), master)
    assert reasons(real) == [("file-encrypted", "reason.file.encrypted")]


def test_what_comes_out_of_a_decryption_gets_every_check(tmp_path, master):
    """A far-cell bomb and a damaged sheet, encrypted with the default password: refused as any file."""
    bomb = unusual.encrypted_with_default_password(hostile.far_cell(tmp_path), tmp_path / "bomb.xlsx")
    assert reasons(read(bomb, master)) == [("file-unreadable", "reason.file.sheet_too_large")]
    cut = with_sheet(hostile.small_xlsx(tmp_path / "small.xlsx"), tmp_path / "cut.xlsx", lambda xml: xml[:-40],
                     "xl/worksheets/sheet1.xml")
    damaged = unusual.encrypted_with_default_password(cut, tmp_path / "damaged.xlsx")
    assert reasons(read(damaged, master)) == [("file-unreadable", "reason.file.sheet_damaged")]


# ---- A3: package layout ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [unusual.backslashes, unusual.moved_workbook])
def test_unusual_package_layouts_are_read_like_python_calamine_reads_them(good, good_read, tmp_path, master, shape):
    import python_calamine

    path = shape(good, tmp_path / "x.xlsx")
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Petunjuk", "Monev", "spbe_meta"]
    assert len(book.get_sheet_by_name("Monev").to_python()) > 5
    sub = read(path, master)
    assert sub.status == "accepted" and values(sub) == values(good_read)
    assert not [f for f in sub.findings if f.code.startswith("file-")]


@pytest.mark.parametrize("shape", [unusual.backslashes, unusual.moved_workbook])
def test_unusual_layouts_get_the_same_extent_and_dtd_checks(tmp_path, master, shape):
    far = shape(hostile.far_cell(tmp_path), tmp_path / "far.xlsx")
    assert reasons(read(far, master)) == [("file-unreadable", "reason.file.sheet_too_large")]
    laughs = shape(hostile.billion_laughs_sheet(tmp_path), tmp_path / "laughs.xlsx")
    assert reasons(read(laughs, master)) == [("file-unreadable", "reason.file.xml_attack")]


def _renamed_workbook_part(good, tmp_path):
    """The package names xl/buku.xml as its workbook; python-calamine only opens a part called workbook.xml."""
    out = tmp_path / "buku.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data, name = zin.read(info.filename), info.filename
            if name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"xl/workbook.xml", b"xl/buku.xml")
            name = {"xl/workbook.xml": "xl/buku.xml", "xl/_rels/workbook.xml.rels": "xl/_rels/buku.xml.rels"}.get(
                name, name)
            zout.writestr(name, data)
    return out


def test_a_workbook_part_python_calamine_cannot_open_is_read_by_the_second_reader(good, good_read, tmp_path,
                                                                                   master):
    sub = read(_renamed_workbook_part(good, tmp_path), master)
    assert sub.status == "accepted" and values(sub) == values(good_read)
    [f] = sub.findings
    assert f.code == "file-second-reader" and f.param("reader") == "openpyxl"


def test_a_workbook_part_no_reader_can_open_is_named(good, tmp_path, master, monkeypatch):
    from spbe_excel.read.one import reader

    def no_second_reader(*args, **kwargs):
        raise ValueError("the second reader fails too")

    monkeypatch.setattr(reader, "read_second", no_second_reader)
    [f] = read(_renamed_workbook_part(good, tmp_path), master).findings
    assert (f.code, f.param("reason"), f.param("part")) == ("file-unreadable", "reason.file.layout", "xl/buku.xml")
    assert "xl/buku.xml" in finding_message(f, "en") and "unusual" in finding_message(f, "en")


# ---- A4: decided by content -----------------------------------------------------------------------------------

def test_an_xlsb_is_read_like_the_same_workbook_as_xlsx(good, good_read, tmp_path, master):
    path = unusual.xlsb_from(good, tmp_path / "BAPPEDA.xlsb")
    sub = read(path, master)
    assert sub.status == "accepted" and sub.source.format == "xlsb" and sub.opd == "BAPPEDA"
    assert values(sub) == values(good_read)
    assert not [f for f in sub.findings if f.code.startswith("file-")]


def test_an_xlsb_formula_is_found_and_its_extent_checked(good, tmp_path, master):
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(good)).get_sheet_by_name("Monev").to_python()
    formula = unusual.xlsb_sheet(rows, extra=unusual.row_header(len(rows)) + unusual.formula_num(10, 0.5))
    sub = read(unusual.xlsb_from(good, tmp_path / "rumus.xlsb", {"Monev": formula}), master)
    assert sub.status == "accepted"
    assert [f.cell for f in sub.findings if f.code == "formula-in-text"] == [f"K{len(rows) + 1}"]
    far = unusual.xlsb_sheet(rows, extra=unusual.row_header(5) + unusual.formula_num(0xFFFFF0, 1.0))
    bomb = tmp_path / "jauh.xlsb"
    unusual.xlsb_from(good, bomb, {"Monev": far})
    assert calamine_grid(bomb) is None  # the parser would abort
    assert reasons(read(bomb, master)) == [("file-unreadable", "reason.file.sheet_too_large")]
    declared = unusual.xlsb_sheet(rows, dim=(0, 2_000_000, 0, 5))
    assert reasons(read(unusual.xlsb_from(good, tmp_path / "dim.xlsb", {"Monev": declared}), master)) == [
        ("file-unreadable", "reason.file.sheet_too_large")]


@pytest.mark.parametrize("name, kind", [("BAPPEDA.xltx", "xltx"), ("BAPPEDA.xltm", "xltm")])
def test_excel_templates_are_workbooks(good, good_read, tmp_path, master, name, kind):
    path = unusual.as_template(good, tmp_path / name, macros=kind == "xltm")
    sub = read(path, master)
    assert sub.status == "accepted" and sub.source.format == kind and values(sub) == values(good_read)
    assert "file-misnamed" not in {f.code for f in sub.findings}


def test_a_file_without_extension_is_read_by_its_content(good, good_read, tmp_path, master):
    path = tmp_path / "BAPPEDA"
    shutil.copy(good, path)
    sub = read(path, master)
    assert sub.status == "accepted" and values(sub) == values(good_read)
    [f] = [f for f in sub.findings if f.code == "file-misnamed"]
    assert f.param("kind") == ".xlsx"


CONTENTS = {  # file name -> (bytes, what it holds)
    "catatan.txt": (b"Kiriman triwulan III: semua OPD sudah mengirim.\n", "what.text"),
    "scan.jpg": (b"\xff\xd8\xff\xe0" + bytes(200), "what.image"),
    "foto": (b"\x89PNG\r\n\x1a\n" + bytes(200), "what.image"),
    "surat.pdf": (b"%PDF-1.7\n" + bytes(200), "what.pdf"),
    "arsip.rar": (b"Rar!\x1a\x07\x01\x00" + bytes(50), "what.archive"),
    "halaman.htm": (b"<!DOCTYPE html><html><body>x</body></html>", "what.html"),
}


def test_a_folder_walk_names_what_each_non_workbook_is_and_reads_only_its_first_bytes(good, tmp_path, master,
                                                                                      monkeypatch):
    from spbe_excel.read.safety import identify

    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copy(good, folder / "BAPPEDA.xlsx")
    for name, (data, _) in CONTENTS.items():
        (folder / name).write_bytes(data)
    with zipfile.ZipFile(folder / "laporan.docx", "w") as z:
        z.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="application/'
                                          'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                                          '</Types>')
        z.writestr("_rels/.rels", f'<Relationships><Relationship Id="r" Type="{unusual.RELS}/officeDocument" '
                                  'Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", "<document/>")
    with zipfile.ZipFile(folder / "lampiran.zip", "w") as z:
        z.writestr("foto/1.jpg", b"\xff\xd8\xff")
    big = folder / "rekaman.mp4"
    with open(big, "wb") as fh:
        fh.write(b"\x00\x00\x00\x20ftypisom" + bytes(100))
        fh.truncate(3 * 1024 ** 3)  # 3 GB, sparse
    with zipfile.ZipFile(folder / "foto-kegiatan.zip", "w", zipfile.ZIP_STORED) as z:  # 80 MB of photos
        z.writestr("foto/1.jpg", b"\xff\xd8\xff" + bytes(80 * 1024 * 1024))
    read_bytes = []
    real_open = open

    def counting_open(path, mode="r", *args, **kwargs):
        fh = real_open(path, mode, *args, **kwargs)
        real_read = fh.read

        def read_some(size=-1):
            data = real_read(size)
            read_bytes.append((str(path), len(data)))
            return data
        fh.read = read_some
        return fh
    from spbe_excel.read.one import reader

    monkeypatch.setattr(identify, "open", counting_open, raising=False)
    monkeypatch.setattr(reader, "open", counting_open, raising=False)
    paths = sorted(folder.iterdir())
    subs = dict(zip([p.name for p in paths], read_many(paths, master, period=PERIOD, today=TODAY, workers=0)))
    assert subs["BAPPEDA.xlsx"].status == "accepted"
    expected = {**{n: w for n, (_, w) in CONTENTS.items()}, "laporan.docx": "what.word", "lampiran.zip": "what.zip",
                "rekaman.mp4": "what.media", "foto-kegiatan.zip": "what.zip"}
    for name, what in expected.items():
        sub = subs[name]
        assert sub.status == "skipped", name
        [f] = sub.findings
        assert (f.code, f.param("reason"), f.param("content")) == ("file-skipped", "why.not_spreadsheet", what), name
        assert f.severity.value == "info"
    assert max(n for p, n in read_bytes if p.endswith("rekaman.mp4")) <= identify.HEAD_BYTES
    assert {p.rpartition("/")[2] for p, n in read_bytes if n > identify.HEAD_BYTES} == {"BAPPEDA.xlsx"}
    assert finding_message(subs["surat.pdf"].findings[0], "id") == \
        "Berkas dilewati: bukan buku kerja: isinya dokumen PDF."
    assert finding_message(subs["laporan.docx"].findings[0], "en") == \
        "File skipped: not a workbook: it holds a Word document."


@pytest.mark.parametrize("name, content, reason, what", [
    ("scan.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(300), "reason.file.not_workbook", "what.image"),
    ("arsip.xls", b"7z\xbc\xaf\x27\x1c" + bytes(300), "reason.file.not_workbook", "what.archive"),
    ("surat.xlsx", b"%PDF-1.4\n" + bytes(300), "reason.file.pdf", "what.pdf"),
])
def test_a_file_named_as_a_workbook_that_is_not_one_says_what_it_is(tmp_path, master, name, content, reason, what):
    path = tmp_path / name
    path.write_bytes(content)
    [f] = read(path, master).findings
    assert (f.code, f.param("reason"), f.param("content")) == ("file-unreadable", reason, what)
    # no "save it again as .xlsx": there is no workbook to save; the report goes in its template
    assert "simpan ulang" not in finding_message(f, "id") and "templatnya" in finding_message(f, "id")
    assert "save it again" not in finding_message(f, "en") and "template" in finding_message(f, "en")


def test_the_examples_note_and_lock_file_are_still_skipped(master):
    paths = ["examples/triwulan-iii/catatan pengiriman.txt", "examples/triwulan-iii/~$BAPPEDA_Triwulan_III_2019.xlsx"]
    note, lock = read_many(paths, master, period=PERIOD, today=TODAY, workers=0)
    assert note.status == lock.status == "skipped"
    assert (note.findings[0].param("reason"), note.findings[0].param("content")) == ("why.not_spreadsheet", "what.text")
    assert finding_message(note.findings[0], "id") == \
        "Berkas dilewati: bukan buku kerja: isinya teks biasa (catatan atau CSV)."
    assert lock.findings[0].param("reason") == "why.lock_file"


# ---- A5: precise reasons for old formats, and messages of a few hundred characters ---------------------------

@pytest.fixture(scope="module")
def xls_sheets():
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path("examples/triwulan-iii/DISNAKER_Triwulan_III_2019.xls")
    return {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}


@pytest.mark.parametrize("codepage, encrypted, outcome", [
    (1252, False, "accepted"),  # python-calamine reads Excel 5.0/95
    (0x8000, False, "old.biff5_mac"),  # ... but not in the Macintosh code page (xlrd does: test_real_files.py)
    (1252, True, "old.biff5_encrypted"),  # a password that is not Excel's default
])
def test_excel_95_files_are_read_or_named(tmp_path, master, xls_sheets, codepage, encrypted, outcome, monkeypatch):
    from spbe_excel.read.one import reader

    def no_second_reader(*args, **kwargs):
        raise ValueError("the second reader fails too")

    monkeypatch.setattr(reader, "read_second", no_second_reader)  # what is said when no reader can read it
    container = tmp_path / "c.xls"
    shutil.copy("examples/triwulan-iii/DISNAKER_Triwulan_III_2019.xls", container)
    stream = unusual.biff5_stream(xls_sheets, codepage, encrypted)
    path = unusual.biff5_xls(container, tmp_path / "DISNAKER.xls", stream)
    sub = read(path, master)
    if outcome == "accepted":
        assert sub.status == "accepted" and sub.opd == "DISNAKER" and sub.rows
        return
    [f] = sub.findings
    assert (f.code, f.param("reason"), f.param("format")) == ("file-unreadable", "reason.file.old_format", outcome)
    assert "Excel 5.0/95" in finding_message(f, "en") and "very old format" in finding_message(f, "en")
    assert "save it again as .xlsx" in finding_message(f, "en")


def _ods_variant(out, version: bytes, generator: bytes, indent: bool):
    import re

    src = "examples/triwulan-iii/DPMPTSP_Triwulan_III_2019.ods"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in ("content.xml", "meta.xml"):
                data = re.sub(rb'office:version="[^"]*"', b'office:version="' + version + b'"', data)
                data = re.sub(rb"<meta:generator>[^<]*</meta:generator>", b"<meta:generator>" + generator
                              + b"</meta:generator>", data)
            if info.filename == "content.xml" and indent:  # as KSpread and Gnumeric write it
                data = re.sub(rb"(<table:table-cell)", rb"\n      \1", data)
            zout.writestr(info.filename, data,
                          compress_type=zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    return out


def test_old_opendocument_files_are_named(tmp_path, master, monkeypatch):
    kspread = _ods_variant(tmp_path / "kspread.ods", b"1.0", b"KSpread/1.6.3", indent=True)
    sub = read(kspread, master)  # python-calamine fails on its indented XML; the second reader reads it
    assert sub.status == "accepted" and [f.code for f in sub.findings] == ["file-second-reader"]
    from spbe_excel.read.one import reader

    def no_second_reader(*args, **kwargs):
        raise ValueError("the second reader fails too")

    monkeypatch.setattr(reader, "read_second", no_second_reader)
    [f] = read(kspread, master).findings
    assert (f.param("reason"), f.param("version"), f.param("generator")) == ("reason.file.old_format", "1.0",
                                                                             "KSpread")
    assert "(OpenDocument 1.0 by KSpread)" in finding_message(f, "en")
    assert read(_ods_variant(tmp_path / "lama.ods", b"1.0", b"KSpread/1.6.3", indent=False), master).status == \
        "accepted"  # old, but the parser reads it
    modern = read(_ods_variant(tmp_path / "baru.ods", b"1.3", b"LibreOffice/7.4", indent=True), master)
    assert modern.findings[0].param("reason") != "reason.file.old_format"


@pytest.mark.parametrize("name, data, fmt", [
    ("lama.sxc", None, "old.sxc"),
    ("lama.xls", b"\x09\x04\x06\x00\x00\x00\x10\x00" + bytes(100), "old.biff234"),
    ("xml2003.xls", b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-'
                    b'microsoft-com:office:spreadsheet"></Workbook>', "old.xml2003"),
])
def test_very_old_formats_are_named(tmp_path, master, name, data, fmt):
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("mimetype", "application/vnd.sun.xml.calc")
            z.writestr("content.xml", "<office:document-content/>")
    else:
        path.write_bytes(data)
    [f] = read(path, master).findings
    assert (f.code, f.param("reason"), f.param("format")) == ("file-unreadable", "reason.file.old_format", fmt)


def test_a_workbook_of_1024_sheets_gets_a_short_message(tmp_path, master):
    import xlsxwriter

    path = tmp_path / "banyak.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    for n in range(1024):
        wb.add_worksheet(f"Lembar dengan nama panjang {n:04d}")
    wb.close()
    [f] = read(path, master).findings
    assert f.code == "sheet-not-found"
    for lang, more in (("id", '0002" dan 1.021 lainnya'), ("en", '0002" and 1,021 more')):
        assert '"Lembar dengan nama panjang 0000", "Lembar' in finding_message(f, lang)
        assert more in finding_message(f, lang)
        assert "0003" not in finding_message(f, lang) and len(finding_message(f, lang)) < 400


def test_every_message_stays_within_a_few_hundred_characters(master):
    from spbe_excel.model.findings import CODES, Finding

    huge = "x" * 40_000
    fields = ("reason", "detail", "value", "sheets", "text", "sources", "files", "indicators", "owners", "written",
              "suggestion", "expected", "why", "hint", "status", "date", "used", "opd", "found", "part")
    for code in CODES:
        f = Finding(code, file="/a/" + huge, sheet="S", cell="A1", opd="X", value=huge,
                    params=tuple((k, huge) for k in fields))
        for lang in ("id", "en"):
            assert len(finding_message(f, lang)) < 700, code
        assert f.params[0][1] == huge  # kept whole for the JSON report
    long_value = Finding("value-invalid", column="progress", value=huge,
                         params=(("reason", "reason.not_a_number"),))
    assert len(finding_message(long_value, "id")) < 400 and finding_message(long_value, "id").count("x") < 200
