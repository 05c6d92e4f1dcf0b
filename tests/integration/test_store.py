"""`--store oxigraph:PATH` end to end: kg build fills the store, kg query and kg serve read it with answers identical
to the in-memory graph, a rebuild replaces it, bad specs exit 2."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from itertools import product
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner, Result
from test_serve import call, form, serving

from kg.cli.main import cli
from kg.sparql.query import run
from kg.sparql.saved import saved_queries
from kg.sparql.serve import KGServer, ServeOptions
from kg.sparql.store import MEMORY_STORE, StoreSpec, open_store

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ("table", "json", "csv", "tsv", "xml")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EXAMPLE = re.compile(r"e\.g\. ([^\s;,)]+)")
ENTITIES = "SELECT DISTINCT ?e WHERE { ?e a ?class . ?class rdfs:subClassOf* kg:Entity } ORDER BY ?e"
TITLES = "SELECT ?title WHERE { ?a a kg:Article ; dcterms:title ?title }"
HOLD_WRITER = ("import sys, time, pyoxigraph as ox\nstore = ox.Store(sys.argv[1])\nprint('open', flush=True)\n"
               "time.sleep(60)")


def kg(*args: str) -> Result:
    """`kg ARGS…` through the real command group."""
    return CliRunner().invoke(cli, list(args))


def example_params(name: str) -> list[str]:
    """--param options for a saved query's required parameters, from the `e.g. VALUE` of their description."""
    saved = {query.name: query for query in saved_queries()}[name]
    found = []
    for param in saved.params:
        if param.required:
            found += ["--param", f"{param.name}={EXAMPLE.search(param.meaning).group(1)}"]
    return found


@contextlib.contextmanager
def served(options: ServeOptions) -> Iterator[KGServer]:
    """A running server, stopped on leaving the block whatever happened in it."""
    running = serving(options)
    try:
        yield next(running)
    finally:
        next(running, None)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """seeds/ built with --store oxigraph:…; returns (graph.ttl, store folder)."""
    folder = tmp_path_factory.mktemp("store-build")
    result = kg("build", str(ROOT / "seeds"), "--out", str(folder / "out"), "--store", f"oxigraph:{folder / 'store'}")
    assert result.exit_code == 0, result.output
    return folder / "out" / "graph.ttl", folder / "store"


def test_build_records_the_store_in_run_json(built: tuple[Path, Path]) -> None:
    graph, store = built
    report = json.loads((graph.parent / "run.json").read_text(encoding="utf-8"))
    assert report["store"]["path"] == str(store.resolve())
    assert report["store"]["triples"] == report["triples"] == len(open_store(StoreSpec("oxigraph", store), graph))
    assert sorted(path.name for path in store.parent.iterdir()) == ["out", "store"]  # no lock, no leftovers


@pytest.mark.parametrize("name", [query.name for query in saved_queries()])
def test_every_saved_query_answers_the_same_bytes_from_the_store(built: tuple[Path, Path], name: str) -> None:
    graph, store = built
    for fmt in FORMATS:
        args = ("query", name, *example_params(name), "--format", fmt)
        memory, persistent = kg(*args, "--graph", str(graph)), kg(*args, "--store", f"oxigraph:{store}")
        assert memory.exit_code == 0 and persistent.exit_code == 0, memory.output + persistent.output
        assert persistent.output == memory.output, (name, fmt)
    rows = json.loads(kg("query", name, *example_params(name), "--format", "json", "--graph", str(graph)).output)
    assert rows["results"]["bindings"], f"{name} answers nothing on seeds/: the comparison would prove little"


def test_every_entity_gets_the_same_answers_in_the_same_order(built: tuple[Path, Path]) -> None:
    """Each parameterised saved query, for every entity of the seeds: ties in ORDER BY would come out in another
    order from the on-disk store, so the saved queries must order their rows totally."""
    graph, store = built
    memory, persistent = open_store(MEMORY_STORE, graph), open_store(StoreSpec("oxigraph", store), graph)
    entities = [row[0].value for row in run(memory, ENTITIES).rows]
    assert len(entities) > 200
    compared = 0
    for query in saved_queries():
        names = [param.name for param in query.params if param.name != "limit"]
        for name, entity in product(names, entities if query.name == "entity-evidence" else entities[::3]):
            params = {"a": "AIGC产品经理", "b": "AI产品经理", name: f"<{entity}>"} if query.name == "compare-roles" \
                else {name: f"<{entity}>"}
            answer = run(memory, query.text, params)
            assert run(persistent, query.text, params) == answer, (query.name, params)
            compared += bool(answer.rows)
    assert compared > 200


def test_query_with_the_store_does_not_read_the_graph(built: tuple[Path, Path], tmp_path: Path) -> None:
    result = kg("query", COUNT, "--store", f"oxigraph:{built[1]}", "--graph", str(tmp_path / "none.ttl"),
                "--format", "csv")
    assert result.exit_code == 0 and result.output.split() == ["n", str(len(open_store(
        StoreSpec("oxigraph", built[1]), built[0])))]


def test_serve_from_the_store_answers_like_serve_from_the_graph(built: tuple[Path, Path], tmp_path: Path) -> None:
    graph, store = built
    answers = []
    for options in (ServeOptions(graph=graph, port=0),
                    ServeOptions(graph=tmp_path / "none.ttl", store=StoreSpec("oxigraph", store), port=0)):
        with served(options) as running:
            found = [form(running, "/sparql", {"query": COUNT}, "text/csv")]
            for query in saved_queries():
                fields = [("name", query.name), *(("param", value) for value in example_params(query.name)[1::2])]
                found.append(call(running, "GET", "/api/query?" + urlencode(fields)))
            found.append(call(running, "GET", "/api/search?q=midjourney"))
            answers.append([(status, body) for status, _, body in found])
    assert all(status == 200 for status, _ in answers[1]), answers[1]
    assert answers[1] == answers[0]


def test_a_rebuild_replaces_the_store_without_stale_triples(tmp_path: Path) -> None:
    articles = sorted((ROOT / "seeds").iterdir())
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for path in articles[:2]:
        shutil.copy(path, first)
    shutil.copy(articles[2], second)
    spec = f"oxigraph:{tmp_path / 'store'}"
    titles = []
    for inputs in (first, second):
        assert kg("build", str(inputs), "--out", str(tmp_path / "out"), "--store", spec).exit_code == 0
        titles.append(set(kg("query", TITLES, "--store", spec, "--format", "csv").output.splitlines()[1:]))
        memory = kg("query", TITLES, "--graph", str(tmp_path / "out" / "graph.ttl"), "--format", "csv").output
        assert titles[-1] == set(memory.splitlines()[1:])
        report = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
        count = kg("query", COUNT, "--store", spec, "--format", "csv").output.split()[1]
        assert int(count) == report["triples"] == report["store"]["triples"]
    assert len(titles[0]) == 2 and len(titles[1]) == 1 and not titles[0] & titles[1]


def test_readers_keep_answering_while_a_rebuild_replaces_the_store(tmp_path: Path) -> None:
    """A store opened before the rebuild still answers (from the old build); kg serve answers every request during
    the swap, then all its workers answer from the new build."""
    store = tmp_path / "store"
    spec = f"oxigraph:{store}"
    assert kg("build", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), "--store", spec).exit_code == 0
    held = open_store(StoreSpec("oxigraph", store), Path())
    old = len(held)
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(min((ROOT / "seeds").iterdir()), one)
    with served(ServeOptions(graph=tmp_path / "none.ttl", store=StoreSpec("oxigraph", store), port=0)) as running:
        during: list[tuple[int, bytes]] = []
        stop = threading.Event()

        def ask() -> None:
            while not stop.is_set():
                status, _, body = form(running, "/sparql", {"query": COUNT}, "text/csv")
                during.append((status, body))

        asking = threading.Thread(target=ask)
        asking.start()
        try:
            assert kg("build", str(one), "--out", str(tmp_path / "out"), "--store", spec).exit_code == 0
        finally:
            stop.set()
            asking.join(30)
        after = [form(running, "/sparql", {"query": COUNT}, "text/csv") for _ in range(4)]  # both workers
    new = int(kg("query", COUNT, "--store", spec, "--format", "csv").output.split()[1])
    assert new < old and len(held) == old and len(list(held.query("SELECT * { ?s ?p ?o }"))) == old
    assert during and all(status == 200 and int(body.split()[1]) in (old, new) for status, body in during)
    assert all(status == 200 and int(body.split()[1]) == new for status, _, body in after)


@pytest.mark.parametrize(("args", "message"), [
    (("build", "--store", "foo"), "unknown store 'foo' (at --store foo) — use --store memory"),
    (("build", "--store", "oxigraph:"), "the oxigraph store needs a folder"),
    (("query", "central-entities", "--store", "sqlite:x"), "unknown store 'sqlite:x'"),
    (("serve", "--store", "oxigraph", "--port", "0"), "the oxigraph store needs a folder"),
])
def test_bad_specs_exit_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    result = kg(*args)
    assert result.exit_code == 2 and result.output.startswith("kg: error: ") and message in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_bad_store_paths_exit_2_before_building(tmp_path: Path) -> None:
    afile = tmp_path / "file"
    afile.write_text("not a store", encoding="utf-8")
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.md").write_text("mine", encoding="utf-8")
    cases = [(("build", "--store", f"oxigraph:{afile}"), "the store path is a file"),
             (("build", "--store", f"oxigraph:{foreign}"), "not empty and not an Oxigraph store"),
             (("query", "central-entities", "--store", f"oxigraph:{tmp_path / 'none'}"), "no Oxigraph store here"),
             (("query", "central-entities", "--store", f"oxigraph:{foreign}"), "not an Oxigraph store"),
             (("serve", "--port", "0", "--store", f"oxigraph:{afile}"), "the store path is a file")]
    for args, message in cases:
        result = kg(*args, *(("--out", str(tmp_path / "out")) if args[0] == "build" else ()))
        assert result.exit_code == 2 and message in result.output and " — " in result.output, (args, result.output)
    assert not (tmp_path / "out").exists()  # refused before the build, not after
    assert (foreign / "thesis.md").read_text(encoding="utf-8") == "mine"


def test_a_store_locked_by_another_process_exits_2(built: tuple[Path, Path], tmp_path: Path) -> None:
    store = tmp_path / "held"
    process = subprocess.Popen([sys.executable, "-c", HOLD_WRITER, str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "open"
        for args in (("query", "central-entities"), ("build", "--out", str(tmp_path / "out"))):
            result = kg(*args, "--store", f"oxigraph:{store}")
            assert result.exit_code == 2 and "open for writing by another process" in result.output, result.output
    finally:
        process.kill()
        process.wait(10)
