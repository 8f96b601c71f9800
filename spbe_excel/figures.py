"""Every figure of the consolidation, defined once.

A figure is a formula of the consolidated workbook and the value Python
computes for it.  The value is the formula's cached result (what a reader that
does not recalculate sees) and what the JSON report and the CLI summary show;
the formula keeps the workbook live when finance staff edit a cell.  Formulas
take their references from the caller: the workbook layout hands out where
each input sits (:class:`References`, cells and ranges as text), so this
module says what a figure means, not where it is written.

Only functions Excel 2010 and LibreOffice both compute are used (COUNTIF(S),
SUMIF(S), AVERAGEIFS, SUMPRODUCT, LOOKUP, IFERROR, an array MIN(IF()) for
indicators shared by several OPDs).  The SPBE index itself is computed by
:mod:`spbe_excel.master.index`; here are its formulas over the workbook.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from spbe_excel.merge import MISSING, REJECTED, REPORTED
from spbe_excel.model.findings import Severity, count_by_severity
from spbe_excel.model.levels import EXACT_DIGITS, PredicateRule, threshold_unmet
from spbe_excel.model.verification import Verdict, Verification
from spbe_excel.model.vocab import FileState, PairState, Status

if TYPE_CHECKING:
    from spbe_excel.master.index import IndexPart
    from spbe_excel.merge import Consolidation, PairRow


@dataclass(frozen=True, slots=True)
class Figure:
    formula: str  # with its leading "="
    value: object  # what the formula gives for this consolidation; "" for an empty cell
    array: bool = False  # an array formula (entered with Ctrl+Shift+Enter)


class References(Protocol):
    """Where the inputs of the figures sit in the workbook (A1 text), and the
    words the workbook writes (a criterion of COUNTIF must be the cell's text)."""

    def word(self, item: Status | PairState | Severity | Verdict) -> str:
        """How the workbook writes a status, a pair's state, a finding's severity or DKIS's verdict."""

    def grid_word(self) -> str:
        """How the completeness grid writes a reported pair."""

    def predicate(self, value: float, exact: bool) -> str:
        """The name of the predikat of an index value (judged on its two decimals or, ``exact``, on the exact
        value), as the workbook writes it."""

    def note(self, rule: PredicateRule) -> str:
        """The note beside an index judged on its exact value whose two decimals read at the next bound."""

    def monev(self, key: str) -> str:
        """A Monev column over every pair row: absolute range, with its sheet."""

    def findings(self, key: str) -> str:
        """A Temuan column over every finding: absolute range, with its sheet."""

    def index_column(self, key: str) -> str:
        """A column of the indicator table on Indeks (weight, baseline, estimate, domain, aspect): absolute range."""

    def index_overall(self, key: str) -> str:
        """A cell of the overall row on Indeks (baseline, estimate, pred_base, pred_est): absolute, with its sheet."""

    def predicate_table(self, elsewhere: bool = False) -> tuple[str, str]:
        """The lower bounds and the names of the predicate table on Indeks: absolute ranges (with the sheet's
        name for a formula on another sheet, ``elsewhere``)."""

    def key_figure(self, key: str) -> str:
        """The cell of a key figure on Ringkasan."""

    def opd_column(self, key: str) -> str:
        """A column of the per-OPD table on Ringkasan over every OPD: absolute range."""

    def opd_cell(self, n: int, key: str) -> str:
        """The cell of a column of the per-OPD table on Ringkasan, on the table's row ``n``."""


def _blank(value):
    return "" if value is None else value


def _mean(values: list):
    return sum(values) / len(values) if values else None


def _progress(rows) -> list:
    return [r.values["progress"] for r in rows if "progress" in r.values]


def _money(rows) -> tuple:
    return sum(r.values.get("budget") or 0 for r in rows), sum(r.values.get("spent") or 0 for r in rows)


# ---- the summary: the JSON report, the CLI, the key figures ------------------------------------------

@dataclass(frozen=True)
class Summary:
    """The consolidation in figures: the JSON report's "summary", what the
    command line and the intake page show, and the values of the key figures
    on Ringkasan."""

    period: str
    as_of: dt.date
    files: int
    files_used: int
    files_rejected: int
    files_skipped: int
    files_duplicate: int
    opds_expected: int
    opds_reported: int
    pairs: int
    pairs_reported: int
    reporting_rate: float
    done: int
    mean_progress: float | None
    budget: float
    spent: float
    absorption: float | None
    index_baseline: float  # at the evaluated levels
    index_estimate: float  # at the levels counted (claims that are supported)
    index_verified: float  # at the levels DKIS verified (claims above the baseline marked Sesuai)
    claims: int  # pairs that claim something DKIS verifies (a Selesai, a level above the baseline)
    claims_verified: int  # of those, marked Sesuai (the verification holds)
    claims_returned: int  # of those, marked Perlu perbaikan (the verification holds)
    findings: dict[str, int]  # per severity: error, warning, info
    baseline_rule: PredicateRule  # how the predikat of each index is judged (not in the JSON "summary": its
    estimate_rule: PredicateRule  # "index" gives them)

    def as_dict(self) -> dict:
        """The JSON report's "summary" (the as-of date in ISO form, fractions to 10 decimals: no float noise
        such as 2.6399999999950006)."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if not f.name.endswith("_rule")}
        for key in ("reporting_rate", "mean_progress", "absorption", "index_baseline", "index_estimate",
                    "index_verified"):
            if out[key] is not None:
                out[key] = round(out[key], 10)
        out["as_of"] = self.as_of.isoformat()
        out["findings"] = dict(self.findings)
        return out


def summary(cons: Consolidation) -> Summary:
    """The figures of ``cons``."""
    rows = cons.rows
    reported = sum(1 for r in rows if r.state == REPORTED)
    uses = Counter(s.use for s in cons.sources)
    budget, spent = _money(rows)
    claims = [r for r in rows if r.claim]
    return Summary(
        period=cons.period_text, as_of=cons.as_of, files=len(cons.sources), files_used=uses[FileState.ACCEPTED],
        files_rejected=uses[FileState.REJECTED], files_skipped=uses[FileState.SKIPPED],
        files_duplicate=uses[FileState.DUPLICATE], opds_expected=len(cons.opds_expected),
        opds_reported=len(cons.opds_reported), pairs=len(rows), pairs_reported=reported,
        reporting_rate=reported / len(rows) if rows else 0.0,
        done=sum(1 for r in rows if r.values.get("status") == Status.DONE), mean_progress=_mean(_progress(rows)),
        budget=budget, spent=spent, absorption=spent / budget if budget else None,
        index_baseline=cons.index.overall.baseline, index_estimate=cons.index.overall.estimate,
        index_verified=cons.index.overall.verified, claims=len(claims),
        claims_verified=sum(1 for r in claims if r.verdict == Verdict.VERIFIED),
        claims_returned=sum(1 for r in claims if r.verdict == Verdict.NEEDS_CORRECTION),
        findings=count_by_severity(cons.findings), baseline_rule=cons.index.baseline_rule,
        estimate_rule=cons.index.estimate_rule,
    )


# the key figures of Ringkasan, in order, by the text key of their label
KEY_FIGURES = ("wb.kf.opds", "wb.kf.opds_expected", "wb.kf.rate", "wb.kf.done", "wb.kf.progress", "wb.kf.budget",
               "wb.kf.spent", "wb.kf.absorption", "wb.kf.index_base", "wb.kf.index_est", "wb.kf.index_ver",
               "wb.kf.errors", "wb.kf.warnings")


def key_figures(cons: Consolidation, summ: Summary, refs: References) -> dict[str, Figure]:
    """The key figures of Ringkasan (``summ``: :func:`summary` of ``cons``).
    The mean progress is the mean of the fractions of one the Monev cells
    hold, as AVERAGE computes it (the summary's mean of percentages divided
    by 100 can differ from it in the last bit)."""
    monev, reported = refs.monev, refs.opd_column("reported")
    rep, done, severity = refs.word(PairState.REPORTED), refs.word(Status.DONE), refs.findings("severity")
    progress, budget, spent = monev("progress"), refs.key_figure("wb.kf.budget"), refs.key_figure("wb.kf.spent")
    return {
        "wb.kf.opds": Figure(f'=COUNTIF({reported},">0")', summ.opds_reported),
        "wb.kf.opds_expected": Figure(f"=ROWS({reported})", summ.opds_expected),
        "wb.kf.rate": Figure(f'=COUNTIF({monev("state")},"{rep}")/COUNTA({monev("no")})', summ.reporting_rate),
        "wb.kf.done": Figure(f'=COUNTIF({monev("status")},"{done}")', summ.done),
        "wb.kf.progress": Figure(f'=IF(COUNT({progress})=0,"",AVERAGE({progress}))',
                                 _blank(_mean([p / 100.0 for p in _progress(cons.rows)]))),
        "wb.kf.budget": Figure(f"=SUM({monev('budget')})", summ.budget),
        "wb.kf.spent": Figure(f"=SUM({monev('spent')})", summ.spent),
        "wb.kf.absorption": Figure(f'=IF({budget}>0,{spent}/{budget},"")', _blank(summ.absorption)),
        "wb.kf.index_base": Figure(f"={refs.index_overall('baseline')}", cons.index.overall.baseline),
        "wb.kf.index_est": Figure(f"={refs.index_overall('estimate')}", cons.index.overall.estimate),
        "wb.kf.index_ver": Figure(f"={refs.index_overall('verified')}", cons.index.overall.verified),
        "wb.kf.errors": Figure(f'=COUNTIF({severity},"{refs.word(Severity.ERROR)}")', summ.findings["error"]),
        "wb.kf.warnings": Figure(f'=COUNTIF({severity},"{refs.word(Severity.WARNING)}")',
                                 summ.findings["warning"]),
    }


def key_predicates(cons: Consolidation, refs: References) -> dict[str, Figure]:
    """The predicates beside the three index key figures: those of the Indeks sheet."""
    idx = cons.index
    return {"wb.kf.index_base": Figure(f"={refs.index_overall('pred_base')}",
                                       refs.predicate(idx.overall.baseline, idx.baseline_rule.exact)),
            "wb.kf.index_est": Figure(f"={refs.index_overall('pred_est')}",
                                      refs.predicate(idx.overall.estimate, idx.estimate_rule.exact)),
            "wb.kf.index_ver": Figure(f"={refs.index_overall('pred_ver')}",
                                      refs.predicate(idx.overall.verified, idx.estimate_rule.exact))}


# ---- Monev: the computed columns of a pair row ------------------------------------------------------------

ROW = "#"  # stands for the row number in the text of a Monev row formula
MONEV_FIGURES = ("progress_change", "level_used", "level_verified", "gap", "absorption")


def monev_formulas(cell, verified: str) -> dict[str, tuple[str, ...]]:
    """The computed Monev columns as formulas over their row's own cells
    (``cell(key)``: the column letter and :data:`ROW`), each split at the row
    number: ``str(x).join(pieces)`` is the formula of row ``x``.  The level
    a pair counts at is its claim when the claim counts (no note on the row,
    :mod:`spbe_excel.checks.claims`), else its baseline or its last supported
    level (not above the claim).  The level it counts at in the verified
    estimate is a claim above the baseline when its Verifikasi cell says
    ``verified`` (*Sesuai* in the workbook's language: typing it moves the
    verified index), else the baseline; a level at or below the baseline as
    claimed."""
    prog, prev, cur, base = cell("progress"), cell("previous_progress"), cell("current_level"), cell("baseline_level")
    bud, spent, note, counted = cell("budget"), cell("spent"), cell("level_note"), cell("previous_counted")
    formulas = {
        "progress_change": f'IF(AND(ISNUMBER({prog}),ISNUMBER({prev})),{prog}-{prev},"")',
        "level_used": f'IF(ISNUMBER({cur}),IF({note}="",{cur},MAX({base},MIN({cur},N({counted})))),{base})',
        "level_verified": f'IF(ISNUMBER({cur}),IF({cur}<={base},{cur},IF({cell("verdict")}="{verified}",{cur},'
                          f"{base})),{base})",
        "gap": f"{cell('target_level')}-{cell('level_used')}",
        "absorption": f'IF(AND(ISNUMBER({bud}),ISNUMBER({spent})),IF({bud}>0,{spent}/{bud},""),"")',
    }
    return {key: tuple(formulas[key].split(ROW)) for key in MONEV_FIGURES}


def monev_values(row: PairRow) -> tuple:
    """The values of :data:`MONEV_FIGURES` for one row, as its formulas compute
    them from the row's cells: the pair's level used, verified level and absorption
    (:class:`~spbe_excel.merge.PairRow`), and the change in progress as the
    difference of the two fractions of one the cells hold."""
    progress, previous = row.values.get("progress"), row.previous_progress
    level, absorption = row.level_used, row.absorption
    return ("" if progress is None or previous is None else progress / 100.0 - previous / 100.0,
            level, row.level_verified, row.indicator.target_level - level, "" if absorption is None else absorption)


# ---- Ringkasan: the table per OPD -------------------------------------------------------------------------

OPD_FIGURES = ("pairs", "reported", "done", "progress", "budget", "spent", "absorption", "errors", "warnings")


def opd_figures(cons: Consolidation, refs: References) -> list[list[Figure]]:
    """The :data:`OPD_FIGURES` of every expected OPD, in order."""
    rows_of: dict[str, list] = {}
    for x in cons.rows:
        rows_of.setdefault(x.opd, []).append(x)
    severities = Counter((x.opd, x.severity) for x in cons.findings)
    monev, severity, by = refs.monev, refs.findings("severity"), refs.findings("opd")
    opd, state, status, progress = monev("opd"), monev("state"), monev("status"), monev("progress")
    budgets, spendings = monev("budget"), monev("spent")
    rep, done = refs.word(PairState.REPORTED), refs.word(Status.DONE)
    error, warning = refs.word(Severity.ERROR), refs.word(Severity.WARNING)
    table = []
    for n, code in enumerate(cons.opds_expected):
        mine = rows_of.get(code, [])
        a, g, h = refs.opd_cell(n, "code"), refs.opd_cell(n, "budget"), refs.opd_cell(n, "spent")
        budget, spent = _money(mine)
        table.append([
            Figure(f"=COUNTIF({opd},{a})", len(mine)),
            Figure(f'=COUNTIFS({opd},{a},{state},"{rep}")', sum(1 for x in mine if x.state == REPORTED)),
            Figure(f'=COUNTIFS({opd},{a},{status},"{done}")',
                   sum(1 for x in mine if x.values.get("status") == Status.DONE)),
            Figure(f'=IFERROR(AVERAGEIFS({progress},{opd},{a}),"")',
                   _blank(_mean([p / 100.0 for p in _progress(mine)]))),
            Figure(f"=SUMIFS({budgets},{opd},{a})", budget),
            Figure(f"=SUMIFS({spendings},{opd},{a})", spent),
            Figure(f'=IF({g}>0,{h}/{g},"")', spent / budget if budget else ""),
            Figure(f'=COUNTIFS({by},{a},{severity},"{error}")', severities[(code, Severity.ERROR)]),
            Figure(f'=COUNTIFS({by},{a},{severity},"{warning}")', severities[(code, Severity.WARNING)]),
        ])
    return table


# ---- Kelengkapan: reporting rates -------------------------------------------------------------------------

def completeness_rate(cells: str, states: list, refs: References) -> Figure:
    """The share of reported pairs among the filled cells of a range of the
    completeness grid (an OPD's row, an indicator's column, the whole grid)."""
    reported = refs.grid_word()
    return Figure(f'=IFERROR(COUNTIF({cells},"{reported}")/COUNTA({cells}),"")',
                  states.count(REPORTED) / len(states) if states else "")


def completeness_counts(cons: Consolidation) -> Counter:
    """Pairs per (OPD, state): what :func:`opd_completeness` counts."""
    return Counter((row.opd, row.state) for row in cons.rows)


def opd_completeness(code: str, counts: Counter, refs: References, cells: dict[str, str]) -> list[Figure]:
    """An OPD's pairs, reported, missing and rejected pairs and reporting rate,
    counted over Monev (the completeness list of a plan too large for a grid;
    ``counts``: :func:`completeness_counts`; ``cells``: the OPD's row's cells
    by column: code, pairs, reported)."""
    opd, state = refs.monev("opd"), refs.monev("state")
    a, pairs, reported = cells["code"], cells["pairs"], cells["reported"]
    total = sum(counts.get((code, st), 0) for st in (REPORTED, MISSING, REJECTED))
    return [
        Figure(f"=COUNTIF({opd},{a})", total),
        *(Figure(f'=COUNTIFS({opd},{a},{state},"{refs.word(st)}")', counts.get((code, st), 0))
          for st in (REPORTED, MISSING, REJECTED)),
        Figure(f'=IF({pairs}>0,{reported}/{pairs},"")', counts.get((code, REPORTED), 0) / total if total else ""),
    ]


# ---- Indeks -----------------------------------------------------------------------------------------------

def pairs_per_indicator(cons: Consolidation) -> Counter:
    """How many pair rows each indicator has on Monev (over all its actions and OPDs; none for an indicator
    without an action)."""
    return Counter(row.no for row in cons.rows)


def indicator_level(no_cell: str, base_cell: str, level: int, pairs: int, refs: References,
                    column: str = "level_used") -> Figure:
    """The level an indicator counts at in the estimate (``no_cell``: its No,
    ``base_cell``: its baseline): its pair's level used when it has one pair;
    over several pairs (actions, OPDs) the lowest level estimated on them,
    or the baseline when none is; the baseline when it has no pair.  In the
    verified estimate (``column`` "level_verified") the same over the pairs'
    verified levels."""
    no, used, current = refs.monev("no"), refs.monev(column), refs.monev("current_level")
    if pairs == 0:
        return Figure(f"={base_cell}", level)
    if pairs > 1:
        return Figure(f'=IF(COUNTIFS({no},{no_cell},{current},">0")=0,{base_cell},'
                      f"MIN(IF({no}={no_cell},IF(ISNUMBER({current}),{used}))))", level, array=True)
    return Figure(f"=SUMIFS({used},{no},{no_cell})", level)


def indicator_claim(no_cell: str, claim: int | None, pairs: int, refs: References) -> Figure:
    """The lowest level an indicator's OPDs claim (what the index would take if every claim counted): empty
    when none claims one."""
    if pairs == 0:
        return Figure('=""', "")
    no, current = refs.monev("no"), refs.monev("current_level")
    return Figure(f'=IF(COUNTIFS({no},{no_cell},{current},">0")=0,"",'
                  f"MIN(IF({no}={no_cell},IF(ISNUMBER({current}),{current}))))", "" if claim is None else claim,
                  array=True)


@dataclass(frozen=True, slots=True)
class Claim:
    """A level a pair claims above its baseline that does not count in the estimate, and why."""

    no: int
    action: str
    opd: str
    claimed: int
    counted: int
    why: str  # a Reason


def claims_not_counted(cons: Consolidation) -> list[Claim]:
    """Every claim of the consolidation that does not count, in plan order."""
    return [Claim(r.no, r.action, r.opd, r.values["current_level"], r.level_used, r.level_note)
            for r in cons.rows if r.level_note is not None and r.values.get("current_level") is not None]


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim DKIS verifies (a pair reported *Selesai*, or with a level above its baseline): what it claims, the
    fingerprint of its row (what a verification of it records, :attr:`Fingerprint.text`), the levels it counts at in
    the estimate and in the verified estimate, and DKIS's verification that holds on it (None: unverified)."""

    no: int
    action: str
    opd: str
    status: Status | None
    level: int | None  # the level claimed (None: none)
    baseline: int
    evidence: str  # the Bukti Dukung cell as written
    fingerprint: str
    counted: int  # the level it counts at in the estimate
    level_verified: int  # the level it counts at in the verified estimate
    verification: Verification | None


def claim_rows(cons: Consolidation) -> list[ClaimRow]:
    """Every claim of the consolidation, in plan order."""
    from spbe_excel.model.values import as_text

    return [ClaimRow(r.no, r.action, r.opd, r.values.get("status"), r.values.get("current_level"),
                     r.indicator.baseline_level, as_text(r.raw.get("evidence")), r.fingerprint.text, r.level_used,
                     r.level_verified, r.verification)
            for r in cons.rows if r.claim and r.fingerprint is not None]


def claimed_levels(cons: Consolidation) -> dict[int, int | None]:
    """Per indicator the lowest level its pairs claim (None when none claims one)."""
    claims: dict[int, list[int]] = {}
    for r in cons.rows:
        if r.state == REPORTED and r.values.get("current_level") is not None:
            claims.setdefault(r.no, []).append(r.values["current_level"])
    return {ind.no: min(claims[ind.no]) if ind.no in claims else None for ind in cons.master.indicators}


def predicate_of(cell: str, value: float, refs: References, exact: bool = False) -> Figure:
    """The predicate of the index value in ``cell``, from the predicate table: judged on the value rounded to
    two decimals, or (``exact``, the rule of the evaluations from 2024) on the exact value, read to
    :data:`~spbe_excel.model.levels.EXACT_DIGITS` decimals so that the noise of a sum does not count."""
    lows, names = refs.predicate_table()
    digits = EXACT_DIGITS if exact else 2
    return Figure(f"=LOOKUP(ROUND({cell},{digits}),{lows},{names})", refs.predicate(value, exact))


def predicate_note(indexes: list[tuple[str, float, PredicateRule]], refs: References, elsewhere: bool = False
                   ) -> Figure:
    """A note beside indexes (each its cell, its value and how its predikat is judged) when one judged on its
    exact value reads, to two decimals, at the next predikat's bound it does not reach: the predikat is not a
    mistake.  Empty otherwise; live, as the indexes are (``elsewhere``: written on another sheet than Indeks)."""
    exact = [(cell, value, rule) for cell, value, rule in indexes if rule.exact]
    if not exact:
        return Figure('=""', "")
    lows, names = refs.predicate_table(elsewhere)
    conditions = [f"LOOKUP(ROUND({cell},2),{lows},{names})<>LOOKUP(ROUND({cell},{EXACT_DIGITS}),{lows},{names})"
                  for cell, _, _ in exact]
    note = refs.note(exact[0][2])
    condition = conditions[0] if len(conditions) == 1 else f"OR({','.join(conditions)})"
    shown = note if any(threshold_unmet(value) is not None for _, value, _ in exact) else ""
    return Figure(f'=IF({condition},"{note}","")', shown)


INDEXES = ("baseline", "estimate", "verified")  # the three numbers, each with one meaning
PREDICATE_OF = {"baseline": "pred_base", "estimate": "pred_est", "verified": "pred_ver"}


def index_overall(cons: Consolidation, refs: References, cells: dict[str, str]) -> dict[str, Figure]:
    """The SPBE index at the baseline, estimated and verified, their predicates, and the sum of the weights
    (``cells``: the cells of each, by key: baseline, estimate, verified).  The verified index's predikat is
    judged as the estimate's, by the rule of the evaluation the plan works toward."""
    weights, overall = refs.index_column("weight"), cons.index.overall
    exact = {"baseline": cons.index.baseline_rule.exact, "estimate": cons.index.estimate_rule.exact,
             "verified": cons.index.estimate_rule.exact}
    out = {"weight": Figure(f"=SUM({weights})", sum(i.weight for i in cons.master.indicators))}
    for key in INDEXES:
        out[key] = Figure(f"=SUMPRODUCT({weights},{refs.index_column(key)})/100", getattr(overall, key))
    for key in INDEXES:
        out[PREDICATE_OF[key]] = predicate_of(cells[key], getattr(overall, key), refs, exact[key])
    return out


def index_part(part: IndexPart, refs: References, cells: dict[str, str], rules: tuple[PredicateRule, PredicateRule]
               ) -> dict[str, Figure]:
    """Weight, baseline, estimate, verified index and their predicates of an aspect or a domain (``cells``: its
    row's cells by column: name, weight, baseline, estimate, verified; ``rules``: how the baseline's and the
    estimate's predikat are judged, the verified one's as the estimate's), by key."""
    match, name, weight = refs.index_column(part.kind), cells["name"], cells["weight"]
    weights = refs.index_column("weight")
    of_part = f"({match}={name})*{weights}"
    out = {"weight": Figure(f"=SUMIF({match},{name},{weights})", part.weight)}
    for key in INDEXES:
        out[key] = Figure(f"=SUMPRODUCT({of_part}*{refs.index_column(key)})/{weight}", getattr(part, key))
    for key, rule in zip(INDEXES, (rules[0], rules[1], rules[1])):
        out[PREDICATE_OF[key]] = predicate_of(cells[key], getattr(part, key), refs, rule.exact)
    return out


# ---- Sumber -----------------------------------------------------------------------------------------------

def source_errors(cons: Consolidation, refs: References) -> list[Figure]:
    """The error findings of every file seen, counted on Temuan (which names files without their folder)."""
    files, severity, error = refs.findings("file"), refs.findings("severity"), refs.word(Severity.ERROR)
    by_name = Counter(Path(x.file).name for x in cons.findings if x.severity is Severity.ERROR and x.file)
    figures = []
    for src in cons.sources:
        name = Path(src.submission.path).name
        figures.append(Figure(f'=COUNTIFS({files},"{name.replace(chr(34), chr(34) * 2)}",{severity},"{error}")',
                              by_name[name]))
    return figures
