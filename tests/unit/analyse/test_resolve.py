"""Tests of kg.analyse.resolve: merging mentions across documents, one class per name, candidates, domain/range, IRIs."""

from __future__ import annotations

import pyoxigraph
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kg.analyse.extract.mentions import lexicon_mention
from kg.core.model import Evidence, Extraction, Relation
from kg.core.namespaces import KGR
from kg.analyse.resolve import Resolved, entity_iri, iri_safe, resolve

LISTED = "了解并使用过ChatGPT、FooGen、Midjourney 等工具"  # FooGen: Product, confidence 0.8
LISTED_AGAIN = "AIGC产品经理要会用Claude、FooGen 等AI工具。"  # FooGen: Product again
ALONE = "我昨天听说了FooGen这个词"  # FooGen: untyped Concept, confidence 0.4


def resolve_texts(run, resources, *texts: str, min_confidence: float = 0.6) -> Resolved:
    extractions = [run(text, f"doc{i}.md") for i, text in enumerate(texts)]
    return resolve(extractions, resources.ontology, resources.lexicon, min_confidence)


def named(resolved: Resolved, label: str):
    return [e for e in resolved.entities if e.label == label]


# ---------------------------------------------------------------- merging


def test_same_discovered_name_in_two_documents_is_one_entity(run, resources) -> None:
    resolved = resolve_texts(run, resources, LISTED, LISTED_AGAIN)
    [foogen] = named(resolved, "FooGen")
    assert foogen.cls == "Product" and not foogen.known
    assert foogen.iri == entity_iri("Product", "FooGen")
    docs = {doc_id for doc_id, key, _ in resolved.mentions if key == foogen.key}
    assert docs == {"doc0.md", "doc1.md"}


def test_known_name_under_two_aliases_is_one_entity(run, resources) -> None:
    resolved = resolve_texts(run, resources, "我用Stable Diffusion画图", "SD的插件很多")
    sd = [e for e in resolved.entities if e.iri == str(KGR.StableDiffusion)]
    assert len(sd) == 1
    assert sd[0].known and sd[0].label == "Stable Diffusion"
    assert "SD" in sd[0].aliases
    assert {d for d, key, _ in resolved.mentions if key == sd[0].key} == {"doc0.md", "doc1.md"}


def test_discovered_name_seen_as_product_and_concept_gets_one_class(run, resources) -> None:
    product_doc = run(LISTED, "a.md")
    concept_doc = run(ALONE, "b.md")
    assert {m.cls for m in product_doc.mentions + concept_doc.mentions if m.surface == "FooGen"} == {"Product", "Concept"}
    resolved = resolve([product_doc, concept_doc], resources.ontology, resources.lexicon, 0.6)
    foogens = [e for e in resolved.entities if e.label.lower() == "foogen"]
    assert len(foogens) == 1
    assert foogens[0].cls == "Product"
    assert {d for d, key, _ in resolved.mentions if key == foogens[0].key} == {"a.md", "b.md"}
    assert [c for c in resolved.candidates if c.label == "FooGen"] == []


def test_low_confidence_names_become_candidates(run, resources) -> None:
    resolved = resolve_texts(run, resources, ALONE)
    assert named(resolved, "FooGen") == []
    [candidate] = [c for c in resolved.candidates if c.label == "FooGen"]
    assert candidate.confidence < 0.6
    assert candidate.count == 1
    assert candidate.examples == (ALONE,)
    assert all(key != f"{candidate.cls}:foogen" for _, key, _ in resolved.mentions)


def test_min_confidence_decides_entity_or_candidate(run, resources) -> None:
    resolved = resolve_texts(run, resources, ALONE, min_confidence=0.3)
    assert len(named(resolved, "FooGen")) == 1
    assert [c for c in resolved.candidates if c.label == "FooGen"] == []


def test_resolve_is_deterministic(run, resources) -> None:
    first = resolve_texts(run, resources, LISTED, ALONE, LISTED_AGAIN)
    second = resolve_texts(run, resources, LISTED, ALONE, LISTED_AGAIN)
    assert first == second


# ---------------------------------------------------------------- domain / range


def test_relations_breaking_domain_or_range_are_dropped_and_counted(resources, make_doc) -> None:
    doc = make_doc("ChatGPT、Midjourney和OpenAI")
    lookup = resources.lexicon.lookup
    text = doc.text

    def mention(name: str):
        start = text.index(name)
        return lexicon_mention(doc, start, start + len(name), lookup(name), "lexicon")

    chatgpt, midjourney, openai = mention("ChatGPT"), mention("Midjourney"), mention("OpenAI")
    sentence = doc.sentences[0]
    evidence = Evidence(doc.doc_id, sentence.text, sentence.start, sentence.end, "test")
    relations = (
        Relation(chatgpt, "madeBy", openai, evidence),  # Product → Organization: fine
        Relation(chatgpt, "requiresSkill", midjourney, evidence),  # domain Role, range Skill: both wrong
        Relation(openai, "madeBy", chatgpt, evidence),  # reversed: both wrong
        Relation(chatgpt, "generates", openai, evidence),  # range ContentType: wrong
    )
    extraction = Extraction(doc, (), (chatgpt, midjourney, openai), relations)
    resolved = resolve([extraction], resources.ontology, resources.lexicon, 0.6)
    assert resolved.rejected == 3
    assert [(f.subject, f.predicate, f.object) for f in resolved.facts] == [
        (str(KGR.ChatGPT), "madeBy", str(KGR.OpenAI))]
    assert resolved.facts[0].evidence == (evidence,)


def test_extracted_relations_respect_domain_and_range(run, resources) -> None:
    resolved = resolve_texts(run, resources, LISTED, "百度飞桨大模型平台很好用", "发展路线：循环神经网络-Transformer-ChatGPT",
                             "如果你选择的是**模型厂**，那你服务的对象就是算法团队")
    classes = {e.key: e.cls for e in resolved.entities}
    assert resolved.facts
    for fact in resolved.facts:
        spec = resources.ontology.properties[fact.predicate]
        assert classes[fact.subject] in spec.domain and classes[fact.object] in spec.range


# ---------------------------------------------------------------- IRIs

AWKWARD = ["a b", "a<b>", 'say "hi"', "{x}", "a|b", "back\\slash", "x^y", "`tick`", "100%", "C#", "why?", "A/B",
           "line\nbreak", "nul\x00byte", "tab\tbed", "中文 名字", "C++", "🚀 rocket", "\u200bzero", "", "%2F", "..", "."]


@pytest.mark.parametrize("label", AWKWARD)
def test_entity_iri_is_accepted_by_pyoxigraph(label: str) -> None:
    iri = entity_iri("Product", label)
    pyoxigraph.NamedNode(iri)
    assert iri.startswith(f"{KGR}Product-")
    tail = iri[len(f"{KGR}Product-"):]
    assert not any(ch in tail for ch in ' <>"{}|\\^`#?/\n\x00')


def test_slash_and_its_percent_encoding_give_different_iris() -> None:
    assert entity_iri("Product", "A/B") != entity_iri("Product", "A%2FB")
    assert entity_iri("Concept", "a%b") != entity_iri("Concept", "a%25b")


def test_entity_iri_follows_the_match_key() -> None:
    assert entity_iri("Product", "Foo Gen") == entity_iri("Product", "foo-gen") == entity_iri("Product", "ＦＯＯＧＥＮ")
    assert entity_iri("Product", "FooGen") != entity_iri("Concept", "FooGen")
    assert entity_iri("Role", "视频生成产品经理") == f"{KGR}Role-视频生成产品经理"


@given(st.text(max_size=30))
@hypothesis_settings(max_examples=300, deadline=None)
def test_any_label_gives_a_valid_iri(label: str) -> None:
    pyoxigraph.NamedNode(entity_iri("Concept", label))


@given(st.text(max_size=12), st.text(max_size=12))
@hypothesis_settings(max_examples=300, deadline=None)
def test_iri_safe_is_injective(a: str, b: str) -> None:
    if a != b:
        assert iri_safe(a) != iri_safe(b)


def test_one_typing_cue_outweighs_many_untyped_guesses_and_gives_the_confidence(run, resources) -> None:
    resolved = resolve_texts(run, resources, LISTED, ALONE, ALONE + "。")
    [foogen] = named(resolved, "FooGen")
    assert foogen.cls == "Product"


def test_an_untyped_guess_never_borrows_the_confidence_of_another_class(run, resources) -> None:
    resolved = resolve_texts(run, resources, ALONE, "ChatGPT、FooGen等工具。")
    assert [e.cls for e in named(resolved, "FooGen")] in ([], ["Product"])
