"""A headless LibreOffice driven through its UNO bridge, for the scripts that run with the system Python
(Debian's python3-uno): tests/uno_type.py and tests/uno_layout.py.  Not imported by the project's tests."""

from __future__ import annotations

import os
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(pipe: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.1)
    raise RuntimeError("LibreOffice did not answer on its pipe")


@contextmanager
def office(profile_dir: Path):
    """A LibreOffice started with ``profile_dir`` and listening on a pipe; yields its component context and
    ends it (then waits for the process) whatever happens."""
    pipe = f"spbe_uno_{os.getpid()}"
    proc = subprocess.Popen(["soffice", f"-env:UserInstallation={profile_dir.resolve().as_uri()}", "--headless",
                             "--invisible", "--norestore", "--nologo", "--nodefault",
                             f"--accept=pipe,name={pipe};urp;"],
                            env={**os.environ, "HOME": str(profile_dir), "SAL_USE_VCLPLUGIN": "svp"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        ctx = _connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        yield ctx, desktop
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
