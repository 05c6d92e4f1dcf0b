"""One urllib request that ends by a deadline, however the server behaves.

urllib's timeout bounds each socket operation, so a server that sends one header line a second (or one byte of
body) keeps a request alive indefinitely. Here the request runs in a helper thread while the caller waits until
the deadline; then the request's connections are shut down, which ends the thread, and the caller gets TimeoutError.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.request
from collections.abc import Callable


class _Connections:
    """The HTTP(S) connections one request opened (redirects and auth challenges open more than one)."""

    def __init__(self) -> None:
        self.opened: list[http.client.HTTPConnection] = []
        self.lock = threading.Lock()

    def factory(self, kind: type[http.client.HTTPConnection]) -> Callable[..., http.client.HTTPConnection]:
        """A drop-in for the connection class `kind` that remembers each connection it makes."""
        def make(*args, **kwargs) -> http.client.HTTPConnection:
            connection = kind(*args, **kwargs)
            with self.lock:
                self.opened.append(connection)
            return connection
        return make

    def shut(self) -> None:
        """Shut every socket down: a thread blocked reading one gets an error at once."""
        with self.lock:
            sockets = [connection.sock for connection in self.opened if connection.sock is not None]
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, connections: _Connections) -> None:
        super().__init__()
        self.connections = connections

    def http_open(self, req):
        """As HTTPHandler, with the connection remembered."""
        return self.do_open(self.connections.factory(http.client.HTTPConnection), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, connections: _Connections) -> None:
        super().__init__()
        self.connections = connections

    def https_open(self, req):
        """As HTTPSHandler, with the connection remembered."""
        return self.do_open(self.connections.factory(http.client.HTTPSConnection), req, context=self._context)


def fetch_by(deadline: float, request: urllib.request.Request, handlers: list[urllib.request.BaseHandler]) -> bytes:
    """The body of the answer to `request` (opened with `handlers` added), read completely by `deadline`
    (time.monotonic()); TimeoutError after it, and urllib's own errors as they are."""
    connections = _Connections()
    opener = urllib.request.build_opener(*handlers, _HTTP(connections), _HTTPS(connections))
    outcome: list = []

    def run() -> None:
        try:
            with opener.open(request, timeout=max(0.001, deadline - time.monotonic())) as response:
                outcome.append(response.read())
        except BaseException as exc:  # handed to the caller
            outcome.append(exc)

    worker = threading.Thread(target=run, name="kg-http", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        connections.shut()
        worker.join(1)
        raise TimeoutError("the whole request took longer than its deadline")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]
