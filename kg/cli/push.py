"""`kg push`: load the built graph into a SPARQL 1.1 server (Graph Store Protocol or SPARQL Update)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kg.sparql.push import push
from kg.sparql.push_target import AUTH_SCHEMES, DEFAULT_NAMED_GRAPH, PROTOCOLS, Credentials, PushTarget, public


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="Where the graph goes: the Graph Store URL for --protocol gsp (Oxigraph http://HOST:7878/store, "
                   "Fuseki http://HOST:3030/DATASET/data), the update URL for --protocol update (/update, "
                   "/DATASET/update).")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=Path("output") / "graph.ttl",
              show_default=True, help="The Turtle graph to push (parsed strictly before anything is sent).")
@click.option("--named-graph", default=DEFAULT_NAMED_GRAPH, show_default=True, metavar="IRI",
              help="The named graph on the server whose contents the push replaces.")
@click.option("--protocol", type=click.Choice(PROTOCOLS), default="gsp", show_default=True,
              help="gsp: one HTTP PUT of the graph as Turtle; update: one SPARQL Update DROP + INSERT DATA.")
@click.option("--query-endpoint", metavar="URL", default=None,
              help="SPARQL query URL used to count the pushed triples (default: derived from --endpoint for "
                   "Oxigraph, Fuseki, GraphDB and Virtuoso URLs).")
@click.option("--no-verify", is_flag=True, help="Do not count the triples on the server after the push.")
@click.option("--user", default=None, envvar="KG_PUSH_USER", show_envvar=True, help="User name for HTTP auth.")
@click.option("--password", default=None, envvar="KG_PUSH_PASSWORD", show_envvar=True,
              help="Password for --user; prefer the environment variable (a command line is visible to others).")
@click.option("--auth", "scheme", type=click.Choice(AUTH_SCHEMES), default="basic", show_default=True,
              help="basic: sent with the request; digest: answered to the server's challenge (Virtuoso).")
@click.option("--timeout", type=click.FloatRange(min=1), default=600, show_default=True,
              help="Seconds the whole push may take, counting the triples included; a server that answers too "
                   "slowly is cut off then.")
def push_command(endpoint: str, graph_path: Path, named_graph: str, protocol: str, query_endpoint: str | None,
                 no_verify: bool, user: str | None, password: str | None, scheme: str, timeout: float) -> None:
    """Replace one named graph on a SPARQL 1.1 server with the built graph, in one request, then count it there.

    Readers of the server see the old graph or the new one, never an empty or half-loaded one: the whole graph
    goes in a single Graph Store PUT or a single SPARQL Update (DROP SILENT GRAPH + INSERT DATA), which the server
    runs as one transaction. An update of more than 8 MB is sent in several requests, and is then not atomic. A bearer token is read from KG_PUSH_TOKEN. Credentials are never printed.
    Set-ups for Oxigraph, Fuseki, Virtuoso and GraphDB: docs/sparql-servers.md.

    \b
    Examples:
      kg push --endpoint http://127.0.0.1:7878/store                       # oxigraph serve
      kg push --endpoint http://127.0.0.1:7878/update --protocol update
      KG_PUSH_PASSWORD=… kg push --endpoint http://127.0.0.1:3030/kg/data --user admin
      kg push --endpoint http://127.0.0.1:7200/repositories/kg/statements --protocol update
    """
    credentials = Credentials(user=user or "", password=password or "", token=os.environ.get("KG_PUSH_TOKEN", ""),
                              scheme=scheme)
    target = PushTarget(endpoint=endpoint, protocol=protocol, named_graph=named_graph, query_endpoint=query_endpoint,
                        verify=not no_verify, credentials=credentials, timeout=timeout)
    result = push(graph_path, target)
    where = public(result.target.endpoint)
    click.echo(f"pushed {result.pushed} triples ({result.request_bytes / 1e6:.1f} MB) from {graph_path} into "
               f"<{named_graph}> at {where} ({protocol}, {result.seconds:.1f} s)")
    if result.found is None:
        click.echo("not counted on the server (--no-verify)")
    else:
        click.echo(f"the server holds {result.found} triples in <{named_graph}> "
                   f"(counted at {public(result.target.query_endpoint or '')})")
