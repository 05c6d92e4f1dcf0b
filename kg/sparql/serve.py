"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint and the graph explorer page, on the standard library.

Routes: `/` the explorer; `/sparql` the endpoint (GET ?query=, POST form query=, POST application/sparql-query;
results in the format the Accept header or format= / output= asks for, kg.sparql.serve_api.negotiate, else 406);
`/api/search?q=`, `/api/entity?iri=`, `/api/classes`, `/api/queries`, `/api/query?name=|query=&param=NAME=VALUE`.
Updates are refused (403), CORS is off (no Access-Control-Allow-Origin header), every query runs in a worker
process with a time limit (kg.sparql.serve_worker) and returns at most `max_rows` rows (header X-KG-Truncated).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from dataclasses import dataclass
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from kg.core.errors import KGError
from kg.sparql.query_text import PREFIX_IRIS
from kg.sparql.saved import saved_queries
from kg.outputs.render import fill_template, inline, page_head, script, script_json, template, vis_asset
from kg.sparql.serve_api import (
    Refusal,
    Reply,
    bindings,
    error_reply,
    json_reply,
    negotiate,
    one,
    parse_form,
)
from kg.sparql.serve_worker import WorkerPool
from kg.sparql.store import MEMORY_STORE, StoreSpec

log = logging.getLogger(__name__)

TITLE = "AIGC 职业知识图谱 · 探索"
MAX_BODY = 1 << 20
DRAIN_LIMIT = 64 << 20  # read (and drop) a too-large body up to this size so the client sees the 413
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
PAGE_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
            "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"
EXPLORER_META_CSP = PAGE_CSP.removesuffix("; frame-ancestors 'none'")  # the page's own copy: a <meta> cannot hold it
DATASET_PARAMS = {"default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"}
READ_ONLY = "SPARQL Update is refused: this endpoint is read-only (change the graph with `kg build`)"
API_FORMATS = {"select": "json", "graph": "turtle"}  # what /api/query answers in, for the explorer


class ServeError(KGError):
    """The server cannot start: the address is taken or cannot be bound."""


@dataclass(frozen=True)
class ServeOptions:
    """What `kg serve` serves and how: graph file or store, address, per-query time limit, row limit, worker count."""

    graph: Path = Path("output") / "graph.ttl"
    store: StoreSpec = MEMORY_STORE  # oxigraph:PATH: each worker opens that store read-only instead of the graph
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 5.0
    max_rows: int = 10_000
    workers: int = 2


class KGServer(ThreadingHTTPServer):
    """The HTTP server: holds the options, the worker pool, the rendered page and the saved queries."""

    daemon_threads = True
    request_queue_size = 1024  # the listen backlog (the standard library's 5 reset bursts of clients); the system
    # caps it at net.core.somaxconn

    def __init__(self, options: ServeOptions, pool: WorkerPool) -> None:
        self.options, self.pool = options, pool
        self.page = explorer_page(options)
        self.saved = {query.name: query for query in saved_queries()}
        self.loopback = _is_loopback(options.host)
        if ":" in options.host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((options.host, options.port), Handler)
        except OSError as exc:
            raise ServeError(f"cannot listen on {options.host}:{options.port}: {exc.strerror or exc}",
                             fix="choose another --port (0 picks a free one) or --host") from None

    @property
    def url(self) -> str:
        """The base URL clients use, ending in '/'."""
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in str(host) else host}:{port}/"

    def handle_error(self, request: object, client_address: tuple) -> None:
        """A connection failing outside the handler's answer (client went away mid-request) is logged, not printed."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            log.info("connection from %s dropped: %s", client_address[0], error)
        else:
            log.exception("connection from %s failed", client_address[0])

    def server_close(self) -> None:
        """Close the socket and stop the workers."""
        super().server_close()
        self.pool.close()


def make_server(options: ServeOptions) -> KGServer:
    """Bind the address, then start the workers (each loads the graph); raise KGError if either fails."""
    pool = WorkerPool(options.graph, store=options.store, size=options.workers, timeout=options.timeout)
    server = KGServer(options, pool)
    try:
        pool.start()
    except KGError:
        server.server_close()
        raise
    log.info("serving %s on %s", pool.source, server.url)
    return server


def explorer_page(options: ServeOptions) -> bytes:
    """The explorer as one offline HTML page: vis-network, styles and script inlined, no external request."""
    config = {"timeout": options.timeout, "maxRows": options.max_rows, "prefixes": PREFIX_IRIS}
    styles = [vis_asset("vis-network.css"), template("page.css"), template("explorer.css")]
    parts = {
        "head": page_head(escape(TITLE), EXPLORER_META_CSP, styles, no_referrer=True),
        "title": escape(TITLE),
        "config": script_json(config),
        "vis_js": inline(vis_asset("vis-network.min.js"), "script"),
        "explorer_js": inline(script("explorer.js"), "script"),
    }
    return fill_template("explorer.html", parts).encode("utf-8")


def _is_loopback(host: str) -> bool:
    """Whether a bind address only accepts local connections."""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Handler(BaseHTTPRequestHandler):
    """One request: route it, answer from the page, the saved queries or the worker pool."""

    server: KGServer
    server_version = "kg-serve"
    sys_version = ""
    timeout = 30  # seconds a client may idle mid-request

    def do_GET(self) -> None:
        """GET: the page, the endpoint or an API route."""
        self._dispatch()

    def do_HEAD(self) -> None:
        """HEAD: what GET would answer, without the body (_send leaves it out)."""
        self._dispatch()

    def do_POST(self) -> None:
        """POST: the endpoint or /api/query."""
        self._dispatch()

    def do_OPTIONS(self) -> None:
        """OPTIONS: 204 with the allowed methods; no CORS headers, so browsers keep other origins out."""
        try:
            methods, _ = self._route()
            self._send(Reply(204, "text/plain; charset=utf-8", b""), {"Allow": ", ".join([*methods, "OPTIONS"])})
        except Refusal as exc:
            self._send(error_reply(exc.status, exc.message))

    def do_PUT(self) -> None:
        """PUT: not allowed (the graph is read-only)."""
        self._dispatch()

    do_DELETE = do_PATCH = do_PUT

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (bad request line, …) as one line of plain text."""
        self.close_connection = True
        self._send(error_reply(code, message or HTTPStatus(code).phrase))

    def version_string(self) -> str:
        """The Server header: the name only, no Python version."""
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:  # http.server names it so
        """Request log lines go to logging, not stderr."""
        log.info("%s %s", self.address_string(), format % args)

    def _dispatch(self) -> None:
        """Route the request and send the answer; errors become one-line plain-text answers."""
        try:
            methods, action = self._route()
            if self.command not in methods:
                raise Refusal(405, f"{self.command} is not allowed here", ", ".join([*methods, "OPTIONS"]))
            self._send(action())
        except Refusal as exc:
            self._send(error_reply(exc.status, exc.message), {"Allow": exc.allow} if exc.allow else {})
        except (BrokenPipeError, ConnectionResetError):
            log.info("client went away: %s %s", self.command, self.path)
        except Exception:  # the client gets one line; the log gets the traceback
            log.exception("request failed: %s %s", self.command, self.path)
            self._send(error_reply(500, "internal server error"))

    def _route(self):
        """The allowed methods (HEAD wherever GET) and the action of the requested path; checks the Host header first."""
        self._check_host()
        routes = {
            "/": (("GET",), self._page),
            "/sparql": (("GET", "POST"), self._sparql),
            "/api/query": (("GET", "POST"), self._saved_or_text),
            "/api/search": (("GET",), lambda: self._ask("search", one(self._form(), "q", "the text to find"))),
            "/api/entity": (("GET",), lambda: self._ask("entity", one(self._form(), "iri", "an entity IRI"))),
            "/api/classes": (("GET",), lambda: self._ask("classes")),
            "/api/queries": (("GET",), self._queries),
        }
        path = urlsplit(self._target()).path
        if path not in routes:
            raise Refusal(404, f"no such page {path!r}: / is the explorer, /sparql the SPARQL endpoint")
        methods, action = routes[path]
        return (*methods, "HEAD") if "GET" in methods else methods, action

    def _check_host(self) -> None:
        """On a loopback address, refuse Host names other than local ones (DNS-rebinding pages)."""
        host = self.headers.get("Host", "")
        name = host[1:host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]
        if self.server.loopback and host and name.lower() not in LOOPBACK_NAMES:
            raise Refusal(403, f"unexpected Host {host!r}: use http://127.0.0.1:PORT/")

    def _page(self) -> Reply:
        """The explorer page."""
        return Reply(200, "text/html; charset=utf-8", self.server.page)

    def _queries(self) -> Reply:
        """The saved queries with their descriptions, parameters and text."""
        return json_reply([{"name": query.name, "description": query.description, "text": query.text,
                            "params": [{"name": param.name, "meaning": param.meaning, "default": param.default,
                                        "required": param.required} for param in query.params]}
                           for query in self.server.saved.values()])

    def _sparql(self) -> Reply:
        """The SPARQL 1.1 Protocol query operation."""
        params = self._form()
        if "update" in params:
            raise Refusal(403, READ_ONLY)
        if DATASET_PARAMS & params.keys():
            raise Refusal(400, "default-graph-uri / named-graph-uri are not supported: there is one graph")
        text = one(params, "query", "GET /sparql?query=… or POST query=…; / is the explorer")
        choice = negotiate(params.get("format", []) + params.get("output", []), self.headers.get("Accept"))
        return self._ask("query", text, {}, choice, self.server.options.max_rows)

    def _saved_or_text(self) -> Reply:
        """A saved query (name=) or SPARQL text (query=) with `param=NAME=VALUE` bindings, as JSON results."""
        params = self._form()
        if ("name" in params) == ("query" in params):
            raise Refusal(400, "give name= (a saved query) or query= (SPARQL text), not both")
        if "name" in params:
            saved = self.server.saved.get(one(params, "name", "a saved query's name"))
            if saved is None:
                raise Refusal(404, f"no saved query of that name; saved: {', '.join(self.server.saved)}")
            text = saved.text
        else:
            text = one(params, "query", "SPARQL text")
        bound = bindings(params.get("param", []))
        return self._ask("query", text, bound, API_FORMATS, self.server.options.max_rows)

    def _ask(self, *job: object) -> Reply:
        """Have the worker pool answer a job."""
        return self.server.pool.ask(job)

    def _form(self) -> dict[str, list[str]]:
        """URL parameters plus, for POST, the form fields or the application/sparql-query body as query=."""
        params = parse_form(urlsplit(self._target()).query)
        if self.command != "POST":
            return params
        body = self._body()
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            raise Refusal(403, READ_ONLY)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refusal(400, "the request body is not UTF-8") from None
        if kind == "application/x-www-form-urlencoded":
            for name, values in parse_form(text).items():
                params.setdefault(name, []).extend(values)
        elif kind == "application/sparql-query":
            params.setdefault("query", []).append(text)
        else:
            raise Refusal(415, "POST application/x-www-form-urlencoded (query=…) or application/sparql-query")
        return params

    def _target(self) -> str:
        """The request path and query as sent: raw UTF-8 bytes in the URL (curl, address bars) decoded, or 400."""
        try:  # http.server decodes the request line as Latin-1, which maps each byte to one character
            return self.path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            raise Refusal(400, "the URL is not UTF-8: send text as UTF-8, raw or percent-encoded") from None

    def _body(self) -> bytes:
        """The request body: 411 without Content-Length, 413 over MAX_BODY."""
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            raise Refusal(411, "send a Content-Length header")
        if not length_header.isdigit():
            raise Refusal(400, "malformed Content-Length")
        length = int(length_header)
        if length > MAX_BODY:
            self.close_connection = True
            if length <= DRAIN_LIMIT:
                while length > 0 and (chunk := self.rfile.read(min(length, 1 << 16))):
                    length -= len(chunk)
            raise Refusal(413, f"the request body is larger than {MAX_BODY} bytes")
        body = self.rfile.read(length)
        if len(body) != length:
            raise Refusal(400, "the request body is shorter than its Content-Length")
        return body

    def _send(self, reply: Reply, headers: dict[str, str] | None = None) -> None:
        """Write a reply with the security headers (and X-KG-Truncated for query results)."""
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Content-Security-Policy", PAGE_CSP if reply.content_type.startswith("text/html") else DATA_CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        if reply.truncated is not None:
            self.send_header("X-KG-Truncated", "true" if reply.truncated else "false")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)
