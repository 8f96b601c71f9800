"""Hostile input: each file is a finding, the rest of the run completes,
nothing crashes, hangs or eats the machine, nothing leaks, nothing is changed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
import zlib

import hostile
import openpyxl
import pytest
from factory import PERIOD, TODAY, fill, good_row, template

from spbe_excel.read import batch
from spbe_excel.read.batch import read_many
from spbe_excel.read.safety.sniff import Limits
from spbe_excel.read.submission import read_submission
from spbe_excel.text.findings import message as finding_message

SECRET = "rahasia-negara-4417"
LONG = "Penjelasan panjang. " * 2000  # 40,000 characters


@pytest.fixture(scope="module")
def good(tmp_path_factory, master):
    """A good submission per OPD; BAPPEDA's carries a 40,000-character text, Word control characters
    and text that starts like a formula."""
    d = tmp_path_factory.mktemp("good")
    tpl = tmp_path_factory.mktemp("tpl")
    paths = {}
    for code in master.opd_codes:
        rows = None
        if code == "BAPPEDA":
            rows = {10: {**good_row(10), "obstacles": '=HYPERLINK("http://x.example","klik")',
                         "evidence": "@SK Walikota", "responsible": "+Budi"}}

        def long_text(wb, ws, code=code):
            if code == "BAPPEDA":
                ws["L6"]._value = LONG  # beyond what openpyxl lets a user type
        paths[code] = fill(template(tpl, master, code), d / f"{code}.xlsx", rows, edit=long_text)
    return paths


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("secret") / "rahasia.txt"
    path.write_text(SECRET)
    return path


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory, good, secret_file):
    d = tmp_path_factory.mktemp("hostile")
    files = {
        "bom_ukuran.xlsx": hostile.zip_bomb_declared(d),
        "bom_rasio.xlsx": hostile.zip_bomb_ratio(d),
        **{name: hostile.far_cell(d, name) for name in hostile.FAR_REFS},
        "sel_tanpa_alamat.xlsx": hostile.counted_cells(d),
        "sejuta_baris.xlsx": hostile.million_rows(d),
        "tawa_workbook.xlsx": hostile.billion_laughs_workbook(d),
        "tawa_sheet.xlsx": hostile.billion_laughs_sheet(d),
        "entitas_luar.xlsx": hostile.external_entity(d, secret_file),
        "terkunci.xlsx": hostile.encrypted(d, good["HUKUM"]),
        "~$BAPPEDA.xlsx": hostile.lock_file(d),
    }
    for p in hostile.renamed(d, None) + hostile.empty_and_truncated(d, good["DKIS"]):
        files[p.name] = p
    return files


EXPECTED = {  # file -> (code, reason)
    "bom_ukuran.xlsx": ("file-unreadable", "reason.file.bomb"),
    "bom_rasio.xlsx": ("file-unreadable", "reason.file.bomb"),
    **dict.fromkeys(hostile.FAR_REFS, ("file-unreadable", "reason.file.sheet_too_large")),
    "sel_tanpa_alamat.xlsx": ("file-unreadable", "reason.file.sheet_too_large"),
    "sejuta_baris.xlsx": ("file-unreadable", "reason.file.sheet_too_large"),
    "tawa_workbook.xlsx": ("file-unreadable", "reason.file.xml_attack"),
    "tawa_sheet.xlsx": ("file-unreadable", "reason.file.xml_attack"),
    "entitas_luar.xlsx": ("file-unreadable", "reason.file.xml_attack"),
    "terkunci.xlsx": ("file-encrypted", "reason.file.encrypted"),
    "ekspor_html.xlsx": ("file-unreadable", "reason.file.html"),
    "ekspor_csv.xlsx": ("file-unreadable", "reason.file.text"),
    "kosong.xlsx": ("file-unreadable", "reason.file.empty"),
    "terpotong.xlsx": ("file-unreadable", "reason.file.corrupt"),
    "~$BAPPEDA.xlsx": ("file-skipped", "why.lock_file"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_is_one_finding(hostile_files, master, name):
    path = hostile_files[name]
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    started = time.monotonic()
    sub = read_submission(path, master, period=PERIOD, today=TODAY)
    assert time.monotonic() - started < 10
    assert [(f.code, f.param("reason")) for f in sub.findings] == [EXPECTED[name]]
    assert sub.status == ("skipped" if name.startswith("~$") else "rejected")
    assert finding_message(sub.findings[0], "id") and finding_message(sub.findings[0], "en")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_folder_of_good_and_hostile_files_consolidates_completely(hostile_files, good, tmp_path):
    """The whole command in its own process: bounded memory, no hang, every OPD consolidated."""
    folder = tmp_path / "kiriman"
    folder.mkdir()
    for p in [*good.values(), *hostile_files.values()]:
        shutil.copy(p, folder / p.name)
    hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    out, report = tmp_path / "rekap.xlsx", tmp_path / "rekap.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "spbe_excel", "consolidate", str(folder), "-o", str(out),
                           "--as-of", "2019-09-30", "--report-json", str(report), "--workers", "2"],
                          capture_output=True, text=True, timeout=300)
    elapsed = time.monotonic() - started
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    assert done.returncode == 1, done.stderr  # error findings, workbook written
    assert elapsed < 120 and peak_mb < 1024, (elapsed, peak_mb)
    assert "OPD melapor: 10 dari 10." in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    by_file = {}
    for f in data["findings"]:
        by_file.setdefault(os.path.basename(f["file"]), set()).add(f["code"])
    for name, (code, _) in EXPECTED.items():
        assert code in by_file[name], name
    assert {s["path"].rsplit("/", 1)[1]: s["use"] for s in data["sources"]}["sel_jauh.xlsx"] == "rejected"
    assert {r["state"] for r in data["rows"]} == {"reported"}
    # nothing leaked, nothing evaluated, nothing changed
    assert SECRET not in report.read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(out)
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(SECRET in c.value for c in texts)
    formula_like = [c for c in texts if c.value.startswith(("=HYPERLINK", "@SK", "+Budi"))]
    assert len(formula_like) >= 3 and all(c.data_type == "s" for c in formula_like)
    assert max(len(c.value) for c in texts) == 32767
    assert {"text-too-long", "formula-in-text"} <= by_file["BAPPEDA.xlsx"]
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == hashes


def test_a_parser_abort_costs_one_file(hostile_files, good, master, capfd, caplog, tmp_path, monkeypatch):
    """With the extent check switched off, python-calamine aborts on the far cell; the worker dies,
    the file gets a finding, the others are read.  What the dying worker printed (the panic, the stack
    faulthandler dumps) goes to the log with the file it was reading, not to the terminal."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the workers' stderr files go
    off = Limits(max_rows=10**9, max_cols=10**9, max_cells=10**18)
    paths = [hostile_files["sel_jauh.xlsx"], good["DKIS"], hostile_files["sel_jauh.xlsx"], good["HUKUM"]]
    with caplog.at_level(logging.INFO, logger="spbe_excel"):
        subs = read_many(paths, master, period=PERIOD, today=TODAY, limits=off, workers=2)
    assert [s.status for s in subs] == ["rejected", "accepted", "rejected", "accepted"]
    assert subs[0].findings[0].param("reason") == "reason.file.crashed"
    out, err = capfd.readouterr()
    assert "Fatal Python error" not in out + err and "memory allocation" not in out + err
    died = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(died) == 2
    for message in died:
        assert f"while reading {hostile_files['sel_jauh.xlsx']}" in message and "SIGABRT" in message
        assert "memory allocation of" in message and "Fatal Python error: Aborted" in message
    assert list(tmp_path.iterdir()) == []  # the stderr files are removed


def test_a_parser_abort_prints_nothing_where_pytest_dumps_fatal_errors(hostile_files, tmp_path):
    """pytest dumps a fatal error's stack on a copy of stderr, which forked workers inherit: a worker
    points faulthandler at its own stderr file, so a parser abort leaves the dump in the log only."""
    log = tmp_path / "spbe.log"
    code = ("import faulthandler, logging, os, sys\n"
            "faulthandler.enable(file=os.dup(2))\n"
            "logging.basicConfig(filename=sys.argv[2], level=logging.INFO)\n"
            "from spbe_excel.master import embedded_master\n"
            "from spbe_excel.read.batch import read_many\n"
            "from spbe_excel.read.safety.limits import Limits\n"
            "off = Limits(max_rows=10**9, max_cols=10**9, max_cells=10**18)\n"
            "[sub] = read_many([sys.argv[1]], embedded_master(), limits=off, workers=1)\n"
            "print(sub.status.value)\n")
    done = subprocess.run([sys.executable, "-c", code, str(hostile_files["sel_jauh.xlsx"]), str(log)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout == "rejected\n", done.stderr
    assert "Fatal Python error" not in done.stderr
    text = log.read_text(encoding="utf-8")
    assert f"while reading {hostile_files['sel_jauh.xlsx']}" in text and "Fatal Python error: Aborted" in text


def _failing(path, *args, **kwargs):
    if os.path.basename(str(path)).startswith("rusak"):
        raise ZeroDivisionError("a bug met on this file")
    return read_submission(path, *args, **kwargs)


def test_a_python_error_in_a_worker_goes_to_the_log_with_its_traceback(good, tmp_path, monkeypatch):
    """The finding stays short; the whole traceback, with the file, goes to --log (and -v shows it)."""
    from click.testing import CliRunner

    from spbe_excel.cli import cli

    broken = tmp_path / "rusak.xlsx"
    shutil.copy(good["DKIS"], broken)
    monkeypatch.setattr(batch, "read_submission", _failing)  # the forked workers inherit it
    log = tmp_path / "spbe.log"
    log.write_text("an earlier run\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--log", str(log), "-v", "validate", str(broken), str(good["HUKUM"]),
                                      "--period", PERIOD, "--as-of", "2019-09-30", "--workers", "1",
                                      "--format", "json"])
    assert result.exit_code == 1, result.output
    [finding] = [f for f in json.loads(result.stdout) if f["file"] == str(broken)]
    assert finding["code"] == "file-unreadable" and finding["params"]["reason"] == "reason.file.crashed"
    assert finding["params"]["detail"] == "ZeroDivisionError: a bug met on this file"
    assert "Traceback" not in result.stdout
    text = log.read_text(encoding="utf-8")
    assert text.startswith("an earlier run\n")  # appended
    assert f"error reading {broken}" in text
    assert "Traceback (most recent call last):" in text and "in _failing" in text
    assert "ZeroDivisionError: a bug met on this file" in text
    assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO spbe_excel.read.batch: reading 2 files", text, re.M)
    assert f"error reading {broken}" in result.stderr and "in _failing" in result.stderr  # -v
    assert logging.getLogger("spbe_excel").handlers == []  # left as found


def test_without_log_or_verbose_nothing_is_logged(good, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from spbe_excel.cli import cli

    broken = tmp_path / "rusak.xlsx"
    shutil.copy(good["DKIS"], broken)
    monkeypatch.setattr(batch, "read_submission", _failing)
    result = CliRunner().invoke(cli, ["validate", str(broken), "--as-of", "2019-09-30", "--workers", "1"])
    assert result.exit_code == 1 and result.stderr == ""


def test_an_unwritable_log_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from spbe_excel.cli import cli

    result = CliRunner().invoke(cli, ["--log", str(tmp_path / "no" / "such" / "dir.log"), "master", "show"])
    assert result.exit_code == 2 and "Tidak dapat menulis ke" in result.output


def _slow_or_greedy(path, *args, **kwargs):
    name = os.path.basename(str(path))
    if name.startswith("lambat"):
        time.sleep(60)
    if name.startswith("rakus"):
        hoard = bytearray(3 * 1024 * 1024 * 1024)  # over the worker's memory limit
        del hoard
    return read_submission(path, *args, **kwargs)


def test_a_hanging_or_greedy_file_costs_one_file(good, tmp_path, master, monkeypatch):
    slow, greedy = tmp_path / "lambat.xlsx", tmp_path / "rakus.xlsx"
    shutil.copy(good["DKIS"], slow)
    shutil.copy(good["DKIS"], greedy)
    monkeypatch.setattr(batch, "read_submission", _slow_or_greedy)  # the forked workers inherit it
    paths = [slow, good["HUKUM"], greedy, good["PBJ"]]
    started = time.monotonic()
    subs = read_many(paths, master, period=PERIOD, today=TODAY, workers=2, timeout=3, memory_mb=1024)
    assert time.monotonic() - started < 30
    assert [s.status for s in subs] == ["rejected", "accepted", "rejected", "accepted"]
    assert subs[0].findings[0].param("reason") == "reason.file.timeout"
    assert subs[2].findings[0].param("reason") == "reason.file.memory"


def _exact_extent(refs: list[str]) -> tuple[int, int, int, int]:
    from spbe_excel.model.columns import col_number

    rows = [int("".join(ch for ch in r if ch.isdigit())) for r in refs]
    cols = [col_number("".join(ch for ch in r if ch.isalpha()).upper()) for r in refs if any(ch.isalpha() for ch in r)]
    return min(rows), max(rows), min(cols, default=1), max(cols, default=1)


@pytest.mark.parametrize("refs", [
    ["A1", "R17"], ["A1", "ZZ999"], ["A1", "AAA1"], ["A1", "A1000"], ["A01"], ["xfd5"], ["B7", "zz998"],
    ["A1", "XFD1048576"], ["C3", "A0000000000001"], ["A1", "ZZZZZ7"], ["A999", "ZY1"],
])
def test_sheet_extent_is_exact_or_a_true_bound(refs):
    """The quick extent check may only say "within 999 rows x ZZ" when every reference is."""
    from spbe_excel.read.safety.extent import scan_sheet_xml

    xml = (hostile.SHEET_HEAD + b"".join(b'<row><c r="%s"><v>1</v></c></row>' % r.encode() for r in refs)
           + hostile.SHEET_TAIL)
    scan = scan_sheet_xml(xml)
    lo_row, hi_row, lo_col, hi_col = _exact_extent(refs)
    if scan.exact:
        assert (scan.min_row, scan.max_row, scan.min_col, scan.max_col) == (lo_row, hi_row, lo_col, hi_col)
    else:
        assert scan.min_row <= lo_row and hi_row <= scan.max_row and scan.min_col <= lo_col and hi_col <= scan.max_col
    padded = any(r.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz").startswith("0") for r in refs)
    assert scan.exact == (hi_row >= 1000 or hi_col > 702 or padded)


@pytest.mark.parametrize("xml, extent", [
    (b"<row><c><v>1</v></c><c/><c><v>1</v></c></row><row><c><v>1</v></c></row>", (2, 3)),
    (b'<row r="5"><c r="C5"/><c><v>1</v></c></row><row><c><v>1</v></c></row>', (6, 4)),
    (b'<x:row><x:c/><x:c><x:v>1</x:v></x:c></x:row>', (1, 2)),
    (b'<row r="2" spans="1:2"><c s="1"/><c r="B2" t="s"><v>0</v></c></row>', (2, 2)),
    (b'<row r="3"><c r="XFD3" s="1"/></row><row><c><v>1</v></c></row>', (4, 1)),
    (b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576" ht="12"></row>', (1, 1)),
])
def test_cells_without_references_are_placed_by_counting(xml, extent):
    """A cell without r follows the previous cell of its row (empty or not), a row without r the previous
    row; only cells that hold something count."""
    from spbe_excel.read.safety.extent import scan_sheet_xml

    scan = scan_sheet_xml(hostile.SHEET_HEAD + xml + hostile.SHEET_TAIL)
    assert scan.exact and (scan.max_row, scan.max_col) == extent


@pytest.mark.parametrize("compress", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_members_read_straight_from_the_archive_equal_zipfiles_reading(good, tmp_path, compress):
    import io

    from spbe_excel.read.safety.sniff import _member_bytes

    path = hostile._rezip(good["DKIS"], tmp_path / "x.xlsx", {}, compress)
    data = path.read_bytes()
    zf = zipfile.ZipFile(io.BytesIO(data))
    for info in zf.infolist():
        whole = zf.read(info.filename)
        assert _member_bytes(zf, info, 10 ** 9) == whole
        assert _member_bytes(zf, info, 100) == whole[:100]
    # a damaged member is left to zipfile, which says why
    info = max(zf.infolist(), key=lambda i: i.compress_size)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    broken = bytearray(data)
    broken[start + info.compress_size // 2] ^= 0xFF
    damaged = zipfile.ZipFile(io.BytesIO(bytes(broken)))
    assert _member_bytes(damaged, damaged.getinfo(info.filename), 10 ** 9) is None
    with pytest.raises((zipfile.BadZipFile, zlib.error)):  # a bad CRC, or a stream that does not inflate
        damaged.read(info.filename)
