"""A small pool of query worker processes for `kg serve`: each loads the graph (or opens the persistent store
read-only, again after a rebuild replaced it) once; slow queries are killed.

pyoxigraph has no query timeout, so a query runs in a worker process that the server kills when the request's
time is up; a replacement is started in the background while the other workers keep answering.

Jobs are queued by cost: a job that took longer than QUICK_SECONDS (or was stopped) last time is "slow" and may not
take the last idle worker, so however many clients repeat slow queries, one worker stays free for quick ones.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.core.errors import InputError, KGError
from kg.sparql.serve_api import Reply, answer_query, error_reply, json_reply
from kg.sparql.serve_explorer import Explorer
from kg.sparql.store import MEMORY_STORE, StoreSpec, open_store, version

log = logging.getLogger(__name__)

LOAD_SECONDS = 60.0  # how long a starting worker may take to load the graph
ADDRESS_SPACE = 3 << 30  # per worker: a runaway query dies of memory exhaustion instead of swamping the machine
QUICK_SECONDS = 0.5  # a job that took longer is slow: next time it may not take the last idle worker
REMEMBERED = 1024  # jobs whose cost is remembered (the most recent)
Job = tuple[Any, ...]


@dataclass(eq=False)
class _Worker:
    """One worker process and the parent's end of its pipe (compared by identity)."""

    process: Any
    conn: Connection

    def stop(self) -> None:
        """Kill the process and release the pipe."""
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """`size` worker processes over one graph or store; ask() answers a job within `timeout` seconds or gives a 503."""

    def __init__(self, graph: Path, *, store: StoreSpec = MEMORY_STORE, size: int = 2, timeout: float = 5.0) -> None:
        self.graph, self.store, self.size, self.timeout = Path(graph), store, size, timeout
        self.source = str(self.graph if store.path is None else store)
        self._context = multiprocessing.get_context("spawn")  # no fork: the server runs threads
        self._idle: list[_Worker] = []
        self._freed = threading.Condition()  # guards _idle and _slow; notified when a worker becomes idle
        self._slow: OrderedDict[str, None] = OrderedDict()  # jobs that were slow last time, oldest first
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False

    def start(self) -> None:
        """Start the workers and wait until each has loaded the graph; raise InputError if loading fails."""
        starting = [self._spawn() for _ in range(self.size)]
        try:
            for worker in starting:
                self._wait_ready(worker)
                self._release(worker)
        except KGError:
            self.close()
            raise

    def ask(self, job: Job) -> Reply:
        """Run a job on an idle worker (a job slow last time leaves the last idle one to others); 503 when none frees
        up or the job outlives the time limit."""
        deadline = time.monotonic() + self.timeout
        key = repr(job)
        worker = self._take(key, deadline)
        if worker is None:
            return error_reply(503, f"all query workers stayed busy for {self.timeout:g} s; try again")
        started = time.monotonic()
        try:
            worker.conn.send(job)
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                reply = worker.conn.recv()
                self._note(key, time.monotonic() - started > QUICK_SECONDS)
                self._release(worker)
                return reply
            self._note(key, True)
            message = f"the query took longer than {self.timeout:g} s and was stopped; simplify it or add a LIMIT"
        except (EOFError, OSError):
            message = "the query worker stopped (the query probably needed too much memory)"
        log.warning("replacing query worker %d: %s", worker.process.pid, message)
        self._replace(worker)
        return error_reply(503, message)

    def pids(self) -> list[int]:
        """Process ids of the live workers, sorted."""
        with self._lock:
            return sorted(worker.process.pid for worker in self._workers if worker.process.is_alive())

    def close(self) -> None:
        """Stop every worker; replacements still loading stop themselves when ready."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
        for worker in workers:
            worker.stop()

    def _take(self, key: str, deadline: float) -> _Worker | None:
        """An idle worker, waiting until `deadline` for one; a slow job waits while only one is idle (None: none)."""
        with self._freed:
            keep = 1 if key in self._slow and self.size > 1 else 0
            while len(self._idle) <= keep:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._freed.wait(remaining)
            return self._idle.pop()

    def _release(self, worker: _Worker) -> None:
        """Make a worker idle again and wake the requests waiting for one."""
        with self._freed:
            self._idle.append(worker)
            self._freed.notify_all()

    def _note(self, key: str, slow: bool) -> None:
        """Remember whether a job was slow (the REMEMBERED most recent slow jobs are kept)."""
        with self._freed:
            self._slow.pop(key, None)
            if slow:
                self._slow[key] = None
                if len(self._slow) > REMEMBERED:
                    self._slow.popitem(last=False)

    def _spawn(self) -> _Worker:
        """Start one worker process."""
        parent, child = self._context.Pipe()
        process = self._context.Process(target=worker_main, args=(child, str(self.graph), self.store), daemon=True,
                                        name="kg-serve-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _wait_ready(self, worker: _Worker) -> None:
        """Block until the worker reports its store loaded; raise InputError when it fails or hangs."""
        if not worker.conn.poll(LOAD_SECONDS):
            raise InputError(f"a query worker did not load the graph within {LOAD_SECONDS:g} s",
                             where=self.source, fix="check the file, or use a smaller graph")
        try:
            status, *detail = worker.conn.recv()
        except EOFError:
            status, detail = "failed", ["a query worker exited while loading the graph", self.source,
                                        "see its error above"]
        if status != "ready":
            raise InputError(detail[0], where=detail[1], fix=detail[2])

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and load a new one in the background."""
        with self._lock:
            self._workers.discard(worker)
        worker.stop()
        threading.Thread(target=self._refill, name="kg-serve-refill", daemon=True).start()

    def _refill(self) -> None:
        """Start a worker; hand it out once it has loaded the graph (unless the pool closed meanwhile)."""
        with self._lock:
            if self._closed:
                return
        worker = self._spawn()
        try:
            self._wait_ready(worker)
        except KGError as exc:
            log.error("cannot replace a query worker: %s", exc.message)
            return self._discard(worker)
        with self._lock:
            closed = self._closed
        if closed:
            return self._discard(worker)
        self._release(worker)
        log.info("query worker %d ready", worker.process.pid)

    def _discard(self, worker: _Worker) -> None:
        """Forget and stop a worker that will never be handed out."""
        with self._lock:
            self._workers.discard(worker)
        worker.stop()


def worker_main(conn: Connection, graph: str, store: StoreSpec) -> None:
    """A worker process: load the graph or open the store, then answer jobs from the pipe until it closes; a store
    that `kg build` replaced meanwhile is opened again first, so every worker answers from the same build."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it stops the workers
    _limit_memory()
    opened = version(store)  # read before opening: a swap in between only costs one more reopening
    try:
        explorer = Explorer(open_store(store, Path(graph)))
    except KGError as exc:
        conn.send(("failed", exc.what, exc.where, exc.fix))
        return
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if version(store) != opened:
            explorer, opened = _reopen(explorer, store, graph)
        conn.send(handle(explorer, job))


def _reopen(explorer: Explorer, store: StoreSpec, graph: str) -> tuple[Explorer, tuple[int, int] | None]:
    """The store rebuilt at the same path, opened read-only; the one already open if that fails."""
    opened = version(store)
    try:
        return Explorer(open_store(store, Path(graph))), opened
    except KGError as exc:
        log.warning("answering from the store opened before: %s", exc.message)
        return explorer, opened


def handle(explorer: Explorer, job: Job) -> Reply:
    """Answer one job: ("query", text, params, formats, max_rows), ("search", q), ("entity", iri) or ("classes",)."""
    kind, *args = job
    views: dict[str, Callable[..., Any]] = {"search": explorer.search, "entity": explorer.entity,
                                            "classes": explorer.classes}
    try:
        if kind == "query":
            return answer_query(explorer.store, *args)
        found = views[kind](*args)
    except KGError as exc:
        return error_reply(400, exc.message)
    except MemoryError:
        return error_reply(503, "the query needed too much memory")
    except Exception:  # a bug must not take the worker down; the log has the traceback
        log.exception("query worker failed on a %s job", kind)
        return error_reply(500, "internal error in the query worker")
    return error_reply(404, "no entity with this IRI") if found is None else json_reply(found)


def _limit_memory() -> None:
    """Cap this process's address space at ADDRESS_SPACE (or the hard limit, if lower)."""
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    soft = ADDRESS_SPACE if hard == resource.RLIM_INFINITY else min(ADDRESS_SPACE, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
