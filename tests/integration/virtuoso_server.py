"""Start a real Virtuoso (Debian's virtuoso-opensource) for the tests: its own virtuoso.ini, loopback ports, a
temporary database, `virtuoso-t +foreground`, stopped by its pid. docs/sparql-servers.md shows the same set-up."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER, PASSWORD = "dba", "dba"  # a fresh Virtuoso database's administrator
INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 600
"""


def binary() -> str | None:
    """The path of virtuoso-t, or None when the package is not installed."""
    return shutil.which("virtuoso-t")


def free_port() -> int:
    """A TCP port nothing listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def virtuoso(folder: Path, timeout: float = 60) -> Iterator[str]:
    """A Virtuoso in `folder`, answering at the yielded base URL (http://127.0.0.1:PORT) until the block ends."""
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(db=folder, sql_port=free_port(), http_port=(port := free_port())), encoding="utf-8")
    base = f"http://127.0.0.1:{port}"
    with (folder / "stdout.log").open("wb") as log:
        process = subprocess.Popen([binary() or "virtuoso-t", "+configfile", str(ini), "+foreground"], cwd=folder,
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(base, process, folder, timeout)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def _wait(base: str, process: subprocess.Popen, folder: Path, timeout: float) -> None:
    """Return once the SPARQL endpoint answers ASK {}; RuntimeError with the log if the server dies or is late."""
    deadline = time.monotonic() + timeout
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("virtuoso-t exited: " + (folder / "stdout.log").read_text(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                answer.read()
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"Virtuoso did not answer within {timeout:g} s")
