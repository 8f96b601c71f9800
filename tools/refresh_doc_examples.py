"""Rewrite the output shown under each ``$ spbe-excel ...`` command of README.md's consolidate, validate and
feedback sections and of examples/WALKTHROUGH.md with what the command really prints today (run from a
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


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "examples").symlink_to(ROOT / "examples")
        here = os.getcwd()
        os.chdir(scratch)
        try:
            def run(args: list[str]) -> str:
                return CliRunner().invoke(cli, args).output

            readme = (ROOT / "README.md").read_text(encoding="utf-8")
            for section in ("consolidate", "validate", "feedback"):
                head, _, rest = readme.partition(f"### `spbe-excel {section}`")
                body, sep, tail = rest.partition("\n## ")
                nested = body.split("\n### ", 1)
                nested[0] = _refresh(nested[0], run)
                readme = head + f"### `spbe-excel {section}`" + "\n### ".join(nested) + sep + tail
            (ROOT / "README.md").write_text(readme, encoding="utf-8")
            walk = ROOT / "examples" / "WALKTHROUGH.md"
            walk.write_text(_refresh(walk.read_text(encoding="utf-8"), run), encoding="utf-8")
        finally:
            os.chdir(here)


if __name__ == "__main__":
    main()
