"""`kg validate`: check a built graph against the SHACL shapes and list what breaks them."""

from __future__ import annotations

from pathlib import Path

import click

from kg.core.errors import KGError

EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


@click.command("validate")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=Path("output") / "graph.ttl",
              show_default=True, help="The Turtle graph to check.")
@click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path), default=None,
              help="Folder with shapes.ttl and the lexicon*.ttl files (default: the project's ontology/).")
@click.pass_context
def validate_command(ctx: click.Context, graph_path: Path, ontology_dir: Path | None) -> None:
    """Check the graph against ontology/shapes.ttl (SHACL): classes, labels, domains and ranges, evidence.

    Prints `conforms`, or one line per violation (focus node, property, message, offending value) and exits
    with status 1. Exit status 2 means the graph or the shapes could not be read, or the lexicon files would stop
    `kg build` (an entry without one class and one Chinese label, a name on two entries).

    \b
    Examples:
      kg validate
      kg validate --graph /tmp/kg-out/graph.ttl
    """
    from kg.core.config import default_ontology_dir
    from kg.analyse.lexicon import checked_lexicon
    from kg.core.ontology import load_ontology
    from kg.sparql.store import load_graph
    from kg.graph.validate import validate

    ontology_dir = ontology_dir or default_ontology_dir()
    try:
        checked_lexicon(load_ontology(ontology_dir), ontology_dir)  # what would stop `kg build`
        report = validate(load_graph(graph_path), ontology_dir)
    except KGError as exc:
        click.echo(f"kg: error: {exc.message}", err=True)
        ctx.exit(EXIT_ERROR)
    click.echo(report.summary())
    if not report.conforms:
        ctx.exit(EXIT_VIOLATIONS)
