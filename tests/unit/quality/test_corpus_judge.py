"""gold/corpus/judge.py on a tiny synthetic graph: what counts as a discovered entity and a relation, a
reproducible and stable sample, the verdict merge and the precision. Needs no corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("corpus_judge", ROOT / "gold" / "corpus" / "judge.py")
judge = sys.modules.setdefault("corpus_judge", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(judge)

TTL = """
@prefix kg: <https://w3id.org/aigc-kg/ontology#> .
@prefix kgr: <https://w3id.org/aigc-kg/resource/> .
@prefix kga: <https://w3id.org/aigc-kg/article/> .
@prefix kge: <https://w3id.org/aigc-kg/evidence/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

kga:a1 a kg:Article ; kg:sourceFile "x/a1.md" ; kg:mentions kgr:R1, kgr:S1, kgr:P1 ; kg:hasAuthor kgr:Au .
kgr:R1 a kg:Role ; skos:prefLabel "数据产品经理"@zh ; skos:inScheme kg:Discovered ; kg:confidence 0.8 .
kgr:S1 a kg:Skill ; skos:prefLabel "对话能力"@zh ; skos:inScheme kg:Discovered ; kg:confidence 0.7 .
kgr:P1 a kg:Product ; skos:prefLabel "Part 1"@zh ; skos:inScheme kg:Discovered ; kg:confidence 0.6 .
kgr:K1 a kg:Skill ; skos:prefLabel "ROI分析"@zh ; skos:inScheme kg:Lexicon .
kgr:Au a kg:Person ; skos:prefLabel "某作者"@zh ; skos:inScheme kg:Discovered .
kgr:R1 kg:requiresSkill kgr:S1, kgr:K1 .

kge:e1 a kg:Evidence ; rdf:subject kgr:R1 ; rdf:predicate kg:requiresSkill ; rdf:object kgr:K1 ;
    prov:wasDerivedFrom kga:a1 ; kg:sentence "数据产品经理需要ROI分析能力。"@zh ; kg:section "要求"@zh .
kge:e2 a kg:Evidence ; rdf:subject kgr:R1 ; rdf:predicate kg:requiresSkill ; rdf:object kgr:S1 ;
    prov:wasDerivedFrom kga:a1 ; kg:sentence "模型的对话能力。"@zh .
kge:e3 a kg:Evidence ; rdf:subject kga:a1 ; rdf:predicate kg:mentions ; rdf:object kgr:S1 ;
    prov:wasDerivedFrom kga:a1 ; kg:sentence "模型的对话能力。"@zh .
kge:e4 a kg:Evidence ; rdf:subject kga:a1 ; rdf:predicate kg:hasAuthor ; rdf:object kgr:Au ;
    prov:wasDerivedFrom kga:a1 ; kg:sentence "作者：某作者"@zh .
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(data=TTL, format="turtle")


def test_discovered_entities_leave_out_lexicon_entries_and_authors(graph: Graph) -> None:
    items = judge.discovered_entities(graph)
    assert [item.key for item in items] == [("Part 1", "Product"), ("对话能力", "Skill"),
                                            ("数据产品经理", "Role")]
    skill = next(item for item in items if item.key[1] == "Skill")
    assert skill.evidence == (("x/a1.md", "", "模型的对话能力。"),)


def test_relations_are_facts_between_entities_with_their_evidence(graph: Graph) -> None:
    items = judge.relations(graph)
    assert [item.key for item in items] == [("数据产品经理", "requiresSkill", "ROI分析"),
                                            ("数据产品经理", "requiresSkill", "对话能力")]
    assert items[0].evidence == (("x/a1.md", "要求", "数据产品经理需要ROI分析能力。"),)


def _items(n: int) -> list:
    return [judge.Item("entity", (f"名字{i}", "Skill")) for i in range(n)]


def test_sample_is_reproducible_order_free_and_seeded() -> None:
    items = _items(50)
    first = judge.sample(items, 10)
    assert len(first) == 10 and len({i.key for i in first}) == 10
    assert judge.sample(list(reversed(items)), 10) == first
    assert judge.sample(items + items[:5], 10) == first  # duplicates do not count twice
    assert judge.sample(items, 10, seed="another") != first
    assert judge.sample(items, 100) == sorted(items)


def test_sample_keeps_its_members_when_items_come_and_go() -> None:
    """Only items new to the sample need judging after an extraction change."""
    items = _items(60)
    before = judge.sample(items[:40], 10)
    shrunk = judge.sample(items[5:40], 10)  # items removed: every surviving member stays in the sample
    assert {i.key for i in before if i in items[5:40]} <= {i.key for i in shrunk}
    grown = judge.sample(items, 10)  # items added: an old item is in the new sample only if it was before
    assert {i.key for i in grown if i in items[:40]} <= {i.key for i in before}


def test_verdicts_merge_into_precision_and_unjudged_count(tmp_path: Path) -> None:
    items = _items(8)
    drawn = judge.sample(items, 5)
    path = tmp_path / "entity_verdicts.tsv"
    verdicts = {drawn[0].key: judge.Verdict("ok"), drawn[1].key: judge.Verdict("wrong", "not-a-skill"),
                drawn[2].key: judge.Verdict("ok"), ("不在样本里", "Skill"): judge.Verdict("wrong", "clause")}
    judge.write_verdicts(path, judge.ENTITY_FIELDS, verdicts)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "label\tclass\tverdict\treason"
    assert judge.read_verdicts(path, 2) == verdicts
    score = judge.score("entity", items, drawn, judge.read_verdicts(path, 2))
    assert (score.population, score.sampled, score.ok, score.wrong) == (8, 5, 2, 1)
    assert score.precision == pytest.approx(2 / 3)
    assert [i.key for i in score.unjudged] == [drawn[3].key, drawn[4].key]
    assert [(i.key, v.reason) for i, v in score.errors] == [(drawn[1].key, "not-a-skill")]
    assert judge.score("entity", items, drawn, {}).precision is None


def test_a_malformed_verdict_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "v.tsv"
    path.write_text("label\tclass\tverdict\treason\n对话能力\tSkill\tmaybe\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ok\\|wrong"):
        judge.read_verdicts(path, 2)


def test_todo_round_trip_keeps_text_out_of_the_verdict_files(graph: Graph, tmp_path: Path) -> None:
    entities, rels = judge.discovered_entities(graph), judge.relations(graph)
    scores = [judge.score("entity", entities, judge.sample(entities, 3), {}),
              judge.score("relation", rels, judge.sample(rels, 2), {})]
    todo = tmp_path / "todo.tsv"
    assert judge.write_todo(todo, scores) == 5
    lines = [line.split("\t") for line in todo.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    for fields in lines:  # the human fills in verdict and reason
        fields[4], fields[5] = ("wrong", "not-a-skill") if fields[2] == "Skill" else ("ok", "")
    todo.write_text("\n".join("\t".join(f) for f in lines) + "\n", encoding="utf-8")
    entity_file, relation_file = tmp_path / "e.tsv", tmp_path / "r.tsv"
    assert judge.accept(todo, entity_file, relation_file) == (3, 2)
    assert "模型的" not in entity_file.read_text(encoding="utf-8") + relation_file.read_text(encoding="utf-8")
    assert judge.read_verdicts(entity_file, 2)[("对话能力", "Skill")] == judge.Verdict("wrong", "not-a-skill")
    again = judge.score("entity", entities, judge.sample(entities, 3), judge.read_verdicts(entity_file, 2))
    assert (again.ok, again.wrong, len(again.unjudged)) == (2, 1, 0)


def test_todo_refuses_to_write_article_text_into_the_repository() -> None:
    with pytest.raises(SystemExit):
        judge.write_todo(ROOT / "gold" / "corpus" / "todo.tsv", [])
