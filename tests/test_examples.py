"""The committed examples are what the code makes: regenerating them gives the same bytes."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLES = ROOT / "examples"


@pytest.mark.libreoffice
@pytest.mark.slow
def test_regenerated_examples_are_byte_identical(libreoffice, tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    monkeypatch.chdir(tmp_path)  # the workbook names files relative to the repository root
    module.make(Path("examples"))
    made = {p.relative_to(copy): p.read_bytes() for p in sorted(copy.rglob("*")) if p.is_file()}
    committed = {p.relative_to(EXAMPLES): p.read_bytes() for p in sorted(EXAMPLES.rglob("*")) if p.is_file()
                 and "__pycache__" not in p.parts}
    made = {k: v for k, v in made.items() if "__pycache__" not in k.parts}
    assert sorted(made) == sorted(committed)
    different = [str(k) for k in committed if made[k] != committed[k]]
    assert different == [], "regenerate the examples: python examples/make_examples.py"


CONSOLIDATE = {  # the shipped consolidations and the command that writes each (run from the repository root)
    # with DKIS's verification of three claims, which consolidating the quarter again with that workbook carries:
    # the verifications read back are those written, who gave each and when included
    "rekap-triwulan-ii-2019.xlsx": 'consolidate examples/triwulan-ii -o {out} --period "Triwulan II 2019" '
                                   "--as-of 2019-06-30 --verifications examples/rekap-triwulan-ii-2019.xlsx",
    "kabupaten-contoh/rekap-triwulan-i-2026.xlsx": (
        'consolidate examples/kabupaten-contoh/triwulan-i-2026 -o {out} --period "Triwulan I 2026" --as-of '
        "2026-04-03 --master examples/kabupaten-contoh/rencana-2026-terisi.xlsx"),
}


def _times_as_shipped(book: Path, root: Path) -> None:
    """Give the files under ``root`` the modification times the consolidated workbook ``book`` shows on Sumber
    (those make_examples.py gives them; a git checkout gives them its own)."""
    import datetime as dt
    import os
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(book, read_only=True)["Sumber"]
        rows = list(ws.iter_rows(values_only=True))
    head = next(n for n, row in enumerate(rows) if "Diubah" in row)
    path, modified = rows[head].index("Berkas"), rows[head].index("Diubah")
    for row in rows[head + 1:]:
        if row[path]:
            stamp = dt.datetime.fromisoformat(row[modified]).timestamp()
            os.utime(root / row[path], (stamp, stamp))


@pytest.mark.parametrize("shipped", sorted(CONSOLIDATE))
def test_the_shipped_consolidations_are_what_consolidate_writes(shipped, tmp_path, monkeypatch):
    """Each example's consolidated workbook is byte for byte what ``spbe-excel consolidate`` writes over its
    folder (the Kabupaten Contoh walkthrough's own command), the files carrying the modification times it shows."""
    import shlex

    from click.testing import CliRunner

    from spbe_excel.cli import cli

    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("__pycache__"))
    _times_as_shipped(EXAMPLES / shipped, tmp_path)
    monkeypatch.chdir(tmp_path)
    args = [*shlex.split(CONSOLIDATE[shipped].format(out="rekap.xlsx")), "-q"]
    CliRunner().invoke(cli, args)
    assert (tmp_path / "rekap.xlsx").read_bytes() == (EXAMPLES / shipped).read_bytes()
    if shipped.startswith("kabupaten-contoh"):
        walk = (EXAMPLES / "kabupaten-contoh" / "WALKTHROUGH.md").read_text(encoding="utf-8")
        assert f"$ spbe-excel {CONSOLIDATE[shipped].format(out='rekap-contoh.xlsx')}\n" in walk
