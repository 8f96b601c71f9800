"""The layout holds: imports flow one way, every finding code has one check
that owns it and is emitted only where that check says, no module or
function grows past what a maintainer can read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from spbe_excel.checks import CHECKS, owner
from spbe_excel.model.findings import CODES
from spbe_excel.model.vocab import Reason
from spbe_excel.text import LANGS, TEXTS

PACKAGE = Path(__file__).resolve().parents[1] / "spbe_excel"

# Lowest first: a module may import from its own layer and the layers below it, never from above.
LAYERS: list[tuple[str, ...]] = [
    ("errors", "perf"),
    ("model",),
    ("text",),
    ("io",),
    ("master",),
    ("year",),
    ("checks",),
    ("read",),
    ("merge",),
    ("figures",),
    ("write",),
    ("pipeline",),
    ("cli", "portal", "__init__", "__main__"),
]
LAYER_OF = {name: n for n, names in enumerate(LAYERS) for name in names}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _dotted(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 2:
        parts = parts[:-1]
    return ".".join(parts)


def _top(dotted: str) -> str:
    """``spbe_excel.read.one.reader`` -> ``read``; ``spbe_excel`` (the package itself) -> ``__init__``."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported spbe_excel module) for every import in the file, at any depth (lazy imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "spbe_excel"]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import; spbe_excel uses absolute imports"
            if node.module and node.module.split(".")[0] == "spbe_excel":
                if node.module == "spbe_excel":  # from spbe_excel import x: x may be a module
                    found += [(node.lineno, f"spbe_excel.{a.name}") for a in node.names if a.name != "__version__"]
                else:
                    found.append((node.lineno, node.module))
    return found


def test_every_module_belongs_to_a_layer():
    tops = {_top(_dotted(p)) for p in _modules()}
    assert tops <= set(LAYER_OF), f"modules in no layer: {tops - set(LAYER_OF)}; add them to LAYERS"


def test_imports_flow_downward():
    wrong = []
    for path in _modules():
        here = _top(_dotted(path))
        for line, target in _imports(path):
            there = _top(target)
            if LAYER_OF[there] > LAYER_OF[here]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({here}) imports {target} ({there})")
    assert wrong == []


def test_the_layer_check_can_fail(tmp_path):
    bad = tmp_path / "spbe_excel" / "model" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("def f():\n    from spbe_excel.write.workbook import write_consolidated\n")
    [(_line, target)] = _imports(bad)
    assert LAYER_OF[_top(target)] > LAYER_OF["model"]


# What each package may import from spbe_excel (lazy imports included): the layers above say which way, these
# say which doors.  The front ends go through the pipeline (the one door) and the words of text/; the intake
# page reads, checks, merges and writes nothing itself.
ALLOWED: dict[str, set[str]] = {
    "errors": set(), "perf": set(),
    "model": {"model"},
    "text": {"text", "model", "errors"},
    "io": {"io", "model", "text", "errors"},
    "master": {"master", "model", "text", "errors", "perf"},  # text: a plan's labels read in either language
    "year": {"year", "master", "model", "errors"},  # the year from its consolidated workbooks: pure, like merge
    "checks": {"checks", "master", "model", "io"},
    "read": {"read", "checks", "master", "model", "text", "errors", "perf",  # text: labels in either language
             "year"},  # year: what a consolidated workbook read back for the year is (read/ours/rekap.py)
    "merge": {"merge", "checks", "master", "model", "perf"},
    "figures": {"figures", "merge", "master", "model"},
    "write": {"write", "figures", "merge", "master", "model", "text", "io", "errors", "perf", "year"},
    "pipeline": {"pipeline", "write", "figures", "merge", "read", "checks", "master", "model", "io", "errors",
                 "year"},
    "cli": {"cli", "pipeline", "model", "text", "errors", "portal", "__init__"},  # portal: `portal serve` runs it
    "portal": {"portal", "pipeline", "model", "text", "errors"},
    "__init__": set(LAYER_OF), "__main__": {"cli"},
}


def _imported_packages(path: Path) -> set[str]:
    return {_top(target) for _, target in _imports(path)}


def test_each_package_imports_only_what_it_may():
    wrong = [f"{_dotted(p)} imports {there}" for p in _modules() for there in sorted(_imported_packages(p))
             if there not in ALLOWED[_top(_dotted(p))]]
    assert wrong == []


def test_the_allow_list_check_can_fail(tmp_path):
    bad = tmp_path / "spbe_excel" / "portal" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("def f():\n    from spbe_excel.read.batch import read_many\n")
    assert "read" in _imported_packages(bad) and "read" not in ALLOWED["portal"]


def _module_imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that ``path`` imports when it is imported (not inside functions): for
    ``from a.b import c``, the module ``a.b.c`` if there is one, else ``a.b``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    todo, found = list(tree.body), set()
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.If, ast.Try)):
            todo += node.body + node.orelse + getattr(node, "finalbody", [])
            todo += [stmt for handler in getattr(node, "handlers", []) for stmt in handler.body]
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                todo = [t for t in todo if t not in node.body]  # for the type checker only, never run
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module:
            subs = {f"{node.module}.{a.name}" for a in node.names} & modules
            found |= subs or ({node.module} & modules)
    return found


def import_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of a module graph (its modules in order, the first repeated at the end), or []."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
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


def test_no_module_level_import_cycle():
    modules = {_dotted(p): p for p in _modules()}
    graph = {name: _module_imports(path, set(modules)) - {name} for name, path in modules.items()}
    assert import_cycle(graph) == []


def test_the_cycle_check_can_fail():
    assert import_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert import_cycle({"a": {"b"}, "b": set()}) == []


def _name(path: Path) -> str:
    """A module's dotted name (or, for a file outside the package, its stem)."""
    return _dotted(path) if path.is_relative_to(PACKAGE.parent) else path.stem


def _private_imports(path: Path) -> list[str]:
    """Private names (``_x``) that ``path`` imports from another module of spbe_excel."""
    here = _name(path)
    return [f"{here}:{node.lineno} imports {a.name} from {node.module}"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("spbe_excel")
            and node.module != here for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]


def test_no_private_name_is_imported_from_another_module(tmp_path):
    assert [w for p in _modules() for w in _private_imports(p)] == []
    bad = tmp_path / "spbe_excel" / "cli" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("from spbe_excel.read.batch import _failed\n")
    assert len(_private_imports(bad)) == 1  # the check can fail


def test_the_reader_reads_and_the_checks_check():
    """Reading one file (read/one) and the safety before it (read/safety) find what a file holds and what cannot
    be read; they run no check (read/submission.py composes reading and checking)."""
    readers = [p for p in _modules() if _dotted(p).startswith(("spbe_excel.read.one", "spbe_excel.read.safety"))]
    assert len(readers) >= 10
    assert [_dotted(p) for p in readers if "checks" in _imported_packages(p)] == []


BELOW_THE_WRITERS = ("model", "read", "checks", "merge", "figures", "master", "year")


def _lang_parameters(path: Path) -> list[str]:
    return [f"{_name(path)}:{node.lineno} {node.name}" for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and "lang" in {a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)}]


def test_no_function_below_the_writers_takes_a_language(tmp_path):
    """Only writers of documents and text/ know the language: findings, errors and figures carry keys and raw
    values, and a front end words them."""
    assert [w for p in _modules() if _top(_dotted(p)) in BELOW_THE_WRITERS for w in _lang_parameters(p)] == []
    bad = tmp_path / "bad.py"
    bad.write_text("def label(col, lang='id'):\n    return col\n")
    assert len(_lang_parameters(bad)) == 1  # the check can fail


def test_only_the_front_ends_import_click():
    users = [p for p in _modules() if any(
        (isinstance(n, ast.Import) and any(a.name == "click" for a in n.names))
        or (isinstance(n, ast.ImportFrom) and n.module == "click")
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert {_top(_dotted(p)) for p in users} <= {"cli", "portal"}


def test_no_module_is_longer_than_a_maintainer_reads_at_once():
    long = {str(p.relative_to(PACKAGE)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 520}
    assert long == {}


# ---- findings: one owner per code, emitted where its owner says --------------------------------------

EMITTERS = {"make", "finding", "_fail", "SubmissionError"}


def _emitted_codes(path: Path) -> list[tuple[int, str]]:
    """(line, code) for every finding code passed as the first argument of make(), *.finding(),
    _fail() or SubmissionError() in a module (both branches of a conditional count)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in EMITTERS:
            continue
        for sub in ast.walk(node.args[0]):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and sub.value in CODES:
                out.append((node.lineno, sub.value))
    return out


def test_every_finding_code_has_exactly_one_check():
    declared = [code for c in CHECKS for code in c.codes]
    assert sorted(declared) == sorted(set(declared))
    assert set(declared) == set(CODES)


def test_codes_are_emitted_only_where_their_check_says():
    wrong = []
    emitted = set()
    for path in _modules():
        module = _dotted(path)
        for line, code in _emitted_codes(path):
            emitted.add(code)
            homes = owner(code).module.split()
            if not any(module == h or module.startswith(h + ".") for h in homes):
                wrong.append(f"{module}:{line} emits {code}, owned by {owner(code).name} ({owner(code).module})")
    assert wrong == []
    assert emitted >= set(CODES) - {"header-missing", "column-missing"}  # those two are chosen by a variable


@pytest.mark.parametrize("reason", list(Reason), ids=str)
def test_every_reason_has_its_text_in_every_language(reason):
    assert reason.value in TEXTS
    assert all(pair for pair in TEXTS[reason.value][: len(LANGS)])


def test_every_reason_text_has_a_member():
    keys = {k for k in TEXTS if k.startswith(("reason.", "why."))}
    assert keys == {r.value for r in Reason}


def test_no_function_is_too_complex_to_read():
    """radon's cyclomatic complexity: rank D and worse (over 20) is hard to read and to change."""
    from radon.complexity import cc_visit

    hard = []
    for path in _modules():
        for block in cc_visit(path.read_text(encoding="utf-8")):
            items = [block, *getattr(block, "methods", [])]
            hard += [f"{path.relative_to(PACKAGE)}:{b.lineno} {b.name} ({b.complexity})"
                     for b in items if b.complexity > 20]
    assert sorted(set(hard)) == []
