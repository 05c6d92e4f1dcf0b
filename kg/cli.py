"""The `kg` command line: a thin layer over kg's Python API; errors become one line and a non-zero status."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from kg.config import Settings
from kg.errors import KGError

EXIT_ERROR = 2


class _Group(click.Group):
    """A click group that turns KGError into `kg: error: …` and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"kg: error: {exc.message}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.version_option(package_name="kg")
def cli(verbose: int) -> None:
    """Build a knowledge graph of AI / AIGC careers from Chinese articles.

    \b
    Example:
      kg build seeds/ --out output/
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="kg: %(levelname)s: %(message)s", stream=sys.stderr)


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder for graph.ttl, graph.html and run.json.")
@click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path), default=None,
              help="Folder with kg.ttl, extraction.ttl and lexicon*.ttl (default: the project's ontology/).")
@click.option("--strict", is_flag=True, help="Fail when any input file has to be skipped.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Keep discovered entities at or above this confidence (default 0.6).")
def build(inputs: tuple[Path, ...], out_dir: Path, ontology_dir: Path | None, strict: bool,
          min_confidence: float | None) -> None:
    """Build the graph from article files and folders (default: seeds/).

    Reads .txt, .md and .html articles; writes OUT/graph.ttl (Turtle), OUT/graph.html (offline interactive
    view) and OUT/run.json (the run report).

    \b
    Examples:
      kg build                      # seeds/ -> output/
      kg build articles/ extra.md --out /tmp/kg-out
    """
    from kg.pipeline import build as run_build
    from kg.summary import print_summary, progress_bar

    settings = Settings().with_(strict=strict)
    if ontology_dir is not None:
        settings = settings.with_(ontology_dir=ontology_dir)
    if min_confidence is not None:
        settings = settings.with_(min_confidence=min_confidence)
    with progress_bar(settings) as progress:
        result = run_build(list(inputs) or None, out_dir, settings, progress=progress)
    print_summary(result.report, result.files)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kg")
