"""Issue 12, "the first view": at 1400×900 the page opens on the entities with relations, the most connected of them
labelled readably, entities without relations set apart behind a counted toggle, articles and authors off."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS
from test_browser import CHROMIUM, browser  # noqa: F401  (browser is a fixture)

from kg.core.config import default_ontology_dir
from kg.core.namespaces import KG, KGA, KGR
from kg.outputs.render import render_html, write_html

ROOT = Path(__file__).resolve().parents[2]
READY = 'body[data-kg-ready="1"]'
CLASSES = (KG.Role, KG.Skill, KG.CompanyType, KG.Organization, KG.Product, KG.Technology, KG.ContentType,
           KG.Concept, KG.Team, KG.Industry)
PROPERTIES = (KG.requiresSkill, KG.basedOn, KG.shouldKnow, KG.madeBy, KG.appliedIn)
OPENING = """() => {
    const nodes = JSON.parse(document.getElementById('kg-data').textContent).nodes;
    const entities = nodes.filter((n) => n.cls !== 'Article' && !n.author);
    const story = entities.filter((n) => n.degree > 0).sort((a, b) => b.degree - a.degree);
    return { story: story.length, lonely: entities.length - story.length, top: story[0].label,
             authors: nodes.filter((n) => n.author).length };
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"),
]


def corpus_like_graph(entities: int = 2600, related: int = 520, relations: int = 600, articles: int = 534,
                      authors: int = 310, seed: int = 12) -> Graph:
    """A graph shaped like the 534-article real subset: a fifth of the entities related, around a few hubs; the rest
    only mentioned; every article with an author (a Person)."""
    rnd = random.Random(seed)
    graph = Graph()
    graph.parse(default_ontology_dir() / "kg.ttl")
    nodes = [KGR[f"E{i}"] for i in range(entities)]
    for i, node in enumerate(nodes):
        graph.add((node, RDF.type, CLASSES[i % len(CLASSES)]))
        graph.add((node, RDFS.label, Literal(f"实体{i}", lang="zh")))
    weights = [1 / (rank + 1) for rank in range(related)]  # a few hubs take most relations
    sources = nodes[:related] + rnd.sample(nodes[:related], relations - related)
    for source in sources:
        target = rnd.choices(nodes[:related], weights)[0]
        graph.add((source, rnd.choice(PROPERTIES), target if target != source else nodes[0]))
    people = [KGR[f"P{i}"] for i in range(authors)]
    for i, person in enumerate(people):
        graph.add((person, RDF.type, KG.Person))
        graph.add((person, RDFS.label, Literal(f"作者{i}", lang="zh")))
    for i in range(articles):
        article = KGA[f"a{i}.txt"]
        graph.add((article, RDF.type, KG.Article))
        graph.add((article, KG.hasAuthor, people[i % authors]))
        for node in rnd.sample(nodes, 5):
            graph.add((article, KG.mentions, node))
    return graph


def open_page(browser: Any, path: Path, screenshot: Path) -> tuple[Any, dict[str, Any]]:
    """Open a page offline at 1400×900, wait until it is drawn, screenshot it; return it with its opening figures."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(path.as_uri())
    page.wait_for_selector(READY, state="attached", timeout=30_000)
    page.screenshot(path=str(screenshot))
    return page, page.evaluate(OPENING)


def check_opening_view(page: Any, opening: dict[str, Any], min_labels: int) -> None:
    """Entities with relations drawn, the most connected labelled at a readable size, lone ones hidden and counted."""
    labels = page.get_attribute("body", "data-kg-labels").split("\n")
    assert opening["top"] in labels and len(labels) >= min_labels
    assert page.get_attribute("body", "data-kg-nodes") == str(opening["story"]), "no article, author or lone entity"
    assert page.inner_text("#kg-isolated-count") == f"（{opening['lonely']}）" and opening["lonely"] > 0
    assert not page.is_checked("#kg-isolated") and not page.is_checked("#kg-articles")


def test_seeds_page_opens_on_its_story(browser: Any, seeds_build, tmp_path: Path) -> None:
    page, opening = open_page(browser, seeds_build[1] / "graph.html", tmp_path / "seeds.png")
    check_opening_view(page, opening, min_labels=20)
    labels = page.get_attribute("body", "data-kg-labels").split("\n")
    assert {"AIGC产品经理", "AI产品经理", "大模型产品经理"} <= set(labels)
    assert (tmp_path / "seeds.png").stat().st_size > 50_000
    page.fill("#kg-search", "PM大白")  # an author: the search turns articles and authors on
    page.press("#kg-search", "Enter")
    panel = page.inner_text("#kg-panel")
    assert page.is_checked("#kg-articles") and "撰写的文章（1）" in panel and "关系数 0" in panel and "关系（" not in panel
    page.close()


def test_corpus_sized_page_opens_on_its_story(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    write_html(render_html(corpus_like_graph()), path)
    page, opening = open_page(browser, path, tmp_path / "corpus.png")
    check_opening_view(page, opening, min_labels=25)
    assert opening["authors"] == 310 and opening["lonely"] > 1500
    assert page.inner_text("#kg-note") == "", "the entities with relations are few enough to draw them all"
    page.check("#kg-articles")
    page.wait_for_function(f"Number(document.body.dataset.kgNodes) == {opening['story'] + 534 + 310}")
    page.close()


def test_corpus_sized_page_is_the_same_bytes_every_time() -> None:
    assert render_html(corpus_like_graph()) == render_html(corpus_like_graph())


def test_readme_shows_both_opening_views() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for image in ("docs/images/graph-seeds.png", "docs/images/graph-ai-subset.png"):
        assert f"]({image})" in readme and (ROOT / image).stat().st_size > 50_000
