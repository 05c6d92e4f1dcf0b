"""Render the knowledge graph as one self-contained offline HTML page, with vis-network inlined."""

from __future__ import annotations

import gc
import hashlib
import json
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from html import escape
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.core.errors import OutputError
from kg.core.io import atomic_write
from kg.graph.views import ARTICLE_LINKS, class_styles, display_text, project

VIS_DIR = "templates/lib/vis-9.1.2"
PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"  # offline
FALLBACK_COLOUR = "#999999"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def opaque_id(text: str) -> str:
    """Opaque, stable short id of an IRI or edge key: 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


MAX_SNIPPET = 500  # characters of an evidence sentence shown in the page
OVERVIEW_THRESHOLD = 1500  # more entity nodes than this: the page opens on an overview
OVERVIEW_PER_CLASS = 40  # entities per class drawn in the overview, the highest-degree ones
BIG_GRAPH_EVIDENCE = 3  # evidence entries kept per edge in a big graph's page (all remain in graph.ttl)
LOUVAIN_SEED = 7  # communities are seeded: the same graph always gives the same page


def node_size(degree: int) -> float:
    """Dot radius for a node of this degree: grows with the square root, so hubs stay readable."""
    return round(8 + 4 * math.sqrt(degree), 1)


def snippet(sentence: str) -> str:
    """An evidence sentence as readers see it, short enough for the page (the full text stays in graph.ttl)."""
    text = display_text(sentence)
    return text if len(text) <= MAX_SNIPPET else text[: MAX_SNIPPET - 1] + "…"


def in_story(node: dict[str, Any]) -> bool:
    """An entity the opening view draws: it has a relation with another entity and is not an article's author."""
    return node["cls"] != "Article" and node["degree"] > 0 and not node.get("author")


def overview_ids(nodes: list[dict[str, Any]]) -> list[str] | None:
    """Sorted ids of the top OVERVIEW_PER_CLASS entities per class (degree, label, id) among those in_story; None
    when at most OVERVIEW_THRESHOLD are."""
    entities = [n for n in nodes if in_story(n)]
    if len(entities) <= OVERVIEW_THRESHOLD:
        return None
    by_class: dict[str, list[dict[str, Any]]] = {}
    for node in entities:
        by_class.setdefault(node["cls"], []).append(node)
    chosen = []
    for members in by_class.values():
        members.sort(key=lambda n: (-n["degree"], n["label"], n["id"]))
        chosen.extend(n["id"] for n in members[:OVERVIEW_PER_CLASS])
    return sorted(chosen)


def communities(ids: list[str], edges: list[dict[str, Any]]) -> dict[str, int]:
    """Louvain communities (seeded, so the same graph gives the same ones) of the entities `ids` over the relations
    among them, numbered from the largest (ties: smallest id)."""
    drawn = set(ids)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(drawn))
    graph.add_edges_from(sorted((e["from"], e["to"]) for e in edges if e["from"] in drawn and e["to"] in drawn
                                and e["predicate"] not in ARTICLE_LINKS and e["from"] != e["to"]))
    found = nx.community.louvain_communities(graph, seed=LOUVAIN_SEED)
    ordered = sorted((sorted(group) for group in found), key=lambda group: (-len(group), group[0]))
    return {node: number for number, group in enumerate(ordered) for node in group}


def number_communities(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], overview: list[str] | None) -> None:
    """Give the entities the page opens on (the overview, else every one in_story) their community number."""
    opening = overview if overview is not None else [n["id"] for n in nodes if in_story(n)]
    numbers = communities(opening, edges)
    for node in nodes:
        if node["id"] in numbers:
            node["community"] = numbers[node["id"]]


def page_evidence(evidence: list[dict[str, Any]], ids: dict[str, str], limit: int | None) -> list[dict[str, Any]]:
    """An edge's evidence for the page: article ids made opaque, sentences shortened, at most `limit` entries."""
    kept = evidence if limit is None else evidence[:limit]
    return [{**ev, "article": ids.get(ev["article"], ""), "sentence": snippet(ev["sentence"])} for ev in kept]


def page_data(graph: Graph) -> dict[str, Any]:
    """The nodes (authors flagged, communities numbered), edges, class styles and overview the page draws, keyed
    by opaque ids."""
    projected_nodes, projected_edges = project(graph)
    styles = class_styles(graph)
    colours = {style["name"]: style["colour"] for style in styles}
    ids = {iri: opaque_id(iri) for iri in projected_nodes}
    authors = {target for _, target, key, _ in projected_edges if key == "hasAuthor"}
    nodes = [
        {
            "id": ids[iri],
            "label": attrs["label"],
            "cls": attrs["cls"],
            "aliases": attrs["aliases"],
            "scheme": attrs["scheme"],
            "degree": attrs["degree"],
            "title": attrs.get("title", ""),
            "color": colours.get(attrs["cls"], FALLBACK_COLOUR),
            "size": node_size(attrs["degree"]),
            **({"author": True} if iri in authors else {}),
        }
        for iri, attrs in projected_nodes.items()
    ]
    overview = overview_ids(nodes)
    limit = None if overview is None else BIG_GRAPH_EVIDENCE
    edges = [
        {
            "id": opaque_id(f"{source} {key} {target}"),
            "from": ids[source],
            "to": ids[target],
            "predicate": attrs["predicate"],
            "label": attrs["label"],
            "evidence": page_evidence(attrs["evidence"], ids, limit) if attrs["evidence"] else [],
            "evidence_total": len(attrs["evidence"]),
        }
        for source, target, key, attrs in projected_edges
    ]
    number_communities(nodes, edges, overview)
    return {"nodes": nodes, "edges": edges, "styles": styles, "overview": overview}


def script_json(value: object) -> str:
    """JSON for a <script type="application/json"> block: no text in it can close or break the block."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def inline(code: str, tag: str) -> str:
    """Code safe to inline in a <tag> element: any '</tag' inside it is written '<\\/tag'."""
    return re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE)


def fill_template(name: str, values: dict[str, str]) -> str:
    """A template from kg/outputs/templates with every `{{ name }}` replaced by its value."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template(name))


def page_head(title: str, csp: str, styles: Sequence[str], *, no_referrer: bool = False) -> str:
    """The <head> every kg page shares (templates/head.html): charset, the page's Content-Security-Policy, a
    no-referrer policy if asked, viewport, title (already escaped) and the style sheets inlined, in order."""
    return fill_template("head.html", {
        "csp": csp,
        "referrer": '<meta name="referrer" content="no-referrer">\n' if no_referrer else "",
        "title": title,
        "styles": "\n".join(f"<style>{inline(css, 'style')}</style>" for css in styles),
    }).rstrip("\n")


def script(name: str) -> str:
    """A page script from kg/outputs/templates with the vis-network options every kg network starts from
    (templates/network.js) in place of its `{{ network_options }}`."""
    return fill_template(name, {"network_options": template("network.js").rstrip("\n")})


def template(name: str) -> str:
    """A file of kg/outputs/templates, read as package data."""
    return files("kg.outputs").joinpath(f"templates/{name}").read_text(encoding="utf-8")


def vis_asset(name: str) -> str:
    """A vis-network file (vis-network.min.js or vis-network.css) as shipped inside the pyvis package.

    The package is located, not imported: importing pyvis pulls in IPython, which takes longer than the page."""
    spec = find_spec("pyvis")
    folders = list(spec.submodule_search_locations or []) if spec else []
    resource = Path(folders[0] if folders else "pyvis") / VIS_DIR / name
    try:
        return _SOURCE_MAP.sub("", resource.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OutputError(
            f"{name} is missing from the pyvis package",
            where=str(resource),
            fix="reinstall pyvis==0.3.2",
        ) from exc


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building the page data makes no cycles, only many objects, and
    collections triggered by them would walk the whole RDF graph again and again (a third of the time at 50,000
    entities)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render_html(graph: Graph, *, title: str = "AIGC 职业知识图谱") -> str:
    """The whole page as a string; the same graph always gives the same text."""
    with gc_paused():
        data = script_json(page_data(graph))
    parts = {
        "head": page_head(escape(title), PAGE_CSP, [vis_asset("vis-network.css"), template("page.css")]),
        "title": escape(title),
        "data": data,
        "vis_js": inline(vis_asset("vis-network.min.js"), "script"),
        "page_js": inline(script("page.js"), "script"),
    }
    return fill_template("page.html", parts)


def write_html(html: str, path: Path) -> None:
    """Write the page as UTF-8, atomically (see kg.core.io.atomic_write)."""
    atomic_write(Path(path), html.encode("utf-8"))
