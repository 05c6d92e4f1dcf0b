"""Time `kg push` (both protocols) and every saved query on a large built graph in a real Virtuoso beside
`oxigraph serve`, with kg's in-memory engine as the reference; a query whose answer differs from the local one is
marked `differs`, one the server refuses `error`.

    python benchmarks/bench_servers.py --mb 8            # ~1M triples (needs virtuoso-t and oxigraph on PATH)
    python benchmarks/bench_servers.py --graph output/graph.ttl
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "integration"))

from corpus import generate
from virtuoso_server import PASSWORD, USER, free_port, virtuoso

from kg.sparql.endpoint import Endpoint
from kg.core.errors import KGError
from kg.sparql.push import push
from kg.sparql.push_target import DEFAULT_NAMED_GRAPH, Credentials, PushTarget
from kg.sparql.query import load_store, run
from kg.sparql.saved import saved_queries


EXAMPLE_PARAMS = {"role": "AIGC产品经理", "a": "AIGC产品经理", "b": "AI产品经理", "content": "图像",
                  "tech": "Transformer", "name": "Midjourney", "limit": "20"}


def build_graph(megabytes: float, folder: Path) -> Path:
    """A generated corpus built with `kg build`; returns its graph.ttl."""
    generate(folder / "corpus", megabytes)
    subprocess.run([sys.executable, "-m", "kg", "build", str(folder / "corpus"), "--out", str(folder / "out"),
                    "--no-cache", "--no-validate"], check=True, capture_output=True)
    return folder / "out" / "graph.ttl"


def timed(call, *args):
    """call(*args) and its wall-clock seconds."""
    started = time.perf_counter()
    return call(*args), time.perf_counter() - started


def timed_push(graph: Path, server: str, target: PushTarget) -> None:
    """Push and print the time, the bytes sent and the triples counted on the server, or the error."""
    try:
        result = push(graph, target)
        print(f"push        {server:<9} {target.protocol:<7} {result.seconds:7.1f} s, "
              f"{result.request_bytes / 1e6:.0f} MB sent, {result.found} triples counted", flush=True)
    except KGError as exc:
        print(f"push        {server:<9} {target.protocol:<7} failed: {exc}", flush=True)


def oxigraph_serve(folder: Path) -> tuple[subprocess.Popen, str]:
    """An `oxigraph serve` on a free loopback port and its base URL, answering."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    base = f"http://127.0.0.1:{free_port()}"
    process = subprocess.Popen([binary, "serve", "--location", str(folder / "oxigraph"), "--bind", base[7:]],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            run(Endpoint(base + "/query"), "ASK {}")
            return process, base
        except KGError:
            time.sleep(0.1)
    raise SystemExit("oxigraph serve did not answer")


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=8.0, help="size of the generated corpus to build")
    parser.add_argument("--graph", type=Path, help="time this graph.ttl instead of building a corpus")
    args = parser.parse_args()
    os.environ["no_proxy"] = "*"
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        graph = args.graph or build_graph(args.mb, folder)
        memory = load_store(graph)
        print(f"graph       {len(memory)} triples, {graph.stat().st_size / 1e6:.1f} MB of Turtle")
        (folder / "virtuoso").mkdir()
        process, oxigraph = oxigraph_serve(folder)
        try:
            with virtuoso(folder / "virtuoso") as base:
                digest = Credentials(USER, PASSWORD, scheme="digest")
                hour = 3600.0
                targets = {"virtuoso": [PushTarget(base + "/sparql-auth", "update", credentials=digest, timeout=hour)],
                           "oxigraph": [PushTarget(oxigraph + "/store", timeout=hour),
                                        PushTarget(oxigraph + "/update", "update", timeout=hour)]}
                for server, pushes in targets.items():
                    for target in pushes:
                        timed_push(graph, server, target)
                endpoints = {"virtuoso": Endpoint(base + "/sparql", DEFAULT_NAMED_GRAPH, 600),
                             "oxigraph": Endpoint(oxigraph + "/query", DEFAULT_NAMED_GRAPH, 600)}
                print(f"{'query':<22}{'rows':>6}{'memory':>11}" + "".join(f"{name:>18}" for name in endpoints))
                for saved in saved_queries():
                    params = {p.name: EXAMPLE_PARAMS[p.name] for p in saved.params if p.name in EXAMPLE_PARAMS}
                    answer, seconds = timed(run, memory, saved.text, params)
                    cells = ""
                    for endpoint in endpoints.values():
                        try:
                            found, remote_seconds = timed(run, endpoint, saved.text, params)
                            cells += f"{remote_seconds:9.3f} s{'' if found == answer else ' differs':>8}"
                        except KGError:
                            cells += f"{'error':>18}"
                    print(f"{saved.name:<22}{len(answer.rows):>6}{seconds:9.3f} s{cells}", flush=True)
                # last, into another graph: Virtuoso may stall on a large Graph Store PUT (docs/sparql-servers.md)
                timed_push(graph, "virtuoso", PushTarget(base + "/sparql-graph-crud-auth", "gsp", credentials=digest,
                                                         named_graph=DEFAULT_NAMED_GRAPH + "-gsp", timeout=300))
        finally:
            process.terminate()
            process.wait(30)


if __name__ == "__main__":
    main()
