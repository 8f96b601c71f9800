"""The master list: what each OPD must report on.

A master list holds the indicators of one action plan (No, indicator,
recommendation, baseline level, follow-up action, target year, responsible
OPDs) together with the framework each belongs to (domain, aspect, weight,
level kind, target level), a registry of OPDs with their official names and
the aliases people write, and a few facts about the plan (institution, plan
year, framework name).

The embedded default is the 2019 plan of Kota Denpasar, stored as CSV files
in ``spbe_excel/data/denpasar_2019``.  DKIS can export it to a workbook,
edit it and pass it back with ``--master``; :func:`load_master` checks such a
file and raises :class:`~spbe_excel.errors.MasterListError` listing every
problem with its cell.  Nothing runs on a broken list.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from spbe_excel.errors import MasterListError
from spbe_excel.model import values
from spbe_excel.model.columns import MASTER_FILE_COLUMNS, Kind, a1, norm, words
from spbe_excel.model.levels import LEVEL_KIND_NAMES
from spbe_excel.model.vocab import LevelKind
from spbe_excel.perf import gc_paused
from spbe_excel.text import pick, t

EMBEDDED = "denpasar_2019"
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]*$")


# ---- OPD registry ----------------------------------------------------------------

_ABBREVIATIONS = {"bag": "bagian", "bid": "bidang", "din": "dinas", "brg": "barang", "kec": "kecamatan",
                  "kel": "kelurahan", "sekr": "sekretariat", "sekret": "sekretariat"}
_OPD_STOPWORDS = {"dan", "setda", "sekretariat", "daerah", "kota", "kabupaten", "pemerintah", "pemkot"}
_OPEN_LIST = {"dll", "dsb", "etc", "dst", "lainnya"}


def opd_key(text: str) -> str:
    """Key under which an OPD name is looked up: case, punctuation, common
    abbreviations (``Bag.`` = ``Bagian``), ``dan``/``&`` and a ``Setda``
    suffix ignored.  "Bag. Organisasi", "Bagian Organisasi" and
    "bag organisasi" share one key."""
    w = [_ABBREVIATIONS.get(x, x) for x in words(text)]
    kept = [x for x in w if x not in _OPD_STOPWORDS]
    return "".join(kept or w)


@dataclass(frozen=True)
class Opd:
    code: str
    name: str
    aliases: tuple[str, ...] = ()

    def display(self) -> str:
        return f"{self.code} - {self.name}"


_MISS = object()


class OpdRegistry:
    """OPD codes with official names and aliases, resolved by :func:`opd_key`."""

    def __init__(self, opds: list[Opd] | tuple[Opd, ...]):
        self.opds: tuple[Opd, ...] = tuple(opds)
        self.by_code: dict[str, Opd] = {o.code: o for o in self.opds}
        self._by_key: dict[str, Opd] = {}
        self._cache: dict[str, Opd | None] = {}
        self._split_cache: dict[str, tuple[tuple[Opd, ...], tuple[str, ...]]] = {}
        self._codes_cache: dict[str, frozenset[str]] = {}
        for o in self.opds:
            for name in (o.code, o.name, *o.aliases):
                self._by_key.setdefault(opd_key(name), o)

    def __iter__(self):
        return iter(self.opds)

    def __len__(self) -> int:
        return len(self.opds)

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def get(self, code: str) -> Opd:
        return self.by_code[code]

    def resolve(self, text: object) -> Opd | None:
        """The OPD a code, name or alias refers to, or ``None``.  Also
        accepts ``"CODE - Name"`` as written in templates and dropdowns."""
        if text is None:
            return None
        if text.__class__ is str:
            cached = self._cache.get(text, _MISS)
            if cached is not _MISS:
                return cached
            found = self._resolve(text)
            if len(self._cache) < 100_000:
                self._cache[text] = found
            return found
        return self._resolve(text)

    def _resolve(self, text: object) -> Opd | None:
        s = str(text).strip()
        if not s:
            return None
        if s.upper() in self.by_code:
            return self.by_code[s.upper()]
        found = self._by_key.get(opd_key(s))
        if found is None and " - " in s:
            head = s.split(" - ", 1)[0].strip().upper()
            found = self.by_code.get(head)
        return found

    def closest(self, text: str) -> Opd | None:
        """The OPD whose code, name or alias is closest to ``text``."""
        key = opd_key(text)
        match = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.6)
        return self._by_key[match[0]] if match else None

    def split(self, text: str) -> tuple[list[Opd], list[str]]:
        """Resolve a cell that may name several OPDs ("Dinas Perijinan,
        Dinas Dukcapil, dll").  Returns (resolved OPDs, unresolved parts);
        an open-list marker such as "dll" is neither.  Cached: the same
        cells (an indicator shared by hundreds of OPDs lists them all) come
        back in every submission."""
        key = str(text)
        cached = self._split_cache.get(key)
        if cached is None:
            cached = self._split(key)
            if len(self._split_cache) < 10_000:
                self._split_cache[key] = cached
        return list(cached[0]), list(cached[1])

    def split_codes(self, text: str) -> frozenset[str]:
        """The codes of the OPDs a cell names (as :meth:`split` resolves them)."""
        key = str(text)
        codes = self._codes_cache.get(key)
        if codes is None:
            codes = frozenset(o.code for o in self.split(key)[0])
            if len(self._codes_cache) < 10_000:
                self._codes_cache[key] = codes
        return codes

    def _split(self, text: str) -> tuple[tuple[Opd, ...], tuple[str, ...]]:
        found: list[Opd] = []
        unknown: list[str] = []
        whole = self.resolve(text)
        if whole is not None:
            return (whole,), ()
        for part in re.split(r"[;\n/]+", str(text)):
            part = part.strip()
            if not part:
                continue
            o = self.resolve(part)
            if o is not None:
                found.append(o)
                continue
            for sub in part.split(","):
                sub = sub.strip().rstrip(".")
                if not sub or norm(sub) in _OPEN_LIST:
                    continue
                o = self.resolve(sub)
                (found.append(o) if o is not None else unknown.append(sub))
        unique = tuple({o.code: o for o in found}.values())  # by code: hashing the dataclass is slow
        return unique, tuple(unknown)


# ---- indicators and framework -------------------------------------------------------

@dataclass(frozen=True)
class Indicator:
    no: int
    indicator: str
    recommendation: str
    baseline_level: int
    target_level: int
    follow_up: str
    target_year: int
    opds: tuple[str, ...]  # OPD codes
    domain: str
    aspect: str
    weight: float  # percent of the index, rounded to 10 decimals (so 20/6 survives a round trip)
    level_kind: LevelKind

    def get(self, key: str):
        return getattr(self, key)


@dataclass(frozen=True)
class Aspect:
    number: int
    name: str
    domain: str
    weight: float
    indicators: tuple[int, ...]


@dataclass(frozen=True)
class Domain:
    number: int
    name: str
    weight: float
    aspects: tuple[Aspect, ...]


@dataclass(frozen=True)
class Correction:
    """One fix applied to the source text of the embedded plan."""

    no: int
    column: str
    written: str
    corrected: str
    reason: str


@dataclass(frozen=True)
class MasterList:
    indicators: tuple[Indicator, ...]
    registry: OpdRegistry = field(compare=False)
    institution: str = ""
    title: str = ""
    plan_year: int = 0
    framework: str = ""
    source: str = ""
    corrections: tuple[Correction, ...] = ()

    @cached_property
    def by_no(self) -> dict[int, Indicator]:
        return {i.no: i for i in self.indicators}

    def indicator(self, no: int) -> Indicator:
        return self.by_no[no]

    @cached_property
    def _by_opd(self) -> dict[str, list[Indicator]]:
        index: dict[str, list[Indicator]] = {}
        for i in self.indicators:
            for code in i.opds:
                index.setdefault(code, []).append(i)
        return index

    def for_opd(self, code: str) -> list[Indicator]:
        """The indicators an OPD reports on, in plan order."""
        return list(self._by_opd.get(code, ()))

    @cached_property
    def opd_codes(self) -> tuple[str, ...]:
        """Codes of the OPDs that have at least one indicator, in registry
        order (then first appearance for codes not in the registry)."""
        used = {c for i in self.indicators for c in i.opds}
        ordered = [o.code for o in self.registry if o.code in used]
        ordered += [c for i in self.indicators for c in i.opds if c not in self.registry]
        return tuple(dict.fromkeys(ordered))

    @cached_property
    def domains(self) -> tuple[Domain, ...]:
        """Domains and aspects in order of first appearance; weights are the
        sums of their indicators' weights."""
        dnames = list(dict.fromkeys(i.domain for i in self.indicators))
        result = []
        aspect_no = 0
        for dn, dname in enumerate(dnames, 1):
            rows = [i for i in self.indicators if i.domain == dname]
            aspects = []
            for aname in dict.fromkeys(i.aspect for i in rows):
                aspect_no += 1
                arows = [i for i in rows if i.aspect == aname]
                aspects.append(Aspect(aspect_no, aname, dname, sum(i.weight for i in arows),
                                      tuple(i.no for i in arows)))
            result.append(Domain(dn, dname, sum(a.weight for a in aspects), tuple(aspects)))
        return tuple(result)

    @cached_property
    def fingerprint(self) -> str:
        """First 16 hex digits of the SHA-256 of the canonical content of the
        indicators (weights rounded to 9 decimals): what OPDs report on.  A list
        exported and loaded back, as .xlsx or .csv, keeps its fingerprint."""
        payload = {
            "indicators": [
                [i.no, i.indicator, i.recommendation, i.baseline_level, i.target_level, i.follow_up,
                 i.target_year, list(i.opds), i.domain, i.aspect, round(i.weight, 9), i.level_kind]
                for i in self.indicators
            ],
        }
        blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def opds_text(self, ind: Indicator) -> str:
        return ", ".join(ind.opds)


def default_target_level(kind: str, baseline: int, recommendation: str) -> int:
    """The natural target (DOMAIN.md): for a service indicator the level the
    recommendation names ("ditingkatkan menjadi layanan transaksi" = 3);
    otherwise the next level up."""
    if kind == LevelKind.SERVICE:
        m = re.search(r"menjadi\s+(?:layanan\s+)?([a-z]+)", " ".join(words(recommendation)))
        if m:
            try:
                named = values.parse_level(m.group(1))
            except values.ParseError:
                named = None
            if named is not None and named > baseline:
                return named
    return min(baseline + 1, 5)


# ---- reading tables ------------------------------------------------------------------

@dataclass
class _Table:
    name: str  # sheet name, or file name for a csv
    rows: list[list]

    def cell(self, r: int, c: int) -> str:
        return f"{self.name}!{a1(r, c)}"


@dataclass(frozen=True)
class MasterProblem:
    cell: str
    key: str
    params: tuple = ()

    def message(self, lang: str = "id") -> str:
        params = dict(self.params)
        if "reason" in params:
            params["reason"] = t(params["reason"], lang, **params)
        if "near" in params:
            params["suggestion"] = t("master.p.suggestion", lang, name=params["near"]) if params["near"] else ""
        return f"{self.cell}: {t(self.key, lang, **params)}"


def render_master_error(exc: MasterListError, lang: str = "id") -> str:
    """The message of a :class:`MasterListError` in ``lang``."""
    if not exc.problems:
        return str(exc)
    lines = [t("master.broken", lang, path=exc.source, count=len(exc.problems))]
    lines += [f"  - {p.message(lang)}" for p in exc.problems]
    lines.append(t("master.broken.end", lang))
    return "\n".join(lines)


class _Problems:
    def __init__(self):
        self.items: list[MasterProblem] = []

    def add(self, cell: str, key: str, **params):
        self.items.append(MasterProblem(cell, key, tuple(sorted(params.items()))))


def _read_csv_text(text: str, name: str) -> _Table:
    """Parse CSV text; the delimiter (``,`` ``;`` or tab, as Excel writes
    in different locales) is the one the header line uses most."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    return _Table(name, [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)])


def _read_csv_file(path: Path) -> _Table:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return _read_csv_text(raw.decode(enc), path.name)
        except UnicodeDecodeError:
            continue
    return _read_csv_text(raw.decode("latin-1"), path.name)


def _header_map(table: _Table, problems: _Problems, columns) -> tuple[int, dict[str, int]] | None:
    """Find the header row (first 10 rows) and map column keys to indexes."""
    best = (-1, {})
    for r, row in enumerate(table.rows[:10]):
        found: dict[str, int] = {}
        for c, cell in enumerate(row):
            key = norm(cell)
            for col in columns:
                if col.key not in found and key and key in col.header_keys():
                    found[col.key] = c
                    break
        if len(found) > len(best[1]):
            best = (r, found)
    return best if best[0] >= 0 else None


def _parse_indicators(table: _Table, registry: OpdRegistry, problems: _Problems) -> list[Indicator]:
    hm = _header_map(table, problems, MASTER_FILE_COLUMNS)
    if hm is None or len(hm[1]) < 2:
        problems.add(f"{table.name}!A1", "master.p.missing_column", column=", ".join(
            c.label_id for c in MASTER_FILE_COLUMNS if c.required))
        return []
    header_row, cols = hm
    for col in MASTER_FILE_COLUMNS:
        if col.required and col.key not in cols:
            problems.add(table.cell(header_row, 0), "master.p.missing_column", column=col.label_id)
    if any(col.required and col.key not in cols for col in MASTER_FILE_COLUMNS):
        return []
    result: list[Indicator] = []
    row_of: dict[int, int] = {}
    seen_no: dict[int, int] = {}  # No -> row index where it first appears
    plan = [(col, col.key, cols.get(col.key), col.kind, col.required) for col in MASTER_FILE_COLUMNS]
    present = sorted(cols.values())
    kinds = {"kapabilitas": LevelKind.CAPABILITY, "capability": LevelKind.CAPABILITY, "layanan": LevelKind.SERVICE,
             "service": LevelKind.SERVICE}
    is_empty = values.is_empty
    for r in range(header_row + 1, len(table.rows)):
        row = table.rows[r]
        width = len(row)
        if all(c >= width or is_empty(row[c]) for c in present):
            continue
        ok = True
        parsed: dict[str, object] = {}
        for col, key, c, kind, required in plan:
            v = row[c] if c is not None and c < width else None
            if v is None or is_empty(v):
                if required:
                    problems.add(table.cell(r, c or 0), "master.p.required", column=col.label_id)
                    ok = False
                parsed[key] = None
                continue
            if kind is Kind.TEXT or kind is Kind.LONG_TEXT:  # most cells: text, spaces normalised
                parsed[key] = " ".join((v if v.__class__ is str else values.as_text(v)).split())
                continue
            try:
                if kind is Kind.OPD_LIST:
                    opds, unknown = registry.split(str(v))
                    for u in unknown:
                        near = registry.closest(u)
                        problems.add(table.cell(r, c), "master.p.unknown_opd", value=u,
                                     near=near.display() if near else "")
                        ok = False
                    if not opds and not unknown:
                        problems.add(table.cell(r, c), "master.p.no_opd")
                        ok = False
                    parsed[key] = tuple(o.code for o in opds)
                elif kind is Kind.LEVEL_KIND:
                    parsed[key] = kinds.get(norm(v))
                    if parsed[key] is None:
                        problems.add(table.cell(r, c), "master.p.unknown_kind", column=col.label_id,
                                     value=values.as_text(v))
                        ok = False
                elif kind is Kind.LEVEL:
                    try:
                        parsed[key] = values.parse_level(v)
                    except values.ParseError:
                        problems.add(table.cell(r, c), "master.p.level_range", column=col.label_id,
                                     value=values.as_text(v))
                        ok = False
                else:
                    parsed[key] = values.parse(kind, v)
            except values.ParseError as exc:
                problems.add(table.cell(r, c), "master.p.bad_value", column=col.label_id, value=values.as_text(v),
                             reason=exc.reason, **exc.params)
                ok = False
        no = parsed.get("no")
        if isinstance(no, int):
            if no in seen_no:
                problems.add(table.cell(r, cols["no"]), "master.p.duplicate_no", no=no,
                             other=table.cell(seen_no[no], cols["no"]))
                ok = False
            else:
                seen_no[no] = r
        if not ok:
            continue
        target = parsed.get("target_level")
        if target is None:
            target = default_target_level(parsed["level_kind"], parsed["baseline_level"], parsed["recommendation"])
        elif target < parsed["baseline_level"]:
            problems.add(table.cell(r, cols["target_level"]), "master.p.target_below", target=target,
                         baseline=parsed["baseline_level"])
            continue
        row_of[parsed["no"]] = r
        result.append(Indicator(
            no=parsed["no"], indicator=parsed["indicator"], recommendation=parsed["recommendation"],
            baseline_level=parsed["baseline_level"], target_level=target, follow_up=parsed["follow_up"],
            target_year=parsed["target_year"], opds=parsed["opds"], domain=parsed["domain"],
            aspect=parsed["aspect"], weight=round(parsed["weight"], 10), level_kind=parsed["level_kind"],
        ))
    if not result and not problems.items:
        problems.add(f"{table.name}!A{header_row + 2}", "master.p.empty")
    if result and not problems.items:
        total = sum(i.weight for i in result)
        if abs(total - 100.0) > 1e-6:
            problems.add(table.cell(header_row, cols["weight"]), "master.p.weights_sum", total=f"{total:.6g}")
        aspect_domain: dict[str, str] = {}
        for i in result:
            if aspect_domain.setdefault(i.aspect, i.domain) != i.domain:
                problems.add(table.cell(row_of[i.no], cols["aspect"]), "master.p.aspect_domain",
                             aspect=i.aspect, domain=aspect_domain[i.aspect])
    return result


def _parse_registry(table: _Table, problems: _Problems) -> OpdRegistry:
    labels = {
        "code": {norm(t("master.opd.code", lang)) for lang in ("id", "en")} | {"kodeopd", "kode"},
        "name": {norm(t("master.opd.name", lang)) for lang in ("id", "en")} | {"nama", "namaopd", "name"},
        "aliases": {norm(t("master.opd.aliases", lang)) for lang in ("id", "en")} | {"aliases", "namalain"},
    }
    header = None
    for r, row in enumerate(table.rows[:10]):
        found = {}
        for c, cell in enumerate(row):
            for key, keys in labels.items():
                if norm(cell) in keys and key not in found:
                    found[key] = c
        if "code" in found and "name" in found:
            header = (r, found)
            break
    if header is None:
        problems.add(f"{table.name}!A1", "master.p.missing_column", column="Kode, Nama Resmi")
        return OpdRegistry([])
    r0, cols = header
    opds: list[Opd] = []
    seen: dict[str, str] = {}
    owner: dict[str, str] = {}
    for r in range(r0 + 1, len(table.rows)):
        row = table.rows[r]

        def get(key):
            c = cols.get(key)
            return values.as_text(row[c]).strip() if c is not None and c < len(row) else ""

        code, name, aliases = get("code").upper(), get("name"), get("aliases")
        if not code and not name:
            continue
        if not CODE_RE.match(code):
            problems.add(table.cell(r, cols["code"]), "master.p.bad_code", code=code)
            continue
        if code in seen:
            problems.add(table.cell(r, cols["code"]), "master.p.duplicate_opd", code=code)
            continue
        seen[code] = table.cell(r, cols["code"])
        alias_list = tuple(a.strip() for a in re.split(r"[;\n]+", aliases) if a.strip())
        for alias in (code, name or code, *alias_list):
            k = opd_key(alias)
            if k in owner and owner[k] != code:
                problems.add(table.cell(r, cols.get("aliases", cols["name"])), "master.p.alias_clash",
                             alias=alias, a=owner[k], b=code)
            owner.setdefault(k, code)
        opds.append(Opd(code, name or code, alias_list))
    return OpdRegistry(opds)


_INFO_KEYS = {
    "institution": "master.info.institution",
    "title": "master.info.title",
    "plan_year": "master.info.plan_year",
    "framework": "master.info.framework",
}


def _parse_info(table: _Table | None, problems: _Problems) -> dict:
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
        else:
            info[key] = values.as_text(row[1]).strip()
    return info


def _build(indicators_t: _Table, registry_t: _Table | None, info_t: _Table | None, source: str,
           corrections: tuple[Correction, ...] = ()) -> MasterList:
    problems = _Problems()
    registry = _parse_registry(registry_t, problems) if registry_t is not None else embedded_registry()
    info = _parse_info(info_t, problems)
    indicators = _parse_indicators(indicators_t, registry, problems)
    if problems.items:
        exc = MasterListError("", problems.items, source)
        exc.args = (render_master_error(exc, "id"),)
        raise exc
    plan_year = info.get("plan_year") or min(i.target_year for i in indicators)
    return MasterList(
        indicators=tuple(indicators), registry=registry, institution=info.get("institution", ""),
        title=info.get("title", ""), plan_year=plan_year, framework=info.get("framework", ""),
        source=source, corrections=corrections,
    )


# ---- embedded data ----------------------------------------------------------------------

def _data_text(name: str) -> str:
    return resources.files("spbe_excel").joinpath("data", EMBEDDED, name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def embedded_registry() -> OpdRegistry:
    problems = _Problems()
    reg = _parse_registry(_read_csv_text(_data_text("opd.csv"), "opd.csv"), problems)
    if problems.items:  # pragma: no cover - guarded by tests
        raise MasterListError("\n".join(p.message() for p in problems.items), problems.items)
    return reg


def embedded_corrections() -> tuple[Correction, ...]:
    table = _read_csv_text(_data_text("koreksi.csv"), "koreksi.csv")
    return tuple(Correction(int(r[0]), r[1], r[2], r[3], r[4]) for r in table.rows[1:] if r)


@lru_cache(maxsize=1)
def embedded_master() -> MasterList:
    return _build(
        _read_csv_text(_data_text("indikator.csv"), "indikator.csv"),
        None,
        _read_csv_text(_data_text("info.csv"), "info.csv"),
        source=f"embedded:{EMBEDDED}",
        corrections=embedded_corrections(),
    )


# ---- loading a master file ----------------------------------------------------------------

def _sheet_lookup(names: list[str], label_key: str) -> str | None:
    wanted = {norm(t(label_key, lang)) for lang in ("id", "en")}
    return next((n for n in names if norm(n) in wanted), None)


def load_master(path: str | Path | None = None) -> MasterList:
    """The embedded master list, or the one in ``path`` (.xlsx or .csv).

    Raises :class:`MasterListError` listing every problem with its cell."""
    with gc_paused():
        return _load_master(path)


def _load_master(path: str | Path | None) -> MasterList:
    if path is None:
        return embedded_master()
    path = Path(path)
    if not path.is_file():
        raise MasterListError(t("master.file_missing", "id", path=path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _build(_read_csv_file(path), None, None, source=str(path))
    if suffix not in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise MasterListError(t("master.bad_format", "id", path=path))
    import python_calamine

    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        names = wb.sheet_names
        tables = {n: _Table(n, wb.get_sheet_by_name(n).to_python()) for n in names}
    except Exception as exc:  # calamine raises several unrelated types
        raise MasterListError(t("master.unreadable", "id", path=path, reason=str(exc) or type(exc).__name__)) from None
    ind_name = _sheet_lookup(names, "master.sheet.indicators") or (names[0] if names else None)
    if ind_name is None:
        raise MasterListError(t("master.unreadable", "id", path=path, reason="no sheets"))
    opd_name = _sheet_lookup(names, "master.sheet.opd")
    info_name = _sheet_lookup(names, "master.sheet.info")
    return _build(tables[ind_name], tables.get(opd_name) if opd_name else None,
                  tables.get(info_name) if info_name else None, source=str(path))


# ---- presenting ----------------------------------------------------------------------------

def master_cell_value(master: MasterList, ind: Indicator, key: str, lang: str = "id"):
    """The value of a master column as shown in workbooks and exports."""
    v = ind.get(key)
    if key == "opds":
        return "; ".join(v)
    if key == "level_kind":
        return pick(LEVEL_KIND_NAMES[v], lang)
    return v


def master_records(master: MasterList, lang: str = "id") -> list[dict]:
    """The master list as records keyed by the labels of the master file."""
    return [
        {col.label(lang): master_cell_value(master, ind, col.key, lang) for col in MASTER_FILE_COLUMNS}
        for ind in master.indicators
    ]
