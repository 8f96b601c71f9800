"""Rewrite the output shown under each ``$ spbe-excel ...`` command of README.md's consolidate, validate,
feedback and "Start your own plan" sections and of the examples' walkthroughs (examples/WALKTHROUGH.md,
examples/kabupaten-contoh/WALKTHROUGH.md) with what the command really prints today (run from a
scratch folder holding a link to examples/, as tests/test_operator.py runs them).  Blocks whose output is
abridged with a "..." line are left alone.  Run from the repository root after a change that alters them:

    python tools/refresh_doc_examples.py
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spbe_excel.cli import cli  # noqa: E402


def _refresh(text: str, run) -> str:
    def block(match: re.Match) -> str:
        body = match.group(1)
        parts = re.split(r"^(\$ (?:[^\n]*\\\n)*[^\n]*)\n", body, flags=re.M)
        out = [parts[0]]
        for command, shown in zip(parts[1::2], parts[2::2]):
            if "\n...\n" in f"\n{shown}" or not command.startswith("$ spbe-excel"):
                out += [command + "\n", shown]
                continue
            args = shlex.split(command[2:].replace("\\\n", " "))[1:]
            out += [command + "\n", run(args)]
        return "```\n" + "".join(out) + "```"

    return re.sub(r"```\n(.*?)```", block, text, flags=re.S)


def _run(args: list[str]) -> str:
    return CliRunner().invoke(cli, args).output


def _in_scratch(refresh):
    """Run ``refresh(run)`` in a scratch folder of its own holding a link to examples/ (a document's commands may
    write files another document's commands write too)."""
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "examples").symlink_to(ROOT / "examples")
        here = os.getcwd()
        os.chdir(scratch)
        try:
            return refresh(_run)
        finally:
            os.chdir(here)


def _readme(run) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for section in ("consolidate", "validate", "feedback"):
        head, _, rest = readme.partition(f"### `spbe-excel {section}`")
        body, sep, tail = rest.partition("\n## ")
        nested = body.split("\n### ", 1)
        nested[0] = _refresh(nested[0], run)
        readme = head + f"### `spbe-excel {section}`" + "\n### ".join(nested) + sep + tail
    head, sep, rest = readme.partition("## Start your own plan")
    body, sep2, tail = rest.partition("\n## ")
    return head + sep + _refresh(body, run) + sep2 + tail


def main() -> None:
    (ROOT / "README.md").write_text(_in_scratch(_readme), encoding="utf-8")
    for walk in (ROOT / "examples" / "WALKTHROUGH.md", ROOT / "examples" / "kabupaten-contoh" / "WALKTHROUGH.md"):
        text = walk.read_text(encoding="utf-8")
        walk.write_text(_in_scratch(lambda run, text=text: _refresh(text, run)), encoding="utf-8")


if __name__ == "__main__":
    main()
