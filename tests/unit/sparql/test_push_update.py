"""The SPARQL Update `kg push --protocol update` sends: no blank node in INSERT DATA, small INSERT DATA operations,
and the same graph once run."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.sparql.push_protocols import UPDATE_CHUNK, update_requests

NAMED = "https://example.org/g"
TURTLE = ("@prefix ex: <https://example.org/> .\n"
          + "".join(f"ex:s{i} ex:p {i} .\n" for i in range(UPDATE_CHUNK + 5))
          + "ex:c ex:unionOf ( ex:A ex:B ) .\nex:d ex:q [ ex:r \"x\"@zh ] .\n").encode()


def test_blank_nodes_only_in_the_insert_template_and_data_in_chunks() -> None:
    [body] = [request.decode() for request in update_requests(TURTLE, NAMED)]
    data = re.findall(r"INSERT DATA \{ GRAPH <[^>]+> \{\n(.*?)\} \}", body, re.DOTALL)
    assert len(data) == 2 and all("_:" not in chunk for chunk in data)
    assert max(chunk.count("\n") for chunk in data) == UPDATE_CHUNK
    template = body.split("WHERE { }")[0].rsplit("INSERT {", 1)[1]
    assert template.count("_:") >= 6 and body.startswith(f"DROP SILENT GRAPH <{NAMED}>")


@pytest.mark.parametrize("limit", [8 << 20, 1000])
def test_the_updates_build_the_same_graph(limit: int) -> None:
    requests = update_requests(TURTLE, NAMED, limit)
    assert (len(requests) == 1) == (limit > len(TURTLE) * 2) and requests[0].startswith(b"DROP SILENT GRAPH")
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://example.org/old"), ox.NamedNode("https://example.org/p"),
                      ox.Literal("gone"), ox.NamedNode(NAMED)))
    for request in requests:
        store.update(request.decode())
    pushed = ox.serialize(store.quads_for_pattern(None, None, None, ox.NamedNode(NAMED)),
                          format=ox.RdfFormat.N_QUADS).decode()
    assert isomorphic(Graph().parse(data=pushed.replace(f" <{NAMED}> .", " ."), format="nt"),
                      Graph().parse(data=TURTLE.decode(), format="turtle"))
