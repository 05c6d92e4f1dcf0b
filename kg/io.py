"""Atomic file output: a temp file beside the target, fsync, then rename; nothing half-written is ever left."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kg.errors import OutputError


def ensure_dir(directory: Path) -> None:
    """Create an output folder, or say clearly why it cannot be used."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"output folder is not a writable folder ({exc.strerror})", where=str(directory),
                          fix="choose another --out folder or fix its permissions") from None
    if not os.access(directory, os.W_OK):
        raise OutputError("output folder is not writable", where=str(directory),
                          fix="choose another --out folder or fix its permissions")


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace `path` with `data` (bytes, or pieces of it) so that readers see the old file or the new one,
    never a mix; an exception while the pieces are made leaves the old file."""
    path = Path(path)
    ensure_dir(path.parent)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", where=str(path), fix="check permissions and free space") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", where=str(path),
                              fix="check permissions and free space; the previous file is unchanged") from None
        raise
