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
from spbe_excel.text import t


def lock_file(path: Path) -> tuple[Path, Path]:
    """The owner files Excel (~$) and LibreOffice (.~lock) create next to an open workbook."""
    return path.with_name("~$" + path.name), path.with_name(f".~lock.{path.name}#")


def check_output(path: str | os.PathLike, lang: str = "id", inputs: list[Path] | None = None) -> Path:
    """Refuse an output path that cannot be written safely; return it resolved."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(t("output.is_dir", lang, path=path))
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise OutputError(t("output.not_dir", lang, path=parent))
    if inputs:
        resolved = path.resolve()
        for p in inputs:
            try:
                same = Path(p).resolve() == resolved
            except OSError:
                continue
            if same:
                raise OutputError(t("output.is_input", lang, path=path))
    for lock in lock_file(path):
        if lock.exists():
            raise OutputError(t("output.locked", lang, path=path, lock=lock.name))
    return path


def os_reason(exc: OSError, lang: str = "id") -> str:
    """A short reason for an OS error in the user's language."""
    import errno

    reasons = {errno.EACCES: Reason.OS_DENIED, errno.EPERM: Reason.OS_DENIED, errno.EROFS: Reason.OS_READONLY,
               errno.ENOSPC: Reason.OS_FULL, errno.ENOTDIR: Reason.OS_NOTDIR, errno.ENAMETOOLONG: Reason.OS_TOOLONG}
    key = reasons.get(exc.errno) if exc.errno is not None else None
    return t(key, lang) if key else (exc.strerror or type(exc).__name__)


def ensure_dir(path: str | os.PathLike, lang: str = "id") -> Path:
    """Create ``path`` (and parents) as a folder, or explain why not."""
    path = Path(path)
    for ancestor in (path, *path.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError(t("output.not_dir", lang, path=ancestor))
            break
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, path=path, reason=os_reason(exc, lang))) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError(t("output.unwritable", lang, path=path, reason=t(Reason.OS_DENIED, lang)))
    return path


@contextmanager
def atomic_output(path: str | os.PathLike, lang: str = "id", inputs: list[Path] | None = None):
    """Yield a temporary path in the target folder; on success it is renamed
    onto ``path`` in one step, on failure removed, leaving any previous
    ``path`` untouched."""
    path = check_output(path, lang, inputs)
    parent = ensure_dir(path.parent if str(path.parent) else Path("."), lang)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, path=path, reason=os_reason(exc, lang))) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, path)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, path=path, reason=os_reason(exc, lang))) from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
