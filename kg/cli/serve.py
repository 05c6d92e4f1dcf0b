"""`kg serve`: the SPARQL endpoint and graph explorer over a built graph, on this machine only by default."""

from __future__ import annotations

import signal
from pathlib import Path

import click

from kg.sparql.serve import ServeOptions, make_server
from kg.sparql.store import StoreSpec, parse_spec


@click.command("serve")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=Path("output") / "graph.ttl",
              show_default=True, help="The Turtle graph to serve (read once by each query worker).")
@click.option("--store", "store", type=parse_spec, default="memory", show_default=True, metavar="SPEC",
              help="oxigraph:PATH serves the persistent store `kg build --store` wrote (each worker opens it "
                   "read-only; --graph is not read).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address exposes the graph to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=5.0, show_default=True,
              help="Seconds a query may run before its worker is killed and the client gets 503.")
@click.option("--max-rows", type=click.IntRange(1), default=10_000, show_default=True,
              help="Most rows (or triples) per answer; a cut answer has the header X-KG-Truncated: true.")
def serve_command(graph_path: Path, store: StoreSpec, host: str, port: int, timeout: float, max_rows: int) -> None:
    """Serve the graph: a read-only SPARQL 1.1 endpoint at /sparql and an explorer page at /.

    The endpoint takes GET ?query=, POST form query= and POST application/sparql-query; the kg prefixes are
    predeclared. It answers SELECT / ASK as SPARQL JSON (default), XML, CSV or TSV and CONSTRUCT / DESCRIBE as
    Turtle (default), N-Triples, RDF/XML or JSON-LD, chosen by the Accept header (q-values) or by format= /
    output= (json, xml, csv, tsv, turtle, n3, nt, rdf+xml, json-ld or a media type); 406 when none fits. Updates, LOAD and SERVICE are refused (403). No CORS headers are sent, so pages from other
    origins cannot read answers. Stop with Ctrl-C.

    \b
    Examples:
      kg serve                                  # http://127.0.0.1:8000/
      kg serve --graph /tmp/kg-out/graph.ttl --port 8080 --timeout 10
      kg serve --store oxigraph:~/kg-store
      curl http://127.0.0.1:8000/sparql --data-urlencode 'query=SELECT ?p WHERE { ?p a kg:Product }'
    """
    options = ServeOptions(graph=graph_path, store=store, host=host, port=port, timeout=timeout, max_rows=max_rows)
    server = make_server(options)
    signal.signal(signal.SIGTERM, _interrupt)
    click.echo(f"kg: serving {server.pool.source} — explorer {server.url}  SPARQL endpoint {server.url}sparql  "
               f"(Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("kg: stopped")
    finally:
        server.server_close()


def _interrupt(_signum: int, _frame: object) -> None:
    """SIGTERM stops the server like Ctrl-C does."""
    raise KeyboardInterrupt
