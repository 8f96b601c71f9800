"""What finance and OPD staff see on paper and on screen, through a real
LibreOffice: the consolidated, template and feedback workbooks of the examples
in both languages, and of a plan of 40 OPDs sharing 47 indicators.

* Printed text is at least 7 pt high on every page of every sheet (glyph
  boxes from ``pdftotext -bbox``, poppler-utils): the Monev sheet printed 26
  columns on one A4 width, 3.6 pt.
* No text overlaps other text on a page: wrapped text that LibreOffice did
  not fit into its row ran over the next row's text.
* Every row is at least as high as LibreOffice needs for its wrapped cells,
  and text that cannot spill into the next cell fits its column (LibreOffice's
  own optimal heights and widths, asked through UNO by ``tests/uno_layout.py``
  with the system Python that has python3-uno).
* The chart of the index per aspect names the aspects and its data labels
  stand apart; dates show the month's name ("12 Agu 2019") whatever the
  computer's locale.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REQUIRE_LO, ROOT, TESTS
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel.master import load_master
from spbe_excel.merge import consolidate
from spbe_excel.read.batch import collect_files, read_many
from spbe_excel.read.ours.previous import read_previous
from spbe_excel.read.submission import read_submission
from spbe_excel.write.feedback import write_feedback, write_feedback_for_consolidation
from spbe_excel.write.template import write_template, write_templates
from spbe_excel.write.workbook import write_consolidated
from spbe_excel.write.workbook.index import aspect_labels
from spbe_excel.write.workbook.layout import INDEX_PART_COLS

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]
EXAMPLES = ROOT / "examples"
FLOOR = 7.0  # points: the smallest glyph box a printed word may have
LARGE_OPDS = 40


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} not found; install poppler-utils"
        if REQUIRE_LO:
            pytest.fail(message + " (SPBE_REQUIRE_LIBREOFFICE=1)")
        pytest.skip(message)
    return path


def pdf_pages(pdf: Path) -> list[list[Word]]:
    """The words of every page of ``pdf`` with their boxes (points, y downwards)."""
    html = subprocess.run([_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([Word(float(a), float(b), float(c), float(d), _unescape(text)) for a, b, c, d, text in
                      re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                                 page)])
    return pages


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def _footer(page: list[Word]) -> str:
    """The left footer of a page (the sheet's name, or the OPD for a template): the words of its last line."""
    last = max(w.y0 for w in page)
    return " ".join(w.text for w in sorted(page, key=lambda w: w.x0) if w.y0 > last - 1 and w.x0 < 300)


# ---- the workbooks ---------------------------------------------------------------------------------------

def _examples(out: Path, master, lang: str) -> dict[str, Path]:
    subs = read_many(collect_files([EXAMPLES / "triwulan-iii"]), master, period=PERIOD, today=TODAY, workers=0)
    previous = read_previous(EXAMPLES / "rekap-triwulan-ii-2019.xlsx", master)
    cons = consolidate(subs, master, period=PERIOD, as_of=TODAY, previous=previous)
    books = {f"rekap-{lang}": write_consolidated(cons, out / f"rekap-{lang}.xlsx", lang=lang)}
    for path in write_feedback_for_consolidation(cons, out / f"fb-{lang}", lang=lang):
        books[f"fb-{lang}-{path.stem}"] = path
    organisasi = read_submission(EXAMPLES / "triwulan-iii" / "Monev SPBE Bag Organisasi TW3.xlsx", master,
                                 period=PERIOD, today=TODAY)  # dated 12/08/2019, no finding
    books[f"fb-{lang}-organisasi"] = write_feedback(organisasi, master, out / f"fb-organisasi-{lang}.xlsx", lang=lang)
    [blank] = write_templates(out / f"blank-{lang}", master, period=None, all_rows=True, lang=lang)
    books[f"blank-{lang}"] = blank
    books[f"dkis-{lang}"] = write_template(out / f"dkis-{lang}.xlsx", master, opd="DKIS", period=PERIOD, lang=lang)
    return books


def _messy_feedback(out: Path, master) -> Path:
    """A feedback workbook with long messages, a value that did not parse and a row that could not be placed."""
    rows = {4: {**good_row(4), "status": "Selesai", "progress": 0.9, "evidence": None},
            10: {**good_row(10), "progress": "tujuh puluh", "achievement": "Draf Perwali. " * 30},
            21: {**good_row(21), "obstacles": "=Menunggu jadwal rapat koordinasi", "spent": 99_000_000}}

    def add_unknown_row(wb, ws):
        ws.cell(12, 1).value, ws.cell(12, 9).value, ws.cell(12, 14).value = 77, "proses", "baris asing"
    path = fill(template(out, master, "BAPPEDA"), out / "BAPPEDA_kiriman.xlsx", rows, edit=add_unknown_row)
    sub = read_submission(path, master, period=PERIOD, today=TODAY)
    return write_feedback(sub, master, out / "fb-messy.xlsx")


def _large(out: Path) -> dict[str, Path]:
    """A plan of 40 OPDs sharing the 47 indicators of the 2020 framework (benchmarks/synthetic.py)."""
    master_path, folder = synthetic.prepare(out, LARGE_OPDS, plan="shared")
    master = load_master(master_path)
    subs = read_many(collect_files([folder]), master, period=PERIOD, today=TODAY, workers=0)
    cons = consolidate(subs, master, period=PERIOD, as_of=TODAY)
    first = min(subs, key=lambda s: s.opd)
    return {"large-rekap": write_consolidated(cons, out / "large-rekap.xlsx"),
            "large-fb": write_feedback(first, master, out / "large-fb.xlsx"),
            "large-blank": write_template(out / "large-blank.xlsx", master, opd=None, period=None)}


def _actions(out: Path) -> dict[str, Path]:
    """A plan with several actions per indicator (tests/actions_plan.py): its Monev and Master sheets have an
    Aksi column, its templates the action ids in their No cells."""
    from actions_plan import REPORTS, fill_templates, templates_for, write_master

    master = load_master(write_master(out / "actions-plan.xlsx"))
    templates = templates_for(master, out / "actions-templates")
    subs = read_many(collect_files([fill_templates(templates, out / "actions-tw3", REPORTS)]), master, period=PERIOD,
                     today=TODAY, workers=0)
    cons = consolidate(subs, master, period=PERIOD, as_of=TODAY)
    return {"actions-rekap": write_consolidated(cons, out / "actions-rekap.xlsx"),
            "actions-dkis": next(templates.glob("DKIS_*.xlsx"))}


@pytest.fixture(scope="module")
def books(tmp_path_factory, master) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("print")
    books = {**_examples(out, master, "id"), **_examples(out, master, "en"), "fb-messy": _messy_feedback(out, master)}
    books.update(_actions(out))
    books.update(_large(out))
    return books


@pytest.fixture(scope="module")
def printed(books, libreoffice, tmp_path_factory) -> dict[str, list[list[Word]]]:
    _tool("pdftotext")
    pdfs = libreoffice.convert(list(books.values()), "pdf", tmp_path_factory.mktemp("pdf"), timeout=900)
    return {name: pdf_pages(pdf) for name, pdf in zip(books, pdfs)}


# ---- C1: text of 7 pt or more -----------------------------------------------------------------------------

def test_every_printed_page_of_every_workbook_has_text_of_7_points_or_more(printed):
    small = []
    for name, pages in printed.items():
        assert pages, name
        for n, page in enumerate(pages, 1):
            assert page, f"{name} page {n} is empty"
            low = min(page, key=lambda w: w.height)
            if low.height < FLOOR:
                small.append(f"{name} page {n} ({_footer(page)}): {low.text!r} {low.height:.1f} pt")
    assert not small, "\n".join(small)


def test_the_monev_sheet_prints_on_four_page_widths_with_its_identifying_columns(printed):
    pages = [p for p in printed["rekap-id"] if _footer(p).startswith("Monev")]
    heads = [[w.text for w in sorted(p, key=lambda w: (round(w.y0), w.x0))][:40] for p in pages]
    assert all(h[:6] == ["REKAP", "MONEV", "PENINGKATAN", "INDEKS", "SPBE", "-"] for h in heads)  # page header
    texts = [" ".join(w.text for w in p) for p in pages]
    assert all("Indikator" in x and "Kode OPD" in x for x in texts)  # repeated on every page
    firsts = [n for n, x in enumerate(texts) if "Tindak Lanjut" in x]
    seconds = [n for n, x in enumerate(texts) if "Uraian Capaian" in x]
    thirds = [n for n, x in enumerate(texts) if "Didukung" in x]  # the latest state: Selesai Tidak Didukung Karena
    fourths = [n for n, x in enumerate(texts) if "Berkas Sumber" in x]
    assert firsts and seconds and thirds and len(firsts) == len(seconds) == len(thirds) == len(fourths)
    assert len(pages) == 4 * len(firsts)


def test_the_monev_sheet_of_a_plan_with_several_actions_repeats_them_on_every_page(printed):
    """No, Aksi, Indikator and OPD on every page width (four, as without actions)."""
    pages = [p for p in printed["actions-rekap"] if _footer(p).startswith("Monev")]
    texts = [" ".join(w.text for w in p) for p in pages]
    assert len(pages) == 4 and all("Aksi" in x and "Kode OPD" in x and "1.2" in x and "6.2" in x for x in texts)


# ---- C2: nothing overlaps, nothing is cut off --------------------------------------------------------------

def _core(w: Word) -> tuple[float, float, float, float]:
    """The middle of a glyph box: boxes of consecutive lines of one cell overlap, their middles do not."""
    mid, half = (w.y0 + w.y1) / 2, w.height * 0.3
    return w.x0 + 0.3, mid - half, w.x1 - 0.3, mid + half


def overlaps(page: list[Word]) -> list[tuple[Word, Word]]:
    """Pairs of words whose middles overlap: text printed over text."""
    bands: dict[int, list[tuple[tuple[float, float, float, float], Word]]] = defaultdict(list)
    found = []
    for w in page:
        box = _core(w)
        for band in {int(box[1] // 4), int(box[3] // 4)}:
            for other, v in bands[band]:
                if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                    found.append((v, w))
            bands[band].append((box, w))
    return list(dict.fromkeys(found))


def test_overlap_detection_finds_text_printed_over_text():
    page = [Word(10, 10, 50, 19, "Kebijakan"), Word(10, 17.8, 50, 26.8, "Internal"),  # two lines of a cell
            Word(60, 10, 90, 19, "Layanan"), Word(70, 12, 110, 21, "Berbasis")]  # a line run over another
    assert [(a.text, b.text) for a, b in overlaps(page)] == [("Layanan", "Berbasis")]


def test_no_printed_text_overlaps_other_text(printed):
    found = []
    for name, pages in printed.items():
        for n, page in enumerate(pages, 1):
            found += [f"{name} page {n} ({_footer(page)}): {a.text!r} / {b.text!r}" for a, b in overlaps(page)]
    assert not found, "\n".join(found[:40])


@pytest.fixture(scope="module")
def layout(books, libreoffice, tmp_path_factory) -> dict[str, dict]:
    """LibreOffice's optimal row heights and column widths for the small workbooks (UNO, one call per cell)."""
    uno = Path("/usr/bin/python3")
    probe = subprocess.run([str(uno), "-c", "import uno"], capture_output=True) if uno.exists() else None
    if probe is None or probe.returncode != 0:
        message = "the system Python has no UNO bridge; install python3-uno"
        if REQUIRE_LO:
            pytest.fail(message + " (SPBE_REQUIRE_LIBREOFFICE=1)")
        pytest.skip(message)
    names = [n for n in books if not n.startswith("large")]
    out = tmp_path_factory.mktemp("uno") / "layout.json"
    profile = tmp_path_factory.mktemp("uno-profile")
    subprocess.run([str(uno), str(TESTS / "uno_layout.py"), str(profile), str(out), *(str(books[n]) for n in names)],
                   check=True, timeout=900, env={**os.environ, "HOME": str(profile)})
    found = json.loads(out.read_text(encoding="utf-8"))
    return {n: found[str(books[n])] for n in names}


MAX_ROW = round(409 * 2540 / 72)  # Excel's largest row height, 1/100 mm
LINE = 400  # a line of 10 pt text in LibreOffice, 1/100 mm (about 11.3 pt)


def test_every_row_is_as_high_as_libreoffice_needs_and_no_higher_than_excel_may(layout):
    short, tall = [], []
    for name, sheets in layout.items():
        for sheet, found in sheets.items():
            for row, height, optimal in found["rows"]:
                where = f"{name} {sheet}!{row + 1}: {height / 100:.1f} mm, LibreOffice needs {optimal / 100:.1f} mm"
                if height + 10 < optimal and height < MAX_ROW - 10:
                    short.append(where)
                if height > optimal * 1.25 + 2 * LINE:
                    tall.append(where)  # far more than even Excel's taller lines need
    assert not short, "\n".join(short)
    assert not tall, "\n".join(tall)


def test_text_that_cannot_spill_over_fits_its_column(layout):
    clipped = [f"{name} {sheet} column {col + 1}: {width / 100:.1f} mm, its text needs {needed / 100:.1f} mm"
               for name, sheets in layout.items() for sheet, found in sheets.items()
               for col, width, needed in found["columns"] if needed > width + 10]
    assert not clipped, "\n".join(clipped)


# ---- C3: the chart of the index per aspect -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["rekap-id", "rekap-en", "large-rekap"])
def test_the_aspect_chart_names_the_aspects_and_keeps_its_labels_apart(name, printed, books, master):
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(books[name]))
    index = book.get_sheet_by_index(2).to_python()
    top = next(n for n, row in enumerate(index) if row[0] in ("INDEKS PER ASPEK", "INDEX PER ASPECT"))
    aspects = [row for row in index[top + 2:] if row[0] != ""]
    aspects = aspects[:next((n for n, row in enumerate(aspects) if not isinstance(row[0], float)), len(aspects))]
    labels = [row[INDEX_PART_COLS.index("label")] for row in aspects]
    # a bar each of the baseline, the estimate and the verified index (issue 19)
    values = sorted(row[INDEX_PART_COLS.index(k)] for row in aspects for k in ("baseline", "estimate", "verified"))
    if not name.startswith("large"):
        assert labels == aspect_labels(master)
    page = printed[name][0]
    text = " ".join(w.text for w in page)
    for label in labels:
        assert label in text, label  # named on the axis, not numbered
    left = max(w.x1 for w in page if w.text == labels[0].split()[-1])  # the chart's category axis
    numbers = [w for w in page if re.fullmatch(r"\d\.\d\d", w.text) and w.x0 > left]
    shown = sorted(float(w.text) for w in numbers)  # every data label, none run into another
    assert len(shown) == len(values) and all(abs(a - b) < 0.0051 for a, b in zip(shown, values)), (shown, values)
    for i, a in enumerate(numbers):
        for b in numbers[i + 1:]:
            assert a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0, (a, b)


def test_aspect_labels_drop_what_the_aspects_of_a_domain_share(master):
    assert aspect_labels(master) == ["Kebijakan Tata Kelola", "Kebijakan Layanan", "Kelembagaan",
                                     "Strategi dan Perencanaan", "Teknologi Informasi dan Komunikasi",
                                     "Layanan Administrasi Pemerintahan", "Layanan Publik"]
    shared = synthetic.make_master(3, plan="shared")  # the 2020 framework: aspects named otherwise
    labels = aspect_labels(shared)
    assert len(labels) == len({p.name for d in shared.domains for p in d.aspects})
    assert len(set(labels)) == len(labels) and all(labels)


# ---- A7: dates with the month's name -----------------------------------------------------------------------

@pytest.mark.parametrize(("name", "lang"), [("rekap-id", "id"), ("rekap-en", "en"), ("fb-id-organisasi", "id"),
                                            ("fb-en-organisasi", "en")])
def test_dates_print_with_the_month_name_of_the_workbook_language(name, lang, printed):
    text = " ".join(w.text for page in printed[name] for w in page)
    august = "Agu" if lang == "id" else "Aug"
    assert f"12 {august} 2019" in text  # typed 12/08/2019: 12 August, unambiguous on screen and on paper
