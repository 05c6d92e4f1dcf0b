"""Publishing one build as one set: graph.ttl, graph.html, run.json (and the store) replace the previous build's
together, and one build at a time writes to an output folder or store.

`publishing(out, store)` is entered before a build does anything else: it takes the output folder's lock file
(`.kg-build.lock`, deleted when done) and then the store's, so a second build into the same folder or store stops at
once with an OutputError, having written nothing; it deletes the temp files a killed build left. Inside, the build
stages every file (complete and fsynced under a temp name beside its target) and loads the new store beside the old
one; commit() then renames them into place in a fixed order — graph.ttl, graph.html, the store, run.json last —
which takes a few renames and no writing. Anything that fails or is interrupted before commit() leaves the whole
previous set and removes what was staged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.core.errors import OutputError
from kg.core.io import Staged, ensure_dir, exclusive, install, remove_temp_files, stage
from kg.sparql.store import Replacement, StoreSpec, replacing

LOCK_FILE = ".kg-build.lock"
TURTLE_FILE, HTML_FILE, REPORT_FILE = "graph.ttl", "graph.html", "run.json"
OUTPUT_FILES = (TURTLE_FILE, HTML_FILE, REPORT_FILE)  # also the order of the renames


class Publication:
    """The files of one build staged in its output folder, and the store it replaces, until commit()."""

    def __init__(self, out: Path, store: Replacement | None) -> None:
        self.out, self.store = out, store
        self.staged: dict[str, Staged] = {}

    def stage(self, name: str, data: bytes | Iterable[bytes]) -> Staged:
        """Write one output file under a temp name beside its target."""
        self.staged[name] = stage(self.out / name, data)
        return self.staged[name]

    def commit(self) -> tuple[Path, ...]:
        """Rename the staged files into place, the store swapped in just before run.json; return the files."""
        for name in OUTPUT_FILES[:-1]:
            install(self.staged.pop(name))
        if self.store is not None:
            self.store.swap()
        install(self.staged.pop(REPORT_FILE))
        return tuple(self.out / name for name in OUTPUT_FILES)

    def discard(self) -> None:
        """Remove whatever is still staged."""
        for staged in self.staged.values():
            staged.temp.unlink(missing_ok=True)
        self.staged.clear()


@contextlib.contextmanager
def publishing(out: Path, store: StoreSpec) -> Iterator[Publication]:
    """Lock `out` (and the store at store.path) for one build, clean what killed builds left, and yield the
    Publication the build stages its outputs in; whatever was not committed is removed on leaving."""
    ensure_dir(out)
    busy = OutputError("another kg build is writing to this output folder", where=str(out),
                       fix="wait until it has finished, then build again")
    with exclusive(out / LOCK_FILE, busy):
        remove_temp_files(out, OUTPUT_FILES)
        with replacing(store) if store.path is not None else contextlib.nullcontext() as replacement:
            publication = Publication(out, replacement)
            try:
                yield publication
            finally:
                publication.discard()
