"""Workbooks that are small on disk and large when read: one long text that many cells name (the table of texts
of an .xlsx, repeated cells of an .ods), and a workbook of many rows.  Built with zipfile and openpyxl."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import openpyxl

from spbe_excel import pipeline
from spbe_excel.model.columns import TEMPLATE_COLUMNS
from spbe_excel.text.words import column_label
from spbe_excel.write.template.layout import HEADER_ROW

TEXT_KEYS = ("achievement", "evidence", "obstacles", "responsible")


def _columns(ws) -> dict[str, int]:
    labels = {column_label(c, "id"): c.key for c in TEMPLATE_COLUMNS}
    return {labels[c.value]: c.column for c in ws[HEADER_ROW + 1] if c.value in labels}


def template(folder: Path, opd: str, period: str) -> Path:
    [path] = pipeline.write_templates(folder, pipeline.load_plan(), period=period, opds=[opd])
    return Path(path)


PLACEHOLDER = "@@TEXT@@"


def one_text_everywhere(template_path: Path, out: Path, cells: int = 60, size: int = 1_000_000) -> Path:
    """The OPD's template with ``cells`` text cells (its rows' Uraian Capaian, Bukti Dukung, Kendala and Penanggung
    Jawab) naming one string of ``size`` characters in the workbook's table of texts (sharedStrings.xml), as Excel
    writes a text that many cells hold: some 20 KB on disk."""
    wb = openpyxl.load_workbook(template_path)
    ws = wb.worksheets[1]
    cols = _columns(ws)
    done = 0
    for r in range(HEADER_ROW + 2, ws.max_row + 1):
        if not isinstance(ws.cell(r, 1).value, int):
            continue
        ws.cell(r, cols["status"]).value = "Dalam Proses"
        ws.cell(r, cols["progress"]).value = 0.5
        for key in TEXT_KEYS:
            if done < cells:
                ws.cell(r, cols[key]).value = PLACEHOLDER
                done += 1
    assert done == cells, f"the template has room for {done} texts"
    buf = io.BytesIO()
    wb.save(buf)
    return _shared(buf.getvalue(), out, "Capaian " + "A" * (size - 8))


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _shared(data: bytes, out: Path, text: str) -> Path:
    """The workbook ``data`` with every cell holding PLACEHOLDER (written inline by openpyxl) naming string 0 of
    a table of texts that holds ``text``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    placeholder = f'<is><t>{PLACEHOLDER}</t></is>'.encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            body = src.read(info)
            if placeholder in body:
                body = re.sub(rb't="inlineStr">' + re.escape(placeholder), b't="s"><v>0</v>', body)
            elif info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b"</Relationships>", f'<Relationship Type="{_REL}" Target="sharedStrings.xml" '
                                    f'Id="rIdS" /></Relationships>'.encode())
            elif info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}" '
                                    f'/></Types>'.encode())
            zf.writestr(info.filename, body)
        zf.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst '
                    f'xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>')
    return out


def many_rows(template_path: Path, out: Path, rows: int = 60_000, seed: int = 1) -> Path:
    """The OPD's template with ``rows`` rows more, each with a No the plan does not have, a status, a progress and
    a few words of text: a file of several megabytes and as many findings as rows."""
    rng = random.Random(seed)
    words = ("rapat", "koordinasi", "aplikasi", "layanan", "dokumen", "pengadaan", "integrasi", "data", "server",
             "jaringan", "pelatihan", "anggaran", "kebijakan", "arsitektur", "keamanan", "evaluasi", "sistem")
    wb = openpyxl.Workbook(write_only=True)
    src = openpyxl.load_workbook(template_path)
    ws_src = src.worksheets[1]
    cols = _columns(ws_src)
    ws = wb.create_sheet(ws_src.title)
    width = max(cols.values())
    for row in ws_src.iter_rows(min_row=1, max_row=ws_src.max_row, values_only=True):
        ws.append(list(row))
    for i in range(rows):
        values: list = [None] * width
        values[0] = 1000 + i
        values[cols["status"] - 1] = "Dalam Proses"
        values[cols["progress"] - 1] = rng.randint(1, 99) / 100
        values[cols["achievement"] - 1] = " ".join(rng.choice(words) for _ in range(26)).capitalize() + "."
        values[cols["evidence"] - 1] = f"Dokumen No. {rng.randint(1, 999)}/{rng.randint(1, 99)}/2019"
        values[cols["obstacles"] - 1] = " ".join(rng.choice(words) for _ in range(8)).capitalize() + "."
        ws.append(values)
    for name in src.sheetnames[2:]:  # the template's metadata
        meta = wb.create_sheet(name)
        for row in src[name].iter_rows(values_only=True):
            meta.append(list(row))
    wb.save(out)
    return out


def ods_repeated_text(out: Path, cells: int = 60, size: int = 1_000_000) -> Path:
    """An .ods whose one cell holds a text of ``size`` characters, repeated ``cells`` times across its row."""
    text = "A" * size
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Monev"><table:table-row>'
        f'<table:table-cell table:number-columns-repeated="{cells}" office:value-type="string"><text:p>{text}'
        '</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
        '</office:document-content>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                    '<manifest:file-entry manifest:full-path="/" '
                    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
                    compress_type=zipfile.ZIP_DEFLATED)
    out.write_bytes(buf.getvalue())
    return out
