"""Command-line basics: start-up cost, entry points, help for every command."""

from __future__ import annotations

import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from spbe_excel.cli import cli

HEAVY = ("pandas", "openpyxl", "xlsxwriter", "numpy")


def _commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path)


def test_help_imports_no_heavy_module():
    code = ("import sys\nfrom spbe_excel.cli import main\nsys.argv = ['spbe-excel', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Penggunaan: spbe-excel" in out  # click speaks Indonesian by default too
    assert out.strip().endswith("HEAVY []")


def test_python_dash_m_and_version():
    out = subprocess.run([sys.executable, "-m", "spbe_excel", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and re.search(r"spbe-excel, version \d+\.\d+\.\d+", out.stdout)


@pytest.mark.parametrize("path", [p for p, _ in _commands(cli)], ids=" ".join)
def test_every_command_has_help_and_a_readme_entry(path):
    cmd = cli
    for name in path:
        cmd = cmd.commands[name]
    assert cmd.help and len(cmd.help) > 20
    for param in cmd.params:
        if isinstance(param, click.Option) and param.name not in ("help",):
            assert param.help, f"{' '.join(path)} {param.opts} has no help"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"spbe-excel {' '.join(path)}" in readme, f"README has no entry for spbe-excel {' '.join(path)}"


def test_help_in_english_with_lang_en():
    code = ("import sys\nfrom spbe_excel.cli import main\n"
            "sys.argv = ['spbe-excel', '--lang', 'en', 'template', '--help']\nmain()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "Write one fill-in template per OPD" in out


def test_unknown_language_is_a_usage_error():
    result = CliRunner().invoke(cli, ["--lang", "fr", "master", "show"])
    assert result.exit_code == 2


def test_readme_quick_start_has_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick, re.S)
    assert len(blocks) == 2 and all(b.strip().count("\n") == 0 for b in blocks)
    venv = "python3 -m venv .venv && . .venv/bin/activate && "  # Debian's own Python wants one (PEP 668)
    assert blocks[0].startswith(venv + "pip install . && spbe-excel ")
    assert blocks[1].strip() == venv + "pip install -e '.[test]' && python -m pytest -q"


def test_readme_documents_every_finding_code():
    from spbe_excel.model.findings import CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in CODES.values():
        assert f"| `{code.code}` | {code.severity.value} |" in readme, code.code


def test_public_api_names_resolve_lazily():
    code = ("import sys, spbe_excel\n"
            "assert not any(m in sys.modules for m in ('pandas', 'openpyxl', 'xlsxwriter'))\n"
            "for name in spbe_excel.__all__:\n"
            "    obj = getattr(spbe_excel, name)\n"
            "    assert name == '__version__' or getattr(obj, '__name__', name) in (name, type(obj).__name__) "
            "or not callable(obj), name\n"
            "import spbe_excel.pipeline\n"
            "print(spbe_excel.consolidate_folder.__module__, sorted(spbe_excel.__all__)[:3])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("spbe_excel.pipeline ")


def test_library_code_uses_no_command_line_text():
    """Only the cli package speaks in ``cli.*`` texts; library refusals name no option (the command line words
    some of them with its option names, see ``cli.common.OPTION_WORDING``)."""
    import ast

    from spbe_excel.cli.common import OPTION_WORDING
    from spbe_excel.text import TEXTS

    package = ROOT / "spbe_excel"
    wrong = []
    for path in sorted(package.rglob("*.py")):
        if path.parent == package / "cli" or path.parent.name == "text":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in TEXTS \
                    and node.value.startswith("cli."):
                wrong.append(f"{path.relative_to(package)}:{node.lineno} {node.value}")
    assert wrong == []
    usage = {k: v for k, v in TEXTS.items() if k.startswith("usage.")}
    assert usage and not [k for k, pair in usage.items() if any("--" in text for text in pair)]
    assert set(OPTION_WORDING) <= set(usage)
    assert all(v in TEXTS for v in OPTION_WORDING.values())


@pytest.mark.parametrize("lang", ["id", "en"])
def test_command_line_names_its_options_in_library_refusals(tmp_path, lang):
    from spbe_excel.errors import UsageError
    from spbe_excel.master import embedded_master
    from spbe_excel.pipeline import write_templates
    from spbe_excel.text import t
    from spbe_excel.text.errors import error_text

    for kw, key in [({}, "period_required"), ({"opds": ["DKIS"], "all_rows": True}, "opd_and_all")]:
        with pytest.raises(UsageError) as info:
            write_templates(tmp_path, embedded_master(), lang=lang, **kw)
        assert info.value.key == f"usage.{key}"  # a library refusal carries its text, not a language
        worded = error_text(info.value, lang)
        assert worded == t(f"usage.{key}", lang) and "--" not in worded
        args = ["--lang", lang, "template", str(tmp_path)] + (["--opd", "DKIS", "--all"] if kw else [])
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and result.output == t(f"cli.{key}", lang) + "\n"


def test_master_show_fits_the_terminal_it_prints_to():
    import os
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "spbe_excel", "master", "show"], stdout=follower,
                            stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "COLUMNS": "90"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read().decode() if proc.stderr else ""
    table = b"".join(chunks).decode().splitlines()[1:]
    assert len(table) > 30 and max(map(len, table)) <= 90 and any("…" in line for line in table)
