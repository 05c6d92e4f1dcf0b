"""The `kg` command line: a thin layer over kg's Python API; errors become one line and a non-zero status."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import NoReturn

import click

from kg.core.config import Settings
from kg.core.errors import KGError
from kg.sparql.store import StoreSpec, check_target, parse_spec

EXIT_ERROR = 2
HELP_REQUEST = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click >= 8.2 shows `kg` alone's help by raising it


class _Group(click.Group):
    """A click group that turns KGError and usage errors into one `kg: error: …` line and exit status 2."""

    def make_context(self, *args, **kwargs) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except HELP_REQUEST:
            raise
        except click.UsageError as exc:
            _fail(_usage_message(exc))

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            _fail(exc.message)
        except click.UsageError as exc:
            _fail(_usage_message(exc))


def _usage_message(exc: click.UsageError) -> str:
    """A usage error as what went wrong and where to read how to call the command."""
    command = exc.ctx.command_path if exc.ctx else "kg"
    return f"{' '.join(exc.format_message().split())} — see `{command} --help`"


def _fail(message: str) -> NoReturn:
    """Print `kg: error: MESSAGE` on stderr and exit with status 2."""
    click.echo(f"kg: error: {message}", err=True)
    raise click.exceptions.Exit(EXIT_ERROR)


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
              help="Keep discovered entities and extracted relations at or above this confidence (default 0.6); "
                   "a relation to or from a dropped entity is dropped too.")
@click.option("--no-cache", is_flag=True, help="Extract every article again instead of reusing unchanged ones.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check of the built graph (faster on big inputs).")
@click.option("--workers", type=click.IntRange(0), default=0, show_default=True,
              help="Extraction processes (0: one per core from 16 articles on). The output does not depend on it.")
@click.option("--store", "store", type=parse_spec, default="memory", show_default=True, metavar="SPEC",
              help="Also load the graph into a persistent Oxigraph store: oxigraph:PATH (replaced in one step).")
def build(inputs: tuple[Path, ...], out_dir: Path, ontology_dir: Path | None, strict: bool,
          min_confidence: float | None, no_cache: bool, no_validate: bool, workers: int, store: StoreSpec) -> None:
    """Build the graph from article files and folders (default: seeds/).

    Reads .txt, .md and .html articles; writes OUT/graph.ttl (Turtle), OUT/graph.html (offline interactive
    view) and OUT/run.json (the run report).

    \b
    Examples:
      kg build                      # seeds/ -> output/
      kg build articles/ extra.md --out /tmp/kg-out
      kg build --store oxigraph:~/kg-store   # then: kg query --store oxigraph:~/kg-store …
    """
    from kg.pipeline.run import build as run_build
    from kg.cli.summary import print_summary, progress_bar

    check_target(store)  # before a long build, not after
    settings = Settings().with_(strict=strict, workers=workers, use_cache=not no_cache, validate=not no_validate,
                                store=str(store))
    if ontology_dir is not None:
        settings = settings.with_(ontology_dir=ontology_dir)
    if min_confidence is not None:
        settings = settings.with_(min_confidence=min_confidence)
    with progress_bar(settings) as progress:
        result = run_build(list(inputs) or None, out_dir, settings, progress=progress)
    print_summary(result.report, result.files)
    if "store" in result.report:
        click.echo(f"loaded {result.report['store']['triples']} triples into {result.report['store']['spec']}")


@cli.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=None,
              help="Score this Turtle file instead of building INPUTS (default: output/graph.ttl).")
@click.option("--split", type=click.Choice(["all", "dev", "test"]), default="all", show_default=True,
              help="Score only the gold articles of this split.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--show", type=int, default=30, show_default=True, help="How many misses / false positives to list.")
def eval_command(gold: Path, inputs: tuple[Path, ...], graph_path: Path | None, split: str, fmt: str,
                 show: int) -> None:
    """Score extraction against gold annotations: P / R / F1 per class and property, misses, false positives.

    GOLD is a gold .tsv file or a folder of them (format: gold/README.md). With INPUTS, kg builds them in
    memory and scores that; otherwise it scores --graph (default output/graph.ttl).

    \b
    Examples:
      kg eval gold/seeds --split dev          # score output/graph.ttl on the dev articles
      kg eval gold/unseen gold/unseen/articles --format json
    """
    import json

    from kg.quality.evaluate import evaluate, load_gold
    from kg.cli.summary import print_evaluation

    articles = load_gold(gold)
    graph = _graph_for(inputs, graph_path)
    result = evaluate(articles, graph, split).as_dict()
    if fmt == "json":
        click.echo(json.dumps({"split": split, **result}, ensure_ascii=False, indent=2))
    else:
        print_evaluation(result, split, show)


@cli.command("candidates")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="The build folder whose run.json and graph.ttl to read.")
@click.option("--accept", "accepted", multiple=True, metavar="NAME[=Class]",
              help="Add this name to ontology/lexicon-accepted.ttl (repeatable); the next build knows it.")
@click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path), default=None,
              help="Ontology folder to write into (default: the project's ontology/).")
@click.option("--limit", type=int, default=50, show_default=True, help="How many names to list.")
def candidates_command(out_dir: Path, accepted: tuple[str, ...], ontology_dir: Path | None, limit: int) -> None:
    """List names the lexicon does not know, with proposed class, confidence, count and an example; accept some.

    \b
    Examples:
      kg candidates                                   # the review queue of output/
      kg candidates --accept "FLUX.1" --accept "小智=Person"
    """
    import json

    from kg.core.ontology import load_ontology
    from kg.quality.review import accept, candidates
    from kg.sparql.store import load_graph

    settings = Settings() if ontology_dir is None else Settings().with_(ontology_dir=ontology_dir)
    report_path = out_dir / "run.json"
    if not report_path.is_file():
        raise KGError("no run report", where=str(report_path), fix="run `kg build` first")
    queue = candidates(json.loads(report_path.read_text(encoding="utf-8")), load_graph(out_dir / "graph.ttl"))
    if accepted:
        for label, cls in accept(list(accepted), queue, load_ontology(settings.ontology_dir), settings.ontology_dir):
            click.echo(f"accepted {label} as {cls} into {settings.ontology_dir / 'lexicon-accepted.ttl'}")
        click.echo("run `kg build` again to use them")
        return
    click.echo(f"{len(queue)} names not in the lexicon (in graph = kept as Discovered; held out = below the "
               f"confidence bar)")
    for row in queue[:limit]:
        status = "in graph" if row.in_graph else "held out"
        click.echo(f"{row.label}\t{row.cls}\t{row.confidence:.2f}\t{row.count}\t{status}\t"
                   f"{(row.examples[0] if row.examples else '')[:80]}")


def _graph_for(inputs: tuple[Path, ...], graph_path: Path | None):
    """The graph to score: a fresh in-memory build of INPUTS, or a Turtle file."""
    from kg.sparql.store import load_graph

    if inputs:
        from kg.pipeline.run import build as run_build

        return run_build(list(inputs), write=False).graph
    return load_graph(graph_path or Path("output") / "graph.ttl")


def _register_commands() -> None:
    """Add the commands that live in their own modules."""
    from kg.cli.export import export_command
    from kg.cli.push import push_command
    from kg.cli.query import query_command
    from kg.cli.report import report_command
    from kg.cli.serve import serve_command
    from kg.cli.validate import validate_command

    for command in (query_command, serve_command, export_command, report_command, validate_command, push_command):
        cli.add_command(command)


_register_commands()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kg")
