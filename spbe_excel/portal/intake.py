"""What the intake page does with files: reading an upload as ``validate``
reads it, its feedback workbook, the OPD's template, the consolidated
workbook over the counted uploads, the zip of every upload, the figures
of the status page.

An upload is read under the name ``<OPD code>.<its suffix>`` (a hard link
to its blob in ``stage/``), so that a sheet that names no OPD is read as
its link's OPD, as ``consolidate`` would read it under that name.
The consolidated workbook is made by running ``spbe-excel consolidate``
itself over a folder ``dihitung/`` of those names, the same folder the
zip of uploads holds: what DKIS downloads is what the command makes of
those files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from spbe_excel.master import MasterList, load_master
from spbe_excel.model.findings import Severity
from spbe_excel.model.submission import Submission
from spbe_excel.model.vocab import FileState
from spbe_excel.portal.blobs import BlobStore, safe_name
from spbe_excel.portal.store import Round, Store, Upload

CONFIG = "portal.json"
LINKS_CSV = "tautan-opd.csv"
ADMIN_TOKEN_FILE = "token-admin.txt"
STATES = ("missing", "rejected", "accepted-with-errors", "accepted")


@dataclass(frozen=True)
class Config:
    db: str
    master: str  # file name of the plan in the store folder, "" for the embedded plan
    url: str  # the address OPD links start with

    @classmethod
    def read(cls, folder: Path) -> Config:
        data = json.loads((folder / CONFIG).read_text(encoding="utf-8"))
        return cls(data["db"], data.get("master", ""), data.get("url", "http://127.0.0.1:8000"))

    def write(self, folder: Path) -> None:
        path = folder / CONFIG
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # it may hold a database password
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"db": self.db, "master": self.master, "url": self.url}, fh, indent=2)


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

    def __init__(self, folder: str | os.PathLike, *, workers_timeout: float = 60.0):
        self.folder = Path(folder).resolve()
        self.config = Config.read(self.folder)
        self.store = Store(self.config.db)
        self.blobs = BlobStore(self.folder / "blobs")
        self.master: MasterList = load_master(str(self.folder / self.config.master) if self.config.master else None)
        self.timeout = workers_timeout
        self._subs: dict[int, Submission] = {}
        self._lock = threading.Lock()
        self._index_cache: tuple[tuple, dict] | None = None
        self._rekap_lock = threading.Lock()

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

    def read(self, path: Path, rnd: Round, as_of: dt.date | None = None) -> Submission:
        """Read and check one staged upload in an isolated worker, as ``validate`` does."""
        from spbe_excel.read.batch import read_many

        [sub] = read_many([path], self.master, period=rnd.period, today=as_of or dt.date.today(), workers=1,
                          timeout=self.timeout)
        return sub

    def record(self, opd: str, tmp_path: Path, file_name: str, rnd: Round, actor: str,
               token_hash: str | None = None) -> tuple[Upload, Submission]:
        """Keep a received file, read it, and record the upload (committed when this returns); given the hash of
        the link it came through, not when that link was replaced meanwhile (:class:`~.store.NotTaken`)."""
        from spbe_excel.write.report import all_findings

        sha, size = self.blobs.keep(tmp_path)
        file_name = safe_name(file_name)
        received = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        path = self.stage(opd, sha, file_name)
        sub = self.read(path, rnd)
        other = sub.opd is not None and sub.opd != opd
        state = "rejected" if sub.status != FileState.ACCEPTED or other else "accepted"
        findings = all_findings([sub])
        data = {lang: [{**f.as_dict(lang), "file": file_name} for f in findings] for lang in ("id", "en")}
        up = self.store.add_upload({
            "round_id": rnd.id, "opd": opd, "received_at": received, "file_name": file_name, "sha256": sha,
            "size": size, "state": state, "counted": state == "accepted", "opd_found": sub.opd,
            "errors": sum(1 for f in findings if f.severity is Severity.ERROR),
            "warnings": sum(1 for f in findings if f.severity is Severity.WARNING),
            "findings": json.dumps(data, ensure_ascii=False, default=str),
        }, actor, token_hash)
        if up.counted:  # kept for the index; an upload that does not count is never needed again
            with self._lock:
                self._subs[up.id] = sub
        return up, sub

    def staged(self, up: Upload) -> Path:
        return self.stage(up.opd, up.sha256, up.file_name)

    # ---- what an OPD downloads ------------------------------------------------------------------------
    def feedback(self, up: Upload, lang: str) -> Path:
        """The feedback workbook of one upload (made once, then kept)."""
        from dataclasses import replace

        from spbe_excel.write.feedback import write_feedback

        out = self.folder / "cache" / "feedback" / f"{up.id}-{lang}.xlsx"
        if not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            rnd = self.store.round(up.round_id)
            sub = self.read(self.staged(up), rnd)  # as `feedback` reads it, in an isolated worker
            sub.source = replace(sub.source, name=up.file_name)  # the name the OPD gave, not the reading name
            write_feedback(sub, self.master, out, lang=lang, period=rnd.period)
        return out

    def template(self, opd: str, rnd: Round, lang: str) -> Path:
        from spbe_excel.pipeline import write_templates

        folder = self.folder / "cache" / "template" / f"{rnd.id}-{lang}-{opd}"
        done = sorted(folder.glob("*.xlsx")) if folder.is_dir() else []
        if done:
            return done[0]
        [path] = write_templates(folder, self.master, period=rnd.period, opds=[opd], lang=lang)
        return Path(path)

    # ---- what DKIS downloads ------------------------------------------------------------------------
    def counted(self, rnd: Round) -> list[Upload]:
        counted, _ = self.store.latest(rnd.id)
        return [counted[code] for code in sorted(counted)]

    def counted_folder(self, rnd: Round, folder: Path, counted: list[Upload] | None = None) -> Path:
        """``folder/dihitung`` holding the counted uploads under their reading names, with their upload times.

        Each is a copy (not a link to its blob, whose time must not change) whose modification time is the
        time of its entry in the zip of uploads: the workbook lists each file's modification time, so
        ``consolidate`` over the zip's ``dihitung/`` extracted by ``unzip`` makes the same bytes."""
        out = folder / "dihitung"
        out.mkdir(parents=True, exist_ok=True)
        for up in self.counted(rnd) if counted is None else counted:
            target = out / stage_name(up.opd, up.file_name)
            if not target.exists():
                shutil.copyfile(self.blobs.path(up.sha256), target)
            stamp = time.mktime((*zip_time(up.received_at), 0, 0, -1))
            os.utime(target, (stamp, stamp))
        return out

    def rekap_args(self, rnd: Round, as_of: dt.date, lang: str) -> list[str]:
        """The ``consolidate`` arguments the consolidated workbook is made with (after the input folder)."""
        args = ["--period", rnd.period, "--as-of", as_of.isoformat(), "--lang", lang]
        if self.config.master:
            args += ["--master", str(self.folder / self.config.master)]
        return args

    def rekap(self, rnd: Round, lang: str, as_of: dt.date | None = None) -> Path:
        """The consolidated workbook of the counted uploads: ``spbe-excel consolidate dihitung -o ...`` run
        in a folder holding them (kept by the list of uploads it was made from)."""
        as_of = as_of or dt.date.today()
        counted = self.counted(rnd)
        ids = "-".join(str(u.id) for u in counted) or "none"
        key = f"{rnd.id}-{lang}-{as_of.isoformat()}-{_short(ids)}"
        out = self.folder / "cache" / "rekap" / f"{key}.xlsx"
        if out.exists():
            return out
        with self._rekap_lock:  # one at a time: two requests must not fill the same folder at once
            if out.exists():
                return out
            work = self.folder / "cache" / "rekap" / f"{key}.work"
            work.mkdir(parents=True, exist_ok=True)
            self.counted_folder(rnd, work, counted)
            cmd = [sys.executable, "-m", "spbe_excel", "consolidate", "dihitung", "-o", str(out),
                   *self.rekap_args(rnd, as_of, lang)]
            if ids == "none":
                cmd.append("--force")  # an empty round still gets its workbook (every OPD missing)
            done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, timeout=600)
            if not out.exists():
                raise RuntimeError(f"consolidate failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
            shutil.rmtree(work, ignore_errors=True)
            self._prune(out.parent, f"{rnd.id}-{lang}-", keep=out)
        return out

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

    def uploads_zip(self, rnd: Round, lang: str) -> Path:
        """Every upload of the round as received (``semua/``), the counted ones under the names the
        consolidated workbook reads (``dihitung/``), and a CSV list: a new file of the store's cache (the
        caller removes it once sent), written a blob at a time, since a round's uploads may be larger than
        the memory."""
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
        counted = set({u.opd: u.id for u in uploads if u.counted}.values())  # per OPD the latest not rejected
        listing = io.StringIO()
        w = csv.writer(listing)
        w.writerow(["id", "opd", "received_at", "file_name", "sha256", "size", "state", "counted", "errors",
                    "warnings", "zip_name"])
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for up in uploads:
                name = f"semua/{up.opd}/{_time_name(up.received_at)}_{up.id}_{up.sha256[:12]}_{up.file_name}"
                self._add(zf, name, up)
                if up.id in counted:
                    self._add(zf, "dihitung/" + stage_name(up.opd, up.file_name), up)
                w.writerow([up.id, up.opd, up.received_at.isoformat(), up.file_name, up.sha256, up.size, up.state,
                            int(up.id in counted), up.errors, up.warnings, name])
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
        """The SPBE index of the counted uploads (baseline, estimate), reading again after a restart."""
        from spbe_excel.figures import summary
        from spbe_excel.merge import consolidate

        counted = self.counted(rnd)
        key = (rnd.id, tuple(u.id for u in counted), dt.date.today())
        with self._lock:
            if self._index_cache and self._index_cache[0] == key:
                return self._index_cache[1]
            missing = [u for u in counted if u.id not in self._subs]
        if missing:
            from spbe_excel.read.batch import read_many

            subs = read_many([self.staged(u) for u in missing], self.master, period=rnd.period, workers=None)
            with self._lock:
                self._subs.update({u.id: s for u, s in zip(missing, subs)})
        with self._lock:
            subs = [self._subs[u.id] for u in counted]
            self._subs = {u.id: self._subs[u.id] for u in counted}  # uploads no longer counted are let go
        cons = consolidate(subs, self.master, period=rnd.period, as_of=dt.date.today())
        s = summary(cons)
        result = {"baseline": s["index_baseline"], "estimate": s["index_estimate"],
                  "reporting_rate": s["reporting_rate"], "pairs": s["pairs"], "pairs_reported": s["pairs_reported"]}
        with self._lock:
            self._index_cache = (key, result)
        return result

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


def _short(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]
