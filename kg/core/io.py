"""Atomic file output: a temp file beside the target, fsync, then rename; nothing half-written is ever left.
Also the lock file that keeps two writers of one target apart."""

from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.core.errors import KGError, OutputError


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


@dataclass(frozen=True)
class Staged:
    """A complete, fsynced temp file beside `target`, waiting to be renamed onto it (install) or removed."""

    temp: Path
    target: Path
    size: int
    sha256: str


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace `path` with `data` (bytes, or pieces of it) so that readers see the old file or the new one,
    never a mix; an exception while the pieces are made leaves the old file."""
    install(stage(path, data))


def stage(path: Path, data: bytes | Iterable[bytes]) -> Staged:
    """Write `data` to a new temp file `.NAME.XXXX.tmp` beside `path` and fsync it; `path` is not touched yet.
    An exception while the pieces are made removes the temp file."""
    path = Path(path)
    ensure_dir(path.parent)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", where=str(path), fix="check permissions and free space") from None
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
                digest.update(piece)
                size += len(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(exc, path) from None
        raise
    return Staged(Path(temp), path, size, digest.hexdigest())


def install(staged: Staged) -> None:
    """Rename a staged temp file onto its target in one step (the temp file is gone either way)."""
    try:
        os.replace(staged.temp, staged.target)
    except BaseException as exc:
        staged.temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(exc, staged.target) from None
        raise


def _write_error(exc: OSError, path: Path) -> OutputError:
    """The OutputError for a failed write of `path`."""
    return OutputError(f"cannot write: {exc.strerror or exc}", where=str(path),
                       fix="check permissions and free space; the previous file is unchanged")


def remove_temp_files(folder: Path, names: Iterable[str]) -> None:
    """Delete the `.NAME.XXXX.tmp` files of these names that writers killed before their rename left in `folder`."""
    for name in names:
        for leftover in glob.glob(os.path.join(glob.escape(str(folder)), f".{glob.escape(name)}.*.tmp")):
            Path(leftover).unlink(missing_ok=True)


@contextlib.contextmanager
def exclusive(lock: Path, busy: KGError) -> Iterator[None]:
    """Hold the lock file `lock` (created if needed, deleted when done); raise `busy` at once when another process
    holds it. An OutputError when the lock file cannot be created."""
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot create a lock file ({exc.strerror})", where=str(lock),
                          fix="fix the folder's permissions or choose another one") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = os.stat(lock).st_ino == os.fstat(fd).st_ino  # not a lock file the previous holder deleted
        except (BlockingIOError, FileNotFoundError):
            held = False
        if not held:
            raise busy
        try:
            yield
        finally:
            lock.unlink(missing_ok=True)
    finally:
        os.close(fd)
