"""The command line's package (issue 16): its modules import one another one way, share no private name,
choose no language when imported, and let click be click: its messages are reworded where they leave it."""

from __future__ import annotations

import ast
import gettext
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from spbe_excel.cli import cli
from spbe_excel.text import t

CLI = ROOT / "spbe_excel" / "cli"


def _module_name(path) -> str:
    return "spbe_excel.cli" if path.stem == "__init__" else f"spbe_excel.cli.{path.stem}"


def _module_level(tree: ast.Module):
    """The statements run when a module is imported: its body, and the bodies of its top-level if/try."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            todo += node.body + node.orelse + getattr(node, "finalbody", [])
            todo += [stmt for handler in getattr(node, "handlers", []) for stmt in handler.body]


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """Module -> the modules among ``sources`` it imports when it is imported (not inside functions).
    ``from spbe_excel.cli import x`` imports the module ``spbe_excel.cli.x`` if there is one, else the
    package itself."""
    graph: dict[str, set[str]] = {name: set() for name in sources}
    for name, source in sources.items():
        for node in _module_level(ast.parse(source)):
            if isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names if a.name in sources}
            elif isinstance(node, ast.ImportFrom) and node.module in sources:
                subs = {f"{node.module}.{a.name}" for a in node.names}
                graph[name] |= (subs & sources.keys()) or {node.module}
                if subs - sources.keys():
                    graph[name].add(node.module)
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` (its modules in order), or []."""
    state: dict[str, int] = {}  # 1: being visited, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def _sources() -> dict[str, str]:
    return {_module_name(p): p.read_text(encoding="utf-8") for p in sorted(CLI.glob("*.py"))}


def test_the_cli_modules_import_one_another_one_way():
    graph = import_graph(_sources())
    assert {"spbe_excel.cli", "spbe_excel.cli.common", "spbe_excel.cli.submissions"} <= graph.keys()
    assert "spbe_excel.cli.common" in graph["spbe_excel.cli.submissions"]
    assert cycle(graph) == []


def test_the_cycle_check_can_fail():
    sources = {"spbe_excel.cli": "from spbe_excel.cli import plan\n",
               "spbe_excel.cli.plan": "import click\nfrom spbe_excel.cli.common import option\n",
               "spbe_excel.cli.common": "from spbe_excel.cli import cli\n"}
    assert cycle(import_graph(sources)) == ["spbe_excel.cli", "spbe_excel.cli.plan", "spbe_excel.cli.common",
                                            "spbe_excel.cli"]
    lazy = {**sources, "spbe_excel.cli.common": "def f():\n    from spbe_excel.cli import cli\n"}
    assert cycle(import_graph(lazy)) == []  # an import inside a function runs after every module is loaded


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_imports(source: str) -> list[str]:
    """Every import of a private name or module of spbe_excel in ``source``, at any depth."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "spbe_excel":
            if any(map(_private, [*node.module.split("."), *(a.name for a in node.names)])):
                found.append(f"{node.lineno}: from {node.module} import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] == "spbe_excel" and any(map(_private, a.name.split(".")))]
    return found


def test_no_private_name_crosses_a_module_of_the_cli():
    wrong = {name: found for name, source in _sources().items() if (found := private_imports(source))}
    assert wrong == {}
    assert private_imports("from spbe_excel.cli.common import guard, _lang\n") == \
        ["1: from spbe_excel.cli.common import guard, _lang"]
    assert private_imports("def f():\n    import spbe_excel.cli._speak\n") == ["2: import spbe_excel.cli._speak"]
    assert private_imports("from spbe_excel import __version__\nfrom click import _compat\n") == []


def test_importing_the_command_line_reads_no_argument():
    """The language of the help is chosen when a run starts, from its arguments, not from sys.argv at import
    time: an import while sys.argv cannot be read succeeds, and the run then speaks the language it is given."""
    code = ("import sys\n"
            "class Unreadable(list):\n"
            "    def _refuse(self, *args):\n"
            "        raise AssertionError('sys.argv read while importing')\n"
            "    __getitem__ = __iter__ = __len__ = __contains__ = _refuse\n"
            "sys.argv = Unreadable(['spbe-excel', '--lang'])\n"
            "import spbe_excel.cli\n"
            "import spbe_excel.__main__\n"
            "sys.argv = ['spbe-excel', '--lang', 'en', 'master', 'new', '--help']\n"
            "spbe_excel.cli.main()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: spbe-excel master new [OPTIONS] FILE")
    assert "Write a plan workbook" in done.stdout or t("help.master_new", "en")[:30] in done.stdout


def _clicks_words() -> dict[tuple[str, str], object]:
    return {(name, attr): getattr(module, attr) for name, module in list(sys.modules.items())
            if name == "click" or name.startswith("click.") for attr in ("_", "ngettext") if hasattr(module, attr)}


def test_click_is_left_as_it_is_while_it_speaks_indonesian(monkeypatch):
    from spbe_excel.cli.common import DateParam

    before = _clicks_words()
    assert before and all(f in (gettext.gettext, gettext.ngettext) for f in before.values())
    seen = []
    convert = DateParam.convert

    def watched(self, value, param, ctx):  # runs while click parses, in the middle of the run
        seen.append(_clicks_words())
        return convert(self, value, param, ctx)

    monkeypatch.setattr(DateParam, "convert", watched)
    result = CliRunner(env={"SPBE_LANG": None}).invoke(cli, ["validate", ".", "--as-of", "31/02/2019"],
                                                       prog_name="spbe-excel")
    assert result.exit_code == 2
    assert "Penggunaan: spbe-excel validate [OPTIONS] PATHS...\nCoba 'spbe-excel validate --help' untuk bantuan." \
        in result.output
    assert "Galat: Nilai tidak valid untuk '--as-of': 31/02/2019 bukan tanggal." in result.output
    assert seen == [before]
    assert _clicks_words() == before


@pytest.mark.parametrize("order", [("en", "id"), ("id", "en")], ids="-then-".join)
def test_help_speaks_the_language_of_each_run(order):
    words = {"en": ("Usage: spbe-excel master new", "Options:", "[required]", "Show this message and exit."),
             "id": ("Penggunaan: spbe-excel master new", "Opsi:", "[wajib]", "Tampilkan bantuan ini lalu keluar.")}
    for lang in order:
        args = ["--lang", "en"] * (lang == "en") + ["master", "new", "--help"]
        result = CliRunner(env={"SPBE_LANG": None}).invoke(cli, args, prog_name="spbe-excel")
        assert result.exit_code == 0
        help_start = " ".join(t("help.master_new", lang).split()[:6])
        assert help_start in " ".join(result.output.split()), (lang, result.output)
        assert all(word in result.output for word in words[lang]), (lang, result.output)
        other = "id" if lang == "en" else "en"
        assert " ".join(t("help.master_new", other).split()[:6]) not in " ".join(result.output.split())


@pytest.mark.parametrize("lang, aborted", [("id", "Dibatalkan!"), ("en", "Aborted!")])
def test_an_interrupted_run_ends_as_click_ends_it(monkeypatch, lang, aborted):
    import spbe_excel.cli.plan

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(spbe_excel.cli.plan, "load_master", interrupted)
    result = CliRunner(env={"SPBE_LANG": lang}).invoke(cli, ["master", "show"], prog_name="spbe-excel")
    assert (result.exit_code, result.output) == (1, f"\n{aborted}\n")


def test_exit_codes_are_clicks(tmp_path):
    runner = CliRunner(env={"SPBE_LANG": None})
    assert runner.invoke(cli, ["--version"]).exit_code == 0
    assert runner.invoke(cli, ["framework", "list"]).exit_code == 0
    assert runner.invoke(cli, ["framework", "show", "1999"]).exit_code == 2  # the command line's own error
    assert runner.invoke(cli, ["framework", "nope"]).exit_code == 2  # click's usage error
    assert runner.invoke(cli, []).exit_code == 2  # a group without its command: its help, as click shows it
    assert runner.invoke(cli, ["validate", str(tmp_path)]).exit_code == 1  # ctx.exit(1): no submission there
    assert cli.main(["framework", "list"], standalone_mode=False) is None  # not standalone: what it returned
    with pytest.raises(click.UsageError):
        cli.main(["framework", "nope"], standalone_mode=False)


def test_the_console_script_is_the_packages_main():
    import importlib

    import spbe_excel.__main__
    from spbe_excel.cli import main

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    target = pyproject.split("[project.scripts]\n", 1)[1].split("\n", 1)[0]
    assert target == 'spbe-excel = "spbe_excel.cli:main"'
    module, _, name = target.split('"')[1].partition(":")
    assert getattr(importlib.import_module(module), name) is main

    assert spbe_excel.__main__.main is main
