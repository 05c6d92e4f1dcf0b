"""The career map of the seeds' build: what it tells a newcomer, and the page in headless Chromium (offline, printable)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from test_browser import CHROMIUM, Visit, browser, load_small_graph  # noqa: F401  (browser is a fixture)

from kg.cli.report import report_command
from kg.core.namespaces import KG, sparql_prologue
from kg.outputs.report import CareerMap, career_map
from kg.outputs.report_render import render_report_html, write_report

NO_CHROMIUM = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
FOUR_COMPANY_TYPES = {"模型厂", "有模型自研能力的互联网大厂", "有模型微调能力的头部企业", "使用三方模型服务的业务公司"}


@pytest.fixture(scope="module")
def seeds_map(seeds_build) -> CareerMap:
    return career_map(seeds_build[0].graph)


def sentences(graph: Graph, subject: str, predicate: str, obj: str) -> set[str]:
    """Evidence sentences of the fact whose ends carry these @zh labels, read straight from the graph."""
    query = sparql_prologue() + """SELECT ?sentence WHERE { ?s rdfs:label ?sl . ?o rdfs:label ?ol .
      ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence }"""
    rows = graph.query(query, initBindings={"sl": Literal(subject, lang="zh"), "p": KG[predicate],
                                            "ol": Literal(obj, lang="zh")})
    return {str(row.sentence) for row in rows}


def notes(report: CareerMap) -> dict[int, str]:
    sections = [*report.roles, report.companies, report.products, report.lineages]
    return {n.number: n.sentence for s in sections for n in s.notes}


def test_application_pm_needs_roi_analysis_and_market_insight(seeds_build, seeds_map: CareerMap) -> None:
    graph = seeds_build[0].graph
    role = next(s for s in seeds_map.roles if s.heading == "AIGC应用产品经理")
    skills = {ref.label: ref for ref in dict(role.fields)["需要的技能"]}
    assert {"ROI分析", "市场洞察"} <= set(skills)
    for skill in ("ROI分析", "市场洞察"):
        expected = sentences(graph, "AIGC应用产品经理", "requiresSkill", skill)
        assert expected and {notes(seeds_map)[n] for n in skills[skill].notes} == expected
    assert any("ROI分析能力" in s for s in sentences(graph, "AIGC应用产品经理", "requiresSkill", "ROI分析"))
    html = render_report_html(seeds_map)
    assert all(escape(s) in html for s in sentences(graph, "AIGC应用产品经理", "requiresSkill", "ROI分析"))


def test_company_types_side_by_side(seeds_map: CareerMap) -> None:
    rows = {row[0][0].label: row for row in seeds_map.companies.rows}
    assert FOUR_COMPANY_TYPES <= set(rows)
    assert [r.label for r in rows["模型厂"][1]] == ["算法团队"]
    assert all(rows[ct][1] for ct in FOUR_COMPANY_TYPES), "each of the four says whom a PM there serves"


def test_products_by_content_type(seeds_map: CareerMap) -> None:
    groups = {name: [r.label for r in refs] for name, refs in seeds_map.products.fields}
    assert "Midjourney" in groups["图像"]
    assert any(chain[-1].label == "ChatGPT" for chain in seeds_map.lineages.chains)


def _print_ok(visit: Visit, path: Path) -> None:
    """The page loaded offline without dialogs or errors, fits the window, and prints to PDF."""
    page = visit.page
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    assert page.pdf(format="A4")[:5] == b"%PDF-"
    page.emulate_media(media="print")
    assert page.locator(".notes li").first.is_visible(), "the evidence prints"
    assert visit.dialogs == [] and visit.errors == []
    assert set(visit.requests) <= {path.as_uri()}, "the report asked the network for something"


@pytest.mark.browser
@NO_CHROMIUM
def test_seeds_report_opens_offline_and_prints(browser: Any, seeds_build, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "report.html"
    result = CliRunner().invoke(report_command, ["--graph", str(seeds_build[1] / "graph.ttl"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    visit = Visit(browser, out)
    visit.page.wait_for_load_state("load")
    assert visit.page.locator("#company-table tr", has_text="模型厂").first.is_visible()
    assert "算法团队" in visit.page.locator("#company-table tr", has_text="模型厂").first.inner_text()
    _print_ok(visit, out)
    visit.page.close()


@pytest.mark.browser
@NO_CHROMIUM
def test_hostile_report_stays_inert(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    out, _ = write_report(career_map(load_small_graph()), tmp_path / "report.html")
    visit = Visit(browser, out)
    visit.page.wait_for_load_state("load")
    page = visit.page
    assert page.locator("img, script, iframe, object").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.locator("#role-1").inner_text()
    assert "</script><script>alert(1)</script>" in page.locator("#role-1 .notes").inner_text()
    page.wait_for_timeout(300)
    _print_ok(visit, out)
    page.close()
