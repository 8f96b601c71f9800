"""README.md's Quick start on a fresh machine: its first line, run as written, installs spbe-excel into a
virtual environment of its own and consolidates the examples; and git ignores every file the README's
commands make in the repository root.

Running the line needs PyPI (``pip install .`` into a fresh ``.venv``) and takes a minute or so, so it
runs only when ``SPBE_TEST_QUICKSTART=1`` (set by .ci/run).  It runs in a copy of the checkout's tracked
files, as a fresh Debian or Ubuntu shell would: the PATH such a shell has, so that ``python3`` is the
system's own Python (which refuses a ``pip install`` outside a virtual environment, PEP 668), and no
virtual environment active.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from conftest import ROOT

RUN_QUICKSTART = os.environ.get("SPBE_TEST_QUICKSTART") == "1"
FRESH_DEBIAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"  # a fresh login's PATH

# What the README's commands make in the repository root, by the names the README gives them (checked below
# against the README itself), and what `pip install .` leaves in the source tree.
MADE = (".venv", "rekap.xlsx", "rencana-2026.xlsx", "templat", "rekap-contoh.xlsx", "demo-portal")
INSIDE = (".venv/bin/python", ".venv/pyvenv.cfg", "templat/BPKAD_Triwulan_I_2026.xlsx",
          "demo-portal/token-admin.txt", "demo-portal/tautan-opd.csv", "demo-portal/portal.json",
          "build/lib/spbe_excel/__init__.py", "spbe_excel.egg-info/PKG-INFO")
KEPT = ("README.md", ".gitignore", "pyproject.toml", "spbe_excel/__init__.py", "tests/test_quickstart.py",
        "templates/monev_template.xlsx", "examples/rekap-triwulan-ii-2019.xlsx",
        "examples/kabupaten-contoh/rencana-2026-terisi.xlsx", "examples/triwulan-iii/BPKAD_Triwulan_III_2019.xlsx")


def _readme_section(title: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def quick_start_line() -> str:
    """The README's first Quick start command, the one line a user pastes."""
    return re.findall(r"```sh\n(.*?)\n```", _readme_section("Quick start"), re.S)[0]


def _made_by_readme() -> set[str]:
    """What the commands of the Quick start, "Start your own plan" and the intake page's local try write,
    relative to the repository root: the venv the Quick start makes, the outputs (-o), the plans (master
    new), the template folders and the demo store."""
    text = "\n".join(_readme_section(t) for t in ("Quick start", "Start your own plan", "Running the intake page"))
    text = text.replace("\\\n", " ")
    found = set(re.findall(r"python3 -m venv (\S+)", text))
    found |= set(re.findall(r"(?:spbe-excel [^\n`]*?|curl [^\n`]*?) -o (\S+)", text))
    found |= set(re.findall(r"spbe-excel (?:master new|template|portal init) ([^\s`]+)", text))
    return {f.strip("'\"") for f in found if not f.startswith(("/", "examples/"))}


def _git(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}  # no excludesFile of the user
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, **kwargs)


@pytest.fixture
def ignore_repo(tmp_path) -> Path:
    """An empty git repository with the checkout's .gitignore."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git("init", "-q", str(tmp_path), cwd=tmp_path, check=True)
    shutil.copyfile(ROOT / ".gitignore", tmp_path / ".gitignore")
    return tmp_path


def _ignored(repo: Path, paths) -> dict[str, bool]:
    done = _git("check-ignore", "--no-index", "--verbose", "--non-matching", "--stdin", cwd=repo,
                input="".join(f"{p}\n" for p in paths))
    assert done.returncode in (0, 1), done.stderr
    result = {}
    for line in done.stdout.splitlines():
        source, _, path = line.partition("\t")
        result[path] = source != "::"
    return result


def test_readme_names_the_files_it_makes():
    """The list this file checks is the README's: its commands make these, under these names, and no other."""
    made = _made_by_readme()
    assert made == set(MADE), made


def test_git_ignores_what_the_readme_commands_make(ignore_repo):
    made = sorted(_made_by_readme() | set(MADE))
    made = [name if Path(name).suffix else f"{name}/" for name in made]  # a folder as git names one
    ignored = _ignored(ignore_repo, [*made, *INSIDE])
    assert ignored and all(ignored.values()), [p for p, yes in ignored.items() if not yes]
    kept = _ignored(ignore_repo, KEPT)  # the patterns hold for the root only: the examples stay tracked
    assert not any(kept.values()), [p for p, yes in kept.items() if yes]


# ---- the Quick start line, run as written -----------------------------------------------------------------

def _fresh_env() -> tuple[dict[str, str], bool]:
    """The environment of a fresh shell: no virtual environment active and, on Debian or Ubuntu, the PATH a
    fresh login has (so ``python3`` is /usr/bin/python3, not another installation's); whether it is that."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PIP_USER", "CONDA_PREFIX")}
    debian = Path("/etc/debian_version").exists() and Path("/usr/bin/python3").exists()
    if debian:
        env["PATH"] = FRESH_DEBIAN_PATH
    else:
        active = os.environ.get("VIRTUAL_ENV")
        env["PATH"] = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                                      if not active or not p.startswith(active))
    return env, debian


def _copy_checkout(dest: Path) -> None:
    """The checkout's tracked files as they are in the working tree (what a clone of it would hold), in a git
    repository of their own with everything staged, so that ``git status`` afterwards shows only what is new."""
    listed = _git("ls-files", "-z", cwd=ROOT)
    assert listed.returncode == 0, f"{ROOT} is not a git checkout: {listed.stderr}"
    for name in listed.stdout.split("\0"):
        src = ROOT / name
        if name and (src.exists() or src.is_symlink()):
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name, follow_symlinks=False)
    _git("init", "-q", cwd=dest, check=True)
    _git("add", "-A", cwd=dest, check=True)


@pytest.mark.slow
@pytest.mark.skipif(not RUN_QUICKSTART, reason="installs from PyPI into a fresh venv; set SPBE_TEST_QUICKSTART=1")
def test_quick_start_line_runs_as_written(tmp_path):
    line = quick_start_line()
    args = shlex.split(line.split("&&")[-1])
    assert args[:2] == ["spbe-excel", "consolidate"], line
    out, period, as_of = (args[args.index(o) + 1] for o in ("-o", "--period", "--as-of"))
    checkout = tmp_path / "spbe-excel"
    checkout.mkdir()
    _copy_checkout(checkout)
    env, debian = _fresh_env()

    done = subprocess.run(["bash", "-c", line], cwd=checkout, env=env, capture_output=True, text=True, timeout=1200)

    report = f"$ {line}\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}"
    assert done.returncode == 1, report  # the README's promise: the examples hold findings of severity error
    assert f"Ditulis: {out}" in done.stdout.splitlines(), report
    assert "OPD melapor: 9 dari 10." in done.stdout.splitlines(), report

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(checkout / out)
    assert wb.sheetnames[0] == "Ringkasan"
    summary = {row[0]: row[1] for row in wb["Ringkasan"].iter_rows(max_col=2, values_only=True) if row[0]}
    assert summary["Periode"] == period
    assert summary["Per tanggal"].date().isoformat() == as_of

    # spbe-excel ran from the venv the line made, installed there (not an editable install elsewhere), on the
    # system's python3 where that is Debian's.
    venv = checkout / ".venv"
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import spbe_excel; print(spbe_excel.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert Path(where.stdout.strip()).is_relative_to(venv / "lib"), where.stdout + where.stderr
    config = dict(ln.split(" = ", 1) for ln in (venv / "pyvenv.cfg").read_text().splitlines() if " = " in ln)
    if debian:
        assert config["home"] == "/usr/bin", config

    # Everything the line made (the venv, pip's build folders, the workbook) is ignored by git, and it changed
    # no file of the checkout (all staged, "A ", before it ran).
    status = _git("status", "--porcelain", "--untracked-files=all", cwd=checkout)
    assert status.returncode == 0, status.stderr
    changed = [ln for ln in status.stdout.splitlines() if not ln.startswith("A  ")]
    assert not changed, changed
    shutil.rmtree(venv)  # a few hundred MB; kept when the test fails, to look at
