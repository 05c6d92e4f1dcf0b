"""kg.sparql.store: the --store spec parser, opening a persistent Oxigraph store read-only, and replacing one in one step."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.sparql.store
from kg.core.errors import InputError, OutputError
from kg.sparql.store import (
    MEMORY_STORE,
    StoreSpec,
    check_target,
    open_store,
    parse_spec,
    replacing,
    version,
)

EX = "http://example.org/"
HOLD_WRITER = ("import sys, time, pyoxigraph as ox\nstore = ox.Store(sys.argv[1])\nprint('open', flush=True)\n"
               "time.sleep(60)")


def publish(spec: StoreSpec, turtle: Path) -> dict:
    """Replace the store at spec.path by the triples of `turtle`, as `kg build --store` does."""
    with replacing(spec) as replacement:
        done = replacement.load(turtle)
        replacement.swap()
    return done


def turtle(tmp_path: Path, name: str, *subjects: str) -> Path:
    """A small Turtle file with one triple per subject."""
    path = tmp_path / name
    path.write_text("".join(f"<{EX}{s}> <{EX}p> \"{s}\" .\n" for s in subjects), encoding="utf-8")
    return path


def subjects(store: ox.Store) -> set[str]:
    return {quad.subject.value.removeprefix(EX) for quad in store}


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[Path]:
    """A store held open read-write by another process (as `oxigraph serve` would)."""
    folder = tmp_path / "held"
    process = subprocess.Popen([sys.executable, "-c", HOLD_WRITER, str(folder)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "open"
        yield folder
    finally:
        process.kill()
        process.wait(10)


@pytest.mark.parametrize("text", ["memory", "MEMORY", " memory "])
def test_memory_spec(text: str) -> None:
    assert parse_spec(text) == MEMORY_STORE and MEMORY_STORE.path is None and str(MEMORY_STORE) == "memory"


@pytest.mark.parametrize(("text", "path"), [("oxigraph:/data/kg", "/data/kg"), ("oxigraph:out/store", "out/store"),
                                            ("Oxigraph:a:b", "a:b"), ("oxigraph: spaced ", "spaced")])
def test_oxigraph_spec(text: str, path: str) -> None:
    spec = parse_spec(text)
    assert spec == StoreSpec("oxigraph", Path(path))
    assert parse_spec(str(spec)) == spec  # Settings carries the spec as text


def test_oxigraph_spec_expands_the_home_folder() -> None:
    assert parse_spec("oxigraph:~/kg-store").path == Path.home() / "kg-store"


@pytest.mark.parametrize("text", ["", "foo", "oxigraph", "oxigraph:", "oxigraph:  ", "memory:x", "sqlite:kg.db",
                                  "rdflib"])
def test_bad_specs_are_input_errors_with_where_and_fix(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_spec(text)
    assert caught.value.where == f"--store {text}" and "oxigraph:PATH" in caught.value.fix


def test_memory_store_parses_the_graph(tmp_path: Path) -> None:
    graph = turtle(tmp_path, "g.ttl", "a", "b")
    assert subjects(open_store(MEMORY_STORE, graph)) == {"a", "b"}


def test_publish_then_open_read_only(tmp_path: Path) -> None:
    spec = StoreSpec("oxigraph", tmp_path / "nested" / "store")
    done = publish(spec, turtle(tmp_path, "g.ttl", "a", "b", "c"))
    assert done["triples"] == 3 and done["path"] == str(spec.path.resolve()) and done["spec"] == str(spec)
    store = open_store(spec, tmp_path / "not-read.ttl")
    assert subjects(store) == {"a", "b", "c"}
    with pytest.raises(RuntimeError, match="read-write"):  # opened read-only
        store.add(ox.Quad(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "p"), ox.Literal("x")))
    assert sorted(os.listdir(tmp_path / "nested")) == ["store"]  # no lock file, no temporary folder left


def test_publish_replaces_the_content_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    spec = StoreSpec("oxigraph", tmp_path / "store")
    publish(spec, turtle(tmp_path, "one.ttl", "a", "b"))
    publish(spec, turtle(tmp_path, "two.ttl", "c"))
    assert subjects(open_store(spec, Path())) == {"c"}
    assert sorted(os.listdir(tmp_path)) == ["one.ttl", "store", "two.ttl"]


def test_a_reader_keeps_its_store_while_it_is_replaced(tmp_path: Path) -> None:
    spec = StoreSpec("oxigraph", tmp_path / "store")
    publish(spec, turtle(tmp_path, "one.ttl", *map(str, range(1000))))
    reader = open_store(spec, Path())
    publish(spec, turtle(tmp_path, "two.ttl", "new"))
    assert len(reader) == 1000 and len(list(reader.query("SELECT ?s WHERE { ?s ?p ?o }"))) == 1000
    assert subjects(open_store(spec, Path())) == {"new"}


def test_without_an_atomic_exchange_two_renames_replace_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(kg.sparql.store, "_exchange", lambda first, second: False)
    spec = StoreSpec("oxigraph", tmp_path / "store")
    publish(spec, turtle(tmp_path, "one.ttl", "a"))
    publish(spec, turtle(tmp_path, "two.ttl", "b"))
    assert subjects(open_store(spec, Path())) == {"b"}
    assert sorted(os.listdir(tmp_path)) == ["one.ttl", "store", "two.ttl"]


def test_a_failed_load_keeps_the_previous_store(tmp_path: Path) -> None:
    spec = StoreSpec("oxigraph", tmp_path / "store")
    publish(spec, turtle(tmp_path, "one.ttl", "a"))
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/x> <http://example.org/p> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot parse Turtle"):
        publish(spec, broken)
    assert subjects(open_store(spec, Path())) == {"a"}
    assert sorted(os.listdir(tmp_path)) == ["broken.ttl", "one.ttl", "store"]


def test_leftovers_of_a_crash_are_cleaned_up(tmp_path: Path) -> None:
    spec = StoreSpec("oxigraph", tmp_path / "store")
    publish(spec, turtle(tmp_path, "one.ttl", "a"))
    (tmp_path / ".store.new-crashed").mkdir()  # a bulk load that never finished
    (tmp_path / ".store.new-crashed" / "000001.sst").write_bytes(b"x")
    (tmp_path / ".store.old-crashed").mkdir()  # a replaced store whose deletion never finished
    publish(spec, turtle(tmp_path, "two.ttl", "b"))
    assert subjects(open_store(spec, Path())) == {"b"}
    assert sorted(os.listdir(tmp_path)) == ["one.ttl", "store", "two.ttl"]


def test_a_store_moved_aside_by_a_crash_is_put_back(tmp_path: Path) -> None:
    """A crash between the two renames of the fallback leaves the old store at .NAME.old-…; it is restored."""
    spec = StoreSpec("oxigraph", tmp_path / "store")
    publish(spec, turtle(tmp_path, "one.ttl", "a"))
    os.rename(tmp_path / "store", tmp_path / ".store.old-crashed")
    kg.sparql.store._clean_leftovers(tmp_path / "store")
    assert subjects(open_store(spec, Path())) == {"a"}


def test_two_builds_cannot_replace_one_store_at_once(tmp_path: Path) -> None:
    spec = StoreSpec("oxigraph", tmp_path / "store")
    with replacing(spec), pytest.raises(OutputError, match="another kg build"):
        publish(spec, turtle(tmp_path, "one.ttl", "a"))
    publish(spec, turtle(tmp_path, "one.ttl", "a"))  # free again once the first is done
    assert subjects(open_store(spec, Path())) == {"a"}


def test_open_errors(tmp_path: Path) -> None:
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / "folder" / "notes.txt").write_text("x", encoding="utf-8")
    cases = {"missing": "no Oxigraph store here", "file": "is a file", "folder": "not an Oxigraph store",
             "empty": "not an Oxigraph store"}
    for name, message in cases.items():
        with pytest.raises(InputError, match=message) as caught:
            open_store(StoreSpec("oxigraph", tmp_path / name), Path())
        assert caught.value.where == str(tmp_path / name) and caught.value.fix


def test_build_targets(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="is a file"):
        check_target(StoreSpec("oxigraph", tmp_path / "file"))
    with pytest.raises(InputError, match="not empty and not an Oxigraph store"):
        check_target(StoreSpec("oxigraph", tmp_path / "folder"))
    with pytest.raises(InputError, match="not empty and not an Oxigraph store"):
        publish(StoreSpec("oxigraph", tmp_path / "folder"), turtle(tmp_path, "g.ttl", "a"))
    assert (tmp_path / "folder" / "notes.txt").read_text(encoding="utf-8") == "x"  # never replaced
    for fine in (MEMORY_STORE, StoreSpec("oxigraph", tmp_path / "new"), StoreSpec("oxigraph", tmp_path / "empty")):
        check_target(fine)
    publish(StoreSpec("oxigraph", tmp_path / "empty"), turtle(tmp_path, "g.ttl", "a"))
    assert subjects(open_store(StoreSpec("oxigraph", tmp_path / "empty"), Path())) == {"a"}


def test_a_store_open_for_writing_elsewhere_is_refused(writer: Path, tmp_path: Path) -> None:
    spec = StoreSpec("oxigraph", writer)
    with pytest.raises(InputError, match="open for writing by another process") as caught:
        open_store(spec, Path())
    assert "oxigraph serve" in caught.value.fix
    with pytest.raises(InputError, match="open for writing by another process"):
        publish(spec, turtle(tmp_path, "g.ttl", "a"))


def test_version_changes_with_each_build(tmp_path: Path) -> None:
    spec = StoreSpec("oxigraph", tmp_path / "store")
    assert version(spec) is None and version(MEMORY_STORE) is None
    publish(spec, turtle(tmp_path, "one.ttl", "a"))
    first = version(spec)
    assert first is not None and version(spec) == first
    publish(spec, turtle(tmp_path, "two.ttl", "b"))
    assert version(spec) not in (None, first)
