"""kg.outputs.render: the offline HTML page (no network, inert hostile text, determinism) and its atomic writer."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS

import kg.core.io as kg_io
import kg.outputs.render as kg_render
from kg.core.errors import OutputError
from kg.core.namespaces import KG, KGA, KGR
from kg.outputs.render import (
    OVERVIEW_PER_CLASS,
    OVERVIEW_THRESHOLD,
    communities,
    in_story,
    overview_ids,
    page_data,
    render_html,
    script_json,
    vis_asset,
    write_html,
)

ROOT = Path(__file__).resolve().parents[3]
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
]


def load_small_graph() -> Graph:
    """The ontology plus the hand-written fixture, as the build would produce them."""
    graph = Graph()
    graph.parse(ROOT / "ontology" / "kg.ttl")
    graph.parse(ROOT / "tests" / "data" / "small_graph.ttl")
    return graph


class PageParser(HTMLParser):
    """Collects tags, attributes and the text of <script> elements the way a browser tokenises them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(load_small_graph())


@pytest.fixture(scope="module")
def parsed(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def embedded_data(parsed: PageParser) -> dict:
    [text] = [text for attrs, text in parsed.scripts if attrs.get("id") == "kg-data"]
    return json.loads(text)


def test_page_declares_utf8_and_csp(parsed: PageParser) -> None:
    metas = [attrs for tag, attrs in parsed.tags if tag == "meta"]
    assert {"charset": "utf-8"} in metas
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas


def test_no_network_urls_in_src_or_href(page: str, parsed: PageParser) -> None:
    links = [v for _, attrs in parsed.tags for k, v in attrs.items() if k in ("src", "href") and v]
    assert not [v for v in links if re.match(r"\s*(https?:)?//", v, re.IGNORECASE)]
    assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*https?://""", page, re.IGNORECASE)


def test_vis_network_is_inlined(page: str) -> None:
    vis = files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    source = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    assert source[:2000] in page and source[-2500:-100] in page
    assert (vis / "vis-network.css").read_text(encoding="utf-8")[:2000] in page
    assert "sourceMappingURL" not in page, "no source-map lookup from the inlined script"


def test_vis_network_is_read_without_importing_pyvis() -> None:
    """Importing pyvis pulls in IPython (about half a second); the page only needs two of its files."""
    code = ("import sys; from rdflib import Graph; from kg.outputs.render import render_html; graph = Graph(); "
            "graph.parse('ontology/kg.ttl'); graph.parse('tests/data/small_graph.ttl'); render_html(graph); "
            "print('pyvis' in sys.modules, 'IPython' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_missing_vis_network_is_an_output_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg_render, "find_spec", lambda name: None)
    with pytest.raises(OutputError, match="vis-network.min.js is missing") as caught:
        vis_asset("vis-network.min.js")
    assert "reinstall pyvis" in str(caught.value.fix)


@pytest.mark.parametrize("enabled", [True, False])
def test_rendering_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        render_html(load_small_graph())
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_script_blocks_close_only_at_their_own_tags(page: str, parsed: PageParser) -> None:
    own_scripts = [tag for tag, _ in parsed.tags if tag == "script"]
    assert len(own_scripts) == 3  # data, vis-network, page code
    assert page.lower().count("</script") == len(own_scripts)
    assert "<!--" not in page


def test_hostile_text_never_appears_unescaped(page: str, parsed: PageParser) -> None:
    for text in HOSTILE:
        assert text not in page
    assert "\u2028" not in page and "\u2029" not in page
    data_text = next(text for attrs, text in parsed.scripts if attrs.get("id") == "kg-data")
    assert not set("<>&\u2028") & set(data_text)
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in data_text


def test_script_json_escapes_what_could_end_the_block_or_the_line() -> None:
    text = script_json({"s": "</script>&\u2028\u2029"})
    assert text == '{"s":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}'


def test_hostile_text_survives_the_round_trip(parsed: PageParser) -> None:
    data = embedded_data(parsed)
    labels = {n["label"] for n in data["nodes"]}
    sentences = {e["sentence"] for edge in data["edges"] for e in edge["evidence"]}
    assert HOSTILE[0] in labels
    assert any(HOSTILE[1] in s and HOSTILE[2] in s and "href" in s for s in sentences)


def test_node_ids_are_opaque_hashes(page: str, parsed: PageParser) -> None:
    data = embedded_data(parsed)
    ids = [n["id"] for n in data["nodes"]]
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids) and len(set(ids)) == len(ids)
    assert {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]} <= set(ids)
    assert "w3id.org/aigc-kg/resource" not in page and "w3id.org/aigc-kg/article" not in page


def test_page_data_carries_styles_evidence_and_sizes(parsed: PageParser) -> None:
    data = embedded_data(parsed)
    colours = {s["name"]: s["colour"] for s in data["styles"]}
    mj = next(n for n in data["nodes"] if n["label"] == "Midjourney")
    assert mj["color"] == colours["Product"] and mj["aliases"] == ["MJ", "Stable-Diffusion"]
    sizes = {n["degree"]: n["size"] for n in data["nodes"]}
    assert [sizes[d] for d in sorted(sizes)] == sorted(sizes.values()), "size grows with degree"
    generates = next(e for e in data["edges"] if e["predicate"] == "generates")
    assert generates["label"] == "生成" and len(generates["evidence"]) == 3
    assert {e["article"] for e in generates["evidence"]} <= {n["id"] for n in data["nodes"] if n["cls"] == "Article"}


def test_same_graph_gives_same_bytes(page: str) -> None:
    shuffled = Graph()
    for triple in sorted(load_small_graph(), reverse=True):
        shuffled.add(triple)
    assert render_html(shuffled).encode("utf-8") == page.encode("utf-8")


def test_changed_graph_gives_different_page(page: str) -> None:
    graph = load_small_graph()
    graph.set((KGR.GAN, RDFS.label, Literal("生成对抗网络", lang="zh")))
    assert render_html(graph) != page


def test_title_is_escaped() -> None:
    html = render_html(load_small_graph(), title="<b>图谱</b> & co")
    assert "<b>图谱</b>" not in html
    assert html.count("&lt;b&gt;图谱&lt;/b&gt; &amp; co") == 2  # <title> and <h1>


def test_write_html_writes_utf8(tmp_path: Path, page: str) -> None:
    target = tmp_path / "graph.html"
    write_html(page, target)
    assert target.read_bytes() == page.encode("utf-8")
    assert os.listdir(tmp_path) == ["graph.html"]


def test_write_html_keeps_old_file_when_replace_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.html"
    target.write_bytes(b"old page")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg_io.os, "replace", broken_replace)
    with pytest.raises(OutputError, match="graph.html"):
        write_html("新页面", target)
    assert target.read_bytes() == b"old page"
    assert os.listdir(tmp_path) == ["graph.html"]


def test_write_html_removes_temp_file_on_interrupt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kg_io.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_html("页面", tmp_path / "graph.html")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_write_html_read_only_folder_raises_output_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="writable"):
            write_html("页面", folder / "graph.html")
    finally:
        folder.chmod(0o755)


def test_write_html_under_a_file_raises_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="writable"):
        write_html("页面", blocker / "graph.html")
    assert blocker.read_text() == "x"


def star_graph(entities: int, evidence: int = 0) -> Graph:
    """Ontology plus `entities` Skills and Roles; E0 requires every other one, its first fact backed `evidence` times."""
    graph = Graph()
    graph.parse(ROOT / "ontology" / "kg.ttl")
    for i in range(entities):
        graph.add((KGR[f"E{i}"], RDF.type, KG.Role if i % 2 else KG.Skill))
        graph.add((KGR[f"E{i}"], RDFS.label, Literal(f"实体{i:05d}", lang="zh")))
        if i:
            graph.add((KGR.E0, KG.requiresSkill, KGR[f"E{i}"]))
    for j in range(evidence):
        node = BNode()
        for p, o in ((RDF.type, KG.Evidence), (RDF.subject, KGR.E0), (RDF.predicate, KG.requiresSkill),
                     (RDF.object, KGR.E1), (KG.sentence, Literal(f"句子{j}")), (PROV.wasDerivedFrom, KGA["a.txt"])):
            graph.add((node, p, o))
    return graph


def fake_nodes(count: int, classes: int = 3) -> list[dict]:
    """Node dicts as page_data makes them, degree cycling from 1 so that many ties need the label to break them."""
    return [{"id": f"{i:016x}", "label": f"n{i:05d}", "cls": f"C{i % classes}", "degree": 1 + i % 7}
            for i in range(count)]


def test_overview_is_capped_per_class_by_degree_then_label() -> None:
    nodes = fake_nodes(OVERVIEW_THRESHOLD + 1) + [{"id": "a" * 16, "label": "x", "cls": "Article", "degree": 99}]
    chosen = overview_ids(nodes)
    assert chosen is not None and len(chosen) == 3 * OVERVIEW_PER_CLASS and "a" * 16 not in chosen
    c0 = sorted((n for n in nodes if n["cls"] == "C0"), key=lambda n: (-n["degree"], n["label"]))
    assert {n["id"] for n in c0[:OVERVIEW_PER_CLASS]} <= set(chosen)
    assert all(n["degree"] == 7 for n in c0[:OVERVIEW_PER_CLASS]), "only the highest degree makes it in"
    assert overview_ids(list(reversed(nodes))) == chosen, "input order does not matter"


def test_entities_without_relations_and_authors_neither_count_for_nor_enter_the_overview() -> None:
    """Issue 12: the opening view is the entities with relations; authors are article metadata."""
    lonely = [{"id": f"b{i:015x}", "label": f"z{i}", "cls": "C0", "degree": 0} for i in range(OVERVIEW_THRESHOLD)]
    authors = [{"id": f"c{i:015x}", "label": "", "cls": "C1", "degree": 9, "author": True} for i in range(50)]
    assert overview_ids(fake_nodes(OVERVIEW_THRESHOLD) + lonely + authors) is None
    chosen = set(overview_ids(fake_nodes(OVERVIEW_THRESHOLD + 1) + lonely + authors))
    assert not chosen & {n["id"] for n in lonely + authors}


def test_authors_are_flagged_and_communities_numbered_for_the_opening_view(parsed: PageParser) -> None:
    nodes = {n["label"]: n for n in embedded_data(parsed)["nodes"]}
    assert nodes["张三"].get("author") and "author" not in nodes["Midjourney"]
    numbered = {label for label, n in nodes.items() if "community" in n}
    assert numbered == {label for label, n in nodes.items() if in_story(n)} and "Midjourney" in numbered
    assert nodes["Midjourney"]["community"] == nodes["图像"]["community"], "neighbours share a community"


def test_communities_are_seeded_and_numbered_by_size() -> None:
    edges = [{"from": a, "to": b, "predicate": "kindOf"} for a, b in
             (("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("c", "x"))]
    numbers = communities(list("abcxy"), edges)
    assert numbers == communities(list("yxcba"), list(reversed(edges)))
    assert numbers["a"] == numbers["b"] == numbers["c"] == 0 and numbers["x"] == numbers["y"] == 1


def test_overview_is_off_up_to_the_threshold() -> None:
    assert overview_ids(fake_nodes(OVERVIEW_THRESHOLD)) is None
    data = page_data(star_graph(310, evidence=5))
    assert data["overview"] is None and sum(n["cls"] != "Article" for n in data["nodes"]) == 310
    [edge] = [e for e in data["edges"] if len(e["evidence"])]
    assert len(edge["evidence"]) == edge["evidence_total"] == 5, "a small graph keeps all its evidence"


def test_big_graph_page_keeps_three_evidence_entries_and_the_count() -> None:
    data = page_data(star_graph(OVERVIEW_THRESHOLD + 10, evidence=5))
    ids = {n["id"]: n for n in data["nodes"]}
    assert len(data["overview"]) == 2 * OVERVIEW_PER_CLASS and ids[data["overview"][0]]
    assert ids[max(data["overview"], key=lambda i: ids[i]["degree"])]["label"] == "实体00000"
    [edge] = [e for e in data["edges"] if e["evidence"]]
    assert [ev["sentence"] for ev in edge["evidence"]] == ["句子0", "句子1", "句子2"] and edge["evidence_total"] == 5
