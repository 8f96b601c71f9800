"""Golden outputs of the command line, for refactoring: run every command (both languages, good and hostile
inputs, usage errors) and keep what each printed, its exit code and every file it wrote; then, after a
change, run them again and list what differs.

    python tools/golden.py record /tmp/golden-before /tmp/hostile   # on the code before the change
    python tools/golden.py record /tmp/golden-after /tmp/hostile    # after it (the same hostile files)
    python tools/golden.py compare /tmp/golden-before /tmp/golden-after

Each case runs ``python -m spbe_excel`` from this checkout (not an installed copy) in a scratch folder of
its own holding links to ``examples/`` and to a folder of hostile files made by the test helpers.  Files
are compared byte for byte; a workbook that differs is compared cell by cell too (tests/snapshot.py), so
the report says whether the difference is in what a user sees.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

K = "examples/kabupaten-contoh"
KM = f"{K}/rencana-2026-terisi.xlsx"
TW3 = ["examples/triwulan-iii", "--period", "Triwulan III 2019", "--as-of", "2019-09-30"]
PREV = ["--previous", "examples/rekap-triwulan-ii-2019.xlsx"]
KAB = [f"{K}/triwulan-i-2026", "--period", "Triwulan I 2026", "--as-of", "2026-04-03", "--master", KM]

CASES: dict[str, list[str]] = {
    "help": ["--help"],
    "version": ["--version"],
    "consolidate-tw3": ["consolidate", *TW3, *PREV, "-o", "rekap.xlsx", "--report-json", "rekap.json",
                        "--feedback", "umpan"],
    "consolidate-tw2": ["consolidate", "examples/triwulan-ii", "--period", "Triwulan II 2019", "--as-of",
                        "2019-06-30", "-o", "rekap.xlsx", "--report-json", "rekap.json"],
    "consolidate-kab": ["consolidate", *KAB, "-o", "rekap.xlsx", "--report-json", "rekap.json", "--feedback",
                        "umpan"],
    "consolidate-hostile": ["consolidate", "hostile", "--period", "Triwulan III 2019", "--as-of", "2019-09-30",
                            "-o", "rekap.xlsx", "--report-json", "rekap.json", "--force", "--workers", "1"],
    "consolidate-empty": ["consolidate", "empty", "-o", "rekap.xlsx"],
    "consolidate-other-period": ["consolidate", "examples/triwulan-ii", "--period", "Triwulan IV 2019", "-o",
                                 "rekap.xlsx"],
    "consolidate-bad-suffix": ["consolidate", *TW3, "-o", "rekap.csv"],
    "consolidate-bad-previous": ["consolidate", *TW3, "-o", "rekap.xlsx", "--previous",
                                 "examples/triwulan-ii/BAPPEDA_Triwulan_II_2019.xlsx"],
    "validate-tw3": ["validate", "examples/triwulan-iii", "--period", "Triwulan III 2019", "--as-of", "2019-09-30"],
    "validate-tw3-json": ["validate", "examples/triwulan-iii", "--format", "json", "--as-of", "2019-09-30"],
    "validate-kab-json": ["validate", f"{K}/triwulan-i-2026", "--format", "json", "--master", KM, "--as-of",
                          "2026-04-03"],
    "validate-hostile": ["validate", "hostile", "--as-of", "2019-09-30", "--workers", "1"],
    "validate-hostile-json": ["validate", "hostile", "--format", "json", "--as-of", "2019-09-30", "--workers", "1"],
    "validate-missing": ["validate", "nowhere.xlsx"],
    "feedback": ["feedback", "examples/triwulan-iii/BAPPEDA_Triwulan_III_2019.xlsx", "-o", "umpan.xlsx",
                 "--as-of", "2019-09-30"],
    "feedback-kab": ["feedback", f"{K}/triwulan-i-2026/DINKES_Triwulan_I_2026.xlsx", "-o", "umpan.xlsx",
                     "--master", KM, "--period", "Triwulan I 2026", "--as-of", "2026-04-03"],
    "template": ["template", "templat", "--period", "Triwulan III 2019"],
    "template-kab": ["template", "templat", "--period", "Triwulan I 2026", "--master", KM, "--opd", "DINKES"],
    "template-all": ["template", "templat", "--all"],
    "template-bad-period": ["template", "templat", "--period", "Triwulan V 2019"],
    "template-bad-opd": ["template", "templat", "--opd", "NOPE"],
    "master-show": ["master", "show"],
    "master-show-json": ["master", "show", "--format", "json"],
    "master-show-csv": ["master", "show", "--format", "csv"],
    "master-show-kab": ["master", "show", "--master", KM],
    "master-export": ["master", "export", "induk.xlsx"],
    "master-check-blank": ["master", "check", f"{K}/rencana-2026.xlsx"],
    "master-check-filled": ["master", "check", KM],
    "master-new": ["master", "new", "rencana.xlsx", "--framework", "2020", "--instansi", "Kabupaten Contoh",
                   "--year", "2026", "--opd", f"{K}/opd.csv"],
    "master-new-from": ["master", "new", "rencana.xlsx", "--framework", "2018", "--instansi", "Kota Denpasar",
                        "--year", "2020", "--from", "examples/rekap-triwulan-ii-2019.xlsx"],
    "master-new-exists": ["master", "new", "examples/rekap-triwulan-ii-2019.xlsx", "--framework", "2020",
                          "--instansi", "X", "--year", "2026"],
    "framework-list": ["framework", "list"],
    "framework-show": ["framework", "show", "2020"],
    "framework-show-json": ["framework", "show", "2018", "--format", "json"],
    "framework-show-csv": ["framework", "show", "2020", "--format", "csv"],
    "framework-unknown": ["framework", "show", "1999"],
    "usage-missing-option": ["consolidate", "examples/triwulan-iii"],
    "usage-unknown-option": ["validate", "--nope", "x"],
    "usage-unknown-command": ["konsolidasi"],
    "usage-bad-choice": ["validate", "examples", "--format", "xml"],
    "usage-bad-date": ["validate", "examples", "--as-of", "31/02/2019"],
    "usage-bad-range": ["validate", "examples", "--workers", "99"],
    "usage-extra-argument": ["feedback", "a.xlsx", "b.xlsx", "-o", "x.xlsx"],
    "usage-no-command": [],
    "portal-not-store": ["portal", "serve", "empty"],
}
for _name in ("template", "validate", "feedback", "consolidate", "master", "master show", "master new", "framework",
              "framework show", "portal", "portal init", "portal serve"):
    CASES["help-" + _name.replace(" ", "-")] = [*_name.split(), "--help"]


def _hostile(folder: Path) -> None:
    """A folder of files that test the reader's defences, made by the tests' own helpers."""
    import hostile
    import unusual

    folder.mkdir()
    good = ROOT / "examples/triwulan-iii/BAPPEDA_Triwulan_III_2019.xlsx"
    shutil.copy(good, folder / "BAPPEDA_Triwulan_III_2019.xlsx")
    for make in (hostile.zip_bomb_declared, hostile.far_cell, hostile.billion_laughs_sheet, hostile.lock_file,
                 hostile.counted_cells):
        make(folder)
    hostile.encrypted(folder, good)
    hostile.renamed(folder, ROOT / "examples/triwulan-iii/DISNAKER_Triwulan_III_2019.xls")
    hostile.empty_and_truncated(folder, good)
    unusual.backslashes(good, folder / "garis_miring.xlsx")
    unusual.encrypted_with_default_password(good, folder / "velvet.xlsx")
    (folder / "surat.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    for path in folder.iterdir():  # the workbook lists each file's time: the same on every run
        os.utime(path, (1569800000, 1569800000))


def _run(case: str, args: list[str], lang: str, out: Path, hostile_dir: Path, examples: Path) -> None:
    here = out / f"{case}.{lang}"
    here.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "examples").symlink_to(examples)
        (work / "hostile").symlink_to(hostile_dir)
        (work / "empty").mkdir()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SPBE_LANG": "", "COLUMNS": "120", "TZ": "Asia/Makassar"}
        argv = [sys.executable, "-m", "spbe_excel", *(["--lang", "en"] if lang == "en" and args else []), *args]
        done = subprocess.run(argv, cwd=work, env=env, capture_output=True, timeout=600)
        (here / "command.json").write_text(json.dumps(args, ensure_ascii=False))
        (here / "stdout").write_bytes(done.stdout)
        (here / "stderr").write_bytes(done.stderr.replace(str(work).encode(), b"<scratch>"))
        (here / "exit").write_text(str(done.returncode))
        for path in sorted(work.rglob("*")):
            rel = path.relative_to(work)
            if rel.parts[0] in ("examples", "hostile", "empty") or path.is_dir():
                continue
            target = here / "files" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def record(out: Path, hostile_dir: Path) -> None:
    """Run every case into ``out``; the hostile files are made in ``hostile_dir`` unless it exists (some are
    encrypted with a random salt: keep them for the run after the change).  The examples are copied with one
    modification time (a workbook lists each file's): two checkouts give the same outputs."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if not hostile_dir.exists():
        _hostile(hostile_dir)
    with tempfile.TemporaryDirectory() as tmp:
        examples = Path(tmp) / "examples"
        shutil.copytree(ROOT / "examples", examples, ignore=shutil.ignore_patterns("__pycache__"))
        for path in examples.rglob("*"):
            os.utime(path, (1569800000, 1569800000))
        for case, args in CASES.items():
            for lang in ("id", "en"):
                _run(case, args, lang, out, hostile_dir.resolve(), examples)
    print(f"{len(CASES) * 2} runs recorded in {out}")


def _plain(value):
    """A snapshot with openpyxl's formula objects as their text, so that two equal ones compare equal."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if hasattr(value, "text") and hasattr(value, "ref"):
        return ("array", value.ref, value.text)
    return value


def _describe(a: Path, b: Path) -> str:
    if a.suffix == ".xlsx":
        from snapshot import snapshot

        try:
            sa, sb = snapshot(a), snapshot(b)
        except Exception as exc:
            return f"bytes differ ({exc})"
        sa, sb = _plain(sa), _plain(sb)
        if sa == sb:
            return "bytes differ, cells identical"
        diffs = []
        for sheet in sa["sheets"]:
            ca, cb = sa.get(sheet, {}).get("cells", {}), sb.get(sheet, {}).get("cells", {})
            for ref in sorted(set(ca) | set(cb)):
                if ca.get(ref) != cb.get(ref):
                    diffs.append(f"{sheet}!{ref}: {ca.get(ref)!r} -> {cb.get(ref)!r}")
            for key in ("merged", "validations", "widths", "heights", "print", "protection", "freeze"):
                if sa.get(sheet, {}).get(key) != sb.get(sheet, {}).get(key):
                    diffs.append(f"{sheet}: {key} differs")
        if sa["sheets"] != sb["sheets"]:
            diffs.append(f"sheets {sa['sheets']} -> {sb['sheets']}")
        return "cells differ:\n      " + "\n      ".join(diffs[:20]) + (f"\n      ... {len(diffs) - 20} more"
                                                                       if len(diffs) > 20 else "")
    try:
        import difflib

        lines = difflib.unified_diff(a.read_text(encoding="utf-8").splitlines(),
                                     b.read_text(encoding="utf-8").splitlines(), lineterm="", n=0)
        return "text differs:\n      " + "\n      ".join(list(lines)[2:40])
    except UnicodeDecodeError:
        return "bytes differ"


def compare(before: Path, after: Path) -> int:
    names = sorted({p.relative_to(before) for p in before.rglob("*") if p.is_file()}
                   | {p.relative_to(after) for p in after.rglob("*") if p.is_file()})
    differ = 0
    for rel in names:
        a, b = before / rel, after / rel
        if not a.exists() or not b.exists():
            print(f"{rel}: only {'after' if b.exists() else 'before'}")
            differ += 1
        elif a.read_bytes() != b.read_bytes():
            print(f"{rel}: {_describe(a, b)}")
            differ += 1
    print(f"{len(names)} files compared, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "record":
        record(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
