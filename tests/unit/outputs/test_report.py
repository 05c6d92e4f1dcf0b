"""The career map from small hand-written graphs: content, evidence numbering, escaping, determinism, the command."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.cli.report import report_command
from kg.core.errors import InputError, OutputError
from kg.core.namespaces import KG, KGA, KGR, SCHEMA
from kg.outputs.report import CareerMap, career_map
from kg.outputs.report_render import (
    md_text,
    render_report_html,
    render_report_markdown,
    write_report,
)

ROOT = Path(__file__).resolve().parents[3]
HOSTILE = "<img src=x onerror=alert(1)>"


def small_graph() -> Graph:
    """The ontology plus tests/data/small_graph.ttl (with its hostile text), as a build would hold them."""
    graph = Graph()
    graph.parse(ROOT / "ontology" / "kg.ttl")
    graph.parse(ROOT / "tests" / "data" / "small_graph.ttl")
    return graph


@pytest.fixture(scope="module")
def small() -> CareerMap:
    return career_map(small_graph())


def fields(section) -> dict[str, list[str]]:
    return {name: [ref.label for ref in refs] for name, refs in section.fields}


def all_notes(report: CareerMap) -> dict[int, tuple[str, str]]:
    sections = [*report.roles, report.companies, report.products, report.lineages]
    return {n.number: (n.sentence, n.title) for s in sections for n in s.notes}


def test_role_shows_skill_employer_and_what_to_know_with_evidence(small: CareerMap) -> None:
    [role] = small.roles
    assert role.heading == "AIGC产品经理"
    assert fields(role) == {"需要的技能": ["ROI分析"], "招聘它的公司类型": ["模型厂"], "应了解的产品与技术": [HOSTILE]}
    skill = dict(role.fields)["需要的技能"][0]
    notes = all_notes(small)
    assert [notes[n] for n in skill.notes] == [("AIGC产品经理需要会做ROI分析。", "转行AIGC产品经理到底需要什么要求")]
    assert dict(role.fields)["应了解的产品与技术"][0].aside == "概念"


def test_company_products_and_lineage_sections(small: CareerMap) -> None:
    [(company, team, roles)] = small.companies.rows
    assert (company[0].label, [r.label for r in team], [r.label for r in roles]) == ("模型厂", ["算法团队"], ["AIGC产品经理"])
    assert fields(small.products) == {"图像": ["Midjourney"]}
    midjourney = dict(small.products.fields)["图像"][0]
    assert len(midjourney.notes) == 3, "three sentences, in two articles, say Midjourney generates images"
    assert [[r.label for r in chain] for chain in small.lineages.chains] == [["GAN", "扩散模型"]]


def test_notes_are_numbered_once_in_reading_order(small: CareerMap) -> None:
    notes = all_notes(small)
    assert sorted(notes) == list(range(1, len(notes) + 1))
    sections = [*small.roles, small.companies, small.products, small.lineages]
    cited = [n for s in sections for refs in [*(r for _, r in s.fields), *(c for row in s.rows for c in row),
                                              *s.chains] for ref in refs for n in ref.notes]
    assert set(cited) == set(notes)
    assert [n for i, n in enumerate(cited) if n not in cited[:i]] == sorted(notes), "first citations count up"


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_keeps_hostile_text_inert(small: CareerMap) -> None:
    html = render_report_html(small)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "注意&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;与&lt;a href=&quot;javascript:alert(1)" in html
    assert "AIGC 图像生成&lt;/script&gt;入门" in html
    parser = _Tags()
    parser.feed(html)
    assert {tag for tag, _ in parser.tags} <= {"html", "head", "meta", "title", "style", "body", "main", "header", "h1",
                                               "h2", "h3", "p", "nav", "ol", "ul", "li", "a", "sup", "span", "table",
                                               "thead", "tbody", "tr", "th", "td", "section", "dl", "dt", "dd", "q",
                                               "cite"}
    links = [attrs["href"] for tag, attrs in parser.tags if "href" in attrs]
    assert links and all(h.startswith("#") or h == "https://example.org/a1" for h in links)
    assert not any(name.startswith("on") or name == "src" for _, attrs in parser.tags for name in attrs)
    assert "default-src 'none'" in html and "script-src" not in html


def test_only_plain_http_article_urls_are_linked() -> None:
    graph = small_graph()
    graph.add((KGA["a2.txt"], SCHEMA.url, Literal("javascript:alert(1)")))
    html = render_report_html(career_map(graph))
    assert '<a href="https://example.org/a1" rel="noreferrer noopener">' in html
    assert 'href="javascript' not in html and "](javascript" not in render_report_markdown(career_map(graph))


def test_markdown_escapes_text_and_table_cells(small: CareerMap) -> None:
    assert md_text("a|b*c_d[e]<f>\n g`h#i&j\\") == r"a\|b\*c\_d\[e\]\<f\> g\`h\#i\&j\\"
    markdown = render_report_markdown(small)
    assert not re.search(r"(?<!\\)<", markdown), "every < is escaped, so no tag from the data survives"
    assert r"\<img src=x onerror=alert(1)\>" in markdown
    assert r"| AIGC 图像生成\</script\>入门 |" in markdown
    for line in markdown.splitlines():
        if line.startswith("| "):
            assert len(re.findall(r"(?<!\\)\|", line)) in (4, 5), line  # articles: 3 columns, companies: 3 columns
    assert "[^1]: “AIGC产品经理需要会做ROI分析。” ——《转行AIGC产品经理到底需要什么要求》，2. 能力要求" in markdown


def test_same_graph_gives_same_bytes(tmp_path: Path) -> None:
    graph = small_graph()
    shuffled = Graph()
    for triple in sorted(graph, reverse=True):
        shuffled.add(triple)
    first = write_report(career_map(graph), tmp_path / "a" / "report.html")
    second = write_report(career_map(shuffled), tmp_path / "b" / "report.html")
    assert [p.name for p in first] == ["report.html", "report.md"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def _graph(facts: list[tuple[str, str, str]], types: dict[str, URIRef]) -> Graph:
    graph = Graph()
    graph.parse(ROOT / "ontology" / "kg.ttl")
    for name, cls in types.items():
        graph.add((KGR[name], RDF.type, cls))
        graph.add((KGR[name], RDFS.label, Literal(name, lang="zh")))
    for s, p, o in facts:
        graph.add((KGR[s], KG[p], KGR[o]))
    return graph


def test_lineages_cover_every_edge_and_stop_at_cycles() -> None:
    edges = [("A", "B"), ("B", "C"), ("A", "D"), ("X", "Y"), ("Y", "X")]
    graph = _graph([(a, "evolvesInto", b) for a, b in edges], dict.fromkeys("ABCDXY", KG.Technology))
    chains = [[r.label for r in chain] for chain in career_map(graph).lineages.chains]
    assert chains == [["A", "B", "C"], ["A", "D"], ["X", "Y"], ["Y", "X"]]


def test_roles_by_fact_count_then_label() -> None:
    types = {"Beta": KG.Role, "Alpha": KG.Role, "Busy": KG.Role, "Idle": KG.Role, "S": KG.Skill, "T": KG.Skill}
    facts = [("Busy", "requiresSkill", "S"), ("Busy", "requiresSkill", "T"), ("Beta", "requiresSkill", "S"),
             ("Alpha", "requiresSkill", "T")]
    assert [s.heading for s in career_map(_graph(facts, types)).roles] == ["Busy", "Alpha", "Beta"]


def test_out_must_name_the_html_file(small: CareerMap, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="HTML file"):
        write_report(small, tmp_path / "report.md")


def test_command_writes_page_and_twin(tmp_path: Path) -> None:
    small_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    out = tmp_path / "site" / "map.html"
    result = CliRunner().invoke(report_command, ["--graph", str(tmp_path / "graph.ttl"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["1 roles, 1 company types compared, 1 product groups, 1 lineages",
                                          f"wrote {out}", f"wrote {out.with_suffix('.md')}"]
    assert "ROI分析" in out.read_text(encoding="utf-8") and "ROI分析" in out.with_suffix(".md").read_text("utf-8")


def test_command_reports_a_missing_graph(tmp_path: Path) -> None:
    result = CliRunner().invoke(report_command, ["--graph", str(tmp_path / "none.ttl"), "--out", str(tmp_path / "r.html")])
    assert isinstance(result.exception, InputError)
    assert not (tmp_path / "r.html").exists()
