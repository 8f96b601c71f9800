"""Where things sit in a template, its colours, and what the writer is
given and records: the pre-fill of a feedback workbook (:class:`Fill`) and
the metadata sheet (:class:`TemplateMeta`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spbe_excel import __version__
from spbe_excel.model.columns import TEMPLATE_FORMAT, Kind

TEMPLATE_VERSION = "1"

# Layout (0-based rows).  The header block sits in two rows above the table
# so that the frozen part of the sheet stays small.
TITLE_ROW = 0
BLOCK_ROWS = (1, 2)
GROUP_ROW = 3
HEADER_ROW = 4
FIRST_DATA_ROW = 5

GREY = "#E7E6E6"
GREY_DARK = "#BFBFBF"
OPD_HEAD = "#DDEBF7"
INPUT = "#FFFFFF"
BORDER = {"border": 1, "border_color": "#A6A6A6"}
MARK_COLORS = {"error": "#FFC7CE", "warning": "#FFEB9C", "info": "#DDEBF7"}

NUM_FORMATS = {  # dates: io.date_format(lang), with the month's name
    Kind.PERCENT: "0%",
    Kind.MONEY: "#,##0",
    Kind.YEAR: "0",
    Kind.INT: "0",
}


@dataclass(frozen=True)
class TemplateMeta:
    """What the metadata sheet records.  The reader parses it back."""

    template_version: str
    opd: str
    period: str
    master_fingerprint: str
    sheet: str
    header_row: int  # 1-based, as a user sees it
    columns: tuple[str, ...]
    lang: str
    institution: str = ""
    plan_year: int = 0
    extra: tuple[tuple[str, str], ...] = ()  # rows only a feedback workbook has (templates stay as they were)
    actions: tuple[str, ...] = ()  # the rows' action ids, for a plan with several actions per indicator

    def as_rows(self) -> list[tuple[str, str]]:
        return [
            ("format", TEMPLATE_FORMAT),
            ("template_version", self.template_version),
            ("opd", self.opd),
            ("period", self.period),
            ("master_fingerprint", self.master_fingerprint),
            ("sheet", self.sheet),
            ("header_row", str(self.header_row)),
            ("columns", ",".join(self.columns)),
            ("lang", self.lang),
            ("institution", self.institution),
            ("plan_year", str(self.plan_year)),
            ("generator", f"spbe-excel {__version__}"),
            *((("actions", ",".join(self.actions)),) if self.actions else ()),
            *self.extra,
        ]


@dataclass
class Fill:
    """Values to pre-fill in a template (a feedback workbook): per action
    (its id: the indicator's No when it has one action) the OPD's values by
    column key (typed where they parsed, as written where they did not), the
    header block, and marks: findings by ``(action, column key)`` (``(0,
    field)`` for the header block) that get a highlight and a comment."""

    values: dict = field(default_factory=dict)
    contact: str = ""
    filled_on: object = None
    marks: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # filled in by the writer: (action, key) -> "J12"
