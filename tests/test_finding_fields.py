"""Findings are data; their words are text/'s.  Every field a finding's message names is given by every
place that raises that code (read from the source: the raising calls and what they pass), and every finding
the examples and the hostile files give is worded in both languages without an empty field."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from conftest import ROOT

from spbe_excel.model.findings import CODES
from spbe_excel.model.vocab import Reason
from spbe_excel.text import TEXTS
from spbe_excel.text.findings import FINDINGS, message

PACKAGE = ROOT / "spbe_excel"
# a finding's own fields ("Indicator": what it is about, at the start of a sentence)
OWN = {"file", "sheet", "cell", "opd", "value", "indicator", "Indicator", "column", "hint", "action"}
# How each raising call passes a finding's own fields: ctx.finding(code, row, key) gives them all.
GIVES_ALL = {"finding"}
RAISERS = {"make", "finding", "_fail", "SubmissionError"}


def fields(text: str) -> set[str]:
    """The fields a template names (``{name}``, ``{name:spec}``, ``{name|s}``)."""
    out = set()
    for piece in re.sub(r"\{(\w+)\|[^{}]*\}", r"{\1}", text).split("{{"):
        out |= {name for _, name, _, _ in string.Formatter().parse(piece) if name}
    return out


def needed(code: str) -> set[str]:
    """The parameters the message of ``code`` names in either language (beyond a finding's own fields)."""
    return {f for text in FINDINGS[code][1] for f in fields(text)} - OWN


def reason_fields(key: str) -> set[str]:
    """The fields the text of a reason (or of what a reason names) needs."""
    return {f for text in TEXTS[key] for f in fields(text)} if key in TEXTS else set()


class Site:
    def __init__(self, path: Path, node: ast.Call, code: str, given: set[str], dynamic: list[str],
                 reasons: set[str]):
        self.where = f"{path.relative_to(ROOT)}:{node.lineno}"
        self.code, self.given, self.dynamic, self.reasons = code, given, dynamic, reasons


def _dict_keys(func: ast.AST, name: str) -> set[str] | None:
    """The keys of a dict literal assigned to ``name`` in ``func``, or None."""
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets) \
                and isinstance(node.value, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.value.keys):
            return {k.value for k in node.value.keys}
    return None


def _reason(value: ast.AST) -> set[str]:
    """``Reason.X`` (or a conditional of them) as the text keys it may be."""
    found = set()
    for node in ast.walk(value):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Reason":
            found.add(Reason[node.attr].value)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in TEXTS:
            found.add(node.value)
    return found


def sites() -> list[Site]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for func in funcs:
            for node in ast.walk(func):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name not in RAISERS:
                    continue
                codes = [c.value for c in ast.walk(node.args[0]) if isinstance(c, ast.Constant) and c.value in CODES]
                if not codes:
                    continue
                given = {k.arg for k in node.keywords if k.arg} | (OWN if name in GIVES_ALL else set())
                if name == "_fail" and len(node.args) > 1:
                    given.add("reason")
                reasons = set().union(*(_reason(k.value) for k in node.keywords if k.arg in ("reason", "why")))
                if name == "_fail" and len(node.args) > 1:
                    reasons |= _reason(node.args[1])
                dynamic = []
                for k in node.keywords:
                    if k.arg is None:  # **something
                        keys = _dict_keys(func, k.value.id) if isinstance(k.value, ast.Name) else None
                        if keys is None:
                            dynamic.append(ast.unparse(k.value))
                        else:
                            given |= keys
                for code in codes:
                    out.append(Site(path, node, code, given, dynamic, reasons))
    return out


SITES = sites()


def test_every_code_is_raised_somewhere_the_test_can_see():
    assert {s.code for s in SITES} >= set(CODES) - {"header-missing", "column-missing"}  # chosen by a variable


@pytest.mark.parametrize("site", SITES, ids=lambda s: f"{s.code}@{s.where}")
def test_every_field_a_message_names_is_given_where_the_code_is_raised(site):
    missing = needed(site.code) - site.given
    for key in site.reasons:  # a reason's own text names fields too
        missing |= reason_fields(key) - site.given - OWN
    # a call that passes on the parameters of an exception (or a dict made elsewhere) is checked where those
    # are made: test_every_field_of_a_forwarded_reason_is_given
    assert not missing or site.dynamic, f"{site.where}: {site.code} does not give {sorted(missing)}"


def _raising_reasons() -> list[tuple[str, str, set[str]]]:
    """(where, reason key, parameters given) of every ParseError and SubmissionError raised with a reason, and of
    every dict of ``reason`` and its parameters made for a skipped or unreadable file."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("ParseError", "_fail") and node.args:
                arg = node.args[0] if getattr(node.func, "id", "") == "ParseError" else node.args[1] \
                    if len(node.args) > 1 else None
                for key in _reason(arg) if arg is not None else ():
                    out.append((f"{path.relative_to(ROOT)}:{node.lineno}", key, {k.arg for k in node.keywords}))
            elif isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "reason"
                                                   for k in node.keys):
                value = node.values[[getattr(k, "value", None) for k in node.keys].index("reason")]
                for key in _reason(value):
                    out.append((f"{path.relative_to(ROOT)}:{node.lineno}", key,
                                {k.value for k in node.keys if isinstance(k, ast.Constant)}))
    return out


@pytest.mark.parametrize("where, key, given", _raising_reasons(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_field_of_a_forwarded_reason_is_given(where, key, given):
    """The reasons a parser or the sniffer raises travel as parameters to a finding: what their texts name must
    be given where they are raised (``what.*`` and ``old.*`` texts a reason names are filled from them too)."""
    missing = reason_fields(key) - given - OWN
    for k in given:  # a parameter that is itself a text (what a file holds) names no field of its own
        missing -= {k}
    assert not missing, f"{where}: {key} does not give {sorted(missing)}"


def test_the_field_check_can_fail():
    """A site that forgets a parameter is found."""
    code = "budget-overrun"
    tree = ast.parse('def f():\n    make("budget-overrun", file=p, spent=1)\n')
    [call] = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    given = {k.arg for k in call.keywords}
    assert needed(code) - given == {"budget"}


RAW = (str, int, float, bool, type(None))


def _raw(value) -> bool:
    """A parameter value that is data: a string, a number, a date, an enum member, a level, or a tuple of them;
    never words of one language beside another's."""
    import datetime as dt
    from enum import Enum

    from spbe_excel.model.findings import Level

    if isinstance(value, (tuple, list)):
        if len(value) == 2 and all(isinstance(v, str) and not isinstance(v, Enum) for v in value) \
                and value[0] != value[1] and " " in value[0] + value[1]:
            return False  # ("Selesai", "Completed"): a pair of words
        return all(_raw(v) for v in value)
    return isinstance(value, (*RAW, dt.date, Enum, Level))


@pytest.fixture(scope="module")
def example_findings():
    """Every finding the example folders give, read and consolidated as the command line does."""
    import datetime as dt

    from spbe_excel import pipeline

    found = []
    for folder, period, as_of, plan in [
            ("triwulan-ii", "Triwulan II 2019", dt.date(2019, 6, 30), None),
            ("triwulan-iii", "Triwulan III 2019", dt.date(2019, 9, 30), None),
            ("kabupaten-contoh/triwulan-i-2026", "Triwulan I 2026", dt.date(2026, 4, 3),
             ROOT / "examples/kabupaten-contoh/rencana-2026-terisi.xlsx")]:
        master = pipeline.load_plan(plan)
        done = pipeline.consolidate_folder(ROOT / "examples" / folder, master, period=period, as_of=as_of)
        found += done.consolidation.findings
    return found


def test_the_examples_give_raw_parameters_and_complete_messages(example_findings):
    assert len({f.code for f in example_findings}) >= 8
    for f in example_findings:
        assert all(_raw(v) for _, v in f.params), (f.code, f.params)
        for lang in ("id", "en"):
            assert message(f, lang, strict=True)  # a field the message names and the finding lacks: KeyError


def test_a_pair_of_words_is_not_a_raw_parameter():
    assert not _raw(("Dalam Proses", "In Progress")) and _raw((Reason.SRC_HEADER, "BAPPEDA")) and _raw(("A", "A"))
