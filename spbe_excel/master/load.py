"""Loading a master list: the embedded 2019 plan of Kota Denpasar, or a file.

The embedded default is stored as CSV files in
``spbe_excel/data/denpasar_2019``.  DKIS can export it to a workbook, edit
it and pass it back with ``--master``; :func:`load_master` checks such a
file and raises :class:`~spbe_excel.errors.MasterListError` listing every
problem with its cell.  Nothing runs on a broken list.

The indicator table is parsed over the master columns of the column model
(:data:`~spbe_excel.model.columns.MASTER_FILE_COLUMNS`): each cell is
parsed by its column's kind and a sound row becomes ``Indicator(**values)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spbe_excel.errors import MasterListError
from spbe_excel.master.actions import assign_actions, check_indicator_rows
from spbe_excel.master.check import (
    Problems,
    check_aliases,
    check_plan,
    check_target,
    check_unique_code,
)
from spbe_excel.master.period import period_kind_of
from spbe_excel.master.plan import Correction, Indicator, MasterList, default_target_level
from spbe_excel.master.planfile import carried_positions, with_extra_actions
from spbe_excel.master.registry import CODE_RE, Opd, OpdRegistry
from spbe_excel.master.tables import Table, header_map, read_csv_file, read_csv_text, read_workbook, sheet_lookup
from spbe_excel.model import values
from spbe_excel.model.columns import MASTER_FILE_COLUMNS, Column, Kind, norm
from spbe_excel.model.contacts import Contact, split_emails, whatsapp_number
from spbe_excel.model.vocab import LevelKind
from spbe_excel.perf import gc_paused
from spbe_excel.text import t

EMBEDDED = "denpasar_2019"

_LEVEL_KINDS = {"kapabilitas": LevelKind.CAPABILITY, "capability": LevelKind.CAPABILITY,
                "layanan": LevelKind.SERVICE, "service": LevelKind.SERVICE}
_BAD = object()  # a cell that did not parse (the problem is reported)


# ---- the indicator table -----------------------------------------------------------------

def _parse_indicators(table: Table, registry: OpdRegistry, problems: Problems) -> list[Indicator]:
    header = _indicator_header(table, problems)
    if header is None:
        return []
    header_row, cols = header
    sound = _sound_rows(table, header_row, cols, registry, problems)
    assign_actions(table, cols, sound, problems)
    rows: list[tuple[int, Indicator]] = []
    for r, parsed in sound:
        ind = _indicator(table, r, cols, parsed, problems)
        if ind is not None:
            rows.append((r, ind))
    check_indicator_rows(table, cols, rows, problems)
    first: dict[int, int] = {}  # No -> its first row
    for r, ind in rows:
        first.setdefault(ind.no, r)
    check_plan(table, header_row, cols, [ind for r, ind in rows if first[ind.no] == r], first, problems)
    return [ind for _, ind in rows]


_ACTION_KEYS = frozenset({"recommendation", "follow_up", "target_year", "opds"})  # empty without an action


def _sound_rows(table: Table, header_row: int, cols: dict[str, int], registry: OpdRegistry,
                problems: Problems) -> list[tuple[int, dict]]:
    """The values of every row below the header whose cells all parsed (each one that did not is reported),
    by column key.  A row without follow-up and OPDs is an indicator without an action this year: its
    recommendation, follow-up, target year and OPDs may be empty."""
    plan = [(col, col.key, cols.get(col.key), col.kind, col.required) for col in MASTER_FILE_COLUMNS]
    bare_plan = [(col, key, c, kind, required and key not in _ACTION_KEYS) for col, key, c, kind, required in plan]
    action_cells = [cols[k] for k in ("follow_up", "opds") if k in cols]
    present = sorted(cols.values())
    is_empty = values.is_empty
    sound: list[tuple[int, dict]] = []
    for r in range(header_row + 1, len(table.rows)):
        row = table.rows[r]
        width = len(row)
        if all(c >= width or is_empty(row[c]) for c in present):
            continue
        bare = all(c >= width or is_empty(row[c]) for c in action_cells)
        parsed, ok = _parse_row(table, r, bare_plan if bare else plan, registry, problems)
        if ok:
            sound.append((r, parsed))
    return sound


def _indicator_header(table: Table, problems: Problems) -> tuple[int, dict[str, int]] | None:
    """The header row and the index of each master column in it; None (and
    reported) without one or with a required column missing."""
    hm = header_map(table, MASTER_FILE_COLUMNS)
    if hm is None or len(hm[1]) < 2:
        problems.add(f"{table.name}!A1", "master.p.missing_column", column=tuple(
            c.key for c in MASTER_FILE_COLUMNS if c.required))
        return None
    header_row, cols = hm
    missing = [col for col in MASTER_FILE_COLUMNS if col.required and col.key not in cols]
    for col in missing:
        problems.add(table.cell(header_row, 0), "master.p.missing_column", column=col.key)
    return None if missing else hm


def _parse_row(table: Table, r: int, plan: list, registry: OpdRegistry, problems: Problems) -> tuple[dict, bool]:
    """The values of row ``r`` by column key, and whether every cell parsed
    (each one that did not is reported)."""
    row = table.rows[r]
    width = len(row)
    is_empty = values.is_empty
    ok = True
    parsed: dict[str, object] = {}
    for col, key, c, kind, required in plan:
        v = row[c] if c is not None and c < width else None
        if v is None or is_empty(v):
            if required:
                problems.add(table.cell(r, c or 0), "master.p.required", column=col.key)
                ok = False
            parsed[key] = None
        elif kind is Kind.TEXT or kind is Kind.LONG_TEXT:  # most cells: text, spaces normalised
            parsed[key] = " ".join((v if v.__class__ is str else values.as_text(v)).split())
        else:
            parsed[key] = value = _parse_cell(table, r, c, col, v, registry, problems)
            ok = ok and value is not _BAD
    return parsed, ok


def _parse_cell(table: Table, r: int, c: int, col: Column, v, registry: OpdRegistry, problems: Problems):
    """The value of a filled cell that is not text, or ``_BAD`` (reported)."""
    kind = col.kind
    if kind is Kind.OPD_LIST:
        return _parse_opds(table, r, c, v, registry, problems)
    if kind is Kind.LEVEL_KIND:
        found = _LEVEL_KINDS.get(norm(v))
        if found is None:
            problems.add(table.cell(r, c), "master.p.unknown_kind", column=col.key, value=values.as_text(v))
            return _BAD
        return found
    if kind is Kind.LEVEL:
        try:
            return values.parse_level(v)
        except values.ParseError:
            problems.add(table.cell(r, c), "master.p.level_range", column=col.key, value=values.as_text(v))
            return _BAD
    try:
        return values.parse(kind, v)
    except values.ParseError as exc:
        problems.add(table.cell(r, c), "master.p.bad_value", column=col.key, value=values.as_text(v),
                     reason=exc.reason, **exc.params)
        return _BAD


def _parse_opds(table: Table, r: int, c: int, v, registry: OpdRegistry, problems: Problems):
    """The codes of the OPDs a cell names, or ``_BAD`` if it names an unknown
    one (each reported, with the closest known name) or none."""
    opds, unknown = registry.split(str(v))
    for u in unknown:
        near = registry.closest(u)
        problems.add(table.cell(r, c), "master.p.unknown_opd", value=u, near=near.display() if near else "")
    if not opds and not unknown:
        problems.add(table.cell(r, c), "master.p.no_opd")
    return tuple(o.code for o in opds) if opds and not unknown else _BAD


def _indicator(table: Table, r: int, cols: dict[str, int], parsed: dict, problems: Problems) -> Indicator | None:
    """The indicator of a row whose cells all parsed: the target defaults to
    the natural one; None (reported) if it is below the baseline.  A row
    without an action has no recommendation, follow-up, target year or OPDs."""
    if parsed["opds"] is None:
        parsed.update(recommendation=parsed["recommendation"] or "", follow_up="", target_year=0, opds=())
    if parsed["target_level"] is None:
        parsed["target_level"] = default_target_level(parsed["level_kind"], parsed["baseline_level"],
                                                      parsed["recommendation"])
    elif not check_target(table, r, cols["target_level"], parsed["target_level"], parsed["baseline_level"], problems):
        return None
    parsed["weight"] = round(parsed["weight"], 10)
    return Indicator(**parsed)


# ---- the OPD and info tables ---------------------------------------------------------------

_REGISTRY_LABELS = {  # what people write over the OPD sheet's columns, besides the labels of master.opd.*
    "code": {"kodeopd", "kode"},
    "name": {"nama", "namaopd", "name"},
    "aliases": {"aliases", "namalain"},
    "email": {"email", "surel", "alamatemail", "alamatsurel", "emailopd"},
    "whatsapp": {"wa", "nowa", "nomorwa", "nowhatsapp", "nomorwhatsapp", "whatsappnumber", "nohp", "nomorhp"},
    "person": {"kontak", "contact", "contactperson", "pic", "namakontak", "penanggungjawab"},
}


def _registry_header(table: Table) -> tuple[int, dict[str, int]] | None:
    """The header row of an OPD table (the first of 10 that names a code and
    a name column) and the index of each column in it."""
    labels = {key: {norm(t(f"master.opd.{key}", lang)) for lang in ("id", "en")} | more
              for key, more in _REGISTRY_LABELS.items()}
    for r, row in enumerate(table.rows[:10]):
        found: dict[str, int] = {}
        for c, cell in enumerate(row):
            text = norm(cell)
            for key, keys in labels.items():
                if text in keys and key not in found:
                    found[key] = c
        if "code" in found and "name" in found:
            return r, found
    return None


def _parse_registry(table: Table, problems: Problems) -> OpdRegistry:
    header = _registry_header(table)
    if header is None:
        problems.add(f"{table.name}!A1", "master.p.missing_column", column="Kode, Nama Resmi")
        return OpdRegistry([])
    r0, cols = header
    opds: list[Opd] = []
    seen: set[str] = set()
    owner: dict[str, str] = {}  # opd_key of every name -> code of its OPD
    for r in range(r0 + 1, len(table.rows)):
        opd = _registry_row(table, r, cols, seen, owner, problems)
        if opd is not None:
            opds.append(opd)
    return OpdRegistry(opds)


def _registry_row(table: Table, r: int, cols: dict[str, int], seen: set[str], owner: dict[str, str],
                  problems: Problems) -> Opd | None:
    """The OPD of row ``r``; None for an empty row or a bad or repeated code (reported)."""
    row = table.rows[r]
    code, name, aliases = (_text_at(row, cols.get(key)) for key in ("code", "name", "aliases"))
    code = code.upper()
    if not code and not name:
        return None
    if not CODE_RE.match(code):
        problems.add(table.cell(r, cols["code"]), "master.p.bad_code", code=code)
        return None
    if not check_unique_code(table, r, cols["code"], code, seen, problems):
        return None
    alias_list = tuple(a.strip() for a in re.split(r"[;\n]+", aliases) if a.strip())
    check_aliases(table, r, cols.get("aliases", cols["name"]), code, (code, name or code, *alias_list), owner,
                  problems)
    return Opd(code, name or code, alias_list, _contact(table, r, cols, problems))


def _contact(table: Table, r: int, cols: dict[str, int], problems: Problems) -> Contact:
    """The contacts of row ``r`` (the optional columns E-mail, WhatsApp, Narahubung); each cell that is not an
    address or a phone number is reported, with what was written."""
    row = table.rows[r]
    emails, bad = split_emails(_text_at(row, cols.get("email")))
    for part in bad:
        problems.add(table.cell(r, cols["email"]), "master.p.bad_email", value=part)
    written = _text_at(row, cols.get("whatsapp"))
    number = whatsapp_number(written) if written else ""
    if number is None:
        problems.add(table.cell(r, cols["whatsapp"]), "master.p.bad_whatsapp", value=written)
    person = " ".join(_text_at(row, cols.get("person")).split())
    return Contact(tuple(emails), number or "", person)


def _text_at(row: list, c: int | None) -> str:
    return values.as_text(row[c]).strip() if c is not None and c < len(row) else ""


_INFO_KEYS = {
    "institution": "master.info.institution",
    "title": "master.info.title",
    "plan_year": "master.info.plan_year",
    "framework": "master.info.framework",
    "period_kind": "master.info.period_kind",
}


def _parse_info(table: Table | None, problems: Problems) -> dict:
    info: dict = {}
    if table is None:
        return info
    lookup = {norm(t(label, lang)): key for key, label in _INFO_KEYS.items() for lang in ("id", "en")}
    for r, row in enumerate(table.rows):
        if len(row) < 2:
            continue
        key = lookup.get(norm(row[0]))
        if key is None or values.is_empty(row[1]):
            continue
        if key == "plan_year":
            try:
                info[key] = values.parse_year(row[1])
            except values.ParseError:
                problems.add(table.cell(r, 1), "master.p.plan_year", value=values.as_text(row[1]))
        elif key == "period_kind":
            kind = period_kind_of(values.as_text(row[1]))
            if kind is None:
                problems.add(table.cell(r, 1), "master.p.period_kind", value=values.as_text(row[1]))
            info[key] = kind or ""
        else:
            info[key] = values.as_text(row[1]).strip()
    return info


def _build(indicators_t: Table, registry_t: Table | None, info_t: Table | None, source: str,
           corrections: tuple[Correction, ...] = (), extra_t: Table | None = None) -> MasterList:
    problems = Problems()
    registry = _parse_registry(registry_t, problems) if registry_t is not None else embedded_registry()
    info = _parse_info(info_t, problems)
    indicators_t = with_extra_actions(indicators_t, extra_t, problems)
    indicators = _parse_indicators(indicators_t, registry, problems)
    if problems.items:
        raise MasterListError("master.broken", problems=problems.items, source=source)
    plan_year = info.get("plan_year") or min(i.target_year for i in indicators if i.target_year)
    return MasterList(
        rows=tuple(indicators), registry=registry, institution=info.get("institution", ""),
        title=info.get("title", ""), plan_year=plan_year, framework=info.get("framework", ""),
        source=source, corrections=corrections, period_kind=info.get("period_kind", ""),
        carried_over=carried_positions(indicators_t),
    )


# ---- embedded data ----------------------------------------------------------------------

def _data_text(name: str) -> str:
    return (resources.files("spbe_excel") / "data" / EMBEDDED / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def embedded_registry() -> OpdRegistry:
    problems = Problems()
    reg = _parse_registry(read_csv_text(_data_text("opd.csv"), "opd.csv"), problems)
    if problems.items:  # pragma: no cover - guarded by tests
        raise MasterListError("master.broken", problems=problems.items, source="opd.csv")
    return reg


def embedded_corrections() -> tuple[Correction, ...]:
    table = read_csv_text(_data_text("koreksi.csv"), "koreksi.csv")
    return tuple(Correction(int(r[0]), r[1], r[2], r[3], r[4]) for r in table.rows[1:] if r)


@lru_cache(maxsize=1)
def embedded_master() -> MasterList:
    return _build(
        read_csv_text(_data_text("indikator.csv"), "indikator.csv"),
        None,
        read_csv_text(_data_text("info.csv"), "info.csv"),
        source=f"embedded:{EMBEDDED}",
        corrections=embedded_corrections(),
    )


# ---- loading a master file ----------------------------------------------------------------

def load_master(path: str | Path | None = None) -> MasterList:
    """The embedded master list, or the one in ``path`` (.xlsx or .csv).

    Raises :class:`MasterListError` listing every problem with its cell."""
    with gc_paused():
        return _load_master(path)


def _load_master(path: str | Path | None) -> MasterList:
    if path is None:
        return embedded_master()
    return build_master(read_master_tables(path))


@dataclass(frozen=True)
class MasterTables:
    """The tables of a master file: indicators, and those a workbook may add (OPD, Info, extra actions)."""

    source: str
    indicators: Table
    opd: Table | None = None
    info: Table | None = None
    extra: Table | None = None


def read_master_tables(path: str | Path) -> MasterTables:
    """The tables of the master file ``path`` (.xlsx, .xlsm, .xls, .ods or .csv), unparsed."""
    path = Path(path)
    if not path.is_file():
        raise MasterListError("master.file_missing", path=path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return MasterTables(str(path), read_csv_file(path))
    if suffix not in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise MasterListError("master.bad_format", path=path)
    tables = read_workbook(path)
    ind_name = sheet_lookup(tables, "master.sheet.indicators") or next(iter(tables))
    named = [sheet_lookup(tables, key) for key in ("master.sheet.opd", "master.sheet.info", "master.sheet.extra")]
    opd, info, extra = (tables[n] if n else None for n in named)
    return MasterTables(str(path), tables[ind_name], opd, info, extra)


def build_master(tables: MasterTables) -> MasterList:
    """The plan in ``tables``; :class:`MasterListError` listing every problem with its cell."""
    return _build(tables.indicators, tables.opd, tables.info, source=tables.source, extra_t=tables.extra)


def read_opd_file(path: str | Path) -> OpdRegistry:
    """An OPD list on its own (``master new --opd``): a .csv, or the OPD sheet (else the first sheet) of a
    workbook, with the columns of a master list's OPD sheet (Kode, Nama Resmi, Alias)."""
    path = Path(path)
    if not path.is_file():
        raise MasterListError("master.file_missing", path=path)
    if path.suffix.lower() == ".csv":
        table = read_csv_file(path)
    elif path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        tables = read_workbook(path)
        table = tables[sheet_lookup(tables, "master.sheet.opd") or next(iter(tables))]
    else:
        raise MasterListError("master.bad_format", path=path)
    problems = Problems()
    registry = _parse_registry(table, problems)
    if problems.items:
        raise MasterListError("master.broken", problems=problems.items, source=str(path))
    return registry
