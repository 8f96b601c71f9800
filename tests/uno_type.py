"""Type text into cells of a workbook the way a user does, through
LibreOffice's own input parsing, with a chosen locale; then save.

Run with the system Python that has LibreOffice's UNO bridge (Debian's
python3-uno), not the project's interpreter::

    /usr/bin/python3 tests/uno_type.py PROFILE_DIR LOCALE IN OUT JOBS_JSON

JOBS_JSON is a list of ``[sheet, "A1", "text as typed"]``.  Each text is
entered with the ``.uno:EnterString`` command on the selected cell, which is
what pressing Enter after typing does: numbers, percentages and dates are
recognised by the locale's rules and the cell's number format.  LOCALE (for
example ``en-US`` or ``id-ID``) is set as the locale of the profile
(Tools > Options > Languages > Locale setting) before LibreOffice starts.
Prints one line per cell: its address, the value stored and its type.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from uno_session import office, prop  # type: ignore[import-not-found]

FILTERS = {".xlsx": "Calc MS Excel 2007 XML", ".ods": "calc8", ".xls": "MS Excel 97"}


def _set_locale(profile: Path, locale: str) -> None:
    """Make the profile once (soffice --terminate_after_init), then set its locale."""
    xcu = profile / "user" / "registrymodifications.xcu"
    if not xcu.exists():
        subprocess.run(["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                        "--terminate_after_init"], check=False, timeout=180, capture_output=True,
                       env={**os.environ, "HOME": str(profile)})
    text = xcu.read_text(encoding="utf-8")
    text = re.sub(r'<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale".*?</item>\n?',
                  "", text)
    item = ('<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
            f"<value>{locale}</value></prop></item>\n")
    xcu.write_text(text.replace("</oor:items>", item + "</oor:items>"), encoding="utf-8")


def main(profile: str, locale: str, src: str, dst: str, jobs_file: str) -> None:
    profile_dir = Path(profile)
    _set_locale(profile_dir, locale)
    with office(profile_dir) as (ctx, desktop):
        dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        doc = desktop.loadComponentFromURL(Path(src).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
        controller = doc.getCurrentController()
        frame = controller.getFrame()
        for sheet_name, address, text in json.loads(Path(jobs_file).read_text(encoding="utf-8")):
            sheet = doc.Sheets.getByName(sheet_name)
            controller.setActiveSheet(sheet)
            cell = sheet.getCellRangeByName(address)
            controller.select(cell)
            dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", text),))
            kind = cell.getType().value
            print(f"{sheet_name}!{address}\t{text}\t{cell.getValue() if kind == 'VALUE' else cell.getString()}\t{kind}")
        doc.storeToURL(Path(dst).resolve().as_uri(), (prop("FilterName", FILTERS[Path(dst).suffix.lower()]),))
        # LibreOffice 7.4 often dies closing a document it has just stored as .ods (the bridge is disposed): the
        # file is whole by then, and the test reads it back
        with contextlib.suppress(Exception):
            doc.close(True)

if __name__ == "__main__":
    main(*sys.argv[1:6])
