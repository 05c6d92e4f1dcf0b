"""Time every saved query on a large built graph: kg's engine (pyoxigraph, in memory) against rdflib's.

    python benchmarks/bench_queries.py --mb 2            # ~260k triples; --mb 8 gives about 1M
    python benchmarks/bench_queries.py --graph output/graph.ttl

rdflib runs each query in a child process stopped after --rdflib-limit seconds (rdflib's SPARQL has no timeout).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from kg.query import load_store, prepare, run, saved_queries

EXAMPLE_PARAMS = {"role": "AIGC产品经理", "a": "AIGC产品经理", "b": "AI产品经理", "content": "图像",
                  "tech": "Transformer", "name": "Midjourney", "limit": "20"}
RDFLIB_CHILD = """
import sys, time
from rdflib import Graph, Literal, URIRef
graph = Graph().parse(sys.argv[1], format="turtle")
text = open(sys.argv[2], encoding="utf-8").read()
bindings = {k: (URIRef(v[1:-1]) if v.startswith("<") else Literal(v)) for k, v in (a.split("=", 1) for a in sys.argv[3:])}
started = time.perf_counter()
rows = len(list(graph.query(text, initBindings=bindings)))
print(time.perf_counter() - started, rows)
"""


def build_graph(megabytes: float, folder: Path) -> Path:
    """A generated corpus built with `kg build`; returns its graph.ttl."""
    corpus = folder / "corpus"
    generate(corpus, megabytes)
    subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(folder / "out"), "--no-cache",
                    "--no-validate"], check=True, capture_output=True)
    return folder / "out" / "graph.ttl"


def time_rdflib(graph: Path, text: str, params: dict[str, str], limit: float, folder: Path) -> str:
    """rdflib's time for one query, or '> limit s' when it had to be stopped."""
    query = folder / "query.rq"
    query.write_text(prepare(text), encoding="utf-8")
    args = [sys.executable, "-c", RDFLIB_CHILD, str(graph), str(query), *(f"{k}={v}" for k, v in params.items())]
    try:
        done = subprocess.run(args, check=True, capture_output=True, text=True, timeout=limit + 120)
    except subprocess.TimeoutExpired:
        return f"> {limit:.0f} s"
    seconds = float(done.stdout.split()[0])
    return f"{seconds:8.2f} s" if seconds <= limit else f"> {limit:.0f} s"


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.0, help="size of the generated corpus to build")
    parser.add_argument("--graph", type=Path, help="time this graph.ttl instead of building a corpus")
    parser.add_argument("--rdflib-limit", type=float, default=60.0, help="seconds before rdflib is stopped")
    parser.add_argument("--no-rdflib", action="store_true", help="time kg's engine only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        graph = args.graph or build_graph(args.mb, folder)
        started = time.perf_counter()
        store = load_store(graph)
        print(f"graph       {len(store)} triples, loaded in {time.perf_counter() - started:.1f} s")
        print(f"{'query':<22}{'rows':>6}  {'kg (pyoxigraph)':>16}  {'rdflib':>10}")
        for saved in saved_queries():
            params = {p.name: EXAMPLE_PARAMS[p.name] for p in saved.params if p.name in EXAMPLE_PARAMS}
            started = time.perf_counter()
            result = run(store, saved.text, params)
            kg_seconds = time.perf_counter() - started
            rdflib = "" if args.no_rdflib else time_rdflib(graph, saved.text, params, args.rdflib_limit, folder)
            print(f"{saved.name:<22}{len(result.rows):>6}  {kg_seconds:14.3f} s  {rdflib:>10}")


if __name__ == "__main__":
    main()
