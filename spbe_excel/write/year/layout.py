"""Where everything sits in the year workbook, computed up front from the year (:func:`plan`), so that no sheet
depends on another having been written first: the sheet names, the columns of each period on Perkembangan,
Indeks and Pelaporan, the rows of every table.  A period without a consolidated workbook keeps its columns
(shown as missing), so that a column means the same period in every year workbook of the plan."""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.utility import quote_sheetname, xl_range_abs, xl_rowcol_to_cell

from spbe_excel.model.levels import PREDICATES
from spbe_excel.text import t
from spbe_excel.year.assemble import Year

SHEETS = ("summary", "progress", "index", "reporting", "overdue", "sources", "master")  # in the workbook's order

# Perkembangan: the columns that name a pair (repeated on every printed page width up to OPD), three per period,
# its latest state, and last its indicator (the action is what the year follows; the Indeks sheet has the indicators)
PAIR_KEYS = ("no", "action", "follow_up", "opd", "target_year")
PERIOD_KEYS = ("status", "progress", "level")
LATEST_KEYS = ("latest_period", "latest_status", "latest_progress", "trend")
PROGRESS_HEADER = 3  # the row of the period labels; the row below it names the columns
# Indeks: the indicator columns, then three per period
INDEX_KEYS = ("no", "indicator", "domain", "aspect", "weight", "baseline", "target")
INDEX_PERIOD_KEYS = ("counted", "claimed", "verified")
PREDICATES_TOP = 3  # title row of the predicate table; its header below, then one row per predicate
# Pelaporan: the OPD, three columns per period, the year's counts
OPD_KEYS = ("code", "name", "pairs")
OPD_PERIOD_KEYS = ("rate", "received", "late")
OPD_TOTAL_KEYS = ("on_time", "late_periods", "not_reported")
REPORTING_DUE = 3  # the row of the due dates, above the period labels and the column names
# Ringkasan: the index per period, then its notes and chart; on the next page the domains and the statuses
INDEX_TABLE_KEYS = ("period", "source", "as_of", "baseline", "target", "claimed", "counted", "verified", "predicate",
                    "gap")
OVERDUE_KEYS = ("no", "action", "indicator", "follow_up", "opd", "target_year", "years", "status", "progress",
                "period")
OVERDUE_HEADER = 3
SOURCE_KEYS = ("period", "file", "as_of", "fingerprint", "sha", "size")
SOURCES_HEADER = 2
ROW_PX = 20
INDEX_CHART_ROWS = 16  # the chart of the index per period
STATUS_CHART_ROWS = 16


@dataclass(frozen=True)
class Table:
    title: int
    header: int  # the (last) header row
    first: int
    last: int


@dataclass(frozen=True)
class YearLayout:
    lang: str
    names: dict[str, str]
    pair_keys: tuple[str, ...]  # the columns that name a pair (Aksi only in a plan whose actions are numbered)
    periods: int
    progress: Table
    index: Table
    predicates: Table
    reporting: Table
    overdue: Table
    summary_index: Table
    summary_notes: int  # two rows: what claimed, counted and verified mean; the note on a predikat near a bound
    index_chart: int
    domains: Table
    statuses: Table
    status_chart: int

    def sheet(self, key: str) -> str:
        return quote_sheetname(self.names[key])

    # ---- Perkembangan ----
    def progress_col(self, n: int, key: str) -> int:
        """The column of ``key`` (status, progress, level) of period ``n``."""
        return len(self.pair_keys) + len(PERIOD_KEYS) * n + PERIOD_KEYS.index(key)

    def latest_col(self, key: str) -> int:
        return len(self.pair_keys) + len(PERIOD_KEYS) * self.periods + LATEST_KEYS.index(key)

    @property
    def indicator_col(self) -> int:
        return len(self.pair_keys) + len(PERIOD_KEYS) * self.periods + len(LATEST_KEYS)

    @property
    def progress_width(self) -> int:
        return self.indicator_col + 1

    def progress_range(self, c: int) -> str:
        """A column of Perkembangan over every pair row, absolute, with its sheet."""
        p = self.progress
        return f"{self.sheet('progress')}!{xl_range_abs(p.first, c, max(p.first, p.last), c)}"

    # ---- Indeks ----
    def index_col(self, key: str, n: int | None = None) -> int:
        if n is None:
            return INDEX_KEYS.index(key)
        return len(INDEX_KEYS) + len(INDEX_PERIOD_KEYS) * n + INDEX_PERIOD_KEYS.index(key)

    def index_range(self, key: str, n: int | None = None) -> str:
        c, i = self.index_col(key, n), self.index
        return f"{self.sheet('index')}!{xl_range_abs(i.first, c, i.last, c)}"

    def predicate_ranges(self) -> tuple[str, str]:
        p, sheet = self.predicates, self.sheet("index")
        return f"{sheet}!{xl_range_abs(p.first, 0, p.last, 0)}", f"{sheet}!{xl_range_abs(p.first, 1, p.last, 1)}"

    # ---- Pelaporan ----
    def opd_col(self, key: str, n: int | None = None) -> int:
        if key in OPD_KEYS:
            return OPD_KEYS.index(key)
        if n is not None:
            return len(OPD_KEYS) + len(OPD_PERIOD_KEYS) * n + OPD_PERIOD_KEYS.index(key)
        return len(OPD_KEYS) + len(OPD_PERIOD_KEYS) * self.periods + OPD_TOTAL_KEYS.index(key)

    @property
    def reporting_width(self) -> int:
        return len(OPD_KEYS) + len(OPD_PERIOD_KEYS) * self.periods + len(OPD_TOTAL_KEYS)

    def due_cell(self, n: int) -> str:
        return xl_rowcol_to_cell(REPORTING_DUE, self.opd_col("received", n), row_abs=True, col_abs=True)

    # ---- Ringkasan ----
    def summary_cell(self, n: int, key: str) -> str:
        return xl_rowcol_to_cell(self.summary_index.first + n, INDEX_TABLE_KEYS.index(key))


def period_breaks(ws, widths: list[float], repeat: int, first: int, size: int, periods: int) -> None:
    """Cut a sheet's page widths between periods, never inside one: the columns of period ``n`` are ``first +
    size * n`` to the next; a page width that would start inside a period starts at its first column instead."""
    from spbe_excel.write.workbook.style import page_columns

    _, breaks = page_columns(widths, repeat)
    end = first + size * periods
    aligned = sorted({first + size * ((b - first) // size) if first < b < end else b for b in breaks} - {first})
    if aligned:
        ws.set_v_pagebreaks(aligned)


def _below(after: int, rows: int, headers: int = 1, gap: int = 2) -> Table:
    title = after + gap + 1
    header = title + headers
    return Table(title, header, header + 1, header + max(rows, 1))


def plan(year: Year, lang: str, overdue: int) -> YearLayout:
    """The layout of the year workbook of ``year`` in ``lang`` (``overdue``: how many pairs are past their target
    year)."""
    names = {k: t(f"yr.sheet.{k}", lang) for k in SHEETS}
    numbered = year.master.numbered
    pair_keys = tuple(k for k in PAIR_KEYS if numbered or k != "action")
    periods = len(year.periods)
    progress = Table(0, PROGRESS_HEADER + 1, PROGRESS_HEADER + 2, PROGRESS_HEADER + 1 + len(year.pairs))
    predicates = Table(PREDICATES_TOP, PREDICATES_TOP + 1, PREDICATES_TOP + 2, PREDICATES_TOP + 1 + len(PREDICATES))
    index = _below(predicates.last, len(year.master.indicators), headers=2)
    reporting = Table(0, REPORTING_DUE + 2, REPORTING_DUE + 3, REPORTING_DUE + 2 + len(year.opds))
    overdue_table = Table(0, OVERDUE_HEADER, OVERDUE_HEADER + 1, OVERDUE_HEADER + max(1, overdue))
    summary_index = Table(3, 4, 5, 4 + periods)
    notes = summary_index.last + 2
    chart = notes + 3
    domains = _below(chart + INDEX_CHART_ROWS - 1, len(year.master.domains))
    statuses = _below(domains.last, periods)
    return YearLayout(lang, names, pair_keys, periods, progress, index, predicates, reporting, overdue_table,
                      summary_index, notes, chart, domains, statuses, statuses.last + 2)

