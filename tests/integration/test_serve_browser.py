"""The `kg serve` explorer in headless Chromium, with every request outside the server's origin blocked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, Graph, URIRef
from test_browser import CHROMIUM, Visit, browser, load_small_graph  # noqa: F401  (browser is a fixture)
from test_serve import serving

from kg.core.namespaces import KG, KGR, sparql_prologue
from kg.sparql.serve import KGServer, ServeOptions
from kg.graph.views import display_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"),
]
READY = 'body[data-kg-ready="1"]'
SETTLED = 'body[data-kg-settled="1"]'
FACTS = "FILTER(?p != kg:mentions && ?p != kg:hasAuthor) ?p a owl:ObjectProperty ."


@dataclass(frozen=True)
class Address:
    """A URL that Visit can open (it calls .as_uri() on what it is given)."""

    url: str

    def as_uri(self) -> str:
        return self.url


class ServerVisit(Visit):
    """A Visit of a running server: only requests to its origin (and data: URLs) go through."""

    def __init__(self, chromium: Any, server: KGServer) -> None:
        self.origin = server.url
        super().__init__(chromium, Address(server.url))  # type: ignore[arg-type]

    def _route(self, route: Any) -> None:
        url = route.request.url
        route.continue_() if url.startswith((self.origin, "data:")) else route.abort()

    def finish(self) -> None:
        assert self.dialogs == [] and self.errors == []
        assert all(url.startswith(self.origin) for url in self.requests), "a request left the server's origin"
        self.page.close()


@pytest.fixture(scope="module")
def seeds_server(seeds_build) -> Iterator[KGServer]:
    yield from serving(ServeOptions(graph=seeds_build[1] / "graph.ttl", port=0, timeout=5))


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KGServer]:
    path = tmp_path_factory.mktemp("small") / "graph.ttl"
    load_small_graph().serialize(path, format="turtle")
    yield from serving(ServeOptions(graph=path, port=0, timeout=5))


def column(graph: Graph, query: str) -> set[str]:
    """The first column of a SPARQL query over the rdflib graph."""
    return {str(row[0]) for row in graph.query(sparql_prologue() + query)}


def label_of(where: str) -> str:
    """A query for the @zh labels of the ?e that `where` binds."""
    return f'SELECT ?label WHERE {{ {where} ?e skos:prefLabel ?label . FILTER(LANG(?label) = "zh") }}'


def neighbours(graph: Graph, iri: str) -> set[str]:
    """IRIs linked to an entity by a fact property, either way."""
    return column(graph, f"SELECT ?e WHERE {{ {{ <{iri}> ?p ?e }} UNION {{ ?e ?p <{iri}> }} {FACTS} }}")


def click_node(visit: ServerVisit, iri: str) -> None:
    """Click a node on the vis-network canvas where it is drawn."""
    visit.page.wait_for_selector(SETTLED, state="attached", timeout=20_000)
    point = visit.page.evaluate("(iri) => kgNetwork.canvasToDOM(kgNetwork.getPositions([iri])[iri])", iri)
    box = visit.page.locator("#kg-graph").bounding_box()
    visit.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_explorer_search_expand_filter_and_query(browser: Any, seeds_server: KGServer,  # noqa: F811
                                                 seeds_build, tmp_path: Path) -> None:
    graph = seeds_build[0].graph
    concept, role = str(KGR.AIGC), str(KGR.AIGCProductManager)
    visit = ServerVisit(browser, seeds_server)
    page = visit.page
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    assert page.locator("#kg-classes input[type=checkbox]").count() >= 11

    page.fill("#kg-search", "AIGC")
    assert page.locator("#kg-results button").first.inner_text().startswith("AIGC")
    page.press("#kg-search", "Enter")
    page.wait_for_selector(f'#kg-panel[data-selected="{concept}"]', state="attached")
    around = neighbours(graph, concept)
    assert role in around
    page.wait_for_selector(f'body[data-kg-nodes="{len(around) + 1}"]', state="attached")
    panel = page.locator("#kg-panel").inner_text()
    evidence = "?ev rdf:object kgr:AIGC ; rdf:predicate kg:shouldKnow ;"
    sentences = {display_text(s) for s in column(graph, f"SELECT ?s WHERE {{ {evidence} kg:sentence ?s }}")}
    titles = column(graph, f"SELECT ?t WHERE {{ {evidence} prov:wasDerivedFrom/dcterms:title ?t }}")
    who = column(graph, label_of("?e kg:shouldKnow kgr:AIGC ."))
    assert sentences and titles and "AIGC产品经理" in who
    assert all(text in panel for text in sentences | who | {f"《{title}》" for title in titles})

    click_node(visit, role)
    page.wait_for_selector(f'#kg-panel[data-selected="{role}"]', state="attached")
    shown = around | neighbours(graph, role) | {concept, role}
    page.wait_for_selector(f'body[data-kg-nodes="{len(shown)}"]', state="attached")
    page.wait_for_selector(SETTLED, state="attached", timeout=20_000)
    page.screenshot(path=str(tmp_path / "kg-explorer.png"))

    skills = {iri for iri in shown - {role} if (URIRef(iri), RDF.type, KG.Skill) in graph}
    page.uncheck('#kg-classes input[data-cls="Skill"]')
    page.wait_for_selector(f'body[data-kg-nodes="{len(shown) - len(skills)}"]', state="attached")
    assert skills, "the expanded role requires skills, so the filter hides some"

    page.click("#kg-tab-query")
    page.click('#kg-saved-list button[data-name="products-by-content"]')
    page.fill('#kg-params input[name="content"]', "图像")
    page.click("#kg-run")
    page.wait_for_selector("#kg-output table")
    column_index = page.locator("#kg-output th").all_inner_texts().index("product")
    products = {row.split("\t")[column_index] for row in page.locator("#kg-output tbody tr").all_inner_texts()}
    expected = column(graph, label_of("?e a kg:Product ; kg:generates kgr:Image ."))
    assert {"Midjourney", "文心一言"} <= products == expected
    assert page.inner_text("#kg-status").startswith(f"{len(expected)} 行")
    visit.finish()


def test_query_errors_and_hostile_labels_stay_text(browser: Any, small_server: KGServer) -> None:  # noqa: F811
    visit = ServerVisit(browser, small_server)
    page = visit.page
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    page.fill("#kg-search", "JAVASCRIPT")  # matches the hostile alias, case-insensitively
    page.press("#kg-search", "Enter")
    page.wait_for_selector("#kg-panel[data-selected]", state="attached")
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").inner_text() == "<img src=x onerror=alert(1)>"
    assert page.locator("#kg-panel img, #kg-panel script, #kg-panel a").count() == 0
    page.click("#kg-tab-query")
    page.fill("#kg-sparql", "DROP ALL")
    page.click("#kg-run")
    page.wait_for_selector("#kg-status.error")
    assert page.inner_text("#kg-status").startswith("403")
    page.fill("#kg-sparql", "SELECT ?label WHERE { ?e rdfs:label ?label }")
    page.press("#kg-sparql", "Control+Enter")
    page.wait_for_selector("#kg-output table")
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#kg-output")
    assert page.locator("#kg-output img, #kg-output script").count() == 0
    page.wait_for_timeout(300)
    visit.finish()
