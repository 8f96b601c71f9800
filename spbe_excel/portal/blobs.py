"""Every upload kept as received, addressed by its SHA-256.

A blob is written to a temporary file in the store, flushed to disk, then
linked to ``blobs/ab/abcdef...``: a name that exists is never replaced (the
same bytes are already there), and nothing here deletes a blob.  The file
name the user gave is never used as a path: :func:`safe_name` makes a
display name out of it."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 16
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]+")
ALLOWED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb", ".xltx", ".xltm")


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class BlobStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.tmp = self.root / "tmp"

    def path(self, sha256: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def temporary(self):
        """A new temporary file (binary, write) inside the store, on the same file system as the blobs."""
        if not self.tmp.is_dir():
            self.tmp.mkdir(parents=True, exist_ok=True)
            fsync_dir(self.root.parent)  # the store folder now names blobs/
        return tempfile.NamedTemporaryFile(dir=self.tmp, prefix="upload-", delete=False)

    def keep(self, tmp_path: Path) -> tuple[str, int]:
        """Move a received temporary file into the store; its SHA-256 and size.
        The file is on disk (fsync) when this returns."""
        digest = hashlib.sha256()
        size = 0
        with open(tmp_path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
            os.fsync(fh.fileno())
        return self._settle(tmp_path, digest.hexdigest()), size

    def keep_stream(self, source: BinaryIO) -> tuple[str, int]:
        """A received file (``source``, read from its start) into the store, hashed while it is copied: its SHA-256
        and size.  On disk (fsync) when this returns; nothing is left in ``tmp`` when it fails."""
        digest = hashlib.sha256()
        tmp, size = self.spool(source, digest)
        return self._settle(tmp, digest.hexdigest()), size

    def spool(self, source: BinaryIO, digest=None) -> tuple[Path, int]:
        """``source`` (read from its start) copied into a new temporary file of the store: its path and size; given
        a ``digest`` (hashlib), each chunk goes to it too and the file is on disk (fsync) when this returns, to be
        kept.  Nothing is left in ``tmp`` when it fails."""
        size = 0
        with self.temporary() as out:
            try:
                source.seek(0)
                while chunk := source.read(CHUNK):
                    if digest is not None:
                        digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                if digest is not None:
                    out.flush()
                    os.fsync(out.fileno())
            except BaseException:
                out.close()
                os.unlink(out.name)
                raise
        return Path(out.name), size

    def _settle(self, tmp_path: Path, sha: str) -> str:
        """The temporary file (on disk) linked under its SHA-256, then removed."""
        final = self.path(sha)
        try:
            if not final.parent.is_dir():  # a new folder: its name on disk too before the blob counts as kept
                final.parent.mkdir(parents=True, exist_ok=True)
                fsync_dir(self.root)
            try:
                os.link(tmp_path, final)  # fails when the blob exists: it is never overwritten
                os.chmod(final, 0o440)
                fsync_dir(final.parent)
            except FileExistsError:
                pass
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp_path)
        return sha

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()


def safe_name(name: str | None, default: str = "kiriman.xlsx") -> str:
    """A file name to show and to read under: the base name the user gave,
    reduced to plain characters, at most 80 of them, keeping its suffix,
    never starting like a spreadsheet formula."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    # the suffix apart first: a name of letters that have no ASCII form (Arabic, Cyrillic) keeps it
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = re.sub(r"[^A-Za-z0-9]", "", suffix)[:8]
    # not starting with + or - either (= and @ are gone already): the lists DKIS opens in a spreadsheet hold
    # the name, and a cell starting so is read as a formula there
    stem = _UNSAFE.sub("_", stem).strip(" ._").lstrip("+- ._")
    if not stem and not suffix:
        return default
    stem = stem[: 80 - len(suffix) - 1] or "kiriman"
    return f"{stem}.{suffix}" if suffix else stem
