"""Where everything sits in the consolidated workbook.

:func:`plan` computes the :class:`Layout` from the consolidation before any
sheet is written: the sheet names, the Monev row of every pair and the
Monev columns, the rows of Temuan and Sumber, the tables of Indeks (overall,
predicates, indicators, aspects, domains) and of Ringkasan (key figures, the
table per OPD), each placed from the size of what comes before it.  Every
position a sheet needs from another comes from here, so no sheet depends on
another having been written first, and the layout hands out the references
the figures are computed over (:class:`spbe_excel.figures.References`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from xlsxwriter.utility import quote_sheetname, xl_col_to_name, xl_range_abs, xl_rowcol_to_cell

from spbe_excel.figures import KEY_FIGURES, OPD_FIGURES, ROW
from spbe_excel.merge import Consolidation
from spbe_excel.model.columns import MONEV_COLUMNS, monev_columns
from spbe_excel.model.findings import Severity
from spbe_excel.model.levels import PREDICATES, PredicateRule
from spbe_excel.model.verification import Verdict
from spbe_excel.model.vocab import PairState, Status
from spbe_excel.text import t
from spbe_excel.text.words import predicate, severity_label, status_label, verdict_label

SHEETS = ("summary", "monev", "index", "matrix", "findings", "sources", "master")  # in the workbook's order

MONEV_KEYS = tuple(c.key for c in MONEV_COLUMNS)  # a plan with several actions per indicator adds Aksi after No
MONEV_HEADER = 3  # 0-based row of the Monev header
FINDING_COLS = ("no", "severity", "code", "opd", "indicator", "file", "cell", "value", "message", "link")
FINDINGS_HEADER = 2
SOURCE_COLS = ("path", "opd", "period", "format", "sha", "size", "modified", "rows", "use", "errors")
SOURCES_HEADER = 2

INDEX_TOP = 3  # title row of the overall table and, beside it, of the predicate table
# The overall table: a row per index (its label in the first two columns, merged; its value; its predikat; what it
# means, over the next columns), then the sum of the weights.
INDEX_OVERALL_ROWS = ("baseline", "estimate", "verified", "weight")
INDEX_OVERALL_PREDICATES = {"pred_base": "baseline", "pred_est": "estimate", "pred_ver": "verified"}
INDEX_VALUE_COL, INDEX_PREDICATE_COL, INDEX_MEANING_COLS = 2, 3, (4, 7)
INDEX_INDICATOR_COLS = ("no", "indicator", "domain", "aspect", "weight", "baseline", "estimate", "verified", "claimed",
                        "note")
INDEX_PART_COLS = ("no", "name", "label", "weight", "baseline", "estimate", "verified", "pred_base", "pred_est",
                   "pred_ver")
PREDICATE_COL = 8  # lower bounds; the names in the next column

SUMMARY_INFO = ("wb.period", "wb.as_of", "wb.files", "wb.fingerprint")  # the first rows of Ringkasan, from row 2
KEY_FIGURES_TOP = 2 + len(SUMMARY_INFO) + 1  # title row of the key figures; one row per figure below it
OPD_TABLE_COLS = ("code", "name", *OPD_FIGURES)
ROW_PX = 20  # a row of the default 15 points, in the pixels chart sizes are given in
PROGRESS_CHART_MAX_OPDS = 40  # beyond this the per-OPD table's data bars show progress, without a chart


def index_chart_px(aspects: int) -> int:
    """The height of the chart of the index per aspect: a bar of baseline, of estimate and of verified per aspect."""
    return 64 * aspects + 110


def progress_chart_px(opds: int) -> int:
    """The height of the chart of mean progress per OPD: a bar per OPD."""
    return 18 * opds + 80


class Table(NamedTuple):
    """A table of one sheet: its title row, the header row below it, then its data rows."""

    title: int
    first: int  # first data row
    last: int  # last data row

    @property
    def header(self) -> int:
        return self.first - 1


def _below(previous_last: int, rows: int) -> Table:
    """A table of ``rows`` data rows, two empty rows below a table that ends at row ``previous_last``."""
    title = previous_last + 3
    return Table(title, title + 2, title + 1 + rows)


@dataclass(frozen=True)
class IndexRows:
    overall: Table  # one data row
    predicates: Table  # beside the overall table, from column PREDICATE_COL
    indicators: Table
    aspects: Table
    domains: Table


@dataclass(frozen=True)
class SummaryRows:
    key_figures: dict[str, int]  # text key of the figure -> row; the chart of the index per aspect beside them
    legend: int  # the row below the key figures that says what each of the three indexes means
    note: int  # the row below it for a note on the index's predikat
    opds: Table  # the table per OPD, below the key figures and that chart
    progress_chart: int | None  # the row of the chart of progress per OPD, on a page of its own (None: none)


@dataclass(frozen=True)
class Layout:
    lang: str
    names: dict[str, str]  # sheet key -> sheet name
    monev_keys: tuple[str, ...]  # the Monev columns, in order
    pairs: Table  # the pair rows of Monev
    monev_rows: dict[tuple[str, str], int]  # (action, OPD) -> row
    findings_rows: Table  # at least one row (the autofilter needs one)
    source_rows: dict[str, int]  # path -> row on Sumber
    index: IndexRows
    summary: SummaryRows
    ranges: dict[tuple[str, str], str]  # (sheet, column key) -> absolute range over the sheet's data rows

    def sheet(self, key: str) -> str:
        """The name of a sheet as a formula refers to it (quoted when needed)."""
        return quote_sheetname(self.names[key])

    # ---- the references of the figures (spbe_excel.figures.References) ----
    def monev(self, key: str) -> str:
        return self.ranges[("monev", key)]

    def findings(self, key: str) -> str:
        return self.ranges[("findings", key)]

    def index_column(self, key: str) -> str:
        return self.ranges[("index", key)]

    def index_overall(self, key: str) -> str:
        return f"{self.sheet('index')}!{self.overall_cell(key, absolute=True)}"

    def overall_cell(self, key: str, absolute: bool = False) -> str:
        """The cell on Indeks of an index of the overall table (baseline, estimate, verified, weight) or of its
        predikat (pred_base, pred_est, pred_ver)."""
        row = self.index.overall.first + INDEX_OVERALL_ROWS.index(INDEX_OVERALL_PREDICATES.get(key, key))
        col = INDEX_PREDICATE_COL if key in INDEX_OVERALL_PREDICATES else INDEX_VALUE_COL
        return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)

    def predicate_table(self, elsewhere: bool = False) -> tuple[str, str]:
        p = self.index.predicates
        sheet = f"{self.sheet('index')}!" if elsewhere else ""
        return (sheet + xl_range_abs(p.first, PREDICATE_COL, p.last, PREDICATE_COL),
                sheet + xl_range_abs(p.first, PREDICATE_COL + 1, p.last, PREDICATE_COL + 1))

    def key_figure(self, key: str) -> str:
        return xl_rowcol_to_cell(self.summary.key_figures[key], 1)

    def word(self, item: Status | PairState | Severity | Verdict) -> str:
        if isinstance(item, Verdict):
            return verdict_label(item, self.lang)
        if isinstance(item, Status):
            return status_label(item, self.lang)
        if isinstance(item, Severity):
            return severity_label(item, self.lang)
        return t(f"state.{item}", self.lang)

    def grid_word(self) -> str:
        return t("wb.mx.reported", self.lang)

    def predicate(self, value: float, exact: bool) -> str:
        return predicate(value, self.lang, exact)

    def note(self, rule: PredicateRule) -> str:
        return t("index.note.formula", self.lang, year=rule.year)

    def opd_column(self, key: str) -> str:
        return self.ranges[("opds", key)]

    # ---- cells of a row, for the figures over their own row ----
    def monev_cell(self, key: str) -> str:
        """A Monev column's letter followed by the figures' row marker (``figures.ROW``)."""
        return f"{xl_col_to_name(self.monev_keys.index(key))}{ROW}"

    def opd_cell(self, n: int, key: str) -> str:
        """The cell of column ``key`` on row ``n`` of the per-OPD table of Ringkasan."""
        return xl_rowcol_to_cell(self.summary.opds.first + n, OPD_TABLE_COLS.index(key))


def plan(cons: Consolidation, lang: str) -> Layout:
    """The layout of the workbook of ``cons`` in ``lang``."""
    names = {k: t(f"wb.sheet.{k}", lang) for k in SHEETS}
    monev_keys = tuple(c.key for c in monev_columns(cons.master.numbered))
    monev = Table(0, MONEV_HEADER + 1, MONEV_HEADER + len(cons.rows))
    findings = Table(0, FINDINGS_HEADER + 1, FINDINGS_HEADER + max(1, len(cons.findings)))
    index = _index_rows(len(cons.master.indicators), len(cons.index.aspects), len(cons.index.domains))
    summary = _summary_rows(len(cons.opds_expected), len(cons.index.aspects))
    tables = {"monev": (monev, monev_keys), "findings": (findings, FINDING_COLS),
              "index": (index.indicators, INDEX_INDICATOR_COLS), "opds": (summary.opds, OPD_TABLE_COLS)}
    quoted = {"monev": quote_sheetname(names["monev"]) + "!", "findings": quote_sheetname(names["findings"]) + "!"}
    ranges = {(sheet, key): f"{quoted.get(sheet, '')}{xl_range_abs(table.first, c, table.last, c)}"
              for sheet, (table, keys) in tables.items() for c, key in enumerate(keys)}
    return Layout(
        lang=lang, names=names, monev_keys=monev_keys, pairs=monev,
        monev_rows={(row.action, row.opd): monev.first + n for n, row in enumerate(cons.rows)},
        findings_rows=findings,
        source_rows={s.submission.path: SOURCES_HEADER + 1 + n for n, s in enumerate(cons.sources)},
        index=index, summary=summary, ranges=ranges)


def _index_rows(indicators: int, aspects: int, domains: int) -> IndexRows:
    overall = Table(INDEX_TOP, INDEX_TOP + 2, INDEX_TOP + 1 + len(INDEX_OVERALL_ROWS))
    predicates = Table(INDEX_TOP, INDEX_TOP + 2, INDEX_TOP + 1 + len(PREDICATES))
    # the index per aspect and per domain, then the level per indicator, whose header is repeated on every
    # printed page after its first (LibreOffice and Excel repeat print titles from where they stand): the
    # short tables above it are never printed under the header of another
    top = max(overall.last + 3, predicates.last + 2)  # two empty rows below the overall row, one below predicates
    by_aspect = Table(top, top + 2, top + 1 + aspects)
    by_domain = _below(by_aspect.last, domains)
    table = _below(by_domain.last, indicators)
    return IndexRows(overall, predicates, table, by_aspect, by_domain)


def _summary_rows(opds: int, aspects: int) -> SummaryRows:
    rows = {key: KEY_FIGURES_TOP + 1 + n for n, key in enumerate(KEY_FIGURES)}
    legend = KEY_FIGURES_TOP + len(KEY_FIGURES) + 1
    note = legend + 1
    chart_end = KEY_FIGURES_TOP + -(-index_chart_px(aspects) // ROW_PX)
    table = _below(max(note, chart_end), opds)
    return SummaryRows(rows, legend, note, table, table.last + 2 if 0 < opds <= PROGRESS_CHART_MAX_OPDS else None)
