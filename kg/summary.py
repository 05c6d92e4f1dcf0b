"""Terminal output of `kg build`: a progress bar for long runs and a short summary."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from kg.config import Settings


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
    click.echo(f"{len(articles)} articles, {sum(a['sentences'] for a in articles)} sentences, "
               f"{report['triples']} triples, {report['evidence']} evidence records")
    click.echo("entities:  " + ", ".join(f"{cls} {n}" for cls, n in report["entities_by_class"].items()))
    click.echo("relations: " + ", ".join(f"{p} {n}" for p, n in report["relations_by_property"].items()))
    if report["candidates"]:
        click.echo(f"candidates: {len(report['candidates'])} low-confidence names kept out (see run.json)")
    for warning in report["warnings"]:
        click.echo(f"warning: {warning}", err=True)
    for path in files:
        click.echo(f"wrote {path}")
