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
    [(line, target)] = _imports(bad)
    assert LAYER_OF[_top(target)] > LAYER_OF["model"]


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
