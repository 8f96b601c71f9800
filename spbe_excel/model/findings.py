"""Findings: what is missing or wrong in a submission, as data.

A :class:`Finding` is a frozen value: a stable kebab-case code, a severity,
where it is (file, sheet, cell), which OPD, indicator and action, the value as
written, and named parameters holding raw values (a status, a level, a count,
a date, a :class:`~spbe_excel.model.vocab.Reason`), never words of a language.
It is worded only when shown, in Indonesian or English, by
:mod:`spbe_excel.text.findings`, from the templates there.  Codes are a
public interface (scripts filter on them); they are documented in the
README and never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from spbe_excel.model.vocab import LevelKind


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Code:
    """A finding code: its severity, and whether a file with it is rejected (nothing of it counted, the OPD
    asked for a new one)."""

    code: str
    severity: Severity
    rejects: bool = False


ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

_CODES: list[Code] = [
    Code("file-unreadable", ERR, rejects=True),
    Code("file-encrypted", ERR, rejects=True),
    Code("file-misnamed", INFO),
    Code("file-second-reader", INFO),
    Code("file-skipped", INFO),
    Code("file-decrypted", INFO),
    Code("sheet-not-found", ERR, rejects=True),
    Code("header-missing", ERR),
    Code("column-missing", WARN),
    Code("template-outdated", INFO),
    Code("opd-unknown", ERR, rejects=True),
    Code("opd-conflict", ERR),
    Code("opd-mismatch", ERR, rejects=True),
    Code("period-mismatch", ERR, rejects=True),
    Code("indicator-unknown", ERR),
    Code("action-unknown", ERR),
    Code("indicator-not-assigned", WARN),
    Code("indicator-duplicate", ERR),
    Code("master-text-changed", WARN),
    Code("row-missing", ERR),
    Code("update-empty", WARN),
    Code("value-invalid", ERR),
    Code("progress-points", WARN),
    Code("status-progress-mismatch", ERR),
    Code("budget-overrun", WARN),
    Code("level-below-baseline", WARN),
    Code("level-above-target-without-evidence", WARN),
    Code("level-not-counted", WARN),
    Code("evidence-missing", ERR),
    Code("evidence-unclear", WARN),
    Code("date-out-of-range", WARN),
    Code("formula-in-text", WARN),
    Code("text-too-long", WARN),
    Code("duplicate-submission", WARN),
    Code("submission-missing", ERR),
    Code("update-stale", WARN),
    Code("progress-decreased", WARN),
    Code("level-decreased", WARN),
    Code("overdue", WARN),
    Code("verification-returned", WARN),
    Code("verification-dropped", INFO),
    Code("verification-ignored", INFO),
    Code("findings-omitted", INFO),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}
REJECTING: frozenset[str] = frozenset(c.code for c in _CODES if c.rejects)


@dataclass(frozen=True, slots=True)
class Level:
    """A maturity level as a parameter of a finding: the number and the scale it is named on."""

    level: int
    kind: LevelKind


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    opd: str = ""
    indicator: int | None = None
    column: str = ""  # column key from the column model
    value: str = ""  # the value as written
    params: tuple[tuple[str, object], ...] = field(default=())
    action: str = ""  # the action of the indicator ("5.2"; "5" when it has one), where the finding is about one

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def rejects(self) -> bool:
        """A finding that makes its file unusable (:data:`REJECTING`)."""
        return CODES[self.code].rejects

    @property
    def where(self) -> str:
        """``"Monev!J12"``, ``"Monev"`` or ``""``."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell

    def param(self, name: str, default=None):
        return dict(self.params).get(name, default)

    def sort_key(self):
        return (self.file, self.severity.rank, self.sheet, _cell_order(self.cell), self.code, self.indicator or 0)


def action_order(action: str) -> tuple[int, ...]:
    """An action id as a sort key: "5.2" before "5.10"."""
    return tuple(int(p) for p in action.split(".") if p.isdigit())


def _cell_order(cell: str) -> tuple[int, int]:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return (int(digits) if digits else 0, col)


# A finding quotes at most this many characters of a value or a text parameter (a cell of a million characters is
# quoted by its first 300), followed by CUT_MARK, so that what a file can make its findings weigh is bounded.
QUOTE_MAX = 300
CUT_MARK = " [\u2026]"


def excerpt(text: str, limit: int = QUOTE_MAX) -> str:
    """``text``, or its first ``limit`` characters and :data:`CUT_MARK` when it is longer."""
    return text if len(text) <= limit else text[:limit] + CUT_MARK


def _quoted(value):
    """A parameter as a finding keeps it: a text (not a text key or an enum) cut to an excerpt, each text of a list
    too; anything else as it is."""
    if type(value) is str:
        return excerpt(value)
    if isinstance(value, (tuple, list)) and any(type(v) is str and len(v) > QUOTE_MAX for v in value):
        return type(value)(excerpt(v) if type(v) is str else v for v in value)
    return value


def make(code: str, **kwargs) -> Finding:
    """``make("value-invalid", file=..., cell=..., reason=Reason.NOT_A_NUMBER)``:
    keyword arguments that are not Finding fields become parameters."""
    if code not in CODES:
        raise KeyError(f"unknown finding code {code!r}")
    names = {"file", "sheet", "cell", "opd", "indicator", "action", "column", "value"}
    base = {k: v for k, v in kwargs.items() if k in names}
    if "file" in base:
        base["file"] = str(base["file"])
    if "value" in base:
        base["value"] = "" if base["value"] is None else str(base["value"])
    for key in ("sheet", "opd", "value", "column"):
        if key in base and type(base[key]) is str:
            base[key] = excerpt(base[key])
    params = tuple(sorted((k, _quoted(v)) for k, v in kwargs.items() if k not in names))
    return Finding(code, params=params, **base)


def count_by_severity(findings) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def has_errors(findings) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def display_name(path: str) -> str:
    return Path(path).name if path else ""
