"""Where a built graph is kept and read back: Turtle parsed into memory (`memory`, the default) or a persistent
Oxigraph store folder (`oxigraph:PATH`), which `kg build` replaces in one step and readers open read-only.

Replacing a store: graph.ttl is bulk-loaded into a fresh folder beside PATH (`.NAME.new-…`) that then trades places
with PATH in one rename (Linux renameat2 RENAME_EXCHANGE; elsewhere two renames with a moment in between), and the
old store is deleted. A reader opening PATH gets the old store or the new one, never a mix; a reader that already
has the old store open keeps answering from it (its open files outlive the deletion) until it reopens (`kg serve`
workers reopen when version() changes). A crash
leaves PATH usable (old or new) and the next build removes the leftovers. `.NAME.lock` beside PATH keeps two builds
from replacing the same store at once; `kg build` takes it before anything else and loads the new store before it
replaces any output file (kg.pipeline.publish).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import glob
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from kg.core.errors import InputError, OutputError, printable
from kg.core.io import exclusive
from kg.sparql.query import _one_line, load_store
from kg.graph.turtle import parse_rdf

MEMORY, OXIGRAPH = "memory", "oxigraph"
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
_SPEC_FIX = "use --store memory (graph.ttl read into memory) or --store oxigraph:PATH (a persistent store folder)"


@dataclass(frozen=True)
class StoreSpec:
    """A parsed --store value: `memory`, or `oxigraph` with the store's folder."""

    kind: str = MEMORY
    path: Path | None = None

    def __str__(self) -> str:
        return self.kind if self.path is None else f"{self.kind}:{self.path}"


MEMORY_STORE = StoreSpec()


def parse_spec(text: str) -> StoreSpec:
    """`memory` or `oxigraph:PATH` as a StoreSpec; anything else is an InputError."""
    kind, colon, rest = text.strip().partition(":")
    if kind.lower() == MEMORY and not colon:
        return MEMORY_STORE
    if kind.lower() == OXIGRAPH:
        if not rest.strip():
            raise InputError("the oxigraph store needs a folder", where=f"--store {text}",
                             fix="write --store oxigraph:PATH, e.g. oxigraph:~/kg-store")
        return StoreSpec(OXIGRAPH, Path(os.path.expanduser(rest.strip())))
    raise InputError(f"unknown store {text!r}", where=f"--store {text}", fix=_SPEC_FIX)


def open_store(spec: StoreSpec, graph: Path) -> pyoxigraph.Store:
    """The store to query: `graph` parsed into memory, or the persistent store opened read-only."""
    if spec.path is None:
        return load_store(graph)
    path = spec.path
    if not path.exists():
        raise InputError("no Oxigraph store here", where=str(path),
                         fix=f"build it with `kg build --store oxigraph:{path}`")
    _check_store_folder(path)
    if not (path / "CURRENT").is_file():
        raise InputError("this folder is not an Oxigraph store (no CURRENT file)", where=str(path),
                         fix="give the folder `kg build --store oxigraph:PATH` wrote" if any(path.iterdir())
                         else f"build one with `kg build --store oxigraph:{path}`")
    try:
        return pyoxigraph.Store.read_only(str(path))
    except OSError as exc:
        raise InputError(f"cannot open the Oxigraph store: {_one_line(str(exc))}", where=str(path),
                         fix=f"rebuild it with `kg build --store oxigraph:{path}`") from None


def version(spec: StoreSpec) -> tuple[int, int] | None:
    """What tells one build's store from the next at spec.path: its folder's device and inode (None: no store)."""
    try:
        found = os.stat(spec.path) if spec.path is not None else None
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if found else None


def check_target(spec: StoreSpec) -> None:
    """Raise before a build when the store at spec.path could not be replaced (a file, a foreign folder, in use)."""
    if spec.path is None or not spec.path.exists():
        return
    path = spec.path.resolve()
    _check_store_folder(path)
    if any(path.iterdir()) and not (path / "CURRENT").is_file():
        raise InputError("this folder is not empty and not an Oxigraph store; kg will not replace it", where=str(path),
                         fix="choose a new or empty folder, or an Oxigraph store built before")


class Replacement:
    """The new store being made beside spec.path while its lock is held: load() fills it, swap() puts it in place."""

    def __init__(self, spec: StoreSpec, target: Path) -> None:
        self.spec, self.target = spec, target
        self.fresh: Path | None = None

    def load(self, turtle: Path) -> dict:
        """Bulk-load `turtle` into a new store folder beside the target; return its spec, path, triple count and the
        seconds taken. The store at the target is not touched yet."""
        started = time.perf_counter()
        self.fresh = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-", dir=self.target.parent))
        triples = _bulk_load(self.fresh, turtle)
        return {"spec": printable(str(self.spec)), "path": printable(str(self.target)), "triples": triples,
                "seconds": round(time.perf_counter() - started, 3)}

    def swap(self) -> None:
        """Put the loaded store at the target in one step and delete the previous one."""
        try:
            old = _swap(self.fresh, self.target)
            _sync(self.target.parent)
        except OSError as exc:
            raise OutputError(f"cannot swap in the new store: {exc.strerror or exc}", where=str(self.target),
                              fix="check the folder's permissions and free space") from None
        self.fresh = old  # deleted on leaving replacing()


@contextlib.contextmanager
def replacing(spec: StoreSpec) -> Iterator[Replacement]:
    """Lock the store at spec.path against other builds (`.NAME.lock` beside it), remove what interrupted builds
    left and check it may be replaced; yield the Replacement. On leaving, the new store if it was never swapped in,
    or the old one if it was, is deleted and the lock released."""
    target = spec.path.resolve()
    _make_parent(target)
    busy = OutputError("another kg build is replacing this store", where=str(target),
                       fix="wait until it has finished, then build again")
    with exclusive(target.parent / f".{target.name}.lock", busy):
        _clean_leftovers(target)
        check_target(spec)
        replacement = Replacement(spec, target)
        try:
            yield replacement
        finally:
            if replacement.fresh is not None:
                shutil.rmtree(replacement.fresh, ignore_errors=True)


def load_graph(path: Path) -> Graph:
    """Parse a Turtle file produced by `kg build` with a strict parser (no invalid IRIs, no RDF/XML)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("graph file not found", where=str(path), fix="run `kg build` first or pass --graph PATH")
    try:
        return parse_rdf(path.read_bytes())
    except (SyntaxError, ValueError, OSError, MemoryError) as exc:
        message = " ".join(str(exc).split())[:300] or type(exc).__name__
        raise InputError(f"cannot parse Turtle: {message}", where=str(path), fix="rebuild it with `kg build`") from None


def _check_store_folder(path: Path) -> None:
    """Raise InputError when `path` is a file or a store another process has open for writing."""
    if not path.is_dir():
        raise InputError("the store path is a file, not a folder", where=str(path),
                         fix="give oxigraph:PATH a folder (kg creates it)")
    if _held_by_writer(path):
        raise InputError("the Oxigraph store is open for writing by another process", where=str(path),
                         fix="stop that process (e.g. `oxigraph serve`) or use another folder")


def _held_by_writer(path: Path) -> bool:
    """Whether another process holds RocksDB's lock on the store's LOCK file (read-only openers take none)."""
    try:
        fd = os.open(path / "LOCK", os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also drops the lock just taken
    return False


def _make_parent(target: Path) -> None:
    """Create the folder the store goes in, or raise OutputError."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the store's folder ({exc.strerror})", where=str(target.parent),
                          fix="choose another oxigraph:PATH or fix its permissions") from None


def _clean_leftovers(target: Path) -> None:
    """Delete the folders an interrupted build left beside the store; put back a store moved aside."""
    for leftover in sorted(target.parent.glob(f".{glob.escape(target.name)}.old-*")):
        if target.exists():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            os.rename(leftover, target)
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _bulk_load(folder: Path, turtle: Path) -> int:
    """Bulk-load a Turtle file into a new on-disk store in `folder`; return its triple count."""
    try:
        store = pyoxigraph.Store(str(folder))
        store.bulk_load(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
        store.optimize()
        store.flush()
        triples = len(store)
        del store
    except SyntaxError as exc:
        raise InputError(f"cannot parse Turtle: {_one_line(str(exc))}", where=str(turtle),
                         fix="rebuild it with `kg build`") from None
    except OSError as exc:
        raise OutputError(f"cannot write the Oxigraph store: {_one_line(str(exc))}", where=str(folder),
                          fix="check free space and permissions; the previous store is unchanged") from None
    return triples


def _swap(fresh: Path, target: Path) -> Path | None:
    """Put `fresh` at `target`; return where the previous store is now (None if there was none)."""
    if not target.exists():
        os.rename(fresh, target)
        return None
    if _exchange(fresh, target):
        return fresh
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rename(target, old)  # replaces the empty folder just made; readers opening now find no store
    os.rename(fresh, target)
    return old


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OutputError(f"cannot swap in the new store: {os.strerror(code)}", where=str(second),
                      fix="check the folder's permissions; the previous store is unchanged")


def _sync(folder: Path) -> None:
    """fsync a folder so the renames in it survive a crash."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
