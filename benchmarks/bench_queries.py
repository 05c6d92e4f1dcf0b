"""Time every saved query on a large built graph: kg's engine (pyoxigraph) on graph.ttl parsed into memory and on a
persistent Oxigraph store, against rdflib's in-memory engine.

    python benchmarks/bench_queries.py --mb 2                                      # ~260k triples
    python benchmarks/bench_queries.py --mb 8 --store oxigraph:/tmp/kg-bench-store  # ~1M triples
    python benchmarks/bench_queries.py --graph output/graph.ttl --no-rdflib

With --store, graph.ttl is bulk-loaded into that store folder (replacing it, as `kg build --store` does) and the
queries also run on it, opened read-only; its answers must equal the in-memory ones. rdflib parses the graph once;
each of its queries runs in a forked copy of this process, stopped after --rdflib-limit seconds (rdflib's SPARQL
has no timeout).
"""

from __future__ import annotations

import argparse
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from rdflib import Graph, Literal, URIRef

from kg.sparql.query import load_store, run
from kg.sparql.query_text import prepare
from kg.sparql.saved import saved_queries
from kg.sparql.store import StoreSpec, open_store, parse_spec, replacing

EXAMPLE_PARAMS = {"role": "AIGC产品经理", "a": "AIGC产品经理", "b": "AI产品经理", "content": "图像",
                  "tech": "Transformer", "name": "Midjourney", "limit": "20"}
T = TypeVar("T")


def build_graph(megabytes: float, folder: Path) -> Path:
    """A generated corpus built with `kg build`; returns its graph.ttl."""
    corpus = folder / "corpus"
    generate(corpus, megabytes)
    subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(folder / "out"), "--no-cache",
                    "--no-validate"], check=True, capture_output=True)
    return folder / "out" / "graph.ttl"


def timed(call: Callable[..., T], *args: object) -> tuple[T, float]:
    """call(*args) and its wall-clock seconds."""
    started = time.perf_counter()
    value = call(*args)
    return value, time.perf_counter() - started


def time_rdflib(graph: Graph, text: str, params: dict[str, str], limit: float) -> str:
    """rdflib's time for one query, run in a forked copy of this process; '> limit s' when it had to be stopped."""
    bindings = {name: URIRef(value[1:-1]) if value.startswith("<") else Literal(value) for name, value in params.items()}
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports its time through the pipe and exits without running the parent's cleanup
        try:
            seconds = timed(lambda: list(graph.query(prepare(text), initBindings=bindings)))[1]
            os.write(write, str(seconds).encode())
        except Exception:  # noqa: BLE001 — e.g. LATERAL, which rdflib's SPARQL 1.1 parser does not know
            os.write(write, b"error")
        finally:
            os._exit(0)
    os.close(write)
    try:
        if not select.select([read], [], [], limit)[0]:
            os.kill(pid, signal.SIGKILL)
            return f"> {limit:.0f} s"
        answer = os.read(read, 64).decode()
        return "cannot run" if answer in ("", "error") else f"{float(answer):8.2f} s"
    finally:
        os.waitpid(pid, 0)
        os.close(read)


def bulk_load(spec: StoreSpec, graph: Path) -> dict:
    """Replace the store at spec.path with `graph`, as `kg build --store` does; its load figures."""
    with replacing(spec) as replacement:
        loaded = replacement.load(graph)
        replacement.swap()
    return loaded


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.0, help="size of the generated corpus to build")
    parser.add_argument("--graph", type=Path, help="time this graph.ttl instead of building a corpus")
    parser.add_argument("--store", type=parse_spec, metavar="oxigraph:PATH",
                        help="also time a persistent Oxigraph store, loaded from the graph into PATH")
    parser.add_argument("--rdflib-limit", type=float, default=60.0, help="seconds before rdflib is stopped")
    parser.add_argument("--no-rdflib", action="store_true", help="time kg's engine only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        graph = args.graph or build_graph(args.mb, Path(name))
        memory, parse_seconds = timed(load_store, graph)
        print(f"graph       {len(memory)} triples, {graph.stat().st_size / 1e6:.1f} MB of Turtle")
        print(f"memory      graph.ttl parsed into pyoxigraph in {parse_seconds:.2f} s (each `kg query`)")
        engines = {"memory": memory}
        if args.store and args.store.path:
            loaded = bulk_load(args.store, graph)
            engines["store"], open_seconds = timed(open_store, args.store, graph)
            print(f"store       {args.store}: bulk-loaded in {loaded['seconds']:.1f} s (once, by kg build --store), "
                  f"opened read-only in {open_seconds:.3f} s (each `kg query --store`)")
        rdflib = None
        if not args.no_rdflib:
            rdflib, seconds = timed(lambda: Graph().parse(graph, format="turtle"))
            print(f"rdflib      graph.ttl parsed in {seconds:.1f} s")
        columns = [*engines, *(["rdflib"] if rdflib is not None else [])]
        print(f"{'query':<22}{'rows':>6}" + "".join(f"{column:>11}" for column in columns))
        for saved in saved_queries():
            params = {p.name: EXAMPLE_PARAMS[p.name] for p in saved.params if p.name in EXAMPLE_PARAMS}
            results = {engine: timed(run, store, saved.text, params) for engine, store in engines.items()}
            answer = results["memory"][0]
            if any(result != answer for result, _ in results.values()):
                raise SystemExit(f"{saved.name}: the store and the in-memory graph answer differently")
            cells = "".join(f"{seconds:9.3f} s" for _, seconds in results.values())
            other = time_rdflib(rdflib, saved.text, params, args.rdflib_limit) if rdflib is not None else ""
            print(f"{saved.name:<22}{len(answer.rows):>6}{cells}{other:>11}", flush=True)


if __name__ == "__main__":
    main()
