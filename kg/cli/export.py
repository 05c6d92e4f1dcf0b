"""The `kg export` command: the built graph in RDF, graph-tool and Neo4j formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

# kg.outputs.export.FORMATS, repeated so that `kg --help` does not import the build pipeline (a test keeps them equal)
FORMATS = ("turtle", "nt", "jsonld", "graphml", "gexf", "csv")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="turtle, nt (N-Triples), jsonld, graphml, gexf (Gephi), or csv (Neo4j bulk import).")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=Path("output") / "graph.ttl",
              show_default=True, help="The Turtle graph written by `kg build`.")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="File to write (default: stdout); for csv a folder, required.")
def export_command(fmt: str, graph_path: Path, out: Path | None) -> None:
    """Export the built graph; the same graph always gives the same bytes.

    GraphML and GEXF hold entities and articles as nodes (label, cls, aliases, degree, scheme) and facts as
    edges (predicate, label, evidence_count, first evidence sentence). csv writes OUT/nodes.csv and
    OUT/relationships.csv for Neo4j 5 and prints the command that loads them:

    \b
      neo4j-admin database import full --nodes=OUT/nodes.csv --relationships=OUT/relationships.csv \\
        --array-delimiter=';' --multiline-fields=true --overwrite-destination neo4j

    \b
    Examples:
      kg export --format graphml --out /tmp/g.graphml     # open in Gephi
      kg export --format nt > graph.nt
      kg export --format csv --out /tmp/neo4j-import
    """
    from kg.outputs.export import export_text, neo4j_import_command, write_export
    from kg.sparql.store import load_graph

    if fmt == "csv" and out is None:
        raise click.UsageError("--format csv writes several files: pass --out DIR")
    graph = load_graph(graph_path)
    if out is None:
        sys.stdout.buffer.write(export_text(graph, fmt))
        return
    written = write_export(graph, fmt, out)
    for path in written:
        click.echo(f"wrote {path} ({path.stat().st_size} bytes)")
    if fmt == "csv":
        click.echo(f"load into Neo4j (stopped, 5.x) with:\n  {neo4j_import_command(out)}")
