"""`kg query`: run SPARQL (text, a .rq file, stdin or a saved query) over a built graph and print the result."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.sparql.endpoint import remote
from kg.core.errors import QueryError
from kg.sparql.query import run
from kg.sparql.saved import SavedQuery, resolve_query, saved_queries
from kg.sparql.query_results import FORMATS, serialize
from kg.sparql.store import StoreSpec, open_store, parse_spec


def _split_param(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """Turn repeated NAME=VALUE options into a dict (the value may contain `=`); a NAME given twice is an error."""
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        if name in params:
            raise QueryError(f"parameter {name!r} is given twice ({params[name]!r} and {value!r})",
                             where=f"--param {name}", fix="give each parameter once")
        params[name] = value
    return params


@click.command("query")
@click.argument("query", required=False)
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=Path("output") / "graph.ttl",
              show_default=True, help="The Turtle graph to query (read into memory).")
@click.option("--store", "store", type=parse_spec, default="memory", show_default=True, metavar="SPEC",
              help="oxigraph:PATH queries the persistent store `kg build --store` wrote (opened read-only; "
                   "--graph is not read).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table (aligned text) or SPARQL 1.1 json / csv / tsv / xml results; turtle, nt, rdfxml or "
                   "jsonld for CONSTRUCT / DESCRIBE (table shows them as Turtle).")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", callback=_split_param,
              help="Bind ?NAME, any variable of the query, to VALUE (repeatable): <iri> or kgr:Name is an IRI, "
                   "anything else a plain string (a saved query's whole-number parameter takes 0, 1, 2, …).")
@click.option("--endpoint", metavar="URL", default=None,
              help="Ask a SPARQL 1.1 query endpoint instead of a local graph (Virtuoso http://HOST:8890/sparql, "
                   "Oxigraph http://HOST:7878/query); --graph and --store are not read.")
@click.option("--named-graph", metavar="IRI", default=None,
              help="With --endpoint: query this named graph as the default graph (default-graph-uri), e.g. the "
                   "one `kg push` wrote, https://w3id.org/aigc-kg/graph.")
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries with their parameters.")
def query_command(query: str | None, graph_path: Path, store: StoreSpec, fmt: str, params: dict[str, str],
                  endpoint: str | None, named_graph: str | None, list_saved: bool) -> None:
    """Run a read-only SPARQL 1.1 query over the graph.

    QUERY is SPARQL text, a .rq file, - for stdin, or the name of a saved query (see --list). The prefixes
    kg: kgr: kga: kge: rdf: rdfs: owl: xsd: skos: dcterms: prov: schema: foaf: are predeclared. ASK prints
    true / false; CONSTRUCT and DESCRIBE print Turtle (or N-Triples, RDF/XML, JSON-LD with --format). Updates
    (INSERT, DELETE, LOAD, …) are refused.

    \b
    Examples:
      kg query --list
      kg query role-skills --param role=AIGC应用产品经理
      kg query 'SELECT ?p WHERE { ?p a kg:Product }' --format csv
      kg query 'SELECT DISTINCT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }' -p name=Midjourney
      kg query my-query.rq --graph /tmp/kg-out/graph.ttl --format json
      kg query central-entities --store oxigraph:~/kg-store
      kg query role-skills -p role=AI产品经理 --endpoint http://127.0.0.1:8890/sparql \\
               --named-graph https://w3id.org/aigc-kg/graph
    """
    if list_saved:
        click.echo("\n".join(_describe(saved) for saved in saved_queries()))
        return
    if query is None:
        raise click.UsageError("give a QUERY (SPARQL text, a .rq file, - or a saved query name) or --list")
    text = resolve_query(query, sys.stdin)
    if named_graph is not None and endpoint is None:
        raise QueryError("--named-graph needs --endpoint", fix="add --endpoint URL, or query the local graph without it")
    result = run(open_store(store, graph_path) if endpoint is None else remote(endpoint, named_graph), text, params)
    click.echo(serialize(result, fmt), nl=False)


def _describe(saved: SavedQuery) -> str:
    """A saved query's name, description and parameters, for --list."""
    lines = [f"{saved.name} — {saved.description}"]
    for param in saved.params:
        note = " (required)" if param.required else f" (default: {param.default!r})" if param.default is not None else ""
        lines.append(f"    --param {param.name}=…  {param.meaning}{note}")
    return "\n".join(lines)
