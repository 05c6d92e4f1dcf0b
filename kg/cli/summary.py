"""Terminal output of `kg build`: a progress bar for long runs and a short summary."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from kg.core.config import Settings
from kg.core.errors import printable


@contextlib.contextmanager
def progress_bar(settings: Settings) -> Iterator[Callable[[int, int], None]]:
    """A progress callback that shows a bar on stderr once a run has many articles (nothing for short runs)."""
    from rich.console import Console
    from rich.progress import Progress

    bar: Progress | None = None
    task = None

    def update(done: int, total: int) -> None:
        nonlocal bar, task
        if total < settings.progress_threshold:
            return
        if bar is None:
            bar = Progress(console=Console(stderr=True), transient=True)
            bar.start()
            task = bar.add_task("extracting", total=total)
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()


def print_summary(report: dict, files: tuple[Path, ...]) -> None:
    """Entities per class, relations per property, skipped files and warnings, then the files written."""
    articles = report["articles"]
    split = report.get("split_sentences", 0)
    click.echo(f"{len(articles)} articles, {sum(a['sentences'] for a in articles)} sentences"
               f"{f' ({split} over-long cut into pieces)' if split else ''}, "
               f"{report['triples']} triples, {report['evidence']} evidence records")
    click.echo("entities:  " + ", ".join(f"{cls} {n}" for cls, n in report["entities_by_class"].items()))
    click.echo("relations: " + ", ".join(f"{p} {n}" for p, n in report["relations_by_property"].items()))
    validation = report.get("validation", {})
    if "conforms" in validation:
        click.echo("validation: " + ("conforms to ontology/shapes.ttl" if validation["conforms"]
                                     else f"{validation['violations']} SHACL violations (run kg validate)"))
    if report["candidates"]:
        click.echo(f"candidates: {len(report['candidates'])} low-confidence names kept out (see run.json)")
    for warning in report["warnings"]:
        click.echo(f"warning: {warning}", err=True)
    click.echo(volatile_line(report))
    for path in files:
        click.echo(f"wrote {printable(str(path))}")


def volatile_line(report: dict) -> str:
    """The figures that change from run to run (kept out of run.json): cache hits and seconds per stage."""
    cache = report["cache"]
    reused = f"{cache['hits']} articles reused from the cache, " if cache["used"] else ""
    stages = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in report["timings_s"].items())
    return f"{reused}{cache['misses']} extracted; timings: {stages}"


def _row(name: str, scores: dict) -> str:
    return (f"  {name:<16} P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}"
            f"   ({scores['predicted']} found, {scores['gold']} gold)")


def print_evaluation(result: dict, split: str, show: int) -> None:
    """Scores per class and property, then up to `show` misses and false positives with their sentences."""
    entities, relations = result["entities"], result["relations"]
    click.echo(f"split: {split}")
    click.echo("entities")
    click.echo(_row("typed", entities["typed"]))
    click.echo(_row("untyped", entities["untyped"]))
    for cls, scores in entities["by_class"].items():
        click.echo(_row(cls, scores))
    click.echo("relations")
    click.echo(_row("overall", relations["overall"]))
    for prop, scores in relations["by_property"].items():
        click.echo(_row(prop, scores))
    for title, rows in (("misses", result["misses"]), ("false positives", result["false_positives"])):
        click.echo(f"{title} ({len(rows)}{', first ' + str(show) if len(rows) > show else ''})")
        for row in rows[:show]:
            kind = row.get("class") or row.get("property")
            line = f"  [{row['article']}] {row['kind']} {kind}: {row['name']}"
            if row.get("found_as"):
                line += f" (found as {', '.join(row['found_as'])})"
            if row.get("sentence"):
                line += f"\n      “{row['sentence'][:120]}”"
            click.echo(line)
