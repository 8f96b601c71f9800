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
