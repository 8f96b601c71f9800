"""What the intake page does with files, each through the pipeline
(:mod:`spbe_excel.pipeline`, the door the command line uses too): checking
an upload as ``validate`` does, its feedback workbook, the OPD's template,
the consolidated workbook, the zip of every upload, the figures of the
status page.

An upload is read as the file its OPD uploaded (its name in every finding)
and as that OPD's: its link says whose it is, so a sheet that names no OPD
is the link's OPD's and one that holds another OPD's report is rejected
(``opd-mismatch``).  The consolidated workbook is made, in this process,
over a folder ``laporan/`` holding each OPD's latest upload under the name
``<OPD code>.<its suffix>``: the counted one, else the latest rejected one,
so the workbook names a rejected OPD as rejected, with why, as the status
board does.  It is what ``spbe-excel consolidate laporan`` makes of that
folder (the zip of uploads holds the same folder)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import threading
import time
import weakref
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from spbe_excel import pipeline
from spbe_excel.model.periods import Period
from spbe_excel.model.submission import Incoming, Submission
from spbe_excel.model.verification import Verification
from spbe_excel.model.vocab import FileState
from spbe_excel.portal.blobs import BlobStore, safe_name
from spbe_excel.portal.store import Round, Store, Upload
from spbe_excel.portal.zones import DEFAULT_ZONE, zone_name

CONFIG = "portal.json"
LINKS_CSV = "tautan-opd.csv"
ADMIN_TOKEN_FILE = "token-admin.txt"
STATES = ("missing", "rejected", "accepted-with-errors", "accepted")
REPORTS = "laporan"  # the folder of each OPD's report in the zip of uploads (and where the workbook is made from)


@dataclass(frozen=True)
class Config:
    db: str
    master: str  # file name of the plan in the store folder, "" for the embedded plan
    url: str  # the address OPD links start with
    zone: str = DEFAULT_ZONE  # the time zone the pages show times in (WIB, WITA, WIT: portal init --zone)

    @classmethod
    def read(cls, folder: Path) -> Config:
        data = json.loads((folder / CONFIG).read_text(encoding="utf-8"))
        return cls(data["db"], data.get("master", ""), data.get("url", "http://127.0.0.1:8000"),
                   zone_name(data.get("zone")) or DEFAULT_ZONE)

    def write(self, folder: Path) -> None:
        path = folder / CONFIG
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # it may hold a database password
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"db": self.db, "master": self.master, "url": self.url, "zone": self.zone}, fh, indent=2)


def stage_name(opd: str, file_name: str) -> str:
    """The name an upload is read under: its OPD's code and the suffix it came with (``BAPPEDA.xlsx``).  The
    file name names the OPD without doubt, so a sheet that names none is the link's OPD's, and one that names
    another OPD gets ``opd-conflict``, as ``consolidate`` would read it under that name."""
    suffix = Path(file_name).suffix.lower()
    return opd + (suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else "")


def _time_name(at: dt.datetime) -> str:
    return at.astimezone().strftime("%Y%m%d-%H%M%S")


def zip_time(at: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """An upload's time as a zip entry's (local time, even seconds: zip's resolution)."""
    local = at.astimezone().replace(tzinfo=None)
    return (local.year, local.month, local.day, local.hour, local.minute, local.second - local.second % 2)


class Intake:
    """One store folder: its database, blobs, plan and caches."""

    def __init__(self, folder: str | os.PathLike, *, workers_timeout: float = 60.0, readers: int = 0):
        """``readers``: reader processes kept for uploads (:func:`pipeline.reader_pool`, started with the first
        upload); 0 starts a worker for each upload."""
        self.folder = Path(folder).resolve()
        self.readers = readers
        self._pool: pipeline.ReaderPool | None = None
        self._pool_lock = threading.Lock()
        self.config = Config.read(self.folder)
        self.store = Store(self.config.db)
        self.blobs = BlobStore(self.folder / "blobs")
        self.master = pipeline.load_plan(self.folder / self.config.master if self.config.master else None)
        self.timeout = workers_timeout
        self._subs: dict[int, Submission] = {}
        self._lock = threading.Lock()
        self._index_cache: tuple[tuple, tuple[dict, pipeline.SetFigures]] | None = None
        self._rekap_lock = threading.Lock()
        self._periods: dict[str, Period | None] = {}
        # DKIS's verifications as the pipeline takes them (of one OPD, or every one for None): set by the portal,
        # which keeps them with the evidence files (issue 19)
        self.verifications: Callable[[str | None], Sequence[Verification]] = lambda _opd: ()

    def period(self, rnd: Round) -> Period | None:
        """The period of a round, parsed once (it was checked when the round was opened)."""
        with self._lock:
            if rnd.period not in self._periods:
                self._periods[rnd.period] = pipeline.period_of(rnd.period, self.master)
            return self._periods[rnd.period]

    # ---- one upload ---------------------------------------------------------------------------------
    def stage(self, upload_opd: str, sha: str, file_name: str) -> Path:
        """The blob under its reading name, in a folder of its own (a hard link: nothing is copied)."""
        folder = self.folder / "stage" / sha[:16] / upload_opd
        path = folder / stage_name(upload_opd, file_name)
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            try:
                os.link(self.blobs.path(sha), path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                shutil.copyfile(self.blobs.path(sha), path)
        return path

    def incoming(self, up: Upload) -> Incoming:
        """An upload as the pipeline reads it: its staged copy, under the name it was uploaded as, its link's OPD."""
        return Incoming(str(self.stage(up.opd, up.sha256, up.file_name)), up.file_name, up.opd)

    def pool(self):
        """The reader processes of the uploads, started when first needed (None when ``readers`` is 0)."""
        if not self.readers:
            return None
        with self._pool_lock:
            if self._pool is None:
                self._pool = pipeline.reader_pool(self.master, size=self.readers, timeout=self.timeout)
                weakref.finalize(self, self._pool.close)  # an intake let go (a test's app) stops its readers
            return self._pool

    def close(self) -> None:
        """Stop the reader processes (a later upload starts them again)."""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def read(self, path: Path, rnd: Round, opd: str, name: str, as_of: dt.date | None = None) -> pipeline.FileReport:
        """Check one staged upload as ``validate`` does, in an isolated reader: its verdict and its findings, bounded
        (:func:`pipeline.check_upload_report`)."""
        return pipeline.check_upload_report(path, self.master, period=self.period(rnd), opd=opd, name=name,
                                            as_of=as_of or dt.date.today(), timeout=self.timeout, pool=self.pool())

    def record(self, opd: str, source: BinaryIO, file_name: str, rnd: Round, actor: str,
               token_hash: str | None = None) -> tuple[Upload, pipeline.FileReport]:
        """Keep a received file (``source``, as received: read from its start), read it, and record the upload
        (committed when this returns); given the hash of the link it came through, not when that link was replaced
        meanwhile (:class:`~.store.NotTaken`).  What the reader sends back is its verdict and its findings, bounded
        (:func:`pipeline.check_upload_report`)."""
        sha, size = self.blobs.keep_stream(source)
        file_name = safe_name(file_name)
        received = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        report = self.read(self.stage(opd, sha, file_name), rnd, opd, file_name)
        state = "accepted" if report.status == FileState.ACCEPTED else "rejected"
        up = self.store.add_upload({
            "round_id": rnd.id, "opd": opd, "received_at": received, "file_name": file_name, "sha256": sha,
            "size": size, "state": state, "counted": state == "accepted", "opd_found": report.opd,
            "errors": report.counts["error"], "warnings": report.counts["warning"],
            "findings": json.dumps(report.findings, ensure_ascii=False, default=str),
        }, actor, token_hash)
        if up.counted and report.submission is not None:  # kept for the index (a large one is read again)
            with self._lock:
                self._subs[up.id] = report.submission
        return up, report

    def staged(self, up: Upload) -> Path:
        return self.stage(up.opd, up.sha256, up.file_name)

    def submission(self, up: Upload) -> Submission:
        """A counted upload as the pipeline read it (kept for the index; read again after a restart)."""
        with self._lock:
            sub = self._subs.get(up.id)
        if sub is None:
            [sub] = pipeline.read_uploads([self.incoming(up)], self.master,
                                          period=self.period(self.store.round(up.round_id)))
            with self._lock:
                self._subs[up.id] = sub
        return sub

    # ---- what an OPD downloads ------------------------------------------------------------------------
    def feedback(self, up: Upload, lang: str) -> Path:
        """The feedback workbook of one upload (made once for each state of DKIS's verifications of its OPD, then
        kept): the upload read again as ``feedback`` reads a file, naming the file the OPD uploaded, with what DKIS
        returned (issue 19)."""
        given = list(self.verifications(up.opd))
        key = verifications_key(given)
        name = f"{up.id}-{lang}.xlsx" if key == "v0" else f"{up.id}-{lang}-{key}.xlsx"
        out = self.folder / "cache" / "feedback" / name
        if not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            rnd = self.store.round(up.round_id)
            pipeline.write_feedback(self.incoming(up), self.master, out, period=self.period(rnd), lang=lang,
                                    verifications=given)
            os.chmod(out, 0o600)  # the OPD's report and findings: the owner's only, as the database
        return out

    def template(self, opd: str, rnd: Round, lang: str) -> Path:
        folder = self.folder / "cache" / "template" / f"{rnd.id}-{lang}-{opd}"
        done = sorted(folder.glob("*.xlsx")) if folder.is_dir() else []
        if done:
            return done[0]
        [path] = pipeline.write_templates(folder, self.master, period=self.period(rnd), opds=[opd], lang=lang)
        os.chmod(path, 0o600)
        return Path(path)

    # ---- what DKIS downloads ------------------------------------------------------------------------
    def counted(self, rnd: Round) -> list[Upload]:
        counted, _ = self.store.latest(rnd.id)
        return [counted[code] for code in sorted(counted)]

    def reports(self, rnd: Round) -> list[tuple[str, Upload]]:
        """Each OPD's report as the consolidated workbook reads it, by code: its counted upload (folder
        ``dihitung``), else its latest upload, which was rejected (folder ``ditolak``)."""
        counted, last = self.store.latest(rnd.id)
        out = []
        for code in sorted(last):
            up = counted.get(code)
            out.append(("dihitung", up) if up is not None else ("ditolak", last[code]))
        return out

    def reports_folder(self, rnd: Round, folder: Path,
                       reports: list[tuple[str, Upload]] | None = None) -> list[Incoming]:
        """``folder/laporan/dihitung`` and ``folder/laporan/ditolak`` holding each OPD's report under its reading
        name, with its upload time; what the pipeline reads, each with its link's OPD.

        Each is a copy (not a link to its blob, whose time must not change) whose modification time is the
        time of its entry in the zip of uploads: the workbook lists each file's modification time, so
        ``consolidate`` over the zip's ``laporan/`` extracted by ``unzip`` makes the same bytes."""
        items = []
        for kind, up in self.reports(rnd) if reports is None else reports:
            rel = Path(REPORTS) / kind / stage_name(up.opd, up.file_name)
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                shutil.copyfile(self.blobs.path(up.sha256), target)
            stamp = time.mktime((*zip_time(up.received_at), 0, 0, -1))
            os.utime(target, (stamp, stamp))
            items.append(Incoming(str(target), str(rel), up.opd))
        return sorted(items, key=lambda i: i.shown)

    def rekap(self, rnd: Round, lang: str, as_of: dt.date | None = None) -> Path:
        """The consolidated workbook of each OPD's report (:meth:`reports`), made by the pipeline as
        ``consolidate laporan`` makes it, kept by the list of uploads it was made from."""
        as_of = as_of or dt.date.today()
        reports = self.reports(rnd)
        given = list(self.verifications(None))
        ids = "-".join(f"{kind[0]}{u.id}" for kind, u in reports) or "none"
        key = f"{rnd.id}-{lang}-{as_of.isoformat()}-{_short(ids + verifications_key(given))}"
        out = self.folder / "cache" / "rekap" / f"{key}.xlsx"
        if out.exists():
            return out
        with self._rekap_lock:  # one at a time: two requests must not fill the same folder at once
            if out.exists():
                return out
            work = self.folder / "cache" / "rekap" / f"{key}.work"
            work.mkdir(parents=True, exist_ok=True)
            try:
                items = self.reports_folder(rnd, work, reports)
                pipeline.consolidate_files(items, self.master, pipeline.Outputs(workbook=out, lang=lang),
                                           period=self.period(rnd), as_of=as_of, workers=1, force=True,
                                           verifications=given)
                os.chmod(out, 0o600)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            self._prune(out.parent, f"{rnd.id}-{lang}-", keep=out)
        return out

    def year_rounds(self, rnd: Round) -> list[Round]:
        """The rounds of ``rnd``'s year (its period's), in the order they were opened."""
        period = self.period(rnd)
        year = period.year if period is not None else None
        if year is None:
            return [rnd]
        return [r for r in self.store.rounds() if (p := self.period(r)) is not None and p.year == year]

    def year(self, rnd: Round, lang: str, as_of: dt.date | None = None) -> tuple[Path, Path]:
        """The year workbook (``spbe-excel year``) over the consolidated workbook of each round of ``rnd``'s
        year, each as its round's deadline saw it (today for a round whose deadline is still ahead), and the
        leaders' page of it (``spbe-excel report``, PDF); kept by the rounds' workbooks they were made from."""
        today = as_of or dt.date.today()
        rounds = self.year_rounds(rnd)
        rekaps = [self.rekap(r, lang, min(r.deadline, today) if r.deadline else today) for r in rounds]
        key = f"{rnd.id}-{lang}-{_short('-'.join(p.stem for p in rekaps))}"
        folder = self.folder / "cache" / "year"
        book, page = folder / f"{key}.xlsx", folder / f"{key}.pdf"
        if book.exists() and page.exists():
            return book, page
        with self._rekap_lock:
            if not (book.exists() and page.exists()):
                folder.mkdir(parents=True, exist_ok=True)
                deadlines = {r.period: r.deadline for r in rounds if r.deadline}
                pipeline.write_year_workbook(rekaps, book, lang=lang, deadlines=deadlines)
                pipeline.write_leaders_page(book, page, lang=lang)
                for made in (book, page):
                    os.chmod(made, 0o600)
                for suffix in (".xlsx", ".pdf"):
                    self._prune(folder, f"{rnd.id}-{lang}-", keep=folder / f"{key}{suffix}")
        return book, page

    @staticmethod
    def _prune(folder: Path, prefix: str, keep: Path, age: float = 600.0) -> None:
        """Remove the workbooks of ``folder`` made earlier for the same round and language (older than
        ``age`` seconds, so that a download of one that just went out is not cut)."""
        now = time.time()
        for old in folder.glob(prefix + "*"):
            try:
                if old != keep and now - old.stat().st_mtime > age:
                    if old.is_dir():
                        shutil.rmtree(old, ignore_errors=True)
                    else:
                        old.unlink()
            except OSError:
                continue

    def uploads_zip(self, rnd: Round) -> Path:
        """Every upload of the round as received (``semua/``), each OPD's report under the names the
        consolidated workbook reads (``laporan/dihitung/``, ``laporan/ditolak/``), and a CSV list: a new file of
        the store's cache (the caller removes it once sent), written a blob at a time, since a round's uploads
        may be larger than the memory."""
        folder = self.folder / "cache" / "zip"
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix="kiriman-", suffix=".zip", delete=False) as buf:
            try:
                self._write_zip(buf, rnd)
            except BaseException:
                os.unlink(buf.name)
                raise
        self._prune(folder, "kiriman-", keep=Path(buf.name), age=3600.0)  # left by downloads cut short
        return Path(buf.name)

    def _write_zip(self, buf, rnd: Round) -> None:
        uploads = self.store.uploads(rnd.id)  # one read: the list and what counts agree
        latest = {u.opd: u for u in uploads}
        counted = {u.opd: u for u in uploads if u.counted}  # per OPD the latest not rejected
        report = {opd: ("dihitung", counted[opd]) if opd in counted else ("ditolak", up) for opd, up in latest.items()}
        listing = io.StringIO()
        w = csv.writer(listing)
        w.writerow(["id", "opd", "received_at", "file_name", "sha256", "size", "state", "counted", "errors",
                    "warnings", "zip_name"])
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for up in uploads:
                name = f"semua/{up.opd}/{_time_name(up.received_at)}_{up.id}_{up.sha256[:12]}_{up.file_name}"
                self._add(zf, name, up)
                kind, chosen = report[up.opd]
                if chosen.id == up.id:
                    self._add(zf, f"{REPORTS}/{kind}/{stage_name(up.opd, up.file_name)}", up)
                w.writerow([up.id, up.opd, up.received_at.isoformat(), up.file_name, up.sha256, up.size, up.state,
                            int(counted.get(up.opd) is up), up.errors, up.warnings, name])
            zf.writestr("daftar-kiriman.csv", "\ufeff" + listing.getvalue())

    def _add(self, zf: zipfile.ZipFile, name: str, up: Upload) -> None:
        info = zipfile.ZipInfo(name, date_time=zip_time(up.received_at))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.file_size = up.size
        with open(self.blobs.path(up.sha256), "rb") as src, zf.open(info, "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    # ---- the status page ----------------------------------------------------------------------------
    def index(self, rnd: Round) -> dict:
        """The SPBE index of the counted uploads (baseline, estimate, verified), reading again after a restart."""
        return self.figures(rnd)[0]

    def figures(self, rnd: Round) -> tuple[dict, pipeline.SetFigures]:
        """The SPBE index of the counted uploads (its JSON form: baseline, estimate from the counted claims,
        verified estimate from the levels DKIS marked *Sesuai*) and the figures it was made of (each claim with the
        verification that holds on it, what became of each verification), given DKIS's verifications."""
        counted = self.counted(rnd)
        given = list(self.verifications(None))
        key = (rnd.id, tuple(u.id for u in counted), dt.date.today(), verifications_key(given))
        with self._lock:
            if self._index_cache and self._index_cache[0] == key:
                return self._index_cache[1]
            missing = [u for u in counted if u.id not in self._subs]
        if missing:
            subs = pipeline.read_uploads([self.incoming(u) for u in missing], self.master, period=self.period(rnd))
            with self._lock:
                self._subs.update({u.id: s for u, s in zip(missing, subs)})
        with self._lock:
            subs = [self._subs[u.id] for u in counted]
            self._subs = {u.id: self._subs[u.id] for u in counted}  # uploads no longer counted are let go
        figures = pipeline.summarize(subs, self.master, period=self.period(rnd), as_of=dt.date.today(),
                                     verifications=given)
        s, plain = figures.summary, figures.summary.as_dict()  # the JSON report's numbers, without float noise
        result = {"baseline": plain["index_baseline"], "estimate": plain["index_estimate"],
                  "verified": plain["index_verified"], "claims": s.claims, "claims_verified": s.claims_verified,
                  "claims_returned": s.claims_returned,
                  "reporting_rate": plain["reporting_rate"], "pairs": s.pairs, "pairs_reported": s.pairs_reported,
                  "numbered": self.master.numbered,  # pairs are actions x OPD
                  "predicate_rules": {which: {"evaluation": rule.year, "exact": rule.exact}
                                      for which, rule in (("baseline", s.baseline_rule),
                                                          ("estimate", s.estimate_rule),
                                                          ("verified", s.estimate_rule))},
                  "claims_not_counted": [{"no": c.no, "action": c.action, "opd": c.opd, "claimed": c.claimed,
                                          "counted": c.counted, "why": str(c.why)}
                                         for c in figures.claims_not_counted]}
        with self._lock:
            self._index_cache = (key, (result, figures))
        return result, figures

    def status(self, rnd: Round) -> list[dict]:
        """One row per OPD of the plan: its state, last upload, error and warning counts."""
        counted, last = self.store.latest(rnd.id)
        rows = []
        for code, name in self.store.opds():
            c, latest = counted.get(code), last.get(code)
            if c is not None:
                state = "accepted-with-errors" if c.errors else "accepted"
            else:
                state = "rejected" if latest is not None else "missing"
            shown = c or latest
            rows.append({"code": code, "name": name, "state": state,
                         "last_upload": latest.received_at.isoformat() if latest else None,
                         "last_upload_local": latest.received_at.astimezone().strftime("%d-%m-%Y %H:%M")
                         if latest else "",
                         "errors": shown.errors if shown else 0, "warnings": shown.warnings if shown else 0,
                         "upload_id": shown.id if shown else None,
                         "last_rejected": bool(latest and c and latest.id != c.id and latest.state == "rejected")})
        return rows

    def links_csv(self) -> str:
        path = self.folder / LINKS_CSV
        return path.read_text(encoding="utf-8-sig") if path.exists() else ""


def verifications_key(given: Sequence[Verification]) -> str:
    """DKIS's verifications as a short key of what is made of them (a workbook made before one was given is not
    the one after)."""
    if not given:
        return "v0"
    text = "\n".join("\t".join((v.action, v.opd, str(v.verdict), v.fingerprint, v.note, v.by,
                                 v.at.isoformat() if v.at else "")) for v in given)
    return "v" + hashlib.sha256(text.encode()).hexdigest()[:12]


def _short(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]
