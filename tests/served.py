"""A real ``spbe-excel portal serve`` in a process of its own, for the tests that need the server as it runs,
and a free port on the loopback for any server a test starts."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """``python -m spbe_excel portal serve FOLDER --port N ARGS`` in a process group of its own (its reading
    workers too), its output in ``log``; ``open_files`` limits the files it may open (soft and hard)."""

    def __init__(self, folder: Path, log: Path, *args: str, open_files: int | None = None):
        self.folder, self.log, self.args, self.open_files = folder, log, args, open_files
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def launch(self) -> subprocess.Popen:
        command = [sys.executable, "-m", "spbe_excel", "portal", "serve", str(self.folder), "--port", str(self.port),
                   *self.args]
        if self.open_files:
            command = ["sh", "-c", f'ulimit -n {self.open_files} && exec "$@"', "sh", *command]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True,
                                         cwd=self.folder.parent)
        return self.proc

    def start(self, timeout: float = 30) -> Served:
        import httpx

        proc = self.launch()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"portal serve ended with {proc.returncode}: {self.text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/", timeout=1).status_code == 200:
                    return self
            time.sleep(0.05)
        raise AssertionError(f"portal serve did not answer within {timeout} s: {self.text()}")

    def kill(self) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


@contextlib.contextmanager
def serving(folder: Path, log: Path, *args: str, open_files: int | None = None):
    server = Served(folder, log, *args, open_files=open_files)
    try:
        yield server.start()
    finally:
        server.stop()
