"""`kg report`: write the career map (HTML page and Markdown twin) from a built graph."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("report")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=Path("output") / "graph.ttl",
              show_default=True, help="The Turtle graph written by `kg build`.")
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=Path("output") / "report.html",
              show_default=True, help="The HTML file to write; the Markdown twin (.md) is written beside it.")
def report_command(graph_path: Path, out_path: Path) -> None:
    """Write the career map: roles, company types, products and lineages, each statement with its evidence.

    For each role: the skills it needs, the company types that hire it, its broader and narrower roles and the
    products and technologies to know; then company types side by side, products by content type and
    technology lineages. Every statement cites its evidence sentence and article. The page is one offline file (no scripts, no outside resources) that prints well; the Markdown twin renders
    on GitHub (evidence as footnotes).

    \b
    Examples:
      kg report                                   # output/graph.ttl -> output/report.html + output/report.md
      kg report --graph /tmp/kg-out/graph.ttl --out /tmp/kg-out/career-map.html
    """
    from kg.outputs.report import career_map
    from kg.outputs.report_render import write_report
    from kg.sparql.store import load_graph

    report = career_map(load_graph(graph_path))
    paths = write_report(report, out_path)
    click.echo(report.summary())
    for path in paths:
        click.echo(f"wrote {path}")
