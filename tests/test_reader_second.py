"""A second reader before "damaged": files python-calamine cannot read although
they are well formed (an .ods with indented XML, as Gnumeric writes it; an
.xlsx whose number cells hold white space around the number) are read with
odfpy or openpyxl, with every value right and an info finding that says so.
A file is damaged only when both readers fail."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import python_calamine
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel.read.one.second import read_second
from spbe_excel.read.safety.limits import DEFAULT_LIMITS
from spbe_excel.read.submission import read_submission
from spbe_excel.text.findings import message as finding_message

_TAG = re.compile(rb"<[^>]+>")
_NAME = re.compile(rb"</?([\w:.-]+)")


def gnumeric_indent(xml: bytes) -> bytes:
    """``xml`` with every element on its own line, indented by depth, as Gnumeric writes ODF; the content
    of text paragraphs (``text:p``, ``text:h``) is left exactly as it was."""
    out: list[bytes] = []
    depth = inline = pos = 0
    for m in _TAG.finditer(xml):
        text, tag, pos = xml[pos:m.start()], m.group(0), m.end()
        if text.strip() or inline:
            out.append(text)
        special = tag.startswith((b"<?", b"<!"))
        closing, empty = tag.startswith(b"</"), tag.endswith(b"/>")
        name = b"" if special else _NAME.match(tag).group(1)
        if closing:
            depth -= 1
        out.append(tag if inline or not out else b"\n" + b"  " * depth + tag)
        if name in (b"text:p", b"text:h") and not empty:
            inline += -1 if closing else 1
        if not (closing or empty or special):
            depth += 1
    out.append(xml[pos:])
    return b"".join(out)


def rezip(src: Path, dst: Path, change) -> Path:
    """``src`` with each member's bytes passed through ``change(name, data)``; ``mimetype`` stays first
    and stored, as ODF requires."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            method = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zout.writestr(info.filename, data, compress_type=method)
    return dst


def calamine_rows(path: Path) -> dict[str, list[list]]:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    return {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names}


def typed(rows: list[list]) -> list[list]:
    return [[(type(v).__name__, v) for v in row] for row in rows]


def same_reading(a, b) -> None:
    """Two submissions read alike: identity, every row's values and cells as written, every finding."""
    assert (a.status, a.opd, a.period, a.contact, a.filled_on, a.sheet, a.meta) == \
           (b.status, b.opd, b.period, b.contact, b.filled_on, b.sheet, b.meta)
    assert {n: (r.values, r.raw, r.row) for n, r in a.rows_by_no().items()} == \
           {n: (r.values, r.raw, r.row) for n, r in b.rows_by_no().items()}
    assert sorted((f.code, f.cell, f.value, f.params) for f in a.findings if f.code != "file-second-reader") == \
           sorted((f.code, f.cell, f.value, f.params) for f in b.findings if f.code != "file-second-reader")


ROWS = {
    4: {**good_row(4), "status": "sudah", "progress": 1, "evidence": "SK  No. 5/2019 \u2013 lampiran",
        "achievement": "Baris satu\nBaris dua,  dengan dua spasi", "updated_on": dt.date(2019, 8, 12)},
    10: {**good_row(10), "current_level": "3 - Terdefinisi", "budget": 150_000_000, "spent": "Rp 20.000.000",
         "obstacles": "=Menunggu jadwal"},
    21: {**good_row(21), "progress": 0.255, "updated_on": "12 Agustus 2019", "responsible": "  I Made  "},
}


@pytest.fixture(scope="module")
def gnumeric_ods(libreoffice, tmp_path_factory, master):
    """A filled template saved by LibreOffice as .ods, and the same file with its content indented."""
    d = tmp_path_factory.mktemp("second")
    src = fill(template(d, master, "BAPPEDA"), d / "BAPPEDA_kiriman.xlsx", ROWS)
    [ods] = libreoffice.convert([src], "ods", d / "lo")
    indented = rezip(ods, d / "BAPPEDA_gnumeric.ods",
                     lambda name, data: gnumeric_indent(data) if name == "content.xml" else data)
    return ods, indented


@pytest.mark.libreoffice
def test_indented_ods_fails_python_calamine_and_odfpy_reads_every_value(gnumeric_ods):
    ods, indented = gnumeric_ods
    assert re.search(rb"\n +<table:table-cell", zipfile.ZipFile(indented).read("content.xml"))
    with pytest.raises(python_calamine.CalamineError, match=r"table-cell|file format"):
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(indented.read_bytes()))
    expected = calamine_rows(ods)
    book = read_second(indented.read_bytes(), "ods", DEFAULT_LIMITS)
    assert book.reader == "odfpy" and book.sheet_names == list(expected)
    for name, rows in expected.items():
        assert typed(book.rows(name)) == typed(rows), name  # every cell, its value and its type
    assert {m.name: m.visible for m in book.sheets_metadata} == {"Petunjuk": "Visible", "Monev": "Visible",
                                                                 "spbe_meta": "Hidden"}


@pytest.mark.libreoffice
def test_indented_ods_is_read_as_libreoffices_own_with_an_info_finding(gnumeric_ods, master):
    ods, indented = gnumeric_ods
    ref = read_submission(ods, master, period=PERIOD, today=TODAY)
    sub = read_submission(indented, master, period=PERIOD, today=TODAY)
    assert sub.status == "accepted" and sub.rows_by_no()[21].values["progress"] == 25.5
    same_reading(ref, sub)
    [info] = [f for f in sub.findings if f.code == "file-second-reader"]
    assert info.severity.value == "info" and info.param("reader") == "odfpy"
    assert "odfpy" in finding_message(info, "id") and "python-calamine" in finding_message(info, "en")
    assert "file-second-reader" not in [f.code for f in ref.findings]


def spaced_numbers(name: str, data: bytes) -> bytes:
    """Number cells of the monitoring sheet written with white space around the number (``<v>\\n 75\\n</v>``),
    as some XML writers pretty-print it: well formed, and Excel reads it."""
    if name == "xl/worksheets/sheet2.xml":
        return re.sub(rb"<v>([0-9.E+-]+)</v>", rb"<v>\n          \1\n        </v>", data)
    return data


def test_xlsx_python_calamine_cannot_parse_is_read_with_openpyxl(tmp_path, master):
    src = fill(template(tmp_path, master, "BAPPEDA"), tmp_path / "BAPPEDA_kiriman.xlsx", ROWS)
    spaced = rezip(src, tmp_path / "BAPPEDA_spaced.xlsx", spaced_numbers)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(spaced.read_bytes()))
    with pytest.raises(python_calamine.CalamineError):
        book.get_sheet_by_name("Monev").to_python()
    ref = read_submission(src, master, period=PERIOD, today=TODAY)
    sub = read_submission(spaced, master, period=PERIOD, today=TODAY)
    same_reading(ref, sub)
    assert sub.rows_by_no()[10].values["budget"] == 150_000_000 and sub.rows_by_no()[4].values["progress"] == 100
    [info] = [f for f in sub.findings if f.code == "file-second-reader"]
    assert info.param("reader") == "openpyxl"


def test_read_path_imports_openpyxl_only_when_it_reads(tmp_path, master):
    src = fill(template(tmp_path, master, "BAPPEDA"), tmp_path / "BAPPEDA_kiriman.xlsx", ROWS)
    spaced = rezip(src, tmp_path / "BAPPEDA_spaced.xlsx", spaced_numbers)
    code = ("import sys\nfrom spbe_excel.master import embedded_master\nfrom spbe_excel.read.submission import "
            "read_submission\nm = embedded_master()\nfor p in sys.argv[1:]:\n"
            "    s = read_submission(p, m)\n    print(s.status, 'openpyxl' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code, str(src), str(spaced)], capture_output=True, text=True)
    assert out.stdout.split("\n")[:2] == ["accepted False", "accepted True"], out.stderr


MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.2">\n <manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\n <manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n</manifest:manifest>\n')
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"')
CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}>
  <office:automatic-styles>
    <style:style style:name="ta1" style:family="table">
      <style:table-properties table:display="true"/>
    </style:style>
    <style:style style:name="ta2" style:family="table">
      <style:table-properties table:display="false"/>
    </style:style>
  </office:automatic-styles>
  <office:body>
    <office:spreadsheet>
      <table:table table:name="Laporan" table:style-name="ta1">
        <table:table-column table:number-columns-repeated="4"/>
        <table:table-header-rows>
          <table:table-row>
            <table:table-cell office:value-type="string"><text:p>No</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>Status</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>Progres (%)</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>Tanggal</text:p></table:table-cell>
          </table:table-row>
        </table:table-header-rows>
        <table:table-row>
          <table:table-cell office:value-type="float" office:value="4"><text:p>4</text:p></table:table-cell>
          <table:table-cell office:value-type="string"><text:p>Dalam<text:s text:c="2"/>Proses</text:p>
          </table:table-cell>
          <table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50%</text:p></table:table-cell>
          <table:table-cell office:value-type="date" office:date-value="2019-08-12"><text:p>12/08/19</text:p>
          </table:table-cell>
        </table:table-row>
        <table:table-row table:number-rows-repeated="3">
          <table:table-cell table:number-columns-repeated="1024"/>
        </table:table-row>
        <table:table-row>
          <table:table-cell office:value-type="float" office:value="10" table:number-columns-spanned="2">
            <text:p>10</text:p>
          </table:table-cell>
          <table:covered-table-cell/>
          <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p>
          </table:table-cell>
          <table:table-cell office:value-type="string">
            <text:p>baris satu</text:p><text:p>baris<text:tab/>dua<text:line-break/>tiga</text:p>
          </table:table-cell>
        </table:table-row>
        <table:table-row table:number-rows-repeated="1048570">
          <table:table-cell table:number-columns-repeated="16384"/>
        </table:table-row>
      </table:table>
      <table:table table:name="Tersembunyi" table:style-name="ta2">
        <table:table-row>
          <table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>x</text:p>
          </table:table-cell>
        </table:table-row>
      </table:table>
    </office:spreadsheet>
  </office:body>
</office:document-content>
"""


def handmade_ods(path: Path, *, manifest: bool = True) -> Path:
    """An .ods written by hand with indented XML, as Gnumeric writes it."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        if manifest:
            z.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", CONTENT, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_odfpy_reader_on_a_handmade_indented_ods(tmp_path):
    """Header rows, repeated rows and cells (1,048,570 empty rows of 16,384 cells cost nothing), merged and
    covered cells, several paragraphs, spaces, tabs and line breaks, each value type, a hidden sheet."""
    data = handmade_ods(tmp_path / "tangan.ods").read_bytes()
    with pytest.raises(python_calamine.CalamineError):
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    book = read_second(data, "ods", DEFAULT_LIMITS)
    assert book.sheet_names == ["Laporan", "Tersembunyi"]
    assert [m.visible for m in book.sheets_metadata] == ["Visible", "Hidden"]
    assert typed(book.rows("Laporan")) == typed([
        ["No", "Status", "Progres (%)", "Tanggal"],
        [4.0, "Dalam  Proses", 0.5, dt.date(2019, 8, 12)],
        ["", "", "", ""], ["", "", "", ""], ["", "", "", ""],
        [10.0, "", True, "baris satu\nbaris\tdua\ntiga"],
    ])
    assert book.rows("Tersembunyi") == [["x", "x"]]


def test_handmade_indented_ods_is_read_as_a_submission(tmp_path, master):
    sub = read_submission(handmade_ods(tmp_path / "BAPPEDA.ods"), master, period=PERIOD, today=TODAY)
    row = sub.rows_by_no()[4]
    assert (row.values["status"], row.values["progress"], row.values["updated_on"]) == \
        ("in_progress", 50, dt.date(2019, 8, 12))
    assert "file-second-reader" in [f.code for f in sub.findings]


def test_damaged_only_when_both_readers_fail(tmp_path, master):
    """The same file without its manifest, which odfpy needs: python-calamine and odfpy both fail, and the
    file is damaged, with python-calamine's reason and no second-reader finding."""
    sub = read_submission(handmade_ods(tmp_path / "BAPPEDA.ods", manifest=False), master, period=PERIOD,
                          today=TODAY)
    assert sub.status == "rejected" and [f.code for f in sub.findings] == ["file-unreadable"]
    assert sub.findings[0].param("reason") == "reason.file.corrupt"
