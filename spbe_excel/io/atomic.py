"""Atomic output: every file is written to a temporary file in its target
folder and renamed into place, so nothing half-written is ever left behind;
an output that is also an input, or a workbook open in Excel or LibreOffice,
is refused."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from spbe_excel.errors import OutputError
from spbe_excel.model.vocab import Reason


def lock_file(path: Path) -> tuple[Path, Path]:
    """The owner files Excel (~$) and LibreOffice (.~lock) create next to an open workbook."""
    return path.with_name("~$" + path.name), path.with_name(f".~lock.{path.name}#")


def check_output(path: str | os.PathLike, inputs: list[Path] | None = None) -> Path:
    """Refuse an output path that cannot be written safely; return it resolved."""
    path = Path(path)
    if path.is_dir():
        raise OutputError("output.is_dir", path=path)
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise OutputError("output.not_dir", path=parent)
    if inputs:
        resolved = path.resolve()
        for p in inputs:
            try:
                same = Path(p).resolve() == resolved
            except OSError:
                continue
            if same:
                raise OutputError("output.is_input", path=path)
    for lock in lock_file(path):
        if lock.exists():
            raise OutputError("output.locked", path=path, lock=lock.name)
    return path


def os_reason(exc: OSError) -> str:
    """A short reason for an OS error: the key of its text (:class:`~spbe_excel.model.vocab.Reason`) when it is
    a common one, else the system's own words."""
    import errno

    reasons = {errno.EACCES: Reason.OS_DENIED, errno.EPERM: Reason.OS_DENIED, errno.EROFS: Reason.OS_READONLY,
               errno.ENOSPC: Reason.OS_FULL, errno.ENOTDIR: Reason.OS_NOTDIR, errno.ENAMETOOLONG: Reason.OS_TOOLONG}
    key = reasons.get(exc.errno) if exc.errno is not None else None
    return key or exc.strerror or type(exc).__name__


def ensure_dir(path: str | os.PathLike) -> Path:
    """Create ``path`` (and parents) as a folder, or explain why not."""
    path = Path(path)
    for ancestor in (path, *path.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError("output.not_dir", path=ancestor)
            break
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError("output.unwritable", path=path, reason=os_reason(exc)) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError("output.unwritable", path=path, reason=Reason.OS_DENIED)
    return path


@contextmanager
def atomic_output(path: str | os.PathLike, inputs: list[Path] | None = None):
    """Yield a temporary path in the target folder; on success it is renamed
    onto ``path`` in one step, on failure removed, leaving any previous
    ``path`` untouched."""
    path = check_output(path, inputs)
    parent = ensure_dir(path.parent if str(path.parent) else Path("."))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=parent)
    except OSError as exc:
        raise OutputError("output.unwritable", path=path, reason=os_reason(exc)) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, path)
    except OSError as exc:
        raise OutputError("output.unwritable", path=path, reason=os_reason(exc)) from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
