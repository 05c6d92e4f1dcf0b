"""`kg push` against a real `oxigraph serve` started here: both protocols, replacement, atomicity, errors, auth."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from kg.cli.main import cli
from kg.core.namespaces import KG, KGR
from kg.sparql.push_target import DEFAULT_NAMED_GRAPH, PROTOCOLS, query_endpoint_for

PASSWORD, TOKEN = "pa55-wörd:secret", "tok-3f9a1c"
DIGEST_PASSWORD = "pa55-word:secret"  # urllib's digest auth is ASCII only
PATHS = {"gsp": "/store", "update": "/update"}
PRODUCTS = """PREFIX kg: <https://w3id.org/aigc-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?product ?content WHERE {{ {open} ?p a kg:Product ; skos:prefLabel ?product ; kg:generates ?c .
  ?c skos:prefLabel ?content . FILTER(LANG(?product) = "zh" && LANG(?content) = "zh") {close} }}"""


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 go straight to the test's servers, whatever proxy the machine has."""
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of an `oxigraph serve` on a free loopback port, stopped after the module."""
    binary = Path(sys.executable).with_name("oxigraph")
    found = str(binary) if binary.is_file() else shutil.which("oxigraph")
    if found is None:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    folder = tmp_path_factory.mktemp("oxigraph")
    base = f"http://127.0.0.1:{_free_port()}"
    with (folder / "server.log").open("wb") as log:
        process = subprocess.Popen([found, "serve", "--location", str(folder / "db"), "--bind", base[7:]],
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_answering(base, process, folder / "server.log")
            yield base
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


@pytest.fixture(scope="module")
def seeds(seeds_build) -> tuple[Path, Graph]:
    """The seeds' graph.ttl and its triples, parsed by rdflib (independently of kg push's parser)."""
    path = seeds_build[1] / "graph.ttl"
    return path, Graph().parse(path, format="turtle")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_answering(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"oxigraph serve exited: {log.read_text(errors='replace')}")
        try:
            ask(base, "ASK {}")
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("oxigraph serve did not answer within 30 s")


def sparql(base: str, query: str, accept: str = "application/sparql-results+json") -> bytes:
    """A query to the server's /query endpoint, answered in `accept`."""
    request = urllib.request.Request(f"{base}/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def update(base: str, text: str) -> None:
    request = urllib.request.Request(f"{base}/update", data=text.encode(),
                                     headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(request, timeout=60).close()


def ask(base: str, query: str) -> bool:
    return json.loads(sparql(base, query))["boolean"]


def count(base: str, graph: str) -> int:
    answer = json.loads(sparql(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))
    return int(answer["results"]["bindings"][0]["n"]["value"])


def server_graph(base: str, graph: str) -> Graph:
    """Every triple of the named graph on the server, as an rdflib Graph."""
    data = sparql(base, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", "application/n-triples")
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def by_value(graph: Graph) -> Graph:
    """The graph with xsd:decimal literals in one lexical form (Oxigraph stores decimals by value: 0.80 → 0.8)."""
    out = Graph()
    for subject, predicate, value in graph:
        if isinstance(value, Literal) and value.datatype == XSD.decimal:
            value = Literal(format(Decimal(str(value)).normalize(), "f"), datatype=XSD.decimal)
        out.add((subject, predicate, value))
    return out


def product_rows(answer: bytes) -> set[tuple[str, str]]:
    return {(row["product"]["value"], row["content"]["value"]) for row in json.loads(answer)["results"]["bindings"]}


def kg_push(*args: str, env: dict[str, str] | None = None) -> Result:
    """`kg push ARGS` with only the KG_PUSH_* variables in `env` set."""
    clean: dict[str, str | None] = {"KG_PUSH_USER": None, "KG_PUSH_PASSWORD": None, "KG_PUSH_TOKEN": None}
    return CliRunner().invoke(cli, ["push", *args], env={**clean, **(env or {})})


def named(label: str) -> str:
    """A named graph of this test only."""
    return f"https://example.org/kg-test/{label}/{uuid.uuid4().hex}"


def push_to(base: str, protocol: str, graph_ttl: Path, graph: str, *args: str, env: dict[str, str] | None = None):
    return kg_push("--endpoint", base + PATHS[protocol], "--protocol", protocol, "--graph", str(graph_ttl),
                   "--named-graph", graph, *args, env=env)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_push_lands_exactly_the_triples_of_graph_ttl(oxigraph: str, seeds, protocol: str) -> None:
    path, local = seeds
    graph = named("exact")
    result = push_to(oxigraph, protocol, path, graph)
    assert result.exit_code == 0, result.output
    assert f"pushed {len(local)} triples" in result.stdout
    assert f"the server holds {len(local)} triples in <{graph}>" in result.stdout
    assert count(oxigraph, graph) == len(local)
    assert isomorphic(by_value(server_graph(oxigraph, graph)), by_value(local))
    rows = product_rows(sparql(oxigraph, PRODUCTS.format(open=f"GRAPH <{graph}> {{", close="}")))
    expected = {(str(product), str(content)) for product, content in local.query(PRODUCTS.format(open="", close=""))}
    assert ("Midjourney", "图像") in rows and rows == expected


def test_the_default_named_graph_is_the_projects(oxigraph: str, seeds) -> None:
    path, local = seeds
    assert DEFAULT_NAMED_GRAPH == "https://w3id.org/aigc-kg/graph"
    result = kg_push("--endpoint", f"{oxigraph}/store", "--graph", str(path))
    assert result.exit_code == 0, result.output
    assert count(oxigraph, DEFAULT_NAMED_GRAPH) == len(local)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_pushing_again_replaces_the_named_graph(oxigraph: str, seeds, tmp_path: Path, protocol: str) -> None:
    path, local = seeds
    graph = named("replace")
    for _ in range(2):
        assert push_to(oxigraph, protocol, path, graph).exit_code == 0
    assert count(oxigraph, graph) == len(local)  # blank nodes too: the second push did not add a copy
    assert isomorphic(by_value(server_graph(oxigraph, graph)), by_value(local))
    assert ask(oxigraph, f"ASK {{ GRAPH <{graph}> {{ ?p <{KG.generates}> ?c }} }}")

    changed = Graph()
    for triple in local:
        if triple[1] != KG.generates:
            changed.add(triple)
    changed.add((KGR.PushTest, RDFS.label, Literal("只在新图里", lang="zh")))
    changed.serialize(tmp_path / "changed.ttl", format="turtle")
    result = push_to(oxigraph, protocol, tmp_path / "changed.ttl", graph)
    assert result.exit_code == 0, result.output
    assert count(oxigraph, graph) == len(changed) < len(local)
    assert not ask(oxigraph, f"ASK {{ GRAPH <{graph}> {{ ?p <{KG.generates}> ?c }} }}")
    assert ask(oxigraph, f'ASK {{ GRAPH <{graph}> {{ <{KGR.PushTest}> <{RDFS.label}> "只在新图里"@zh }} }}')
    assert isomorphic(by_value(server_graph(oxigraph, graph)), by_value(changed))


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_other_graphs_on_the_server_are_untouched(oxigraph: str, seeds, tmp_path: Path, protocol: str) -> None:
    path, local = seeds
    mine, other, neighbour = named("mine"), named("other"), named("neighbour")
    update(oxigraph, f'INSERT DATA {{ <urn:kg-test:s> <urn:kg-test:p> "{other}" . '
                     f'GRAPH <{other}> {{ <urn:kg-test:s> <urn:kg-test:p> "kept" , "too" }} }}')
    assert push_to(oxigraph, protocol, path, neighbour).exit_code == 0
    tiny = tmp_path / "tiny.ttl"
    tiny.write_text('<urn:kg-test:a> <urn:kg-test:b> "c" .\n', encoding="utf-8")
    result = push_to(oxigraph, protocol, tiny, mine)
    assert result.exit_code == 0, result.output
    assert count(oxigraph, mine) == 1
    assert count(oxigraph, other) == 2 and count(oxigraph, neighbour) == len(local)
    assert ask(oxigraph, f'ASK {{ <urn:kg-test:s> <urn:kg-test:p> "{other}" }}')  # the default graph


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_readers_see_the_old_graph_or_the_new_one_never_a_mix(oxigraph: str, seeds, tmp_path: Path,
                                                             protocol: str) -> None:
    path, local = seeds
    graph = named("atomic")
    assert push_to(oxigraph, protocol, path, graph).exit_code == 0
    bigger = tmp_path / "bigger.ttl"  # graph.ttl plus 15,000 N-Triples lines, which are Turtle too
    extra = "".join(f'<urn:kg-test:s{i}> <urn:kg-test:p> "额外的三元组 {i}" .\n' for i in range(15_000))
    bigger.write_text(path.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    old, new = len(local), len(local) + 15_000

    reads: list[tuple[float, float, int]] = []
    pushing = threading.Event()
    pushing.set()

    def reader() -> None:
        deadline = time.monotonic() + 120
        while pushing.is_set() and time.monotonic() < deadline and len(reads) < 10_000:
            start = time.monotonic()
            found = count(oxigraph, graph)
            reads.append((start, time.monotonic(), found))

    thread = threading.Thread(target=reader)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    result = push_to(oxigraph, protocol, bigger, graph)
    finished = time.monotonic()
    pushing.clear()
    thread.join(130)
    assert result.exit_code == 0, result.output
    assert {found for _, _, found in reads} <= {old, new}, "a reader saw a half-loaded or empty graph"
    assert any(started <= start and end <= finished for start, end, _ in reads), "no read overlapped the push"
    assert count(oxigraph, graph) == new


def test_a_dead_port_is_a_clear_error_with_status_2(seeds) -> None:
    port = _free_port()
    result = kg_push("--endpoint", f"http://127.0.0.1:{port}/store", "--graph", str(seeds[0]), "--user", "bob",
                     env={"KG_PUSH_PASSWORD": PASSWORD})
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: connection refused")
    assert f"127.0.0.1:{port}/store" in lines[0] and "start the SPARQL server" in lines[0]
    assert PASSWORD not in result.output and "Traceback" not in result.output


def test_dead_port_through_the_installed_command(seeds) -> None:
    port = _free_port()
    done = subprocess.run([sys.executable, "-m", "kg", "push", "--endpoint", f"http://127.0.0.1:{port}/update",
                           "--protocol", "update", "--graph", str(seeds[0])],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and done.stderr.startswith("kg: error: connection refused"), done.stderr


def test_a_wrong_path_shows_the_servers_404_message(oxigraph: str, seeds) -> None:
    request = urllib.request.Request(f"{oxigraph}/ds/data?graph=urn%3Ax", data=b"", method="PUT",
                                     headers={"Content-Type": "text/turtle"})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=30)
    said = answer.value.read().decode().strip().splitlines()[0]
    result = kg_push("--endpoint", f"{oxigraph}/ds/data", "--graph", str(seeds[0]))  # a Fuseki path on Oxigraph
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.startswith("kg: error: the server answered PUT with HTTP 404") and said in message
    assert f"(at {oxigraph}/ds/data)" in message and "docs/sparql-servers.md" in message


def test_a_missing_or_malformed_graph_sends_nothing(oxigraph: str, seeds, tmp_path: Path) -> None:
    graph = named("kept")
    assert push_to(oxigraph, "gsp", seeds[0], graph).exit_code == 0
    missing = push_to(oxigraph, "gsp", tmp_path / "nope.ttl", graph)
    assert missing.exit_code == 2 and "graph file not found" in missing.stderr and "nope.ttl" in missing.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text(seeds[0].read_text(encoding="utf-8") + "\nkgr:Broken a kg:Role ;; <not closed\n",
                      encoding="utf-8")
    for protocol in PROTOCOLS:
        result = push_to(oxigraph, protocol, broken, graph)
        assert result.exit_code == 2 and "cannot parse Turtle" in result.stderr and "broken.ttl" in result.stderr
    assert count(oxigraph, graph) == len(seeds[1])


def test_credentials_never_appear_in_output(oxigraph: str, seeds) -> None:
    env = {"KG_PUSH_PASSWORD": PASSWORD}
    runs = [
        push_to(oxigraph, "gsp", seeds[0], named("auth"), "--user", "bob", env=env),  # Oxigraph ignores auth
        kg_push("--endpoint", f"{oxigraph}/nowhere/data", "--graph", str(seeds[0]), "--user", "bob", env=env),
        kg_push("--endpoint", f"http://bob:{urllib.parse.quote(PASSWORD)}@127.0.0.1:{_free_port()}/store",
                "--graph", str(seeds[0])),
        kg_push("--endpoint", f"{oxigraph}/nowhere/update", "--protocol", "update", "--graph", str(seeds[0]),
                env={"KG_PUSH_TOKEN": TOKEN}),
    ]
    assert [run.exit_code for run in runs] == [0, 2, 2, 2]
    for run in runs:
        for secret in (PASSWORD, urllib.parse.quote(PASSWORD), TOKEN, "bob:"):
            assert secret not in run.output


@pytest.mark.parametrize(("args", "env", "said"), [
    (("--named-graph", "not an iri"), {}, "the named graph is not an absolute IRI"),
    (("--endpoint", "ftp://127.0.0.1/store"), {}, "not an http(s) URL"),
    (("--endpoint", "http://127.0.0.1:9/数据/data"), {}, "non-ASCII"),
    (("--protocol", "update", "--user", "bob"), {}, "no password for user 'bob'"),
    (("--user", "bob"), {"KG_PUSH_PASSWORD": PASSWORD, "KG_PUSH_TOKEN": TOKEN}, "both a user and a token"),
    ((), {"KG_PUSH_TOKEN": "two\nlines"}, "KG_PUSH_TOKEN holds characters"),
])
def test_bad_settings_are_refused_before_anything_is_sent(seeds, args: tuple[str, ...], env: dict[str, str],
                                                          said: str) -> None:
    dead = f"http://127.0.0.1:{_free_port()}/store"  # were anything sent, the error would be "connection refused"
    result = kg_push("--endpoint", dead, "--graph", str(seeds[0]), *args, env=env)
    assert result.exit_code == 2 and result.stderr.startswith("kg: error: ") and said in result.stderr
    assert PASSWORD not in result.output and TOKEN not in result.output


def test_derived_query_endpoints() -> None:
    assert query_endpoint_for("http://h:7878/store") == "http://h:7878/query"
    assert query_endpoint_for("http://h:7878/update") == "http://h:7878/query"
    assert query_endpoint_for("http://h:3030/kg/data") == "http://h:3030/kg/query"
    assert query_endpoint_for("http://h:3030/kg/update/") == "http://h:3030/kg/query"
    assert query_endpoint_for("http://h:7200/repositories/kg/statements") == "http://h:7200/repositories/kg"
    assert query_endpoint_for("http://h:7200/repositories/kg/rdf-graphs/service") == "http://h:7200/repositories/kg"
    assert query_endpoint_for("http://h:8890/sparql-graph-crud-auth") == "http://h:8890/sparql-auth"
    assert query_endpoint_for("http://h:8890/sparql-auth") == "http://h:8890/sparql-auth"
    assert query_endpoint_for("http://h:8890/elsewhere") is None
    result = kg_push("--endpoint", "http://127.0.0.1:9/elsewhere")
    assert result.exit_code == 2 and "--query-endpoint" in result.stderr


# --- authentication, against a stub that checks the Authorization header (oxigraph serve has no auth) ---

class _AuthStub(BaseHTTPRequestHandler):
    """Reads the body; 204 if server.check accepts the Authorization header, else 401 echoing the header back."""

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        header = self.headers.get("Authorization", "")
        self.server.seen.append(header)
        if self.server.check(self.command, self.path, header):
            self.send_response(204)
            self.end_headers()
            return
        body = f"access denied for {header}\n".encode()
        self.send_response(401)
        self.send_header("WWW-Authenticate", self.server.challenge)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT

    def log_message(self, *args: object) -> None:
        """Quiet."""


def _stub(check: Callable[[str, str, str], bool], challenge: str) -> Iterator[tuple[str, list[str]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AuthStub)
    server.check, server.challenge, server.seen = check, challenge, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store", server.seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def _digest_ok(method: str, path: str, header: str) -> bool:
    """RFC 7616 (MD5, qop=auth) for user bob with DIGEST_PASSWORD in realm kg."""
    if not header.startswith("Digest "):
        return False
    fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(header[7:]))
    ha1, ha2 = _md5(f"bob:kg:{DIGEST_PASSWORD}"), _md5(f"{method}:{fields.get('uri')}")
    expected = _md5(f"{ha1}:n0nce:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
    return fields.get("username") == "bob" and fields.get("uri") == path and fields.get("response") == expected


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.ttl"
    path.write_text('<urn:kg-test:a> <urn:kg-test:b> "c" .\n', encoding="utf-8")
    return path


def test_basic_auth_and_a_token_are_sent(tiny: Path) -> None:
    basic = "Basic " + base64.b64encode(f"bob:{PASSWORD}".encode()).decode()
    for header, args, env in ((basic, ("--user", "bob"), {"KG_PUSH_PASSWORD": PASSWORD}),
                              (f"Bearer {TOKEN}", (), {"KG_PUSH_TOKEN": TOKEN})):
        for url, seen in _stub(lambda _m, _p, got, want=header: got == want, 'Basic realm="kg"'):
            result = kg_push("--endpoint", url, "--graph", str(tiny), "--no-verify", *args, env=env)
            assert result.exit_code == 0, result.output
            assert seen == [header] and "not counted on the server" in result.stdout
            assert PASSWORD not in result.output and TOKEN not in result.output


def test_digest_auth_answers_the_servers_challenge(tiny: Path) -> None:
    challenge = 'Digest realm="kg", nonce="n0nce", qop="auth", algorithm=MD5'
    for url, seen in _stub(_digest_ok, challenge):
        result = kg_push("--endpoint", url, "--graph", str(tiny), "--no-verify", "--user", "bob", "--auth", "digest",
                         env={"KG_PUSH_PASSWORD": DIGEST_PASSWORD})
        assert result.exit_code == 0, result.output
        assert seen[0] == "" and seen[-1].startswith("Digest ") and DIGEST_PASSWORD not in "".join(seen)
        refused = kg_push("--endpoint", url, "--graph", str(tiny), "--user", "bob", "--auth", "digest",
                          env={"KG_PUSH_PASSWORD": PASSWORD})
        assert refused.exit_code == 2 and "ASCII" in refused.stderr and PASSWORD not in refused.output
        assert len(seen) == 2  # nothing sent for the refused one


def test_a_refused_password_is_a_401_that_hides_it(tiny: Path) -> None:
    for url, seen in _stub(lambda *_: False, 'Basic realm="kg"'):
        result = kg_push("--endpoint", url, "--graph", str(tiny), "--no-verify", "--user", "bob",
                         env={"KG_PUSH_PASSWORD": PASSWORD})
        assert result.exit_code == 2
        assert "HTTP 401" in result.stderr and "access denied for Basic ***" in result.stderr
        assert "KG_PUSH_PASSWORD" in result.stderr  # the fix names where the password comes from
        assert seen[0].split()[1] not in result.output and PASSWORD not in result.output


def test_a_silent_server_times_out(tiny: Path) -> None:
    with socket.socket() as silent:  # accepts connections into its backlog, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        started = time.monotonic()
        result = kg_push("--endpoint", f"http://127.0.0.1:{silent.getsockname()[1]}/store", "--graph", str(tiny),
                         "--timeout", "1")
    assert result.exit_code == 2 and "no answer within 1 s" in result.stderr and "--timeout" in result.stderr
    assert time.monotonic() - started < 15


def test_a_malformed_endpoint_is_one_line_with_the_secret_hidden(tiny: Path) -> None:
    """Issue 11 (57): an endpoint urllib cannot even split (an unclosed IPv6 bracket) is a one-line error that
    never shows the password in it (it was a traceback)."""
    result = kg_push("--endpoint", "http://admin:s3cr3t@[::1/store", "--graph", str(tiny))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "s3cr3t" not in result.output and "Traceback" not in result.output


def _drip(server: socket.socket, stop: threading.Event) -> None:
    """Answer every connection with a status line, then one header line every 0.2 s until the client leaves."""
    server.settimeout(0.2)
    while not stop.is_set():
        try:
            connection, _ = server.accept()
        except TimeoutError:
            continue
        with connection:
            connection.recv(1 << 16)
            try:
                connection.sendall(b"HTTP/1.1 200 OK\r\n")
                while not stop.wait(0.2):
                    connection.sendall(b"X-Drip: 1\r\n")
            except OSError:
                continue


def test_the_timeout_bounds_the_whole_push_against_a_dripping_server(tiny: Path) -> None:
    """Issue 11 (58): a server that sends a header line every 0.2 s never lets a per-read timeout fire; --timeout
    still ends the whole call (it took 80 s for --timeout 3)."""
    stop = threading.Event()
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        dripper = threading.Thread(target=_drip, args=(server, stop), daemon=True)
        dripper.start()
        started = time.monotonic()
        result = kg_push("--endpoint", f"http://127.0.0.1:{server.getsockname()[1]}/store", "--graph", str(tiny),
                         "--timeout", "1")
        elapsed = time.monotonic() - started
        stop.set()
        dripper.join(5)
    assert result.exit_code == 2 and "no answer within 1 s" in result.stderr, result.output
    assert elapsed < 3, elapsed
