"""The sheets of the plan workbook that hold data: indicators, extra
actions, OPDs and the plan's facts (see :mod:`spbe_excel.write.plan`)."""

from __future__ import annotations

from dataclasses import dataclass

from spbe_excel.io import Formats, print_scale, row_height, validation, write_text
from spbe_excel.master.draft import CarriedReport, DraftAction, PlanDraft
from spbe_excel.master.framework import FrameworkRow
from spbe_excel.master.planfile import CARRIED, CARRIED_FROM
from spbe_excel.model.columns import BY_KEY, Column
from spbe_excel.model.periods import PERIOD_KINDS
from spbe_excel.model.vocab import LevelKind
from spbe_excel.text import pick, t
from spbe_excel.text.words import column_label, level_kind_name, status_label
from spbe_excel.write.master_export import OPD_SHEET_COLUMNS, opd_sheet_texts
from spbe_excel.write.template.cells import level_choices, multi_range, quote_sheet, runs
from spbe_excel.write.template.layout import BORDER, GREY, GREY_DARK, INPUT, OPD_HEAD

TITLE_ROW, NOTE_ROW, GROUP_ROW, HEADER_ROW, FIRST_ROW = 0, 1, 2, 3, 4
FRAMEWORK_KEYS = ("no", "indicator", "domain", "aspect", "weight", "level_kind")
PLAN_KEYS = ("baseline_level", "target_level", "recommendation", "follow_up", "target_year", "opds", "carried_over",
             "carried_from")
EXTRA_KEYS = ("no", "indicator", "recommendation", "follow_up", "target_year", "opds", "carried_over",
              "carried_from")
WIDTHS: dict[str, float] = {
    "no": 5, "indicator": 38, "domain": 16, "aspect": 22, "weight": 8, "level_kind": 11, "baseline_level": 12,
    "target_level": 12, "recommendation": 32, "follow_up": 32, "target_year": 9, "opds": 16, "carried_over": 10,
    "carried_from": 24}
# Printed page widths (at 70 % or more, with No and Indikator repeated on each): where each begins.
INDICATOR_PAGES = ("baseline_level", "target_year")
EXTRA_PAGES = ("target_year",)
OPD_ROWS = 300  # open rows of the OPD sheet (its codes are the OPD dropdown's list)
EXTRA_ROWS = 100  # open rows of the extra actions sheet beyond the carried-over actions
YEARS_AHEAD = 4  # the Target Waktu dropdown: the plan year and the four after it


@dataclass(frozen=True)
class SheetNames:
    instructions: str
    indicators: str
    extra: str
    opd: str
    info: str

    def __iter__(self):
        return iter((self.instructions, self.indicators, self.extra, self.opd, self.info))


def column(key: str) -> Column:
    return {"carried_over": CARRIED, "carried_from": CARRIED_FROM}.get(key) or BY_KEY[key]


def framework_display(fw, lang: str) -> str:
    """"PermenPANRB 59/2020 (Pemantauan dan Evaluasi SPBE)": what a plan's Info sheet says of its framework."""
    return f"{fw.name} ({pick(fw.title, lang)})"


def report_text(report: CarriedReport, year: int, lang: str) -> str:
    """What one OPD reported last of a carried action and why it comes back: "Dalam Proses, 50 % (tidak
    dilaporkan sejak Triwulan II 2025)", "Selesai, 90 % (tanpa dukungan: Bukti Dukung kosong; DKIS memutuskan)",
    "tidak dilaporkan sepanjang 2025"."""
    state = report.state
    note = t(state.note, lang) if state is not None and state.note is not None else ""
    why = t(report.why, lang, period=state.period if state is not None else "", year=year, note=note)
    if state is None:
        return why
    text = t("plan.status.none", lang) if state.status is None else status_label(state.status, lang)
    if state.progress is not None:
        text += f", {state.progress:g} %"
    return f"{text} ({why})"


def carried_from_text(action: DraftAction, lang: str) -> str:
    """Where a carried-over action comes from, for DKIS to read, with each OPD's latest state of the year and why
    the action comes back: "2025, No 5 (5.2): Dalam Proses, 60 % (belum selesai)"."""
    a = action.origin
    states = []
    for report in a.reports:
        text = report_text(report, action.origin_year, lang)
        states.append(f"{report.opd} {text}" if a.shared else text)
    suffix = f" ({a.action})" if a.action != str(a.no) else ""
    if action.no is not None:
        return t("plan.carried_from", lang, year=action.origin_year, no=a.no, action=suffix, status="; ".join(states))
    return t("plan.carried_from.other", lang, year=action.origin_year, indicator=f"{a.no} {a.indicator}",
             action=suffix, status="; ".join(states))


def _styles(f: Formats) -> dict:
    base = {"valign": "top", "text_wrap": True, **BORDER}
    return {
        "head_fw": f(bold=True, text_wrap=True, align="center", valign="vcenter", bg_color=GREY_DARK, **BORDER),
        "head_plan": f(bold=True, text_wrap=True, align="center", valign="vcenter", bg_color=OPD_HEAD, **BORDER),
        "locked": f(bg_color=GREY, **base),
        "locked_c": f(bg_color=GREY, align="center", **base),
        "weight": f(bg_color=GREY, num_format="0.00##", **{**base, "text_wrap": False}),
        "open": f(bg_color=INPUT, locked=False, **base),
        "open_c": f(bg_color=INPUT, locked=False, align="center", **base),
        "title": f(bold=True, font_size=13, valign="vcenter"),
        "note": f(italic=True, text_wrap=True, valign="top", font_color="#404040"),
    }


def _heads(ws, st: dict, keys: tuple[str, ...], locked_keys: tuple[str, ...], lang: str) -> None:
    """The group row (over the leading locked columns, if any, and the rest) and the column headers; a locked
    column's header is grey."""
    n_locked = next((i for i, key in enumerate(keys) if key not in locked_keys), len(keys))
    if n_locked:
        ws.merge_range(GROUP_ROW, 0, GROUP_ROW, n_locked - 1, t("plan.group.framework", lang), st["head_fw"])
    ws.merge_range(GROUP_ROW, n_locked, GROUP_ROW, len(keys) - 1, t("plan.group.plan", lang), st["head_plan"])
    labels = []
    for c, key in enumerate(keys):
        label = column_label(column(key), lang)
        ws.set_column(c, c, WIDTHS[key])
        ws.write_string(HEADER_ROW, c, label, st["head_fw"] if key in locked_keys else st["head_plan"])
        labels.append((label, WIDTHS[key]))
    ws.set_row(HEADER_ROW, row_height(labels, minimum=30, bold=True))


def _hint(key: str, lang: str, title: str = "") -> dict:
    return {"input_title": (title or column_label(column(key), lang))[:32],
            "input_message": t(f"plan.hint.{key}", lang)}


def _years(draft: PlanDraft) -> list[str]:
    return [str(y) for y in range(draft.year, draft.year + YEARS_AHEAD + 1)]


def _action_validations(ws, keys: tuple[str, ...], first: int, last: int, draft: PlanDraft, names: SheetNames,
                        lang: str) -> None:
    """Hints and dropdowns of an action's cells (both sheets): years, OPD codes, Lanjutan."""
    error = {"error_title": t("validation.error.title", lang), "error_message": t("plan.error.list", lang)}
    opd_list = f"={quote_sheet(names.opd)}!$A$2:$A${OPD_ROWS + 1}"
    for key in ("recommendation", "follow_up", "target_year", "opds", "carried_over"):
        c = keys.index(key)
        opts: dict = {"validate": "any", **_hint(key, lang)}
        if key == "target_year":
            opts = {**opts, "validate": "list", "source": _years(draft), "error_type": "warning", **error}
        elif key == "opds":
            opts = {**opts, "validate": "list", "source": opd_list, "error_type": "information",
                    "error_title": error["error_title"], "error_message": t("plan.error.opds", lang)}
        elif key == "carried_over":
            opts = {**opts, "validate": "list", "source": [t("plan.yes", lang)], "error_type": "warning", **error}
        validation(ws, first, c, last, c, opts)


# ---- indicators ------------------------------------------------------------------------------

def _framework_cells(ws, st: dict, r: int, fr: FrameworkRow, name: str, lang: str) -> list[tuple[str, float]]:
    """The framework's cells of a row, locked; the name of a row the instansi names is open."""
    ws.write_number(r, 0, fr.no, st["locked_c"])
    write_text(ws, r, 1, name, st["open"] if fr.named_by_plan else st["locked"])
    write_text(ws, r, 2, fr.domain, st["locked"])
    write_text(ws, r, 3, fr.aspect, st["locked"])
    ws.write_number(r, 4, fr.weight, st["weight"])
    ws.write_string(r, 5, level_kind_name(fr.level_kind, lang), st["locked"])
    return [(name, WIDTHS["indicator"]), (fr.domain, WIDTHS["domain"]), (fr.aspect, WIDTHS["aspect"])]


def _action_cells(ws, st: dict, r: int, keys: tuple[str, ...], action: DraftAction | None,
                  lang: str) -> list[tuple[str, float]]:
    """The open cells of an action (blank, or a carried-over action's values); Asal Lanjutan is locked."""
    shown: list[tuple[str, float]] = []
    texts = {} if action is None else {
        "recommendation": action.recommendation, "follow_up": action.follow_up, "opds": "; ".join(action.opds),
        "carried_over": t("plan.yes", lang), "carried_from": carried_from_text(action, lang)}
    for key in ("recommendation", "follow_up", "target_year", "opds", "carried_over", "carried_from"):
        c = keys.index(key)
        style = st["locked"] if key == "carried_from" else st["open_c"] if key in ("target_year", "carried_over") \
            else st["open"]
        if key == "target_year" and action is not None and action.target_year:
            ws.write_number(r, c, action.target_year, style)
        elif texts.get(key):
            write_text(ws, r, c, texts[key], style)
            shown.append((texts[key], WIDTHS[key]))
        else:
            ws.write_blank(r, c, None, style)
    return shown


def write_indicators(ws, f: Formats, draft: PlanDraft, first: dict[int, DraftAction], names: SheetNames,
                     lang: str) -> int:
    """The indicator sheet; returns its last data row (the extra sheet's No list points at its No column)."""
    st = _styles(f)
    keys = (*FRAMEWORK_KEYS, *PLAN_KEYS)
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, len(keys) - 1, _title(draft, lang), st["title"])
    ws.set_row(TITLE_ROW, 24)
    note = t("plan.note.indicators", lang, framework=draft.framework.name, extra=names.extra,
             help=names.instructions)
    ws.merge_range(NOTE_ROW, 0, NOTE_ROW, len(keys) - 1, note, st["note"])
    ws.set_row(NOTE_ROW, row_height([(note, sum(WIDTHS[k] for k in keys))], minimum=28))
    _heads(ws, st, keys, (*FRAMEWORK_KEYS, "carried_from"), lang)
    rows_by_kind: dict[LevelKind, list[int]] = {kind: [] for kind in LevelKind}
    named: list[int] = []
    names_of = dict(draft.names)
    for n, fr in enumerate(draft.framework.rows):
        r = FIRST_ROW + n
        rows_by_kind[fr.level_kind].append(r)
        if fr.named_by_plan:
            named.append(r)
        shown = _framework_cells(ws, st, r, fr, names_of.get(fr.no, fr.name), lang)
        ws.write_blank(r, keys.index("baseline_level"), None, st["open_c"])
        ws.write_blank(r, keys.index("target_level"), None, st["open_c"])
        shown += _action_cells(ws, st, r, keys, first.get(fr.no), lang)
        ws.set_row(r, row_height(shown, minimum=28))
    last = FIRST_ROW + len(draft.framework.rows) - 1
    _level_validations(ws, keys, rows_by_kind, lang)
    for row_run in runs(named):
        validation(ws, row_run[0], 1, row_run[1], 1,
                   {"validate": "any", **_hint("named", lang, column_label("indicator", lang))})
    _action_validations(ws, keys, FIRST_ROW, last, draft, names, lang)
    _setup(ws, keys, INDICATOR_PAGES, last, last, draft, lang, protect=True)
    return last


def _level_validations(ws, keys: tuple[str, ...], rows_by_kind: dict, lang: str) -> None:
    """Baseline and target: a dropdown of the level names of each row's level kind."""
    for key in ("baseline_level", "target_level"):
        c = keys.index(key)
        for kind, rows in rows_by_kind.items():
            if not rows:
                continue
            row_runs = runs(rows)
            validation(ws, row_runs[0][0], c, row_runs[0][1], c, {
                "validate": "list", "source": level_choices(kind, lang), "multi_range": multi_range(c, row_runs),
                **_hint(key, lang), "error_title": t("validation.error.title", lang),
                "error_message": t("validation.level", lang)})


def _title(draft: PlanDraft, lang: str) -> str:
    return t("plan.title", lang, year=draft.year, institution=draft.institution.upper())


def _setup(ws, keys: tuple[str, ...], pages: tuple[str, ...], last: int, printed: int, draft: PlanDraft, lang: str,
           protect: bool) -> None:
    """Frozen header, autofilter; printed on A4 landscape from the header row to row ``printed``, cut into page
    widths before each of ``pages`` with No and Indikator repeated, at the largest scale (70 % or more) at which
    every part fits, the title as the page header; protection without a password."""
    ws.freeze_panes(FIRST_ROW, 2)
    ws.autofilter(HEADER_ROW, 0, last, len(keys) - 1)
    if protect:
        ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True,
                        "select_locked_cells": True, "select_unlocked_cells": True})
    widths = [WIDTHS[k] for k in keys]
    cuts = [keys.index(k) for k in pages]
    parts = [widths[a:b] for a, b in zip([0, *cuts], [*cuts, len(keys)])]
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_print_scale(max(70, min(print_scale(part if n == 0 else widths[:2] + part) for n, part in enumerate(parts))))
    ws.set_v_pagebreaks(cuts)
    ws.repeat_rows(HEADER_ROW)
    ws.repeat_columns(0, 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_header(f'&L&"-,Bold"{_title(draft, lang)[:200].replace("&", "&&")}')
    ws.set_footer(f"&R{t('plan.footer', lang)}")
    ws.print_area(HEADER_ROW, 0, printed, len(keys) - 1)


# ---- extra actions --------------------------------------------------------------------------------

def write_extra(ws, f: Formats, draft: PlanDraft, actions: list[DraftAction], names: SheetNames, last_no_row: int,
                lang: str) -> None:
    """One row per extra action: carried-over ones first, then open rows.  The indicator's name is looked up
    from its No (a formula, for DKIS to see which indicator a row belongs to; the loader reads the No)."""
    st = _styles(f)
    keys = EXTRA_KEYS
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, len(keys) - 1, names.extra.upper(), st["title"])
    ws.set_row(TITLE_ROW, 24)
    note = t("plan.note.extra", lang, indicators=names.indicators)
    ws.merge_range(NOTE_ROW, 0, NOTE_ROW, len(keys) - 1, note, st["note"])
    ws.set_row(NOTE_ROW, row_height([(note, sum(WIDTHS[k] for k in keys))], minimum=28))
    _heads(ws, st, keys, ("indicator", "carried_from"), lang)
    ind = quote_sheet(names.indicators)
    lookup = f"{ind}!$A${FIRST_ROW + 1}:$B${last_no_row + 1}"
    by_no = {fr.no: fr.name for fr in draft.framework.rows} | dict(draft.names)
    last = FIRST_ROW + len(actions) + EXTRA_ROWS - 1
    for r in range(FIRST_ROW, last + 1):
        action = actions[r - FIRST_ROW] if r - FIRST_ROW < len(actions) else None
        if action is not None and action.no is not None:
            ws.write_number(r, 0, action.no, st["open_c"])
        else:
            ws.write_blank(r, 0, None, st["open_c"])
        a = f"A{r + 1}"
        name = by_no.get(action.no, "") if action is not None and action.no is not None else ""
        ws.write_formula(r, 1, f'=IF({a}="","",IFERROR(VLOOKUP({a},{lookup},2,FALSE),"?"))', st["locked"], name)
        shown = _action_cells(ws, st, r, keys, action, lang)
        # an open row has room for two lines: LibreOffice does not grow a row as text is typed into it
        ws.set_row(r, row_height([*shown, (name, WIDTHS["indicator"])], minimum=28))
    no_rows = f"={ind}!$A${FIRST_ROW + 1}:$A${last_no_row + 1}"
    validation(ws, FIRST_ROW, 0, last, 0, {"validate": "list", "source": no_rows, **_hint("no", lang),
                                           "error_title": t("validation.error.title", lang),
                                           "error_message": t("plan.error.list", lang)})
    _action_validations(ws, keys, FIRST_ROW, last, draft, names, lang)
    # printed: the carried-over actions and ten rows more (the open rows would print as pages of empty boxes)
    _setup(ws, keys, EXTRA_PAGES, last, FIRST_ROW + len(actions) + 9, draft, lang, protect=False)


# ---- OPD and Info ---------------------------------------------------------------------------------

def write_opds(ws, f: Formats, draft: PlanDraft, lang: str) -> None:
    """Code, official name, aliases and the contacts reminders go to (optional): one OPD per row, the known
    ones pre-filled."""
    head = f(bold=True, bg_color=GREY_DARK, text_wrap=True, valign="vcenter", **BORDER)
    cell = f(text_wrap=True, valign="top", locked=False, **BORDER)
    for c, (key, width) in enumerate(OPD_SHEET_COLUMNS):
        ws.set_column(c, c, width)
        ws.write_string(0, c, t(key, lang), head)
    for r in range(1, OPD_ROWS + 1):
        opd = draft.opds[r - 1] if r - 1 < len(draft.opds) else None
        texts = ("",) * len(OPD_SHEET_COLUMNS) if opd is None else opd_sheet_texts(opd)
        for c, text in enumerate(texts):
            if text:
                write_text(ws, r, c, text, cell)
            else:
                ws.write_blank(r, c, None, cell)
        if opd is not None:
            ws.set_row(r, row_height([(texts[1], 50), (texts[2], 60)]))
    validation(ws, 1, 0, OPD_ROWS, 0, {"validate": "any", "input_title": t("master.opd.code", lang),
                                        "input_message": t("plan.hint.opd_code", lang)})
    for c, key in ((3, "email"), (4, "whatsapp"), (5, "person")):
        validation(ws, 1, c, OPD_ROWS, c, {"validate": "any", "input_title": t(f"master.opd.{key}", lang),
                                            "input_message": t(f"plan.hint.opd_{key}", lang)})
    ws.freeze_panes(1, 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.repeat_rows(0)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, len(draft.opds) + 10, len(OPD_SHEET_COLUMNS) - 1)  # the OPDs known and ten rows more


def write_info(ws, f: Formats, draft: PlanDraft, lang: str) -> None:
    """Institution, title, plan year, framework and reporting period, one per row (label, value)."""
    label = f(bold=True, valign="top", **BORDER)
    open_ = f(locked=False, text_wrap=True, valign="top", align="left", **BORDER)
    fixed = f(bg_color=GREY, text_wrap=True, valign="top", **BORDER)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 80)
    rows: tuple[tuple[str, str | int, object], ...] = (
            ("master.info.institution", draft.institution, open_),
            ("master.info.title", t("plan.info.title", lang, year=draft.year), open_),
            ("master.info.plan_year", draft.year, open_),
            ("master.info.framework", framework_display(draft.framework, lang), fixed),
            ("master.info.period_kind", t(f"period.kind.{draft.period_kind}", lang), open_))
    for r, (key, value, fmt) in enumerate(rows):
        ws.write_string(r, 0, t(key, lang), label)
        if isinstance(value, int):
            ws.write_number(r, 1, value, fmt)
        else:
            write_text(ws, r, 1, str(value), fmt)
            ws.set_row(r, row_height([(str(value), 80)]))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    kinds = [t(f"period.kind.{k}", lang) for k in PERIOD_KINDS]
    validation(ws, 4, 1, 4, 1, {"validate": "list", "source": kinds,
                                **_hint("period_kind", lang, t("master.info.period_kind", lang)),
                                "error_title": t("validation.error.title", lang),
                                "error_message": t("plan.error.list", lang)})

